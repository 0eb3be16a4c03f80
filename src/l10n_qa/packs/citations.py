"""References to provisions of a law — "Article 17(1)(a) GDPR", "Art. 17 Abs. 1 lit. a DSGVO",
"article 17, paragraphe 1, point a), du RGPD", "artigo 17.º, n.º 1, alínea a), do RGPD",
"Articles 15 to 22", "Recital 39", "§ 1798.121" — found in a text in any of the languages the legal
packs cover, and normalised so that a source and its translation can be compared:
kind (article, recital, section), number ("17", or a range "15-22"), subdivision ("(1)(a)") and
the law it belongs to (by the law names of the legal packs: "DSGVO" and "RGPD" are both `gdpr`).

The citation words and the paragraph/point notations per language follow the drafting conventions
of the EU language versions (Abs./lit., paragraphe/point, apartado/letra, paragrafo/lettera, lid/onder,
n.º/alínea, ust./lit., stk./litra, and the Swedish "17.1 a").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import unicodedata

import regex

_ARTICLE = (r"art(?:icles?|ikel(?:en|n|s)?|ikler(?:ne)?|iklarna|iklar|ículos?|icolo|icoli|igos?|ykuł(?:u|y|ów)?"
            r"|s?\.|\b)")
_RECITAL = (r"recitals?|erwägungsgr(?:und(?:e?s)?|ünden?)|erwg\.|considérants?|considerand[oi]s?|overweging(?:en)?"
            r"|motyw(?:y|u|ach|ów)?|skäl|(?:præambel)?betragtning(?:er(?:ne)?)?")
_SECTION = r"§§?|sections?|sec\."
# Arabic المادة/المواد, Hebrew סעיף/סעיפים (the word before the number); Japanese and Chinese 第15条 (around it).
_ARTICLE_RTL = r"المادت(?:ين|ان)|المادة|المواد|مادة|סעיפים|סעיף"
_CUE = regex.compile(rf"(?<![\w])(?:(?P<article>{_ARTICLE}|{_ARTICLE_RTL})|(?P<recital>{_RECITAL})|(?P<section>{_SECTION}))"
                     rf"|(?P<cjk>第\s*(?=\d+\s*条))", regex.IGNORECASE)
_CJK_TAIL = regex.compile(r"\s*条(?:\s*第\s*(?P<p>\d+)\s*[項项款](?:\s*第\s*(?P<q>\d+)\s*号)?)?")
# "da 15 a 22" (it), "od 15 do 22" (pl): a word before the first number of a range.
_FROM = regex.compile(r"\s*(?:da|dal|od|från|fra|from|von|de|del|du|van)\s+(?=\d)", regex.IGNORECASE)
_NUMBER = regex.compile(r"\s*(?P<n>\d+(?:\.\d+)?[a-z]?)(?:\s?\.?\s?[ºo°](?!\w))?", regex.IGNORECASE)
_SECTION_NUMBER = regex.compile(r"\s*(?P<n>\d+(?:[.\-]\d+)*[a-z]?)", regex.IGNORECASE)
# One subdivision after the number: (1), (a), (iv); "Abs. 1", "paragraphe 1", "n.º 1", "lid 1", "stk. 1";
# "lit. a", "point a)", "letra a)", "onder a", "alínea a)", "litra a".
_PARENS = regex.compile(r"\s?\((?P<p>\d+[a-z]?|[a-z]{1,2}|[ivx]{1,5})\)")  # lower case: "(EU)" is no point
_PARAGRAPH = regex.compile(
    r"\s*,?\s*(?:abs\.|absatz|paragraphe|paragrafo|paragraph|para\.|apartado|lid|n\.\s?[ºo°]|nº|n\.|ust\.|ustęp|"
    r"stk\.|punkt|punto)\s*(?P<p>\d+[a-z]?)(?:\.\s?[ºo°])?", regex.IGNORECASE)
_POINT = regex.compile(r"\s*,?\s*(?:lit\.|litera|buchst\.|buchstabe|point|lettera|letra|onder|alínea|alinea|litra)"
                       r"\s*(?P<p>[a-z]{1,2})\b\)?", regex.IGNORECASE)
_SKIPPED = regex.compile(r"\s*,?\s*(?:uabs\.|unterabs\.|unterabsatz|s\.|satz|subparagraph|alinéa|párrafo|comma|zin)"
                         r"\s*\d+", regex.IGNORECASE)
_SWEDISH_POINT = regex.compile(r"\s(?P<p>[a-h])(?=[\s,.;:)]|$)")
_RANGE = regex.compile(r"\s*(?:-|–|—|to|through|bis|à|a|al|tot en met|t/m|tot|do|till|til)\s*(?=\d)", regex.IGNORECASE)
_LIST = regex.compile(r"\s*(?:,|;|and|und|et|y|e|en|och|og|oraz|i|or|ou|oder|o)\s*(?=\d)", regex.IGNORECASE)
# Words that may follow a listed number: a connector, a subdivision, a law's name, "of the", "du" …
_AFTER_LISTED = regex.compile(
    r"\s*(?:$|[,;.:)\]\u2013\u2014-]|\(|(?:and|und|et|y|e|en|och|og|oraz|i|or|ou|oder|o|to|bis|à|a|al|tot|do|till|til"
    r"|of|des|der|du|de|del|della|dello|dell|van|da|z|abs|absatz|paragraphe|paragrafo|apartado|lid|n\.|ust|stk|lit"
    r"|point|lettera|letra|onder|alínea|litra)\b)", regex.IGNORECASE)
# Between a reference and the law it cites: "of the", "du", "del", "do", "van de", "i", "z" …
_LAW_GAP = regex.compile(r"[\s,]*(?:(?:of|der|des|du|de|la|del|della|dello|dell'|dell’|van|do|da|z|i|w|the|el|il|lo|من)\s+)*"
                         r"(?:ל-|ל־|ל)?\(?", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Citation:
    kind: str  # article, recital, section
    number: str  # "17", "15-22"
    detail: str  # "(1)(a)" or ""
    law: str | None  # law id (gdpr, uk-gdpr, lgpd …) or None when the text does not say
    start: int
    end: int
    text: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.number, self.detail)

    def describe(self) -> str:
        word = {"article": "Article", "recital": "Recital", "section": "§"}[self.kind]
        number = self.number.replace("-", " to ") if self.kind != "section" else self.number
        if "-" in self.number and self.kind != "section":
            word += "s"
        return f"{word} {number}{self.detail}"


class LawNames:
    """All names of all known laws, compiled into one expression: name → law id."""

    def __init__(self, laws: Iterable = ()):
        self.by_name: dict[str, str] = {}
        self.numbers: dict[str, str] = {}
        for law in laws:
            for names in law.names.values():
                for name in names:
                    self.by_name.setdefault(name.casefold(), law.id)
            if law.number:
                self.numbers[law.number] = law.id
        alternatives = sorted(self.by_name, key=len, reverse=True)
        parts = [r"(?:\w+\s*)?\((?:EU|UE|EG|EC|CE)\)\s*(?:nr\.?|n\.?\s?[ºo°]|no\.?)?\s*(?P<number>\d{4}/\d+)"]
        parts += [regex.escape(name) for name in alternatives]
        self.pattern = regex.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", regex.IGNORECASE)

    def law_at(self, text: str, position: int) -> tuple[str, int, int] | None:
        """The law named right at `position` (after "of the", "du", …): (id, start, end)."""
        gap = _LAW_GAP.match(text, position)
        start = gap.end() if gap else position
        match = self.pattern.match(text, start)
        if match is None:
            return None
        law = self._law(match)
        return (law, match.start(), match.end()) if law else None

    def law_before(self, text: str, position: int) -> tuple[str, int] | None:
        """The law named right before `position` ("GDPR第15条", "DSGVO Art. 15"): (id, its start)."""
        window = text[max(0, position - 80):position]
        offset = position - len(window)
        last = None
        for match in self.pattern.finditer(window):
            last = match
        if last is None or window[last.end():].strip(" \t（）()の") != "":
            return None
        law = self._law(last)
        return (law, offset + last.start()) if law else None

    def _law(self, match) -> str | None:
        if match.group("number"):
            return self.numbers.get(match.group("number"))
        return self.by_name.get(match.group().casefold())

    def find(self, text: str) -> list[tuple[str, int, int, str]]:
        """Every law name in the text: (law id, start, end, as written)."""
        found = []
        for match in self.pattern.finditer(text):
            law = self._law(match)
            if law:
                found.append((law, match.start(), match.end(), match.group()))
        return found


# Languages whose citation words the extractor knows: in others a reference may be written in a way
# it cannot see, so a missing one is not reported.
LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "ar", "he", "ja", "zh"})


def extract(text: str, laws: LawNames | None = None) -> list[Citation]:
    """Every reference to a provision in `text`, in order."""
    citations: list[Citation] = []
    position = 0
    while True:
        cue = _CUE.search(text, position)
        if cue is None:
            break
        kind = cue.lastgroup
        found = _cjk(text, cue.end()) if kind == "cjk" else _after_cue(text, cue.end(), kind)
        kind = "article" if kind == "cjk" else kind
        if not found:
            position = cue.end()
            continue
        items, end = found
        law = None
        start = cue.start()
        if kind == "section" and not cue.group().startswith("§") and (laws is None or not laws.law_at(text, end)):
            position = end  # "see section 2 below" is a part of the page, not of a law
            continue
        if laws is not None:
            named = laws.law_at(text, end)
            if named:
                law, _, law_end = named
                end = law_end
            else:  # "GDPR第15条", "(GDPR) Art. 15"
                before = laws.law_before(text, start)
                if before:
                    law, start = before
        for number, detail in items:
            citations.append(Citation(kind, number, detail, law, start, end, text[start:end]))
        position = end
    return citations


def _cjk(text: str, position: int):
    number = _NUMBER.match(text, position)
    tail = _CJK_TAIL.match(text, number.end()) if number else None
    if tail is None:
        return None
    detail = "".join(f"({p})" for p in (tail.group("p"), tail.group("q")) if p)
    return [(_number(number.group("n"), "article"), detail)], tail.end()


def _after_cue(text: str, position: int, kind: str):
    """The numbers after a citation word: [(number, detail)] and where they end, or None."""
    number_re = _SECTION_NUMBER if kind == "section" else _NUMBER
    start = _FROM.match(text, position)
    first = number_re.match(text, start.end() if start else position)
    if first is None:
        return None
    number = _number(first.group("n"), kind)
    if number is None:
        return None
    detail, end = _detail(text, first.end(), kind, first.group("n"))
    items = [(number, detail)]
    while True:
        joined = _RANGE.match(text, end)
        if joined:
            following = number_re.match(text, joined.end())
            last = _number(following.group("n"), kind) if following else None
            first = items[-1][0]
            if last and (not (first.isdigit() and last.isdigit()) or int(last) > int(first)):
                items[-1] = (f"{first}-{last}", items[-1][1])
                end = following.end()
                continue
        joined = _LIST.match(text, end)
        if joined:
            following = number_re.match(text, joined.end())
            if following and _number(following.group("n"), kind):
                detail, after = _detail(text, following.end(), kind, following.group("n"))
                if _AFTER_LISTED.match(text, after) or _law_follows(text, after):
                    items.append((_number(following.group("n"), kind), detail))
                    end = after
                    continue
        break
    return items, end


def _law_follows(text: str, position: int) -> bool:
    return bool(regex.match(r"\s+\p{Lu}{2,}", text[position:position + 12]))


def _number(raw: str, kind: str) -> str | None:
    raw = "".join(str(unicodedata.decimal(c)) if c.isdigit() else c for c in raw)
    if kind == "section":
        return raw
    if "." in raw:  # Swedish "17.1": the paragraph is read by _detail
        raw = raw.split(".")[0]
    return raw.lower() if len(raw) <= 4 else None


def _detail(text: str, position: int, kind: str, raw_number: str) -> tuple[str, int]:
    parts = []
    if kind != "section" and "." in raw_number:  # sv "artikel 17.1 a"
        parts.append(raw_number.split(".", 1)[1])
        point = _SWEDISH_POINT.match(text, position)
        if point:
            parts.append(point.group("p").lower())
            position = point.end()
    while True:
        for expression in (_PARENS, _PARAGRAPH, _POINT):
            match = expression.match(text, position)
            if match:
                parts.append(match.group("p").lower())
                position = match.end()
                break
        else:
            skipped = _SKIPPED.match(text, position)
            if skipped and parts:
                position = skipped.end()
                continue
            break
    return "".join(f"({p})" for p in parts), position
