"""The fast PO scanner gives exactly what polib gives, or refuses so that polib reads the file.

Compared on two levels: the entries and metadata (every attribute formats.po reads), and the
Document formats.po.load builds (segments with their text maps' lines and columns, comments),
once through the scanner and once through polib only. Set L10NQA_PO_CORPUS to a folder of real
catalogs (bench/po_reader_bench.py downloads Django, wagtail and Sphinx) to compare those too.
"""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n_qa.formats import LoadError, LoadHints, _po_scanner, po

ROOT = Path(__file__).resolve().parent.parent


def _real_po_files() -> list[Path]:
    folders = [ROOT / "tests", ROOT / "samples"]
    if os.environ.get("L10NQA_PO_CORPUS"):
        folders.append(Path(os.environ["L10NQA_PO_CORPUS"]))
    return sorted(path for folder in folders for path in folder.rglob("*.po"))


def _entry_view(entry) -> tuple:
    return (entry.msgid, entry.msgstr, entry.msgid_plural, sorted(entry.msgstr_plural.items()), entry.msgctxt,
            bool(entry.obsolete), entry.comment, entry.tcomment, list(entry.flags), entry.linenum)


def _catalog_view(catalog) -> tuple:
    return [_entry_view(entry) for entry in catalog], dict(catalog.metadata)


def _document_view(document) -> tuple:
    segments = []
    for segment in document.segments:
        fields = {name: getattr(segment, name) for name in segment.__slots__ if name != "target_map"}
        segments.append((fields, segment.target_map.chunks))
    return (document.format, document.target_locale, document.source_locale, segments, document.comments,
            document.errors)


def _load(text: str, monkeypatch, *, scanner: bool, path: str = "locale/de/LC_MESSAGES/app.po"):
    with monkeypatch.context() as patch:
        if not scanner:
            def refuse(_text):
                raise _po_scanner.Refused("test: polib only")
            patch.setattr(_po_scanner, "read", refuse)
        try:
            return _document_view(po.load(path, text.encode("utf-8"), LoadHints()))
        except LoadError as exc:
            return ("LoadError", str(exc), exc.line)


def _assert_same(text: str, monkeypatch) -> bool:
    """Assert the scanner agrees with polib on `text`; True when the scanner took the text itself."""
    try:
        expected = _catalog_view(polib.pofile(text))
    except (OSError, ValueError, KeyError, IndexError):
        expected = None
    try:
        got = _catalog_view(_po_scanner.read(text))
    except Exception:  # noqa: BLE001 - refusing is always allowed
        got = None
    if got is not None:
        assert got == expected
    assert _load(text, monkeypatch, scanner=True) == _load(text, monkeypatch, scanner=False)
    return got is not None


@pytest.mark.parametrize("path", _real_po_files(), ids=lambda path: str(path.relative_to(path.parents[3])))
def test_real_catalogs_read_the_same(path, monkeypatch):
    text = path.read_bytes().decode("utf-8")
    assert _assert_same(text, monkeypatch), "the scanner should take a well-formed real catalog itself"


HEADER = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"X-Long: a\\n"\n"b\\n"\n\n'

EDGE_CASES = {
    "escapes": HEADER + 'msgid "Say \\"hi\\"\\tnow\\\\"\nmsgstr "Sag \\"hallo\\"\\tjetzt\\\\\\n"\n',
    "unknown escape kept": HEADER + 'msgid "a\\qb"\nmsgstr "a\\qb \\u00e9"\n',
    "wrapped strings": HEADER + 'msgid ""\n"Line one "\n"line two"\nmsgstr ""\n"Zeile eins "\n"Zeile zwei"\n',
    "previous msgid": HEADER + '#, fuzzy\n#| msgctxt "old"\n#| msgid "Old text"\n#| "continued"\n'
                               '#| msgid_plural "Old texts"\nmsgid "New text"\nmsgstr "Neuer Text"\n',
    "obsolete": HEADER + 'msgid "kept"\nmsgstr "behalten"\n\n#~ msgid "gone"\n#~ msgstr "weg"\n'
                         '#~| msgid "older"\n#~ msgid "gone too"\n#~ msgstr ""\n#~ "weg auch"\n',
    "plural forms": HEADER + '#, python-format\nmsgid "%(n)s file"\nmsgid_plural "%(n)s files"\n'
                             'msgstr[0] "%(n)s Datei"\nmsgstr[1] ""\n"%(n)s Dateien"\n',
    "msgctxt": HEADER + 'msgctxt "menu"\nmsgid "Open"\nmsgstr "Öffnen"\n\nmsgctxt ""\n"verb"\nmsgid "Open"\nmsgstr "Öffne"\n',
    "comments and flags": HEADER + '# translator\n#  indented\n#\n## double\n#. extracted\n#. second\n'
                                   '#: a.py:1 b.py c.py:x\n#, fuzzy, python-format\n#, no-c-format\n'
                                   'msgid "x %s"\nmsgstr "y %s"\n',
    "directives": HEADER + '# l10n-qa: disable=whitespace.trailing\nmsgid "a "\nmsgstr "b "\n',
    "max-length": HEADER + '#. max-length:5\nmsgid "Save"\nmsgstr "Speichern"\n',
    "CRLF": HEADER.replace("\n", "\r\n") + 'msgid "a"\r\nmsgstr "b"\r\n',
    "BOM": "\ufeff" + HEADER + 'msgid "a"\nmsgstr "b"\n',
    "no trailing newline": HEADER + 'msgid "a"\nmsgstr "b"',
    "trailing comment": HEADER + 'msgid "a"\nmsgstr "b"\n# a comment after the last entry\n',
    "no header": 'msgid "a"\nmsgstr "b"\n',
    "untranslated and empty": HEADER + 'msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgid_plural "bs"\nmsgstr[0] ""\nmsgstr[1] ""\n',
    "whitespace around lines": HEADER + '   msgid   "a"  \n\tmsgstr "b"\t\n',
    "header comment": '# Header comment\n# more\n#, fuzzy\n' + HEADER + 'msgid "a"\nmsgstr "b"\n',
    "form ten reads one digit": HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[10] "y"\n',
    "quote escaped after backslash": HEADER + 'msgid "a\\\\"\nmsgstr "b\\\\\\""\n',
}
INVALID = {
    "unescaped quote": HEADER + 'msgid "a"b"\nmsgstr "c"\n',
    "msgstr before msgid": 'msgstr "b"\nmsgid "a"\n',
    "unknown keyword": HEADER + 'msgfoo "a"\n',
    "bad plural index": HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr[x] "c"\n',
    "empty previous": HEADER + '#|\nmsgid "a"\nmsgstr "b"\n',
    # polib splits lines with str.splitlines: U+2028 ends the msgid line, the rest is a syntax error
    "unicode line separator": HEADER + 'msgid "a\u2028b"\nmsgstr "c"\n',
    "two headers": HEADER + HEADER + 'msgid "a"\nmsgstr "b"\n',
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_read_the_same(name, monkeypatch):
    assert _assert_same(EDGE_CASES[name], monkeypatch)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_files_go_to_polib(name, monkeypatch):
    with pytest.raises(Exception):
        _po_scanner.read(INVALID[name])
    _assert_same(INVALID[name], monkeypatch)


def test_scanner_values_match_polib_on_an_example():
    catalog = _po_scanner.read(EDGE_CASES["plural forms"])
    assert catalog.metadata["X-Long"] == "a\nb"
    (entry,) = catalog
    assert (entry.msgid, entry.msgid_plural, entry.msgstr_plural, entry.flags, entry.linenum) == (
        "%(n)s file", "%(n)s files", {0: "%(n)s Datei", 1: "%(n)s Dateien"}, ["python-format"], 8)


_FRAGMENTS = [
    'msgid "a"', 'msgid ""', 'msgid "x\\"y"', 'msgid_plural "as"', 'msgstr "b"', 'msgstr ""', 'msgctxt "c"',
    'msgstr[0] "f0"', 'msgstr[1] "f1\\n"', 'msgstr[2] ""', '"cont\\tinued"', '""', '"Language: de\\n"',
    '"bad"quote"', '# comment', '#', '#. extracted', '#: ref.py:3', '#:', '#, fuzzy', '#, python-format', '#,',
    '#| msgid "old"', '#| "old more"', '#| msgctxt "o"', '#|', '#~ msgid "gone"', '#~ msgstr "weg"', '#~ "more"',
    '#~| msgid "x"', '#~', '', '   ', 'garbage', 'msgstr[', 'msgid', '\ufeffmsgid "bom"', '"\\\\"',
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_generated_files_read_the_same(lines, newline, trailing_newline):
    text = newline.join(lines) + (newline if trailing_newline else "")
    with pytest.MonkeyPatch.context() as monkeypatch:
        _assert_same(text, monkeypatch)
