"""Completeness: untranslated, empty, fuzzy and needs-review units, and copies of the source.

A unit that was never translated, or only machine-suggested, ships as the source language or as
an unreviewed guess.
"""

from __future__ import annotations

import regex

from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

_WORD = regex.compile(r"\p{L}{2,}")

EMPTY = Rule(
    "completeness.empty", "completeness", Severity.WARNING,
    "The unit has no translation.",
    "An untranslated unit shows customers the source language, or nothing. Translate it before the "
    "content ships.",
)
FUZZY = Rule(
    "completeness.fuzzy", "completeness", Severity.WARNING,
    "The translation is marked fuzzy or needs review.",
    "Fuzzy and needs-review translations are guesses (a previous version's translation, or a machine "
    "suggestion) that gettext and most tools do not ship. Review it and clear the flag.",
)
UNTRANSLATED = Rule(
    "completeness.untranslated", "completeness", Severity.WARNING,
    "The translation is identical to the source.",
    "A sentence copied unchanged into the translation usually means it was skipped. Translate it; "
    "strings that need no translation (codes, names, single words that are the same in both languages) "
    "are not reported.",
    ("Contact our support team.", "Contact our support team.", "Kontaktieren Sie unser Support-Team."),
)


@checker(EMPTY, FUZZY, UNTRANSLATED, needs_translation=False)
def completeness(pair):
    seg = pair.segment
    if seg.state in ("fuzzy", "needs-review"):
        yield Hit(FUZZY.id, f"marked {seg.state}: not a reviewed translation",
                  suggestion="review the translation and clear the flag")
        return
    same_language = bool(seg.source_locale and seg.target_locale
                         and seg.source_locale.language == seg.target_locale.language)
    if seg.state == "untranslated" or not seg.target.strip():
        # An en-GB catalog of an English source leaves strings empty on purpose: gettext then
        # shows the source, which is already right.
        if seg.source and seg.source.strip() and not same_language:
            yield Hit(EMPTY.id, "no translation", suggestion="translate it")
        return
    if seg.source is None or seg.target.strip() != seg.source.strip():
        return
    if same_language:
        return
    # Only prose counts: two or more words left once placeholders, tags and links are taken out.
    if len(_WORD.findall(pair.masked_source)) >= 2:
        yield Hit(UNTRANSLATED.id, "the translation is a copy of the source", 0, len(seg.target.rstrip()),
                  suggestion="translate it", matched=seg.target.strip()[:80])
