"""Numbers must survive translation: prices, days, limits, article numbers.

Numbers are compared by value, so locale formatting is not a difference (1,000.50 = 1.000,50 =
1 000,50) and neither are other digit systems (١٠ = ۱۰ = １０ = 10). Placeholders, URLs and tags are
not read as numbers, nor are references to a law's provisions ("Article 17 GDPR") where
`legal.article-reference` compares them. A phone number is compared by its digits, whatever its
grouping (1 800 352 5267 = 1-800-352-5267, and the national part 800-352-5267), and circled digits
(①) are numbers. Numbers
written without digits (words, ordinals, Roman and CJK numerals, month names in dates: see
checks/number_forms.py) may stand in for a digit of the other side, and are never reported.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

import regex

from l10n_qa.checks.legal import compared_citations
from l10n_qa.checks.number_forms import optional_numbers
from l10n_qa.checks.phones import ascii_digits, find_phones
from l10n_qa.checks.masking import MASK
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

# Digits of any script, with group/decimal separators between them: . , ' ’ NBSP, NNBSP, thin
# space, Arabic ٫ ٬, and a plain space only before exactly three digits ("1 000").
_NUMBER = regex.compile(r"\d+(?:(?:[.,'\u2019\u00a0\u202f\u2009\u066b\u066c]|\x20(?=\d{3}(?!\d)))\d+)*")
_DIGIT = regex.compile(r"\d")
_MAYBE_TIME = regex.compile(r"\d\s?[ap]\.?\s?m\b|\d[:h]\d\d", regex.I)
_TIME = regex.compile(
    r"(?<![\d.,:])(?P<hours>\d{1,2})(?:[:h](?P<minutes>\d{2}))?\s?(?P<meridiem>[ap]\.?\s?m\.?(?!\w))"
    r"|(?<![\d.,:])(?P<hours>\d{1,2})[:h](?P<minutes>\d{2})(?![\d:])", regex.I)
# Circled and parenthesised digits (① ⑳ ❶ ㉑), used as step numbers in Japanese and Chinese headings.
_CIRCLED = regex.compile(r"[\u2460-\u2473\u24eb-\u24f4\u24f5-\u24fe\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
_CHARACTER_REFERENCE = regex.compile(r"&#(?:\d+|[xX][0-9a-fA-F]+);")
_DECIMAL_ONLY = "\u066b"
_GROUP_ONLY = "'\u2019\u00a0\u202f\u2009\u066c "


def _groups_valid(groups: list[str]) -> bool:
    """1,000,000 (threes) and Indian 10,00,000 (twos, then three) are valid groupings."""
    if len(groups[0]) > 3 or any(not g for g in groups):
        return False
    tail = groups[1:]
    return bool(tail) and len(tail[-1]) == 3 and all(len(g) in (2, 3) for g in tail[:-1])


def values(token: str) -> frozenset[Decimal]:
    """Every value a written number can mean: '1,000' is 1000 in English and 1 in German."""
    text = ascii_digits(token)
    parts = regex.split(r"(\D)", text)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return frozenset({Decimal(text)})
    found: set[Decimal] = set()
    # All separators group digits.
    if len(set(seps)) == 1 and seps[0] not in _DECIMAL_ONLY and _groups_valid(digits):
        found.add(Decimal("".join(digits)))
    # The last separator is the decimal mark, earlier ones (all the same, another char) group.
    last = seps[-1]
    if last not in _GROUP_ONLY:
        head_seps = seps[:-1]
        if not head_seps or (len(set(head_seps)) == 1 and head_seps[0] != last and _groups_valid(digits[:-1])):
            try:
                found.add(Decimal("".join(digits[:-1]) + "." + digits[-1]))
            except InvalidOperation:
                pass
    if not found:
        # Dates, times, versions: 23.11.2026 and 11/23/2026 hold the same numbers in another order.
        return frozenset()
    return frozenset(found)


def _clock(hours: str, minutes: str | None, meridiem: str | None) -> frozenset[Decimal]:
    """A time of day as hours.minutes: "6 p.m." may be written 18:00, 18.00 or 18h00 elsewhere."""
    hour = int(ascii_digits(hours))
    minute = Decimal(int(ascii_digits(minutes))) / 100 if minutes else Decimal(0)
    if meridiem is None:
        return frozenset({hour + minute})
    values = {hour + minute}
    if meridiem.lower().startswith("p") and hour < 12:
        values.add(hour + 12 + minute)
    if meridiem.lower().startswith("a") and hour == 12:
        values.add(minute)
    return frozenset(values)


def find_numbers(masked: str) -> list[tuple[int, int, str, frozenset[Decimal]]]:
    """(start, end, text, possible values) for every number; a date-like run yields its parts, a
    time of day ("6 p.m.", "18:00", "18h00") one value in hours.minutes."""
    found = []
    if _MAYBE_TIME.search(masked):
        for m in _TIME.finditer(masked):
            found.append((m.start(), m.end(), m.group(0), _clock(m["hours"], m["minutes"], m["meridiem"])))
        if found:
            spans = [(start, end) for start, end, _, _ in found]
            masked = "".join(" " * len(c) if any(a <= i < b for a, b in spans) else c
                             for i, c in enumerate(masked)) if spans else masked
    if "&#" in masked:  # a character reference (&#169; &#x2013;) is a character, not a number
        masked = _CHARACTER_REFERENCE.sub(lambda m: " " * len(m.group()), masked)
    phones = find_phones(masked)
    found += phones
    if phones:
        masked = "".join(" " if any(p[0] <= i < p[1] for p in phones) else c for i, c in enumerate(masked))
    for m in _CIRCLED.finditer(masked):
        found.append((m.start(), m.end(), m.group(0), frozenset({Decimal(int(unicodedata.numeric(m.group(0))))})))
    for m in _NUMBER.finditer(masked):
        vals = values(m.group(0))
        if vals:
            found.append((m.start(), m.end(), m.group(0), vals))
        else:
            for part in regex.finditer(r"\d+", m.group(0)):
                found.append((m.start() + part.start(), m.start() + part.end(), part.group(0),
                              frozenset({Decimal(ascii_digits(part.group(0)))})))
    found.sort(key=lambda number: number[0])
    return found


MISSING = Rule(
    "number.missing", "number", Severity.WARNING,
    "A number of the source is not in the translation.",
    "A dropped number changes what the customer is promised (\"within 14 days\" → \"within days\"). "
    "Keep every number; it may be written with the target locale's separators or digits. A number the "
    "translation writes as a word or ordinal (\"zeven\", \"Второй\"), a Roman, CJK or circled numeral "
    "(XXe, 两, ①), a month digit for a month name (12月20日 for \"December 20\") or \"24 h/24\" for \"around "
    "the clock\" counts as kept, as does a phone number grouped another way.",
)
EXTRA = Rule(
    "number.extra", "number", Severity.WARNING,
    "The translation has more numbers than the source.",
    "A number that only the translation has was not reviewed with the source. Check that it belongs there. "
    "Not reported when the source has no number at all: languages write months, weekdays and counts as "
    "digits (2月 for February).",
)
CHANGED = Rule(
    "number.changed", "number", Severity.ERROR,
    "A number differs between source and translation.",
    "A changed price, deadline or limit misinforms customers and can be binding in a policy. Use the "
    "source's number; locale formatting (1.000,50) and native digits (١٠) are fine.",
    ("Refunds are processed within 14 days.", "Erstattungen werden innerhalb von 30 Tagen bearbeitet.",
     "Erstattungen werden innerhalb von 14 Tagen bearbeitet."),
)


def _outside_phones(numbers, text: str) -> list:
    """Drop the pieces of a phone number that checks/urls.py masked only in part ("1-" before a
    masked "800-352-5267"): the phone is one number, the URL check's."""
    if not numbers:
        return numbers
    phones = [p for p in find_phones(text) if not any((n[0], n[1]) == (p[0], p[1]) for n in numbers)]
    if not phones:
        return numbers
    return [n for n in numbers if not any(p[0] <= n[0] and n[1] <= p[1] for p in phones)]


def _pair_off(numbers, others) -> tuple[list, list]:
    """Pair each number with the first free one of `others` that can have its value; return what
    is left unpaired on each side."""
    free = list(others)
    left = []
    for number in numbers:
        partner = next((o for o in free if o[3] & number[3]), None)
        if partner is None:
            left.append(number)
        else:
            free.remove(partner)
    return left, free


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with `spans` blanked out, offsets unchanged."""
    for start, end in spans:
        text = text[:start] + MASK * (end - start) + text[end:]
    return text


@checker(MISSING, EXTRA, CHANGED)
def numbers(pair):
    if not _DIGIT.search(pair.source) and not _DIGIT.search(pair.target):
        return
    source_citations, target_citations = compared_citations(pair)
    source_numbers = _outside_phones(find_numbers(_blank(pair.masked_source, source_citations)), pair.source)
    target_numbers = _outside_phones(find_numbers(_blank(pair.masked_target, target_citations)), pair.target)
    unmatched_source, unmatched_target = _pair_off(source_numbers, target_numbers)
    if unmatched_source or unmatched_target:
        # What is left may be written without digits on the other side ("zeven" for 7, "December"
        # for the 12 of 12月20日): those forms stand in for it, once each.
        segment = pair.segment
        source_language = segment.source_locale.language if segment.source_locale else "en"
        target_language = segment.target_locale.language if segment.target_locale else None
        # A phone number that checks/urls.py reads as a link is masked; its regrouped copy on the
        # other side (1 800 352 5267 for 800-352-5267) is the same number.
        if unmatched_source and target_language:
            unmatched_source, _ = _pair_off(unmatched_source, optional_numbers(pair.masked_target, target_language)
                                            + find_phones(pair.target))
        if unmatched_target:
            unmatched_target, _ = _pair_off(unmatched_target, optional_numbers(pair.masked_source, source_language)
                                            + find_phones(pair.source))
    if pair.segment.single_number_form and len(unmatched_source) == 1 and not unmatched_target:
        return  # a plural form for exactly one number may spell it out
    while unmatched_source and unmatched_target:
        src, tgt = unmatched_source.pop(0), unmatched_target.pop(0)
        yield Hit(CHANGED.id, f"number `{tgt[2]}` does not match the source's `{src[2]}`", tgt[0], tgt[1],
                  suggestion=f"use {src[2]} (in the target locale's format)", matched=tgt[2])
    for src in unmatched_source:
        yield Hit(MISSING.id, f"number `{src[2]}` is missing", suggestion=f"add {src[2]}", matched=src[2])
    if not source_numbers:
        # With no number in the source, a number in the translation writes out a word: 2月 for
        # February, "Thứ 3" for Tuesday, "1対1" for one-to-one.
        return
    for tgt in unmatched_target:
        yield Hit(EXTRA.id, f"number `{tgt[2]}` is not in the source", tgt[0], tgt[1],
                  suggestion="remove it or check the source", matched=tgt[2])
