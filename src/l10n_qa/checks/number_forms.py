"""Numbers written without digits, for the number checks (checks/numbers.py).

A translation may write a number of the source as a word ("zeven" for 7, "Второй" for 2nd), a
Roman numeral ("XXe siècle" for the 20th century), a CJK numeral (两台 for two devices), or say a
date with the month as a digit (12月20日 for "December 20") where the source names the month. The
reverse happens too (a source "Ten" written "10"). These forms are *optional* numbers: they may
stand in for a digit of the other side, but are never reported themselves, since reading words as
numbers is a guess ("one" is also a pronoun, "May" a verb).

Sources: number words from num2words (cardinals and ordinals per language), month names from
CLDR via Babel, both loaded lazily and cached per language.
"""

from __future__ import annotations

import functools
import unicodedata
from decimal import Decimal

import regex

# Written before a word without a space (Hebrew ו ה ב כ ל מ ש, Arabic و ف ب ل ك and the article ال):
# "השבעה", "السبعة" are the number words שבעה, سبعة.
_PREFIX_LETTERS = {"he": "והבכלמש", "ar": "وفبلكال"}
# Small numbers are the ones written as words; larger ones are written with digits everywhere.
# num2words names Norwegian "no" (Bokmål); Nynorsk counts with the same words but for the forms below.
_NUM2WORDS_LANGUAGE = {"nb": "no", "nn": "no"}
# Forms num2words does not give: feminine and neuter "one" and "two" ("une position", "صفحة واحدة",
# "одну страницу"), Norwegian "sju" (7 in Nynorsk, and in Bokmål beside "syv"), Nynorsk "ein"/"eitt".
_MORE_WORDS: dict[str, dict[str, int]] = {
    "fr": {"une": 1}, "es": {"una": 1}, "it": {"una": 1}, "ca": {"una": 1, "dues": 2},
    "pt": {"uma": 1, "duas": 2}, "ro": {"una": 1, "două": 2},
    "ru": {"одна": 1, "одно": 1, "одну": 1, "две": 2}, "uk": {"одна": 1, "одне": 1, "одну": 1, "дві": 2},
    "ar": {"واحدة": 1, "اثنتان": 2, "اثنتين": 2},
    "no": {"sju": 7, "ein": 1, "eitt": 1},
}
_WORD_VALUES = (*range(0, 21), 30, 40, 50, 60, 70, 80, 90, 100, 1000)
_ORDINAL_VALUES = range(1, 21)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
# Roman numerals of two letters or more ("XX", "XXe", "XIV"): one letter is too often a word or initial.
_ROMAN = regex.compile(r"(?<![\p{L}\d])(?P<numeral>[IVXLCDM]{2,})(?:e|er|ème|º|°|\.)?(?![\p{L}\d])")
_ROMAN_VALID = regex.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}
_CJK_NUMERAL = regex.compile(r"[〇零一二两兩三四五六七八九十百]+")
# "around the clock" is 24 hours a day, 7 days a week: a translation may write 24 h/24, 24時間, 7/24.
_ROUND_THE_CLOCK = regex.compile(r"\b(?:a)?round[- ]the[- ]clock\b", regex.I)
# A month name counts as a number only in a date: next to a day or year written in digits, with at
# most one short word between ("20 de diciembre", "December 20", "mai 2026").
_DIGIT_BEFORE = regex.compile(r"\d[\s.,]*(?:\p{L}{1,3}\.?\s+)?$")
_DIGIT_AFTER = regex.compile(r"^[\s.,]*(?:\p{L}{1,3}\s+)?\d")


def optional_numbers(text: str, language: str | None) -> list[tuple[int, int, str, frozenset[Decimal]]]:
    """(start, end, text, values) for every number written without digits that `text` may hold."""
    language = (language or "en").split("-")[0].split("_")[0].lower()
    language = _NUM2WORDS_LANGUAGE.get(language, language)
    found = []
    words = _number_words(language)
    months = _month_names(language)
    prefixes = _PREFIX_LETTERS.get(language, "")
    for m in _WORD.finditer(text):
        folded = unicodedata.normalize("NFC", m.group()).lower()
        value = _word_value(folded, words, prefixes)
        if value is not None:
            found.append((m.start(), m.end(), m.group(), frozenset({Decimal(value)})))
            continue
        month = months.get(folded.rstrip("."))
        if month is not None and (_DIGIT_BEFORE.search(text[max(0, m.start() - 12):m.start()])
                                  or _DIGIT_AFTER.search(text[m.end():m.end() + 12])):
            found.append((m.start(), m.end(), m.group(), frozenset({Decimal(month)})))
    for m in _ROMAN.finditer(text):
        numeral = m["numeral"]
        if _ROMAN_VALID.fullmatch(numeral):
            found.append((m.start(), m.end(), m.group(), frozenset({Decimal(_roman_value(numeral))})))
    for m in _CJK_NUMERAL.finditer(text):
        value = _cjk_value(m.group())
        if value is not None:
            found.append((m.start(), m.end(), m.group(), frozenset({Decimal(value)})))
    for m in _ROUND_THE_CLOCK.finditer(text):
        # Two numbers: "24 h/24" and "7/24" both write two.
        found += [(m.start(), m.end(), m.group(), frozenset({Decimal(24), Decimal(7)}))] * 2
    found.sort(key=lambda number: number[0])
    return found


def _word_value(folded: str, words: dict[str, int], prefixes: str) -> int | None:
    value = words.get(folded)
    if value is not None:
        return value
    # Inflected forms: Czech "čtyř" (of four) for "čtyři", Russian "второго" for "второй" share
    # all but the last letter or two of the dictionary form; only words of four letters or more,
    # so that short words ("to", "dez") are never read from a prefix.
    for cut in (1, 2):
        if len(folded) > cut + 3:
            value = words.get(("stem", folded[:-cut]))
            if value is not None:
                return value
    if prefixes:
        for size in (1, 2, 3):
            head, rest = folded[:size], folded[size:]
            if len(rest) >= 3 and all(c in prefixes for c in head) and rest in words:
                return words[rest]
    return None


@functools.lru_cache(maxsize=64)
def _number_words(language: str) -> dict:
    """Cardinal and ordinal words for small numbers in `language` (num2words), with their stems."""
    try:
        from num2words import CONVERTER_CLASSES, num2words
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    if language not in CONVERTER_CLASSES:
        return {}
    words: dict = {}

    def add(value: int, kind: str) -> None:
        try:
            written = num2words(value, lang=language, to=kind)
        except (NotImplementedError, OverflowError, TypeError, ValueError, AttributeError, KeyError, IndexError):
            return
        for word in _WORD.findall(unicodedata.normalize("NFC", str(written)).lower()):
            if len(written.split()) == 1:  # "twenty-one" as one word only: its parts are other numbers
                words.setdefault(word, value)
                if len(word) >= 5:
                    for cut in (1, 2):
                        words.setdefault(("stem", word[:-cut]), value)

    words.update(_MORE_WORDS.get(language, {}))
    for value in _WORD_VALUES:
        add(value, "cardinal")
    for value in _ORDINAL_VALUES:
        add(value, "ordinal")
    return words


@functools.lru_cache(maxsize=64)
def _month_names(language: str) -> dict[str, int]:
    """Month names (wide and abbreviated, format and stand-alone) of `language` from CLDR (Babel)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                folded = unicodedata.normalize("NFC", name).lower().rstrip(".")
                # Names written with digits (CJK "12月") are digits already; one-letter names are not names.
                if len(folded) >= 3 and not any(c.isdigit() for c in folded):
                    names.setdefault(folded, number)
    return names


def _roman_value(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, numeral[1:] + " "):
        value = _ROMAN_VALUE[char]
        total += -value if following != " " and _ROMAN_VALUE[following] > value else value
    return total


def _cjk_value(numeral: str) -> int | None:
    """一 … 九十九 and 百 (两台 = 2, 二十四 = 24); a run of bare digits (二〇二五) is read digit by digit."""
    if all(c in _CJK_DIGITS for c in numeral):
        return int("".join(str(_CJK_DIGITS[c]) for c in numeral))
    if numeral == "百":
        return 100
    if "百" in numeral:
        return None
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1 or (tens and tens not in _CJK_DIGITS) or (units and units not in _CJK_DIGITS):
        return None
    return (_CJK_DIGITS[tens] if tens else 1) * 10 + (_CJK_DIGITS[units] if units else 0)
