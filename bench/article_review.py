"""Findings per rule on real translated Markdown documentation from npm, with a fixed-seed sample per rule.

    python bench/article_review.py [--per-rule 10] [--seed 1206] [--l10n-qa PATH]

The PO review (bench/rule_review.py) covers catalogs; this one covers the article path. It fetches (once,
into bench/work/articles/) these npm packages with `npm pack`, the only registry packages found that ship
human-translated Markdown next to its English source:

- element-ui 2.15.14: CHANGELOG.en-US.md and its es, fr-FR and zh-CN translations (real, long, out of
  step in places: the translations are not always updated with the source);
- hexo-theme-next 8.29.0: README.md and docs/ru/README.md, docs/zh-CN/README.md;
- vant 2.13.9: README.md and README.zh-CN.md.

Each package's pairs are copied into a corpus folder of their own (names unchanged, so the layout is the
package's), `l10n-qa init` writes the config there (nothing changed by hand), and `l10n-qa check CORPUS
--format json` runs. It prints the segments and findings per rule and per 1,000 segments, and writes
bench/work/articles/sample.md: a random sample (fixed seed) of each rule's findings with the source and
target lines around them, for a person to judge (bench/README.md records the judged rates).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work" / "articles"
# corpus name -> (npm package@version, the package's files to keep: sources and their translations)
CORPORA = {
    "element-ui": ("element-ui@2.15.14", ["CHANGELOG.en-US.md", "CHANGELOG.es.md", "CHANGELOG.fr-FR.md",
                                          "CHANGELOG.zh-CN.md"]),
    "hexo-theme-next": ("hexo-theme-next@8.29.0", ["README.md", "docs/ru/README.md", "docs/zh-CN/README.md"]),
    "vant": ("vant@2.13.9", ["README.md", "README.zh-CN.md"]),
}


def prepare(name: str, spec: str, members: list[str]) -> Path:
    tree = WORK / name
    if (tree / "l10n-qa.yaml").is_file():
        return tree
    downloads = WORK / "dl"
    downloads.mkdir(parents=True, exist_ok=True)
    tarball = subprocess.run(["npm", "pack", "-q", "--pack-destination", str(downloads), spec], check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
    shutil.rmtree(tree, ignore_errors=True)
    with tarfile.open(downloads / tarball) as archive:
        for member in members:
            source = archive.extractfile("package/" + member)
            target = tree / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read())
    return tree


def run(tree: Path, l10n_qa: str) -> dict:
    if not (tree / "l10n-qa.yaml").is_file():
        subprocess.run([l10n_qa, "init"], cwd=tree, check=True)
    out = WORK / f"{tree.name}.json"
    subprocess.run([l10n_qa, "check", ".", "--format", "json", "-o", str(out), "--fail-on", "never",
                    "--no-progress"], cwd=tree, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def context(path: Path, line: int, around: int = 1) -> str:
    if not path.is_file() or not line:
        return ""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return " ⏎ ".join(lines[max(0, line - 1 - around): line + around])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-rule", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1206)
    parser.add_argument("--l10n-qa", default=shutil.which("l10n-qa") or "l10n-qa")
    args = parser.parse_args()
    by_rule: dict[str, list] = defaultdict(list)
    total_segments = 0
    print(f"{'corpus':<16} {'segments':>8}  findings per rule")
    for name, (spec, members) in CORPORA.items():
        tree = prepare(name, spec, members)
        report = run(tree, args.l10n_qa)
        segments = report["summary"]["segments"]
        total_segments += segments
        counts = Counter(f["rule"] for f in report["findings"])
        print(f"{name:<16} {segments:>8}  " + ", ".join(f"{r} {c}" for r, c in sorted(counts.items())))
        for finding in report["findings"]:
            by_rule[finding["rule"]].append((tree, finding))
    print(f"\n{'rule':<34} {'findings':>8} {'per 1,000 segments':>19}  (all corpora, {total_segments} segments)")
    for rule, found in sorted(by_rule.items(), key=lambda item: -len(item[1])):
        print(f"{rule:<34} {len(found):>8} {1000 * len(found) / max(total_segments, 1):>19.1f}")
    rng = random.Random(args.seed)
    lines = ["# Article findings to judge", "", f"seed {args.seed}", ""]
    for rule in sorted(by_rule):
        found = by_rule[rule]
        sample = rng.sample(found, min(args.per_rule, len(found)))
        lines += [f"## {rule} ({len(found)} findings, {len(sample)} shown)", ""]
        for tree, finding in sample:
            target = tree / finding["path"]
            lines += [f"- `{tree.name}/{finding['path']}:{finding['line']}:{finding.get('column')}` "
                      f"[{finding['severity']}] {finding['message']}",
                      f"  - target lines: {context(target, finding['line'])!r}"]
            lines += [f"  - segment source: {finding.get('source')!r}",
                      f"  - segment target: {finding.get('target')!r}"]
            lines.append("  - judged: ")
        lines.append("")
    (WORK / "sample.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"\nsample: {WORK / 'sample.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
