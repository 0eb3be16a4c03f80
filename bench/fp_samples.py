"""Sample l10n-qa findings on the Django tree for a false-positive review.

Run with the qavenv's Python (needs polib), after bench/run_pofilter_comparison.py:

    bench/work/qavenv/bin/python bench/fp_samples.py [--top 8] [--per-rule 8] [--seed 1123]

Reads bench/work/out/l10nqa.json and writes bench/work/fp_samples.md: for each of the most
frequent rules, its count and a fixed-seed random sample of findings with path:line, locale,
message, and the source and target text of the PO entry the finding points into. The judgement
column is left for a human (bench/work/fp_review.md is the reviewed copy).
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import polib

WORK = Path(__file__).resolve().parent / "work"
TREE = WORK / "django-po"
LOCALE_IN_PATH = re.compile(r"locale/([^/]+)/LC_MESSAGES/")


@lru_cache(maxsize=64)
def entries_by_line(path: str):
    po = polib.pofile(path)
    entries = sorted((e for e in po if not e.obsolete), key=lambda e: e.linenum)
    return [e.linenum for e in entries], entries


def entry_at(path: str, line: int):
    """The PO entry whose text contains `line` (the last entry starting at or before it)."""
    starts, entries = entries_by_line(path)
    i = bisect.bisect_right(starts, line) - 1
    return entries[i] if i >= 0 else None


def resolve(path: str) -> Path:
    p = Path(path)
    if p.is_absolute() and p.exists():
        return p
    for base in (Path.cwd(), TREE):
        if (base / p).exists():
            return base / p
    return p


def quote(text: str, limit: int = 300) -> str:
    text = text.replace("\n", "\\n")
    if len(text) > limit:
        text = text[:limit] + "…"
    return "`" + text.replace("`", "ˋ") + "`"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", type=Path, default=WORK / "out" / "l10nqa.json")
    ap.add_argument("--out", type=Path, default=WORK / "fp_samples.md")
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--per-rule", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1123)
    args = ap.parse_args()

    report = json.loads(args.report.read_text(encoding="utf-8"))
    findings = report["findings"]
    counts = Counter(f["rule"] for f in findings)
    by_rule = defaultdict(list)
    for f in findings:
        by_rule[f["rule"]].append(f)

    rng = random.Random(args.seed)
    out = [f"# l10n-qa findings on Django {'5.2.19'}: samples for false-positive review", "",
           f"Report: `{args.report.name}`; summary: `{json.dumps(report.get('summary'))}`; "
           f"sample seed {args.seed}, {args.per_rule} per rule.", "",
           "| rule | count | locales |", "|---|---:|---:|"]
    top = counts.most_common(args.top)
    for rule, n in top:
        locs = {m.group(1) for f in by_rule[rule] if (m := LOCALE_IN_PATH.search(f["path"]))}
        out.append(f"| {rule} | {n:,} | {len(locs)} |")
    out.append("")
    for rule, n in top:
        sample = rng.sample(by_rule[rule], min(args.per_rule, n))
        f0 = by_rule[rule][0]
        out += [f"## {rule} — {n:,} findings ({f0.get('category')}, {f0.get('severity')})", ""]
        for k, f in enumerate(sample, 1):
            path = resolve(f["path"])
            m = LOCALE_IN_PATH.search(f["path"])
            entry = entry_at(str(path), f["line"]) if path.exists() else None
            rel = f["path"].split("django-po/", 1)[-1]
            out.append(f"{k}. `{rel}:{f['line']}` — locale **{m.group(1) if m else '?'}** — {f.get('message')}")
            extra = {key: v for key, v in f.items()
                     if key not in ("rule", "category", "severity", "path", "line", "column", "message",
                                    "source", "target", "end_line", "end_column", "fingerprint",
                                    "source_locale", "locale")}
            if extra:
                out.append(f"   - other fields: {quote(json.dumps(extra, ensure_ascii=False), 400)}")
            if "source" in f and "target" in f:  # the report carries the segment's texts
                out.append(f"   - source: {quote(f['source'])}")
                out.append(f"   - target: {quote(f['target'])}")
            elif entry is None:
                out.append("   - (entry not found)")
            else:
                out.append(f"   - source: {quote(entry.msgid)}"
                           + (f" / plural: {quote(entry.msgid_plural)}" if entry.msgid_plural else ""))
                if entry.msgid_plural:
                    for idx, s in sorted(entry.msgstr_plural.items()):
                        out.append(f"   - target[{idx}]: {quote(s)}")
                else:
                    out.append(f"   - target: {quote(entry.msgstr)}")
            out.append("   - judgement: TODO")
        out.append("")
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
