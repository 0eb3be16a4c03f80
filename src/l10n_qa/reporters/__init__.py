"""Reporters render a finished `Report`; they know nothing of checks and never pick the exit code.

Each format is one module with `render(report, out, *, color, quiet, show_suppressed)`, imported only
when that format is asked for.
"""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from l10n_qa.model import Report

# Format name → module under l10n_qa.reporters.
FORMATS = {
    "text": "text_report",  # for people: coloured on a terminal, context and summary
    "json": "json_report",  # the contract of design §6 (docs/json-report.md)
    "concise": "concise_report",  # path:line:col: rule [severity] message — editors and grep
    "sarif": "sarif_report",  # SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
    "junit": "junit_report",  # JUnit XML for GitLab, Jenkins, Azure DevOps test views
    "github": "github_report",  # GitHub Actions workflow commands: inline annotations on pull requests
    "gitlab": "gitlab_report",  # GitLab Code Quality (Code Climate JSON)
    "html": "html_report",  # one self-contained page for localization managers
}
# Formats meant to be read by a person in a terminal (a progress bar may accompany them).
HUMAN_FORMATS = frozenset({"text"})


class Reporter(Protocol):
    def __call__(self, report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
                 show_suppressed: bool = False) -> None: ...


def reporter(name: str) -> Reporter:
    module = importlib.import_module(f"l10n_qa.reporters.{FORMATS[name]}")
    return module.render
