"""Blocks: what a monolingual file (an article, a per-locale catalog) is made of before it is paired.

Loaders of Markdown, HTML, plain text and per-locale reply catalogs turn a file into `Block`s (a
heading, a paragraph, a list item, a code block, a front-matter field, a catalog entry), each with
its text and an exact map from every character of that text to its place in the file.
`l10n_qa.pairing` aligns a translation's blocks with its source's blocks and records the result as a
`Pairing` on the document, which the structure and completeness checks read. Nothing here knows
of checks or files; only model types are imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n_qa.model import FixedPosition, LineIndex, Locale, Markup, Segment, TextMap

# Block kinds whose text is prose (paired into segments and checked); `code` is compared verbatim.
TEXT_KINDS = frozenset({"heading", "paragraph", "list-item", "quote", "table-cell", "image", "html", "field", "entry"})
# Blocks aligned by key (front matter, catalogs); all others are aligned by position and content.
KEYED_KINDS = frozenset({"field", "entry"})


@dataclass(frozen=True, slots=True)
class InlineRef:
    """Something inside a block's text that must survive translation as it is.

    kind: `link` (value: the target), `image` (value: the source), `code` (value: the code).
    start/end: the span in the block's text that stands for it (the link text, the alt text, the
    code span); `shown` is how a message quotes it (`[text](target)`).
    """

    kind: str
    start: int
    end: int
    value: str
    shown: str = ""


@dataclass(slots=True)
class Block:
    kind: str
    text: str
    text_map: TextMap
    key: str = ""  # for keyed blocks: the front-matter field, the catalog key
    level: int = 0  # heading level
    info: str = ""  # a code block's language
    refs: tuple[InlineRef, ...] = ()
    markup: tuple[Markup, ...] | None = None  # inline markup the loader parsed (None: not known)
    protected: tuple[tuple[int, int], ...] = ()  # code spans in `text`
    strong: tuple[tuple[int, int], ...] = ()  # bold (`**…**`) spans in `text`, whose markers the text drops
    direction: str | None = None
    locale: Locale | None = None  # where a block declares its own (HTML lang)
    pointer: str = ""  # a YAML/JSON entry's RFC 6901 JSON Pointer in its file (`/refund/body`)

    def describe(self) -> str:
        """How a message names the block: `heading "Refunds"`, `list item "Open Settings"`."""
        name = {"list-item": "list item", "table-cell": "table cell", "code": "code block", "quote": "block quote",
                "html": "HTML block", "field": "front-matter field", "entry": "entry"}.get(self.kind, self.kind)
        if self.kind in KEYED_KINDS:
            return f"{name} `{self.key}`"
        shown = " ".join(self.text.split())
        if len(shown) > 60:
            shown = shown[:57] + "…"
        return f'{name} "{shown}"' if shown else name


@dataclass(slots=True)
class AlignedBlock:
    """A source block and its translation; one of them is None when the other has no partner.

    `anchor` places a missing block where the translation should have it.
    """

    source: Block | None
    target: Block | None
    anchor: TextMap | None = None
    locale: Locale | None = None  # the translation's locale, where a file holds several (bilingual replies)

    def placement(self) -> Segment:
        """A segment that places a finding about this pair: in the target block, or at the anchor."""
        source, target = self.source, self.target
        where = target.text_map if target is not None else (self.anchor or FixedPosition(1, 1))
        key = (source or target).key or (source or target).text[:200]
        return Segment(key=key, source=source.text if source else None, target=target.text if target else "",
                       source_locale=None, target_locale=self.locale or (target.locale if target else None), path="",
                       target_map=where, pointer=(target or source).pointer)


@dataclass(slots=True)
class Pairing:
    """What pairing learnt about a translated file, for the structure and completeness checks."""

    source_path: str | None  # as reports show it; None when the source is gone
    aligned: list[AlignedBlock] = field(default_factory=list)
    expected_source: str = ""  # the source is gone: where it was looked for
    stale: str = ""  # the source changed after the translation (why we think so)
    # A source file with no translation: (locale, the path the translation should have).
    missing_translations: tuple[tuple[Locale, str], ...] = ()


@dataclass(slots=True)
class LocaleBlocks:
    """The texts of one locale in a file that holds several (a bilingual reply file), not yet aligned."""

    key: str  # the file's top-level key for this locale, as written ("de-DE")
    locale: Locale
    anchor: FixedPosition  # where that key is: a text missing in this locale is reported there
    blocks: list[Block]


@dataclass(slots=True)
class Bilingual:
    """What a file with several locales loads as; l10n_qa.pairing picks the source among them and
    aligns every other locale with it (`pairing.pair_bilingual`)."""

    locales: list[LocaleBlocks]
    declared_source: Locale | None = None  # the file's `source_locale:`
    has_id: bool = False  # the file has an `id:` (a reply, not a UI catalog)
    line: int = 1  # where the file's top mapping starts


class OffsetsMap:
    """TextMap of a text whose every character came from a known offset of the decoded file.

    `offsets[i]` is where character i of the text is in the file (an entity, an escape or a
    line break that a loader turned into one character points at its first raw character);
    `offsets[len(text)]` is just after the last one. `ends[i]`, where a loader knows it, is just
    after character i's raw form (after the whole `&amp;`): a span then ends at its own last
    character, not at the next one's place, which may lie past syntax the text leaves out (a
    link's `](https://…)`, emphasis markers).
    """

    __slots__ = ("lines", "offsets", "ends")

    def __init__(self, lines: LineIndex, offsets: list[int], ends: list[int] | None = None):
        self.lines = lines
        self.offsets = offsets
        self.ends = ends

    def locate(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.offsets) - 1))
        return self.lines.locate(self.offsets[offset])

    def locate_end(self, offset: int) -> tuple[int, int]:
        if offset <= 0:
            return self.locate(0)
        offset = min(offset, len(self.offsets) - 1)
        last = self.offsets[offset - 1]
        if self.ends is not None and offset - 1 < len(self.ends):
            after = self.ends[offset - 1]
        else:
            after = self.offsets[offset]
        end_line = self.lines.locate(last)[0]
        # The next character's place, unless it is on another line (or before, after a reorder).
        if after > last and self.lines.locate(after)[0] == end_line:
            return self.lines.locate(after)
        return self.lines.locate(last + 1)

    def with_syntax(self) -> "OffsetsMap":
        """This map with spans that end at the next character's place: a span over a whole link,
        image or code span then covers its syntax too (`[text](target)`), up to what follows."""
        return OffsetsMap(self.lines, self.offsets)

    def slice(self, start: int, end: int) -> "OffsetsMap":
        """The map of text[start:end]."""
        tail = self.offsets[end] if end < len(self.offsets) else self.offsets[-1]
        ends = self.ends[start:end] if self.ends is not None else None
        return OffsetsMap(self.lines, self.offsets[start:end] + [tail], ends)


def _piece_ends(offsets: list[int]) -> list[int]:
    """Where each character of one contiguous piece ends: at the next character's place when that
    is further on (an escape or entity read as one character), else one past its own."""
    ends = [b if b > a else a + 1 for a, b in zip(offsets, offsets[1:])]
    if offsets:
        ends.append(offsets[-1] + 1)
    return ends


class TextBuilder:
    """Builds a block's text piece by piece, remembering where each character came from (and, for
    spans, where its raw form ends)."""

    __slots__ = ("pieces", "offsets", "ends", "length")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.offsets: list[int] = []
        self.ends: list[int] = []
        self.length = 0

    def verbatim(self, text: str, raw_start: int) -> None:
        """Text copied from the file unchanged, starting at `raw_start`."""
        self.pieces.append(text)
        self.offsets.extend(range(raw_start, raw_start + len(text)))
        self.ends.extend(range(raw_start + 1, raw_start + len(text) + 1))
        self.length += len(text)

    def placed(self, text: str, offsets: list[int], ends: list[int] | None = None) -> None:
        """Text whose characters come from the given offsets (one each), a piece of the file
        without gaps unless `ends` says where each character's raw form ends."""
        self.pieces.append(text)
        self.offsets.extend(offsets)
        self.ends.extend(ends if ends is not None and len(ends) == len(offsets) else _piece_ends(offsets))
        self.length += len(text)

    def stand_in(self, text: str, raw_offset: int, raw_end: int | None = None) -> None:
        """Text that stands for something else in the file (an entity, a line break), written
        from `raw_offset` to `raw_end`."""
        self.pieces.append(text)
        self.offsets.extend([raw_offset] * len(text))
        self.ends.extend([raw_end if raw_end is not None else raw_offset + 1] * len(text))
        self.length += len(text)

    def strip(self) -> None:
        """Drop leading and trailing whitespace."""
        text = "".join(self.pieces)
        lead = len(text) - len(text.lstrip())
        keep = len(text.rstrip()) - lead
        self.pieces = [text[lead:lead + keep]]
        self.offsets = self.offsets[lead:lead + keep]
        self.ends = self.ends[lead:lead + keep]
        self.length = keep

    def text(self) -> str:
        return "".join(self.pieces)

    def finish(self, lines: LineIndex, end_offset: int | None = None) -> tuple[str, OffsetsMap]:
        if end_offset is None:
            end_offset = self.offsets[-1] + 1 if self.offsets else 0
        return "".join(self.pieces), OffsetsMap(lines, self.offsets + [end_offset], list(self.ends))


_SKIPPABLE = frozenset(" \t\r\n\\\"'")


def align(decoded: str, raw: str, base: int) -> list[int]:
    """For each character of `decoded`, its offset (plus `base`) in `raw`, the text it was read from.

    `decoded` is `raw` less syntax: quotes, escapes (`\\|`, `\\"`, `''`), indentation and line
    breaks folded into spaces. The walk is greedy and never goes back: a character that cannot be
    found nearby keeps the last position, so a position is at worst a few characters early, never
    past the text.
    """
    out: list[int] = []
    j = 0
    n = len(raw)
    for ch in decoded:
        if ch in "\n\t" and raw.startswith("\\" + ("n" if ch == "\n" else "t"), j):
            out.append(base + j)  # an escaped line break or tab in a quoted string
            j += 2
            continue
        k = j
        while k < n and raw[k] != ch and (raw[k] in _SKIPPABLE or k - j < 4):
            if ch in " \n" and raw[k] in "\r\n":
                break  # a line break folded into a space stands for the break itself
            k += 1
        if k < n and (raw[k] == ch or (ch in " \n" and raw[k] in "\r\n")):
            at = k - 1 if k > j and raw[k - 1] == "\\" else k
            out.append(base + at)
            j = k + 1
            if raw[k] == "\r" and j < n and raw[j] == "\n":
                j += 1
        else:
            out.append(base + min(j, max(n - 1, 0)))
    out.append(base + min(j, n))
    return out
