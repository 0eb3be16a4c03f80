"""polib against l10n-qa's fast PO scanner on real catalogs: same result, and how much faster.

    python bench/po_reader_bench.py [--runs N] [FOLDER ...]

Without folders it uses the Django 5.2.20, wagtail 8.0.1 and Sphinx 9.0.4 catalogs that
bench/rule_review.py downloads into bench/work/review/ (downloading them if needed). For every
`.po` file it checks that the scanner gives exactly polib's entries and metadata (or refuses, in
which case l10n-qa reads the file with polib), then times both readers over the decoded texts
(one process, best of N) and prints the ratio. Run it with the Python that has l10n-qa installed.
For the Document-level comparison on the same trees: L10NQA_PO_CORPUS=FOLDER pytest tests/test_po_scanner.py
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from rule_review import CORPORA, prepare  # noqa: E402
from test_po_scanner import _catalog_view  # noqa: E402

from l10n_qa.formats import _po_scanner  # noqa: E402


def best_time(read, texts: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            read(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folders = args.folders or [prepare(name, requirement) for name, requirement in CORPORA.items()]
    different = 0
    print(f"{'corpus':40} {'files':>6} {'refused':>7} {'polib s':>8} {'scanner s':>9} {'speed-up':>8}")
    for folder in folders:
        texts = [path.read_bytes().decode("utf-8") for path in sorted(folder.rglob("*.po"))]
        refused = 0
        for text in texts:
            try:
                got = _catalog_view(_po_scanner.read(text))
            except _po_scanner.Refused:
                refused += 1
                continue
            if got != _catalog_view(polib.pofile(text)):
                different += 1
        polib_time = best_time(polib.pofile, texts, args.runs)
        scanner_time = best_time(_po_scanner.read, texts, args.runs)
        print(f"{str(folder):40} {len(texts):6} {refused:7} {polib_time:8.3f} {scanner_time:9.3f} "
              f"{polib_time / scanner_time:7.2f}×")
    if different:
        print(f"{different} files read differently: a bug in the scanner", file=sys.stderr)
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
