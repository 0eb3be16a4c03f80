"""JSON text that always encodes as UTF-8.

Python strings can hold lone surrogates (a file name that is not valid UTF-8 arrives that way,
PEP 383; so does a `\\ud800` escape in a JSON or YAML input). `json.dumps(..., ensure_ascii=False)`
keeps them raw, and writing the result as UTF-8 then fails half-way, leaving a truncated report.
Here they become `\\udXXX` escapes: still valid JSON, readable back to the same string, and the rest
of the text keeps its readable non-ASCII characters.
"""

from __future__ import annotations

import json
import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_surrogates(text: str) -> str:
    """Only safe on JSON text, where a raw surrogate can only be inside a string literal."""
    return _LONE_SURROGATE.sub(_escape, text)


def dumps(value: object, **options) -> str:
    options.setdefault("ensure_ascii", False)
    return escape_surrogates(json.dumps(value, **options))
