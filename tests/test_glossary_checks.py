"""Glossary checks on real PO files: inflected terms found, inflected forms not taken for mistakes.

Each test writes a glossary (YAML) and a one-entry PO file, runs the engine on it as `check` does,
and asserts the exact findings (rule, line, column). The msgstr text starts at line 9, column 9.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MSGSTR_LINE, write_po
from l10n_qa.discover import FileTask
from l10n_qa.engine import check_file
from l10n_qa.settings import Settings
from l10n_qa.formats import LoadHints
from l10n_qa.model import Locale

GLOSSARY = """
id: test
source_locale: en
entries:
  - source: refund
    translations:
      de: [Rückerstattung, Erstattung, erstatten]
      fr: [remboursement, rembourser]
      es: [reembolso, reembolsar]
      pt: [reembolso, reembolsar]
      ar:
        - term: استرداد
          variants: [المبالغ المستردة]
      he: החזר כספי
      ja: 返金
    forbidden:
      fr:
        - term: remise
          variants: [remises]
          inflect: false
          reason: a discount, not a refund
  - source: order
    pos: noun
    ignore: [in order to]
    translations:
      de: Bestellung
      fr: commande
      es: pedido
      pt: pedido
      pt-PT: encomenda
      ar: طلب
      ja: 注文
  - source: account
    translations:
      de: Konto
      fr: compte
      es: cuenta
      pt: conta
      ar: حساب
      he: חשבון
      ja: アカウント
    forbidden:
      ja:
        - term: 口座
          reason: a bank account
  - source: bank account
    translations:
      ja: 銀行口座
      de: Bankkonto
  - source: password
    translations:
      de: Passwort
      pt: senha
      pt-PT: palavra-passe
    forbidden:
      de: [{term: Kennwort, reason: a synonym}]
  - source: chat
    pos: noun
    translations:
      fr: chat
  - source: chat
    pos: verb
    translations:
      fr: discuter
  - source: street
    translations:
      de: Straße
      de-CH: Strasse
    forbidden:
      de-CH:
        - term: Straße
          inflect: false
          reason: Swiss Standard German writes ss
  - source: Example Shop
    do_not_translate: true
  - source: Pay
    do_not_translate: true
"""

MISSING, FORBIDDEN, DNT, COUNT = ("glossary.missing-term", "glossary.forbidden-term",
                                  "glossary.do-not-translate", "glossary.term-count")


@pytest.fixture
def terms(tmp_path):
    """terms(source, target, lang) → [(rule, line, column)] with GLOSSARY (or another glossary text)."""

    def run(source: str, target: str, lang: str, glossary: str = GLOSSARY, full: bool = False):
        glossary_path = tmp_path / "glossary.yaml"
        glossary_path.write_text(glossary, encoding="utf-8")
        po = write_po(tmp_path / "messages.po", source, target, lang)
        settings = Settings.build(select=("glossary",), glossaries=(str(glossary_path),))
        result = check_file(FileTask(str(po), str(po), LoadHints(Locale("en"), None, None)), settings)
        assert not result.errors, result.errors
        if full:
            return result.findings
        return [(f.rule, f.line, f.column) for f in result.findings]

    return run


L = MSGSTR_LINE
C = 9  # column of the msgstr text


# --- English source: inflected source terms are found --------------------------------------

@pytest.mark.parametrize("source", ["Refunds take 14 days.", "We refunded you.", "Refunding takes time.",
                                    "Your refund's status"])
def test_inflected_source_terms_are_found(terms, source):
    assert terms(source, "Das dauert 14 Tage.", "de") == [(MISSING, L, C)]


def test_ignored_phrase_is_not_the_term(terms):
    assert terms("Sign in in order to continue.", "Melden Sie sich an, um fortzufahren.", "de") == []
    assert terms("Sign in in order to see your order.", "Melden Sie sich an, um fortzufahren.", "de") == [(MISSING, L, C)]


def test_longer_term_wins_over_the_shorter_one_inside_it(terms):
    # "bank account" is its own entry: 口座 inside 銀行口座 is right there, not the forbidden 口座.
    assert terms("Refunds go to your bank account.", "返金はお客様の銀行口座に振り込まれます。", "ja") == []
    assert terms("Sign in to your account.", "口座にログインしてください。", "ja") == [(FORBIDDEN, L, C)]


def test_homographs_are_satisfied_by_either_entry(terms):
    assert terms("Chat with us", "Discutez avec nous", "fr") == []
    assert terms("Open the chat", "Ouvrez le chat", "fr") == []
    assert terms("Chat with us", "Écrivez-nous", "fr") == [(MISSING, L, C), (MISSING, L, C)]


def test_untranslated_copy_is_left_to_completeness(terms):
    assert terms("Your refund is on its way.", "Your refund is on its way.", "de") == []


# --- German ---------------------------------------------------------------------------------

def test_german_inflected_and_compound_forms_are_accepted(terms):
    assert terms("Refunds take 14 days.", "Rückerstattungen dauern 14 Tage.", "de") == []
    assert terms("We refunded the amount.", "Wir haben den Betrag erstattet.", "de") == []
    assert terms("Order number", "Bestellnummer", "de") == []  # the term inside a compound
    assert terms("Your account settings", "Ihre Kontoeinstellungen", "de") == []


def test_german_missing_term_is_reported_with_the_approved_terms(terms):
    findings = terms("Your refund was sent.", "Ihre Rückzahlung wurde veranlasst.", "de", full=True)
    assert [(f.rule, f.line, f.column) for f in findings] == [(MISSING, L, C)]
    assert findings[0].message.startswith('the source says "refund": use the approved term "Rückerstattung", '
                                          '"Erstattung" or "erstatten" (glossary entry "refund", ')
    assert findings[0].suggestion == "use `Rückerstattung`"


def test_german_forbidden_term_in_any_inflection(terms):
    target = "Ändern Sie Ihre Kennwörter regelmäßig."
    findings = terms("Change your passwords regularly.", target, "de", full=True)
    assert [(f.rule, f.line, f.column) for f in findings] == [(FORBIDDEN, L, C + target.index("Kennwörter"))]
    assert findings[0].matched == "Kennwörter" and findings[0].suggestion == "write `Passwort`"
    assert "(a synonym)" in findings[0].message and 'use "Passwort"' in findings[0].message


def test_forbidden_term_only_where_the_source_mentions_the_concept(terms):
    assert terms("Enter the code.", "Geben Sie das Kennwort ein.", "de") == []


def test_swiss_german_entry_overrides_german(terms):
    assert terms("Street and house number", "Strasse und Hausnummer", "de-CH") == []
    target = "Straße und Hausnummer"
    assert terms("Street and house number", target, "de-CH") == [(FORBIDDEN, L, C)]
    assert terms("Street and house number", target, "de-AT") == []  # de serves de-AT
    assert terms("Street and house number", target, "de") == []


# --- French ---------------------------------------------------------------------------------

def test_french_inflected_forms_are_accepted(terms):
    assert terms("Refunds take 14 days.", "Les remboursements prennent 14 jours.", "fr") == []
    assert terms("We refunded you.", "Nous vous avons remboursé.", "fr") == []
    assert terms("Your orders", "Vos commandes", "fr") == []


def test_french_false_friend_is_forbidden_and_not_also_missing(terms):
    target = "Les remises sont traitées sous 14 jours."
    findings = terms("Refunds are processed within 14 days.", target, "fr", full=True)
    assert [(f.rule, f.column) for f in findings] == [(FORBIDDEN, C + target.index("remises"))]
    assert findings[0].suggestion == "write `remboursement`"


def test_french_word_with_the_same_stem_is_not_the_forbidden_term(terms):
    # "remis" (handed over) shares the stem of "remise"; the forbidden entry says inflect: false.
    assert terms("Your refund was sent to your bank.", "Votre remboursement a été remis à votre banque.", "fr") == []


# --- Spanish and Portuguese -----------------------------------------------------------------

def test_spanish_plural_and_verb_forms(terms):
    assert terms("Your orders have shipped.", "Tus pedidos se han enviado.", "es") == []
    assert terms("We will refund you.", "Te reembolsaremos el importe.", "es") == []
    assert terms("Your orders have shipped.", "Tus compras se han enviado.", "es") == [(MISSING, L, C)]


def test_spanish_and_portuguese_plural_s(terms):
    # Snowball keeps the -s of "días", "tickets"; the key drops it.
    glossary = ("entries:\n  - source: business day\n    translations: {es: día hábil}\n"
                "  - source: ticket\n    translations: {es: ticket, pt: ticket}\n")
    assert terms("It takes 10 business days.", "Tarda 10 días hábiles.", "es", glossary) == []
    assert terms("We keep support tickets.", "Conservamos los tickets de asistencia.", "es", glossary) == []
    assert terms("We keep support tickets.", "Guardamos os tickets de suporte.", "pt", glossary) == []


def test_portuguese_locale_fallback(terms):
    assert terms("Your order has shipped.", "O seu pedido foi enviado.", "pt-BR") == []  # pt serves pt-BR
    assert terms("Your order has shipped.", "A sua encomenda foi enviada.", "pt-PT") == []
    assert terms("Your order has shipped.", "O seu pedido foi enviado.", "pt-PT") == [(MISSING, L, C)]
    assert terms("Forgot your passwords?", "Esqueceu as suas palavras-passe?", "pt-PT") == []
    assert terms("Forgot your passwords?", "Esqueceu suas senhas?", "pt-BR") == []


# --- Arabic and Hebrew ----------------------------------------------------------------------

def test_arabic_clitics_articles_and_vowel_marks(terms):
    assert terms("Send it from the email of your account.", "أرسله من البريد الإلكتروني المرتبط بحسابك.", "ar") == []
    assert terms("Your order has shipped.", "تم شحن طلبك.", "ar") == []
    assert terms("Refunds take 14 days.", "تتم معالجة المبالغ المستردة خلال 14 يومًا.", "ar") == []
    assert terms("Your order has shipped.", "تم شحن طَلَبُك.", "ar") == []  # with vowel marks
    assert terms("Enter the e-mail address of your account.", "أدخل عنوان البريد الإلكتروني لحسابك.", "ar") == []


def test_arabic_missing_term(terms):
    assert terms("Your order has shipped.", "تم شحن مشترياتك.", "ar") == [(MISSING, L, C)]


def test_hebrew_prefixed_particles(terms):
    assert terms("Sign in to your account.", "התחברו לחשבון שלכם.", "he") == []
    assert terms("Sign in to your account.", "התחברו לפרופיל שלכם.", "he") == [(MISSING, L, C)]


# --- Japanese -------------------------------------------------------------------------------

def test_japanese_substring_matching(terms):
    assert terms("Refunds take 14 days.", "返金は14日以内に処理されます。", "ja") == []
    assert terms("Track your order", "注文状況を確認", "ja") == []
    assert terms("Track your order", "配送状況を確認", "ja") == [(MISSING, L, C)]


def test_japanese_forbidden_term_column(terms):
    target = "お客様の口座に登録されたメール"
    findings = terms("the email of your account", target, "ja", full=True)
    assert [(f.rule, f.column, f.end_column) for f in findings] == [(FORBIDDEN, C + 4, C + 6)]
    assert findings[0].suggestion == "write `アカウント`"


def test_latin_name_inside_japanese_text(terms):
    assert terms("Thank you for contacting Example Shop.", "Example Shopにお問い合わせいただきありがとうございます。", "ja") == []
    # "Pay" inside "PayPal" is not the name "Pay".
    assert terms("Pay with Pay.", "PayPalでお支払いください。", "ja") == [(DNT, L, C)]


# --- Do not translate -----------------------------------------------------------------------

def test_do_not_translate_translated_or_recased(terms):
    assert terms("Thank you for contacting Example Shop.", "Merci d’avoir contacté Example Shop.", "fr") == []
    target = "Merci d’avoir contacté Example shop."
    findings = terms("Thank you for contacting Example Shop.", target, "fr", full=True)
    assert [(f.rule, f.column, f.end_column) for f in findings] == [(DNT, C + 23, C + 35)]
    assert findings[0].matched == "Example shop" and findings[0].suggestion == "write `Example Shop`"
    findings = terms("Thank you for contacting Example Shop.", "Merci d’avoir contacté Exemple Boutique.", "fr", full=True)
    assert [(f.rule, f.line, f.column) for f in findings] == [(DNT, L, C)]
    assert "missing from the translation" in findings[0].message


def test_do_not_translate_source_match_is_case_sensitive(terms):
    # "example shop" in lower case is not the brand name.
    assert terms("Visit an example shop near you.", "Besuchen Sie ein Geschäft in Ihrer Nähe.", "de") == []


def test_term_count_for_names_only(terms):
    source = "Example Shop ships fast. Example Shop cares."
    assert terms(source, "Example Shop versendet schnell. Wir kümmern uns.", "de") == [(COUNT, L, C)]
    assert terms(source, "Example Shop versendet schnell. Example Shop kümmert sich.", "de") == []
    # A repeated common term may become a pronoun: no count finding.
    assert terms("Refunds are free. Refunds take 14 days.", "Erstattungen sind kostenlos und dauern 14 Tage.", "de") == []


# --- Regex translations and scripts ---------------------------------------------------------

def test_pattern_translation_accepts_reordered_phrases(terms):
    glossary = """
entries:
  - source: password reset
    translations:
      de:
        - term: Zurücksetzen des Passworts
          pattern: 'zurück(?:zu)?setz\\w*\\W+(?:\\w+\\W+){0,2}passw[oö]rt\\w*|passw[oö]rt\\w*\\W+(?:\\w+\\W+){0,2}zurück(?:zu)?setz\\w*'
"""
    assert terms("Open the password reset link.", "Öffnen Sie den Link zum Zurücksetzen Ihres Passworts.", "de", glossary) == []
    assert terms("Open the password reset link.", "Öffnen Sie den Link, um Ihr Passwort zurückzusetzen.", "de", glossary) == []
    assert terms("Open the password reset link.", "Öffnen Sie den Link.", "de", glossary) == [(MISSING, L, C)]


def test_glossary_for_another_source_language_is_not_applied(terms):
    glossary = "source_locale: de\nentries:\n  - source: Bestellung\n    translations:\n      fr: commande\n"
    assert terms("Your order", "Votre achat", "fr", glossary) == []


def test_no_finding_without_a_translation_for_the_locale(terms):
    assert terms("Your refund", "Il tuo rimborso", "it") == []  # the glossary has no Italian


def test_each_process_compiles_once(tmp_path):
    from l10n_qa.packs.loading import load_termbase

    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    first = load_termbase((str(path),))
    assert load_termbase((str(path),)) is first
    assert first.rules_for(Locale("en"), Locale.parse("de-DE")) is first.rules_for(Locale("en"), Locale.parse("de-DE"))
    path.write_text(GLOSSARY + "  - source: ticket\n    translations: {de: Ticket}\n", encoding="utf-8")
    assert load_termbase((str(path),)) is not first  # edited: read again


def test_settings_with_glossaries_pickle(tmp_path):
    import pickle

    settings = Settings.build(glossaries=(str(tmp_path / "g.yaml"),))
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_builtin_support_glossary_is_correct_on_its_own_examples():
    """Every built-in entry accepts its own translations in a sentence (no false alarm)."""
    from l10n_qa.packs.builtin import path_of
    from l10n_qa.packs.loading import load_glossary
    from l10n_qa.packs.glossary import validate
    from l10n_qa.packs.text import TextView

    glossary = load_glossary(path_of("glossaries", "support"))
    assert validate([glossary]) == []
    from l10n_qa.packs.glossary import TermBase

    termbase = TermBase([glossary])
    for entry in glossary.entries:
        for tag, approved in entry.translations.items():
            locale = Locale.parse(tag)
            rules = termbase.rules_for(Locale("en"), locale)
            for term in approved:
                if not term.text:
                    continue
                violations = [v for v in rules.evaluate(TextView(entry.source[0].text, "en"),
                                                        TextView(f"« {term.text} »", locale.language))
                              if v.rule.data is entry]
                assert violations == [], (entry.id, tag, term.text, violations)


def test_entry_without_source_forbids_everywhere(terms):
    glossary = "entries:\n  - forbidden:\n      de:\n        - term: Warenkorb-Button\n          reason: say Warenkorb\n"
    target = "Klicken Sie auf den Warenkorb-Button."
    findings = terms("Click the button.", target, "de", glossary, full=True)
    assert [(f.rule, f.column) for f in findings] == [(FORBIDDEN, C + target.index("Warenkorb-Button"))]
    assert findings[0].message.startswith('"Warenkorb-Button" is a forbidden term in de (say Warenkorb): do not use it')


@pytest.mark.parametrize("tag, target", [
    ("de", "Klicken Sie auf den Link zum Zurücksetzen des Passworts."),
    ("de", "Um Ihr Passwort zurückzusetzen, klicken Sie hier."),
    ("fr", "Cliquez sur le lien de réinitialisation du mot de passe."),
    ("fr", "Pour réinitialiser votre mot de passe, cliquez ici."),
    ("es", "Para restablecer tu contraseña, haz clic aquí."),
    ("pt-BR", "Para redefinir sua senha, clique aqui."),
    ("pt-PT", "Clique na ligação para repor a palavra-passe."),
    ("it", "Per reimpostare la password, fai clic qui."),
    ("ar", "انقر على رابط إعادة تعيين كلمة المرور."),
    ("ar", "لإعادة تعيين كلمة المرور، انقر هنا."),
    ("ja", "パスワードをリセットするには、ここをクリックしてください。"),
    ("ja", "パスワードの再設定リンクをクリックしてください。"),
])
def test_builtin_password_reset_patterns(tmp_path, tag, target):
    from l10n_qa.packs.builtin import path_of

    po = write_po(tmp_path / "x.po", "Click the password reset link.", target, tag.replace("-", "_"))
    settings = Settings.build(select=("glossary",), glossaries=(str(path_of("glossaries", "support")),))
    result = check_file(FileTask(str(po), str(po), LoadHints(Locale("en"), Locale.parse(tag), None)), settings)
    assert result.findings == []
    wrong = write_po(tmp_path / "y.po", "Click the password reset link.", "Klicken Sie auf den Link.", "de")
    result = check_file(FileTask(str(wrong), str(wrong), LoadHints(Locale("en"), None, None)), settings)
    assert [(f.rule, f.message.split(" (glossary")[0]) for f in result.findings] == [
        ("glossary.missing-term", 'the source says "password reset": use the approved term "Zurücksetzen des Passworts"')]


# Hebrew and Arabic: approved terms behind clitic prefixes and with plural endings (issue 12:
# "ההחזרים" is the approved "החזר" with the article and the plural).
CLITIC_GLOSSARY = """
id: clitics
source_locale: en
entries:
  - source: refund
    translations: {he: החזר, ar: استرداد}
  - source: order
    pos: noun
    translations: {he: הזמנה, ar: طلب}
  - source: problem
    translations: {ar: مشكلة}
  - source: account
    translations: {he: חשבון, ar: حساب}
"""

CLITIC_SILENT = [
    ("he", "Refunds take 14 days.", "ההחזרים נמשכים 14 יום."),
    ("he", "Your orders have shipped.", "ההזמנות שלך נשלחו."),
    ("he", "Find it in your orders.", "תמצאו את זה בהזמנות שלכם."),
    ("he", "Sign in to your account.", "התחברו לחשבון שלכם."),
    ("ar", "Your orders have shipped.", "تم شحن الطلبات."),
    ("ar", "Report the problems.", "أبلغ عن المشكلات."),
    ("ar", "Sign in to the account.", "سجل الدخول للحساب."),
    ("ar", "Refunds and orders", "الاسترداد والطلبات"),
]


@pytest.mark.parametrize("lang,source,target", CLITIC_SILENT)
def test_hebrew_and_arabic_terms_behind_clitics_and_in_the_plural(terms, lang, source, target):
    assert terms(source, target, lang, glossary=CLITIC_GLOSSARY) == []


CLITIC_MISSING = [
    ("he", "Refunds take 14 days.", "הזיכויים נמשכים 14 יום."),
    ("he", "Your orders have shipped.", "המשלוחים שלך נשלחו."),
    ("ar", "Your orders have shipped.", "تم شحن المشتريات."),
    ("ar", "Report the problems.", "أبلغ عن الأخطاء."),
    # A word that merely ends like the term is not it: "مطلب" (a demand) is not ل/ب + طلب... prefixes
    # are only the listed clitics, so "م" + "طلب" is no order.
    ("ar", "Your order has shipped.", "تم شحن المطلب."),
]


@pytest.mark.parametrize("lang,source,target", CLITIC_MISSING)
def test_hebrew_and_arabic_other_words_still_miss_the_term(terms, lang, source, target):
    assert terms(source, target, lang, glossary=CLITIC_GLOSSARY) == [(MISSING, L, C)]
