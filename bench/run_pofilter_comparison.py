#!/usr/bin/env python3
"""Benchmark l10n-qa against Translate Toolkit's pofilter on Django 5.2.19's 1,226 PO files.

Run from the repository root with any Python >= 3.11 (standard library only):

    python bench/run_pofilter_comparison.py [--runs 3]

Preparation (idempotent, everything under bench/work/, which git ignores):
  * bench/work/dl/          django-5.2.19 wheel (`pip download --no-deps django==5.2.19`)
  * bench/work/django-po/   the wheel's .po files only (1,226 files, paths kept)
  * bench/work/ttvenv/      venv with translate-toolkit==3.20.4 (pofilter)
  * bench/work/qavenv/      venv with l10n-qa installed (non-editable) from this checkout;
                            reinstalled on every run so it measures the current source
  * bench/work/subsets/     nested 25 % and 50 % samples of the files, for the scaling runs

Measurements: every case runs --runs times, interleaved (run 1 of every case, then run 2, ...),
and the median wall time is reported. Wall time is taken in this process around the child;
peak RSS is the child's ru_maxrss, read with GNU `/usr/bin/time -f %M` when present, otherwise
with os.wait4 on the child. For a tool that forks workers, ru_maxrss is the largest single
process (the kernel's "largest descendant"), not the sum over workers.

Output: a table on stdout and bench/work/results.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
DJANGO_VERSION = "5.2.19"
TT_VERSION = "3.20.4"
DL = WORK / "dl"
TREE = WORK / "django-po"
TTVENV = WORK / "ttvenv"
QAVENV = WORK / "qavenv"
OUT = WORK / "out"
SUBSETS = WORK / "subsets"
ONE_FILE_REL = "django/conf/locale/de/LC_MESSAGES/django.po"
SIX_CHECKS = ["variables", "xmltags", "numbers", "urls", "doublespacing", "untranslated"]
# l10n-qa categories that correspond to pofilter's six tests (variables, xmltags, numbers, urls,
# doublespacing, untranslated); used for the like-for-like l10n-qa row.
COMPARABLE_SELECT = "placeholder,markup,number,url,whitespace,completeness"
SCALING = (25, 50)  # the 100 % point is the whole-tree run
SUBSET_SEED = 20261123
TIME_BIN = "/usr/bin/time"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def sh(cmd: list[str | Path], **kw) -> subprocess.CompletedProcess:
    """Run a preparation command, fail loudly."""
    cmd = [str(c) for c in cmd]
    log("$ " + " ".join(cmd))
    return subprocess.run(cmd, check=True, **kw)


def bin_of(venv_dir: Path, name: str) -> Path:
    return venv_dir / "bin" / name


# --------------------------------------------------------------------------------- preparation

def prepare_corpus() -> None:
    wheel = DL / f"django-{DJANGO_VERSION}-py3-none-any.whl"
    if not wheel.exists():
        sh([sys.executable, "-m", "pip", "download", "-q", "--no-deps", f"django=={DJANGO_VERSION}", "-d", DL])
    marker = WORK / "django-po.complete"  # outside the tree: pofilter reads extension-less files as PO
    if marker.exists():
        return
    if TREE.exists():
        shutil.rmtree(TREE)
    log(f"extracting .po files from {wheel.name} into {TREE}")
    with zipfile.ZipFile(wheel) as zf:
        members = [m for m in zf.namelist() if m.endswith(".po")]
        for m in members:
            zf.extract(m, TREE)
    marker.write_text(f"{len(members)} files from {wheel.name}\n")


def make_venv(path: Path) -> None:
    if not bin_of(path, "python").exists():
        log(f"creating venv {path}")
        venv.EnvBuilder(with_pip=True, clear=True).create(path)


def prepare_ttvenv() -> None:
    make_venv(TTVENV)
    probe = subprocess.run([bin_of(TTVENV, "python"), "-c", "from translate.__version__ import sver; print(sver)"],
                           capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != TT_VERSION:
        sh([bin_of(TTVENV, "pip"), "install", "-q", f"translate-toolkit=={TT_VERSION}"])


def prepare_qavenv(reinstall: bool) -> None:
    fresh = not bin_of(QAVENV, "python").exists()
    make_venv(QAVENV)
    if fresh or reinstall:
        # First resolve and install the dependencies, then force a rebuild of l10n-qa itself: its
        # version number does not change with every edit, so a plain install would keep a stale copy.
        sh([bin_of(QAVENV, "pip"), "install", "-q", REPO])
        if not fresh:
            sh([bin_of(QAVENV, "pip"), "install", "-q", "--force-reinstall", "--no-deps", REPO])


def count_units() -> dict:
    """Units per file (polib, from the qavenv), cached next to the tree."""
    cache = WORK / "units.json"
    if cache.exists():
        return json.loads(cache.read_text())
    out = subprocess.run([bin_of(QAVENV, "python"), BENCH / "_po_units.py", TREE],
                         check=True, capture_output=True, text=True).stdout
    cache.write_text(out)
    return json.loads(out)


def prepare_subsets(units: dict) -> list[dict]:
    """Nested samples (25 % ⊂ 50 %) of the files by count, copied with their relative paths."""
    files = sorted(units["files"])
    random.Random(SUBSET_SEED).shuffle(files)
    subsets = []
    for pct in SCALING:
        chosen = files[: round(len(files) * pct / 100)]
        root = SUBSETS / f"p{pct}"
        marker = SUBSETS / f"p{pct}.complete"
        if not marker.exists():
            if root.exists():
                shutil.rmtree(root)
            for rel in chosen:
                dst = root / rel
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(TREE / rel, dst)
            marker.write_text(f"{len(chosen)} files, seed {SUBSET_SEED}\n")
        subsets.append({"pct": pct, "dir": root, "files": len(chosen),
                        "units": sum(units["files"][r] for r in chosen)})
    return subsets


def l10nqa_ready() -> tuple[bool, str]:
    p = subprocess.run([bin_of(QAVENV, "l10n-qa"), "check", "--help"], capture_output=True, text=True)
    return p.returncode == 0, (p.stdout + p.stderr).strip()[-500:]


# --------------------------------------------------------------------------------- measurement

def measure(cmd: list[str | Path]) -> dict:
    """Run cmd once; return wall seconds, peak RSS (KiB), exit code, and the tail of stderr."""
    cmd = [str(c) for c in cmd]
    with tempfile.TemporaryDirectory() as tmp:
        err_path = Path(tmp) / "stderr"
        rss_path = Path(tmp) / "rss"
        use_time = os.access(TIME_BIN, os.X_OK)
        full = [TIME_BIN, "-q", "-f", "%M", "-o", str(rss_path), *cmd] if use_time else cmd
        with open(err_path, "wb") as err, open(os.devnull, "wb") as devnull:
            t0 = time.perf_counter()
            proc = subprocess.Popen(full, stdout=devnull, stderr=err)
            try:
                _pid, status, usage = os.wait4(proc.pid, 0)
            except BaseException:
                proc.kill()
                raise
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
        rc = proc.returncode
        stderr_tail = err_path.read_text(errors="replace")[-2000:]
        if use_time:
            text = rss_path.read_text().strip().splitlines()
            # GNU time prints "Command exited with non-zero status N" before the format line.
            rss_kib = int(text[-1]) if text and text[-1].isdigit() else usage.ru_maxrss
        else:
            rss_kib = usage.ru_maxrss  # KiB on Linux
    return {"wall": wall, "rss_kib": rss_kib, "rc": rc, "stderr_tail": stderr_tail}


def fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def fresh_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    return path


class Case:
    """One benchmark row: a command (rebuilt per run so outputs start empty) and its unit count."""

    def __init__(self, name: str, label: str, tool: str, units: int | None, build, expect_rc=(0,)):
        self.name, self.label, self.tool, self.units = name, label, tool, units
        self.build = build  # () -> argv, also clears the output location
        self.expect_rc = expect_rc
        self.samples: list[dict] = []

    def run_once(self) -> dict:
        argv = self.build()
        sample = measure(argv)
        sample["argv"] = [str(a) for a in argv]
        self.samples.append(sample)
        if sample["rc"] not in self.expect_rc:
            log(f"{self.name}: exit code {sample['rc']}\n{sample['stderr_tail']}")
        return sample

    def summary(self) -> dict:
        walls = [s["wall"] for s in self.samples]
        med = statistics.median(walls)
        return {
            "label": self.label,
            "tool": self.tool,
            "command": " ".join(self.samples[-1]["argv"]),
            "walls_s": [round(w, 4) for w in walls],
            "median_wall_s": round(med, 4),
            "peak_rss_mib": round(max(s["rss_kib"] for s in self.samples) / 1024, 1),
            "rss_mib_per_run": [round(s["rss_kib"] / 1024, 1) for s in self.samples],
            "exit_codes": [s["rc"] for s in self.samples],
            "units": self.units,
            "units_per_s": round(self.units / med) if self.units else None,
            "stderr_of_failed_run": next((s["stderr_tail"] for s in self.samples
                                          if s["rc"] not in self.expect_rc), None),
        }


# --------------------------------------------------------------------------------- findings

POFILTER_COMMENT = re.compile(r"^# \(pofilter\) ([A-Za-z0-9_-]+): ", re.M)


def pofilter_failures(out_dir: Path) -> dict:
    """Failures per test from pofilter's output copies: one `# (pofilter) test: msg` line per unit
    and failing test (several messages of one test are joined with ', ' on that line)."""
    per_test: Counter[str] = Counter()
    files = 0
    units = 0
    for path in out_dir.rglob("*.po"):
        files += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        per_test.update(POFILTER_COMMENT.findall(text))
        # A failing unit is an entry whose comment block has at least one (pofilter) line.
        units += sum(1 for block in re.split(r"\n\s*\n", text) if "# (pofilter) " in block)
    return {"files_with_failures": files, "failing_units": units, "failures": sum(per_test.values()),
            "by_test": dict(per_test.most_common())}


def l10nqa_findings(report_path: Path) -> dict:
    if not report_path.exists():
        return {"summary": None, "tool": None, "by_rule": {}, "errors": [],
                "missing_report": f"{report_path} was not written (see the exit codes and stderr in cases)"}
    report = json.loads(report_path.read_text(encoding="utf-8"))
    rules = Counter(f.get("rule") for f in report.get("findings", []))
    return {"summary": report.get("summary"), "tool": report.get("tool"),
            "by_rule": dict(rules.most_common()), "errors": report.get("errors", [])}


# --------------------------------------------------------------------------------- reporting

def linear_fit(points: list[tuple[int, float]]) -> dict:
    """Least-squares wall = fixed + per_unit * units, and how far each point is from the line."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    fixed = my - slope * mx
    worst = max(abs(y - (fixed + slope * x)) / y for x, y in points)
    return {"fixed_s": round(fixed, 3), "us_per_unit": round(slope * 1e6, 2),
            "max_relative_residual": round(worst, 3)}


def fmt_table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine_info() -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return info


def repo_revision() -> str | None:
    try:
        p = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                           capture_output=True, text=True)
        return p.stdout.strip() or None
    except OSError:
        return None


def tool_version(argv: list) -> str:
    p = subprocess.run([str(a) for a in argv], capture_output=True, text=True)
    return (p.stdout or p.stderr).strip()


# --------------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="runs per case; the median is reported (default 3)")
    ap.add_argument("--no-reinstall", action="store_true",
                    help="keep the l10n-qa already in bench/work/qavenv instead of reinstalling from the checkout")
    ap.add_argument("--skip-pofilter", action="store_true",
                    help="only run the l10n-qa cases (the pofilter figures are then missing from the ratios)")
    ap.add_argument("--skip-l10nqa", action="store_true", help="only run the pofilter cases")
    ap.add_argument("--results", type=Path, default=WORK / "results.json")
    args = ap.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    prepare_corpus()
    prepare_ttvenv()
    prepare_qavenv(reinstall=not args.no_reinstall)
    units = count_units()
    total_units = units["totals"]["units"]
    one_file_units = units["files"][ONE_FILE_REL]
    subsets = prepare_subsets(units)
    log(f"corpus: {units['totals']}")

    qa_ok, qa_msg = (False, "skipped") if args.skip_l10nqa else l10nqa_ready()
    if not qa_ok and not args.skip_l10nqa:
        log(f"l10n-qa check does not work yet; running the pofilter side only:\n{qa_msg}")

    pofilter = bin_of(TTVENV, "pofilter")
    l10nqa = bin_of(QAVENV, "l10n-qa")
    one_file = TREE / ONE_FILE_REL
    qa_report = OUT / "l10nqa.json"

    def pof(out: Path, *tests: str):
        def build():
            t = [a for name in tests for a in ("-t", name)]
            return [pofilter, "--progress=none", *t, "-i", TREE, "-o", fresh_dir(out)]
        return build

    def qa(paths: list[Path], report: Path, *extra: str):
        def build():
            return [l10nqa, "check", *paths, "--format", "json", "-o", fresh_file(report), "--fail-on", "never", *extra]
        return build

    cases: list[Case] = []
    if not args.skip_pofilter:
        cases += [
            Case("pofilter_default", "pofilter, default checks, whole tree", "pofilter", total_units,
                 pof(OUT / "pofilter_default")),
            Case("pofilter_six", "pofilter, 6 comparable checks, whole tree", "pofilter", total_units,
                 pof(OUT / "pofilter_six", *SIX_CHECKS)),
        ]
    if qa_ok:
        cases += [
            Case("l10nqa_tree", "l10n-qa check, whole tree (default --jobs)", "l10n-qa", total_units,
                 qa([TREE], qa_report), expect_rc=(0, 2)),
            Case("l10nqa_tree_jobs1", "l10n-qa check, whole tree, --jobs 1", "l10n-qa", total_units,
                 qa([TREE], OUT / "l10nqa_jobs1.json", "--jobs", "1"), expect_rc=(0, 2)),
            Case("l10nqa_tree_comparable", "l10n-qa check, whole tree, comparable categories only",
                 "l10n-qa", total_units, qa([TREE], OUT / "l10nqa_comparable.json", "--select", COMPARABLE_SELECT),
                 expect_rc=(0, 2)),
        ]
        for s in subsets:
            cases.append(Case(f"l10nqa_p{s['pct']}", f"l10n-qa check, {s['pct']} % of files ({s['files']})",
                              "l10n-qa", s["units"], qa([s["dir"]], OUT / f"l10nqa_p{s['pct']}.json"),
                              expect_rc=(0, 2)))
    if not args.skip_pofilter:
        cases += [
            Case("pofilter_version", "pofilter --version (start-up)", "pofilter", None,
                 lambda: [pofilter, "--version"]),
            Case("pofilter_one_file", f"pofilter, one file (de django.po, {one_file_units} units)", "pofilter",
                 one_file_units, lambda: [pofilter, "--progress=none", "-i", one_file,
                                          "-o", fresh_file(OUT / "pofilter_one.po")]),
        ]
    if qa_ok:
        cases += [
            Case("l10nqa_version", "l10n-qa --version (start-up)", "l10n-qa", None, lambda: [l10nqa, "--version"]),
            Case("l10nqa_one_file", f"l10n-qa, one file (de django.po, {one_file_units} units)", "l10n-qa",
                 one_file_units, qa([one_file], OUT / "l10nqa_one.json"), expect_rc=(0, 2)),
        ]

    # Warm the page cache and any lazily written caches with one unmeasured run of the cheap cases.
    for c in cases:
        if c.name.endswith(("_version", "_one_file")):
            measure(c.build())
    load_before = os.getloadavg()
    for i in range(args.runs):
        for c in cases:
            s = c.run_once()
            log(f"run {i + 1}/{args.runs} {c.name}: {s['wall']:.3f} s, {s['rss_kib'] / 1024:.1f} MiB, rc {s['rc']}")

    results: dict = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine_info(),
        "runs": args.runs,
        # Other work on the machine skews wall times: the 1-minute load average before and after.
        "loadavg_1min_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "rss_method": "/usr/bin/time -f %M" if os.access(TIME_BIN, os.X_OK) else "os.wait4 ru_maxrss",
        "repo_revision": repo_revision(),
        "versions": {
            "django_corpus": DJANGO_VERSION,
            "pofilter": tool_version([pofilter, "--version"]),
            "l10n-qa": tool_version([l10nqa, "--version"]) if qa_ok else None,
        },
        "corpus": units["totals"] | {"one_file": ONE_FILE_REL, "one_file_units": one_file_units},
        "l10nqa_ready": qa_ok,
        "l10nqa_not_ready_reason": None if qa_ok else qa_msg,
        "cases": {c.name: c.summary() for c in cases},
    }
    cs = results["cases"]

    def ratio(a: str, b: str) -> float | None:
        if a in cs and b in cs:
            return round(cs[a]["median_wall_s"] / cs[b]["median_wall_s"], 2)
        return None

    # "speed-up" = pofilter time / l10n-qa time; > 1 means l10n-qa is faster.
    results["ratios"] = {
        "speedup_vs_pofilter_six": ratio("pofilter_six", "l10nqa_tree"),
        "speedup_vs_pofilter_six_jobs1": ratio("pofilter_six", "l10nqa_tree_jobs1"),
        "speedup_vs_pofilter_default": ratio("pofilter_default", "l10nqa_tree"),
        "speedup_vs_pofilter_default_jobs1": ratio("pofilter_default", "l10nqa_tree_jobs1"),
        "speedup_comparable_vs_pofilter_six": ratio("pofilter_six", "l10nqa_tree_comparable"),
        "startup_speedup": ratio("pofilter_version", "l10nqa_version"),
        "one_file_speedup": ratio("pofilter_one_file", "l10nqa_one_file"),
    }

    if "pofilter_default" in cs:
        results["pofilter_failures_default"] = pofilter_failures(OUT / "pofilter_default")
    if "pofilter_six" in cs:
        results["pofilter_failures_six"] = pofilter_failures(OUT / "pofilter_six")
    if qa_ok:
        results["l10nqa_findings"] = l10nqa_findings(qa_report)
        scaling = []
        for name, pct in [(f"l10nqa_p{p}", p) for p in SCALING] + [("l10nqa_tree", 100)]:
            c = cs[name]
            scaling.append({"pct_files": pct, "units": c["units"], "median_wall_s": c["median_wall_s"],
                            "us_per_unit": round(c["median_wall_s"] / c["units"] * 1e6, 2),
                            "peak_rss_mib": c["peak_rss_mib"]})
        results["scaling"] = scaling
        results["scaling_fit"] = linear_fit([(s["units"], s["median_wall_s"]) for s in scaling])

    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_report(results)
    log(f"wrote {args.results}")
    return 0


def print_report(r: dict) -> None:
    cs = r["cases"]
    pof_ref = {"l10nqa_tree": "pofilter_six", "l10nqa_tree_jobs1": "pofilter_six",
               "l10nqa_tree_comparable": "pofilter_six",
               "l10nqa_version": "pofilter_version", "l10nqa_one_file": "pofilter_one_file"}
    rows = [["run", "median wall (s)", "peak RSS (MiB)", "units/s", "speed-up: pofilter time / l10n-qa time"]]
    for name, c in cs.items():
        ref = pof_ref.get(name)
        vs = ""
        if ref in cs:
            vs = f"{cs[ref]['median_wall_s'] / c['median_wall_s']:.2f}x (vs {ref})"
        bad = [rc for rc in c["exit_codes"] if rc != 0]
        label = c["label"] + (f" [exit {sorted(set(bad))}]" if bad else "")
        rows.append([label, f"{c['median_wall_s']:.3f}", f"{c['peak_rss_mib']:.1f}",
                     f"{c['units_per_s']:,}" if c["units_per_s"] else "-", vs])
    corpus = r["corpus"]
    print(f"\nl10n-qa vs pofilter on Django {r['versions']['django_corpus']}: {corpus['files']} PO files, "
          f"{corpus['units']:,} units; {r['runs']} runs each, median; {r['machine'].get('cpus')} CPUs; {r['date']}")
    print(f"versions: {r['versions']['pofilter']}; {r['versions']['l10n-qa']}; "
          f"load average before/after: {r['loadavg_1min_before_after']}\n")
    print(fmt_table(rows))
    print("\nratios (pofilter time / l10n-qa time):")
    for k, v in r["ratios"].items():
        print(f"  {k}: {v}")
    if "scaling" in r:
        print("\nl10n-qa scaling (default --jobs):")
        rows = [["files", "units", "median wall (s)", "µs/unit", "peak RSS (MiB)"]]
        for s in r["scaling"]:
            rows.append([f"{s['pct_files']} %", f"{s['units']:,}", f"{s['median_wall_s']:.3f}",
                         f"{s['us_per_unit']:.1f}", f"{s['peak_rss_mib']:.1f}"])
        print(fmt_table(rows))
        fit = r["scaling_fit"]
        print(f"least-squares fit: wall = {fit['fixed_s']} s + {fit['us_per_unit']} µs × units "
              f"(worst point {fit['max_relative_residual']:.1%} off the line)")
    if "l10nqa_findings" in r:
        f = r["l10nqa_findings"]
        summ = {k: v for k, v in (f["summary"] or {}).items() if k != "by_locale"}
        print(f"\nl10n-qa findings per rule (summary: {summ}):")
        for rule, n in f["by_rule"].items():
            print(f"  {n:>7,}  {rule}")
        if f.get("missing_report"):
            print(f"  NO REPORT: {f['missing_report']}")
        if f["errors"]:
            print(f"\nl10n-qa input errors: {len(f['errors'])}")
            for e in f["errors"][:20]:
                print(f"  {e.get('path')}: {e.get('message')}")
    for key, title in [("pofilter_failures_default", "default checks"), ("pofilter_failures_six", "6 checks")]:
        if key in r:
            p = r[key]
            print(f"\npofilter failures per test ({title}): {p['failures']:,} failures on "
                  f"{p['failing_units']:,} units in {p['files_with_failures']} files")
            for test, n in p["by_test"].items():
                print(f"  {n:>7,}  {test}")
    for name, c in cs.items():
        if c["stderr_of_failed_run"]:
            print(f"\n{name} failed (exit codes {c['exit_codes']}); end of its stderr:\n{c['stderr_of_failed_run']}")
    if not r["l10nqa_ready"]:
        print(f"\nl10n-qa was not measured: `l10n-qa check --help` failed: {r['l10nqa_not_ready_reason']}")


if __name__ == "__main__":
    sys.exit(main())
