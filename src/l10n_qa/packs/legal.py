"""Legal-term lists: glossaries with legal metadata, compiled into the same rule primitives.

A legal pack (docs/legal.md) is a glossary file (docs/glossaries.md) plus:

* top level: `law` (the id of the law its terms belong to), `content_types` (where its wrong terms
  are reported; default policy, article, reply), `require_in` (where the official term is required
  when the source uses the concept; default policy), `laws` (names of laws per language, for
  article references and law names: `packs.citations`);
* per entry: `article` (the provision that defines the concept, cited in every finding);
* per forbidden term: `severity` (`error` for a term that changes the legal meaning, `warning` for a
  legacy or non-official one) and `instead` (the term to write, when the entry has no translation).
  An `error` term is matched exactly (its `term` and `variants`, as if `inflect: false`) unless it
  says `inflect: true`: a stem can be an everyday word, and an error must name the legal phrase.

The legal keys are taken out and the rest is read by the glossary reader, so a legal list is
validated, located (file:line) and matched exactly as a glossary is: one engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from l10n_qa.model import CONTENT_TYPES, Locale
from l10n_qa import safe_yaml
from l10n_qa.packs import builtin
from l10n_qa.packs.glossary import Entry, Glossary, GlossaryError, Term, _Reader
from l10n_qa.packs.loading import file_stamps
from l10n_qa.packs.rules import Forbid, Require, RuleSet, Scope

WRONG_TERM = "legal.wrong-term"
NON_OFFICIAL_TERM = "legal.non-official-term"
MISSING_TERM = "legal.missing-term"

_SEVERITY_RULE = {"error": WRONG_TERM, "warning": NON_OFFICIAL_TERM}
_DEFAULT_CONTENT = ("policy", "article", "reply")


@dataclass(frozen=True, slots=True)
class Law:
    """A law as texts name it: per language its names, and the official abbreviation per locale."""

    id: str
    title: str
    names: dict[str, tuple[str, ...]]  # language or locale tag → names
    abbreviation: dict[str, str]  # locale tag → the official abbreviation (a kept "GDPR" is reported)
    number: str = ""  # "2016/679": "Regulation (EU) 2016/679" in any language names the law
    origin: str = ""

    def abbreviation_for(self, locale: Locale | None) -> str | None:
        if locale is None:
            return None
        for candidate in locale.fallbacks:
            if candidate.tag in self.abbreviation:
                return self.abbreviation[candidate.tag]
        return None

    def names_for(self, language: str) -> frozenset[str]:
        return frozenset(n.casefold() for tag, names in self.names.items() if tag.split("-")[0] == language
                         for n in names)

    def english_only(self, written: str, locale: Locale) -> bool:
        """Whether `written` is an English name of the law that the target language does not use."""
        folded = written.casefold()
        return folded in self.names_for("en") and folded not in self.names_for(locale.language)


@dataclass(eq=False, slots=True)
class LegalPack:
    glossary: Glossary
    law: str = ""
    content_types: frozenset[str] = frozenset(_DEFAULT_CONTENT)
    require_in: frozenset[str] = frozenset({"policy"})
    articles: dict[str, str] = field(default_factory=dict)  # entry id → "Art. 4(7)"
    severity: dict[int, str] = field(default_factory=dict)  # forbidden term line → error|warning
    instead: dict[int, str] = field(default_factory=dict)  # forbidden term line → what to write
    laws: list[Law] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.glossary.id

    @property
    def path(self) -> str:
        return self.glossary.path

    @property
    def law_name(self) -> str:
        """The law's English short name ("GDPR"), or "" when the pack names no law of its own."""
        law = next((law for law in self.laws if law.id == self.law), None)
        return law.names["en"][0] if law and law.names.get("en") else ""

    def citation(self, entry: Entry) -> str:
        """ "Art. 4(7) GDPR": where the law defines the entry's concept."""
        article = self.articles.get(entry.id, "")
        law = next((law for law in self.laws if law.id == self.law), None)
        if law is None:
            return article or self.id
        name = (law.names.get("en") or (law.id.upper(),))[0]
        return f"{article} {name}" if article else name

    def rules(self, locale: Locale) -> list[Require | Forbid]:
        """The pack's entries as rule primitives for one target locale, scoped by content type."""
        rules: list[Require | Forbid] = []
        for entry in self.glossary.entries:
            approved = entry.approved(locale)
            suggestion = approved[0].text if approved else ""
            origin = entry.origin
            if entry.source and approved:
                rules.append(Require(MISSING_TERM, entry.concept, entry.patterns(approved), suggestion=suggestion,
                                     origin=origin, scope=Scope(content_types=self.require_in), data=(self, entry)))
            by_rule: dict[str, list[Term]] = {}
            for term in entry.forbidden_for(locale):
                by_rule.setdefault(_SEVERITY_RULE[self.severity.get(term.line, "warning")], []).append(term)
            for rule_id, terms in by_rule.items():
                rules.append(Forbid(rule_id, entry.patterns(terms), entry.concept if entry.source else None,
                                    suggestion=suggestion, origin=origin, scope=Scope(content_types=self.content_types),
                                    data=(self, entry)))
        return rules


# ---------------------------------------------------------------------------------------------
# Reading

_LEGAL_TOP = ("law", "content_types", "require_in", "laws")
_LAW_KEYS = ("id", "title", "names", "abbreviation", "number")


def load_pack(path: str | Path, shown: str | None = None) -> LegalPack:
    """Read one legal pack; raises GlossaryError (file, line, message) for anything wrong."""
    shown = shown or _display(path)
    try:
        text = safe_yaml.read_data_file(path, "legal list")
    except safe_yaml.DataFileError as exc:
        raise GlossaryError(shown, exc.message) from None
    try:
        data = safe_yaml.load(text)
    except safe_yaml.YAMLError as exc:
        raise GlossaryError(shown, exc.message, exc.line) from None
    if not isinstance(data, dict):
        raise GlossaryError(shown, "a legal list is a mapping with `entries:` (see docs/legal.md)", 1)
    pack = LegalPack(glossary=Glossary(id="", path=shown))
    pack.law = _text(data.pop("law", ""), shown, data.line_of("law"), "law")
    for key in ("content_types", "require_in"):
        if key in data:
            setattr(pack, key, _content_types(data.pop(key), shown, data.line_of(key), key))
    laws = data.pop("laws", None)
    if laws is not None:
        pack.laws = _laws(laws, shown, data.line_of("laws"))
    entries = data.get("entries")
    if isinstance(entries, list):
        for index, item in enumerate(entries):
            if isinstance(item, dict):
                _take_legal_keys(item, entries.line_of(index), pack, shown)
    glossary = _Reader(shown).glossary(data, Path(path).stem)
    pack.glossary = glossary
    pack.articles = {e.id: pack.articles.pop(f"@{e.line}") for e in glossary.entries if f"@{e.line}" in pack.articles}
    return pack


def _display(path: str | Path) -> str:
    from l10n_qa.packs.loading import display_path

    folder = builtin.data_dir("rules")
    if folder is not None and Path(path).resolve().parent == (folder / "legal").resolve():
        return f"built-in:legal/{Path(path).name}"
    return display_path(path)


def _take_legal_keys(item, line: int, pack: LegalPack, shown: str) -> None:
    if "article" in item:
        pack.articles[f"@{line}"] = _text(item.pop("article"), shown, item.line_of("article"), "article")
    forbidden = item.get("forbidden")
    if not isinstance(forbidden, dict):
        return
    for tag, terms in forbidden.items():
        if not isinstance(terms, list):
            terms = [terms]
            lines = [forbidden.line_of(tag)]
        else:
            lines = [terms.line_of(i) for i in range(len(terms))]
        for term, term_line in zip(terms, lines):
            if not isinstance(term, dict):
                continue
            if "severity" in term:
                level = term.pop("severity")
                if level not in _SEVERITY_RULE:
                    raise GlossaryError(shown, f"forbidden.{tag}: `severity` must be error or warning, got {level!r}",
                                        term.line_of("severity"))
                pack.severity[term_line] = level
                if level == "error" and "inflect" not in term:
                    # An error is reported on the legal phrase and the forms the pack lists, never on
                    # a Snowball stem: Spanish "controlador" stems to "control" (everyday "control",
                    # "controladas por"), "procesador" to "proces" ("proceso").
                    term["inflect"] = False
            if "instead" in term:
                pack.instead[term_line] = _text(term.pop("instead"), shown, term.line_of("instead"), "instead")


def _text(value, shown: str, line: int | None, key: str) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise GlossaryError(shown, f"`{key}` must be text", line)
    return str(value).strip()


def _content_types(value, shown: str, line: int | None, key: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(v in CONTENT_TYPES for v in value):
        raise GlossaryError(shown, f"`{key}` must list content types ({', '.join(CONTENT_TYPES)})", line)
    return frozenset(value)


def _laws(value, shown: str, line: int | None) -> list[Law]:
    if not isinstance(value, list):
        raise GlossaryError(shown, "`laws` must be a list of {id, title, names, abbreviation}", line)
    laws = []
    for index, item in enumerate(value):
        where = value.line_of(index)
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise GlossaryError(shown, "a law needs an `id` (e.g. gdpr)", where)
        for key in item:
            if key not in _LAW_KEYS:
                raise GlossaryError(shown, f"law: unknown key {key!r} (known: {', '.join(_LAW_KEYS)})", item.line_of(key))
        names: dict[str, tuple[str, ...]] = {}
        for tag, listed in (item.get("names") or {}).items():
            listed = [listed] if isinstance(listed, str) else listed
            if not isinstance(listed, list) or not all(isinstance(n, str) and n.strip() for n in listed):
                raise GlossaryError(shown, f"law names for {tag!r} must be a list of names", item["names"].line_of(tag))
            names[str(tag)] = tuple(n.strip() for n in listed)
        abbreviation = {}
        for tag, short in (item.get("abbreviation") or {}).items():
            if not isinstance(short, str):
                raise GlossaryError(shown, f"abbreviation for {tag!r} must be text", item["abbreviation"].line_of(tag))
            abbreviation[str(tag)] = short.strip()
        laws.append(Law(item["id"].strip(), str(item.get("title", "")).strip(), names, abbreviation,
                        str(item.get("number", "")).strip(), f"{shown}:{where}"))
    return laws


# ---------------------------------------------------------------------------------------------
# The packs of a run

def builtin_paths() -> list[str]:
    folder = builtin.data_dir("rules")
    if folder is None or not (folder / "legal").is_dir():
        return []
    return sorted(str(p) for p in (folder / "legal").iterdir() if p.suffix in (".yaml", ".yml"))


def builtin_names() -> list[str]:
    return [Path(p).stem for p in builtin_paths()]


def resolve(reference: str, base: Path) -> list[str] | None:
    """A `legal:` reference: a built-in pack name (gdpr), a file, or a folder of .yaml files."""
    for path in builtin_paths():
        if Path(path).stem == reference:
            return [path]
    candidate = Path(reference).expanduser()
    if not candidate.is_absolute():
        candidate = base / candidate
    if candidate.is_file():
        return [str(candidate.resolve())]
    if candidate.is_dir():
        return sorted(str(p.resolve()) for p in candidate.iterdir() if p.suffix in (".yaml", ".yml"))
    return None


class LegalBase:
    """The legal packs of a run, compiled into one RuleSet per (source language, target locale)."""

    def __init__(self, packs: list[LegalPack]):
        self.packs = packs
        self.laws = [law for pack in packs for law in pack.laws]
        self._by_id = {law.id: law for law in self.laws}
        self._compiled: dict[tuple[str, str], RuleSet | None] = {}
        self._names = None

    @property
    def law_names(self):
        """All law names of the packs, compiled once (packs.citations.LawNames)."""
        if self._names is None:
            from l10n_qa.packs.citations import LawNames

            self._names = LawNames(self.laws)
        return self._names

    def law(self, law_id: str | None) -> Law | None:
        return self._by_id.get(law_id or "")

    def title(self, law_id: str | None) -> str:
        law = self.law(law_id)
        return law.title if law and law.title else (law_id or "").upper()

    def short(self, law_id: str | None) -> str:
        """The law's English short name ("GDPR", "UK GDPR"), for messages."""
        law = self.law(law_id)
        if law and law.names.get("en"):
            return law.names["en"][0]
        return (law_id or "").upper()

    def rules_for(self, source_locale: Locale | None, target_locale: Locale | None) -> RuleSet | None:
        if target_locale is None:
            return None
        language = source_locale.language if source_locale else "en"
        key = (language, target_locale.tag)
        if key not in self._compiled:
            rules: list[Require | Forbid] = []
            for pack in self.packs:
                if pack.glossary.source_locale.language == language:
                    rules += pack.rules(target_locale)
            self._compiled[key] = RuleSet.compile(rules, language, target_locale.language) if rules else None
        return self._compiled[key]

    def accepted_terms(self) -> frozenset[str]:
        return frozenset(form for pack in self.packs for entry in pack.glossary.entries
                         for terms in entry.translations.values() for term in terms for form in term.forms)


def load_legalbase(paths: tuple[str, ...]) -> LegalBase:
    """Read and compile once per process (a changed file is read again)."""
    return _load(tuple(paths), file_stamps(paths))


@lru_cache(maxsize=4)
def _load(paths: tuple[str, ...], stamps: tuple) -> LegalBase:
    return LegalBase([load_pack(path) for path in paths])
