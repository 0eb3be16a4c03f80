"""`l10n-qa init`: look at a repository, guess how its content is localized, write a commented config.

The guess comes from where locales appear in paths (the same reading `check` uses): files are
grouped by their path with the locale part replaced by `{locale}`; each group becomes a content set,
with a `source` pattern when its files hold one language. The source is, in this order: the files
with no locale in their path that the translations mirror (Docusaurus `docs/` for
`i18n/<locale>/docusaurus-plugin-content-docs/current/`, Hugo `x.md` beside `x.de.md`), English
when it is as complete as any locale, or the most complete locale; the generated file says which
and why, and a close call is printed as a warning.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from l10n_qa.discover import SKIP_DIRS, locale_slot
from l10n_qa.formats import EXTENSIONS, MONOLINGUAL
from l10n_qa.model import Locale
from l10n_qa.pairing import same_locale

_FORMAT_NAMES = {"po": "PO", "xliff": "XLIFF", "markdown": "Markdown", "html": "HTML", "replies": "YAML/JSON",
                 "text": "plain-text"}


@dataclass
class Group:
    target: str  # the pattern with {locale}
    format: str
    spellings: dict[Locale, str] = field(default_factory=dict)  # how each locale is written in the path
    files: Counter = field(default_factory=Counter)  # files per locale
    # Each locale's documents, as the path with the locale part taken out (`billing/refunds.md`).
    documents: dict[Locale, set[str]] = field(default_factory=dict)
    names: Counter = field(default_factory=Counter)  # file names, for the content type
    source: str | None = None  # the source pattern when the source files have no locale in their path
    unlocalized: set[str] = field(default_factory=set)  # documents of that source tree

    @property
    def monolingual(self) -> bool:
        return self.format in MONOLINGUAL or self.format == "replies"


@dataclass
class Guess:
    source_locale: Locale
    target_locales: list[Locale]
    groups: list[Group]
    reason: str = ""  # why this source locale, said in the generated file and on the terminal
    weak: str = ""  # why the guess may be wrong: printed as a warning


def _pattern(path: Path, slot: tuple[str, int, Locale]) -> tuple[str, str, str]:
    """(pattern with {locale} and wildcards, the locale as written, the document: the path with the
    locale part taken out, relative to the pattern's fixed part) for a localized file."""
    where, index, _ = slot
    ext = path.suffix
    if where == "folder":
        spelling = path.parts[index]
        prefix = "/".join(path.parts[:index] + ("{locale}",))
        return f"{prefix}/**/*{ext}", spelling, "/".join(path.parts[index + 1:])  # `**/` also matches no folder
    parts = path.name.split(".")
    spelling = parts[index]
    folder = path.parent.as_posix()
    stem = ".".join(["*" if i < index else "{locale}" if i == index else p for i, p in enumerate(parts[:-1])][:index + 1])
    rest = ".".join(parts[index + 1:])
    name = f"{stem}.{rest}" if rest else stem
    bare = ".".join(parts[:index] + parts[index + 1:])
    return (f"{folder}/{name}" if folder != "." else name), spelling, (f"{folder}/{bare}" if folder != "." else bare)


# Site generators that keep the default language's files without a locale in their path, and where
# their config names that language.
_SITE_CONFIGS = (
    ("docusaurus.config.js", r"defaultLocale\s*:\s*['\"]([^'\"]+)['\"]"),
    ("docusaurus.config.ts", r"defaultLocale\s*:\s*['\"]([^'\"]+)['\"]"),
    ("hugo.toml", r"(?m)^\s*defaultContentLanguage\s*=\s*['\"]([^'\"]+)['\"]"),
    ("config.toml", r"(?m)^\s*defaultContentLanguage\s*=\s*['\"]([^'\"]+)['\"]"),
    ("hugo.yaml", r"(?m)^\s*defaultContentLanguage\s*:\s*['\"]?([A-Za-z_-]+)"),
    ("config.yaml", r"(?m)^\s*defaultContentLanguage\s*:\s*['\"]?([A-Za-z_-]+)"),
)
# A locale whose documents score within this share of the best is as complete as the best.
_AS_COMPLETE = 0.9


def _site_default_locale(root: Path) -> tuple[Locale, str] | None:
    for name, pattern in _SITE_CONFIGS:
        try:
            text = (root / name).read_text(encoding="utf-8", errors="replace")[:200_000]
        except OSError:
            continue
        found = re.search(pattern, text)
        if found:
            try:
                return Locale.parse(found.group(1)), name
            except ValueError:
                continue
    return None


def _mirror(group: Group, unlocalized: dict[str, set[str]]) -> None:
    """A folder layout whose source has no locale folder: Docusaurus keeps English in `docs/x.md`
    and translations in `i18n/<locale>/docusaurus-plugin-content-docs/current/x.md`. Find the
    unlocalized folder whose files most of the translated documents mirror, and narrow the group to
    the part of the locale folders that mirrors it."""
    ext = Path(group.target).suffix
    votes: Counter = Counter()
    for documents in group.documents.values():
        for document in documents:
            parts = document.split("/")
            for drop in range(len(parts)):
                for prefix in unlocalized.get("/".join(parts[drop:]), ()):
                    if prefix:  # a source tree at the top of the repository would be every file
                        votes[(prefix, "/".join(parts[:drop]))] += 1
    if not votes:
        return
    (prefix, dropped), count = votes.most_common(1)[0]
    largest = max(len(d) for d in group.documents.values())
    if count < max(2, largest // 2) and count < largest:
        return
    base = group.target.split("{locale}")[0] + "{locale}"
    group.target = f"{base}/{dropped}/**/*{ext}" if dropped else f"{base}/**/*{ext}"
    group.source = f"{prefix}/**/*{ext}"
    cut = len(dropped) + 1 if dropped else 0
    for locale in list(group.documents):
        kept = {d[cut:] for d in group.documents[locale] if not dropped or d.startswith(dropped + "/")}
        group.documents[locale] = kept
        group.files[locale] = len(kept)
        if not kept:
            del group.documents[locale], group.files[locale]
    group.unlocalized = {suffix for suffix, prefixes in unlocalized.items() if prefix in prefixes}


def guess(root: Path) -> Guess | None:
    groups: dict[str, Group] = {}
    unlocalized: dict[str, set[str]] = {}  # every tail of a file with no locale → the folders it is in
    bare_files: set[str] = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            fmt = EXTENSIONS.get(os.path.splitext(name)[1].lower())
            if fmt is None or name.endswith(".pot"):
                continue
            path = (Path(folder) / name).relative_to(root)
            slot = locale_slot(path.as_posix())
            if slot is None:
                if fmt in MONOLINGUAL:
                    bare_files.add(path.as_posix())
                    for cut in range(len(path.parts)):
                        unlocalized.setdefault("/".join(path.parts[cut:]), set()).add("/".join(path.parts[:cut]))
                continue
            pattern, spelling, document = _pattern(path, slot)
            group = groups.setdefault(pattern, Group(pattern, fmt))
            group.spellings.setdefault(slot[2], spelling)
            group.files[slot[2]] += 1
            group.documents.setdefault(slot[2], set()).add(document)
            group.names[name] += 1
    if not groups:
        return None
    for group in groups.values():
        if not group.monolingual:
            continue
        if "{locale}/" in group.target:
            _mirror(group, unlocalized)
        else:  # x.de.md beside x.md (Hugo): the file without a locale is the source
            present = {d for documents in group.documents.values() for d in documents} & bare_files
            if present:
                group.source = group.target.replace(".{locale}", "")
                group.unlocalized = present
    return _choose_source(root, sorted(groups.values(), key=lambda g: g.target))


def _choose_source(root: Path, groups: list[Group]) -> Guess:
    """The source: the files with no locale in their path when they are as complete as any locale
    (a Docusaurus or Hugo site), else English when it is as complete as the most complete locale,
    else the most complete locale. A locale's score counts each of its documents once per other
    locale (or source tree) that has it too, so an extra page that one translation added does not make
    that translation the source; more files breaks a tie."""
    scored = [g for g in groups if g.monolingual] or groups
    scores: Counter = Counter()
    files: Counter = Counter()
    tree = 0
    for group in scored:
        having: Counter = Counter(d for documents in group.documents.values() for d in documents)
        having.update(group.unlocalized)
        for locale, documents in group.documents.items():
            scores[locale] += sum(having[d] - 1 for d in documents)
            files[locale] += len(documents)
        tree += sum(having[d] - 1 for d in group.unlocalized)
    best = max(scores.values())
    ranked = sorted(scores, key=lambda loc: (-scores[loc], -files[loc], loc.tag))
    english = sorted((loc for loc in scores if loc.language == "en" and scores[loc] >= _AS_COMPLETE * best),
                     key=lambda loc: (loc.tag not in ("en", "en-US"), loc.tag != "en", -scores[loc], loc.tag))
    weak = ""
    if tree and tree >= _AS_COMPLETE * best:
        declared = _site_default_locale(root)
        sources = ", ".join(sorted({g.source for g in groups if g.source}))
        if declared:
            source, why = declared[0], f"defaultLocale in {declared[1]}"
        else:
            source = english[0] if english else Locale("en")
            why = "assumed: no site config names it"
            weak = (f"the source files ({sources}) have no locale in their path and no site config names their "
                    f"language; {source} is assumed")
        reason = f"the files with no locale in their path ({sources}); {why}"
    elif english:
        source = english[0]
        reason = "English, and as complete as any locale"
        bigger = next((loc for loc in ranked if loc.language != "en" and files[loc] > files[source]), None)
        if bigger is not None and scores[source] < best:
            weak = f"{bigger} has more files than {source}"
    else:
        source = ranked[0]
        reason = "the most complete locale"
        runner = next((loc for loc in ranked[1:] if not same_locale(loc, source)), None)
        if runner is not None and scores[runner] >= _AS_COMPLETE * scores[source]:
            weak = f"{runner} is almost as complete as {source}"
    found = {loc for g in groups for loc in g.files if not same_locale(loc, source)}
    # `ar` beside `ar-SA` (a PO catalog and an article folder): `ar` already covers `ar-SA`.
    targets = sorted((loc for loc in found if not any(other != loc and other in loc.fallbacks for other in found)),
                     key=lambda loc: loc.tag)
    return Guess(source, targets, groups, reason, weak)


# File names of policies: a tree of privacy notices and terms holds policies, whatever its folder is called.
_POLICY_NAME = re.compile(r"^(?:privacy|terms|tos|legal|polic|cookie|gdpr|imprint|impressum|datenschutz|agb|eula|"
                          r"acceptable[-_ ]use|data[-_ ]processing|dpa|subprocessor)", re.I)


def _content_type(group: Group) -> str:
    from l10n_qa.pairing import guess_content_type

    if group.format == "po":
        return "ui"
    if group.format == "xliff":
        return "reply" if guess_content_type(group.target, "replies") == "reply" else "ui"
    files = sum(group.names.values())
    policies = sum(n for name, n in group.names.items() if _POLICY_NAME.match(name))
    if group.monolingual and files and 2 * policies > files:  # mostly privacy notices and terms
        return "policy"
    return guess_content_type(group.target, group.format)


def _yaml_scalar(value: str) -> str:
    """A locale as YAML reads it back: `no`, `on`, `yes` are booleans unless quoted."""
    import yaml

    return value if yaml.safe_load(value) == value else '"' + value + '"'



def _name(group: Group, taken: set[str]) -> str:
    parts = [p for p in group.target.split("/") if "{" not in p and "*" not in p]
    base = parts[0] if parts else group.format
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def render(found: Guess | None) -> tuple[str, list[str]]:
    """The config text and the lines that tell the user what was guessed."""
    told: list[str] = []
    lines = [
        "# l10n-qa configuration, written by `l10n-qa init` from the files it found here.",
        "# Check the guesses below, then run `l10n-qa check`. Every key is explained in README.md.",
        "",
    ]
    if found is None:
        told.append("Found no files with a locale in their path (help/de-DE/…, refunds.de-DE.md, locale/de/…).")
        told.append("Wrote a skeleton: fill in source_locale, target_locales and content.")
        lines += ["source_locale: en-US", "# target_locales: [de-DE, fr-FR]", "# content:",
                  "#   - name: help", "#     type: article        # article, reply, policy or ui",
                  '#     source: "help/en-US/**/*.md"', '#     target: "help/{locale}/**/*.md"', ""]
    else:
        told.append(f"Source locale: {found.source_locale} ({found.reason})")
        if found.weak:
            told.append(f"Warning: the source locale is a weak guess: {found.weak}. Check source_locale in l10n-qa.yaml.")
        told.append(f"Target locales: {', '.join(str(loc) for loc in found.target_locales) or 'none found'}")
        lines += ["# The locale the content is written in first; translations are checked against it.",
                  f"# Chosen because: {found.reason}.",
                  *([f"# A weak guess: {found.weak}. Correct it if it is wrong."] if found.weak else []),
                  f"source_locale: {_yaml_scalar(str(found.source_locale))}",
                  "# The locales translated into: a source file missing in one of them is reported.",
                  f"target_locales: [{', '.join(_yaml_scalar(str(loc)) for loc in found.target_locales)}]",
                  "# Where the content is. `{locale}` stands for each target locale; `source` is where a",
                  "# translation's source is (same wildcards, in the same order).",
                  "content:"]
        taken: set[str] = set()
        for group in found.groups:
            kind = _content_type(group)
            name = _name(group, taken)
            total = sum(group.files.values())
            locales = ", ".join(str(loc) for loc in sorted(group.files, key=lambda loc: loc.tag))
            lines.append(f"  # {total} {_FORMAT_NAMES[group.format]} file{'s' if total != 1 else ''} in {locales}")
            lines.append(f"  - name: {name}")
            lines.append(f"    type: {kind}{' ' * max(1, 10 - len(kind))}# article, reply, policy or ui")
            source_spelling = next((spelling for loc, spelling in sorted(group.spellings.items(), key=lambda i: (
                i[0] != found.source_locale, i[0].tag)) if same_locale(loc, found.source_locale)), None)
            if group.monolingual and group.source:
                lines.append(f'    source: "{group.source}"')
            elif group.monolingual and source_spelling:
                lines.append(f'    source: "{group.target.replace("{locale}", source_spelling)}"')
            lines.append(f'    target: "{group.target}"')
            told.append(f"Content set {name!r}: {group.target} ({kind}, {total} file{'s' if total != 1 else ''})")
        lines.append("")
    lines += [
        "# Rules or categories to leave out, and severities to change (error, warning, info or off):",
        "# ignore: [number.extra]",
        "# severity:",
        "#   completeness.stale: off",
        "#   completeness.no-translation: error",
        "# The lowest severity that makes `l10n-qa check` exit with 1: error, warning, info or never.",
        "fail_on: error",
        "",
    ]
    return "\n".join(lines), told
