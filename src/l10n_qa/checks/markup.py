"""Inline markup: HTML tags in text, and XLIFF inline elements (g, x, ph, bpt/ept, pc, sc/ec, mrk…).

A tag is code that shapes how the text renders; a dropped `</a>` turns the rest of a help article into
a link, a dropped XLIFF `<ph>` loses whatever it stood for.
"""

from __future__ import annotations

from collections import Counter

import regex

from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Markup, Severity

_TAG = regex.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[^<>\s=/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>\"']+))?)*)\s*(/?)>")
# Elements that never take a closing tag in HTML.
# Tags a language may add for its own typography: French 1<sup>er</sup>, Spanish 1.<sup>o</sup>,
# word-break hints in long compounds. Their absence from the source is not a mistake.
_TYPOGRAPHIC = frozenset({"sup", "sub", "wbr"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def find_html_tags(text: str) -> list[Markup]:
    if "<" not in text:
        return []
    tags = []
    for m in _TAG.finditer(text):
        closing, name, _attrs, self_closing = m.groups()
        name = name.lower()
        if closing:
            kind = "close"
        elif self_closing or name in _VOID:
            kind = "empty"
        else:
            kind = "open"
        tags.append(Markup(m.start(), m.end(), name, kind))
    return tags


def _identity(tag: Markup) -> tuple[str, str, str]:
    return (tag.name, tag.kind, tag.ident)


def _describe(tag: Markup) -> str:
    slash = "/" if tag.kind == "close" else ""
    ident = f' id="{tag.ident}"' if tag.ident else ""
    end = "/" if tag.kind == "empty" else ""
    return f"<{slash}{tag.name}{ident}{end}>"


def unbalanced(tags: tuple[Markup, ...]) -> list[Markup]:
    """Tags that break proper nesting: a close that crosses an open tag, a close with no open, an
    open never closed. `<b><i>x</b></i>` yields only the `</b>`: one finding per slip."""
    stack: list[Markup] = []
    bad: list[Markup] = []
    for tag in tags:
        if tag.kind == "open":
            stack.append(tag)
        elif tag.kind == "close":
            if stack and stack[-1].name == tag.name:
                stack.pop()
                continue
            bad.append(tag)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].name == tag.name:
                    del stack[depth]  # it was closed, only in the wrong place
                    break
    return sorted(bad + stack, key=lambda t: t.start)


def _take(tags: tuple[Markup, ...], surplus: Counter) -> list[Markup]:
    """The tags of `tags` that `surplus` counts, the last occurrences first left unmatched."""
    remaining = Counter(surplus)
    taken = []
    for tag in reversed(tags):
        if remaining[_identity(tag)] > 0:
            remaining[_identity(tag)] -= 1
            taken.append(tag)
    return taken[::-1]


def _pairs(tags: list[Markup]) -> list[list[Markup]]:
    """Group an open tag with the next close tag of its element: a lost `<a>…</a>` is one slip."""
    groups: list[list[Markup]] = []
    open_at: dict[str, list[int]] = {}
    for tag in tags:
        if tag.kind == "close" and open_at.get(tag.name):
            groups[open_at[tag.name].pop()].append(tag)
            continue
        if tag.kind == "open":
            open_at.setdefault(tag.name, []).append(len(groups))
        groups.append([tag])
    return groups


MISSING = Rule(
    "markup.missing", "markup", Severity.ERROR,
    "A tag or inline element of the source is missing from the translation.",
    "Tags carry links, formatting and, in XLIFF, codes the tool re-inserts on export; a missing one "
    "breaks the page or drops content. Keep every tag of the source, in the place the translation needs it.",
    ('Read <a href="/hc">our guide</a>.', "Lesen Sie unseren Leitfaden.", 'Lesen Sie <a href="/hc">unseren Leitfaden</a>.'),
)
EXTRA = Rule(
    "markup.extra", "markup", Severity.ERROR,
    "The translation has a tag or inline element that the source does not have.",
    "An added tag changes how the text renders, and an XLIFF inline element the source does not have "
    "makes the file fail to merge back. Remove it.",
)
UNBALANCED = Rule(
    "markup.unbalanced", "markup", Severity.ERROR,
    "Tags are not properly opened and closed in the translation.",
    "An unclosed `<b>` bolds the rest of the article; a closing tag before its opening one is invalid "
    "markup. Open and close each tag around the words it belongs to.",
    ("<b>Important:</b> read this", "<b>Wichtig: lesen Sie das", "<b>Wichtig:</b> lesen Sie das"),
)


@checker(MISSING, EXTRA, UNBALANCED)
def markup(pair):
    source_tags, target_tags = pair.source_markup, pair.target_markup
    if not source_tags and not target_tags:
        return
    src = Counter(_identity(t) for t in source_tags)
    tgt = Counter(_identity(t) for t in target_tags)
    surplus_source, surplus_target = src - tgt, tgt - src
    missing = _take(source_tags, surplus_source)
    for tags in _pairs(missing):
        shown = "…".join(_describe(t) for t in tags)
        # `<a href=\"x\">` or `‹code>` is there but no longer parses as the tag: say so.
        written = f"<{'/' if tags[0].kind == 'close' else ''}{tags[0].name}"
        if written in pair.target.lower():
            yield Hit(MISSING.id, f"tag `{shown}` is malformed in the translation", suggestion=f"write it as in the source: `{shown}`",
                      matched=shown)
        else:
            yield Hit(MISSING.id, f"tag `{shown}` is missing", suggestion=f"add `{shown}` as in the source", matched=shown)
    for tags in _pairs(_take(target_tags, surplus_target)):
        if tags[0].name in _TYPOGRAPHIC and not tags[0].ident:
            continue
        shown = "…".join(_describe(t) for t in tags)
        yield Hit(EXTRA.id, f"tag `{shown}` is not in the source", tags[0].start, tags[-1].end,
                  suggestion="remove it or check the source", matched=shown)
    # Nesting is judged only when the same tags are there: a missing tag is already reported above.
    if src == tgt and not unbalanced(source_tags):
        for tag in unbalanced(target_tags):
            yield Hit(UNBALANCED.id, f"tag `{_describe(tag)}` is not closed or not opened in the right place",
                      tag.start, tag.end, suggestion="open and close the tag around the same words, properly nested",
                      matched=_describe(tag))
