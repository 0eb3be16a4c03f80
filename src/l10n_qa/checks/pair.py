"""A segment pair as the checks see it: texts plus what is parsed out of them, parsed once.

Several checks need the same analysis (numbers must skip placeholders, URLs and tags; punctuation
must not read a trailing `%s` as the end of a sentence), so it is computed lazily here and shared.
"""

from __future__ import annotations

import re

from l10n_qa.checks.markup import find_html_tags
from l10n_qa.checks.masking import MASK
from l10n_qa.checks.registry import CheckContext
from l10n_qa.checks.placeholders import BRACE_FORMATS, PRINTF_FORMATS, Token, find_placeholders
from l10n_qa.checks.urls import Link, find_links
from l10n_qa.model import Markup, Segment

# A text without any of these holds no placeholder, tag, URL, e-mail address or phone number: most
# UI strings, which then skip the parsers altogether.
_MAYBE_PROTECTED = re.compile(r"[{%<$@+(]|://|www\.|\d{3}[ .-]\d")


class cached_property:  # noqa: N801 - a drop-in for functools.cached_property
    """functools.cached_property without its per-access lock (Python < 3.12), which costs a
    third of the check time on a large catalog; a Pair is never shared between threads."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value  # OBJECT REPLACEMENT CHARACTER: stands in for code, keeps every offset unchanged


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(MASK * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


class Pair:
    __slots__ = ("segment", "context", "__dict__")

    def __init__(self, segment: Segment, context: CheckContext | None = None):
        self.segment = segment
        self.context = context if context is not None else CheckContext()

    @property
    def source(self) -> str:
        return self.segment.source or ""

    @property
    def target(self) -> str:
        return self.segment.target

    @cached_property
    def is_translation(self) -> bool:
        """Both texts present and the target no copy of the source: something term lists can compare
        (an untranslated copy is completeness's finding)."""
        source, target = self.source.strip(), self.target.strip()
        return bool(source) and bool(target) and source != target

    @cached_property
    def source_has_printf(self) -> bool:
        source = self.source
        if "%" not in source:
            return False
        return any(t.syntax == "printf" for t in find_placeholders(source, printf=True, braces=False))

    @cached_property
    def _printf(self) -> bool:
        seg = self.segment
        if seg.formats & PRINTF_FORMATS:
            return True
        if seg.no_formats & PRINTF_FORMATS or seg.formats:
            return False
        return self.source_has_printf

    @cached_property
    def _braces(self) -> bool:
        seg = self.segment
        if seg.formats & BRACE_FORMATS:
            return True
        # A catalog that declares printf formats only (python-format) uses literal braces as text.
        return not (seg.no_formats & BRACE_FORMATS or seg.formats & PRINTF_FORMATS)

    def _placeholders(self, text: str) -> list[Token]:
        return find_placeholders(text, printf=self._printf, braces=self._braces)

    @cached_property
    def source_placeholders(self) -> list[Token]:
        return self._placeholders(self.source)

    @cached_property
    def target_placeholders(self) -> list[Token]:
        return self._placeholders(self.target)

    @cached_property
    def alternate_placeholders(self) -> list[Token]:
        return self._placeholders(self.segment.alternate_source or "")

    @cached_property
    def source_markup(self) -> tuple[Markup, ...]:
        known = self.segment.source_markup
        return known if known is not None else tuple(find_html_tags(self.source))

    @cached_property
    def target_markup(self) -> tuple[Markup, ...]:
        known = self.segment.target_markup
        return known if known is not None else tuple(find_html_tags(self.target))

    @cached_property
    def source_links(self) -> list[Link]:
        return find_links(self.source)

    @cached_property
    def target_links(self) -> list[Link]:
        return find_links(self.target)

    def _protected(self, placeholders: list[Token], markup: tuple[Markup, ...], links: list[Link],
                   code: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
        spans = [(t.start, t.end) for t in placeholders]
        spans += code
        spans += [(m.start, m.end) for m in markup]
        spans += [(lk.start, lk.end) for lk in links]
        # Native code inside XLIFF ph/bpt/ept/it is code, not text.
        opens = [m for m in markup if m.masks_content and m.kind == "open"]
        for m in opens:
            close = next((c for c in markup if c.kind == "close" and c.name == m.name and c.start >= m.end), None)
            if close:
                spans.append((m.end, close.start))
        return spans

    def view(self, side: str, language: str):
        """The masked source or target as the packs' matchers read it (packs.text.TextView):
        tokenised and stemmed once per language, shared by glossaries and rule packs."""
        views = self.__dict__.setdefault("_views", {})
        view = views.get((side, language))
        if view is None:
            from l10n_qa.packs.text import TextView

            text = self.masked_source if side == "source" else self.masked_target
            view = views[(side, language)] = TextView(text, language)
        return view

    @cached_property
    def masked_source(self) -> str:
        """The source with placeholders, tags and links blanked out (offsets unchanged)."""
        if not _MAYBE_PROTECTED.search(self.source) and not self.segment.source_protected:
            return self.source
        return _mask(self.source, self._protected(self.source_placeholders, self.source_markup, self.source_links,
                                                       self.segment.source_protected))

    @cached_property
    def masked_target(self) -> str:
        if (not _MAYBE_PROTECTED.search(self.target) and self.segment.target_markup is None
                and not self.segment.target_protected):
            return self.target
        return _mask(self.target, self._protected(self.target_placeholders, self.target_markup, self.target_links,
                                                       self.segment.target_protected))
