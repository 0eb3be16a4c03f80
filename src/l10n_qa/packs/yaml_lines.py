"""YAML for data files, read safely and with the line of every value, so errors can name it.

`load(text)` returns plain dicts, lists and scalars (safe types only), where every dict and list is
a `Located*` that remembers the 1-based line of itself and of each of its items. libyaml is used
when PyYAML has it (a 10,000-term glossary reads in a fraction of a second).
"""

from __future__ import annotations

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YAMLError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message, self.line = message, line


class LocatedDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def load(text: str):
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise YAMLError(f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    if node is None:
        return None
    constructor = yaml.constructor.SafeConstructor()
    return _convert(node, constructor)


def _convert(node, constructor):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YAMLError("merge keys (<<) are not supported here", line)
            key = _convert(key_node, constructor)
            if isinstance(key, (dict, list)):
                raise YAMLError("a key must be a plain value", key_node.start_mark.line + 1)
            if key in result:
                raise YAMLError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            result[key] = _convert(value_node, constructor)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LocatedList(_convert(item, constructor) for item in node.value)
        result.line = line
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # most values: no need for the (slow) generic constructor
    try:
        return constructor.construct_object(node)
    except yaml.YAMLError as exc:
        raise YAMLError(f"invalid value: {getattr(exc, 'problem', exc)}", line) from None


def line_of(value, default: int | None = None) -> int | None:
    return getattr(value, "line", default) or default
