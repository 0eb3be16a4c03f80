"""Start-up and one-file cost of `l10n-qa check FILE` (issue 14: one PO file <= 0.15 s wall).

    python bench/one_file_bench.py FILE.po [--l10n-qa PATH ...] [--runs N]

Runs each given l10n-qa executable N times, interleaved, on FILE with `--format json --fail-on never
--no-cache --jobs 1`, without PYTHONDONTWRITEBYTECODE (real installs have .pyc files), and prints the
minimum and median of wall and CPU (user + system, from os.wait4) per executable. On a shared machine
the CPU time and the minimum wall are the steadier figures; the ratio between executables is what counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import time


def run_once(executable: str, path: str) -> tuple[float, float]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [executable, "check", path, "--format", "json", "--fail-on", "never", "--no-cache", "--jobs", "1"]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{executable} exited {os.waitstatus_to_exitcode(status)}: {process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--l10n-qa", dest="executables", action="append", help="an l10n-qa executable (repeatable)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    executables = args.executables or [shutil.which("l10n-qa") or "l10n-qa"]
    for executable in executables:
        run_once(executable, args.file)  # warm-up: writes .pyc files, fills the page cache
    results: dict[str, list[tuple[float, float]]] = {executable: [] for executable in executables}
    for _ in range(args.runs):
        for executable in executables:
            results[executable].append(run_once(executable, args.file))
    print(f"{'l10n-qa':60} {'wall min':>9} {'wall med':>9} {'cpu min':>8} {'cpu med':>8}")
    for executable, runs in results.items():
        walls = [wall for wall, _ in runs]
        cpus = [cpu for _, cpu in runs]
        print(f"{executable:60} {min(walls):9.3f} {statistics.median(walls):9.3f} "
              f"{min(cpus):8.3f} {statistics.median(cpus):8.3f}")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
