"""Reply libraries and catalogs, plain-text policies, completeness across the tree, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from content_helpers import check_tree, write_tree

PER_LOCALE_SOURCE = """\
refund_approved:
  title: Refund approved
  body: |
    Hi {{ticket.requester.first_name}},

    your refund of {{ticket.amount}} is on its way. It takes 5 to 10 business days.
order_shipped:
  title: Your order has shipped
"""

PER_LOCALE_GERMAN = """\
refund_approved:
  title: Erstattung genehmigt
  body: |
    Hallo {{ticket.requester.vorname}},

    Ihre Erstattung über {{ticket.amount}} ist unterwegs. Sie dauert 5 bis 10 Werktage.
old_reply:
  title: Eine alte Antwort
"""


def test_per_locale_reply_library_paired_by_key_with_positions_in_block_scalars(tmp_path):
    write_tree(tmp_path, {"replies/en-US.yaml": PER_LOCALE_SOURCE, "replies/de-DE.yaml": PER_LOCALE_GERMAN})
    report = check_tree(tmp_path, "replies/de-DE.yaml")
    assert report.errors == []
    assert [(f.rule, f.line, f.column, f.segment) for f in report.findings] == [
        ("placeholder.altered", 4, 11, "refund_approved.body"),
        ("completeness.empty", 8, 10, "order_shipped.title"),  # missing: placed where it would go
        ("completeness.orphan", 8, 10, "old_reply.title"),
    ]
    assert report.findings[0].locale == "de-DE" and report.findings[0].source_locale == "en-US"


def test_bilingual_reply_file_pairs_itself_and_honours_the_locale_filter(tmp_path):
    write_tree(tmp_path, {"macros/refund.yaml": """\
id: refund-approved
source_locale: en-US
en-US:
  title: Refund approved
  body: "Hi {{ticket.requester.first_name}}, your refund is on its way."
de-DE:
  title: Erstattung genehmigt
  body: "Hallo {{ticket.requester.first_name}}, Ihre Erstattung ist unterwegs"
fr-FR:
  title: Remboursement approuvé
"""})
    report = check_tree(tmp_path, "macros")
    assert [(f.rule, f.line, f.column, f.locale, f.segment) for f in report.findings] == [
        ("punctuation.end", 8, 77, "de-DE", "refund-approved.body"),
        ("completeness.empty", 10, 32, "fr-FR", "refund-approved.body"),
    ]


def test_i18next_json_catalog_with_plurals_tabs_and_nesting(tmp_path):
    write_tree(tmp_path, {
        "locales/en/translation.json": json.dumps({"chat": {"title": "Chat with us", "unread_one": "{{count}} unread message",
                                                            "unread_other": "{{count}} unread messages"}}, indent=2),
        "locales/ja/translation.json": '{\n\t"chat": {\n\t\t"title": "チャットでお問い合わせ",\n'
                                       '\t\t"unread_other": "未読メッセージ {{cnt}} 件"\n\t}\n}\n',
        "locales/ar/translation.json": json.dumps({"chat": {"title": "تحدث معنا", **{
            f"unread_{c}": "{{count}} رسائل" for c in ("zero", "one", "two", "few", "many")}}}, ensure_ascii=False),
    })
    report = check_tree(tmp_path, "locales")
    # Japanese has one plural form (`_other`): no `_one` is missing. Arabic lacks `_other` only.
    assert [(f.rule, f.path, f.line, f.column, f.segment) for f in report.findings] == [
        ("completeness.empty", "locales/ar/translation.json", 1, 49, "chat.unread_other"),
        ("placeholder.altered", "locales/ja/translation.json", 4, 28, "chat.unread_other"),
    ]


def test_policy_in_plain_text_is_checked_sentence_by_sentence(tmp_path):
    source = ("Privacy policy\r\n\r\nWe keep your data for 30 days.\r\nYou can ask us to delete it at any time. "
              "Write to privacy@example.com.\r\n\r\nThis policy applies from 1 May 2024.\r\n")
    target = ("Datenschutzerklärung\r\n\r\nWir speichern Ihre Daten 30 Tage lang.\r\nYou can ask us to delete it at any "
              "time. Schreiben Sie an privacy@example.com.\r\n\r\nDiese Erklärung gilt ab dem 1. Mai 2025.\r\n")
    write_tree(tmp_path, {"legal/en-US/privacy.txt": source, "legal/de-DE/privacy.txt": target}, newline="")
    report = check_tree(tmp_path, "legal/de-DE/privacy.txt")
    # The English sentence left in the German paragraph is found as its own segment.
    assert [(f.rule, f.line, f.column, f.end_column) for f in report.findings] == [
        ("completeness.untranslated", 4, 1, 41),
        ("number.changed", 6, 36, 40),
    ]
    assert report.segments == 5  # the title, three sentences, the last paragraph


def test_missing_translation_orphan_and_a_walk_that_skips_what_is_not_content(tmp_path):
    write_tree(tmp_path, {
        "help/en-US/a.md": "Hello.\n", "help/en-US/b.md": "Bye.\n", "help/en-US/c.md": "Thanks.\n",
        "help/de-DE/a.md": "Hallo.\n", "help/de-DE/b.md": "Tschüss.\n", "help/de-DE/old.md": "Alt.\n",
        "help/fr-FR/a.md": "Bonjour.\n", "help/fr-FR/c.md": "Merci.\n", "help/en-US/draft.md": "Not yet.\n",
        "README.md": "# Project\n", "package.json": '{"name": "x"}', "notes/todo.txt": "nothing\n",
    })
    report = check_tree(tmp_path, ".")
    assert report.errors == []
    assert [(f.rule, f.path, f.line, f.locale, f.message) for f in report.findings] == [
        ("completeness.orphan", "help/de-DE/old.md", 1, "de-DE",
         "the source of this translation is gone: help/en-US/old.md does not exist"),
        ("completeness.no-translation", "help/en-US/b.md", 1, "fr-FR",
         "no fr-FR translation: help/fr-FR/b.md does not exist"),
        ("completeness.no-translation", "help/en-US/c.md", 1, "de-DE",
         "no de-DE translation: help/de-DE/c.md does not exist"),
    ]  # draft.md is translated in no locale: a document the repository does not translate (yet)
    assert report.files == 5  # the four translations; sources and other files are not checked as targets


def test_configured_target_locales_decide_what_is_missing(tmp_path):
    write_tree(tmp_path, {
        "l10n-qa.yaml": "source_locale: en-US\ntarget_locales: [de-DE, ja-JP]\nseverity:\n  completeness.no-translation: error\n",
        "help/en-US/a.md": "Hello.\n", "help/de-DE/a.md": "Hallo.\n", "help/ja-JP/a.md": "こんにちは。\n",
        "help/en-US/b.md": "Bye.\n", "help/de-DE/b.md": "Tschüss.\n", "help/fr-FR/b.md": "Au revoir.\n",
    })
    report = check_tree(tmp_path, "help")
    # fr-FR is not a target locale: its missing a.md is not asked for.
    assert [(f.rule, f.severity.label, f.path, f.locale, f.message) for f in report.findings] == [
        ("completeness.no-translation", "error", "help/en-US/b.md", "ja-JP",
         "no ja-JP translation: help/ja-JP/b.md does not exist")]


def _git(root, *args, date="2024-01-01T00:00:00+0000"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_a_translation_committed_before_its_source_changed_is_stale(tmp_path):
    _git(tmp_path, "init", "-q")
    write_tree(tmp_path, {"help/en-US/a.md": "Hello.\n", "help/de-DE/a.md": "Hallo.\n"})
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first", date="2024-01-01T00:00:00+0000")
    assert check_tree(tmp_path, "help/de-DE/a.md").findings == []
    write_tree(tmp_path, {"help/en-US/a.md": "Hello there.\n"})
    _git(tmp_path, "commit", "-qam", "source changed", date="2024-03-05T00:00:00+0000")
    findings = check_tree(tmp_path, "help/de-DE/a.md").findings
    assert [(f.rule, f.severity.label, f.line, f.message) for f in findings] == [
        ("completeness.stale", "info", 1, "possibly out of date: its source help/en-US/a.md was changed on 2024-03-05, "
         "after this translation (2024-01-01)")]
    write_tree(tmp_path, {"help/de-DE/a.md": "Hallo zusammen.\n"})  # being updated, not committed yet
    assert check_tree(tmp_path, "help/de-DE/a.md").findings == []


BAD_INPUT = {
    "help/en-US/ok.md": "Refunds take 14 days.\n",
    "help/de-DE/ok.md": "Erstattungen dauern 15 Tage.\n",
    "help/en-US/open.md": "Text.\n",
    "help/de-DE/open.md": "---\ntitle: Offen\n\nText.\n",
    "help/en-US/yaml.md": "Text.\n",
    "help/de-DE/yaml.md": "---\ntitle: [Offen\n---\nText.\n",
    "help/en-US/image.md": "Text.\n",
    "help/de-DE/image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "replies/en-US.yaml": "a: Hello\n",
    "replies/de-DE.yaml": "a: Hallo\n  b: [\n",
    "replies/fr-FR.json": '{"a": "Bonjour",\n "b": }\n',
    "replies/es-ES.yaml": "a: !!python/object/apply:os.system ['echo pwned']\n",
}


def test_bad_input_is_an_error_with_file_and_line_and_everything_else_is_checked(tmp_path):
    write_tree(tmp_path, BAD_INPUT)
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "help", "replies", "-f", "json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert [(e["path"], e["line"], e["message"]) for e in report["errors"]] == [
        ("help/de-DE/image.md", 3, "this is a binary file, not text (it contains NUL bytes)"),
        ("help/de-DE/open.md", 1, "the front matter opened on line 1 is never closed: end it with a line of `---`"),
        ("help/de-DE/yaml.md", 3, "invalid YAML: expected ',' or ']', but got '<stream end>'"),
        ("replies/de-DE.yaml", 2, "invalid YAML: mapping values are not allowed here"),
        ("replies/fr-FR.json", 2, "invalid JSON: Expecting value (column 7)"),
    ]
    # The good article was checked; the Python tag was never run, nor read as text (so `a` is untranslated).
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [
        ("number.changed", "help/de-DE/ok.md", 1), ("completeness.empty", "replies/es-ES.yaml", 1)]


def test_missing_translation_in_the_locale_in_the_name_layout(tmp_path):
    write_tree(tmp_path, {"guide/refunds.md": "Refunds.\n", "guide/refunds.de-DE.md": "Erstattungen.\n",
                          "guide/refunds.fr-FR.md": "Remboursements.\n", "guide/shipping.md": "Shipping.\n",
                          "guide/shipping.de-DE.md": "Versand.\n", "guide/notes.md": "Not localized at all.\n"})
    report = check_tree(tmp_path, "guide")
    # notes.md has no translation in any locale: nothing says it is localized content, so it is left alone.
    assert [(f.rule, f.path, f.locale, f.message) for f in report.findings] == [
        ("completeness.no-translation", "guide/shipping.md", "fr-FR", "no fr-FR translation: guide/shipping.fr-FR.md does not exist")]


def test_a_per_locale_catalog_without_a_source_is_an_error_not_silence(tmp_path):
    write_tree(tmp_path, {"replies/de-DE.yaml": "hello: Hallo!\n", "other/fr.json": '{"hello": "Bonjour !"}'})
    report = check_tree(tmp_path, "replies/de-DE.yaml", "other/fr.json")
    assert [(e.path, e.message) for e in report.errors] == [
        ("other/fr.json", "cannot find the source of this translation: no en counterpart such as other/en.json "
         "(set source_locale, or a content set with `source:` in l10n-qa.yaml)"),
        ("replies/de-DE.yaml", "cannot find the source of this translation: no en counterpart such as replies/en.yaml "
         "(set source_locale, or a content set with `source:` in l10n-qa.yaml)"),
    ]
