"""Every built-in check, registered in one place. Order is the order of `l10n-qa rules`."""

from __future__ import annotations

from l10n_qa.checks.completeness import completeness, tree_completeness
from l10n_qa.checks.encoding import encoding
from l10n_qa.checks.grammar import languagetool
from l10n_qa.checks.consistency import RULES as CONSISTENCY_RULES
from l10n_qa.checks.language import wrong_language
from l10n_qa.checks.legal import legal
from l10n_qa.checks.length import length
from l10n_qa.checks.locale_formats import locale_formats
from l10n_qa.checks.markup import markup
from l10n_qa.checks.numbers import numbers
from l10n_qa.checks.pair import Pair
from l10n_qa.checks.placeholders import placeholders
from l10n_qa.checks.punctuation import end_punctuation
from l10n_qa.checks.registry import CheckContext, Checker, DocumentChecker, Rule, RuleRegistry
from l10n_qa.checks.register import mixed_register
from l10n_qa.checks.rtl import bidi_controls, html_direction, rtl_text
from l10n_qa.checks.rulepacks import rule_packs
from l10n_qa.checks.spelling import hunspell_spelling
from l10n_qa.checks.suppression import SUPPRESSION_RULES
from l10n_qa.checks.structure import structure
from l10n_qa.checks.terminology import terminology
from l10n_qa.checks.typos import typos
from l10n_qa.checks.ui_labels import ui_labels
from l10n_qa.checks.urls import links
from l10n_qa.checks.whitespace import whitespace

CHECKERS: tuple[Checker, ...] = (
    completeness, wrong_language, placeholders, markup, numbers, links, whitespace, end_punctuation, encoding,
    terminology, legal, bidi_controls, rtl_text, rule_packs, locale_formats, typos, hunspell_spelling, length,
    ui_labels,
)

# Checks that look at a whole document at once: the block alignment of monolingual files, what
# pairing found across the tree, and LanguageTool, which gets a document's segments in batches.
DOCUMENT_CHECKERS: tuple[DocumentChecker, ...] = (structure, tree_completeness, html_direction, mixed_register,
                                                   languagetool)

_ALL_RULES = [rule for c in (*CHECKERS, *DOCUMENT_CHECKERS) for rule in c.rules]
# Emitted by the filter stage about `l10n-qa:` directives (l10n_qa/suppress.py), not by a checker.
_ALL_RULES += SUPPRESSION_RULES
# Emitted by the cross-file stage (l10n_qa/cross_file.py) after every file is checked.
_ALL_RULES += CONSISTENCY_RULES
_CATEGORY_ORDER = {category: i for i, category in enumerate(dict.fromkeys(r.category for r in _ALL_RULES))}
# The built-in rules, grouped by category (in order of first appearance), so listings show each
# category once. A run whose config names rule packs of its own uses `registry_for(...)` instead.
RULES = RuleRegistry(sorted(_ALL_RULES, key=lambda r: _CATEGORY_ORDER[r.category]))


def registry_for(pack_paths) -> tuple[RuleRegistry, list[str]]:
    """The registry of a run with these rule-pack files: the built-in rules plus the packs' own, and a
    message for each pack rule whose id another rule already has."""
    from l10n_qa.packs.rulepack import load_packs, rule_metadata

    packs = load_packs(pack_paths)
    origins = {rule.id: str(pack.path) for pack in packs for rule in rule_metadata(pack)}
    return RULES.extended((rule for pack in packs for rule in rule_metadata(pack)), lambda rule: origins[rule.id])


__all__ = ["CHECKERS", "DOCUMENT_CHECKERS", "RULES", "CheckContext", "Checker", "DocumentChecker", "Pair", "Rule",
           "RuleRegistry", "registry_for"]
