"""Suppressions carried by the content formats, end to end from the command line: HTML comments in
Markdown and HTML articles, `#` comments in YAML reply libraries, `# l10n-qa:` lines in plain-text
policies, and the config's `suppress:` entries addressed by JSON Pointer for JSON catalogs.

Expected columns are computed from the file's own text (`col(line, needle)`), so each assertion says
which characters a finding or a directive problem must point at."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import l10n_qa


def write(root: Path, files: dict[str, str]) -> None:
    (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run_json(root: Path, *args: str) -> tuple[int, dict]:
    result = l10n_qa("check", *args, "-f", "json", cwd=root)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def found(report: dict) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for f in report["findings"]]


def hidden(report: dict) -> list[tuple[str, int, int, str, str]]:
    return [(s["rule"], s["line"], s["column"], s["suppression"]["reason"], s["suppression"]["origin"])
            for s in report["suppressed"]]


def col(text: str, line: int, needle: str, nth: int = 1) -> int:
    """1-based column of the nth `needle` on 1-based `line` of `text`."""
    row = text.split("\n")[line - 1]
    at = -1
    for _ in range(nth):
        at = row.index(needle, at + 1)
    return at + 1


# --- Markdown -------------------------------------------------------------------------------------

MD_SOURCE = """# Refunds

We refund within 14 days and up to 14 euros.

Contact us within 14 days.

- Returns take 14 days.

Keep the receipt for 14 days.
"""

MD_TARGET = """# Erstattungen

Wir erstatten <!-- l10n-qa: disable number.changed -- goodwill period -->30 Tage<!-- l10n-qa: enable number.changed --> und bis 30 Euro.

<!-- l10n-qa: disable-next-line number.changed -- legal approved 2026-03 -->
Kontaktieren Sie uns innerhalb von 30 Tagen.

- Rücksendungen dauern 30 Tage. <!-- l10n-qa: disable-line number.changed -->

Bewahren Sie den Beleg 30 Tage auf. <!-- Hinweis: 99 --> <!-- l10n-qa: disable-line numbr.changed -->
<!-- l10n-qa: disable-next-line punctuation.end until=2001-01-01 -->
"""


def test_markdown_directives_block_and_inline_with_exact_positions(tmp_path):
    write(tmp_path, {"help/en-US/refunds.md": MD_SOURCE, "help/de-DE/refunds.md": MD_TARGET})
    code, report = run_json(tmp_path, "help")
    t = MD_TARGET
    # The range ends inside the paragraph: the second 30 on line 3 is reported; the unknown rule id
    # leaves line 10's finding and is reported at its directive; the lapsed one at its own.
    assert found(report) == [
        ("number.changed", 3, col(t, 3, "30", 2)),
        ("number.changed", 10, col(t, 10, "30")),
        ("suppression.unknown-rule", 10, col(t, 10, "l10n-qa: disable-line numbr")),
        ("suppression.expired", 11, col(t, 11, "l10n-qa:")),
    ]
    assert code == 1
    assert hidden(report) == [
        ("number.changed", 3, col(t, 3, "30"), "goodwill period", "help/de-DE/refunds.md:3"),
        ("number.changed", 6, col(t, 6, "30"), "legal approved 2026-03", "help/de-DE/refunds.md:5"),
        ("number.changed", 8, col(t, 8, "30"), "", "help/de-DE/refunds.md:8"),
    ]
    # Comments are not text: the 99 in a plain comment is no extra number.
    assert not any(f["rule"] == "number.extra" for f in report["findings"])
    text = l10n_qa("check", "help", "--show-suppressed", cwd=tmp_path).stdout
    assert f"help/de-DE/refunds.md:6:{col(t, 6, '30')}: number.changed" in text
    assert "legal approved 2026-03  (help/de-DE/refunds.md:5)" in text
    assert "did you mean `number.changed`?" in text


def test_markdown_directive_inside_a_block_quote_and_unused_directives(tmp_path):
    source = "> Refunds take 14 days.\n\nHello.\n"
    target = ("> Erstattungen dauern <!-- l10n-qa: disable-line number.changed -- checked -->30 Tage.\n\n"
              "<!-- l10n-qa: disable-file punctuation -->\nHallo.\n")
    write(tmp_path, {"help/en-US/a.md": source, "help/de-DE/a.md": target})
    code, report = run_json(tmp_path, "help")
    assert hidden(report) == [("number.changed", 1, col(target, 1, "30"), "checked", "help/de-DE/a.md:1")]
    assert found(report) == [("suppression.unused", 3, col(target, 3, "l10n-qa:"))]
    assert code == 0  # a warning only


def test_markdown_all_errors_suppressed_exits_zero(tmp_path):
    write(tmp_path, {"help/en-US/a.md": "Refunds take 14 days.\n",
                     "help/de-DE/a.md": "<!-- l10n-qa: disable-file number -- regional law -->\n"
                                        "Erstattungen dauern 30 Tage.\n"})
    code, report = run_json(tmp_path, "help")
    assert (code, found(report)) == (0, [])
    assert hidden(report) == [("number.changed", 2, 21, "regional law", "help/de-DE/a.md:1")]


# --- HTML -------------------------------------------------------------------------------------------

HTML_SOURCE = """<html lang="en"><body>
<p>We refund within 14 days and up to 14 euros.</p>
<p>Contact us within 14 days.</p>
<p>Returns take 14 days.</p>
</body></html>
"""

HTML_TARGET = """<html lang="de"><body>
<p>Wir erstatten <!-- l10n-qa: disable number.changed -- goodwill -->30 Tage<!-- l10n-qa: enable number.changed --> und bis 30 Euro.</p>
<!-- notes for translators
     l10n-qa: disable-next-line number.changed -- legal approved -->
<p>Kontaktieren Sie uns innerhalb von 30 Tagen.</p>
<p>Rücksendungen dauern 30 Tage. <!-- l10n-qa: disable-line placeholder --></p>
</body></html>
"""


def test_html_directives_inline_multi_line_and_unused(tmp_path):
    write(tmp_path, {"help/en-US/refunds.html": HTML_SOURCE, "help/de-DE/refunds.html": HTML_TARGET})
    code, report = run_json(tmp_path, "help")
    t = HTML_TARGET
    assert found(report) == [
        ("number.changed", 2, col(t, 2, "30", 2)),
        ("number.changed", 6, col(t, 6, "30")),
        ("suppression.unused", 6, col(t, 6, "l10n-qa:")),
    ]
    assert code == 1
    # The directive on the comment's second line is found there, and covers the line after the comment.
    assert hidden(report) == [
        ("number.changed", 2, col(t, 2, "30"), "goodwill", "help/de-DE/refunds.html:2"),
        ("number.changed", 5, col(t, 5, "30"), "legal approved", "help/de-DE/refunds.html:4"),
    ]
    text = l10n_qa("check", "help", "--show-suppressed", cwd=tmp_path).stdout
    assert "legal approved  (help/de-DE/refunds.html:4)" in text


# --- YAML reply libraries ---------------------------------------------------------------------------

YAML_SOURCE = """refund_approved:
  title: "Refund approved!"
  body: "Hi {name}, we refunded {amount} within 14 days."
shipping:
  body: |
    Your order ships in 3 days. # part of the text
    Track it at {url}.
tag: "Use # l10n-qa: disable-line number to tag"
"""

YAML_TARGET = """# l10n-qa: disable-file punctuation -- tone of voice approved
refund_approved:
  title: "Erstattung genehmigt"  # l10n-qa: disable-line number.changed -- nothing to hide here
  # l10n-qa: disable-next-line placeholder.missing -- amount shown in the table
  body: "Hallo {name}, wir haben {amount} innerhalb von 30 Tagen erstattet."  # l10n-qa: disable-line number -- promo
shipping:
  body: |
    Ihre Bestellung wird in 5 Tagen versandt. # l10n-qa: disable-line number -- part of the text
    Verfolgen Sie sie unter {url}.
tag: "Mit # l10n-qa: disable-line number taggen: 7"
"""


def test_yaml_trailing_and_line_above_comments_and_hashes_inside_scalars(tmp_path):
    write(tmp_path, {"replies/en-US.yaml": YAML_SOURCE, "replies/de-DE.yaml": YAML_TARGET})
    code, report = run_json(tmp_path, "replies")
    t = YAML_TARGET
    # `#` inside a block scalar or a quoted string is text, not a directive: those findings stay
    # (the 10 of `l10n-qa` in the block scalar is text too), and those "directives" are not reported.
    assert found(report) == [
        ("suppression.unused", 3, col(t, 3, "l10n-qa:")),
        ("suppression.unused", 4, col(t, 4, "l10n-qa:")),  # {amount} is there
        ("number.changed", 8, col(t, 8, "5")),
        # The "directive" left in the block scalar is English text customers would read.
        ("completeness.wrong-language", 8, col(t, 8, "# l10n-qa:")),
        ("number.extra", 8, col(t, 8, "10")),
        ("number.extra", 10, col(t, 10, "7")),
    ]
    assert hidden(report) == [
        ("punctuation.end", 3, col(t, 3, 't"'), "tone of voice approved", "replies/de-DE.yaml:1"),
        ("number.changed", 5, col(t, 5, "30"), "promo", "replies/de-DE.yaml:5"),
    ]
    assert code == 1


def test_yaml_directive_above_hides_and_exit_code_follows(tmp_path):
    source = 'refund:\n  body: "Hi {name}, we refunded {amount}."\n'
    target = ('refund:\n  # l10n-qa: disable-next-line placeholder.missing -- amount in the table\n'
              '  body: "Hallo {name}, wir haben erstattet."\n')
    write(tmp_path, {"replies/en-US.yaml": source, "replies/de-DE.yaml": target})
    code, report = run_json(tmp_path, "replies")
    assert (code, found(report)) == (0, [])
    assert hidden(report) == [("placeholder.missing", 3, 10, "amount in the table", "replies/de-DE.yaml:2")]
    shown = l10n_qa("check", "replies", "--show-suppressed", cwd=tmp_path)
    assert shown.returncode == 0
    assert "replies/de-DE.yaml:3:10: placeholder.missing" in shown.stdout
    assert "amount in the table  (replies/de-DE.yaml:2)" in shown.stdout
    (tmp_path / "replies/de-DE.yaml").write_text(target.replace("next-line", "nxt-line"), encoding="utf-8")
    code, report = run_json(tmp_path, "replies")
    assert code == 1
    assert found(report) == [("suppression.invalid", 2, 5), ("placeholder.missing", 3, 10)]


def test_yaml_bilingual_reply_file(tmp_path):
    text = ('id: refund\nen-US:\n  body: "Refund within 14 days."\n'
            'de-DE:\n  body: "Erstattung innerhalb von 30 Tagen."  # l10n-qa: disable-line number -- legal\n')
    write(tmp_path, {"replies/refund.yaml": text})
    code, report = run_json(tmp_path, "replies/refund.yaml")
    assert (code, found(report)) == (0, [])
    assert hidden(report) == [("number.changed", 5, col(text, 5, "30"), "legal", "replies/refund.yaml:5")]


# --- JSON: config entries by JSON Pointer ----------------------------------------------------------

JSON_SOURCE = """{
  "refund": {"title": "Refund approved", "body": "We refunded {{amount}} within 14 days."},
  "a/b~c": "Ships in 3 days.",
  "items": [{"text": "Pay within 7 days."}, {"text": "Or within 10 days."}]
}
"""

JSON_TARGET = """{
  "refund": {"title": "Erstattung genehmigt", "body": "Wir haben innerhalb von 30 Tagen erstattet."},
  "a/b~c": "Versand in 5 Tagen.",
  "items": [{"text": "Zahlen Sie innerhalb von 9 Tagen."}, {"text": "Oder innerhalb von 12 Tagen."}]
}
"""

JSON_CONFIG = """suppress:
  - path: locales/de/translation.json
    pointer: /refund
    rules: [number]
    reason: legal approved the 30-day period
  - path: locales/de/translation.json
    pointer: /a~1b~0c
    rules: [number.changed]
    reason: slower carrier in Germany
  - path: locales/de/translation.json
    pointer: /items/0/text
    rules: [number.changed]
    reason: pay term
"""


def test_json_config_pointer_entries_end_to_end(tmp_path):
    write(tmp_path, {"locales/en/translation.json": JSON_SOURCE, "locales/de/translation.json": JSON_TARGET,
                     "l10n-qa.yaml": JSON_CONFIG})
    code, report = run_json(tmp_path, "locales")
    t = JSON_TARGET
    # Not covered: the missing placeholder under /refund (the entry names `number` only) and /items/1.
    assert found(report) == [("placeholder.missing", 2, col(t, 2, '"Wir') + 1),
                             ("number.changed", 4, col(t, 4, "12"))]
    assert code == 1
    assert hidden(report) == [
        ("number.changed", 2, col(t, 2, "30"), "legal approved the 30-day period", "l10n-qa.yaml:2"),
        ("number.changed", 3, col(t, 3, "5"), "slower carrier in Germany", "l10n-qa.yaml:6"),
        ("number.changed", 4, col(t, 4, "9"), "pay term", "l10n-qa.yaml:10"),
    ]
    # Segment keys (and so fingerprints and baselines) stay the dotted paths.
    assert [s["segment"] for s in report["suppressed"]] == ["refund.body", "a/b~c", "items.0.text"]
    text = l10n_qa("check", "locales", "--show-suppressed", cwd=tmp_path).stdout
    assert "slower carrier in Germany  (l10n-qa.yaml:6)" in text


def test_json_pointer_of_a_bilingual_file_starts_with_the_locale(tmp_path):
    # (The first locale key on the line of the opening brace: such a file is still found bilingual.)
    text = '{"en-US": {"body": "Within 14 days."},\n "de-DE": {"body": "Innerhalb von 30 Tagen."}}\n'
    at = col(text, 2, "30")
    write(tmp_path, {"replies/refund.json": text,
                     "l10n-qa.yaml": "suppress:\n  - path: replies/refund.json\n    pointer: /de-DE/body\n"
                                     "    rules: [number]\n    reason: legal\n"})
    code, report = run_json(tmp_path, "replies")
    assert (code, found(report)) == (0, [])
    assert hidden(report) == [("number.changed", 2, at, "legal", "l10n-qa.yaml:2")]
    (tmp_path / "l10n-qa.yaml").write_text("suppress:\n  - path: replies/refund.json\n    pointer: /body\n"
                                           "    rules: [number]\n    reason: legal\n", encoding="utf-8")
    code, report = run_json(tmp_path, "replies")
    assert (code, found(report)) == (1, [("number.changed", 2, at)])


# --- Plain-text policies ---------------------------------------------------------------------------

def test_plain_text_directive_lines(tmp_path):
    source = "Refunds\n\nWe refund within 14 days.\n\nReturns take 14 days.\n\n#1 rule: keep 2 receipts.\n"
    target = ("Erstattungen\n\n# l10n-qa: disable-next-line number.changed -- approved\n"
              "Wir erstatten innerhalb von 30 Tagen.\n\nRücksendungen dauern 30 Tage.\n"
              "  #l10n-qa: disable-line number\n\n#1 Regel: 3 Belege aufbewahren.\n")
    write(tmp_path, {"policies/en-US/refunds.txt": source, "policies/de-DE/refunds.txt": target})
    code, report = run_json(tmp_path, "policies")
    assert hidden(report) == [("number.changed", 4, col(target, 4, "30"), "approved", "policies/de-DE/refunds.txt:3")]
    # A `#` line without the marker is text (its number is checked); the directive line is not.
    assert found(report) == [("number.changed", 6, col(target, 6, "30")),
                             ("suppression.unused", 7, col(target, 7, "l10n-qa:")),
                             ("number.changed", 9, col(target, 9, "3"))]
    assert code == 1
    shown = l10n_qa("check", "policies", "--show-suppressed", cwd=tmp_path).stdout
    assert f"policies/de-DE/refunds.txt:4:{col(target, 4, '30')}: number.changed" in shown
    assert "approved  (policies/de-DE/refunds.txt:3)" in shown


def test_markdown_front_matter_yaml_comment(tmp_path):
    target = ('---\n# l10n-qa: disable-next-line number.changed -- title approved\n'
              'title: "Erstattungen in 30 Tagen"\n---\nText.\n')
    write(tmp_path, {"help/en-US/fm.md": '---\ntitle: "Refunds in 14 days"\n---\nText.\n',
                     "help/de-DE/fm.md": target})
    code, report = run_json(tmp_path, "help")
    assert (code, found(report)) == (0, [])
    assert hidden(report) == [("number.changed", 3, col(target, 3, "30"), "title approved", "help/de-DE/fm.md:2")]


def test_yaml_comment_after_a_block_scalar_indicator(tmp_path):
    source = "faq:\n  answer: |\n    Wait 14 days.\n    Then call us.\n"
    target = ("faq:\n  answer: |  # l10n-qa: disable-next-line number -- regional term\n"
              "    Warten Sie 30 Tage.\n    Rufen Sie uns dann an. # l10n-qa: disable-line number\n")
    write(tmp_path, {"replies/en-US.yaml": source, "replies/de-DE.yaml": target})
    code, report = run_json(tmp_path, "replies")
    assert hidden(report) == [("number.changed", 3, col(target, 3, "30"), "regional term", "replies/de-DE.yaml:2")]
    # The `#` on line 4 is inside the block scalar: text, checked like the rest of it — and the text
    # left in makes the answer more than twice as wide as its source (length.expansion, info).
    assert found(report) == [("length.expansion", 3, 5), ("number.extra", 4, col(target, 4, "10")),
                             ("punctuation.end", 4, len(target.split("\n")[3]))]
