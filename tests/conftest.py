"""Shared helpers: build real PO files around a source/target pair and check them end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n_qa.discover import FileTask
from l10n_qa.engine import check_file
from l10n_qa.settings import Settings
from l10n_qa.formats import LoadHints
from l10n_qa.model import Locale

PO_HEADER = """msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {plural}\\n"

"""
PLURALS = {
    "de": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ja": "nplurals=1; plural=0;",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "el": "nplurals=2; plural=(n != 1);",
    "th": "nplurals=1; plural=0;",
}
# The msgstr of the entry written by po_entry() is on this line; its text starts at column 9.
MSGSTR_LINE = 9


def po_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def write_po(path: Path, source: str, target: str, lang: str = "de", flags: str = "") -> Path:
    """A PO file whose one entry has its msgstr on line MSGSTR_LINE."""
    body = PO_HEADER.format(lang=lang, plural=PLURALS.get(lang, "nplurals=2; plural=(n != 1);"))
    body += f"#, {flags}\n" if flags else "#. entry\n"
    body += f'msgid "{po_quote(source)}"\nmsgstr "{po_quote(target)}"\n'
    path.write_text(body, encoding="utf-8")
    assert body.splitlines()[MSGSTR_LINE - 1].startswith("msgstr")
    return path


def check_path(path: Path, source_locale: str = "en", select=()) -> list:
    settings = Settings.build(select=select)
    task = FileTask(str(path), str(path), LoadHints(Locale.parse(source_locale), None, None))
    result = check_file(task, settings)
    assert not result.errors, result.errors
    return result.findings


@pytest.fixture
def check_pair(tmp_path):
    """check_pair(source, target, lang=..., flags=..., select=...) → [(rule, line, column), …]."""

    def run(source: str, target: str, lang: str = "de", flags: str = "", select=(), full: bool = False):
        path = write_po(tmp_path / f"{lang}.po", source, target, lang, flags)
        findings = check_path(path, select=select)
        if full:
            return findings
        return [(f.rule, f.line, f.column) for f in findings]

    return run
