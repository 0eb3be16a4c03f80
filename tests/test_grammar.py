"""Grammar checking with LanguageTool, end to end against a LanguageTool stand-in on 127.0.0.1
(tests/languagetool_fake.py) that speaks LanguageTool's /v2/languages and /v2/check protocol, and
against a real LanguageTool when L10N_QA_LANGUAGETOOL_URL names one."""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import PO_HEADER, PLURALS, po_quote
from languagetool_fake import FakeLanguageTool, plain_text
from test_samples import ROOT, expected_findings

from l10n_qa.config import Config
from l10n_qa.discover import Discovery
from l10n_qa.engine import run
from l10n_qa.settings import Settings
from l10n_qa.model import Locale
from l10n_qa.services.languagetool import language_for
from l10n_qa.services.options import LanguageToolOptions

TEXT_COLUMN = 9  # msgstr "… starts its text here


@pytest.fixture
def fake():
    server = FakeLanguageTool().start()
    yield server
    server.stop()


def write_catalog(path: Path, entries: list[tuple[str, str]], lang: str = "de") -> dict[str, int]:
    """A PO file with these (source, target) entries; returns each target's msgstr line."""
    lines = PO_HEADER.format(lang=lang, plural=PLURALS.get(lang, "nplurals=2; plural=(n != 1);")).split("\n")
    where = {}
    for source, target in entries:
        lines += [f'msgid "{po_quote(source)}"', f'msgstr "{po_quote(target)}"']
        where[target] = len(lines)
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return where


def check(paths: list[Path], accepted=(), **options):
    settings = replace(Settings.build(), accepted_terms=frozenset(accepted),
                       languagetool=LanguageToolOptions(**options))
    return run([str(p) for p in paths], Discovery(Config(source_locale=Locale("en")), None), settings)


def lt_findings(report):
    return [(f.rule, f.line, f.column, f.end_column, f.matched) for f in report.findings
            if f.rule in ("grammar.languagetool", "spelling.languagetool")]


def test_matches_become_findings_at_the_exact_line_and_column(tmp_path, fake):
    entries = [
        ("Track your order", "Bestelung verfolgen"),
        ("Connecting you to our support team…", "Wir verbinden Sie mit unser Support-Team …"),
        # An emoji is two UTF-16 units for LanguageTool and one character for the file's column.
        ("🎉 Thanks! Track your order", "🎉 Danke! Bestelung verfolgen"),
    ]
    lines = write_catalog(tmp_path / "de.po", entries)
    report = check([tmp_path / "de.po"], url=fake.url)
    assert report.errors == [] and report.notices == []
    assert sorted(lt_findings(report)) == sorted([
        ("spelling.languagetool", lines["Bestelung verfolgen"], 9, 18, "Bestelung"),
        ("grammar.languagetool", lines[entries[1][1]], 31, 49, "unser Support-Team"),
        ("spelling.languagetool", lines[entries[2][1]], 18, 27, "Bestelung"),
    ])
    typo = next(f for f in report.findings if f.rule == "spelling.languagetool")
    assert typo.message == "Möglicher Tippfehler gefunden. [GERMAN_SPELLER_RULE]"
    assert typo.suggestion.startswith("write `Bestellung` or `Bestellungen`")
    grammar = next(f for f in report.findings if f.rule == "grammar.languagetool")
    assert "[DE_AGREEMENT]" in grammar.message and grammar.suggestion == "write `unserem Support-Team`"
    # One request for the three segments, in LanguageTool's form fields.
    assert len(fake.checks) == 1
    form = fake.checks[0]
    assert form["language"] == "de-DE" and form["mode"] == "allButTextLevelOnly"
    assert "WHITESPACE_RULE" in form["disabledRules"].split(",")


def test_placeholders_tags_links_accepted_and_copied_words_are_never_reported(tmp_path, fake):
    entries = [
        ("Hi {{ticket.Bestelung}}, see https://example.com/Bestelung or <b>Example Shop</b>.",
         "Hallo {{ticket.Bestelung}}, siehe https://example.com/Bestelung oder <b>Example Shop</b>."),
        ("Write to Bestelung@example.com", "Schreiben Sie an Bestelung@example.com"),
        ("Bestelung Inc. ships your order", "Bestelung Inc. versendet Ihre Bestellung"),
    ]
    write_catalog(tmp_path / "de.po", entries)
    (tmp_path / "fr.po").write_text("")
    fr_lines = write_catalog(tmp_path / "fr.po", [
        ("Hi {{first_name}}, your order has shipped.", "Bonjour {{first_name}}, votre commande a été expédiée."),
        ("Ordered", "commandee"),
    ], "fr")
    report = check([tmp_path / "de.po", tmp_path / "fr.po"], accepted=["Bestelung Inc."], url=fake.url)
    # "X" (the stand-in LanguageTool reads for {{first_name}}) is reported by the server and dropped;
    # the one real typo is kept.
    assert lt_findings(report) == [("spelling.languagetool", fr_lines["commandee"], 9, 18, "commandee")]
    sent = [json.loads(form["data"])["annotation"] for form in fake.checks]
    markup = {piece["markup"] for annotation in sent for piece in annotation if "markup" in piece}
    assert {"{{ticket.Bestelung}}", "https://example.com/Bestelung", "<b>", "</b>", "Bestelung@example.com",
            "{{first_name}}"} <= markup
    assert all("{{" not in piece.get("text", "") for annotation in sent for piece in annotation)


def test_segments_are_batched_within_the_size_limit_and_sent_concurrently(tmp_path):
    fake = FakeLanguageTool(delay=0.2).start()
    try:
        entries = [(f"Track your order ({i})", f"Bestelung verfolgen ({i})") for i in range(40)]
        lines = write_catalog(tmp_path / "de.po", entries)
        report = check([tmp_path / "de.po"], url=fake.url, batch_chars=200, concurrency=3)
    finally:
        fake.stop()
    assert sorted(f[1] for f in lt_findings(report)) == sorted(lines.values())
    sizes = [len(plain_text(form)) for form in fake.checks]
    assert all(size <= 200 for size in sizes)
    per_segment = len("Bestelung verfolgen (10)") + 2
    assert len(fake.checks) == math.ceil(40 / (200 // per_segment))
    assert fake.max_in_flight == 3


def test_a_server_limit_below_the_batch_size_is_learned_from_its_413(tmp_path):
    fake = FakeLanguageTool(max_text_length=120).start()
    try:
        entries = [(f"Track your order ({i})", f"Bestelung verfolgen ({i})") for i in range(20)]
        entries.append(("Long", "Bestelung " + "lang " * 40))
        lines = write_catalog(tmp_path / "de.po", entries)
        report = check([tmp_path / "de.po"], url=fake.url, batch_chars=10_000, concurrency=1)
    finally:
        fake.stop()
    found = sorted(f[1] for f in lt_findings(report))
    assert found == sorted(line for target, line in lines.items() if not target.startswith("Bestelung lang"))
    assert 413 in fake.statuses and fake.statuses.count(200) >= 3
    assert all(len(plain_text(form)) <= 120 for form, status in zip(fake.checks, fake.statuses) if status == 200)
    assert report.notices == [f"{fake.url}: LanguageTool answered HTTP 413: Error: Your text exceeds the limit of "
                              f"120 characters (it's 210 characters). Please submit a shorter text. (one segment "
                              f"is longer than the server accepts; it was not grammar-checked)"]


def test_locales_map_to_the_servers_languages():
    from languagetool_fake import LANGUAGES

    languages = tuple((e["name"], e["code"], e["longCode"]) for e in LANGUAGES)
    assert language_for(Locale.parse("de-DE"), languages) == "de-DE"
    assert language_for(Locale.parse("de"), languages) == "de-DE"  # German spell-checks only with a variant
    assert language_for(Locale.parse("de-LU"), languages) == "de"
    assert language_for(Locale.parse("fr-FR"), languages) == "fr"
    assert language_for(Locale.parse("ar-SA"), languages) == "ar"
    assert language_for(Locale.parse("ja-JP"), languages) == "ja-JP"
    assert language_for(Locale.parse("ja"), languages) == "ja-JP"
    assert language_for(Locale.parse("zh-TW"), languages) is None  # the server's Chinese is zh-CN
    assert language_for(Locale.parse("sw"), languages) is None


def test_disabled_rules_and_categories_per_locale(tmp_path, fake):
    write_catalog(tmp_path / "de.po", [("Track your order", "Bestelung verfolgen"),
                                       ("Connecting you…", "Wir verbinden Sie mit unser Support-Team …")])
    write_catalog(tmp_path / "fr.po", [("Ordered", "commandee")], "fr")
    report = check([tmp_path / "de.po", tmp_path / "fr.po"], url=fake.url,
                   disabled_rules=(("de", ("GERMAN_SPELLER_RULE",)),), disabled_categories=(("*", ("GRAMMAR",)),))
    assert [(f[0], f[4]) for f in lt_findings(report)] == [("spelling.languagetool", "commandee")]
    by_language = {form["language"]: form for form in fake.checks}
    assert by_language["de-DE"]["disabledRules"].split(",") == ["WHITESPACE_RULE", "GERMAN_SPELLER_RULE"]
    assert by_language["fr"]["disabledRules"] == "WHITESPACE_RULE"
    assert by_language["fr"]["disabledCategories"] == "GRAMMAR"


def test_a_locale_the_server_lacks_is_a_notice(tmp_path, fake):
    write_catalog(tmp_path / "zh_TW.po", [("Track your order", "追蹤訂單")], "zh_TW")
    report = check([tmp_path / "zh_TW.po"], url=fake.url)
    assert report.notices == ["languagetool: the server has no language for zh-TW; zh-TW was not grammar-checked"]
    assert fake.checks == []


# --- the command line: cache, timeouts, unreachable servers -------------------------------------------------


def l10n_qa(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "L10N_QA_LANGUAGETOOL_URL")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True,
                          env=full_env, timeout=120)


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    lines = write_catalog(tmp_path / "de.po", [
        ("Track your order", "Bestelung verfolgen"),
        ("Hi %(name)s, welcome back", "Hallo, willkommen zurück"),  # placeholder.missing: other checks still run
        ("Connecting you…", "Wir verbinden Sie mit unserem Support-Team …"),
    ])
    return tmp_path, lines


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_answers_are_cached_so_a_rerun_sends_only_what_changed(project, fake):
    root, lines = project
    (root / "l10n-qa.yaml").write_text(f"languagetool:\n  url: {fake.url}\n")
    first = l10n_qa("check", "de.po", "--format", "json", cwd=root)
    assert first.returncode == 1, first.stderr
    assert (root / ".l10n_qa_cache" / "languagetool.sqlite3").is_file()
    assert len(fake.checks) == 1
    second = l10n_qa("check", "de.po", "--format", "json", cwd=root)
    assert len(fake.checks) == 1, "the re-run asked LanguageTool again"
    strip = lambda out: [{k: v for k, v in f.items()} for f in json.loads(out)["findings"]]  # noqa: E731
    assert strip(second.stdout) == strip(first.stdout)
    assert ("spelling.languagetool", lines["Bestelung verfolgen"]) in {
        (f["rule"], f["line"]) for f in json.loads(second.stdout)["findings"]}
    text = (root / "de.po").read_text(encoding="utf-8").replace("mit unserem Support-Team", "mit unser Support-Team")
    (root / "de.po").write_text(text, encoding="utf-8")
    third = l10n_qa("check", "de.po", "--format", "json", cwd=root)
    assert len(fake.checks) == 2
    assert plain_text(fake.checks[1]) == "Wir verbinden Sie mit unser Support-Team …"
    assert "grammar.languagetool" in {f["rule"] for f in json.loads(third.stdout)["findings"]}
    l10n_qa("check", "de.po", "--no-cache", cwd=root)
    assert len(fake.checks) == 3 and len(plain_text(fake.checks[2]).split("\n\n")) == 3


def test_a_server_that_does_not_answer_in_time_does_not_hang_the_run(project):
    root, lines = project
    fake = FakeLanguageTool(delay=5).start()
    try:
        (root / "l10n-qa.yaml").write_text(f"languagetool:\n  url: {fake.url}\n  timeout: 0.5\n")
        started = time.monotonic()
        result = l10n_qa("check", "de.po", "--format", "json", cwd=root)
        elapsed = time.monotonic() - started
        required = l10n_qa("check", "de.po", "--grammar", "--format", "json", cwd=root)
    finally:
        fake.stop()
    assert elapsed < 4
    report = json.loads(result.stdout)
    assert result.returncode == 1  # the placeholder error; grammar was not required
    assert {f["rule"] for f in report["findings"]} == {"placeholder.missing"}
    assert report["errors"] == []
    [notice] = report["notices"]
    assert notice["message"].startswith(f"{fake.url}: LanguageTool stopped answering (no answer within 0.5 s)")
    assert required.returncode == 2
    [error] = json.loads(required.stdout)["errors"]
    assert error["path"] == fake.url and "no answer within 0.5 s" in error["message"]


def test_an_unreachable_server_is_one_clear_error_and_every_other_check_still_runs(project):
    root, _ = project
    url = closed_port_url()
    result = l10n_qa("check", "de.po", "--languagetool-url", url, "--no-color", cwd=root)
    assert result.returncode == 2
    assert result.stdout.count("not reachable") == 1
    assert f"{url}: LanguageTool is not reachable (connection refused): start one (README" in result.stdout
    assert "placeholder.missing" in result.stdout
    # Configured but not required: a notice, and the exit code is that of the findings.
    (root / "l10n-qa.yaml").write_text(f"languagetool:\n  url: {url}\n")
    relaxed = l10n_qa("check", "de.po", "--format", "json", cwd=root)
    assert relaxed.returncode == 1
    report = json.loads(relaxed.stdout)
    assert report["errors"] == [] and len(report["notices"]) == 1
    assert "not reachable (connection refused)" in report["notices"][0]["message"]


def test_a_url_that_is_not_languagetool_is_named(project):
    root, _ = project
    fake = FakeLanguageTool(languages_status=404).start()
    try:
        result = l10n_qa("check", "de.po", "--languagetool-url", fake.url + "/v2", "-q", cwd=root)
    finally:
        fake.stop()
    assert result.returncode == 2
    assert (f"{fake.url}/v2: GET /v2/languages answered HTTP 404 (<html>Not Found</html>): is this the URL of a "
            f"LanguageTool server?") in result.stdout


def test_without_a_url_a_local_languagetool_that_cannot_start_is_explained(project, tmp_path):
    """No server given: language-tool-python would download LanguageTool; here its download host is a
    closed local port, so the start fails at once, and the message says what to do."""
    root, _ = project
    closed = closed_port_url() + "/"
    env = {"LTP_PATH": str(tmp_path / "ltp"), "LTP_DOWNLOAD_HOST_SNAPSHOT": closed,
           "LTP_DOWNLOAD_HOST_NEW_RELEASES": closed, "LTP_DOWNLOAD_HOST_RELEASE": closed,
           "LTP_DOWNLOAD_HOST_ARCHIVE": closed}
    result = l10n_qa("check", "de.po", "--grammar", "-q", cwd=root, env=env)
    assert result.returncode == 2
    assert "local LanguageTool: could not start LanguageTool through language-tool-python" in result.stdout
    assert "Java 17 or newer" in result.stdout and "placeholder.missing" in result.stdout


SAMPLES_SKIPPED = "3 files with no locale in the path (not translations) skipped"


def test_samples_with_grammar_report_exactly_the_documented_mistakes(fake):
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "samples/", "--languagetool-url", fake.url,
                             "--no-cache", "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    # LanguageTool has no Hebrew: the he-IL help center is said to be unchecked, once.
    assert report["errors"] == []
    # (and the walk counts the files of samples/ that are no translations: README.md, expected.yaml, …)
    assert report["notices"] == [{"message": SAMPLES_SKIPPED},
                                 {"message": "languagetool: the server has no language for he-IL; he-IL was not "
                                             "grammar-checked"}]
    assert {(f["path"], f["line"], f["rule"]) for f in report["findings"]} == expected_findings("grammar")
    assert {form["language"] for form in fake.checks} >= {"de-DE", "fr", "ar", "ja-JP", "es", "pt-BR"}


@pytest.mark.skipif(not os.environ.get("L10N_QA_LANGUAGETOOL_URL"),
                    reason="set L10N_QA_LANGUAGETOOL_URL to a LanguageTool server (README) to run this")
def test_samples_against_a_real_languagetool():
    url = os.environ["L10N_QA_LANGUAGETOOL_URL"]
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "samples/", "--languagetool-url", url,
                             "--no-cache", "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"]
    findings = report["findings"]
    assert ("samples/widget/locale/de/LC_MESSAGES/widget.po", 126, "spelling.languagetool") in {
        (f["path"], f["line"], f["rule"]) for f in findings}
    for finding in findings:
        if finding["rule"].endswith(".languagetool") and finding["line"] == finding["end_line"]:
            line = (ROOT / finding["path"]).read_text(encoding="utf-8").split("\n")[finding["line"] - 1]
            matched = line[finding["column"] - 1:finding["end_column"] - 1]
            # Never on code, links or names copied from the source.
            assert not any(code in matched for code in ("{{", "{%", "%(", "http", "@", "<", "Example")), finding
