"""Baselines: known findings recorded in a file, so that only new ones are reported and fail a build.

An entry is a finding's fingerprint (rule, path, segment key, matched text and occurrence — no line
numbers, so unrelated edits do not disturb it) plus the fields it is made of. Matching is by
fingerprint first; what is left is matched by (path, rule, matched text) count, ESLint's
per-file-count idea, so a finding whose segment key changed (a PO msgid edited, a paragraph moved)
still counts as known as long as the file has no more of it than before.

An entry that matches nothing is *stale* (the problem was fixed) — but only if its file was checked
in this run with its rule enabled: checking one folder must not make the rest of the baseline look
stale. A file that no longer exists makes its entries stale too.

The file is JSON with one entry per line, sorted, without timestamps, so it diffs and merges well.
Paths are stored relative to the baseline file's folder and compared as such.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from l10n_qa import atomic_write, json_text
from l10n_qa.model import BaselineEntry, Finding, Report

FORMAT_VERSION = 1
DEFAULT_NAME = "l10n-qa-baseline.json"
_SEGMENT_SHOWN = 100  # characters of the segment key kept for people reading the file
_ABOUT = ("Known l10n-qa findings: `check` reports and fails only on findings not listed here. "
          "Add the current ones with `l10n-qa baseline update`; drop fixed ones with `l10n-qa baseline prune`.")


class BaselineError(Exception):
    pass


@dataclass(slots=True)
class Match:
    new: list[Finding]  # findings the baseline does not know
    known: int  # findings it hid
    used: set[int]  # indexes of entries that matched a finding
    stale: list[int]  # indexes of entries that are stale


class Baseline:
    def __init__(self, path: Path, entries: list[BaselineEntry]):
        self.path = path
        self.entries = entries

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent

    def relative(self, finding_path: str) -> str:
        """A finding's path (relative to the working directory) as the baseline stores it."""
        absolute = Path(finding_path).resolve()
        try:
            return absolute.relative_to(self.folder).as_posix()
        except ValueError:
            return Path(os.path.relpath(absolute, self.folder)).as_posix()

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found (create it with `l10n-qa baseline create`)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}:{exc.lineno}: not a baseline file: {exc.msg}") from None
        except RecursionError:
            raise BaselineError(f"{path}: not a baseline file: nested too deeply") from None
        except ValueError as exc:  # e.g. an integer longer than Python's digit limit
            raise BaselineError(f"{path}: not a baseline file: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not an l10n-qa baseline (version {FORMAT_VERSION} with a `findings` list)")
        entries = []
        for number, item in enumerate(data["findings"], 1):
            try:
                entries.append(BaselineEntry(str(item["path"]), str(item["rule"]), str(item.get("segment", "")),
                                             str(item.get("matched", "")), str(item["fingerprint"])))
            except (KeyError, TypeError):
                raise BaselineError(f"{path}: entry {number} needs path, rule and fingerprint") from None
        return cls(path, entries)

    def entry_for(self, finding: Finding) -> BaselineEntry:
        segment = finding.segment if len(finding.segment) <= _SEGMENT_SHOWN else finding.segment[:_SEGMENT_SHOWN - 1] + "…"
        return BaselineEntry(self.relative(finding.path), finding.rule, segment, finding.matched, finding.fingerprint)

    def match(self, findings: list[Finding], checked_paths: list[str], enabled: frozenset[str]) -> Match:
        by_fingerprint: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_content: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for index, entry in enumerate(self.entries):
            by_fingerprint[(entry.path, entry.fingerprint)].append(index)
            by_content[(entry.path, entry.rule, entry.matched)].append(index)
        used: set[int] = set()
        unmatched: list[tuple[Finding, str]] = []
        for finding in findings:
            path = self.relative(finding.path)
            candidates = [i for i in by_fingerprint.get((path, finding.fingerprint), ()) if i not in used]
            if candidates:
                used.add(candidates[0])
            else:
                unmatched.append((finding, path))
        new = []
        for finding, path in unmatched:  # the per-file count fallback
            candidates = [i for i in by_content.get((path, finding.rule, finding.matched), ()) if i not in used]
            if candidates:
                used.add(candidates[0])
            else:
                new.append(finding)
        checked = {self.relative(p) for p in checked_paths}
        stale = [index for index, entry in enumerate(self.entries)
                 if index not in used and entry.rule in enabled
                 and (entry.path in checked or not _exists(self.folder / entry.path))]
        return Match(new, len(findings) - len(new), used, stale)

    def apply(self, report: Report, enabled: frozenset[str]) -> None:
        """Filter the report: keep the new findings, count the known ones, list the stale entries."""
        result = self.match(report.findings, report.paths, enabled)
        report.findings = result.new
        report.baseline = _shown(self.path)
        report.baselined = result.known
        report.stale = [self.entries[index] for index in result.stale]

    def write(self, entries: list[BaselineEntry] | None = None) -> None:
        """Write atomically (see atomic_write): sorted, one entry per line, no timestamps."""
        entries = sorted(set(self.entries if entries is None else entries),
                         key=lambda e: (e.path, e.rule, e.segment, e.matched, e.fingerprint))
        lines = [json_text.dumps({"path": e.path, "rule": e.rule, "segment": e.segment, "matched": e.matched,
                             "fingerprint": e.fingerprint}, ensure_ascii=False) for e in entries]
        body = ",\n    ".join(lines)
        text = (f'{{\n  "version": {FORMAT_VERSION},\n  "about": {json.dumps(_ABOUT)},\n  "findings": ['
                + (f"\n    {body}\n  ]" if lines else "]") + "\n}\n")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write.write_text(self.path, lambda out: out.write(text), prefix=".l10n-qa-baseline-")
        except OSError as exc:
            raise BaselineError(f"{self.path}: cannot write the baseline: {exc.strerror or exc}") from None
        self.entries = entries


def _exists(path: Path) -> bool:
    """Path.exists raises for a name the OS cannot look up (a 100,000-character entry path, a NUL);
    such an entry's file can never exist, so the entry is stale. os.path.exists says False for those."""
    return os.path.exists(path)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
