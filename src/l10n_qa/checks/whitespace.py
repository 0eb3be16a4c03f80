"""Whitespace: leading and trailing whitespace, double spaces, stray tabs and line breaks.

Leading and trailing whitespace in a UI string is usually layout (a label followed by a value);
line breaks in a reply are its paragraphs. A translation that changes them changes the layout.
Trailing whitespace in article or policy prose, or a stray space after a source's final sentence
(a typo the translation need not copy), is info only (`whitespace.trailing-optional`).
"""

from __future__ import annotations

import re

from l10n_qa.checks.punctuation import final_mark
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()):]


def _shape(ws: str) -> str:
    """Whitespace as it matters: the line breaks, or else the exact spaces. Indentation next to a
    line break ("\\n    " vs "\\n") is template layout that renders the same."""
    return "\n" * ws.count("\n") if "\n" in ws else ws


# Content laid out as pages (blocks of prose), not strings a program joins to other text.
_PROSE = frozenset({"article", "policy"})
# Not the ellipsis: "copying images... " is a progress message the program appends its status to.
_SENTENCE_ENDS = frozenset({"full stop", "question mark", "exclamation mark"})


def _stray_space_after_sentence(pair, source_ws: str, target_ws: str) -> bool:
    """The source ends with a finished sentence and spaces (no line break), the translation with a
    finished sentence and nothing: the source's space is most likely a typo, not a separator."""
    if target_ws or not source_ws or "\n" in source_ws:
        return False
    language = pair.segment.target_locale.language if pair.segment.target_locale else None
    return (final_mark(pair.masked_source, None)[0] in _SENTENCE_ENDS
            and final_mark(pair.masked_target, language)[0] in _SENTENCE_ENDS)


_NAMES = {" ": "space", "\n": "line break", "\t": "tab", "\u00a0": "no-break space", "\u202f": "narrow no-break space",
          "\r": "carriage return"}


def _show(ws: str) -> str:
    """'  \\n' → '2 spaces and a line break': whitespace named, since it cannot be seen."""
    if not ws:
        return "none"
    runs: list[list] = []
    for ch in ws:
        name = _NAMES.get(ch, f"U+{ord(ch):04X}")
        if runs and runs[-1][0] == name:
            runs[-1][1] += 1
        else:
            runs.append([name, 1])
    parts = [f"{count} {name}s" if count > 1 else f"a {name}" for name, count in runs]
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _difference(verb: str, imperative: str, source_ws: str, target_ws: str) -> tuple[str, str]:
    if not source_ws:
        return f"the translation {verb} with {_show(target_ws)}, the source does not", "remove it"
    if not target_ws:
        return f"the source {verb} with {_show(source_ws)}, the translation does not", f"{imperative} with {_show(source_ws)}"
    return (f"the translation {verb} with {_show(target_ws)}, the source with {_show(source_ws)}",
            f"{imperative} with {_show(source_ws)}")


LEADING = Rule(
    "whitespace.leading", "whitespace", Severity.WARNING,
    "Leading whitespace differs from the source.",
    "Leading spaces and line breaks are layout the software relies on (indentation, a value joined to a "
    "label). Start the translation with the same whitespace as the source.",
)
TRAILING = Rule(
    "whitespace.trailing", "whitespace", Severity.WARNING,
    "Trailing whitespace differs from the source.",
    "A trailing space often separates the string from what the program appends (\"Total: \" + amount). "
    "End the translation with the same whitespace as the source.",
    ("Total: ", "Gesamt:", "Gesamt: "),
)
TRAILING_OPTIONAL = Rule(
    "whitespace.trailing-optional", "whitespace", Severity.INFO,
    "Trailing whitespace differs in page prose, or after the source's last sentence (a likely typo).",
    "In an article or policy, text blocks are laid out by the page, not joined to what a program appends; "
    "and a UI string that ends with a finished sentence and a space (\"You're protected! \") most often has "
    "a typo in the source, which the translation need not copy. Only if the program does append text "
    "right after it, end the translation with the same whitespace as the source.",
    ("You're protected! ", "Sie sind geschützt!", "Sie sind geschützt! "),
)
DOUBLE_SPACE = Rule(
    "whitespace.double-space", "whitespace", Severity.WARNING,
    "The translation has a double space that the source does not have.",
    "Double spaces are typing slips that show as uneven gaps in the rendered text. Use one space.",
    ("Your order has shipped.", "Ihre  Bestellung wurde versandt.", "Ihre Bestellung wurde versandt."),
)
LINE_BREAKS = Rule(
    "whitespace.line-breaks", "whitespace", Severity.WARNING,
    "The translation has a different number of line breaks than the source.",
    "Line breaks in a reply or UI string are its paragraphs and layout; a stray or lost one shows in "
    "what the customer reads. Keep the same line breaks as the source.",
)
TABS = Rule(
    "whitespace.tabs", "whitespace", Severity.WARNING,
    "The translation has a different number of tab characters than the source.",
    "A tab in a translation is almost always pasted by accident and renders as a wide gap or nothing. "
    "Replace it with a space, or keep the tabs the source has.",
)


@checker(LEADING, TRAILING, TRAILING_OPTIONAL, DOUBLE_SPACE, LINE_BREAKS, TABS)
def whitespace(pair):
    source, target = pair.source, pair.target
    if not target.strip():
        return
    src_lead, tgt_lead = _leading(source), _leading(target)
    if _shape(src_lead) != _shape(tgt_lead):
        message, suggestion = _difference("starts", "start", src_lead, tgt_lead)
        yield Hit(LEADING.id, message, 0, max(len(tgt_lead), 1), suggestion=suggestion, matched=tgt_lead)
    src_trail, tgt_trail = _trailing(source), _trailing(target)
    if _shape(src_trail) != _shape(tgt_trail):
        start = len(target) - len(tgt_trail)
        message, suggestion = _difference("ends", "end", src_trail, tgt_trail)
        rule = TRAILING
        if pair.segment.content_type in _PROSE:
            rule = TRAILING_OPTIONAL
        elif _stray_space_after_sentence(pair, src_trail, tgt_trail):
            rule = TRAILING_OPTIONAL
            message = f"the source ends with {_show(src_trail)} after its final sentence, probably a typo; the translation does not"
            suggestion = "nothing to do, unless the program appends text right after this string"
        yield Hit(rule.id, message, start if tgt_trail else max(start - 1, 0), len(target),
                  suggestion=suggestion, matched=tgt_trail)
    if "  " in target:
        allowed = len(_DOUBLE_SPACE.findall(source))
        for m in list(_DOUBLE_SPACE.finditer(target))[allowed:]:
            yield Hit(DOUBLE_SPACE.id, "double space", m.start(), m.end(), suggestion="use a single space", matched=m.group(0))
    inner_src, inner_tgt = source.strip(), target.strip()
    src_breaks, tgt_breaks = inner_src.count("\n"), inner_tgt.count("\n")
    if src_breaks != tgt_breaks:
        offset = len(target) - len(target.lstrip())
        if tgt_breaks > src_breaks:
            positions = [i + offset for i, c in enumerate(inner_tgt) if c == "\n"]
            start = positions[src_breaks]
        else:
            start = None
        yield Hit(LINE_BREAKS.id, f"{tgt_breaks} line break(s) inside the text, the source has {src_breaks}",
                  start, None if start is None else start + 1, suggestion=f"keep the source's {src_breaks} line break(s)")
    src_tabs, tgt_tabs = source.count("\t"), target.count("\t")
    if src_tabs != tgt_tabs:
        positions = [i for i, c in enumerate(target) if c == "\t"]
        start = positions[src_tabs] if tgt_tabs > src_tabs else None
        yield Hit(TABS.id, f"{tgt_tabs} tab(s), the source has {src_tabs}", start, None if start is None else start + 1,
                  suggestion="use spaces, or keep the source's tabs")
