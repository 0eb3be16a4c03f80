"""A fast reader for PO text that gives exactly what polib 1.2 gives, or refuses.

polib stays the reference: this module is a port of polib's `_POFileParser` state machine
(same line splitting, same stripping, same transitions, same quirks), minus the costs that make
polib the slowest part of checking a catalog: a method lookup and call per line, an `re.search`
per quoted line and an `re.sub` per string even when there is nothing to unescape, and POEntry
objects with attributes nobody reads here. Whenever the input is anything but what it handles in
exactly polib's way, it raises `Refused` and `formats.po` parses with polib instead, so errors and
odd files keep polib's behaviour and messages. `tests/test_po_scanner.py` compares the Documents
of both paths on every PO file of the tests and samples and on generated edge cases.

It reads what `formats.po.load` reads: msgctxt, msgid, msgid_plural, msgstr, msgstr_plural,
flags, translator and extracted comments, obsolete, linenum and the header's metadata. File
references (`#:`) and previous strings (`#|`) are checked for syntax but not kept.
"""

from __future__ import annotations

import os
import re

# polib's test for an unescaped quote inside a quoted string (`([^\\]|^)"`, with its quirk that
# `\\"` passes), and its unescaping of the seven escapes it knows.
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}

_ALL = frozenset({"st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"})
# polib's transitions: symbol → the states it may follow. Every symbol but `mc` becomes the state.
_FROM = {
    "tc": _ALL - {"ct"},  # from st/he it is a header comment
    "gc": _ALL, "oc": _ALL, "fl": _ALL, "pc": _ALL, "pm": _ALL, "pp": _ALL,
    "ct": frozenset({"st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"}),
    "mi": frozenset({"st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"}),
    "mp": frozenset({"tc", "gc", "pc", "pm", "pp", "mi"}),
    "ms": frozenset({"mi", "mp", "tc"}),
    "mx": frozenset({"mi", "mx", "mp", "tc"}),
    "mc": frozenset({"ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"}),
}
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS_KEYWORDS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_BOM = "\ufeff"


class Refused(Exception):
    """The text is not one this reader takes exactly as polib does: parse it with polib."""


class Entry:
    """The attributes of a polib POEntry that formats.po reads, with polib's defaults."""

    __slots__ = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "comment",
                 "tcomment", "flags", "linenum", "previous")

    def __init__(self, linenum: int):
        self.msgid = ""
        self.msgstr = ""
        self.msgid_plural = ""
        self.msgstr_plural: dict[int, str] = {}
        self.msgctxt: str | None = None
        self.obsolete = 0
        self.comment = ""
        self.tcomment = ""
        self.flags: list[str] = []
        self.linenum = linenum
        self.previous: dict[str, str] = {}  # previous msgctxt/msgid/msgid_plural (`#|`), by state


class Catalog(list):
    """The entries without the header, and the header's metadata, as polib's POFile has them."""

    def __init__(self):
        super().__init__()
        self.metadata: dict[str, str] = {}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda match: _ESCAPES[match.group(1)], text)


def _check_quotes(inner: str) -> None:
    if '"' in inner and _UNESCAPED_QUOTE.search(inner):
        raise Refused("unescaped double quote")


def read(text: str) -> Catalog:
    """The catalog polib.pofile(text) would give, or Refused."""
    if "\n" not in text and "\r" not in text and _is_file(text):
        raise Refused("polib would read the text as a file name")
    catalog = Catalog()
    entry = Entry(0)
    state = "st"
    msgstr_index = 0
    tokens: list[str] = []
    append = catalog.append
    for number, line in enumerate(text.splitlines(), 1):
        if number == 1 and line.startswith(_BOM):
            line = line[1:]
        line = line.strip()
        if not line:
            continue
        tokens = line.split(None, 2)
        first = tokens[0]
        if first == "#~|":
            continue
        obsolete = 0
        if first == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            first = tokens[0]
            obsolete = 1
        count = len(tokens)

        if first in _KEYWORDS and count > 1:
            symbol = _KEYWORDS[first]
            token = line[len(first):].lstrip()
            _check_quotes(token[1:-1])
        elif first == "#:":
            if count <= 1:
                continue
            symbol, token = "oc", line
        elif line[0] == '"':
            _check_quotes(line[1:-1])
            symbol, token = "mc", line
        elif line[:7] == "msgstr[":
            symbol, token = "mx", line
        elif first == "#,":
            if count <= 1:
                continue
            symbol, token = "fl", line
        elif first == "#" or first.startswith("##"):
            symbol, token = "tc", line
        elif first == "#.":
            if count <= 1:
                continue
            symbol, token = "gc", line
        elif first == "#|":
            if count <= 1:
                raise Refused("empty #| line")
            token = line[2:].lstrip()
            if tokens[1].startswith('"'):
                symbol = "mc"
            elif count == 2 or tokens[1] not in _PREVIOUS_KEYWORDS:
                raise Refused("malformed #| line")
            else:
                symbol = _PREVIOUS_KEYWORDS[tokens[1]]
                token = token[len(tokens[1]):].lstrip()
        else:
            raise Refused("syntax error")

        if state not in _FROM[symbol]:
            raise Refused("unexpected line")
        if symbol == "mc":  # a continuation: the state stays
            value = _unescape(token[1:-1])
            if state == "ms":
                entry.msgstr += value
            elif state == "mx":
                entry.msgstr_plural[msgstr_index] += value
            elif state == "mi":
                entry.msgid += value
            elif state == "ct":
                entry.msgctxt += value
            elif state == "mp":
                entry.msgid_plural += value
            else:
                entry.previous[state] += value
            continue
        if symbol in ("mp", "ms", "mx"):
            if symbol == "ms":
                entry.msgstr = _unescape(token[1:-1])
            elif symbol == "mp":
                entry.msgid_plural = _unescape(token[1:-1])
            else:
                index = int(token[7])  # polib reads one digit: msgstr[10] is form 1
                entry.msgstr_plural[index] = _unescape(token[token.find('"') + 1:-1])
                msgstr_index = index
            state = symbol
            continue
        if symbol == "tc" and state in ("st", "he"):
            state = "he"  # the file's header comment, which formats.po does not read
            continue
        if state in ("ms", "mx"):  # the line starts the next entry
            append(entry)
            entry = Entry(number)
        if symbol == "tc":
            if entry.tcomment:
                entry.tcomment += "\n"
            comment = token.lstrip("#")
            entry.tcomment += comment[1:] if comment.startswith(" ") else comment
        elif symbol == "gc":
            if entry.comment:
                entry.comment += "\n"
            entry.comment += token[3:]
        elif symbol == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        elif symbol == "mi":
            entry.obsolete = obsolete
            entry.msgid = _unescape(token[1:-1])
        elif symbol == "ct":
            entry.msgctxt = _unescape(token[1:-1])
        elif symbol in ("pc", "pm", "pp"):
            entry.previous[symbol] = _unescape(token[1:-1])
        state = symbol  # "oc": file references are not kept
    if tokens and not tokens[0].startswith("#"):
        append(entry)  # as in polib: trailing comments after the last entry are dropped
    _take_header(catalog)
    return catalog


def _take_header(catalog: Catalog) -> None:
    """Remove the header entry (msgid "") and read its metadata, as polib does."""
    headers = [index for index, entry in enumerate(catalog) if not entry.obsolete and entry.msgid == ""]
    if not headers:
        return
    if len(headers) > 1:
        raise Refused("more than one entry with an empty msgid")  # polib's choice among them is subtle
    header = catalog.pop(headers[0])
    key = None
    for line in header.msgstr.splitlines():
        try:
            key, value = line.split(":", 1)
            catalog.metadata[key] = value.strip()
        except ValueError:
            if key is not None:
                catalog.metadata[key] += "\n" + line.strip()


def _is_file(text: str) -> bool:
    try:
        return os.path.isfile(text)
    except (TypeError, ValueError, UnicodeEncodeError):
        return False
