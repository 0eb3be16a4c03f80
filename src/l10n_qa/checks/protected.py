"""What spelling and grammar checks must never report: code and names, not words of the language.

- Protected spans of the target: placeholders, template tags, markup, URLs and e-mail addresses
  (the Pair's parse: exactly what `masked_target` blanks out).
- Accepted terms: the config's `accept` list plus what glossary packs feed into
  `CheckContext.accepted_terms` (approved terms, do-not-translate terms, product names).
- For spelling only: a word the translation copies unchanged from the source (`Example Shop`,
  `Zendesk`, `iPhone`): a name or term kept on purpose, not a misspelling of the target language.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from l10n_qa.checks.pair import Pair

# A word: letters (with combining marks, e.g. Arabic harakat), joined by inner apostrophes or hyphens.
WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*")
# Markup LanguageTool should read as a line or paragraph break rather than as nothing.
_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td",
                         "th", "blockquote", "section", "article"})
# Template code that stands for no word of the sentence (a condition, a loop), as opposed to `{{name}}`.
_CONTROL_PREFIXES = ("{{#", "{{/", "{{else", "{{^", "{{!")
# What LanguageTool reads in place of a value placeholder or a link: a neutral name-like word, so
# "Hallo {{name}}," stays a greeting rather than "Hallo ," with a space before the comma.
STAND_IN = "X"


def protected_spans(pair: Pair) -> list[tuple[int, int, str]]:
    """(start, end, what LanguageTool should read instead) for each protected span, merged, in order."""
    spans: list[tuple[int, int, str]] = []
    for token in pair.target_placeholders:
        control = token.syntax == "liquid-tag" or token.text.startswith(_CONTROL_PREFIXES)
        spans.append((token.start, token.end, "" if control else STAND_IN))
    markup = pair.target_markup
    for m in markup:
        spans.append((m.start, m.end, "\n" if m.name == "br" else "\n\n" if m.name in _BLOCK_TAGS else ""))
        if m.masks_content and m.kind == "open":  # XLIFF <ph>…</ph>: its content is native code
            close = next((c for c in markup if c.kind == "close" and c.name == m.name and c.start >= m.end), None)
            if close:
                spans.append((m.end, close.start, ""))
    for link in pair.target_links:
        spans.append((link.start, link.end, STAND_IN))
    merged: list[tuple[int, int, str]] = []
    for start, end, instead in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        elif end > start:
            merged.append((start, end, instead))
    return merged


@lru_cache(maxsize=8)
def _accepted_pattern(terms: frozenset[str]) -> regex.Pattern | None:
    """One compiled alternation for all accepted terms, longest first, whole words only."""
    if not terms:
        return None
    alternatives = "|".join(regex.escape(t) for t in sorted(terms, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])")


def accepted_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    pattern = _accepted_pattern(terms)
    return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


def overlaps(start: int, end: int, spans) -> bool:
    end = max(end, start + 1)  # an empty span (an insertion point) counts where it stands
    return any(s < end and start < e for s, e, *_ in spans)


def source_words(pair: Pair) -> frozenset[str]:
    return frozenset(m.group() for m in WORD.finditer(pair.masked_source))
