"""The cross-file stage: after every file is checked on its own, the checks that compare files
(checks/consistency.py) run once over what each file kept of its segments.

Each file's worker keeps one small `Occurrence` per translated segment (and its directive comments,
so `l10n-qa:` directives and config `suppress:` entries hide these findings like any other); the
main process gathers them and turns the hits into findings here. This is the one stage whose memory
grows with the run (a few hundred bytes per segment); it is skipped when no consistency rule is selected.
"""

from __future__ import annotations

from collections import Counter

from l10n_qa.checks.consistency import RULES as CONSISTENCY_RULES
from l10n_qa.checks.consistency import Occurrence, inconsistencies
from l10n_qa.model import Comment, Document, Finding, Segment, Suppressed, fingerprint
from l10n_qa.settings import Settings


RULE_IDS = frozenset(rule.id for rule in CONSISTENCY_RULES)


def wanted(settings: Settings) -> bool:
    return not RULE_IDS.isdisjoint(settings.enabled)


def occurrences_of(document: Document) -> list[Occurrence]:
    """What the cross-file checks need of each translated segment of a checked document."""
    kept = []
    for segment in document.segments:
        if segment.state != "translated" or not segment.source or not segment.target.strip():
            continue
        kept.append(_occurrence(document, segment))
    return kept


def _occurrence(document: Document, segment: Segment) -> Occurrence:
    target = segment.target
    start = len(target) - len(target.lstrip())
    end = len(target.rstrip())
    target_map = segment.target_map
    line, column = target_map.locate(start)
    end_line, end_column = getattr(target_map, "locate_end", target_map.locate)(end)
    plural = (segment.plural_index, segment.alternate_source or "") if segment.plural_index is not None else None
    return Occurrence(
        locale=str(segment.target_locale or document.target_locale or ""), source=segment.source or "",
        target=target, context=segment.context, plural=plural, path=document.path, key=segment.key, line=line,
        column=column, end_line=end_line, end_column=end_column,
        source_locale=str(segment.source_locale or document.source_locale or ""), pointer=segment.pointer)


def findings(occurrences: list[Occurrence], comments: dict[str, list[Comment]],
             settings: Settings) -> tuple[list[Finding], list[Suppressed]]:
    """The cross-file findings of the run, with inline directives and config `suppress:` entries applied
    (the directive findings about unused directives are the per-file stage's)."""
    from l10n_qa import suppress

    made: dict[str, list[Finding]] = {}
    seen: Counter = Counter()
    for occurrence, hit in inconsistencies(occurrences):
        if hit.rule not in settings.enabled:
            continue
        identity = (hit.rule, occurrence.path, occurrence.key, hit.matched)
        seen[identity] += 1
        rule = settings.registry[hit.rule]
        made.setdefault(occurrence.path, []).append(Finding(
            rule=hit.rule, category=rule.category, severity=settings.severities[hit.rule], message=hit.message,
            path=occurrence.path, line=occurrence.line, column=occurrence.column, end_line=occurrence.end_line,
            end_column=occurrence.end_column, locale=occurrence.locale, source_locale=occurrence.source_locale,
            segment=occurrence.key, source=occurrence.source, target=occurrence.target, suggestion=hit.suggestion,
            matched=hit.matched, fingerprint=fingerprint(hit.rule, occurrence.path, occurrence.key, hit.matched,
                                                        seen[identity]),
            pointer=occurrence.pointer))
    kept: list[Finding] = []
    hidden: list[Suppressed] = []
    for path, found in made.items():
        document = Document(path, "", None, None, comments=comments.get(path, []))
        still, suppressed, _ = suppress.apply(document, found, settings)
        kept.extend(still)
        hidden.extend(suppressed)
    return kept, hidden
