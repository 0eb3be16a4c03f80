"""SARIF 2.1.0, the format GitHub code scanning (and VS Code's SARIF viewer, Azure DevOps, …) reads.

One run; the driver lists each rule that has a result, with its id, a readable name, the summary
(shortDescription), the rationale (fullDescription and help), its default level and, for a built-in
rule, `helpUri`: its page of the rules reference (rule_pages.py says which base URL and why). Each result has
the rule, level, message (with the suggested fix), one physical location (paths relative to the
repository root, `%SRCROOT%`; columns count Unicode code points, declared by `columnKind`; the end
column is exclusive, as in SARIF) and the finding's fingerprint in `partialFingerprints`, which holds
no line numbers, so code scanning keeps tracking an alert when unrelated lines move. A finding with a
safe fix (`check --fix`) has `fixes`: the region deleted and the text inserted, in the same columns. Files that could
not be checked are tool execution notifications and make `executionSuccessful` false.

Findings hidden by suppressions or the baseline are left out: code scanning would open alerts for
them otherwise (it does not act on SARIF's `suppressions` by itself).
"""

from __future__ import annotations

from l10n_qa import json_text
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from l10n_qa import __version__
from l10n_qa.model import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "l10nQaFingerprint/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> dict:
    pure = Path(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix()), "uriBaseId": "%SRCROOT%"}


def _rule_name(rule_id: str) -> str:
    """`placeholder.missing` → `PlaceholderMissing` (SARIF's readable identifier)."""
    return "".join(part.capitalize() for part in rule_id.replace(".", "-").split("-"))


def _descriptor(rule) -> dict:
    help_text = f"{rule.summary}\n\n{rule.rationale}"
    help_markdown = f"**{rule.summary}**\n\n{rule.rationale}"
    if rule.example:
        source, wrong, right = rule.example
        help_text += f"\n\nExample:\n  source: {source}\n  wrong:  {wrong}\n  right:  {right}"
        cells = " | ".join(f"`{text}`".replace("|", "\\|") for text in (source, wrong, right))
        help_markdown += f"\n\n| source | wrong | right |\n|---|---|---|\n| {cells} |"
    from l10n_qa.checks import RULES
    from l10n_qa.rule_pages import help_uri

    # Built-in rules have a page in the rules reference (docs/rules/); a user's pack rules have none.
    page = {"helpUri": help_uri(rule.id)} if RULES.get(rule.id) == rule else {}
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        **page,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.label]},
        "properties": {"tags": ["localization", rule.category]},
    }


def _fix(f) -> dict:
    """SARIF 2.1.0 §3.55 fix: the region `check --fix` deletes and the text it inserts there."""
    from l10n_qa.fixes import describe

    fix = f.fix
    return {
        "description": {"text": describe(fix)},
        "artifactChanges": [{
            "artifactLocation": _uri(f.path),
            "replacements": [{
                "deletedRegion": {"startLine": fix.line, "startColumn": fix.column, "endLine": fix.end_line,
                                  "endColumn": fix.end_column},
                "insertedContent": {"text": fix.replacement},
            }],
        }],
    }


def as_dict(report: Report) -> dict:
    from l10n_qa.checks import RULES  # a report built without a run: the built-in rules' metadata

    rule_ids = sorted({f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = []
    for f in report.findings:
        text = f.message + (f"\nFix: {f.suggestion}" if f.suggestion else "")
        result = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity.label],
            "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": _uri(f.path),
                "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                           "endColumn": f.end_column},
            }}],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
            "properties": {"category": f.category, "locale": f.locale, "sourceLocale": f.source_locale,
                           "segment": f.segment, "source": f.source, "target": f.target,
                           "suggestion": f.suggestion},
        }
        if f.fix is not None:
            result["fixes"] = [_fix(f)]
        results.append(result)
    notifications = []
    for error in report.errors:
        location = {"artifactLocation": _uri(error.path)}
        if error.line:
            location["region"] = {"startLine": error.line}
        notifications.append({"level": "error", "message": {"text": error.message},
                              "locations": [{"physicalLocation": location}]})
    invocation = {"executionSuccessful": not report.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "l10n-qa", "version": __version__, "semanticVersion": __version__,
                                "rules": [_descriptor(report.rules.get(rule_id) or RULES[rule_id])
                                          for rule_id in rule_ids]}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    out.write(json_text.dumps(as_dict(report), indent=2))
    out.write("\n")
