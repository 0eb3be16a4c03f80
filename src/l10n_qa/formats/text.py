"""Plain-text documents (policies exported as .txt): paragraphs separated by blank lines.

Line breaks inside a paragraph are wrapping, not meaning (translators re-wrap), so each one reads as
a space; every character still maps to its own line and column. Pairing splits policy paragraphs
into sentences.

Plain text has no comment syntax, but a line whose first character (after blanks) is `#` followed by
`l10n-qa:` is taken as one: it carries a suppression directive (docs/suppressions.md) and is not
text. Any other line starting with `#` stays text ("#1 priority" is prose).
"""

from __future__ import annotations

import re

from l10n_qa.blocks import Block, TextBuilder
from l10n_qa.formats import LoadHints, _comments, decode_document
from l10n_qa.model import Comment, Document, LineIndex

_BLANK_LINES = re.compile(r"\n[ \t\r\f]*\n(?:[ \t\r\f]*\n)*")
_DIRECTIVE_LINE = re.compile(r"[ \t]*#(?=[ \t]*l10n-qa:)")


def load(path: str, data: bytes, hints: LoadHints) -> Document:
    text = decode_document(data)
    lines = LineIndex(text)
    blocks = []
    comments: list[Comment] = []
    position = 0
    for paragraph_end, next_start in [(m.start(), m.end()) for m in _BLANK_LINES.finditer(text)] + [(len(text), len(text))]:
        builder = TextBuilder()
        line_start = position
        for line in text[position:paragraph_end].split("\n"):
            body = line.rstrip("\r")
            stripped = body.strip()
            directive = _DIRECTIVE_LINE.match(body)
            if directive:
                start = line_start + directive.end()
                comments.append(_comments.comment(text, lines, start, line_start + len(body), line_start + len(body)))
            elif stripped:
                if builder.length:
                    builder.stand_in(" ", line_start - 1)  # the line break before this line
                builder.verbatim(stripped, line_start + len(body) - len(body.lstrip()))
            line_start += len(line) + 1
        if builder.length:
            content, text_map = builder.finish(lines)
            blocks.append(Block("paragraph", content, text_map))
        position = next_start
    return Document(path, "text", hints.target_locale, hints.source_locale, blocks=blocks, comments=comments)
