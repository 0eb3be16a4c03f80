"""Many patterns, one pass: the compiled matcher every pack (glossary, culture, legal) uses.

A `Pattern` is a literal term or a regular expression with its matching options. `Matcher.compile`
turns any number of them into an index for one language, built once per run:

* spaced languages: a trie over the keys (stems) of the patterns' words: from each word of the
  text, one dict lookup per word of the longest pattern that starts there, so the cost does not
  grow with the number of patterns (10,000 terms starting with "order" cost what one does).
* spaceless scripts: an Aho–Corasick automaton (pyahocorasick) over the folded characters: one pass
  over the text whatever the number of patterns.
* regular expressions: tried one by one (with a timeout), so their cost does grow with their number;
  packs use them for what a literal cannot say, and glossaries rarely need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from l10n_qa import user_regex
from l10n_qa.packs.text import Profile, TextView, Token, fold, is_boundary, profile, stem_key, tokenize

# In compound-writing languages, how short an approved term may be and still count inside a compound.
_MIN_COMPOUND_PART = 4


class PatternError(ValueError):
    pass


class Pattern:
    """Something to find in a text.

    `text` is a literal term (matched word by word, or as a substring in spaceless scripts) or, with
    `is_regex`, a regular expression (the `regex` module's syntax, matched at word boundaries).
    `inflect`: also match other inflected forms (same Snowball stem per word). `case_sensitive`:
    the letters that the term and the text share must have the same case ("API" does not match
    "api", but "APIs" matches "API"). `payload` is the caller's: what the pattern stands for.
    (A plain class rather than a frozen dataclass: compiling a large glossary creates 100,000s.)
    """

    __slots__ = ("text", "payload", "is_regex", "case_sensitive", "inflect")

    def __init__(self, text: str, payload: Any = None, is_regex: bool = False, case_sensitive: bool = False,
                 inflect: bool = True):
        self.text = text
        self.payload = payload
        self.is_regex = is_regex
        self.case_sensitive = case_sensitive
        self.inflect = inflect

    def __repr__(self) -> str:
        return (f"Pattern({self.text!r}, regex={self.is_regex}, case_sensitive={self.case_sensitive}, "
                f"inflect={self.inflect})")


class Match(NamedTuple):
    start: int
    end: int
    pattern: Pattern
    text: str  # the matched text as written


@dataclass(slots=True)
class _Literal:
    pattern: Pattern
    words: tuple[tuple[str, str, str], ...]  # (surface, fold, key) per word of the term


class _Node:
    """A trie node: the literals whose word keys end here, and the next words' nodes."""

    __slots__ = ("ends", "children")

    def __init__(self) -> None:
        self.ends: list[_Literal] = []
        self.children: dict[str, _Node] = {}


@dataclass(slots=True)
class Matcher:
    profile: Profile
    index: dict[str, _Node] = field(default_factory=dict)
    automaton: Any = None  # pyahocorasick.Automaton: folded term → [(pattern, term as written)]
    regexes: list[tuple[Pattern, Any]] = field(default_factory=list)
    literals: list[_Literal] = field(default_factory=list)  # for compound matching (small matchers only)

    @classmethod
    def compile(cls, patterns: Iterable[Pattern], language: str) -> "Matcher":
        """Index `patterns` for texts in `language`; raises PatternError for a bad regex."""
        prof = profile(language)
        matcher = cls(prof)
        substrings: dict[str, list[tuple[Pattern, str]]] = {}
        for pattern in patterns:
            if pattern.is_regex:
                matcher.regexes.append((pattern, _compile_regex(pattern, prof)))
                continue
            term = pattern.text.strip()
            if not term:
                continue
            if prof.spaceless:
                substrings.setdefault(term.lower(), []).append((pattern, term))
                continue
            words = _term_words(term, prof)
            if not words:  # no letters at all (a symbol): find it as a regex literal
                literal = Pattern(regex.escape(term), pattern.payload, True, pattern.case_sensitive, False)
                matcher.regexes.append((pattern, _compile_regex(literal, prof)))
                continue
            entry = _Literal(pattern, words)
            node = matcher.index.get(words[0][2])
            if node is None:
                node = matcher.index[words[0][2]] = _Node()
            for word in words[1:]:
                child = node.children.get(word[2])
                if child is None:
                    child = node.children[word[2]] = _Node()
                node = child
            node.ends.append(entry)
            matcher.literals.append(entry)
        if substrings:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for key, values in substrings.items():
                automaton.add_word(key, (len(key), values))
            automaton.make_automaton()
            matcher.automaton = automaton
        return matcher

    def __bool__(self) -> bool:
        return bool(self.index or self.automaton is not None or self.regexes)

    def find(self, view: TextView, compounds: bool = False) -> list[Match]:
        """Every occurrence of every pattern in the text (overlapping ones included).

        `compounds`: in languages that write compounds as one word, a one-word literal also matches
        as the first or last part of a longer word. It scans every literal, so it is meant for the
        small matchers that hold the approved terms of one entry, never for a whole glossary.
        """
        found: list[Match] = []
        if self.profile.spaceless:
            if self.automaton is not None:
                self._find_substrings(view, found)
        elif self.index:
            self._find_words(view, found, compounds and bool(self.profile.compounds or self.profile.prefixes))
        for pattern, compiled in self.regexes:
            # Time-limited per text and per run; a timeout is a notice, not a hung run (user_regex.py).
            for m in user_regex.finditer(compiled, view.text, f"glossary pattern {pattern.text!r}"):
                if m.end() > m.start():
                    found.append(Match(m.start(), m.end(), pattern, m.group()))
        return found

    def _find_words(self, view: TextView, found: list[Match], compounds: bool) -> None:
        tokens = view.tokens
        text = view.text
        index = self.index
        last = len(tokens) - 1
        for position, token in enumerate(tokens):
            node = index.get(token[4])
            end = position
            while node is not None:
                for literal in node.ends:
                    if _same_words(tokens, position, literal):
                        found.append(Match(token[0], tokens[end][1], literal.pattern, text[token[0]:tokens[end][1]]))
                if end == last or not tokens[end][5] or not node.children:
                    break  # punctuation before the next word: a term does not continue across it
                end += 1
                node = node.children.get(tokens[end][4])
            if compounds:
                self._find_in_compound(token, found, text)

    def _find_in_compound(self, token: Token, found: list[Match], text: str) -> None:
        key, folded = token[4], token[3]
        prefixes = self.profile.prefixes
        for literal in self.literals:
            if len(literal.words) != 1 or literal.pattern.case_sensitive:
                continue
            _, word_fold, word_key = literal.words[0]
            if key == word_key:
                continue  # already found as a whole word
            if prefixes:  # Hebrew, Arabic: the term behind one to three particles, maybe in the plural
                matched = any(_prefixed(whole, part, prefixes, self.profile.endings)
                              for whole, part in ((folded, word_fold), (key, word_key)))
            else:  # compounds: the term as the first or the last part of a longer word
                matched = len(word_key) >= _MIN_COMPOUND_PART and (
                    key.startswith(word_key) or key.endswith(word_key) or folded.endswith(word_fold))
            if matched:
                found.append(Match(token[0], token[1], literal.pattern, text[token[0]:token[1]]))

    def _find_substrings(self, view: TextView, found: list[Match]) -> None:
        text = view.text
        for folded_end, (length, values) in self.automaton.iter(view.folded):
            start = view.original(folded_end + 1 - length)
            end = view.original_end(folded_end + 1)
            if not is_boundary(text, start, end):
                continue
            written = text[start:end]
            for pattern, term in values:
                if pattern.case_sensitive and not _same_case(written, term):
                    continue
                found.append(Match(start, end, pattern, written))


@lru_cache(maxsize=200_000)
def _term_words(term: str, prof: Profile) -> tuple[tuple[str, str, str], ...]:
    """(surface, fold, key) per word of a term; cached, as each target locale compiles the same source terms."""
    return tuple((t[2], t[3], t[4]) for t in tokenize(term, prof))


def _prefixed(whole: str, part: str, prefixes: tuple[str, ...], endings: tuple[tuple[str, str], ...]) -> bool:
    """Whether `whole` is `part` with one to three clitic prefixes, or with a plural ending and none
    to three prefixes ("ההחזרים" = ה + החזר + ים)."""
    for drop, add in (("", ""), *endings):
        if drop and not part.endswith(drop):
            continue
        inflected = (part[: len(part) - len(drop)] if drop else part) + add
        if len(inflected) < 2 or not whole.endswith(inflected):
            continue
        head = whole[: len(whole) - len(inflected)]
        if (head or add) and _clitics(head, prefixes, 3):
            return True
    return False


def _clitics(head: str, prefixes: tuple[str, ...], most: int) -> bool:
    """Whether `head` is a run of at most `most` clitics (the empty run included)."""
    if not head:
        return True
    return most > 0 and any(head.startswith(p) and _clitics(head[len(p):], prefixes, most - 1) for p in prefixes)


def _same_words(tokens: Sequence[Token], position: int, literal: _Literal) -> bool:
    """The trie matched the word keys (stems); check what else the pattern asks: the exact word
    (no inflection) and the letter case."""
    pattern = literal.pattern
    if pattern.inflect and not pattern.case_sensitive:
        return True
    for offset, (surface, word_fold, _) in enumerate(literal.words):
        token = tokens[position + offset]
        if not pattern.inflect and token[3] != word_fold:
            return False
        if pattern.case_sensitive and not _same_case(token[2], surface):
            return False
    return True


def _same_case(written: str, term: str) -> bool:
    """Case agrees on the letters the two share: "APIs" vs "API" yes, "Api" vs "API" no."""
    shared = 0
    for a, b in zip(written, term):
        if a.lower() != b.lower():
            break
        shared += 1
    return written[:shared] == term[:shared]


def _compile_regex(pattern: Pattern, prof: Profile):
    flags = regex.V0 | (0 if pattern.case_sensitive else regex.IGNORECASE)
    source = pattern.text
    if not prof.spaceless:  # whole words only, as for literals
        source = rf"(?<![\w\p{{M}}])(?:{source})(?![\w\p{{M}}])"
    try:
        user_regex.check_size(pattern.text)
        return regex.compile(source, flags)
    except user_regex.PatternTooLarge as exc:
        raise PatternError(f"regular expression {pattern.text[:60]!r}: {exc}") from None
    except regex.error as exc:
        raise PatternError(f"invalid regular expression {pattern.text!r}: {exc}") from None


def longest(matches: Iterable[Match]) -> list[Match]:
    """Drop every match that lies inside a longer one ("password" inside "password reset");
    matches with the same span are all kept (homographs: "chat" the noun and the verb)."""
    # Grouped by span and swept with the farthest end kept so far: linear after the sort. Comparing
    # each match with every kept one was quadratic when a glossary repeats a term (D72: 20,000 rows
    # of one term, 30 s).
    by_span: dict[tuple[int, int], list[Match]] = {}
    for match in matches:
        by_span.setdefault((match.start, match.end), []).append(match)
    kept: list[Match] = []
    reach = -1  # the farthest end of a kept span
    for start, end in sorted(by_span, key=lambda span: (span[0], span[0] - span[1])):
        # Spans come by start, longer first: one reaching past `start` to `end` or beyond is longer.
        if reach > start and reach >= end:
            continue
        kept.extend(by_span[start, end])
        reach = max(reach, end)
    return kept


def analyse(text: str, language: str) -> TextView:
    return TextView(text, language)


__all__ = ["Match", "Matcher", "Pattern", "PatternError", "analyse", "fold", "longest", "stem_key"]
