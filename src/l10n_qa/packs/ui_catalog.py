"""The UI catalogs of a run as a glossary of UI labels (for checks/ui_labels.py).

An article that says "click **Request a refund**" must name the button as the product's German UI
shows it, i.e. as the German UI catalog translates "Request a refund". The index maps each
translated msgid (source text) of the run's UI catalogs (PO and XLIFF; config `ui_catalogs:`, else
the PO/XLIFF files of content type `ui` the run checks) to its translation per locale, with the
file and line it comes from. It is built once per run in the main process, before any file is
checked, and travels to the workers inside the run's settings (plain tuples and dicts: picklable).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from l10n_qa.model import Locale

RULE_ID = "glossary.ui-label"

# A label written "Forgot password" in one place and "Forgot password?" or "Next:" in another is still
# the same UI string; so is one written with other capitals ("request a refund").
_TRAILING_PUNCTUATION = re.compile(r"[\s.:;!?…。：；！？،؛؟]+$")


def loose_key(text: str) -> str:
    """The form two labels that differ only in case, spacing or trailing punctuation share."""
    return _TRAILING_PUNCTUATION.sub("", " ".join(text.split())).casefold()


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    source: str
    translation: str
    path: str  # as reports show paths: relative to the working directory
    line: int  # of the translation (msgstr, <target>)
    context: str = ""


@dataclass(slots=True)
class LabelIndex:
    """Locale tag → source text → entries, exact and loose (loose_key)."""

    exact: dict[str, dict[str, tuple[CatalogEntry, ...]]] = field(default_factory=dict)
    loose: dict[str, dict[str, tuple[CatalogEntry, ...]]] = field(default_factory=dict)

    def add(self, locale: str, entry: CatalogEntry) -> None:
        for table, key in ((self.exact, entry.source.strip()), (self.loose, loose_key(entry.source))):
            entries = table.setdefault(locale, {}).setdefault(key, ())
            if entry not in entries:
                table[locale][key] = entries + (entry,)

    def lookup(self, label: str, locale: Locale | None) -> tuple[CatalogEntry, ...]:
        """The catalog entries of `label` in the catalogs of `locale` (or of a less specific locale:
        a `de` catalog serves `de-DE` articles): the exact msgid first, then the loose match."""
        if locale is None:
            return ()
        for candidate in locale.fallbacks:
            tag = candidate.tag
            found = self.exact.get(tag, {}).get(label.strip()) or self.loose.get(tag, {}).get(loose_key(label))
            if found:
                return found
        return ()

    def __bool__(self) -> bool:
        return bool(self.exact)


def _shown(path: str) -> str:
    try:
        return os.path.relpath(path) if os.path.isabs(path) else path
    except ValueError:
        return path


def build(paths, source_locale: Locale | None = None) -> tuple[LabelIndex, list[tuple[str, str]]]:
    """The label index of these catalog files, and (path, message) for each that cannot be read.

    PO and XLIFF pair source and translation themselves; a one-locale JSON/YAML catalog (i18next
    `locales/de/translation.json`) is paired key by key with the file of `source_locale` beside it."""
    from l10n_qa.formats import LoadError, LoadHints, format_for, loader
    from l10n_qa.safe_read import ReadRefused, read_regular_file

    index = LabelIndex()
    problems: list[tuple[str, str]] = []
    for path in dict.fromkeys(paths):
        shown = _shown(path)
        try:
            data = read_regular_file(path)
            fmt = format_for(path, data[:4096])
            if fmt == "replies":  # JSON or YAML: a one-locale keyed catalog (i18next)
                problems.extend(_add_keyed(index, path, shown, data, source_locale))
                continue
            if fmt not in ("po", "xliff"):
                problems.append((shown, "a UI catalog must be a PO, XLIFF or i18next JSON file"))
                continue
            document = loader(fmt)(shown, data, LoadHints(content_type="ui"))
        except ReadRefused as exc:
            problems.append((shown, f"UI catalog: {exc.message}"))
            continue
        except OSError as exc:
            problems.append((shown, f"cannot read the UI catalog: {exc.strerror or exc}"))
            continue
        except (LoadError, RecursionError):
            continue  # the catalog's own check reports why it cannot be read; no labels from it
        for segment in document.segments:
            locale = segment.target_locale or document.target_locale
            if (locale is None or segment.state != "translated" or segment.plural_index is not None
                    or not (segment.source or "").strip() or not segment.target.strip()):
                continue
            try:
                line = segment.target_map.locate(0)[0]
            except Exception:  # noqa: BLE001 - a position is only a hint in the message
                line = 0
            index.add(str(locale), CatalogEntry(segment.source.strip(), segment.target.strip(), shown, line,
                                                segment.context or ""))
    return index, problems


def _add_keyed(index: LabelIndex, path: str, shown: str, data: bytes, source_locale: Locale | None):
    """The entries of a one-locale keyed catalog (i18next JSON): each key's text in the source-locale
    file is the msgid, this file's text its translation. Yields (path, message) problems."""
    from l10n_qa.discover import locale_slot
    from l10n_qa.formats import LoadError, LoadHints, loader
    from l10n_qa.pairing import counterpart, same_locale
    from l10n_qa.safe_read import ReadRefused, read_regular_file

    slot = locale_slot(path)
    if slot is None or source_locale is None:
        return [(shown, "cannot tell the locale of this UI catalog from its path (locales/de/translation.json)")]
    locale = slot[2]
    if same_locale(locale, source_locale):
        return []  # the source file: it holds the msgids, not translations
    source = counterpart(path, source_locale, allow_bare=False)
    if source is None or source.path is None:
        return [(shown, f"UI catalog: no {source_locale} file beside it to take the source texts from "
                        f"(expected {_shown(source.expected) if source else 'one'})")]
    load = loader("replies")
    try:
        target_document = load(shown, data, LoadHints(target_locale=locale, content_type="ui"))
        source_document = load(_shown(source.path), read_regular_file(source.path),
                               LoadHints(target_locale=source_locale, content_type="ui"))
    except (LoadError, RecursionError, ReadRefused, OSError):
        return []  # the files' own checks report why they cannot be read
    if target_document.blocks is None or source_document.blocks is None:
        return [(shown, "UI catalog: expected one locale per file (i18next layout)")]
    sources = {block.key: block.text for block in source_document.blocks if block.key and block.text.strip()}
    for block in target_document.blocks:
        source_text = sources.get(block.key)
        if source_text and block.text.strip():
            index.add(str(locale), CatalogEntry(source_text.strip(), block.text.strip(), shown,
                                                block.text_map.locate(0)[0], block.key))
    return []


def catalogs_of_run(tasks, configured) -> list[str]:
    """The catalogs to use: the config's `ui_catalogs:` (None: not set), else the PO/XLIFF files of the
    run whose content type is `ui` (a catalog under replies/ or policies/ holds no UI strings)."""
    if configured is not None:
        return list(configured)
    from l10n_qa.formats import format_for
    from l10n_qa.pairing import catalog_content_type

    found = []
    for task in tasks:
        if task.real_path == "-" or format_for(task.path) not in ("po", "xliff"):
            continue
        kind = task.hints.content_type or catalog_content_type(task.path) or "ui"
        if kind == "ui" and not task.path.endswith(".pot"):
            found.append(task.real_path)
    return sorted(found)


def pinned(tasks, settings):
    """The settings with `ui_catalogs` fixed to the catalogs of these (the whole run's) files, so that
    a run narrowed afterwards (--changed-since, --shard) still compares with every catalog."""
    from dataclasses import replace

    if RULE_ID not in settings.enabled or settings.ui_catalogs is not None:
        return settings
    return replace(settings, ui_catalogs=tuple(catalogs_of_run(tasks, None)))


def for_run(tasks, settings):
    """The settings with the run's label index, and (path, message) problems; unchanged when the rule is off."""
    from dataclasses import replace

    if RULE_ID not in settings.enabled or settings.ui_labels is not None:
        return settings, []
    source = Locale.parse(settings.ui_source_locale) if settings.ui_source_locale else None
    index, problems = build(catalogs_of_run(tasks, settings.ui_catalogs), source)
    return replace(settings, ui_labels=index), problems
