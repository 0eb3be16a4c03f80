"""`l10n-qa merge`: the JSON reports of `check --shard K/N` runs put back together as one run's report.

The merged report is what one run over the whole tree would have reported: counts summed, findings
and suppressed findings sorted as one run sorts them (Finding.sort_key), input errors and notices
said once, and a stale baseline entry kept only when every shard that could judge it found it
stale. Reports that are not the N parts of one run — other tool versions, other settings (a
digest of config, rules, locales, data files and thresholds: shard.settings_digest), a shard
missing or given twice — are refused: adding them up would give a verdict no run gave.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from l10n_qa import __version__
from l10n_qa.model import BaselineEntry, Finding, Fix, InputError, Report, Rule, Severity, Suppressed


class MergeError(Exception):
    """Reports that cannot be merged; the message says which file and why (exit 2)."""


_FINDING_FIELDS = ("rule", "category", "message", "path", "line", "column", "end_line", "end_column", "locale",
                   "source_locale", "segment", "source", "target", "suggestion", "fingerprint")


def _read(path: Path) -> dict:
    from l10n_qa.safe_read import ReadRefused, read_regular_file

    try:
        data = read_regular_file(str(path), limit=sys.maxsize)  # our own output: no size limit
    except ReadRefused as exc:
        raise MergeError(f"{path}: {exc.message}") from None
    except OSError as exc:
        raise MergeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        report = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise MergeError(f"{path}: not an l10n-qa JSON report: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise MergeError(f"{path}:{exc.lineno}: not an l10n-qa JSON report: {exc.msg}") from None
    except (RecursionError, ValueError) as exc:
        raise MergeError(f"{path}: not an l10n-qa JSON report: {exc}") from None
    if not isinstance(report, dict) or not isinstance(report.get("tool"), dict) or report["tool"].get("name") != "l10n-qa":
        raise MergeError(f"{path}: not an l10n-qa JSON report (write one with `l10n-qa check -f json:FILE`)")
    return report


def _shard_of(path: Path, report: dict) -> tuple[int, int]:
    run = report.get("run")
    shard = run.get("shard") if isinstance(run, dict) else None
    if not isinstance(run, dict):
        raise MergeError(f"{path}: written by an l10n-qa without `merge` support (version "
                         f"{report['tool'].get('version')}); run the shards with l10n-qa {__version__}")
    if not isinstance(shard, str):
        raise MergeError(f"{path}: not a shard report: it was written by a run without --shard K/N")
    from l10n_qa.shard import Shard, ShardError

    try:
        parsed = Shard.parse(shard)
    except ShardError as exc:
        raise MergeError(f"{path}: {exc}") from None
    return parsed.index, parsed.count


def _finding(item: dict) -> Finding:
    values = {name: item[name] for name in _FINDING_FIELDS}
    fix = item.get("fix")
    return Finding(severity=Severity.parse(item["severity"]), matched=item.get("matched", ""),
                   fix=Fix(**fix) if isinstance(fix, dict) else None, **values)


def _rule(item: dict) -> Rule:
    example = item.get("example")
    return Rule(item["id"], item["category"], Severity.parse(item["severity"]), item["summary"], item["rationale"],
                tuple(example) if example else None, item.get("pack") or "")


def _entry(item: dict) -> BaselineEntry:
    return BaselineEntry(item["path"], item["rule"], item.get("segment", ""), item.get("matched", ""),
                         item["fingerprint"])


def check_parts(reports: list[tuple[Path, dict]]) -> None:
    """MergeError unless the reports are each shard of one run exactly once."""
    if not reports:
        raise MergeError("no reports to merge")
    shards = [(path, *_shard_of(path, report)) for path, report in reports]
    first_path, first = reports[0]
    for path, report in reports[1:]:
        if report["tool"].get("version") != first["tool"].get("version"):
            raise MergeError(f"{path} was written by l10n-qa {report['tool'].get('version')}, {first_path} by "
                             f"{first['tool'].get('version')}: run every shard with the same version")
        if report["run"].get("settings") != first["run"].get("settings"):
            raise MergeError(f"{path} and {first_path} were checked with different settings (config, rules, "
                             "locales, glossaries, packs, baseline, paths or --fail-on): run every shard with "
                             "the same command and files")
    counts = {count for _, _, count in shards}
    if len(counts) > 1:
        raise MergeError("the reports split the files differently: " + ", ".join(
            f"{path} is {index}/{count}" for path, index, count in shards))
    count = counts.pop()
    seen: dict[int, Path] = {}
    for path, index, _ in shards:
        if index in seen:
            raise MergeError(f"shard {index}/{count} is given twice: {seen[index]} and {path}")
        seen[index] = path
    missing = [f"{index}/{count}" for index in range(1, count + 1) if index not in seen]
    if missing:
        raise MergeError(f"shard{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing: merge needs the "
                         f"reports of all {count} shards")


def _stale(reports: list[dict]) -> list[BaselineEntry]:
    """The baseline entries one run would call stale.

    A shard calls an entry stale when it checked the entry's file and no finding matched it, or when
    the file does not exist (baseline.py). So the shards that checked the file decide; an entry whose
    file no shard checked (a file that is gone, or a missing translation another shard reports) is
    stale only if every shard says so."""
    checked = [{os.path.normpath(p) for p in report.get("paths", [])} for report in reports]
    stale_sets = [{_entry(item) for item in (report.get("baseline") or {}).get("stale", [])} for report in reports]
    baseline_path = next((r["baseline"]["path"] for r in reports if r.get("baseline")), None)
    folder = os.path.dirname(baseline_path) if baseline_path else ""
    result = []
    for entry in sorted(set().union(*stale_sets), key=lambda e: (e.path, e.rule, e.segment, e.fingerprint)):
        shown = os.path.normpath(os.path.join(folder, entry.path))
        judges = [i for i, paths in enumerate(checked) if shown in paths] or range(len(reports))
        if all(entry in stale_sets[i] for i in judges):
            result.append(entry)
    return result


def merge(paths: list[Path]) -> Report:
    """One report from the shard reports in `paths`; MergeError if they are not the parts of one run."""
    loaded = [(path, _read(path)) for path in paths]
    check_parts(loaded)
    reports = [report for _, report in loaded]
    try:
        return _combine(reports)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MergeError(f"a report is malformed ({type(exc).__name__}: {exc}); was it edited by hand?") from None


def _combine(reports: list[dict]) -> Report:
    merged = Report()
    errors: set[InputError] = set()
    notices: set[str] = set()
    rules: dict[str, Rule] = {}
    for report in reports:
        summary = report["summary"]
        merged.files += summary["files"]
        merged.segments += summary["segments"]
        merged.baselined += summary.get("baselined", 0)
        merged.findings.extend(_finding(item) for item in report["findings"])
        merged.below_min_severity.extend(_finding(item) for item in report.get("below_min_severity", []))
        merged.suppressed.extend(
            Suppressed(_finding(item), item["suppression"]["reason"], item["suppression"]["origin"],
                       item["suppression"].get("until")) for item in report.get("suppressed", []))
        errors.update(InputError(e["path"], e["message"], e.get("line")) for e in report["errors"])
        notices.update(n["message"] for n in report.get("notices", []))
        merged.paths.extend(report.get("paths", []))
        rules.update((item["id"], _rule(item)) for item in report.get("rules", []))
    first = reports[0]
    merged.findings.sort(key=lambda f: f.sort_key)
    merged.below_min_severity.sort(key=lambda f: f.sort_key)
    merged.suppressed.sort(key=lambda s: s.finding.sort_key)
    merged.paths.sort()
    merged.errors = sorted(errors, key=lambda e: (e.path, e.line or 0, e.message))
    merged.notices = sorted(notices)
    merged.rules = {rule_id: rules[rule_id] for rule_id in sorted(rules)}
    merged.fail_on = first["summary"]["fail_on"]
    merged.min_severity = first["run"].get("min_severity")
    merged.allow_empty = bool(first["run"].get("allow_empty"))
    merged.settings_digest = first["run"].get("settings")
    if first.get("baseline"):
        merged.baseline = first["baseline"]["path"]
        merged.stale = _stale(reports)
    # The shards ran side by side: the merged run took as long as the slowest one.
    merged.started_at = min(r["run"].get("started_at") or 0.0 for r in reports)
    merged.seconds = max(r["run"].get("seconds") or 0.0 for r in reports)
    return merged


def nothing_checked(report: Report) -> bool:
    """One run that checks nothing is a usage error unless --allow-empty (engine.Run._refuse_empty);
    the shards cannot tell alone, the merge can."""
    return not (report.files or report.findings or report.errors or report.allow_empty)
