"""Glossaries: the data model, the YAML format, validation, and compilation into rules.

A glossary is a list of entries, one per concept: its source term(s), approved translations per
locale, forbidden translations per locale (with the reason), or "do not translate" for names that
must stay as they are. docs/glossaries.md documents the YAML format; TBX and CSV files are read
into the same model by `packs.tbx` and `packs.csv_glossary`.

Locale fallback: an entry's `de` translations serve de-DE, de-AT and de-CH; a `de-CH` list
replaces them for de-CH only. A target written only as a language (`de`) uses a regional list
(`de-DE`) when it is the only one of that language, as TBX and CSV exports tend to have.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from l10n_qa.model import Locale
from l10n_qa import safe_yaml
from l10n_qa.packs.matcher import Pattern, PatternError, _compile_regex
from l10n_qa.packs.rules import Concept, Forbid, Origin, Require, RuleSet
from l10n_qa.packs.text import fold, language_of, profile, tokenize

MISSING_TERM = "glossary.missing-term"
FORBIDDEN_TERM = "glossary.forbidden-term"
DO_NOT_TRANSLATE = "glossary.do-not-translate"


class GlossaryError(Exception):
    """A glossary that cannot be used: unreadable, not the documented format, a bad regex."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.message, self.line = path, message, line
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something `l10n-qa glossary validate` reports; the glossary is still usable."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Term:
    """One way to write a term: the term, other forms of it, and how to match it."""

    text: str
    variants: tuple[str, ...] = ()
    pattern: str | None = None  # a regular expression that also counts as this term
    case_sensitive: bool | None = None  # None: as the entry says
    inflect: bool | None = None
    reason: str = ""  # why a forbidden term is forbidden
    note: str = ""
    line: int | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.text, *self.variants) if self.text else self.variants


@dataclass(eq=False, slots=True)
class Entry:
    id: str
    source: tuple[Term, ...] = ()
    translations: dict[str, tuple[Term, ...]] = field(default_factory=dict)  # locale tag → approved
    forbidden: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    do_not_translate: bool = False
    case_sensitive: bool | None = None
    inflect: bool | None = None
    pos: str = ""
    note: str = ""
    ignore: tuple[str, ...] = ()  # source phrases in which the term means something else
    line: int | None = None
    glossary: "Glossary | None" = None
    _concept: Concept | None = None

    @property
    def origin(self) -> Origin:
        glossary = self.glossary
        return Origin(glossary.id if glossary else "", glossary.path if glossary else "", self.line, self.id)

    @property
    def label(self) -> str:
        """How findings name the entry and where it is: `glossary entry "refund", glossaries/x.yaml:12`."""
        glossary = self.glossary
        path = glossary.path if glossary else ""
        return f"glossary entry \"{self.id}\", {path}:{self.line}" if self.line else f"glossary entry \"{self.id}\", {path}"

    def approved(self, locale: Locale) -> tuple[Term, ...]:
        return resolve(self.translations, locale, self.forbidden)

    def forbidden_for(self, locale: Locale) -> tuple[Term, ...]:
        return resolve(self.forbidden, locale, self.translations)

    def _case(self, term: Term | None = None) -> bool:
        if term is not None and term.case_sensitive is not None:
            return term.case_sensitive
        if self.case_sensitive is not None:
            return self.case_sensitive
        return self.do_not_translate  # a name keeps its capitals unless the entry says otherwise

    def _inflect(self, term: Term | None = None) -> bool:
        if term is not None and term.inflect is not None:
            return term.inflect
        if self.inflect is not None:
            return self.inflect
        return not self.do_not_translate

    def patterns(self, terms: Iterable[Term], payload=None, *, exact: bool = False) -> tuple[Pattern, ...]:
        out = []
        for term in terms:
            case = True if exact else self._case(term)
            inflect = False if exact else self._inflect(term)
            out += [Pattern(form, payload or term, False, case, inflect) for form in term.forms]
            if term.pattern:
                out.append(Pattern(term.pattern, payload or term, True, case, False))
        return tuple(out)

    @property
    def concept(self) -> Concept:
        if self._concept is None:
            ignore = tuple(Pattern(phrase, None, False, False, True) for phrase in self.ignore)
            self._concept = Concept(self.id, self.patterns(self.source), ignore)
        return self._concept

    def rules(self, locale: Locale) -> list[Require | Forbid]:
        """This entry as rule primitives for one target locale."""
        approved = self.approved(locale)
        forbidden = self.forbidden_for(locale)
        rules: list[Require | Forbid] = []
        origin = self.origin
        suggestion = approved[0].text if approved else (self.source[0].text if self.do_not_translate and self.source else "")
        if self.source:
            if approved:
                rules.append(Require(MISSING_TERM, self.concept, self.patterns(approved), suggestion=suggestion,
                                     origin=origin, data=self))
            elif self.do_not_translate:
                rules.append(Require(DO_NOT_TRANSLATE, self.concept, self.patterns(self.source, exact=True),
                                     count=True, suggestion=suggestion, origin=origin, data=self))
        if forbidden:
            rules.append(Forbid(FORBIDDEN_TERM, self.patterns(forbidden), self.concept if self.source else None,
                                suggestion=suggestion, origin=origin, data=self))
        return rules


@dataclass(eq=False, slots=True)
class Glossary:
    id: str
    path: str  # as findings show it
    source_locale: Locale = field(default_factory=lambda: Locale("en"))
    description: str = ""
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while reading; see validate()

    def __post_init__(self) -> None:
        for entry in self.entries:
            entry.glossary = self

    def add(self, entry: Entry) -> None:
        entry.glossary = self
        self.entries.append(entry)

    @property
    def locales(self) -> list[str]:
        tags = {tag for e in self.entries for tag in (*e.translations, *e.forbidden)}
        return sorted(tags)


def resolve(per_locale: dict[str, tuple[Term, ...]], locale: Locale, known: Iterable[str] = ()) -> tuple[Term, ...]:
    """The most specific list for `locale`: de-CH, then de. Failing both, the only list of its
    language (a TBX export's de-DE for a `de` target), unless the entry has a list on the fallback
    chain elsewhere (`known`: its other per-locale keys), which shows the variants are told apart."""
    if not per_locale:
        return ()
    chain = [candidate.tag for candidate in locale.fallbacks]
    for tag in chain:
        terms = per_locale.get(tag)
        if terms is not None:
            return terms
    if any(tag in chain for tag in known):
        return ()
    same_language = [tag for tag in per_locale if language_of(tag) == locale.language]
    if len(same_language) == 1 and (locale.region is None or "-" not in same_language[0]):
        return per_locale[same_language[0]]
    return ()


def slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "entry"


# ---------------------------------------------------------------------------------------------
# The YAML format

_TOP_KEYS = ("id", "description", "source_locale", "entries")
_ENTRY_KEYS = ("id", "source", "translations", "forbidden", "do_not_translate", "case_sensitive", "inflect",
               "pos", "note", "ignore")
_TERM_KEYS = ("term", "variants", "pattern", "case_sensitive", "inflect", "reason", "note")


def load_yaml(text: str, path: str, default_id: str) -> Glossary:
    try:
        data = safe_yaml.load(text)
    except safe_yaml.YAMLError as exc:
        raise GlossaryError(path, exc.message, exc.line) from None
    return _Reader(path).glossary(data, default_id)


_LOCALES: dict = {}  # tag as written → Locale: a large glossary names the same few locales 10,000 times


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, line: int | None, message: str) -> GlossaryError:
        return GlossaryError(self.path, message, line)

    def keys(self, mapping, allowed: tuple[str, ...], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(allowed)})"
                raise self.fail(mapping.line_of(key), f"{what}: unknown key {key!r}{hint}")

    def glossary(self, data, default_id: str) -> Glossary:
        if not isinstance(data, dict):
            raise self.fail(safe_yaml.line_of(data, 1), "a glossary is a mapping with `entries:` (see docs/glossaries.md)")
        self.keys(data, _TOP_KEYS, "glossary")
        entries = data.get("entries")
        if not isinstance(entries, list):
            raise self.fail(data.line_of("entries"), "`entries` must be a list of terms")
        source_locale = self.locale(data.get("source_locale", "en"), data.line_of("source_locale"))
        glossary = Glossary(id=self.text(data, "id") or default_id, path=self.path, source_locale=source_locale,
                            description=self.text(data, "description"))
        for index, item in enumerate(entries):
            entry = self.entry(item, entries.line_of(index))
            if entry is not None:
                glossary.add(entry)
        glossary.problems = self.problems
        return glossary

    def text(self, mapping, key: str) -> str:
        value = mapping.get(key)
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(mapping.line_of(key), f"`{key}` must be text")
        return str(value).strip()

    def flag(self, mapping, key: str) -> bool | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self.fail(mapping.line_of(key), f"`{key}` must be true or false")
        return value

    def locale(self, value, line: int | None) -> Locale:
        locale = _LOCALES.get(value)
        if locale is None:
            try:
                locale = _LOCALES[value] = Locale.parse(str(value))
            except ValueError:
                raise self.fail(line, f"{value!r} is not a locale tag (expected e.g. de or de-CH)") from None
        return locale

    def entry(self, item, line: int) -> Entry | None:
        if isinstance(item, str):  # a bare term: a do-not-translate name is the only useful meaning
            raise self.fail(line, f"entry {item!r}: write `- source: {item}` with translations, or "
                                  "`do_not_translate: true`")
        if not isinstance(item, dict):
            raise self.fail(line, "an entry is a mapping with `source` and `translations`")
        self.keys(item, _ENTRY_KEYS, "entry")
        source = self.terms(item.get("source"), item.line_of("source"), "source", allow_reason=False)
        translations = self.per_locale(item, "translations")
        forbidden = self.per_locale(item, "forbidden")
        dnt = bool(self.flag(item, "do_not_translate"))
        if not source and not forbidden:
            if "source" in item:
                return None  # reported as an empty term
            raise self.fail(line, "an entry needs `source` (or, for a plain do-not-use list, only `forbidden`)")
        if dnt and not source:
            raise self.fail(line, "`do_not_translate` needs the `source` term that must stay unchanged")
        if source and not dnt and not ({"translations", "forbidden"} & set(item)):
            self.problems.append(Problem(self.path, line, f"entry {source[0].text!r} has no translations, "
                                         "no forbidden terms and is not do_not_translate: it checks nothing"))
        ignore = item.get("ignore") or []
        if isinstance(ignore, str):
            ignore = [ignore]
        if not isinstance(ignore, list) or not all(isinstance(p, str) and p.strip() for p in ignore):
            raise self.fail(item.line_of("ignore"), "`ignore` must be a list of source phrases")
        pos = self.text(item, "pos")
        first = source[0].text if source else forbidden[next(iter(forbidden))][0].text
        return Entry(
            id=self.text(item, "id") or slug(first) + (f"-{slug(pos)}" if pos else ""),
            source=source, translations=translations, forbidden=forbidden, do_not_translate=dnt,
            case_sensitive=self.flag(item, "case_sensitive"), inflect=self.flag(item, "inflect"),
            pos=pos, note=self.text(item, "note"), ignore=tuple(p.strip() for p in ignore), line=line,
        )

    def per_locale(self, item, key: str) -> dict[str, tuple[Term, ...]]:
        value = item.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(item.line_of(key), f"`{key}` must map locales to terms, e.g. `de: Rückerstattung`")
        result: dict[str, tuple[Term, ...]] = {}
        for tag, terms in value.items():
            line = value.line_of(tag)
            locale = self.locale(tag, line)
            if locale.tag in result:
                raise self.fail(line, f"{key}: locale {tag!r} is listed twice")
            parsed = self.terms(terms, line, f"{key}.{tag}", allow_reason=key == "forbidden")
            if parsed:
                result[locale.tag] = parsed
        return result

    def terms(self, value, line: int, where: str, allow_reason: bool) -> tuple[Term, ...]:
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        lines = [value.line_of(i) for i in range(len(items))] if isinstance(value, list) else [line]
        terms = []
        for item, item_line in zip(items, lines):
            term = self.term(item, item_line, where, allow_reason)
            if term is not None:
                terms.append(term)
        if not items:
            self.problems.append(Problem(self.path, line, f"{where}: empty translation (no term given)"))
        return tuple(terms)

    def term(self, item, line: int, where: str, allow_reason: bool) -> Term | None:
        if isinstance(item, bool) or item is None:
            raise self.fail(line, f"{where}: expected a term, got {item!r} (quote it if it is a word)")
        if isinstance(item, (str, int, float)):
            text = str(item).strip()
            if not text:
                self.problems.append(Problem(self.path, line, f"{where}: empty translation"))
                return None
            return Term(text, line=line)
        if not isinstance(item, dict):
            raise self.fail(line, f"{where}: expected a term or a mapping with `term`")
        allowed = _TERM_KEYS if allow_reason else tuple(k for k in _TERM_KEYS if k != "reason")
        self.keys(item, allowed, where)
        text = self.text(item, "term")
        variants = item.get("variants") or []
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise self.fail(item.line_of("variants"), f"{where}: `variants` must be a list of terms")
        pattern = item.get("pattern")
        if pattern is not None:
            if not isinstance(pattern, str) or not pattern:
                raise self.fail(item.line_of("pattern"), f"{where}: `pattern` must be a regular expression")
            try:  # as it will be compiled: whole words (spaced scripts) and bare (spaceless ones)
                _compile_regex(Pattern(pattern, is_regex=True), profile("en"))
                _compile_regex(Pattern(pattern, is_regex=True), profile("ja"))
            except PatternError as exc:
                raise self.fail(item.line_of("pattern"), f"{where}: {exc}") from None
        if not text and not pattern and not variants:
            self.problems.append(Problem(self.path, line, f"{where}: empty translation"))
            return None
        return Term(text, tuple(v.strip() for v in variants if v.strip()), pattern,
                    self.flag(item, "case_sensitive"), self.flag(item, "inflect"),
                    self.text(item, "reason"), self.text(item, "note"), line)


# ---------------------------------------------------------------------------------------------
# Validation


def validate(glossaries: Iterable[Glossary]) -> list[Problem]:
    """Duplicate and conflicting entries, terms both approved and forbidden, empty translations."""
    problems: list[Problem] = []
    for glossary in glossaries:
        problems += glossary.problems
        problems += _validate_one(glossary)
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))


def _key(text: str, language: str) -> tuple[str, ...]:
    prof = profile(language)
    if prof.spaceless:
        return (text.lower(),)
    return tuple(t.fold for t in tokenize(text, prof)) or (text.lower(),)


def _validate_one(glossary: Glossary) -> list[Problem]:
    problems = []
    path = glossary.path
    source_language = glossary.source_locale.language
    seen_ids: dict[str, Entry] = {}
    by_term: dict[tuple, list[tuple[Entry, Term]]] = {}
    global_forbidden: dict[str, dict[tuple, Term]] = {}
    for entry in glossary.entries:
        first = seen_ids.get(entry.id)
        if first is not None and not _same_source(first, entry, source_language):  # else: a duplicate term, below
            problems.append(Problem(path, entry.line, f"entry id {entry.id!r} is also used at line {first.line}"))
        seen_ids.setdefault(entry.id, entry)
        for term in entry.source:
            by_term.setdefault((_key(term.text, source_language), entry.pos.casefold()), []).append((entry, term))
        for tag in sorted(set(entry.translations) | set(entry.forbidden)):
            locale = Locale.parse(tag)
            language = locale.language
            approved = {_key(f, language): t for t in entry.approved(locale) for f in t.forms}
            for term in entry.forbidden_for(locale):
                for form in term.forms:
                    if _key(form, language) in approved:
                        problems.append(Problem(path, term.line, f"{form!r} is both approved and forbidden for {tag} "
                                                f"in entry {entry.id!r} (approved at line {approved[_key(form, language)].line})"))
            forms: dict[tuple, Term] = {}
            for term in entry.translations.get(tag, ()):
                for form in term.forms:
                    key = _key(form, language)
                    if key in forms:
                        problems.append(Problem(path, term.line, f"duplicate translation {form!r} for {tag} in entry "
                                                f"{entry.id!r} (also at line {forms[key].line})"))
                    forms.setdefault(key, term)
        if not entry.source:
            for tag, terms in entry.forbidden.items():
                for term in terms:
                    for form in term.forms:
                        global_forbidden.setdefault(tag, {})[_key(form, language_of(tag))] = term
    for (_, pos), items in by_term.items():
        for (first, first_term), (entry, term) in zip(items, items[1:]):
            if first is entry:
                problems.append(Problem(path, term.line, f"duplicate source term {term.text!r} in entry {entry.id!r}"))
                continue
            conflict = _conflict(first, entry)
            if conflict:
                problems.append(Problem(path, entry.line, f"conflicting entries for {term.text!r}: {conflict} "
                                        f"(line {first.line} and line {entry.line}; give each a `pos` if they "
                                        "are different words)"))
            else:
                problems.append(Problem(path, entry.line, f"duplicate term {term.text!r}: also in entry "
                                        f"{first.id!r} at line {first.line}"))
    for entry in glossary.entries:
        for tag, terms in entry.translations.items():
            banned = global_forbidden.get(tag, {})
            for term in terms:
                for form in term.forms:
                    other = banned.get(_key(form, language_of(tag)))
                    if other is not None:
                        problems.append(Problem(path, term.line, f"{form!r} is approved for {tag} in entry "
                                                f"{entry.id!r} but forbidden everywhere at line {other.line}"))
    return problems


def _same_source(first: Entry, second: Entry, language: str) -> bool:
    keys = {_key(t.text, language) for t in first.source}
    return any(_key(t.text, language) in keys for t in second.source)


def _conflict(first: Entry, second: Entry) -> str:
    if first.do_not_translate != second.do_not_translate:
        return "one is do_not_translate, the other is not"
    for tag in sorted(set(first.translations) & set(second.translations)):
        a = {form for t in first.translations[tag] for form in t.forms}
        b = {form for t in second.translations[tag] for form in t.forms}
        if a != b:
            return f"{tag} {sorted(a)} vs {sorted(b)}"
    return ""


# ---------------------------------------------------------------------------------------------
# Writing YAML (for `l10n-qa glossary import`)


def to_yaml(glossary: Glossary, header: str = "") -> str:
    import yaml

    def term_value(terms: tuple[Term, ...], forbidden: bool = False):
        values = []
        for term in terms:
            simple = not (term.variants or term.pattern or term.case_sensitive is not None
                          or term.inflect is not None or term.reason or term.note)
            if simple:
                values.append(term.text)
                continue
            item: dict = {"term": term.text} if term.text else {}
            for key in ("variants", "pattern", "case_sensitive", "inflect", "reason", "note"):
                value = getattr(term, key)
                if value not in (None, "", ()):
                    item[key] = list(value) if key == "variants" else value
            values.append(item)
        return values[0] if len(values) == 1 and not (forbidden and isinstance(values[0], dict)) else values

    entries = []
    for entry in glossary.entries:
        item: dict = {"id": entry.id}
        if entry.source:
            item["source"] = term_value(entry.source)
        for key in ("pos", "note"):
            if getattr(entry, key):
                item[key] = getattr(entry, key)
        if entry.do_not_translate:
            item["do_not_translate"] = True
        for key in ("case_sensitive", "inflect"):
            if getattr(entry, key) is not None:
                item[key] = getattr(entry, key)
        if entry.ignore:
            item["ignore"] = list(entry.ignore)
        if entry.translations:
            item["translations"] = {tag: term_value(terms) for tag, terms in entry.translations.items()}
        if entry.forbidden:
            item["forbidden"] = {tag: term_value(terms, True) for tag, terms in entry.forbidden.items()}
        entries.append(item)
    data = {"id": glossary.id}
    if glossary.description:
        data["description"] = glossary.description
    data["source_locale"] = glossary.source_locale.tag
    data["entries"] = entries
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return header + body


# ---------------------------------------------------------------------------------------------
# Compiled: all glossaries of a run


class TermBase:
    """The glossaries of a run, compiled into one RuleSet per (source language, target locale)."""

    def __init__(self, glossaries: list[Glossary]):
        self.glossaries = glossaries
        self._compiled: dict[tuple[str, str], RuleSet | None] = {}

    def rules_for(self, source_locale: Locale | None, target_locale: Locale | None) -> RuleSet | None:
        if target_locale is None:
            return None
        source_language = source_locale.language if source_locale else None
        key = (source_language or "", target_locale.tag)
        if key not in self._compiled:
            rules: list[Require | Forbid] = []
            language = source_language
            for glossary in self.glossaries:
                if language is None:
                    language = glossary.source_locale.language
                if glossary.source_locale.language != language:
                    continue  # a glossary from another source language says nothing about this text
                for entry in glossary.entries:
                    rules += entry.rules(target_locale)
            self._compiled[key] = RuleSet.compile(rules, language or "en", target_locale.language) if rules else None
        return self._compiled[key]

    def accepted_terms(self) -> frozenset[str]:
        """Approved translations and do-not-translate names, as written: words that spelling and
        grammar checks must not report (CheckContext.accepted_terms)."""
        terms = set()
        for glossary in self.glossaries:
            for entry in glossary.entries:
                if entry.do_not_translate:
                    terms.update(form for term in entry.source for form in term.forms)
                for approved in entry.translations.values():
                    terms.update(form for term in approved for form in term.forms)
        return frozenset(t for t in terms if t.strip())

    def lookup(self, query: str, locale: Locale | None = None) -> list[Entry]:
        """Entries whose source or translation is `query`, in any inflected form, or contains it."""
        wanted = query.strip()
        if not wanted:
            return []
        found = []
        for glossary in self.glossaries:
            source_language = glossary.source_locale.language
            for entry in glossary.entries:
                if _mentions(entry.source, wanted, source_language) or any(
                        _mentions(terms, wanted, language_of(tag))
                        for per_locale in (entry.translations, entry.forbidden) for tag, terms in per_locale.items()
                        if locale is None or language_of(tag) == locale.language):
                    found.append(entry)
        return found


def _mentions(terms: tuple[Term, ...], query: str, language: str) -> bool:
    prof = profile(language)
    query_fold = fold(query, language)
    query_keys = [t.key for t in tokenize(query, prof)] if not prof.spaceless else []
    for term in terms:
        for form in term.forms:
            if query_fold in fold(form, language):
                return True
            if query_keys and [t.key for t in tokenize(form, prof)] == query_keys:
                return True
    return False
