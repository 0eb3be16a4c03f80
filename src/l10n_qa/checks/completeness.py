"""Completeness: untranslated, empty, fuzzy and needs-review units, and copies of the source.

A unit that was never translated, or only machine-suggested, ships as the source language or as
an unreviewed guess.
"""

from __future__ import annotations

import regex

from l10n_qa.blocks import KEYED_KINDS, Pairing
from l10n_qa.checks.registry import Rule, checker, document_checker
from l10n_qa.model import FixedPosition, Hit, Segment, Severity

_WORD = regex.compile(r"\p{L}{2,}")

EMPTY = Rule(
    "completeness.empty", "completeness", Severity.WARNING,
    "The unit has no translation.",
    "An untranslated unit shows customers the source language, or nothing. Translate it before the "
    "content ships.",
)
FUZZY = Rule(
    "completeness.fuzzy", "completeness", Severity.WARNING,
    "The translation is marked fuzzy or needs review.",
    "Fuzzy and needs-review translations are guesses (a previous version's translation, or a machine "
    "suggestion) that gettext and most tools do not ship. Review it and clear the flag.",
)
UNTRANSLATED = Rule(
    "completeness.untranslated", "completeness", Severity.WARNING,
    "The translation is identical to the source.",
    "A sentence copied unchanged into the translation usually means it was skipped. Translate it; "
    "strings that need no translation are not reported: single words, codes, domains and identifiers "
    "(Amazon.com, api_key), postal addresses, Python-Markdown attribute lists, and names of a few "
    "capitalized words that the translation also keeps inside its translated text (Mozilla VPN). A file "
    "whose text blocks are mostly copies (at least 3, more than half) is reported once, at the first, with "
    "the count.",
    ("Contact our support team.", "Contact our support team.", "Kontaktieren Sie unser Support-Team."),
)


# Python-Markdown attribute lists (`{: #vpn }`) and heading ids (`{#vpn}`) are markup, not words.
_ATTRIBUTE_LIST = regex.compile(r"\{:[^{}\n]*\}|\{#[\w:.-]+\}")
# A token that is code, a domain or an identifier: Amazon.com, support@example.com, v2.1, api_key, iOS.
_CODE_TOKEN = regex.compile(r"[\p{L}\p{N}_-]+(?:[./@:\\][\p{L}\p{N}_-]+)+|\S*\p{N}\S*|\S*_\S*|\p{Ll}+\p{Lu}\S*")
_TOKEN_EDGES = "\"'“”‘’«»()[]{},;:!?.…–—-*•·|"
_TAG = regex.compile(r"<[^<>]*>|\uFFFC")
_DIGIT_GROUP = regex.compile(r"\p{N}{2,}")


def _tokens(text: str) -> list[str]:
    found = (token.strip(_TOKEN_EDGES) for token in _TAG.sub(" ", text).split())
    return [t for t in found if t]


def _capitalized_words(text: str) -> list[str] | None:
    """The words of a text in which every word of two letters or more starts with a capital
    (`Mozilla VPN`, `Bird & Bird DPO Services SRL`), else None."""
    words = [t for t in _tokens(text) if len(_WORD.findall(t)) and t[0].isalpha() and sum(c.isalpha() for c in t) >= 2]
    if not words or not all(w[0].isupper() for w in words):
        return None
    return words


def _kept_on_purpose(text: str) -> bool:
    """Text that a translation keeps as it is: code-like strings and domains (`Amazon.com`), and
    postal addresses (capitalized words with house numbers and postcodes)."""
    tokens = [t for t in _tokens(text) if regex.search(r"\p{L}", t)]
    if tokens and all(_CODE_TOKEN.fullmatch(t) for t in tokens):
        return True
    words = _capitalized_words(text)
    return bool(words and len(words) >= 3 and _DIGIT_GROUP.search(text))


@checker(EMPTY, FUZZY, UNTRANSLATED, needs_translation=False)
def completeness(pair):
    seg = pair.segment
    if seg.state in ("fuzzy", "needs-review"):
        yield Hit(FUZZY.id, f"marked {seg.state}: not a reviewed translation",
                  suggestion="review the translation and clear the flag")
        return
    same_language = bool(seg.source_locale and seg.target_locale
                         and seg.source_locale.language == seg.target_locale.language)
    if seg.state == "untranslated" or not seg.target.strip():
        # An en-GB catalog of an English source leaves strings empty on purpose: gettext then
        # shows the source, which is already right.
        if seg.source and seg.source.strip() and not same_language:
            yield Hit(EMPTY.id, "no translation", suggestion="translate it")
        return
    if seg.source is None or seg.target.strip() != seg.source.strip():
        return
    if same_language:
        return
    # Only prose counts: two or more words left once placeholders, tags and links are taken out.
    prose = _ATTRIBUTE_LIST.sub(" ", pair.masked_source)
    if len(_WORD.findall(prose)) >= 2 and not _kept_on_purpose(prose):
        yield Hit(UNTRANSLATED.id, "the translation is a copy of the source", 0, len(seg.target.rstrip()),
                  suggestion="translate it", matched=seg.target.strip()[:80])


# --- Across the file: names the translation keeps, and files that are mostly untranslated.

# A name of this many words at most, kept verbatim inside the translated text, is a name.
_NAME_WORDS = 5
# A file is reported as untranslated, once, when at least this many of its text blocks are copies
# of the source and they are more than half of them.
_UNTRANSLATED_FILE_BLOCKS = 3


def untranslated_in_context(hits: list[tuple[Segment, Hit]], segments: list[Segment]) -> list[tuple[Segment, Hit]]:
    """Refine the segment-level `completeness.untranslated` hits of one file with what the file shows.

    A capitalized phrase of a few words (`Mozilla VPN`, `Firefox Relay`) that the translation also
    keeps verbatim inside its translated sentences is a name, not a skipped text. And where most text
    blocks of a file (per locale) are copies of the source, the file is reported once, with a count,
    instead of once per block.
    """
    if not any(hit.rule == UNTRANSLATED.id for _, hit in hits):
        return hits
    translated = [s.target for s in segments if s.source and s.target.strip() and s.target.strip() != s.source.strip()]
    kept: list[tuple[Segment, Hit]] = []
    for segment, hit in hits:
        if hit.rule == UNTRANSLATED.id and _is_kept_name(segment.target, translated):
            continue
        kept.append((segment, hit))
    by_locale: dict[object, list[int]] = {}
    for index, (segment, hit) in enumerate(kept):
        if hit.rule == UNTRANSLATED.id:
            by_locale.setdefault(segment.target_locale, []).append(index)
    drop: set[int] = set()
    for locale, indexes in by_locale.items():
        blocks = sum(1 for s in segments if s.target_locale == locale and s.source and len(_WORD.findall(s.source)) >= 2)
        if len(indexes) < _UNTRANSLATED_FILE_BLOCKS or 2 * len(indexes) <= blocks:
            continue
        first_segment, first_hit = kept[indexes[0]]
        kept[indexes[0]] = (first_segment, Hit(
            UNTRANSLATED.id, f"{len(indexes)} of {blocks} text blocks are copies of the source, from here on: "
            "the file looks untranslated", first_hit.start, first_hit.end,
            suggestion="translate the file", matched=f"{len(indexes)} of {blocks}"))
        drop.update(indexes[1:])
    return [pair for index, pair in enumerate(kept) if index not in drop]


def _is_kept_name(text: str, translated: list[str]) -> bool:
    bare = _ATTRIBUTE_LIST.sub(" ", text)
    words = _capitalized_words(bare)
    if not words or len(words) > _NAME_WORDS:
        return False
    phrase = " ".join(_tokens(bare))
    pattern = regex.compile(r"(?<!\w)" + regex.escape(phrase) + r"(?!\w)")
    return any(pattern.search(" ".join(_tokens(other))) for other in translated)


# --- Across the tree: files and entries that have no partner, translations older than their source.
# Pairing finds these facts while it pairs files by path (it sees the tree; checks never do) and
# records them on the document as an l10n_qa.blocks.Pairing; this checker reports them.

NO_TRANSLATION = Rule(
    "completeness.no-translation", "completeness", Severity.WARNING,
    "A source file has no translation in a locale that its content set is translated into.",
    "Customers of that locale get the article in the source language, or a broken link to it. Translate "
    "it, or make the gap explicit. Reported once per file and locale, on the source file, with the path "
    "the content set's target pattern gives it (or, without a set, the layout beside the source). The "
    "locales are those the set has files in (two spellings such as ar and ar-SA are one locale), narrowed "
    "to target_locales when configured. A source that no locale translates, or one in an archive folder "
    "(archive/, archived/, deprecated/, retired/), is taken as not meant to be translated.",
)
ORPHAN = Rule(
    "completeness.orphan", "completeness", Severity.WARNING,
    "A translation (a file or an entry) whose source no longer exists.",
    "When a source article or reply is deleted or renamed, its translations stay behind and are still "
    "published. Delete the translation, or rename it like its source.",
)
STALE = Rule(
    "completeness.stale", "completeness", Severity.INFO,
    "The source was changed after the translation was last changed (git history).",
    "The translation may not say what the source now says. Compare them and update the translation "
    "(committing it clears this).",
)


@document_checker(EMPTY, NO_TRANSLATION, ORPHAN, STALE)
def tree_completeness(document, context):
    pairing = document.pairing
    if not isinstance(pairing, Pairing):
        return
    for locale, expected in pairing.missing_translations:
        placed = Segment(key=document.path, source=None, target="", source_locale=document.source_locale,
                         target_locale=locale, path=document.path, target_map=FixedPosition(1, 1))
        yield placed, Hit(NO_TRANSLATION.id, f"no {locale} translation: {expected} does not exist",
                          suggestion=f"translate it as {expected}", matched=str(locale))
    start = Segment(key=document.path, source=None, target="", source_locale=None, target_locale=None,
                    path=document.path, target_map=FixedPosition(1, 1))
    if pairing.source_path is None and pairing.expected_source:
        yield start, Hit(ORPHAN.id, f"the source of this translation is gone: {pairing.expected_source} does not exist",
                         suggestion="delete this translation, or rename it like its source", matched=pairing.expected_source)
    if pairing.stale:
        yield start, Hit(STALE.id, f"possibly out of date: {pairing.stale}",
                         suggestion="compare it with the source and update it", matched=pairing.source_path or "")
    for pair in pairing.aligned:
        source, target = pair.source, pair.target
        if target is None and source is not None and source.kind in KEYED_KINDS:
            yield pair.placement(), Hit(EMPTY.id, f"`{source.key}` has no translation: it is missing from this file",
                              suggestion=f"add `{source.key}` with its translation", matched=source.key)
        if source is None and target is not None and target.kind in KEYED_KINDS:
            yield pair.placement(), Hit(ORPHAN.id, f"`{target.key}` is not in the source (deleted or renamed there?)",
                                        0, len(target.text), suggestion=f"delete `{target.key}`, or rename it like its source",
                                        matched=target.key)
