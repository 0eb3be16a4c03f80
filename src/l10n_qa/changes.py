"""`--changed-since REF`: check only the files changed since a git ref, plus the translations of
changed sources.

"Changed" is what `git diff` shows between the merge base of REF and HEAD and the working tree
(committed, staged and unstaged changes), plus untracked files git does not ignore: what a pull
request or a local edit adds. Deleted files have nothing left to check.

A changed *source* makes its translations worth checking again. Which files pair is decided by the
same pairing `check` uses (pairing.plan: the config's content sets, else the locale in the path, as
help/en-US/x.md and help/de-DE/x.md or x.pot and de.po), so the filter runs after pairing: a
translation is kept when it or its source changed, and a source with missing translations when it
changed.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from l10n_qa.config import Config
from l10n_qa.discover import FileTask, glob_to_regex
from l10n_qa.model import InputError
from l10n_qa.safe_git import SAFE_GIT


class GitError(Exception):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run([*SAFE_GIT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"`git {' '.join(args)}` did not finish in 120 s") from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"`git {args[0]}` failed")
    return result.stdout


def changed_files(ref: str, cwd: Path) -> set[str]:
    """Real paths of the files changed since `ref` (see the module docstring)."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(f"--changed-since: {ref!r} is not a commit, branch or tag in this repository "
                       "(in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], top).strip()
    except GitError:  # unrelated histories or a shallow clone: compare with the ref itself
        base = ref
    # Run from the top folder: both commands then name files relative to it.
    names = _git(["diff", "--no-ext-diff", "--no-textconv", "--name-only", "-z", "--diff-filter=ACMRT", base, "--"], top).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return {os.path.realpath(top / name) for name in names if name}


def keep_changed(tasks: list[FileTask], errors: list[InputError], changed: set[str],
                 config: Config) -> tuple[list[FileTask], list[InputError]]:
    """The planned tasks whose file or whose source changed, and the input errors of changed files.

    A monolingual translation's source is the one pairing found; a bilingual catalog (PO, XLIFF)
    carries its source text, so its template (`source/x.pot`) is known only from a content set.
    """

    def is_changed(path: str | None) -> bool:
        return path is not None and (path == "-" or os.path.realpath(path) in changed)

    by_content_set = {id(task) for task in only_changed(tasks, changed, config)}
    kept = [task for task in tasks if id(task) in by_content_set or is_changed(task.real_path)
            or is_changed(getattr(task.pairing, "source_real", None))]
    kept_paths = {task.path for task in kept}
    return kept, [error for error in errors if error.path in kept_paths or is_changed(error.path)]


def _config_key(real_path: str, root: Path) -> str | None:
    try:
        return Path(real_path).relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def only_changed(tasks: list[FileTask], changed: set[str], config: Config) -> list[FileTask]:
    """The tasks whose file changed, or whose source (by the config's content sets) changed."""
    pairs = []
    for content_set in config.content:
        if content_set.source:
            pairs.append((glob_to_regex(content_set.source, capture_wildcards=True),
                          glob_to_regex(content_set.target, capture_wildcards=True)))
    changed_sources: list[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]] = []
    for real in changed:
        key = _config_key(real, config.root)
        if key is None:
            continue
        for source_rx, target_rx in pairs:
            match = source_rx.match(key)
            if match:
                changed_sources.append((source_rx, target_rx, match.groups()))
    kept = []
    for task in tasks:
        real = os.path.realpath(task.real_path) if task.real_path != "-" else "-"
        if real == "-" or real in changed:
            kept.append(task)
            continue
        key = _config_key(real, config.root)
        if key is None:
            continue
        for source_rx, target_rx, source_groups in changed_sources:
            match = target_rx.match(key)
            if not match:
                continue
            if not source_groups or len(source_groups) != len(match.groups()) or match.groups() == source_groups:
                kept.append(task)
                break
    return kept
