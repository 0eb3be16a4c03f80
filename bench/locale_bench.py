"""`check --locale de-DE` on a many-locale help center vs the same check on a tree that holds only de-DE.

Issue 14 measured `--locale de-DE` at 2.5x the wall time of a one-locale tree: every other locale's
files were read, loaded and paired before the locale filter dropped them. Now files whose format
takes its locale from the path (Markdown, HTML, plain text, per-locale reply files) are skipped
before they are read; PO and XLIFF files are still read, since their header or attributes name the
locale and win over the path.

The trees are made from the bundled samples' articles (samples/help): each article is copied under
N names, in the source locale and in each target locale (the German text stands in for every
target locale, which is enough for timing). Runs are interleaved and the median is reported.

    python bench/locale_bench.py                  # the installed l10n-qa
    python bench/locale_bench.py --l10n-qa /tmp/venv/bin/l10n-qa   # another install, e.g. main's
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "locale-bench"
LOCALES = ("de-DE", "fr-FR", "es-ES", "it-IT", "nl-NL", "pt-BR", "pl-PL", "sv-SE", "da-DK", "fi-FI",
           "nb-NO", "cs-CZ", "hu-HU", "ro-RO", "tr-TR", "el-GR", "ja-JP", "ko-KR", "zh-CN", "ar-SA")


def build(tree: Path, locales: tuple[str, ...], copies: int) -> None:
    if tree.exists():
        shutil.rmtree(tree)
    articles = [p.relative_to(ROOT / "samples/help/en-US") for p in (ROOT / "samples/help/en-US").rglob("*")
                if p.is_file()]
    for article in articles:
        source = (ROOT / "samples/help/en-US" / article).read_bytes()
        target = (ROOT / "samples/help/de-DE" / article).read_bytes()
        for n in range(copies):
            name = article.with_name(f"{article.stem}-{n}{article.suffix}")
            for locale, data in (("en-US", source), *((loc, target) for loc in locales)):
                path = tree / "help" / locale / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    (tree / "l10n-qa.yaml").write_text("source_locale: en-US\n", encoding="utf-8")
    (tree / ".git").mkdir()


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l10n-qa", default=shutil.which("l10n-qa") or "l10n-qa", help="the l10n-qa to measure")
    parser.add_argument("--copies", type=int, default=25, help="copies of each sample article (default 25)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    many, one = WORK / "many-locales", WORK / "one-locale"
    build(many, LOCALES, args.copies)
    build(one, ("de-DE",), args.copies)
    files = sum(1 for p in many.rglob("*") if p.is_file()) - 1
    check = [args.l10n_qa, "check", "--no-progress", "-f", "json", "-o", str(WORK / "out.json"), "--fail-on", "never"]
    cases = {"--locale de-DE, 21 locales": (check + ["--locale", "de-DE"], many),
             "one-locale tree": (check, one)}
    times: dict[str, list[float]] = {name: [] for name in cases}
    for name, (command, cwd) in cases.items():
        timed(command, cwd)  # warm-up: imports and file-system caches
    for _ in range(args.runs):
        for name, (command, cwd) in cases.items():
            times[name].append(timed(command, cwd))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.l10n_qa}: {files} files in the 21-locale tree, {args.runs} interleaved runs, median wall")
    for name, value in medians.items():
        print(f"  {name:<28} {value:6.2f} s")
    print(f"  ratio                        {medians['--locale de-DE, 21 locales'] / medians['one-locale tree']:6.2f}x")


if __name__ == "__main__":
    main()
