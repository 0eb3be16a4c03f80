"""Gettext PO/POT catalogs, read by the fast scanner (_po_scanner), or by polib when it refuses.

The reader gives the entries; it does not say where each msgstr is, so the lines of every msgstr and its
continuation lines are located here, and offsets in the decoded text are mapped back through the
escapes (`\\n`, `\\"`) to the real line and column only when a finding needs them.
"""

from __future__ import annotations

import functools
import gettext
import os
import re

import polib

from l10n_qa.formats import _po_scanner
from l10n_qa.formats import LoadError, LoadHints, decode_text, refuse_cr_only
from l10n_qa.model import Comment, Document, LengthLimit, Locale, Segment

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_PLURAL_FORMS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?")
_SIMPLE_ESCAPES = frozenset("ntr\"\\abfv'?")
# A translator comment: `#` then a space or nothing (`#.`, `#:`, `#,`, `#|`, `#~` are other kinds).
_TRANSLATOR_COMMENT = re.compile(r"#(?:[ \t]|$)")
_DIRECTIVE_MARKER = "l10n-qa:"
# Weblate's flag for a unit's limit (`#, max-length:40`), also read in translator (`# max-length:40`)
# and extracted (`#. max-length:40`) comments, where developers write it for translators.
_MAX_LENGTH = re.compile(r"(?<![\w-])max-length:\s*(\d{1,9})(?![\w])")


class QuotedLinesMap:
    """Positions of a msgstr split over quoted lines: [(line, column of first char, raw text), …]."""

    __slots__ = ("chunks",)

    def __init__(self, chunks: list[tuple[int, int, str]]):
        self.chunks = chunks

    def locate(self, offset: int) -> tuple[int, int]:
        remaining = offset
        for line, column, raw in self.chunks:
            i = 0
            while i < len(raw):
                if remaining == 0:
                    return line, column + i
                i += _escape_length(raw, i)
                remaining -= 1
            if remaining == 0 and (line, column, raw) == self.chunks[-1]:
                return line, column + len(raw)
        line, column, raw = self.chunks[-1]
        return line, column + len(raw)

    def locate_end(self, offset: int) -> tuple[int, int]:
        """The position just after the character before `offset`: where a span ending there ends."""
        if offset <= 0:
            return self.locate(0)
        remaining = offset - 1
        for line, column, raw in self.chunks:
            i = 0
            while i < len(raw):
                step = _escape_length(raw, i)
                if remaining == 0:
                    return line, column + i + step
                i += step
                remaining -= 1
        line, column, raw = self.chunks[-1]
        return line, column + len(raw)


def _escape_length(raw: str, i: int) -> int:
    """How many raw characters the decoded character at raw[i] takes."""
    if raw[i] != "\\" or i + 1 >= len(raw):
        return 1
    nxt = raw[i + 1]
    if nxt in _SIMPLE_ESCAPES:
        return 2
    if nxt in "01234567":
        j = i + 2
        while j < len(raw) and j < i + 4 and raw[j] in "01234567":
            j += 1
        return j - i
    if nxt == "x":
        j = i + 2
        while j < len(raw) and raw[j] in "0123456789abcdefABCDEF":
            j += 1
        return j - i
    return 2


def _msgstr_chunks(lines: list[str], start: int) -> dict[int | None, list[tuple[int, int, str]]]:
    """From the entry's first line, find its msgstr (or msgstr[i]) lines and their continuations.

    Keys: None for a plain msgstr, i for msgstr[i]. Lines and columns are 1-based.
    """
    found: dict[int | None, list[tuple[int, int, str]]] = {}
    current: int | None | bool = False  # False: not inside a msgstr yet
    for index in range(start, len(lines)):
        line = lines[index]
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if stripped.startswith("msgstr"):
            key: int | None = None
            if stripped.startswith("msgstr["):
                # polib accepts a malformed index (`msgstr[0 "b"`, `msgstr[x]`): read what digits there
                # are, and let an unreadable one share key 0 rather than end the run.
                digits = re.match(r"\s*(\d{1,9})", stripped[7:])
                key = int(digits.group(1)) if digits else 0
            quote = line.find('"', indent + 6)
            if quote == -1:
                break
            current = key
            found[key] = [(index + 1, quote + 2, _quoted_body(line, quote))]
        elif stripped.startswith('"'):
            if current is not False:  # before the msgstr, continuation lines belong to msgid
                found[current].append((index + 1, indent + 2, _quoted_body(line, indent)))
        elif found:  # a blank line, comment or the next entry ends this one
            break
    return found


def _quoted_body(line: str, quote: int) -> str:
    body = line[quote + 1 :].rstrip()
    return body[:-1] if body.endswith('"') else body


@functools.lru_cache(maxsize=256)
def _plural_table(header: str | None):
    """(nplurals, set of numbers n in 0…999 each form is used for) from Plural-Forms, or None."""
    if not header:
        return None
    match = _PLURAL_FORMS.search(header)
    if not match:
        return None
    try:
        nplurals = int(match.group(1))
        rule = gettext.c2py(match.group(2).strip())
        forms: dict[int, set[int]] = {i: set() for i in range(nplurals)}
        for n in range(1000):
            forms.setdefault(rule(n), set()).add(n)
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        raise LoadError(f"Plural-Forms header cannot be evaluated: {header!r}") from None
    return nplurals, {index: frozenset(numbers) for index, numbers in forms.items()}


def _locale_from_header(value: str | None, what: str) -> Locale | None:
    if not value or not value.strip():
        return None
    try:
        return Locale.parse(value)
    except ValueError:
        raise LoadError(f"{what} header {value!r} is not a locale tag") from None


def _read_catalog(text: str):
    """The catalog's entries and metadata: from the fast scanner, or from polib when it refuses.

    The scanner gives what polib gives (tests/test_po_scanner.py) at a fraction of the cost; any
    file it does not take exactly as polib does (and every file polib rejects) goes to polib, so
    syntax errors keep polib's messages.
    """
    try:
        return _po_scanner.read(text)
    except Exception:  # noqa: BLE001 - any doubt at all: polib is the reference reader
        return polib.pofile(text)


def load(path: str, data: bytes, hints: LoadHints) -> Document:
    head = data[:4096]
    match = _CHARSET.search(head) if not head.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    declared = match.group(1).decode("ascii") if match else None
    if declared and declared.upper() == "CHARSET":  # the unfilled template value
        declared = None
    text = decode_text(data, declared)
    refuse_cr_only(text)
    try:
        catalog = _read_catalog(text)
    except (OSError, ValueError, KeyError, IndexError) as exc:
        line_match = _POLIB_LINE.search(str(exc))
        message = re.sub(r"\s*\(line \d+\)", "", str(exc)).replace("Syntax error in po file ", "syntax error")
        raise LoadError(message.strip() or "not a valid PO file", int(line_match.group(1)) if line_match else None) from None

    metadata = catalog.metadata
    target_locale = _locale_from_header(metadata.get("Language"), "Language") or hints.target_locale
    source_locale = _locale_from_header(metadata.get("X-Source-Language"), "X-Source-Language") or hints.source_locale
    doc = Document(path, "po", target_locale, source_locale)
    if os.path.splitext(path)[1].lower() == ".pot":
        return doc  # a template holds sources only: nothing to check yet
    plural_table = _plural_table(metadata.get("Plural-Forms"))
    lines = text.split("\n")
    content_type = hints.content_type or "ui"

    keys_by_line: dict[int, tuple[str, ...]] = {}  # line index of an entry's msgctxt/msgid → its segment keys
    for entry in catalog:
        if entry.obsolete:
            continue
        first_segment = len(doc.segments)
        flags = frozenset(entry.flags)
        formats = frozenset(f for f in flags if f.endswith("-format") and not f.startswith("no-"))
        no_formats = frozenset(f[3:] for f in flags if f.startswith("no-") and f.endswith("-format"))
        fuzzy = "fuzzy" in flags
        key = (f"{entry.msgctxt} | " if entry.msgctxt else "") + entry.msgid
        chunks = _msgstr_chunks(lines, max(entry.linenum - 1, 0))
        length_limit = _length_limit(entry)

        def segment(target: str, text_map: QuotedLinesMap, *, source: str, seg_key: str, state: str,
                    plural_index: int | None = None, alternate: str | None = None, single: bool = False) -> Segment:
            return Segment(
                key=seg_key, source=source, target=target, source_locale=source_locale,
                target_locale=target_locale, path=path, target_map=text_map, content_type=content_type,
                state=state, formats=formats, no_formats=no_formats, plural_index=plural_index,
                alternate_source=alternate, single_number_form=single, context=entry.msgctxt,
                length_limit=length_limit,
            )

        if not chunks:
            # polib gives line 0 to an entry it could not place (a malformed first line): no line then.
            raise LoadError(f"entry {entry.msgid[:40]!r} has no msgstr", entry.linenum or None)
        if entry.msgid_plural:
            forms = sorted(entry.msgstr_plural.items())
            nplurals = plural_table[0] if plural_table else len(forms)
            if fuzzy or not any(target for _, target in forms):
                # Reported once for the entry, not once per form.
                first = forms[0][1] if forms else ""
                doc.segments.append(segment(first, QuotedLinesMap(chunks.get(0) or next(iter(chunks.values()))),
                                            source=entry.msgid, seg_key=key,
                                            state="fuzzy" if fuzzy else "untranslated"))
                continue
            for index, target in forms:
                uses_singular = index == 0 and nplurals > 1
                numbers = plural_table[1].get(index, set()) if plural_table else set()
                doc.segments.append(segment(
                    target, QuotedLinesMap(chunks.get(index) or next(iter(chunks.values()))),
                    source=entry.msgid if uses_singular else entry.msgid_plural,
                    alternate=entry.msgid_plural if uses_singular else entry.msgid,
                    seg_key=f"{key} [{index}]", plural_index=index,
                    state="translated" if target else "untranslated", single=len(numbers) == 1,
                ))
        else:
            state = "fuzzy" if fuzzy else ("translated" if entry.msgstr else "untranslated")
            doc.segments.append(segment(entry.msgstr, QuotedLinesMap(chunks.get(None) or next(iter(chunks.values()))),
                                        source=entry.msgid, seg_key=key, state=state))
        start = _entry_start(lines, max(entry.linenum - 1, 0))
        if start is not None:
            keys_by_line[start] = tuple(seg.key for seg in doc.segments[first_segment:])
    if _DIRECTIVE_MARKER in text:
        doc.comments = _directive_comments(lines, keys_by_line)
    return doc


def _length_limit(entry) -> LengthLimit | None:
    """The entry's `max-length:N` (flag first, then translator and extracted comments), counted in
    grapheme clusters: the characters a reader sees, whatever their encoding."""
    for where in (", ".join(entry.flags), entry.tcomment or "", entry.comment or ""):
        match = _MAX_LENGTH.search(where)
        if match and int(match.group(1)) > 0:
            return LengthLimit(int(match.group(1)), "graphemes", f"max-length:{int(match.group(1))}")
    return None


def _entry_start(lines: list[str], start: int) -> int | None:
    """The index of the entry's msgctxt or msgid line, searching from the entry's first line."""
    for index in range(start, len(lines)):
        if lines[index].startswith(("msgctxt", "msgid")):
            return index
    return None


def _directive_comments(lines: list[str], keys_by_line: dict[int, tuple[str, ...]]) -> list[Comment]:
    """Translator comments that carry `l10n-qa:` directives, each attached to the entry below it.

    A comment above the header entry (or below the last entry) is attached to no entry: only its
    `disable-file` has an effect. Extracted comments (`#.`) are regenerated from the source code
    by xgettext, so a directive there would not survive; only translator comments count.
    """
    comments = []
    for index, line in enumerate(lines):
        if not line.startswith("#") or _DIRECTIVE_MARKER not in line or not _TRANSLATOR_COMMENT.match(line):
            continue
        entry_line = _entry_start(lines, index + 1)
        obsolete = any(lines[i].startswith("#~") for i in range(index + 1, entry_line or len(lines)))
        keys = keys_by_line.get(entry_line, ()) if entry_line is not None and not obsolete else ()
        body = line[1:].rstrip("\r")
        comments.append(Comment(body, index + 1, 2, index + 1, 2 + len(body), keys))
    return comments
