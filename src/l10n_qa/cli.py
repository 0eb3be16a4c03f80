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
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


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


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Files or folders to check; `-` reads standard input. Default: what the config names, "
             "or the current folder.", show_default=False)] = None,
    config_path: Annotated[Optional[Path], typer.Option("--config", "-c", help="Use this config file instead of "
                                                        "searching for l10n-qa.yaml.", rich_help_panel="Config")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.",
                                                        rich_help_panel="Output")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.",
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
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes to use; 0 picks by the number "
                                      "of files and CPUs.", rich_help_panel="Performance")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings, one line each, "
                                        "without context or summary.", rich_help_panel="Output")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the text report (NO_COLOR "
                                           "works too).", rich_help_panel="Output")] = False,
) -> None:
    """Check translations against their sources and print what is wrong, where, and what to write instead."""
    from l10n_qa.config import ConfigError, find_config, load_config, relative, severity_threshold
    from l10n_qa.discover import Discovery
    from l10n_qa.engine import SelectionError, Settings, run
    from l10n_qa.model import Locale
    from l10n_qa.reporters import reporter

    try:
        found = config_path if config_path else find_config(Path.cwd())
        if config_path and not config_path.is_file():
            raise _fail(f"config file not found: {config_path}")
        config = load_config(found, relative(found) if found else None)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    try:
        if source_locale:
            config.source_locale = Locale.parse(source_locale)
        elif config.source_locale is None:
            config.source_locale = Locale("en")
        wanted_locales = tuple(Locale.parse(tag) for tag in _split(locale))
    except ValueError as exc:
        raise _fail(str(exc)) from None
    try:
        settings = Settings.build(
            select=_split(select) or config.select,
            ignore=config.ignore + _split(ignore),
            severity_overrides=config.severity,
            locales=wanted_locales,
        )
    except SelectionError as exc:
        where = f" (in {config.path})" if config.path and not (select or ignore) else ""
        raise _fail(f"{exc}{where}") from None

    report = run(list(paths or []), Discovery(config, stdin_filename), settings, jobs=jobs)

    render = reporter(output_format.value)
    color = False if no_color or output else None
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                render(report, handle, color=False, quiet=quiet)
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        render(report, sys.stdout, color=color, quiet=quiet)

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

    selected = [r for r in RULES.values() if category in (None, r.category)]
    if category and not selected:
        raise _fail(f"no rules in category {category!r}")
    if output_format is ListingFormat.json:
        import json

        typer.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity.label,
                                "summary": r.summary, "rationale": r.rationale} for r in selected],
                              ensure_ascii=False, indent=2))
        return
    if output_format is ListingFormat.markdown:
        typer.echo(_rules_markdown(selected), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("Rule", "Category", "Severity", "Finds"):
        table.add_column(column, overflow="fold")
    for r in selected:
        table.add_row(r.id, r.category, r.severity.label, r.summary)
    Console(highlight=False).print(table)


def _rules_markdown(selected) -> str:
    lines = ["# Rules", "", "Generated by `l10n-qa rules --format markdown > docs/rules.md` from the rule registry;",
             "do not edit by hand. Severities are defaults; change them with `severity:` in the config.", ""]
    category = None
    for r in selected:
        if r.category != category:
            category = r.category
            lines += [f"## {category}", ""]
        lines += [f"### `{r.id}` ({r.severity.label})", "", r.summary, "", r.rationale, ""]
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


def main() -> None:
    # `--version` answers before Typer and Rich are imported: it is on every CI log's first line.
    if sys.argv[1:] == ["--version"]:
        print(f"l10n-qa {__version__}")
        return
    app(prog_name="l10n-qa")
