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

from l10n_qa import __version__, atomic_write

app = typer.Typer(
    name="l10n-qa",
    help="Check translated support content (PO, XLIFF, …) against its source before it ships.",
    add_completion=True,  # --install-completion / --show-completion (docs/cli.md)
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


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


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


def _run(**options):
    """The run the options describe (engine.Run), or exit 2 with what stops it."""
    from l10n_qa.engine import Run, RunError, RunOptions

    try:
        run = Run(RunOptions(**options))
    except RunError as exc:
        raise _fail(str(exc)) from None
    for warning in run.warnings:
        typer.echo(f"l10n-qa: warning: {warning}", err=True)
    return run


def _directory_registry():
    """The rules `rules` and `explain` know: the built-in ones and the working directory's config's packs."""
    from l10n_qa.engine import RunError, directory_registry

    try:
        return directory_registry()
    except RunError as exc:
        raise _fail(str(exc)) from None


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
    min_severity: Annotated[Optional[Severity], typer.Option(help="List only findings at or above this severity; "
                                                             "the others are counted in the summary and still "
                                                             "count for --fail-on.", rich_help_panel="Output",
                                                             show_default=False)] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print how many findings each rule has, "
                                             "instead of the findings (text, or json with -f json).",
                                             rich_help_panel="Output")] = False,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="Exit 0 when no file is checked (by default "
                                              "a run that checks nothing is a usage error, exit 2).",
                                              rich_help_panel="Exit")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes (findings marked [*]) to the files, "
                                      "re-check them and restore any file the re-check refuses.",
                                      rich_help_panel="Fixes")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the safe fixes as a unified diff instead of the "
                                       "report; write nothing (the exit code is the check's).",
                                       rich_help_panel="Fixes")] = False,
    fix_only: Annotated[Optional[list[str]], typer.Option("--fix-only", metavar="RULE", help="With --fix or "
                                                          "--diff: only the fixes of these rules (repeatable).",
                                                          rich_help_panel="Fixes")] = None,
    shard: Annotated[Optional[str], typer.Option(metavar="K/N", help="Check only the K-th of N parts of the files "
                                                 "(the same part on every machine), for a CI matrix; `l10n-qa merge` "
                                                 "combines the parts' JSON reports.",
                                                 rich_help_panel="Performance")] = None,
) -> None:
    """Check translations against their sources and print what is wrong, where, and what to write instead."""
    from l10n_qa.engine import RunError
    from l10n_qa.reporters import reporter

    formats = _parse_formats(output_format, output)
    if fix or diff or fix_only:
        from l10n_qa import fix_files  # only a run that fixes pays for it

        try:
            only_fixes = fix_files.rules_to_fix(fix, diff, _split(fix_only))
        except ValueError as exc:
            raise _fail(str(exc)) from None
    run = _run(paths=tuple(paths or ()), config_path=config_path, select=_split(select), ignore=_split(ignore),
               locales=_split(locale), source_locale=source_locale, stdin_filename=stdin_filename,
               glossaries=tuple(glossary or ()), changed_since=changed_since, baseline=baseline,
               use_baseline=not no_baseline, write_baseline=write_baseline, grammar=grammar, spelling=spelling,
               languagetool_url=languagetool_url, use_cache=not no_cache, jobs=jobs,
               fail_on=fail_on.value if fail_on else None, allow_empty=allow_empty,
               min_severity=min_severity.value if min_severity else None, shard=shard)
    bar = _ProgressBar() if _wants_progress(no_progress, quiet, formats) else None
    try:
        report = run.with_services().execute(progress=bar)
    except RunError as exc:
        raise _fail(str(exc)) from None
    finally:
        if bar is not None:
            bar.stop()
    if run.written_baseline is not None:
        typer.echo(f"l10n-qa: wrote {len(run.written_baseline.entries)} findings to the baseline {write_baseline}",
                   err=True)
    if fix or diff:  # after the report is built: fix_files edits the files, re-checks, says what it did
        try:
            fix_files.run_fixes(run, report, write=fix, only=only_fixes, diff_out=sys.stdout,
                          say=lambda note: typer.echo(f"l10n-qa: {note}", err=True))
        except RunError as exc:
            raise _fail(str(exc)) from None

    for name, path in formats:
        if statistics and path is None:  # the counts replace the findings on the screen, not in report files
            from l10n_qa.reporters import statistics as rule_statistics

            rule_statistics.render(report, sys.stdout, as_json=name == "json")
            continue
        render = reporter(name)
        options = {"quiet": quiet, "show_suppressed": show_suppressed}
        if path is None:
            if not diff:  # --diff prints the diff in place of the report
                render(report, sys.stdout, color=False if no_color else None, **options)
            continue
        try:
            atomic_write.write_text(path, lambda handle: render(report, handle, color=False, **options))
        except OSError as exc:
            raise _fail(f"cannot write {path}: {exc.strerror or exc}") from None
    raise typer.Exit(run.exit_code(report))


@app.command()
def merge(
    reports: Annotated[list[Path], typer.Argument(metavar="REPORT...", help="The JSON reports of every "
                                                  "`check --shard K/N` run, one per shard.", show_default=False)],
    output_format: Annotated[Optional[list[str]], typer.Option(
        "--format", "-f", metavar="NAME[:FILE]", help="Report format(s) of the merged report, as for `check`: "
        "`-f sarif:qa.sarif -f html:qa.html` [default: text].", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report (of the one format "
                                                   "given without a file) to this file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings, one line each.")] = False,
    show_suppressed: Annotated[bool, typer.Option("--show-suppressed", help="List the suppressed findings.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the text report.")] = False,
) -> None:
    """Combine the JSON reports of `check --shard K/N` runs into one report and one exit code, as one run."""
    from l10n_qa.engine import report_exit_code
    from l10n_qa.merge import MergeError, merge as merge_reports, nothing_checked
    from l10n_qa.reporters import reporter

    formats = _parse_formats(output_format, output)
    try:
        report = merge_reports(reports)
    except MergeError as exc:
        raise _fail(str(exc)) from None
    if nothing_checked(report):
        raise _fail("nothing to check: no shard checked a file (--allow-empty on the shards makes this exit 0)")
    for name, path in formats:
        render = reporter(name)
        options = {"quiet": quiet, "show_suppressed": show_suppressed}
        if path is None:
            render(report, sys.stdout, color=False if no_color else None, **options)
            continue
        try:
            atomic_write.write_text(path, lambda handle: render(report, handle, color=False, **options))
        except OSError as exc:
            raise _fail(f"cannot write {path}: {exc.strerror or exc}") from None
    raise typer.Exit(report_exit_code(report, report.fail_on))


@app.command()
def rules(
    category: Annotated[Optional[str], typer.Option(help="Only rules of this category.")] = None,
    output_format: Annotated[ListingFormat, typer.Option("--format", "-f", help="Listing format (markdown is "
                                                         "docs/rules.md).")] = ListingFormat.text,
) -> None:
    """List every rule: id, category, default severity and what it finds."""
    registry = _directory_registry()
    selected = [r for r in registry.values() if category in (None, r.category)]
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

    console = Console(highlight=False)
    # A rule id is copied into --select and configs: it is never broken; the description wraps at
    # word boundaries. A narrow terminal drops the columns the id already tells (its category).
    wide = console.width >= 120
    columns = ("Rule", "Category", "Severity", "Pack", "Finds") if wide else ("Rule", "Severity", "Finds")
    table = Table(show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, no_wrap=column != "Finds", overflow="fold" if column == "Finds" else "ignore")
    for r in selected:
        cells = {"Rule": r.id, "Category": r.category, "Severity": r.severity.label, "Pack": r.pack,
                 "Finds": r.summary + (f" (pack {r.pack})" if r.pack and not wide else "")}
        table.add_row(*(cells[column] for column in columns))
    console.print(table)


def _rules_markdown(selected) -> str:
    from l10n_qa.checks import RULES as built_in

    lines = ["# Rules", "", "Generated by `l10n-qa rules --format markdown > docs/rules.md` from the rule registry;",
             "do not edit by hand. Severities are defaults; change them with `severity:` in the config.", ""]
    category = None
    for r in selected:
        if r.category != category:
            category = r.category
            lines += [f"## {category}", ""]
        pack = f" (rule pack `{r.pack}`)" if r.pack else ""
        # Built-in rules have a page of their own (rule_pages, docs/rules/); a local pack's rules do not.
        name = f"[`{r.id}`](rules/{r.id}.md)" if r.id in built_in else f"`{r.id}`"
        lines += [f"### {name} ({r.severity.label}){pack}", "", r.summary, "", r.rationale, ""]
        if r.example:
            source, bad, good = r.example
            lines += ["| source | wrong | right |", "|---|---|---|",
                      "| " + " | ".join(f"`{t}`".replace("|", "\\|") for t in (source, bad, good)) + " |", ""]
    return "\n".join(lines)


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. placeholder.missing.")]) -> None:
    """Explain a rule: what it finds, why it matters, and an example."""
    import difflib

    registry = _directory_registry()
    rule = registry.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, registry, n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See `l10n-qa rules`."
        raise _fail(f"unknown rule {rule_id!r}.{hint}")
    from l10n_qa.rule_text import explain_text

    typer.echo(explain_text(rule))


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

    from l10n_qa.engine import RunError

    run = _run(paths=tuple(paths or ()), config_path=config_path, locales=_split(locale), glossaries=None,
               changed_since=changed_since, use_baseline=False)
    try:
        tasks, errors = run.tasks()
    except RunError as exc:
        raise _fail(str(exc)) from None
    infos = [info for info in (describe_file(task, run.discovery) for task in tasks) if info is not None]
    if run.settings.locales:
        from l10n_qa.model import Locale

        infos = [i for i in infos if i.locale and run.settings.wants_locale(Locale.parse(i.locale))]
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
    from l10n_qa.describe import describe_config

    if path is not None and not path.exists():
        raise _fail(f"no such file: {path}")
    # The config `check PATH` would use for this file, not only the working directory's.
    run = _run(paths=(str(path),) if path is not None else (), config_path=config_path, glossaries=None,
               use_baseline=False)
    shown = describe_config(run.config, run.settings, path, run.discovery)
    if output_format is ListingFormat.json:
        import json

        typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    import json

    lines = [f"config   {shown['config'] or 'none found (defaults)'}", f"root     {shown['root']}", ""]
    if shown.get("merged"):
        lines[2:2] = [f"merged   {' → '.join(shown['merged'])}  (base first; later files win)"]
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


def _baseline_command(name: str):
    """Register `baseline NAME`: one signature for all three. The decorated function gets (the baseline
    file, the report of a run like `check`'s without a baseline, the run's settings) and returns what
    to tell the user; a BaselineError is exit 2."""

    def register(action):
        def command(paths: _BaselinePaths = None, file: _BaselineFile = None, config_path: _ConfigOption = None,
                    select: _SelectOption = None, ignore: _IgnoreOption = None, locale: _LocaleOption = None,
                    jobs: _JobsOption = 0) -> None:
            from l10n_qa.baseline import DEFAULT_NAME, BaselineError
            from l10n_qa.engine import RunError

            run = _run(paths=tuple(paths or ()), config_path=config_path, select=_split(select),
                       ignore=_split(ignore), locales=_split(locale), jobs=jobs, use_baseline=False)
            config = run.config
            target = file or (config.root / config.baseline if config.baseline else Path(DEFAULT_NAME))
            try:
                report = run.with_services().execute()
            except RunError as exc:
                raise _fail(str(exc)) from None
            for error in report.errors:
                typer.echo(f"l10n-qa: {error}", err=True)
            try:
                typer.echo(action(target, report, run.settings))
            except BaselineError as exc:
                raise _fail(str(exc)) from None
            if report.errors:
                typer.echo(f"l10n-qa: {len(report.errors)} file(s) could not be checked; their findings are not in "
                           "the baseline", err=True)
                raise typer.Exit(EXIT_ERROR)

        command.__doc__ = action.__doc__
        baseline_app.command(name)(command)
        return action

    return register


@_baseline_command("create")
def _baseline_create(target: Path, report, settings) -> str:
    """Record every current finding in a new baseline file."""
    from l10n_qa.baseline import Baseline

    if target.exists():
        raise _fail(f"{target} exists; `l10n-qa baseline update` adds new findings to it, "
                    "`l10n-qa baseline prune` drops fixed ones")
    baseline = Baseline(target, [])
    baseline.write([baseline.entry_for(f) for f in report.findings])
    return (f"Recorded {len(baseline.entries)} findings in {len({e.path for e in baseline.entries})} files "
            f"in {target}")


@_baseline_command("update")
def _baseline_update(target: Path, report, settings) -> str:
    """Add the findings the baseline does not know yet (stale entries stay: see `prune`)."""
    from l10n_qa.baseline import Baseline

    baseline = Baseline.load(target)
    match = baseline.match(report.findings, report.paths, settings.enabled)
    added = [baseline.entry_for(f) for f in match.new]
    baseline.write(baseline.entries + added)
    stale = f"; {len(match.stale)} stale (`l10n-qa baseline prune` removes them)" if match.stale else ""
    return f"Added {len(added)} new findings to {target} ({len(baseline.entries)} in all{stale})"


@_baseline_command("prune")
def _baseline_prune(target: Path, report, settings) -> str:
    """Remove the entries that match no finding any more (in the files checked now)."""
    from l10n_qa.baseline import Baseline

    baseline = Baseline.load(target)
    match = baseline.match(report.findings, report.paths, settings.enabled)
    stale = set(match.stale)
    baseline.write([entry for index, entry in enumerate(baseline.entries) if index not in stale])
    return f"Removed {len(stale)} stale entries from {target} ({len(baseline.entries)} left)"


@app.command()
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing l10n-qa.yaml.")] = False,
) -> None:
    """Guess how this repository's content is localized and write a commented l10n-qa.yaml."""
    from l10n_qa.config import CONFIG_NAMES, ConfigError, load_config
    import os

    from l10n_qa.init import guess, render

    root = Path.cwd()
    existing = [name for name in CONFIG_NAMES if (root / name).exists()]
    if existing and not force:
        raise _fail(f"{existing[0]} already exists; use --force to overwrite it")
    text, told = render(guess(root))
    target = root / "l10n-qa.yaml"
    # Written beside the target and loaded back before it takes the config's name: an invalid guess
    # never leaves a config behind (nor replaces the one --force would overwrite).
    trial = root / ".l10n-qa-init.yaml"
    try:
        trial.write_text(text, encoding="utf-8")
        try:
            load_config(trial, target.name)
        except ConfigError as exc:
            raise _fail(f"the guessed config is not valid, nothing was written: {exc}") from None
        os.replace(trial, target)
    except OSError as exc:
        raise _fail(f"cannot write {target.name}: {exc.strerror or exc}") from None
    finally:
        trial.unlink(missing_ok=True)
    for line in told:
        typer.echo(line)
    typer.echo(f"Wrote {target.name}. Check it, then run `l10n-qa check`.")


@app.command()
def server() -> None:
    """Run the Language Server (LSP over standard input/output) an editor starts: findings as
    diagnostics while you type, `explain` on hover (docs/editors.md)."""
    try:
        from l10n_qa.lsp_server import serve
    except ImportError as exc:
        raise _fail(f"the server needs pygls and lsprotocol ({exc.name} is missing): "
                    "pip install 'l10n-qa[server]'") from None
    serve()


def _add_glossary_commands() -> None:
    from l10n_qa.glossary_cli import glossary_app

    app.add_typer(glossary_app, name="glossary")


_add_glossary_commands()


def _version_as_json(args: list[str]) -> bool:
    """`--version --format json` (either order; -f too): for scripts that compare versions."""
    if "--version" not in args or len(args) != 3:
        return False
    rest = [a for a in args if a != "--version"]
    return rest in (["--format", "json"], ["-f", "json"])


def main() -> None:
    # `--version` answers before Typer and Rich are imported: it is on every CI log's first line.
    if sys.argv[1:] == ["--version"]:
        print(f"l10n-qa {__version__}")
        return
    if _version_as_json(sys.argv[1:]):
        import json
        import platform

        print(json.dumps({"name": "l10n-qa", "version": __version__, "python": platform.python_version()}))
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
