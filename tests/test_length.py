"""Length limits (category `length`): what is counted, where limits come from, and the CLI end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10n_qa import measure
from test_cli import l10n_qa


# --- Counting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, encoding, units, parts", [
    ("a" * 160, "gsm-7", 160, 1),
    ("a" * 161, "gsm-7", 161, 2),  # split: 153 per part
    ("a" * 306, "gsm-7", 306, 2),
    ("a" * 307, "gsm-7", 307, 3),
    ("€" * 80, "gsm-7", 160, 1),  # extension table: two septets each
    ("€" * 81, "gsm-7", 162, 2),
    ("a" * 152 + "€" + "a" * 152, "gsm-7", 306, 3),  # the € does not straddle parts 1 and 2
    ("Grüße à Zoë", "ucs-2", 11, 1),  # ë is not GSM-7 (ä, ö, ü, à, é are)
    ("Grüße à tous, éà", "gsm-7", 16, 1),
    ("ł" * 70, "ucs-2", 70, 1),
    ("ł" * 71, "ucs-2", 71, 2),
    ("ł" * 134, "ucs-2", 134, 2),  # 67 per part
    ("😀" * 35, "ucs-2", 70, 1),  # a surrogate pair is two UTF-16 units
    ("", "gsm-7", 0, 0),
])
def test_sms_parts_follow_gsm_03_38(text, encoding, units, parts):
    size = measure.sms_size(text)
    assert (size.encoding, size.units, size.parts) == (encoding, units, parts)


def test_gsm7_alphabet_has_the_standard_sizes():
    assert len(measure.GSM7_BASIC) == 127  # 128 code points, one of them the escape to the extension table
    assert measure.GSM7_EXTENSION == frozenset("\f^{}\\[~]|€")


def test_graphemes_width_code_points_and_bytes_count_differently():
    text = "Ne\u0301e 🇩🇪 日本"  # a combining accent, a flag (two code points), two wide ideographs
    assert measure.size(text, "graphemes") == 8
    assert measure.size(text, "code-points") == 10
    assert measure.size(text, "width") == 10  # 日 and 本 take two columns each
    assert measure.size(text, "bytes") == len(text.encode("utf-8"))


@pytest.mark.parametrize("value, expected", [
    (40, ("graphemes", 40)), ({"max": 1, "unit": "sms"}, ("sms", 1)), ({"unit": "sms"}, ("sms", 1)),
    ({"max": 30, "unit": "width"}, ("width", 30)),
])
def test_config_limits_parse(value, expected):
    limit = measure.parse_limit(value, "config length.x")
    assert (limit.unit, limit.max) == expected


@pytest.mark.parametrize("value, message", [
    (0, "at least 1"), (True, "expected a number"), ({"max": 5, "unit": "pixels"}, "unknown unit 'pixels'"),
    ({"max": 5, "units": "width"}, "unknown key 'units'"), ("40", "expected a number"),
])
def test_bad_config_limits_are_refused(value, message):
    with pytest.raises(ValueError, match=message):
        measure.parse_limit(value, "config length.x")


# --- Per unit: PO and XLIFF, end to end ------------------------------------------------------------

PO = """msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#, max-length:10
msgid "Save"
msgstr "Änderungen speichern"

#. The button has room for 12 characters. max-length:12
msgid "Cancel"
msgstr "Abbrechen"

# max-length:8
msgid "Back"
msgstr "Zurückgehen"

msgid "Next"
msgstr "Weiter zur nächsten Seite"
"""

XLIFF_1 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="m" source-language="en" target-language="ja" datatype="plaintext">
    <body>
      <trans-unit id="cols" maxwidth="8" size-unit="col">
        <source>Refund</source>
        <target>返金リクエスト</target>
      </trans-unit>
      <trans-unit id="pixels" maxwidth="5">
        <source>Refund</source>
        <target>返金リクエスト</target>
      </trans-unit>
      <trans-unit id="bytes" maxbytes="9">
        <source>Refund</source>
        <target>返金申請</target>
      </trans-unit>
      <trans-unit id="glyphs" maxwidth="4" size-unit="glyph">
        <source>Refund</source>
        <target>返金を申請</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"
       xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0" srcLang="en" trgLang="de">
  <file id="f">
    <unit id="u1" slr:sizeRestriction="12">
      <segment><source>Open <pc id="1">settings</pc></source><target>Öffne die <pc id="1">Einstellungen</pc></target></segment>
    </unit>
    <unit id="u2" slr:sizeRestriction="14">
      <segment><source>Open <pc id="1">settings</pc></source><target>Öffne <pc id="1">Optionen</pc></target></segment>
    </unit>
  </file>
</xliff>
"""


def findings(result) -> list[tuple]:
    report = json.loads(result.stdout)
    return [(f["path"], f["rule"], f["line"], f["column"], f["end_column"], f["message"], f["suggestion"])
            for f in report["findings"]]


def test_po_max_length_from_flag_translator_and_extracted_comments(tmp_path):
    (tmp_path / "de.po").write_text(PO, encoding="utf-8")
    result = l10n_qa("check", "de.po", "--select", "length", "-f", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert findings(result) == [
        ("de.po", "length.too-long", 8, 19, 29, "20 characters, 10 over the limit of 10 characters (max-length:10)",
         "shorten it to at most 10 characters"),
        ("de.po", "length.too-long", 16, 17, 20, "11 characters, 3 over the limit of 8 characters (max-length:8)",
         "shorten it to at most 8 characters"),
    ]  # "Abbrechen" fits its 12; "Next" has no limit and a source too short to compare


def test_xliff_1_2_maxwidth_in_columns_glyphs_and_maxbytes(tmp_path):
    (tmp_path / "m.ja.xlf").write_text(XLIFF_1, encoding="utf-8")
    result = l10n_qa("check", "m.ja.xlf", "--select", "length", "-f", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    # 返金リクエスト: 7 wide characters, 14 columns; 8 columns hold 4 of them, so the finding starts at
    # the 5th. The pixel limit (size-unit defaults to pixel) needs a font: not checked.
    assert findings(result) == [
        ("m.ja.xlf", "length.too-long", 7, 21, 24,
         '14 columns, 6 over the limit of 8 columns (maxwidth="8" size-unit="col")', "shorten it to at most 8 columns"),
        ("m.ja.xlf", "length.too-long", 15, 20, 21, '12 bytes, 3 over the limit of 9 bytes (maxbytes="9")',
         "shorten it to at most 9 bytes"),
        ("m.ja.xlf", "length.too-long", 19, 21, 22,
         '5 characters, 1 over the limit of 4 characters (maxwidth="4" size-unit="glyph")',
         "shorten it to at most 4 characters"),
    ]


def test_xliff_2_size_restriction_counts_text_not_inline_markup(tmp_path):
    (tmp_path / "m.de.xlf").write_text(XLIFF_2, encoding="utf-8")
    result = l10n_qa("check", "m.de.xlf", "--select", "length", "-f", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    # "Öffne die Einstellungen" is 23 code points without the <pc> tags; the 13th is the "n" after "Ei".
    assert findings(result) == [
        ("m.de.xlf", "length.too-long", 6, 93, 104,
         '23 code points, 11 over the limit of 12 code points (slr:sizeRestriction="12")',
         "shorten it to at most 12 code points"),
    ]  # u2: "Öffne Optionen" is 14, its limit


def test_a_bad_limit_in_a_file_is_an_input_error_and_other_files_are_checked(tmp_path):
    (tmp_path / "bad.de.xlf").write_text(XLIFF_1.replace('maxwidth="8"', 'maxwidth="eight"').replace(
        'target-language="ja"', 'target-language="de"'), encoding="utf-8")
    (tmp_path / "de.po").write_text(PO, encoding="utf-8")
    result = l10n_qa("check", ".", "--select", "length", "-f", "json", cwd=tmp_path)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["errors"] == [{"path": "bad.de.xlf", "line": 5,
                                 "message": "maxwidth='eight' is not a positive whole number; the unit's length is not checked"}]
    assert {(f["path"], f["line"]) for f in report["findings"]} >= {("de.po", 8), ("de.po", 16), ("bad.de.xlf", 15)}


# --- Per content set and content type: the config's `length:` -----------------------------------

SMS_CONFIG = """source_locale: en-US
content:
  - name: sms
    type: reply
    target: sms/{locale}.yaml
    source: sms/en-US.yaml
length:
  sms: {max: 1, unit: sms}
"""
SMS_SOURCE = """shipped:
  body: Your order {{order}} has shipped. Track it at example.com/t/{{order}}. Reply STOP to opt out.
delayed:
  body: Your order {{order}} is delayed by 2 days. We are sorry for the wait. Reply STOP to opt out.
short:
  body: Your code is {{code}}.
"""
SMS_DE = """shipped:
  body: Ihre Bestellung {{order}} wurde versandt. Verfolgen Sie sie unter example.com/t/{{order}}. Antworten Sie STOP, um sich abzumelden. Vielen Dank für Ihren Einkauf.
delayed:
  body: Ihre Bestellung {{order}} verspätet sich um 2 Tage. Wir entschuldigen uns für die Wartezeit – antworten Sie STOP zur Abmeldung.
short:
  body: Ihr Code lautet {{code}}.
"""


@pytest.fixture
def sms_project(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "l10n-qa.yaml").write_text(SMS_CONFIG, encoding="utf-8")
    (tmp_path / "sms").mkdir()
    (tmp_path / "sms" / "en-US.yaml").write_text(SMS_SOURCE, encoding="utf-8")
    (tmp_path / "sms" / "de-DE.yaml").write_text(SMS_DE, encoding="utf-8")
    return tmp_path


def test_sms_content_set_counts_gsm7_parts_and_names_the_character_that_forces_ucs2(sms_project):
    before = (sms_project / "sms" / "de-DE.yaml").read_bytes()
    result = l10n_qa("check", "--select", "length", "-f", "json", cwd=sms_project)
    assert result.returncode == 1, result.stderr
    assert findings(result) == [
        # 161 characters, 169 septets: the braces of the placeholders are GSM-7 extension characters
        # and count twice. The 160th septet is the 152nd character: the finding starts at the 153rd.
        ("sms/de-DE.yaml", "length.too-long", 2, 161, 170,
         "169 GSM-7 characters need 2 SMS parts; the limit is 1 SMS part (160 GSM-7 characters) (config length.sms)",
         "shorten it to at most 160 GSM-7 characters"),
        # 127 characters fit in GSM-7's 160, but the en dash makes it UCS-2 (70 per part).
        ("sms/de-DE.yaml", "length.too-long", 4, 101, 102,
         "127 UCS-2 units need 2 SMS parts; the limit is 1 SMS part (70 UCS-2 units) (config length.sms): `–` (U+2013) "
         "is not in the GSM-7 alphabet, so the whole message is sent as UCS-2",
         "replace `–` with `-` (GSM-7 has no such character) to fit in 160 GSM-7 characters"),
    ]
    assert (sms_project / "sms" / "de-DE.yaml").read_bytes() == before  # inputs never modified


def test_a_content_type_limit_applies_where_no_content_set_has_one(sms_project):
    config = SMS_CONFIG.replace("  sms: {max: 1, unit: sms}", "  reply: 25")
    (sms_project / "l10n-qa.yaml").write_text(config, encoding="utf-8")
    result = l10n_qa("check", "--select", "length", "-f", "json", cwd=sms_project)
    assert [(f[2], f[3], f[5]) for f in findings(result)] == [
        (2, 34, "161 characters, 136 over the limit of 25 characters (config length.reply)"),
        (4, 34, "127 characters, 102 over the limit of 25 characters (config length.reply)"),
    ]  # "Ihr Code lautet {{code}}." is 25


@pytest.mark.parametrize("entry, message", [
    ("  newsletter: 40", "length.newsletter: 'newsletter' is neither a content set name nor a content type"),
    ("  sms: {max: 0, unit: sms}", "length.sms: `max` must be a whole number of at least 1, got 0"),
    ("  sms: {max: 1, unit: parts}", "length.sms: unknown unit 'parts'"),
])
def test_a_bad_length_config_stops_the_run_with_its_line(sms_project, entry, message):
    (sms_project / "l10n-qa.yaml").write_text(SMS_CONFIG.replace("  sms: {max: 1, unit: sms}", entry), encoding="utf-8")
    result = l10n_qa("check", cwd=sms_project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"l10n-qa.yaml:8: {message}" in result.stderr


# --- Expansion against the source, where no limit is given -----------------------------------------


def test_expansion_is_reported_for_a_translation_more_than_twice_as_wide(check_pair):
    source = "Your refund is on its way."  # 26 characters
    assert check_pair(source, "Ihre Erstattung ist unterwegs. Bitte beachten Sie, dass es bis zu zehn Tage dauern kann.",
                      select=("length",)) == [("length.expansion", 9, 9)]
    assert check_pair(source, "Ihre Erstattung ist auf dem Weg zu Ihnen.", select=("length",)) == []


def test_expansion_stays_quiet_on_short_sources_and_on_normal_cjk(check_pair):
    # 200–300 % is normal below 20 characters.
    assert check_pair("Save", "Änderungen speichern", select=("length",)) == []
    # Polite Japanese: 23 characters, 46 columns against 25 — under the 2.5 bar for wide scripts.
    assert check_pair("Thanks for your feedback!", "ご意見をお寄せいただき、ありがとうございます！", lang="ja",
                      select=("length",)) == []
    full = check_pair("Thanks for your feedback!", "ご意見をお寄せいただき、誠にありがとうございます。今後ともよろしくお願いいたします！",
                      lang="ja", select=("length",), full=True)
    assert [(f.rule, f.line, f.column, f.severity.label) for f in full] == [("length.expansion", 9, 9, "info")]
    assert full[0].message == ("the translation is 3.4 times as wide as its source (84 vs 25 columns; more than 2.5 times "
                               "is unusual)")


def test_explain_describes_the_length_rules():
    result = l10n_qa("explain", "length.too-long", cwd=Path.cwd())
    assert result.returncode == 0
    assert "GSM-7" in result.stdout and "grapheme" in result.stdout
