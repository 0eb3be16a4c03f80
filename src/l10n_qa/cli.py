"""Command line: parses options, calls the engine, picks a reporter, sets the exit code.

Exit codes (design §5): 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config
or input error (a file that cannot be read or parsed; every other file is still checked).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n_qa import __version__

app = typer.Typer(
    name="l10n-qa",
    help="Check translated support content (PO, XLIFF, …) against its source before it ships.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,  # a plain traceback, re-raised to main() for exit code 2
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class ListingFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"l10n-qa {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """l10n-qa: quality checks for translated customer-support content."""


def _split(values: list[str] | None) -> tuple[str, ...]:
    """`--select a,b --select c` → (a, b, c)."""
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _fail(message: str) -> typer.Exit:
    typer.echo(f"l10n-qa: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _prepare(config_path: Path | None, select, ignore, locale, source_locale, stdin_filename=None, paths=(),
             glossaries: list[str] | None = None):
    """Config, discovery and settings from the options `check`, `baseline` and `files` share.

    The config is the one nearest to the checked `paths` (else the working directory's).
    `glossaries`: the `--glossary` options; given (even empty), the run's glossaries (the config's
    and these) are read now, so a bad one stops the run with exit 2 before any file is checked."""
    from l10n_qa.config import ConfigError, find_config_for, load_config, relative
    from l10n_qa.discover import Discovery
    from l10n_qa.engine import SelectionError, Settings
    from l10n_qa.model import Locale
    from l10n_qa.suppress import from_config

    try:
        found = config_path if config_path else find_config_for(list(paths))
        if config_path and not config_path.is_file():
            raise _fail(f"config file not found: {config_path}")
        config = load_config(found, relative(found) if found else None)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    if glossaries is None:
        glossary_files = config.glossaries
    else:
        from l10n_qa.glossary_cli import glossary_paths

        glossary_files = glossary_paths(config, glossaries)
    try:
        if source_locale:
            config.source_locale = Locale.parse(source_locale)
        elif config.source_locale is None:
            config.source_locale = Locale("en")
        wanted_locales = tuple(Locale.parse(tag) for tag in _split(locale))
    except ValueError as exc:
        raise _fail(str(exc)) from None
    suppressions, lapsed = from_config(config)
    for warning in lapsed:
        typer.echo(f"l10n-qa: warning: {warning}", err=True)
    pack_paths = _register_rule_packs(config)
    try:
        settings = Settings.build(
            select=_split(select) or config.select,
            ignore=config.ignore + _split(ignore),
            severity_overrides=config.severity,
            locales=wanted_locales,
            enforced=config.enforced,
            suppressions=suppressions,
            root=str(config.root),
            glossaries=glossary_files,
            legal=config.legal,
        )
    except SelectionError as exc:
        where = f" (in {config.path})" if config.path and not (select or ignore) else ""
        raise _fail(f"{exc}{where}") from None
    from dataclasses import replace

    settings = replace(settings, rule_packs=pack_paths, markets=tuple(config.markets.items()),
                       registers=tuple(config.formality.items()))
    return config, Discovery(config, stdin_filename), settings


def _register_config_packs() -> None:
    """`rules` and `explain` also know the rules of the packs the working directory's config names."""
    from l10n_qa.config import ConfigError, find_config_for, load_config, relative

    try:
        found = find_config_for(["."])
        if found is not None:
            config = load_config(found, relative(found))
            if config.rule_packs is not None:
                _register_rule_packs(config)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _register_rule_packs(config) -> tuple[str, ...]:
    """The rule-pack files of the run (default: every built-in pack), their rules added to the registry."""
    from l10n_qa.checks import RULES
    from l10n_qa.checks.rulepacks import register
    from l10n_qa.packs.rulepack import builtin_packs, load_packs

    paths = config.rule_packs if config.rule_packs is not None else tuple(str(p) for p in builtin_packs())
    for clash in register(load_packs(paths), RULES):
        raise _fail(clash)
    return tuple(paths)


def _parse_formats(values: list[str] | None, output: Path | None) -> list[tuple[str, Path | None]]:
    """`--format NAME[:PATH]` (repeatable) and `-o` → [(format, file or None for stdout)]."""
    from l10n_qa.reporters import FORMATS

    chosen = []
    for value in values or ["text"]:
        name, _, path = value.partition(":")
        if name not in FORMATS:
            raise _fail(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
        chosen.append((name, Path(path) if path else None))
    unplaced = [i for i, (_, path) in enumerate(chosen) if path is None]
    if len(unplaced) > 1:
        where = "-o" if output else "standard output"
        raise _fail(f"only one format can go to {where}; give the others a file: --format sarif:qa.sarif")
    if output and not unplaced:
        raise _fail("-o has nothing to write: every --format already names its file")
    if output and unplaced:
        chosen[unplaced[0]] = (chosen[unplaced[0]][0], output)
    targets = [str(path.resolve()) for _, path in chosen if path is not None]
    if len(targets) != len(set(targets)):
        raise _fail("two formats would be written to the same file")
    return chosen


class _ProgressBar:
    """A transient progress bar on standard error, for runs long enough to want one."""

    MIN_FILES = 20

    def __init__(self) -> None:
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        if self._progress is None:
            if total < self.MIN_FILES:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("Checking"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                                      TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("check", total=total)
        self._progress.update(self._task, completed=done)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _wants_progress(no_progress: bool, quiet: bool, formats: list[tuple[str, Path | None]]) -> bool:
    """Only for people: stderr is a terminal, nothing machine-readable goes to standard output, and
    this is no CI job (some CI runners give jobs a terminal; `CI` is set by all the common ones)."""
    import os

    from l10n_qa.reporters import HUMAN_FORMATS

    if no_progress or quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return False
    return all(name in HUMAN_FORMATS for name, path in formats if path is None)


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Files or folders to check; `-` reads standard input. Default: what the config names, "
             "or the current folder.", show_default=False)] = None,
    config_path: Annotated[Optional[Path], typer.Option("--config", "-c", help="Use this config file instead of "
                                                        "searching for l10n-qa.yaml.", rich_help_panel="Config")] = None,
    output_format: Annotated[Optional[list[str]], typer.Option(
        "--format", "-f", metavar="NAME[:FILE]",
        help="Report format: text, json, concise, sarif, junit, github, gitlab or html. Repeatable: "
             "`-f text -f sarif:qa.sarif -f html:qa.html` writes several in one run [default: text].",
        rich_help_panel="Output", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report (of the one format "
                                                   "given without a file) to this file.",
                                                   rich_help_panel="Output")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(help="Lowest severity that makes the exit code 1 "
                                                      "[default: error, or the config's fail_on].",
                                                      rich_help_panel="Exit", show_default=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Run only these rules or categories "
                                                        "(repeatable, comma-separated).",
                                                        rich_help_panel="Rule selection")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Do not run these rules or categories.",
                                                        rich_help_panel="Rule selection")] = None,
    locale: Annotated[Optional[list[str]], typer.Option("--locale", "-l", help="Check only these target locales "
                                                        "(de matches de-DE and de-AT).", rich_help_panel="Input")] = None,
    source_locale: Annotated[Optional[str], typer.Option(help="Locale of the source texts when neither the "
                                                         "config nor the file says [default: en].",
                                                         rich_help_panel="Input", show_default=False)] = None,
    stdin_filename: Annotated[Optional[str], typer.Option(help="Name (format and locale) of the file read "
                                                          "from `-`.", rich_help_panel="Input")] = None,
    changed_since: Annotated[Optional[str], typer.Option(metavar="REF", help="Check only files changed since this "
                                                         "git ref (and translations of changed sources).",
                                                         rich_help_panel="Input")] = None,
    baseline: Annotated[Optional[Path], typer.Option(help="Report and fail only on findings this baseline file "
                                                     "does not list [default: the config's baseline].",
                                                     rich_help_panel="Baseline", show_default=False)] = None,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Ignore the config's baseline: report "
                                              "everything.", rich_help_panel="Baseline")] = False,
    write_baseline: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Also record this run's findings "
                                                           "as a new baseline file.",
                                                           rich_help_panel="Baseline")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes to use; 0 picks by the number "
                                      "of files and CPUs.", rich_help_panel="Performance")] = 0,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="Never show a progress bar (it is shown "
                                              "only on a terminal, for the text report, on long runs).",
                                              rich_help_panel="Output")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings, one line each, "
                                        "without context or summary.", rich_help_panel="Output")] = False,
    show_suppressed: Annotated[bool, typer.Option("--show-suppressed", help="List the findings inline "
                                                  "directives and the config hid, with their reasons.",
                                                  rich_help_panel="Output")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the text report (NO_COLOR "
                                           "works too).", rich_help_panel="Output")] = False,
    glossary: Annotated[Optional[list[str]], typer.Option("--glossary", "-g", metavar="FILE",
                                                          help="Also check terms against this glossary (YAML, TBX or "
                                                          "CSV; repeatable; or a built-in name such as `support`).",
                                                          rich_help_panel="Input")] = None,
    grammar: Annotated[Optional[bool], typer.Option("--grammar/--no-grammar", help="Check grammar and spelling "
                                                    "with LanguageTool (a server that cannot be reached is then an "
                                                    "error) [default: the config's languagetool section].",
                                                    rich_help_panel="Grammar and spelling", show_default=False)] = None,
    languagetool_url: Annotated[Optional[str], typer.Option(help="LanguageTool server to use, e.g. "
                                                            "http://localhost:8081 (implies --grammar; default: "
                                                            "$L10N_QA_LANGUAGETOOL_URL, languagetool.url, or a local "
                                                            "LanguageTool run by language-tool-python).",
                                                            rich_help_panel="Grammar and spelling",
                                                            show_default=False)] = None,
    spelling: Annotated[Optional[bool], typer.Option("--spelling/--no-spelling", help="Check spelling offline "
                                                     "with Hunspell dictionaries [default: the config's spelling "
                                                     "section].", rich_help_panel="Grammar and spelling",
                                                     show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ask LanguageTool again instead of reusing "
                                           "cached answers (.l10n_qa_cache).",
                                           rich_help_panel="Grammar and spelling")] = False,
) -> None:
    """Check translations against their sources and print what is wrong, where, and what to write instead."""
    from dataclasses import replace

    from l10n_qa.config import severity_threshold
    from l10n_qa.engine import run
    from l10n_qa.reporters import reporter
    from l10n_qa.services.options import resolve

    formats = _parse_formats(output_format, output)
    config, discovery, settings = _prepare(config_path, select, ignore, locale, source_locale, stdin_filename,
                                           paths=paths or [], glossaries=glossary or [])
    if languagetool_url is not None and not languagetool_url.startswith(("http://", "https://")):
        raise _fail(f"--languagetool-url: expected an http:// or https:// URL, got {languagetool_url!r}")
    lt_options, spelling_options = resolve(
        config.languagetool, config.spelling, root=config.root, cache_dir=config.cache_dir,
        grammar_flag=grammar, spelling_flag=spelling, url_flag=languagetool_url, use_cache=not no_cache)
    accepted = frozenset(config.accept)
    if settings.glossaries and (lt_options or spelling_options):  # approved terms and names are not misspellings
        from l10n_qa.packs.loading import load_termbase

        accepted |= load_termbase(settings.glossaries).accepted_terms()
    if lt_options or spelling_options:  # official legal terms ("gegevenswissing") are not misspellings either
        from l10n_qa.packs.legal import builtin_paths, load_legalbase

        legal_paths = tuple(builtin_paths()) if settings.legal is None else settings.legal
        if legal_paths:
            accepted |= load_legalbase(legal_paths).accepted_terms()
    settings = replace(settings, accepted_terms=accepted, languagetool=lt_options, spelling=spelling_options)
    known = None
    baseline_path = baseline or (config.root / config.baseline if config.baseline and not no_baseline else None)
    if baseline_path is not None or write_baseline:
        from l10n_qa.baseline import Baseline, BaselineError
    if baseline_path is not None:
        try:
            known = Baseline.load(baseline_path)
        except BaselineError as exc:
            raise _fail(str(exc)) from None
    only = None
    if changed_since:
        from l10n_qa.changes import GitError, changed_files, only_changed

        try:
            changed = changed_files(changed_since, Path.cwd())
        except GitError as exc:
            raise _fail(str(exc)) from None
        only = lambda tasks: only_changed(tasks, changed, config)  # noqa: E731

    bar = _ProgressBar() if _wants_progress(no_progress, quiet, formats) else None
    try:
        report = run(list(paths or []), discovery, settings, jobs=jobs, only=only, progress=bar)
    finally:
        if bar is not None:
            bar.stop()

    if write_baseline:
        new = Baseline(write_baseline, [])
        try:
            new.write([new.entry_for(f) for f in report.findings])
        except BaselineError as exc:
            raise _fail(str(exc)) from None
        typer.echo(f"l10n-qa: wrote {len(new.entries)} findings to the baseline {write_baseline}", err=True)
    if known is not None:
        known.apply(report, settings.enabled)

    for name, path in formats:
        render = reporter(name)
        options = {"quiet": quiet, "show_suppressed": show_suppressed}
        if path is None:
            render(report, sys.stdout, color=False if no_color else None, **options)
            continue
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                render(report, handle, color=False, **options)
        except OSError as exc:
            raise _fail(f"cannot write {path}: {exc.strerror or exc}") from None

    if report.errors:
        raise typer.Exit(EXIT_ERROR)
    threshold = severity_threshold((fail_on.value if fail_on else None) or config.fail_on)
    if threshold is not None and any(f.severity >= threshold for f in report.findings):
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


@app.command()
def rules(
    category: Annotated[Optional[str], typer.Option(help="Only rules of this category.")] = None,
    output_format: Annotated[ListingFormat, typer.Option("--format", "-f", help="Listing format (markdown is "
                                                         "docs/rules.md).")] = ListingFormat.text,
) -> None:
    """List every rule: id, category, default severity and what it finds."""
    from l10n_qa.checks import RULES

    _register_config_packs()

    selected = [r for r in RULES.values() if category in (None, r.category)]
    if category and not selected:
        raise _fail(f"no rules in category {category!r}")
    if output_format is ListingFormat.json:
        import json

        typer.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity.label,
                                "summary": r.summary, "rationale": r.rationale, "pack": r.pack or None}
                               for r in selected],
                              ensure_ascii=False, indent=2))
        return
    if output_format is ListingFormat.markdown:
        typer.echo(_rules_markdown(selected), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("Rule", "Category", "Severity", "Pack", "Finds"):
        table.add_column(column, overflow="fold")
    for r in selected:
        table.add_row(r.id, r.category, r.severity.label, r.pack, r.summary)
    Console(highlight=False).print(table)


def _rules_markdown(selected) -> str:
    lines = ["# Rules", "", "Generated by `l10n-qa rules --format markdown > docs/rules.md` from the rule registry;",
             "do not edit by hand. Severities are defaults; change them with `severity:` in the config.", ""]
    category = None
    for r in selected:
        if r.category != category:
            category = r.category
            lines += [f"## {category}", ""]
        pack = f" (rule pack `{r.pack}`)" if r.pack else ""
        lines += [f"### `{r.id}` ({r.severity.label}){pack}", "", r.summary, "", r.rationale, ""]
        if r.example:
            source, bad, good = r.example
            lines += ["| source | wrong | right |", "|---|---|---|",
                      "| " + " | ".join(f"`{t}`".replace("|", "\\|") for t in (source, bad, good)) + " |", ""]
    return "\n".join(lines)


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. placeholder.missing.")]) -> None:
    """Explain a rule: what it finds, why it matters, and an example."""
    import difflib

    from l10n_qa.checks import RULES

    _register_config_packs()
    rule = RULES.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, RULES, n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See `l10n-qa rules`."
        raise _fail(f"unknown rule {rule_id!r}.{hint}")
    lines = [f"{rule.id}  ({rule.category}, {rule.severity.label} by default)", "", rule.summary, "", rule.rationale]
    if rule.example:
        source, bad, good = rule.example
        lines += ["", "Example:", f"  source: {source}", f"  wrong:  {bad}", f"  right:  {good}"]
    typer.echo("\n".join(lines))


# --- l10n-qa files ---------------------------------------------------------------------------------


@app.command()
def files(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or folders, as for `check`.",
                                                         show_default=False)] = None,
    config_path: Annotated[Optional[Path], typer.Option("--config", "-c", help="Use this config file.")] = None,
    locale: Annotated[Optional[list[str]], typer.Option("--locale", "-l", help="Only these target locales.")] = None,
    changed_since: Annotated[Optional[str], typer.Option(metavar="REF", help="Only files changed since this git "
                                                         "ref, as `check --changed-since`.")] = None,
    output_format: Annotated[ListingFormat, typer.Option("--format", "-f", help="text or json.")] = ListingFormat.text,
) -> None:
    """List the files `check` would read, with their format, locale, source and content set."""
    from l10n_qa.describe import describe_file

    config, discovery, settings = _prepare(config_path, None, None, locale, None, paths=paths or [])
    tasks, errors = discovery.discover(list(paths or []))
    if changed_since:
        from l10n_qa.changes import GitError, changed_files, only_changed

        try:
            tasks = only_changed(tasks, changed_files(changed_since, Path.cwd()), config)
        except GitError as exc:
            raise _fail(str(exc)) from None
    infos = [info for info in (describe_file(task, discovery) for task in tasks) if info is not None]
    if settings.locales:
        from l10n_qa.model import Locale

        infos = [i for i in infos if i.locale and settings.wants_locale(Locale.parse(i.locale))]
    if output_format is ListingFormat.json:
        import json

        typer.echo(json.dumps({"files": [i.as_dict() for i in infos],
                               "errors": [{"path": e.path, "message": e.message} for e in errors]},
                              ensure_ascii=False, indent=2))
    else:
        # Plain aligned columns, one file per line: readable in a terminal, greppable in a pipe.
        rows = [("FILE", "FORMAT", "LOCALE", "SOURCE LOCALE", "SOURCE", "CONTENT")]
        for i in infos:
            rows.append((i.path, i.format, f"{i.locale} ({i.locale_from})" if i.locale else "-",
                         f"{i.source_locale} ({i.source_locale_from})" if i.source_locale else "-",
                         i.error or i.source or "-", i.content_type + (f" ({i.content_set})" if i.content_set else "")))
        widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]) - 1)]
        for row in rows:
            typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
        typer.echo(f"{len(infos)} file{'' if len(infos) == 1 else 's'}")
        for error in errors:
            typer.echo(f"l10n-qa: {error}", err=True)
    if errors or any(i.error for i in infos):
        raise typer.Exit(EXIT_ERROR)


# --- l10n-qa config show --------------------------------------------------------------------------

config_app = typer.Typer(help="Show the configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show(
    path: Annotated[Optional[Path], typer.Argument(help="A file: also show how it is read (format, locale, "
                                                   "content set, exclusion, suppressions).",
                                                   show_default=False)] = None,
    config_path: Annotated[Optional[Path], typer.Option("--config", "-c", help="Use this config file.")] = None,
    output_format: Annotated[ListingFormat, typer.Option("--format", "-f", help="text or json.")] = ListingFormat.text,
) -> None:
    """Print the resolved configuration, and where each value comes from."""
    from l10n_qa.checks import RULES
    from l10n_qa.describe import describe_config

    if path is not None and not path.exists():
        raise _fail(f"no such file: {path}")
    config, discovery, settings = _prepare(config_path, None, None, None, None)
    shown = describe_config(config, settings, RULES, path, discovery)
    if output_format is ListingFormat.json:
        import json

        typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    import json

    lines = [f"config   {shown['config'] or 'none found (defaults)'}", f"root     {shown['root']}", ""]
    for item in shown["values"]:
        value = item["value"]
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) if value else "-"
        lines.append(f"{item['key']:<15} {text}    [{item['from']}]")
    lines += ["", "rules (severity [from])"]
    for rule in shown["rules"]:
        enforced = ", enforced" if rule.get("enforced") else ""
        lines.append(f"  {rule['rule']:<32} {rule['severity']:<8} [{rule['from']}{enforced}]")
    if "file" in shown:
        info = shown["file"]
        lines += ["", f"file {info['path']}"]
        for key in ("format", "locale", "locale_from", "source_locale", "source_locale_from", "source",
                    "content_set", "content_type", "excluded", "suppress", "error"):
            if key in info and info[key] not in ("", None, []):
                lines.append(f"  {key:<19} {info[key]}")
    typer.echo("\n".join(lines))


# --- l10n-qa baseline create | update | prune ----------------------------------------------------

baseline_app = typer.Typer(help="Record known findings so that `check --baseline` fails only on new ones.",
                           no_args_is_help=True)
app.add_typer(baseline_app, name="baseline")

_BaselinePaths = Annotated[Optional[list[str]], typer.Argument(help="Files or folders, as for `check`.",
                                                               show_default=False)]
_BaselineFile = Annotated[Optional[Path], typer.Option("--file", help="The baseline file [default: the config's "
                                                       "`baseline`, else l10n-qa-baseline.json].", show_default=False)]
_ConfigOption = Annotated[Optional[Path], typer.Option("--config", "-c", help="Use this config file.")]
_SelectOption = Annotated[Optional[list[str]], typer.Option(help="Only these rules or categories.")]
_IgnoreOption = Annotated[Optional[list[str]], typer.Option(help="Not these rules or categories.")]
_LocaleOption = Annotated[Optional[list[str]], typer.Option("--locale", "-l", help="Only these target locales.")]
_JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes to use.")]


def _baseline_run(paths, file, config_path, select, ignore, locale, jobs):
    from l10n_qa.baseline import DEFAULT_NAME
    from l10n_qa.engine import run

    config, discovery, settings = _prepare(config_path, select, ignore, locale, None, paths=paths or [], glossaries=[])
    target = file or (config.root / config.baseline if config.baseline else Path(DEFAULT_NAME))
    report = run(list(paths or []), discovery, settings, jobs=jobs)
    for error in report.errors:
        typer.echo(f"l10n-qa: {error}", err=True)
    return target, report, settings


def _baseline_done(report) -> None:
    if report.errors:
        typer.echo(f"l10n-qa: {len(report.errors)} file(s) could not be checked; their findings are not in the "
                   "baseline", err=True)
        raise typer.Exit(EXIT_ERROR)


@baseline_app.command("create")
def baseline_create(paths: _BaselinePaths = None, file: _BaselineFile = None, config_path: _ConfigOption = None,
                    select: _SelectOption = None, ignore: _IgnoreOption = None, locale: _LocaleOption = None,
                    jobs: _JobsOption = 0) -> None:
    """Record every current finding in a new baseline file."""
    from l10n_qa.baseline import Baseline, BaselineError

    target, report, _ = _baseline_run(paths, file, config_path, select, ignore, locale, jobs)
    if target.exists():
        raise _fail(f"{target} exists; `l10n-qa baseline update` adds new findings to it, "
                    "`l10n-qa baseline prune` drops fixed ones")
    baseline = Baseline(target, [])
    try:
        baseline.write([baseline.entry_for(f) for f in report.findings])
    except BaselineError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"Recorded {len(baseline.entries)} findings in {len({e.path for e in baseline.entries})} files "
               f"in {target}")
    _baseline_done(report)


@baseline_app.command("update")
def baseline_update(paths: _BaselinePaths = None, file: _BaselineFile = None, config_path: _ConfigOption = None,
                    select: _SelectOption = None, ignore: _IgnoreOption = None, locale: _LocaleOption = None,
                    jobs: _JobsOption = 0) -> None:
    """Add the findings the baseline does not know yet (stale entries stay: see `prune`)."""
    from l10n_qa.baseline import Baseline, BaselineError

    target, report, settings = _baseline_run(paths, file, config_path, select, ignore, locale, jobs)
    try:
        baseline = Baseline.load(target)
        match = baseline.match(report.findings, report.paths, settings.enabled)
        added = [baseline.entry_for(f) for f in match.new]
        baseline.write(baseline.entries + added)
    except BaselineError as exc:
        raise _fail(str(exc)) from None
    stale = f"; {len(match.stale)} stale (`l10n-qa baseline prune` removes them)" if match.stale else ""
    typer.echo(f"Added {len(added)} new findings to {target} ({len(baseline.entries)} in all{stale})")
    _baseline_done(report)


@baseline_app.command("prune")
def baseline_prune(paths: _BaselinePaths = None, file: _BaselineFile = None, config_path: _ConfigOption = None,
                   select: _SelectOption = None, ignore: _IgnoreOption = None, locale: _LocaleOption = None,
                   jobs: _JobsOption = 0) -> None:
    """Remove the entries that match no finding any more (in the files checked now)."""
    from l10n_qa.baseline import Baseline, BaselineError

    target, report, settings = _baseline_run(paths, file, config_path, select, ignore, locale, jobs)
    try:
        baseline = Baseline.load(target)
        match = baseline.match(report.findings, report.paths, settings.enabled)
        stale = set(match.stale)
        baseline.write([entry for index, entry in enumerate(baseline.entries) if index not in stale])
    except BaselineError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"Removed {len(stale)} stale entries from {target} ({len(baseline.entries)} left)")
    _baseline_done(report)
@app.command()
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing l10n-qa.yaml.")] = False,
) -> None:
    """Guess how this repository's content is localized and write a commented l10n-qa.yaml."""
    from l10n_qa.config import CONFIG_NAMES, ConfigError, load_config
    from l10n_qa.init import guess, render

    root = Path.cwd()
    existing = [name for name in CONFIG_NAMES if (root / name).exists()]
    if existing and not force:
        raise _fail(f"{existing[0]} already exists; use --force to overwrite it")
    text, told = render(guess(root))
    target = root / "l10n-qa.yaml"
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot write {target.name}: {exc.strerror or exc}") from None
    try:
        load_config(target, target.name)  # what we wrote must be a valid config
    except ConfigError as exc:
        raise _fail(f"the guessed config is not valid, please fix it: {exc}") from None
    for line in told:
        typer.echo(line)
    typer.echo(f"Wrote {target.name}. Check it, then run `l10n-qa check`.")


def _add_glossary_commands() -> None:
    from l10n_qa.glossary_cli import glossary_app

    app.add_typer(glossary_app, name="glossary")


_add_glossary_commands()


def main() -> None:
    # `--version` answers before Typer and Rich are imported: it is on every CI log's first line.
    if sys.argv[1:] == ["--version"]:
        print(f"l10n-qa {__version__}")
        return
    try:
        app(prog_name="l10n-qa", standalone_mode=True)
    except Exception as exc:  # a bug of ours: still exit 2 (1 means findings), with what to report
        import os

        from l10n_qa.boundary import describe_exception

        # No traceback for users (design §10); L10N_QA_DEBUG=1 shows it for a bug report.
        if os.environ.get("L10N_QA_DEBUG"):
            import traceback

            traceback.print_exc()
        print(f"l10n-qa {__version__}: internal error: {describe_exception(exc)}; please report it "
              "(L10N_QA_DEBUG=1 shows the traceback).", file=sys.stderr)
        raise SystemExit(EXIT_ERROR) from None
