"""One line per finding, `path:line:col: rule [severity] message`, for editors' problem matchers,
grep and diff. Files that could not be checked come after, as `path[:line]: error: message`."""

from __future__ import annotations

from typing import TextIO

from l10n_qa.model import Report


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    for f in report.findings:
        message = " ".join(f.message.split())  # one line, whatever the message holds
        out.write(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.label}] {message}\n")
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        out.write(f"{where}: error: {' '.join(error.message.split())}\n")
