"""Canned-reply libraries and key/value catalogs in YAML or JSON (docs/replies.md has the format).

Two layouts:

- Per locale (monolingual): one file per locale, `replies/de-DE.yaml` beside `replies/en-US.yaml`,
  or an i18next catalog `locales/de/translation.json`. Any nesting of mappings (and lists of
  mappings with an `id`) with strings at the leaves; each string is an entry keyed by its dotted
  path (`refund_approved.body`, `chat.title`). l10n_qa.pairing pairs the file with its source by
  path and the entries by key (i18next plural suffixes `_one`, `_few`, … by the target language's
  plural categories).
- Bilingual: one file per reply (or an i18next resources file) whose top-level keys are locales,
  the source among them: `en-US: {title, body}`, `de-DE: {title, body}`, with optional `id` and
  `source_locale`. It pairs itself: every other locale is checked against the source locale.

YAML is read with the safe loader only; JSON is validated with the json module (for its exact
error positions) and then read through the same YAML node tree for the position of every string.
"""

from __future__ import annotations

import json
import re

import yaml

from l10n_qa.blocks import Bilingual, Block, LocaleBlocks
from l10n_qa.formats import LoadError, LoadHints, decode_document
from l10n_qa.formats import _comments, _yaml
from l10n_qa.model import Document, FixedPosition, LineIndex, Locale, locale_code

_META_KEYS = frozenset({"id", "source_locale"})
_TOP_KEY = re.compile(r"""^(?:["']?)([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)(?:["']?)[ \t]*:""", re.M)
_JSON_TOP_KEY = re.compile(r"""^[ \t]{0,8}(?:\{[ \t]*)?"([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)"[ \t]*:[ \t]*\{""", re.M)


def _locale_key(name: str) -> Locale | None:
    return locale_code(name)


def looks_bilingual(head: bytes) -> bool:
    """Whether the start of a YAML/JSON file has two or more top-level locale keys (a bilingual file)."""
    # Decoded as the loader will (decode_document): a UTF-16 BOM means UTF-16 (D58: read as UTF-8,
    # a UTF-16 file showed no keys and was refused with "cannot tell which locale").
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    text = head.decode(encoding, "ignore")
    if "\n" not in text and "\r" in text.rstrip("\r"):
        return True  # CR-only line ends: let the loader refuse it with the reason (D57)
    keys = {m.group(1) for m in (_JSON_TOP_KEY if text.lstrip().startswith("{") else _TOP_KEY).finditer(text)}
    return len({loc for key in keys if (loc := _locale_key(key))}) >= 2


def load(path: str, data: bytes, hints: LoadHints) -> Document:
    text = decode_document(data)
    is_json = path.lower().endswith(".json") or text.lstrip().startswith(("{", "["))
    if is_json:
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
        except RecursionError:
            raise LoadError("invalid JSON: nested too deeply") from None
        except ValueError as exc:  # an integer longer than Python's digit limit (4,300)
            raise LoadError(f"invalid JSON: {exc}") from None
        text_for_yaml = text.replace("\t", " ")  # JSON allows tabs between tokens, YAML does not; same length
    else:
        text_for_yaml = text
    node = _yaml.compose(text_for_yaml)
    lines = LineIndex(text)
    if node is None:
        return Document(path, "replies", hints.target_locale, hints.source_locale, blocks=[])
    if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        raise LoadError("expected a mapping of reply ids (or keys) to texts", node.start_mark.line + 1)
    locales = _top_locales(node)
    if len(locales) >= 2 or (locales and all(str(k.value) in _META_KEYS for k, _ in _non_locale_items(node, locales))
                             and hints.target_locale is None):
        document = _bilingual(path, node, text_for_yaml, lines, locales, hints)
        document.comments = [] if is_json else _comments.yaml_comments(text, lines)
        return document
    blocks = [Block("entry", _yaml.scalar_text(scalar), _yaml.scalar_map(scalar, text_for_yaml, 0, lines), key=key,
                    pointer=pointer)
              for key, pointer, scalar in _yaml.walk_strings(node)]
    return Document(path, "replies", hints.target_locale, hints.source_locale, blocks=blocks,
                    comments=[] if is_json else _comments.yaml_comments(text, lines))


def _top_locales(node: yaml.Node) -> dict[str, tuple[Locale, yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    found = {}
    for key_node, value_node in node.value:
        locale = _locale_key(str(key_node.value))
        if locale is not None and isinstance(value_node, (yaml.MappingNode, yaml.SequenceNode)):
            found[str(key_node.value)] = (locale, key_node, value_node)
    return found


def _non_locale_items(node: yaml.MappingNode, locales: dict) -> list:
    return [(k, v) for k, v in node.value if str(k.value) not in locales]


def _bilingual(path: str, node: yaml.MappingNode, raw: str, lines: LineIndex, locales: dict, hints: LoadHints) -> Document:
    """Every locale's texts, keyed alike so pairing can align them (this loader does not pair)."""
    meta = {str(k.value): v for k, v in _non_locale_items(node, locales)}
    for key, value in meta.items():
        if key not in _META_KEYS:
            raise LoadError(f"unexpected top-level key {key!r} in a bilingual reply file (expected locales, "
                            "`id` and `source_locale`)", value.start_mark.line + 1)
    declared = meta.get("source_locale")
    declared_locale = None
    if declared is not None:
        try:
            declared_locale = Locale.parse(str(declared.value))
        except ValueError:
            raise LoadError(f"source_locale {declared.value!r} is not a locale tag", declared.start_mark.line + 1) from None
    prefix = str(meta["id"].value) if "id" in meta else ""

    def blocks_of(value_node: yaml.Node, locale: Locale, locale_key: str) -> list[Block]:
        return [Block("entry", _yaml.scalar_text(scalar), _yaml.scalar_map(scalar, raw, 0, lines), key=key, locale=locale,
                      pointer=pointer)
                for key, pointer, scalar in _yaml.walk_strings(value_node, prefix, _yaml.pointer_step("", locale_key))]

    found = [LocaleBlocks(key, locale, FixedPosition(key_node.start_mark.line + 1, key_node.start_mark.column + 1),
                          blocks_of(value_node, locale, key))
             for key, (locale, key_node, value_node) in locales.items()]
    document = Document(path, "replies", None, declared_locale or hints.source_locale)
    document.unaligned = Bilingual(found, declared_locale, bool(prefix), node.start_mark.line + 1)
    return document
