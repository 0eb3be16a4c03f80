"""The pipeline: discover → load → pair → check → filter, file by file, optionally in processes.

Each file is read, loaded and checked on its own, so memory does not grow with the number of files
and a file that cannot be read becomes an `errors` entry while every other file is still checked.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from l10n_qa.checks import CHECKERS, DOCUMENT_CHECKERS, RULES, CheckContext, Checker, Pair
from l10n_qa.discover import Discovery, FileTask
from l10n_qa.formats import LoadError, format_for, loader
from l10n_qa import boundary, suppress
from l10n_qa.blocks import Pairing
from l10n_qa.model import (CATEGORIES, Document, Finding, Hit, InputError, Locale, Report, Segment, Severity,
                           Suppressed, fingerprint)
from l10n_qa.pairing import pair_document, plan
from l10n_qa.safe_read import ReadRefused, read_regular_file, read_stdin
from l10n_qa.services import prepared

if TYPE_CHECKING:
    from l10n_qa.services.options import LanguageToolOptions, SpellingOptions

# Below this many files a process pool costs more to start than it saves.
_POOL_THRESHOLD = 16


class SelectionError(ValueError):
    pass


def _matches(token: str, rule_id: str) -> bool:
    return token == rule_id or rule_id.startswith(token + ".")


def _validate_tokens(tokens: tuple[str, ...] | list[str], what: str) -> None:
    for token in tokens:
        if token in CATEGORIES or any(_matches(token, rule_id) for rule_id in RULES):
            continue
        raise SelectionError(f"{what}: unknown rule or category {token!r} (see `l10n-qa rules`)")


@dataclass(frozen=True, slots=True)
class Settings:
    """What to check and how severe each rule is; picklable for worker processes."""

    enabled: frozenset[str]
    severities: dict[str, Severity]
    locales: tuple[Locale, ...] = ()
    glossaries: tuple[str, ...] = ()  # glossary file paths; each process compiles them once
    legal: tuple[str, ...] | None = None  # legal pack files; None: the built-in ones (config `legal:`)
    accepted_terms: frozenset[str] = frozenset()
    languagetool: "LanguageToolOptions | None" = None
    spelling: "SpellingOptions | None" = None
    enforced: frozenset[str] = frozenset()  # rule ids inline directives may not suppress
    suppressions: tuple[suppress.ConfigSuppression, ...] = ()  # the config's `suppress:` entries
    root: str = ""  # the config's folder: `suppress:` globs are relative to it
    rule_packs: tuple[str, ...] = ()  # rule-pack files; each process reads them once
    markets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # locale → the markets it is sold in
    registers: tuple[tuple[str, str], ...] = ()  # locale → formal | informal

    @classmethod
    def build(cls, select=(), ignore=(), severity_overrides: dict[str, str] | None = None,
              locales: tuple[Locale, ...] = (), enforced=(), suppressions=(), root: str = "",
              glossaries: tuple[str, ...] = (), legal: tuple[str, ...] | None = None) -> "Settings":
        _validate_tokens(select, "select")
        _validate_tokens(ignore, "ignore")
        overrides = severity_overrides or {}
        _validate_tokens(tuple(overrides), "severity")
        _validate_tokens(tuple(enforced), "enforced")
        for entry in suppressions:
            _validate_tokens(entry.rules, f"suppress ({entry.origin})")
        enabled = set()
        severities = {}
        for rule_id, rule in RULES.items():
            if select and not any(_matches(t, rule_id) for t in select):
                continue
            if any(_matches(t, rule_id) for t in ignore):
                continue
            # The most specific override wins: a rule id over its category.
            matching = sorted((t for t in overrides if _matches(t, rule_id)), key=len)
            level = overrides[matching[-1]] if matching else rule.severity.label
            if level == "off":
                continue
            enabled.add(rule_id)
            severities[rule_id] = Severity.parse(level)
        enforced_ids = frozenset(r for r in RULES if any(_matches(t, r) for t in enforced))
        return cls(frozenset(enabled), severities, tuple(locales), enforced=enforced_ids,
                   suppressions=tuple(suppressions), root=root, glossaries=tuple(glossaries), legal=legal)

    def wants_locale(self, locale: Locale | None) -> bool:
        if not self.locales:
            return True
        if locale is None:
            return False
        return any(wanted in locale.fallbacks for wanted in self.locales)


@dataclass(slots=True)
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notices: set[str] = field(default_factory=set)
    segments: int = 0
    checked: bool = False
    path: str = ""
    suppressed: list[Suppressed] = field(default_factory=list)


def _read(task: FileTask) -> bytes:
    if task.real_path == "-":
        return read_stdin()
    return read_regular_file(task.real_path)  # no FIFO, device or oversized file (safe_read.py)


def active_checkers(settings: Settings) -> tuple[Checker, ...]:
    return tuple(c for c in CHECKERS if any(rule.id in settings.enabled for rule in c.rules))


def check_segment(segment: Segment, context: CheckContext, checkers: tuple[Checker, ...]) -> list[Hit]:
    """Every hit of a selected rule on the segment."""
    pair = Pair(segment, context)
    translated = segment.state == "translated"
    hits = []
    for checker in checkers:
        if checker.needs_translation and not translated:
            continue
        try:
            checker_hits = [hit for hit in checker.run(pair) if hit.rule in context.enabled]
        except Exception as exc:  # noqa: BLE001 - one broken check must not lose the file's other findings
            context.check_failures.append((checker.rules[0].id if checker.rules else checker.name, segment, exc))
            continue
        hits.extend(checker_hits)
    return hits


def _context(settings: Settings) -> CheckContext:
    return CheckContext(enabled=settings.enabled, glossary_paths=settings.glossaries, legal_paths=settings.legal,
                        accepted_terms=settings.accepted_terms, languagetool=settings.languagetool,
                        spelling=settings.spelling, rule_pack_paths=settings.rule_packs,
                        markets=settings.markets, registers=settings.registers)


def load_document(task: FileTask, result: FileResult) -> Document | None:
    """Read and load one file; problems become `errors` entries of the result."""
    try:
        data = _read(task)
    except ReadRefused as exc:
        result.errors.append(InputError(task.path, exc.message))
        return None
    except OSError as exc:
        result.errors.append(InputError(task.path, f"cannot read: {exc.strerror or exc}"))
        return None
    fmt = format_for(task.path, data[:4096])
    if fmt is None and not task.explicit:
        return None  # e.g. an Android strings.xml met while walking a folder
    if fmt is None:
        result.errors.append(InputError(task.path, "unsupported file format (expected PO/POT, XLIFF, Markdown, "
                                        "HTML, YAML/JSON replies or plain text)"))
        return None
    hints = task.hints
    if hints.content_type is None and fmt in ("po", "xliff"):
        from l10n_qa.pairing import catalog_content_type

        hints = replace(hints, content_type=catalog_content_type(task.path))
    try:
        document = loader(fmt)(task.path, data, hints)
    except LoadError as exc:
        result.errors.append(InputError(task.path, exc.message, exc.line))
        return None
    except RecursionError:
        result.errors.append(InputError(task.path, "nesting too deep to read"))
        return None
    result.errors.extend(document.errors)
    return document


def _segment_line(segment: Segment | None) -> int | None:
    try:
        return segment.target_map.locate(0)[0] if segment is not None else None
    except Exception:  # noqa: BLE001 - only a hint for an error message
        return None


class _FindingMaker:
    """Turns hits into findings with real positions and fingerprints unique within the file."""

    def __init__(self, document: Document, settings: Settings):
        self.document = document
        self.settings = settings
        self.occurrences: Counter[tuple[str, str, str]] = Counter()

    def __call__(self, segment: Segment, hit: Hit) -> Finding:
        rule = RULES[hit.rule]
        target_map = segment.target_map
        line, column = target_map.locate(hit.start if hit.start is not None else 0)
        if hit.end is not None:
            end_line, end_column = getattr(target_map, "locate_end", target_map.locate)(hit.end)
        else:
            end_line, end_column = line, column
        identity = (hit.rule, segment.key, hit.matched)
        self.occurrences[identity] += 1
        path = self.document.path
        return Finding(
            rule=hit.rule, category=rule.category, severity=self.settings.severities[hit.rule],
            message=hit.message, path=path, line=line, column=column, end_line=end_line,
            end_column=end_column,
            locale=str(segment.target_locale or self.document.target_locale or ""),
            source_locale=str(segment.source_locale or self.document.source_locale or ""),
            segment=segment.key, source=segment.source or "", target=segment.target,
            suggestion=hit.suggestion, matched=hit.matched,
            fingerprint=fingerprint(hit.rule, path, segment.key, hit.matched, self.occurrences[identity]),
            pointer=segment.pointer,
        )


def check_file(task: FileTask, settings: Settings) -> FileResult:
    result = FileResult()
    plan = task.pairing
    if plan is not None and plan.missing:  # a source file with no translation in some locales
        document = missing_translations(task, settings)
    else:
        document = load_document(task, result)
        if document is None:
            return result
        several_locales = document.target_locale is None and document.pairing is not None  # a bilingual reply file
        if not several_locales and not settings.wants_locale(document.target_locale):
            return result
        if document.blocks is not None:  # one language only: pair it with its source, block by block
            if document.target_locale is None:
                result.errors.append(InputError(task.path, "cannot tell which locale this file is in: put the locale "
                                                "in its path (help/de-DE/…, replies/de-DE.yaml)"))
                return result
            document = pair_document(task, document, lambda source: load_document(source, result))
            result.errors.extend(e for e in document.errors if e not in result.errors)
        elif several_locales and settings.locales:
            document.segments = [s for s in document.segments if settings.wants_locale(s.target_locale)]
        result.checked = True
    result.path = task.path
    result.segments = len(document.segments)
    context = _context(settings)
    make = _FindingMaker(document, settings)
    checkers = active_checkers(settings)
    for segment in document.segments:
        for hit in check_segment(segment, context, checkers):
            result.findings.append(make(segment, hit))
    for document_checker in DOCUMENT_CHECKERS:
        if any(rule.id in settings.enabled for rule in document_checker.rules):
            try:
                found = [(s, hit) for s, hit in document_checker.run(document, context) if hit.rule in settings.enabled]
            except Exception as exc:  # noqa: BLE001 - reported with the rule id, the other findings kept
                context.check_failures.append((document_checker.rules[0].id, None, exc))
                continue
            result.findings.extend(make(segment, hit) for segment, hit in found)
    result.errors.extend(boundary.check_failure(task.path, rule, exc, _segment_line(segment))
                         for rule, segment, exc in context.check_failures)
    result.notices |= context.notices
    result.errors.extend(InputError(where, message) for where, message in sorted(context.errors))
    # The filter stage's per-file part: inline directives and config `suppress:` entries.
    kept, result.suppressed, about_directives = suppress.apply(document, result.findings, settings)
    result.findings = kept + about_directives
    return result


def _collect(report: Report, results, total: int, progress: Callable[[int, int], None] | None) -> None:
    for done, result in enumerate(results, 1):
        report.findings.extend(result.findings)
        report.suppressed.extend(result.suppressed)
        # A broken source file is reported by every translation paired with it: once is enough
        # (run() also removes duplicates at the end).
        report.errors.extend(result.errors)
        report.notices.extend(result.notices)
        report.segments += result.segments
        report.files += result.checked
        if result.checked:
            report.paths.append(result.path)
        if progress is not None:
            progress(done, total)


def missing_translations(task: FileTask, settings: Settings) -> Document:
    """The document of a source file that pairing found untranslated in some locales."""
    wanted = tuple((locale, path) for locale, path in task.pairing.missing if settings.wants_locale(locale))
    document = Document(task.path, "", None, task.hints.source_locale)
    document.pairing = Pairing(source_path=task.path, missing_translations=wanted)
    return document


def resolve_jobs(jobs: int, files: int) -> int:
    if jobs > 0:
        return jobs
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, files // _POOL_THRESHOLD or 1))


def run(paths: list[str], discovery: Discovery, settings: Settings, jobs: int = 0,
        only: Callable[[list[FileTask]], list[FileTask]] | None = None,
        progress: Callable[[int, int], None] | None = None) -> Report:
    """Check the files; `only` narrows the discovered files (e.g. to those changed in git),
    `progress(done, total)` is called as files finish."""
    started = time.perf_counter()
    tasks, errors = discovery.discover(paths)
    if only is not None:
        tasks = only(tasks)
    tasks, pairing_errors = plan(tasks, discovery.config, paths)
    errors += pairing_errors
    report = Report(errors=list(errors))
    workers = resolve_jobs(jobs, len(tasks))
    with prepared(settings, workers, report) as settings:
        # The per-file boundary: whatever one file raises becomes its errors entry (boundary.py).
        check = partial(boundary.guarded, check_file, FileResult, settings=settings)
        if workers > 1 and not any(t.real_path == "-" for t in tasks):
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = pool.map(check, tasks, chunksize=max(1, len(tasks) // (workers * 8)))
                _collect(report, results, len(tasks), progress)
        else:
            _collect(report, (check(task) for task in tasks), len(tasks), progress)
    report.findings.sort(key=lambda f: f.sort_key)
    report.suppressed.sort(key=lambda s: s.finding.sort_key)
    report.paths.sort()
    # A service problem met in every file is still one error.
    report.errors = sorted(set(report.errors), key=lambda e: (e.path, e.line or 0, e.message))
    report.notices = sorted(set(report.notices))
    report.seconds = time.perf_counter() - started
    return report
