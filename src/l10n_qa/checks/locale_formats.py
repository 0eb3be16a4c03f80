"""Dates, times, temperatures and prices written the US-English way in a market that writes them
otherwise (category `culture`). The locale's own forms come from CLDR through Babel, so the
suggestion is what the locale really writes (`13.03.24`, `15:30`, `49,90 €`).

Facts: domain research §4.2 (currency placement, measurement data: °F only in US, BS, BZ, KY, PR,
PW) and §4.4 (a numeric date whose day is above 12 reveals its order). Amounts and dates are only
reported where the written form is unambiguous.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Locale, Severity

FAHRENHEIT_MARKETS = frozenset({"US", "BS", "BZ", "KY", "PR", "PW"})  # CLDR measurementData, domain §4.2
_SYMBOLS = {"€": "EUR", "£": "GBP", "US$": "USD", "$": "USD"}

MONTH_FIRST_DATE = Rule(
    "culture.month-first-date", "culture", Severity.WARNING,
    "A US-style month/day/year date (e.g. 3/13/2024) in a locale that writes the day or year first.",
    "Only the US (and a few others) write the month first; in a day-first market 3/13/2024 is an "
    "impossible date and 3/4/2024 is the wrong one (CLDR date patterns via Babel; domain research §4.4). "
    "Only dates whose day is above 12 are reported, as only they reveal the order. Write the date in "
    "the locale's form, given as the suggestion, or with the month's name.",
    ("Offer ends 3/13/2024.", "Angebot endet am 3/13/2024.", "Angebot endet am 13.03.24."),
)
TWELVE_HOUR_CLOCK = Rule(
    "culture.12-hour-clock", "culture", Severity.WARNING,
    "A 12-hour time with AM/PM in a locale that uses the 24-hour clock.",
    "Most markets read times on the 24-hour clock, and \"5 PM\" copied from the English source looks "
    "foreign there (CLDR time patterns via Babel; domain research §4.4). Write the time in the "
    "locale's form, given as the suggestion.",
    ("We answer from 9 AM to 5 PM.", "Wir antworten von 9 AM bis 5 PM.", "Wir antworten von 9:00 bis 17:00."),
)
FAHRENHEIT = Rule(
    "culture.fahrenheit", "culture", Severity.WARNING,
    "A temperature in °F in a market that uses °C.",
    "Only the US, the Bahamas, Belize, the Cayman Islands, Puerto Rico and Palau use Fahrenheit (CLDR "
    "measurement data; domain research §4.2). Give the temperature in °C (the suggestion converts it).",
    ("Store below 77°F.", "Unter 77°F lagern.", "Unter 25 °C lagern."),
)
CURRENCY_POSITION = Rule(
    "culture.currency-position", "culture", Severity.WARNING,
    "A price written the English way (€49.90) in a locale that puts the currency after the amount.",
    "German, French, Spanish, Italian, Polish, Swedish and many more write the amount first and the "
    "symbol after it, with a no-break space (CLDR currency patterns via Babel; domain research §4.2). "
    "Write the price in the locale's form, given as the suggestion.",
    ("Only €49.90!", "Nur €49.90!", "Nur 49,90 €!"),
)

_DATE = regex.compile(r"(?<![\d/.])(0?[1-9]|1[0-2])/(1[3-9]|2\d|3[01])/(\d{4}|\d{2})(?![\d/])")
_TIME = regex.compile(r"(?<![\d:])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s?([AaPp])(?:[Mm]|\.[Mm]\.)(?![\p{L}\d])")
_FAHRENHEIT = regex.compile(r"(?<![\d.,])(-?\d+(?:[.,]\d+)?)\s?°\s?F(?![\p{L}\d])")
_PRICE = regex.compile(r"(?<![\p{L}\d$])(US\$|€|£|\$)\s?(\d+(?:[.,]\d{3})*(?:[.,]\d{1,2})?)(?![\d\p{L}])")


@lru_cache(maxsize=64)
def _cldr(tag: str):
    """(Babel locale, its market) for a target tag, or None when CLDR does not know it."""
    from babel import Locale as BabelLocale
    from babel.core import UnknownLocaleError, get_global

    try:
        babel_locale = BabelLocale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    region = babel_locale.territory
    if region is None:
        likely = get_global("likely_subtags").get(babel_locale.language, "")
        region = likely.split("_")[-1] if "_" in likely else None
    return babel_locale, region


def _amount(written: str) -> Decimal | None:
    """49.90, 49,90, 1,234.50, 1.234,50 → a Decimal: a last separator before 1–2 digits is the decimal one."""
    match = regex.fullmatch(r"(.*?)(?:[.,](\d{1,2}))?", written)
    whole, fraction = match.group(1), match.group(2)
    try:
        return Decimal(regex.sub(r"[.,]", "", whole) + (f".{fraction}" if fraction else ""))
    except InvalidOperation:
        return None


@checker(MONTH_FIRST_DATE, TWELVE_HOUR_CLOCK, FAHRENHEIT, CURRENCY_POSITION)
def locale_formats(pair: Pair) -> Iterator[Hit]:
    locale: Locale | None = pair.segment.target_locale
    raw = pair.target
    # Most texts hold no date, time, temperature or price: skip CLDR lookups and masking for them.
    if locale is None or not (_DATE.search(raw) or _TIME.search(raw) or _FAHRENHEIT.search(raw) or _PRICE.search(raw)):
        return
    text = pair.masked_target
    found = _cldr(str(locale))
    if found is None:
        return
    babel_locale, region = found
    from babel.dates import format_date, format_time
    from babel.numbers import format_currency, format_decimal

    if not babel_locale.date_formats["short"].pattern.lstrip("\u200f\u200e").startswith("M"):
        for match in _DATE.finditer(text):
            month, day, year = int(match[1]), int(match[2]), int(match[3])
            year += 2000 if year < 100 else 0
            try:
                local = format_date(datetime.date(year, month, day), "short", locale=babel_locale)
            except ValueError:
                continue
            yield Hit(MONTH_FIRST_DATE.id, f"\"{match[0]}\" is a US month-first date; {locale} writes it {local}",
                      match.start(), match.end(), suggestion=f"write `{local}`", matched=match[0])
    if "H" in babel_locale.time_formats["short"].pattern:
        for match in _TIME.finditer(text):
            hour = int(match[1]) % 12 + (12 if match[3] in "Pp" else 0)
            local = format_time(datetime.time(hour, int(match[2] or 0)), "short", locale=babel_locale)
            yield Hit(TWELVE_HOUR_CLOCK.id, f"\"{match[0]}\" is a 12-hour time; {locale} uses the 24-hour clock: {local}",
                      match.start(), match.end(), suggestion=f"write `{local}`", matched=match[0])
    if region is not None and region not in FAHRENHEIT_MARKETS:
        for match in _FAHRENHEIT.finditer(text):
            degrees = _amount(match[1].lstrip("-"))
            if degrees is None:
                continue
            celsius = ((-degrees if match[1].startswith("-") else degrees) - 32) * 5 / 9
            local = f"{format_decimal(round(celsius), locale=babel_locale)}\u00a0°C"
            yield Hit(FAHRENHEIT.id, f"\"{match[0]}\" is Fahrenheit, which {region} does not use: {local}",
                      match.start(), match.end(), suggestion=f"write `{local}`", matched=match[0])
    pattern = babel_locale.currency_formats["standard"].pattern.split(";")[0].lstrip("\u200f\u200e\u061c")
    if pattern.startswith(("#", "0")):
        for match in _PRICE.finditer(text):
            value = _amount(match[2])
            if value is None:
                continue
            local = format_currency(value, _SYMBOLS[match[1]], locale=babel_locale)
            yield Hit(CURRENCY_POSITION.id, f"\"{match[0]}\" puts the currency first, the English way; {locale} writes {local}",
                      match.start(), match.end(), suggestion=f"write `{local}`", matched=match[0])
