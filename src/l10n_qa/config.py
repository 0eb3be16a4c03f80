"""Configuration: `l10n-qa.yaml` (or `[tool.l10n-qa]` in pyproject.toml), found by walking up.

Every problem is a `ConfigError` naming the file, the line and the key, so a typo in CI shows where
it is. Unknown keys are errors too (with a did-you-mean), because a silently ignored `selcet:`
would switch off nothing.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from l10n_qa.model import CONTENT_TYPES, Locale, Severity
from l10n_qa.services.options import LanguageToolOptions, SpellingOptions, parse_languagetool, parse_spelling

CONFIG_NAMES = ("l10n-qa.yaml", "l10n-qa.yml", ".l10n-qa.yaml", ".l10n-qa.yml")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    def __init__(self, path: str, message: str, line: int | None = None, key: str | None = None):
        self.path, self.line, self.key, self.message = path, line, key, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {f'{key}: ' if key else ''}{message}")


@dataclass(frozen=True, slots=True)
class ContentSet:
    name: str
    type: str
    target: str  # glob relative to the config's folder, with {locale}
    source: str | None = None


@dataclass(frozen=True, slots=True)
class SuppressEntry:
    """A `suppress:` entry: findings in `path` (a glob relative to the config's folder), below the
    JSON Pointer `pointer` if given, of `rules` (all when empty), hidden for `reason` until `until`."""

    path: str
    pointer: str | None
    rules: tuple[str, ...]
    reason: str
    until: str | None  # YYYY-MM-DD
    line: int | None


@dataclass(slots=True)
class Config:
    path: str | None = None  # None: no config file, defaults only
    root: Path = field(default_factory=Path.cwd)
    source_locale: Locale | None = None
    target_locales: tuple[Locale, ...] = ()
    content: tuple[ContentSet, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # rule id or category → error|warning|info|off
    fail_on: str = "error"
    glossaries: tuple[str, ...] = ()  # absolute paths of glossary files (YAML, TBX, CSV)
    legal: tuple[str, ...] | None = None  # legal pack files; None: every built-in pack
    accept: tuple[str, ...] = ()  # product names and terms spelling/grammar checks never report
    cache_dir: str | None = None
    languagetool: LanguageToolOptions | None = None  # None: no `languagetool:` section
    spelling: SpellingOptions | None = None
    enforced: tuple[str, ...] = ()  # rules or categories inline directives may not suppress
    suppress: tuple[SuppressEntry, ...] = ()
    baseline: str | None = None  # path relative to the config's folder
    lines: dict[str, int] = field(default_factory=dict)  # key path → line in the config file
    rule_packs: tuple[str, ...] | None = None  # rule-pack files; None: every built-in pack
    markets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # locale tag (lower case) → markets
    formality: dict[str, str] = field(default_factory=dict)  # locale tag (lower case) → formal | informal
    # Merged configs (`extends:`, nested folders): key path → the file that set it; every file merged,
    # base first. Empty for a single file: `path` set everything.
    key_files: dict[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    length: dict = field(default_factory=dict)  # content set name or content type → model.LengthLimit
    ui_catalogs: tuple[str, ...] | None = None  # absolute paths of UI catalogs; None: those the run checks


_KEYS = {
    "source_locale": "the locale of the source texts, e.g. en-US",
    "target_locales": "the locales translated into, e.g. [de-DE, fr-FR]",
    "content": "content sets: [{name, type, target, source}]",
    "exclude": "glob patterns of paths not to check",
    "select": "rules or categories to run (default: all)",
    "ignore": "rules or categories not to run",
    "severity": "severity overrides: {rule-or-category: error|warning|info|off}",
    "fail_on": "the lowest severity that fails the run: error, warning, info or never",
    "glossaries": "glossary files or folders (YAML, TBX, CSV; relative to this file) or built-in glossary names",
    "legal": "legal-term packs: built-in names (gdpr, lgpd, …), files or folders; false for none (default: all built-in)",
    "accept": "words and names spelled right in every locale (product names): never spelling/grammar findings",
    "cache_dir": "where answers of LanguageTool are cached (default .l10n_qa_cache beside the config)",
    "languagetool": "grammar checking with LanguageTool: {url, required, timeout, disabled_rules, …}",
    "spelling": "offline spelling with Hunspell: {dictionaries: {locale: path}, paths: [folder]}",
    "enforced": "rules or categories that inline `l10n-qa:` directives cannot suppress",
    "suppress": "findings to hide: [{path, pointer, rules, reason, until}]",
    "baseline": "the baseline file `check` applies and `baseline create|update|prune` write",
    "rule_packs": "rule packs to run: built-in names (culture, rtl, typography, formality) or YAML files (default: all built-in)",
    "markets": "markets each target locale is sold in besides its region: {en-GB: [AE, SA]}",
    "formality": "the register the brand uses per locale: {de: formal, fr: informal}",
    "extends": "config files (relative to this file) whose settings this one starts from",
    "root": "true: do not merge the configs of the folders above this one",
    "length": "length limits per content set name or content type: {ui: 40, sms: {max: 1, unit: sms}}",
    "ui_catalogs": "PO, XLIFF or i18next JSON UI catalogs (globs relative to this file) whose translations articles and replies must use for UI labels",
}
_CONTENT_KEYS = ("name", "type", "target", "source")
_SUPPRESS_KEYS = ("path", "pointer", "rules", "reason", "until")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The [tool.l10n-qa] table header with any spacing and quoting TOML allows: [ tool."l10n-qa" ].
_PYPROJECT_TABLE = re.compile(r"""^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*(?:l10n-qa|"l10n-qa"|'l10n-qa')[ \t]*\]""", re.M)


def find_config(start: Path) -> Path | None:
    """The nearest config walking up from `start`; a pyproject.toml counts only with [tool.l10n-qa]."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _PYPROJECT_TABLE.search(pyproject.read_text(errors="replace")):
            return pyproject
        if (folder / ".git").exists():
            break  # the repository root: a config above it belongs to something else
    return None


def find_config_for(paths: list[str] | tuple[str, ...], cwd: Path | None = None) -> Path | None:
    """The config for checking `paths`: the nearest one walking up from their common folder (so
    `l10n-qa check samples/` uses samples/l10n-qa.yaml), else the working directory's."""
    cwd = cwd or Path.cwd()
    existing = [Path(p) for p in paths if p != "-" and Path(p).exists()]
    if existing:
        folders = [str((p if p.is_dir() else p.parent).resolve()) for p in existing]
        found = find_config(Path(os.path.commonpath(folders)))
        if found is not None:
            return found
    return find_config(cwd)


def load_config(path: Path | None, display_path: str | None = None) -> Config:
    """The settings of one config file alone. A run merges what it `extends:` and the configs of the
    folders above it: config_layers.load_config."""
    if path is None:
        return Config()
    shown = display_path or str(path)
    raw, lines = read_config_file(path, shown)
    return _validate({k: v for k, v in raw.items() if k not in ("extends", "root")}, lines, shown,
                     path.parent.resolve())


def read_config_file(path: Path, shown: str) -> tuple[dict, dict[str, int]]:
    """One config file's raw mapping and the line of each key path, unvalidated."""
    from l10n_qa.safe_read import ReadRefused, read_regular_file

    try:
        text = read_regular_file(str(path)).decode("utf-8")
    except ReadRefused as exc:
        raise ConfigError(shown, exc.message) from None
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or a NUL byte in the path
        raise ConfigError(shown, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if path.name == "pyproject.toml":
        return _read_pyproject(text, shown)
    return _read_yaml(text, shown)


def validate(raw: dict, lines: dict[str, int], shown: str, root: Path) -> Config:
    """One config file's settings (its relative paths resolved against `root`, its folder)."""
    return _validate(raw, lines, shown, root)


def _read_yaml(text: str, shown: str) -> tuple[dict, dict[str, int]]:
    from l10n_qa import safe_yaml  # only when there is a YAML config: it costs start-up time

    try:
        # Bounded: nesting and alias expansion are limited, so _collect_lines below stays small too.
        node, raw = safe_yaml.load_plain(text)
    except safe_yaml.YAMLError as exc:  # also a value YAML reads as a date that is none, e.g. 2027-02-30
        raise ConfigError(shown, exc.message, exc.line) from None
    if raw is None:
        return {}, {}
    if not isinstance(raw, dict):
        raise ConfigError(shown, "the config must be a mapping of keys to values", 1)
    lines: dict[str, int] = {}
    _collect_lines(node, "", lines)
    return raw, lines


def _collect_lines(node, prefix: str, lines: dict[str, int]) -> None:
    """Key path ('content[0].type') → 1-based line, from the composed YAML node tree."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[path] = key_node.start_mark.line + 1
            _collect_lines(value_node, path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            path = f"{prefix}[{i}]"
            lines[path] = item.start_mark.line + 1
            _collect_lines(item, path, lines)


def _read_pyproject(text: str, shown: str) -> tuple[dict, dict[str, int]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(shown, f"invalid TOML: {exc}", int(line.group(1)) if line else None) from None
    except RecursionError:  # tomllib recurses once per nested array
        raise ConfigError(shown, "invalid TOML: nested too deep to read") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(shown, "`tool` must be a table ([tool.l10n-qa])", None, "tool")
    raw = tool.get("l10n-qa", {})
    if not isinstance(raw, dict):
        raise ConfigError(shown, "[tool.l10n-qa] must be a table of keys and values", None, "tool.l10n-qa")
    # tomllib keeps no positions: find each top-level key's line inside the table by its name.
    lines: dict[str, int] = {}
    in_table = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = bool(_PYPROJECT_TABLE.match(stripped)) or stripped.startswith("[tool.l10n-qa.")
            if in_table:
                lines.setdefault("", number)
            continue
        match = re.match(r"([\w-]+)\s*=", stripped)
        if in_table and match:
            lines.setdefault(match.group(1), number)
    return raw, lines


def _validate(raw: dict, lines: dict[str, int], shown: str, root: Path) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        top = key.split(".")[0].split("[")[0]
        return ConfigError(shown, message, lines.get(key) or lines.get(top) or lines.get(""), key)

    for key in raw:
        if key not in _KEYS:
            close = difflib.get_close_matches(str(key), _KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(_KEYS)})"
            raise fail(str(key), f"unknown key{hint}")
    config = Config(path=shown, root=root)
    _refuse_unusable_paths(raw, fail)

    def locale(key: str, value) -> Locale:
        if not isinstance(value, str):
            raise fail(key, f"expected a locale tag such as de-DE, got {value!r}")
        try:
            return Locale.parse(value)
        except ValueError:
            raise fail(key, f"{value!r} is not a locale tag (expected e.g. de-DE)") from None

    def string_list(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "expected a list of strings")
        return tuple(value)

    if "source_locale" in raw:
        config.source_locale = locale("source_locale", raw["source_locale"])
    targets = raw.get("target_locales", [])
    if not isinstance(targets, list):
        raise fail("target_locales", "expected a list of locale tags")
    config.target_locales = tuple(locale(f"target_locales[{i}]", v) for i, v in enumerate(targets))

    sets = []
    for i, (key, item) in enumerate(_mappings(raw.get("content", []), "content", _CONTENT_KEYS, fail,
                                              "a list of content sets",
                                              "a mapping with name, type, target (and optionally source)")):
        if not isinstance(item.get("target"), str):
            raise fail(key, "a content set needs a `target` path pattern, e.g. locale/{locale}/LC_MESSAGES/*.po")
        kind = item.get("type", "ui")
        if kind not in CONTENT_TYPES:
            raise fail(f"{key}.type", f"unknown content type {kind!r} (expected one of {', '.join(CONTENT_TYPES)})")
        source = item.get("source")
        if source is not None and not isinstance(source, str):
            raise fail(f"{key}.source", "expected a path pattern")
        sets.append(ContentSet(str(item.get("name", f"content{i + 1}")), kind, item["target"], source))
    config.content = tuple(sets)

    config.exclude = string_list("exclude")
    if any(not pattern.strip() for pattern in config.exclude):  # it would match every path (D75)
        raise fail("exclude", "an empty pattern would exclude every file: remove it (a templated value left empty?)")
    config.select = string_list("select")
    config.ignore = string_list("ignore")
    severity = raw.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "expected a mapping of rule or category to error, warning, info or off")
    for rule, level in severity.items():
        if level is False:  # YAML 1.1 reads a bare `off` as false
            level = "off"
        if not isinstance(level, str) or level.lower() not in ("error", "warning", "info", "off"):
            raise fail(f"severity.{rule}", f"expected error, warning, info or off, got {level!r}")
        config.severity[str(rule)] = level.lower()
    fail_on = raw.get("fail_on", "error")
    if fail_on not in FAIL_ON:
        raise fail("fail_on", f"expected one of {', '.join(FAIL_ON)}, got {fail_on!r}")
    config.fail_on = fail_on
    config.glossaries = _glossaries(raw.get("glossaries", []), root, fail)
    if "legal" in raw:
        config.legal = _legal(raw["legal"], root, fail)
    config.accept = tuple(t.strip() for t in string_list("accept") if t.strip())
    cache_dir = raw.get("cache_dir")
    if cache_dir is not None and not isinstance(cache_dir, str):
        raise fail("cache_dir", "expected a folder path")
    config.cache_dir = str(root / cache_dir) if cache_dir else None
    if "languagetool" in raw:
        config.languagetool = parse_languagetool(raw["languagetool"], root, fail)
    if "spelling" in raw:
        config.spelling = parse_spelling(raw["spelling"], root, fail)
    config.enforced = string_list("enforced")
    config.suppress = tuple(_suppress_entries(raw.get("suppress", []), lines, fail))
    baseline = raw.get("baseline")
    if baseline is not None and (not isinstance(baseline, str) or not baseline.strip()):
        raise fail("baseline", "expected the path of a baseline file, e.g. l10n-qa-baseline.json")
    config.baseline = baseline
    from l10n_qa.packs.pack_config import parse_formality, parse_markets, parse_rule_packs
    from l10n_qa.packs.rulepack import RulePackError

    if "rule_packs" in raw:
        try:
            config.rule_packs = parse_rule_packs(raw["rule_packs"], root, fail)
        except RulePackError as exc:  # a broken pack file: its own line, not the config's
            raise ConfigError(exc.path, exc.message, exc.line) from None
    config.markets = parse_markets(raw.get("markets", {}), fail)
    config.formality = parse_formality(raw.get("formality", {}), fail)
    config.length = _length_limits(raw.get("length", {}), {s.name for s in sets}, fail)
    if "ui_catalogs" in raw:
        config.ui_catalogs = _ui_catalogs(raw["ui_catalogs"], root, fail)
    config.lines = lines
    return config


# The keys whose strings are file or folder paths (built-in names are plain words, always usable).
_PATH_KEYS = ("glossaries", "legal", "rule_packs", "baseline", "cache_dir")


def _refuse_unusable_paths(raw: dict, fail) -> None:
    """A path the OS cannot even look up (a NUL byte, a name over 255 bytes) is a config error at its key,
    not an OSError from deep inside resolving it."""
    from l10n_qa.safe_read import unusable_path_reason

    for key in _PATH_KEYS:
        value = raw.get(key)
        items = [(key, value)] if isinstance(value, str) else (
            [(f"{key}[{i}]", v) for i, v in enumerate(value)] if isinstance(value, list) else [])
        for where, text in items:
            reason = unusable_path_reason(text) if isinstance(text, str) else None
            if reason:
                raise fail(where, f"the path {reason}")


def _glossaries(value, root: Path, fail) -> tuple[str, ...]:
    from l10n_qa.packs import builtin

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail("glossaries", "expected a list of glossary files or built-in glossary names")
    paths = []
    for index, reference in enumerate(value):
        found = builtin.resolve_glossary(reference.strip(), root)
        if found is None:
            known = ", ".join(builtin.names("glossaries")) or "none"
            raise fail(f"glossaries[{index}]", f"no such file or folder {reference!r} (relative to the config's folder), "
                                               f"nor a built-in glossary (built-in: {known})")
        paths += [str(path) for path in found]
    return tuple(dict.fromkeys(paths))


def _ui_catalogs(value, root: Path, fail) -> tuple[str, ...]:
    """`ui_catalogs: [widget/locale/*/LC_MESSAGES/*.po]`: glob patterns relative to the config's folder;
    a pattern that matches no file is a mistake worth stopping for (a moved folder, a typo)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail("ui_catalogs", "expected a list of PO/XLIFF files or glob patterns, e.g. [widget/locale/*/LC_MESSAGES/*.po]")
    paths = []
    for index, pattern in enumerate(value):
        pattern = pattern.strip()
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise fail(f"ui_catalogs[{index}]", f"{pattern!r}: give a path relative to the config's folder, inside it")
        found = sorted(str(p) for p in root.glob(pattern) if p.is_file())
        if not found:
            raise fail(f"ui_catalogs[{index}]", f"{pattern!r} matches no file (relative to the config's folder)")
        paths += found
    return tuple(dict.fromkeys(paths))


def _legal(value, root: Path, fail) -> tuple[str, ...]:
    """`legal: false` (none), `legal: [gdpr, contracts/terms.yaml]` (built-in names, files, folders)."""
    from l10n_qa.packs import legal

    if value is False or value is None:
        return ()
    if value is True:
        return tuple(legal.builtin_paths())
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail("legal", "expected false, or a list of built-in legal packs, files or folders")
    paths = []
    for index, reference in enumerate(value):
        found = legal.resolve(reference.strip(), root)
        if found is None:
            known = ", ".join(legal.builtin_names()) or "none"
            raise fail(f"legal[{index}]", f"no such file or folder {reference!r} (relative to the config's folder), "
                                          f"nor a built-in legal pack (built-in: {known})")
        paths += found
    for path in dict.fromkeys(paths):  # a pack that cannot be used stops the run here, with its file and line
        try:
            legal.load_pack(path)
        except legal.GlossaryError as exc:
            raise ConfigError(exc.path, exc.message, exc.line) from None
    return tuple(dict.fromkeys(paths))


def _length_limits(value, set_names: set[str], fail) -> dict:
    """`length:` → {content set name or content type: LengthLimit}; a key that names neither is an error."""
    from l10n_qa.measure import parse_limit

    if not isinstance(value, dict):
        raise fail("length", "expected a mapping of content set name or content type to a limit, e.g. {ui: 40}")
    limits = {}
    for name, spec in value.items():
        if name not in set_names and name not in CONTENT_TYPES:
            raise fail(f"length.{name}", f"{name!r} is neither a content set name nor a content type "
                       f"({', '.join(CONTENT_TYPES)})")
        try:
            limits[str(name)] = parse_limit(spec, f"config length.{name}")
        except ValueError as exc:
            raise fail(f"length.{name}", str(exc)) from None
    return limits


def _mappings(value, name: str, known_keys, fail, expected_list: str, expected_item: str):
    """(`name[i]`, item) for each mapping of a config list such as `content` or `suppress`, each key
    of each item checked against `known_keys`."""
    if not isinstance(value, list):
        raise fail(name, f"expected {expected_list}")
    for i, item in enumerate(value):
        key = f"{name}[{i}]"
        if not isinstance(item, dict):
            raise fail(key, f"expected {expected_item}")
        for sub in item:
            if sub not in known_keys:
                raise fail(f"{key}.{sub}", f"unknown key (known: {', '.join(known_keys)})")
        yield key, item


def _suppress_entries(value, lines: dict[str, int], fail) -> list[SuppressEntry]:
    entries = []
    for key, item in _mappings(value, "suppress", _SUPPRESS_KEYS, fail, "a list of {path, pointer, rules, reason, until}",
                               "a mapping with path, rules, reason (and optionally pointer, until)"):
        path = item.get("path")
        if not isinstance(path, str) or not path:
            raise fail(key, "needs a `path`: the files it applies to, e.g. replies/*.json")
        pointer = item.get("pointer")
        if pointer is not None and (not isinstance(pointer, str) or (pointer and not pointer.startswith("/"))):
            raise fail(f"{key}.pointer", f"expected a JSON Pointer such as /refund/body, got {pointer!r}")
        rules = item.get("rules", [])
        if isinstance(rules, str):
            rules = [rules]
        if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
            raise fail(f"{key}.rules", "expected the rule ids or categories it hides, e.g. [legal.term]")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise fail(key, "needs a `reason`: why these findings are acceptable")
        until = item.get("until")
        if until is not None:
            until = str(until)  # YAML reads an unquoted 2027-01-31 as a date
            try:
                if not _DATE.fullmatch(until):
                    raise ValueError
                date.fromisoformat(until)
            except ValueError:
                raise fail(f"{key}.until", f"expected a date like 2027-01-31, got {until!r}") from None
        entries.append(SuppressEntry(path, pointer, tuple(rules), reason.strip(), until,
                                     lines.get(key) or lines.get("suppress")))
    return entries


def severity_threshold(fail_on: str) -> Severity | None:
    return None if fail_on == "never" else Severity.parse(fail_on)


def relative(path: Path) -> str:
    """A path as reports show it: relative to the working directory when it is below it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
