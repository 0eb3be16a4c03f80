"""The market rules of the culture pack (issue 16): taboo numbers in promotions, Canadian
Thanksgiving, imperial units and paper sizes. Each rule on a real-looking source/target pair at its
line and column, and silence on the corrected text and in the markets where the text is right."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from l10n_qa.discover import FileTask
from l10n_qa.engine import check_file
from l10n_qa.formats import LoadHints
from l10n_qa.model import Locale
from l10n_qa.packs.rulepack import builtin_packs
from l10n_qa.settings import Settings
from conftest import MSGSTR_LINE, write_po

MARKET_RULES = ("culture.taboo-number-four", "culture.thanksgiving-date-canada", "culture.imperial-units",
                "culture.paper-letter-in-a4-market", "culture.paper-a4-in-letter-market")


@pytest.fixture
def check(tmp_path):
    """check(source, target, lang, markets=) → [(rule, line, column)] of every culture rule, with
    every built-in pack on (as the CLI runs them by default)."""

    def run(source: str, target: str, lang: str, markets=None):
        path = write_po(tmp_path / "messages.po", source, target, lang)
        settings = replace(Settings.build(select=("culture",)), rule_packs=tuple(str(p) for p in builtin_packs()),
                           markets=tuple((markets or {}).items()))
        task = FileTask(str(path), str(path), LoadHints(Locale.parse("en"), None, None))
        result = check_file(task, settings)
        assert not result.errors, result.errors
        return sorted(((f.rule, f.line, f.column) for f in result.findings), key=lambda f: (f[1], f[2]))

    return run


L = MSGSTR_LINE
C = 9  # the msgstr text starts at column 9


# --- taboo number 4 in promotion codes (zh, ja, ko) -----------------------------------------------

@pytest.mark.parametrize("lang, target, before", [
    ("ja-JP", "お会計時にプロモーションコード SAVE4 をご利用ください。", "お会計時にプロモーションコード "),
    ("zh-CN", "结账时请使用优惠码 SAVE4。", "结账时请使用优惠码 "),
    ("ko-KR", "결제 시 프로모션 코드 SAVE4를 입력하세요.", "결제 시 프로모션 코드 "),
])
def test_promo_code_with_a_four_in_east_asian_markets(check, lang, target, before):
    assert check("Use the promo code SAVE4 at checkout.", target, lang) == \
        [("culture.taboo-number-four", L, C + len(before))]


def test_promo_code_without_a_four_and_other_numbers_are_quiet(check):
    # The corrected code; a date and "14 days" in a coupon text are not codes.
    assert check("Use the promo code SAVE8 at checkout.", "お会計時にプロモーションコード SAVE8 をご利用ください。", "ja-JP") == []
    assert check("The coupon is valid for 14 days from 4 May.", "クーポンは5月4日から14日間有効です。", "ja-JP") == []
    # A 4 outside a promotion (a model name) is not a promotion number.
    assert check("The X4 router is back in stock.", "X4ルーターが再入荷しました。", "ja-JP") == []


def test_promo_code_with_a_four_in_vietnam_and_germany_is_quiet(check):
    # The belief does not apply in Vietnam, nor in German content.
    assert check("Use the promo code SAVE4 at checkout.", "Dùng mã khuyến mãi SAVE4 khi thanh toán.", "vi-VN") == []
    assert check("Use the promo code SAVE4 at checkout.", "Nutzen Sie an der Kasse den Code SAVE4.", "de-DE") == []


# --- Canadian Thanksgiving -------------------------------------------------------------------------

def test_thanksgiving_with_a_november_date_in_canada(check):
    source = "Our stores are closed on Thanksgiving, November 27."
    assert check(source, source, "en-CA") == [("culture.thanksgiving-date-canada", L, C + len("Our stores are closed on "))]
    target = "Nos magasins sont fermés le 27 novembre pour Thanksgiving."
    assert check(source, target, "fr-CA") == [("culture.thanksgiving-date-canada", L, C + len("Nos magasins sont fermés le 27 "))]


def test_thanksgiving_in_october_in_canada_and_november_in_the_us_are_quiet(check):
    assert check("Our stores are closed on Thanksgiving, November 27.",
                 "Our stores are closed on Thanksgiving, October 13.", "en-CA") == []
    assert check("Our stores are closed on Thanksgiving, November 27.",
                 "Our stores are closed on Thanksgiving, November 27.", "en-US") == []


# --- imperial units ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, target, before", [
    ("de-DE", "Das Paket darf bis zu 5 lb wiegen.", "Das Paket darf bis zu "),
    ("fr-FR", "Le colis peut peser jusqu’à 5 lb.", "Le colis peut peser jusqu’à "),
    ("es-MX", "El paquete puede pesar hasta 5 lb.", "El paquete puede pesar hasta "),
    ("ja-JP", "荷物は5 lbまでです。", "荷物は"),
])
def test_imperial_weight_in_metric_markets(check, lang, target, before):
    assert check("The parcel may weigh up to 5 lb.", target, lang) == [("culture.imperial-units", L, C + len(before))]


def test_imperial_units_in_their_markets_and_metric_targets_are_quiet(check):
    source = "The parcel may weigh up to 5 lb and 20 in long; 3 in stock."
    assert check(source, source, "en-US") == []
    assert check("Top speed 15 mph.", "Top speed 15 mph.", "en-GB") == []   # GB: mixed system (CLDR)
    assert check(source, "Das Paket darf bis zu 2,3 kg wiegen und 50 cm lang sein; 3 auf Lager.", "de-DE") == []
    # "in" is never read as inches: "3 in stock", "2 in 1".
    assert check("3 in stock", "3 in stock", "en-AU") == []


def test_speed_and_volume_units(check):
    assert check("Delivery bikes ride at 15 mph.", "Die Lieferräder fahren 15 mph.", "de-AT") == \
        [("culture.imperial-units", L, C + len("Die Lieferräder fahren "))]
    assert check("Add 8 fl oz of water.", "Ajoutez 8 fl oz d’eau.", "fr-CA") == \
        [("culture.imperial-units", L, C + len("Ajoutez "))]


# --- paper sizes --------------------------------------------------------------------------------

def test_us_letter_in_an_a4_market(check):
    assert check("Print the return label on US Letter paper.", "Drucken Sie das Rücksendeetikett auf US Letter.",
                 "de-DE") == [("culture.paper-letter-in-a4-market", L, C + len("Drucken Sie das Rücksendeetikett auf "))]
    assert check("Use 8.5 x 11 paper.", "Utilisez du papier 8,5 x 11.", "fr-FR") == \
        [("culture.paper-letter-in-a4-market", L, C + len("Utilisez du papier "))]


def test_a4_in_a_letter_market(check):
    assert check("Print the return label on A4 paper.", "Imprima la etiqueta de devolución en papel A4.", "es-MX") == \
        [("culture.paper-a4-in-letter-market", L, C + len("Imprima la etiqueta de devolución en papel "))]
    assert check("Print the label on A4 paper.", "Print the label on A4 paper.", "en-US") == \
        [("culture.paper-a4-in-letter-market", L, C + len("Print the label on "))]


def test_paper_sizes_where_they_are_right_are_quiet(check):
    assert check("Print the label on A4 paper.", "Drucken Sie das Etikett auf A4-Papier.", "de-DE") == []
    assert check("Print the label on Letter paper.", "Imprima la etiqueta en papel Letter.", "es-CO") == []
    assert check("Print the label on US Letter paper.", "Print the label on US Letter paper.", "en-US") == []
    # A4 inside a word or a model name is not the paper size.
    assert check("The A45 printer", "Der Drucker A45", "es-MX") == []


def test_a_market_from_the_config_brings_the_market_rules(check):
    # es content also sold in Mexico (config `markets: {es: [MX]}`): A4 is reported there.
    assert check("Print on A4 paper.", "Imprima en papel A4.", "es", markets={"es": ("MX",)}) == \
        [("culture.paper-a4-in-letter-market", L, C + len("Imprima en papel "))]
    assert check("Print on A4 paper.", "Imprima en papel A4.", "es") == []


# --- end to end: the CLI, one market at a time ------------------------------------------------------

def _xliff(path, lang: str, units: list[tuple[str, str]]):
    """An XLIFF 1.2 file whose n-th unit (from 0) has its target on line 7 + 4n."""
    body = "".join(f'      <trans-unit id="u{n}">\n        <source>{s}</source>\n'
                   f'        <target state="translated">{t}</target>\n      </trans-unit>\n'
                   for n, (s, t) in enumerate(units))
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                    f'  <file source-language="en-US" target-language="{lang}" original="notices.json" datatype="plaintext">\n'
                    f'    <body>\n{body}    </body>\n  </file>\n</xliff>\n', encoding="utf-8")
    return path


X = len('        <target state="translated">') + 1  # the column where a target's text starts


def _cli(tmp_path, *args):
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", *args, "-q", "--select", "culture"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


@pytest.mark.parametrize("lang, target, before", [
    ("ja-JP", "お会計時にプロモーションコード SAVE4 をご利用ください。", "お会計時にプロモーションコード "),
    ("zh-TW", "結帳時請使用優惠碼 SAVE4。", "結帳時請使用優惠碼 "),
    ("ko-KR", "결제 시 프로모션 코드 SAVE4를 입력하세요.", "결제 시 프로모션 코드 "),
])
def test_cli_promo_code_with_a_four_in_east_asia(tmp_path, lang, target, before):
    column = X + len(before)
    _xliff(tmp_path / f"promo.{lang}.xlf", lang, [("Use the promo code SAVE4 at checkout.", target),
                                                  ("Use the promo code SAVE8 at checkout.", target.replace("SAVE4", "SAVE8"))])
    code, out = _cli(tmp_path, f"promo.{lang}.xlf", "--fail-on", "info")
    assert code == 1
    assert out == (f"promo.{lang}.xlf:7:{column}: info    culture.taboo-number-four    the promotion code \"SAVE4\" "
                   "contains a 4, which sounds like \"death\" in Chinese, Japanese and Korean: issue a code without a 4 "
                   "for this market\n")


def test_cli_thanksgiving_in_november_for_canada(tmp_path):
    _xliff(tmp_path / "hours.fr-CA.xlf", "fr-CA", [
        ("We are closed on Thanksgiving, November 27.", "Nous sommes fermés pour Thanksgiving, le 27 novembre."),
        ("We are closed on Thanksgiving, October 13.", "Nous sommes fermés pour Thanksgiving, le 13 octobre.")])
    code, out = _cli(tmp_path, "hours.fr-CA.xlf", "--fail-on", "warning")
    assert code == 1
    assert out == (f"hours.fr-CA.xlf:7:{X + len('Nous sommes fermés pour ')}: warning culture.thanksgiving-date-canada \"Thanksgiving, le 27 novembre\": "
                   "Canadian Thanksgiving is the second Monday of October, not in November; give the Canadian date or "
                   "say \"US Thanksgiving\"\n")


def test_cli_imperial_units_for_germany_but_not_for_the_us(tmp_path):
    units = [("Return parcels may weigh up to 5 lb.", "Rücksendepakete dürfen bis zu 5 lb wiegen."),
             ("Return parcels may weigh up to 2.3 kg.", "Rücksendepakete dürfen bis zu 2,3 kg wiegen.")]
    _xliff(tmp_path / "parcels.de-DE.xlf", "de-DE", units)
    code, out = _cli(tmp_path, "parcels.de-DE.xlf")
    assert code == 0  # a warning: below the default --fail-on error
    assert out == (f"parcels.de-DE.xlf:7:{X + len('Rücksendepakete dürfen bis zu ')}: warning culture.imperial-units       \"5 lb\" is an imperial unit, but this "
                   "market measures in metric: convert it (km, kg, g, l, cm, km/h)\n")
    _xliff(tmp_path / "parcels.en-US.xlf", "en-US", [(s, s) for s, _ in units])
    assert _cli(tmp_path, "parcels.en-US.xlf", "--fail-on", "info") == (0, "")


def test_cli_paper_sizes_for_mexico_and_germany(tmp_path):
    _xliff(tmp_path / "label.es-MX.xlf", "es-MX", [
        ("Print the return label on A4 paper.", "Imprima la etiqueta de devolución en papel A4."),
        ("Print the return label on Letter paper.", "Imprima la etiqueta de devolución en papel Letter.")])
    _xliff(tmp_path / "label.de-DE.xlf", "de-DE", [
        ("Print the return label on US Letter paper.", "Drucken Sie das Rücksendeetikett auf US Letter."),
        ("Print the return label on A4 paper.", "Drucken Sie das Rücksendeetikett auf A4-Papier.")])
    code, out = _cli(tmp_path, "label.de-DE.xlf", "label.es-MX.xlf", "--fail-on", "info")
    assert code == 1
    assert out == (f"label.de-DE.xlf:7:{X + len('Drucken Sie das Rücksendeetikett auf ')}: info    culture.paper-letter-in-a4-market \"US Letter\" is the US Letter paper "
                   "size, but this market prints on A4: say A4 (210 × 297 mm)\n"
                   f"label.es-MX.xlf:7:{X + len('Imprima la etiqueta de devolución en papel ')}: info    culture.paper-a4-in-letter-market \"A4\" is the A4 paper size, but this "
                   "market prints on US Letter: say Letter (8.5 × 11 in)\n")


def test_letter_size_of_text_is_not_paper(check):
    assert check("Change the letter size of the text.", "Change the letter size of the text.", "en-GB") == []
    assert check("Use a formal letter format.", "Use a formal letter format.", "en-GB") == []
    assert check("Print it on letter-size paper.", "Print it on letter-size paper.", "en-GB") == \
        [("culture.paper-letter-in-a4-market", L, C + len("Print it on "))]


def test_promo_code_glued_to_chinese_text(check):
    assert check("Use coupon code SAVE4 now.", "立即使用优惠码SAVE4。", "zh-CN") == \
        [("culture.taboo-number-four", L, C + len("立即使用优惠码"))]
