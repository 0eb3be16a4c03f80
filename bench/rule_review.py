"""Findings per rule on real PO catalogs from PyPI, with a fixed-seed sample per rule to judge.

    python bench/rule_review.py [--rules number,url,legal,encoding.escaped-quote,spelling.doubled-word]
                                [--per-rule 10] [--seed 1206] [--l10n-qa PATH]

Downloads (once, into bench/work/review/) the wheels of Django 5.2.20, wagtail 8.0.1 and Sphinx 9.0.4
with `pip download --no-deps`, keeps their `.po` files, runs `l10n-qa check CORPUS --select RULES
--format json` on each and prints, per corpus, the segments and the findings per rule. It then writes
bench/work/review/sample.md: for each rule, a random sample (fixed seed) of findings with the PO
entry's source and target, for a person to judge (bench/README.md records the judged rates).
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import shutil
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "review"
CORPORA = {"django": "Django==5.2.20", "wagtail": "wagtail==8.0.1", "sphinx": "Sphinx==9.0.4"}
DEFAULT_RULES = "number,url,legal,encoding.escaped-quote,spelling.doubled-word"


def prepare(name: str, requirement: str) -> Path:
    tree = WORK / name
    if tree.is_dir() and any(tree.rglob("*.po")):
        return tree
    downloads = WORK / "dl"
    downloads.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(downloads), requirement],
                   check=True)
    project = requirement.split("==")[0].lower()
    wheel = next(p for p in downloads.glob("*.whl") if p.name.lower().startswith(project + "-"))
    shutil.rmtree(tree, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.endswith(".po"):
                archive.extract(member, tree)
    return tree


def run(tree: Path, rules: str, l10n_qa: str) -> dict:
    out = WORK / f"{tree.name}.json"
    subprocess.run([l10n_qa, "check", str(tree), "--select", rules, "--format", "json", "-o", str(out),
                    "--fail-on", "never", "--no-progress"], check=True)
    return json.loads(out.read_text(encoding="utf-8"))


@lru_cache(maxsize=256)
def _entries(path: str):
    import polib

    entries = sorted((e for e in polib.pofile(path) if not e.obsolete), key=lambda e: e.linenum)
    return [e.linenum for e in entries], entries


def entry_at(path: str, line: int):
    starts, entries = _entries(path)
    index = bisect.bisect_right(starts, line) - 1
    return entries[index] if index >= 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=DEFAULT_RULES)
    parser.add_argument("--per-rule", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1206)
    parser.add_argument("--l10n-qa", default=shutil.which("l10n-qa") or "l10n-qa")
    args = parser.parse_args()
    by_rule: dict[str, list] = defaultdict(list)
    print(f"{'corpus':<10} {'segments':>9}  findings per rule")
    for name, requirement in CORPORA.items():
        tree = prepare(name, requirement)
        report = run(tree, args.rules, args.l10n_qa)
        counts = Counter(f["rule"] for f in report["findings"])
        print(f"{name:<10} {report['summary']['segments']:>9}  "
              + ", ".join(f"{rule} {count}" for rule, count in sorted(counts.items())))
        for finding in report["findings"]:
            by_rule[finding["rule"]].append((name, finding))
    rng = random.Random(args.seed)
    lines = ["# Findings to judge", "", f"rules `{args.rules}`, seed {args.seed}", ""]
    for rule in sorted(by_rule):
        found = by_rule[rule]
        sample = rng.sample(found, min(args.per_rule, len(found)))
        lines += [f"## {rule} ({len(found)} findings, {len(sample)} shown)", ""]
        for name, finding in sample:
            entry = entry_at(finding["path"], finding["line"])
            source = entry.msgid if entry else ""
            target = (entry.msgstr or next(iter(entry.msgstr_plural.values()), "")) if entry else ""
            lines += [f"- `{finding['path']}:{finding['line']}` ({name}) {finding['message']}",
                      f"  - source: {source!r}", f"  - target: {target!r}", "  - judged: "]
        lines.append("")
    (WORK / "sample.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"sample: {WORK / 'sample.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
