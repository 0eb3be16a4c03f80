"""Reading glossaries: the YAML format's errors and validation problems with lines, TBX and CSV imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n_qa.model import Locale
from l10n_qa.packs.glossary import GlossaryError, validate
from l10n_qa.packs.loading import load_glossary

DATA = Path(__file__).parent / "data" / "glossaries"


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in validate([load_glossary(path, "g.yaml")])]


# --- YAML: errors that make a glossary unusable name the line --------------------------------

@pytest.mark.parametrize("text, line, message", [
    ("entries:\n  - source: refund\n    translation:\n      de: Erstattung\n", 3,
     "entry: unknown key 'translation' (did you mean 'translations'?)"),
    ("entries:\n  - source: refund\n    translations:\n      deutsch: Erstattung\n", 4,
     "'deutsch' is not a locale tag (expected e.g. de or de-CH)"),
    ("entries:\n  - source: refund\n    translations:\n      de:\n        - term: Erstattung\n"
     "          pattern: '(unclosed'\n", 6, "translations.de: invalid regular expression '(unclosed'"),
    ("entries:\n  - source: refund\n    translations: {de: Erstattung\n", 4, "invalid YAML"),
    ("entries:\n  - source: refund\n    do_not_translate: yes please\n", 3, "`do_not_translate` must be true or false"),
    ("entries:\n  - translations:\n      de: Erstattung\n", 2, "an entry needs `source`"),
    ("terms:\n  - source: refund\n", 1, "glossary: unknown key 'terms'"),
    ("entries:\n  - source: refund\n    translations:\n      de: Erstattung\n      de: Rückerstattung\n", 5,
     "duplicate key 'de'"),
])
def test_yaml_errors_name_the_line(tmp_path, text, line, message):
    with pytest.raises(GlossaryError) as caught:
        load_glossary(write(tmp_path, text), "g.yaml")
    assert caught.value.line == line
    assert caught.value.message.startswith(message), caught.value.message


# --- validate: problems of a usable glossary, each with its line -----------------------------

VALIDATE = """\
id: problems
entries:
  - source: refund
    translations:
      de: [Rückerstattung, Rückerstattung]
      fr: remboursement
    forbidden:
      fr: [remboursement]
  - source: refund
    translations:
      de: Erstattung
  - source: order
    translations:
      de: Bestellung
  - source: Order
    translations:
      de: Bestellung
  - source: chat
    pos: noun
    translations:
      fr: ""
  - source: chat
    pos: verb
    translations:
      fr: discuter
  - forbidden:
      de: [Kennwort]
  - source: password
    translations:
      de: Kennwort
"""


def test_validate_reports_each_problem_with_its_line(tmp_path):
    assert problems(write(tmp_path, VALIDATE)) == [
        (5, "duplicate translation 'Rückerstattung' for de in entry 'refund' (also at line 5)"),
        (8, "'remboursement' is both approved and forbidden for fr in entry 'refund' (approved at line 6)"),
        (9, "conflicting entries for 'refund': de ['Rückerstattung'] vs ['Erstattung'] (line 3 and "
            "line 9; give each a `pos` if they are different words)"),
        (15, "duplicate term 'Order': also in entry 'order' at line 12"),
        (21, "translations.fr: empty translation"),
        (30, "'Kennwort' is approved for de in entry 'password' but forbidden everywhere at line 27"),
    ]


def test_validate_reports_duplicate_ids(tmp_path):
    text = "entries:\n  - id: x\n    source: a\n    translations: {de: b}\n  - id: x\n    source: c\n    translations: {de: d}\n"
    assert problems(write(tmp_path, text)) == [(5, "entry id 'x' is also used at line 2")]


def test_homographs_with_different_pos_are_not_duplicates(tmp_path):
    text = ("entries:\n  - source: chat\n    pos: noun\n    translations: {fr: chat}\n"
            "  - source: chat\n    pos: verb\n    translations: {fr: discuter}\n")
    assert problems(write(tmp_path, text)) == []


def test_swiss_override_is_not_a_conflict(tmp_path):
    text = ("entries:\n  - source: street\n    translations: {de: Straße, de-CH: Strasse}\n"
            "    forbidden:\n      de-CH: [{term: Straße, inflect: false}]\n")
    glossary = load_glossary(write(tmp_path, text))
    assert validate([glossary]) == []
    entry = glossary.entries[0]
    assert [t.text for t in entry.approved(Locale.parse("de-CH"))] == ["Strasse"]
    assert [t.text for t in entry.approved(Locale.parse("de-AT"))] == ["Straße"]
    assert entry.forbidden_for(Locale.parse("de")) == ()
    assert [t.text for t in entry.forbidden_for(Locale.parse("de-CH"))] == ["Straße"]


# --- TBX -------------------------------------------------------------------------------------

def test_tbx_2008_export(tmp_path):
    glossary = load_glossary(DATA / "termbase-2008.tbx", "termbase-2008.tbx")
    assert glossary.source_locale == Locale("en")  # from <martif xml:lang="en-US">
    refund, account = glossary.entries
    assert (refund.id, refund.line, refund.pos, refund.note) == ("c101", 13, "noun", "Money paid back to the customer.")
    assert [t.text for t in refund.source] == ["refund"]
    assert {tag: [t.text for t in terms] for tag, terms in refund.translations.items()} == {
        "de-DE": ["Rückerstattung", "Erstattung"], "fr-FR": ["remboursement"], "ja-JP": ["返金"]}
    assert {tag: [(t.text, t.line) for t in terms] for tag, terms in refund.forbidden.items()} == {
        "de-DE": [("Refund", 35)], "ja-JP": [("払い戻し", 52)]}
    assert refund.forbidden["de-DE"][0].reason == ("English left in the German text (administrativeStatus "
                                                   "deprecatedTerm-admn-sts in the term base)")
    assert [t.text for t in account.forbidden["ja-JP"]] == ["口座"]
    # A concept without an English term cannot be checked: reported, with its line.
    assert [(p.line, p.message) for p in glossary.problems] == [
        (69, "entry c103 has no term in the source language 'en'; skipped")]
    # de-DE terms serve a target written just "de" (the only German in the file).
    assert [t.text for t in refund.approved(Locale("de"))] == ["Rückerstattung", "Erstattung"]


def test_tbx_v3_export():
    glossary = load_glossary(DATA / "termbase-v3.tbx", "termbase-v3.tbx")
    (order,) = glossary.entries
    assert (order.id, order.pos, order.note) == ("order", "noun", "A customer's purchase.")
    assert {tag: [t.text for t in terms] for tag, terms in order.translations.items()} == {
        "fr": ["commande"], "pt-BR": ["pedido"]}
    assert [t.text for t in order.forbidden["fr"]] == ["ordre"]


def test_tbx_source_language_option():
    glossary = load_glossary(DATA / "termbase-2008.tbx", "t.tbx", source_locale="de")
    sources = sorted(t.text for e in glossary.entries for t in e.source)
    assert sources == ["Erstattung", "Konto", "Lastschrift", "Refund", "Rückerstattung"]


@pytest.mark.parametrize("text, line, message", [
    ('<?xml version="1.0"?>\n<martif type="TBX">\n<text><body>\n<termEntry>\n<langSet>\n', 5, "<langSet> without xml:lang"),
    ('<?xml version="1.0"?>\n<martif>\n  <text>\n</martif>\n', 4, "not well-formed XML: mismatched tag"),
    ('<?xml version="1.0"?>\n<xliff version="1.2"/>\n', 2, "not a TBX file: the root element is <xliff>"),
    ('<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaa">]>\n<martif>&a;</martif>\n', None, "refused"),
])
def test_bad_tbx(tmp_path, text, line, message):
    with pytest.raises(GlossaryError) as caught:
        load_glossary(write(tmp_path, text, "bad.tbx"), "bad.tbx")
    assert caught.value.message.startswith(message), caught.value.message
    if line is not None:
        assert caught.value.line == line


# --- CSV -------------------------------------------------------------------------------------

def test_csv_with_bracketed_headers():
    glossary = load_glossary(DATA / "crowdin-export.csv", "crowdin-export.csv")
    assert glossary.source_locale == Locale("en")
    refund, order, help_center, paypal = glossary.entries
    assert (refund.line, refund.pos, refund.note) == (2, "noun", "Money paid back to the customer.")
    assert [t.text for t in refund.translations["de"]] == ["Rückerstattung", "Erstattung"]  # "a; b" in one cell
    assert [t.text for t in refund.forbidden["de"]] == ["Refund"]
    assert [t.text for t in help_center.translations["fr"]] == ["centre d’aide"]
    assert help_center.line == 4
    assert [(p.line, p.message) for p in glossary.problems] == [
        (5, "empty source term: the row is skipped"),
        (6, "empty translation: 'PayPal' has no term in any other locale")]


def test_excel_unicode_text_tsv(tmp_path):
    """Excel's "Unicode text": UTF-16 with BOM, tab-separated, CRLF."""
    text = "de\ten\tfr\r\nRückerstattung\trefund\tremboursement\r\nKonto\taccount\tcompte\r\n"
    path = tmp_path / "glossary.txt"
    path.write_bytes(text.encode("utf-16"))
    glossary = load_glossary(path, "glossary.txt")
    assert glossary.source_locale == Locale("en")  # English wins as the source even when not first
    assert [(e.source[0].text, e.translations["de"][0].text, e.line) for e in glossary.entries] == [
        ("refund", "Rückerstattung", 2), ("account", "Konto", 3)]


def test_semicolon_csv_with_locale_columns_and_dnt(tmp_path):
    text = "en-US;de_DE;pt-BR;dnt;note\norder;Bestellung;pedido;;purchase\nExample Shop;;;yes;brand\n"
    glossary = load_glossary(write(tmp_path, text, "g.csv"), "g.csv")
    order, shop = glossary.entries
    assert order.translations == {"de-DE": order.translations["de-DE"], "pt-BR": order.translations["pt-BR"]}
    assert (order.note, shop.do_not_translate, shop.note) == ("purchase", True, "brand")


@pytest.mark.parametrize("text, message", [
    ("source,target\nrefund,Erstattung\n", "no locale columns in the header"),
    ("de,fr\nErstattung,remboursement\n", None),  # no English: the first column is the source
    ("", "empty file"),
])
def test_csv_headers(tmp_path, text, message):
    path = write(tmp_path, text, "g.csv")
    if message is None:
        glossary = load_glossary(path, "g.csv")
        assert glossary.source_locale == Locale("de")
        return
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path, "g.csv")
    assert caught.value.message.startswith(message)


def test_imported_yaml_round_trips(tmp_path):
    from l10n_qa.packs.glossary import to_yaml

    def shape(glossary):
        def terms(per_locale):
            return {tag: [(t.text, t.variants, t.reason) for t in items] for tag, items in per_locale.items()}

        return [(e.id, [t.text for t in e.source], e.pos, e.note, terms(e.translations), terms(e.forbidden))
                for e in glossary.entries]

    glossary = load_glossary(DATA / "termbase-2008.tbx", "t.tbx")
    again = load_glossary(write(tmp_path, to_yaml(glossary)), "t.yaml")
    assert shape(again) == shape(glossary)
    assert again.source_locale == glossary.source_locale
