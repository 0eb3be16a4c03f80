"""How the rule engine reads a text in a given language: words, their keys, or folded characters.

Two strategies, chosen by language:

* Languages written with spaces are split into word tokens. Each token has a *fold* (case-folded,
  with Arabic and Hebrew vowel marks removed) for exact matching, and a *key* for inflection-aware
  matching: the fold reduced to its stem by the Snowball stemmer of that language (snowballstemmer),
  so "refunds", "refunded" and "refund" share the key "refund", and "Rückerstattungen" the key of
  "Rückerstattung". Languages without a stemmer use the fold as key.
* Languages written without spaces between words (Japanese, Chinese, Thai, …, and Korean, whose
  particles attach to nouns) are matched on the case-folded characters, as substrings.

A `TextView` is computed once per text and language and shared by every matcher that reads it
(glossaries, culture and legal packs), so the per-segment cost of all of them is one tokenisation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# ISO 639-1/-3 code → Snowball algorithm name (snowballstemmer.algorithms()).
_STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish",
    "fr": "french", "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian",
    "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali",
    "nb": "norwegian", "nn": "norwegian", "no": "norwegian", "fa": "persian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}
# Written without spaces between words: match substrings of the folded text.
SPACELESS_LANGUAGES = frozenset({"ja", "zh", "yue", "wuu", "th", "lo", "km", "my", "bo", "dz", "ko"})
# Languages that write compounds as one word: an approved term is also recognised as the first or
# last part of a compound ("Bestellnummer" uses "Bestellung", "Kundenkonto" uses "Konto").
COMPOUNDING_LANGUAGES = frozenset({"de", "nl", "sv", "da", "nb", "nn", "no", "is", "fi", "lb", "af"})
# Particles written as prefixes of the next word, per language: Hebrew ו ה ב כ ל מ ש ("בחשבון": in
# the account; "ההחזרים": the refunds); Arabic the article ال, the conjunctions و ف, the prepositions
# ب ل ك, and ل + ال written لل ("للحساب": for the account). A term is also recognised behind up to
# three of them (there is no Hebrew stemmer, and the Arabic one does not always remove them).
CLITIC_PREFIXES: dict[str, tuple[str, ...]] = {
    "he": tuple("והבכלמש"),
    "ar": ("ال", "لل", "و", "ف", "ب", "ل", "ك"),
}
# Plural (and Arabic dual) endings as (end of the dictionary form, end of the inflected form):
# Hebrew -ים and -ות, and -ה → -ות ("הזמנה" → "הזמנות"); Arabic sound plurals -ون/-ين, -ات and
# ة → ات ("مشكلة" → "مشكلات"), dual -ان. Broken plurals (فاتورة → فواتير) are not endings: list them
# as variants in the glossary.
PLURAL_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "he": (("", "ים"), ("", "ות"), ("ה", "ות")),
    "ar": (("", "ون"), ("", "ين"), ("", "ات"), ("ة", "ات"), ("", "ان")),
}
# Snowball's Spanish, Portuguese and Catalan stemmers keep the plural -s after a stressed vowel or a
# consonant ("días", "tickets"); the key drops it, so singular and plural share a key.
_PLURAL_S = frozenset({"es", "pt", "ca", "gl"})
# Arabic-script and Hebrew text is written with or without vowel marks and tatweel; match without.
_MARKED_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "sd", "ug", "ckb", "ku", "he", "yi"})
_MARKS = regex.compile(r"[\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")

# A word: letters, combining marks, digits, and the joiners Persian and Indic scripts use inside words.
WORD = regex.compile(r"[\w\p{M}\u200c\u200d]+")
# What may stand between the words of one multi-word term: spaces, hyphens, apostrophes.
_JOINING = " \t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u3000-\u00ad\u2010\u2011'\u2019\u02bc"

# Scripts written without spaces, for word boundaries of Latin terms inside e.g. Japanese text.
_SPACELESS_SCRIPT = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}\u30fc\uff66-\uff9f]")


_PLURAL_S_ALGORITHMS = frozenset(_STEMMERS[lang] for lang in _PLURAL_S if lang in _STEMMERS)


def language_of(tag: str | None) -> str:
    """`de-CH` → `de`; the engine's language decisions only need the primary subtag."""
    return (tag or "").split("-")[0].split("_")[0].lower()


@dataclass(frozen=True, slots=True)
class Profile:
    language: str
    spaceless: bool
    compounds: bool
    stemmer: str | None
    prefixes: tuple[str, ...] = ()  # clitics written before a word (Hebrew, Arabic)
    endings: tuple[tuple[str, str], ...] = ()  # plural endings a term may take behind those clitics


@lru_cache(maxsize=None)
def profile(language: str) -> Profile:
    language = language_of(language)
    return Profile(language, language in SPACELESS_LANGUAGES, language in COMPOUNDING_LANGUAGES,
                   _STEMMERS.get(language), CLITIC_PREFIXES.get(language, ()), PLURAL_ENDINGS.get(language, ()))


class _Stems:
    """Stem lookups, cached per word: text repeats the same words, and stemming is the costly step."""

    def __init__(self, algorithm: str, plural_s: bool = False):
        import snowballstemmer

        self._stem = snowballstemmer.stemmer(algorithm).stemWord
        self._plural_s = plural_s
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            stem = self._stem(word) or word
            if self._plural_s and len(stem) > 3 and stem.endswith("s"):
                stem = stem[:-1]
            self._cache[word] = stem
        return stem


@lru_cache(maxsize=None)
def _stems(algorithm: str) -> _Stems:
    return _Stems(algorithm, algorithm in _PLURAL_S_ALGORITHMS)


def fold(text: str, language: str) -> str:
    """Lower-cased, NFC, without Arabic/Hebrew vowel marks: the form exact matching compares.

    lower(), not casefold(): casefold() makes "Straße" equal "Strasse", and Swiss German
    glossaries need to tell them apart."""
    folded = unicodedata.normalize("NFC", text).lower()
    if language in _MARKED_LANGUAGES:
        folded = _MARKS.sub("", folded)
    return folded


def stem_key(folded: str, prof: Profile) -> str:
    return _stems(prof.stemmer)(folded) if prof.stemmer else folded


class Token(tuple):
    """(start, end, surface, fold, key, joined): `joined` is whether the next word follows with
    only a space, hyphen or apostrophe between them, so a multi-word term may continue into it."""

    __slots__ = ()
    start = property(lambda self: self[0])
    end = property(lambda self: self[1])
    surface = property(lambda self: self[2])
    fold = property(lambda self: self[3])
    key = property(lambda self: self[4])
    joined = property(lambda self: self[5])


def tokenize(text: str, prof: Profile) -> list[Token]:
    spans = [m.span() for m in WORD.finditer(text)]
    tokens = []
    language = prof.language
    stems = _stems(prof.stemmer) if prof.stemmer else None
    # Per-word NFC is needed only when the text is not NFC already (rare: decomposed accents).
    simple = unicodedata.is_normalized("NFC", text) and language not in _MARKED_LANGUAGES
    last = len(spans) - 1
    for index, (start, end) in enumerate(spans):
        surface = text[start:end]
        folded = surface.lower() if simple else fold(surface, language)
        key = stems(folded) if stems else folded
        joined = index < last and not text[end:spans[index + 1][0]].strip(_JOINING)
        tokens.append(Token((start, end, surface, folded, key, joined)))
    return tokens


class TextView:
    """A text as the matchers read it, computed once: tokens, or folded characters for spaceless scripts."""

    __slots__ = ("text", "profile", "_tokens", "_folded", "_offsets")

    def __init__(self, text: str, language: str):
        self.text = text
        self.profile = profile(language)
        self._tokens: list[Token] | None = None
        self._folded: str | None = None
        self._offsets: list[int] | None = None

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokenize(self.text, self.profile)
        return self._tokens

    @property
    def folded(self) -> str:
        """The lower-cased text for substring matching; `original()` maps its offsets back."""
        if self._folded is None:
            folded = self.text.lower()
            if len(folded) != len(self.text):  # "İ" → "i̇": remember where each character came from
                pieces, offsets = [], []
                for index, char in enumerate(self.text):
                    piece = char.lower()
                    pieces.append(piece)
                    offsets.extend([index] * len(piece))
                offsets.append(len(self.text))
                folded = "".join(pieces)
                self._offsets = offsets
            self._folded = folded
        return self._folded

    def original(self, folded_offset: int) -> int:
        return self._offsets[folded_offset] if self._offsets is not None else folded_offset

    def original_end(self, folded_end: int) -> int:
        if self._offsets is None:
            return folded_end
        return self._offsets[folded_end - 1] + 1 if folded_end > 0 else 0


def is_boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not glued to a neighbouring word written with spaces.

    In spaceless text a term may touch anything written in that script ("返金は"), but a Latin
    brand name must not be the inside of a longer Latin word ("Pay" in "PayPal").
    """
    if start > 0 and _glued(text[start - 1], text[start]):
        return False
    if end < len(text) and _glued(text[end - 1], text[end]):
        return False
    return True


def _glued(left: str, right: str) -> bool:
    return (_wordish(left) and _wordish(right))


def _wordish(char: str) -> bool:
    return (char.isalnum() or unicodedata.category(char).startswith("M")) and not _SPACELESS_SCRIPT.match(char)
