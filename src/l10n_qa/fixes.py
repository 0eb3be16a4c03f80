"""Safe machine fixes (`check --fix`): for the few rules whose fix is unambiguous, the exact text
that replaces a finding's span. Pure, like the checks: a fixer sees the segment and the hit and
returns (start, end, replacement) in the target text, or None where it cannot be sure.

Which rules, and why these only (facts: domain research §3.1, §3.6, §4.3, §4.5):
- whitespace.leading / whitespace.trailing: the source's whitespace is the answer by definition;
  whitespace.double-space: one space.
- French spacing (France): U+202F before ; ! ?, U+00A0 before : and inside « » (Imprimerie
  nationale, §4.3 V); Canadian French: no space before ; ! ? (OQLF, §4.3 V).
- Arabic-script punctuation: ? → ؟ (U+061F), , → ، (U+060C), ; → ؛ (U+061B) (§3.1 V).
- Japanese and Chinese: . → 。 between CJK characters; , → 、 in Japanese only (in Chinese a Latin
  comma may be ，or the enumeration comma 、: that needs a reader, so no fix).
- rtl.bidi-override: the override is deleted (with its PDF, so nothing is left unbalanced);
  rtl.bidi-embedding: LRE/RLE … PDF become LRI/RLI … PDI, the rule's own advice.
- encoding.mojibake: ftfy's repair, where it does not depend on the rest of the text.
Not fixed, on purpose: Spanish ¿ ¡ (where the question starts needs a reader), quotation marks
(nesting and apostrophes make straight quotes ambiguous).
"""

from __future__ import annotations

from collections.abc import Callable

from l10n_qa.model import Fix, Hit, Segment

NBSP, NNBSP = "\u00a0", "\u202f"
LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
PDI, LRI, RLI = "\u2069", "\u2066", "\u2067"

Edit = tuple[int, int, str]  # (start, end, replacement) in the segment's target text
Fixer = Callable[[Segment, Hit], "Edit | None"]


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()):]


def _leading_whitespace(segment: Segment, hit: Hit) -> Edit | None:
    if segment.source is None:
        return None
    target, wanted = segment.target, _leading(segment.source)
    present = _leading(target)
    if present:
        return 0, len(present), wanted
    # Nothing to replace: the first character is the span, so the edit can be verified in the file.
    return 0, 1, wanted + target[0]


def _trailing_whitespace(segment: Segment, hit: Hit) -> Edit | None:
    if segment.source is None:
        return None
    target, wanted = segment.target, _trailing(segment.source)
    present = _trailing(target)
    if present:
        return len(target) - len(present), len(target), wanted
    return len(target) - 1, len(target), target[-1] + wanted


def _replace_matched(table: dict[str, str]) -> Fixer:
    """A fixer that replaces the matched text by what `table` says (and leaves other matches alone)."""

    def fixer(segment: Segment, hit: Hit) -> Edit | None:
        replacement = table.get(segment.target[hit.start:hit.end])
        return None if replacement is None else (hit.start, hit.end, replacement)

    return fixer


def _cjk_punctuation(segment: Segment, hit: Hit) -> Edit | None:
    language = segment.target_locale.language if segment.target_locale else None
    table = {".": "。", ",": "、"} if language == "ja" else {".": "。"} if language == "zh" else {}
    return _replace_matched(table)(segment, hit)


def _closing_pdf(text: str, start: int) -> int | None:
    """The PDF that closes the embedding or override opened at `start`, or None: an isolate's PDI or
    the end of the paragraph closes it implicitly (Unicode bidi algorithm), and then there is none."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char in (LRE, RLE, LRO, RLO):
            depth += 1
        elif char == PDF:
            depth -= 1
            if depth == 0:
                return index
        elif char in (PDI, "\n", "\u2029"):
            return None
    return None


def _bidi_override(segment: Segment, hit: Hit) -> Edit | None:
    target = segment.target
    if target[hit.start:hit.end] not in (LRO, RLO):
        return None
    close = _closing_pdf(target, hit.start)
    if close is None:
        return hit.start, hit.end, ""
    inner = target[hit.start + 1:close]
    if any(c in inner for c in (LRE, RLE, LRO, RLO, PDF)):
        return None  # nested controls: which PDF belongs to which opener is for a person to sort out
    return hit.start, close + 1, inner


def _bidi_embedding(segment: Segment, hit: Hit) -> Edit | None:
    target = segment.target
    opener = target[hit.start:hit.end]
    if opener not in (LRE, RLE):
        return None
    close = _closing_pdf(target, hit.start)
    if close is None:
        return None  # no PDF to turn into a PDI: an isolate left open would be a new finding
    inner = target[hit.start + 1:close]
    if any(c in inner for c in (LRE, RLE, LRO, RLO, PDF)):
        return None
    return hit.start, close + 1, (LRI if opener == LRE else RLI) + inner + PDI


def _mojibake(segment: Segment, hit: Hit) -> Edit | None:
    """The characters ftfy restores, only where ftfy, reading the whole text, restores exactly what
    fixing each sequence the check found on its own gives: then the repair does not depend on the
    context, so it is unambiguous. Otherwise (ftfy would change more, less, or something else) the
    text is left to a person."""
    import ftfy  # only a text with mojibake pays for the import

    from l10n_qa.checks.encoding import MOJIBAKE_PATTERN

    target = segment.target
    pieces, position, own = [], 0, None
    for match in MOJIBAKE_PATTERN.finditer(target):
        repaired = ftfy.fix_encoding(match.group(0))
        if repaired == match.group(0) or "\ufeff" in repaired:
            return None  # a byte-order mark read as text (ï»¿): deleting it is a guess, not a repair
        if (match.start(), match.end()) == (hit.start, hit.end):
            own = repaired
        pieces += [target[position:match.start()], repaired]
        position = match.end()
    pieces.append(target[position:])
    if own is None or ftfy.fix_encoding(target) != "".join(pieces):
        return None
    return hit.start, hit.end, own


FIXERS: dict[str, Fixer] = {
    "whitespace.leading": _leading_whitespace,
    "whitespace.trailing": _trailing_whitespace,
    "whitespace.double-space": lambda segment, hit: (hit.start, hit.end, " "),
    "typography.french-space-missing": _replace_matched(
        {";": NNBSP + ";", "!": NNBSP + "!", "?": NNBSP + "?", ":": NBSP + ":", "«": "«" + NBSP, "»": NBSP + "»"}),
    "typography.french-breaking-space": _replace_matched({" ": NBSP, "« ": "«" + NBSP}),
    "typography.french-breaking-space-punctuation": _replace_matched({" ": NNBSP}),
    "typography.french-canada-space": _replace_matched({" ": "", NBSP: "", NNBSP: ""}),
    "rtl.latin-question-mark": _replace_matched({"?": "\u061f"}),
    "rtl.latin-comma": _replace_matched({",": "\u060c", ";": "\u061b"}),
    "typography.cjk-half-width-punctuation": _cjk_punctuation,
    "rtl.bidi-override": _bidi_override,
    "rtl.bidi-embedding": _bidi_embedding,
    "encoding.mojibake": _mojibake,
}


# What each fix does, for `explain` and the docs.
FIX_SUMMARIES: dict[str, str] = {
    "whitespace.leading": "the translation gets the source's leading whitespace",
    "whitespace.trailing": "the translation gets the source's trailing whitespace",
    "whitespace.double-space": "the double space becomes one space",
    "typography.french-space-missing": "inserts U+202F before ; ! ?, U+00A0 before : and inside « »",
    "typography.french-breaking-space": "the ordinary space becomes U+00A0",
    "typography.french-breaking-space-punctuation": "the ordinary space becomes U+202F",
    "typography.french-canada-space": "the space before ; ! ? is removed",
    "rtl.latin-question-mark": "? becomes ؟ (U+061F)",
    "rtl.latin-comma": ", becomes ، (U+060C) and ; becomes ؛ (U+061B)",
    "typography.cjk-half-width-punctuation": ". becomes 。 (and , becomes 、 in Japanese; a Chinese comma is left to you)",
    "rtl.bidi-override": "the override is deleted, with the PDF that closes it",
    "rtl.bidi-embedding": "LRE/RLE … PDF become LRI/RLI … PDI (not where embeddings nest)",
    "encoding.mojibake": "the characters are restored (Ã¼ → ü) where ftfy repairs the whole text the same way",
}


def _visible(text: str) -> str:
    """Text with its invisible characters named (U+202F), since a fix often is one."""
    return "".join(ch if ch.isprintable() and not ch.isspace() or ch == " " else f"<U+{ord(ch):04X}>" for ch in text)


def describe(fix: Fix) -> str:
    """`replace "?" with "<U+202F>?"`: what a fix does, readable in a report."""
    if not fix.replacement:
        return f'delete "{_visible(fix.original)}"'
    return f'replace "{_visible(fix.original)}" with "{_visible(fix.replacement)}"'


def fixable_rules() -> tuple[str, ...]:
    return tuple(sorted(FIXERS))


def fix_for(segment: Segment, hit: Hit) -> Fix | None:
    """The safe fix of a hit, with the file positions of the text it replaces, or None."""
    fixer = FIXERS.get(hit.rule)
    if fixer is None or hit.start is None or hit.end is None or hit.end <= hit.start:
        return None
    if hit.end > len(segment.target) or not segment.target.strip():
        return None
    edit = fixer(segment, hit)
    if edit is None:
        return None
    start, end, replacement = edit
    original = segment.target[start:end]
    if not original or original == replacement:
        return None
    target_map = segment.target_map
    line, column = target_map.locate(start)
    end_line, end_column = getattr(target_map, "locate_end", target_map.locate)(end)
    return Fix(start, end, original, replacement, line, column, end_line, end_column)
