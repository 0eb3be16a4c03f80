"""Sentence-final punctuation: a question stays a question, a sentence keeps its full stop.

Marks are compared by function, not by character, so script equivalents are accepted: '.' = '。' =
'।' = '۔' = '։' = '።' = '။', '?' = '؟' = '？' (and Greek ';'), '!' = '！', ':' = '：'. Which characters
are which mark, and which differences are a language's convention (a Japanese lead-in sentence ends
with 。 where English has ':'), is data in `end_marks`. Whether the Latin '?' is the right character
in Arabic is for the right-to-left rules, not this check.
"""

from __future__ import annotations

import re

from l10n_qa.checks.end_marks import ABBREVIATION_ENDS, ACCEPTED, CLOSERS, LANGUAGE_MARKS, LIST_ITEM_ENDS, MARK_CLASSES
from l10n_qa.checks.masking import MASK
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

_PLAIN_ENDS = frozenset({"full stop", None})
_CLASS_OF = {ch: name for name, chars in MARK_CLASSES.items() for ch in chars}
# Longest language-specific sequence first, so "፡-" wins over "-".
_LANGUAGE_MARKS = {language: sorted(marks.items(), key=lambda item: -len(item[0]))
                   for language, marks in LANGUAGE_MARKS.items()}


def final_mark(text: str, language: str | None) -> tuple[str | None, int]:
    """(class of the final punctuation or None, its offset or the offset of the last character)."""
    end = len(text.rstrip())
    while end and (text[end - 1] in CLOSERS or text[end - 1].isspace()):
        end -= 1
    if not end:
        return None, 0
    if text[end - 1] == MASK:
        return "code", end - 1
    if text.endswith("...", 0, end):
        return "ellipsis", end - 3
    for mark, name in _LANGUAGE_MARKS.get(language, ()):
        if text.endswith(mark, 0, end):
            return name, end - len(mark)
    return _CLASS_OF.get(text[end - 1]), end - 1


def _ends_with_abbreviation(source: str) -> bool:
    """One word ("Dec", "{}th": a label, ordinal or abbreviation, each language styles its own) or a
    final abbreviation ("6 a.m.", "e.g.", "etc."): its full stop is not a sentence's."""
    words = source.split()
    if len(words) <= 1:
        return True
    return bool(_ABBREVIATION.match(words[-1]))


_ABBREVIATION = re.compile(r"^(?:(?:\w\.){2,}|etc\.|approx\.|incl\.|vs\.|Inc\.|Ltd\.|Co\.)$", re.I)


END = Rule(
    "punctuation.end", "punctuation", Severity.WARNING,
    "The translation ends with different punctuation than the source.",
    "A question that ends with a full stop, or a sentence that lost its full stop, reads as careless; a "
    "lost colon separates a label from its value. End with the target language's equivalent of the "
    "source's mark ('?' → '؟' in Arabic, '.' → '。' in Japanese).",
    ("Did this answer your question?", "Hat dies Ihre Frage beantwortet.", "Hat dies Ihre Frage beantwortet?"),
)


@checker(END)
def end_punctuation(pair):
    seg = pair.segment
    language = seg.target_locale.language if seg.target_locale else None
    source_mark, _ = final_mark(pair.masked_source, None)
    if source_mark == "code":
        return
    target_mark, at = final_mark(pair.masked_target, language)
    if target_mark == "code" or target_mark == source_mark:
        return
    if (source_mark, target_mark) in ACCEPTED.get(language, ()):
        return
    if seg.block_kind == "list-item" and source_mark in LIST_ITEM_ENDS and target_mark in LIST_ITEM_ENDS:
        return
    abbreviation_ends = _PLAIN_ENDS | ABBREVIATION_ENDS.get(language, frozenset())
    if source_mark in _PLAIN_ENDS and target_mark in abbreviation_ends and _ends_with_abbreviation(pair.source):
        return
    wanted = source_mark or "no punctuation"
    found = target_mark or "no punctuation"
    suggestion = f"end with a {source_mark}" if source_mark else f"remove the final {target_mark}"
    yield Hit(END.id, f"ends with {found}, the source ends with {wanted}", at, at + 1,
              suggestion=suggestion, matched=pair.target[at:at + 1])
