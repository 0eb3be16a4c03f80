"""Suppressions end to end: `l10n-qa:` directives in PO translator comments and XLIFF notes, the
config's `suppress:` list and `enforced:` rules, and the position-based directives that comment-
bearing formats (Markdown, HTML, YAML) plug into through `Document.comments`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import PO_HEADER, PLURALS
from test_cli import l10n_qa

from l10n_qa.settings import Settings
from l10n_qa.model import Comment, Document, Finding, Locale, Severity
from l10n_qa import suppress

HEADER = PO_HEADER.format(lang="de", plural=PLURALS["de"])  # 6 lines: entries start on line 7


def po(tmp_path: Path, body: str, name: str = "de.po", preamble: str = "") -> Path:
    path = tmp_path / name
    path.write_text(preamble + HEADER + body, encoding="utf-8")
    return path


def run_json(tmp_path: Path, *args: str) -> tuple[int, dict]:
    result = l10n_qa("check", *args, "-f", "json", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def found(report: dict) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for f in report["findings"]]


def test_po_translator_comment_hides_the_entry_and_keeps_the_reason(tmp_path):
    po(tmp_path, '# l10n-qa: disable-next-line placeholder.missing -- the greeting above names the customer\n'
                 '#, python-format\n'
                 'msgid "Hi %(name)s, how can we help?"\n'
                 'msgstr "Wie können wir helfen?"\n\n'
                 '#, python-format\n'
                 'msgid "Order %(id)s shipped."\n'
                 'msgstr "Bestellung versandt."\n')
    code, report = run_json(tmp_path, "de.po")
    assert found(report) == [("placeholder.missing", 14, 9)]  # only the entry without a directive
    assert code == 1
    [hidden] = report["suppressed"]
    assert (hidden["rule"], hidden["line"], hidden["column"]) == ("placeholder.missing", 10, 9)
    assert hidden["suppression"] == {"reason": "the greeting above names the customer", "origin": "de.po:7",
                                     "until": None}
    assert report["summary"]["suppressed"] == 1
    text = l10n_qa("check", "de.po", "--show-suppressed", cwd=tmp_path).stdout
    assert "de.po:10:9: placeholder.missing" in text and "the greeting above names the customer  (de.po:7)" in text


def test_every_directive_word_on_a_po_entry_covers_that_entry_and_all_its_plural_forms(tmp_path):
    po(tmp_path, '# l10n-qa: disable placeholder\n'
                 '#, python-format\n'
                 'msgid "%(n)d file"\n'
                 'msgid_plural "%(n)d files"\n'
                 'msgstr[0] "Datei"\n'
                 'msgstr[1] "Dateien"\n\n'
                 '# l10n-qa: disable-line punctuation.end -- our German style guide\n'
                 'msgid "Your changes were saved!"\n'
                 'msgstr "Ihre Änderungen wurden gespeichert."\n')
    code, report = run_json(tmp_path, "de.po")
    assert code == 0 and report["findings"] == []
    # (msgstr[0] is used for exactly one file, so "Datei" may spell the number out: no finding there.)
    assert sorted((s["rule"], s["segment"]) for s in report["suppressed"]) == [
        ("placeholder.missing", "%(n)d file [1]"), ("punctuation.end", "Your changes were saved!")]


def test_problems_with_directives_are_findings_at_the_directive(tmp_path):
    po(tmp_path, '# l10n-qa: disable placeholder.mising\n'                      # 7 unknown id
                 '#, python-format\n'
                 'msgid "Order %(id)s shipped."\n'
                 'msgstr "Bestellung versandt."\n\n'
                 '# l10n-qa: disable number -- nothing to hide here\n'          # 12 unused
                 'msgid "Hello"\n'
                 'msgstr "Hallo"\n\n'
                 '# l10n-qa: disabel number\n'                                  # 16 unknown word
                 '# l10n-qa: disable -- no rule named\n'                        # 17 no rule
                 '# l10n-qa: enable number\n'                                   # 18 enable in an entry
                 '# l10n-qa: disable number until=2027-13-01\n'                 # 19 bad date
                 'msgid "Bye"\n'
                 'msgstr "Tschüss"\n\n'
                 '#. l10n-qa: disable punctuation -- extracted comments are not read\n'
                 'msgid "Thanks!"\n'
                 'msgstr "Danke."\n', preamble="")
    code, report = run_json(tmp_path, "de.po")
    assert found(report) == [
        ("suppression.unknown-rule", 7, 3), ("placeholder.missing", 10, 9), ("suppression.unused", 12, 3),
        ("suppression.invalid", 16, 3), ("suppression.invalid", 17, 3), ("suppression.invalid", 18, 3),
        ("suppression.invalid", 19, 3), ("punctuation.end", 25, 14)]
    by_line = {f["line"]: f for f in report["findings"]}
    assert by_line[7]["suggestion"] == "did you mean `placeholder.missing`?"
    assert by_line[7]["end_column"] == 3 + len("l10n-qa: disable placeholder.mising")
    assert by_line[16]["message"].startswith("unknown directive 'disabel'") and by_line[16]["suggestion"] == "write `disable`"
    assert "needs the rule ids" in by_line[17]["message"]
    assert "`enable` has nothing to end" in by_line[18]["message"]
    assert "2027-13-01" in by_line[19]["message"]
    assert code == 1
    # They are ordinary rules: they can be ignored or re-levelled like any other.
    code, report = run_json(tmp_path, "de.po", "--ignore", "suppression")
    assert found(report) == [("placeholder.missing", 10, 9), ("punctuation.end", 25, 14)]


def test_a_directive_above_an_obsolete_entry_covers_nothing(tmp_path):
    po(tmp_path, '# l10n-qa: disable punctuation.end -- for the old string\n'
                 '#~ msgid "Old!"\n'
                 '#~ msgstr "Alt."\n\n'
                 'msgid "Welcome!"\n'
                 'msgstr "Willkommen."\n')
    code, report = run_json(tmp_path, "de.po")
    assert found(report) == [("suppression.unused", 7, 3), ("punctuation.end", 12, 19)]


def test_expiry_date_makes_a_suppression_lapse(tmp_path):
    po(tmp_path, '# l10n-qa: disable punctuation.end until=2000-01-31 -- spring campaign\n'
                 'msgid "Save 20%!"\n'
                 'msgstr "20 % sparen."\n\n'
                 '# l10n-qa: disable punctuation.end until=2999-12-31 -- approved style\n'
                 'msgid "Welcome!"\n'
                 'msgstr "Willkommen."\n')
    code, report = run_json(tmp_path, "de.po")
    assert found(report) == [("suppression.expired", 7, 3), ("punctuation.end", 9, 20)]
    assert "lapsed on 2000-01-31" in report["findings"][0]["message"]
    [hidden] = report["suppressed"]
    assert hidden["line"] == 13 and hidden["suppression"]["until"] == "2999-12-31"


def test_unused_is_not_claimed_for_rules_that_did_not_run(tmp_path):
    po(tmp_path, '# l10n-qa: disable number -- nothing to hide here\n'
                 'msgid "Hello"\n'
                 'msgstr "Hallo"\n')
    assert found(run_json(tmp_path, "de.po")[1]) == [("suppression.unused", 7, 3)]
    assert found(run_json(tmp_path, "de.po", "--select", "placeholder,suppression")[1]) == []


def test_header_comment_disables_rules_for_the_whole_file(tmp_path):
    po(tmp_path, 'msgid "Hello  world"\n'
                 'msgstr "Hallo  Welt."\n\n'
                 'msgid "Bye"\n'
                 'msgstr "Tschüss  ."\n',
       preamble="# German widget strings.\n# l10n-qa: disable-file punctuation -- legacy file, rewritten in Q3\n")
    code, report = run_json(tmp_path, "de.po")
    assert found(report) == [("whitespace.double-space", 13, 16)]  # (no end-punctuation rule for "Bye")
    assert [(s["rule"], s["line"], s["suppression"]["origin"]) for s in report["suppressed"]] == [
        ("punctuation.end", 10, "de.po:2")]


def test_enforced_rules_cannot_be_suppressed_inline(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "l10n-qa.yaml").write_text("enforced: [placeholder]\n", encoding="utf-8")
    po(tmp_path, '# l10n-qa: disable placeholder.missing -- please\n'
                 '#, python-format\n'
                 'msgid "Hi %(name)s"\n'
                 'msgstr "Hallo"\n')
    code, report = run_json(tmp_path, "de.po")
    assert code == 1
    assert found(report) == [("suppression.not-allowed", 7, 3), ("placeholder.missing", 10, 9)]
    assert "enforced rules cannot be suppressed inline" in report["findings"][0]["message"]
    assert report["suppressed"] == []


XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="macros.json" source-language="en-US" target-language="de-DE" datatype="plaintext">
    <header>
      <note>l10n-qa: disable-file whitespace.trailing -- the export pads every line</note>
    </header>
    <body>
      <trans-unit id="refund">
        <source>Refunds take 14 days.</source>
        <target>Erstattungen dauern 30 Tage. </target>
        <note from="support-lead">Campaign: 30 days until the end of March.
  l10n-qa: disable number.changed until=2999-03-31 -- extended refund window approved</note>
      </trans-unit>
      <trans-unit id="hi">
        <source>Hi {{name}}</source>
        <target>Hallo {{vorname}}</target>
        <note>l10n-qa: disable placeholder.missing -- wrong id on purpose: not the rule that fires</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
  <file id="f1">
    <notes><note>l10n-qa: disable-file punctuation -- house style drops the exclamation marks</note></notes>
    <unit id="wait">
      <notes><note category="qa">l10n-qa: disable number.changed -- both prices changed for France</note></notes>
      <segment id="s1"><source>Wait 5 minutes!</source><target>Attendez 6 minutes.</target></segment>
      <segment id="s2"><source>It costs 10 euros.</source><target>Cela coûte 11 euros.</target></segment>
    </unit>
    <unit id="bye">
      <segment><source>See you in 3 days!</source><target>À dans 4 jours\u202f!</target></segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff_12_unit_and_file_notes(tmp_path):
    (tmp_path / "macros.de-DE.xlf").write_text(XLIFF_12, encoding="utf-8")
    code, report = run_json(tmp_path, "macros.de-DE.xlf")
    assert found(report) == [("placeholder.altered", 16, 23), ("suppression.unused", 17, 15)]
    assert sorted((s["rule"], s["line"], s["suppression"]["origin"], s["suppression"]["reason"])
                  for s in report["suppressed"]) == [
        ("number.changed", 10, "macros.de-DE.xlf:12", "extended refund window approved"),
        ("whitespace.trailing", 10, "macros.de-DE.xlf:5", "the export pads every line")]


def test_xliff_20_notes_cover_every_segment_of_their_unit(tmp_path):
    (tmp_path / "wait.xlf").write_text(XLIFF_20, encoding="utf-8")
    code, report = run_json(tmp_path, "wait.xlf")
    assert code == 1
    assert found(report) == [("number.changed", 11, 66)]  # the other unit is not covered
    assert sorted((s["rule"], s["segment"]) for s in report["suppressed"]) == [
        ("number.changed", "f1#wait/s1"), ("number.changed", "f1#wait/s2"),
        ("punctuation.end", "f1#wait/s1")]


def test_config_suppress_entries(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "locale").mkdir()
    (tmp_path / "l10n-qa.yaml").write_text(
        "enforced: [placeholder]\n"
        "suppress:\n"
        "  - path: locale/*.po\n"
        "    rules: [placeholder.missing]\n"
        "    reason: legal approved the short form\n"
        "  - path: other.po\n"
        "    rules: [punctuation]\n"
        "    reason: lapsed\n"
        "    until: 2001-01-01\n", encoding="utf-8")
    po(tmp_path / "locale", '#, python-format\nmsgid "Hi %(name)s!"\nmsgstr "Hallo!"\n')
    po(tmp_path, 'msgid "Hi!"\nmsgstr "Hallo."\n', name="other.po")
    result = l10n_qa("check", "locale", "other.po", "-f", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    # A reviewed config entry may hide an enforced rule; the lapsed one hides nothing and says so.
    assert [(s["rule"], s["suppression"]["origin"]) for s in report["suppressed"]] == [
        ("placeholder.missing", "l10n-qa.yaml:3")]
    assert found(report) == [("punctuation.end", 8, 14)]
    assert "l10n-qa.yaml:6: suppress[1] lapsed on 2001-01-01" in result.stderr


@pytest.mark.parametrize("entry, message", [
    ("  - path: a.po\n    rules: [punctuation]\n", "l10n-qa.yaml:2: suppress[0]: needs a `reason`"),
    ("  - path: a.json\n    pointer: refund/body\n    rules: [number]\n    reason: x\n",
     "l10n-qa.yaml:3: suppress[0].pointer: expected a JSON Pointer"),
    ("  - path: a.po\n    rules: [punctuation]\n    reason: x\n    until: 2027-02-30\n",
     "l10n-qa.yaml:5: invalid value: day is out of range for month"),
    ("  - path: a.po\n    rules: [punctation]\n    reason: x\n",
     "unknown rule or category 'punctation'"),
    ("  - path: a.po\n    rule: [punctuation]\n    reason: x\n", "l10n-qa.yaml:3: suppress[0].rule: unknown key"),
])
def test_config_suppress_errors(tmp_path, entry, message):
    (tmp_path / ".git").mkdir()
    (tmp_path / "l10n-qa.yaml").write_text("suppress:\n" + entry, encoding="utf-8")
    po(tmp_path, 'msgid "Hi"\nmsgstr "Hallo"\n')
    result = l10n_qa("check", "de.po", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


# --- The format-independent machinery, as Markdown/HTML/YAML loaders will use it --------------------


def finding(rule: str, line: int, column: int, segment: str = "p1", path: str = "help/de-DE/refunds.md") -> Finding:
    from l10n_qa.checks import RULES

    return Finding(rule, RULES[rule].category, RULES[rule].severity, "msg", path, line, column, line, column + 1,
                   "de-DE", "en-US", segment, "", "", "", "", f"{rule}{line}{column}")


def document(*comments: Comment, path: str = "help/de-DE/refunds.md") -> Document:
    return Document(path, "markdown", Locale.parse("de-DE"), Locale.parse("en-US"), comments=list(comments))


def inline(text: str, line: int, column: int) -> Comment:
    """An HTML comment `<!-- text -->` on one line, its text starting at (line, column)."""
    return Comment(text, line, column, line, column + len(text) + 3)


def apply(doc: Document, findings: list[Finding], **settings):
    return suppress.apply(doc, findings, Settings.build(**settings), today=date(2026, 6, 1))


def test_positional_next_line_and_same_line():
    doc = document(Comment(" l10n-qa: disable-next-line number.changed -- promo price ", 3, 5, 3, 62),
                   Comment(" l10n-qa: disable-line punctuation.end ", 8, 40, 8, 79))
    findings = [finding("number.changed", 4, 10), finding("number.changed", 5, 10),
                finding("punctuation.end", 8, 38), finding("punctuation.end", 9, 1)]
    kept, hidden, problems = apply(doc, findings)
    assert [(f.rule, f.line) for f in kept] == [("number.changed", 5), ("punctuation.end", 9)]
    assert [(s.finding.line, s.reason, s.origin) for s in hidden] == [
        (4, "promo price", "help/de-DE/refunds.md:3"), (8, "", "help/de-DE/refunds.md:8")]
    assert problems == []


def test_positional_ranges_start_and_end_inside_a_paragraph():
    # Line 12: "Wir erstatten <!-- l10n-qa: disable number.changed -->30 Tage<!-- l10n-qa: enable number.changed --> ab 14 Uhr."
    opening = inline(" l10n-qa: disable number.changed ", 12, 19)
    closing = inline(" l10n-qa: enable number.changed ", 12, 64)
    findings = [finding("number.changed", 12, 56), finding("number.changed", 12, 100),
                finding("number.changed", 11, 3)]
    kept, hidden, problems = apply(document(opening, closing), findings)
    assert [s.finding.column for s in hidden] == [56]
    assert [(f.line, f.column) for f in kept] == [(12, 100), (11, 3)]
    assert problems == []


def test_an_unclosed_range_runs_to_the_end_and_a_stray_enable_is_reported():
    doc = document(inline(" l10n-qa: disable whitespace ", 2, 1), inline(" l10n-qa: enable punctuation ", 5, 1))
    findings = [finding("whitespace.double-space", 40, 2), finding("punctuation.end", 6, 1)]
    kept, hidden, problems = apply(doc, findings)
    assert [s.finding.rule for s in hidden] == ["whitespace.double-space"]
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("suppression.invalid", 5, 2, "`enable punctuation` has no `disable punctuation` before it")]
    assert [f.rule for f in kept] == ["punctuation.end"]


def test_problems_of_positional_directives_point_into_multi_line_comments():
    comment = Comment("\n  Reviewed with legal.\n  l10n-qa: disable-file legl -- pending review\n", 20, 5, 23, 1)
    kept, hidden, problems = apply(document(comment), [finding("placeholder.missing", 30, 1)])
    assert [(p.rule, p.line, p.column) for p in problems] == [("suppression.unknown-rule", 22, 3)]
    assert kept and not hidden


def test_config_pointer_covers_a_json_subtree_and_may_hide_enforced_rules():
    entries = [suppress.ConfigSuppression(suppress.glob_regex("replies/*.json"), "/refund", ("number", "legal"),
                                          "campaign", None, "l10n-qa.yaml:4")]
    findings = [finding("number.changed", 3, 5, "/refund/body", "replies/de-DE.json"),
                finding("number.changed", 7, 5, "/refunded", "replies/de-DE.json"),
                finding("number.changed", 9, 5, "/greeting", "replies/de-DE.json")]
    settings = Settings.build(enforced=("number",), suppressions=entries, root=str(Path.cwd()))
    kept, hidden, problems = suppress.apply(document(path="replies/de-DE.json"), findings, settings)
    assert [(s.finding.segment, s.origin, s.reason) for s in hidden] == [("/refund/body", "l10n-qa.yaml:4", "campaign")]
    assert [f.segment for f in kept] == ["/refunded", "/greeting"]
    assert problems == []
    elsewhere = [finding("number.changed", 3, 5, "/refund/body", "help/refund.json")]
    kept, hidden, _ = suppress.apply(document(path="help/refund.json"), elsewhere, settings)
    assert kept == elsewhere and hidden == []
