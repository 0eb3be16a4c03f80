"""Config inheritance end to end: `extends:`, nested configs merged over the root one, `root: true`,
cycles and missing bases, and `config show FILE` telling the config `check FILE` applies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = "# Refunds\n\nOpen {order_id} to ask for a refund within 30 days.\n"
# Two problems against the source: the placeholder is missing (line 3, column 1), 14 is not 30 (3:45).
TARGET = "# Erstattungen\n\nÖffnen Sie die Bestellung, um innerhalb von 14 Tagen eine Erstattung zu beantragen.\n"


def l10n_qa(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True,
                          env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for product in ("shop", "app"):
        write(tmp_path / product / "help" / "en-US" / "refunds.md", SOURCE)
        write(tmp_path / product / "help" / "de-DE" / "refunds.md", TARGET)
    return tmp_path


def findings(result: subprocess.CompletedProcess) -> list[tuple]:
    assert result.returncode in (0, 1), result.stderr
    return [(f["path"], f["rule"], f["severity"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_a_nested_config_merges_over_the_root_config(repo):
    write(repo / "l10n-qa.yaml", "source_locale: en-US\nfail_on: warning\nseverity:\n  number.changed: warning\n"
                                 "  placeholder.missing: info\n")
    # Mappings merge: shop keeps the root's number.changed warning and turns placeholder.missing off.
    write(repo / "shop" / "l10n-qa.yaml", "severity:\n  placeholder.missing: off\n")
    shop = findings(l10n_qa(repo, "check", "shop/help/de-DE/refunds.md", "-f", "json"))
    assert shop == [("shop/help/de-DE/refunds.md", "number.changed", "warning", 3, 45)]
    # Outside shop/ only the root config applies.
    app = findings(l10n_qa(repo, "check", "app/help/de-DE/refunds.md", "-f", "json"))
    assert app == [("app/help/de-DE/refunds.md", "placeholder.missing", "info", 3, 1),
                   ("app/help/de-DE/refunds.md", "number.changed", "warning", 3, 45)]
    # fail_on: warning is inherited by shop: its warning fails the run.
    assert l10n_qa(repo, "check", "shop/help/de-DE/refunds.md").returncode == 1


def test_lists_replace_and_root_true_stops_the_lookup(repo):
    write(repo / "l10n-qa.yaml", "source_locale: en-US\nignore: [number]\nseverity:\n  placeholder: warning\n")
    write(repo / "shop" / "l10n-qa.yaml", "ignore: [placeholder]\n")  # replaces the root's list
    assert findings(l10n_qa(repo, "check", "shop/help/de-DE/refunds.md", "-f", "json")) == [
        ("shop/help/de-DE/refunds.md", "number.changed", "error", 3, 45)]
    write(repo / "app" / "l10n-qa.yaml", "root: true\n")  # nothing of the root config: defaults
    assert findings(l10n_qa(repo, "check", "app/help/de-DE/refunds.md", "-f", "json")) == [
        ("app/help/de-DE/refunds.md", "placeholder.missing", "error", 3, 1),
        ("app/help/de-DE/refunds.md", "number.changed", "error", 3, 45)]


def test_extends_a_path_and_paths_stay_relative_to_the_file_that_names_them(repo):
    write(repo / "shared" / "base.yaml", "source_locale: en-US\nseverity:\n  placeholder.missing: warning\n"
                                         "glossaries: [terms.yaml]\n")
    write(repo / "shared" / "terms.yaml", "entries:\n  - source: refund\n    translations:\n"
                                          "      de: [Rückerstattung]\n")
    write(repo / "l10n-qa.yaml", "extends: shared/base.yaml\nseverity:\n  number.changed: info\n")
    # The base's glossary (relative to shared/) is used; the base's and the config's severities merge.
    assert findings(l10n_qa(repo, "check", "shop/help/de-DE/refunds.md", "-f", "json")) == [
        ("shop/help/de-DE/refunds.md", "glossary.missing-term", "warning", 1, 3),
        ("shop/help/de-DE/refunds.md", "glossary.missing-term", "warning", 3, 1),
        ("shop/help/de-DE/refunds.md", "placeholder.missing", "warning", 3, 1),
        ("shop/help/de-DE/refunds.md", "number.changed", "info", 3, 45)]


def test_extends_cycle_and_missing_base_are_config_errors(repo):
    write(repo / "l10n-qa.yaml", "source_locale: en-US\nextends: shared/base.yaml\n")
    write(repo / "shared" / "base.yaml", "fail_on: warning\nextends: ../l10n-qa.yaml\n")
    result = l10n_qa(repo, "check", "shop/help/de-DE/refunds.md")
    assert result.returncode == 2
    assert result.stderr == ("l10n-qa: shared/base.yaml:2: extends: the configs extend each other in a cycle: "
                             "l10n-qa.yaml → shared/base.yaml → l10n-qa.yaml\n")
    write(repo / "shared" / "base.yaml", "fail_on: warning\nextends: [other.yaml]\n")
    result = l10n_qa(repo, "check", "shop/help/de-DE/refunds.md")
    assert result.returncode == 2
    assert result.stderr == ("l10n-qa: shared/base.yaml:2: extends[0]: no such config file 'other.yaml' "
                             "(relative to this file's folder)\n")
    write(repo / "l10n-qa.yaml", "source_locale: en-US\nroot: yes please\n")
    result = l10n_qa(repo, "check", "shop/help/de-DE/refunds.md")
    assert result.returncode == 2
    assert result.stderr == "l10n-qa: l10n-qa.yaml:2: root: expected true or false, got 'yes please'\n"


def test_config_show_file_shows_the_merged_config_check_applies(repo):
    write(repo / "shared" / "base.yaml", "severity:\n  placeholder: info\n")
    write(repo / "l10n-qa.yaml", "source_locale: en-US\nextends: shared/base.yaml\nfail_on: warning\n")
    write(repo / "shop" / "l10n-qa.yaml", "severity:\n  placeholder.missing: off\n  number.changed: warning\n")
    shown = json.loads(l10n_qa(repo, "config", "show", "shop/help/de-DE/refunds.md", "-f", "json").stdout)
    assert shown["config"] == "shop/l10n-qa.yaml"
    assert shown["merged"] == ["shared/base.yaml", "l10n-qa.yaml", "shop/l10n-qa.yaml"]
    assert shown["root"] == str(repo)
    rules = {r["rule"]: (r["severity"], r["from"]) for r in shown["rules"]}
    assert rules["placeholder.missing"] == ("off", "shop/l10n-qa.yaml:2")
    assert rules["placeholder.extra"] == ("info", "shared/base.yaml:2")
    assert rules["number.changed"] == ("warning", "shop/l10n-qa.yaml:3")
    values = {v["key"]: (v["value"], v["from"]) for v in shown["values"]}
    assert values["fail_on"] == ("warning", "l10n-qa.yaml:3")
    # …and check applies exactly that: placeholder.missing off, number.changed a warning.
    assert findings(l10n_qa(repo, "check", "shop/help/de-DE/refunds.md", "-f", "json")) == [
        ("shop/help/de-DE/refunds.md", "number.changed", "warning", 3, 45)]
    text = l10n_qa(repo, "config", "show", "shop/help/de-DE/refunds.md").stdout
    assert "merged   shared/base.yaml → l10n-qa.yaml → shop/l10n-qa.yaml  (base first; later files win)" in text


def test_a_nested_config_exclude_is_relative_to_its_own_folder(repo):
    write(repo / "l10n-qa.yaml", "source_locale: en-US\n")
    write(repo / "shop" / "l10n-qa.yaml", "exclude: [refunds.md]\n")  # any refunds.md below shop/
    result = l10n_qa(repo, "config", "show", "shop/help/de-DE/refunds.md", "-f", "json")
    assert json.loads(result.stdout)["file"]["excluded"] is True
    outside = l10n_qa(repo, "config", "show", "app/help/de-DE/refunds.md", "-f", "json")
    assert json.loads(outside.stdout)["file"]["excluded"] is False


def test_a_whole_tree_run_checks_each_file_with_its_nearest_config(repo):
    write(repo / "l10n-qa.yaml", "source_locale: en-US\nseverity:\n  placeholder.missing: info\n")
    write(repo / "shop" / "help" / "de-DE" / "l10n-qa.yaml", "severity:\n  placeholder.missing: off\n")
    # One run from the root: shop's German file gets its folder's config, app's the root's; the
    # nested config file itself is no content to check.
    assert findings(l10n_qa(repo, "check", "-f", "json")) == [
        ("app/help/de-DE/refunds.md", "placeholder.missing", "info", 3, 1),
        ("app/help/de-DE/refunds.md", "number.changed", "error", 3, 45),
        ("shop/help/de-DE/refunds.md", "number.changed", "error", 3, 45)]
    # The same as checking the file alone, and as `config show` says.
    assert findings(l10n_qa(repo, "check", "shop/help/de-DE/refunds.md", "-f", "json")) == [
        ("shop/help/de-DE/refunds.md", "number.changed", "error", 3, 45)]
    shown = json.loads(l10n_qa(repo, "config", "show", "shop/help/de-DE/refunds.md", "-f", "json").stdout)
    assert {r["rule"]: r["severity"] for r in shown["rules"]}["placeholder.missing"] == "off"
    # --config names one file: it alone applies, to every file.
    explicit = findings(l10n_qa(repo, "check", "--config", "l10n-qa.yaml", "-f", "json"))
    assert ("shop/help/de-DE/refunds.md", "placeholder.missing", "info", 3, 1) in explicit
