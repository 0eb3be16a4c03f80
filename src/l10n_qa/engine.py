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
from pathlib import Path
from typing import TYPE_CHECKING

from l10n_qa.checks import CHECKERS, DOCUMENT_CHECKERS, CheckContext, Checker, Pair
from l10n_qa.checks.completeness import untranslated_in_context
from l10n_qa.discover import Discovery, FileTask
from l10n_qa.fixes import fix_for
from l10n_qa.formats import LoadError, format_for, loader
from l10n_qa import boundary, cross_file, limits, suppress, user_regex
from l10n_qa.blocks import Pairing
from l10n_qa.model import Document, Finding, Hit, InputError, Report, Segment, Suppressed, fingerprint
from l10n_qa.packs import ui_catalog
from l10n_qa.pairing import pair_bilingual, pair_document, plan
from l10n_qa.safe_read import ReadRefused, read_regular_file, read_stdin, remember_stdin
from l10n_qa.services import prepared
from l10n_qa.settings import SelectionError, Settings

if TYPE_CHECKING:
    from l10n_qa.checks import RuleRegistry

# Below this many files a process pool costs more to start than it saves.
_POOL_THRESHOLD = 16


@dataclass(slots=True)
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notices: set[str] = field(default_factory=set)
    segments: int = 0
    checked: bool = False
    path: str = ""
    suppressed: list[Suppressed] = field(default_factory=list)
    # For the cross-file stage (cross_file.py): the file's translated segments and directive comments.
    occurrences: list = field(default_factory=list)
    comments: list = field(default_factory=list)


def _read(task: FileTask) -> bytes:
    if task.real_path == "-":
        data = read_stdin()
        remember_stdin(task.path, data)  # the text report quotes what was checked, not the disk file
        return data
    return read_regular_file(task.real_path)  # no FIFO, device or oversized file (safe_read.py)


def active_checkers(settings: Settings) -> tuple[Checker, ...]:
    rules_of = settings.registry.rules_of
    return tuple(c for c in CHECKERS if any(rule.id in settings.enabled for rule in rules_of(c)))


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
    return _capped(hits)


def _capped(hits: list[Hit]) -> list[Hit]:
    """At most limits.max_findings_per_rule() hits of one rule on one segment, then one hit that says
    how many more. Every finding repeats its segment's texts, so N hits on an N-long segment made the
    report grow with N² (D50: 8,000 `%s` in one msgid, a 259 MB JSON report)."""
    limit = limits.max_findings_per_rule()
    per_rule = Counter(hit.rule for hit in hits)
    if all(count <= limit for count in per_rule.values()):
        return hits
    kept, seen = [], Counter()
    for hit in hits:
        seen[hit.rule] += 1
        if seen[hit.rule] <= limit:
            kept.append(hit)
        elif seen[hit.rule] == limit + 1:
            more = per_rule[hit.rule] - limit
            kept.append(Hit(hit.rule, f"{more:,} more {hit.rule} findings in this segment are not listed (at most "
                                      f"{limit} per rule, L10N_QA_MAX_FINDINGS_PER_RULE)",
                            suggestion="fix the ones listed, then check again"))
    return kept


def _context(settings: Settings, content_set: str | None = None) -> CheckContext:
    return CheckContext(enabled=settings.enabled, glossary_paths=settings.glossaries, legal_paths=settings.legal,
                        accepted_terms=settings.accepted_terms, languagetool=settings.languagetool,
                        spelling=settings.spelling, rule_pack_paths=settings.rule_packs,
                        markets=settings.markets, registers=settings.registers,
                        length_limits=settings.length_limits, content_set=content_set,
                        ui_labels=settings.ui_labels)


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
        if document.unaligned is not None:  # a file holding several locales: pair them now
            document = pair_bilingual(document, hints)
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
        rule = self.settings.registry[hit.rule]
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
            pointer=segment.pointer, fix=fix_for(segment, hit),
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
            if not document.segments:  # none of its locales is wanted: not checked, as a file in another locale
                return result
        result.checked = True
    result.path = task.path
    result.segments = len(document.segments)
    context = _context(settings, task.hints.content_set)
    make = _FindingMaker(document, settings)
    checkers = active_checkers(settings)
    hits = [(segment, hit) for segment in document.segments for hit in check_segment(segment, context, checkers)]
    # Copies of the source are judged against the whole file: kept names, mostly untranslated files.
    hits = untranslated_in_context(hits, document.segments)
    result.findings.extend(make(segment, hit) for segment, hit in hits)
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
    result.notices |= context.notices | user_regex.drain_notices()
    result.errors.extend(InputError(where, message) for where, message in sorted(context.errors))
    # The filter stage's per-file part: inline directives and config `suppress:` entries. A directive
    # about a cross-file rule is used (or not) by the cross-file stage: not "unused" here.
    per_file = replace(settings, enabled=settings.enabled - cross_file.RULE_IDS) if cross_file.wanted(settings) else settings
    kept, result.suppressed, about_directives = suppress.apply(document, result.findings, per_file)
    result.findings = kept + about_directives
    if cross_file.wanted(settings):
        result.occurrences = cross_file.occurrences_of(document)
        result.comments = document.comments
    return result


def _collect(report: Report, results, total: int, progress: Callable[[int, int], None] | None,
             gathered: tuple[list, dict] | None = None) -> None:
    for done, result in enumerate(results, 1):
        if gathered is not None and result.occurrences:
            gathered[0].extend(result.occurrences)
            gathered[1][result.path] = result.comments
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


# Formats whose loader takes the locale discovery found (from the path or a content set's `{locale}`)
# as the file's own. A file of them in a locale the run does not want is skipped before it is read;
# PO headers and XLIFF attributes override the path, so those files are still read to learn theirs.
_LOCALE_FROM_DISCOVERY = frozenset({"markdown", "html", "text", "replies"})


def unwanted_before_reading(task: FileTask, settings: Settings) -> bool:
    """Whether `--locale` rules the file out by what is known before reading it."""
    locale = task.hints.target_locale
    source_with_missing_translations = task.pairing is not None and bool(task.pairing.missing)
    if not settings.locales or locale is None or task.real_path == "-" or source_with_missing_translations:
        return False
    return format_for(task.path) in _LOCALE_FROM_DISCOVERY and not settings.wants_locale(locale)


def resolve_jobs(jobs: int, files: int) -> int:
    if jobs > 0:
        return jobs
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, files // _POOL_THRESHOLD or 1))


def plan_tasks(paths: list[str], discovery: Discovery,
               only: Callable[[list[FileTask]], list[FileTask]] | None = None) -> tuple[list[FileTask], list[InputError]]:
    """The discover and pair stages: the files of the run, each with its source, and the input errors."""
    tasks, errors = discovery.discover(paths)
    if only is not None:
        tasks = only(tasks)
    tasks, pairing_errors = plan(tasks, discovery.config, paths, discovery.skipped)
    return tasks, errors + pairing_errors


def check_tasks(tasks: list[FileTask], errors: list[InputError], settings: Settings, jobs: int = 0,
                progress: Callable[[int, int], None] | None = None) -> Report:
    """Load, check and filter (inline and config suppressions) the planned files, in processes when
    there are many; findings sorted, whatever the number of processes."""
    started = time.perf_counter()
    report = Report(errors=list(errors))
    workers = resolve_jobs(jobs, len(tasks))
    gathered = ([], {}) if cross_file.wanted(settings) else None
    settings, catalog_problems = ui_catalog.for_run(tasks, settings)  # the UI label index, once per run
    report.errors.extend(InputError(path, message) for path, message in catalog_problems)
    with prepared(settings, workers, report) as settings:
        # The per-file boundary: whatever one file raises becomes its errors entry (boundary.py).
        check = partial(boundary.guarded, check_file, FileResult, settings=settings)
        if workers > 1 and not any(t.real_path == "-" for t in tasks):
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = pool.map(check, tasks, chunksize=max(1, len(tasks) // (workers * 8)))
                _collect(report, results, len(tasks), progress, gathered)
        else:
            _collect(report, (check(task) for task in tasks), len(tasks), progress, gathered)
        if gathered is not None:  # the cross-file stage: consistency across every file checked
            try:
                found, hidden = cross_file.findings(gathered[0], gathered[1], settings)
            except Exception as exc:  # noqa: BLE001 - the per-file findings stand; the failure is reported
                report.errors.append(InputError("(all files)", f"the consistency check failed: {exc!r}"))
            else:
                report.findings.extend(found)
                report.suppressed.extend(hidden)
    report.findings.sort(key=lambda f: f.sort_key)
    report.suppressed.sort(key=lambda s: s.finding.sort_key)
    report.paths.sort()
    # A service problem met in every file is still one error.
    report.errors = sorted(set(report.errors), key=lambda e: (e.path, e.line or 0, e.message))
    report.notices = sorted(set(report.notices))
    report.rules = {rule_id: settings.registry[rule_id] for rule_id in sorted({f.rule for f in report.findings})}
    report.seconds = time.perf_counter() - started
    return report


def merge_reports(reports: list[Report]) -> Report:
    """One report of several `check_tasks` reports (of files checked with different settings), sorted
    as one run's."""
    merged = Report()
    for part in reports:
        merged.findings += part.findings
        merged.suppressed += part.suppressed
        merged.errors += part.errors
        merged.notices += part.notices
        merged.files += part.files
        merged.segments += part.segments
        merged.paths += part.paths
        merged.rules.update(part.rules)
        merged.seconds += part.seconds
    merged.findings.sort(key=lambda f: f.sort_key)
    merged.suppressed.sort(key=lambda s: s.finding.sort_key)
    merged.paths.sort()
    merged.errors = sorted(set(merged.errors), key=lambda e: (e.path, e.line or 0, e.message))
    merged.notices = sorted(set(merged.notices))
    merged.rules = dict(sorted(merged.rules.items()))
    return merged


def run(paths: list[str], discovery: Discovery, settings: Settings, jobs: int = 0,
        only: Callable[[list[FileTask]], list[FileTask]] | None = None,
        progress: Callable[[int, int], None] | None = None) -> Report:
    """Check the files; `only` narrows the discovered files (e.g. to those changed in git),
    `progress(done, total)` is called as files finish."""
    started = time.perf_counter()
    tasks, errors = plan_tasks(paths, discovery, only)
    report = check_tasks(tasks, errors, settings, jobs, progress)
    report.notices = sorted(set(report.notices) | set(discovery.skip_notices()))
    report.seconds = time.perf_counter() - started
    return report


# --- The run: options in, report out ---------------------------------------------------------------


class RunError(Exception):
    """A usage, config or data-file problem that stops the run before any file is checked (exit 2)."""


EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What the user asked for, as the command line says it; empty or None: the config's or the default."""

    paths: tuple[str, ...] = ()
    config_path: Path | None = None  # `--config`; None: the config nearest to the paths
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    source_locale: str | None = None
    stdin_filename: str | None = None
    # `--glossary` references. None: a listing (`files`, `config show`) that does not read glossaries;
    # a tuple (even empty): the run's glossaries are read up front, so a bad one stops it with exit 2.
    glossaries: tuple[str, ...] | None = ()
    changed_since: str | None = None
    baseline: Path | None = None  # `--baseline`; None: the config's baseline, if `use_baseline`
    use_baseline: bool = True
    write_baseline: Path | None = None
    grammar: bool | None = None
    spelling: bool | None = None
    languagetool_url: str | None = None
    use_cache: bool = True
    jobs: int = 0
    fail_on: str | None = None  # None: the config's fail_on
    # A run that checks no file is a usage error (a typo in a path, a locale nobody translates to)
    # unless the caller says an empty run is fine (e.g. a hook given only files of other kinds).
    allow_empty: bool = False
    min_severity: str | None = None  # list only findings at or above it (the others are counted)
    shard: str | None = None  # `--shard K/N`: check only the K-th of N parts of the files (shard.py)


def load_run_config(config_path: Path | None, paths=()):
    """The config a run uses: `--config`, else the one nearest to `paths` (else the working directory's),
    with its `extends:` and parent folders' configs merged in (config_layers.py)."""
    from l10n_qa.config import ConfigError, find_config_for, relative
    from l10n_qa.config_layers import load_config

    if config_path and not config_path.is_file():
        raise RunError(f"config file not found: {config_path}")
    found = config_path if config_path else find_config_for(list(paths))
    try:
        # A config found by the lookup merges over those of the folders above it; `--config` is that
        # file alone (with what it extends).
        return load_config(found, relative(found) if found else None, hierarchical=config_path is None)
    except ConfigError as exc:
        raise RunError(str(exc)) from None


def _config_lookup_paths(options: RunOptions) -> tuple[str, ...]:
    """Where to look for the config: standard input counts as the file `--stdin-filename` names (an
    editor runs us from anywhere; the buffer's folder has the project's config), or its nearest
    existing folder when the buffer is a new file."""
    if "-" not in options.paths or not options.stdin_filename:
        return options.paths
    named = Path(options.stdin_filename).absolute()
    existing = next((p for p in (named, *named.parents) if p.exists()), None)
    return tuple(str(existing) if p == "-" and existing else p for p in options.paths)


def rule_pack_files(config) -> tuple[str, ...]:
    """The rule-pack files of a run: the config's `rule_packs`, or every built-in pack."""
    from l10n_qa.packs.rulepack import builtin_packs

    return tuple(config.rule_packs) if config.rule_packs is not None else tuple(str(p) for p in builtin_packs())


def rule_registry(config) -> "RuleRegistry":
    """Every rule a run with this config knows: the built-in rules and those of its rule packs."""
    from l10n_qa.checks import RULES, registry_for

    if config.rule_packs is None:
        return RULES  # the built-in packs' rules are built-in rules
    registry, clashes = registry_for(rule_pack_files(config))
    if clashes:
        raise RunError(clashes[0])
    return registry


def directory_registry() -> "RuleRegistry":
    """The rules known in the working directory (`rules`, `explain`): its config's packs included."""
    return rule_registry(load_run_config(None, ["."]))


class Run:
    """One run of l10n-qa: the config, the discovery and the settings the options resolve to, built
    once, and the stages that use them. `check`, `baseline`, `files` and `config show` all start here,
    so what they list, record and report is the same.

    Raises RunError for anything that stops the run before a file is checked (a bad option, config,
    glossary, rule pack or baseline, a git ref that does not exist)."""

    def __init__(self, options: RunOptions):
        from l10n_qa.model import Locale
        from l10n_qa.suppress import from_config

        self.options = options
        config = self.config = load_run_config(options.config_path, _config_lookup_paths(options))
        try:
            if options.source_locale:
                config.source_locale = Locale.parse(options.source_locale)
            elif config.source_locale is None:
                config.source_locale = Locale("en")
            wanted_locales = tuple(Locale.parse(tag) for tag in options.locales)
        except ValueError as exc:
            raise RunError(str(exc)) from None
        suppressions, self.warnings = from_config(config)
        registry = rule_registry(config)
        try:
            settings = Settings.build(
                select=options.select or config.select,
                ignore=config.ignore + options.ignore,
                severity_overrides=config.severity,
                locales=wanted_locales,
                enforced=config.enforced,
                suppressions=suppressions,
                root=str(config.root),
                glossaries=self._glossary_files(),
                legal=config.legal,
                registry=registry,
            )
        except SelectionError as exc:
            where = f" (in {config.path})" if config.path and not (options.select or options.ignore) else ""
            raise RunError(f"{exc}{where}") from None
        self.settings = replace(settings, rule_packs=rule_pack_files(config), markets=tuple(config.markets.items()),
                                registers=tuple(config.formality.items()), length_limits=tuple(config.length.items()),
                                ui_catalogs=config.ui_catalogs, ui_source_locale=str(config.source_locale or ""))
        self.discovery = Discovery(config, options.stdin_filename)
        self.baseline = self._known_baseline()
        self.shard = self._shard()
        self.unsharded_tasks = 0  # with --shard: how many files the whole run (every shard) has
        self.skipped_for_locale = 0  # files `--locale` ruled out before reading them
        self.written_baseline = None  # the baseline `execute` wrote, when `write_baseline` asks for one
        self.services_resolved = False  # with_services was called: nested configs' runs resolve theirs too

    @property
    def registry(self) -> "RuleRegistry":
        return self.settings.registry

    def _glossary_files(self) -> tuple[str, ...]:
        """The config's glossaries plus `--glossary` ones, each read once here (RunError if one is bad)."""
        if self.options.glossaries is None:
            return tuple(self.config.glossaries)
        from l10n_qa.packs import builtin
        from l10n_qa.packs.glossary import GlossaryError
        from l10n_qa.packs.loading import load_termbase

        try:
            named = builtin.glossary_files(self.options.glossaries, Path.cwd())
        except LookupError as exc:
            raise RunError(str(exc)) from None
        paths = tuple(dict.fromkeys([*self.config.glossaries, *named]))
        if paths:
            try:
                load_termbase(paths)
            except GlossaryError as exc:
                raise RunError(f"{exc} (glossary)") from None
        return paths

    def _shard(self):
        if self.options.shard is None:
            return None
        from l10n_qa.shard import Shard, ShardError

        try:
            return Shard.parse(self.options.shard)
        except ShardError as exc:
            raise RunError(str(exc)) from None

    def _known_baseline(self):
        options, config = self.options, self.config
        path = options.baseline
        if path is None and options.use_baseline and config.baseline:
            path = config.root / config.baseline
        if path is None:
            return None
        from l10n_qa.baseline import Baseline, BaselineError

        try:
            return Baseline.load(path)
        except BaselineError as exc:
            raise RunError(str(exc)) from None

    def with_services(self) -> "Run":
        """Resolve grammar and spelling (options, config, environment) and the words they accept: the
        approved glossary terms and official legal terms are no misspellings."""
        from l10n_qa.services.options import resolve

        options, config, settings = self.options, self.config, self.settings
        url = options.languagetool_url
        if url is not None and not url.startswith(("http://", "https://")):
            raise RunError(f"--languagetool-url: expected an http:// or https:// URL, got {url!r}")
        lt_options, spelling_options = resolve(
            config.languagetool, config.spelling, root=config.root, cache_dir=config.cache_dir,
            grammar_flag=options.grammar, spelling_flag=options.spelling, url_flag=url, use_cache=options.use_cache)
        accepted = frozenset(config.accept)
        if lt_options or spelling_options:
            if settings.glossaries:
                from l10n_qa.packs.loading import load_termbase

                accepted |= load_termbase(settings.glossaries).accepted_terms()
            from l10n_qa.packs.legal import builtin_paths, load_legalbase

            legal_paths = tuple(builtin_paths()) if settings.legal is None else settings.legal
            if legal_paths:
                accepted |= load_legalbase(legal_paths).accepted_terms()
        self.settings = replace(settings, accepted_terms=accepted, languagetool=lt_options, spelling=spelling_options)
        self.services_resolved = True
        return self

    def tasks(self) -> tuple[list[FileTask], list[InputError]]:
        """The discover and pair stages: what the run reads, each file with its source."""
        from l10n_qa.discover import GlobTooSlow

        try:
            tasks, errors = plan_tasks(list(self.options.paths), self.discovery)
        except GlobTooSlow as exc:  # a config path pattern that backtracks without end (D67)
            raise RunError(str(exc)) from None
        # glossary.ui-label compares with the UI catalogs of the whole run, also when --changed-since
        # or --shard check only some of its files.
        self.settings = ui_catalog.pinned(tasks, self.settings)
        if self.options.changed_since:
            from l10n_qa.changes import GitError, changed_files, keep_changed

            try:
                changed = changed_files(self.options.changed_since, Path.cwd())
            except GitError as exc:
                raise RunError(str(exc)) from None
            # After pairing, so a changed source brings its translations with or without a config.
            tasks, errors = keep_changed(tasks, errors, changed, self.config)
        if self.settings.locales:
            planned = len(tasks)
            tasks = [task for task in tasks if not unwanted_before_reading(task, self.settings)]
            self.skipped_for_locale = planned - len(tasks)
        if self.shard is not None:
            from l10n_qa.shard import keep_shard

            # After pairing, so a source file's tree-wide findings go with the shard that owns it.
            self.unsharded_tasks = len(tasks)
            tasks, errors = keep_shard(tasks, errors, self.shard, self.config.root)
        return tasks, errors

    def execute(self, progress: Callable[[int, int], None] | None = None) -> Report:
        """Every stage: the report of the run, the baseline applied (and first written, if asked)."""
        started, started_at = time.perf_counter(), time.time()
        tasks, errors = self.tasks()
        report = self._check_by_config(tasks, errors, progress)
        report.notices = sorted(set(report.notices) | set(self.discovery.skip_notices()))
        self._refuse_empty(tasks, report)
        if self.options.write_baseline:
            from l10n_qa.baseline import Baseline, BaselineError

            new = Baseline(self.options.write_baseline, [])
            try:
                new.write([new.entry_for(f) for f in report.findings])
            except BaselineError as exc:
                raise RunError(str(exc)) from None
            self.written_baseline = new
        if self.baseline is not None:
            self.baseline.apply(report, self.settings.enabled)
        report.fail_on = self.options.fail_on or self.config.fail_on
        report.started_at = started_at
        report.allow_empty = self.options.allow_empty
        if self.shard is not None:
            from l10n_qa.shard import settings_digest

            report.shard, report.settings_digest = str(self.shard), settings_digest(self)
        if self.options.min_severity:
            from l10n_qa.model import Severity

            lowest = Severity.parse(self.options.min_severity)
            report.min_severity = lowest.label
            report.below_min_severity = [f for f in report.findings if f.severity < lowest]
            report.findings = [f for f in report.findings if f.severity >= lowest]
        report.seconds = time.perf_counter() - started
        return report

    def _check_by_config(self, tasks: list[FileTask], errors: list[InputError],
                         progress: Callable[[int, int], None] | None) -> Report:
        """Check the files, each with the settings of its nearest config (config_layers.py): files below
        a nested config are checked with it merged over the run's, as `check FILE` would check them."""
        from l10n_qa.config_layers import group_by_nearest_config

        groups = group_by_nearest_config(tasks, self.config) if self.options.config_path is None else []
        if not groups:
            return check_tasks(tasks, errors, self.settings, self.options.jobs, progress)
        reports, done, total = [], 0, len(tasks)
        for folder, group in groups:
            settings = self.settings if folder is None else self._nested_settings(folder)
            offset = done
            step = (lambda finished, _total, offset=offset: progress(offset + finished, total)) if progress else None
            reports.append(check_tasks(group, errors if not reports else [], settings, self.options.jobs, step))
            done += len(group)
        return merge_reports(reports)

    def _nested_settings(self, folder: Path) -> Settings:
        """The settings of the run as if it were started on `folder`: its config, merged over those above."""
        nested = Run(replace(self.options, paths=(str(folder),), config_path=None, baseline=None, use_baseline=False,
                             write_baseline=None))
        return (nested.with_services() if self.services_resolved else nested).settings

    def _refuse_empty(self, tasks: list[FileTask], report: Report) -> None:
        """RunError when nothing was checked and nothing went wrong, so an empty run does not pass as
        a clean one. Input errors already fail the run (exit 2) and say why; nothing changed since a
        git ref is a normal empty run."""
        if report.files or report.findings or report.errors or self.options.allow_empty:
            return
        if self.options.changed_since:
            return
        if self.shard is not None and self.unsharded_tasks:
            return  # the other shards have the files; `merge` tells whether the whole run checked any
        where = ", ".join(self.options.paths) if self.options.paths else "the config's content" if (
            self.config.content) else "the current folder"
        if (tasks or self.skipped_for_locale) and self.settings.locales:
            wanted = ", ".join(str(locale) for locale in self.settings.locales)
            raise RunError(f"nothing to check: no file in {where} is in the locale(s) {wanted} "
                           "(`l10n-qa files` lists the files and their locales; --allow-empty makes this exit 0)")
        raise RunError(f"nothing to check: no file in {where} is in a format l10n-qa reads (PO/POT, XLIFF, "
                       "Markdown, HTML, YAML/JSON replies, plain text) or all are excluded "
                       "(--allow-empty makes this exit 0)")

    def exit_code(self, report: Report) -> int:
        return report_exit_code(report, self.options.fail_on or self.config.fail_on)


def report_exit_code(report: Report, fail_on: str) -> int:
    """Design §5: 2 if anything could not be checked, 1 for findings at or above fail_on, else 0
    (of a run, or of shard reports merged into one)."""
    from l10n_qa.config import severity_threshold

    if report.errors:
        return EXIT_ERROR
    threshold = severity_threshold(fail_on)
    # Findings --min-severity did not list still count: it changes what is shown, not the verdict.
    found = (*report.findings, *report.below_min_severity)
    if threshold is not None and any(f.severity >= threshold for f in found):
        return EXIT_FINDINGS
    return EXIT_OK
