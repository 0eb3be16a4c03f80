"""Rules about `l10n-qa:` suppression directives themselves.

No checker emits these: the filter stage (`l10n_qa.suppress`) does, after the checks ran, because
only then is it known which directive hid what. They are registered like any rule so they can be
listed, explained, selected, ignored and re-levelled.
"""

from __future__ import annotations

from l10n_qa.checks.registry import Rule
from l10n_qa.model import Severity

UNKNOWN_RULE = Rule(
    "suppression.unknown-rule", "suppression", Severity.WARNING,
    "A suppression names a rule or category that does not exist.",
    "A misspelt rule id suppresses nothing, so the finding it was meant for is still reported, or the "
    "directive is dead weight. Use an id from `l10n-qa rules` (the message suggests the closest one).",
)
UNUSED = Rule(
    "suppression.unused", "suppression", Severity.WARNING,
    "A suppression hides nothing.",
    "The problem it was written for was fixed or moved, so the directive now only waits to hide the next, "
    "unrelated problem of that rule. Remove it (rules that did not run in this check are not reported).",
)
EXPIRED = Rule(
    "suppression.expired", "suppression", Severity.WARNING,
    "A suppression's `until=` date has passed, so it no longer hides anything.",
    "Dated suppressions lapse so that temporary exceptions (a campaign price, a pending legal review) "
    "are looked at again. Fix what it hid, or renew the date with a reason.",
)
NOT_ALLOWED = Rule(
    "suppression.not-allowed", "suppression", Severity.WARNING,
    "A suppression tries to hide a rule the config marks `enforced`.",
    "Enforced rules (typically legal terms) cannot be silenced by whoever edits the file: the finding "
    "stays. If the exception is right, add it to the config's `suppress:` list or the baseline, where it "
    "is reviewed.",
)
INVALID = Rule(
    "suppression.invalid", "suppression", Severity.WARNING,
    "A `l10n-qa:` directive cannot be read.",
    "A directive with an unknown word, no rule id, a bad `until=` date or an `enable` without a `disable` "
    "does not do what its author meant. The grammar is `l10n-qa: disable-next-line RULE[, RULE] "
    "[until=YYYY-MM-DD] [-- reason]`; see the README.",
)

SUPPRESSION_RULES = (UNKNOWN_RULE, UNUSED, EXPIRED, NOT_ALLOWED, INVALID)
