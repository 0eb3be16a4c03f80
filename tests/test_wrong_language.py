"""completeness.wrong-language: a sentence of a translation written in another language."""

from __future__ import annotations

import json
import subprocess
import sys

from content_helpers import check_tree, write_tree

RULE = "completeness.wrong-language"

SOURCE = ("# Saving changes\n\n"
          "Click Save to keep your changes. Your changes are then kept on all your devices.\n\n"
          "Open `settings.yaml` to change the defaults.\n")


def found(report):
    return [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in report.findings]


def test_an_english_sentence_left_in_a_german_paragraph_is_reported_with_its_span(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": SOURCE,
        "help/de/a.md": "# Änderungen speichern\n\n"
                        "Klicken Sie auf Speichern, damit Ihre Änderungen erhalten bleiben. "
                        "Your changes are then kept on all your devices.\n\n"
                        "Öffnen Sie `settings.yaml`, um die Voreinstellungen zu ändern.\n",
    })
    report = check_tree(tmp_path, "help/de/a.md", select=(RULE,))
    # "Your changes are then kept on all your devices." is line 3, columns 68 to 115.
    assert found(report) == [(RULE, 3, 68, 3, 115)]
    finding = report.findings[0]
    assert finding.message == "this sentence is in English, not German (100% confidence)"
    assert finding.suggestion == "translate it into German"


def test_a_whole_paragraph_in_english_in_a_turkish_article(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": "Contact our support team if the app does not start.\n\nWe answer within one day.\n",
        "help/tr/a.md": "Uygulama açılmazsa destek ekibimizle iletişime geçin.\n\n"
                        "We usually answer every message within one working day.\n",
    })
    assert found(check_tree(tmp_path, "help/tr/a.md", select=(RULE,))) == [(RULE, 3, 1, 3, 56)]


def test_a_block_copied_from_the_source_is_only_untranslated(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": SOURCE,
        "help/de/a.md": "# Änderungen speichern\n\n"
                        "Click Save to keep your changes. Your changes are then kept on all your devices.\n\n"
                        "Öffnen Sie `settings.yaml`, um die Voreinstellungen zu ändern.\n",
    })
    report = check_tree(tmp_path, "help/de/a.md", select=("completeness",))
    assert [f.rule for f in report.findings] == ["completeness.untranslated"]


def test_names_code_links_and_short_english_stay_silent(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": "Install the Mozilla VPN Client for Windows from the Microsoft Store today.\n\n"
                        "Set `allow_empty` to True in flatpages/default.html and see https://example.com/help/settings.\n\n"
                        "Click Save now.\n",
        "help/de/a.md": "Installieren Sie den Mozilla VPN Client for Windows aus dem Microsoft Store.\n\n"
                        "Setzen Sie `allow_empty` in flatpages/default.html auf True, siehe https://example.com/help/settings.\n\n"
                        "Click Save now.\n",
    })
    report = check_tree(tmp_path, "help/de/a.md", select=(RULE,))
    assert found(report) == []


def test_romanian_with_an_english_word_is_not_english(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": "Enter a valid email address for your account here.\n",
        "help/ro/a.md": "Introduceți o adresă de email validă pentru contul dumneavoastră.\n",
    })
    assert found(check_tree(tmp_path, "help/ro/a.md", select=(RULE,))) == []


def test_latin_serbian_and_british_english_are_not_judged(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": "Your password must contain at least eight characters to be accepted.\n",
        "help/sr-Latn/a.md": "Vaša lozinka mora sadržati najmanje osam karaktera da bi bila prihvaćena.\n",
        "help/en-GB/a.md": "Your password must contain at least eight characters to be accepted by us.\n",
    })
    assert found(check_tree(tmp_path, "help/sr-Latn/a.md", "help/en-GB/a.md", select=(RULE,))) == []


def test_cli_reports_an_english_sentence_in_a_po_catalog(tmp_path):
    (tmp_path / ".git").mkdir()
    po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Ensure this value has at most %(limit)d characters."\n'
                  'msgstr "Ensure this value has at most %(limit)d characters (check it)."\n\n'
                  'msgid "Enter a valid email address for your account."\n'
                  'msgstr "Saisissez une adresse électronique valide pour votre compte."\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "locale", "-f", "json", "--fail-on", "warning",
                             "--select", RULE], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"], f["severity"]) for f in findings] == [(RULE, 7, 9, "warning")]


def test_quoted_terms_and_options_in_parentheses_do_not_make_a_sentence_english(tmp_path):
    # From Sphinx's Catalan and Indonesian catalogs: the English is what the user types.
    write_tree(tmp_path, {
        "help/en/a.md": "Separate source and build directories (y/n)\n\nemit colored output (default: auto-detect)\n",
        "help/ca/a.md": "Separa els directoris «source» i «build» (s/n)\n",
        "help/id/a.md": "Separa direktori source dan build (y/n)\n\nsiarkan output berwarna (default: auto-detect)\n",
    })
    assert found(check_tree(tmp_path, "help/ca/a.md", "help/id/a.md", select=(RULE,))) == []
