"""`l10n-qa init`: look at a repository, guess how its content is localized, write a commented config.

The guess comes from where locales appear in paths (the same reading `check` uses): files are
grouped by their path with the locale part replaced by `{locale}`; the locale with the most
monolingual files is the source (English wins a tie: most support content is written in it first);
each group becomes a content set, with a `source` pattern when its files hold one language.
"""

from __future__ import annotations

import os
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

    @property
    def monolingual(self) -> bool:
        return self.format in MONOLINGUAL or self.format == "replies"


@dataclass
class Guess:
    source_locale: Locale
    target_locales: list[Locale]
    groups: list[Group]


def _pattern(path: Path, slot: tuple[str, int, Locale]) -> tuple[str, str]:
    """(pattern with {locale} and wildcards, the locale as written) for a localized file."""
    where, index, _ = slot
    ext = path.suffix
    if where == "folder":
        spelling = path.parts[index]
        prefix = "/".join(path.parts[:index] + ("{locale}",))
        return f"{prefix}/**/*{ext}", spelling  # `**/` also matches no folder at all
    parts = path.name.split(".")
    spelling = parts[index]
    folder = path.parent.as_posix()
    stem = ".".join(["*" if i < index else "{locale}" if i == index else p for i, p in enumerate(parts[:-1])][:index + 1])
    rest = ".".join(parts[index + 1:])
    name = f"{stem}.{rest}" if rest else stem
    return (f"{folder}/{name}" if folder != "." else name), spelling


def guess(root: Path) -> Guess | None:
    groups: dict[str, Group] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            fmt = EXTENSIONS.get(os.path.splitext(name)[1].lower())
            if fmt is None or name.endswith(".pot"):
                continue
            path = (Path(folder) / name).relative_to(root)
            slot = locale_slot(path.as_posix())
            if slot is None:
                continue
            pattern, spelling = _pattern(path, slot)
            group = groups.setdefault(pattern, Group(pattern, fmt))
            group.spellings.setdefault(slot[2], spelling)
            group.files[slot[2]] += 1
    if not groups:
        return None
    # The source: the locale with the most files of monolingual content (else of any content).
    counts: Counter = Counter()
    for group in groups.values():
        if group.monolingual:
            counts.update(group.files)
    if not counts:
        for group in groups.values():
            counts.update(group.files)
    best = max(counts.values())
    leaders = sorted((loc for loc, n in counts.items() if n == best), key=lambda loc: (loc.language != "en", loc.tag))
    source = leaders[0]
    targets = sorted({loc for g in groups.values() for loc in g.files if not same_locale(loc, source)},
                     key=lambda loc: loc.tag)
    return Guess(source, targets, sorted(groups.values(), key=lambda g: g.target))


def _content_type(group: Group) -> str:
    from l10n_qa.pairing import guess_content_type

    if group.format == "po":
        return "ui"
    if group.format == "xliff":
        return "reply" if guess_content_type(group.target, "replies") == "reply" else "ui"
    return guess_content_type(group.target, group.format)


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
        told.append(f"Source locale: {found.source_locale} (the locale with the most files)")
        told.append(f"Target locales: {', '.join(str(loc) for loc in found.target_locales) or 'none found'}")
        lines += ["# The locale the content is written in first; translations are checked against it.",
                  f"source_locale: {found.source_locale}",
                  "# The locales translated into: a source file missing in one of them is reported.",
                  f"target_locales: [{', '.join(str(loc) for loc in found.target_locales)}]",
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
            if group.monolingual and source_spelling:
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
