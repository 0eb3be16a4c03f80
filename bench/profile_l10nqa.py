"""Profile `l10n-qa check` on the Django tree with cProfile, in one process (--jobs 1).

Run after bench/run_pofilter_comparison.py has prepared bench/work/ (any Python 3.11):

    python bench/profile_l10nqa.py [--top 30]

Writes bench/work/l10nqa.prof (load it with pstats or snakeviz) and bench/work/profile.txt:
the top functions by cumulative and by own time, with their share of the total.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work"
PY = WORK / "qavenv" / "bin" / "python"

REPORT = r'''
import pstats, sys
prof, top = sys.argv[1], int(sys.argv[2])
st = pstats.Stats(prof)
# Wall time under the profiler = the largest cumulative time (the top-level call).
total = max(ct for (cc, nc, tt, ct, callers) in st.stats.values())
def name(func):
    file, line, fn = func
    if file.startswith("~"):
        return fn
    for marker in ("site-packages/", "lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    return f"{file}:{line}({fn})"
def table(key, title):
    rows = sorted(st.stats.items(), key=lambda kv: kv[1][key], reverse=True)[:top]
    print(f"\n## {title} (total {total:.2f} s)\n")
    print(f"{'cum %':>6} {'own %':>6} {'cum s':>7} {'own s':>7} {'calls':>9}  function")
    for func, (cc, nc, tt, ct, callers) in rows:
        print(f"{100*ct/total:6.1f} {100*tt/total:6.1f} {ct:7.2f} {tt:7.2f} {nc:9}  {name(func)}")
table(3, "by cumulative time")
table(2, "by own time")
'''


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--tree", type=Path, default=WORK / "django-po")
    args = ap.parse_args()
    prof = WORK / "l10nqa.prof"
    subprocess.run([PY, "-m", "cProfile", "-o", prof, "-m", "l10n_qa", "check", args.tree, "--format", "json",
                    "-o", WORK / "out" / "l10nqa_profiled.json", "--fail-on", "never", "--jobs", "1"], check=True)
    text = subprocess.run([PY, "-c", REPORT, prof, str(args.top)], check=True, capture_output=True,
                          text=True).stdout
    (WORK / "profile.txt").write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
