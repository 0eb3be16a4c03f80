"""Rule-pack checks: the rules of the built-in packs (rules/*.yaml) and the user's own.

Every built-in pack rule is in the registry from the start (so `l10n-qa rules` and `explain` show
it, and `ignore:`/`severity:` can switch it off); a user's packs are added when the config names
them (`register`). Which packs run is the config's `rule_packs:` (default: every built-in pack).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit
from l10n_qa.packs.rulepack import RulePack, builtin_rule_packs, rule_metadata

BUILTIN_PACK_RULES: tuple[Rule, ...] = tuple(rule for pack in builtin_rule_packs() for rule in rule_metadata(pack))


def register(packs: Iterable[RulePack], registry: dict[str, Rule]) -> list[str]:
    """Add the rules of the user's packs to the registry; returns the ids that clash with another rule."""
    clashes = []
    for pack in packs:
        for rule in rule_metadata(pack):
            known = registry.get(rule.id)
            if known is not None and known != rule:
                clashes.append(f"{pack.path}: rule {rule.id} is already defined elsewhere")
                continue
            registry[rule.id] = rule
            if rule not in rule_packs.rules:
                # The engine runs a checker only if one of its rules is selected: a run that selects
                # only the user's pack rules must still run this one.
                object.__setattr__(rule_packs, "rules", (*rule_packs.rules, rule))
    return clashes


def _format(template: str, match: str, suggestion: str) -> str:
    return template.replace("{match}", match).replace("{suggestion}", suggestion)


@checker(*BUILTIN_PACK_RULES)
def rule_packs(pair: Pair) -> Iterator[Hit]:
    packs = pair.context.rule_packs
    if packs is None or not pair.target.strip():
        return
    for hit in packs.evaluate(pair, pair.context.enabled):
        rule = hit.rule
        message = _format(rule.message, hit.text, rule.suggestion)
        suggestion = ""
        if rule.suggestion:
            suggestion = f"write `{rule.suggestion}`" if rule.kind == "prefer" else rule.suggestion
        yield Hit(rule.id, message, hit.start, hit.end, suggestion=suggestion, matched=hit.text)
