"""The JSON report: the contract of design section 6. Keys are only ever added, never changed."""

from __future__ import annotations

from l10n_qa import json_text
from collections import Counter
from typing import TextIO

from l10n_qa import __version__
from l10n_qa.model import CATEGORIES, Finding, Fix, Report, Severity


def _fix(fix: Fix | None) -> dict | None:
    if fix is None:
        return None
    return {"start": fix.start, "end": fix.end, "original": fix.original, "replacement": fix.replacement,
            "line": fix.line, "column": fix.column, "end_line": fix.end_line, "end_column": fix.end_column}


def finding_dict(f: Finding) -> dict:
    return {
        "rule": f.rule, "category": f.category, "severity": f.severity.label, "message": f.message,
        "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "locale": f.locale, "source_locale": f.source_locale,
        "segment": f.segment, "source": f.source, "target": f.target, "suggestion": f.suggestion,
        "fingerprint": f.fingerprint, "fixable": f.fix is not None, "matched": f.matched,
        "fix": _fix(f.fix),
    }


def _summary(report: Report) -> dict:
    by_category = Counter(f.category for f in report.findings)
    by_locale = Counter(f.locale for f in report.findings)
    return {
        "files": report.files,
        "segments": report.segments,
        "findings": len(report.findings),
        "by_severity": report.counts_by_severity(),
        "by_category": {c: by_category[c] for c in CATEGORIES if by_category[c]},
        "by_locale": dict(sorted(by_locale.items())),
        "errors": len(report.errors),
        "suppressed": len(report.suppressed),
        "baselined": report.baselined,
        "hidden_below_min_severity": _below_min_severity(report),
        "fail_on": report.fail_on,
    }


def _below_min_severity(report: Report) -> dict | None:
    """What `--min-severity` left out of `findings`: counted here so the summary still tells the whole run."""
    if report.min_severity is None:
        return None
    lowest = Severity.parse(report.min_severity)
    counts = Counter(f.severity.label for f in report.below_min_severity)
    return {"min_severity": report.min_severity,
            "by_severity": {level.label: counts[level.label] for level in sorted(Severity, reverse=True)
                            if level < lowest}}


def _baseline(report: Report) -> dict | None:
    if report.baseline is None:
        return None
    return {
        "path": report.baseline,
        "hidden": report.baselined,
        "stale": [{"path": e.path, "rule": e.rule, "segment": e.segment, "matched": e.matched,
                   "fingerprint": e.fingerprint} for e in report.stale],
    }


def rule_dict(rule) -> dict:
    """A rule's metadata, so a report (and `l10n-qa merge`) describes user pack rules as well as built-in ones."""
    return {"id": rule.id, "category": rule.category, "severity": rule.severity.label, "summary": rule.summary,
            "rationale": rule.rationale, "example": list(rule.example) if rule.example else None,
            "pack": rule.pack or None}


def _run(report: Report) -> dict:
    """What `l10n-qa merge` needs to put shard reports back together (docs/json-report.md). Timing only
    in a shard's report: the report of a run is otherwise the same whenever and however it runs."""
    sharded = report.shard is not None
    return {"shard": report.shard, "settings": report.settings_digest, "allow_empty": report.allow_empty,
            "min_severity": report.min_severity, "started_at": report.started_at if sharded else None,
            "seconds": round(report.seconds, 3) if sharded else None}


def _write_list(out: TextIO, key: str, items) -> None:
    out.write(f',\n"{key}": [')
    first = True
    for item in items:
        out.write("\n  " if first else ",\n  ")
        out.write(json_text.dumps(item, ensure_ascii=False))
        first = False
    out.write("]" if first else "\n]")


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    """One finding per line: diffable and greppable. Each is encoded and written on its own, so a
    report of 20,000 findings never exists twice in memory, with json's C encoder (an indented dump
    takes seconds in the pure-Python one)."""
    out.write('{\n"tool": ' + json_text.dumps({"name": "l10n-qa", "version": __version__}))
    out.write(',\n"summary": ' + json_text.dumps(_summary(report), ensure_ascii=False))
    _write_list(out, "findings", (finding_dict(f) for f in report.findings))
    _write_list(out, "errors", ({"path": e.path, "line": e.line, "message": e.message} for e in report.errors))
    _write_list(out, "notices", ({"message": n} for n in report.notices))
    _write_list(out, "suppressed", (
        finding_dict(s.finding) | {"suppression": {"reason": s.reason, "origin": s.origin, "until": s.until}}
        for s in report.suppressed))
    out.write(',\n"baseline": ' + json_text.dumps(_baseline(report), ensure_ascii=False))
    out.write(',\n"run": ' + json_text.dumps(_run(report), ensure_ascii=False))
    out.write(',\n"rules": ' + json_text.dumps([rule_dict(rule) for _, rule in sorted(report.rules.items())],
                                                 ensure_ascii=False))
    _write_list(out, "paths", report.paths)
    _write_list(out, "below_min_severity", (finding_dict(f) for f in report.below_min_severity))
    out.write("\n}\n")
