"""Baselines end to end: create, check against, survive edits, report new and stale, prune, update."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_po
from test_cli import l10n_qa

DE = "locale/de/LC_MESSAGES/widget.po"
FR = "locale/fr/LC_MESSAGES/widget.po"


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    for lang in ("de", "fr"):
        (tmp_path / "locale" / lang / "LC_MESSAGES").mkdir(parents=True)
    write_po(tmp_path / DE, "Hi %(name)s, how can we help?", "Hallo, wie können wir helfen?", "de", "python-format")
    write_po(tmp_path / FR, "How can we help?", "Comment pouvons-nous vous aider.", "fr")
    return tmp_path


def check_json(cwd: Path, *args: str) -> tuple[int, dict]:
    result = l10n_qa("check", *args, "-f", "json", cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def entries(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["findings"]


def test_create_writes_a_sorted_diff_friendly_file(project, tmp_path_factory):
    result = l10n_qa("baseline", "create", "locale", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Recorded 2 findings in 2 files in l10n-qa-baseline.json" in result.stdout
    text = (project / "l10n-qa-baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1
    assert [(e["path"], e["rule"]) for e in data["findings"]] == [(DE, "placeholder.missing"), (FR, "punctuation.end")]
    _, report = check_json(project, "locale")
    assert [e["fingerprint"] for e in data["findings"]] == [f["fingerprint"] for f in report["findings"]]
    lines = text.splitlines()
    assert sum(line.strip().startswith('{"path"') for line in lines) == 2  # one entry per line
    assert "created" not in text and "time" not in text  # nothing that changes from run to run
    # The same findings give the same bytes.
    again = l10n_qa("baseline", "create", "locale", "--file", "second.json", cwd=project)
    assert again.returncode == 0
    assert (project / "second.json").read_text(encoding="utf-8") == text
    # create never overwrites.
    result = l10n_qa("baseline", "create", "locale", cwd=project)
    assert result.returncode == 2 and "exists" in result.stderr and "baseline update" in result.stderr


def test_check_fails_only_on_new_findings_and_survives_edits(project):
    assert l10n_qa("baseline", "create", "locale", cwd=project).returncode == 0
    code, report = check_json(project, "locale", "--baseline", "l10n-qa-baseline.json")
    assert code == 0 and report["findings"] == []
    assert report["baseline"] == {"path": "l10n-qa-baseline.json", "hidden": 2, "stale": []}
    assert report["summary"]["baselined"] == 2
    text = l10n_qa("check", "locale", "--baseline", "l10n-qa-baseline.json", cwd=project).stdout
    assert "2 known findings hidden by the baseline l10n-qa-baseline.json" in text

    de = project / DE
    # Unrelated lines move: nothing new.
    de.write_text(de.read_text().replace('msgid ""', '# A note for translators.\n# Another one.\nmsgid ""', 1))
    code, report = check_json(project, "locale", "--baseline", "l10n-qa-baseline.json")
    assert code == 0 and report["findings"] == [] and report["baseline"]["hidden"] == 2

    # The msgid (the segment key) is reworded: the per-file count still knows the finding.
    de.write_text(de.read_text().replace("Hi %(name)s, how can we help?", "Hello %(name)s, how can we help?"))
    code, report = check_json(project, "locale", "--baseline", "l10n-qa-baseline.json")
    assert code == 0 and report["findings"] == [] and report["baseline"]["hidden"] == 2

    # A second, new, missing placeholder in the same file is new and fails the build.
    de.write_text(de.read_text() + '\n#, python-format\nmsgid "Bye %(name)s"\nmsgstr "Tschüss"\n')
    code, report = check_json(project, "locale", "--baseline", "l10n-qa-baseline.json")
    assert code == 1
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [("placeholder.missing", DE, 15)]
    assert report["baseline"]["hidden"] == 2


def test_stale_entries_are_listed_pruned_and_only_for_checked_files(project):
    assert l10n_qa("baseline", "create", "locale", cwd=project).returncode == 0
    fr = project / FR
    fr.write_text(fr.read_text().replace("vous aider.", "vous aider\u202f?"))  # fixed
    code, report = check_json(project, "locale", "--baseline", "l10n-qa-baseline.json")
    assert code == 0
    assert [(e["path"], e["rule"]) for e in report["baseline"]["stale"]] == [(FR, "punctuation.end")]
    text = l10n_qa("check", "locale", "--baseline", "l10n-qa-baseline.json", cwd=project).stdout
    assert "1 stale baseline entry matches no finding any more" in text and f"{FR}  punctuation.end" in text
    # Checking only German says nothing about the French entry.
    _, report = check_json(project, "locale/de", "--baseline", "l10n-qa-baseline.json")
    assert report["baseline"]["stale"] == []
    # Nor does a run whose selection left the rule out.
    _, report = check_json(project, "locale", "--baseline", "l10n-qa-baseline.json", "--select", "placeholder")
    assert report["baseline"]["stale"] == []
    # prune of German only keeps the French entry; prune of everything drops it.
    result = l10n_qa("baseline", "prune", "locale/de", cwd=project)
    assert "Removed 0 stale entries" in result.stdout
    result = l10n_qa("baseline", "prune", "locale", cwd=project)
    assert result.returncode == 0 and "Removed 1 stale entries from l10n-qa-baseline.json (1 left)" in result.stdout
    assert [e["path"] for e in entries(project / "l10n-qa-baseline.json")] == [DE]
    # A deleted file's entries are stale too.
    (project / DE).unlink()
    result = l10n_qa("baseline", "prune", "locale", cwd=project)
    assert "Removed 1 stale entries" in result.stdout and entries(project / "l10n-qa-baseline.json") == []


def test_update_adds_new_findings_and_keeps_the_rest(project):
    write_po(project / FR, "How can we help?", "Comment pouvons-nous vous aider\u202f?", "fr")  # clean
    assert l10n_qa("baseline", "create", "locale", cwd=project).returncode == 0
    assert [e["path"] for e in entries(project / "l10n-qa-baseline.json")] == [DE]
    write_po(project / FR, "How can we help?", "Comment pouvons-nous vous aider.", "fr")
    result = l10n_qa("baseline", "update", "locale", cwd=project)
    assert result.returncode == 0 and "Added 1 new findings to l10n-qa-baseline.json (2 in all)" in result.stdout
    assert [e["path"] for e in entries(project / "l10n-qa-baseline.json")] == [DE, FR]
    assert check_json(project, "locale", "--baseline", "l10n-qa-baseline.json")[0] == 0
    missing = l10n_qa("baseline", "update", "locale", "--file", "nope.json", cwd=project)
    assert missing.returncode == 2 and "baseline file not found" in missing.stderr


def test_write_baseline_from_check_and_the_config_key(project):
    result = l10n_qa("check", "locale", "--write-baseline", "qa/known.json", "-q", cwd=project)
    assert result.returncode == 1  # the report is unchanged by writing a baseline
    assert len(result.stdout.splitlines()) == 2
    assert "wrote 2 findings to the baseline qa/known.json" in result.stderr
    (project / "l10n-qa.yaml").write_text("baseline: qa/known.json\n", encoding="utf-8")
    # Paths in the baseline are relative to its own folder, so a run from elsewhere matches too.
    assert [e["path"] for e in entries(project / "qa" / "known.json")] == [f"../{DE}", f"../{FR}"]
    code, report = check_json(project, "locale")
    assert code == 0 and report["baseline"]["path"] == "qa/known.json" and report["baseline"]["hidden"] == 2
    code, report = check_json(project / "locale", ".")
    assert code == 0 and report["baseline"]["hidden"] == 2
    code, report = check_json(project, "locale", "--no-baseline")
    assert code == 1 and report["baseline"] is None and len(report["findings"]) == 2


def test_bad_baseline_files_are_clear_errors(project):
    result = l10n_qa("check", "locale", "--baseline", "missing.json", cwd=project)
    assert result.returncode == 2 and "missing.json: baseline file not found" in result.stderr
    (project / "bad.json").write_text('{"version": 1, "findings": [\n  {"path": "x"\n', encoding="utf-8")
    result = l10n_qa("check", "locale", "--baseline", "bad.json", cwd=project)
    assert result.returncode == 2 and "bad.json:3: not a baseline file" in result.stderr
    (project / "other.json").write_text('{"tool": "something else"}', encoding="utf-8")
    result = l10n_qa("check", "locale", "--baseline", "other.json", cwd=project)
    assert result.returncode == 2 and "not an l10n-qa baseline" in result.stderr
    assert "Traceback" not in result.stderr
