"""Applying safe fixes to files: `check --fix` writes them, `check --diff` shows them.

Runs after the report is built, on the findings that carry a `Fix` (l10n_qa.fixes). Each file is
edited as text, never reserialised, so everything the fixes do not touch stays byte for byte:
- Markdown, HTML, YAML, JSON, plain text, XLIFF: each fix is a span edit at the finding's line and
  column, made only if the file holds exactly the text the check read there (an escape such as
  `&amp;` or `\\u00a0`, or a folded YAML scalar, is not the same text: that fix is skipped).
- PO: a msgstr may be escaped and wrapped over several lines, so it is edited through polib, and
  only if polib writes that file back byte for byte as it is; otherwise the file is skipped.
Only UTF-8 files (with or without a BOM) are edited; overlapping fixes are applied one per run.

`--fix` then checks every fixed file again: a file in which a fixed finding is still there, or a
new finding (or a load error) appeared, is restored and reported as rolled back.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TextIO

from l10n_qa import atomic_write
from l10n_qa.formats import format_for
from l10n_qa.model import Finding, Report
from l10n_qa.safe_read import ReadRefused, read_regular_file


def _lines(text: str) -> list[str]:
    """Lines ended by "\n" only, as diff and patch see them (str.splitlines also breaks at U+2028,
    form feeds and other characters a translation may hold)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


@dataclass(slots=True)
class FileFix:
    """The fixes planned for one file: its text before and after, and the findings they fix."""

    path: str
    before: str
    after: str
    bom: bool
    applied: list[Finding] = field(default_factory=list)

    def diff(self) -> str:
        lines = difflib.unified_diff(_lines(self.before), _lines(self.after),
                                     fromfile=f"a/{self.path}", tofile=f"b/{self.path}")
        # A last line without a line end is marked the way diff(1) and git do, so the patch applies.
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@dataclass(slots=True)
class FixOutcome:
    files: list[FileFix] = field(default_factory=list)  # files fixed (or, for --diff, that would be)
    notes: list[str] = field(default_factory=list)  # fixes skipped, and why
    rolled_back: list[str] = field(default_factory=list)  # files restored after the re-check, and why

    @property
    def fixed(self) -> int:
        return sum(len(f.applied) for f in self.files)


def fixable_findings(report: Report, only: frozenset[str] = frozenset()) -> list[Finding]:
    """The findings of the report with a fix (of the rules in `only`, if given), listed or not."""
    return [f for f in (*report.findings, *report.below_min_severity) if f.fix is not None and (not only or f.rule in only)]


def plan(report: Report, only: frozenset[str] = frozenset()) -> FixOutcome:
    """What the fixes would change, file by file; nothing is written."""
    outcome = FixOutcome()
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in fixable_findings(report, only):
        by_path[finding.path].append(finding)
    for path in sorted(by_path):
        file_fix = _plan_file(path, by_path[path], outcome.notes)
        if file_fix is not None and file_fix.applied:
            outcome.files.append(file_fix)
    return outcome


def _plan_file(path: str, findings: list[Finding], notes: list[str]) -> FileFix | None:
    if path == "-":
        notes.append("standard input is not fixed: fix the file itself")
        return None
    try:
        data = read_regular_file(path)
    except (OSError, ReadRefused) as exc:
        notes.append(f"{path}: not fixed: {getattr(exc, 'strerror', None) or exc}")
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError:
        notes.append(f"{path}: not fixed: only UTF-8 files are edited")
        return None
    file_fix = FileFix(path, text, text, bom)
    findings = sorted(findings, key=lambda f: (f.fix.line, f.fix.column, f.rule))
    if format_for(path, data[:4096]) == "po":
        _plan_po(file_fix, findings, notes)
    else:
        _plan_spans(file_fix, findings, notes)
    return file_fix


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _offset(starts: list[int], text: str, line: int, column: int) -> int | None:
    """The offset of a 1-based (line, column) in the text, or None if the file has no such place."""
    if not 1 <= line <= len(starts) or column < 1:
        return None
    offset = starts[line - 1] + column - 1
    line_end = starts[line] - 1 if line < len(starts) else len(text)  # the "\n" itself may end a span
    return offset if offset <= line_end + 1 and offset <= len(text) else None


def _where(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.rule}"


def _plan_spans(file_fix: FileFix, findings: list[Finding], notes: list[str]) -> None:
    text = file_fix.before
    starts = _line_starts(text)
    edits: list[tuple[int, int, str, Finding]] = []
    for finding in findings:
        fix = finding.fix
        start = _offset(starts, text, fix.line, fix.column)
        end = _offset(starts, text, fix.end_line, fix.end_column)
        if start is None or end is None or text[start:end] != fix.original:
            # The check read decoded text (an entity, an escape, a folded line) that is not written
            # this way in the file: editing the bytes there would change something else.
            notes.append(f"{_where(finding)}: not fixed: the file does not hold the text the check read at "
                         "this place (escaped or reformatted); fix it by hand")
            continue
        if edits and start < edits[-1][1]:
            notes.append(f"{_where(finding)}: not fixed in this run: it overlaps another fix (run --fix again)")
            continue
        edits.append((start, end, fix.replacement, finding))
    pieces, position = [], 0
    for start, end, replacement, finding in edits:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
        file_fix.applied.append(finding)
    pieces.append(text[position:])
    file_fix.after = "".join(pieces)


def _plan_po(file_fix: FileFix, findings: list[Finding], notes: list[str]) -> None:
    import polib

    try:
        catalog = polib.pofile(file_fix.before)
    except (OSError, ValueError, KeyError, IndexError):
        notes.append(f"{file_fix.path}: not fixed: polib cannot read it")
        return
    if catalog.__unicode__() != file_fix.before:
        notes.append(f"{file_fix.path}: not fixed: polib would not write this catalog back as it is (line "
                     "wrapping or layout differ), and fixing it must not rewrap every entry; fix by hand or "
                     "rewrap it once with msgcat")
        return
    # Segment keys as formats/po.py makes them: "context | msgid", plural forms "… [n]".
    forms: dict[str, tuple[polib.POEntry, int | None]] = {}
    for entry in catalog:
        if entry.obsolete:
            continue
        key = (f"{entry.msgctxt} | " if entry.msgctxt else "") + entry.msgid
        if entry.msgid_plural:
            for index in entry.msgstr_plural:
                forms[f"{key} [{index}]"] = (entry, index)
        else:
            forms[key] = (entry, None)
    by_form: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_form[finding.segment].append(finding)
    for key, form_findings in by_form.items():
        entry, index = forms.get(key, (None, None))
        msgstr = None if entry is None else entry.msgstr if index is None else entry.msgstr_plural[index]
        edits: list[Finding] = []
        for finding in sorted(form_findings, key=lambda f: f.fix.start):
            fix = finding.fix
            if msgstr is None or msgstr != finding.target or msgstr[fix.start:fix.end] != fix.original:
                notes.append(f"{_where(finding)}: not fixed: the entry is not what the check read")
            elif edits and fix.start < edits[-1].fix.end:
                notes.append(f"{_where(finding)}: not fixed in this run: it overlaps another fix (run --fix again)")
            else:
                edits.append(finding)
        if not edits:
            continue
        for finding in reversed(edits):
            fix = finding.fix
            msgstr = msgstr[:fix.start] + fix.replacement + msgstr[fix.end:]
        if index is None:
            entry.msgstr = msgstr
        else:
            entry.msgstr_plural[index] = msgstr
        file_fix.applied.extend(edits)
    file_fix.after = catalog.__unicode__()


def rules_to_fix(fix: bool, diff: bool, only: tuple[str, ...]) -> frozenset[str]:
    """The rules `--fix-only` names; ValueError for options that do not go together or a rule
    without a safe fix."""
    from l10n_qa.fixes import fixable_rules

    if fix and diff:
        raise ValueError("--fix and --diff cannot be combined: --diff shows what --fix would write")
    if only and not (fix or diff):
        raise ValueError("--fix-only needs --fix (apply) or --diff (preview)")
    unknown = [rule for rule in only if rule not in fixable_rules()]
    if unknown:
        raise ValueError(f"--fix-only: {', '.join(unknown)} has no safe fix; rules with one: "
                         f"{', '.join(fixable_rules())}")
    return frozenset(only)


def run_fixes(check_run, report: Report, *, write: bool, only: frozenset[str], diff_out: TextIO,
        say: Callable[[str], None]) -> None:
    """`check --diff` (write=False): the diff of every planned fix to `diff_out`. `check --fix`: apply,
    re-check, and update `report` to what is left. `say` gets what was skipped, rolled back, done."""
    outcome = plan(report, only)
    if not write:
        for file_fix in outcome.files:
            diff_out.write(file_fix.diff())
    else:
        merge(report, outcome, apply(check_run, outcome))
    for note in (*outcome.notes, *outcome.rolled_back):
        say(note)
    files = len(outcome.files)
    if outcome.fixed:
        say(f"{'fixed' if write else 'would fix'} {outcome.fixed} finding{'s' if outcome.fixed != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}")
    else:
        say(f"nothing {'fixed' if write else 'to fix'}")


def _write(path: str, text: str, bom: bool) -> None:
    atomic_write.write_text(path, lambda handle: handle.write(("\ufeff" if bom else "") + text))


def _identities(findings) -> Counter:
    """What a finding is, independent of where it is (fixing a line moves the rest of it)."""
    return Counter((f.rule, f.matched) for f in findings)


def apply(check_run, outcome: FixOutcome) -> Report | None:
    """Write the planned fixes, re-check the fixed files, restore those the re-check refuses.

    `check_run` is the engine.Run of the check; the re-check uses its options on the fixed files only.
    Returns the report of the files that stay fixed (None if none were written)."""
    from l10n_qa.engine import Run

    if not outcome.files:
        return None
    paths = tuple(f.path for f in outcome.files)
    options = replace(check_run.options, paths=paths, write_baseline=None, changed_since=None, allow_empty=True)
    before = Run(options).with_services().execute()
    written: list[FileFix] = []
    for file_fix in outcome.files:
        try:
            _write(file_fix.path, file_fix.after, file_fix.bom)
            written.append(file_fix)
        except OSError as exc:
            outcome.notes.append(f"{file_fix.path}: not fixed: cannot write it: {exc.strerror or exc}")
    after = Run(options).with_services().execute()
    kept: list[FileFix] = []
    for file_fix in written:
        path = file_fix.path
        expected = _identities(f for f in (*before.findings, *before.below_min_severity) if f.path == path)
        expected -= _identities(file_fix.applied)
        now = [f for f in (*after.findings, *after.below_min_severity) if f.path == path]
        extra = _identities(now) - expected
        errors = [e for e in after.errors if e.path == path]
        if not extra and not errors:
            kept.append(file_fix)
            continue
        try:
            _write(path, file_fix.before, file_fix.bom)  # restore the file as it was
        except OSError as exc:
            outcome.rolled_back.append(f"{path}: the re-check refused its fixes, and it could NOT be restored "
                                       f"({exc.strerror or exc}): restore it from version control")
            continue
        if errors:
            why = f"it no longer loads ({errors[0].message})"
        else:
            unexpected = [f for f in now if extra[(f.rule, f.matched)] > 0]
            why = "the re-check found " + "; ".join(f"{f.rule} at {f.line}:{f.column}" for f in unexpected[:3])
        outcome.rolled_back.append(f"{path}: fixes rolled back, file restored: {why}")
    outcome.files = kept
    return after


def merge(report: Report, outcome: FixOutcome, after: Report | None) -> None:
    """Put the re-check's findings in place of those of the files that stay fixed, so the report
    (and the exit code) say what is left, at the lines and columns the fixed files now have."""
    if after is None or not outcome.files:
        return
    fixed = {f.path for f in outcome.files}

    def updated(old: list[Finding], new: list[Finding]) -> list[Finding]:
        merged = [f for f in old if f.path not in fixed] + [f for f in new if f.path in fixed]
        return sorted(merged, key=lambda f: f.sort_key)

    report.findings = updated(report.findings, after.findings)
    report.below_min_severity = updated(report.below_min_severity, after.below_min_severity)
    report.suppressed = sorted([s for s in report.suppressed if s.finding.path not in fixed]
                               + [s for s in after.suppressed if s.finding.path in fixed],
                               key=lambda s: s.finding.sort_key)
    report.rules = {**report.rules, **after.rules}
