"""How long a text is, in the unit a length limit is written in (checks/length.py reports the limits).

A limit's unit decides what is counted, because "40 characters" means different things to a UI
toolkit, a database column and an SMS gateway:

- `graphemes`: user-perceived characters (Unicode extended grapheme clusters, `regex` `\\X`): "é"
  written as e + U+0301, a flag emoji or a Devanagari conjunct each count once. The default.
- `width`: display columns as a fixed-width UI lays them out: East Asian Wide and Fullwidth
  characters (CJK ideographs, kana, Hangul, fullwidth forms; UAX #11) take two columns, others one,
  zero-width marks none.
- `code-points`: Unicode code points (XLIFF 1.2 `size-unit="char"`, XLIFF 2 `xliff:codepoints`).
- `bytes`: UTF-8 bytes (XLIFF 1.2 `maxbytes` / `size-unit="byte"`, XLIFF 2 storage restrictions).
- `sms`: SMS parts. 3GPP TS 23.038: a message that uses only the GSM 7-bit default alphabet takes
  160 characters in one part, each character of its extension table (`^ { } \\ [ ~ ] | €` and form
  feed) two; one other character switches the whole message to UCS-2, 70 UTF-16 code units. A
  longer message is split in parts of 153 GSM-7 characters or 67 UCS-2 units (the rest of each part
  holds the concatenation header), and a two-septet character or a surrogate pair never straddles
  two parts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from l10n_qa.model import LengthLimit

UNITS = ("graphemes", "width", "code-points", "bytes", "sms")
_GRAPHEME = regex.compile(r"\X")

# GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1), in table order; ESC (0x1B) is not a character.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The default extension table (§6.2.1.1): each is sent as ESC + a septet, so it counts twice.
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")
SMS_SINGLE = {"gsm-7": 160, "ucs-2": 70}
SMS_PART = {"gsm-7": 153, "ucs-2": 67}


def graphemes(text: str) -> list[str]:
    return _GRAPHEME.findall(text)


def grapheme_width(cluster: str) -> int:
    """Display columns of one grapheme cluster: 2 if it has a Wide or Fullwidth character, 0 if it
    is only marks and format characters (a stray ZWJ), else 1."""
    wide = False
    visible = False
    for char in cluster:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            wide = True
        if unicodedata.category(char) not in ("Mn", "Me", "Cf"):
            visible = True
    return 2 if wide else 1 if visible else 0


def width(text: str) -> int:
    return sum(grapheme_width(g) for g in graphemes(text))


@dataclass(frozen=True, slots=True)
class SmsSize:
    encoding: str  # "gsm-7" or "ucs-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    parts: int
    first_non_gsm: int | None  # offset of the character that forces UCS-2


def sms_size(text: str) -> SmsSize:
    first_non_gsm = next((i for i, c in enumerate(text) if c not in GSM7_BASIC and c not in GSM7_EXTENSION), None)
    encoding = "gsm-7" if first_non_gsm is None else "ucs-2"
    costs = [sms_cost(c, encoding) for c in text]
    units = sum(costs)
    if units <= SMS_SINGLE[encoding]:
        return SmsSize(encoding, units, 1 if units else 0, first_non_gsm)
    parts, room = 1, SMS_PART[encoding]
    for cost in costs:  # fill parts in order: a two-unit character that does not fit opens the next part
        if cost > room:
            parts, room = parts + 1, SMS_PART[encoding]
        room -= cost
    return SmsSize(encoding, units, parts, first_non_gsm)


def sms_cost(char: str, encoding: str) -> int:
    if encoding == "gsm-7":
        return 2 if char in GSM7_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def size(text: str, unit: str) -> int:
    """The size of `text` in `unit` (for `sms`: the number of parts)."""
    if unit == "graphemes":
        return len(graphemes(text))
    if unit == "width":
        return width(text)
    if unit == "code-points":
        return len(text)
    if unit == "bytes":
        return len(text.encode("utf-8", "surrogatepass"))
    if unit == "sms":
        return sms_size(text).parts
    raise ValueError(f"unknown length unit {unit!r}")


def overflow_offset(text: str, limit: LengthLimit) -> int:
    """The offset of the first character past the limit, where a finding about it starts (0 for an
    SMS limit: the whole message is one more part)."""
    if limit.unit == "sms":
        return 0
    used = 0
    position = 0
    for cluster in graphemes(text):
        step = {"graphemes": 1, "width": grapheme_width(cluster), "code-points": len(cluster),
                "bytes": len(cluster.encode("utf-8", "surrogatepass"))}[limit.unit]
        if used + step > limit.max:
            return position
        used += step
        position += len(cluster)
    return len(text)


def describe(count: int, unit: str) -> str:
    names = {"graphemes": ("character", "characters"), "width": ("column", "columns"),
             "code-points": ("code point", "code points"), "bytes": ("byte", "bytes"), "sms": ("SMS part", "SMS parts")}
    singular, plural = names[unit]
    return f"{count} {singular if count == 1 else plural}"


def parse_limit(value, where: str) -> LengthLimit:
    """A config `length:` entry: an integer (that many graphemes) or {max: N, unit: U}. Raises
    ValueError with a message for the config's error."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number or {{max: N, unit: {'|'.join(UNITS)}}}, got {value!r}")
    if isinstance(value, int):
        value = {"max": value}
    if not isinstance(value, dict):
        raise ValueError(f"expected a number or {{max: N, unit: {'|'.join(UNITS)}}}, got {value!r}")
    unknown = set(value) - {"max", "unit"}
    if unknown:
        raise ValueError(f"unknown key {sorted(map(str, unknown))[0]!r} (expected max and unit)")
    unit = value.get("unit", "graphemes")
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} (expected one of {', '.join(UNITS)})")
    maximum = value.get("max", 1 if unit == "sms" else None)
    if isinstance(maximum, bool) or not isinstance(maximum, int) or maximum < 1:
        raise ValueError(f"`max` must be a whole number of at least 1, got {maximum!r}")
    return LengthLimit(maximum, unit, where)
