"""number.missing / number.extra on numbers written without digits, regrouped phone numbers and dates
whose month is a name on one side and a digit on the other (issue 12: judged false alarms on Django's
catalogs, mozilla/legal-docs and AdGuard's help center). Each case has its real-mistake twin that
still fires."""

from __future__ import annotations

import pytest

from conftest import MSGSTR_LINE as L, check_path, write_po

C = 9  # column of the first character of the msgstr text


def col(target: str, needle: str) -> int:
    return C + target.index(needle)


SILENT = [
    ("nl", "Past 7 days", "Afgelopen zeven dagen"),
    ("nb", "Past 7 days", "Siste syv dager"),
    ("id", "Past 7 days", "Tujuh hari terakhir"),
    ("ar", "Past 7 days", "الأيام السبعة الماضية"),
    ("pt-BR", "It can take up to 2 months.", "Pode demorar até dois meses."),
    ("ru", "Setup option 2", "Второй вариант настройки"),
    ("ru", "Only 2 devices at a time", "Одновременно только два устройства"),
    ("de", "Use 2-factor authentication.", "Nutzen Sie die Zwei-Faktor-Authentifizierung."),
    ("fr", "It was developed in the late 20th century.", "Il a été développé à la fin du XXe siècle."),
    ("it", "It was developed in the late 20th century.", "È stato sviluppato alla fine del XX secolo."),
    ("ja", "[Method 1] Grant permissions via ADB", "【方法①】ADB経由で権限を与える"),
    ("zh", "Users can connect only 2 devices at once", "用户只可以在两台设备上同时连接"),
    ("ja", "Effective December 20, 2024", "2024年12月20日発効"),
    ("zh", "Effective May 4, 2026", "2026 年 5 月 4 日生效"),
    ("ko", "Updated January 1, 2025", "2025년 1월 1일 업데이트"),
    ("ru", "9. Ten simultaneous connections", "9. 10 одновременных подключений"),
    ("fr", "Support around the clock, 365 days a year.", "Assistance 24 h/24, 365 jours par an."),
    ("ja", "Support around the clock, 365 days a year.", "24時間365日サポート。"),
    ("tr", "Support around the clock, 365 days a year.", "7/24, yılın 365 günü destek."),
    ("fr", "Call 1-800-352-5267 (toll free).", "Appelez le 1 800 352 5267 (numéro gratuit)."),
    ("de", "Call 800-352-5267.", "Rufen Sie +1 800 352 5267 an."),
    # wagtail and Django catalogs: feminine "one", Nynorsk "sju", character references.
    ("fr", "Moved up 1 place.", "Monter d'une position."),
    ("ar", "1 page selected", "صفحة واحدة محددة"),
    ("ru", "Move 1 page", "Переместить одну страницу"),
    ("nn", "Past 7 days", "Siste sju dagar"),
    ("sv", "Index &#x2013; %(key)s", "Index - %(key)s"),
    ("sv", "&#169; %(copyright)s.", "© %(copyright)s."),
]


@pytest.mark.parametrize("lang,source,target", SILENT)
def test_number_written_another_way_is_not_missing_or_extra(check_pair, lang, source, target):
    # url too: a phone number is also the URL check's (url.missing when regrouped was the false alarm).
    assert check_pair(source, target, lang=lang, select=("number", "url")) == []


FIRES = [
    ("nl", "Past 7 days", "Afgelopen dagen", [("number.missing", L, C)]),
    ("nl", "Past 7 days", "Afgelopen acht dagen", [("number.missing", L, C)]),
    ("ru", "Setup option 2", "Третий вариант настройки", [("number.missing", L, C)]),
    ("fr", "Moved up 2 places.", "Monter d'une position.", [("number.missing", L, C)]),
    ("sv", "Version 3 &#8212; %(docstitle)s", "Version - %(docstitle)s", [("number.missing", L, C)]),
    ("fr", "It was developed in the late 20th century.", "Il a été développé à la fin du XIXe siècle.",
     [("number.missing", L, C)]),
    ("ja", "[Method 1] Grant permissions via ADB", "【方法②】ADB経由で権限を与える",
     [("number.changed", L, col("【方法②】ADB経由で権限を与える", "②"))]),
    ("ja", "Effective December 20, 2024", "2024年11月20日発効",
     [("number.extra", L, col("2024年11月20日発効", "11"))]),
    ("ru", "9. Ten simultaneous connections", "9. 12 одновременных подключений",
     [("number.extra", L, col("9. 12 одновременных подключений", "12"))]),
    ("fr", "Support around the clock, 365 days a year.", "Assistance 12 h/24, 365 jours par an.",
     [("number.extra", L, col("Assistance 12 h/24, 365 jours par an.", "12"))]),
    ("fr", "Call 1-800-352-5267 (toll free).", "Appelez le 1 800 352 5268 (numéro gratuit).",
     [("url.changed", L, col("Appelez le 1 800 352 5268 (numéro gratuit).", "1 800"))]),
]


@pytest.mark.parametrize("lang,source,target,expected", FIRES)
def test_a_number_really_lost_or_changed_is_still_reported(check_pair, lang, source, target, expected):
    assert check_pair(source, target, lang=lang, select=("number", "url")) == expected


def test_month_name_of_the_target_stands_for_the_source_month_digit(tmp_path):
    # Both directions: a Japanese source 12月20日 translated into English as "December 20".
    path = write_po(tmp_path / "en.po", "2024年12月20日に更新", "Updated December 20, 2024", "en")
    assert check_path(path, source_locale="ja", select=("number",)) == []
    path = write_po(tmp_path / "en.po", "2024年12月20日に更新", "Updated November 20, 2024", "en")
    assert [(f.rule, f.line) for f in check_path(path, source_locale="ja", select=("number",))] == [
        ("number.missing", L)]


def test_month_name_without_a_date_does_not_stand_for_a_number(check_pair):
    # "May" the verb is not the month 5: the 5 of the translation is still extra.
    target = "Sie können 5 Artikel zurückgeben, 3 davon sofort."
    assert check_pair("You may return items, 3 of them at once.", target, select=("number",)) == [
        ("number.extra", L, col(target, "5"))]
