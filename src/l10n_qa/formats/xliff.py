"""XLIFF 1.2 and 2.0 loader: one Segment per trans-unit (1.2) or per segment (2.0).

How it works, and why:

1. The file is decoded to a str here (BOM, then the XML declaration, then UTF-8), so every
   position is an index into that str and `LineIndex` turns it into a (line, column) counted in
   characters, whatever the file's encoding.
2. defusedxml's expat parser checks well-formedness (and refuses DTDs, so no entity bombs) and
   reports where each `<source>`/`<target>` element starts and ends. Expat counts positions in
   bytes of the UTF-8 we feed it; `_ByteToCharIndex` converts them to str indexes.
3. The content between those tags is then read from the raw text by `_read_content`. Expat
   already vouched for it, so tags, entities, CDATA and comments are simple to recognise. Reading
   the raw text ourselves is what lets inline elements stay in the text verbatim (checks compare
   `<ph id="1">{{name}}</ph>` in source and target) and lets every decoded character remember the
   raw offset it came from, for exact finding positions.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from l10n_qa.formats import LoadError, LoadHints, decode_text
from l10n_qa.model import Comment, Document, InputError, LengthLimit, LineIndex, Locale, Markup, Segment

XLIFF_1_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"  # also used by XLIFF 2.1 and 2.2
SIZE_RESTRICTION_NAMESPACE = "urn:oasis:names:tc:xliff:sizerestriction:2.0"  # the XLIFF 2 `slr:` module
# XLIFF 1.2 size-unit values whose size we can count; the others (pixel, the default, point, em,
# dialogunit, …) need the font and the UI, so a limit in them is not checked.
_SIZE_UNITS_1_2 = {"char": "code-points", "glyph": "graphemes", "col": "width", "byte": "bytes"}

# Target states (1.2 `<target state>`, 2.0 `<segment state>`) that mean "done". Anything starting
# with "needs-" (1.2), and a filled-in target still marked new/initial, needs a reviewer.
_DONE_STATES = frozenset({"final", "translated", "signed-off", "reviewed"})
_NOT_YET_TRANSLATED_STATES = frozenset({"new", "needs-translation", "initial"})

# Inline elements whose content is native code (e.g. `<bpt id="1">&lt;b&gt;</bpt>`), not text.
_NATIVE_CODE = frozenset({"ph", "bpt", "ept", "it"})
# Which attribute identifies an inline element, first one present wins: a closing half (1.2
# `ex`, 2.0 `ec`/`em`) is tied to its opening half by rid/startRef; 1.2 `mrk` is named by mid.
_IDENT_ATTRIBUTES = {
    "x": ("id", "rid"), "bx": ("id", "rid"), "ex": ("id", "rid"),
    "ec": ("startRef", "id"), "em": ("startRef", "id"),
    "mrk": ("mid", "id"),
}
_DEFAULT_IDENT_ATTRIBUTES = ("id",)

_PREDEFINED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
# Any start, end or empty-element tag. Attribute values may hold '>' and '/', hence the quotes.
_TAG = re.compile(r"""<(/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# The pieces of (well-formed) element content, in raw form.
_CONTENT_TOKEN = re.compile(r"""
    (?P<text>[^<&\r]+)
  | (?P<line_end>\r\n?)
  | (?P<reference>&[^;]*;)
  | (?P<comment><!--.*?-->)
  | <!\[CDATA\[(?P<cdata>.*?)\]\]>
  | (?P<instruction><\?.*?\?>)
  | (?P<tag><(?:[^>"']|"[^"]*"|'[^']*')*>)
""", re.DOTALL | re.VERBOSE)
_ENCODING_DECLARATION = re.compile(rb"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
_LONE_CR = re.compile(r"\r(?!\n)")


def load(path: str, data: bytes, hints: LoadHints) -> Document:
    text, warnings = _decode(data)
    if not text.strip():
        raise LoadError("the file is empty")
    lines = _line_index(text)
    first = len(text) - len(text.lstrip())
    if text[first] != "<":
        raise LoadError("not XML: an XLIFF file starts with '<?xml' or '<xliff'", lines.locate(first)[0])
    reader = _XliffReader(path, text, lines, hints)
    reader.parse()
    return Document(
        path=path,
        format="xliff",
        target_locale=reader.document_target_locale,
        source_locale=reader.document_source_locale,
        segments=reader.segments,
        errors=[InputError(path, message, line) for message, line in warnings + reader.problems],
        comments=reader.comments,
    )


# --- Decoding the file ---------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, list[tuple[str, int | None]]]:
    """The file as a str (a BOM wins, then the XML declaration, then UTF-8), and any warnings."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data), []
    # UTF-16 without a BOM still starts with "<?" (the XML spec's autodetection table).
    if data.startswith(b"<\x00?\x00"):
        return decode_text(data, "utf-16-le"), []
    if data.startswith(b"\x00<\x00?"):
        return decode_text(data, "utf-16-be"), []
    match = _ENCODING_DECLARATION.match(data)
    declared = match.group(1).decode("ascii") if match else None
    if declared is None:
        return decode_text(data), []
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        raise LoadError(f"the XML declaration names an unknown encoding {declared!r}", 1) from None
    if "<?xml".encode(codec) != b"<?xml":
        # We just read the declaration as ASCII, so the file cannot be in UTF-16/UTF-32.
        raise LoadError(f"the XML declaration says encoding={declared!r}, but the file is not {declared} "
                        "(it has no byte order mark and the declaration is plain ASCII); declare UTF-8", 1)
    text = decode_text(data, codec)
    warnings = []
    if codec != "utf-8" and not data.isascii() and _is_utf8(data):
        warnings.append((f"the XML declaration says encoding={declared!r}, but the file looks like UTF-8; "
                         f"it was read as {declared}, so non-ASCII text may be garbled", 1))
    return text, warnings


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _line_index(text: str) -> LineIndex:
    # Expat (and editors) also end a line at a lone CR; a same-length copy keeps offsets valid.
    return LineIndex(_LONE_CR.sub("\n", text) if "\r" in text else text)


class _ByteToCharIndex:
    """Converts expat's byte offsets (into the UTF-8 we feed it) to offsets in the decoded str.

    Parse events come in document order, so one forward walk over the bytes serves them all.
    """

    def __init__(self, text: str, utf8: bytes):
        self._utf8 = utf8
        self._same = len(utf8) == len(text)  # ASCII only: bytes and characters line up
        self._byte = 0
        self._char = 0

    def __call__(self, byte_offset: int) -> int:
        if self._same:
            return byte_offset
        if byte_offset < self._byte:  # not expected, but never return a wrong answer
            self._byte = self._char = 0
        self._char += len(self._utf8[self._byte:byte_offset].decode("utf-8", errors="replace"))
        self._byte = byte_offset
        return self._char


# --- Positions ----------------------------------------------------------------------------------


class _TextPositions:
    """TextMap of a decoded text: where in the file each of its characters came from.

    Stored as runs: from decoded offset `decoded_starts[i]` on, characters sit one for one at raw
    offsets from `raw_starts[i]`, until the next run. An entity, a CRLF or a `<cp/>` is a run of
    its own, so all of its characters point at its first raw character. The last run starts at
    len(text), so the end offset of a span maps to just after its last character.
    """

    __slots__ = ("_lines", "_decoded_starts", "_raw_starts")

    def __init__(self, lines: LineIndex, decoded_starts: list[int], raw_starts: list[int]):
        self._lines = lines
        self._decoded_starts = decoded_starts
        self._raw_starts = raw_starts

    def locate(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._decoded_starts[-1]))
        run = bisect.bisect_right(self._decoded_starts, offset) - 1
        return self._lines.locate(self._raw_starts[run] + offset - self._decoded_starts[run])


# --- Reading element content --------------------------------------------------------------------


@dataclass(slots=True)
class _Content:
    text: str
    markup: tuple[Markup, ...]
    positions: _TextPositions


class _ContentBuilder:
    """Accumulates decoded text, its markup and its runs of raw positions (see _TextPositions)."""

    def __init__(self, raw: str, start: int):
        self.raw = raw
        self.raw_after_last = start  # raw offset just after the last decoded character's source
        self.pieces: list[str] = []
        self.length = 0
        self.markup: list[Markup] = []
        self.decoded_starts: list[int] = []
        self.raw_starts: list[int] = []

    def _start_run(self, raw_offset: int) -> None:
        if self.decoded_starts and raw_offset - self.raw_starts[-1] == self.length - self.decoded_starts[-1]:
            return  # the previous run simply continues
        self.decoded_starts.append(self.length)
        self.raw_starts.append(raw_offset)

    def copy(self, start: int, end: int) -> None:
        """Take raw[start:end] as it is, except that CRLF and CR become LF as in any XML parser."""
        raw = self.raw
        while start < end:
            cr = raw.find("\r", start, end)
            stop = end if cr == -1 else cr
            if stop > start:
                self._start_run(start)
                self.pieces.append(raw[start:stop])
                self.length += stop - start
                self.raw_after_last = stop
            if cr == -1:
                return
            after = cr + 2 if cr + 1 < end and raw[cr + 1] == "\n" else cr + 1
            self.add_char("\n", cr, after)
            start = after

    def add_char(self, char: str, raw_start: int, raw_end: int) -> None:
        """One character written as several raw ones (an entity, a CRLF, a <cp/>)."""
        self._start_run(raw_start)
        self.pieces.append(char)
        self.length += 1
        self.raw_after_last = raw_end

    def finish(self, lines: LineIndex) -> _Content:
        # The end of the text (offset len(text), where spans end) is just after its last character.
        self.decoded_starts.append(self.length)
        self.raw_starts.append(self.raw_after_last)
        return _Content("".join(self.pieces), tuple(self.markup), _TextPositions(lines, self.decoded_starts, self.raw_starts))


def _read_content(raw: str, start: int, end: int, lines: LineIndex) -> _Content:
    """Decode raw[start:end], the inside of a well-formed <source> or <target>."""
    out = _ContentBuilder(raw, start)
    for token in _CONTENT_TOKEN.finditer(raw, start, end):
        kind = token.lastgroup
        if kind == "text":
            out.copy(token.start(), token.end())
        elif kind == "line_end":  # CRLF and CR read as LF, as in any XML parser
            out.add_char("\n", token.start(), token.end())
        elif kind == "reference":
            char = _decode_entity(token.group()[1:-1], lines.locate(token.start())[0])
            out.add_char(char, token.start(), token.end())
        elif kind == "cdata":
            out.copy(token.start("cdata"), token.end("cdata"))
        elif kind == "tag":
            _read_tag(token, out, lines)
        # Comments and processing instructions are no part of the text.
    return out.finish(lines)


def _decode_entity(name: str, line: int) -> str:
    if name.startswith("#x"):
        return _char(int(name[2:], 16), f"&{name};", line)
    if name.startswith("#"):
        return _char(int(name[1:]), f"&{name};", line)
    if name in _PREDEFINED_ENTITIES:
        return _PREDEFINED_ENTITIES[name]
    raise LoadError(f"undefined entity &{name};", line)


def _char(code_point: int, written: str, line: int) -> str:
    # Surrogates would make the text unencodable; expat rejects them in references, cp may not.
    if code_point > 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
        raise LoadError(f"{written} is not a Unicode character", line)
    return chr(code_point)


def _read_tag(token: re.Match, out: _ContentBuilder, lines: LineIndex) -> None:
    """An inline element's tag: kept in the text verbatim and recorded as Markup (2.0 <cp/> excepted)."""
    pos, end = token.span()
    match = _TAG.fullmatch(token.string, pos, end)
    if not match:  # expat accepted the tag, so this cannot happen
        raise LoadError(f"cannot read the tag {token.group()!r}", lines.locate(pos)[0])
    closing, name, attributes, self_closing = match.groups()
    name = name.rpartition(":")[2]  # inline elements may be prefixed, e.g. <xlf:g>
    if name == "cp":
        # XLIFF 2.0 writes characters that XML cannot hold (e.g. U+0007) as <cp hex="0007"/>.
        # (<cp hex="7"></cp> is well-formed too: its end tag adds nothing.)
        if not closing:
            hex_digits = _attributes(attributes).get("hex", "")
            out.add_char(_code_point_char(hex_digits, match.group(), lines.locate(pos)[0]), pos, end)
        return
    before = out.length
    out.copy(pos, end)
    if closing:
        kind, ident = "close", ""
    else:
        kind = "empty" if self_closing else "open"
        attrs = _attributes(attributes)
        keys = _IDENT_ATTRIBUTES.get(name, _DEFAULT_IDENT_ATTRIBUTES)
        ident = next((attrs[key] for key in keys if key in attrs), "")
    out.markup.append(Markup(before, out.length, name, kind, ident, masks_content=name in _NATIVE_CODE))


def _code_point_char(hex_digits: str, written: str, line: int) -> str:
    try:
        code_point = int(hex_digits, 16)
    except ValueError:
        raise LoadError(f"{written} does not give a hexadecimal code point", line) from None
    return _char(code_point, written, line)


def _attributes(text: str) -> dict[str, str]:
    """The attributes of a tag by local name. Expat let through only the five predefined entities
    and character references in them, which is exactly what html.unescape decodes."""
    attrs = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        attrs[match.group(1).rpartition(":")[2]] = html.unescape(value) if "&" in value else value
    return attrs


# --- Walking the document -----------------------------------------------------------------------


@dataclass(slots=True)
class _Element:
    """A <source> or <target>: where its content lies in the raw text."""

    content_start: int
    content_end: int = -1


@dataclass(slots=True)
class _FileInfo:
    key_prefix: str
    source_locale: Locale | None
    target_locale: Locale | None


@dataclass(slots=True)
class _Part:
    """What becomes one Segment: a 1.2 trans-unit, or a 2.0 segment."""

    tag_start: int  # of <trans-unit> (1.2) or <segment> (2.0): where a missing target would go
    segment_id: str = ""
    state: str | None = None
    source: _Element | None = None
    target: _Element | None = None


@dataclass(slots=True)
class _Unit:
    file: _FileInfo
    unit_id: str
    name: str | None
    translatable: bool
    parts: list[_Part] = field(default_factory=list)
    notes: list[_Content] = field(default_factory=list)  # notes carrying `l10n-qa:` directives
    length_limit: LengthLimit | None = None


class _XliffReader:
    """A target for defusedxml's XMLParser that collects units while expat checks the XML."""

    def __init__(self, path: str, text: str, lines: LineIndex, hints: LoadHints):
        self.path = path
        self.text = text
        self.lines = lines
        self.hints = hints
        self.content_type = hints.content_type or "ui"
        self.segments: list[Segment] = []
        self.problems: list[tuple[str, int | None]] = []
        self.document_source_locale: Locale | None = hints.source_locale
        self.document_target_locale: Locale | None = hints.target_locale
        self._utf8 = text.encode("utf-8")
        self._char_index = _ByteToCharIndex(text, self._utf8)
        self._expat = None
        self._version = 0  # 1 or 2, once the root element is read
        self._namespace = ""
        self._root_source: Locale | None = None
        self._root_target: Locale | None = None
        self._seen_file = False
        # One entry per open element: its local name (None when not an XLIFF structural element)
        # and whether it is translatable (the translate attribute is inherited).
        self._stack: list[tuple[str | None, bool]] = []
        self._file: _FileInfo | None = None
        self._units_in_file = 0
        self._unit: _Unit | None = None
        self._part: _Part | None = None
        self._open_element: _Element | None = None  # the <source>/<target> we are inside
        self._open_note: tuple[_Element, _Unit | None] | None = None  # a <note>, and its unit (None: file-level)
        self.comments: list[Comment] = []
        self._open_depth = 0
        # XLIFF 2 slr:profiles: sizes are counted per these profiles; we count only the defaults.
        self._general_profile = "xliff:codepoints"
        self._storage_profile = "xliff:utf8"

    def parse(self) -> None:
        parser = DefusedXMLParser(target=self, encoding="utf-8", forbid_dtd=True)
        self._expat = parser.parser
        try:
            parser.feed(self._utf8)
            parser.close()
        except ParseError as error:
            reason = expat.ErrorString(error.code)
            line, column = self._error_position(error)
            raise LoadError(f"not well-formed XML: {reason} (column {column})", line) from None
        except DTDForbidden:
            raise LoadError("a DOCTYPE declaration is not allowed (it can define entities that expand "
                            "without limit); remove the <!DOCTYPE …> part", self._current_line()) from None
        except EntitiesForbidden:
            raise LoadError("entity declarations are not allowed", self._current_line()) from None
        except DefusedXmlException as error:
            raise LoadError(f"refused unsafe XML: {error}", self._current_line()) from None

    def _error_position(self, error: ParseError) -> tuple[int, int]:
        byte = self._expat.ErrorByteIndex
        if byte is None or byte < 0:
            line, column = error.position
            return line, column + 1
        return self.lines.locate(_ByteToCharIndex(self.text, self._utf8)(min(byte, len(self._utf8))))

    def _current_line(self) -> int | None:
        byte = self._expat.CurrentByteIndex
        return self.lines.locate(self._char_index(byte))[0] if byte >= 0 else None

    def _here(self) -> int:
        """The str offset of the tag expat is reporting."""
        return self._char_index(self._expat.CurrentByteIndex)

    def _locale(self, attrs: dict[str, str], attribute: str) -> Locale | None:
        value = attrs.get(attribute, "").strip()
        if not value:
            return None
        try:
            return Locale.parse(value)
        except ValueError:
            line = self.lines.locate(self._here())[0]
            raise LoadError(f"{attribute}={value!r} is not a language tag (like de or pt-BR)", line) from None

    # Parser target callbacks ---------------------------------------------------------------------

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        if not self._stack:
            self._start_root(namespace, name, attrs)
            self._stack.append(("xliff", True))
            return
        parent, translatable = self._stack[-1]
        if namespace == SIZE_RESTRICTION_NAMESPACE and name == "profiles" and self._open_element is None:
            self._general_profile = attrs.get("generalProfile", self._general_profile).strip()
            self._storage_profile = attrs.get("storageProfile", self._storage_profile).strip()
        if self._open_element is not None or namespace != self._namespace:
            self._stack.append((None, translatable))  # inline content, or another vocabulary
            return
        if name in ("file", "group", "unit", "trans-unit") and "translate" in attrs:
            translatable = attrs["translate"].strip().lower() != "no"
        self._stack.append((name, translatable))
        if name == "file":
            self._start_file(attrs)
        elif name == ("trans-unit" if self._version == 1 else "unit"):
            self._start_unit(attrs, translatable)
        elif self._version == 2 and name == "segment" and parent == "unit" and self._unit:
            self._part = _Part(self._here(), attrs.get("id", ""), attrs.get("state"))
            self._unit.parts.append(self._part)
        elif name in ("source", "target") and parent == ("trans-unit" if self._version == 1 else "segment"):
            # Under any other parent (1.2 alt-trans, 2.0 ignorable or translation candidates) they
            # are not the unit's text.
            self._start_text(name, attrs)
        elif name == "note":
            self._start_note(parent, self._stack[-3][0] if len(self._stack) > 2 else None)

    def end(self, tag: str) -> None:
        name, _ = self._stack.pop()
        if self._open_element is not None and len(self._stack) == self._open_depth:
            self._open_element.content_end = self._here()
            self._open_element = None
        elif name == "note" and self._open_note is not None:
            self._finish_note()
        elif name == ("trans-unit" if self._version == 1 else "unit") and self._unit:
            self._finish_unit(self._unit)
            self._unit = self._part = None
        elif name == "segment":
            self._part = None

    def close(self) -> None:
        return None

    # ---------------------------------------------------------------------------------------------

    def _start_root(self, namespace: str, name: str, attrs: dict[str, str]) -> None:
        line = self.lines.locate(self._here())[0]
        if name != "xliff":
            raise LoadError(f"not an XLIFF file: the root element is <{name}>, not <xliff>", line)
        version = attrs.get("version", "").strip()
        if namespace == XLIFF_2_NAMESPACE or version.startswith("2"):
            self._version = 2
        elif namespace == XLIFF_1_NAMESPACE or version.startswith("1"):
            self._version = 1
        elif not version:
            self._version = 2 if "srcLang" in attrs else 1
        else:
            raise LoadError(f"unsupported XLIFF version {version!r} (1.2 and 2.x are read)", line)
        self._namespace = namespace
        if self._version == 2:
            self._root_source = self._locale(attrs, "srcLang")
            self._root_target = self._locale(attrs, "trgLang")
            self._set_document_locales(self._root_source, self._root_target)

    def _set_document_locales(self, source: Locale | None, target: Locale | None) -> None:
        self.document_source_locale = source or self.hints.source_locale
        self.document_target_locale = target or self.hints.target_locale

    def _start_file(self, attrs: dict[str, str]) -> None:
        if self._version == 1:
            prefix = attrs.get("original", "")
            source = self._locale(attrs, "source-language") or self.hints.source_locale
            target = self._locale(attrs, "target-language") or self.hints.target_locale
        else:
            prefix = attrs.get("id", "")
            source = self._root_source or self.hints.source_locale
            target = self._root_target or self.hints.target_locale
        self._file = _FileInfo(prefix, source, target)
        self._units_in_file = 0
        if not self._seen_file:
            self._seen_file = True
            self._set_document_locales(source, target)

    def _start_unit(self, attrs: dict[str, str], translatable: bool) -> None:
        if self._file is None:  # a unit outside any <file>: not valid XLIFF, but readable
            self._file = _FileInfo("", self.document_source_locale, self.document_target_locale)
        self._units_in_file += 1
        here = self._here()
        name = attrs.get("resname" if self._version == 1 else "name") or None
        unit_id = attrs.get("id") or name or ""
        if not unit_id:
            unit_id = str(self._units_in_file)
            what = "trans-unit has no id or resname" if self._version == 1 else "unit has no id"
            self.problems.append((f"{what}; it is keyed by its position in the file ({unit_id})",
                                  self.lines.locate(here)[0]))
        self._unit = _Unit(self._file, unit_id, name, translatable, length_limit=self._length_limit(attrs, here))
        if self._version == 1:  # the trans-unit is the segment
            self._part = _Part(here)
            self._unit.parts.append(self._part)

    def _length_limit(self, attrs: dict[str, str], here: int) -> LengthLimit | None:
        """The unit's limit: 1.2 maxwidth (in a countable size-unit), else maxbytes; 2.0
        slr:sizeRestriction (code points, the default profile), else slr:storageRestriction (UTF-8)."""
        if self._version == 1:
            unit = attrs.get("size-unit", "pixel").strip()
            candidates = [("maxwidth", _SIZE_UNITS_1_2.get(unit), f'size-unit="{unit}"'), ("maxbytes", "bytes", "")]
        else:
            candidates = [
                (f"{{{SIZE_RESTRICTION_NAMESPACE}}}sizeRestriction",
                 "code-points" if self._general_profile == "xliff:codepoints" else None, ""),
                (f"{{{SIZE_RESTRICTION_NAMESPACE}}}storageRestriction",
                 "bytes" if self._storage_profile == "xliff:utf8" else None, ""),
            ]
        for attribute, unit, extra in candidates:
            raw = attrs.get(attribute)
            if raw is None or unit is None:
                continue
            shown = attribute.rpartition("}")[2]
            shown = f"slr:{shown}" if attribute.startswith("{") else shown
            value = raw.strip().rpartition(",")[2].strip()  # slr: "max" or "min,max"
            if not value.isdigit() or int(value) < 1:
                self.problems.append((f"{shown}={raw!r} is not a positive whole number; the unit's length "
                                      "is not checked", self.lines.locate(here)[0]))
                continue
            origin = f'{shown}="{value}"' + (f" {extra}" if extra else "")
            return LengthLimit(int(value), unit, origin)
        return None

    def _start_text(self, name: str, attrs: dict[str, str]) -> None:
        if self._part is None:
            return
        tag_start = self._here()
        start_tag = _TAG.match(self.text, tag_start)
        if start_tag is None:  # expat accepted the tag, so this cannot happen
            raise LoadError("cannot read this tag", self.lines.locate(tag_start)[0])
        if start_tag.group(4):  # <target/>: no content; it locates to the tag itself
            element = _Element(tag_start, tag_start)
        else:  # the content ends where the end tag starts, which end() records
            element = _Element(start_tag.end())
            self._open_element = element
            self._open_depth = len(self._stack) - 1
        if name == "source":
            self._part.source = element
        else:
            self._part.target = element
            if self._version == 1:
                self._part.state = attrs.get("state")

    def _start_note(self, parent: str | None, grandparent: str | None) -> None:
        """A <note> of a unit (1.2 trans-unit/note, 2.0 unit/notes/note) or of a file (1.2
        file/header/note, 2.0 file/notes/note); notes elsewhere are not read."""
        if self._version == 1:
            owner = "unit" if parent == "trans-unit" else "file" if parent == "header" else None
        else:
            owner = grandparent if parent == "notes" and grandparent in ("unit", "file") else None
        if owner is None or (owner == "unit" and self._unit is None):
            return
        start_tag = _TAG.match(self.text, self._here())
        if start_tag is None or start_tag.group(4):  # <note/>: nothing to read
            return
        self._open_note = (_Element(start_tag.end()), self._unit if owner == "unit" else None)

    def _finish_note(self) -> None:
        element, unit = self._open_note
        self._open_note = None
        element.content_end = self._here()
        if "l10n-qa:" not in self.text[element.content_start:element.content_end]:
            return
        content = self._content(element)
        if unit is not None:
            unit.notes.append(content)
        else:
            self.comments.append(_note_comment(content, ()))

    def _finish_unit(self, unit: _Unit) -> None:
        if not unit.translatable:
            return
        prefix = f"{unit.file.key_prefix}#" if unit.file.key_prefix else ""
        several = len(unit.parts) > 1
        first = len(self.segments)
        for number, part in enumerate(unit.parts, 1):
            key = prefix + unit.unit_id
            if several:
                key += "/" + (part.segment_id or str(number))
            self.segments.append(self._segment(key, unit, part))
        keys = tuple(segment.key for segment in self.segments[first:])
        self.comments.extend(_note_comment(note, keys) for note in unit.notes)

    def _segment(self, key: str, unit: _Unit, part: _Part) -> Segment:
        source = self._content(part.source) if part.source else None
        if part.target:
            target = self._content(part.target)
        else:  # no <target> yet: positions point at the unit (1.2) or segment (2.0) tag
            target = _Content("", (), _TextPositions(self.lines, [0], [part.tag_start]))
        return Segment(
            key=key,
            source=source.text if source else None,
            target=target.text,
            source_locale=unit.file.source_locale,
            target_locale=unit.file.target_locale,
            path=self.path,
            target_map=target.positions,
            content_type=self.content_type,
            state=_state(target.text, part.state),
            source_markup=source.markup if source else (),
            target_markup=target.markup,
            context=unit.name,
            length_limit=unit.length_limit,
        )

    def _content(self, element: _Element) -> _Content:
        return _read_content(self.text, element.content_start, element.content_end, self.lines)


def _note_comment(note: _Content, segments: tuple[str, ...]) -> Comment:
    line, column = note.positions.locate(0)
    end_line, end_column = note.positions.locate(len(note.text))
    return Comment(note.text, line, column, end_line, end_column, segments)


def _state(target: str, declared: str | None) -> str:
    """Segment.state from the target text and its declared XLIFF state.

    The 1.2 `approved` attribute is deliberately ignored: Xcode and many tools never set it, so
    reading its absence as "not reviewed" would flag every unit of such files.
    """
    if not target.strip():
        return "untranslated"
    state = (declared or "").strip().lower()
    if not state or state in _DONE_STATES:
        return "translated"
    if state.startswith("needs-") or state in _NOT_YET_TRANSLATED_STATES:
        return "needs-review"
    return "translated"  # a custom state (x-…): nothing says it is unfinished
