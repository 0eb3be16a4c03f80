"""Comments that may carry `l10n-qa:` directives, found in the raw text of a file (see suppress.py).

The loaders of formats with comments (Markdown and HTML: `<!-- … -->`; YAML and plain text: `# …`)
know where a comment is; this module turns that into a `Comment` whose text is the comment's raw
content, so that every character of it is at its own line and column of the file.
"""

from __future__ import annotations

import bisect
import re

from l10n_qa.model import Comment, LineIndex

MARKER = "l10n-qa:"
HTML_COMMENT = re.compile(r"<!--(.*?)(?:-->|--!>)", re.S)


def comment(text: str, lines: LineIndex, body_start: int, body_end: int, end: int) -> Comment:
    """The comment whose content is text[body_start:body_end] and which ends just before `end`."""
    line, column = lines.locate(body_start)
    end_line, end_column = lines.locate(end)
    return Comment(text[body_start:body_end], line, column, end_line, end_column)


def html_comments(text: str, lines: LineIndex, start: int, end: int) -> list[Comment]:
    """The `<!-- … -->` comments with a directive in text[start:end] (an HTML block of a Markdown file)."""
    return [comment(text, lines, m.start(1), m.end(1), m.end())
            for m in HTML_COMMENT.finditer(text, start, end) if MARKER in m.group(1)]


def yaml_comments(text: str, lines: LineIndex, start: int = 0, end: int | None = None) -> list[Comment]:
    """The `# …` comments with a directive in a YAML file (or in text[start:end], a front matter).

    PyYAML drops comments, so they are found in the raw text: a `#` at the start of a line or after a
    blank starts a comment unless it is inside a scalar (a quoted string, a plain scalar such as
    `a#b`, a block scalar's text); the scalars' spans come from PyYAML's own scanner. The file has
    already been composed, so the scan cannot fail.
    """
    end = len(text) if end is None else end
    if MARKER not in text[start:end]:
        return []
    return [comment(text, lines, start + body_start, start + body_end, start + body_end)
            for body_start, body_end in _yaml_comment_spans(text[start:end])]


def _yaml_comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the content of each `#` comment with a directive."""
    import yaml

    starts, ends = [], []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                start = token.start_mark.index
                if token.style in ("|", ">"):  # a comment may follow the indicator: the text starts below
                    newline = text.find("\n", start)
                    start = newline + 1 if newline != -1 else token.end_mark.index
                starts.append(start)
                ends.append(token.end_mark.index)
    except yaml.YAMLError:
        return []  # not reached: the loader composed the file first
    found = []
    for m in re.finditer(r"(?:^|(?<=[ \t]))#", text, re.M):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < ends[i]:
            continue  # inside a scalar
        body_end = text.find("\n", m.end())
        body_end = len(text) if body_end == -1 else body_end
        if text[body_end - 1:body_end] == "\r":
            body_end -= 1
        if MARKER in text[m.end():body_end]:
            found.append((m.end(), body_end))
    return found
