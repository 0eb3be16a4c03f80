"""Rule-pack checks: the rules of the built-in packs (rules/*.yaml) and the user's own.

Every built-in pack rule is in the registry from the start (so `l10n-qa rules` and `explain` show
it, and `ignore:`/`severity:` can switch it off); a user's packs are in the registry of the runs whose
config names them (`checks.registry_for`), and this checker emits their rules too. Which packs run
is the config's `rule_packs:` (default: every built-in pack).
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit
from l10n_qa.packs.rulepack import builtin_rule_packs, rule_metadata

BUILTIN_PACK_RULES: tuple[Rule, ...] = tuple(rule for pack in builtin_rule_packs() for rule in rule_metadata(pack))


def _format(template: str, match: str, suggestion: str) -> str:
    return template.replace("{match}", match).replace("{suggestion}", suggestion)


@checker(*BUILTIN_PACK_RULES, runs_pack_rules=True)
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
