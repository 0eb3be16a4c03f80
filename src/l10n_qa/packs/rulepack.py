"""Rule packs: checks written as data (YAML), for culture, typography, legal wording (design §4).

A pack file has an id, a description, a scope and rules (the format is documented in
docs/rule-packs.md). Each rule compiles into the engine's primitives (packs.rules): `forbid` and
`prefer` into a `Forbid`, `pair` (a target pattern wrong only where the source says something) into
a `Forbid` with a `Concept`, `require` into a `Require`; `characters` rules are regular expressions
over the raw target text (script punctuation, letters of the wrong alphabet), which word matching
cannot express.

This module is generic: it knows nothing about culture or law. Packs add rules to the registry
(`l10n-qa rules`, `explain`) through `rule_metadata`, and `PackSet.evaluate` finds their
violations in one segment pair; checks/rulepacks.py turns those into findings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from l10n_qa import user_regex
from l10n_qa.model import CATEGORIES, CONTENT_TYPES, Locale, Rule, Severity
from l10n_qa.packs import builtin
from l10n_qa.packs.copied_text import in_copied_text
from l10n_qa.packs.loading import file_stamps
from l10n_qa.packs.matcher import Pattern, PatternError
from l10n_qa.packs.rules import Concept, Forbid, Origin, Require, RuleSet, Scope
from l10n_qa.packs.text import language_of
from l10n_qa.safe_yaml import DataFileError, LocatedDict, LocatedList, YAMLError, load, read_data_file

KINDS = ("forbid", "prefer", "pair", "require", "characters")
REGISTERS = ("formal", "informal")
_PACK_KEYS = ("pack", "description", "scope", "rules")
_SCOPE_KEYS = ("languages", "markets", "content_types", "register", "not_languages", "not_markets")
_RULE_KEYS = ("id", "kind", "severity", "summary", "message", "rationale", "suggestion", "patterns", "source",
              "target", "unless", "regex", "case_sensitive", "inflect", "scope", "example")
_EXAMPLE_KEYS = ("source", "bad", "good")
_RULE_ID = regex.compile(r"^[a-z]+\.[a-z0-9][a-z0-9-]*$")


class RulePackError(ValueError):
    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.message, self.line = path, message, line


@dataclass(frozen=True, slots=True)
class PackScope:
    """Where a pack or rule applies: target languages or locales, markets (region subtags), content
    types, and the register (formal/informal) the user configured for the target locale."""

    scope: Scope = Scope()
    register: str | None = None
    not_locales: frozenset[str] = frozenset()  # lower-case tags or languages left out
    not_markets: frozenset[str] = frozenset()

    def applies(self, locale: Locale | None, markets: tuple[str, ...], register: str | None,
                content_type: str | None) -> bool:
        if self.register is not None and register != self.register:
            return False
        if self.not_markets and any(m in self.not_markets for m in markets):
            return False
        if self.not_locales and locale is not None and any(f.tag.lower() in self.not_locales for f in locale.fallbacks):
            return False
        if not self.scope.allows(content_type):
            return False
        if not self.scope.regions:
            return self.scope.applies(locale)
        return any(self.scope.applies(locale, market) for market in markets)


@dataclass(frozen=True, eq=False, slots=True)
class PackRule:
    id: str
    kind: str
    severity: Severity
    summary: str
    message: str
    rationale: str
    suggestion: str
    scope: PackScope
    origin: Origin
    patterns: tuple[Pattern, ...] = ()  # target patterns (forbid, prefer, pair; require: accepted forms)
    source: tuple[Pattern, ...] = ()  # pair, require: what the source must say for the rule to apply
    unless: tuple[Pattern, ...] = ()  # pair, require: source phrases where the words mean something else
    characters: regex.Pattern | None = None
    example: tuple[str, str, str] | None = None

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(slots=True)
class RulePack:
    id: str
    description: str
    path: str  # as shown to the user
    scope: PackScope
    rules: list[PackRule]


@dataclass(frozen=True, slots=True)
class Hit:
    """A pack rule broken in one target: the span in the target (None: something missing) and what
    was found (the target's words, or the source's words for a missing required form)."""

    rule: PackRule
    start: int | None
    end: int | None
    text: str


# --- reading ---------------------------------------------------------------------------------------

def display_path(path: str | Path) -> str:
    path = Path(path)
    folder = builtin.data_dir("rules")
    if folder is not None and path.resolve().parent == folder.resolve():
        return f"built-in:{path.name}"
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if shown.startswith(".." + os.sep + "..") else shown


def builtin_packs() -> list[Path]:
    folder = builtin.data_dir("rules")
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def resolve(reference: str, base: Path) -> list[Path] | None:
    """The pack files a reference names: a file or folder (relative to `base`) or a built-in pack's
    name ("culture"). None when nothing matches."""
    candidate = Path(reference).expanduser()
    if not candidate.is_absolute():
        candidate = base / candidate
    if candidate.is_file():
        return [candidate.resolve()]
    if candidate.is_dir():
        return sorted(p.resolve() for p in candidate.iterdir() if p.suffix in (".yaml", ".yml"))
    if "/" in reference or "\\" in reference:
        return None
    return [p for p in builtin_packs() if p.stem == reference] or None


def load_pack(path: str | Path, shown: str | None = None) -> RulePack:
    shown = shown or display_path(path)
    try:
        text = read_data_file(path, "pack")
    except DataFileError as exc:
        raise RulePackError(shown, exc.message) from None
    return parse_pack(text, shown)


def parse_pack(text: str, shown: str) -> RulePack:
    try:
        raw = load(text)
    except YAMLError as exc:
        raise RulePackError(shown, exc.message, exc.line) from None
    if not isinstance(raw, LocatedDict):
        raise RulePackError(shown, "a rule pack is a mapping with `pack`, `description`, `scope` and `rules`", 1)
    _known_keys(raw, _PACK_KEYS, shown, "")
    pack_id = raw.get("pack")
    if not isinstance(pack_id, str) or not regex.fullmatch(r"[a-z0-9][a-z0-9-]*", pack_id):
        raise RulePackError(shown, "`pack` must be an id of lower-case letters, digits and hyphens", raw.line_of("pack"))
    scope = _scope(raw.get("scope"), shown, raw.line_of("scope"))
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, LocatedList) or not rules_raw:
        raise RulePackError(shown, "`rules` must be a non-empty list", raw.line_of("rules"))
    rules = []
    seen: set[str] = set()
    for index, item in enumerate(rules_raw):
        rule = _rule(item, pack_id, scope, shown, rules_raw.line_of(index))
        if rule.id in seen:
            raise RulePackError(shown, f"rule id {rule.id!r} is used twice in this pack", rules_raw.line_of(index))
        seen.add(rule.id)
        rules.append(rule)
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise RulePackError(shown, "`description` must be text", raw.line_of("description"))
    return RulePack(pack_id, description.strip(), shown, scope, rules)


def _known_keys(raw: LocatedDict, keys: tuple[str, ...], shown: str, where: str) -> None:
    for key in raw:
        if key not in keys:
            raise RulePackError(shown, f"unknown key {where}{key!r} (known: {', '.join(keys)})", raw.line_of(key))


def _strings(value, shown: str, line: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        raise RulePackError(shown, f"`{what}` must be a text or a list of texts", line)
    return tuple(str(v) for v in value)


def _scope(raw, shown: str, line: int, outer: PackScope | None = None) -> PackScope:
    if raw is None:
        return outer or PackScope()
    if not isinstance(raw, LocatedDict):
        raise RulePackError(shown, "`scope` must be a mapping (languages, markets, content_types, register)", line)
    _known_keys(raw, _SCOPE_KEYS, shown, "scope.")
    def tags(key: str) -> tuple[str, ...]:
        found = []
        for tag in _strings(raw.get(key), shown, raw.line_of(key), f"scope.{key}"):
            try:
                found.append(Locale.parse(tag).tag.lower())
            except ValueError:
                raise RulePackError(shown, f"scope.{key}: {tag!r} is not a language tag", raw.line_of(key)) from None
        return tuple(found)

    def regions(key: str) -> tuple[str, ...]:
        found = tuple(m.upper() for m in _strings(raw.get(key), shown, raw.line_of(key), f"scope.{key}"))
        for market in found:
            if not regex.fullmatch(r"[A-Z]{2}|[0-9]{3}", market):
                raise RulePackError(shown, f"scope.{key}: {market!r} is not a region code (e.g. SA, AE)", raw.line_of(key))
        return found

    languages, markets = tags("languages"), regions("markets")
    types = _strings(raw.get("content_types"), shown, raw.line_of("content_types"), "scope.content_types")
    for kind in types:
        if kind not in CONTENT_TYPES:
            raise RulePackError(shown, f"scope.content_types: {kind!r} is not one of {', '.join(CONTENT_TYPES)}",
                                raw.line_of("content_types"))
    register = raw.get("register")
    if register is not None and register not in REGISTERS:
        raise RulePackError(shown, "scope.register must be formal or informal", raw.line_of("register"))
    # A rule's scope narrows its pack's: what the rule leaves out, it inherits.
    base = outer.scope if outer else Scope()
    return PackScope(
        Scope(frozenset(languages) or base.locales, frozenset(markets) or base.regions, frozenset(types) or base.content_types),
        register if register is not None else (outer.register if outer else None),
        frozenset(tags("not_languages")) | (outer.not_locales if outer else frozenset()),
        frozenset(regions("not_markets")) | (outer.not_markets if outer else frozenset()),
    )


def _rule(raw, pack_id: str, pack_scope: PackScope, shown: str, line: int) -> PackRule:
    if not isinstance(raw, LocatedDict):
        raise RulePackError(shown, "each rule is a mapping with at least id, kind, message and rationale", line)
    _known_keys(raw, _RULE_KEYS, shown, "")

    def text(key: str, required: bool = True) -> str:
        value = raw.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise RulePackError(shown, f"rule needs `{key}` (a text)", raw.line_of(key) if key in raw else raw.line)
        return " ".join(value.split())

    rule_id = text("id")
    if not _RULE_ID.match(rule_id) or rule_id.split(".")[0] not in CATEGORIES:
        raise RulePackError(shown, f"rule id {rule_id!r} must be `category.name` with a known category "
                                   f"({', '.join(CATEGORIES)})", raw.line_of("id"))
    kind = text("kind")
    if kind not in KINDS:
        raise RulePackError(shown, f"kind {kind!r} is not one of {', '.join(KINDS)}", raw.line_of("kind"))
    try:
        severity = Severity.parse(raw.get("severity", "warning"))
    except (ValueError, KeyError, AttributeError):
        raise RulePackError(shown, "severity must be error, warning or info", raw.line_of("severity")) from None
    message, rationale = text("message"), text("rationale")
    suggestion = text("suggestion", required=kind == "prefer")
    flags = {}
    for key in ("regex", "case_sensitive", "inflect"):
        value = raw.get(key, key == "inflect" and kind != "characters")
        if not isinstance(value, bool):
            raise RulePackError(shown, f"`{key}` must be true or false", raw.line_of(key))
        flags[key] = value
    origin = Origin(pack_id, shown, raw.line, rule_id)

    def patterns(key: str, required: bool) -> tuple[Pattern, ...]:
        values = _strings(raw.get(key), shown, raw.line_of(key), key)
        if required and not values:
            raise RulePackError(shown, f"a `{kind}` rule needs `{key}`", raw.line_of(key) if key in raw else raw.line)
        found = []
        for value in values:
            if flags["regex"]:
                _check_regex(value, shown, raw.line_of(key))
            found.append(Pattern(value, rule_id, flags["regex"], flags["case_sensitive"], flags["inflect"] and not flags["regex"]))
        return tuple(found)

    characters = None
    target = source = unless = ()
    if kind in ("forbid", "prefer", "characters"):
        for key in ("source", "unless", "target"):
            if key in raw:
                hint = " (a rule that depends on the source is `kind: pair` or `kind: require`)" if key != "target" else ""
                raise RulePackError(shown, f"a `{kind}` rule has no `{key}`{hint}", raw.line_of(key))
    elif kind == "pair" and "target" in raw:
        raise RulePackError(shown, "a `pair` rule names the wrong target words in `patterns`, not `target`", raw.line_of("target"))
    elif kind == "require" and "patterns" in raw:
        raise RulePackError(shown, "a `require` rule names the expected target words in `target`, not `patterns`",
                            raw.line_of("patterns"))
    if kind == "characters":
        expressions = _strings(raw.get("patterns"), shown, raw.line_of("patterns"), "patterns")
        if not expressions:
            raise RulePackError(shown, "a `characters` rule needs `patterns` (regular expressions)", raw.line)
        for expression in expressions:
            _check_regex(expression, shown, raw.line_of("patterns"))
        joined = "|".join(f"(?:{e})" for e in expressions)
        characters = regex.compile(joined, 0 if flags["case_sensitive"] else regex.IGNORECASE)
    else:
        if kind == "require":
            target = patterns("target", True)
        else:
            target = patterns("patterns", True)
        source = patterns("source", kind in ("pair", "require"))
        unless = patterns("unless", False)
    example = None
    if raw.get("example") is not None:
        ex = raw["example"]
        if not isinstance(ex, LocatedDict) or not all(isinstance(ex.get(k), str) for k in _EXAMPLE_KEYS):
            raise RulePackError(shown, "`example` needs source, bad and good (texts)", raw.line_of("example"))
        _known_keys(ex, _EXAMPLE_KEYS, shown, "example.")
        example = (ex["source"], ex["bad"], ex["good"])
    summary = text("summary", required=False) or message.replace("{match}", "…").replace("{suggestion}", suggestion)
    return PackRule(rule_id, kind, severity, summary, message, rationale, suggestion,
                    _scope(raw.get("scope"), shown, raw.line_of("scope"), pack_scope), origin,
                    patterns=target, source=source, unless=unless, characters=characters, example=example)


def _check_regex(expression: str, shown: str, line: int) -> None:
    try:
        user_regex.compile_user(expression)
    except user_regex.PatternTooLarge as exc:
        raise RulePackError(shown, f"{exc}: {expression[:60]!r}", line) from None
    except regex.error as exc:
        raise RulePackError(shown, f"invalid regular expression {expression!r}: {exc}", line) from None


# --- the registry -----------------------------------------------------------------------------------

def rule_metadata(pack: RulePack):
    """The registry's Rule for each pack rule: what `l10n-qa rules` and `explain` show."""

    found = []
    for rule in pack.rules:
        rationale = f"{rule.rationale} (Rule pack `{pack.id}`, {rule.origin}.)"
        found.append(Rule(rule.id, rule.category, rule.severity, rule.summary, rationale, rule.example, pack.id))
    return found


@lru_cache(maxsize=1)
def builtin_rule_packs() -> tuple[RulePack, ...]:
    """The built-in packs, read once: their rules are always in the registry, enabled or not."""
    return tuple(load_pack(path) for path in builtin_packs())


# --- evaluation -------------------------------------------------------------------------------------

@dataclass(slots=True)
class PackSet:
    """The rule packs of a run; compiles, per target locale and market, only the rules that apply."""

    packs: list[RulePack]
    markets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # locale tag or language → markets
    registers: dict[str, str] = field(default_factory=dict)  # locale tag or language → formal/informal
    _compiled: dict = field(default_factory=dict)

    def markets_of(self, locale: Locale | None) -> tuple[str, ...]:
        found: list[str] = []
        if locale is not None:
            if locale.region:
                found.append(locale.region)
            for fallback in locale.fallbacks:
                found += self.markets.get(fallback.tag.lower(), ())
        return tuple(dict.fromkeys(found))

    def register_of(self, locale: Locale | None) -> str | None:
        if locale is None:
            return None
        for fallback in locale.fallbacks:
            register = self.registers.get(fallback.tag.lower())
            if register:
                return register
        return None

    def compiled(self, source_locale: Locale | None, locale: Locale | None, content_type: str | None):
        key = (str(source_locale or ""), str(locale or ""), content_type)
        found = self._compiled.get(key)
        if found is None:
            markets, register = self.markets_of(locale), self.register_of(locale)
            rules = [rule for pack in self.packs for rule in pack.rules
                     if rule.scope.applies(locale, markets, register, content_type)]
            primitives = []
            for rule in rules:
                if rule.kind in ("forbid", "prefer"):
                    primitives.append(Forbid(rule.id, rule.patterns, None, rule.message, rule.suggestion, rule.origin, data=rule))
                elif rule.kind == "pair":
                    concept = Concept(rule.id, rule.source, rule.unless)
                    primitives.append(Forbid(rule.id, rule.patterns, concept, rule.message, rule.suggestion, rule.origin, data=rule))
                elif rule.kind == "require":
                    concept = Concept(rule.id, rule.source, rule.unless)
                    primitives.append(Require(rule.id, concept, rule.patterns, False, rule.message, rule.suggestion, rule.origin, data=rule))
            source_language = language_of(str(source_locale) if source_locale else "en")
            target_language = language_of(str(locale) if locale else "en")
            ruleset = RuleSet.compile(primitives, source_language, target_language) if primitives else None
            characters = [rule for rule in rules if rule.kind == "characters"]
            found = self._compiled[key] = (ruleset, characters)
        return found

    def evaluate(self, pair, enabled: frozenset[str]) -> list[Hit]:
        segment = pair.segment
        ruleset, characters = self.compiled(segment.source_locale, segment.target_locale, segment.content_type)
        hits: list[Hit] = []
        if ruleset is not None:
            source = pair.view("source", ruleset.source_language)
            target = pair.view("target", ruleset.target_language)
            for violation in ruleset.evaluate(source, target, segment.content_type):
                rule = violation.rule.data
                if rule.id not in enabled:
                    continue
                if violation.target is not None:
                    start, end = violation.target.start, violation.target.end
                    hits.append(Hit(rule, start, end, pair.target[start:end]))
                else:
                    hits.append(Hit(rule, None, None, violation.source.text if violation.source else ""))
        text = pair.masked_target
        for rule in characters:
            if rule.id not in enabled:
                continue
            # Time-limited per text and per run; a timeout is a notice, not a hung run (user_regex.py).
            for match in user_regex.finditer(rule.characters, text, f"rule {rule.id}"):
                # Typography and script rules say how the target language is written: not English
                # copied from the source. Culture rules are about the market, where a copied "5 lb",
                # "A4" or 👍 is as wrong as a translated one, so they see copied text too.
                if match.end() > match.start() and (rule.category == "culture"
                                                    or not in_copied_text(pair, match.start(), match.end())):
                    # Shown as written: the match ran on the masked text (placeholders blanked).
                    hits.append(Hit(rule, match.start(), match.end(), pair.target[match.start():match.end()]))
        return hits


def load_packs(paths: Iterable[str]) -> list[RulePack]:
    """The packs of a run; built-in ones come from the cached registry copy (read once)."""
    cached = {str(Path(p).resolve()): pack for p, pack in zip(builtin_packs(), builtin_rule_packs())}
    return [cached.get(str(Path(path).resolve())) or load_pack(path) for path in paths]


def pack_set(paths: tuple[str, ...], markets: tuple, registers: tuple) -> PackSet:
    """The run's packs, read and compiled once per process (each file checked reuses them; a pack
    file changed since, same path and new contents, is read again). Their rules' metadata travels in
    the run's settings (its registry), so a worker process needs nothing else from the config."""
    return _pack_set(tuple(paths), file_stamps(paths), tuple(markets), tuple(registers))


@lru_cache(maxsize=8)
def _pack_set(paths: tuple[str, ...], stamps: tuple, markets: tuple, registers: tuple) -> PackSet:
    return PackSet(load_packs(paths), dict(markets), dict(registers))


__all__ = ["KINDS", "PackRule", "PackScope", "PackSet", "PatternError", "RulePack", "RulePackError", "builtin_packs",
           "builtin_rule_packs", "load_pack", "load_packs", "pack_set", "parse_pack", "resolve", "rule_metadata"]
