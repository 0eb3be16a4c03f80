"""What one run checks and how: the selected rules, their severities, the run's data files and services.

Below the engine, the services and the filter stage, which all read it; it knows nothing of any of
them. Picklable, so worker processes receive it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from l10n_qa.checks import RULES, RuleRegistry
from l10n_qa.model import CATEGORIES, Locale, Severity

if TYPE_CHECKING:
    from l10n_qa.services.options import LanguageToolOptions, SpellingOptions


class SelectionError(ValueError):
    pass


def covers(token: str, rule_id: str) -> bool:
    """A rule id covers itself; a category (or an id prefix) covers the rules below it."""
    return token == rule_id or rule_id.startswith(token + ".")


def known_token(token: str, registry: RuleRegistry) -> bool:
    """A rule id or category that `select`, `ignore`, `severity` or a suppression may name."""
    return token in CATEGORIES or any(covers(token, rule_id) for rule_id in registry)


def _validate_tokens(tokens, what: str, registry: RuleRegistry) -> None:
    for token in tokens:
        if not known_token(token, registry):
            raise SelectionError(f"{what}: unknown rule or category {token!r} (see `l10n-qa rules`)")


@dataclass(frozen=True, slots=True)
class Settings:
    """What to check and how severe each rule is; picklable for worker processes."""

    enabled: frozenset[str]
    severities: dict[str, Severity]
    locales: tuple[Locale, ...] = ()
    glossaries: tuple[str, ...] = ()  # glossary file paths; each process compiles them once
    legal: tuple[str, ...] | None = None  # legal pack files; None: the built-in ones (config `legal:`)
    accepted_terms: frozenset[str] = frozenset()
    languagetool: "LanguageToolOptions | None" = None
    spelling: "SpellingOptions | None" = None
    enforced: frozenset[str] = frozenset()  # rule ids inline directives may not suppress
    suppressions: tuple = ()  # the config's `suppress:` entries (suppress.ConfigSuppression), which it applies
    root: str = ""  # the config's folder: `suppress:` globs are relative to it
    rule_packs: tuple[str, ...] = ()  # rule-pack files; each process reads them once
    markets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # locale → the markets it is sold in
    registers: tuple[tuple[str, str], ...] = ()  # locale → formal | informal
    registry: RuleRegistry = RULES  # every rule this run knows: the built-in ones and its packs'
    length_limits: tuple = ()  # config `length:`: ((content set name or content type, LengthLimit), …)
    ui_catalogs: tuple[str, ...] | None = None  # config `ui_catalogs:` files; None: the run's own UI catalogs
    ui_source_locale: str = ""  # the run's source locale: the msgids of one-locale (i18next) UI catalogs
    ui_labels: object = None  # their label index (packs.ui_catalog), built once per run before checking

    @classmethod
    def build(cls, select=(), ignore=(), severity_overrides: dict[str, str] | None = None,
              locales: tuple[Locale, ...] = (), enforced=(), suppressions=(), root: str = "",
              glossaries: tuple[str, ...] = (), legal: tuple[str, ...] | None = None,
              registry: RuleRegistry = RULES) -> "Settings":
        _validate_tokens(select, "select", registry)
        _validate_tokens(ignore, "ignore", registry)
        overrides = severity_overrides or {}
        _validate_tokens(tuple(overrides), "severity", registry)
        _validate_tokens(tuple(enforced), "enforced", registry)
        for entry in suppressions:
            _validate_tokens(entry.rules, f"suppress ({entry.origin})", registry)
        enabled = set()
        severities = {}
        for rule_id, rule in registry.items():
            if select and not any(covers(t, rule_id) for t in select):
                continue
            if any(covers(t, rule_id) for t in ignore):
                continue
            # The most specific override wins: a rule id over its category.
            matching = sorted((t for t in overrides if covers(t, rule_id)), key=len)
            level = overrides[matching[-1]] if matching else rule.severity.label
            if level == "off":
                continue
            enabled.add(rule_id)
            severities[rule_id] = Severity.parse(level)
        enforced_ids = frozenset(r for r in registry if any(covers(t, r) for t in enforced))
        return cls(frozenset(enabled), severities, tuple(locales), enforced=enforced_ids,
                   suppressions=tuple(suppressions), root=root, glossaries=tuple(glossaries), legal=legal,
                   registry=registry)

    def wants_locale(self, locale: Locale | None) -> bool:
        if not self.locales:
            return True
        if locale is None:
            return False
        return any(wanted in locale.fallbacks for wanted in self.locales)
