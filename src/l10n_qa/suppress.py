"""Suppressions: inline `l10n-qa:` directives and the config's `suppress:` list (the filter stage).

One grammar for every format, written on a line of a comment:

    l10n-qa: disable-next-line RULE[, RULE…] [until=YYYY-MM-DD] [-- reason]

with the words `disable`, `enable`, `disable-line`, `disable-next-line` and `disable-file`. RULE is a
rule id or a category; `disable-file` may name none (every rule). Loaders know nothing of this: they
put the file's comments on `Document.comments` (model.Comment) with their positions, and say whether
a comment sits among the text (its directives act by position: the next line, a range between
`disable` and `enable` that may start and end inside a paragraph) or belongs to segments (a PO
translator comment, an XLIFF note: its directives act on those segments).

After the checks ran, `apply` hides the findings the directives and config entries cover, and reports
what is wrong with the directives themselves (rules in checks/suppression.py): unknown rule ids,
directives that hid nothing, lapsed `until=` dates, attempts to hide `enforced` rules, unreadable
directives. Config entries may hide enforced rules: a config change is reviewed, an edit to a
translation file often is not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from l10n_qa.checks import RULES, RuleRegistry
from l10n_qa.checks.suppression import EXPIRED, INVALID, NOT_ALLOWED, UNKNOWN_RULE, UNUSED
from l10n_qa.model import CATEGORIES, Comment, Document, Finding, Suppressed, fingerprint
from l10n_qa.settings import Settings, covers, known_token

MARKER = "l10n-qa:"
KINDS = ("disable", "enable", "disable-line", "disable-next-line", "disable-file")
_WORD = re.compile(r"\s*([A-Za-z][\w-]*)")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
_SEPARATORS = re.compile(r"[\s,]+")


def parse_date(text: str) -> date:
    """YYYY-MM-DD, strictly (date.fromisoformat also takes 20270131 and week dates)."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2027-01-31") from None


@dataclass(frozen=True, slots=True)
class ConfigSuppression:
    """A `suppress:` entry of the config: files (glob relative to the config's folder), optionally
    one JSON Pointer inside them (it covers the segment keyed by it and everything below), rules."""

    files: re.Pattern[str]
    pointer: str | None
    rules: tuple[str, ...]
    reason: str
    until: date | None
    origin: str  # "l10n-qa.yaml:12"

    def covers(self, finding: Finding, config_path: str) -> bool:
        if not self.files.match(config_path):
            return False
        if self.pointer is not None and self.pointer != "":
            # YAML/JSON segments carry their JSON Pointer; their key is the dotted path pairing uses.
            address = finding.pointer or finding.segment
            if address != self.pointer and not address.startswith(self.pointer + "/"):
                return False
        return not self.rules or any(covers(token, finding.rule) for token in self.rules)


@dataclass(slots=True)
class Directive:
    kind: str
    tokens: tuple[str, ...]
    until: date | None
    reason: str
    comment: Comment
    line: int  # where the `l10n-qa:` marker is
    column: int
    text: str  # the directive as written, for messages
    used: Counter = field(default_factory=Counter)  # token ("" for a bare disable-file) → findings hidden
    blocked: Counter = field(default_factory=Counter)  # token → enforced findings it could not hide
    expired: bool = False
    # For `disable`: where its range ends, per token (None: the end of the file).
    range_end: dict[str, tuple[int, int] | None] = field(default_factory=dict)


@dataclass(slots=True)
class _Problem:
    rule_id: str
    message: str
    line: int
    column: int
    text: str
    suggestion: str = ""


def parse(comment: Comment, registry: RuleRegistry = RULES) -> tuple[list[Directive], list[_Problem]]:
    """The directives on the lines of one comment, and the problems with them (`registry`: the rules
    the run knows, its packs' included)."""
    directives: list[Directive] = []
    problems: list[_Problem] = []
    for index, line_text in enumerate(comment.text.split("\n")):
        stripped = line_text.lstrip()
        if not stripped.startswith(MARKER):
            continue
        line = comment.line + index
        column = (comment.column if index == 0 else 1) + len(line_text) - len(stripped)
        written = stripped.rstrip()
        rest = written[len(MARKER):]
        word = _WORD.match(rest)
        kind = word.group(1) if word else ""
        if kind not in KINDS:
            import difflib

            close = difflib.get_close_matches(kind, KINDS, n=1)
            problems.append(_Problem(INVALID.id, f"unknown directive {kind!r} (expected {', '.join(KINDS)})"
                                     if kind else "a directive word must follow `l10n-qa:`",
                                     line, column, written, f"write `{close[0]}`" if close else ""))
            continue
        body = rest[word.end():]
        reason = ""
        split = _REASON.search(body)
        if split:
            body, reason = body[: split.start()], body[split.end():].strip()
        until = None
        tokens = []
        bad = False
        for token in (t for t in _SEPARATORS.split(body.strip()) if t):
            if token.startswith("until="):
                try:
                    until = parse_date(token[len("until="):])
                except ValueError as exc:
                    problems.append(_Problem(INVALID.id, f"bad expiry date: {exc}", line, column, written,
                                             "write until=YYYY-MM-DD"))
                    bad = True
                continue
            tokens.append(token)
        if bad:
            continue
        if not tokens and kind != "disable-file":
            problems.append(_Problem(INVALID.id, f"`{kind}` needs the rule ids or categories it applies to",
                                     line, column, written, f"write `l10n-qa: {kind} RULE -- reason`"))
            continue
        known = []
        for token in tokens:
            if known_token(token, registry):
                known.append(token)
                continue
            import difflib

            close = difflib.get_close_matches(token, [*registry, *CATEGORIES], n=1)
            problems.append(_Problem(UNKNOWN_RULE.id, f"unknown rule or category {token!r}", line, column, written,
                                     f"did you mean `{close[0]}`?" if close else "see `l10n-qa rules`"))
        if tokens and not known:
            continue
        directives.append(Directive(kind, tuple(known), until, reason, comment, line, column, written))
    return directives, problems


def _pair_ranges(directives: list[Directive], problems: list[_Problem]) -> list[Directive]:
    """Close each positional `disable` at the next `enable` of the same id; report stray enables."""
    active = []
    open_ranges: dict[str, Directive] = {}
    for directive in sorted(directives, key=lambda d: (d.line, d.column)):
        attached = directive.comment.segments is not None
        if directive.kind != "enable":
            active.append(directive)
            if directive.kind == "disable" and not attached:
                for token in directive.tokens:
                    directive.range_end[token] = None
                    open_ranges[token] = directive
            continue
        if attached:
            problems.append(_Problem(INVALID.id, "`enable` has nothing to end here: a `disable` in this comment "
                                     "already applies to its entry only", directive.line, directive.column,
                                     directive.text, "remove it"))
            continue
        for token in directive.tokens:
            opened = open_ranges.pop(token, None)
            if opened is None:
                problems.append(_Problem(INVALID.id, f"`enable {token}` has no `disable {token}` before it",
                                         directive.line, directive.column, directive.text,
                                         "name the same ids as the `disable` it ends"))
            else:
                opened.range_end[token] = (directive.comment.line, directive.comment.column)
    return active


def _in_scope(directive: Directive, token: str, finding: Finding) -> bool:
    if directive.kind == "disable-file":
        return True
    segments = directive.comment.segments
    if segments is not None:
        return finding.segment in segments
    if directive.kind == "disable-line":
        return finding.line == directive.line
    if directive.kind == "disable-next-line":
        return finding.line == directive.comment.end_line + 1
    start = (directive.comment.end_line, directive.comment.end_column)
    end = directive.range_end.get(token)
    position = (finding.line, finding.column)
    return start <= position and (end is None or position < end)


def _config_path(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def apply(document: Document, findings: list[Finding], settings: Settings,
          today: date | None = None) -> tuple[list[Finding], list[Suppressed], list[Finding]]:
    """(findings still reported, findings suppressed and why, findings about the directives)."""
    today = today or date.today()
    directives: list[Directive] = []
    problems: list[_Problem] = []
    for comment in document.comments:
        found, wrong = parse(comment, settings.registry)
        directives.extend(found)
        problems.extend(wrong)
    directives = _pair_ranges(directives, problems)
    for directive in directives:
        directive.expired = directive.until is not None and directive.until < today
    config_entries = settings.suppressions
    if not directives and not config_entries:
        return findings, [], _problem_findings(document, problems, settings)

    config_path = _config_path(document.path, settings.root) if config_entries else ""
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        entry = next((e for e in config_entries if e.covers(finding, config_path)), None)
        if entry is not None:
            suppressed.append(Suppressed(finding, entry.reason, entry.origin, entry.until.isoformat() if entry.until else None))
            continue
        hider = None
        for directive in directives:
            if directive.expired:
                continue
            for token in directive.tokens or ("",):
                if (token and not covers(token, finding.rule)) or not _in_scope(directive, token, finding):
                    continue
                if finding.rule in settings.enforced:
                    directive.blocked[token] += 1
                    continue
                directive.used[token] += 1
                hider = directive
                break
            if hider:
                break
        if hider is None:
            kept.append(finding)
        else:
            suppressed.append(Suppressed(finding, hider.reason, f"{document.path}:{hider.line}",
                                         hider.until.isoformat() if hider.until else None))

    for directive in directives:
        if directive.expired:
            problems.append(_Problem(EXPIRED.id, f"this suppression lapsed on {directive.until.isoformat()}: what it "
                                     "hid is reported again", directive.line, directive.column, directive.text,
                                     "fix what it hid, or renew the date"))
            continue
        for token in directive.tokens or ("",):
            enforced_id = token in settings.enforced
            if directive.blocked[token] or enforced_id:
                what = token if enforced_id else f"{token} (its enforced rules)"
                problems.append(_Problem(NOT_ALLOWED.id, f"{what or 'this file'}: enforced rules cannot be "
                                         "suppressed inline", directive.line, directive.column, directive.text,
                                         "add a `suppress:` entry to the config, or a baseline entry, for review"))
            elif not directive.used[token] and _ran(token, settings):
                problems.append(_Problem(UNUSED.id, f"`{directive.kind}{' ' + token if token else ''}` hides nothing",
                                         directive.line, directive.column, directive.text, "remove it"))
    return kept, suppressed, _problem_findings(document, problems, settings)


def _ran(token: str, settings: Settings) -> bool:
    """Whether any rule the token covers was checked in this run (else 'unused' would be a guess)."""
    if not token:
        return True
    return any(covers(token, rule_id) and rule_id not in settings.enforced for rule_id in settings.enabled)


def _problem_findings(document: Document, problems: list[_Problem], settings: Settings) -> list[Finding]:
    out = []
    seen: Counter[tuple[str, str]] = Counter()
    locale = str(document.target_locale or "")
    source_locale = str(document.source_locale or "")
    for problem in problems:
        if problem.rule_id not in settings.enabled:
            continue
        seen[(problem.rule_id, problem.text)] += 1
        out.append(Finding(
            rule=problem.rule_id, category="suppression", severity=settings.severities[problem.rule_id],
            message=problem.message, path=document.path, line=problem.line, column=problem.column,
            end_line=problem.line, end_column=problem.column + len(problem.text), locale=locale,
            source_locale=source_locale, segment="", source="", target=problem.text,
            suggestion=problem.suggestion, matched=problem.text,
            fingerprint=fingerprint(problem.rule_id, document.path, "", problem.text, seen[(problem.rule_id, problem.text)]),
        ))
    return out


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A `suppress:` path glob, relative to the config's folder; a bare name matches in any folder."""
    from l10n_qa.discover import glob_to_regex

    return glob_to_regex(pattern if "/" in pattern or pattern.startswith("**") else "**/" + pattern)


def from_config(config, today: date | None = None) -> tuple[list[ConfigSuppression], list[str]]:
    """The config's `suppress:` entries ready to apply, and a warning for each one that lapsed."""
    today = today or date.today()
    entries, warnings = [], []
    for i, entry in enumerate(config.suppress):
        origin = f"{config.path}:{entry.line}" if entry.line else str(config.path)
        until = parse_date(entry.until) if entry.until else None
        if until is not None and until < today:
            warnings.append(f"{origin}: suppress[{i}] lapsed on {entry.until}; the findings it hid are reported again")
            continue
        entries.append(ConfigSuppression(glob_regex(entry.path), entry.pointer, entry.rules, entry.reason, until, origin))
    return entries, warnings
