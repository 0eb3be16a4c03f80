"""The JSON report: the contract of design section 6. Keys are only ever added, never changed."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from l10n_qa import __version__
from l10n_qa.model import CATEGORIES, Finding, Report


def finding_dict(f: Finding) -> dict:
    return {
        "rule": f.rule, "category": f.category, "severity": f.severity.label, "message": f.message,
        "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "locale": f.locale, "source_locale": f.source_locale,
        "segment": f.segment, "source": f.source, "target": f.target, "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
    }


def as_dict(report: Report) -> dict:
    by_category = Counter(f.category for f in report.findings)
    by_locale = Counter(f.locale for f in report.findings)
    return {
        "tool": {"name": "l10n-qa", "version": __version__},
        "summary": {
            "files": report.files,
            "segments": report.segments,
            "findings": len(report.findings),
            "by_severity": report.counts_by_severity(),
            "by_category": {c: by_category[c] for c in CATEGORIES if by_category[c]},
            "by_locale": dict(sorted(by_locale.items())),
            "errors": len(report.errors),
            "suppressed": len(report.suppressed),
            "baselined": report.baselined,
        },
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in report.errors],
        "suppressed": [
            finding_dict(s.finding) | {"suppression": {"reason": s.reason, "origin": s.origin, "until": s.until}}
            for s in report.suppressed
        ],
        "baseline": None if report.baseline is None else {
            "path": report.baseline,
            "hidden": report.baselined,
            "stale": [{"path": e.path, "rule": e.rule, "segment": e.segment, "matched": e.matched,
                       "fingerprint": e.fingerprint} for e in report.stale],
        },
    }


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    """One finding per line: diffable, greppable, and written by json's C encoder (an indented dump
    of a 20,000-finding report takes seconds in the pure-Python one)."""
    data = as_dict(report)
    out.write("{")
    for index, key in enumerate(data):
        out.write("," if index else "")
        out.write(f"\n{json.dumps(key)}: ")
        value = data[key]
        if isinstance(value, list):
            items = [json.dumps(item, ensure_ascii=False) for item in value]
            out.write("[\n  " + ",\n  ".join(items) + "\n]" if items else "[]")
        else:
            out.write(json.dumps(value, ensure_ascii=False))
    out.write("\n}\n")
