"""JUnit XML, the test-report format GitLab, Jenkins and Azure DevOps render.

One `<testsuite>` per file; one `<testcase>` per finding (named by rule and position): failed (the
failure's `type` is the severity) when the finding is at or above the run's `--fail-on`, skipped with
its details in `<system-out>` when below it, so a run that exits 0 has no failures; one passing test case for a file without findings, and an
`<error>` test case for a file that could not be checked. Characters XML 1.0 cannot hold (control
characters a check may be reporting) are written as `\\x07`-style escapes.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime, timezone
from typing import TextIO

from l10n_qa.model import Finding, InputError, Report, Severity

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def _details(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule}", f.message]
    if f.source:
        lines.append(f"source ({f.source_locale}): {f.source}")
    if f.target:
        lines.append(f"target ({f.locale}): {f.target}")
    if f.suggestion:
        lines.append(f"fix: {f.suggestion}")
    return _clean("\n".join(lines))


def as_element(report: Report) -> ET.Element:
    findings: dict[str, list[Finding]] = defaultdict(list)
    errors: dict[str, list[InputError]] = defaultdict(list)
    for f in report.findings:
        findings[f.path].append(f)
    for error in report.errors:
        errors[error.path].append(error)
    paths = sorted(set(report.paths) | set(findings) | set(errors))
    threshold = None if report.fail_on == "never" else Severity.parse(report.fail_on)
    timestamp = datetime.fromtimestamp(report.started_at or time.time(), timezone.utc).isoformat(timespec="seconds")
    total_tests = total_failures = total_errors = total_skipped = 0
    root = ET.Element("testsuites", name="l10n-qa")
    for path in paths:
        suite = ET.SubElement(root, "testsuite", name=_clean(path), timestamp=timestamp)
        tests = failures = skipped = 0
        for f in findings[path]:
            case = ET.SubElement(suite, "testcase", name=_clean(f"{f.rule} at {f.line}:{f.column}"),
                                 classname=_clean(path), file=_clean(path), line=str(f.line))
            if threshold is not None and f.severity >= threshold:
                failure = ET.SubElement(case, "failure", message=_clean(f.message), type=f.severity.label)
                failure.text = _details(f)
                failures += 1
            else:
                ET.SubElement(case, "skipped", message=_clean(f"{f.severity.label} below --fail-on {report.fail_on}"))
                ET.SubElement(case, "system-out").text = _details(f)
                skipped += 1
            tests += 1
        for error in errors[path]:
            case = ET.SubElement(suite, "testcase", name="read and parse", classname=_clean(path), file=_clean(path))
            element = ET.SubElement(case, "error", message=_clean(error.message), type="input-error")
            element.text = _clean(str(error))
            tests += 1
        if not findings[path] and not errors[path]:
            ET.SubElement(suite, "testcase", name="no findings", classname=_clean(path), file=_clean(path))
            tests += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(len(errors[path])))
        suite.set("skipped", str(skipped))
        suite.set("time", "0")  # files are checked in parallel: only the run's time is meaningful
        total_tests += tests
        total_failures += failures
        total_errors += len(errors[path])
        total_skipped += skipped
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    root.set("skipped", str(total_skipped))
    root.set("timestamp", timestamp)
    root.set("time", f"{report.seconds:.3f}")
    return root


def render(report: Report, out: TextIO, *, color: bool | None = None, quiet: bool = False,
           show_suppressed: bool = False) -> None:
    root = as_element(report)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
