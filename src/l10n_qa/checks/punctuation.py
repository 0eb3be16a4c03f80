"""Sentence-final punctuation: a question stays a question, a sentence keeps its full stop.

Marks are compared by function, not by character, so script equivalents are accepted: '.' = '。' =
'।' = '۔', '?' = '؟' = '？' (and Greek ';'), '!' = '！', ':' = '：'. Whether the Latin '?' is the right
character in Arabic is for the right-to-left rules, not this check.
"""

from __future__ import annotations

import re

from l10n_qa.checks.pair import MASK
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

_CLASSES = {
    "full stop": ".。．।۔።။។։།",
    "question mark": "?؟？;՞",
    "exclamation mark": "!！՜",
    "colon": ":：",
    "semicolon": ";；؛",
    "comma": ",，、،",
    "ellipsis": "…",
}
_SPACE = re.compile(r"\s")
_CLASS_OF = {ch: name for name, chars in _CLASSES.items() for ch in chars if ch != ";"}
_CLASS_OF[";"] = "semicolon"
# Closing quotes and brackets stand after or before the mark depending on the language: look past them.
_CLOSERS = "\"'”’»›」』）)]】〕〉》"
# Languages whose sentences need no final full stop in short texts (Thai and Lao do not use one;
# Japanese and Chinese UI strings commonly drop 。).
_STOP_OPTIONAL = frozenset({"th", "lo", "ja", "zh"})


def final_mark(text: str, language: str | None) -> tuple[str | None, int]:
    """(class of the final punctuation or None, its offset or the offset of the last character)."""
    end = len(text.rstrip())
    while end and text[end - 1] in _CLOSERS or (end and text[end - 1].isspace()):
        end -= 1
    if not end:
        return None, 0
    if text[end - 1] == MASK:
        return "code", end - 1
    if text.endswith("...", 0, end):
        return "ellipsis", end - 3
    ch = text[end - 1]
    if ch == "\u0983" and language == "bn":
        return "colon", end - 1  # Bengali writes the visarga ঃ as a colon
    if ch == ";" and language == "el":
        return "question mark", end - 1  # the Greek question mark is a semicolon
    return _CLASS_OF.get(ch), end - 1


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
    if source_mark == "full stop" and target_mark is None and language in _STOP_OPTIONAL:
        return
    if language == "hy" and source_mark == "question mark" and target_mark == "full stop":
        return  # Armenian marks a question with ՞ on the stressed word and ends the sentence with ։
    if language == "el" and source_mark == "semicolon" and target_mark == "question mark":
        return  # ';' reads as a question mark only in Greek text; ambiguous, so let it pass
    if {source_mark, target_mark} <= {"full stop", None} and _ends_with_abbreviation(pair.source):
        return
    wanted = source_mark or "no punctuation"
    found = target_mark or "no punctuation"
    suggestion = f"end with a {source_mark}" if source_mark else f"remove the final {target_mark}"
    yield Hit(END.id, f"ends with {found}, the source ends with {wanted}", at, at + 1,
              suggestion=suggestion, matched=pair.target[at:at + 1])
