"""Glossary files → `Glossary` objects (YAML, TBX or CSV, by extension or content), and the
per-process cache that makes a run compile its glossaries once, not once per file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from l10n_qa.packs import builtin
from l10n_qa.packs.glossary import Glossary, GlossaryError, TermBase, load_yaml

GLOSSARY_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".tbx": "tbx", ".csv": "csv", ".tsv": "csv", ".txt": "csv"}


def display_path(path: str | Path) -> str:
    path = Path(path)
    if builtin.is_builtin(path):
        return f"built-in:{path.name}"
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if shown.startswith(".." + os.sep + "..") else shown


def glossary_format(path: str | Path, head: bytes = b"") -> str | None:
    fmt = GLOSSARY_FORMATS.get(Path(path).suffix.lower())
    if fmt:
        return fmt
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:400]
    if sample.startswith(b"<") and (b"martif" in head[:2000] or b"<tbx" in head[:2000]):
        return "tbx"
    return None


def load_glossary(path: str | Path, shown: str | None = None, source_locale: str | None = None) -> Glossary:
    """Read one glossary file; raises GlossaryError (with the line, where known)."""
    shown = shown or display_path(path)
    from l10n_qa.safe_read import ReadRefused, read_regular_file

    try:
        data = read_regular_file(str(path))
    except ReadRefused as exc:
        raise GlossaryError(shown, exc.message) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise GlossaryError(shown, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    fmt = glossary_format(path, data[:2048])
    default_id = Path(path).stem
    if fmt == "yaml":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise GlossaryError(shown, "not valid UTF-8 (save the glossary as UTF-8)", line) from None
        glossary = load_yaml(text, shown, default_id)
        if source_locale:
            from l10n_qa.model import Locale

            glossary.source_locale = Locale.parse(source_locale)
        return glossary
    if fmt == "tbx":
        from l10n_qa.packs.tbx import load_tbx

        return load_tbx(data, shown, default_id, source_locale)
    if fmt == "csv":
        from l10n_qa.packs.csv_glossary import load_csv

        return load_csv(data, shown, default_id, source_locale)
    raise GlossaryError(shown, "unknown glossary format (expected .yaml, .tbx, .csv or .tsv)")


def file_stamps(paths) -> tuple:
    """(modification time, size) of each file, or None: the key of a per-process cache of what was
    read from them, so a file changed since (same path, new contents) is read again."""
    stamps = []
    for path in paths:
        try:
            stat = os.stat(path)
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def load_termbase(paths: tuple[str, ...]) -> TermBase:
    """The glossaries of a run, read and compiled once per process (worker processes each read
    them on first use; Settings carries only the paths, so it stays small and picklable)."""
    return _load_termbase(tuple(paths), file_stamps(paths))


@lru_cache(maxsize=8)
def _load_termbase(paths: tuple[str, ...], stamps: tuple) -> TermBase:
    return TermBase([load_glossary(path) for path in paths])
