"""Real repository layouts end to end through the CLI: Docusaurus, Hugo, legal-docs style trees.

Minimal trees shaped like the published repositories where the first version raised false alarms
(../shared/research/false-alarms-real-corpora.tsv): each test checks that the real miss is reported
once, at the path the layout would use, and that what is not a miss stays silent.
"""

from __future__ import annotations

import json
import subprocess
import sys

from content_helpers import write_tree

DOCUSAURUS_CONFIG = """\
source_locale: en
content:
  - name: docs
    type: article
    source: docs/**/*.md
    target: i18n/{locale}/docusaurus-plugin-content-docs/current/**/*.md
"""


def l10n_qa(*args, cwd):
    (cwd / ".git").mkdir(exist_ok=True)  # the repository root: no config above it is used
    return subprocess.run([sys.executable, "-m", "l10n_qa", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def findings(result, rule_prefix="completeness.no-translation"):
    report = json.loads(result.stdout)
    return [(f["path"], f["line"], f["column"], f["locale"], f["message"]) for f in report["findings"]
            if f["rule"].startswith(rule_prefix)]


def _i18n(locale: str, path: str) -> str:
    return f"i18n/{locale}/docusaurus-plugin-content-docs/current/{path}"


def test_docusaurus_missing_translation_is_looked_for_where_the_set_keeps_translations(tmp_path):
    write_tree(tmp_path, {
        "l10n-qa.yaml": DOCUSAURUS_CONFIG,
        "docs/vpn/overview.md": "# Overview\n\nAdGuard VPN protects your traffic.\n",
        "docs/vpn/logs.md": "# Logs\n\nSend us the logs.\n",
        _i18n("fi", "vpn/overview.md"): "# Yleiskatsaus\n\nAdGuard VPN suojaa liikenteesi.\n",
        _i18n("fi", "vpn/logs.md"): "# Lokit\n\nLähetä meille lokit.\n",
        _i18n("it", "vpn/overview.md"): "# Panoramica\n\nAdGuard VPN protegge il tuo traffico.\n",
    })
    result = l10n_qa("check", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # One finding for the one missing file, at the path Docusaurus would read, not docs/vpn/logs.it.md.
    assert findings(result) == [
        ("docs/vpn/logs.md", 1, 1, "it",
         "no it translation: i18n/it/docusaurus-plugin-content-docs/current/vpn/logs.md does not exist")]


def test_docusaurus_complete_translations_raise_nothing_even_with_target_locales(tmp_path):
    write_tree(tmp_path, {
        "l10n-qa.yaml": DOCUSAURUS_CONFIG + "target_locales: [fi, it]\n",
        "docs/vpn/overview.md": "# Overview\n\nAdGuard VPN protects your traffic.\n",
        _i18n("fi", "vpn/overview.md"): "# Yleiskatsaus\n\nAdGuard VPN suojaa liikenteesi.\n",
        _i18n("it", "vpn/overview.md"): "# Panoramica\n\nAdGuard VPN protegge il tuo traffico.\n",
    })
    result = l10n_qa("check", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert findings(result) == []


def test_two_spellings_of_one_locale_are_one_locale_and_one_miss(tmp_path):
    write_tree(tmp_path, {
        "policies/en/privacy.md": "We keep your data for 30 days.\n",
        "policies/en/terms.md": "You may cancel at any time.\n",
        "policies/en/cookies.md": "We use two cookies.\n",
        "policies/ar/privacy.md": "نحتفظ ببياناتك لمدة 30 يومًا.\n",
        "policies/ar-SA/terms.md": "يمكنك الإلغاء في أي وقت.\n",
        "policies/de/cookies.md": "Wir verwenden zwei Cookies.\n",
    })
    result = l10n_qa("check", "policies", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # ar and ar-SA are one locale: privacy.md and terms.md are translated into it, cookies.md is not;
    # the expected path uses the commoner spelling (a tie goes to the first in order: ar).
    assert findings(result) == [
        ("policies/en/cookies.md", 1, 1, "ar", "no ar translation: policies/ar/cookies.md does not exist"),
        ("policies/en/privacy.md", 1, 1, "de", "no de translation: policies/de/privacy.md does not exist"),
        ("policies/en/terms.md", 1, 1, "de", "no de translation: policies/de/terms.md does not exist"),
    ]


def test_archive_folders_and_documents_no_locale_translates_are_not_misses(tmp_path):
    write_tree(tmp_path, {
        "legal/en/privacy_notice.md": "We keep your data for 30 days.\n",
        "legal/en/terms.md": "You may cancel at any time.\n",
        "legal/en/internal_report_form.md": "Report a violation here.\n",
        "legal/en/archive/hubs_privacy_notice.md": "Hubs kept your data for 30 days.\n",
        "legal/de/privacy_notice.md": "Wir speichern Ihre Daten 30 Tage lang.\n",
        "legal/de/terms.md": "Sie können jederzeit kündigen.\n",
        "legal/de/archive/hubs_privacy_notice.md": "Hubs speicherte Ihre Daten 30 Tage lang.\n",
        "legal/ja/privacy_notice.md": "データは30日間保存されます。\n",
    })
    result = l10n_qa("check", "legal", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # internal_report_form.md: no locale has it; archive/: retired documents, not asked of ja.
    assert findings(result) == [
        ("legal/en/terms.md", 1, 1, "ja", "no ja translation: legal/ja/terms.md does not exist")]


def test_hugo_suffix_layout_reports_each_missing_file_once(tmp_path):
    write_tree(tmp_path, {
        "content/refunds.md": "Refunds take 14 days.\n",
        "content/refunds.de.md": "Erstattungen dauern 14 Tage.\n",
        "content/refunds.fr.md": "Les remboursements prennent 14 jours.\n",
        "content/shipping.md": "Shipping is free.\n",
        "content/shipping.de.md": "Der Versand ist kostenlos.\n",
    })
    result = l10n_qa("check", "content", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert findings(result) == [
        ("content/shipping.md", 1, 1, "fr", "no fr translation: content/shipping.fr.md does not exist")]


def untranslated(result):
    report = json.loads(result.stdout)
    return [(f["path"], f["line"], f["column"], f["message"]) for f in report["findings"]
            if f["rule"] == "completeness.untranslated"]


def test_docusaurus_json_descriptions_are_translator_notes_not_text(tmp_path):
    write_tree(tmp_path, {
        "i18n/en/code.json": '{\n  "theme.lastUpdated": {\n    "message": "Last updated on {date}",\n'
                             '    "description": "The words used to describe on which date a page has been last updated"\n'
                             '  },\n  "theme.search": {\n    "message": "Search the help center",\n'
                             '    "description": "The placeholder of the search field"\n  }\n}\n',
        "i18n/nl/code.json": '{\n  "theme.lastUpdated": {\n    "message": "Laatst bijgewerkt op {date}",\n'
                             '    "description": "The words used to describe on which date a page has been last updated"\n'
                             '  },\n  "theme.search": {\n    "message": "Search the help center",\n'
                             '    "description": "The placeholder of the search field"\n  }\n}\n',
    })
    result = l10n_qa("check", "i18n", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # The message left in English is reported; the descriptions, identical on purpose, are not.
    assert untranslated(result) == [("i18n/nl/code.json", 7, 17, "the translation is a copy of the source")]


POLICY_EN = """\
# Privacy Notice

Mozilla VPN encrypts your connection. We keep your account data for 30 days.

## Mozilla VPN {: #vpn }

Our data protection officer is reachable at:

Bird & Bird DPO Services SRL<br/> Avenue Louise 235 b 1<br/> 1050 Brussels<br/> Belgium<br/>

We use payments by [Amazon.com](https://www.amazon.com/pay) for some purchases.

[Amazon.com](https://www.amazon.com/pay)

You can delete your account at any time.
"""

POLICY_DE = """\
# Datenschutzhinweis

Mozilla VPN verschlüsselt Ihre Verbindung. Wir speichern Ihre Kontodaten 30 Tage lang.

## Mozilla VPN {: #vpn }

Unser Datenschutzbeauftragter ist erreichbar unter:

Bird & Bird DPO Services SRL<br/> Avenue Louise 235 b 1<br/> 1050 Brussels<br/> Belgium<br/>

Für einige Käufe nutzen wir Zahlungen über [Amazon.com](https://www.amazon.com/pay).

[Amazon.com](https://www.amazon.com/pay)

You can delete your account at any time.
"""


def test_names_addresses_and_domains_kept_on_purpose_are_not_untranslated(tmp_path):
    write_tree(tmp_path, {"legal/en/privacy.md": POLICY_EN, "legal/de/privacy.md": POLICY_DE})
    result = l10n_qa("check", "legal/de/privacy.md", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # Only the sentence really left in English is reported.
    assert untranslated(result) == [("legal/de/privacy.md", 15, 1, "the translation is a copy of the source")]


def test_a_name_heading_the_translation_never_uses_elsewhere_is_still_reported(tmp_path):
    write_tree(tmp_path, {
        "help/en/start.md": "## Getting Started\n\nOpen the app and sign in.\n",
        "help/de/start.md": "## Getting Started\n\nÖffnen Sie die App und melden Sie sich an.\n",
    })
    result = l10n_qa("check", "help/de/start.md", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert untranslated(result) == [("help/de/start.md", 1, 4, "the translation is a copy of the source")]


def test_a_mostly_untranslated_file_is_reported_once_with_a_count(tmp_path):
    english = ("# Refunds\n\nRefunds take five working days.\n\nWrite to us if it takes longer.\n\n"
               "Keep your order number at hand.\n\nWe answer within a day.\n")
    german = ("# Erstattungen\n\nRefunds take five working days.\n\nWrite to us if it takes longer.\n\n"
              "Keep your order number at hand.\n\nWe answer within a day.\n")
    write_tree(tmp_path, {"help/en/refunds.md": english, "help/de/refunds.md": german,
                          "help/en/contact.md": "# Contact\n\nWrite to us.\n\nWe answer within a day.\n",
                          "help/de/contact.md": "# Kontakt\n\nSchreiben Sie uns.\n\nWe answer within a day.\n"})
    result = l10n_qa("check", "help/de", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert untranslated(result) == [
        # contact.md: one block of three left in English, reported where it is
        ("help/de/contact.md", 5, 1, "the translation is a copy of the source"),
        # refunds.md: all four text blocks (the one-word title does not count), one finding at the first
        ("help/de/refunds.md", 3, 1, "4 of 4 text blocks are copies of the source, from here on: "
         "the file looks untranslated"),
    ]


MDX_EN = """\
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

# Install the app

<Tabs groupId="os">
<TabItem value="mac" label="macOS">

Open the app and sign in.

</TabItem>
</Tabs>

{/* reviewed by support in May */}

Contact us if it fails.
"""

MDX_DE = """\
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

# Die App installieren

<Tabs groupId="os">
<TabItem value="mac" label="macOS">

Open the app and sign in.

</TabItem>
</Tabs>

{/* reviewed by support in May */}

Kontaktieren Sie uns, wenn es nicht klappt.
"""


def test_mdx_articles_are_checked_as_markdown_with_jsx_and_esm_lines_left_out(tmp_path):
    write_tree(tmp_path, {"docs/en/install.mdx": MDX_EN, "docs/de/install.mdx": MDX_DE})
    result = l10n_qa("check", "docs", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # The prose line left in English is found at its real place; the import lines, the component
    # lines and the MDX comment, identical in both, are code and raise nothing.
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]] == [
        ("completeness.untranslated", "docs/de/install.mdx", 9, 1)]


def test_a_walk_counts_what_it_skips_and_takes_no_locale_like_word_for_a_translation(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": "Refunds take 14 days.\n", "help/de/a.md": "Erstattungen dauern 15 Tage.\n",
        "config/no.yaml": "enabled: true\n", "k8s/eu/deploy.yaml": "kind: Deployment\n",
        "src/api/id.json": '{"id": "x"}\n', "notes.rst": "Notes\n", "logo.svg": "<svg/>\n", "Makefile": "all:\n",
        "README.md": "# Project\n",
    })
    result = l10n_qa("check", "-q", cwd=tmp_path)
    # Not exit 2: the three locale-looking files are not translations without a source; the rest is
    # counted, not silently dropped.
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "help/de/a.md:1:21: error   number.changed               number `15` does not match the source's `14`",
        "note: 1 file with no locale in the path (not translations) skipped",
        "note: 3 files of unknown format skipped (.rst, .svg, Makefile)",
        "note: 3 files whose locale-like path part has no source beside it (not translations) skipped",
    ]


def test_a_named_file_with_a_locale_like_name_and_no_source_is_still_an_error(tmp_path):
    write_tree(tmp_path, {"config/no.md": "Konfigurasjon.\n"})
    result = l10n_qa("check", "config/no.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "config/no.md: cannot find the source of this translation" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
