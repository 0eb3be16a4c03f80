"""GitLab Code Quality report (a Code Climate issue list) for merge-request widgets.

Each issue has the fields GitLab requires: description, check_name, fingerprint (the finding's,
which has no line numbers, so an issue keeps its identity when unrelated lines move), severity and
location (path, lines). Severities map error → major, warning → minor, info → info; a file that
could not be checked is a `critical` issue.
"""

from __future__ import annotations

import hashlib
from l10n_qa import json_text
from typing import TextIO

from l10n_qa.model import Report

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issues(report: Report) -> list[dict]:
    out = []
    for f in report.findings:
        description = f"{f.rule}: {f.message}" + (f" (fix: {f.suggestion})" if f.suggestion else "")
        out.append({
            "type": "issue", "engine_name": "l10n-qa", "check_name": f.rule, "description": description,
            "categories": ["Style"], "fingerprint": f.fingerprint, "severity": _SEVERITY[f.severity.label],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        })
    for error in report.errors:
        digest = hashlib.sha256(f"input-error\x1f{error.path}\x1f{error.message}".encode()).hexdigest()[:20]
        out.append({
            "type": "issue", "engine_name": "l10n-qa", "check_name": "input-error",
            "description": f"cannot check this file: {error.message}", "categories": ["Bug Risk"],
            "fingerprint": digest, "severity": "critical",
            "location": {"path": error.path, "lines": {"begin": error.line or 1}},
        })
    return out


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    items = [json_text.dumps(item, ensure_ascii=False) for item in issues(report)]
    out.write("[\n  " + ",\n  ".join(items) + "\n]\n" if items else "[]\n")
