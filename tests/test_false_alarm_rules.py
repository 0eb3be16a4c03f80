"""Issue 12, false alarms of the rule checks judged on real repositories
(../shared/research/false-alarms-real-corpora.tsv): each cause as a minimal source/target pair, both
sides: the rule still fires on a real mistake and stays silent on the judged false alarm.

PO pairs have their msgstr on line 9, text from column 9 (see test_checks.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from conftest import write_po
from content_helpers import check_tree, write_tree
from l10n_qa.discover import FileTask
from l10n_qa.engine import check_file
from l10n_qa.formats import LoadHints
from l10n_qa.model import Locale
from l10n_qa.packs.rulepack import builtin_packs
from l10n_qa.settings import Settings

L, C = 9, 9


def cli_check(root, files: dict[str, str], *args: str) -> tuple[int, list[tuple]]:
    """Write `files` into a repository at `root`, run `l10n-qa check --format json ARGS` there:
    (exit code, [(rule, severity, path, line, column, end_column)])."""
    (root / ".git").mkdir(exist_ok=True)
    write_tree(root, files)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    done = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "--format", "json", "--no-progress", *args],
                          cwd=root, capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    return done.returncode, [(f["rule"], f["severity"], f["path"], f["line"], f["column"], f["end_column"])
                             for f in report["findings"]]


@pytest.fixture
def check_with_packs(tmp_path):
    """check_with_packs(source, target, lang, select) → [(rule, line, column)] on a one-entry PO file,
    with every built-in rule pack on, as the CLI runs them by default."""

    def run(source: str, target: str, lang: str, select=()):
        path = write_po(tmp_path / "messages.po", source, target, lang)
        settings = replace(Settings.build(select=select), rule_packs=tuple(str(p) for p in builtin_packs()))
        result = check_file(FileTask(str(path), str(path), LoadHints(Locale.parse("en"), None, None)), settings)
        assert not result.errors, result.errors
        return [(f.rule, f.line, f.column) for f in result.findings]

    return run


def end(target: str, mark: str = "") -> tuple[str, int, int]:
    """The punctuation.end finding at the target's final mark (or its last character)."""
    at = target.rindex(mark) if mark else len(target) - 1
    return ("punctuation.end", L, C + at)


# --- punctuation.end: script full stops and language conventions are data (checks/end_marks.py) --

@pytest.mark.parametrize("lang, source, target", [
    ("hy", "Now:", "Հիմա․"),  # Armenian mijaket (U+2024) for a colon
    ("hy", "Jan.", "Հուն․"),  # and after an abbreviation
    ("hy", "Your order has shipped.", "Ձեր պատվերն ուղարկված է։"),  # ARMENIAN FULL STOP
    ("am", "Use it as a private browser:", "እንደ የግል አሳሽ ይጠቀሙበት፡-"),  # Ethiopic wordspace + hyphen = colon
    ("am", "Your order has shipped.", "ትዕዛዝዎ ተልኳል።"),  # ETHIOPIC FULL STOP
    ("my", "Show search suggestions?", "ရှာဖွေရေး အကြံပြုချက်များကို ပြမည်လား။"),  # Burmese question: particle + ။
    ("ja", "To report a violation, use one of these:", "他のユーザーによる違反を報告する場合は、以下の方法で行ってください。"),
    ("zh", "Follow the link for your app:", "请按照以下不同的链接找到相关文章。"),
    ("ko", "You can use a VPN to:", "VPN은 다음 용도로 사용할 수 있습니다."),
    ("ja", "Press Cmd + Shift + 3", "Cmd + Shift + 3 を同時に押します。"),
    ("de", 'Say "Siri, erase my %@ session."', "„Siri, lösche meine %@-Sitzung.“"),  # full stop inside „…“
    ("cs", 'Say "Siri, erase my %@ session."', "„Siri, vymaž moje relaci v aplikaci %@.“"),
    ("fr", 'Say "Hello."', "Dites « Bonjour. »"),
])
def test_script_marks_and_conventions_are_not_reported(check_pair, lang, source, target):
    assert check_pair(source, target, lang=lang, select=("punctuation.end",)) == []


@pytest.mark.parametrize("lang, source, target, mark", [
    ("hy", "Did this help?", "Սա օգնե՞ց", ""),  # the sentence lost its final ։: ՞ alone is not the end
    ("hy", "Your order has shipped.", "Ձեր պատվերն ուղարկված է․", "․"),  # a mijaket is no sentence end
    ("am", "Your order has shipped.", "ትዕዛዝዎ ተልኳል", ""),  # lost its ።
    ("my", "Your order has shipped.", "သင်၏ အော်ဒါကို ပို့ပြီးပါပြီ?", "?"),  # a statement turned into a question
    ("ja", "Did this answer your question?", "ご質問の答えになりましたか。", "。"),  # a question needs ？ in Japanese
    ("ko", "Your order has shipped.", "주문이 발송되었습니다:", ":"),  # a colon where the sentence ends
    ("de", 'Say "Siri, erase my session."', "„Siri, lösche meine Sitzung“", "g"),  # lost inside „…“
])
def test_real_slips_are_still_reported(check_pair, lang, source, target, mark):
    assert check_pair(source, target, lang=lang, select=("punctuation.end",)) == [end(target, mark)]


LIST_SOURCE = "You can:\n\n- request a copy of your data\n- ask us to delete it\n- contact us?\n"


def test_list_items_end_as_the_target_language_ends_them(tmp_path):
    """French and Czech end list items with ';', Polish with ',', Korean with nothing: a list item's
    final comma, semicolon, full stop or none is the language's convention; a lost '?' is not."""
    target = ("Vous pouvez :\n\n- demander une copie de vos données ;\n- nous demander de les supprimer,\n"
              "- nous contacter.\n")
    write_tree(tmp_path, {"en/rights.md": LIST_SOURCE, "fr/rights.md": target})
    report = check_tree(tmp_path, "fr/rights.md", select=("punctuation.end",))
    assert [(f.rule, f.line, f.column, f.matched) for f in report.findings] == [("punctuation.end", 5, 1 + len("- nous contacter"), ".")]


def test_outside_a_list_a_semicolon_for_a_full_stop_is_still_reported(tmp_path):
    write_tree(tmp_path, {"en/a.md": "We keep your data safe.\n", "fr/a.md": "Nous protégeons vos données ;\n"})
    report = check_tree(tmp_path, "fr/a.md", select=("punctuation.end",))
    assert [(f.rule, f.line, f.column) for f in report.findings] == [("punctuation.end", 1, 1 + len("Nous protégeons vos données "))]


# --- typography: rules about the target language do not read text that is not in it --------------

def test_markdown_attribute_lists_are_markup_not_german_prose(tmp_path):
    source = 'Effective June 10, 2025 {: datetime="2025-06-10" }\n\nClick "Save".\n'
    target = 'Gültig ab 10. Juni 2025 {: datetime="2025-06-10" }\n\nKlicken Sie auf "Speichern".\n'
    code, findings = cli_check(tmp_path, {"en/terms.md": source, "de/terms.md": target},
                               "--select", "typography.quotes-de", "--fail-on", "warning", "de/terms.md")
    assert (code, findings) == (1, [("typography.quotes-de", "warning", "de/terms.md", 3, 1 + len("Klicken Sie auf "),
                                     1 + len('Klicken Sie auf "Speichern"'))])


def test_an_english_sentence_left_in_a_german_paragraph_keeps_its_english_quotes(tmp_path):
    english = "This is most often due to the so-called “battery save mode”."
    source = f"The problem depends on the device. {english}\n\nUse “Auto” mode.\n"
    target = f"Das Problem hängt vom Gerät ab. {english}\n\nVerwenden Sie den Modus “Auto”.\n"
    code, findings = cli_check(tmp_path, {"en/a.md": source, "de/a.md": target}, "--select", "typography", "de/a.md")
    assert (code, findings) == (0, [("typography.quotes-de", "warning", "de/a.md", 3, 1 + len("Verwenden Sie den Modus "),
                                     1 + len("Verwenden Sie den Modus “Auto”"))])


@pytest.mark.parametrize("rule, lang, source", [
    ("typography.french-space-missing", "fr", "There are two possible solutions:"),
    ("typography.spanish-inverted-mark", "es", "Congrats! Now you have a router secured with AdGuard VPN."),
    ("typography.quotes-ru", "ru", 'Pluralized label for "{count} posts". Use as many plural forms as your language has.'),
])
def test_a_string_left_identical_to_its_source_is_not_target_language_text(check_with_packs, rule, lang, source):
    assert check_with_packs(source, source, lang, select=(rule,)) == []


@pytest.mark.parametrize("rule, lang, source, target, needle", [
    ("typography.french-space-missing", "fr", "There are two possible solutions:", "Il existe deux solutions:", ":"),
    ("typography.spanish-inverted-mark", "es", "Congrats! You are protected.", "Enhorabuena! Está protegido.", "!"),
    ("typography.quotes-ru", "ru", 'Click "Save".', 'Нажмите "Сохранить".', '"'),
])
def test_the_same_rules_still_fire_on_translated_text(check_with_packs, rule, lang, source, target, needle):
    assert check_with_packs(source, target, lang, select=(rule,)) == [(rule, L, C + target.index(needle))]


# --- whitespace.trailing: a typo in the source or page prose is not a layout requirement -------------

def test_a_stray_space_after_the_source_sentence_is_info_not_a_warning(check_pair):
    findings = check_pair("You’re protected! ", "Jste chráněni!", lang="cs", full=True)
    assert [(f.rule, f.severity.label, f.line, f.column, f.suggestion) for f in findings] == [
        ("whitespace.trailing-optional", "info", L, C + len("Jste chráněni!") - 1,
         "nothing to do, unless the program appends text right after this string")]


@pytest.mark.parametrize("source, target, column", [
    ("Total: ", "Gesamt:", C + len("Gesamt:") - 1),  # a label the program appends a value to
    ("You’re protected!", "Sie sind geschützt! ", C + len("Sie sind geschützt!")),  # a space added
    ("Signed in as ", "Angemeldet als", C + len("Angemeldet als") - 1),
    ("copying images... ", "kopiowanie obrazków...", C + len("kopiowanie obrazków...") - 1),  # status appended
])
def test_trailing_space_in_ui_strings_keeps_its_warning(check_pair, source, target, column):
    findings = check_pair(source, target, full=True)
    assert [(f.rule, f.severity.label, f.line, f.column) for f in findings] == [
        ("whitespace.trailing", "warning", L, column)]


def test_trailing_space_in_policy_prose_is_info_in_a_ui_catalog_a_warning(tmp_path):
    files = {"policies/en.yaml": 'updated: "Last updated: "\n', "policies/de.yaml": 'updated: "Zuletzt aktualisiert:"\n',
             "app/en.yaml": 'updated: "Last updated: "\n', "app/de.yaml": 'updated: "Zuletzt aktualisiert:"\n'}
    code, findings = cli_check(tmp_path, files, "--select", "whitespace", "policies/de.yaml", "app/de.yaml")
    at = 1 + len('updated: "Zuletzt aktualisiert')
    assert (code, findings) == (0, [("whitespace.trailing", "warning", "app/de.yaml", 1, at, at + 1),
                                    ("whitespace.trailing-optional", "info", "policies/de.yaml", 1, at, at + 1)])


# --- rtl.ltr-start: a UI catalog's layout sets the direction; plain-text messages do not ----------

def test_ltr_start_is_info_in_ui_catalogs_and_a_warning_in_replies_and_notifications(tmp_path):
    po_dir = "locale/ar/LC_MESSAGES/"
    files = {
        po_dir + "django.po": "",
        "replies/en.yaml": "received: Example Shop has received your order.\n",
        "replies/ar.yaml": "received: Example Shop استلم طلبك.\n",
        "notifications/en.yaml": "ipv4: IPv4 address changed.\n",
        "notifications/ar.yaml": "ipv4: \u200fIPv4 تغير العنوان.\n",  # starts with RLM: displays right
    }
    write_tree(tmp_path, files)
    write_po(tmp_path / po_dir / "django.po", "Slug (up to %(max_length)s)", "Slug (حتى %(max_length)s)", "ar",
             "python-format")
    code, findings = cli_check(tmp_path, {}, "--select", "rtl", "--fail-on", "warning", po_dir + "django.po",
                               "replies/ar.yaml", "notifications/ar.yaml")
    assert (code, findings) == (1, [
        ("rtl.ltr-start-ui", "info", po_dir + "django.po", L, C, C + len("Slug")),
        ("rtl.ltr-start", "warning", "replies/ar.yaml", 1, 1 + len("received: "), 1 + len("received: Example Shop"))])


def test_a_notification_that_starts_with_a_latin_term_keeps_the_warning(tmp_path):
    files = {"notifications/en.yaml": "ipv4: IPv4 address changed.\n", "notifications/ar.yaml": "ipv4: IPv4 تغير العنوان.\n"}
    code, findings = cli_check(tmp_path, files, "--select", "rtl", "notifications/ar.yaml")
    assert (code, findings) == (0, [("rtl.ltr-start", "warning", "notifications/ar.yaml", 1, 1 + len("ipv4: "),
                                     1 + len("ipv4: IPv4"))])


# --- one slip, one finding ---------------------------------------------------------------------------

def test_an_unclosed_embedding_is_one_finding(check_pair):
    target = "ادفع\u202b الآن"
    findings = check_pair("Pay now", target, lang="ar", select=("rtl",), full=True)
    assert [(f.rule, f.line, f.column, f.suggestion) for f in findings] == [
        ("rtl.bidi-unbalanced", L, C + 4, "replace it with RLI (U+2067) and add PDI (U+2069) where the run ends")]
    # Closed, the embedding is still worth an isolate; a stray PDF is still unbalanced.
    assert check_pair("Pay now", "ادفع\u202b الآن\u202c", lang="ar", select=("rtl",)) == [("rtl.bidi-embedding", L, C + 4)]
    assert check_pair("Pay now", "ادفع الآن\u202c", lang="ar", select=("rtl",)) == [
        ("rtl.bidi-unbalanced", L, C + len("ادفع الآن"))]


def test_a_changed_article_number_is_one_finding(check_pair):
    target = "Sie können die Löschung verlangen (Art. 18 DSGVO)."
    assert check_pair("You may ask for erasure (Article 17 GDPR).", target) == [
        ("legal.article-reference", L, C + target.index("Art. 18"))]


def test_numbers_outside_a_citation_are_still_compared(check_pair):
    target = "Wir antworten innerhalb von 20 Tagen (Art. 12 DSGVO)."
    assert check_pair("We reply within 30 days (Article 12 GDPR).", target) == [("number.changed", L, C + target.index("20"))]


def test_with_the_legal_rules_off_the_numbers_check_compares_article_numbers(check_pair):
    target = "Sie können die Löschung verlangen (Art. 18 DSGVO)."
    assert check_pair("You may ask for erasure (Article 17 GDPR).", target, select=("number",)) == [
        ("number.changed", L, C + target.index("18"))]
