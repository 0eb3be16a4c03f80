"""Every built-in check, registered in one place. Order is the order of `l10n-qa rules`."""

from __future__ import annotations

from l10n_qa.checks.completeness import completeness
from l10n_qa.checks.encoding import encoding
from l10n_qa.checks.grammar import languagetool
from l10n_qa.checks.markup import markup
from l10n_qa.checks.numbers import numbers
from l10n_qa.checks.pair import Pair
from l10n_qa.checks.placeholders import placeholders
from l10n_qa.checks.punctuation import end_punctuation
from l10n_qa.checks.registry import CheckContext, Checker, DocumentChecker, Rule
from l10n_qa.checks.spelling import hunspell_spelling
from l10n_qa.checks.suppression import SUPPRESSION_RULES
from l10n_qa.checks.terminology import terminology
from l10n_qa.checks.urls import links
from l10n_qa.checks.whitespace import whitespace

CHECKERS: tuple[Checker, ...] = (
    completeness, placeholders, markup, numbers, links, whitespace, end_punctuation, encoding, terminology,
    hunspell_spelling,
)

# Checks that look at a whole document at once: LanguageTool gets a document's segments in batches.
DOCUMENT_CHECKERS: tuple[DocumentChecker, ...] = (languagetool,)

RULES: dict[str, Rule] = {rule.id: rule for c in (*CHECKERS, *DOCUMENT_CHECKERS) for rule in c.rules}
# Emitted by the filter stage about `l10n-qa:` directives (l10n_qa/suppress.py), not by a checker.
RULES.update((rule.id, rule) for rule in SUPPRESSION_RULES)

__all__ = ["CHECKERS", "DOCUMENT_CHECKERS", "RULES", "CheckContext", "Checker", "DocumentChecker", "Pair", "Rule"]
