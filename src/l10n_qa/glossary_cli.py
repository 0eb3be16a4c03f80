"""`l10n-qa glossary …`: import TBX/CSV into the YAML format, validate, look up terms, statistics."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

glossary_app = typer.Typer(
    help="Glossaries: import TBX/CSV, validate, look up a term, statistics.",
    no_args_is_help=True, add_completion=False,
)


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"l10n-qa: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _resolve(references: list[str]) -> list[str]:
    from l10n_qa.packs import builtin

    try:
        return builtin.glossary_files(references, Path.cwd())
    except LookupError as exc:
        raise _fail(str(exc)) from None


def _glossaries(files: list[str] | None, config_path: Path | None, source_locale: str | None = None):
    """The glossaries named on the command line, else the config's; GlossaryError → exit 2."""
    from l10n_qa.config import ConfigError, find_config, relative
    from l10n_qa.config_layers import load_config
    from l10n_qa.packs.glossary import GlossaryError
    from l10n_qa.packs.loading import load_glossary

    if files:
        paths = _resolve(files)
    else:
        try:
            found = config_path if config_path else find_config(Path.cwd())
            if config_path and not config_path.is_file():
                raise _fail(f"config file not found: {config_path}")
            # With its extends and the configs above it, as `check` reads it.
            config = load_config(found, relative(found) if found else None, hierarchical=config_path is None)
        except ConfigError as exc:
            raise _fail(str(exc)) from None
        paths = list(config.glossaries)
        if not paths:
            raise _fail("no glossaries: name glossary files, or list them under `glossaries:` in l10n-qa.yaml")
    glossaries, errors = [], []
    for path in paths:
        try:
            glossaries.append(load_glossary(path, source_locale=source_locale))
        except GlossaryError as exc:
            errors.append(exc)
    return glossaries, errors


_FILES = typer.Argument(help="Glossary files (YAML, TBX, CSV) or built-in names; default: the config's `glossaries:`.",
                        show_default=False)
_CONFIG = typer.Option("--config", "-c", help="Use this config file instead of searching for l10n-qa.yaml.")


@glossary_app.command("import")
def import_glossary(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A TBX or CSV/TSV glossary (or YAML, to normalise it).")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the YAML glossary here "
                                                   "(default: standard output).")] = None,
    source_locale: Annotated[Optional[str], typer.Option(help="Language of the source terms [default: the TBX "
                                                         "file's xml:lang, or English, or the first CSV column].",
                                                         show_default=False)] = None,
    glossary_id: Annotated[Optional[str], typer.Option("--id", help="Glossary id shown in findings "
                                                       "[default: the output file's name].", show_default=False)] = None,
) -> None:
    """Convert a TBX or CSV glossary into the YAML format of glossaries/*.yaml."""
    from l10n_qa.packs.glossary import GlossaryError, to_yaml, validate
    from l10n_qa.packs.loading import load_glossary

    source = Path(file)
    if not source.is_file():
        raise _fail(f"no such file: {file}")
    if output is not None and output.exists() and output.resolve() == source.resolve():
        raise _fail("the output would overwrite the input; choose another -o file")
    try:
        glossary = load_glossary(source, str(source), source_locale)
    except GlossaryError as exc:
        raise _fail(str(exc)) from None
    glossary.id = glossary_id or (output.stem if output else glossary.id)
    header = f"# Imported from {source.name} by `l10n-qa glossary import`; format: docs/glossaries.md\n"
    text = to_yaml(glossary, header)
    for problem in validate([glossary]):
        typer.echo(f"warning: {problem}", err=True)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    locales = ", ".join(glossary.locales) or "none"
    typer.echo(f"imported {len(glossary.entries)} entries (source {glossary.source_locale}, locales: {locales}) "
               f"from {file}" + (f" into {output}" if output else ""), err=True)


@glossary_app.command()
def validate(
    files: Annotated[Optional[list[str]], _FILES] = None,
    config_path: Annotated[Optional[Path], _CONFIG] = None,
) -> None:
    """Report duplicate or conflicting entries, terms both approved and forbidden, empty translations,
    and anything that keeps a glossary from being read, each with file and line.

    Exit 0: no problems; 1: problems found; 2: a glossary cannot be read at all."""
    from l10n_qa.packs.glossary import validate as validate_glossaries

    glossaries, errors = _glossaries(files, config_path)
    for error in errors:
        typer.echo(f"{error}")
    problems = validate_glossaries(glossaries)
    for problem in problems:
        typer.echo(str(problem))
    entries = sum(len(g.entries) for g in glossaries)
    summary = (f"{len(glossaries) + len(errors)} glossaries, {entries} entries: "
               f"{len(problems)} problems" + (f", {len(errors)} unreadable" if errors else ""))
    typer.echo(summary, err=True)
    if errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if problems else EXIT_OK)


def _entry_json(entry, locale) -> dict:
    def forms(terms):
        return [{"term": t.text, **({"variants": list(t.variants)} if t.variants else {}),
                 **({"pattern": t.pattern} if t.pattern else {}), **({"reason": t.reason} if t.reason else {})}
                for t in terms]

    if locale is not None:
        translations = {locale.tag: forms(entry.approved(locale))} if entry.approved(locale) else {}
        forbidden = {locale.tag: forms(entry.forbidden_for(locale))} if entry.forbidden_for(locale) else {}
    else:
        translations = {tag: forms(terms) for tag, terms in entry.translations.items()}
        forbidden = {tag: forms(terms) for tag, terms in entry.forbidden.items()}
    return {"id": entry.id, "glossary": entry.glossary.id, "path": entry.glossary.path, "line": entry.line,
            "source": [f for t in entry.source for f in t.forms], "pos": entry.pos, "note": entry.note,
            "do_not_translate": entry.do_not_translate, "translations": translations, "forbidden": forbidden}


@glossary_app.command()
def lookup(
    term: Annotated[str, typer.Argument(metavar="TERM", help="A source term or a translation, in any inflected form.")],
    locale: Annotated[Optional[str], typer.Option("--locale", "-l", help="Show the translations for this locale "
                                                  "(de-CH uses de-CH terms, else de).")] = None,
    glossary: Annotated[Optional[list[str]], typer.Option("--glossary", "-g", metavar="FILE",
                                                          help="Glossary to search (repeatable); default: the config's.")] = None,
    config_path: Annotated[Optional[Path], _CONFIG] = None,
    output_format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Find the glossary entries for a term (source or translation), with approved and forbidden translations."""
    from l10n_qa.model import Locale
    from l10n_qa.packs.glossary import TermBase

    try:
        wanted = Locale.parse(locale) if locale else None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    glossaries, errors = _glossaries(glossary, config_path)
    for error in errors:
        typer.echo(f"l10n-qa: {error}", err=True)
    entries = TermBase(glossaries).lookup(term, wanted)
    if output_format is TextOrJson.json:
        typer.echo(json.dumps([_entry_json(e, wanted) for e in entries], ensure_ascii=False, indent=2))
    else:
        if not entries:
            typer.echo(f"no glossary entry for {term!r}", err=True)
        for entry in entries:
            typer.echo(_entry_text(entry, wanted))
    if errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_OK if entries else EXIT_FINDINGS)


def _entry_text(entry, locale) -> str:
    def show(terms):
        parts = []
        for t in terms:
            text = " / ".join(t.forms) or f"/{t.pattern}/"
            parts.append(text + (f"  ({t.reason})" if t.reason else ""))
        return "; ".join(parts)

    head = " / ".join(f for t in entry.source for f in t.forms) or "(no source term)"
    details = ", ".join(x for x in (entry.pos, "do not translate" if entry.do_not_translate else "") if x)
    lines = [f"{head}" + (f"  [{details}]" if details else ""),
             f"  {entry.glossary.id} entry {entry.id!r}, {entry.glossary.path}:{entry.line}"]
    if entry.note:
        lines.append(f"  note: {entry.note}")
    if locale is not None:
        approved, forbidden = entry.approved(locale), entry.forbidden_for(locale)
        if approved:
            lines.append(f"  {locale.tag}: {show(approved)}")
        elif entry.do_not_translate:
            lines.append(f"  {locale.tag}: keep unchanged")
        else:
            lines.append(f"  {locale.tag}: (no translation in this glossary)")
        if forbidden:
            lines.append(f"  {locale.tag} forbidden: {show(forbidden)}")
    else:
        for tag, terms in sorted(entry.translations.items()):
            lines.append(f"  {tag}: {show(terms)}")
        for tag, terms in sorted(entry.forbidden.items()):
            lines.append(f"  {tag} forbidden: {show(terms)}")
    return "\n".join(lines)


@glossary_app.command()
def stats(
    files: Annotated[Optional[list[str]], _FILES] = None,
    config_path: Annotated[Optional[Path], _CONFIG] = None,
    output_format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Entries, do-not-translate names, and approved/forbidden terms per locale, per glossary."""
    glossaries, errors = _glossaries(files, config_path)
    for error in errors:
        typer.echo(f"l10n-qa: {error}", err=True)
    rows = []
    for g in glossaries:
        per_locale = {tag: {"approved": sum(1 for e in g.entries if tag in e.translations),
                            "forbidden": sum(len(e.forbidden.get(tag, ())) for e in g.entries)}
                      for tag in g.locales}
        rows.append({"glossary": g.id, "path": g.path, "source_locale": g.source_locale.tag,
                     "entries": len(g.entries), "do_not_translate": sum(e.do_not_translate for e in g.entries),
                     "locales": per_locale})
    if output_format is TextOrJson.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            typer.echo(f"{row['glossary']}  {row['path']}  (source {row['source_locale']})")
            typer.echo(f"  entries: {row['entries']}, do not translate: {row['do_not_translate']}")
            for tag, counts in row["locales"].items():
                typer.echo(f"  {tag:<8} {counts['approved']:>6} entries translated, {counts['forbidden']:>4} forbidden terms")
    raise typer.Exit(EXIT_ERROR if errors else EXIT_OK)
