"""Structure: a translated article must keep its source's shape and everything in it that is not prose.

Runs on the block alignment that pairing records on a monolingual document (l10n_qa.blocks), so it
is a document checker: it needs the blocks that have no partner, which no single segment knows.
Reported: blocks of the source the translation lacks, blocks it adds, headings moved to another
level, links, images and code spans lost, added or changed, and code blocks changed. Link targets
and image sources are compared like URLs (the locale part of a help-center path may change).
Fields and entries (front matter, catalogs) are not structure: a missing one is untranslated and an
extra one is an orphan (completeness).
"""

from __future__ import annotations

from dataclasses import replace

from l10n_qa.blocks import KEYED_KINDS, AlignedBlock, Block, InlineRef, Pairing
from l10n_qa.checks.registry import Rule, document_checker
from l10n_qa.checks.urls import _url_key
from l10n_qa.model import Hit, Locale, Severity

MISSING = Rule(
    "structure.missing", "structure", Severity.ERROR,
    "A heading, paragraph, list item, table cell, code block, image, link or code span of the source is "
    "missing from the translation.",
    "A dropped paragraph or step leaves customers without part of the answer; a dropped link or image loses "
    "what the article points to. Translate the missing part where the source has it.",
    ("See [our refund policy](/hc/en-us/articles/123).", "Siehe unsere Erstattungsrichtlinie.",
     "Siehe [unsere Erstattungsrichtlinie](/hc/de/articles/123)."),
)
EXTRA = Rule(
    "structure.extra", "structure", Severity.WARNING,
    "The translation has a heading, paragraph, list item, table cell, code block, image, link or code span "
    "that the source does not have.",
    "Content that only the translation has was not reviewed with the source: a left-over from an older "
    "version, or a paragraph split in two. Remove it, or merge it back into the block it belongs to.",
)
LINK_CHANGED = Rule(
    "structure.link-changed", "structure", Severity.ERROR,
    "A link target or image source differs from the source's.",
    "A changed link sends customers to another page, a changed image source shows another picture or none. "
    "Keep the target; only the locale part of a help-center path may change (`/hc/en-us/` → `/hc/de/`, "
    "`../en-US/x.md` → `../de-DE/x.md`).",
    ("[refund policy](/hc/en-us/articles/123)", "[Erstattungsrichtlinie](/hc/de/articles/124)",
     "[Erstattungsrichtlinie](/hc/de/articles/123)"),
)
CODE_CHANGED = Rule(
    "structure.code-changed", "structure", Severity.ERROR,
    "A code block or inline code differs from the source's.",
    "Code, commands, settings names and keyboard shortcuts are what the customer types or looks for on "
    "screen; they are never translated. Copy the code exactly as in the source.",
    ("Run `pip install l10n-qa`.", "Führen Sie `pip installieren l10n-qa` aus.", "Führen Sie `pip install l10n-qa` aus."),
)
HEADING_LEVEL = Rule(
    "structure.heading-level", "structure", Severity.WARNING,
    "A heading is on another level than the source's.",
    "Heading levels build the article's outline, its table of contents and the anchors other pages link "
    "to. Use the source's level (`##` stays `##`, `<h2>` stays `<h2>`).",
    ("## Before you start", "### Bevor Sie beginnen", "## Bevor Sie beginnen"),
)

_REF_NAMES = {"link": "link", "image": "image", "code": "inline code", "href": "link", "src": "image",
              "html-code": "inline code"}


@document_checker(MISSING, EXTRA, LINK_CHANGED, CODE_CHANGED, HEADING_LEVEL)
def structure(document, context):
    pairing = document.pairing
    if not isinstance(pairing, Pairing):
        return
    for pair in pairing.aligned:
        source, target = pair.source, pair.target
        if source is not None and target is None:
            if source.kind not in KEYED_KINDS:
                yield pair.placement(), Hit(MISSING.id, f"{source.describe()} of the source is missing here",
                                            suggestion="translate it and add it here, as in the source",
                                            matched=source.text[:80])
        elif target is not None and source is None:
            if target.kind not in KEYED_KINDS:
                yield pair.placement(), Hit(EXTRA.id, f"{target.describe()} is not in the source", 0,
                                            len(target.text), suggestion="remove it, or merge it into the block it "
                                            "belongs to", matched=target.text[:80])
        elif source is not None and target is not None:
            yield from _compare(pair, source, target, document.source_locale, target.locale or document.target_locale)


def _compare(pair: AlignedBlock, source: Block, target: Block, source_locale: Locale | None, target_locale: Locale | None):
    placed = pair.placement()
    if source.kind == "heading" and source.level and target.level and source.level != target.level:
        yield placed, Hit(HEADING_LEVEL.id, f"heading level {target.level}, the source's is {source.level}", 0,
                          len(target.text), suggestion=f"make it a level-{source.level} heading, as in the source",
                          matched=f"h{target.level}")
    if source.kind == "code":
        yield from _compare_code_block(placed, source, target)
        return
    for kind in ("link", "image", "code", "href", "src", "html-code"):
        source_refs = [r for r in source.refs if r.kind == kind]
        target_refs = [r for r in target.refs if r.kind == kind]
        if source_refs or target_refs:
            yield from _compare_refs(placed, kind, source_refs, target_refs, source_locale, target_locale)


def _key(ref: InlineRef, locale: Locale | None) -> str:
    if ref.kind == "code":
        # A space at the edge of an inline code span (`select `) does not show and is never what a reader
        # types: comparing it made a translation that drops a typo's space a changed-code error.
        return ref.value.strip()
    if ref.kind == "html-code":
        return ref.value
    return _url_key(ref.value, locale) if ref.value else ""


def _compare_refs(placed, kind: str, source_refs: list[InlineRef], target_refs: list[InlineRef],
                  source_locale: Locale | None, target_locale: Locale | None):
    name = _REF_NAMES[kind]
    left = list(target_refs)
    unmatched: list[InlineRef] = []
    for ref in source_refs:
        exact, localized = _key(ref, None), _key(ref, source_locale)
        index = next((i for i, t in enumerate(left) if _key(t, None) == exact or _key(t, target_locale) == localized), None)
        if index is None:
            unmatched.append(ref)
        else:
            del left[index]
    # Markup checks report lost and added HTML tags; for HTML links only a changed target is ours.
    changes_only = kind in ("href", "src", "html-code")
    # A changed or extra link, image or code span is reported over all of it, syntax included.
    whole = getattr(placed.target_map, "with_syntax", None)
    if whole is not None:
        placed = replace(placed, target_map=whole())
    while unmatched and left:
        ref, partner = unmatched.pop(0), left.pop(0)
        is_code = kind in ("code", "html-code")
        rule = CODE_CHANGED if is_code else LINK_CHANGED
        what = "inline code" if is_code else ("image source" if kind in ("image", "src") else "link target")
        yield placed, Hit(rule.id, f"{what} `{partner.value}` differs from the source's `{ref.value}`",
                          partner.start, partner.end,
                          suggestion=f"use `{ref.value}`" + ("" if is_code else " (only the locale part of the path may change)"),
                          matched=partner.value)
    if changes_only:
        return
    for ref in unmatched:
        yield placed, Hit(MISSING.id, f"{name} {ref.shown or ref.value} of the source is missing",
                          suggestion=f"add {ref.shown or ref.value} as in the source", matched=ref.shown or ref.value)
    for ref in left:
        yield placed, Hit(EXTRA.id, f"{name} {ref.shown or ref.value} is not in the source", ref.start, ref.end,
                          suggestion="remove it or check the source", matched=ref.shown or ref.value)


def _compare_code_block(placed, source: Block, target: Block):
    source_lines = [line.rstrip() for line in source.text.rstrip().split("\n")]
    target_lines = [line.rstrip() for line in target.text.rstrip().split("\n")]
    if source_lines == target_lines:
        return
    index = next((i for i, (a, b) in enumerate(zip(source_lines, target_lines)) if a != b),
                 min(len(source_lines), len(target_lines)))
    raw_lines = target.text.split("\n")
    start = sum(len(line) + 1 for line in raw_lines[:index])
    if index < len(raw_lines):
        end = start + len(raw_lines[index])
        shown = target_lines[index] if index < len(target_lines) else ""
    else:
        start = end = len(target.text)
        shown = ""
    wanted = source_lines[index] if index < len(source_lines) else ""
    what = f"`{shown}` instead of `{wanted}`" if shown and wanted else (
        f"line `{wanted}` is missing" if wanted else f"line `{shown}` is not in the source")
    yield placed, Hit(CODE_CHANGED.id, f"code block changed: {what}", start, max(end, start + 1) if shown else None,
                      suggestion="copy the code block exactly as in the source", matched=shown or wanted)
