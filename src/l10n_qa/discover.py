"""Discovery: command-line paths and config content sets → the files to check, with their hints.

Each file gets what is known of it before it is read: its format (by extension; sniffed later
otherwise), its target locale (from the content set's `{locale}` or the path), its content type.
"""

from __future__ import annotations

import glob
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from l10n_qa.config import CONFIG_NAMES, Config, ConfigError, ContentSet, relative
from l10n_qa.formats import EXTENSIONS, LoadHints
from l10n_qa.model import InputError, Locale, locale_code

# Folders that hold no content of the project's own: VCS data, build output, installed packages.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
    "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache", "_build", "target",
})
# Why a walk left a file out, as the summary says it.
SKIPPED_UNKNOWN = "of unknown format"
SKIPPED_EXCLUDED = "excluded by the config"
SKIPPED_NOT_LOCALIZED = "with no locale in the path (not translations)"
SKIPPED_NO_SOURCE = "whose locale-like path part has no source beside it (not translations)"
# Extensions read when walking a folder: the known formats, plus .xml, which may be XLIFF (sniffed).
_WALK_EXTENSIONS = frozenset(EXTENSIONS) | {".xml"}


@dataclass(frozen=True, slots=True)
class FileTask:
    path: str  # as reports show it
    real_path: str  # what to open; "-" is standard input
    hints: LoadHints
    # Named by the user (a path argument or content set), not met while walking a folder: a walked
    # .xml file that is not XLIFF is someone else's XML, a named one is a mistake worth reporting.
    explicit: bool = True
    pairing: object | None = None  # l10n_qa.pairing.PairingPlan: a monolingual file's source, set by pairing.plan


def locale_from_path(path: str) -> Locale | None:
    """`macros.de-DE.xlf`, `de_DE.po`, `locale/de/LC_MESSAGES/django.po`, `help/en-us/x.md` → the locale.

    The file name is read first, then folders from the nearest up; a part counts only when its
    language subtag is a real language code, so `js/` or `hc/` are not taken for locales.
    """
    slot = locale_slot(path)
    return slot[2] if slot else None


def locale_slot(path: str) -> tuple[str, int, Locale] | None:
    """Where the locale sits in a path: ("name", index among the file name's dot-separated parts,
    locale) or ("folder", index among the path's parts, locale); see `locale_from_path`."""
    pure = Path(path)
    name_parts = pure.name.split(".")[:-1] if "." in pure.name else [pure.name]
    candidates = [("name", i, name_parts[i]) for i in reversed(range(len(name_parts)))]
    candidates += [("folder", i, pure.parts[i]) for i in reversed(range(len(pure.parts) - 1))]
    for where, index, part in candidates:
        locale = locale_code(part)
        if locale is not None:
            return where, index, locale
    return None


# A path pattern gets this long to match one path. Globs become backtracking expressions, and one
# with many `**` and text between them (`**a**a**a…b`) is exponential in the path's length (D67);
# runs of wildcards are collapsed first (`*****` is `*`), and what is still slow is a config error.
GLOB_TIMEOUT = 0.5


class GlobTooSlow(ConfigError):
    pass


class GlobPattern:
    """A compiled path glob whose `match` is time-limited (GLOB_TIMEOUT); otherwise a regex pattern."""

    __slots__ = ("glob", "compiled")

    def __init__(self, glob_text: str, compiled: regex.Pattern):
        self.glob = glob_text
        self.compiled = compiled

    @property
    def groupindex(self):
        return self.compiled.groupindex

    def match(self, key: str):
        try:
            return self.compiled.match(key, timeout=GLOB_TIMEOUT)
        except TimeoutError:
            raise GlobTooSlow(f"the path pattern {self.glob!r} took more than {GLOB_TIMEOUT:g} s to match the path "
                              f"{key!r}: several `**` with text between them backtrack without end; use fewer "
                              "(e.g. `**/name/**`)") from None


def collapse_wildcards(pattern: str) -> str:
    """The same glob with runs of wildcards merged: `***` and `**/**` are `**`, `**` is `*`."""
    out = _WILDCARD_RUN.sub(lambda m: "**" if "**" in m.group(0) else "*", pattern)
    return out.replace("**/**", "**") if "**/**" in out else out


_WILDCARD_RUN = re.compile(r"\*{2,}")


def glob_to_regex(pattern: str, capture_wildcards: bool = False) -> GlobPattern:
    """A path glob with `**` (any folders), `*`, `?` and `{locale}` as a time-limited regex.

    `{locale}` is the named group `locale`; with `capture_wildcards`, each wildcard is a numbered
    group instead and `{locale}` is not captured, so the wildcards of a source path can be put into
    its target pattern.
    """
    shown = pattern
    pattern = collapse_wildcards(pattern)
    group = "({})" if capture_wildcards else "(?:{})"
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(group.format("(?:.*/)?"))
            i += 3
        elif pattern.startswith("**", i):
            out.append(group.format(".*"))
            i += 2
        elif pattern.startswith("{locale}", i):
            out.append("(?:[^/]+)" if capture_wildcards else "(?P<locale>[^/]+)")
            i += len("{locale}")
        elif pattern[i] == "*":
            out.append(group.format("[^/]*"))
            i += 1
        elif pattern[i] == "?":
            out.append(group.format("[^/]"))
            i += 1
        else:
            out.append(regex.escape(pattern[i]))
            i += 1
    return GlobPattern(shown, regex.compile("".join(out) + "$"))


def _is_its_own_path(task: FileTask, real: str) -> bool:
    return os.path.abspath(task.real_path) == real


class Discovery:
    def __init__(self, config: Config, stdin_filename: str | None = None):
        self.config = config
        self.stdin_filename = stdin_filename
        self._root = os.path.abspath(config.root)
        self._sets = [(s, glob_to_regex(s.target)) for s in config.content]
        self._excludes = [glob_to_regex(p if "/" in p or p.startswith("**") else "**/" + p) for p in config.exclude]
        # Files a folder walk met and left out, by why (`skip_notices` says them in the summary); the
        # pairing stage adds the walked files that turn out not to be translations.
        self.skipped: Counter[str] = Counter()
        self.unknown_extensions: Counter[str] = Counter()

    def _key(self, path: Path) -> str:
        """The path relative to the config's folder, with forward slashes, for pattern matching."""
        absolute = os.path.abspath(path)  # no resolve(): one system call per path part adds up
        relative_path = os.path.relpath(absolute, self._root)
        if relative_path.startswith(".."):
            return Path(absolute).as_posix()
        return Path(relative_path).as_posix()

    def excluded(self, path: Path) -> bool:
        key = self._key(path)
        # A folder pattern such as build/** must also exclude the folder itself while walking.
        return any(rx.match(key) or rx.match(key + "/") for rx in self._excludes)

    def content_set_for(self, path: Path) -> ContentSet | None:
        key = self._key(path)
        return next((content_set for content_set, rx in self._sets if rx.match(key)), None)

    def hints_for(self, path: Path) -> LoadHints:
        key = self._key(path)
        for content_set, rx in self._sets:
            match = rx.match(key)
            if match:
                locale = None
                if "locale" in rx.groupindex:
                    try:
                        locale = Locale.parse(match.group("locale"))
                    except ValueError:
                        locale = None
                return LoadHints(self.config.source_locale, locale or locale_from_path(key), content_set.type,
                                 content_set.name)
        return LoadHints(self.config.source_locale, locale_from_path(key), None)

    def task(self, path: Path, explicit: bool = True) -> FileTask:
        return FileTask(relative(path), str(path), self.hints_for(path), explicit)

    def discover(self, paths: list[str]) -> tuple[list[FileTask], list[InputError]]:
        tasks: list[FileTask] = []
        errors: list[InputError] = []
        if not paths:
            if self.config.content:
                for content_set in self.config.content:
                    tasks.extend(self._expand(content_set))
                if not tasks:
                    errors.append(InputError(self.config.path or ".", "the config's content sets match no files"))
            else:
                tasks.extend(self._walk(Path.cwd()))
        for raw in paths:
            if raw == "-":
                shown = self.stdin_filename or "<stdin>"
                tasks.append(FileTask(shown, "-", self.hints_for(Path(shown))))
                continue
            path = Path(raw)
            if path.is_dir():
                tasks.extend(self._walk(path))
            elif path.is_file():
                tasks.append(self.task(path))
            else:
                errors.append(InputError(raw, "no such file or directory"))
        # One task per real file. When a link and the file itself are both met, the file's own path
        # wins wherever it comes in the walk: its name says its format and locale, and a link named
        # a.json to a .po file would otherwise be misread and the catalog silently dropped.
        index_of_real: dict[str, int] = {}
        unique: list[FileTask] = []
        for task in tasks:
            real = os.path.realpath(task.real_path) if task.real_path != "-" else "-"
            index = index_of_real.get(real)
            if index is None:
                index_of_real[real] = len(unique)
                unique.append(task)
            elif _is_its_own_path(task, real) and not _is_its_own_path(unique[index], real):
                unique[index] = task
        return unique, errors

    def _expand(self, content_set: ContentSet) -> list[FileTask]:
        root = self.config.root
        if self.config.target_locales and "{locale}" in content_set.target:
            patterns = []
            for loc in self.config.target_locales:
                # Folders spell locales de-DE, de_DE or de: try each spelling.
                for spelling in {loc.tag, loc.tag.replace("-", "_"), loc.tag.lower(), loc.language}:
                    patterns.append(content_set.target.replace("{locale}", spelling))
        else:
            patterns = [content_set.target.replace("{locale}", "*")]
        found = set()
        for pattern in patterns:
            for match in glob.glob(str(root / pattern), recursive=True):
                path = Path(match)
                if path.is_file() and not self.excluded(path):
                    found.add(path)
        return [self.task(p) for p in sorted(found)]

    def _walk(self, top: Path) -> list[FileTask]:
        found = []
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
                             and not self.excluded(Path(folder) / d))
            for name in sorted(files):
                path = Path(folder) / name
                extension = os.path.splitext(name)[1].lower()
                # A config (nested ones sit among the content, config_layers.py) is never content.
                if name in CONFIG_NAMES:
                    continue
                if extension not in _WALK_EXTENSIONS:
                    if not name.startswith(".") and not self.excluded(path):
                        self.skipped[SKIPPED_UNKNOWN] += 1
                        self.unknown_extensions[extension or name] += 1
                elif self.excluded(path):
                    self.skipped[SKIPPED_EXCLUDED] += 1
                else:
                    found.append(self.task(path, explicit=False))
        return found

    def skip_notices(self) -> list[str]:
        """The summary's account of what the walk left out: "3 files of unknown format skipped (.rst, .txt)"."""
        notices = []
        for reason, count in sorted(self.skipped.items()):
            line = f"{count} file{'s' if count != 1 else ''} {reason} skipped"
            if reason == SKIPPED_UNKNOWN:
                shown = sorted(self.unknown_extensions, key=lambda ext: (-self.unknown_extensions[ext], ext))[:5]
                more = ", …" if len(self.unknown_extensions) > len(shown) else ""
                line += f" ({', '.join(shown)}{more})"
            notices.append(line)
        return notices
