"""`--changed-since` never runs commands from the checked tree's .git/config (D12 of ../shared/fuzz-repro)."""

from __future__ import annotations

import subprocess

from test_bad_input import check_json


def test_changed_since_does_not_run_the_trees_fsmonitor_command(tmp_path):
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "a.po").write_text('msgid "Hello %s"\nmsgstr "Hallo %s"\n', encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "c1"], cwd=tmp_path, check=True)
    marker = tmp_path.parent / f"{tmp_path.name}-fsmonitor-ran"
    subprocess.run(["git", "config", "core.fsmonitor", f"touch '{marker}'; false"], cwd=tmp_path, check=True)
    (tmp_path / "locale" / "de" / "b.po").write_text('msgid "Bye %s"\nmsgstr "Tschüss"\n', encoding="utf-8")
    code, report, _ = check_json("--changed-since", "HEAD", cwd=tmp_path)
    assert not marker.exists(), "the tree's core.fsmonitor command ran"
    assert code == 1
    # Only the file changed since HEAD is checked, and it is.
    assert [(f["path"], f["rule"], f["line"]) for f in report["findings"]] == [("locale/de/b.po", "placeholder.missing", 2)]
