"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` (warning, and `notice` for
info). The message is escaped as the Actions toolkit's `escapeData` does (`%`, CR, LF) and property
values as its `escapeProperty` does (also `:` and `,`), so a message or path holding them cannot end
the command early. Columns are left out of a span that runs over several lines, where GitHub would
misplace them. GitHub shows only the first few annotations of a step; for large runs upload SARIF
(docs/ci.md).
"""

from __future__ import annotations

from typing import TextIO

from l10n_qa.model import Report
from l10n_qa.reporters.visible import visible

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(visible(message))}"  # no terminal escapes from content in the log


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    for f in report.findings:
        properties: dict[str, object] = {"file": f.path, "line": f.line}
        if f.end_line == f.line:
            properties["col"] = f.column
            if f.end_column > f.column:
                properties["endColumn"] = f.end_column
        else:
            properties["endLine"] = f.end_line
        properties["title"] = f"l10n-qa {f.rule}"
        message = f.message
        if f.suggestion:
            message += f"\nFix: {f.suggestion}"
        if f.source:
            message += f"\nSource ({f.source_locale or 'source'}): {f.source}"
        out.write(command(_LEVEL[f.severity.label], properties, message) + "\n")
    for error in report.errors:
        properties = {"file": error.path}
        if error.line:
            properties["line"] = error.line
        properties["title"] = "l10n-qa could not check this file"
        out.write(command("error", properties, error.message) + "\n")
    counts = report.counts_by_severity()
    plural = lambda n, noun: f"{n} {noun}{'' if n == 1 else 's'}"  # noqa: E731
    out.write(f"l10n-qa: {plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
              f"{counts['info']} info in {plural(report.files, 'file')}\n")
