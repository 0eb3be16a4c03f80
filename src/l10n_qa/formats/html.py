"""HTML articles (help-center exports), read with the standard library's HTML parser.

`html.parser` is a real, forgiving HTML tokenizer that reports the line and column of every tag,
text run and character reference, which is what exact positions need (a tree builder would lose
them). Each block-level element that holds text (headings, paragraphs, list items, table cells,
quotes, `pre`) becomes a block; inline elements stay in its text as they are written, with their
positions, so the markup checks compare them like any tags; character references are decoded and
whitespace runs are one space, as a browser shows them. `<title>` and `<meta name="description">`
are keyed fields. An image that stands alone is an image block whose text is its alt text. `lang`
gives the document's locale when the path has none; `dir` is kept on every segment for the RTL
checks.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from l10n_qa.blocks import Block, InlineRef, OffsetsMap, TextBuilder, align
from l10n_qa.formats import LoadError, LoadHints, _comments, decode_document
from l10n_qa.model import Comment, Document, LineIndex, Locale, Markup

INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "del", "em", "font", "i", "img", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "label",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
CODE = frozenset({"code", "kbd", "samp", "var"})
SKIPPED = frozenset({"script", "style", "template", "noscript"})
_KINDS = {"p": "paragraph", "li": "list-item", "td": "table-cell", "th": "table-cell", "dt": "list-item",
          "dd": "paragraph", "figcaption": "paragraph", "caption": "paragraph", "summary": "heading", "pre": "code"}
_SPACE = re.compile(r"[ \t\n\r\f]+")
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|www\.)", re.I)


def load(path: str, data: bytes, hints: LoadHints) -> Document:
    text = decode_document(data)
    reader = _Reader(text)
    try:
        reader.feed(text)
        reader.close()
    except AssertionError as exc:  # html.parser gives up on some malformed declarations (`<![x`)
        raise LoadError(f"not valid HTML: {exc}", reader.getpos()[0]) from None
    reader.flush_all()
    locale = hints.target_locale or reader.document_locale
    return Document(path, "html", locale, hints.source_locale, blocks=reader.blocks, comments=reader.comments)


class _Open:
    __slots__ = ("name", "kind", "level", "builder", "refs", "markup", "direction", "quote", "owner")

    def __init__(self, name: str, kind: str | None, level: int, direction: str | None, quote: bool,
                 owner: _Open | None = None):
        self.name = name
        self.kind = kind  # None: an inline element or a container without its own block
        self.level = level
        self.builder = TextBuilder()
        self.refs: list[InlineRef] = []
        self.markup: list[Markup] = []
        self.direction = direction
        self.quote = quote
        # The block whose text this element's content goes to: itself for a block, else the nearest
        # block below it when it opened. Kept per element so finding it is O(1), not a walk down the
        # stack (D07: thousands of unclosed nested tags made every tag O(depth)).
        self.owner = self if kind is not None else owner


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.raw = text
        self.lines = LineIndex(text)
        self.blocks: list[Block] = []
        self.stack: list[_Open] = []
        # How many elements of each name are open: "is a <p> open?" for an end tag in O(1) (D07).
        self.open_by_name: Counter[str] = Counter()
        self.document_locale: Locale | None = None
        self.skip_depth = 0
        self.in_title = False
        self.title = TextBuilder()
        self.comments: list[Comment] = []

    # positions
    def here(self) -> int:
        line, column = self.getpos()
        return self.lines.starts[line - 1] + column

    def block(self) -> _Open | None:
        return self.stack[-1].owner if self.stack else None

    def push(self, element: _Open) -> None:
        self.stack.append(element)
        self.open_by_name[element.name] += 1

    def pop(self) -> _Open:
        element = self.stack.pop()
        self.open_by_name[element.name] -= 1
        return element

    # tags
    def handle_starttag(self, tag: str, attrs) -> None:
        self.start(tag, attrs, self.get_starttag_text() or "", tag in VOID)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.start(tag, attrs, self.get_starttag_text() or "", True)

    def start(self, tag: str, attrs, raw: str, empty: bool) -> None:
        at = self.here()
        values = {k: v or "" for k, v in attrs}
        if tag in SKIPPED or self.skip_depth:
            if not empty:
                self.skip_depth += 1
            return
        if tag == "html" and values.get("lang") and self.document_locale is None:
            try:
                self.document_locale = Locale.parse(values["lang"])
            except ValueError:
                pass
        if tag == "title":
            self.in_title = True
            return
        if tag == "meta" and values.get("name", "").lower() == "description" and "content" in values:
            self.meta_description(raw, at, values["content"])
            return
        direction = values.get("dir") or (self.stack[-1].direction if self.stack else None)
        if tag in INLINE:
            owner = self.block()
            if owner is not None:
                start = owner.builder.length
                owner.builder.verbatim(raw, at)
                owner.markup.append(Markup(start, owner.builder.length, tag, "empty" if empty else "open",
                                           masks_content=tag in CODE))
                target = values.get("href") if tag == "a" else values.get("src") if tag == "img" else None
                if target and not _ABSOLUTE.match(target):  # absolute URLs are in the text: the URL checks see them
                    owner.refs.append(InlineRef("href" if tag == "a" else "src", start, owner.builder.length, target))
                if tag == "img":
                    owner.refs.append(InlineRef("img", start, owner.builder.length, values.get("src", ""),
                                                values.get("alt", "")))
            if not empty:
                # An inline element passes on its block's quote flag to blocks opening inside it.
                self.push(_Open(tag, None, 0, direction, bool(self.stack and self.stack[-1].quote), owner))
            return
        if empty:
            return
        self.flush_open()
        # Inside a blockquote when this is one or the element it opens in is (inherited: O(1), D07).
        quote = tag == "blockquote" or bool(self.stack and self.stack[-1].quote)
        kind = "heading" if re.fullmatch(r"h[1-6]", tag) else _KINDS.get(tag, "paragraph")
        if kind == "paragraph" and quote:
            kind = "quote"
        self.push(_Open(tag, kind, int(tag[1]) if kind == "heading" and tag != "summary" else 0, direction, quote))

    def handle_endtag(self, tag: str) -> None:
        at = self.here()
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth -= 1
            return
        if tag == "title":
            self.in_title = False
            self.emit_title()
            return
        if not self.open_by_name[tag]:
            return  # a stray end tag: browsers ignore it
        while self.stack:
            element = self.pop()
            if element.kind is None and element.name == tag:
                owner = self.block()
                if owner is not None:
                    end = self.raw.find(">", at)
                    start = owner.builder.length
                    owner.builder.verbatim(self.raw[at:end + 1 if end != -1 else at + len(tag) + 3], at)
                    owner.markup.append(Markup(start, owner.builder.length, tag, "close"))
                return
            if element.kind is not None:
                self.emit(element)
            if element.name == tag:
                return

    # text
    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        at = self.here()
        if self.in_title:
            self.title.verbatim(data, at)
            return
        owner = self.block()
        if owner is None:
            if data.strip():  # text outside any block (a bare <body> text): a paragraph of its own
                element = _Open("", "paragraph", 0, self.stack[-1].direction if self.stack else None, False)
                element.builder.verbatim(data, at)
                self.emit(element)
            return
        owner.builder.verbatim(data, at)

    def handle_comment(self, data: str) -> None:
        # Never text; one with a directive is kept at its place (between `<!--` and `-->`).
        if _comments.MARKER not in data:
            return
        body = self.here() + len("<!--")
        end = body + len(data)
        end += next((len(close) for close in ("-->", "--!>") if self.raw.startswith(close, end)), 0)
        self.comments.append(_comments.comment(self.raw, self.lines, body, body + len(data), end))

    def handle_entityref(self, name: str) -> None:
        self.reference(f"&{name};" if self.raw.startswith(f"&{name};", self.here()) else f"&{name}")

    def handle_charref(self, name: str) -> None:
        self.reference(f"&#{name};" if self.raw.startswith(f"&#{name};", self.here()) else f"&#{name}")

    def reference(self, written: str) -> None:
        if self.skip_depth:
            return
        at = self.here()
        char = html.unescape(written)
        if self.in_title:
            self.title.stand_in(char, at, at + len(written))
            return
        owner = self.block()
        if owner is not None:
            owner.builder.stand_in(char, at, at + len(written))

    # blocks
    def flush_open(self) -> None:
        """A block element opens inside another block's text: what came before is a block of its own."""
        owner = self.block()
        if owner is not None and owner.builder.length:
            self.emit(owner, keep_open=True)

    def flush_all(self) -> None:
        while self.stack:
            element = self.pop()
            if element.kind is not None:
                self.emit(element)

    def emit(self, element: _Open, keep_open: bool = False) -> None:
        builder = element.builder
        if element.kind == "code":
            text, text_map = builder.finish(self.lines)
            if text.strip():
                self.blocks.append(Block("code", text.strip("\n"), _trim(text_map, text, "\n"), direction=element.direction))
        else:
            self.emit_text(element)
        if keep_open:
            element.builder = TextBuilder()
            element.refs = []
            element.markup = []

    def emit_text(self, element: _Open) -> None:
        raw_text = element.builder.text()
        offsets = element.builder.offsets
        ends = element.builder.ends
        # Collapse whitespace as a browser does, keeping track of where each character came from.
        out = TextBuilder()
        mapping = []  # raw text index → collapsed text index
        position = 0
        for m in _SPACE.finditer(raw_text):
            out.placed(raw_text[position:m.start()], offsets[position:m.start()], ends[position:m.start()])
            mapping.extend(range(out.length - (m.start() - position), out.length))
            mapping.extend([out.length] * (m.end() - m.start()))
            out.stand_in(" ", offsets[m.start()], ends[m.end() - 1])
            position = m.end()
        out.placed(raw_text[position:], offsets[position:], ends[position:])
        mapping.extend(range(out.length - (len(raw_text) - position), out.length))
        mapping.append(out.length)
        text = out.text()
        lead = len(text) - len(text.lstrip())
        out.strip()
        text, text_map = out.finish(self.lines)
        if not text:
            return

        def moved(index: int) -> int:
            return max(0, min(mapping[index] - lead, len(text)))

        markup = tuple(Markup(moved(m.start), moved(m.end), m.name, m.kind, masks_content=m.masks_content)
                       for m in element.markup)
        refs = [InlineRef(r.kind, moved(r.start), moved(r.end), r.value, r.shown) for r in element.refs]
        images = [r for r in refs if r.kind == "img"]
        refs = [r for r in refs if r.kind != "img"]
        bare = re.sub(r"<[^>]*>", "", text).strip()
        if not bare and len(images) == 1:  # an image that stands alone: its alt text is the block
            original = next(r for r in element.refs if r.kind == "img")
            self.image_block(original, offsets[original.start], element)
            return
        for tag in markup:
            if tag.kind == "open" and tag.masks_content:
                close = next((c for c in markup if c.kind == "close" and c.name == tag.name and c.start >= tag.end), None)
                if close is not None:
                    refs.append(InlineRef("html-code", tag.end, close.start, text[tag.end:close.start]))
        self.blocks.append(Block(element.kind or "paragraph", text, text_map, level=element.level, refs=tuple(refs),
                                 markup=markup, direction=element.direction))

    def image_block(self, image: InlineRef, tag_start: int, element: _Open) -> None:
        alt = image.shown
        tag_text = self.raw[tag_start:self.raw.find(">", tag_start) + 1]
        m = re.search(r"""\balt\s*=\s*(["']?)""", tag_text)
        if m:
            base = tag_start + m.end()
            offsets = align(alt, self.raw[base:base + len(alt) * 2 + 16], base)
        else:
            offsets = [tag_start] * (len(alt) + 1)
        ref = InlineRef("image", 0, len(alt), image.value, f'<img src="{image.value}">')
        self.blocks.append(Block("image", alt, OffsetsMap(self.lines, offsets), refs=(ref,), direction=element.direction))

    def emit_title(self) -> None:
        self.title.strip()
        text, text_map = self.title.finish(self.lines)
        if text:
            self.blocks.append(Block("field", _SPACE.sub(" ", text), text_map, key="title"))
        self.title = TextBuilder()

    def meta_description(self, raw: str, at: int, content: str) -> None:
        m = re.search(r"""\bcontent\s*=\s*(["']?)""", raw)
        base = at + (m.end() if m else 0)
        offsets = align(content, self.raw[base:base + len(raw)], base)
        self.blocks.append(Block("field", content, OffsetsMap(self.lines, offsets), key="description"))


def _trim(text_map: OffsetsMap, text: str, chars: str) -> OffsetsMap:
    lead = len(text) - len(text.lstrip(chars))
    return text_map.slice(lead, lead + len(text.strip(chars)))
