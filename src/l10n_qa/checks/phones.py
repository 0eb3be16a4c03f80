"""Phone numbers, compared by their digits: grouping is a local habit ("+1 (800) 352-5267" =
"1 800 352 5267"), so the numbers check and the URL check (tel: links) match a regrouped phone.

Its own module, below both of them, because checks.pair imports the URL check and the numbers
check imports what pair needs.
"""

from __future__ import annotations

import functools
import unicodedata
from decimal import Decimal

import regex

_DIGIT = regex.compile(r"\d")
# A phone number: three or more groups of digits joined by spaces, hyphens or parentheses, seven
# digits or more ("+1 (800) 352-5267", "1 800 352 5267"). Grouping is a local habit, so the digits
# are compared; an ISO date (2026-05-04) is not a phone number.
_PHONE = regex.compile(r"(?<![\d.,/:])\+?\(?\d{1,4}\)?(?:[\x20\u00a0\u202f\-\u2010\u2011]\(?\d{1,4}\)?){2,}(?![\d.,/:]\d)")
_ISO_DATE = regex.compile(r"\d{4}-\d{2}-\d{2}")
_MIN_PHONE_DIGITS = 7

@functools.lru_cache(maxsize=256)
def _digit_value(c: str) -> int:
    """The value of a character `regex` matches with \\d. `regex` carries newer Unicode data than
    Python's unicodedata, so some of its digits (U+11DE5) are unknown there; Unicode encodes every
    decimal digit run as ten contiguous code points 0..9, so the offset into the \\d run gives it."""
    known = unicodedata.decimal(c, None)
    if known is not None:
        return known
    start = ord(c)
    while start > 0 and _DIGIT.fullmatch(chr(start - 1)):
        start -= 1
    return (ord(c) - start) % 10


def ascii_digits(text: str) -> str:
    return "".join(str(_digit_value(c)) if _DIGIT.fullmatch(c) else c for c in text)


def find_phones(text: str) -> list[tuple[int, int, str, frozenset[Decimal]]]:
    """Phone numbers, each valued by its phone_tails."""
    phones = []
    for m in _PHONE.finditer(text):
        written = m.group(0)
        digits = ascii_digits("".join(regex.findall(r"\d", written)))
        grouped_thousands = regex.fullmatch(r"\d{1,3}(?:[\x20\u00a0\u202f]\d{3})+", written)
        if len(digits) >= _MIN_PHONE_DIGITS and not grouped_thousands and not _ISO_DATE.search(written):
            phones.append((m.start(), m.end(), written, phone_tails(digits)))
    return phones


def phone_tails(digits: str) -> frozenset[Decimal]:
    """A phone number's values: each tail of seven digits or more (with or without the country or
    trunk prefix), negative and led by 1 so that they keep leading zeros and never equal a number."""
    return frozenset(-Decimal("1" + digits[i:]) for i in range(len(digits) - _MIN_PHONE_DIGITS + 1))
