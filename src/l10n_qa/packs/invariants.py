"""What a translated policy must keep: the legal entity's name and the dates it states.

* Legal entity names: a capitalised name followed by a company form (GmbH, Ltd, Inc., S.A., B.V.,
  Sp. z o.o., …) is a registered name and appears in the translation exactly as in the source.
* Dates written with a month name ("1 March 2025", "1. März 2025", "2025年3月1日"): month and year
  must agree. Month names per language come from CLDR (babel); the day and the digits of a date are
  compared by the number check already.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import regex

from l10n_qa.packs.text import SPACELESS_LANGUAGES, language_of

# Company forms written after the name. Trailing dots are optional where both spellings are common.
_FORMS = (r"GmbH\s?&\s?Co\.\s?KG|GmbH|gGmbH|AG|KG|SE|Ltd\.?|Limited|plc|PLC|Inc\.?|LLC|LLP|L\.L\.C\.|S\.A\.S\.?|SAS|SARL|"
          r"S\.à\s?r\.l\.|S\.A\.|SA|B\.V\.|BV|N\.V\.|NV|S\.r\.l\.|S\.p\.A\.|S\.L\.|S\.L\.U\.|Sp\.\s?z\s?o\.\s?o\.|"
          r"AB|A/S|ApS|Oy|Lda\.?|Ltda\.?")
_ENTITY = regex.compile(rf"(?<![\w&])(?:\p{{Lu}}[\w&'’.-]*\s+){{1,4}}(?:{_FORMS})(?![\w])")


class Found(NamedTuple):
    start: int
    end: int
    text: str
    value: tuple


def entity_names(text: str) -> list[Found]:
    return [Found(m.start(), m.end(), m.group(), (m.group(),)) for m in _ENTITY.finditer(text)]


def kept(name: Found, target: str) -> bool:
    """Whether the target has the name, or its end with at least one word before the company form
    (the source match may start with a capitalised word that is not part of the name: "Contact Example Ltd")."""
    words = name.text.split()
    return any(" ".join(words[i:]) in target for i in range(len(words) - 1))


@lru_cache(maxsize=64)
def _months(language: str):
    """An expression that finds the month names of a language, and name → month number."""
    try:
        from babel import Locale as BabelLocale
        from babel.dates import get_month_names

        BabelLocale.parse(language.replace("-", "_"))
    except Exception:  # babel has no such locale: no dates are read in this language
        return None, {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for month, name in get_month_names("wide", context, locale=language.replace("-", "_")).items():
            names.setdefault(name.casefold(), month)
    alternatives = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    if language_of(language) in SPACELESS_LANGUAGES:  # 2025年3月1日: the month touches the year
        return regex.compile(rf"(?<!\d)(?:{alternatives})", regex.IGNORECASE), names
    return regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE), names


_YEAR_AFTER = regex.compile(r"[\s,.]{0,3}(?:de\s+|del\s+|\s)?(?P<y>\d{4})(?!\d)")
_YEAR_BEFORE = regex.compile(r"(?<!\d)(?P<y>\d{4})\s?年?\s?$")


def dates(text: str, language: str) -> list[Found]:
    """(month, year) of every date written with a month name and a year."""
    if not regex.search(r"\d{4}", text):
        return []
    expression, names = _months(language)
    if expression is None:
        return []
    found = []
    for match in expression.finditer(text):
        month = names[match.group().casefold()]
        after = _YEAR_AFTER.match(text, match.end())
        if after:
            found.append(Found(match.start(), after.end(), text[match.start():after.end()], (month, after.group("y"))))
            continue
        before = _YEAR_BEFORE.search(text[max(0, match.start() - 8):match.start()])
        if before:
            start = match.start() - (8 if match.start() >= 8 else match.start()) + before.start()
            found.append(Found(start, match.end(), text[start:match.end()], (month, before.group("y"))))
    return found


def differences(source: list[Found], target: list[Found]) -> Iterator[tuple[Found | None, Found | None]]:
    """Pairs (in the source, in the target) that do not agree: a changed value, or one side missing."""
    target_left = list(target)
    missing = []
    for item in source:
        same = next((t for t in target_left if t.value == item.value), None)
        if same is not None:
            target_left.remove(same)
        else:
            missing.append(item)
    for index, item in enumerate(missing):
        yield item, (target_left[index] if index < len(target_left) else None)
    for item in target_left[len(missing):]:
        yield None, item
