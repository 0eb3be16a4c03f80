"""Offline spelling with Hunspell (`--spelling`, or a `spelling:` section in the config).

Only words of the target language are looked up: placeholders, tags, URLs and e-mail addresses are
never words; accepted terms (config `accept`, glossary and do-not-translate terms), words copied
unchanged from the source (names kept on purpose), acronyms (`DSGVO`), names written in mixed case
(`iPhone`, `PayPal`) and words in another script than the locale's (a Latin brand name in an Arabic
sentence) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.protected import WORD, accepted_spans, overlaps, source_words
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Locale, Severity

HUNSPELL = Rule(
    "spelling.hunspell", "spelling", Severity.WARNING,
    "A word the locale's Hunspell dictionary does not know (with --spelling).",
    "A misspelled word in a reply or an article looks careless to the customer and can change the "
    "meaning. The check runs offline with the locale's Hunspell dictionary. If the word is right (a "
    "product name, a new term), add it to `accept:` in l10n-qa.yaml or to the glossary. German "
    "compounds missing from the dictionary are the usual false alarm.",
    ("Track your order", "Bestelung verfolgen", "Bestellung verfolgen"),
)


@lru_cache(maxsize=64)
def _script_pattern(locale: Locale) -> regex.Pattern | None:
    from l10n_qa.services.hunspell import script_of

    script = script_of(locale)
    if not script:
        return None
    try:
        return regex.compile(rf"\p{{Script={script}}}")
    except regex.error:
        return None


def _name_like(word: str) -> bool:
    """An acronym (`DSGVO`) or a name in mixed case (`iPhone`, `PayPal`; each part of `E-Mail` counts alone)."""
    if word.isupper():
        return True
    return any(any(ch.isupper() for ch in part[1:]) for part in regex.split(r"['’\-]", word))


@checker(HUNSPELL)
def hunspell_spelling(pair: Pair) -> Iterator[Hit]:
    context = pair.context
    options = context.spelling
    locale = pair.segment.target_locale
    if options is None or locale is None:
        return
    from l10n_qa.services.hunspell import Dictionary, dictionary_for

    dictionary = dictionary_for(locale, options)
    if not isinstance(dictionary, Dictionary):
        context.notices.add(dictionary)
        return
    target = pair.target
    script = _script_pattern(locale)
    accepted = None
    copied = None
    for match in WORD.finditer(pair.masked_target):
        word = match.group()
        if len(word) < 2 or _name_like(word) or (script and not script.match(word)):
            continue
        if dictionary.knows(word):
            continue
        if copied is None:
            copied = source_words(pair)
            accepted = accepted_spans(target, context.accepted_terms)
        if word in copied or overlaps(match.start(), match.end(), accepted):
            continue
        suggestions = dictionary.suggest(word)
        advice = "if it is right (a name, a term), add it to `accept:` in l10n-qa.yaml"
        yield Hit(
            HUNSPELL.id, f"`{word}` is not in the {dictionary.name} dictionary", match.start(), match.end(),
            suggestion=(f"did you mean {' or '.join(f'`{s}`' for s in suggestions)}? " if suggestions else "") + advice,
            matched=word,
        )
