"""Sharding: `check --shard K/N` checks the K-th of N deterministic parts of the files.

A CI matrix (GitHub Actions `matrix`, GitLab `parallel:`) runs N jobs on N machines; each job must
pick the same part whatever the machine, the working directory or the order the file system lists
files in. So a file's shard is decided by a hash of its path relative to the project root (the
config's folder), never by its position in a list or by Python's per-process `hash()`.

The filter runs on the planned tasks, after pairing: a translation task carries its source with it,
and a source file that pairing found untranslated in some locales is its own task, so the tree-wide
"missing translation" findings land in the shard that owns the source file — exactly once.
`l10n-qa merge` (merge.py) puts the N JSON reports back together.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


class ShardError(ValueError):
    """A `--shard` value that is not K/N with 1 ≤ K ≤ N."""


@dataclass(frozen=True, slots=True)
class Shard:
    index: int  # 1-based, as people and CI variables count (GitLab's CI_NODE_INDEX starts at 1)
    count: int

    @classmethod
    def parse(cls, text: str) -> "Shard":
        match = _SPEC.fullmatch(text)
        if not match:
            raise ShardError(f"--shard: expected K/N such as 1/4, got {text!r}")
        index, count = int(match.group(1)), int(match.group(2))
        if count < 1 or not 1 <= index <= count:
            raise ShardError(f"--shard {text}: K must be between 1 and N (1/{max(count, 1)} … "
                             f"{max(count, 1)}/{max(count, 1)})")
        return cls(index, count)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, key: str) -> bool:
        return shard_of(key, self.count) == self.index


def shard_of(key: str, count: int) -> int:
    """The 1-based shard of a file key: the same on every machine and in every process."""
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def file_key(path: str, root: Path) -> str:
    """A file's path relative to the project root, with forward slashes: what every CI machine agrees on.

    A path outside the root (or standard input, `-`) is keyed as given."""
    if path == "-":
        return path
    # realpath on both sides: a working directory reached through a symlink still keys the same.
    absolute = os.path.realpath(path)
    try:
        return Path(absolute).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def keep_shard(tasks, errors, shard: Shard, root: Path):
    """The tasks (and the planning errors) this shard owns; the other shards take the rest."""
    kept = [task for task in tasks if shard.owns(file_key(task.real_path, root))]
    kept_errors = [error for error in errors if shard.owns(file_key(error.path, root))]
    return kept, kept_errors


def _content_digest(path) -> str | None:
    """What a data file holds (not where it is: CI machines check out to different folders)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def settings_digest(run) -> str:
    """A digest of everything that decides what a run finds and how it exits, except which shard it is.

    `merge` refuses reports whose digests differ: shards run with another config, glossary, rule
    selection, locale or threshold would not add up to one run. Data files count by content, so the
    same commit checked out in different folders agrees; `--jobs` and output options do not count."""
    import json

    options, settings, config = run.options, run.settings, run.config
    described = {
        "config": _content_digest(config.path) if config.path else None,
        "paths": list(options.paths),
        "enabled": sorted(settings.enabled),
        "severities": sorted((rule, level.label) for rule, level in settings.severities.items()),
        "locales": [str(locale) for locale in settings.locales],
        "source_locale": str(config.source_locale),
        "data": [_content_digest(p) for group in (settings.glossaries, settings.legal or (), settings.rule_packs)
                 for p in group],
        "baseline": _content_digest(run.baseline.path) if run.baseline is not None else None,
        "changed_since": options.changed_since,
        "grammar": settings.languagetool is not None, "spelling": settings.spelling is not None,
        "fail_on": options.fail_on or config.fail_on, "min_severity": options.min_severity,
        "allow_empty": options.allow_empty,
        "shards": run.shard.count if run.shard else None,
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:20]
