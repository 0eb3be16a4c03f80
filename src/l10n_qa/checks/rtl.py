"""Right-to-left hygiene (category `rtl`): bidi control characters, digit systems, the direction of
HTML articles, and RTL strings whose first strong character is Latin.

Facts: domain research §3 (Unicode character data, W3C i18n guidance, Trojan Source). The
character-level script rules (Latin "?" in Arabic, Arabic letters in Persian) are data in
rules/rtl.yaml; what needs counting or bidi classes is here.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.registry import Rule, checker, document_checker
from l10n_qa.model import Hit, Severity

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
_NAMES = {LRE: "LRE (U+202A)", RLE: "RLE (U+202B)", PDF: "PDF (U+202C)", LRO: "LRO (U+202D)", RLO: "RLO (U+202E)",
          LRI: "LRI (U+2066)", RLI: "RLI (U+2067)", FSI: "FSI (U+2068)", PDI: "PDI (U+2069)",
          LRM: "LRM (U+200E)", RLM: "RLM (U+200F)", ALM: "ALM (U+061C)"}
_CONTROLS = frozenset(_NAMES)
_WESTERN = frozenset("0123456789")
_ARABIC_INDIC = frozenset(chr(c) for c in range(0x0660, 0x066A))
_EXTENDED = frozenset(chr(c) for c in range(0x06F0, 0x06FA))

OVERRIDE = Rule(
    "rtl.bidi-override", "rtl", Severity.ERROR,
    "A bidi override character (LRO U+202D, RLO U+202E) in the translation.",
    "Overrides force every following character into one direction, whatever its own: they can make "
    "a text display differently from what it is (\"Trojan Source\", CVE-2021-42574; RLO has been used to "
    "disguise file extensions). Support text never needs them. Remove the override; to keep a Latin "
    "run left-to-right in RTL text, isolate it with LRI (U+2066) … PDI (U+2069) or `<bdi>`.",
)
UNBALANCED = Rule(
    "rtl.bidi-unbalanced", "rtl", Severity.WARNING,
    "A bidi embedding or isolate is not closed (LRE/RLE/LRI/RLI/FSI without PDF/PDI), or a PDF/PDI closes nothing.",
    "Each embedding (LRE, RLE) needs a PDF (U+202C) and each isolate (LRI, RLI, FSI) a PDI (U+2069), "
    "properly nested; an unclosed one changes the direction of everything after it when the string is "
    "inserted into a page or another message, and a stray closer is a sign of a broken edit. (Derived "
    "from the Unicode isolates proposal; partly verified, so a warning.) Close it, or remove both.",
    ("{name} ordered", "\u2067{name} طلب", "\u2067{name}\u2069 طلب"),
)
EMBEDDING = Rule(
    "rtl.bidi-embedding", "rtl", Severity.WARNING,
    "A bidi embedding (LRE U+202A, RLE U+202B) where an isolate would be safer.",
    "Since Unicode 6.3 the Unicode Consortium recommends isolates (LRI, RLI, FSI … PDI) over "
    "embeddings: an isolate does not affect the text around it, an embedding does (W3C i18n). "
    "Replace LRE … PDF with LRI … PDI (RLE with RLI).",
)
LOST_CONTROL = Rule(
    "rtl.bidi-control-lost", "rtl", Severity.WARNING,
    "The source has bidi marks or isolates (LRM, RLM, ALM, LRI…PDI) that the translation dropped.",
    "Directional marks and isolates in a source string are there to make a Latin run, a number or a "
    "placeholder display in the right order; a translation that drops them (often by retyping the "
    "text) brings back the reordering they fixed. Keep them, at the same places.",
)
MIXED_DIGITS = Rule(
    "rtl.mixed-digits", "rtl", Severity.WARNING,
    "One segment writes numbers with two digit systems (Western 0–9 and Arabic-Indic ٠–٩ or ۰–۹).",
    "A locale uses one digit system (CLDR: Western digits for ar, ar-AE, he, ur; Arabic-Indic for "
    "ar-SA, ar-EG…; extended Arabic-Indic for fa), and the two systems also behave differently in the "
    "bidi algorithm. Either system alone is fine; mixing them in one message looks careless and "
    "can reorder numbers. Use one system throughout the segment.",
    ("Order 12 of 30", "الطلب ١٢ من 30", "الطلب ١٢ من ٣٠"),
)
LTR_START = Rule(
    "rtl.ltr-start", "rtl", Severity.WARNING,
    "An RTL string begins with a Latin (left-to-right) word, so first-strong detection makes the whole string LTR.",
    "Where a plain-text string has no direction of its own (push notifications, e-mail subjects, chat "
    "widgets, `dir=\"auto\"`), its direction is taken from its first strong character: an Arabic or "
    "Hebrew sentence that starts with a brand name or URL then displays left-to-right, with its "
    "punctuation on the wrong side (W3C i18n). Start the string with RLM (U+200F), isolate the Latin "
    "run (LRI … PDI), or rephrase so it starts with an RTL word. Not reported in HTML with dir=\"rtl\".",
    ("Example Shop has received your order.", "Example Shop استلم طلبك.", "\u200fExample Shop استلم طلبك."),
)
LTR_START_UI = Rule(
    "rtl.ltr-start-ui", "rtl", Severity.INFO,
    "An RTL UI string begins with a Latin word (JSON, IPv4, a product name): fine where the UI sets dir=\"rtl\".",
    "A UI catalog's strings are shown inside an application whose layout sets the direction (Django's "
    "admin sets dir=\"rtl\" for Arabic and Hebrew), so a string that starts with a technical term kept in "
    "Latin displays correctly there. Only where the string is shown as plain text with no direction of "
    "its own (a notification, `dir=\"auto\"`) start it with RLM (U+200F) or rephrase.",
    ("IPv4 address", "IPv4 ئادرېسى", "\u200fIPv4 ئادرېسى"),
)
MISSING_DIR = Rule(
    "rtl.missing-dir", "rtl", Severity.ERROR,
    "An HTML article in a right-to-left locale without dir=\"rtl\" (or with dir=\"ltr\").",
    "`lang` does not set the direction: without dir=\"rtl\" on the html element (or the content "
    "container) the browser lays out an Arabic or Hebrew article left-to-right: lists, tables and "
    "punctuation land on the wrong side (W3C i18n). Add dir=\"rtl\" to the root element, and use "
    "dir=\"ltr\" only on the inner elements that really are left-to-right (code, a quoted English title).",
)


def _is_rtl(pair: Pair) -> bool:
    locale = pair.segment.target_locale
    return locale is not None and locale.direction == "rtl"


@checker(OVERRIDE, UNBALANCED, EMBEDDING, LOST_CONTROL)
def bidi_controls(pair: Pair) -> Iterator[Hit]:
    """Runs on every target: a bidi override is a danger in any language."""
    target, source = pair.target, pair.source
    if _CONTROLS.isdisjoint(target) and _CONTROLS.isdisjoint(source):
        return
    balance = list(_balance(target))
    # One slip, one finding: an embedding that is never closed is reported as unbalanced (with the
    # advice to use an isolate), not a second time as an embedding.
    unclosed = {hit.start for hit in balance if hit.matched in (_NAMES[LRE], _NAMES[RLE])}
    for index, char in enumerate(target):
        if char in (LRO, RLO):
            yield Hit(OVERRIDE.id, f"bidi override {_NAMES[char]}: remove it; isolate a left-to-right run with "
                                   "LRI … PDI or <bdi> instead", index, index + 1,
                      suggestion="delete the override character", matched=_NAMES[char])
        elif char in (LRE, RLE) and index not in unclosed:
            yield Hit(EMBEDDING.id, f"bidi embedding {_NAMES[char]}: use an isolate ("
                                    f"{'LRI' if char == LRE else 'RLI'} … PDI) instead", index, index + 1,
                      suggestion=f"replace with {'LRI (U+2066)' if char == LRE else 'RLI (U+2067)'} and its PDF with PDI",
                      matched=_NAMES[char])
    yield from balance
    lost = Counter(c for c in source if c in _CONTROLS) - Counter(c for c in target if c in _CONTROLS)
    for char, missing in lost.items():
        yield Hit(LOST_CONTROL.id, f"the source has {_NAMES[char]} {'once' if missing == 1 else f'{missing} more times'} "
                                   "where the translation has none: keep the directional marks of the source",
                  suggestion=f"restore {_NAMES[char]}", matched=_NAMES[char])


def _balance(text: str) -> Iterator[Hit]:
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in (LRE, RLE, LRO, RLO, LRI, RLI, FSI):
            stack.append((char, index))
        elif char == PDF:
            if stack and stack[-1][0] in (LRE, RLE, LRO, RLO):
                stack.pop()
            else:
                yield Hit(UNBALANCED.id, f"{_NAMES[PDF]} closes no embedding here: remove it or add its opener",
                          index, index + 1, suggestion="remove the stray PDF", matched=_NAMES[PDF])
        elif char == PDI:
            # A PDI also closes the embeddings opened inside its isolate (UAX #9).
            opened = [i for i, (c, _) in enumerate(stack) if c in (LRI, RLI, FSI)]
            if opened:
                del stack[opened[-1]:]
            else:
                yield Hit(UNBALANCED.id, f"{_NAMES[PDI]} closes no isolate here: remove it or add its opener",
                          index, index + 1, suggestion="remove the stray PDI", matched=_NAMES[PDI])
    for char, index in stack:
        if char in (LRO, RLO):
            continue  # reported as an override already
        if char in (LRI, RLI, FSI):
            message, suggestion = f"{_NAMES[char]} is never closed: add PDI (U+2069) where the run ends", "add PDI (U+2069)"
        else:
            isolate = "LRI (U+2066)" if char == LRE else "RLI (U+2067)"
            message = (f"{_NAMES[char]} is never closed: add PDF (U+202C) where the run ends, or better, "
                       f"use an isolate: {isolate} … PDI (U+2069)")
            suggestion = f"replace it with {isolate} and add PDI (U+2069) where the run ends"
        yield Hit(UNBALANCED.id, message, index, index + 1, suggestion=suggestion, matched=_NAMES[char])


@checker(MIXED_DIGITS, LTR_START, LTR_START_UI)
def rtl_text(pair: Pair) -> Iterator[Hit]:
    text = pair.masked_target
    systems = {}
    for index, char in enumerate(text):
        if char in _WESTERN:
            systems.setdefault("Western (0-9)", index)
        elif char in _ARABIC_INDIC:
            systems.setdefault("Arabic-Indic (٠-٩)", index)
        elif char in _EXTENDED:
            systems.setdefault("extended Arabic-Indic (۰-۹)", index)
    if len(systems) > 1:
        (first, _), (second, where) = sorted(systems.items(), key=lambda item: item[1])[:2]
        yield Hit(MIXED_DIGITS.id, f"numbers in two digit systems: {first} and {second} from here on; use one "
                                   "system throughout", where, where + 1,
                  suggestion=f"write the numbers in {first} digits", matched=text[where])
    if _is_rtl(pair) and pair.segment.direction != "rtl":
        # UI catalogs are shown in an application's own layout, which sets the direction: info only.
        yield from _ltr_start(text, LTR_START_UI if pair.segment.content_type == "ui" else LTR_START)


def _ltr_start(text: str, rule: Rule) -> Iterator[Hit]:
    depth = 0
    for index, char in enumerate(text):
        if char in (LRI, RLI, FSI):
            depth += 1  # first-strong detection skips isolated text
        elif char == PDI and depth:
            depth -= 1
        elif depth:
            continue
        else:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL", "RLE", "RLO"):
                return
            if kind == "L":
                if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text[index:]):
                    return  # no RTL text at all (a name or code left as is)
                end = index
                while end < len(text) and unicodedata.bidirectional(text[end]) not in ("R", "AL"):
                    end += 1
                run = text[index:end].rstrip(" \t\n.,:;!?-–—(")
                where = ("where the direction is detected from the first strong character" if rule is LTR_START else
                         "fine where the application sets dir=\"rtl\"; shown as plain text or with dir=\"auto\"")
                yield Hit(rule.id, f"the text starts with the left-to-right \"{run}\": {where}, the whole sentence "
                                   "displays left-to-right; start it with RLM (U+200F) or rephrase",
                          index, index + len(run), suggestion="insert RLM (U+200F) at the start", matched=run)
                return


@document_checker(MISSING_DIR)
def html_direction(document, context) -> Iterator:
    locale = document.target_locale
    if document.format != "html" or locale is None or locale.direction != "rtl" or not document.segments:
        return
    directions = {segment.direction for segment in document.segments}
    if "rtl" in directions:
        return
    first = document.segments[0]
    if "ltr" in directions:
        first = next(segment for segment in document.segments if segment.direction == "ltr")
        message = f"the article is {locale} (right-to-left) but its text is marked dir=\"ltr\": set dir=\"rtl\" on the root element"
    else:
        message = (f"the article is {locale} (right-to-left) but has no dir=\"rtl\": browsers will lay it out "
                   "left-to-right; add dir=\"rtl\" to the html element")
    yield first, Hit(MISSING_DIR.id, message, suggestion='add dir="rtl" to <html>')
