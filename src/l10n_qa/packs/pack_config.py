"""The config keys of rule packs: `rule_packs`, `markets`, `formality` (validated like the rest of
the config: a wrong value names its key and line; a broken pack file names its own line)."""

from __future__ import annotations

import re
from pathlib import Path

from l10n_qa.model import Locale

_REGION = re.compile(r"^(?:[A-Za-z]{2}|[0-9]{3})$")


def parse_rule_packs(value, root: Path, fail) -> tuple[str, ...]:
    """The pack files `rule_packs` names, each read once here; RulePackError for a broken pack (or a
    rule id two packs define), with the pack's own path and line."""
    from l10n_qa.packs.rulepack import RulePackError, builtin_packs, load_packs, resolve

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail("rule_packs", "expected a list of built-in pack names or rule-pack files")
    paths: list[str] = []
    for index, reference in enumerate(value):
        found = resolve(reference.strip(), root)
        if found is None:
            known = ", ".join(p.stem for p in builtin_packs()) or "none"
            raise fail(f"rule_packs[{index}]", f"no such file or folder {reference!r} (relative to the config's folder), "
                                               f"nor a built-in rule pack (built-in: {known})")
        paths += [str(p) for p in found]
    paths = list(dict.fromkeys(paths))
    packs = load_packs(paths)
    seen: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen and seen[rule.id] != pack.path:
                raise RulePackError(pack.path, f"rule {rule.id} is also defined in {seen[rule.id]}", rule.origin.line)
            seen[rule.id] = pack.path
    return tuple(paths)


def _locale_key(key, fail, where: str) -> str:
    try:
        return Locale.parse(str(key)).tag.lower()
    except ValueError:
        raise fail(where, f"{key!r} is not a locale tag") from None


def parse_markets(value, fail) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise fail("markets", "expected a mapping of locale → markets, e.g. {en-GB: [AE, SA]}")
    markets = {}
    for key, regions in value.items():
        if isinstance(regions, str):
            regions = [regions]
        if not isinstance(regions, list) or not all(isinstance(r, str) and _REGION.match(r) for r in regions):
            raise fail(f"markets.{key}", "expected a list of region codes, e.g. [AE, SA]")
        markets[_locale_key(key, fail, f"markets.{key}")] = tuple(r.upper() for r in regions)
    return markets


def parse_formality(value, fail) -> dict[str, str]:
    if not isinstance(value, dict):
        raise fail("formality", "expected a mapping of locale → formal | informal, e.g. {de: formal}")
    registers = {}
    for key, register in value.items():
        if register not in ("formal", "informal"):
            raise fail(f"formality.{key}", f"expected formal or informal, got {register!r}")
        registers[_locale_key(key, fail, f"formality.{key}")] = register
    return registers
