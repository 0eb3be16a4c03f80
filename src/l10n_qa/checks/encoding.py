"""Encoding damage: mojibake, the replacement character, stray control characters.

These come from a file saved or copied in the wrong encoding somewhere in the pipeline; the
customer sees "GrÃ¼ÃŸe" instead of "Grüße".
"""

from __future__ import annotations

import re

from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

# UTF-8 bytes decoded as Latin-1/CP1252: a lead byte Â/Ã (C2/C3) or â (E2) followed by a character
# that a continuation byte 0x80–0xBF becomes in CP1252/Latin-1.
_CONTINUATION = "\u00a0-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u0080-\u009f"
MOJIBAKE_PATTERN = re.compile(f"[\u00c2\u00c3][{_CONTINUATION}]|\u00e2[\u0080-\u009f\u20ac][{_CONTINUATION}]|\u00ef\u00bb\u00bf")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

MOJIBAKE = Rule(
    "encoding.mojibake", "encoding", Severity.ERROR,
    "The translation contains mojibake: UTF-8 text that was decoded as Latin-1 or Windows-1252.",
    "Sequences like `Ã¼` (ü) or `â€™` (’) appear when a file passes through a tool with the wrong "
    "encoding; customers see garbage. Re-export the file as UTF-8 or retype the characters.",
    ("Best regards", "Viele GrÃ¼ÃŸe", "Viele Grüße"),
)
REPLACEMENT = Rule(
    "encoding.replacement-char", "encoding", Severity.ERROR,
    "The translation contains U+FFFD, the replacement character (�).",
    "U+FFFD marks bytes that could not be decoded: a character was lost. Retype it from the original.",
)
CONTROL = Rule(
    "encoding.control-char", "encoding", Severity.ERROR,
    "The translation contains an invisible control character that the source does not have.",
    "Control characters (other than tab and line breaks) are invisible in editors, break XML and JSON "
    "exports and render as boxes. Delete it.",
)


@checker(MOJIBAKE, REPLACEMENT, CONTROL)
def encoding(pair):
    source, target = pair.source, pair.target
    if target.isascii() and not _CONTROL.search(target):
        return
    if not MOJIBAKE_PATTERN.search(source):
        for m in MOJIBAKE_PATTERN.finditer(target):
            try:
                fixed = m.group(0).encode("cp1252", errors="strict").decode("utf-8", errors="strict")
            except UnicodeError:
                fixed = ""
            yield Hit(MOJIBAKE.id, f"mojibake `{m.group(0)}`" + (f" (probably `{fixed}`)" if fixed else ""),
                      m.start(), m.end(), suggestion=f"write `{fixed}`" if fixed else "re-export the file as UTF-8",
                      matched=m.group(0))
    if "\ufffd" not in source:
        for i, c in enumerate(target):
            if c == "\ufffd":
                yield Hit(REPLACEMENT.id, "replacement character U+FFFD: a character was lost", i, i + 1,
                          suggestion="retype the lost character", matched=c)
    source_controls = set(_CONTROL.findall(source))
    for m in _CONTROL.finditer(target):
        if m.group(0) not in source_controls:
            yield Hit(CONTROL.id, f"control character U+{ord(m.group(0)):04X}", m.start(), m.end(),
                      suggestion="delete it", matched=m.group(0))
