"""`l10n-qa server`: a Language Server (LSP over standard input/output) for editors.

For each open file the server runs exactly what `l10n-qa check - --stdin-filename FILE` runs, with
the editor's buffer as standard input (safe_read.stdin_text): the config nearest to the file, its
source found by the same pairing, the same rules, suppressions and baseline. The findings become
diagnostics (code = rule id), re-published on open, change and save and cleared on close; a hover over
a diagnostic shows `l10n-qa explain` for its rule.

No code actions: findings carry a suggestion in words, not an edit known to be safe, so there is no
fix to apply yet (the `--fix` design belongs to the capabilities issue).

pygls and lsprotocol are an optional extra (`pip install 'l10n-qa[server]'`), imported only here.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from l10n_qa import __version__
from l10n_qa.model import Finding, Rule

SOURCE = "l10n-qa"
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}


@dataclass(frozen=True, slots=True)
class _Published:
    """What was last published for a document: its diagnostics and the rules they name (for hover)."""

    diagnostics: tuple[lsp.Diagnostic, ...]
    rules: dict[str, Rule]


class L10nQaServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: every check reads the whole buffer anyway.
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.published: dict[str, _Published] = {}


def _range(document: TextDocument, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
    """Our 1-based line and code-point column (end exclusive) → an LSP range in the client's units
    (UTF-16 unless the client chose otherwise at initialize)."""
    start = lsp.Position(max(line - 1, 0), max(column - 1, 0))
    end = lsp.Position(max(end_line - 1, 0), max(end_column - 1, 0))
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return document.position_codec.range_to_client_units(document.lines, lsp.Range(start, end))


def _message(finding: Finding) -> str:
    return finding.message + (f"\nFix: {finding.suggestion}" if finding.suggestion else "")


def _diagnostic(document: TextDocument, finding: Finding) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=_range(document, finding.line, finding.column, finding.end_line, finding.end_column),
        message=_message(finding), severity=_SEVERITY[finding.severity.label], code=finding.rule,
        source=SOURCE)


def _whole_line(document: TextDocument, line: int | None) -> tuple[int, int, int, int]:
    """A problem that has a line but no column (a file that cannot be read at line N) marks the line."""
    index = (line or 1) - 1
    text = document.lines[index] if 0 <= index < len(document.lines) else ""
    return (index + 1, 1, index + 1, len(text.rstrip("\r\n")) + 1)


def _problem(document: TextDocument, message: str, line: int | None = None) -> lsp.Diagnostic:
    return lsp.Diagnostic(range=_range(document, *_whole_line(document, line)), message=message,
                          severity=lsp.DiagnosticSeverity.Error, source=SOURCE)


def diagnostics_for(document: TextDocument) -> _Published | None:
    """The diagnostics of one buffer, as `check - --stdin-filename` finds them; None for a file in a
    format l10n-qa does not read (an editor may send every file it opens)."""
    from l10n_qa.engine import Run, RunError, RunOptions
    from l10n_qa.formats import format_for
    from l10n_qa.safe_read import stdin_text

    path = document.path
    data = document.source.encode("utf-8")
    if format_for(path, data[:4096]) is None:
        return None
    try:
        run = Run(RunOptions(paths=("-",), stdin_filename=path, allow_empty=True)).with_services()
        with stdin_text(data):
            report = run.execute()
    except RunError as exc:  # a broken config or glossary: say so where the writer looks
        return _Published((_problem(document, f"l10n-qa cannot check this file: {exc}"),), {})
    diagnostics = [_diagnostic(document, f) for f in report.findings if f.path == path]
    diagnostics += [_problem(document, f"l10n-qa: {error.message}", error.line)
                    for error in report.errors if error.path == path]
    rules = {f.rule: run.registry[f.rule] for f in report.findings if f.rule in run.registry}
    return _Published(tuple(diagnostics), rules)


server = L10nQaServer()


def _publish(ls: L10nQaServer, uri: str) -> None:
    document = ls.workspace.get_text_document(uri)
    if not uri.startswith("file:"):
        return  # an untitled buffer has no path, so no locale, config or source to check it against
    published = diagnostics_for(document) or _Published((), {})
    ls.published[uri] = published
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
        uri=uri, diagnostics=list(published.diagnostics), version=document.version))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: L10nQaServer, params: lsp.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: L10nQaServer, params: lsp.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: L10nQaServer, params: lsp.DidSaveTextDocumentParams) -> None:
    # A saved file may have a new source beside it, or the config may have changed: check again.
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: L10nQaServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.published.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


def _contains(range_: lsp.Range, position: lsp.Position) -> bool:
    return (range_.start.line, range_.start.character) <= (position.line, position.character) <= (
        range_.end.line, range_.end.character)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: L10nQaServer, params: lsp.HoverParams) -> lsp.Hover | None:
    """`l10n-qa explain` for the rules of the diagnostics under the cursor."""
    from l10n_qa.rule_text import explain_markdown

    published = ls.published.get(params.text_document.uri)
    if published is None:
        return None
    under = [d for d in published.diagnostics if d.code in published.rules and _contains(d.range, params.position)]
    rule_ids = list(dict.fromkeys(str(d.code) for d in under))
    if not rule_ids:
        return None
    text = "\n\n---\n\n".join(explain_markdown(published.rules[rule_id]) for rule_id in rule_ids)
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=under[0].range)


def serve() -> None:
    server.start_io()
