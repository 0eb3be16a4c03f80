"""Core types shared by loaders, checks, the engine and reporters.

Loaders produce `Document`s of `Segment`s, checks turn a segment into `Hit`s (offsets into the
target text) of the `Rule`s they declare, the engine turns hits into `Finding`s with real file
positions, reporters render a `Report`. Nothing here imports any other part of the package.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import Protocol

CATEGORIES = (
    "glossary", "culture", "rtl", "legal", "placeholder", "markup", "number", "url",
    "punctuation", "whitespace", "typography", "consistency", "completeness", "length",
    "spelling", "grammar", "encoding", "structure", "suppression",
)

CONTENT_TYPES = ("article", "reply", "policy", "ui")


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


# Languages written right to left (ISO 639 codes), and scripts that are.
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-Arab", "ps", "sd", "ug", "ur", "yi"})
_RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"})
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?((?:[-_][A-Za-z0-9]{1,8})*)$")


@dataclass(frozen=True, slots=True)
class Rule:
    """What a user sees and selects (`placeholder.missing`): its metadata, shown by `rules` and `explain`."""

    id: str
    category: str
    severity: Severity
    summary: str  # one line: what it finds
    rationale: str  # why it matters, what to do instead
    example: tuple[str, str, str] | None = None  # (source, bad target, good target)
    pack: str = ""  # the rule pack that defines it (packs/rulepack.py); "" for rules written in code

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        if not self.id.startswith(self.category + "."):
            raise ValueError(f"rule {self.id}: id must start with its category")


@dataclass(frozen=True, slots=True)
class Locale:
    """A BCP 47 tag reduced to what the checks need: language, script, region."""

    language: str
    script: str | None = None
    region: str | None = None
    variants: tuple[str, ...] = ()
    # The tag is asked for on every segment by every check that scopes rules: built once.
    _tag: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "_tag", "-".join(p for p in (self.language, self.script, self.region, *self.variants) if p))

    @classmethod
    def parse(cls, tag: str) -> "Locale":
        """Normalise `de_DE`, `de-de`, `zh_hant_tw`, `sr@latin` to BCP 47 case and separators."""
        cleaned = tag.strip()
        modifier = None
        if "@" in cleaned:  # POSIX modifier, e.g. sr@latin, ca@valencia
            cleaned, modifier = cleaned.split("@", 1)
        cleaned = cleaned.split(".", 1)[0]  # drop a POSIX codeset: de_DE.UTF-8
        match = _TAG.match(cleaned)
        if not match:
            raise ValueError(f"not a locale tag: {tag!r}")
        language, script, region, rest = match.groups()
        variants = tuple(v.lower() for v in re.split(r"[-_]", rest) if v)
        if modifier:
            if modifier.lower() == "latin":
                script = script or "Latn"
            elif modifier.lower() == "cyrillic":
                script = script or "Cyrl"
            else:
                variants += (modifier.lower(),)
        return cls(
            language=language.lower(),
            script=script.title() if script else None,
            region=region.upper() if region else None,
            variants=variants,
        )

    @property
    def tag(self) -> str:
        return self._tag

    def __str__(self) -> str:
        return self.tag

    @property
    def direction(self) -> str:
        if self.script:
            return "rtl" if self.script in _RTL_SCRIPTS else "ltr"
        return "rtl" if self.language in _RTL_LANGUAGES else "ltr"

    @property
    def fallbacks(self) -> tuple["Locale", ...]:
        """This locale, then ever less specific ones: de-CH-1996 → de-CH → de."""
        chain = [self]
        if self.variants:
            chain.append(Locale(self.language, self.script, self.region))
        if self.region and self.script:
            chain.append(Locale(self.language, self.script))
        if self.region or self.script:
            chain.append(Locale(self.language))
        seen: list[Locale] = []
        for loc in chain:
            if loc not in seen:
                seen.append(loc)
        return tuple(seen)



_LOCALE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_](?:[A-Za-z][a-z]{3}))?(?:[-_](?:[A-Za-z]{2}|\d{3}))?(?:@\w+)?$", re.I)


def locale_code(text: str) -> Locale | None:
    """The locale a path part or a file's key names (`de-DE`, `pt_BR`, `sr@latin`), or None: its
    language subtag must be one CLDR knows, so `js` or `hc` are no locales."""
    if not _LOCALE_CODE.match(text) or not _known_language(re.split(r"[-_@]", text)[0].lower()):
        return None
    try:
        return Locale.parse(text)
    except ValueError:
        return None


@lru_cache(maxsize=512)
def _known_language(code: str) -> bool:
    from babel import localedata  # CLDR's list of languages; imported only when a code needs it

    return localedata.exists(code)

class TextMap(Protocol):
    """Maps an offset in a segment's decoded text to a 1-based (line, column) in its file.

    Columns count characters (code points). `locate_end` is optional: where a span that ends at
    `offset` ends, which differs from `locate(offset)` when the next character is on another line
    or the previous one is an escape (`\\n`, `&amp;`) several characters long in the file.
    """

    def locate(self, offset: int) -> tuple[int, int]: ...


@dataclass(frozen=True, slots=True)
class FixedPosition:
    """A text whose position is only known as a whole (e.g. an attribute value)."""

    line: int
    column: int

    def locate(self, offset: int) -> tuple[int, int]:
        return self.line, self.column


class LineIndex:
    """Offsets of line starts in a decoded file, for offset → (line, column) lookups."""

    __slots__ = ("starts",)

    def __init__(self, text: str):
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass(frozen=True, slots=True)
class Markup:
    """An inline markup token in a text: an HTML/XML tag or an XLIFF inline element."""

    start: int
    end: int
    name: str  # element name, lower-cased for HTML
    kind: str  # "open", "close" or "empty"
    ident: str = ""  # XLIFF id (or rid for closing halves); empty for HTML
    masks_content: bool = False  # XLIFF native-code elements (ph, bpt, ept, it): content is code, not text


@dataclass(frozen=True, slots=True)
class LengthLimit:
    """The most a text may hold: `max` of `unit` (one of l10n_qa.measure.UNITS), and where it was set
    (`maxwidth="40" size-unit="char"`, `max-length:30`, `config length.sms`), for the finding's message."""

    max: int
    unit: str
    origin: str


@dataclass(slots=True)
class Segment:
    """One translatable unit: a source text paired with its translation."""

    key: str
    source: str | None
    target: str
    source_locale: Locale | None
    target_locale: Locale | None
    path: str
    target_map: TextMap
    content_type: str = "ui"
    state: str = "translated"  # translated, untranslated, fuzzy, needs-review, final
    formats: frozenset[str] = frozenset()  # declared placeholder syntaxes, e.g. python-format
    no_formats: frozenset[str] = frozenset()  # syntaxes declared absent, e.g. no-python-format
    # Inline markup the loader parsed; None: the loader does not know markup (the checks then
    # look for HTML tags in the text). () means "looked, and there is none".
    source_markup: tuple[Markup, ...] | None = None
    target_markup: tuple[Markup, ...] | None = None
    plural_index: int | None = None
    # For a plural form: placeholders of the other source form that the target may also use, and
    # whether this form stands for exactly one number (so the count may be spelled out).
    alternate_source: str | None = None
    single_number_form: bool = False
    context: str | None = None
    # Spans the loader knows to be code that is not markup (Markdown code spans): masked like
    # placeholders, so no language check reads them.
    source_protected: tuple[tuple[int, int], ...] = ()
    target_protected: tuple[tuple[int, int], ...] = ()
    # Bold spans whose markers the loader dropped (Markdown `**…**`): where UI labels are (checks/ui_labels.py).
    source_strong: tuple[tuple[int, int], ...] = ()
    target_strong: tuple[tuple[int, int], ...] = ()
    direction: str | None = None  # the target's declared text direction (HTML dir), when it has one
    pointer: str = ""  # a YAML/JSON entry's RFC 6901 JSON Pointer in the target file (`suppress:` entries match it)
    block_kind: str = ""  # the article block the text comes from ("list-item", "heading"…); "" for catalogs
    length_limit: LengthLimit | None = None  # the unit's own limit (XLIFF maxwidth/slr, PO max-length:N)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: a rule and a span of the target text (None: the whole segment)."""

    rule: str
    message: str
    start: int | None = None
    end: int | None = None
    suggestion: str = ""
    matched: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A machine fix that is safe to apply (l10n_qa.fixes): the target's characters `start`…`end`,
    which are `original`, become `replacement`. (line, column)…(end_line, end_column) is where
    `original` is in the file (end column exclusive); `--fix` edits the file only if it finds exactly
    `original` there."""

    start: int
    end: int
    original: str
    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    locale: str
    source_locale: str
    segment: str
    source: str
    target: str
    suggestion: str
    matched: str
    fingerprint: str
    pointer: str = ""  # the segment's JSON Pointer (YAML/JSON files), for `suppress:` entries; not in reports
    fix: Fix | None = None  # a safe machine fix (`check --fix`), where the rule has one for this text

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)


def fingerprint(rule: str, path: str, segment: str, matched: str, occurrence: int) -> str:
    """Stable across unrelated edits: no line numbers, only what the finding is about."""
    # surrogatepass: a file name that is not valid UTF-8 reaches us as lone surrogates (PEP 383), and a
    # JSON or YAML "\\ud800" escape makes one; hashing them keeps the fingerprint stable, not a crash.
    joined = "\x1f".join((rule, path, segment, matched, str(occurrence)))
    digest = hashlib.sha256(joined.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class InputError:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment in a file, kept because it may carry `l10n-qa:` directives (see suppress.py).

    (line, column) is where `text[0]` is in the file; a character after a newline in `text` is at
    that line's column of its offset, so the text should be the comment's raw content. `segments`
    says what the comment belongs to: None for a comment that sits among the text (Markdown, HTML,
    YAML: its directives act by position), or the keys of the segments it is attached to (a PO
    entry's translator comment, an XLIFF unit's note: its directives act on those segments; an
    empty tuple for a file-level note).
    """

    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    segments: tuple[str, ...] | None = None


@dataclass(slots=True)
class Document:
    """A loaded file: its segments, plus problems found while loading it."""

    path: str
    format: str
    target_locale: Locale | None
    source_locale: Locale | None
    segments: list[Segment] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # A monolingual file (Markdown, HTML, a per-locale catalog) loads as blocks with no source yet;
    # l10n_qa.pairing aligns them with its source's blocks into `segments` and records the
    # alignment in `pairing` for the structure and completeness checks (types in l10n_qa.blocks).
    blocks: list | None = None
    pairing: object | None = None
    # A file holding several locales (a bilingual reply file) loads as each locale's blocks
    # (blocks.Bilingual); pairing picks the source among them and aligns the others into `segments`.
    unaligned: object | None = None


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding hidden by an inline directive or a config `suppress` entry, and why."""

    finding: Finding
    reason: str
    origin: str  # where the suppression is written: "path:line"
    until: str | None = None  # ISO date after which it lapses


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A known finding recorded in a baseline file (paths relative to the baseline's folder)."""

    path: str
    rule: str
    segment: str
    matched: str
    fingerprint: str


@dataclass(slots=True)
class Report:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    # What the run could not do but that is no input error (a service down that was not required,
    # a locale without a spelling dictionary): said once each, never changes the exit code.
    notices: list[str] = field(default_factory=list)
    files: int = 0
    segments: int = 0
    seconds: float = 0.0
    paths: list[str] = field(default_factory=list)  # the files checked, as reports show them
    suppressed: list[Suppressed] = field(default_factory=list)
    baseline: str | None = None  # the baseline file applied, if any
    baselined: int = 0  # findings the baseline hid
    stale: list[BaselineEntry] = field(default_factory=list)  # baseline entries that matched nothing
    # id → rule metadata (checks.Rule) of every rule that found something, from the run's registry, so
    # reporters describe a user's pack rules as well as the built-in ones.
    rules: dict = field(default_factory=dict)
    fail_on: str = "error"  # the run's threshold: findings below it do not fail it (JUnit skips them)
    started_at: float = 0.0  # when the run started (seconds since the epoch), for report timestamps
    min_severity: str | None = None  # `--min-severity`: findings below it are counted, not listed
    below_min_severity: list[Finding] = field(default_factory=list)  # what `min_severity` hid
    # `--shard K/N` runs: which part this is and a digest of the settings, so `l10n-qa merge` can tell
    # that its reports are the parts of one run (shard.py, merge.py).
    shard: str | None = None
    settings_digest: str | None = None
    allow_empty: bool = False

    def counts_by_severity(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts
