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
    content_set: str | None = None  # the name of the config's content set the file is in


# Format name → module under l10n_qa.formats (imported only when a file of that format is read).
_MODULES = {"po": "po", "xliff": "xliff", "markdown": "markdown", "html": "html", "replies": "replies", "text": "text"}
EXTENSIONS = {
    ".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".xlf2": "xliff",
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", ".html": "html", ".htm": "html",
    ".yaml": "replies", ".yml": "replies", ".json": "replies", ".txt": "text",
}
# Formats whose files hold one language: each is paired with its source file by l10n_qa.pairing.
# Reply libraries (`replies`) are either: a per-locale catalog is, a bilingual reply file is not.
MONOLINGUAL = frozenset({"markdown", "html", "text"})


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


def refuse_cr_only(text: str) -> None:
    """Lines ending in CR alone (classic Mac OS) are one long line to the PO, Markdown, HTML, YAML and
    text readers: findings on line 1 at huge columns, paragraphs and front matter lost, misleading
    parse errors (D57). Refused with what to do rather than misread. (XML normalises CR itself, so
    the XLIFF reader does not call this.)"""
    if "\n" not in text and "\r" in text.rstrip("\r"):
        raise LoadError("the lines of this file end in CR only (classic Mac OS line ends), which l10n-qa does not "
                        "read: save it with LF or CRLF line ends", 1)


def decode_document(data: bytes) -> str:
    """Decode a text document (Markdown, HTML, YAML, JSON, plain text) and refuse binary data.

    A NUL byte never occurs in text; an image or PDF saved under a text name is reported with the
    line of the first one instead of being read as garbage.
    """
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise LoadError("this is a binary file, not text (it contains NUL bytes)", line)
    text = decode_text(data)
    nul = text.find("\x00")
    if nul != -1:
        raise LoadError("this is a binary file, not text (it contains NUL bytes)", text.count("\n", 0, nul) + 1)
    refuse_cr_only(text)
    return text
