"""Built-in rule packs (culture, formality, rtl, typography) and the RTL checks, end to end on real
PO files: each mistake at its line and column, and silence on correct text in the same locales."""

from __future__ import annotations

from dataclasses import replace

import pytest

from l10n_qa.discover import FileTask
from l10n_qa.engine import check_file
from l10n_qa.settings import Settings
from l10n_qa.formats import LoadHints
from l10n_qa.model import Locale
from l10n_qa.packs.rulepack import builtin_packs
from conftest import MSGSTR_LINE, write_po

PACK_CATEGORIES = ("culture", "rtl", "typography")


@pytest.fixture
def check(tmp_path):
    """check(source, target, lang, markets=, formality=) → [(rule, line, column)] of the culture,
    rtl and typography rules, with every built-in pack on (as the CLI runs them by default)."""

    def run(source: str, target: str, lang: str, markets=None, formality=None, select=PACK_CATEGORIES):
        path = write_po(tmp_path / "messages.po", source, target, lang)
        settings = replace(Settings.build(select=select), rule_packs=tuple(str(p) for p in builtin_packs()),
                           markets=tuple((markets or {}).items()), registers=tuple((formality or {}).items()))
        task = FileTask(str(path), str(path), LoadHints(Locale.parse("en"), None, None))
        result = check_file(task, settings)
        assert not result.errors, result.errors
        return sorted(((f.rule, f.line, f.column) for f in result.findings), key=lambda f: (f[1], f[2]))

    return run


L = MSGSTR_LINE
C = 9  # the msgstr text starts at column 9


# --- holidays and greetings ----------------------------------------------------------------------

def test_christmas_greeting_in_arabic_for_saudi_arabia(check):
    assert check("Merry Christmas!", "عيد ميلاد مجيد!", "ar-SA") == [("culture.christmas-greeting", L, C)]


def test_christmas_greeting_in_english_content_sold_in_the_emirates(check):
    # en-GB content whose config says it is also sold in AE: the market rule applies to English.
    assert check("Merry Christmas from Example Shop!", "Merry Christmas from Example Shop!", "en-GB",
                 markets={"en-gb": ("AE",)}) == [("culture.christmas-greeting", L, C)]
    assert check("Merry Christmas!", "Merry Christmas!", "en-AE") == [("culture.christmas-greeting", L, C)]


@pytest.mark.parametrize("lang, target", [
    ("de-DE", "Frohe Weihnachten und Merry Christmas vom Team!"),
    ("fr-FR", "Joyeux Noël et Merry Christmas\u202f!"),
    ("ja-JP", "メリークリスマス！Merry Christmas!"),
    ("en-GB", "Merry Christmas from Example Shop!"),
])
def test_christmas_greetings_where_they_are_normal_are_not_flagged(check, lang, target):
    assert check("Merry Christmas!", target, lang) == []


def test_chinese_new_year_in_korea_and_vietnam(check):
    assert check("Closed for Lunar New Year.", "Closed for Chinese New Year.", "en-KR") == \
        [("culture.chinese-new-year-korea", L, C + len("Closed for "))]
    assert check("Closed for Lunar New Year.", "Đóng cửa dịp Tết Trung Quốc.", "vi-VN") == \
        [("culture.chinese-new-year-vietnam", L, C + len("Đóng cửa dịp "))]
    assert check("Closed for Lunar New Year.", "설날 연휴 동안 휴무합니다.", "ko-KR") == []


def test_us_holiday_in_german_content_but_not_in_us_english(check):
    target = "Am Black Friday ist der Support geschlossen."
    assert check("Support is closed on Black Friday.", target, "de-DE") == [("culture.us-holiday", L, C + 3)]
    assert check("Support is closed on Black Friday.", "Support is closed on Black Friday.", "en-US") == []


def test_gestures_only_in_their_markets(check):
    assert check("Done 👍", "انجام شد 👍", "fa-IR") == [("culture.thumbs-up", L, C + len("انجام شد "))]
    assert check("Done 👍", "Erledigt 👍", "de-DE") == []
    assert check("All set 👌", "Tudo pronto 👌", "pt-BR") == [("culture.ok-hand", L, C + len("Tudo pronto "))]
    assert check("All set 👌", "Tudo pronto 👌", "pt-PT") == []


# --- formality ---------------------------------------------------------------------------------------

def test_informal_german_in_a_formal_brand(check):
    found = check("Check your inbox.", "Prüfe dein Postfach.", "de-DE", formality={"de": "formal"})
    assert found == [("culture.informal-address-de", L, C + len("Prüfe "))]
    assert check("Check your inbox.", "Prüfen Sie Ihr Postfach.", "de-DE", formality={"de": "formal"}) == []
    # No register configured: the formality pack is silent either way.
    assert check("Check your inbox.", "Prüfe dein Postfach.", "de-DE") == []


def test_formal_german_in_an_informal_brand_ignores_sentence_initial_sie(check):
    found = check("We sent you a code.", "Wir haben Ihnen einen Code geschickt.", "de-DE", formality={"de": "informal"})
    assert found == [("culture.formal-address-de", L, C + len("Wir haben "))]
    assert check("They arrive today.", "Sie kommen heute an.", "de-DE", formality={"de": "informal"}) == []


def test_french_and_spanish_register(check):
    assert check("Can you sign in?", "Peux-tu te connecter\u202f?", "fr-FR", formality={"fr": "formal"}) == \
        [("culture.informal-address-fr", L, C + len("Peux-")), ("culture.informal-address-fr", L, C + len("Peux-tu "))]
    assert check("Can you sign in?", "Pouvez-vous vous connecter\u202f?", "fr-FR", formality={"fr": "formal"}) == []
    assert check("Can you sign in?", "¿Puede usted iniciar sesión?", "es-ES", formality={"es": "informal"}) == \
        [("culture.formal-address-es", L, C + len("¿Puede "))]


# --- right-to-left -----------------------------------------------------------------------------------

def test_latin_question_mark_in_arabic_but_not_in_hebrew(check):
    assert check("Need help?", "هل تحتاج إلى مساعدة?", "ar-SA") == [("rtl.latin-question-mark", L, C + 19)]
    assert check("Need help?", "هل تحتاج إلى مساعدة؟", "ar-SA") == []
    assert check("Need help?", "צריכים עזרה?", "he-IL") == []


def test_latin_comma_in_persian_and_arabic_letters(check):
    assert check("First, sign in.", "اول, وارد شوید.", "fa-IR") == [("rtl.latin-comma", L, C + 3)]
    assert check("Sign in", "ورود به حساب كاربري", "fa-IR") == \
        [("rtl.arabic-letters-in-persian", L, C + 13), ("rtl.arabic-letters-in-persian", L, C + 18)]
    assert check("Sign in", "ورود به حساب کاربری", "fa-IR") == []
    # Grouping commas between digits are not Arabic punctuation.
    assert check("1,234 items", "1,234 عنصر", "ar-AE") == []


def test_bidi_override_and_unbalanced_isolate(check):
    assert check("Pay now", "ادفع\u202e الآن", "ar-SA") == [("rtl.bidi-override", L, C + 4)]
    assert check("{name} ordered", "\u2067{name} طلب", "ar-SA") == [("rtl.bidi-unbalanced", L, C)]
    assert check("{name} ordered", "\u2067{name}\u2069 طلب", "ar-SA") == []
    assert check("Pay now", "ادفع\u202b الآن\u202c", "ar-SA") == [("rtl.bidi-embedding", L, C + 4)]


def test_override_is_an_error_in_any_language(check):
    assert check("invoice.pdf", "Rechnung\u202efdp.exe", "de-DE") == [("rtl.bidi-override", L, C + 8)]


def test_bidi_mark_lost_from_the_source(check):
    assert check("\u200fExample Shop received your order", "Example Shop استلم طلبك", "ar-SA")[0][0] == \
        "rtl.bidi-control-lost"


def test_mixed_digit_systems(check):
    assert check("Order 12 of 30", "الطلب ١٢ من 30", "ar-SA") == [("rtl.mixed-digits", L, C + len("الطلب ١٢ من "))]
    assert check("Order 12 of 30", "الطلب ١٢ من ٣٠", "ar-SA") == []
    assert check("Order 12 of 30", "الطلب 12 من 30", "ar-AE") == []


def test_rtl_string_starting_with_a_latin_name(check):
    # A UI catalog (messages.po): the application sets the direction, so info (rtl.ltr-start-ui);
    # replies and notifications keep rtl.ltr-start (test_false_alarm_rules.py).
    assert check("Example Shop received your order.", "Example Shop استلم طلبك.", "ar-SA") == \
        [("rtl.ltr-start-ui", L, C)]
    # An RLM first, or the name inside the sentence followed by its full stop: displays right.
    assert check("Example Shop received your order.", "\u200fExample Shop استلم طلبك.", "ar-SA") == []
    assert check("Thanks for contacting Example Shop.", "شكرًا لتواصلك مع Example Shop.", "ar-SA") == []


# --- typography --------------------------------------------------------------------------------------

def test_french_spacing_accepts_both_no_break_spaces(check):
    assert check("Need help?", "Besoin d’aide\u202f?", "fr-FR") == []
    assert check("Need help?", "Besoin d’aide\u00a0?", "fr-FR") == []
    assert check("Note: read «Terms»", "Remarque\u00a0: lisez «\u202fConditions\u202f»", "fr-FR") == []
    assert check("Need help?", "Besoin d’aide?", "fr-FR") == [("typography.french-space-missing", L, C + 13)]
    assert check("Need help?", "Besoin d’aide ?", "fr-FR") == [("typography.french-breaking-space-punctuation", L, C + 13)]


def test_canadian_french_puts_no_space_before_question_mark(check):
    assert check("Need help?", "Besoin d’aide?", "fr-CA") == []
    assert check("Need help?", "Besoin d’aide\u202f?", "fr-CA") == [("typography.french-canada-space", L, C + 13)]


def test_french_times_and_urls_are_not_punctuation(check):
    assert check("Open at 14:30, see https://example.com", "Ouvert à 14:30, voir https://example.com", "fr-FR") == []


def test_spanish_opening_marks(check):
    assert check("Need help?", "Necesitas ayuda?", "es-ES") == [("typography.spanish-inverted-mark", L, C + 15)]
    assert check("Any questions?", "Con respecto a eso, ¿queda alguna duda?", "es-ES") == []
    assert check("Thanks! Need help?", "¡Gracias! ¿Necesitas ayuda?", "es-ES") == []


def test_quotes_per_locale(check):
    assert check('Click "Save".', 'Klicken Sie auf "Speichern".', "de-DE") == [("typography.quotes-de", L, C + 16)]
    assert check('Click "Save".', "Klicken Sie auf „Speichern“.", "de-DE") == []
    assert check('Click "Save".', "「保存」をクリックしてください。", "ja-JP") == []
    assert check('Click "Save".', '“保存”をクリックしてください。', "ja-JP") == [("typography.quotes-ja", L, C)]


def test_japanese_half_width_full_stop_and_christmas(check):
    assert check("Your order has shipped.", "ご注文の商品を発送しました.", "ja-JP") == \
        [("typography.cjk-half-width-punctuation", L, C + 13)]
    assert check("Merry Christmas! Your order has shipped.", "メリークリスマス！ご注文の商品を発送しました。", "ja-JP") == []


def test_a_pack_rule_can_be_switched_off(tmp_path):
    path = write_po(tmp_path / "ar.po", "Need help?", "هل تحتاج إلى مساعدة?", "ar-SA")
    settings = replace(Settings.build(ignore=("rtl.latin-question-mark",)),
                       rule_packs=tuple(str(p) for p in builtin_packs()))
    result = check_file(FileTask(str(path), str(path), LoadHints(Locale.parse("en"), None, None)), settings)
    assert [f.rule for f in result.findings] == []


# --- one register per document -------------------------------------------------------------------

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="{lang}" original="m.json" datatype="plaintext">
    <body>
{units}
    </body>
  </file>
</xliff>
"""


def _xliff(tmp_path, lang, targets):
    units = "\n".join(f'      <trans-unit id="u{i}">\n        <source>Text {i}</source>\n'
                      f'        <target>{t}</target>\n      </trans-unit>' for i, t in enumerate(targets))
    path = tmp_path / f"m.{lang}.xlf"
    path.write_text(XLIFF.format(lang=lang, units=units), encoding="utf-8")
    settings = Settings.build(select=("culture.mixed-register",))
    result = check_file(FileTask(str(path), str(path), LoadHints(Locale.parse("en"), None, None)), settings)
    return [(f.rule, f.line, f.column) for f in result.findings]


def test_mixed_register_in_one_document(tmp_path):
    targets = ["Bitte prüfen Sie Ihr Postfach.", "Danach können Sie sich anmelden.", "Hast du noch Fragen?"]
    # The one "du" segment is the odd one out: its <target> is on line 15, "du" at column 22.
    assert _xliff(tmp_path, "de-DE", targets) == [("culture.mixed-register", 15, 22)]
    assert _xliff(tmp_path, "de-DE", targets[:2] + ["Sie erhalten eine E-Mail."]) == []
    assert _xliff(tmp_path, "fr-FR", ["Vous pouvez vous connecter.", "Tu peux te connecter."]) == \
        [("culture.mixed-register", 11, 17)]
    assert _xliff(tmp_path, "fr-FR", ["Vous pouvez vous connecter.", "Votre commande est partie."]) == []


# --- dates, times, temperatures, prices (CLDR via Babel) ---------------------------------------------

def test_us_formats_in_a_german_translation(check):
    target = "Nur €49.90 bis 3/13/2024, 17 Uhr. Unter 77°F lagern."
    assert check("Only €49.90 until 3/13/2024, 5 PM. Store below 77°F.", target, "de-DE", select=("culture",)) == [
        ("culture.currency-position", L, C + 4), ("culture.month-first-date", L, C + 15),
        ("culture.fahrenheit", L, C + 40)]
    assert check("We answer from 9 AM to 5 PM.", "Wir antworten von 9 AM bis 5 PM.", "de-DE", select=("culture",)) == [
        ("culture.12-hour-clock", L, C + 18), ("culture.12-hour-clock", L, C + 27)]


def test_local_formats_are_not_reported(check):
    assert check("Only €49.90 until 3/13/2024, 5 PM.", "Nur 49,90\u00a0€ bis 13.03.2024, 17:00 Uhr.", "de-DE",
                 select=("culture",)) == []
    # The US writes month first, 12-hour times, °F and $ first; so do en-US targets.
    assert check("Only $49.90 until 3/13/2024, 5 PM, below 77°F.", "Only $49.90 until 3/13/2024, 5 PM, below 77°F.",
                 "en-US", select=("culture",)) == []
    # Japanese puts the symbol first; a day-first date with day ≤ 12 is ambiguous and not reported.
    assert check("Only ¥500 on 3/4/2024.", "3/4/2024まで€49.90のみ。", "ja-JP", select=("culture",)) == []


def test_persian_digits(check):
    assert check("Order 456", "سفارش ٤٥٦", "fa-IR") == [("rtl.arabic-digits-in-persian", L, C + 6)]
    assert check("Order 456", "سفارش ۴۵۶", "fa-IR") == []
    assert check("Order 456", "الطلب ٤٥٦", "ar-SA") == []


def test_markets_by_language_cover_every_region(check):
    assert check("Merry Christmas!", "Merry Christmas!", "en-GB", markets={"en": ("SA",)}) == \
        [("culture.christmas-greeting", L, C)]
