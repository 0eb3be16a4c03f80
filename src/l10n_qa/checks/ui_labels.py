"""UI labels named as the UI catalog translates them (rule `glossary.ui-label`).

Articles and replies tell customers which button to press: "click **Request a refund**". The
button's German text is whatever the German UI catalog says; an article that calls it anything
else sends the customer looking for a button that does not exist. The labels are the bold,
`<b>`/`<strong>`/`<kbd>` and quoted phrases of the source (a menu path "Settings > Billing" is one
label per step); each is looked up among the msgids of the run's UI catalogs
(packs/ui_catalog.py, built once per run) and the catalog's translation must appear in the target.
A label the catalogs do not hold, or hold with no translation for the locale, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

UI_LABEL = Rule(
    "glossary.ui-label", "glossary", Severity.WARNING,
    "A UI label the text names (bold, quoted, <kbd>) is not written as the UI catalog translates it.",
    "Help articles and replies tell customers what to click; the words must be the ones on the screen. "
    "Each bold (`**…**`, <b>, <strong>), <kbd> or quoted phrase of the source, and each step of a menu "
    "path (\"Settings > Billing\"), is looked up among the source strings of the repository's UI catalogs "
    "(PO, XLIFF or i18next JSON named by config `ui_catalogs:`, else the PO/XLIFF UI catalogs checked in "
    "the same run), exactly, then "
    "ignoring case and trailing punctuation. When the catalog translates it for the target locale, that "
    "translation must appear in the translated segment. Write the label as the catalog does (the "
    "suggestion); if the catalog is wrong, fix the catalog. Labels the catalog does not hold are not checked.",
    ("Click **Request a refund**.", "Klicken Sie auf **Erstattung beantragen**.",
     "Klicken Sie auf **Erstattung anfordern**."),
)

# Labels the text marks itself: HTML bold and key tags kept in the text (HTML articles, XLIFF, replies)
# and Markdown bold kept as written (a reply body is not parsed as Markdown).
# In XLIFF 1.2 the tags are native code inside placeholders: <ph id="1"><b></ph>Send<ph id="2"></b></ph>,
# <bpt id="1"><b></bpt>Send<ept id="1"></b></ept>.
_TAGGED = re.compile(r"<(b|strong|kbd)\b[^>]*>(?:</(?:ph|it|bpt)>)?([^<>]+)(?:<(?:ph|it|ept)\b[^>]*>)?</\1\s*>",
                     re.IGNORECASE)
_MARKDOWN_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*|__(?=\S)([^_\n]+?)(?<=\S)__")
# Quoted phrases, in the quotation marks of the languages we meet: "…", “…”, „…“, «…», 「…」, 『…』.
# Short ones only: a quoted sentence is no label (and would only cost look-ups).
_QUOTED = re.compile(r'"([^"\n]{1,60})"|“([^”\n]{1,60})”|„([^“”\n]{1,60})[“”]|«\u00a0?\s?([^»\n]{1,60}?)\s?\u00a0?»'
                     r"|「([^」\n]{1,60})」|『([^』\n]{1,60})』|‘([^’\n]{1,60})’(?![\w])")
# The steps of a menu path: "Settings > Billing", "Settings › Billing", "Settings → Billing".
_MENU_STEP = re.compile(r"\s*(?:>|›|→|▸)\s*")


def _spans(text: str, masked: str, strong: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Where the labels of a text are, in text order (overlaps dropped)."""
    found = list(strong)
    found += [m.span(2) for m in _TAGGED.finditer(text)]
    found += [m.span(m.lastindex) for m in _MARKDOWN_BOLD.finditer(masked)]
    # Quotes in the masked text: the quotes of an HTML attribute (href="…") are inside a masked tag.
    found += [m.span(m.lastindex) for m in _QUOTED.finditer(masked)]
    spans: list[tuple[int, int]] = []
    for start, end in sorted(set(found)):
        if end > start and not any(s <= start < e for s, e in spans):
            spans.append((start, end))
    return spans


def _steps(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The steps of a menu-path label (the label itself when it is none), stripped."""
    start, end = span
    steps, position = [], start
    for separator in _MENU_STEP.finditer(text, start, end):
        steps.append((position, separator.start()))
        position = separator.end()
    steps.append((position, end))
    out = []
    for a, b in steps:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        if b > a:
            out.append((a, b))
    return out


def _labels(text: str, masked: str, strong) -> list[list[tuple[int, int]]]:
    return [_steps(text, span) for span in _spans(text, masked, strong)]


def _quote_all(forms) -> str:
    quoted = [f"\"{form}\"" for form in dict.fromkeys(forms)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


@checker(UI_LABEL)
def ui_labels(pair: Pair) -> Iterator[Hit]:
    index = pair.context.ui_labels
    segment = pair.segment
    if not index or segment.content_type not in ("article", "reply") or not pair.is_translation:
        return
    source, target = pair.source, pair.target
    source_labels = _labels(source, pair.masked_source, segment.source_strong)
    if not source_labels:
        return
    target_labels = _labels(target, pair.masked_target, segment.target_strong)
    folded_target = " ".join(target.split()).casefold()
    for number, steps in enumerate(source_labels):
        # The target's label in the same place, when the target marks as many labels as the source.
        partner = target_labels[number] if len(target_labels) == len(source_labels) else None
        for step_number, (start, end) in enumerate(steps):
            label = source[start:end]
            entries = pair.context.ui_labels.lookup(label, segment.target_locale)
            if not entries:
                continue
            translations = [entry.translation for entry in entries]
            if any(" ".join(t.split()).casefold() in folded_target or
                   _loose_in(t, folded_target) for t in translations):
                continue
            where = "; ".join(f"{entry.path}:{entry.line}" for entry in entries)
            said = None
            if partner is not None:
                span = partner[step_number] if len(partner) == len(steps) else (partner[0][0], partner[-1][1])
                said = span
            wanted = _quote_all(translations)
            if said is not None:
                written = target[said[0]:said[1]]
                yield Hit(UI_LABEL.id, f"the UI label \"{label}\" reads {wanted} in the UI catalog ({where}), not "
                                       f"\"{written}\": name it as the screen shows it",
                          said[0], said[1], suggestion=f"write {wanted}", matched=written)
            else:
                yield Hit(UI_LABEL.id, f"the source names the UI label \"{label}\", which reads {wanted} in the UI "
                                       f"catalog ({where}); the translation does not use it",
                          suggestion=f"name the label {wanted}", matched=label)


def _loose_in(translation: str, folded_target: str) -> bool:
    """The catalog's translation less its trailing punctuation ("Passwort vergessen?" written
    "Passwort vergessen") still names the label."""
    from l10n_qa.packs.ui_catalog import loose_key

    key = loose_key(translation)
    return bool(key) and key in folded_target
