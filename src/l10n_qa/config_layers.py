"""Config inheritance: `extends:` and nested configs, merged like Ruff and ESLint merge theirs.

The layers of a config, base first:
  1. with `hierarchical` (a config found by the lookup, not given by `--config`): the configs of the
     folders above it, up to the repository root (the folder with `.git`) or the first one with
     `root: true`, outermost first;
  2. for each of those files: what it `extends:` (a path or a list of paths relative to that file; a
     base's own `extends:` first), then the file itself.

Merge: a key set in a later layer replaces the earlier value (lists replace, scalars replace);
mappings merge key by key (`severity`, `markets`, `formality`: the later layer wins per key). The
`languagetool` and `spelling` sections are replaced as a whole: their values depend on one another
(a URL and its timeout, dictionaries and their folders).

Each file is validated on its own, so its errors name its own lines and its file paths (glossaries,
legal, rule packs, dictionaries) resolve against its own folder. Patterns that are relative to the
config's folder (content targets and sources, exclude, suppress paths, baseline) are rewritten to be
relative to the merged config's root: the folder of the outermost config of the hierarchy. A nested
config's `exclude: [drafts]` thus still means any `drafts` below its own folder.

There are no built-in presets yet, so `extends:` takes paths only. A cycle or a missing file is a
ConfigError naming the file and line that asks for it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from l10n_qa.config import (Config, ConfigError, ContentSet, SuppressEntry, find_config, read_config_file, relative,
                            validate)

# Keys whose mapping values merge key by key; every other key set in a later layer replaces.
_MERGED_MAPPINGS = ("severity", "markets", "formality")
_LAYER_KEYS = ("extends", "root")


class _Layer:
    def __init__(self, path: Path, shown: str, raw: dict, lines: dict[str, int]):
        self.path, self.shown, self.raw, self.lines = path, shown, raw, lines
        self.root = path.parent.resolve()

    @property
    def is_root(self) -> bool:
        return self.raw.get("root") is True


def _read(path: Path, shown: str) -> _Layer:
    raw, lines = read_config_file(path, shown)
    if "root" in raw and not isinstance(raw["root"], bool):
        raise ConfigError(shown, f"expected true or false, got {raw['root']!r}", lines.get("root"), "root")
    return _Layer(path, shown, raw, lines)


def _with_bases(layer: _Layer, chain: tuple[Path, ...]) -> list[_Layer]:
    """The layer's `extends:` bases (recursively, base first), then the layer."""
    references = layer.raw.get("extends", [])
    if isinstance(references, str):
        references = [references]
    line = layer.lines.get("extends")
    if not isinstance(references, list) or not all(isinstance(r, str) and r.strip() for r in references):
        raise ConfigError(layer.shown, "expected the path of a config file, or a list of them, relative to this "
                                       "file (there are no built-in presets)", line, "extends")
    layers: list[_Layer] = []
    for index, reference in enumerate(references):
        where = f"extends[{index}]" if isinstance(layer.raw.get("extends"), list) else "extends"
        target = (layer.path.parent / reference.strip())
        if not target.is_file():
            raise ConfigError(layer.shown, f"no such config file {reference!r} (relative to this file's folder)",
                              layer.lines.get(where) or line, where)
        resolved = target.resolve()
        if resolved in chain:
            cycle = " → ".join(relative(p) for p in (*chain[chain.index(resolved):], resolved))
            raise ConfigError(layer.shown, f"the configs extend each other in a cycle: {cycle}", layer.lines.get(where) or line,
                              where)
        base = _read(target, relative(target))
        layers += _with_bases(base, (*chain, resolved))
    return [*layers, layer]


def _folder_chain(path: Path, shown: str) -> list[_Layer]:
    """The config and the configs of the folders above it that it merges over, outermost first."""
    found = [_read(path, shown)]
    seen = {path.resolve()}
    while not found[-1].is_root:
        folder = found[-1].path.parent.resolve()
        if (folder / ".git").exists() or folder.parent == folder:
            break  # the repository root: a config above it belongs to something else
        above = find_config(folder.parent)
        if above is None or above.resolve() in seen:
            break
        seen.add(above.resolve())
        found.append(_read(above, relative(above)))
    return list(reversed(found))


def _rebase(pattern: str, prefix: str, anywhere_below: bool = False) -> str:
    """A pattern relative to a layer's folder, made relative to the merged root (`prefix`: the layer's
    folder from the root). `anywhere_below`: an exclude without a slash matches at any depth."""
    if prefix == ".":
        return pattern
    if anywhere_below and "/" not in pattern and not pattern.startswith("**"):
        return f"{prefix}/**/{pattern}"
    return f"{prefix}/{pattern}"


def _rebased(config: Config, root: Path) -> Config:
    prefix = Path(os.path.relpath(config.root, root)).as_posix()
    if prefix == ".":
        return config
    return replace(
        config,
        content=tuple(ContentSet(c.name, c.type, _rebase(c.target, prefix),
                                 _rebase(c.source, prefix) if c.source else None) for c in config.content),
        exclude=tuple(_rebase(p, prefix, anywhere_below=True) for p in config.exclude),
        suppress=tuple(SuppressEntry(_rebase(s.path, prefix), s.pointer, s.rules, s.reason, s.until, s.line)
                       for s in config.suppress),
        baseline=_rebase(config.baseline, prefix) if config.baseline else None,
    )


def _own_lines(lines: dict[str, int], key: str) -> dict[str, int]:
    return {k: v for k, v in lines.items() if k == key or k.startswith((key + ".", key + "["))}


def load_config(path: Path | None, display_path: str | None = None, hierarchical: bool = False) -> Config:
    """The config in `path`, with what it `extends:`; `hierarchical`: merged over the configs of the
    folders above it too, up to the repository root or a `root: true`. No path: the defaults."""
    if path is None:
        return Config()
    return load_layers(path, display_path or str(path), hierarchical)


def load_layers(path: Path, shown: str, hierarchical: bool) -> Config:
    """The merged config of `path` (see the module docstring)."""
    folders = _folder_chain(path, shown) if hierarchical else [_read(path, shown)]
    layers: list[_Layer] = []
    for folder_layer in folders:
        layers += _with_bases(folder_layer, (folder_layer.path.resolve(),))
    root = folders[0].root
    if len(layers) == 1:
        only = layers[0]
        return validate({k: v for k, v in only.raw.items() if k not in _LAYER_KEYS}, only.lines, only.shown,
                        only.root)
    merged = Config(path=shown, root=root, files=tuple(layer.shown for layer in layers))
    for layer in layers:
        own = _rebased(validate({k: v for k, v in layer.raw.items() if k not in _LAYER_KEYS}, layer.lines,
                                layer.shown, layer.root), root)
        for key in layer.raw:
            if key in _LAYER_KEYS:
                continue
            if key in _MERGED_MAPPINGS:
                getattr(merged, key).update(getattr(own, key))
                for sub in getattr(own, key):
                    merged.key_files[f"{key}.{sub}"] = layer.shown
            else:
                setattr(merged, key, getattr(own, key))
                # A replaced value's old lines (a longer list's items) must not linger.
                merged.lines = {k: v for k, v in merged.lines.items() if k not in _own_lines(merged.lines, key)}
            merged.lines.update(_own_lines(layer.lines, key))
            merged.key_files[key] = layer.shown
    return merged


def group_by_nearest_config(tasks: list, run_config: Config) -> list[tuple[Path | None, list]]:
    """The run's files grouped by the folder of their nearest config, when some have a nearer config
    than the run's: [(None, files of the run's config), (folder, files below that folder's config), …].
    Empty when every file has the run's config, the common case (no cost beyond a lookup per folder)."""
    own = Path(run_config.path).resolve() if run_config.path else None  # shown relative to the working directory
    nearest_of: dict[Path, Path | None] = {}
    groups: dict[Path | None, list] = {}
    for task in tasks:
        key = None
        if task.real_path != "-":
            folder = Path(task.real_path).parent.resolve()
            if folder not in nearest_of:
                found = find_config(folder)
                nearest_of[folder] = found.resolve() if found is not None else None
            nearest = nearest_of[folder]
            if nearest is not None and nearest != own:
                key = nearest.parent
        groups.setdefault(key, []).append(task)
    if list(groups) == [None]:
        return []
    return sorted(groups.items(), key=lambda item: (item[0] is not None, str(item[0] or "")))
