"""`check --statistics`: how many findings each rule has, most first, as Ruff's `--statistics`.

For a big run the question is first "what kind of problems, how many", then "where": one line per
rule answers the first in a screen, and `--select RULE` then lists the findings of one of them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from l10n_qa.model import Report


def rows(report: Report) -> list[dict]:
    """One row per (rule, severity): most findings first, then by rule id."""
    counts = Counter((f.rule, f.severity.label, f.category) for f in report.findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    return [{"rule": rule, "severity": severity, "category": category, "count": count,
             "summary": getattr(report.rules.get(rule), "summary", "")}
            for (rule, severity, category), count in ordered]


def render(report: Report, out: TextIO, *, as_json: bool = False) -> None:
    table = rows(report)
    if as_json:
        out.write(json.dumps(table, ensure_ascii=False, indent=2) + "\n")
        return
    if not table:
        out.write("No findings.\n")
        return
    count_width = len(str(table[0]["count"]))
    rule_width = max(len(row["rule"]) for row in table)
    for row in table:
        out.write(f"{row['count']:>{count_width}}  {row['rule']:<{rule_width}}  {row['severity']:<7}  "
                  f"{row['summary']}".rstrip() + "\n")
    if report.below_min_severity:
        out.write(f"({len(report.below_min_severity)} findings below --min-severity {report.min_severity} "
                  "not counted here)\n")
