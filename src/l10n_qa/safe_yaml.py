"""Every YAML file l10n-qa reads goes through here: safe, bounded, and with the line of each problem.

Safe: only PyYAML's safe loading (no Python objects from tags). Bounded (design §10): before a node
tree is built, one pass over the parser's events refuses

- nesting deeper than `limits.max_nesting()` (PyYAML's composer recurses once per level: 2,000
  nested `[` are a RecursionError), and
- aliases that would add more than `limits.alias_budget()` values when expanded (an "alias bomb":
  nine lines that expand to a billion values), counted as the expanded size, so aliases of aliases
  count as what they become; an alias inside its own anchor (a recursive structure) is refused too.

Values YAML cannot build (a date that does not exist, 2024-02-30; an integer of 5,000 digits) are
errors with their line, not exceptions. Everything is a `YAMLError(message, line)`; callers turn it
into their own error type with their file name.

Users: config (l10n-qa.yaml), glossaries, rule packs and legal lists (`load`, values with lines),
reply libraries and front matter (`compose`, the node tree with positions).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from l10n_qa import limits

try:
    _Loader = yaml.CSafeLoader  # libyaml: a 10,000-term glossary reads in a fraction of a second
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"


class YAMLError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message, self.line = message, line


class LocatedDict(dict):
    """A mapping that knows its own 1-based line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A list that knows its own 1-based line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def line_of(value, default: int | None = None) -> int | None:
    return getattr(value, "line", default) or default


def error_line(exc: yaml.YAMLError, text: str) -> int | None:
    """The 1-based line a PyYAML error points at; a ReaderError (a forbidden control character)
    carries only a character position."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        return text.count("\n", 0, position) + 1
    return None


def _problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    if problem:
        return problem
    first = str(exc).split("\n")[0].strip()
    return first or type(exc).__name__


def check_bounds(text: str, first_line: int = 1, loader_class=None) -> None:
    """Raise YAMLError if `text` nests too deep or its aliases expand beyond the budget (see module doc)."""
    max_depth, budget = limits.max_nesting(), limits.alias_budget()
    try:
        # The pure-Python reader checks every character when it is made: a control character is a
        # ReaderError here, before the event loop, and must get its line like any other YAML error.
        loader = (loader_class or _Loader)(text)
    except yaml.YAMLError as exc:
        line = error_line(exc, text)
        raise YAMLError(f"invalid YAML: {_problem(exc)}", line + first_line - 1 if line else None) from None
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, expanded count at its start)
    sizes: dict[str, int] = {}  # anchor → how many values it stands for
    total = added_by_aliases = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.AliasEvent):
                size = sizes.get(event.anchor)
                line = event.start_mark.line + first_line
                if size is None:
                    if any(anchor == event.anchor for anchor, _ in open_nodes):
                        raise YAMLError(f"alias *{event.anchor} is inside its own anchor (a recursive structure)", line)
                    continue  # an undefined alias: composing reports it with its line
                total += size
                added_by_aliases += size
                if added_by_aliases > budget:
                    raise YAMLError(f"aliases expand to more than {budget:,} values (an alias bomb?); "
                                    "raise L10N_QA_MAX_YAML_ALIAS_VALUES if this is real", line)
            elif isinstance(event, yaml.ScalarEvent):
                total += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.CollectionStartEvent):
                total += 1
                open_nodes.append((event.anchor, total))
                if len(open_nodes) > max_depth:
                    raise YAMLError(f"nested more than {max_depth} levels deep; raise L10N_QA_MAX_NESTING "
                                    "if this is real", event.start_mark.line + first_line)
            elif isinstance(event, yaml.CollectionEndEvent) and open_nodes:
                anchor, started = open_nodes.pop()
                if anchor is not None:
                    sizes[anchor] = total - started + 1
    except yaml.YAMLError as exc:
        line = error_line(exc, text)
        raise YAMLError(f"invalid YAML: {_problem(exc)}", line + first_line - 1 if line else None) from None
    finally:
        loader.dispose()


def compose(text: str, first_line: int = 1, exact_positions: bool = False) -> yaml.Node | None:
    """The node tree of one YAML document, bounded; `first_line` is the file line `text` starts on.

    `exact_positions`: use PyYAML's own parser, whose marks are character offsets into `text`
    (what the loaders' position maps need); libyaml's are faster to get but not used for columns."""
    # One parser for both passes, so a syntax error reads the same whichever pass meets it.
    loader_class = yaml.SafeLoader if exact_positions else _Loader
    check_bounds(text, first_line, loader_class)
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        line = error_line(exc, text)
        raise YAMLError(f"invalid YAML: {_problem(exc)}", line + first_line - 1 if line else None) from None
    finally:
        loader.dispose()


def load(text: str):
    """Plain dicts, lists and scalars (safe types only); every dict and list is a `Located*` that
    remembers its line and its items' lines. Merge keys and duplicate keys are errors."""
    node = compose(text)
    if node is None:
        return None
    return _convert(node, yaml.constructor.SafeConstructor())


def load_plain(text: str):
    """(node tree, plain Python value) of one bounded YAML document, as `yaml.safe_load` gives it."""
    node = compose(text, exact_positions=True)
    if node is None:
        return None, None
    try:
        return node, yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.YAMLError as exc:
        raise YAMLError(f"invalid YAML: {_problem(exc)}", error_line(exc, text)) from None
    except (ValueError, OverflowError, TypeError) as exc:
        raise YAMLError(f"invalid value: {exc}", _unbuildable_line(node)) from None


def _unbuildable_line(node) -> int | None:
    """The line of the first scalar SafeConstructor cannot build (a date that is none, a huge integer)."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            if current.tag != _STR_TAG:
                try:
                    constructor.construct_object(current)
                except (yaml.YAMLError, ValueError, OverflowError, TypeError):
                    return current.start_mark.line + 1
        elif isinstance(current, yaml.MappingNode):
            stack.extend(item for pair in reversed(current.value) for item in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return None


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
    if node.tag == _STR_TAG:
        return node.value  # most values: no need for the (slow) generic constructor
    try:
        return constructor.construct_object(node)
    except yaml.YAMLError as exc:
        raise YAMLError(f"invalid value: {getattr(exc, 'problem', None) or exc}", line) from None
    except (ValueError, OverflowError, TypeError) as exc:  # 2024-02-30, an integer of 5,000 digits
        raise YAMLError(f"invalid value {node.value[:40]!r}: {exc}", line) from None


class DataFileError(ValueError):
    """A data file (glossary, pack, legal list) that cannot be read; callers add their file name."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_data_file(path: str | Path, what: str) -> str:
    """The text of a UTF-8 data file (a BOM is allowed), refusing non-regular and oversized files.

    `what` names the kind of file in the messages ("rule pack", "legal list").
    """
    from l10n_qa.safe_read import ReadRefused, read_regular_file

    try:
        data = read_regular_file(str(path))
    except ReadRefused as exc:
        raise DataFileError(exc.message) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise DataFileError(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"not valid UTF-8 (save the {what} as UTF-8)") from None
