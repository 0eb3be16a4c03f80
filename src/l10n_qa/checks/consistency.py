"""Consistency across files (category `consistency`): Xbench's "inconsistency in source" and
"inconsistency in target", across every file of a run — PO and XLIFF catalogs, reply libraries,
articles — without a glossary.

Per-file checks cannot see this, so the engine keeps one small `Occurrence` per translated segment
and calls `inconsistencies` once after every file is checked. The function is pure: occurrences in,
(occurrence, hit) pairs out.

What counts as "the same source": the same text once whitespace is collapsed and case folded, in the
same target locale (the exact tag: Django's `pt` and `pt-BR`, `es` and `es-AR` are sibling variants,
and so are `de` and `de-DE` as far as a tool can tell), with the same msgctxt/resname context and, for plural forms, the same form of the
same singular/plural pair — a different context or plural form is a different string, and may rightly
be translated differently.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from l10n_qa.model import Hit, Rule, Severity

SAME_SOURCE = Rule(
    "consistency.source", "consistency", Severity.WARNING,
    "The same source text is translated differently elsewhere in the same locale.",
    "A customer who reads \"Request a refund\" as one thing on the button and another in the help article "
    "(or in two macros) is left guessing whether they are the same. Reported on the translations used less "
    "often, with the one most places use as the fix; when two translations are used equally often, on "
    "each of them. Sources count as the same when they differ only in whitespace or case, in the same "
    "locale, msgctxt and plural form (Xbench: inconsistency in source). If both translations are right "
    "in their place, give the strings a msgctxt, or suppress the finding with the reason.",
    ("Request a refund", "Rückerstattung beantragen (elsewhere: Erstattung anfordern)", "Erstattung anfordern"),
)
SAME_TARGET = Rule(
    "consistency.target", "consistency", Severity.WARNING,
    "Two sources that say different things have the same translation in one locale.",
    "When \"Refunds take 14 days\" and \"Refunds take 30 days\" share one translation, one of them is wrong. "
    "Only differences a translation must keep are reported: the sources differ in a number, a placeholder, "
    "or a negation (not, no, never, without, n't) — not in synonyms or wording, which a translation may "
    "rightly merge (Xbench: inconsistency in target). Plural forms are not compared. Translate each source "
    "on its own.",
)
RULES = (SAME_SOURCE, SAME_TARGET)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One translated segment as the cross-file stage needs it: its texts and where it is."""

    locale: str
    source: str
    target: str
    context: str | None
    plural: tuple[int, str] | None  # (form index, the other source form) of a plural entry
    path: str
    key: str
    line: int
    column: int
    end_line: int
    end_column: int
    source_locale: str = ""
    pointer: str = ""


_SPACE = re.compile(r"\s+")
_LETTER = regex.compile(r"\p{L}")
_PUNCTUATION = regex.compile(r"[\p{P}\p{S}]+")
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]|\{\{[^}]*\}\}|\{[^{}]*\}|\$\{[^}]*\}|%\{[^}]*\}")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
# "none" is left out: in UI strings it is mostly a value ("True, False or None", a "None" option).
_SPACE_BEFORE_PUNCTUATION = regex.compile(r"\s+(?=[,.;:!?)\]])")  # left where a placeholder was taken out
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_NEGATION = re.compile(r"\b(?:not|no|never|nothing|nobody|without|cannot)\b|n['’]t\b", re.IGNORECASE)


def _same_text(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def source_key(text: str) -> str:
    """What makes two sources the same: whitespace collapsed, case folded."""
    return _same_text(text).casefold()


def _wording(text: str) -> str:
    """A source without case, punctuation and spacing: two sources equal here differ only in those."""
    return _SPACE.sub(" ", _PUNCTUATION.sub(" ", text)).strip().casefold()


def _hidden_difference(first: str, second: str) -> str | None:
    """What two sources differ in that one translation cannot say both ways, or None."""
    for what, pattern in (("numbers", _NUMBER), ("placeholders", _PLACEHOLDER)):
        a, b = Counter(pattern.findall(first)), Counter(pattern.findall(second))
        if a != b:
            return f"{what} {', '.join(sorted((a - b) | (b - a)))}"
    if bool(_NEGATION.search(first)) != bool(_NEGATION.search(second)):
        return "a negation"
    return None


def _where(occurrence: Occurrence) -> str:
    return f"{occurrence.path}:{occurrence.line}"


def _nearest(here: Occurrence, others: list[Occurrence]) -> Occurrence:
    """The one of `others` to name as an example: in the same file if there is one, else the first."""
    return min(others, key=lambda o: (o.path != here.path, abs(o.line - here.line) if o.path == here.path else 0))


def _quote(text: str, limit: int = 60) -> str:
    text = _same_text(text)
    return f"\"{text if len(text) <= limit else text[:limit - 1] + '…'}\""


def inconsistencies(occurrences: Iterable[Occurrence]) -> Iterator[tuple[Occurrence, Hit]]:
    """The findings of both rules, each placed on the occurrence it is about."""
    kept = [o for o in occurrences if _LETTER.search(o.source) and _same_text(o.target)
            and _same_text(o.target) != _same_text(o.source)]  # an untranslated copy is completeness's finding
    yield from _same_source(kept)
    yield from _same_target(kept)


def _target_form(text: str) -> str:
    """What two translations must share to count as the same: their words. Case (a month name starts
    a calendar title but not a date) and the style of quotes and apostrophes (the typography rules'
    business) are not compared, nor placeholders, tags and numbers: a translation that lost one of
    those is already reported by the placeholder, markup or number checks of its own file."""
    text = _NUMBER.sub(" ", _TAG.sub(" ", _PLACEHOLDER.sub(" ", text)))
    return _SPACE_BEFORE_PUNCTUATION.sub("", _same_text(text)).translate(_QUOTES).casefold()


def _components(members: list[Occurrence]) -> list[list[Occurrence]]:
    """The occurrences that really have the same source. Sources equal but for case are the same text
    across files (an article's "Request a Refund" heading, the UI's "Request a refund" button), but not
    within one file: a catalog that has both "Permissions" and "permissions" keys them apart on purpose
    (a heading and a model name), as gettext does."""
    by_text: dict[str, list[Occurrence]] = defaultdict(list)
    for o in members:
        by_text[_same_text(o.source)].append(o)
    classes = list(by_text.values())
    parent = list(range(len(classes)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    paths = [{o.path for o in group} for group in classes]
    for i in range(len(classes)):
        for j in range(i + 1, len(classes)):
            if len(paths[i] | paths[j]) > 1:  # some pair of them is in two different files
                parent[root(j)] = root(i)
    merged: dict[int, list[Occurrence]] = defaultdict(list)
    for i, group in enumerate(classes):
        merged[root(i)].extend(group)
    return list(merged.values())


def _same_source(occurrences: list[Occurrence]) -> Iterator[tuple[Occurrence, Hit]]:
    groups: dict[tuple, list[Occurrence]] = defaultdict(list)
    for o in occurrences:
        if len(_WORD.findall(o.source)) < 2:
            # One English word is often a noun and a verb ("Change", "Filter", "Order"): without a
            # msgctxt a translator must pick one, and different files rightly pick differently.
            continue
        plural = (o.plural[0], source_key(o.plural[1])) if o.plural else None
        groups[(o.locale, o.context or "", plural, source_key(o.source))].append(o)
    for group in groups.values():
        if len(group) < 2:
            continue
        for members in _components(group) if len({_same_text(o.source) for o in group}) > 1 else [group]:
            yield from _report_variants(members)


def _report_variants(members: list[Occurrence]) -> Iterator[tuple[Occurrence, Hit]]:
    if len(members) < 2:
        return
    variants: dict[str, list[Occurrence]] = defaultdict(list)
    for o in members:
        variants[_target_form(o.target)].append(o)
    if len(variants) < 2:
        return
    ranked = sorted(variants.values(), key=lambda group: (-len(group), _same_text(group[0].target)))
    top = len(ranked[0])
    majority = [group for group in ranked if len(group) == top]
    source = _quote(members[0].source)
    if len(majority) == 1:
        best = ranked[0]
        form = _same_text(best[0].target)
        for group in ranked[1:]:
            for o in group:
                yield o, Hit(SAME_SOURCE.id,
                             f"{source} is translated {_quote(o.target)} here, but {_quote(form)} in "
                             f"{_places(len(best))} (e.g. {_where(_nearest(o, best))})",
                             suggestion=f"write {_quote(form, 200)}, as elsewhere", matched=_same_text(o.target)[:80])
    else:  # a tie: no translation is the usual one, so each is reported with the others
        forms = [_same_text(group[0].target) for group in majority]
        for group in ranked:
            for o in group:
                others = [g for g in ranked if g is not group]
                yield o, Hit(SAME_SOURCE.id,
                             f"{source} is translated {_quote(o.target)} here, but "
                             + "; ".join(f"{_quote(g[0].target)} in {_where(_nearest(o, g))}" for g in others[:3]),
                             suggestion="use one translation everywhere: " + " or ".join(_quote(f, 100) for f in forms),
                             matched=_same_text(o.target)[:80])


def _places(count: int) -> str:
    return "1 other place" if count == 1 else f"{count} other places"


def _same_target(occurrences: list[Occurrence]) -> Iterator[tuple[Occurrence, Hit]]:
    groups: dict[tuple, list[Occurrence]] = defaultdict(list)
    for o in occurrences:
        if o.plural is None:  # plural forms of different sources ("1 item", "%d items") may share a text
            groups[(o.locale, _same_text(o.target))].append(o)
    for members in groups.values():
        by_wording: dict[str, list[Occurrence]] = defaultdict(list)
        for o in members:
            by_wording[_wording(o.source)].append(o)
        if len(by_wording) < 2:
            continue
        sources = list(by_wording.values())
        for group in sources:
            for o in group:
                for other in sources:
                    # Two one-word labels ("No", "None" → Russian "Нет") a language may rightly merge.
                    if other is group or (len(_WORD.findall(o.source)) < 2 and len(_WORD.findall(other[0].source)) < 2):
                        continue
                    difference = _hidden_difference(o.source, other[0].source)
                    if difference is None:
                        continue
                    yield o, Hit(SAME_TARGET.id,
                                 f"{_quote(o.target)} translates both {_quote(o.source)} (here) and "
                                 f"{_quote(other[0].source)} ({_where(_nearest(o, other))}), which differ in {difference}",
                                 suggestion=f"translate {_quote(o.source, 200)} on its own",
                                 matched=_same_text(o.target)[:80])
                    break
