"""Markdown and HTML articles: pairing with the source by path, block alignment, structure findings,
and exact line and column of every finding in the real file."""

from __future__ import annotations

import pytest

from content_helpers import check_tree, write_tree

SOURCE_ARTICLE = """\
---
title: Refunds
description: How refunds work.
---
# Refunds

Refunds take 14 days. See [our refund policy](/hc/en-us/articles/123-Refund-policy).

## Before you start

- Open **Settings**.
- Click `Billing`.

![The refund form](img/form.png)

```sh
curl https://api.example.com/refunds
```

Contact us if the refund has not arrived after 14 days.
"""

GOOD_GERMAN = """\
---
title: Erstattungen
description: So funktionieren Erstattungen.
---
# Erstattungen

Erstattungen dauern 14 Tage. Siehe [unsere Erstattungsrichtlinie](/hc/de/articles/123-Erstattungsrichtlinie).

## Bevor Sie beginnen

- Öffnen Sie **Einstellungen**.
- Klicken Sie auf `Billing`.

![Das Erstattungsformular](img/form.png)

```sh
curl https://api.example.com/refunds
```

Kontaktieren Sie uns, wenn die Erstattung nach 14 Tagen nicht angekommen ist.
"""


def test_a_correct_translation_is_silent(tmp_path):
    write_tree(tmp_path, {"help/en-US/billing/refunds.md": SOURCE_ARTICLE, "help/de-DE/billing/refunds.md": GOOD_GERMAN})
    report = check_tree(tmp_path, "help/de-DE/billing/refunds.md")
    assert report.errors == []
    assert report.findings == []
    assert report.files == 1
    assert report.segments == 9  # 2 fields, 2 headings, 1 paragraph, 2 list items, 1 image, 1 paragraph


def test_structure_findings_point_at_the_real_line_and_column(tmp_path):
    broken = GOOD_GERMAN.replace("description: So funktionieren Erstattungen.\n", "") \
        .replace("(/hc/de/articles/123-Erstattungsrichtlinie)", "(/hc/de/articles/124-Richtlinie)") \
        .replace("## Bevor", "### Bevor") \
        .replace("`Billing`", "`Abrechnung`") \
        .replace("![Das Erstattungsformular](img/form.png)\n\n", "") \
        .replace("/refunds\n```", "/erstattungen\n```\n\nEin Absatz, den die Quelle nicht hat.")
    write_tree(tmp_path, {"help/en-US/billing/refunds.md": SOURCE_ARTICLE, "help/de-DE/billing/refunds.md": broken})
    report = check_tree(tmp_path, "help/de-DE/billing/refunds.md")
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in report.findings] == [
        ("completeness.empty", 2, 20, 2, 20),  # `description` is missing: where it would go, after `title`
        ("structure.link-changed", 6, 37, 6, 98),  # the whole link: [text](target)
        ("structure.heading-level", 8, 5, 8, 23),
        ("structure.code-changed", 11, 19, 11, 31),  # `Abrechnung`, backticks included
        ("structure.code-changed", 14, 1, 14, 42),  # the changed line of the code block
        ("structure.missing", 14, 1, 14, 1),  # the image belonged before the code block
        ("structure.extra", 17, 1, 17, 38),
    ]
    messages = {f.rule: f.message for f in report.findings}
    assert messages["structure.missing"] == 'image "The refund form" of the source is missing here'
    assert messages["structure.heading-level"] == "heading level 3, the source's is 2"
    assert "`/hc/de/articles/124-Richtlinie` differs from the source's `/hc/en-us/articles/123-Refund-policy`" \
        in messages["structure.link-changed"]
    assert report.findings[0].message == "`description` has no translation: it is missing from this file"
    assert all(f.locale == "de-DE" and f.source_locale == "en-US" for f in report.findings)


def test_a_dropped_paragraph_does_not_shift_the_pairs_after_it(tmp_path):
    source = "# Shipping\n\nWe ship within 2 days.\n\nExpress costs €9.90.\n\nReturns are free for 30 days.\n\n" \
             "Questions? Call +1 555 010 0199.\n"
    target = "# Versand\n\nWir versenden innerhalb von 2 Tagen.\n\nRücksendungen sind 30 Tage lang kostenlos.\n\n" \
             "Fragen? Rufen Sie +1 555 010 0199 an.\n"
    write_tree(tmp_path, {"en/shipping.md": source, "de/shipping.md": target})
    report = check_tree(tmp_path, "de/shipping.md")
    # Only the express paragraph is missing (placed before the paragraph that follows it); no
    # number or link finding from pairing "Express costs €9.90." with the returns paragraph.
    assert [(f.rule, f.line, f.column) for f in report.findings] == [("structure.missing", 5, 1)]
    assert report.findings[0].source == "Express costs €9.90."


def test_missing_and_extra_heading_list_item_link_and_code_block(tmp_path):
    source = "# Title\n\n## Steps\n\n- One\n- Two\n- Three\n\nSee [help](/help) and [terms](/terms).\n\n" \
             "```\nls\n```\n"
    target = "# Titel\n\n- Eins\n- Zwei\n\nSiehe [Hilfe](/help).\n\n## Extra\n"
    write_tree(tmp_path, {"docs/en/a.md": source, "docs/de/a.md": target})
    findings = check_tree(tmp_path, "docs/de/a.md").findings
    assert [(f.rule, f.line, f.column, f.message) for f in findings] == [
        ("structure.missing", 3, 3, 'heading "Steps" of the source is missing here'),  # before "- Eins"
        ("structure.missing", 6, 1, "link [terms](/terms) of the source is missing"),
        ("structure.missing", 6, 1, 'list item "Three" of the source is missing here'),
        ("structure.extra", 8, 4, 'heading "Extra" is not in the source'),
        ("structure.missing", 8, 4, 'code block "ls" of the source is missing here'),
    ]


def test_positions_through_front_matter_crlf_multiline_paragraphs_quotes_tables_and_escapes(tmp_path):
    source = ("---\r\ntitle: \"Orders\"\r\n---\r\nWe ship orders\r\nwithin 2 days.\r\n\r\n"
              "> Tip: track it\r\n> within 24 hours.\r\n\r\n| Plan | Price |\r\n|---|---|\r\n| Basic \\| Plus | 5 € |\r\n")
    target = ("---\r\ntitle: \"Bestellungen\"\r\n---\r\nWir versenden Bestellungen\r\ninnerhalb von 3 Tagen.\r\n\r\n"
              "> Tipp: Verfolgen Sie sie\r\n> innerhalb von 48 Stunden.\r\n\r\n| Tarif | Preis |\r\n|---|---|\r\n"
              "| Basis \\| Plus | 7 € |\r\n")
    write_tree(tmp_path, {"en-US/orders.md": source, "de-DE/orders.md": target}, newline="")
    findings = check_tree(tmp_path, "de-DE/orders.md").findings
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column, f.matched) for f in findings] == [
        ("number.changed", 5, 15, 5, 16, "3"),  # second line of a wrapped paragraph
        ("number.changed", 8, 17, 8, 19, "48"),  # second line of a block quote, after "> "
        ("number.changed", 12, 19, 12, 20, "7"),  # second cell of a table row with an escaped pipe
    ]


def test_front_matter_text_fields_keep_exact_positions(tmp_path):
    source = "---\nid: 42\ntitle: Refunds\ndescription: >\n  Refunds take\n  14 days.\n---\nBody.\n"
    target = "---\nid: 42\ntitle: Erstattungen\ndescription: >\n  Erstattungen dauern\n  15 Tage.\n---\nText.\n"
    write_tree(tmp_path, {"en/x.md": source, "de/x.md": target})
    findings = check_tree(tmp_path, "de/x.md").findings
    assert [(f.rule, f.line, f.column, f.segment) for f in findings] == [("number.changed", 6, 3, "description")]


def test_code_spans_are_protected_from_language_checks(tmp_path):
    source = "Run `export LIMIT=10` to raise the limit to 10.\n"
    target = "Führen Sie `export LIMIT=10` aus, um das Limit auf 10 zu erhöhen.\n"
    write_tree(tmp_path, {"en/a.md": source, "de/a.md": target})
    assert check_tree(tmp_path, "de/a.md").findings == []
    write_tree(tmp_path, {"de/a.md": target.replace("LIMIT=10`", "LIMIT=20`")})
    findings = check_tree(tmp_path, "de/a.md").findings
    # The code changed: one code finding, not a number finding about the 20 inside the code.
    assert [(f.rule, f.column, f.matched) for f in findings] == [("structure.code-changed", 12, "export LIMIT=20")]


@pytest.mark.parametrize(("source_path", "target_path"), [
    ("help/en-US/x.md", "help/de-DE/x.md"),
    ("help/en-us/x.md", "help/de-de/x.md"),
    ("guide/x.md", "guide/x.de-DE.md"),
    ("guide/x.en-US.md", "guide/x.de-DE.md"),
    ("en/help/x.md", "de/help/x.md"),
    ("replies/en.yaml", "replies/de.yaml"),
])
def test_the_source_is_found_by_swapping_the_locale_part_of_the_path(tmp_path, source_path, target_path):
    if source_path.endswith(".yaml"):
        files = {source_path: "greeting: Hello, how can we help?\n", target_path: "greeting: Hallo, wie können wir helfen.\n"}
    else:
        files = {source_path: "How can we help?\n", target_path: "Wie können wir helfen.\n"}
    write_tree(tmp_path, files)
    report = check_tree(tmp_path, target_path)
    assert report.errors == []
    assert [(f.rule, f.path, f.line) for f in report.findings] == [("punctuation.end", target_path, 1)]


def test_no_source_found_is_a_clear_error_and_other_files_are_still_checked(tmp_path):
    write_tree(tmp_path, {"help/de-DE/lonely.md": "Hallo.\n", "help/fr-FR/a.md": "Bonjour.\n",
                          "guide/a.md": "Hello!\n", "guide/a.fr-FR.md": "Bonjour.\n"})
    report = check_tree(tmp_path, "help/de-DE/lonely.md", "guide/a.fr-FR.md")
    assert [(e.path, e.message) for e in report.errors] == [
        ("help/de-DE/lonely.md", "cannot find the source of this translation: no en counterpart such as "
         "help/en/lonely.md (set source_locale, or a content set with `source:` in l10n-qa.yaml)")]
    assert [(f.rule, f.path) for f in report.findings] == [("punctuation.end", "guide/a.fr-FR.md")]


def test_content_set_with_a_source_pattern(tmp_path):
    write_tree(tmp_path, {
        "l10n-qa.yaml": "source_locale: en-US\ncontent:\n  - name: articles\n    type: article\n"
                        "    source: content/articles/**/*.md\n    target: content/translations/{locale}/**/*.md\n",
        "content/articles/billing/refunds.md": "Refunds take 14 days.\n",
        "content/translations/de-DE/billing/refunds.md": "Erstattungen dauern 30 Tage.\n",
    })
    report = check_tree(tmp_path)
    assert [(f.rule, f.path, f.line, f.column, f.source_locale) for f in report.findings] == [
        ("number.changed", "content/translations/de-DE/billing/refunds.md", 1, 21, "en-US")]


def test_html_article_inline_tags_entities_lang_and_dir(tmp_path):
    source = ('<html lang="en"><head><title>Reset your password</title></head><body>\n'
              '<h1>Reset your password</h1>\n'
              '<p>Open <a href="/hc/en-us/articles/42">the sign-in page</a> and click\n'
              '   <strong>Forgot password?</strong> &mdash; the link arrives within 5&nbsp;minutes.</p>\n'
              '<p><img src="img/reset.png" alt="The sign-in page"></p>\n'
              '<ol><li>Type <code>reset</code> in the box.</li></ol>\n</body></html>\n')
    target = ('<html lang="ar" dir="rtl"><head><title>إعادة تعيين كلمة المرور</title></head><body>\n'
              '<h1>إعادة تعيين كلمة المرور</h1>\n'
              '<p>افتح <a href="/hc/ar/articles/43">صفحة تسجيل الدخول</a> وانقر على\n'
              '   <strong>هل نسيت كلمة المرور؟ &mdash; يصل الرابط خلال ١٠&nbsp;دقائق.</p>\n'
              '<ol><li>اكتب <code>reset2</code> في المربع.</li></ol>\n</body></html>\n')
    write_tree(tmp_path, {"hc/en-us/reset.html": source, "hc/ar/reset.html": target})
    report = check_tree(tmp_path, "hc/ar/reset.html")
    assert [(f.rule, f.line, f.column, f.matched) for f in report.findings] == [
        ("markup.missing", 3, 4, "</strong>"),
        ("structure.link-changed", 3, 9, "/hc/ar/articles/43"),  # a relative href: the URL checks cannot see it
        ("number.changed", 4, 57, "١٠"),  # after an entity on the same line: columns still exact
        ("structure.missing", 5, 9, "The sign-in page"),  # the lone image belonged before the list
        ("structure.code-changed", 5, 20, "reset2"),
    ]
    assert {f.locale for f in report.findings} == {"ar"}


def test_a_heading_in_html_on_another_level(tmp_path):
    write_tree(tmp_path, {"en/a.html": "<h2>Before you start</h2><p>Read this.</p>",
                          "fr/a.html": "<h3>Avant de commencer</h3><p>Lisez ceci.</p>"})
    findings = check_tree(tmp_path, "fr/a.html").findings
    assert [(f.rule, f.line, f.column) for f in findings] == [("structure.heading-level", 1, 5)]


def test_cli_checks_an_article_from_a_file_and_from_standard_input(tmp_path):
    import json
    import subprocess
    import sys

    write_tree(tmp_path, {"help/en-US/a.md": SOURCE_ARTICLE, "help/de-DE/a.md": GOOD_GERMAN.replace("14 Tage.", "15 Tage.")})
    (tmp_path / ".git").mkdir()

    def cli(*args, stdin=None):
        return subprocess.run([sys.executable, "-m", "l10n_qa", "check", *args], cwd=tmp_path, capture_output=True,
                              text=True, input=stdin, timeout=60)

    result = cli("help/de-DE/a.md", "-f", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [(f["rule"], f["line"], f["column"], f["locale"], f["source_locale"], f["source"]) for f in report["findings"]] == [
        ("number.changed", 7, 21, "de-DE", "en-US",
         "Refunds take 14 days. See our refund policy.")]
    piped = cli("-", "--stdin-filename", "help/de-DE/a.md", "-q", stdin=(tmp_path / "help/de-DE/a.md").read_text())
    assert piped.returncode == 1
    assert piped.stdout.startswith("help/de-DE/a.md:7:21: error   number.changed")
    missing = cli("help/de-DE/none.md")
    assert missing.returncode == 2 and "help/de-DE/none.md: no such file or directory" in missing.stdout
    source = cli("help/en-US/a.md")
    assert source.returncode == 2
    assert "help/en-US/a.md: this is a source file (en): check its translations instead" in source.stdout


def test_cli_locale_filter_on_a_bilingual_reply_file(tmp_path):
    import json
    import subprocess
    import sys

    write_tree(tmp_path, {"replies/hello.yaml": "en:\n  text: Hello!\nde:\n  text: Hallo.\nfr:\n  text: Bonjour.\n"})
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "replies", "-f", "json", "--locale", "fr"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    report = json.loads(result.stdout)
    assert [(f["rule"], f["locale"], f["line"], f["column"]) for f in report["findings"]] == [
        ("punctuation.end", "fr", 6, 16)]


def test_html_the_parser_gives_up_on_is_an_error_with_its_line_and_odd_markdown_loads(tmp_path):
    write_tree(tmp_path, {"en/a.html": "<p>Hi</p>\n", "de/a.html": "<p>Hallo</p>\n<![i](s)\n",
                          "en/b.md": "Text.\n", "de/b.md": "```\n  \n"})
    report = check_tree(tmp_path, "de")
    assert [(e.path, e.line, e.message) for e in report.errors] == [
        ("de/a.html", 2, "not valid HTML: unknown status keyword 'i' in marked section")]
    assert [(f.rule, f.path) for f in report.findings] == [("structure.extra", "de/b.md"), ("structure.missing", "de/b.md")]
