"""The CLI in daily habits (issue 15): empty runs, big-run summaries, editors, listings, JUnit."""

from __future__ import annotations

import json

from conftest import write_po
from test_cli import l10n_qa, project  # noqa: F401 - the fixture


def test_missing_path_is_no_clean_run(tmp_path):
    result = l10n_qa("check", "nope", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope: no such file or directory" in result.stdout
    assert "No problems" not in result.stdout
    assert "Nothing checked" in result.stdout


def test_empty_folder_is_a_usage_error_unless_allowed(tmp_path):
    (tmp_path / "empty").mkdir()
    result = l10n_qa("check", "empty", cwd=tmp_path)
    assert result.returncode == 2
    assert "nothing to check: no file in empty" in result.stderr
    assert result.stdout == ""
    allowed = l10n_qa("check", "empty", "--allow-empty", cwd=tmp_path)
    assert allowed.returncode == 0, allowed.stderr


def test_locale_matching_nothing_is_a_usage_error(project):  # noqa: F811
    result = l10n_qa("check", "locale", "-l", "xx", cwd=project)
    assert result.returncode == 2
    assert "no file in locale is in the locale(s) xx" in result.stderr
    assert l10n_qa("check", "locale", "-l", "xx", "--allow-empty", cwd=project).returncode == 0
    assert l10n_qa("check", "locale", "-l", "de", cwd=project).returncode == 1


def test_baseline_files_respect_the_umask_and_keep_their_mode(project):  # noqa: F811
    import os
    import stat

    result = l10n_qa("baseline", "create", "locale", "--file", "known.json", cwd=project)
    assert result.returncode == 0, result.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((project / "known.json").stat().st_mode) == 0o666 & ~umask
    (project / "known.json").chmod(0o640)
    assert l10n_qa("baseline", "update", "locale", "--file", "known.json", cwd=project).returncode == 0
    assert stat.S_IMODE((project / "known.json").stat().st_mode) == 0o640


def test_min_severity_lists_less_but_counts_and_fails_the_same(project):  # noqa: F811
    result = l10n_qa("check", "locale", "-f", "json", "--min-severity", "error", "--fail-on", "warning", cwd=project)
    assert result.returncode == 1  # the hidden French warning still fails --fail-on warning
    report = json.loads(result.stdout)
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("placeholder.missing", "error")]
    assert report["summary"]["hidden_below_min_severity"] == {"min_severity": "error",
                                                               "by_severity": {"warning": 1, "info": 0}}
    text = l10n_qa("check", "locale", "--min-severity", "error", cwd=project)
    assert text.returncode == 1
    assert "fr/LC_MESSAGES" not in text.stdout
    assert "1 warning not listed (--min-severity error)" in text.stdout


def test_statistics_count_findings_per_rule(project):  # noqa: F811
    result = l10n_qa("check", "locale", "--statistics", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["1", "placeholder.missing", "error"]
    assert "A placeholder of the source is missing" in lines[0]
    assert len(lines) == 2 and lines[1].split()[2] == "warning"
    table = json.loads(l10n_qa("check", "locale", "--statistics", "-f", "json", cwd=project).stdout)
    assert table[0] == {"rule": "placeholder.missing", "severity": "error", "category": "placeholder", "count": 1,
                        "summary": table[0]["summary"]} and table[0]["summary"]


def test_text_summary_of_a_big_run_fits_a_screen_errors_first(tmp_path):
    # 14 locales, each a warning (ends with "." for "?"); the last one also an error (missing placeholder).
    tags = ["de", "fr", "it", "es", "pt", "nl", "sv", "da", "fi", "pl", "cs", "hu", "ro", "el"]
    for tag in tags[:-1]:
        write_po(tmp_path / f"{tag}.po", "Was this helpful?", "Translated.", tag)
    write_po(tmp_path / "el.po", "Hi %(name)s, was this helpful?", "Translated.", "el", "python-format")
    result = l10n_qa("check", *(f"{tag}.po" for tag in tags), cwd=tmp_path)
    out = result.stdout
    assert out.index("el.po") < out.index("de.po")  # the file with an error comes first
    assert "Top 10 of 14 locales" in out
    more = next(line for line in out.splitlines() if line.startswith("4 more"))
    assert more.split("│")[2].strip() == "4"  # the four locales left out: one warning each
    assert out.splitlines()[-1].startswith("✖ 1 error, 14 warnings")


def test_stdin_uses_the_config_of_the_stdin_filename_folder(tmp_path):
    import shutil
    from pathlib import Path

    samples = tmp_path / "samples"
    shutil.copytree(Path(__file__).parent.parent / "samples", samples)
    elsewhere = tmp_path / "editor-cwd"
    elsewhere.mkdir()
    named = samples / "replies" / "macros.fr-FR.xlf"
    result = l10n_qa("check", "-", "--stdin-filename", str(named), "-f", "json", cwd=elsewhere,
                     stdin=named.read_text(encoding="utf-8"))
    assert result.returncode == 1, result.stderr
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]
    # The do-not-translate name comes from samples/glossary.yaml, which only samples/l10n-qa.yaml names.
    assert ("glossary.do-not-translate", 18, 24) in found
    assert found == [(f["rule"], f["line"], f["column"]) for f in json.loads(
        l10n_qa("check", "replies/macros.fr-FR.xlf", "-f", "json", cwd=samples).stdout)["findings"]]


def test_changed_since_without_a_config_checks_the_translations_of_a_changed_source(tmp_path):
    from test_ci_commands import git

    for locale, text in (("en-US", "# Refunds\n\nReturn items within 14 days.\n"),
                         ("de-DE", "# Erstattungen\n\nArtikel innerhalb von 14 Tagen zurückgeben.\n"),
                         ("fr-FR", "# Remboursements\n\nRetournez les articles sous 14 jours.\n")):
        (tmp_path / "help" / locale).mkdir(parents=True)
        (tmp_path / "help" / locale / "refunds.md").write_text(text, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert l10n_qa("check", "--changed-since", "main", cwd=tmp_path).returncode == 0  # nothing changed: fine
    (tmp_path / "help" / "en-US" / "refunds.md").write_text("# Refunds\n\nReturn items within 30 days.\n",
                                                             encoding="utf-8")
    result = l10n_qa("check", "--changed-since", "main", "-f", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 2
    assert sorted((f["path"], f["rule"], f["line"]) for f in report["findings"]) == [
        ("help/de-DE/refunds.md", "completeness.stale", 1), ("help/de-DE/refunds.md", "number.changed", 3),
        ("help/fr-FR/refunds.md", "completeness.stale", 1), ("help/fr-FR/refunds.md", "number.changed", 3)]
    stale = next(f for f in report["findings"] if f["rule"] == "completeness.stale")
    assert "help/en-US/refunds.md has uncommitted changes" in stale["message"]


def test_version_as_json(tmp_path):
    for args in (("--version", "--format", "json"), ("-f", "json", "--version")):
        result = l10n_qa(*args, cwd=tmp_path)
        assert result.returncode == 0
        info = json.loads(result.stdout)
        assert info["name"] == "l10n-qa" and info["version"].startswith("0.")


def test_rules_at_80_columns_keep_every_rule_id_whole(tmp_path):
    result = l10n_qa("rules", cwd=tmp_path, env={"COLUMNS": "80"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    first_cells = {line.split("│")[0].strip() for line in lines[2:]}
    listed = {r["id"] for r in json.loads(l10n_qa("rules", "--format", "json", cwd=tmp_path).stdout)}
    assert listed <= first_cells  # every id on one line, unbroken
    assert first_cells - listed == {""}  # continuation lines of the wrapped descriptions only


def test_shell_completion_completes_commands_and_options(tmp_path):
    assert "_l10n_qa_completion" in l10n_qa("--show-completion", "bash", cwd=tmp_path).stdout
    env = {"_L10N_QA_COMPLETE": "complete_bash", "COMP_WORDS": "l10n-qa check --min-", "COMP_CWORD": "2"}
    assert l10n_qa(cwd=tmp_path, env=env).stdout.split() == ["--min-severity"]


def test_files_agrees_with_check_on_count_sources_and_content_types(tmp_path):
    import shutil
    from pathlib import Path

    samples = tmp_path / "samples"
    shutil.copytree(Path(__file__).parent.parent / "samples", samples)
    listing = json.loads(l10n_qa("files", "-f", "json", cwd=samples).stdout)["files"]
    checked = json.loads(l10n_qa("check", "-f", "json", "--no-baseline", "--fail-on", "never", cwd=samples).stdout)
    assert len(listing) == checked["summary"]["files"]
    by_path = {f["path"]: f for f in listing}
    assert by_path["policies/de-DE/privacy.md"]["content_type"] == "policy"  # legal checks run on it
    assert by_path["policies/de-DE/privacy.md"]["source"] == "policies/en-US/privacy.md"
    assert by_path["replies/macros.de-DE.xlf"]["content_type"] == "reply"
    assert by_path["replies/library/de-DE.yaml"]["content_type"] == "reply"
    assert by_path["widget/locale/de/LC_MESSAGES/widget.po"]["content_type"] == "ui"
    assert {f["content_type"] for f in listing if f["path"].startswith("help/")} == {"article"}
