"""Pairing: the stage between load and check (design §2) for files that hold one language.

Bilingual formats (PO, XLIFF, bilingual reply files) pair themselves. A monolingual file (a
Markdown or HTML article, a plain-text policy, a per-locale reply or i18next catalog) is paired in
two steps:

1. By path, in the main process, before any file is read (`plan`): each translation gets its
   source file, from a content set's `source` pattern or, without one, by swapping the locale part
   of its path (`help/de-DE/x.md` → `help/en-US/x.md`, `x.de-DE.md` → `x.md`, `de/…` → `en/…`).
   This is also where the run looks across the tree: a source with no translation in a locale
   that has others, a translation whose source is gone, a translation older than its source in
   git. These facts travel with each file task, so the checks (which never see files) report them.
2. Block by block, in the worker that checks the file (`pair_document`): keyed blocks (front
   matter, catalog entries) by key, everything else by structure: blocks of the same kind are
   aligned in order, using what survives translation (numbers, link targets, code, names, length)
   to decide which block a translation dropped or added. Each aligned pair of text blocks becomes a
   segment (in policies, one per sentence when both sides have as many); the alignment itself is
   kept on the document for the structure checks.
"""

from __future__ import annotations

import glob
import math
import os
import re
import subprocess
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import regex

from l10n_qa import limits
from l10n_qa.blocks import KEYED_KINDS, TEXT_KINDS, AlignedBlock, Block, OffsetsMap, Pairing
from l10n_qa.config import Config, ContentSet, relative
from l10n_qa.discover import FileTask, GlobPattern, collapse_wildcards, locale_slot
from l10n_qa.formats import MONOLINGUAL, LoadError, LoadHints, format_for
from l10n_qa.model import Document, FixedPosition, InputError, Locale, Segment
from l10n_qa.safe_git import SAFE_GIT

# --- Content types -------------------------------------------------------------------------------

_POLICY_WORDS = re.compile(r"polic|privacy|legal|terms|cookie|gdpr|dsgvo|imprint|impressum|datenschutz", re.I)
# Replies and notifications: plain-text messages sent as they are (no page or application layout).
_REPLY_WORDS = re.compile(r"repl(y|ies)|macro|canned|snippet|template|notif|notices?\b", re.I)


def guess_content_type(path: str, fmt: str) -> str:
    """Content type when no content set names it: by the words in the path, then by format."""
    if _POLICY_WORDS.search(path):
        return "policy"
    if fmt == "replies":
        return "reply" if _REPLY_WORDS.search(path) else "ui"
    return "article"


def catalog_content_type(path: str) -> str | None:
    """A PO/XLIFF catalog is UI text unless its path says policy or replies (macros.de-DE.xlf): then
    the legal packs treat it as the policy or reply it holds."""
    if _POLICY_WORDS.search(path):
        return "policy"
    return "reply" if _REPLY_WORDS.search(path) else None


# --- Locales in paths ----------------------------------------------------------------------------

def same_locale(a: Locale, b: Locale) -> bool:
    """`en` and `en-US` are the same locale for pairing; `en-GB` and `en-US` are not."""
    return a == b or a in b.fallbacks or b in a.fallbacks


@lru_cache(maxsize=1024)
def _listing(folder: str) -> tuple[tuple[str, bool], ...]:
    try:
        with os.scandir(folder) as scan:
            return tuple(sorted((e.name, e.is_dir()) for e in scan))
    except OSError:
        return ()


def _entries(folder: str) -> tuple[tuple[str, bool], ...]:
    """A folder's entries (name, is a folder); listed once per run (`plan` clears the cache)."""
    return _listing(os.path.abspath(folder or "."))


def _locale_of(name: str) -> Locale | None:
    slot = locale_slot(name + "/x")  # a bare folder name: read it as a folder
    return slot[2] if slot and slot[0] == "folder" else None


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Where the file in another locale is, or would be."""

    path: str | None  # an existing file
    expected: str  # the path it should have (shown when it is missing)
    family: bool  # the other locale has a folder or files beside this one: the layout is known


def counterpart(path: str, locale: Locale, allow_bare: bool = True) -> Counterpart | None:
    """The file that is `path` in `locale`, found by swapping the locale part of the path.

    None when the path names no locale. `allow_bare`: a source may have no locale in its name
    (`refunds.md` for `refunds.de-DE.md`).
    """
    slot = locale_slot(path)
    if slot is None:
        return None
    where, index, _ = slot
    pure = Path(path)
    if where == "folder":
        parent = Path(*pure.parts[:index]) if index else Path("")
        rest = Path(*pure.parts[index + 1:])
        folders = [name for name, is_dir in _entries(str(parent)) if is_dir and (loc := _locale_of(name)) and same_locale(loc, locale)]
        folders.sort(key=lambda name: (_locale_of(name) != locale, name))
        for name in folders:
            candidate = parent / name / rest
            if candidate.is_file():
                return Counterpart(str(candidate), str(candidate), True)
        expected = parent / (folders[0] if folders else locale.tag) / rest
        return Counterpart(None, str(expected), bool(folders))
    parts = pure.name.split(".")
    folder = pure.parent
    siblings = []
    for name, is_dir in _entries(str(folder)):
        other = name.split(".")
        if is_dir or len(other) != len(parts) or other[:index] != parts[:index] or other[index + 1:] != parts[index + 1:]:
            continue
        loc = _locale_of(other[index])
        if loc and same_locale(loc, locale):
            siblings.append(name)
    siblings.sort(key=lambda name: (_locale_of(name.split(".")[index]) != locale, name))
    if siblings:
        return Counterpart(str(folder / siblings[0]), str(folder / siblings[0]), True)
    if allow_bare and len(parts) > 2:  # refunds.de-DE.md → refunds.md
        bare = folder / ".".join(parts[:index] + parts[index + 1:])
        return Counterpart(str(bare) if bare.is_file() else None, str(bare), True)
    return Counterpart(None, str(folder / ".".join(parts[:index] + [locale.tag] + parts[index + 1:])), False)


# --- Content sets with a source pattern ---------------------------------------------------------

_WILDCARD = re.compile(r"\*\*/|\*\*|\*|\?|\{locale\}")


def _pattern_regex(pattern: str) -> GlobPattern:
    """A glob as a regex whose wildcards are captured in order (w0, w1, …) and {locale} as `locale`
    (runs of wildcards merged and matching time-limited, as in discover.glob_to_regex)."""
    shown = pattern
    pattern = collapse_wildcards(pattern)
    out, position, count = [], 0, 0
    for m in _WILDCARD.finditer(pattern):
        out.append(regex.escape(pattern[position:m.start()]))
        token = m.group(0)
        if token == "{locale}":
            out.append("(?P<locale>[^/]+)")
        else:
            body = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}[token]
            out.append(f"(?P<w{count}>{body})")
            count += 1
        position = m.end()
    out.append(regex.escape(pattern[position:]))
    return GlobPattern(shown, regex.compile("".join(out) + "$"))


def _fill(pattern: str, wildcards: list[str], locale: str | None) -> str:
    values = iter(wildcards)
    return _WILDCARD.sub(lambda m: locale or "" if m.group(0) == "{locale}" else next(values, ""), pattern)


def _spellings(locale: Locale) -> list[str]:
    tag = locale.tag
    return list(dict.fromkeys([tag, tag.replace("-", "_"), tag.lower(), tag.lower().replace("-", "_"), locale.language]))


@dataclass(frozen=True)
class _SourcedSet:
    content_set: ContentSet
    target: GlobPattern
    source: GlobPattern

    def source_for(self, key: str, source_locale: Locale, root: Path) -> tuple[str | None, str] | None:
        match = self.target.match(key)
        if not match:
            return None
        wildcards = [match.group(name) for name in sorted((g for g in match.groupdict() if g.startswith("w")),
                                                          key=lambda g: int(g[1:]))]
        candidates = [_fill(self.content_set.source, wildcards, spelling) for spelling in _spellings(source_locale)]
        for candidate in candidates:
            if (root / candidate).is_file():
                return str(root / candidate), candidate
        return None, candidates[0]


# --- The plan: sources, orphans, missing translations, stale translations ---------------------

@dataclass(frozen=True, slots=True)
class PairingPlan:
    source_real: str | None = None  # the source file to open
    source_shown: str | None = None  # as reports show it
    source_locale: Locale | None = None
    expected: str = ""  # the source is gone: where it should be
    stale: str = ""
    missing: tuple[tuple[Locale, str], ...] = ()  # for a source file: locales it has no translation in
    problem: str = ""  # why no source could be found (an error if the file turns out to need one)


def _is_bilingual_reply_file(path: str) -> bool:
    """A reply file without a locale in its name is checked when it holds several locales."""
    from l10n_qa.formats.replies import looks_bilingual

    try:
        with open(path, "rb") as handle:
            return looks_bilingual(handle.read(16384))
    except OSError:
        return True  # let the loader report it


def plan(tasks: list[FileTask], config: Config, paths: list[str],
         skipped: Counter | None = None) -> tuple[list[FileTask], list[InputError]]:
    """Give every monolingual file its source, drop what is not a translation, and add run-level facts.

    `paths`: what the user named. A run over whole folders (or, with no paths, the config's content
    sets) also reports sources with no translation in a locale. `skipped` counts the walked files
    dropped as not translations, by why (discover.SKIPPED_*).
    """
    from l10n_qa.discover import SKIPPED_NO_SOURCE, SKIPPED_NOT_LOCALIZED

    skipped = skipped if skipped is not None else Counter()
    swept = swept_run(paths)
    _listing.cache_clear()
    source_locale = config.source_locale or Locale("en")
    sets = [_SourcedSet(cs, _pattern_regex(cs.target), _pattern_regex(cs.source)) for cs in config.content if cs.source]
    kept: list[FileTask] = []
    errors: list[InputError] = []
    sources: list[FileTask] = []
    bare_sources: dict[str, FileTask] = {}
    targets: list[tuple[FileTask, str]] = []  # (task, source real path)
    for task in tasks:
        fmt = format_for(task.path)
        if fmt not in MONOLINGUAL and fmt != "replies":
            kept.append(task)
            continue
        real = task.real_path if task.real_path != "-" else task.path
        key = _config_key(real, config)
        locale = task.hints.target_locale
        sourced = next((s for s in sets if s.target.match(key)), None)
        in_source_set = any(s.source.match(key) for s in sets)
        if (locale is not None and same_locale(locale, source_locale)) or (locale is None and in_source_set and sourced is None):
            sources.append(task)
            if task.explicit and not swept:
                errors.append(InputError(task.path, f"this is a source file ({source_locale}): check its translations "
                                         "instead, or the folder that holds them"))
            continue
        if locale is None:
            if fmt == "replies" and (task.real_path == "-" or _is_bilingual_reply_file(task.real_path)):
                kept.append(task)  # a bilingual reply file pairs itself
            elif task.explicit:
                errors.append(InputError(task.path, "cannot tell which locale this file is in: put the locale in its "
                                         "path (help/de-DE/…, refunds.de-DE.md) or configure a content set"))
            else:
                skipped[SKIPPED_NOT_LOCALIZED] += 1
            continue
        if sourced is not None:
            found = sourced.source_for(key, source_locale, config.root)
            source_real, expected = found if found else (None, "")
            expected = relative(config.root / expected) if expected else ""
            family = True
        else:
            other = counterpart(real, source_locale)
            source_real, expected, family = (other.path, relative(Path(other.expected)), other.family) if other else (None, "", False)
        if source_real is None and not family and not task.explicit and not _source_named_beside(real, source_locale) \
                and not (fmt == "replies" and _is_bilingual_reply_file(task.real_path)):
            # Met while walking: `config/no.yaml`, `k8s/eu/…`, `src/api/id.json` name a locale-like
            # word, but with nothing beside them in the source locale they are not translations.
            skipped[SKIPPED_NO_SOURCE] += 1
            continue
        if source_real is None and not family:
            problem = (f"cannot find the source of this translation: no {source_locale} counterpart such as "
                       f"{expected or 'a file in the source locale'} (set source_locale, or a content set with "
                       "`source:` in l10n-qa.yaml)")
            if fmt == "replies":  # maybe a bilingual reply file with a locale-like name: the loader will tell
                kept.append(replace(task, pairing=PairingPlan(problem=problem)))
                continue
            errors.append(InputError(task.path, problem))
            continue
        if source_real is None:
            kept.append(replace(task, pairing=PairingPlan(expected=expected)))
            continue
        source_shown = relative(Path(source_real))
        if locale_slot(source_real) is None and os.path.realpath(source_real) not in bare_sources:
            # refunds.md for refunds.de-DE.md: a source that only its translations reveal
            bare_sources[os.path.realpath(source_real)] = FileTask(source_shown, source_real, LoadHints(
                source_locale, None, task.hints.content_type), False)
        kept.append(replace(task, pairing=PairingPlan(source_real, source_shown, _source_locale(source_real, source_locale))))
        targets.append((task, source_real))
    if swept:
        if not paths:  # the content sets' own sources, which discovery (looking for targets) did not list
            known = {os.path.realpath(t.real_path) for t in sources}
            for sourced in sets:
                for match in sorted(glob.glob(str(config.root / sourced.content_set.source), recursive=True)):
                    if os.path.isfile(match) and os.path.realpath(match) not in known and not _is_translation(
                            sourced, _config_key(match, config), source_locale):
                        known.add(os.path.realpath(match))
                        sources.append(FileTask(relative(Path(match)), match, LoadHints(source_locale, None,
                                                                                         sourced.content_set.type), False))
        kept.extend(_missing_translations(sources + list(bare_sources.values()), targets, sets, config,
                                          source_locale))
    kept = _mark_stale(kept)
    return kept, errors


def _source_named_beside(path: str, source_locale: Locale) -> bool:
    """Whether a file in the source locale sits beside `path`, whatever its extension
    (`replies/en-US.yaml` beside `replies/fr-FR.json`): then `path` is a translation, even one
    whose source cannot be paired, and a problem with it is worth reporting."""
    slot = locale_slot(path)
    if slot is None or slot[0] != "name":
        return False
    index = slot[1]
    for name, is_dir in _entries(str(Path(path).parent)):
        parts = name.split(".")
        if not is_dir and len(parts) > index + 1 and (loc := _locale_of(parts[index])) and same_locale(loc, source_locale):
            return True
    return False


def _is_translation(sourced: _SourcedSet, key: str, source_locale: Locale) -> bool:
    """Whether a file that the source pattern matches is a translation (`*.md` also matches `x.de.md`)."""
    match = sourced.target.match(key)
    if not match or "locale" not in match.groupdict():
        return False
    try:
        return not same_locale(Locale.parse(match.group("locale")), source_locale)
    except ValueError:
        return False


def _source_locale(path: str, default: Locale) -> Locale:
    slot = locale_slot(path)
    return slot[2] if slot and same_locale(slot[2], default) else default


def _config_key(path: str, config: Config) -> str:
    try:
        return Path(path).resolve().relative_to(config.root).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def _family(path: str) -> tuple[str, str, int] | None:
    """The layout a localized file belongs to: the folder that holds the locale folders, or the
    folder of `x.<locale>.md` files."""
    slot = locale_slot(path)
    if slot is None:
        return None
    where, index, _ = slot
    pure = Path(path)
    if where == "folder":
        return "folder", str(Path(*pure.parts[:index])) if index else "", index
    return "name", str(pure.parent), index


# Folders of retired documents: kept for the record, never translated again.
_ARCHIVE_FOLDERS = frozenset({"archive", "archives", "archived", "_archive", "deprecated", "retired"})


def _locale_groups(found: dict[str, Locale], counts: Counter) -> list[tuple[Locale, list[str]]]:
    """The locales of a set or family, one per locale however many spellings it has (`ar` and `ar-SA`
    folders are one locale: a file missing from both is one miss); the commonest spelling names it."""
    groups: list[tuple[Locale, list[str]]] = []
    for spelling in sorted(found, key=lambda s: (-counts[s], s)):
        locale = found[spelling]
        group = next((g for g in groups if same_locale(g[0], locale)), None)
        if group is None:
            groups.append((locale, [spelling]))
        else:
            group[1].append(spelling)
    return sorted(groups, key=lambda g: g[0].tag)


def _set_source_match(sourced: _SourcedSet, key: str, source_locale: Locale) -> re.Match[str] | None:
    match = sourced.source.match(key)
    if match is None or _is_translation(sourced, key, source_locale):
        return None
    return match


def _missing_translations(sources: list[FileTask], targets: list[tuple[FileTask, str]], sets: list[_SourcedSet],
                          config: Config, source_locale: Locale) -> list[FileTask]:
    """A task per source file that lacks a translation in a locale its content set is translated into.

    Judged per content set (or, without one, per layout family: the folder that holds the locale
    folders, or the folder of `x.<locale>.md` files) and per locale that set actually has files in:
    the expected path comes from the set's own target pattern. A source that no locale translates
    at all, or that sits in an archive folder, is taken as a document the repository does not
    translate. `target_locales`, when configured, narrows the locales; it does not add locales that
    the set has no files in (that would report every file of the set once per such locale).
    """
    translated = {os.path.realpath(source_real) for _, source_real in targets}
    wanted = config.target_locales
    spellings: dict[tuple, dict[str, Locale]] = defaultdict(dict)  # group → how it writes each locale
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for task, _ in targets:
        key = _config_key(task.real_path, config)
        index = next((i for i, s in enumerate(sets) if s.target.match(key)), None)
        if index is not None:
            match = sets[index].target.match(key)
            spelling = match.groupdict().get("locale")
            locale = task.hints.target_locale
            if spelling is None or locale is None:
                continue
            group: tuple = ("set", index)
        else:
            family, slot = _family(task.real_path), locale_slot(task.real_path)
            if not (family and slot):
                continue
            pure = Path(task.real_path)
            spelling = pure.parts[slot[1]] if slot[0] == "folder" else pure.name.split(".")[slot[1]]
            locale, group = slot[2], family
        spellings[group].setdefault(spelling, locale)
        counts[group][spelling] += 1
    out, seen = [], set()
    for task in sources:
        real = os.path.realpath(task.real_path)
        if real in seen or real not in translated:
            continue
        seen.add(real)
        key = _config_key(task.real_path, config)
        if _ARCHIVE_FOLDERS & {part.lower() for part in Path(key).parts[:-1]}:
            continue
        expected_paths = None  # locale spelling → the path a translation would have
        index = next((i for i, s in enumerate(sets) if _set_source_match(s, key, source_locale)), None)
        if index is not None:
            sourced = sets[index]
            match = _set_source_match(sourced, key, source_locale)
            wildcards = [match.group(name) for name in sorted((g for g in match.groupdict() if g.startswith("w")),
                                                              key=lambda g: int(g[1:]))]

            def expected_paths(spelling: str, sourced=sourced, wildcards=wildcards) -> list[Path]:
                return [config.root / _fill(sourced.content_set.target, wildcards, spelling)]
            group = ("set", index)
        else:
            group = _family(task.real_path)
            if group is None:  # x.md beside x.de-DE.md: the locale would go before the extension
                pure = Path(task.real_path)
                group = ("name", str(pure.parent), len(pure.name.split(".")) - 1)

                def expected_paths(spelling: str, pure=pure) -> list[Path]:
                    return [pure.parent / ".".join(pure.name.split(".")[:-1] + [spelling, pure.suffix[1:]])]
        missing = []
        for locale, written in _locale_groups(spellings.get(group, {}), counts[group]):
            if wanted and not any(same_locale(locale, w) for w in wanted):
                continue
            if expected_paths is not None:
                candidates = [p for spelling in dict.fromkeys([*written, *_spellings(locale)])
                              for p in expected_paths(spelling)]
                if not any(p.is_file() for p in candidates):
                    missing.append((locale, relative(candidates[0])))
                continue
            others = [counterpart(task.real_path, found, allow_bare=False) for found in
                      [spellings[group][s] for s in written]]
            others = [o for o in others if o is not None]
            if others and all(o.path is None for o in others):
                missing.append((locale, relative(Path(others[0].expected))))
        if missing:
            out.append(replace(task, explicit=False, pairing=PairingPlan(missing=tuple(missing))))
    return out


# --- Stale translations (git) -------------------------------------------------------------------

def _mark_stale(tasks: list[FileTask]) -> list[FileTask]:
    """A translation whose source was committed after it (in git history) may be out of date."""
    pairs = [(i, t) for i, t in enumerate(tasks) if isinstance(t.pairing, PairingPlan) and t.pairing.source_real
             and t.real_path != "-"]
    if not pairs:
        return tasks
    files = {os.path.realpath(t.real_path) for _, t in pairs} | {os.path.realpath(t.pairing.source_real) for _, t in pairs}
    times = _commit_times(files)
    if not times:
        return tasks
    out = list(tasks)
    for i, task in pairs:
        target_time = times.get(os.path.realpath(task.real_path))
        source_time = times.get(os.path.realpath(task.pairing.source_real))
        if target_time is not None and source_time is not None and source_time > target_time:
            from datetime import datetime, timezone

            then = datetime.fromtimestamp(target_time, timezone.utc).strftime("%Y-%m-%d")
            if math.isinf(source_time):  # edited and not committed yet: no date to show (fromtimestamp overflows)
                stale = (f"its source {task.pairing.source_shown} has uncommitted changes, made after this "
                         f"translation ({then})")
            else:
                when = datetime.fromtimestamp(source_time, timezone.utc).strftime("%Y-%m-%d")
                stale = f"its source {task.pairing.source_shown} was changed on {when}, after this translation ({then})"
            out[i] = replace(task, pairing=replace(task.pairing, stale=stale))
    return out


def _commit_times(files: set[str]) -> dict[str, float]:
    """Last commit time of each file (absolute real paths), from one `git log`; {} without git.

    A file with uncommitted changes counts as changed now: a translation being updated is not stale.
    """
    folders = sorted({os.path.dirname(f) for f in files})
    top = os.path.commonpath(folders) if folders else ""
    try:
        root = subprocess.run([*SAFE_GIT, "-C", top, "rev-parse", "--show-toplevel"], capture_output=True, text=True,
                              timeout=30)
        if root.returncode != 0:
            return {}
        toplevel = os.path.realpath(root.stdout.strip())
        log = subprocess.run([*SAFE_GIT, "-C", toplevel, "log", "--no-ext-diff", "--no-textconv", "--format=%x01%ct", "--name-only", "--no-renames",
                              "-z", "--", os.path.relpath(top, toplevel)], capture_output=True, timeout=120)
        status = subprocess.run([*SAFE_GIT, "-C", toplevel, "status", "--porcelain", "-z", "--untracked-files=no", "--",
                                 os.path.relpath(top, toplevel)], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    times: dict[str, float] = {}
    current = None
    for chunk in log.stdout.decode("utf-8", "replace").split("\0"):
        for piece in chunk.split("\n"):
            if piece.startswith("\x01"):
                current = float(piece[1:])
            elif piece and current is not None:
                path = os.path.join(toplevel, piece)
                if path in files and path not in times:
                    times[path] = current
    for entry in status.stdout.decode("utf-8", "replace").split("\0"):
        if len(entry) > 3:
            path = os.path.join(toplevel, entry[3:])
            if path in times:
                times[path] = math.inf
    return times


# --- Block by block -----------------------------------------------------------------------------

def pair_document(task: FileTask, document: Document, load: Callable[[FileTask], Document | None]) -> Document:
    """Align a loaded translation with its source; `load` reads the source (problems become errors)."""
    plan_ = task.pairing if isinstance(task.pairing, PairingPlan) else PairingPlan(
        problem="cannot find the source of this translation (name it like help/de-DE/… or configure a content set)")
    pairing = Pairing(source_path=plan_.source_shown, expected_source=plan_.expected, stale=plan_.stale)
    document.pairing = pairing
    if plan_.problem:
        document.errors.append(InputError(task.path, plan_.problem))
        return document
    if plan_.source_real is None:
        return document
    source = load(FileTask(plan_.source_shown or plan_.source_real, plan_.source_real,
                           LoadHints(plan_.source_locale, plan_.source_locale, task.hints.content_type)))
    if source is None:
        return document
    if source.blocks is None:
        document.errors.append(InputError(plan_.source_shown or "", "the source is a bilingual file; "
                                          "it cannot be the source of a monolingual translation"))
        return document
    source_locale = source.target_locale or plan_.source_locale
    document.source_locale = source_locale
    pairing.aligned = align_blocks(source.blocks, document.blocks or [], document.target_locale)
    content_type = task.hints.content_type or guess_content_type(task.path, document.format)
    document.segments = list(segments_for(pairing.aligned, document.path, source_locale, document.target_locale,
                                          content_type))
    return document


def pair_bilingual(document: Document, hints: LoadHints) -> Document:
    """Align each locale of a file that holds several (formats/replies: a bilingual reply file) with
    its source locale: the file's `source_locale:`, else the run's, else English."""
    bilingual = document.unaligned
    wanted = bilingual.declared_source or hints.source_locale or Locale("en")
    found = bilingual.locales
    source = next((b for b in found if b.locale == wanted), None) or next(
        (b for b in found if same_locale(b.locale, wanted)), None)
    if source is None:
        raise LoadError(f"none of the locales ({', '.join(b.key for b in found)}) is the source locale {wanted}: add "
                        "`source_locale:` naming one of them", bilingual.line)
    document.source_locale = source.locale
    pairing = Pairing(source_path=document.path)
    content_type = hints.content_type or guess_content_type(document.path, "replies")
    if content_type == "ui" and bilingual.has_id:
        content_type = "reply"  # a file with an id is a reply, not a UI catalog
    for translation in found:
        if translation is source:
            continue
        if hints.target_locale is not None and not same_locale(translation.locale, hints.target_locale):
            continue
        aligned = align_blocks(source.blocks, translation.blocks, translation.locale)
        for pair in aligned:
            pair.locale = translation.locale
            if pair.anchor is None and pair.target is None:
                pair.anchor = translation.anchor
        pairing.aligned.extend(aligned)
        document.segments.extend(segments_for(aligned, document.path, source.locale, translation.locale, content_type))
    document.pairing = pairing
    document.unaligned = None
    return document


def segments_for(aligned: list[AlignedBlock], path: str, source_locale: Locale | None, target_locale: Locale | None,
                 content_type: str):
    """The segments the checks see: one per aligned pair of text blocks (per sentence in policies),
    and an untranslated one per keyed block the translation lacks."""
    for pair in aligned:
        source, target = pair.source, pair.target
        if source is None or source.kind not in TEXT_KINDS:
            continue

        def segment(key: str, source_text: str, target_text: str, text_map, *, state: str = "translated",
                    source_block: Block = source, target_block: Block | None = target,
                    source_span: tuple[int, int] = (0, 0), target_span: tuple[int, int] = (0, 0)) -> Segment:
            return Segment(
                key=key, source=source_text, target=target_text, source_locale=source_locale,
                target_locale=target_block.locale if target_block is not None and target_block.locale else target_locale,
                path=path, target_map=text_map, content_type=content_type, state=state,
                source_markup=_shift_markup(source_block.markup, source_span),
                target_markup=_shift_markup(target_block.markup, target_span) if target_block is not None else (),
                source_protected=_shift_spans(source_block.protected, source_span),
                target_protected=_shift_spans(target_block.protected, target_span) if target_block is not None else (),
                source_strong=_shift_spans(source_block.strong, source_span),
                target_strong=_shift_spans(target_block.strong, target_span) if target_block is not None else (),
                direction=target_block.direction if target_block is not None else None,
                pointer=(target_block or source_block).pointer,
                block_kind=source_block.kind,
            )

        key = source.key or source.text[:200]
        if target is None:
            continue  # a missing block or entry: reported by the structure and completeness checks
        if not target.text.strip():
            yield segment(key, source.text, target.text, target.text_map, state="untranslated")
            continue
        if content_type == "policy" and source.kind in ("paragraph", "list-item", "quote"):
            sentences = _sentence_pairs(source.text, target.text, source_locale, target_locale)
            if sentences:
                for (s0, s1), (t0, t1) in sentences:
                    yield segment(source.text[s0:s1][:200], source.text[s0:s1], target.text[t0:t1],
                                  target.text_map.slice(t0, t1) if isinstance(target.text_map, OffsetsMap) else target.text_map,
                                  source_span=(s0, s1), target_span=(t0, t1))
                continue
        yield segment(key, source.text, target.text, target.text_map, source_span=(0, len(source.text)),
                      target_span=(0, len(target.text)))


def _shift_spans(spans, span: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    start, end = span
    if start == 0 and end == 0:
        return tuple(spans)
    return tuple((a - start, b - start) for a, b in spans if a >= start and b <= end)


def _shift_markup(markup, span: tuple[int, int]):
    if markup is None:
        return None
    start, end = span
    if start == 0 and end == 0:
        return markup
    from l10n_qa.model import Markup

    return tuple(Markup(m.start - start, m.end - start, m.name, m.kind, m.ident, m.masks_content)
                 for m in markup if m.start >= start and m.end <= end)


# --- Alignment -----------------------------------------------------------------------------------

_PLURAL = re.compile(r"^(?P<base>.+)_(?:ordinal_)?(?P<category>zero|one|two|few|many|other)$")


@lru_cache(maxsize=64)
def _plural_categories(locale: Locale | None) -> frozenset[str] | None:
    if locale is None:
        return None
    try:
        from babel import Locale as BabelLocale

        # CLDR's rules name every category but `other`, which every language has.
        return frozenset(BabelLocale.parse(locale.tag.replace("-", "_")).plural_form.tags) | {"other"}
    except Exception:  # babel has no data for this locale: do not guess its plural forms
        return None


def align_blocks(source: list[Block], target: list[Block], target_locale: Locale | None = None) -> list[AlignedBlock]:
    keyed = _align_keyed([b for b in source if b.kind in KEYED_KINDS], [b for b in target if b.kind in KEYED_KINDS],
                         target_locale)
    structural = _align_structure([b for b in source if b.kind not in KEYED_KINDS],
                                  [b for b in target if b.kind not in KEYED_KINDS])
    aligned = keyed + structural
    _anchor(keyed, target)
    _anchor(structural, target)
    return aligned


def _align_keyed(source: list[Block], target: list[Block], target_locale: Locale | None) -> list[AlignedBlock]:
    by_key = {b.key: b for b in target}
    source_keys = {b.key: b for b in source}
    out: list[AlignedBlock] = []
    used: set[str] = set()
    plural_bases = {m["base"] for b in target if (m := _PLURAL.match(b.key))}
    categories = _plural_categories(target_locale)
    for block in source:
        partner = by_key.get(block.key)
        plural = _PLURAL.match(block.key)
        if partner is None and plural and plural["base"] in plural_bases:
            if categories is None or plural["category"] not in categories:
                continue  # a plural form this language does not have
        out.append(AlignedBlock(block, partner))
        if partner is not None:
            used.add(block.key)
    for block in target:
        if block.key in used:
            continue
        plural = _PLURAL.match(block.key)
        if plural and block.key not in source_keys:
            base = plural["base"]
            origin = source_keys.get(f"{base}_other") or source_keys.get(f"{base}_one")
            if origin is not None:  # a plural form the source language does not have (Arabic `few`)
                out.append(AlignedBlock(origin, block))
                continue
        out.append(AlignedBlock(None, block))
    return out


_DIGITS = re.compile(r"\d+")
_NAME = re.compile(r"\b[A-Za-z]*[A-Z0-9][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b|\{\{[^{}]+\}\}|\{[\w.]+\}")


def _features(block: Block) -> Counter:
    """What survives translation: numbers, link targets, code, placeholders, names like `iOS` or `GDPR`."""
    found: Counter = Counter()
    for number in _DIGITS.findall(block.text):
        found["#" + "".join(str(unicodedata.decimal(c, 0)) for c in number).lstrip("0")] += 1
    for ref in block.refs:
        found[ref.kind + ":" + (ref.value if ref.kind != "link" else re.sub(r"/[a-z]{2}(?:[-_][a-zA-Z]{2,4})?/", "/", ref.value))] += 1
    for name in _NAME.findall(block.text):
        found["=" + name] += 1
    return found


def _align_structure(source: list[Block], target: list[Block]) -> list[AlignedBlock]:
    if [b.kind for b in source] == [b.kind for b in target]:
        return [AlignedBlock(s, t) for s, t in zip(source, target)]
    n, m = len(source), len(target)
    pairs = _best_alignment(source, target) if n * m <= _FULL_ALIGNMENT_CELLS else _anchored_alignment(source, target)
    out: list[AlignedBlock] = []
    i = j = 0
    for a, b in pairs + [(n, m)]:
        while i < a:
            out.append(AlignedBlock(source[i], None))
            i += 1
        while j < b:
            out.append(AlignedBlock(None, target[j]))
            j += 1
        if a < n and b < m:
            out.append(AlignedBlock(source[a], target[b]))
            i, j = a + 1, b + 1
    return out


def _length_ratio(source: list[Block], target: list[Block]) -> float:
    """How much longer the translation runs than the source, overall (German ~1.2, Chinese ~0.4)."""
    return (sum(len(b.text) for b in target) + 1) / (sum(len(b.text) for b in source) + 1)


# The full alignment's table has n × m cells: past this, a long document is cut at anchors first.
_FULL_ALIGNMENT_CELLS = 1_000_000


def _anchored_alignment(source: list[Block], target: list[Block]) -> list[tuple[int, int]]:
    """Align a long document (a changelog of 2,000 list items) in pieces. Aligning it by block kind
    alone pairs every item after the first one the translation leaves out with the wrong source
    item, and each checker then compares unrelated texts. So first pair the blocks whose
    translation-proof features (numbers, code, links, names) are the same and in the same order,
    then align the stretches between those anchors fully, or by kind where one is still too long."""
    import difflib

    def signature(block: Block) -> tuple:
        features = _features(block)
        # A block without features (a bare "Bug fixes") is no anchor: give each its own signature.
        return (block.kind, tuple(sorted(features.items()))) if features else (id(block),)

    ratio = _length_ratio(source, target)
    matcher = difflib.SequenceMatcher(None, [signature(b) for b in source], [signature(b) for b in target],
                                      autojunk=False)
    anchors = [(i, j) for a, b, size in matcher.get_matching_blocks()
               for i, j in zip(range(a, a + size), range(b, b + size))]
    pairs: list[tuple[int, int]] = []
    start_i = start_j = 0
    for a, b in anchors + [(len(source), len(target))]:
        gap_source, gap_target = source[start_i:a], target[start_j:b]
        if gap_source and gap_target:
            if len(gap_source) * len(gap_target) <= _FULL_ALIGNMENT_CELLS:
                # Position and the length ratio count in the whole document: a short stretch's own,
                # with one block left out, would only mislead.
                inner = _best_alignment(gap_source, gap_target, (start_i, start_j, len(source), len(target), ratio))
            else:
                kinds = difflib.SequenceMatcher(None, [x.kind for x in gap_source], [x.kind for x in gap_target],
                                                autojunk=False)
                inner = [(i, j) for x, y, size in kinds.get_matching_blocks()
                         for i, j in zip(range(x, x + size), range(y, y + size))]
            pairs += [(start_i + i, start_j + j) for i, j in inner]
        if a < len(source) and b < len(target):
            pairs.append((a, b))
        start_i, start_j = a + 1, b + 1
    return pairs


def _best_alignment(source: list[Block], target: list[Block],
                    within: tuple[int, int, int, int, float] | None = None) -> list[tuple[int, int]]:
    """The order-keeping pairing of same-kind blocks that is most alike (Needleman–Wunsch without
    gap costs: every pair scores at least 1, so as many blocks as possible are paired, and what
    they share decides which ones). `within` = (first source index, first target index, source
    length, target length, length ratio) when the blocks are a stretch of longer documents."""
    n, m = len(source), len(target)
    first_i, first_j, whole_n, whole_m, ratio = within or (0, 0, n, m, _length_ratio(source, target))
    source_features = [_features(b) for b in source]
    target_features = [_features(b) for b in target]

    def score(i: int, j: int) -> float:
        s, t = source[i], target[j]
        if s.kind != t.kind:
            return -1.0
        a, b = source_features[i], target_features[j]
        union = sum((a | b).values())
        shared = sum((a & b).values()) / union if union else 0.0
        length = (len(t.text) + 1) / (len(s.text) + 1) / ratio
        shortest = min(len(s.text), len(t.text))
        # Length tells little about a few words ("One" / "Eins"), much about sentences.
        closeness = shortest / (shortest + 30) / (1 + abs(math.log(length)) * 2)
        level = 0.5 if s.level == t.level else 0.0
        # A block kept word for word (a component or product name) is most likely its own translation.
        if s.text.strip() == t.text.strip():
            level += 1.0
        # Blocks keep their place in the article: with nothing else to tell, pair by relative position.
        position = 0.5 * (1 - abs((first_i + i + 0.5) / whole_n - (first_j + j + 0.5) / whole_m))
        return 1.0 + 2 * shared + closeness + level + position

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        for j in range(1, m + 1):
            value = max(above[j], row[j - 1])
            pair = score(i - 1, j - 1)
            if pair > 0:
                value = max(value, above[j - 1] + pair)
            row[j] = value
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        pair = score(i - 1, j - 1)
        if pair > 0 and abs(best[i][j] - (best[i - 1][j - 1] + pair)) < 1e-9:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _anchor(aligned: list[AlignedBlock], target: list[Block]) -> None:
    """Place each missing block where the translation would have it: before the next paired block."""
    following = None
    for pair in reversed(aligned):
        if pair.target is not None:
            following = pair.target.text_map
        elif following is not None:
            pair.anchor = FixedPosition(*following.locate(0))
    previous = None
    for pair in aligned:
        if pair.target is not None:
            previous = pair.target
        elif pair.anchor is None:
            if previous is not None:
                pair.anchor = FixedPosition(*getattr(previous.text_map, "locate_end", previous.text_map.locate)(len(previous.text)))
            elif target:
                pair.anchor = FixedPosition(*target[0].text_map.locate(0))


# --- Sentences (policies) ------------------------------------------------------------------------

_PYSBD_LANGUAGES = frozenset({"en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl",
                              "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk"})


@lru_cache(maxsize=32)
def _segmenter(language: str):
    import pysbd

    return pysbd.Segmenter(language=language if language in _PYSBD_LANGUAGES else "en", clean=False, char_span=True)


# pysbd's abbreviation replacer re-scans the whole text once per abbreviation it finds, so its cost grows
# with the square of a text's length (D14: a 90 KB paragraph of Spanish "ab " took 50 s). A text longer
# than _SPLIT_ABOVE characters is first cut at sentence-final punctuation into pieces of about
# _PIECE_CHARS, and pysbd splits each piece: linear in the text, and no change for ordinary paragraphs.
_SPLIT_ABOVE = 1000
_PIECE_CHARS = 500
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+")
# Even linear, pysbd costs ~10 µs a character and several times that on abbreviation-dense text, so a
# run also has a time budget for sentence splitting (limits.sentence_split_seconds); once it is spent,
# paragraphs are paired whole, which only makes alignment coarser.
_split_seconds_spent = 0.0


def sentences(text: str, locale: Locale | None) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph (pysbd's rules for the language, English rules otherwise)."""
    global _split_seconds_spent
    if _split_seconds_spent >= limits.sentence_split_seconds():
        return [(0, len(text))]
    started = time.monotonic()
    try:
        return _split(text, locale.language if locale else "en", started)
    finally:
        _split_seconds_spent += time.monotonic() - started


def _split(text: str, language: str, started: float) -> list[tuple[int, int]]:
    if len(text) <= _SPLIT_ABOVE:
        return _pysbd_sentences(text, language)
    out = []
    for start, end in _pieces(text):
        piece = text[start:end]
        if len(piece) > _SPLIT_ABOVE:  # no sentence end for that long: one sentence, as pysbd would see it
            spans = [(len(piece) - len(piece.lstrip()), len(piece.rstrip()))]
        elif _split_seconds_spent + (time.monotonic() - started) >= limits.sentence_split_seconds():
            spans = [(0, len(piece))]  # budget spent within this text: the rest of it is one sentence
        else:
            spans = _pysbd_sentences(piece, language)
        out.extend((start + s, start + e) for s, e in spans if e > s)
    return out or [(0, len(text))]


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each cut after the first sentence end at or past
    _PIECE_CHARS characters (the whitespace between pieces belongs to neither)."""
    pieces = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() - start >= _PIECE_CHARS:
            pieces.append((start, match.start()))
            start = match.end()
    if start < len(text):
        pieces.append((start, len(text)))
    return pieces


def _pysbd_sentences(text: str, language: str) -> list[tuple[int, int]]:
    try:
        spans = [(s.start, s.end) for s in _segmenter(language).segment(text)]
    except Exception:  # pysbd fails on some inputs; a paragraph is then one sentence
        return [(0, len(text))]
    out = []
    for start, end in spans:
        if text[start:end].strip() == "" or start < (out[-1][1] if out else 0):
            return [(0, len(text))]
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        out.append((start + lead, start + len(piece.rstrip())))
    return out or [(0, len(text))]


def _sentence_pairs(source: str, target: str, source_locale: Locale | None, target_locale: Locale | None):
    """Sentence-by-sentence pairs when both sides split into the same number of sentences (>1)."""
    source_spans = sentences(source, source_locale)
    if len(source_spans) < 2:
        return None
    target_spans = sentences(target, target_locale)
    if len(target_spans) != len(source_spans):
        return None
    return list(zip(source_spans, target_spans))


def swept_run(paths: list[str]) -> bool:
    """A run that covers whole folders (or the config), where missing translations are worth reporting."""
    return not paths or any(os.path.isdir(p) for p in paths)


