"""CSV/TSV glossaries → `Glossary`: one column per locale, one row per concept.

The header names the columns. Recognised, case-insensitively:
- a locale tag (`en`, `de-DE`, `pt_BR`), or `term [de]`, `term_de`, `de term`: terms in that locale;
- `forbidden [de]`, `forbidden_de`, `de forbidden` (also `deprecated …`): forbidden terms in that locale;
- `note`, `notes`, `description`, `definition`, `comment`: the note; `pos`, `part of speech`: the pos;
- `do not translate`, `dnt`, `untranslatable`, `translatable` (the opposite): do not translate;
- `case sensitive`, `case_sensitive`: yes/true/1 to match case; `id`: the entry id.
A cell may hold several terms separated by `|` or `;`. The source language is `--source-locale`,
else English when there is an English column, else the first locale column. Delimiter (comma,
semicolon or tab) and encoding (UTF-8, with or without BOM, or UTF-16 as Excel's "Unicode text")
are detected.
"""

from __future__ import annotations

import csv
import io
import re

from l10n_qa.model import Locale
from l10n_qa.packs.glossary import Entry, Glossary, GlossaryError, Problem, Term, slug

_SPLIT = re.compile(r"\s*[|;]\s*")
_BRACKET = re.compile(r"^(term|forbidden|deprecated|terms)\s*[\[(]\s*([\w@-]+)\s*[\])]$", re.I)
_PREFIX = re.compile(r"^(term|forbidden|deprecated|terms)[\s_:-]+([\w@-]+)$", re.I)
_SUFFIX = re.compile(r"^([\w@-]+)[\s_:-]+(term|terms|forbidden|deprecated)$", re.I)
_NOTE = {"note", "notes", "description", "definition", "comment", "comments"}
_POS = {"pos", "part of speech", "part_of_speech", "partofspeech"}
_DNT = {"do not translate", "do_not_translate", "dnt", "untranslatable", "read-only", "readonly"}
_TRANSLATABLE = {"translatable"}
_CASE = {"case sensitive", "case_sensitive", "case-sensitive", "match case"}
_TRUE = {"1", "yes", "y", "true", "x", "✓"}


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:  # an odd byte count, a lone surrogate
            raise GlossaryError(path, f"not valid UTF-16 although it starts with a UTF-16 byte order mark "
                                f"(byte {exc.start}): export the glossary as CSV UTF-8") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(path, "not valid UTF-8 or UTF-16 (export the glossary as CSV UTF-8)", line) from None


def _locale(name: str) -> Locale | None:
    try:
        locale = Locale.parse(name)
    except ValueError:
        return None
    from babel import localedata  # only a real language code makes a column a locale column

    return locale if localedata.exists(locale.language) else None


def _column(header: str) -> tuple[str, str | None]:
    """(role, locale tag) of a header cell: role is term, forbidden, note, pos, dnt, translatable, case, id or ''."""
    name = " ".join(header.strip().split())
    lowered = name.lower()
    # "Description [en]", "part_of_speech_en": a note or pos column of one language is the entry's.
    base = re.sub(r"\s*[\[(][\w@-]+[\])]$|_[a-z]{2,3}(?:[-_][A-Za-z]{2})?$", "", lowered)
    if base != lowered and base in (_NOTE | _POS | _DNT | _TRANSLATABLE | _CASE):
        lowered = base
    if lowered in _NOTE:
        return "note", None
    if lowered in _POS:
        return "pos", None
    if lowered in _DNT:
        return "dnt", None
    if lowered in _TRANSLATABLE:
        return "translatable", None
    if lowered in _CASE:
        return "case", None
    if lowered == "id":
        return "id", None
    for rx, role_group, locale_group in ((_BRACKET, 1, 2), (_PREFIX, 1, 2), (_SUFFIX, 2, 1)):
        match = rx.match(name)
        if match:
            locale = _locale(match.group(locale_group))
            if locale:
                role = match.group(role_group).lower()
                return ("forbidden" if role in ("forbidden", "deprecated") else "term"), locale.tag
    locale = _locale(name)
    if locale:
        return "term", locale.tag
    return "", None


def load_csv(data: bytes, path: str, default_id: str, source_locale: str | None = None) -> Glossary:
    text = _decode(data, path)
    first_line = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if "\t" in first_line else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError(path, "empty file: expected a header row naming a column per locale") from None
    except csv.Error as exc:
        raise GlossaryError(path, f"not readable as CSV: {exc}", 1) from None
    columns = [_column(cell) for cell in header]
    locales = [tag for role, tag in columns if role == "term"]
    if len(locales) < 1:
        raise GlossaryError(path, "no locale columns in the header (expected e.g. `en,de,fr` or `Term [en]`)", 1)
    if source_locale:
        source = Locale.parse(source_locale)
    else:
        english = [tag for tag in locales if tag.split("-")[0] == "en"]
        source = Locale.parse(english[0] if english else locales[0])
    if not any(role == "term" and tag.split("-")[0] == source.language for role, tag in columns):
        raise GlossaryError(path, f"no column for the source language {source.language!r} "
                                  f"(columns: {', '.join(locales)}; use --source-locale)", 1)
    glossary = Glossary(id=default_id, path=path, source_locale=Locale(source.language))
    problems: list[Problem] = []
    seen_ids: set[str] = set()
    line = reader.line_num + 1
    try:
        for row in reader:
            entry = _entry(row, columns, source.language, line, path, problems)
            if entry is not None:
                if entry.id in seen_ids:
                    entry.id = f"{entry.id}-{line}"
                seen_ids.add(entry.id)
                glossary.add(entry)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(path, f"not readable as CSV: {exc}", reader.line_num) from None
    glossary.problems = problems
    return glossary


def _entry(row: list[str], columns, source_language: str, line: int, path: str, problems: list[Problem]) -> Entry | None:
    if not any(cell.strip() for cell in row):
        return None
    source: list[Term] = []
    translations: dict[str, tuple[Term, ...]] = {}
    forbidden: dict[str, tuple[Term, ...]] = {}
    fields: dict[str, str] = {}
    for (role, tag), cell in zip(columns, row):
        cell = cell.strip()
        if role == "term" and tag.split("-")[0] == source_language:
            source += [Term(t, line=line) for t in _SPLIT.split(cell) if t]
        elif role == "term":
            terms = tuple(Term(t, line=line) for t in _SPLIT.split(cell) if t)
            if terms:
                translations[tag] = translations.get(tag, ()) + terms
        elif role == "forbidden":
            terms = tuple(Term(t, reason="marked forbidden in the glossary", line=line) for t in _SPLIT.split(cell) if t)
            if terms:
                forbidden[tag] = forbidden.get(tag, ()) + terms
        elif role and cell:
            fields[role] = cell
    if len(row) > len(columns):
        problems.append(Problem(path, line, f"{len(row)} cells but {len(columns)} columns in the header"))
    if not source:
        problems.append(Problem(path, line, "empty source term: the row is skipped"))
        return None
    do_not_translate = fields.get("dnt", "").lower() in _TRUE or fields.get("translatable", "").lower() in ("0", "no", "n", "false")
    if not translations and not forbidden and not do_not_translate:
        problems.append(Problem(path, line, f"empty translation: {source[0].text!r} has no term in any other locale"))
    case = fields.get("case")
    pos = fields.get("pos", "").lower()
    return Entry(
        id=fields.get("id") or slug(source[0].text) + (f"-{slug(pos)}" if pos else ""),
        source=tuple(source), translations=translations, forbidden=forbidden,
        do_not_translate=do_not_translate and not translations,
        case_sensitive=(case.lower() in _TRUE) if case else None,
        pos=pos, note=fields.get("note", ""), line=line,
    )
