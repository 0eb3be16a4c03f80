"""The report for people: findings grouped by file, the offending span shown in its real line, the
source beside it, what to write instead, and a summary by category and locale.

Colour only on a terminal (rich decides; NO_COLOR and FORCE_COLOR are honoured). Without colour the
span is underlined with carets, so the report reads the same in a CI log or a pipe.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from functools import lru_cache
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from l10n_qa.model import Finding, Report
from l10n_qa.reporters.visible import visible
from l10n_qa.safe_read import stdin_copy

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_WINDOW = 110  # characters of a long line shown around the finding


def _file_lines(path: str) -> tuple[str, ...] | None:
    checked = stdin_copy(path)  # checked from standard input: quote that, not the file on disk
    return _split_lines(checked) if checked is not None else _disk_lines(path)


@lru_cache(maxsize=64)
def _disk_lines(path: str) -> tuple[str, ...] | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return _split_lines(data)


def _split_lines(data: bytes) -> tuple[str, ...]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    return tuple(line.rstrip("\r") for line in text.split("\n"))


def _excerpt(finding: Finding) -> tuple[str, int, int] | None:
    """(the finding's line, start and end of the span in it), trimmed to a window around the span."""
    lines = _file_lines(finding.path)
    if not lines or finding.line > len(lines):
        return None
    line = lines[finding.line - 1].replace("\t", " ")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = max(end, start)
    offset = max(0, min(start - 30, len(line) - _WINDOW))
    prefix = "…" if offset else ""
    suffix = "…" if offset + _WINDOW < len(line) else ""
    # Control and invisible characters shown as <U+XXXX> (visible.py), the span kept on the same text.
    before = prefix + visible(line[offset:start])
    cut = min(end, offset + _WINDOW)
    span = visible(line[start:cut])
    after = visible(line[cut:offset + _WINDOW]) + suffix
    return before + span + after, len(before), len(before) + len(span)


def _one_line(text: str, around: str = "", limit: int = 160) -> str:
    """The text on one line, cut to `limit` characters around `around` when the text has it."""
    flat = text.replace("\n", "⏎").replace("\t", "⇥")
    if len(flat) <= limit:
        return flat
    at = flat.find(around.replace("\n", "⏎")) if around else -1
    start = max(0, min(at - limit // 3, len(flat) - limit)) if at > 0 else 0
    shown = flat[start: start + limit - 2]
    return ("…" if start else "") + shown + ("…" if start + limit - 2 < len(flat) else "")


def _finding_lines(finding: Finding, quiet: bool, color: bool) -> list[Text]:
    head = Text()
    if quiet:  # one self-contained line per finding, for grep and editors
        head.append(f"{visible(finding.path)}:{finding.line}:{finding.column}: ", style="bold")
    else:
        head.append(f"  {finding.line}:{finding.column}".ljust(10), style="dim")
    head.append(f"{finding.severity.label:<8}", style=_STYLE[finding.severity.label])
    head.append(f"{finding.rule:<28}", style="bold")
    if finding.fix is not None:  # as Ruff marks what --fix can fix
        head.append(" [*]", style="green")
    head.append(" " + visible(finding.message))
    lines = [head]
    if quiet:
        return lines
    pad = " " * 10
    excerpt = _excerpt(finding)
    if excerpt:
        line, start, end = excerpt
        shown = Text()
        shown.append(pad + "│ ", style="dim")
        body = Text(line)
        if end > start:
            body.stylize("bold red underline" if finding.severity.label == "error" else "bold yellow underline", start, end)
        shown.append_text(body)
        lines.append(shown)
        if not color and end > start:
            lines.append(Text(pad + "│ " + " " * cell_len(line[:start]) + "^" * max(1, cell_len(line[start:end])), style="dim"))
    if finding.source:
        lines.append(Text.assemble((pad + "source ", "dim"), visible(_one_line(finding.source, finding.matched))))
    if finding.suggestion:
        lines.append(Text.assemble((pad + "fix    ", "dim"), (visible(finding.suggestion), "green")))
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(console: Console, report: Report) -> None:
    counts = report.counts_by_severity()
    if report.findings:
        by_category: dict[str, Counter] = defaultdict(Counter)
        by_locale: dict[str, Counter] = defaultdict(Counter)
        for f in report.findings:
            by_category[f.category][f.severity.label] += 1
            by_locale[f.locale or "?"][f.severity.label] += 1
        by_rule: dict[str, Counter] = defaultdict(Counter)
        for f in report.findings:
            by_rule[f.rule][f.severity.label] += 1
        levels = ("error", "warning", "info")
        # The category table has at most 18 rows; locales and rules are cut to the top ones, so the
        # summary of a run over a hundred locales still fits one screen.
        for title, rows, order in (("category", by_category, _worst_first(by_category)),
                                   ("locale", by_locale, _worst_first(by_locale)),
                                   ("rule", by_rule, _worst_first(by_rule))):
            shown, rest = order[:_TOP], order[_TOP:]
            heading = f"Findings by {title}" if not rest else f"Top {len(shown)} of {len(order)} {_PLURALS[title]}"
            table = Table(title=heading, title_justify="left", show_edge=False, pad_edge=False)
            table.add_column(title.capitalize())
            for level in levels:
                table.add_column({"error": "Errors", "warning": "Warnings", "info": "Info"}[level], justify="right", style=_STYLE[level])
            for name in shown:
                table.add_row(name, *(str(rows[name][lvl] or "") for lvl in levels))
            if rest:
                table.add_row(Text(f"{len(rest)} more", style="dim"),
                              *(str(sum(rows[name][lvl] for name in rest) or "") for lvl in levels))
            console.print(table)
            console.print()
    files = _plural(report.files, "file")
    segs = _plural(report.segments, "segment")
    if report.findings:
        line = Text("✖ ", style="bold red" if counts["error"] else "bold yellow")
        line.append(f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
                    f"{counts['info']} info", style="bold")
        line.append(f" in {files} ({segs}), {report.seconds:.2f} s")
    elif not report.files and report.errors:  # nothing was checked: that is no clean run
        line = Text("✖ ", style="bold red") + Text(f"Nothing checked, {report.seconds:.2f} s", style="bold")
    else:
        line = Text("✔ ", style="bold green") + Text(f"No problems in {files} ({segs}), {report.seconds:.2f} s")
    if report.errors:
        line.append(f"; {len(report.errors)} could not be checked (see above)", style="bold red")
    console.print(line)
    fixable = sum(1 for f in (*report.findings, *report.below_min_severity) if f.fix is not None)
    if fixable:
        console.print(Text(f"[*] {fixable} fixable with --fix (preview with --diff)", style="green"))
    if report.below_min_severity:
        hidden = Counter(f.severity.label for f in report.below_min_severity)
        parts = [_plural(hidden[level], level) if level != "info" else f"{hidden[level]} info"
                 for level in ("warning", "info") if hidden[level]]
        console.print(Text(f"{', '.join(parts)} not listed (--min-severity {report.min_severity})", style="dim"))


# Rows of the locale and rule tables before "N more": a summary that fits one screen.
_TOP = 10
_PLURALS = {"category": "categories", "locale": "locales", "rule": "rules"}


def _worst_first(rows: dict[str, Counter]) -> list[str]:
    """Names by errors, then warnings, then info (most first), then name."""
    return sorted(rows, key=lambda name: (-rows[name]["error"], -rows[name]["warning"], -rows[name]["info"], name))


def _hidden(console: Console, report: Report, show_suppressed: bool) -> None:
    """What suppressions and the baseline hid, and baseline entries that no longer match."""
    if report.suppressed:
        if show_suppressed:
            console.print(Text(f"Suppressed ({len(report.suppressed)})", style="bold"))
            for item in report.suppressed:
                f = item.finding
                row = Text(f"  {f.path}:{f.line}:{f.column}: ", style="dim")
                row.append(f"{f.rule} ", style="bold")
                row.append(f.message)
                console.print(row)
                why = item.reason or "no reason given"
                until = f", until {item.until}" if item.until else ""
                console.print(Text(f"      {why}  ({item.origin}{until})", style="dim"))
        else:
            console.print(Text(f"{_plural(len(report.suppressed), 'finding')} suppressed by l10n-qa: directives or "
                               "the config (--show-suppressed lists them with their reasons)", style="dim"))
    if report.baseline is not None:
        console.print(Text(f"{_plural(report.baselined, 'known finding')} hidden by the baseline {report.baseline}",
                           style="dim"))
        if report.stale:
            count = len(report.stale)
            console.print(Text(f"{count} stale baseline {'entry matches' if count == 1 else 'entries match'} no "
                               f"finding any more (fixed?); `l10n-qa baseline prune` removes {'it' if count == 1 else 'them'}:",
                               style="yellow"))
            for entry in report.stale:
                what = f" `{entry.matched}`" if entry.matched else ""
                console.print(Text(f"  {entry.path}  {entry.rule}{what}  ({_one_line(entry.segment, limit=60)})",
                                   style="dim"))
    if report.suppressed or report.baseline is not None:
        console.print()


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False,
                      color_system=None if color is False else "auto", force_terminal=True if color else None)
    use_color = console.is_terminal and console.color_system is not None
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    # Files with errors first (then warnings, then info), so the errors of a big run are not buried;
    # within a file the findings stay in line order. `-q` lines stay in path order, for pipes and diffs.
    ordered = list(by_file.items()) if quiet else sorted(by_file.items(), key=lambda item: -max(f.severity for f in item[1]))
    for path, findings in ordered:
        lines: list[Text] = []
        if not quiet:
            locale = findings[0].locale
            title = Text(path, style="bold underline")
            title.append(f"  {locale}" if locale else "", style="magenta")
            title.append(f"  {_plural(len(findings), 'finding')}", style="dim")
            lines.append(title)
        for finding in findings:
            lines.extend(_finding_lines(finding, quiet, use_color))
        if not quiet:
            lines.append(Text())
        # One write per file: printing line by line through rich costs more than the checks on a
        # large run; without colour the plain text needs no rendering at all.
        if use_color:
            console.print(Text("\n").join(lines))
        else:
            out.write("\n".join(line.plain for line in lines) + "\n")
    if report.errors:
        console.print(Text("Could not be checked", style="bold red"))
        for error in report.errors:
            console.print(Text(f"  {error}", style="red"))
        console.print()
    if report.notices:
        if not quiet:
            console.print(Text("Notes", style="bold"))
        for notice in report.notices:
            console.print(Text(f"  {notice}" if not quiet else f"note: {notice}", style="dim" if not quiet else ""))
        if not quiet:
            console.print()
    if not quiet:
        _hidden(console, report, show_suppressed)
        _summary(console, report)
