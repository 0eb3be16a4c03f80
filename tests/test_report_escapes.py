"""Terminal escapes and invisible characters from content are shown, never passed to the terminal
(D13 of ../shared/fuzz-repro): text and GitHub reports."""

from __future__ import annotations

from test_bad_input import run

from l10n_qa.reporters.visible import visible

PO = ('msgid "Order 12: Hello"\nmsgstr "Bestellung 13: \x1b]0;owned\x07\x1b[2J\x1b[H\x1b[32mAll checks passed\x1b[0m"\n\n'
      'msgid "\x1b[2J\x1b[32mSource clean\x1b[0m %s"\nmsgstr "Quelle"\n')


def _tree(tmp_path):
    (tmp_path / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "LC_MESSAGES" / "m.po").write_text(PO, encoding="utf-8")


def test_text_report_shows_escape_sequences_as_code_points_with_the_caret_under_the_span(tmp_path):
    _tree(tmp_path)
    done = run("check", ".", "--no-progress", "--no-color", cwd=tmp_path, env={"COLUMNS": "200"})
    out = done.stdout.decode()
    assert done.returncode == 1
    assert "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "number.changed" in line)
    excerpt, caret = lines[at + 1], lines[at + 2]
    assert excerpt.strip() == ('│ msgstr "Bestellung 13: <U+001B>]0;owned<U+0007><U+001B>[2J<U+001B>[H<U+001B>[32m'
                               'All checks passed<U+001B>[0m"')
    assert excerpt[caret.index("^"):caret.rindex("^") + 1] == "13"  # the caret still marks `13`
    assert "source <U+001B>[2J<U+001B>[32mSource clean<U+001B>[0m %s" in out


def test_github_report_has_no_escape_character(tmp_path):
    _tree(tmp_path)
    done = run("check", ".", "--no-progress", "-f", "github", cwd=tmp_path)
    out = done.stdout.decode()
    assert done.returncode == 1 and "\x1b" not in out
    assert "Source (en): <U+001B>[2J<U+001B>[32mSource clean<U+001B>[0m %25s" in out  # % is escaped as %25


def test_visible_marks_controls_bidi_and_zero_width_but_keeps_tabs_newlines_and_letters():
    assert visible("a\u202eb\u200bc\x00d\x9be\tf\ng é ش") == "a<U+202E>b<U+200B>c<U+0000>d<U+009B>e\tf\ng é ش"
