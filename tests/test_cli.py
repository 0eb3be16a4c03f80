"""The command line end to end: real processes, real files, exit codes and report contents."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_po

JSON_FINDING_KEYS = {"rule", "category", "severity", "message", "path", "line", "column", "end_line", "end_column",
                     "locale", "source_locale", "segment", "source", "target", "suggestion", "fingerprint"}
CATEGORIES = {"glossary", "culture", "rtl", "legal", "placeholder", "markup", "number", "url", "punctuation",
              "whitespace", "typography", "consistency", "completeness", "length", "spelling", "grammar",
              "encoding", "structure"}


def l10n_qa(*args: str, cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, env=full_env, timeout=60)


@pytest.fixture
def project(tmp_path):
    """A small repo: a German catalog with a missing placeholder and a French one with a warning only."""
    (tmp_path / ".git").mkdir()
    de = tmp_path / "locale" / "de" / "LC_MESSAGES"
    fr = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    de.mkdir(parents=True)
    fr.mkdir(parents=True)
    write_po(de / "widget.po", "Hi %(name)s, how can we help?", "Hallo, wie können wir helfen?", "de", "python-format")
    write_po(fr / "widget.po", "How can we help?", "Comment pouvons-nous vous aider.", "fr")
    return tmp_path


def test_version(tmp_path):
    result = l10n_qa("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("l10n-qa 0.")


def test_json_report_contract(project):
    result = l10n_qa("check", "locale", "--format", "json", cwd=project)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= {"tool", "summary", "findings", "errors"}
    assert report["tool"]["name"] == "l10n-qa"
    assert report["summary"]["files"] == 2
    assert report["summary"]["segments"] == 2
    assert report["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 0}
    assert report["errors"] == []
    rules = [(f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]]
    assert rules == [
        ("placeholder.missing", "locale/de/LC_MESSAGES/widget.po", 9, 9),
        ("punctuation.end", "locale/fr/LC_MESSAGES/widget.po", 9, 9 + len("Comment pouvons-nous vous aider")),
    ]
    for finding in report["findings"]:
        assert set(finding) >= JSON_FINDING_KEYS
        assert finding["category"] in CATEGORIES
    first = report["findings"][0]
    assert (first["locale"], first["source_locale"]) == ("de", "en")
    assert first["source"] == "Hi %(name)s, how can we help?"
    assert first["suggestion"] == "add `%(name)s`"


def test_fail_on_thresholds(project):
    fr = "locale/fr/LC_MESSAGES/widget.po"
    assert l10n_qa("check", fr, cwd=project).returncode == 0  # only a warning
    assert l10n_qa("check", fr, "--fail-on", "warning", cwd=project).returncode == 1
    assert l10n_qa("check", "locale", "--fail-on", "never", cwd=project).returncode == 0


def test_output_file(project):
    result = l10n_qa("check", "locale", "-f", "json", "-o", "out/qa.json", cwd=project)
    assert result.returncode == 2  # the folder does not exist: a clear error, not a traceback
    assert "cannot write out/qa.json" in result.stderr
    (project / "out").mkdir()
    result = l10n_qa("check", "locale", "-f", "json", "-o", "out/qa.json", cwd=project)
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads((project / "out" / "qa.json").read_text())["summary"]["findings"] == 2


def test_select_ignore_and_unknown_rule(project):
    result = l10n_qa("check", "locale", "-f", "json", "--select", "punctuation", cwd=project)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["punctuation.end"]
    assert result.returncode == 0
    result = l10n_qa("check", "locale", "-f", "json", "--ignore", "placeholder.missing,punctuation", cwd=project)
    assert json.loads(result.stdout)["findings"] == []
    result = l10n_qa("check", "locale", "--select", "placeholders", cwd=project)
    assert result.returncode == 2
    assert "unknown rule or category 'placeholders'" in result.stderr


def test_quiet_prints_one_line_per_finding(project):
    result = l10n_qa("check", "locale", "--quiet", cwd=project)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("locale/de/LC_MESSAGES/widget.po:9:9: ")
    assert "placeholder.missing" in lines[0]


def test_text_report_without_terminal_has_no_colour_and_shows_context(project):
    result = l10n_qa("check", "locale", cwd=project)
    out = result.stdout
    assert "\x1b[" not in out
    assert "locale/de/LC_MESSAGES/widget.po" in out
    assert "placeholder `%(name)s` is missing" in out
    assert 'msgstr "Hallo, wie können wir helfen?"' in out  # the real line of the file
    assert "source Hi %(name)s, how can we help?" in out
    assert "fix    add `%(name)s`" in out
    assert "1 error, 1 warning, 0 info in 2 files" in out


def test_colour_when_forced_and_not_with_no_color(project):
    forced = l10n_qa("check", "locale", cwd=project, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in l10n_qa("check", "locale", "--no-color", cwd=project, env={"FORCE_COLOR": "1"}).stdout


def test_malformed_file_is_reported_and_others_still_checked(project):
    bad = project / "locale" / "it" / "LC_MESSAGES"
    bad.mkdir(parents=True)
    (bad / "widget.po").write_text('msgid "Hello"\nmsgstr "Ciao" "x"\n"\nmsgid\n', encoding="utf-8")
    result = l10n_qa("check", "locale", "-f", "json", cwd=project)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [(e["path"], e["line"]) for e in report["errors"]] == [("locale/it/LC_MESSAGES/widget.po", 2)]
    assert {f["rule"] for f in report["findings"]} == {"placeholder.missing", "punctuation.end"}
    text = l10n_qa("check", "locale", cwd=project)
    assert "locale/it/LC_MESSAGES/widget.po:2:" in text.stdout
    assert "Traceback" not in text.stdout + text.stderr


def test_missing_path_and_unsupported_file(tmp_path):
    result = l10n_qa("check", "nope.po", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.po: no such file or directory" in result.stdout
    (tmp_path / "notes.rtf").write_text("hello", encoding="utf-8")
    result = l10n_qa("check", "notes.rtf", cwd=tmp_path)
    assert result.returncode == 2
    assert "unsupported file format" in result.stdout
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")  # plain text, but in which locale?
    result = l10n_qa("check", "notes.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "notes.txt: cannot tell which locale this file is in" in result.stdout


def test_directory_walk_skips_vcs_build_and_excluded(project):
    for folder in ("node_modules/pkg", ".git/x", "build", "vendor"):
        path = project / folder
        path.mkdir(parents=True, exist_ok=True)
        write_po(path / "de.po", "Hello", "", "de")
    (project / "l10n-qa.yaml").write_text("exclude: ['vendor/**']\n", encoding="utf-8")
    report = json.loads(l10n_qa("check", ".", "-f", "json", cwd=project).stdout)
    assert sorted({f["path"] for f in report["findings"]}) == [
        "locale/de/LC_MESSAGES/widget.po", "locale/fr/LC_MESSAGES/widget.po"]


def test_locale_from_path_when_header_has_none(tmp_path):
    path = tmp_path / "replies" / "pt-BR.po"
    path.parent.mkdir()
    write_po(path, "Hello!", "Olá!", "xx")
    path.write_text(path.read_text().replace('"Language: xx\\n"\n', ""), encoding="utf-8")
    report = json.loads(l10n_qa("check", "replies", "-f", "json", "--select", "punctuation", cwd=tmp_path).stdout)
    assert report["summary"]["by_locale"] == {}
    path.write_text(path.read_text().replace("Olá!", "Olá."), encoding="utf-8")
    report = json.loads(l10n_qa("check", "replies", "-f", "json", cwd=tmp_path).stdout)
    assert [(f["rule"], f["locale"]) for f in report["findings"]] == [("punctuation.end", "pt-BR")]


def test_stdin_with_filename(project):
    text = (project / "locale/de/LC_MESSAGES/widget.po").read_text()
    result = l10n_qa("check", "-", "--stdin-filename", "de/widget.po", "-q", cwd=project, stdin=text)
    assert result.returncode == 1
    assert result.stdout.startswith("de/widget.po:9:9: ")


def test_locale_filter(project):
    report = json.loads(l10n_qa("check", "locale", "-f", "json", "--locale", "fr", cwd=project).stdout)
    assert report["summary"]["files"] == 1
    assert [f["locale"] for f in report["findings"]] == ["fr"]


def test_config_content_sets_and_severity(project):
    (project / "l10n-qa.yaml").write_text(
        "source_locale: en-US\n"
        "content:\n"
        "  - name: widget\n"
        "    type: ui\n"
        "    target: locale/{locale}/LC_MESSAGES/widget.po\n"
        "severity:\n"
        "  placeholder: warning\n"
        "  punctuation.end: off\n", encoding="utf-8")
    sub = project / "locale"
    result = l10n_qa("check", "-f", "json", cwd=sub)  # config found by walking up
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(f["rule"], f["severity"], f["source_locale"]) for f in report["findings"]] == [
        ("placeholder.missing", "warning", "en-US")]
    assert report["findings"][0]["path"] == "de/LC_MESSAGES/widget.po"  # relative to the working directory


def test_config_errors_name_file_line_and_key(project):
    config = project / "l10n-qa.yaml"
    config.write_text("source_locale: en\ncontent:\n  - target: a/{locale}.po\n    type: macro\n", encoding="utf-8")
    result = l10n_qa("check", cwd=project)
    assert result.returncode == 2
    assert "l10n-qa.yaml:4: content[0].type: unknown content type 'macro'" in result.stderr
    config.write_text("source_locale: en\nselcet: [placeholder]\n", encoding="utf-8")
    result = l10n_qa("check", cwd=project)
    assert "l10n-qa.yaml:2: selcet: unknown key (did you mean 'select'?)" in result.stderr
    config.write_text("source_locale: [en\n", encoding="utf-8")
    result = l10n_qa("check", cwd=project)
    assert result.returncode == 2 and "invalid YAML" in result.stderr and "Traceback" not in result.stderr


def test_pyproject_table(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.l10n-qa]\nignore = ["punctuation"]\n'
                                            'fail_on = "sometimes"\n', encoding="utf-8")
    result = l10n_qa("check", "locale", cwd=project)
    assert result.returncode == 2
    assert "pyproject.toml:6: fail_on: expected one of error, warning, info, never" in result.stderr
    (project / "pyproject.toml").write_text('[tool.l10n-qa]\nignore = ["punctuation"]\n', encoding="utf-8")
    report = json.loads(l10n_qa("check", "locale", "-f", "json", cwd=project).stdout)
    assert [f["rule"] for f in report["findings"]] == ["placeholder.missing"]


def test_jobs_give_the_same_report(project):
    for i in range(20):
        folder = project / "many" / f"de{i}"
        folder.mkdir(parents=True)
        write_po(folder / "x.de.po", f"Refunds take {i} days.", f"Erstattungen dauern {i + 1} Tage.", "de")
    serial = json.loads(l10n_qa("check", "many", "-f", "json", "-j", "1", cwd=project).stdout)
    parallel = json.loads(l10n_qa("check", "many", "-f", "json", "-j", "2", cwd=project).stdout)
    assert serial == parallel
    assert serial["summary"]["findings"] == 20


def test_rules_and_explain(tmp_path):
    listing = l10n_qa("rules", "--format", "json", cwd=tmp_path)
    ids = [r["id"] for r in json.loads(listing.stdout)]
    assert "placeholder.missing" in ids and "url.contact-added" in ids
    explained = l10n_qa("explain", "placeholder.altered", cwd=tmp_path)
    assert explained.returncode == 0
    assert "Example:" in explained.stdout and "{{vorname}}" in explained.stdout
    unknown = l10n_qa("explain", "placeholder.mising", cwd=tmp_path)
    assert unknown.returncode == 2 and "placeholder.missing" in unknown.stderr


def test_xliff_errors_and_foreign_xml_in_a_walk(tmp_path):
    data = Path(__file__).parent / "data" / "xliff"
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("canned_replies_de.xlf", "malformed.xlf", "android_strings.xml"):
        (folder / name).write_bytes((data / name).read_bytes())
    result = l10n_qa("check", "content", "-f", "json", cwd=tmp_path)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [e["path"] for e in report["errors"]] == ["content/malformed.xlf"]
    assert report["errors"][0]["line"] is not None
    assert report["summary"]["files"] == 1  # the good XLIFF was checked; Android XML is not ours
    named = l10n_qa("check", "content/android_strings.xml", cwd=tmp_path)
    assert named.returncode == 2 and "unsupported file format" in named.stdout
