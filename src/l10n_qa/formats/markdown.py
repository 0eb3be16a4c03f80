"""Markdown articles and policies, read with markdown-it-py (CommonMark + GFM tables), front matter
with mdit-py-plugins and YAML.

A file becomes blocks (see l10n_qa.blocks): front-matter text fields, headings, paragraphs, list
items, block quotes, table cells, images that stand alone, HTML blocks and code blocks. A block's
text is what a reader reads: Markdown's own syntax is left out (emphasis markers, link
destinations, image sources, escapes), entities are decoded, a soft line break is a space; code
spans stay in with their backticks, protected from the language checks, and inline HTML stays as
it is. Links, images and code spans are kept as `InlineRef`s so the structure check can compare
them with the source's.

Positions: markdown-it gives each block its lines but no columns, and its inline tokens no
positions at all. Each line of a block's inline source is found in the file's line (it is that
line less its container prefix: `> `, list indentation), and the inline tokens are then found one
after the other in that source, so every character of the text maps to its line and column in
the file, through front matter, CRLF line ends, multi-line paragraphs and table rows.
"""

from __future__ import annotations

import re
from dataclasses import replace

from l10n_qa.blocks import Block, InlineRef, OffsetsMap, TextBuilder, align
from l10n_qa.formats import LoadError, LoadHints, decode_document
from l10n_qa.formats import _comments, _yaml
from l10n_qa.model import Comment, Document, LineIndex

# A Python-Markdown (attr_list) or kramdown attribute list: `{: #id .class key="value" }`; the colon
# makes it unambiguous (a bare `{…}` may be a placeholder).
_ATTRIBUTE_LIST = re.compile(r"\{:[ \t]*(?:[#.][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+)|[ \t]+)*\}")

# Front-matter fields that hold text for readers (Jekyll, Hugo, Docusaurus, Zendesk exports).
FRONT_MATTER_TEXT_FIELDS = frozenset({
    "title", "description", "summary", "excerpt", "subtitle", "keywords", "label",
    "seo_title", "seo_description", "meta_title", "meta_description", "og_title", "og_description",
    "sidebar_label", "linkTitle",
})

# An HTML block holding elements that the HTML loader makes blocks of is read by it, element by element.
_HTML_BLOCK_ELEMENT = re.compile(r"<(?:table|tr|td|th|p|li|h[1-6]|dt|dd|caption|figcaption|summary)\b", re.I)

_PARSER = None
_OPENING_FENCE = re.compile(r"^-{3,}\s*$")


def _parser():
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(front_matter_plugin)
        md.disable("text_join")  # keep escapes and entities as their own tokens: they are not verbatim
        _PARSER = md
    return _PARSER


def load(path: str, data: bytes, hints: LoadHints) -> Document:
    text = decode_document(data)
    if path.lower().endswith(".mdx"):
        text = blank_mdx_code(text)
    text = blank_admonition_markers(text)
    reader = _Reader(text)
    blocks = reader.read()
    return Document(path, "markdown", hints.target_locale, hints.source_locale, blocks=blocks,
                    comments=reader.comments)


# A Docusaurus admonition (`:::note`, `:::tip[Title]`, `:::`) or Pandoc fenced div (`::: warning`)
# marker: a line of three colons or more with at most a kind and a title.
_ADMONITION = re.compile(r"^( {0,3}:{3,}[ \t]*(?:[\w-]+)?[ \t]*(?:\{[^{}\n]*\})?)(\[.*\]|[^\n]*)?[ \t]*$")


def blank_admonition_markers(text: str) -> str:
    """Admonition and fenced-div marker lines as spaces, outside fenced code. `:::note` is markup,
    not prose: read as text it joined the note's first and last lines into one sentence that ends in
    colons. Blanking (not removing) keeps every other line and column where it is in the file, and a
    blank line ends the paragraph, so the note's text is a block of its own. A title written on the
    marker line (`:::tip Title`, `:::tip[Title]`) is blanked too: indented on its own it would read
    as code, and it is not checked."""
    if ":::" not in text:
        return text
    lines = text.split("\n")
    fence = None
    for index, line in enumerate(lines):
        fence, in_code = _fence_after(fence, line)
        if in_code:
            continue
        if line.lstrip().startswith(":::") and _ADMONITION.match(line.rstrip("\r")):
            lines[index] = "".join(c if c in "\r" else " " for c in line)
    return "\n".join(lines)


_MDX_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MDX_ESM = re.compile(r"^(?:import|export)\b")
_MDX_JSX = re.compile(r"^\s*(?:</?[A-Z][\w.]*|<>|</>)")
_MDX_COMMENT = re.compile(r"^\s*\{/\*")


def _fence_after(fence: str | None, line: str) -> tuple[str | None, bool]:
    """The fenced-code marker open after `line` (None: none), and whether `line` is code: inside a
    fence, or a line that opens or closes one (a closing fence is at least as long, same character)."""
    opening = _MDX_FENCE.match(line)
    if fence is not None:
        if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
            return None, True
        return fence, True
    if opening:
        return opening.group(1), True
    return None, False


def blank_mdx_code(text: str) -> str:
    """MDX's code lines as spaces: ESM (`import`/`export`, up to the next blank line), JSX component
    lines (`<Tabs groupId="os">`, `<Admonition …/>`, `</Tabs>`, up to the line that closes the tag)
    and `{/* comments */}`. They are code, not prose; blanking them (not removing them) keeps every
    other line and column where it is in the file, and the text between a component's tags is still
    read as Markdown."""
    lines = text.split("\n")
    fence = None
    until = None  # what ends the construct being blanked: "blank", ">" or "*/}"
    for index, line in enumerate(lines):
        if until is None:
            fence, in_code = _fence_after(fence, line)
            if in_code:
                continue
            if _MDX_ESM.match(line):
                until = "blank"
            elif _MDX_JSX.match(line):
                until = ">"
            elif _MDX_COMMENT.match(line):
                until = "*/}"
            else:
                continue
        if until == "blank" and not line.strip():
            until = None
            continue
        ends = (until == ">" and line.rstrip().endswith(">")) or (until == "*/}" and "*/}" in line)
        lines[index] = "".join(c if c in "\r" else " " for c in line)
        if ends:
            until = None
    return "\n".join(lines)


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.lines = LineIndex(text)
        self.raw_lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
        self.comments: list[Comment] = []  # HTML comments with `l10n-qa:` directives, block or inline

    def line_start(self, line: int) -> int:
        return self.lines.starts[line] if line < len(self.lines.starts) else len(self.text)

    def read(self) -> list[Block]:
        tokens = _parser().parse(self.text)
        blocks: list[Block] = []
        if tokens and tokens[0].type == "front_matter":
            blocks.extend(self.front_matter(tokens[0]))
        elif self.raw_lines and _OPENING_FENCE.match(self.raw_lines[0]) and len(self.raw_lines) > 1 \
                and self.raw_lines[1].strip() and ":" in self.raw_lines[1]:
            raise LoadError("the front matter opened on line 1 is never closed: end it with a line of `---`", 1)
        blocks.extend(self.body(tokens))
        return blocks

    # --- front matter ----------------------------------------------------------------------------

    def front_matter(self, token) -> list[Block]:
        # The plugin only makes a token for closed front matter: its last line is the `---`/`...`.
        start_line, end_line = token.map
        body_end = end_line - 1
        base = self.line_start(start_line + 1)
        raw = self.text[base:self.line_start(body_end)]
        node = _yaml.compose(raw, first_line=start_line + 2)
        self.comments.extend(_comments.yaml_comments(self.text, self.lines, base, base + len(raw)))
        if node is None:
            return []
        if not isinstance(node, _yaml.yaml.MappingNode):
            raise LoadError("the front matter must be a mapping of fields (`title: …`)", start_line + 2)
        blocks = []
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name not in FRONT_MATTER_TEXT_FIELDS:
                continue
            items = [(name, value_node)] if _yaml.is_text(value_node) else [
                (f"{name}[{i}]", item) for i, item in enumerate(getattr(value_node, "value", []))
                if isinstance(value_node, _yaml.yaml.SequenceNode) and _yaml.is_text(item)]
            for key, scalar in items:
                blocks.append(Block("field", _yaml.scalar_text(scalar), _yaml.scalar_map(scalar, raw, base, self.lines), key=key))
        return blocks

    # --- body ------------------------------------------------------------------------------------

    def body(self, tokens) -> list[Block]:
        blocks: list[Block] = []
        containers: list[str] = []
        new_item = False
        row_cells: dict[int, int] = {}
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "list_item_open":
                containers.append("li")
                new_item = True
            elif kind == "blockquote_open":
                containers.append("quote")
            elif kind in ("list_item_close", "blockquote_close"):
                containers.pop()
            elif kind == "inline":
                opener = tokens[index - 1]
                if opener.type == "heading_open":
                    blocks.extend(self.inline_blocks(token, "heading", level=int(opener.tag[1:])))
                elif opener.type in ("th_open", "td_open"):
                    row = token.map[0]
                    cell = row_cells.get(row, 0)
                    row_cells[row] = cell + 1
                    blocks.extend(self.inline_blocks(token, "table-cell", cell=cell))
                else:
                    if containers and containers[-1] == "li" and new_item:
                        block_kind = "list-item"
                    elif "quote" in containers:
                        block_kind = "quote"
                    else:
                        block_kind = "paragraph"
                    new_item = False
                    blocks.extend(self.inline_blocks(token, block_kind))
            elif kind in ("fence", "code_block"):
                new_item = False
                blocks.append(self.code_block(token))
            elif kind == "html_block":
                new_item = False
                blocks.extend(self.html_block(token))
        return blocks

    def line_origins(self, content: str, first_line: int) -> list[int]:
        """File offset of every character of a block's inline source (and one past its end)."""
        offsets: list[int] = []
        for k, part in enumerate(content.split("\n")):
            line = first_line + k
            if line >= len(self.raw_lines):
                line = len(self.raw_lines) - 1
            raw = self.raw_lines[line]
            if raw.endswith(part):
                column = len(raw) - len(part)
            elif part.rstrip() and raw.rstrip().endswith(part.rstrip()):
                column = len(raw.rstrip()) - len(part.rstrip())
            else:
                found = raw.find(part.strip())
                column = found - (len(part) - len(part.lstrip())) if found != -1 else len(raw) - len(raw.lstrip())
                column = max(column, 0)
            start = self.line_start(line) + column
            offsets.extend(range(start, start + len(part)))
            offsets.append(start + len(part))  # the line break (or the end)
        return offsets

    def cell_origins(self, content: str, row: int, cell: int) -> list[int]:
        raw = self.raw_lines[row]
        spans = _cell_spans(raw)
        if cell >= len(spans):
            return self.line_origins(content, row)
        start, end = spans[cell]
        return align(content, raw[start:end], self.line_start(row) + start)

    def inline_blocks(self, token, kind: str, level: int = 0, cell: int | None = None) -> list[Block]:
        content = token.content
        if cell is not None:
            origins = self.cell_origins(content, token.map[0], cell)
        else:
            origins = self.line_origins(content, token.map[0])
        builder = _InlineText(content, origins, self)
        builder.walk(token.children or [])
        builder.strip()
        text, text_map = builder.out.finish(self.lines, origins[-1])
        # Python-Markdown attribute lists (`{: datetime="2025-06-10" }`) are markup, not prose.
        builder.protected += [m.span() for m in _ATTRIBUTE_LIST.finditer(text)]
        if not text.strip() and not builder.refs:
            return []
        images = [r for r in builder.refs if r.kind == "image"]
        if len(images) == 1 and not text[:images[0].start].strip() and not text[images[0].end:].strip():
            kind = "image"  # an image that stands alone: its alt text is the block's text
        return [Block(kind, text, text_map, level=level, refs=tuple(builder.refs), protected=tuple(builder.protected),
                      strong=tuple(builder.strong))]

    def code_block(self, token) -> Block:
        first = token.map[0] + (1 if token.type == "fence" else 0)
        text = token.content.rstrip("\n")
        origins = self.line_origins(text, first) if text else [self.line_start(min(first, len(self.raw_lines) - 1))]
        return Block("code", text, OffsetsMap(self.lines, origins[:len(text) + 1]), info=token.info.strip())

    def html_block(self, token) -> list[Block]:
        content = token.content.rstrip("\n")
        if not content.strip():
            return []
        origins = self.line_origins(content, token.map[0])
        builder = TextBuilder()
        position = 0
        for m in _comments.HTML_COMMENT.finditer(content):  # comments are not text: only their directives count
            builder.placed(content[position:m.start()], origins[position:m.start()])
            position = m.end()
            if _comments.MARKER in m.group(1):
                self.inline_comment(origins[m.start()], origins[m.end() - 1] + 1)
        builder.placed(content[position:], origins[position:len(content)])
        builder.strip()
        if not builder.length:
            return []
        if _HTML_BLOCK_ELEMENT.search(content):
            elements = self.html_elements(content, origins)
            if elements:
                return elements
        text, text_map = builder.finish(self.lines)
        return [Block("html", text, text_map)]

    def html_elements(self, content: str, origins: list[int]) -> list[Block]:
        """The blocks of an HTML block with block elements in it (a `<table>`, `<p>`s, a list), read
        as the HTML loader reads a file: a cell or paragraph each, so a finding without a span of
        its own points at its cell, not at the `<table>` line 50 lines above. Their positions in
        the HTML block are mapped back to the file through `origins`."""
        from l10n_qa.formats import html as html_format

        reader = html_format._Reader(content)
        try:
            reader.feed(content)
            reader.close()
        except AssertionError:
            return []
        reader.flush_all()
        blocks = []
        last = len(origins) - 1
        for block in reader.blocks:
            old = block.text_map
            if not isinstance(old, OffsetsMap):
                return []
            offsets = [origins[min(o, last)] for o in old.offsets]
            ends = None if old.ends is None else [origins[min(e - 1, last)] + 1 for e in old.ends]
            blocks.append(replace(block, text_map=OffsetsMap(self.lines, offsets, ends)))
        return blocks

    def inline_comment(self, start: int, end: int) -> None:
        """The comment text[start:end] (from `<!--` to `-->`, file offsets) carries a directive."""
        self.comments.extend(_comments.html_comments(self.text, self.lines, start, end))


def _cell_spans(raw: str) -> list[tuple[int, int]]:
    """Column spans of a table row's cells (without the pipes and padding)."""
    bounds = []
    i = 0
    in_code = False
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        elif ch == "|" and not in_code:
            bounds.append(i)
        i += 1
    stripped = raw.strip()
    edges = [-1] + bounds + [len(raw)]
    spans = []
    for a, b in zip(edges, edges[1:]):
        start, end = a + 1, b
        if a == -1 and stripped.startswith("|"):
            continue
        if b == len(raw) and stripped.endswith("|") and not raw[start:end].strip():
            continue
        while start < end and raw[start] in " \t":
            start += 1
        while end > start and raw[end - 1] in " \t":
            end -= 1
        spans.append((start, end))
    return spans


class _InlineText:
    """Walks markdown-it's inline tokens through the block's source, building the block's text."""

    def __init__(self, content: str, origins: list[int], reader: _Reader):
        self.content = content
        self.origins = origins
        self.reader = reader
        self.cursor = 0
        self.out = TextBuilder()
        self.refs: list[InlineRef] = []
        self.protected: list[tuple[int, int]] = []
        self.strong: list[tuple[int, int]] = []  # bold spans of the text (the markers are left out of it)
        self.strong_starts: list[int] = []
        self.link_stack: list[tuple[int, int, str]] = []  # (text start, source start, href)

    def strip(self) -> None:
        """Strip the text's leading and trailing whitespace, shifting the recorded spans with it."""
        text = self.out.text()
        lead = len(text) - len(text.lstrip())
        self.out.strip()
        if lead:
            self.refs = [InlineRef(r.kind, max(r.start - lead, 0), max(r.end - lead, 0), r.value, r.shown)
                         for r in self.refs]
            self.protected = [(max(a - lead, 0), max(b - lead, 0)) for a, b in self.protected]
            self.strong = [(max(a - lead, 0), max(b - lead, 0)) for a, b in self.strong]

    def find(self, needle: str) -> int:
        found = self.content.find(needle, self.cursor)
        return found if found != -1 else self.cursor

    def origin(self, index: int) -> int:
        return self.origins[min(index, len(self.origins) - 1)]

    def copy(self, start: int, end: int) -> None:
        """Copy content[start:end] into the text as it is."""
        self.out.placed(self.content[start:end], [self.origin(i) for i in range(start, end)])
        self.cursor = max(self.cursor, end)

    def text(self, value: str) -> None:
        """A piece of text the content holds verbatim (or, failing that, with escapes)."""
        if not value:
            return
        at = self.content.find(value, self.cursor)
        if at != -1:
            self.copy(at, at + len(value))
            return
        local = align(value, self.content[self.cursor:], self.cursor)
        self.out.placed(value, [self.origin(i) for i in local[:-1]])
        self.cursor = local[-1]

    def walk(self, children) -> None:
        for child in children:
            kind = child.type
            if kind == "text":
                self.text(child.content)
            elif kind == "text_special":  # an escape (\*) or an entity (&amp;)
                at = self.find(child.markup)
                self.out.stand_in(child.content, self.origin(at), self.origin(at + len(child.markup) - 1) + 1)
                self.cursor = at + len(child.markup)
            elif kind == "softbreak":
                at = self.find("\n")
                self.out.stand_in(" ", self.origin(at))
                self.cursor = at + 1
            elif kind == "hardbreak":
                at = self.find("\n")
                self.out.stand_in("\n", self.origin(at))
                self.cursor = at + 1
            elif kind == "code_inline":
                self.code_span(child)
            elif kind == "link_open":
                self.link_open(child)
            elif kind == "link_close":
                self.link_close(child)
            elif kind == "image":
                self.image(child)
            elif kind == "html_inline" and child.content.startswith("<!--"):
                self.html_comment(child.content)
            elif kind == "html_inline":  # kept as it is: the markup checks read its tags
                self.text(child.content)
            elif kind.endswith(("_open", "_close")) and child.markup:  # emphasis, strong, strikethrough
                at = self.find(child.markup)
                self.cursor = at + len(child.markup)
                if kind == "strong_open":
                    self.strong_starts.append(self.out.length)
                elif kind == "strong_close" and self.strong_starts:
                    self.strong.append((self.strong_starts.pop(), self.out.length))

    def html_comment(self, written: str) -> None:
        """A comment is not text; one with a directive is kept, at its place in the file."""
        at = self.find(written)
        self.cursor = at + len(written)
        if _comments.MARKER in written:
            self.reader.inline_comment(self.origin(at), self.origin(at + len(written) - 1) + 1)

    def code_span(self, token) -> None:
        ticks = token.markup
        start = self.find(ticks)
        close = self.content.find(ticks, start + len(ticks))
        while close != -1 and self.content.startswith("`", close + len(ticks)):
            close = self.content.find(ticks, close + len(ticks) + 1)
        end = close + len(ticks) if close != -1 else start + len(ticks) + len(token.content)
        text_start = self.out.length
        self.copy(start, end)
        self.protected.append((text_start, self.out.length))
        self.refs.append(InlineRef("code", text_start, self.out.length, token.content, f"`{token.content}`"))

    def link_open(self, token) -> None:
        if token.markup == "autolink":
            at = self.find("<")
            self.cursor = at + 1
            self.link_stack.append((self.out.length, at, ""))  # its text is the URL: url checks see it
            return
        at = self.find("[")
        self.cursor = at + 1
        self.link_stack.append((self.out.length, at, token.attrs.get("href", "")))

    def link_close(self, token) -> None:
        if not self.link_stack:
            return
        text_start, source_start, href = self.link_stack.pop()
        if token.markup == "autolink":
            self.cursor = self.find(">") + 1
            return
        label_end = self.find("]")
        self.cursor = _skip_destination(self.content, label_end + 1)
        label = self.content[source_start + 1:label_end]
        self.refs.append(InlineRef("link", text_start, self.out.length, href,
                                   f"[{label}]({href})" if href else f"[{label}]"))

    def image(self, token) -> None:
        at = self.find("![")
        self.cursor = at + 2
        src = token.attrs.get("src", "")
        alt = token.content
        text_start = self.out.length
        self.text(alt)
        label_end = self.find("]")
        self.cursor = _skip_destination(self.content, label_end + 1)
        self.refs.append(InlineRef("image", text_start, self.out.length, src, f"![{alt}]({src})"))


def _skip_destination(content: str, i: int) -> int:
    """After a link's `]`: skip `(destination "title")`, `[reference]` or nothing."""
    n = len(content)
    if i < n and content[i] == "(":
        depth = 0
        while i < n:
            ch = content[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "<":
                close = content.find(">", i)
                i = close + 1 if close != -1 else i + 1
                continue
            if ch in "\"'" and depth == 1:
                close = content.find(ch, i + 1)
                i = close + 1 if close != -1 else i + 1
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return n
    if i < n and content[i] == "[":
        close = content.find("]", i)
        return close + 1 if close != -1 else i
    return i
