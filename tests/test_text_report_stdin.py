"""The text report quotes the text that was checked (D74 of ../shared/fuzz-repro)."""

from __future__ import annotations

from test_bad_input import run


def test_stdin_excerpt_is_the_checked_buffer_not_the_file_of_that_name_on_disk(tmp_path):
    # An editor integration checks the unsaved buffer with --stdin-filename naming the file on disk:
    # the excerpt showed the disk's `msgstr "Hallo %s"` for the finding "placeholder `%s` is missing".
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello %s"\nmsgstr "Hallo %s"\n', encoding="utf-8")
    buffer = b'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello %s"\nmsgstr "Hallo"\n'
    done = run("check", "-", "--stdin-filename", "locale/de/x.po", "--no-progress", "--no-color", cwd=tmp_path,
               stdin=buffer, env={"COLUMNS": "100"})
    out = done.stdout.decode()
    assert done.returncode == 1, done.stderr
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "placeholder.missing" in line)
    assert lines[at].split() == ["6:9", "error", "placeholder.missing", "placeholder", "`%s`", "is", "missing"]
    assert lines[at + 1].strip() == '│ msgstr "Hallo"'
