"""Benchmark: does the per-segment cost of glossary checks grow with the glossary? (design §9)

Checks the same content with no glossary, a 10-term glossary and a 10,000-term glossary, in one
process, and reports the glossary's share of the time and the ratio 10,000 / 10 (goal: < 1.5×).

Content: the bundled samples' widget catalogs (de, fr, ar, ja), each entry repeated with its own
msgctxt until every catalog has --entries entries, so the text is real support copy in four
scripts. Glossaries: the built-in `support` glossary's first 10 entries; the 10,000-term one adds
9,990 generated entries shaped like a real term base: two-word terms sharing their first word
with common support words ("order …", "account …", so the index has long candidate lists for the
words the content really uses), single made-up words, translations in all four locales, and
forbidden translations on every tenth entry. Generated terms never occur in the content, so both
glossaries report the same findings and the difference is the matching cost alone.

    python bench/glossary_bench.py                 # 2,000 entries per locale, 5 timed runs
    python bench/glossary_bench.py --entries 5000 --runs 7

Times are medians of the CPU time of checking all files in one process (--jobs 1; CPU time, so
that other work on a shared machine disturbs the figures less), after one warm-up run that reads
and compiles the glossaries (reported separately: it happens once per process).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from l10n_qa.config import Config  # noqa: E402
from l10n_qa.discover import Discovery  # noqa: E402
from l10n_qa.engine import Settings, run  # noqa: E402
from l10n_qa.model import Locale  # noqa: E402
from l10n_qa.packs.loading import load_termbase  # noqa: E402

LOCALES = ("de", "fr", "ar", "ja")
COMMON_FIRST_WORDS = ("order", "account", "refund", "password", "chat", "ticket", "help", "return", "your",
                      "payment", "delivery", "email", "message", "file", "team", "article")


def make_content(folder: Path, entries: int) -> None:
    for lang in LOCALES:
        catalog = polib.pofile(str(ROOT / "samples" / "widget" / "locale" / lang / "LC_MESSAGES" / "widget.po"))
        units = [u for u in catalog if u.msgstr and not u.obsolete and "fuzzy" not in u.flags and not u.msgid_plural]
        out = polib.POFile()
        out.metadata = catalog.metadata
        for index in range(entries):
            unit = units[index % len(units)]
            out.append(polib.POEntry(msgctxt=f"copy {index}", msgid=unit.msgid, msgstr=unit.msgstr, flags=unit.flags))
        (folder / f"{lang}.po").write_text(str(out), encoding="utf-8")


def _word(rng: random.Random, script: str) -> str:
    if script == "ja":
        return "".join(rng.choice("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ") for _ in range(4))
    if script == "ar":
        return "".join(rng.choice("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") for _ in range(6))
    return "".join(rng.choice("bcdfghjklmnpqrstvwz") + rng.choice("aeiou") for _ in range(4))


def make_glossaries(folder: Path) -> tuple[Path, Path]:
    support = yaml.safe_load((ROOT / "glossaries" / "support.yaml").read_text(encoding="utf-8"))
    real = [e for e in support["entries"] if not e.get("do_not_translate")][:10]
    small = {"id": "ten", "source_locale": "en", "entries": real}
    rng = random.Random(42)
    generated = []
    for index in range(10_000 - len(real)):
        if index % 2:
            source = f"{rng.choice(COMMON_FIRST_WORDS)} {_word(rng, 'en')}"
        else:
            source = _word(rng, "en")
        entry = {"id": f"gen{index}", "source": source,
                 "translations": {lang: _word(rng, lang) for lang in LOCALES}}
        if index % 10 == 0:
            entry["forbidden"] = {lang: [_word(rng, lang)] for lang in LOCALES}
        generated.append(entry)
    large = {"id": "tenthousand", "source_locale": "en", "entries": real + generated}
    paths = folder / "ten.yaml", folder / "tenthousand.yaml"
    for path, data in zip(paths, (small, large)):
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return paths


def time_runs(paths: list[str], configurations: dict[str, tuple[str, ...]], runs: int) -> dict[str, tuple]:
    """Median time per configuration; the configurations take turns, so drift hits all alike."""
    discovery = Discovery(Config(source_locale=Locale("en")))
    settings = {name: Settings.build(glossaries=glossaries) for name, glossaries in configurations.items()}
    reports = {name: run(paths, discovery, s, jobs=1) for name, s in settings.items()}  # warm-up: compiles
    times: dict[str, list[float]] = {name: [] for name in configurations}
    for _ in range(runs):
        for name, s in settings.items():
            gc.collect()
            started = time.process_time()  # CPU time of this process: other load on the machine counts less
            run(paths, discovery, s, jobs=1)
            times[name].append(time.process_time() - started)
    return {name: (statistics.median(times[name]), reports[name].segments,
                   sum(f.category == "glossary" for f in reports[name].findings)) for name in configurations}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=2000, help="entries per catalog (4 catalogs)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        make_content(folder, args.entries)
        ten, large = make_glossaries(folder)
        started = time.perf_counter()
        termbase = load_termbase((str(large),))
        for lang in LOCALES:
            termbase.rules_for(Locale("en"), Locale(lang))
        compile_large = time.perf_counter() - started
        paths = [str(folder / f"{lang}.po") for lang in LOCALES]
        results = time_runs(paths, {"none": (), "10 terms": (str(ten),), "10,000 terms": (str(large),)}, args.runs)
    base = results["none"][0]
    print(f"{results['none'][1]:,} segments in {len(LOCALES)} PO catalogs ({', '.join(LOCALES)}), "
          f"median of {args.runs} runs, one process")
    print(f"{'glossary':<14}{'check time':>12}{'glossary share':>16}{'per segment':>14}{'findings':>10}")
    for name, (median, segments, findings) in results.items():
        share = median - base
        print(f"{name:<14}{median:>11.3f}s{share:>15.3f}s{share / segments * 1e6:>12.1f}µs{findings:>10}")
    small_total, large_total = results["10 terms"][0], results["10,000 terms"][0]
    small_share, large_share = small_total - base, large_total - base
    print(f"ratio 10,000 / 10 terms: whole check {large_total / small_total:.2f}×, "
          f"glossary share {large_share / small_share:.2f}× (goal < 1.5×)")
    print(f"one-off per process: read + compile the 10,000-term glossary for 4 locales {compile_large:.2f}s")


if __name__ == "__main__":
    main()
