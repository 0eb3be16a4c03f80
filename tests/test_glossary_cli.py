"""The glossary feature end to end: `check --glossary`, config `glossaries:`, `l10n-qa glossary …`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import write_po

DATA = Path(__file__).parent / "data" / "glossaries"

GLOSSARY = """\
id: shop
entries:
  - source: refund
    note: Money paid back.
    translations:
      de: [Rückerstattung, Erstattung]
      fr: remboursement
    forbidden:
      de:
        - term: Rückvergütung
          reason: not our word
  - source: Example Shop
    do_not_translate: true
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def make_project(tmp_path: Path) -> Path:
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "shop.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "locale").mkdir()
    write_po(tmp_path / "locale" / "de.po", "Refunds take 14 days at Example Shop.",
             "Rückvergütungen dauern bei Example Shop 14 Tage.", "de")
    write_po(tmp_path / "locale" / "fr.po", "Your refund is on its way.", "Votre argent est en route.", "fr")
    return tmp_path


def test_check_with_glossary_option(tmp_path):
    project = make_project(tmp_path)
    result = run("check", "locale", "--glossary", "glossaries/shop.yaml", "--select", "glossary", "-q", "--no-color",
                 cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        'locale/de.po:9:9: error   glossary.forbidden-term      "Rückvergütungen" is a forbidden term in de (not our '
        'word): use "Rückerstattung" or "Erstattung" (glossary entry "refund", glossaries/shop.yaml:3)',
        'locale/fr.po:9:9: warning glossary.missing-term        the source says "refund": use the approved term '
        '"remboursement" (glossary entry "refund", glossaries/shop.yaml:3)',
    ]


def test_json_report_has_suggestion_and_span(tmp_path):
    project = make_project(tmp_path)
    result = run("check", "locale/de.po", "-g", "glossaries/shop.yaml", "--format", "json", cwd=project)
    assert result.returncode == 1, result.stderr
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["category"] == "glossary"]
    assert (finding["rule"], finding["line"], finding["column"], finding["end_column"]) == (
        "glossary.forbidden-term", 9, 9, 24)
    assert finding["suggestion"] == "write `Rückerstattung`"
    assert finding["target"][finding["column"] - 9:finding["end_column"] - 9] == "Rückvergütungen"


def test_config_glossaries_are_found_from_the_checked_folder(tmp_path):
    project = make_project(tmp_path)
    (project / "l10n-qa.yaml").write_text("glossaries:\n  - glossaries   # every glossary in the folder\n",
                                          encoding="utf-8")
    elsewhere = tmp_path.parent  # run from outside the project: the config next to the checked folder wins
    result = run("check", str(project / "locale"), "--select", "glossary", "-q", cwd=elsewhere)
    assert result.returncode == 1, result.stderr
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == [
        f"{project.name}/locale/de.po:9:9:", f"{project.name}/locale/fr.po:9:9:"]
    shown = run("config", "show", cwd=project)
    assert 'glossaries      ["glossaries/shop.yaml"]    [l10n-qa.yaml:1]' in shown.stdout


def test_glossary_formats_are_accepted_directly(tmp_path):
    project = make_project(tmp_path)
    shutil.copy(DATA / "termbase-2008.tbx", project / "terms.tbx")
    shutil.copy(DATA / "crowdin-export.csv", project / "terms.csv")
    write_po(project / "locale" / "ja.po", "Sign in to your account.", "口座にログインしてください。", "ja")
    for glossary in ("terms.tbx", "terms.csv"):
        result = run("check", "locale", "-g", glossary, "--select", "glossary", "-q", "--fail-on", "warning", cwd=project)
        assert result.returncode == 1, result.stderr
        lines = result.stdout.splitlines()
        if glossary == "terms.tbx":  # TBX: 口座 deprecated for account; German "Rückerstattung" missing
            assert [line.split()[0] + " " + line.split()[2] for line in lines] == [
                "locale/de.po:9:9: glossary.missing-term", "locale/fr.po:9:9: glossary.missing-term",
                "locale/ja.po:9:9: glossary.forbidden-term"]
            assert "(glossary entry \"c102\", terms.tbx:57)" in lines[2]
        else:
            assert [line.split()[0] + " " + line.split()[2] for line in lines] == [
                "locale/de.po:9:9: glossary.missing-term", "locale/fr.po:9:9: glossary.missing-term"]


def test_builtin_glossary_by_name(tmp_path):
    write_po(tmp_path / "de.po", "Forgot your password?", "Kennwort vergessen?", "de")
    result = run("check", "de.po", "--glossary", "support", "-q", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith('de.po:9:9: error   glossary.forbidden-term      "Kennwort" is a forbidden term')
    assert "built-in:support.yaml:" in result.stdout


def test_bad_glossary_stops_the_run_with_its_line(tmp_path):
    project = make_project(tmp_path)
    (project / "bad.yaml").write_text("entries:\n  - source: refund\n    translation: {de: Erstattung}\n")
    result = run("check", "locale", "-g", "bad.yaml", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == ("l10n-qa: bad.yaml:3: entry: unknown key 'translation' (did you mean "
                                     "'translations'?) (glossary)")
    result = run("check", "locale", "-g", "missing.yaml", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("l10n-qa: glossary not found: 'missing.yaml' (not a file or folder, nor a built-in glossary: support")


def test_config_naming_a_missing_glossary(tmp_path):
    project = make_project(tmp_path)
    (project / "l10n-qa.yaml").write_text("source_locale: en\nglossaries:\n  - shop.yaml\n")
    result = run("check", "locale", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("l10n-qa: l10n-qa.yaml:3: glossaries[0]: no such file or folder 'shop.yaml' (relative to "
                                    "the config's folder), nor a built-in glossary")


def test_process_pool_gives_the_same_findings(tmp_path):
    project = make_project(tmp_path)
    for index in range(40):
        write_po(project / "locale" / f"de{index}.po", "Refunds take 14 days.", "Rückvergütungen dauern 14 Tage.", "de")
    single = run("check", "locale", "-g", "glossaries/shop.yaml", "-q", "-j", "1", cwd=project)
    pooled = run("check", "locale", "-g", "glossaries/shop.yaml", "-q", "-j", "2", cwd=project)
    assert single.returncode == pooled.returncode == 1
    assert pooled.stdout == single.stdout and single.stdout.count("glossary.forbidden-term") == 41


def test_import_then_check(tmp_path):
    project = make_project(tmp_path)
    result = run("glossary", "import", str(DATA / "termbase-2008.tbx"), "-o", "glossaries/termbase.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "imported 2 entries (source en, locales: de-DE, fr-FR, ja-JP)" in result.stderr
    assert "termbase-2008.tbx:69: entry c103 has no term in the source language 'en'; skipped" in result.stderr
    text = (project / "glossaries" / "termbase.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported from termbase-2008.tbx") and "id: termbase\n" in text
    result = run("check", "locale/fr.po", "-g", "glossaries/termbase.yaml", "-q", cwd=project)
    assert result.returncode == 0  # a missing term is a warning; --fail-on error is the default
    assert '"remboursement" (glossary entry "c101", glossaries/termbase.yaml:' in result.stdout


def test_import_csv_to_stdout(tmp_path):
    result = run("glossary", "import", str(DATA / "crowdin-export.csv"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "- id: refund-noun\n  source: refund\n  pos: noun\n" in result.stdout
    assert "crowdin-export.csv:5: empty source term: the row is skipped" in result.stderr


def test_validate(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(GLOSSARY, encoding="utf-8")
    result = run("glossary", "validate", "good.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert "1 glossaries, 2 entries: 0 problems" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(GLOSSARY + "  - source: Refund\n    translations:\n      de: ''\n", encoding="utf-8")
    result = run("glossary", "validate", "good.yaml", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "bad.yaml:14: duplicate term 'Refund': also in entry 'refund' at line 3",
        "bad.yaml:16: translations.de: empty translation",
    ]
    unreadable = tmp_path / "broken.tbx"
    unreadable.write_text("<martif><text>", encoding="utf-8")
    result = run("glossary", "validate", "broken.tbx", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.startswith("broken.tbx:1: not well-formed XML")


def test_validate_uses_the_config(tmp_path):
    project = make_project(tmp_path)
    (project / "l10n-qa.yaml").write_text("glossaries: [glossaries/shop.yaml, support]\n")
    result = run("glossary", "validate", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 glossaries" in result.stderr


def test_lookup(tmp_path):
    result = run("glossary", "lookup", "refunds", "-l", "de-CH", "-g", "support", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "refund"
    assert lines[1].startswith("  support entry 'refund', built-in:support.yaml:")
    assert "  de-CH: Rückerstattung; Erstattung; erstatten; zurückerstatten" in lines
    result = run("glossary", "lookup", "Strasse", "-l", "de-CH", "-g", "support", "--format", "json", cwd=tmp_path)
    (entry,) = json.loads(result.stdout)
    assert entry["id"] == "street"
    assert entry["translations"] == {"de-CH": [{"term": "Strasse"}]}
    assert entry["forbidden"]["de-CH"][0]["term"] == "Straße"
    result = run("glossary", "lookup", "口座", "-g", "support", cwd=tmp_path)
    assert result.stdout.startswith("account\n") and "bank account" in result.stdout
    result = run("glossary", "lookup", "nothing-like-this", "-g", "support", cwd=tmp_path)
    assert result.returncode == 1 and "no glossary entry for 'nothing-like-this'" in result.stderr


def test_stats(tmp_path):
    path = tmp_path / "shop.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    result = run("glossary", "stats", "shop.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{
        "glossary": "shop", "path": "shop.yaml", "source_locale": "en", "entries": 2, "do_not_translate": 1,
        "locales": {"de": {"approved": 1, "forbidden": 1}, "fr": {"approved": 1, "forbidden": 0}}}]
    result = run("glossary", "stats", "shop.yaml", cwd=tmp_path)
    assert result.stdout.splitlines()[:2] == ["shop  shop.yaml  (source en)", "  entries: 2, do not translate: 1"]


def test_no_glossaries_configured(tmp_path):
    result = run("glossary", "stats", cwd=tmp_path)
    assert result.returncode == 2
    assert "no glossaries: name glossary files" in result.stderr


def test_config_glossaries_must_be_a_list(tmp_path):
    project = make_project(tmp_path)
    (project / "l10n-qa.yaml").write_text("source_locale: en\nglossaries: {shop: glossaries/shop.yaml}\n")
    result = run("check", "locale", cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip() == ("l10n-qa: l10n-qa.yaml:2: glossaries: expected a list of glossary files or "
                                     "built-in glossary names")


def test_approved_terms_are_not_misspellings(tmp_path):
    (tmp_path / "terms.yaml").write_text("entries:\n  - source: returns portal\n    translations: {de: Retourenportal}\n",
                                         encoding="utf-8")
    write_po(tmp_path / "de.po", "Open the returns portal.", "Öffnen Sie das Retourenportal.", "de")
    without = run("check", "de.po", "--spelling", "-q", cwd=tmp_path)
    assert "de.po:9:24: warning spelling.hunspell            `Retourenportal` is not in the de_DE dictionary" in without.stdout
    with_glossary = run("check", "de.po", "--spelling", "-q", "-g", "terms.yaml", cwd=tmp_path)
    assert with_glossary.returncode == 0, with_glossary.stdout + with_glossary.stderr
    assert with_glossary.stdout == ""
