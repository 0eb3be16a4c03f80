"""Bad input never crashes, hangs or loses a file (design §10, issue 13).

Each test is one reproducer of ../shared/fuzz-repro/<ID>/ rebuilt in a temporary folder: the broken
input sits beside a good file, and the test asserts the exact exit code, that the broken file is an
`errors` entry naming its path (and line where known), and that the good file is still reported.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_po

GOOD_PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\nmsgid "Hello %s"\nmsgstr "Hallo %s"\n'
# An error-level finding: placeholder.missing on line 6.
BAD_PO = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello %s"\nmsgstr "Hallo"\n'


def run(*args: str, cwd: Path, stdin: bytes | None = None, close_stdin: bool = False,
        env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "L10N_QA_DEBUG")}
    full_env.update(env or {})
    kwargs = {"stdin": subprocess.DEVNULL} if stdin is None and not close_stdin else {}
    if close_stdin:
        # A CI step without standard input: file descriptor 0 closed in the child.
        kwargs = {"preexec_fn": lambda: os.close(0)}
    return subprocess.run([sys.executable, "-m", "l10n_qa", *map(os.fsdecode, args)], cwd=cwd, capture_output=True,
                          input=stdin, env=full_env, timeout=120, **kwargs)


def check_json(*args: str, cwd: Path, **kwargs) -> tuple[int, dict, str]:
    """Run `check … -f json`; (exit code, the report, standard error as text)."""
    done = run("check", *args, "-f", "json", "--no-progress", "-j", "1", cwd=cwd, **kwargs)
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    out = done.stdout.decode("utf-8")  # strict: the report is valid UTF-8
    report = json.loads(out) if out.strip() else {}
    return done.returncode, report, stderr


def errors_for(report: dict, path: str) -> list[dict]:
    return [e for e in report["errors"] if e["path"] == path]


def finding_paths(report: dict) -> set[str]:
    return {f["path"] for f in report["findings"]}


def po_pair(root: Path, bad_name: str, bad_text: str | bytes) -> None:
    """locale/de/<bad_name> (the broken input) beside locale/fr/bad.po (one error finding: must survive)."""
    (root / "locale" / "de").mkdir(parents=True, exist_ok=True)
    (root / "locale" / "fr").mkdir(parents=True, exist_ok=True)
    bad = root / "locale" / "de" / bad_name
    bad.write_bytes(bad_text if isinstance(bad_text, bytes) else bad_text.encode("utf-8"))
    (root / "locale" / "fr" / "bad.po").write_text(BAD_PO.replace("de", "fr"), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The per-file boundary


def test_a_check_that_raises_is_an_error_with_its_rule_id_and_the_files_other_findings_are_kept(tmp_path, monkeypatch):
    from l10n_qa import engine
    from l10n_qa.checks import CHECKERS
    from l10n_qa.discover import FileTask
    from l10n_qa.formats import LoadHints
    from l10n_qa.model import Locale

    def broken(pair):
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    victim = next(c for c in CHECKERS if any(r.id == "whitespace.trailing" for r in c.rules))
    others = tuple(c for c in CHECKERS if c is not victim)
    monkeypatch.setattr(engine, "CHECKERS", (dataclasses.replace(victim, run=broken), *others))
    path = write_po(tmp_path / "de.po", "Hello %s", "Hallo", "de")
    settings = engine.Settings.build()
    task = FileTask(str(path), str(path), LoadHints(Locale("en"), Locale("de")))
    result = engine.boundary.guarded(engine.check_file, engine.FileResult, task, settings)
    assert [f.rule for f in result.findings if f.rule == "placeholder.missing"] == ["placeholder.missing"]
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.path == str(path) and error.line == 9
    assert error.message.startswith(f"check {victim.rules[0].id} failed on this text: internal error")
    assert "ZeroDivisionError: boom" in error.message


def test_a_file_whose_loading_raises_is_an_error_and_the_run_goes_on(tmp_path, monkeypatch):
    from l10n_qa import engine
    from l10n_qa.discover import FileTask
    from l10n_qa.formats import LoadHints
    from l10n_qa.model import Locale

    def exploding_read(task):
        raise KeyError("surprise")

    monkeypatch.setattr(engine, "_read", exploding_read)
    task = FileTask("x.po", "x.po", LoadHints(Locale("en"), Locale("de")))
    result = engine.boundary.guarded(engine.check_file, engine.FileResult, task, engine.Settings.build())
    assert result.path == "x.po" and result.findings == []
    assert [e.path for e in result.errors] == ["x.po"]
    assert "internal error" in result.errors[0].message and "KeyError" in result.errors[0].message


def test_D01_po_msgstr_index_without_closing_bracket_is_read_and_the_other_file_reported(tmp_path):
    po_pair(tmp_path, "broken.po", 'msgid "a"\nmsgid_plural "as"\nmsgstr[0 "b"\nmsgstr[1] "c"\n')
    code, report, _ = check_json(".", cwd=tmp_path)
    assert code == 1  # the French placeholder error; the broken-index file is read, not a crash
    assert finding_paths(report) == {"locale/fr/bad.po"}
    assert report["summary"]["files"] == 2


# ---------------------------------------------------------------------------------------------
# Reports always valid UTF-8, baselines that are not baselines


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any name bytes")
def test_D55_file_name_not_valid_utf8_is_reported_with_an_escaped_name_and_nothing_lost(tmp_path):
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "good.po").write_text(GOOD_PO, encoding="utf-8")
    bad_name = os.fsdecode(b"bad-\xff\xfe.po")
    (tmp_path / "locale" / "de" / bad_name).write_text(BAD_PO, encoding="utf-8")
    code, report, stderr = check_json(".", cwd=tmp_path)
    assert code == 1, stderr
    assert [(f["path"], f["rule"], f["line"]) for f in report["findings"]] == [
        ("locale/de/bad-\udcff\udcfe.po", "placeholder.missing", 6)]
    assert report["errors"] == []


def test_json_text_escapes_lone_surrogates_and_keeps_other_characters_readable():
    from l10n_qa import json_text

    text = json_text.dumps({"name": "bad-\udcff.po", "text": "Grüße"})
    text.encode("utf-8")  # strict: must not raise
    assert "Grüße" in text
    assert json.loads(text) == {"name": "bad-\udcff.po", "text": "Grüße"}


@pytest.mark.parametrize("baseline_text, says", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"version": 1, "findings": [], "n": ' + "9" * 5001 + "}", "digits"),
], ids=["deep", "huge-number"])
def test_D08_a_corrupt_baseline_is_a_clear_error_for_check_and_for_baseline_update(tmp_path, baseline_text, says):
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "good.po").write_text(GOOD_PO, encoding="utf-8")
    (tmp_path / "corrupt.json").write_text(baseline_text, encoding="utf-8")
    done = run("check", ".", "--baseline", "corrupt.json", "-f", "json", "--no-progress", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr and "internal error" not in stderr
    assert "corrupt.json: not a baseline file" in stderr and says in stderr
    (tmp_path / "l10n-qa-baseline.json").write_text(baseline_text, encoding="utf-8")
    done = run("baseline", "update", ".", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "internal error" not in stderr
    assert "l10n-qa-baseline.json: not a baseline file" in stderr
    assert (tmp_path / "l10n-qa-baseline.json").read_text(encoding="utf-8") == baseline_text  # left alone


# ---------------------------------------------------------------------------------------------
# Config values the OS or Python cannot take: a config error at the key's line, never a traceback


def config_error(tmp_path: Path, config_text: str) -> str:
    (tmp_path / "locale" / "de").mkdir(parents=True, exist_ok=True)
    (tmp_path / "locale" / "de" / "good.po").write_text(GOOD_PO, encoding="utf-8")
    (tmp_path / "l10n-qa.yaml").write_text(config_text, encoding="utf-8")
    done = run("check", ".", "-f", "json", "--no-progress", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "internal error" not in stderr and "Traceback" not in stderr, stderr
    return stderr


@pytest.mark.parametrize("config_text, says", [
    ("glossaries: [" + "x" * 5000 + "]\n", "l10n-qa.yaml:1: glossaries[0]: the path is 5000 bytes long"),
    ("rule_packs: [" + "x" * 5000 + "]\n", "l10n-qa.yaml:1: rule_packs[0]: the path is 5000 bytes long"),
    ("legal: [dir/" + "x" * 300 + "]\n", "l10n-qa.yaml:1: legal[0]: the path has a name of 300 bytes"),
    ('fail_on: error\nbaseline: "a\\0b"\n', "l10n-qa.yaml:2: baseline: the path contains a NUL character"),
], ids=["long-glossary", "long-rule-pack", "long-name-legal", "nul-baseline"])
def test_D60_config_path_values_no_file_can_have_are_config_errors_at_their_line(tmp_path, config_text, says):
    assert says in config_error(tmp_path, config_text)


@pytest.mark.parametrize("option, says", [
    ("concurrency: .nan", "l10n-qa.yaml:3: languagetool.concurrency: expected a number of at least 1, got nan"),
    ("batch_chars: .inf", "l10n-qa.yaml:3: languagetool.batch_chars: expected a finite number"),
    ("timeout: " + "1" * 400, "l10n-qa.yaml:3: languagetool.timeout: expected a finite number"),
    ("timeout: .inf", "l10n-qa.yaml:3: languagetool.timeout: expected a finite number"),
], ids=["nan", "inf-int", "huge-int-float", "inf-float"])
def test_D61_languagetool_numbers_nan_inf_or_huge_are_config_errors_at_their_line(tmp_path, option, says):
    assert says in config_error(tmp_path, f"languagetool:\n  enabled: false\n  {option}\n")


def test_unusable_path_reason_accepts_ordinary_paths():
    from l10n_qa.safe_read import unusable_path_reason

    assert unusable_path_reason("glossaries/de.yaml") is None
    assert unusable_path_reason("a/" * 1000 + "b") is None  # long but every name short: the OS decides


# ---------------------------------------------------------------------------------------------
# Strings and numbers Python's readers accept but later code could not handle


def test_D02_lone_surrogate_in_a_json_placeholder_is_checked_and_the_report_is_valid_utf8(tmp_path):
    for locale, target in (("en", "Hello {{na\\ud800me}}"), ("de", "Hallo")):
        (tmp_path / locale).mkdir()
        (tmp_path / locale / "translation.json").write_text('{"greet": "%s"}\n' % target, encoding="utf-8")
    code, report, stderr = check_json(".", cwd=tmp_path)  # check_json decodes the report strictly
    assert report["errors"] == [], report["errors"]
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [
        ("placeholder.missing", "de/translation.json", 1)]
    assert "\ud800" in report["findings"][0]["message"] + (report["findings"][0]["source"] or "")


def test_D09_json_reply_with_an_over_long_integer_is_an_error_for_that_file_only(tmp_path):
    po_pair(tmp_path, "ignored.txt", "")
    for locale, body in (("en", '{"n": 1, "greet": "Hi"}'), ("de", '{"n": %s, "greet": "Hallo"}' % ("9" * 5001))):
        (tmp_path / "json" / locale).mkdir(parents=True)
        (tmp_path / "json" / locale / "translation.json").write_text(body + "\n", encoding="utf-8")
    code, report, stderr = check_json(".", cwd=tmp_path)
    assert code == 2
    [error] = errors_for(report, "json/de/translation.json")
    assert error["message"].startswith("invalid JSON: ") and "digits" in error["message"]
    assert "internal error" not in error["message"]
    assert "locale/fr/bad.po" in finding_paths(report)


def test_D11_a_digit_newer_than_pythons_unicode_data_is_read_by_its_value(tmp_path):
    from l10n_qa.checks.numbers import values

    assert values("\U00011de5") == values("5")  # regex counts it as a digit, unicodedata 3.11 does not know it
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "a.po").write_text('msgid "Keep it for 30 days"\nmsgstr "30 Tage \U00011de5 aufbewahren"\n',
                                          encoding="utf-8")
    code, report, stderr = check_json(".", "--source-locale", "en", cwd=tmp_path)
    assert report["errors"] == []
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("number.extra", 2)]


def test_D10_a_control_character_yaml_forbids_is_an_error_at_its_line_in_replies_and_front_matter(tmp_path):
    files = {
        "replies/library/en-US.yaml": "refund:\n  title: Refund\n  body: We refunded {{amount}}.\n",
        "replies/library/de-DE.yaml": "refund:\n  title: Erstattung\n  body: Wir haben {{amount}} \x0b erstattet.\n",
        "help/en-US/refunds.md": "---\ntitle: Refunds\n---\n\n# Refunds\n\nText.\n",
        "help/de-DE/refunds.md": "---\ntitle: Erstattung\x7f\n---\n\n# Erstattungen\n\nText.\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, report, stderr = check_json(".", cwd=tmp_path)
    assert code == 2
    lines = {e["path"]: (e["line"], e["message"]) for e in report["errors"]}
    assert lines["replies/library/de-DE.yaml"] == (3, "invalid YAML: unacceptable character #x000b: "
                                                      "special characters are not allowed")
    assert lines["help/de-DE/refunds.md"][0] == 2
    assert "#x007f" in lines["help/de-DE/refunds.md"][1]


# ---------------------------------------------------------------------------------------------
# Output files: written atomically, never over a device or through a link to another file


def test_D69_write_baseline_writes_into_a_device_and_refuses_a_link_to_an_input(tmp_path):
    po_pair(tmp_path, "good.po", GOOD_PO)
    try:
        os.mknod(tmp_path / "mynull", 0o666 | __import__("stat").S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    done = run("check", ".", "--no-progress", "-f", "json", "-o", "/dev/null", "--write-baseline", "mynull", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "mynull").is_char_device()  # written into, not replaced by a regular file
    (tmp_path / "link.json").symlink_to("locale/fr/bad.po")
    done = run("check", ".", "--no-progress", "-f", "json", "-o", "/dev/null", "--write-baseline", "link.json",
               cwd=tmp_path)
    assert done.returncode == 2
    assert "link.json: cannot write the baseline: is a symbolic link; not replaced" in done.stderr.decode()
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "locale" / "fr" / "bad.po").read_text(encoding="utf-8") == BAD_PO.replace("de", "fr")


def test_a_report_is_replaced_whole_with_the_old_permissions_and_a_link_is_refused(tmp_path):
    po_pair(tmp_path, "good.po", GOOD_PO)
    (tmp_path / "out").mkdir()
    report = tmp_path / "out" / "report.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o640)
    done = run("check", "locale", "--no-progress", "-f", "json", "-o", "out/report.json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["findings"] == 1
    assert report.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report.json"]  # no temporary left behind
    (tmp_path / "out" / "link.json").symlink_to("../locale/fr/bad.po")
    done = run("check", "locale", "--no-progress", "-f", "json", "-o", "out/link.json", cwd=tmp_path)
    assert done.returncode == 2
    assert "cannot write out/link.json: is a symbolic link" in done.stderr.decode()
    assert (tmp_path / "locale" / "fr" / "bad.po").read_text(encoding="utf-8") == BAD_PO.replace("de", "fr")


def test_a_report_that_fails_half_way_leaves_the_previous_report_whole(tmp_path):
    from l10n_qa import atomic_write

    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")

    def write_then_fail(handle):
        handle.write("half")
        raise RuntimeError("reporter bug")

    with pytest.raises(RuntimeError):
        atomic_write.write_text(target, write_then_fail)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_D71_a_link_with_another_extension_does_not_shadow_the_file_it_points_at(tmp_path):
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "bad.po").write_text(BAD_PO, encoding="utf-8")
    (tmp_path / "a.json").symlink_to("locale/de/bad.po")  # met first in the walk; read as JSON it has no locale
    code, report, stderr = check_json(".", cwd=tmp_path)
    assert code == 1, stderr
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [
        ("placeholder.missing", "locale/de/bad.po", 6)]


@pytest.mark.parametrize("entry_path", ["x" * 100_000, "a\\ud800"], ids=["too-long", "lone-surrogate"])
def test_D76_a_baseline_entry_whose_path_cannot_exist_is_stale_not_a_crash(tmp_path, entry_path):
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "bad.po").write_text(BAD_PO, encoding="utf-8")
    (tmp_path / "bl.json").write_text(
        '{"version": 1, "findings": [{"path": "%s", "rule": "placeholder.missing", "segment": "Hello %%s", '
        '"matched": "%%s", "fingerprint": "0123"}]}\n' % entry_path, encoding="utf-8")
    code, report, stderr = check_json(".", "--baseline", "bl.json", cwd=tmp_path)
    assert code == 1, stderr
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [("placeholder.missing", "locale/de/bad.po")]
    assert [e["fingerprint"] for e in report["baseline"]["stale"]] == ["0123"]
