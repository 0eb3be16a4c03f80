"""The YAML rule-pack format, a user's own pack by path, config keys, and `rules`/`explain`, from
the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import write_po
from l10n_qa.packs.rulepack import RulePackError, builtin_packs, parse_pack

BRAND_PACK = """\
pack: acme-voice
description: Acme's own wording rules.
scope:
  languages: [de]
rules:
  - id: culture.old-brand-name
    kind: prefer
    severity: error
    patterns: [Acme Classic]
    suggestion: Acme One
    message: '"{match}" was renamed: write "{suggestion}"'
    rationale: The product was renamed in 2024; the old name confuses customers.
    example: {source: Try Acme One., bad: Testen Sie Acme Classic., good: Testen Sie Acme One.}
  - id: culture.refund-promise
    kind: pair
    source: [refund]
    patterns: [garantiert]
    message: '"{match}" promises more than the source: a refund is not guaranteed'
    rationale: Legal asked us never to promise refunds in German.
  - id: culture.privacy-link
    kind: require
    severity: info
    scope: {content_types: [reply, ui]}
    source: [privacy policy]
    target: [Datenschutzerklärung]
    message: 'the source mentions the privacy policy: call it "Datenschutzerklärung"'
    rationale: The page is titled Datenschutzerklärung.
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def project(tmp_path: Path, config: str, pack: str | None = BRAND_PACK) -> Path:
    (tmp_path / "l10n-qa.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    if pack is not None:
        (tmp_path / "acme.yaml").write_text(pack, encoding="utf-8")
    return tmp_path


def findings(result: subprocess.CompletedProcess) -> list[tuple[str, int, int]]:
    report = json.loads(result.stdout)
    return [(f["rule"], f["line"], f["column"]) for f in report["findings"]]


def test_a_users_pack_by_path_finds_its_rules(tmp_path):
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml]\n")
    write_po(tmp_path / "de.po", "Try Acme One for your refund.", "Testen Sie Acme Classic für Ihre garantiert Erstattung.", "de")
    result = run("check", "de.po", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert findings(result) == [("culture.old-brand-name", 9, 20), ("culture.refund-promise", 9, 42)]
    report = json.loads(result.stdout)
    assert report["findings"][0]["suggestion"] == "write `Acme One`"
    assert report["findings"][0]["message"] == '"Acme Classic" was renamed: write "Acme One"'


def test_selecting_only_a_users_rule_runs_it(tmp_path):
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml]\nselect: [culture.old-brand-name]\n")
    write_po(tmp_path / "de.po", "Try Acme One.", "Testen Sie Acme Classic.", "de")
    assert findings(run("check", "de.po", "--format", "json", cwd=tmp_path)) == [("culture.old-brand-name", 9, 20)]


def test_pack_scope_by_language_keeps_other_locales_quiet(tmp_path):
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml]\n")
    write_po(tmp_path / "fr.po", "Try Acme One.", "Essayez Acme Classic.", "fr")
    result = run("check", "fr.po", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result) == []


def test_require_rule_reports_the_missing_form(tmp_path):
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml]\n")
    write_po(tmp_path / "de.po", "Read our privacy policy.", "Lesen Sie unsere Datenschutzrichtlinie.", "de")
    result = run("check", "de.po", "--format", "json", cwd=tmp_path)
    assert findings(result) == [("culture.privacy-link", 9, 9)]


def test_naming_packs_replaces_the_builtin_default(tmp_path):
    # Only the user's pack: the built-in rtl pack does not run.
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml]\n")
    write_po(tmp_path / "ar.po", "Need help?", "هل تحتاج إلى مساعدة?", "ar")
    assert findings(run("check", "ar.po", "--format", "json", cwd=tmp_path)) == []
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml, rtl]\n")
    assert findings(run("check", "ar.po", "--format", "json", cwd=tmp_path)) == [("rtl.latin-question-mark", 9, 28)]


def test_rules_and_explain_show_the_users_pack(tmp_path):
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml, culture]\n")
    listing = run("rules", "--format", "json", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    packs = {r["id"]: r["pack"] for r in json.loads(listing.stdout)}
    assert packs["culture.old-brand-name"] == "acme-voice" and packs["culture.christmas-greeting"] == "culture"
    assert packs["rtl.bidi-override"] is None  # written in code, not in a pack
    explained = run("explain", "culture.old-brand-name", cwd=tmp_path)
    assert explained.returncode == 0
    assert "The product was renamed in 2024" in explained.stdout
    assert "Rule pack `acme-voice`, acme.yaml:6." in explained.stdout
    assert "wrong:  Testen Sie Acme Classic." in explained.stdout


def test_every_builtin_pack_rule_is_explained_with_a_rationale(tmp_path):
    listing = json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)
    pack_rules = [r for r in listing if r["category"] in ("culture", "rtl", "typography")]
    assert len(pack_rules) >= 25
    for rule in pack_rules:
        assert len(rule["rationale"]) > 80 and rule["summary"], rule["id"]
    explained = run("explain", "rtl.latin-question-mark", cwd=tmp_path)
    assert "Hebrew uses the Latin" in explained.stdout and "right:  هل تحتاج إلى مساعدة؟" in explained.stdout


def test_a_broken_pack_is_an_input_error_with_its_line(tmp_path):
    broken = BRAND_PACK.replace("kind: pair", "kind: pear")
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml]\n", broken)
    write_po(tmp_path / "de.po", "Hello", "Hallo", "de")
    result = run("check", "de.po", cwd=tmp_path)
    assert result.returncode == 2
    assert "acme.yaml:15: kind 'pear' is not one of forbid, prefer, pair, require, characters" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("config, message", [
    ("rule_packs: [nonexistent]\n", "l10n-qa.yaml:1: rule_packs[0]: no such file or folder 'nonexistent'"),
    ("markets: {en-GB: [Arabia]}\n", "l10n-qa.yaml:1: markets.en-GB: expected a list of region codes"),
    ("formality: {de: polite}\n", "l10n-qa.yaml:1: formality.de: expected formal or informal, got 'polite'"),
])
def test_bad_config_values_name_their_key(tmp_path, config, message):
    project(tmp_path, config, None)
    write_po(tmp_path / "de.po", "Hello", "Hallo", "de")
    result = run("check", "de.po", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr


def test_markets_and_formality_from_the_config(tmp_path):
    project(tmp_path, """\
        source_locale: en
        markets: {en-GB: [AE]}
        formality: {de: formal}
        """, None)
    write_po(tmp_path / "en-GB.po", "Season's greetings!", "Merry Christmas!", "en-GB")
    write_po(tmp_path / "de.po", "Check your inbox.", "Prüfe dein Postfach.", "de")
    result = run("check", ".", "--format", "json", cwd=tmp_path)
    found = sorted((Path(f["path"]).name, f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert found == [("de.po", "culture.informal-address-de"), ("en-GB.po", "culture.christmas-greeting")]


@pytest.mark.parametrize("text, message", [
    ("pack: x\nrules: []\n", "`rules` must be a non-empty list"),
    ("pack: x\nrules:\n  - {id: style.x, kind: forbid, patterns: [a], message: m, rationale: r}\n",
     "rule id 'style.x' must be `category.name` with a known category"),
    ("pack: x\nrules:\n  - {id: culture.x, kind: characters, patterns: ['[a'], message: m, rationale: r}\n",
     "invalid regular expression '[a'"),
    ("pack: x\nrules:\n  - {id: culture.x, kind: forbid, patterns: [a], message: m}\n", "rule needs `rationale`"),
    ("pack: x\nrules:\n  - {id: culture.x, kind: forbid, source: [b], patterns: [a], message: m, rationale: r}\n",
     "a `forbid` rule has no `source` (a rule that depends on the source is `kind: pair` or `kind: require`)"),
    ("pack: x\nscope: {markets: [Gulf]}\nrules:\n  - {id: culture.x, kind: forbid, patterns: [a], message: m, rationale: r}\n",
     "scope.markets: 'GULF' is not a region code"),
])
def test_pack_format_errors(text, message):
    with pytest.raises(RulePackError) as error:
        parse_pack(text, "pack.yaml")
    assert message in str(error.value)


def test_builtin_packs_are_the_documented_ones():
    assert [p.stem for p in builtin_packs()] == ["culture", "formality", "rtl", "typography"]


def test_a_users_pack_rule_is_known_to_sarif_directives_and_config_show(tmp_path, tmp_path_factory):
    """One registry per run: the SARIF rule table, inline directives, `severity:` and `config show`
    all know the user's rules, as `check` does."""
    project(tmp_path, "source_locale: en\nrule_packs: [acme.yaml]\nseverity:\n  culture.refund-promise: warning\n")
    po = write_po(tmp_path / "de.po", "Try Acme One for your refund.", "Testen Sie Acme Classic für Ihre garantiert "
                  "Erstattung.", "de")
    result = run("check", "de.po", "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    driver = json.loads(result.stdout)["runs"][0]["tool"]["driver"]
    described = {rule["id"]: rule for rule in driver["rules"]}
    assert set(described) == {"culture.old-brand-name", "culture.refund-promise"}
    assert described["culture.old-brand-name"]["fullDescription"]["text"] == \
        "The product was renamed in 2024; the old name confuses customers. (Rule pack `acme-voice`, acme.yaml:6.)"
    assert described["culture.old-brand-name"]["defaultConfiguration"] == {"level": "error"}
    assert "helpUri" not in described["culture.old-brand-name"]  # no page in our rules reference
    # A directive naming the user's rule hides its finding, and is no unknown rule.
    text = po.read_text(encoding="utf-8").replace("#. entry\n", "# l10n-qa: disable-next-line culture.old-brand-name "
                                                  "-- the old name is quoted on purpose\n")
    po.write_text(text, encoding="utf-8")
    assert findings(run("check", "de.po", "--format", "json", cwd=tmp_path)) == [("culture.refund-promise", 9, 42)]
    shown = json.loads(run("config", "show", "--format", "json", cwd=tmp_path).stdout)
    rules = {r["rule"]: r for r in shown["rules"]}
    assert (rules["culture.refund-promise"]["severity"], rules["culture.refund-promise"]["from"]) == (
        "warning", "l10n-qa.yaml:4")
    assert rules["culture.old-brand-name"]["severity"] == "error"
    # The built-in registry is untouched: a folder without that config does not know the rule.
    elsewhere = tmp_path_factory.mktemp("no-config")
    assert run("explain", "culture.old-brand-name", cwd=elsewhere).returncode == 2
