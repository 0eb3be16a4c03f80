"""Options of the grammar (LanguageTool) and offline spelling (Hunspell) checks: read from the config's
`languagetool:` and `spelling:` sections, then combined with the command line (`resolve`).

Both checks are off unless asked for: a config section turns one on (`enabled: false` keeps its
settings but switches it off), `--grammar`/`--spelling` turn it on for one run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from l10n_qa.model import Locale

URL_ENV = "L10N_QA_LANGUAGETOOL_URL"
DEFAULT_CACHE_DIR = ".l10n_qa_cache"


@dataclass(frozen=True, slots=True)
class LanguageToolOptions:
    """How to reach LanguageTool and what to ask it. Picklable: worker processes get a copy."""

    url: str | None = None  # None: a local server managed by language-tool-python
    enabled: bool = True
    # An unreachable server is an error (exit code 2) instead of a notice.
    required: bool = False
    timeout: float = 20.0  # seconds for one request
    concurrency: int = 2  # requests in flight for the whole run
    batch_chars: int = 10_000  # characters of text per request (the server may allow fewer: see 413)
    # (scope, ids): scope is "*" or a locale tag that matches the target locale or one it falls back to.
    disabled_rules: tuple[tuple[str, tuple[str, ...]], ...] = ()
    disabled_categories: tuple[tuple[str, tuple[str, ...]], ...] = ()
    cache_dir: str | None = None  # None: no cache
    # Filled in once the server answered GET /v2/languages: (name, code, longCode) per language, and
    # what identifies the server in the cache (its URL; a local server's port changes every run).
    languages: tuple[tuple[str, str, str], ...] = ()
    server: str = ""

    def disabled_for(self, locale: Locale) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The LanguageTool rule ids and category ids switched off for texts in `locale`."""
        tags = {str(loc) for loc in locale.fallbacks}

        def collect(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
            ids: list[str] = []
            for scope, values in entries:
                if scope == "*" or scope in tags:
                    ids.extend(v for v in values if v not in ids)
            return tuple(ids)

        return collect(self.disabled_rules), collect(self.disabled_categories)


@dataclass(frozen=True, slots=True)
class SpellingOptions:
    enabled: bool = True
    dictionaries: tuple[tuple[str, str], ...] = ()  # (locale tag, path of a .dic file or its stem)
    paths: tuple[str, ...] = ()  # extra folders searched for <lang>_<REGION>.dic/.aff


Fail = Callable[[str, str], Exception]  # (key, message) → the ConfigError to raise


def _number(raw: dict, key: str, where: str, fail: Fail, default, kind, low):
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value < low:
        raise fail(f"{where}.{key}", f"expected a number of at least {low}, got {value!r}")
    try:
        converted = kind(value)
        if isinstance(converted, float) and converted == float("inf"):
            raise OverflowError
    except OverflowError:  # .inf for an int, or an integer too large for a float
        raise fail(f"{where}.{key}", f"expected a finite number of at least {low}, got one too large") from None
    return converted


def _ids_by_scope(raw, key: str, fail: Fail) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`[A, B]` (every locale) or `{"*": [A], de: [B], fr-CA: [C]}`."""
    if raw is None:
        return ()
    if isinstance(raw, list):
        raw = {"*": raw}
    if not isinstance(raw, dict):
        raise fail(key, "expected a list of ids, or a mapping of locale (or \"*\") to a list of ids")
    entries = []
    for scope, ids in raw.items():
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list) or not all(isinstance(i, str) and i.strip() for i in ids):
            raise fail(f"{key}.{scope}", "expected a list of LanguageTool ids, e.g. [WHITESPACE_RULE]")
        tag = str(scope)
        if tag != "*":
            try:
                tag = str(Locale.parse(tag))
            except ValueError:
                raise fail(f"{key}.{scope}", f"{scope!r} is not a locale tag (or \"*\" for every locale)") from None
        entries.append((tag, tuple(i.strip() for i in ids)))
    return tuple(entries)


def _section(raw, where: str, known: tuple[str, ...], example: str, fail: Fail) -> dict:
    """A config section's mapping (empty for a bare `section:`), its keys and `enabled` checked."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fail(where, f"expected a mapping such as {example}")
    for key in raw:
        if key not in known:
            raise fail(f"{where}.{key}", f"unknown key (known: {', '.join(known)})")
    if not isinstance(raw.get("enabled", True), bool):
        raise fail(f"{where}.enabled", f"expected true or false, got {raw['enabled']!r}")
    return raw


def parse_languagetool(raw, root: Path, fail: Fail) -> LanguageToolOptions:
    """The `languagetool:` config section (a mapping, or true/false)."""
    where = "languagetool"
    if isinstance(raw, bool):
        return LanguageToolOptions(enabled=raw)
    raw = _section(raw, where, ("enabled", "url", "required", "timeout", "concurrency", "batch_chars",
                                "disabled_rules", "disabled_categories"), "{url: http://localhost:8081}", fail)
    if not isinstance(raw.get("required", False), bool):
        raise fail(f"{where}.required", f"expected true or false, got {raw['required']!r}")
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not url.startswith(("http://", "https://"))):
        raise fail(f"{where}.url", f"expected an http:// or https:// URL, got {url!r}")
    return LanguageToolOptions(
        url=url,
        enabled=raw.get("enabled", True),
        required=raw.get("required", False),
        timeout=_number(raw, "timeout", where, fail, 20.0, float, 0.1),
        concurrency=_number(raw, "concurrency", where, fail, 2, int, 1),
        batch_chars=_number(raw, "batch_chars", where, fail, 10_000, int, 100),
        disabled_rules=_ids_by_scope(raw.get("disabled_rules"), f"{where}.disabled_rules", fail),
        disabled_categories=_ids_by_scope(raw.get("disabled_categories"), f"{where}.disabled_categories", fail),
    )


def parse_spelling(raw, root: Path, fail: Fail) -> SpellingOptions:
    """The `spelling:` config section (a mapping, or true/false). Paths are relative to the config."""
    where = "spelling"
    if isinstance(raw, bool):
        return SpellingOptions(enabled=raw)
    raw = _section(raw, where, ("enabled", "dictionaries", "paths"), "{dictionaries: {de-AT: dicts/de_AT.dic}}", fail)
    dictionaries = raw.get("dictionaries") or {}
    if not isinstance(dictionaries, dict):
        raise fail(f"{where}.dictionaries", "expected a mapping of locale to a Hunspell .dic file")
    chosen = []
    for tag, path in dictionaries.items():
        try:
            locale = Locale.parse(str(tag))
        except ValueError:
            raise fail(f"{where}.dictionaries.{tag}", f"{tag!r} is not a locale tag") from None
        if not isinstance(path, str):
            raise fail(f"{where}.dictionaries.{tag}", "expected the path of a .dic file (its .aff beside it)")
        chosen.append((str(locale), str(root / path)))
    paths = raw.get("paths") or []
    if isinstance(paths, str):
        paths = [paths]
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise fail(f"{where}.paths", "expected a list of folders")
    return SpellingOptions(enabled=raw.get("enabled", True), dictionaries=tuple(chosen),
                           paths=tuple(str(root / p) for p in paths))


def resolve(languagetool: LanguageToolOptions | None, spelling: SpellingOptions | None, *, root: Path,
            cache_dir: str | None, grammar_flag: bool | None, spelling_flag: bool | None, url_flag: str | None,
            use_cache: bool) -> tuple[LanguageToolOptions | None, SpellingOptions | None]:
    """What this run checks: config sections combined with the command line.

    `--grammar` (or `--languagetool-url`) makes LanguageTool required for the run, as the config's
    `required: true` does: asked for explicitly, a server that cannot be reached fails the run.
    """
    lt: LanguageToolOptions | None = None
    wanted = grammar_flag if grammar_flag is not None else (url_flag is not None or bool(languagetool and languagetool.enabled))
    if wanted:
        lt = languagetool or LanguageToolOptions()
        explicit = grammar_flag is True or url_flag is not None
        lt = replace(lt, enabled=True, url=url_flag or os.environ.get(URL_ENV) or lt.url,
                     required=lt.required or explicit,
                     cache_dir=(cache_dir or str(root / DEFAULT_CACHE_DIR)) if use_cache else None)
    spell: SpellingOptions | None = None
    if spelling_flag if spelling_flag is not None else bool(spelling and spelling.enabled):
        spell = spelling or SpellingOptions()
    return lt, spell
