"""Length (category `length`): a translation longer than its unit or content set allows, and one
much longer than its source where no limit is given.

Limits come from the file (XLIFF 1.2 `maxwidth`/`size-unit` and `maxbytes`, XLIFF 2 `slr:`
restrictions, a PO `max-length:N` flag or comment) or from the config's `length:` section (per
content set name or content type, e.g. SMS replies in SMS parts). What is counted is the limit's
unit (l10n_qa.measure); inline markup is not counted, because the customer never sees it.
"""

from __future__ import annotations

from l10n_qa import measure
from l10n_qa.checks.pair import MASK
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, LengthLimit, Severity

TOO_LONG = Rule(
    "length.too-long", "length", Severity.ERROR,
    "The translation is longer than the limit of its unit or content set.",
    "A text over its limit is cut off in the UI, rejected by the system that stores it, or sent as one "
    "more SMS part (and billed as one). The limit comes from the file (XLIFF maxwidth/size-unit, maxbytes, "
    "slr:sizeRestriction/storageRestriction; a PO `max-length:N` flag or comment) or from the config's "
    "`length:` section per content set or content type, counted in its unit: user-perceived characters "
    "(grapheme clusters), display columns (CJK characters take two), code points, UTF-8 bytes or SMS parts "
    "(160 GSM-7 characters in one part, 153 per part when split; 70/67 UCS-2 units as soon as one character "
    "is outside the GSM-7 alphabet; GSM-7 extension characters such as € count twice). The finding starts "
    "at the first character over the limit; shorten the text (for SMS: or replace the character that "
    "forces UCS-2).",
    ("Save", "Änderungen speichern", "Speichern"),
)
EXPANSION = Rule(
    "length.expansion", "length", Severity.INFO,
    "A UI string or reply is far longer than its source, and no limit says how long it may be.",
    "English text of 20 characters or more grows by up to about 80 % in translation (W3C, \"Text size in "
    "translation\", after IBM's guideline: 160–180 % for 21–30 characters, 130 % over 70); a translation "
    "more than twice as wide as its source is beyond that and often means an added sentence, a duplicated "
    "phrase or a note left in. Widths are display columns, in which a CJK character takes two: for targets "
    "written mostly in such wide characters the bar is 2.5 times the source's width (1.25 times its "
    "character count), because Japanese and Chinese need fewer characters than English for the same "
    "content, yet polite Japanese at two columns a character is often 1.5–1.8 times as wide as its source "
    "(samples/widget: \"Thanks for your feedback!\", 25 columns, is 46 in Japanese). Shorter sources are "
    "not compared: for them 200–300 % is normal. Placeholders, tags and links are left out of both texts "
    "(they stand for text of unknown length). Check the translation says what the source says, or give the "
    "unit a limit. Articles and policies are not compared: no layout holds them to a length.",
)

# Below this many user-perceived characters of source, expansion of 200–300 % is normal (W3C/IBM).
_EXPANSION_MIN_SOURCE = 20
_EXPANSION_RATIO = 2.0
# Typographic characters outside GSM-7 that writers use for ASCII ones, which GSM-7 has.
_GSM_FALLBACK = {"’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "…": "...",
                 "\u00a0": " ", "\u202f": " ", "«": '"', "»": '"'}
_EXPANSION_RATIO_WIDE = 2.5  # targets mostly in East Asian Wide characters (see EXPANSION)


def limit_for(pair) -> LengthLimit | None:
    """The unit's own limit, else the config's for its content set, else for its content type."""
    segment = pair.segment
    if segment.length_limit is not None:
        return segment.length_limit
    limits = dict(pair.context.length_limits)
    if pair.context.content_set and pair.context.content_set in limits:
        return limits[pair.context.content_set]
    return limits.get(segment.content_type)


def _visible(pair, which: str) -> tuple[str, list[int]]:
    """The text with inline markup removed, and for each kept character its offset in the text."""
    segment = pair.segment
    text = segment.target if which == "target" else (segment.source or "")
    markup = segment.target_markup if which == "target" else segment.source_markup
    if not markup:
        return text, list(range(len(text)))
    hidden = set()
    for token in markup:
        hidden.update(range(token.start, token.end))
    kept = [i for i in range(len(text)) if i not in hidden]
    return "".join(text[i] for i in kept), kept


@checker(TOO_LONG, EXPANSION)
def length(pair):
    target = pair.target
    if not target.strip():
        return
    limit = limit_for(pair)
    visible, offsets = _visible(pair, "target")
    if not visible.strip():
        return  # only markup: nothing a reader sees
    # Findings end at the last visible character, not at a block's trailing newline.
    end = offsets[len(visible.rstrip()) - 1] + 1
    if limit is None:
        yield from _expansion(pair)
        return
    if limit.unit == "sms":
        yield from _sms(visible, offsets, end, limit)
        return
    size = measure.size(visible, limit.unit)
    if size <= limit.max:
        return
    cut = measure.overflow_offset(visible, limit)
    start = offsets[cut] if cut < len(offsets) else len(target)
    yield Hit(TOO_LONG.id,
              f"{measure.describe(size, limit.unit)}, {size - limit.max} over the limit of "
              f"{measure.describe(limit.max, limit.unit)} ({limit.origin})",
              start, max(end, start), suggestion=f"shorten it to at most {measure.describe(limit.max, limit.unit)}",
              matched=visible[cut:][:80])


def _sms(visible: str, offsets: list[int], end: int, limit: LengthLimit):
    sms = measure.sms_size(visible)
    if sms.parts <= limit.max:
        return
    per_part = measure.SMS_SINGLE[sms.encoding] if limit.max == 1 else measure.SMS_PART[sms.encoding]
    capacity = per_part * limit.max
    encoding = "GSM-7 characters" if sms.encoding == "gsm-7" else "UCS-2 units"
    message = (f"{sms.units} {encoding} need {measure.describe(sms.parts, 'sms')}; the limit is "
               f"{measure.describe(limit.max, 'sms')} ({capacity} {encoding}) ({limit.origin})")
    suggestion = f"shorten it to at most {capacity} {encoding}"
    if sms.first_non_gsm is not None:
        char = visible[sms.first_non_gsm]
        gsm_capacity = (measure.SMS_SINGLE if limit.max == 1 else measure.SMS_PART)["gsm-7"] * limit.max
        message += f": `{char}` (U+{ord(char):04X}) is not in the GSM-7 alphabet, so the whole message is sent as UCS-2"
        non_gsm = sorted({c for c in visible if c not in measure.GSM7_BASIC and c not in measure.GSM7_EXTENSION})
        non_gsm_set = set(non_gsm)
        # What the text would take in GSM-7 with those characters replaced (an unknown one by one septet).
        gsm_units = sum(len(_GSM_FALLBACK.get(c, "?")) if c in non_gsm_set else measure.sms_cost(c, "gsm-7") for c in visible)
        if gsm_units <= gsm_capacity:  # with those characters replaced it would fit
            start = offsets[sms.first_non_gsm]
            listed = ", ".join(f"`{c}` with `{_GSM_FALLBACK[c]}`" if c in _GSM_FALLBACK else f"`{c}`" for c in non_gsm[:5])
            yield Hit(TOO_LONG.id, message, start, start + 1,
                      suggestion=f"replace {listed} (GSM-7 has no such character) to fit in {gsm_capacity} GSM-7 characters",
                      matched=char)
            return
    # Point at the first character that does not fit in the allowed parts.
    used, cut = 0, len(visible)
    for i, char in enumerate(visible):
        used += measure.sms_cost(char, sms.encoding)
        if used > capacity:
            cut = i
            break
    start = offsets[cut] if cut < len(offsets) else offsets[-1]
    yield Hit(TOO_LONG.id, message, start, max(end, start + 1), suggestion=suggestion, matched=visible[cut:][:80])


# Articles and policies flow: no layout holds them to a length, and an added paragraph is the
# alignment checks' to report. Expansion matters where text fills a fixed space.
_EXPANSION_CONTENT_TYPES = frozenset({"ui", "reply"})


def _expansion(pair):
    if pair.segment.content_type not in _EXPANSION_CONTENT_TYPES:
        return
    # Prose only: placeholders, tags and links stand for text of unknown length (or none), so they
    # are taken out of both sides before comparing.
    source = pair.masked_source.replace(MASK, "").strip()
    if len(source) < _EXPANSION_MIN_SOURCE or len(measure.graphemes(source)) < _EXPANSION_MIN_SOURCE:
        return
    target = pair.masked_target.replace(MASK, "").strip()
    if source.isascii() and target.isascii() and len(target) <= len(source) * _EXPANSION_RATIO:
        return  # the common case, decided without segmenting: ASCII text is one column per character
    source_width = measure.width(source)
    clusters = measure.graphemes(target)
    target_width = sum(measure.grapheme_width(c) for c in clusters)
    wide = sum(1 for c in clusters if measure.grapheme_width(c) == 2)
    ratio_limit = _EXPANSION_RATIO_WIDE if wide * 2 > len(clusters) else _EXPANSION_RATIO
    if source_width == 0 or target_width <= source_width * ratio_limit:
        return
    ratio = target_width / source_width
    text = pair.target
    start = len(text) - len(text.lstrip())
    yield Hit(EXPANSION.id,
              f"the translation is {ratio:.1f} times as wide as its source ({target_width} vs {source_width} columns; "
              f"more than {ratio_limit:g} times is unusual)",
              start, len(text.rstrip()),
              suggestion="check it says no more than the source (an added sentence, a note left in?) or give the unit a length limit",
              matched=f"{ratio:.1f}x")
