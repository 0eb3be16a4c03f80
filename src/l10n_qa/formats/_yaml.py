"""YAML read safely and with positions, for front matter and reply libraries.

Only `yaml.compose` with the SafeLoader is used: it builds a node tree (each node knows where it
starts and ends in the text) and never constructs Python objects, so `!!python/object` tags are
inert. Aliases are shared nodes, not copies; walking the tree visits each node once, so an alias
bomb costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from l10n_qa.blocks import OffsetsMap, align
from l10n_qa.formats import LoadError
from l10n_qa.model import LineIndex

STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"


def compose(text: str, first_line: int = 1) -> yaml.Node | None:
    """The node tree of `text`; `first_line` is the file line `text` starts on (for errors)."""
    from l10n_qa import safe_yaml

    try:  # bounded: nesting depth and alias expansion are limited (safe_yaml.py)
        return safe_yaml.compose(text, first_line, exact_positions=True)
    except safe_yaml.YAMLError as exc:
        raise LoadError(exc.message, exc.line) from None


def is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG


def scalar_text(node: yaml.ScalarNode) -> str:
    """A string scalar's text; the line break YAML adds to the end of a block scalar is syntax."""
    return node.value.rstrip("\n") if node.style in ("|", ">") else node.value


def scalar_map(node: yaml.ScalarNode, raw: str, base: int, lines: LineIndex) -> OffsetsMap:
    """Where each character of a string scalar is in the file.

    `raw` is the YAML text as it is in the file and `base` the file offset it starts at. Quotes,
    escapes, indentation of block scalars and folded line breaks are stepped over by `align`.
    """
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        # Skip the indicator line: the text starts on the next line.
        newline = raw.find("\n", start, end)
        start = newline + 1 if newline != -1 else start
    return OffsetsMap(lines, align(scalar_text(node), raw[start:end], base + start))


def _translator_note_keys(node: yaml.MappingNode) -> frozenset[str]:
    """`description` beside `message` (Docusaurus i18n JSON, Chrome extension messages.json) is a
    note that tells translators what the message is for: it is never shown, so it is not text."""
    names = {str(k.value) for k, v in node.value if isinstance(v, yaml.ScalarNode)}
    return frozenset({"description"}) if {"message", "description"} <= names else frozenset()


def walk_strings(node: yaml.Node, prefix: str = "", pointer: str = "") -> Iterator[tuple[str, str, yaml.ScalarNode]]:
    """Every string leaf of a tree as (dotted key, JSON Pointer, node).

    The dotted key names an entry for pairing and reports (list items by their `id` or index); the
    RFC 6901 pointer (`/refund/body`, `/items/0/text`) addresses it exactly, for `suppress:` entries.
    """
    seen: set[int] = set()

    def visit(current: yaml.Node, key: str, where: str, id_key: str | None = None
              ) -> Iterator[tuple[str, str, yaml.ScalarNode]]:
        if id(current) in seen:
            return
        seen.add(id(current))
        if isinstance(current, (yaml.MappingNode, yaml.SequenceNode)) and current.tag not in (MAP_TAG, SEQ_TAG):
            return  # an application tag (`!!python/object/apply`, `!Ref`) marks data that is not text
        if isinstance(current, yaml.MappingNode):
            notes = _translator_note_keys(current)
            for key_node, value_node in current.value:
                name = str(key_node.value)
                if name == id_key:
                    continue  # the list item's id names it; it is not text
                if name in notes:
                    continue  # a note for translators, never shown to customers
                yield from visit(value_node, f"{key}.{name}" if key else name, pointer_step(where, name))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                ident = item_id(item)
                name = ident[1] if ident else str(index)
                yield from visit(item, f"{key}.{name}" if key else name, pointer_step(where, str(index)),
                                 ident[0] if ident else None)
        elif is_text(current):
            yield key, where, current

    yield from visit(node, prefix, pointer)


def pointer_step(pointer: str, name: str) -> str:
    """The JSON Pointer of member `name` of the value at `pointer` (RFC 6901: `~` is `~0`, `/` is `~1`)."""
    return f"{pointer}/{name.replace('~', '~0').replace('/', '~1')}"


def item_id(node: yaml.Node) -> tuple[str, str] | None:
    """(field, value) of the `id` (or `key`) of a mapping in a list, which keys its texts."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value in ("id", "key") and isinstance(value_node, yaml.ScalarNode):
                return str(key_node.value), str(value_node.value)
    return None
