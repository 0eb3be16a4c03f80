"""Helpers for tests of monolingual content: write a small repository and check it in process."""

from __future__ import annotations

import os
from pathlib import Path

from l10n_qa.config import find_config, load_config
from l10n_qa.discover import Discovery
from l10n_qa.engine import run
from l10n_qa.settings import Settings
from l10n_qa.model import Locale, Report


def write_tree(root: Path, files: dict[str, str | bytes], newline: str | None = None) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            with open(path, "w", encoding="utf-8", newline=newline) as handle:
                handle.write(content)


def check_tree(root: Path, *paths: str, select=(), ignore=()) -> Report:
    """Check `paths` (default: the config or the whole folder) from `root`, as `l10n-qa check` would."""
    (root / ".git").mkdir(exist_ok=True)  # the repository root: no config above it is used
    previous = os.getcwd()
    os.chdir(root)
    try:
        found = find_config(Path.cwd())
        config = load_config(found, found.name if found else None)
        if config.source_locale is None:
            config.source_locale = Locale("en")
        settings = Settings.build(select=select or config.select, ignore=config.ignore + tuple(ignore),
                                  severity_overrides=config.severity)
        return run(list(paths), Discovery(config), settings, jobs=1)
    finally:
        os.chdir(previous)
