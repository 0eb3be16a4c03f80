"""TBX (ISO 30042) term bases → `Glossary`: TBX 2008 (`martif`, `termEntry`/`langSet`/`tig` or
`ntig`/`termGrp`/`term`), as Trados MultiTerm, memoQ and Phrase export them, and TBX v3
(`tbx`, `conceptEntry`/`langSec`/`termSec`, DCA or DCT style).

Mapping: each concept entry is a glossary entry; terms in the source language are its source
terms, terms in other languages its translations. `administrativeStatus` (or the older
`normativeAuthorization`): preferred/admitted → approved; deprecated, superseded, forbidden,
obsolete → forbidden (the status is kept as the reason). `partOfSpeech` of the source term → pos;
a `definition` or `note` → note. Weblate's `translationNote` "no" → do not translate.

defusedxml's expat parser reads the file (no DTD entities, no external resources); expat's
current line gives every entry and term its line for validation messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from l10n_qa.model import Locale
from l10n_qa.packs.glossary import Entry, Glossary, GlossaryError, Problem, Term, slug

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY = {"termEntry", "conceptEntry"}
_LANG = {"langSet", "langSec"}
_TERM_GROUP = {"tig", "ntig", "termSec"}
_FORBIDDEN_STATUS = ("deprecated", "superseded", "forbidden", "obsolete", "notrecommended", "not recommended")


@dataclass
class _Term:
    text: str = ""
    line: int = 0
    status: str = ""
    pos: str = ""
    note: str = ""
    translate: str = ""


@dataclass
class _Concept:
    id: str
    line: int
    note: str = ""
    languages: list[tuple[str, int, list[_Term]]] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].split(":")[-1]


class _Collector:
    """Parser target: builds concepts while expat reads the file."""

    def __init__(self, path: str):
        self.path = path
        self.parser = None
        self.root: str | None = None
        self.root_lang: str | None = None
        self.concepts: list[_Concept] = []
        self.concept: _Concept | None = None
        self.language: tuple[str, int, list[_Term]] | None = None
        self.term: _Term | None = None
        self.stack: list[tuple[str, dict]] = []
        self.text: list[str] = []

    @property
    def line(self) -> int:
        return self.parser.parser.CurrentLineNumber if self.parser else 0

    def start(self, tag: str, attrs: dict) -> None:
        name = _local(tag)
        if self.root is None:
            self.root = name
            if name not in ("martif", "tbx"):
                raise GlossaryError(self.path, f"not a TBX file: the root element is <{name}>, expected <martif> "
                                               "(TBX 2008) or <tbx> (TBX v3)", self.line)
            self.root_lang = attrs.get(_XML_LANG) or attrs.get("lang")
        if name in _ENTRY:
            self.concept = _Concept(attrs.get("id", ""), self.line)
        elif name in _LANG and self.concept is not None:
            lang = attrs.get(_XML_LANG) or attrs.get("lang")
            if not lang:
                raise GlossaryError(self.path, f"<{name}> without xml:lang", self.line)
            self.language = (lang, self.line, [])
        elif name in _TERM_GROUP and self.language is not None:
            self.term = _Term(line=self.line)
        elif name == "term" and self.language is not None and self.term is None:
            self.term = _Term(line=self.line)  # a <term> directly in the language section
            self.stack.append(("_implicit_group", {}))
        self.stack.append((name, attrs))
        self.text = []

    def data(self, text: str) -> None:
        self.text.append(text)

    def end(self, tag: str) -> None:
        name, attrs = self.stack.pop()
        content = " ".join("".join(self.text).split())
        self.text = []
        kind = (attrs.get("type") or name).strip()
        if name == "term" and self.term is not None:
            self.term.text = content
            self.term.line = self.line
        elif name in ("termNote", "administrativeStatus", "normativeAuthorization", "partOfSpeech",
                      "translationNote") and self.term is not None:
            if kind in ("administrativeStatus", "normativeAuthorization"):
                self.term.status = content
            elif kind == "partOfSpeech":
                self.term.pos = content
            elif kind == "translationNote":
                self.term.translate = content
        elif name in ("descrip", "note", "definition") and content:
            if self.term is not None and name == "note":
                self.term.note = content
            elif self.concept is not None and kind in ("definition", "note", "descrip") and not self.concept.note:
                self.concept.note = content
        if self.stack and self.stack[-1][0] == "_implicit_group" and name == "term":
            self.stack.pop()
            self._close_term()
        elif name in _TERM_GROUP:
            self._close_term()
        elif name in _LANG and self.language is not None and self.concept is not None:
            self.concept.languages.append(self.language)
            self.language = None
        elif name in _ENTRY and self.concept is not None:
            self.concepts.append(self.concept)
            self.concept = None

    def _close_term(self) -> None:
        if self.term is not None and self.language is not None:
            self.language[2].append(self.term)
        self.term = None

    def close(self) -> None:
        return None


def load_tbx(data: bytes, path: str, default_id: str, source_locale: str | None = None) -> Glossary:
    collector = _Collector(path)
    parser = DefusedXMLParser(target=collector)
    collector.parser = parser
    try:
        parser.feed(data)
        parser.close()
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        reason = expat.ErrorString(exc.code) if getattr(exc, "code", None) else str(exc)
        raise GlossaryError(path, f"not well-formed XML: {reason}", line) from None
    except DefusedXmlException as exc:
        raise GlossaryError(path, f"refused: {exc}", collector.line or None) from None
    if collector.root is None:
        raise GlossaryError(path, "empty file")
    try:
        source = Locale.parse(source_locale or collector.root_lang or "en")
    except ValueError:
        raise GlossaryError(path, f"{source_locale or collector.root_lang!r} is not a locale tag") from None
    glossary = Glossary(id=default_id, path=path, source_locale=Locale(source.language))
    problems: list[Problem] = []
    for concept in collector.concepts:
        entry = _entry(concept, source.language, path, problems)
        if entry is not None:
            glossary.add(entry)
    glossary.problems = problems
    return glossary


def _entry(concept: _Concept, source_language: str, path: str, problems: list[Problem]) -> Entry | None:
    source: list[Term] = []
    translations: dict[str, list[Term]] = {}
    forbidden: dict[str, list[Term]] = {}
    pos = ""
    do_not_translate = False
    for lang, line, terms in concept.languages:
        try:
            locale = Locale.parse(lang)
        except ValueError:
            raise GlossaryError(path, f"xml:lang {lang!r} is not a locale tag", line) from None
        for term in terms:
            if not term.text:
                problems.append(Problem(path, term.line, f"empty <term> in {lang}"))
                continue
            status = term.status.lower()
            is_forbidden = any(word in status for word in _FORBIDDEN_STATUS)
            if locale.language == source_language:
                source.append(Term(term.text, line=term.line))
                pos = pos or term.pos
                do_not_translate = do_not_translate or term.translate.strip().lower() == "no"
                continue
            reason = f"administrativeStatus {term.status} in the term base" if is_forbidden else ""
            if term.note and is_forbidden:
                reason = f"{term.note} ({reason})"
            item = Term(term.text, reason=reason, note=term.note if not is_forbidden else "", line=term.line)
            (forbidden if is_forbidden else translations).setdefault(locale.tag, []).append(item)
    if not source:
        problems.append(Problem(path, concept.line, f"entry {concept.id or '(no id)'} has no term in the source "
                                f"language {source_language!r}; skipped"))
        return None
    return Entry(
        id=concept.id or slug(source[0].text), source=tuple(source),
        translations={tag: tuple(terms) for tag, terms in translations.items()},
        forbidden={tag: tuple(terms) for tag, terms in forbidden.items()},
        do_not_translate=do_not_translate and not translations, pos=pos.lower(), note=concept.note, line=concept.line,
    )
