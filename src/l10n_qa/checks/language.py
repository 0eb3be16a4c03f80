"""Wrong-language text: a sentence of a translation that is written in another language.

An English sentence left inside a translated paragraph, or a whole paragraph pasted in the source
language, ships to customers as it is, and no other check sees it: the block is not a copy of the
source (completeness.untranslated), its placeholders and numbers match. Each long enough sentence
of the translation is given to lingua (lingua-language-detector: offline, its n-gram models ship in
the wheel), restricted to a few candidates, and reported when it is confidently not the target
language.

Cost, measured (2-core machine shared with other jobs): lingua's low-accuracy mode (trigram models
only) loads three languages in ~0.12 s and ~25 MB, then takes ~0.2 ms per sentence; the high-
accuracy mode took 2.4 s and 135 MB to load the same three, which one `check FILE` cannot afford.
On the sentences this check reads (long ones) low accuracy is enough. The detector is built on the
first sentence that needs it, once per process and set of candidates.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from l10n_qa.checks.masking import MASK
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

# A sentence must have at least this many words and letters to be judged: under that, n-gram
# language identification guesses (five-word UI strings such as "Django administration" or a
# title of names are not sentences with enough evidence), and short English that translations keep
# on purpose (a product name, a button label quoted as it appears) stays silent.
MIN_WORDS = 5
MIN_LETTERS = 30
# Reported only when the detector gives another language this share of the confidence (relative
# over the candidates) and the target language almost none.
MIN_CONFIDENCE = 0.99
MAX_TARGET_CONFIDENCE = 0.05
# The candidates besides the target and source languages: English, the pivot language most
# translations are made from, whose sentences are the ones most often left behind.
EXTRA_CANDIDATES = ("en",)

WRONG_LANGUAGE = Rule(
    "completeness.wrong-language", "completeness", Severity.WARNING,
    "A sentence of the translation is written in another language.",
    "A sentence left in English (or in the source language) inside a translated paragraph, or a whole "
    "paragraph in another language, reaches customers untranslated, and no other check sees it. Each "
    f"sentence of at least {MIN_WORDS} words and {MIN_LETTERS} letters (placeholders, tags, links and "
    "code left out) is identified with lingua, offline, among the target language, the source "
    "language and English; it is reported when it is another of them with at least "
    f"{MIN_CONFIDENCE:.0%} confidence. Shorter sentences are not judged: there is too little text to "
    "tell, and short names and labels are often kept on purpose. A block that is a copy of its source "
    "is completeness.untranslated's finding, not this one. Languages lingua does not know are not "
    "checked.",
    ("Click Save to continue.", "Klicken Sie auf Speichern. Click Save to keep your changes now.",
     "Klicken Sie auf Speichern. Ihre Änderungen bleiben dann erhalten."),
)

# Sentence ends: . ! ? and their CJK and Arabic forms, then space; and line breaks.
_SENTENCE_END = regex.compile(r"(?<=[.!?…。！？؟।])\s+|\n+|(?<=[。！？])")
_LETTER_RUN = regex.compile(r"\p{L}+")
# A sentence is another language's only if this share of its letters is in that language's script:
# "Αντιστοίχιση strings σε strings/nulls" keeps two English words in a Greek sentence.
MIN_SCRIPT_SHARE = 0.8
# Of the words of a sentence reported as English, at least this share are plain ASCII.
MIN_ENGLISH_ASCII_SHARE = 0.9
# CLDR's script codes (babel's likely subtags) that are not Unicode script codes.
_SCRIPT_LETTERS = {"Hans": "Hani", "Hant": "Hani", "Jpan": "Hani|Hira|Kana", "Kore": "Hang|Hani"}
_TWO_LETTERS = regex.compile(r"\p{L}{2,}")


@lru_cache(maxsize=None)
def _lingua_language(code: str):
    from lingua import IsoCode639_1, Language

    iso = getattr(IsoCode639_1, code.upper(), None)
    if iso is None:
        return None
    try:
        return Language.from_iso_code_639_1(iso)
    except ValueError:
        return None


@lru_cache(maxsize=None)
def _default_script(language: str) -> str | None:
    """The script a language is written in by default (CLDR likely subtags: sr → Cyrl)."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language)
    parts = likely.split("_") if likely else []
    return parts[1] if len(parts) > 1 else None


@lru_cache(maxsize=None)
def _script_letters(script: str):
    names = _SCRIPT_LETTERS.get(script, script)
    return regex.compile("|".join(rf"\p{{sc={name}}}" for name in names.split("|")))


def _script_share(text: str, language: str) -> float:
    script = _default_script(language)
    letters = sum(len(w) for w in _LETTER_RUN.findall(text))
    if script is None or not letters:
        return 0.0
    return len(_script_letters(script).findall(text)) / letters


@lru_cache(maxsize=32)
def _detector(languages: frozenset):
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, without the space around it."""
    spans = []
    position = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > position:
            spans.append((position, m.start()))
        position = m.end()
    if position < len(text):
        spans.append((position, len(text)))
    out = []
    for start, end in spans:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out


# A token that is code, a path or an identifier (allow_empty, flatpages/default.html, IPv4, v2.1):
# kept as it is in any language, and English-looking to a detector.
_CODE_TOKEN = regex.compile(r"\S*[\p{N}_/@\\]\S*|\S*\p{L}\.\p{L}\S*|\S*\p{Ll}\p{Lu}\S*")
# Quoted and parenthesized text: a term, a UI label or an option kept as it is ("source", «build»,
# (default: auto-detect)); the sentence around it tells its language.
_ASIDE = regex.compile(r'«[^»\n]*»|“[^”\n]*”|„[^“”\n]*[“”]|"[^"\n]*"|‹[^›\n]*›|「[^」\n]*」|『[^』\n]*』|\([^()\n]*\)')
_TOKEN_EDGES = "\"'“”‘’„«»‹›()[]{},;:!?.…–—-*•·|" + MASK


def _judged(sentence: str) -> str | None:
    """The words of a sentence that tell its language, or None if there are too few.

    Left out: protected text (placeholders, tags, links, code spans), quoted or parenthesized
    text, code-like tokens, and
    capitalized words inside the sentence, which are names kept in any language (OpenGIS
    Specification Geometry, True/False/None)."""
    kept = []
    for index, token in enumerate(_ASIDE.sub(" ", sentence.replace(MASK, " ")).split()):
        if _CODE_TOKEN.fullmatch(token):
            continue
        word = token.strip(_TOKEN_EDGES)
        if not word or (kept and word[0].isupper()) or (index and not kept and word[0].isupper()):
            continue
        kept.append(word)
    words = [w for w in kept if len(_TWO_LETTERS.findall(w))]
    if len(words) < MIN_WORDS or sum(len(w) for w in _LETTER_RUN.findall(" ".join(words))) < MIN_LETTERS:
        return None
    return " ".join(words)


def _looks_english(words: str) -> bool:
    """English words are written in Basic Latin: a sentence with many words that are not
    (Introduceți, adresă, validă) is not English, whatever trigrams say."""
    tokens = words.split()
    plain = sum(1 for t in tokens if t.isascii())
    return plain >= MIN_ENGLISH_ASCII_SHARE * len(tokens)


@checker(WRONG_LANGUAGE)
def wrong_language(pair):
    seg = pair.segment
    if seg.target_locale is None or seg.source_locale is None or not pair.is_translation:
        return
    target, source = seg.target_locale.language, seg.source_locale.language
    if target == source:
        return  # en-GB from en: the same language, nothing to tell apart
    target_language = _lingua_language(target)
    if target_language is None:
        return
    script = seg.target_locale.script
    if script and script != _default_script(target):
        return  # lingua models a language in its default script: Serbian in Cyrillic, not sr-Latn
    text = pair.masked_target
    pieces = [(start, end, _judged(text[start:end])) for start, end in sentences(text)]
    pieces = [(start, end, words) for start, end, words in pieces if words]
    if not pieces:
        return
    candidates = {target_language}
    for code in (source, *EXTRA_CANDIDATES):
        language = _lingua_language(code)
        if language is not None:
            candidates.add(language)
    if len(candidates) < 2:
        return
    detector = _detector(frozenset(candidates))
    names = {language: language.name.capitalize() for language in candidates}
    for start, end, words in pieces:
        values = detector.compute_language_confidence_values(words)
        if not values:
            continue
        best = values[0]
        target_share = next((v.value for v in values if v.language == target_language), 0.0)
        if best.language == target_language or best.value < MIN_CONFIDENCE or target_share > MAX_TARGET_CONFIDENCE:
            continue
        code = best.language.iso_code_639_1.name.lower()
        if _script_share(words, code) < MIN_SCRIPT_SHARE or (code == "en" and not _looks_english(words)):
            continue
        yield Hit(WRONG_LANGUAGE.id,
                  f"this sentence is in {names[best.language]}, not {names[target_language]} "
                  f"({best.value:.0%} confidence)", start, end,
                  suggestion=f"translate it into {names[target_language]}",
                  matched=seg.target[start:end][:80])
