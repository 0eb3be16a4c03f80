"""The commands and options around `check` that CI and teams rely on: `config show`, `files`,
`--changed-since`, the progress bar, the pre-commit hook and the documented GitHub workflow."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import write_po
from test_cli import l10n_qa
from test_reporters import sarif_errors

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """source_locale: en-US
target_locales: [de, fr]
content:
  - name: widget
    type: ui
    target: locale/{locale}/LC_MESSAGES/*.po
exclude: ["vendor/**"]
severity:
  placeholder: warning
  punctuation.end: off
enforced: [url]
suppress:
  - path: locale/de/**
    rules: [number]
    reason: prices differ in Germany
baseline: qa/baseline.json
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "l10n-qa.yaml").write_text(CONFIG, encoding="utf-8")
    for lang in ("de", "fr"):
        (tmp_path / "locale" / lang / "LC_MESSAGES").mkdir(parents=True)
    write_po(tmp_path / "locale/de/LC_MESSAGES/widget.po", "Hi %(name)s", "Hallo", "de", "python-format")
    fr = write_po(tmp_path / "locale/fr/LC_MESSAGES/widget.po", "Hello!", "Bonjour.", "fr")
    fr.write_text(fr.read_text().replace('"Language: fr\\n"\n', ""), encoding="utf-8")  # locale from the path
    (tmp_path / "vendor").mkdir()
    write_po(tmp_path / "vendor" / "de.po", "Hi", "", "de")
    return tmp_path


def test_config_show_says_where_each_value_comes_from(project):
    result = l10n_qa("config", "show", "locale/de/LC_MESSAGES/widget.po", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["config"] == "l10n-qa.yaml"
    values = {v["key"]: (v["value"], v["from"]) for v in shown["values"]}
    assert values["source_locale"] == ("en-US", "l10n-qa.yaml:1")
    assert values["target_locales"] == (["de", "fr"], "l10n-qa.yaml:2")
    assert values["fail_on"] == ("error", "default")
    assert values["select"] == ("every rule", "default")
    assert values["baseline"] == ("qa/baseline.json", "l10n-qa.yaml:16")
    rules = {r["rule"]: r for r in shown["rules"]}
    assert (rules["placeholder.missing"]["severity"], rules["placeholder.missing"]["from"]) == ("warning", "l10n-qa.yaml:9")
    assert (rules["punctuation.end"]["severity"], rules["punctuation.end"]["from"]) == ("off", "l10n-qa.yaml:10")
    assert (rules["number.changed"]["severity"], rules["number.changed"]["from"]) == ("error", "default")
    assert rules["url.changed"]["enforced"] is True and rules["number.changed"]["enforced"] is False
    file = shown["file"]
    assert (file["format"], file["locale"], file["locale_from"]) == ("po", "de", "the file")
    assert (file["content_set"], file["content_type"], file["excluded"]) == ("widget", "ui", False)
    assert file["suppress"] == ["l10n-qa.yaml:13"]
    text = l10n_qa("config", "show", "vendor/de.po", cwd=project).stdout
    assert re.search(r"^source_locale\s+en-US\s+\[l10n-qa.yaml:1\]$", text, re.M)
    assert re.search(r"^  placeholder.missing\s+warning\s+\[l10n-qa.yaml:9\]$", text, re.M)
    assert re.search(r"^  excluded\s+True$", text, re.M)


def test_config_show_without_a_config(tmp_path):
    result = l10n_qa("config", "show", cwd=tmp_path)
    assert result.returncode == 0
    assert "config   none found (defaults)" in result.stdout
    assert re.search(r"^fail_on\s+error\s+\[default\]$", result.stdout, re.M)
    assert l10n_qa("config", "show", "nope.po", cwd=tmp_path).returncode == 2


def test_files_lists_what_check_reads(project):
    result = l10n_qa("files", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    listed = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert set(listed) == {"locale/de/LC_MESSAGES/widget.po", "locale/fr/LC_MESSAGES/widget.po"}  # not vendor/
    de, fr = listed["locale/de/LC_MESSAGES/widget.po"], listed["locale/fr/LC_MESSAGES/widget.po"]
    assert (de["format"], de["locale"], de["locale_from"], de["source_locale"], de["source_locale_from"]) == (
        "po", "de", "the file", "en-US", "config")
    assert (fr["locale"], fr["locale_from"], fr["content_set"], fr["source"]) == ("fr", "path", "widget", "in the file (msgid)")
    text = l10n_qa("files", "locale", cwd=project).stdout.splitlines()
    assert text[0].split() == ["FILE", "FORMAT", "LOCALE", "SOURCE", "LOCALE", "SOURCE", "CONTENT"]
    assert text[-1] == "2 files"
    only_de = json.loads(l10n_qa("files", "-l", "de", "--format", "json", cwd=project).stdout)["files"]
    assert [f["path"] for f in only_de] == ["locale/de/LC_MESSAGES/widget.po"]
    (project / "notes.rtf").write_text("hello", encoding="utf-8")
    result = l10n_qa("files", "notes.rtf", "missing.po", cwd=project)
    assert result.returncode == 2
    assert "notes.rtf  unsupported" in result.stdout and "missing.po: no such file or directory" in result.stderr


def test_files_lists_the_files_check_reads_with_their_paired_source(tmp_path):
    """`files` plans the run as `check` does: sources are not listed as translations, and each
    translation names the file it is paired with."""
    (tmp_path / ".git").mkdir()
    for locale, text in (("en-US", "# Refunds\n\nAsk for a refund within 30 days.\n"),
                         ("de-DE", "# Erstattungen\n\nFordern Sie eine Erstattung innerhalb von 30 Tagen an.\n"),
                         ("fr-FR", "# Remboursements\n\nDemandez un remboursement sous 30 jours.\n")):
        (tmp_path / "help" / locale).mkdir(parents=True)
        (tmp_path / "help" / locale / "refunds.md").write_text(text, encoding="utf-8")
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en-US\n", encoding="utf-8")
    result = l10n_qa("files", "help", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = {f["path"]: f["source"] for f in json.loads(result.stdout)["files"]}
    assert listed == {"help/de-DE/refunds.md": "help/en-US/refunds.md", "help/fr-FR/refunds.md": "help/en-US/refunds.md"}
    checked = json.loads(l10n_qa("check", "help", "-f", "json", cwd=tmp_path).stdout)
    assert checked["summary"]["files"] == len(listed)


def test_config_show_for_a_file_uses_the_config_check_would_use(project):
    """`config show FILE` shows the config nearest FILE (as `check FILE` uses), not the working folder's."""
    (project / "docs").mkdir()
    (project / "docs" / "l10n-qa.yaml").write_text("source_locale: en-GB\nfail_on: warning\n", encoding="utf-8")
    write_po(project / "docs" / "de.po", "Hello!", "Hallo!", "de")
    shown = json.loads(l10n_qa("config", "show", "docs/de.po", "--format", "json", cwd=project).stdout)
    values = {v["key"]: (v["value"], v["from"]) for v in shown["values"]}
    assert shown["config"] == "docs/l10n-qa.yaml"
    assert values["source_locale"] == ("en-GB", "docs/l10n-qa.yaml:1")
    assert values["fail_on"] == ("warning", "docs/l10n-qa.yaml:2")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}).stdout


@pytest.fixture
def repo(tmp_path):
    """A git repository: replies/{locale}/*.po paired with source/*.pot by file name."""
    (tmp_path / "l10n-qa.yaml").write_text(
        "content:\n  - name: replies\n    type: reply\n    target: replies/{locale}/*.po\n    source: source/*.pot\n",
        encoding="utf-8")
    (tmp_path / "source").mkdir()
    for name in ("billing", "shipping"):
        (tmp_path / "source" / f"{name}.pot").write_text(f'msgid ""\nmsgstr ""\n\nmsgid "{name}"\nmsgstr ""\n')
        for lang in ("de", "fr"):
            (tmp_path / "replies" / lang).mkdir(parents=True, exist_ok=True)
            write_po(tmp_path / "replies" / lang / f"{name}.po", "Hello!", "Hallo.", lang)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    return tmp_path


def listed(cwd: Path, *args: str) -> list[str]:
    result = l10n_qa("files", "--format", "json", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return [f["path"] for f in json.loads(result.stdout)["files"]]


def test_changed_since_checks_changed_files_and_translations_of_changed_sources(repo):
    assert listed(repo, "--changed-since", "main") == []
    write_po(repo / "replies/fr/billing.po", "Hello!", "Bonjour.", "fr")  # edited, not committed
    (repo / "replies" / "it").mkdir()
    write_po(repo / "replies/it/billing.po", "Hello!", "Ciao.", "it")  # new, untracked
    assert listed(repo, "--changed-since", "main") == ["replies/fr/billing.po", "replies/it/billing.po"]
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "fr and it")
    (repo / "source" / "shipping.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "changed"\nmsgstr ""\n')
    assert listed(repo, "--changed-since", "main") == [
        "replies/de/shipping.po", "replies/fr/billing.po", "replies/fr/shipping.po", "replies/it/billing.po"]
    # check itself: only the changed French file and its findings.
    result = l10n_qa("check", "replies/fr", "--changed-since", "main", "-f", "json", cwd=repo)
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 2
    assert {f["path"] for f in report["findings"]} == {"replies/fr/billing.po", "replies/fr/shipping.po"}


def test_changed_since_errors(repo, tmp_path_factory):
    result = l10n_qa("check", "--changed-since", "no-such-branch", cwd=repo)
    assert result.returncode == 2 and "'no-such-branch' is not a commit, branch or tag" in result.stderr
    elsewhere = tmp_path_factory.mktemp("not-a-repo")
    result = l10n_qa("check", "--changed-since", "main", cwd=elsewhere)
    assert result.returncode == 2 and "not a git repository" in result.stderr.lower()


def run_with_terminal_stderr(args: list[str], cwd: Path, extra_env: dict | None = None) -> tuple[int, str, str]:
    """Run l10n-qa with standard error on a pseudo-terminal; (exit code, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    env.update(TERM="xterm-256color", COLUMNS="100", **(extra_env or {}))
    process = subprocess.Popen([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=slave, env=env)
    os.close(slave)
    received = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            received += chunk
        elif process.poll() is not None:
            break
    stdout = process.stdout.read().decode()
    code = process.wait(timeout=60)
    os.close(master)
    return code, stdout, received.decode(errors="replace")


def test_progress_bar_on_a_terminal_only_for_long_human_runs(tmp_path):
    for i in range(25):
        folder = tmp_path / "many" / f"de{i}"
        folder.mkdir(parents=True)
        write_po(folder / "x.de.po", f"Refunds take {i} days.", f"Erstattungen dauern {i} Tage.", "de")
    code, stdout, terminal = run_with_terminal_stderr(["check", "many"], tmp_path)
    assert code == 0 and "No problems in 25 files" in stdout
    assert "Checking" in terminal and "/25" in terminal
    for extra in (["--no-progress"], ["-f", "json"], ["-q"]):
        code, stdout, terminal = run_with_terminal_stderr(["check", "many", *extra], tmp_path)
        assert code == 0 and "Checking" not in terminal, extra
    code, stdout, terminal = run_with_terminal_stderr(["check", "many/de1"], tmp_path)  # short run
    assert "Checking" not in terminal
    # A CI job, even one given a terminal: never. Nor without a terminal (logs, pipes).
    code, stdout, terminal = run_with_terminal_stderr(["check", "many"], tmp_path, {"CI": "true"})
    assert code == 0 and "Checking" not in terminal
    result = l10n_qa("check", "many", cwd=tmp_path)
    assert "Checking" not in result.stderr + result.stdout


def test_pre_commit_hook_definition_runs(tmp_path):
    """The hook's entry, run as pre-commit runs it (no file names) in a repository with a staged change."""
    from l10n_qa.formats import EXTENSIONS

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "l10n-qa" and hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert all(files.search(f"x{extension}") for extension in EXTENSIONS)  # every format the loaders read
    assert not any(files.search(p) for p in ("strings.xml", "a.po.bak", "logo.png"))
    (tmp_path / "help" / "en-US").mkdir(parents=True)
    (tmp_path / "help" / "de-DE").mkdir(parents=True)
    (tmp_path / "README.md").write_text("# Readme\n", encoding="utf-8")
    (tmp_path / "help" / "en-US" / "refunds.md").write_text("# Refunds\n\nWithin 14 days.\n", encoding="utf-8")
    (tmp_path / "help" / "de-DE" / "refunds.md").write_text("# Erstattung\n\nInnerhalb von 14 Tagen.\n",
                                                            encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    command, *args = hook["entry"].split()
    assert command == "l10n-qa"  # the console script the package installs
    entry = [str(Path(sys.executable).parent / command), *args]

    def commit_hook() -> subprocess.CompletedProcess:
        return subprocess.run(entry, cwd=tmp_path, capture_output=True, text=True, timeout=60)

    (tmp_path / "README.md").write_text("# Readme\n\nMore.\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    result = commit_hook()  # only a file that is no translation changed: nothing to check, no failure
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp_path / "help" / "de-DE" / "refunds.md").write_text("# Erstattung\n\nInnerhalb von 30 Tagen.\n",
                                                            encoding="utf-8")
    git(tmp_path, "add", "-A")
    result = commit_hook()  # a broken help article is checked, not "(no files to check) Skipped"
    assert result.returncode == 1
    assert "help/de-DE/refunds.md" in result.stdout and "number.changed" in result.stdout


def workflow_blocks() -> list[dict]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def samples_finding_count(project: Path) -> int:
    """How many findings the JSON report gives for the samples copied into `project`, checked as the
    documented CI commands do: from the project's root, without paths (so with the root's config, not
    samples/l10n-qa.yaml, which `check samples` would use)."""
    report = l10n_qa("check", "--format", "json", "--no-baseline", "--fail-on", "never", cwd=project)
    return json.loads(report.stdout)["summary"]["findings"]


def test_documented_github_workflow_uploads_the_sarif_it_writes(tmp_path):
    workflow = next(b for b in workflow_blocks() if isinstance(b, dict) and "jobs" in b)
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["l10n-qa"]["steps"]
    check = next(s for s in steps if s.get("name") == "Check translations")
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert f"sarif:{upload['with']['sarif_file']}" in check["run"]
    # Run the documented command on a copy of the samples, with a baseline as the workflow expects.
    project = tmp_path / "repo"
    shutil.copytree(ROOT / "samples", project / "samples")
    (project / ".git").mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    first = subprocess.run(["bash", "-c", check["run"]], cwd=project, capture_output=True, text=True, env=env)
    assert first.returncode == 2 and "baseline file not found" in first.stderr  # create it first, as documented
    assert l10n_qa("baseline", "create", cwd=project).returncode == 0
    known = samples_finding_count(project)
    result = subprocess.run(["bash", "-c", check["run"]], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert f"{known} known findings hidden" in result.stdout
    sarif = json.loads((project / upload["with"]["sarif_file"]).read_text())
    assert sarif_errors(sarif) == [] and sarif["runs"][0]["results"] == []
    assert (project / "l10n-qa.html").read_text().startswith("<!DOCTYPE html>")
    # A new mistake makes the documented step fail and shows up in the SARIF.
    po = project / "samples/widget/locale/de/LC_MESSAGES/widget.po"
    po.write_text(po.read_text() + '\n#, python-format\nmsgid "Bye %(name)s"\nmsgstr "Tschüss"\n', encoding="utf-8")
    result = subprocess.run(["bash", "-c", check["run"]], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 1
    sarif = json.loads((project / upload["with"]["sarif_file"]).read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["placeholder.missing"]


def test_documented_gitlab_job_writes_its_reports(tmp_path):
    job = next(b for b in workflow_blocks() if isinstance(b, dict) and "l10n-qa" in b and "script" in b["l10n-qa"])["l10n-qa"]
    command = job["script"][-1]
    reports = job["artifacts"]["reports"]
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 1
    expected = samples_finding_count(tmp_path)
    assert len(json.loads((tmp_path / reports["codequality"]).read_text())) == expected
    junit = ET.parse(tmp_path / reports["junit"]).getroot()
    # Errors fail (the default --fail-on error), warnings and info are skipped test cases.
    errors = json.loads(l10n_qa("check", "--format", "json", "--no-baseline", "--fail-on", "never",
                                cwd=tmp_path).stdout)["summary"]["by_severity"]["error"]
    assert (int(junit.get("failures")), int(junit.get("skipped"))) == (errors, expected - errors)
