"""Texts from translations shown safely on a terminal or CI log (D13 of ../shared/fuzz-repro).

A translation may hold terminal escape sequences (ESC: clear the screen, set the title, recolour, and
print a fake "All checks passed"), other control characters, or invisible bidi and zero-width
characters that disguise a string. The text and GitHub reports show each as a visible `<U+001B>`
instead of passing it to the terminal; the HTML report marks the same characters (INVISIBLE) as
highlighted `<U+001B>` spans.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return (the reports lay those out or escape them
# themselves: rich drops CR, the GitHub report writes it %0D), DEL, C1 controls, bidi
# embeddings/overrides/isolates and marks, zero-width characters and the BOM.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """`text` with every control or invisible character written as `<U+XXXX>`."""
    return INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
