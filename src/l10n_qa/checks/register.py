"""Mixed registers in one document (category `culture`): a German article that says "Sie" in one
paragraph and "du" in the next, a French macro with both "vous" and "tu".

Whichever register a brand chose (config `formality:`, checked by the formality rule pack), one
document must keep one. Domain research §5.2: "do not mix registers inside one document/macro";
markers per language from the same table (de V, fr V/P, es P). Only unambiguous markers count:
German "Sie" at a sentence start may mean "they", French "vous" may be a plural, Spanish "ustedes"
is the only plural outside Spain, so they are not markers.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from l10n_qa.checks.registry import Rule, document_checker
from l10n_qa.model import Hit, Severity

MIXED_REGISTER = Rule(
    "culture.mixed-register", "culture", Severity.WARNING,
    "One document addresses the customer in both registers (du and Sie, tu and vous, tú and usted).",
    "A brand keeps one register per language, and one article or macro must never switch between them: "
    "a reply that starts with \"Sie\" and ends with \"du\" reads as stitched together from two sources "
    "(domain research §5.2). The finding points at the first sentence in the register the document uses "
    "less; rewrite it in the other one.",
)

_MARKERS = {
    "de": (regex.compile(r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch)\b", regex.IGNORECASE),
           regex.compile(r"(?<=[\p{L},]\s+)(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b")),
    "fr": (regex.compile(r"\b(?:tu|toi|te|ta|tes)\b|\bt['’](?=\p{L})", regex.IGNORECASE),
           regex.compile(r"\b(?:vous|votre|vos)\b", regex.IGNORECASE)),
    "es": (regex.compile(r"\b(?:tú|contigo|tus?|ti)\b", regex.IGNORECASE),
           regex.compile(r"\busted\b", regex.IGNORECASE)),
}
_NAMES = {"de": ("du", "Sie"), "fr": ("tu", "vous"), "es": ("tú", "usted")}


@document_checker(MIXED_REGISTER)
def mixed_register(document, context) -> Iterator:
    locale = document.target_locale
    language = locale.language if locale is not None else None
    if language not in _MARKERS:
        return
    informal, formal = _MARKERS[language]
    found: dict[int, list] = {0: [], 1: []}  # 0 informal, 1 formal: (segment, match) in file order
    for segment in document.segments:
        text = segment.target or ""
        if not text.strip() or (segment.target_locale and segment.target_locale.language != language):
            continue
        for register, pattern in ((0, informal), (1, formal)):
            match = pattern.search(text)
            if match:
                found[register].append((segment, match))
    if not found[0] or not found[1]:
        return
    minority = 0 if len(found[0]) <= len(found[1]) else 1
    segment, match = found[minority][0]
    names = _NAMES[language]
    used, other = names[1 - minority], names[minority]
    yield segment, Hit(MIXED_REGISTER.id,
                       f"\"{match.group()}\" addresses the customer with \"{other}\", but the rest of the document says "
                       f"\"{used}\" ({_segments(len(found[1 - minority]))}): use one register throughout",
                       match.start(), match.end(), suggestion=f"rewrite with the \"{used}\" form", matched=match.group())


def _segments(count: int) -> str:
    return f"{count} segment" if count == 1 else f"{count} segments"
