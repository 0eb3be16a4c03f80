"""The JSON report: the contract of design section 6. Keys are only ever added, never changed."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from l10n_qa import __version__
from l10n_qa.model import CATEGORIES, Report


def _finding(f) -> dict:
    return {
        "rule": f.rule, "category": f.category, "severity": f.severity.label, "message": f.message,
        "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "locale": f.locale, "source_locale": f.source_locale,
        "segment": f.segment, "source": f.source, "target": f.target, "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
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
    }


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False) -> None:
    """One finding per line: diffable and greppable. Each is encoded and written on its own, so a
    report of 20,000 findings never exists twice in memory, with json's C encoder (an indented dump
    takes seconds in the pure-Python one)."""
    out.write('{\n"tool": ' + json.dumps({"name": "l10n-qa", "version": __version__}))
    out.write(',\n"summary": ' + json.dumps(_summary(report), ensure_ascii=False))
    out.write(',\n"findings": [')
    for index, finding in enumerate(report.findings):
        out.write(",\n  " if index else "\n  ")
        out.write(json.dumps(_finding(finding), ensure_ascii=False))
    out.write("\n]" if report.findings else "]")
    errors = [json.dumps({"path": e.path, "line": e.line, "message": e.message}, ensure_ascii=False)
              for e in report.errors]
    out.write(',\n"errors": [' + ("\n  " + ",\n  ".join(errors) + "\n]" if errors else "]"))
    notices = [json.dumps({"message": n}, ensure_ascii=False) for n in report.notices]
    out.write(',\n"notices": [' + ("\n  " + ",\n  ".join(notices) + "\n]" if notices else "]") + "\n}\n")
