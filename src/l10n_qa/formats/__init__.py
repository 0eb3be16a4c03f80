"""Format registry: which loader reads a file, by extension or by sniffing its first bytes.

A loader is `load(path, data, hints) -> Document`. It knows nothing of checks; it raises
`LoadError` (with a line where it has one) for a file it cannot read.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from l10n_qa.model import Document, Locale


class LoadError(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class LoadHints:
    """What the caller knows before the file is read; the file's own declarations win."""

    source_locale: Locale | None = None  # from config; the fallback when the file names none
    target_locale: Locale | None = None  # from config or the path
    content_type: str | None = None


# Format name → module under l10n_qa.formats (imported only when a file of that format is read).
_MODULES = {"po": "po", "xliff": "xliff"}
EXTENSIONS = {".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".xlf2": "xliff"}


def format_for(path: str, head: bytes | None = None) -> str | None:
    """The format of a file, from its extension or, failing that, its first bytes."""
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if head is None:
        return None
    return sniff(head)


def sniff(head: bytes) -> str | None:
    text = _decode_head(head)
    # A real <xliff> element, not Android's <xliff:g> placeholders inside strings.xml.
    if _XLIFF_ROOT.search(text[:2000]):
        return "xliff"
    stripped = text.lstrip()
    if stripped.startswith(("msgid ", 'msgid"', "msgctxt ", "#,", "#:", "# ")) and "msgstr" in text:
        return "po"
    return None


_XLIFF_ROOT = re.compile(r"<(?:[\w.-]+:)?xliff[\s>/]")


def _decode_head(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore")


def loader(fmt: str) -> Callable[[str, bytes, LoadHints], Document]:
    module = importlib.import_module(f"l10n_qa.formats.{_MODULES[fmt]}")
    return module.load


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a text file: a BOM wins, then the declared charset, then UTF-8.

    Raises LoadError naming the line of the first byte that does not decode, so a legacy 8-bit
    file without a declaration is reported, not silently garbled.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    encoding = declared or "utf-8"
    try:
        "".encode(encoding)
    except LookupError:
        raise LoadError(f"unknown charset {declared!r}") from None
    return _strict(data, encoding)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if encoding.replace("-", "").lower() == "utf8" else None
        raise LoadError(f"not valid {encoding}: byte 0x{data[exc.start]:02x} cannot be decoded "
                        "(save the file as UTF-8 or declare its charset)", line) from None
