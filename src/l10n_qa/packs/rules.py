"""The rule primitives that glossaries, culture packs and legal lists compile into (design §4).

* `Concept`: something the source may mention (source patterns, minus phrases where the words mean
  something else: "in order to" is not an order).
* `Require`: if the source mentions the concept, the target must contain one of `accept` (an
  approved term, a do-not-translate name kept as is, the official legal term). With `count`, the
  target must also use it as often as the source mentions it.
* `Forbid`: the target must not contain any of `patterns`, either always (`concept=None`: a banned
  greeting, a deprecated name) or only where the source mentions `concept` (a wrong translation of
  that concept, which may be right elsewhere: 口座 is a bank account, not a user account).

Each rule has an id, a scope (languages/regions/markets, content types), message, suggestion and
an origin (file, line, name) so a finding can say where it comes from. `RuleSet` compiles a list of
rules for one source language and one target language into two matchers (one over all source
patterns, one over all forbidden target patterns) and evaluates a segment pair with them.

Overlaps are resolved the way a reader would: in the source, a longer concept wins over the shorter
one inside it ("bank account" over "account"); in the target, a forbidden term inside an accepted
one is not reported (口座 inside 銀行口座, when "bank account" is the concept that the source mentions).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from l10n_qa.packs.matcher import Match, Matcher, Pattern, longest
from l10n_qa.packs.text import TextView, language_of


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a rule was written: the pack (glossary) id, its file as shown, the line, the entry name."""

    pack: str
    path: str
    line: int | None = None
    name: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a rule applies. Empty means everywhere.

    `locales`: tags or languages of the target ("de" covers de-DE and de-CH, "de-CH" only de-CH).
    `regions`: markets, as region subtags ("SA", "AE"), matched against the target's region or an
    explicit market. `content_types`: article, reply, policy, ui.
    """

    locales: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    content_types: frozenset[str] = frozenset()

    def applies(self, locale, market: str | None = None) -> bool:
        if self.locales:
            if locale is None:
                return False
            tags = {loc.tag.lower() for loc in locale.fallbacks}
            if not any(wanted.lower() in tags for wanted in self.locales):
                return False
        if self.regions:
            region = market or (locale.region if locale is not None else None)
            if region is None or region.upper() not in self.regions:
                return False
        return True

    def allows(self, content_type: str | None) -> bool:
        return not self.content_types or content_type in self.content_types


@dataclass(frozen=True, eq=False, slots=True)
class Concept:
    id: str
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...] = ()


@dataclass(frozen=True, eq=False, slots=True)
class Require:
    rule: str
    concept: Concept
    accept: tuple[Pattern, ...]
    count: bool = False
    message: str = ""
    suggestion: str = ""
    origin: Origin | None = None
    scope: Scope = Scope()
    data: Any = None  # the caller's own object (e.g. the glossary entry)


@dataclass(frozen=True, eq=False, slots=True)
class Forbid:
    rule: str
    patterns: tuple[Pattern, ...]
    concept: Concept | None = None
    message: str = ""
    suggestion: str = ""
    origin: Origin | None = None
    scope: Scope = Scope()
    data: Any = None


class Violation(NamedTuple):
    """A rule broken by a segment pair.

    kind "missing": a Require's concept is in the source (`source` is where) and none of its accepted
    forms is in the target (start/end None). kind "count": accepted forms are there, but fewer than
    the source mentions (`source_count`, `target_count`). kind "forbidden": `target` is the span of
    a forbidden pattern in the target.
    """

    kind: str
    rule: Require | Forbid
    source: Match | None = None
    target: Match | None = None
    source_count: int = 0
    target_count: int = 0


@dataclass(slots=True)
class RuleSet:
    """Rules compiled for one source language and one target language; build once, evaluate often."""

    source_language: str
    target_language: str
    requires: list[Require]
    forbids: list[Forbid]
    source_matcher: Matcher
    forbid_matcher: Matcher
    requires_by_concept: dict[int, list[int]] = field(default_factory=dict)
    _accept: dict[int, Matcher] = field(default_factory=dict)
    # The content types some rule applies to; None: a rule applies to every content type.
    content_types: frozenset[str] | None = None

    @classmethod
    def compile(cls, rules: Iterable[Require | Forbid], source_language: str, target_language: str) -> "RuleSet":
        rules = list(rules)
        requires = [r for r in rules if isinstance(r, Require)]
        forbids = [r for r in rules if isinstance(r, Forbid)]
        concepts: dict[int, Concept] = {}
        for rule in (*requires, *forbids):
            if rule.concept is not None:
                concepts.setdefault(id(rule.concept), rule.concept)
        source_patterns = []
        for concept_id, concept in concepts.items():
            source_patterns += [_tag(p, (concept_id, False)) for p in concept.patterns]
            source_patterns += [_tag(p, (concept_id, True)) for p in concept.unless]
        forbid_patterns = [_tag(p, index) for index, rule in enumerate(forbids) for p in rule.patterns]
        ruleset = cls(
            source_language=language_of(source_language), target_language=language_of(target_language),
            requires=requires, forbids=forbids,
            source_matcher=Matcher.compile(source_patterns, source_language),
            forbid_matcher=Matcher.compile(forbid_patterns, target_language),
        )
        for index, rule in enumerate(requires):
            ruleset.requires_by_concept.setdefault(id(rule.concept), []).append(index)
        scoped = [rule.scope.content_types for rule in (*requires, *forbids)]
        if scoped and all(scoped):
            ruleset.content_types = frozenset().union(*scoped)
        return ruleset

    def serves(self, content_type: str | None) -> bool:
        """Whether any rule applies to this content type: if none does, a segment needs no reading."""
        return self.content_types is None or content_type in self.content_types

    def __bool__(self) -> bool:
        return bool(self.requires or self.forbids)

    def accept_matcher(self, index: int) -> Matcher:
        """The target-side matcher of one Require, compiled when first needed."""
        matcher = self._accept.get(index)
        if matcher is None:
            matcher = self._accept[index] = Matcher.compile(self.requires[index].accept, self.target_language)
        return matcher

    def mentioned(self, source: TextView) -> dict[int, list[Match]]:
        """Concept id → where the source mentions it (longest mentions win, exceptions removed)."""
        if not self.source_matcher:
            return {}
        found = self.source_matcher.find(source)
        if not found:
            return {}
        unless: dict[int, list[Match]] = {}
        candidates = []
        for match in found:
            concept_id, is_exception = match.pattern.payload[0]
            if is_exception:
                unless.setdefault(concept_id, []).append(match)
            else:
                candidates.append(match)
        if unless:
            candidates = [m for m in candidates
                          if not any(u.start <= m.start and m.end <= u.end for u in unless.get(m.pattern.payload[0][0], ()))]
        mentioned: dict[int, list[Match]] = {}
        for match in longest(candidates):
            mentioned.setdefault(match.pattern.payload[0][0], []).append(match)
        return mentioned

    def evaluate(self, source: TextView, target: TextView, content_type: str | None = None) -> list[Violation]:
        mentioned = self.mentioned(source)
        accepted: dict[int, list[Match]] = {}

        def accepted_in_target(index: int) -> list[Match]:
            if index not in accepted:
                accepted[index] = self.accept_matcher(index).find(target, compounds=True)
            return accepted[index]

        violations: list[Violation] = []
        # Concepts mentioned at the same place (homographs: "chat" the noun and the verb) are
        # satisfied together: any accepted form of any of them will do.
        by_span: dict[tuple[int, int], list[int]] = {}
        first_mention: dict[int, Match] = {}
        for concept_id, matches in mentioned.items():
            for match in matches:
                for index in self.requires_by_concept.get(concept_id, ()):
                    if self.requires[index].scope.allows(content_type):
                        by_span.setdefault((match.start, match.end), []).append(index)
                        first_mention.setdefault(index, _untagged_match(match))
        missing: set[int] = set()
        for indexes in by_span.values():
            if not any(accepted_in_target(i) for i in indexes):
                missing.update(indexes)
        forbidden = self._forbidden(target, mentioned, content_type, accepted_in_target)
        banned_concepts = {id(v.rule.concept) for v in forbidden if v.rule.concept is not None}
        for index in sorted(missing, key=lambda i: (first_mention[i].start, i)):
            rule = self.requires[index]
            if id(rule.concept) not in banned_concepts:  # the forbidden-term finding already says what to use
                violations.append(Violation("missing", rule, source=first_mention[index]))
        for index in sorted(first_mention):
            rule = self.requires[index]
            if not rule.count or index in missing:
                continue
            source_count = _spans(mentioned.get(id(rule.concept), ()))
            target_count = _spans(longest(accepted_in_target(index)))
            if 0 < target_count < source_count:
                violations.append(Violation("count", rule, source=first_mention[index],
                                            source_count=source_count, target_count=target_count))
        violations.extend(forbidden)
        return violations

    def _forbidden(self, target: TextView, mentioned, content_type, accepted_in_target) -> list[Violation]:
        if not self.forbid_matcher:
            return []
        found = []
        for match in self.forbid_matcher.find(target):
            rule = self.forbids[match.pattern.payload[0]]
            if rule.concept is not None and id(rule.concept) not in mentioned:
                continue
            if rule.scope.allows(content_type):
                found.append(match)
        if not found:
            return []
        # What the target rightly says for the concepts the source mentions shadows forbidden
        # words inside it.
        shields = [m for concept_id in mentioned for i in self.requires_by_concept.get(concept_id, ())
                   for m in accepted_in_target(i)]
        violations = []
        for match in longest(found):
            if any(s.start <= match.start and match.end <= s.end and (s.end - s.start) > (match.end - match.start)
                   for s in shields):
                continue
            violations.append(Violation("forbidden", self.forbids[match.pattern.payload[0]],
                                        target=_untagged_match(match)))
        return violations


def _spans(matches: Iterable[Match]) -> int:
    """How many places: two patterns of one term (two forms with one stem) may match the same words."""
    return len({(m.start, m.end) for m in matches})


def _tag(pattern: Pattern, tag) -> Pattern:
    """A copy of the pattern whose payload also says which rule or concept it belongs to."""
    return Pattern(pattern.text, (tag, pattern.payload), pattern.is_regex, pattern.case_sensitive, pattern.inflect)


def _untagged_match(match: Match) -> Match:
    payload = match.pattern.payload
    if isinstance(payload, tuple) and len(payload) == 2:
        original = Pattern(match.pattern.text, payload[1], match.pattern.is_regex, match.pattern.case_sensitive,
                           match.pattern.inflect)
        return match._replace(pattern=original)
    return match


def compile_rules(rules: Sequence[Require | Forbid], source_language: str, target_language: str) -> RuleSet:
    return RuleSet.compile(list(rules), source_language, target_language)


__all__ = ["Concept", "Forbid", "Origin", "Require", "RuleSet", "Scope", "Violation", "compile_rules"]
