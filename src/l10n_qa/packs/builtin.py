"""Where the built-in data packs are: `glossaries/` and `rules/` at the top of the repository,
shipped inside the wheel as `l10n_qa/_data/…` (pyproject.toml force-includes them).

Kept free of heavy imports: the config module asks it whether a name is a built-in pack.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # src/l10n_qa (or site-packages/l10n_qa)
_EXTENSIONS = (".yaml", ".yml", ".tbx", ".csv", ".tsv")


def data_dir(kind: str) -> Path | None:
    """The folder of built-in `kind` ("glossaries", "rules"): installed wheel first, then the source tree."""
    for candidate in (_PACKAGE / "_data" / kind, _PACKAGE.parent.parent / kind):
        if candidate.is_dir():
            return candidate
    return None


def names(kind: str) -> list[str]:
    folder = data_dir(kind)
    if folder is None:
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix in _EXTENSIONS)


def path_of(kind: str, name: str) -> Path | None:
    folder = data_dir(kind)
    if folder is None or "/" in name or "\\" in name:
        return None
    for extension in _EXTENSIONS:
        candidate = folder / f"{name}{extension}"
        if candidate.is_file():
            return candidate
    return None


def glossary_files(references, base: Path) -> list[str]:
    """The files `--glossary` references name (see `resolve_glossary`); LookupError names one that is
    neither a file nor a folder nor a built-in glossary."""
    paths = []
    for reference in references:
        found = resolve_glossary(reference, base)
        if found is None:
            known = ", ".join(names("glossaries")) or "none"
            raise LookupError(f"glossary not found: {reference!r} (not a file or folder, nor a built-in glossary: "
                              f"{known})")
        paths += [str(path) for path in found]
    return paths


def resolve_glossary(reference: str, base: Path) -> list[Path] | None:
    """The files a glossary reference in config or on the command line names: a file (relative to
    `base`), every glossary file in a folder (`glossaries/`), or a built-in name. None: nothing."""
    candidate = Path(reference).expanduser()
    if not candidate.is_absolute():
        candidate = base / candidate
    if candidate.is_file():
        return [candidate.resolve()]
    if candidate.is_dir():
        return sorted(p.resolve() for p in candidate.iterdir() if p.is_file() and p.suffix.lower() in _EXTENSIONS)
    builtin = path_of("glossaries", reference)
    return [builtin] if builtin else None


def is_builtin(path: str | Path) -> bool:
    folder = data_dir("glossaries")
    return folder is not None and Path(path).resolve().parent == folder.resolve()
