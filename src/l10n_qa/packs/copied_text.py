"""Which parts of a translation are text copied from the source, not the target language.

A typography or script rule describes how the target language is written (French spaces before
'?', German „…“); an English sentence left untranslated in a French article, a translator's note
kept in English in a JSON catalog, or a string identical to its source is English, where English
quotes and spacing are right. Leaving such text untranslated is completeness's finding, once.
"""

from __future__ import annotations

import re

# A sentence: up to and including its final marks and the closing quotes after them.
_SENTENCE = re.compile(r"[^.!?。！？\n]+(?:[.!?。！？]+[\"'”’»」』)\]]*|$)|[^\n]+")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# A copied sentence shorter than this many words may as well be the target language's ("Support",
# "OK!"), unless the whole text is a copy.
_MIN_WORDS = 3


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def copied_spans(source: str, target: str) -> list[tuple[int, int]]:
    """Spans of `target` (offsets into it) that are copies of the source: all of it when the two are
    the same text, else each sentence of at least three words that the source contains verbatim."""
    if not source.strip() or not target.strip():
        return []
    normal_source = _normal(source)
    if _normal(target) == normal_source:
        return [(0, len(target))]
    spans = []
    for match in _SENTENCE.finditer(target):
        sentence = match.group(0)
        if len(_WORD.findall(sentence)) >= _MIN_WORDS and _normal(sentence) in normal_source:
            start = match.start() + len(sentence) - len(sentence.lstrip())
            spans.append((start, match.start() + len(sentence.rstrip())))
    return spans


def in_copied_text(pair, start: int, end: int) -> bool:
    """Whether target[start:end] lies inside text copied from the source (computed once per pair)."""
    spans = pair.__dict__.get("_copied_spans")
    if spans is None:
        spans = pair.__dict__["_copied_spans"] = copied_spans(pair.source, pair.target)
    return any(a <= start and end <= b for a, b in spans)
