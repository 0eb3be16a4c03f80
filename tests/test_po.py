"""The PO loader on real catalogs, including odd ones: CRLF, BOM, legacy charsets, plurals."""

from __future__ import annotations

import pytest

from l10n_qa.formats import LoadError, LoadHints
from l10n_qa.formats.po import load
from l10n_qa.model import Locale

CATALOG = '''# German translation of the support widget.
msgid ""
msgstr ""
"Project-Id-Version: widget 1.0\\n"
"Language: de_DE\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#: widget.js:10
msgid "How can we help?"
msgstr "Wie können wir helfen?"

msgctxt "button"
msgid "Send"
msgstr ""
"Nachricht "
"senden"

#, fuzzy
msgid "Chat with us"
msgstr "Chatten Sie mit uns"

msgid "Search the help center"
msgstr ""

#, python-format
msgid "%(count)d unread message"
msgid_plural "%(count)d unread messages"
msgstr[0] "Eine ungelesene Nachricht"
msgstr[1] "%(count)d ungelesene Nachrichten"

#~ msgid "Old string"
#~ msgstr "Alte Zeichenkette"
'''


def load_text(text: str, path: str = "widget.po", encoding: str = "utf-8", hints: LoadHints = LoadHints()):
    return load(path, text.encode(encoding), hints)


def test_entries_states_and_keys():
    doc = load_text(CATALOG)
    assert doc.target_locale == Locale("de", region="DE")
    assert [(s.key, s.state) for s in doc.segments] == [
        ("How can we help?", "translated"),
        ("button | Send", "translated"),
        ("Chat with us", "fuzzy"),
        ("Search the help center", "untranslated"),
        ("%(count)d unread message [0]", "translated"),
        ("%(count)d unread message [1]", "translated"),
    ]  # the obsolete entry is not there


def test_positions_of_msgstr_lines():
    doc = load_text(CATALOG)
    first, send = doc.segments[0], doc.segments[1]
    assert first.target_map.locate(0) == (11, 9)
    assert first.target_map.locate(first.target.index("helfen")) == (11, 9 + len("Wie können wir "))
    assert send.target == "Nachricht senden"
    assert send.target_map.locate(send.target.index("senden")) == (17, 2)
    assert send.target_map.locate(0) == (16, 2)


def test_plural_forms_against_singular_and_plural():
    doc = load_text(CATALOG)
    one, many = doc.segments[4], doc.segments[5]
    assert (one.source, one.plural_index, one.single_number_form) == ("%(count)d unread message", 0, True)
    assert (many.source, many.plural_index, many.single_number_form) == ("%(count)d unread messages", 1, False)
    assert one.target_map.locate(0) == (29, 12)
    assert many.target_map.locate(0) == (30, 12)
    assert "python-format" in one.formats


def test_single_form_language_compares_with_plural():
    text = CATALOG.replace("Language: de_DE", "Language: ja").replace(
        "nplurals=2; plural=(n != 1);", "nplurals=1; plural=0;").replace(
        'msgstr[0] "Eine ungelesene Nachricht"\nmsgstr[1] "%(count)d ungelesene Nachrichten"',
        'msgstr[0] "未読メッセージ %(count)d 件"')
    doc = load_text(text)
    (only,) = [s for s in doc.segments if s.plural_index is not None]
    assert only.source == "%(count)d unread messages"
    assert only.single_number_form is False


def test_crlf_and_bom():
    text = "\ufeff" + CATALOG.replace("\n", "\r\n")
    doc = load_text(text)
    assert doc.segments[0].target == "Wie können wir helfen?"
    assert doc.segments[1].target_map.locate(doc.segments[1].target.index("senden")) == (17, 2)


def test_legacy_charset_is_decoded():
    text = CATALOG.replace("charset=UTF-8", "charset=ISO-8859-1")
    doc = load_text(text, encoding="latin-1")
    assert doc.segments[0].target == "Wie können wir helfen?"


def test_undeclared_legacy_bytes_are_an_error_with_line():
    with pytest.raises(LoadError) as info:
        load_text(CATALOG, encoding="latin-1")
    assert info.value.line == 11
    assert "UTF-8" in info.value.message


def test_syntax_error_names_the_line():
    broken = CATALOG.replace('msgstr "Wie können wir helfen?"', 'msgstr "Wie können "wir" helfen?"')
    with pytest.raises(LoadError) as info:
        load_text(broken)
    assert info.value.line == 11


def test_bad_language_header():
    with pytest.raises(LoadError, match="Language header"):
        load_text(CATALOG.replace("Language: de_DE", "Language: German (Germany)"))


def test_locale_from_hints_when_header_has_none():
    doc = load_text(CATALOG.replace('"Language: de_DE\\n"\n', ""), hints=LoadHints(target_locale=Locale("fr")))
    assert doc.target_locale == Locale("fr")


def test_template_has_no_segments():
    doc = load_text(CATALOG, path="widget.pot")
    assert doc.segments == []


def test_escapes_map_to_raw_columns():
    text = CATALOG.replace('msgstr "Wie können wir helfen?"', 'msgstr "Sagen Sie \\"Hallo\\"\\tund\\nmehr"')
    seg = load_text(text).segments[0]
    assert seg.target == 'Sagen Sie "Hallo"\tund\nmehr'
    assert seg.target_map.locate(seg.target.index("Hallo")) == (11, 9 + len('Sagen Sie \\"'))
    assert seg.target_map.locate(seg.target.index("mehr")) == (11, 9 + len('Sagen Sie \\"Hallo\\"\\tund\\n'))
    newline = seg.target.index("\n")
    assert seg.target_map.locate_end(newline + 1) == (11, 9 + len('Sagen Sie \\"Hallo\\"\\tund\\n'))


def test_untranslated_plural_is_one_segment():
    text = CATALOG.replace('msgstr[0] "Eine ungelesene Nachricht"\nmsgstr[1] "%(count)d ungelesene Nachrichten"',
                           'msgstr[0] ""\nmsgstr[1] ""')
    segments = [s for s in load_text(text).segments if s.key.startswith("%(count)d")]
    assert [(s.key, s.state, s.target_map.locate(0)) for s in segments] == [
        ("%(count)d unread message", "untranslated", (29, 12))]


def test_an_entry_polib_cannot_place_is_an_error_without_a_line_zero():
    # Found by tests/test_fuzz_loaders.py: an unquoted msgid on the first line made polib report the
    # entry at line 0, which the error then pointed at.
    from l10n_qa.formats import LoadError, LoadHints, loader

    with pytest.raises(LoadError) as caught:
        loader("po")("x.po", b'msgid <div><div>%d Dateien"\n', LoadHints())
    assert caught.value.line is None
    assert str(caught.value).startswith("entry ") and str(caught.value).endswith(" has no msgstr")
