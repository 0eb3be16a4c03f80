"""`l10n-qa server`: a Language Server (LSP over standard input/output) for editors.

For each open file the server runs exactly what `l10n-qa check - --stdin-filename FILE` runs, with
the editor's buffer as standard input (safe_read.stdin_text): the config nearest to the file, its
source found by the same pairing, the same rules, suppressions and baseline. The findings become
diagnostics (code = rule id, codeDescription.href = the rule's page where there is one), published on
open and save at once and 300 ms after the last change (typing does not start a check per key), and
cleared on close; a hover over a diagnostic shows `l10n-qa explain` for its rule.

A finding with a safe fix (l10n_qa.fixes, what `check --fix` applies) has a quick fix: a code action
whose WorkspaceEdit replaces the fix's range in the buffer (the editor applies it; the server never
writes a file), offered only while the buffer holds exactly the text the check read there.

pygls and lsprotocol are an optional extra (`pip install 'l10n-qa[server]'`), imported only here.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from l10n_qa import __version__
from l10n_qa.model import Finding, Fix, Rule
from l10n_qa.reporters.visible import visible

SOURCE = "l10n-qa"
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}
# Quiet time after the last change before a check: one check per pause in typing, not per key.
CHANGE_DELAY = 0.3


@dataclass(frozen=True, slots=True)
class _Published:
    """What was last published for a document: its diagnostics, the rules they name (for hover), the
    quick fix of each diagnostic that has one, and the buffer version they were computed from."""

    diagnostics: tuple[lsp.Diagnostic, ...]
    rules: dict[str, Rule]
    fixes: tuple[tuple[lsp.Diagnostic, lsp.CodeAction], ...] = ()
    version: int | None = None


class L10nQaServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: every check reads the whole buffer anyway.
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.published: dict[str, _Published] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}  # uri → the debounced check after a change


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


@lru_cache(maxsize=1)
def _installed_rule_pages() -> Path | None:
    """The folder of rule pages beside the installed code (a clone or an editable install: src/l10n_qa
    → ../../docs/rules), or None (a wheel carries no docs)."""
    from l10n_qa.rule_pages import RULES_DOCS_BASE

    folder = Path(__file__).resolve().parent.parent.parent / RULES_DOCS_BASE
    return folder if folder.is_dir() else None


def _rule_page(rule_id: str) -> lsp.CodeDescription | None:
    """Where the rule's page is: the configured absolute base, else the installed docs as file://;
    None for a rule without a page (a local rule pack's) or when no page can be found."""
    from l10n_qa.checks import RULES
    from l10n_qa.rule_pages import RULES_DOCS_BASE, help_uri

    if rule_id not in RULES:
        return None
    if urlparse(RULES_DOCS_BASE).scheme:
        return lsp.CodeDescription(href=help_uri(rule_id))
    folder = _installed_rule_pages()
    page = folder / f"{rule_id}.md" if folder else None
    return lsp.CodeDescription(href=page.as_uri()) if page and page.is_file() else None


def _diagnostic(document: TextDocument, finding: Finding) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=_range(document, finding.line, finding.column, finding.end_line, finding.end_column),
        message=_message(finding), severity=_SEVERITY[finding.severity.label], code=finding.rule,
        code_description=_rule_page(finding.rule), source=SOURCE)


def _buffer_offset(text: str, line: int, column: int) -> int | None:
    """The offset of a 1-based (line, code-point column) in the buffer, or None where there is none
    (the column may be one past the line's end, where an end-exclusive span stops)."""
    if line < 1 or column < 1:
        return None
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    offset = start + column - 1
    return offset if offset <= line_end + 1 and offset <= len(text) else None


def _quick_fix(document: TextDocument, diagnostic: lsp.Diagnostic, finding: Finding) -> lsp.CodeAction | None:
    """The fix as an edit of the buffer, if the buffer holds exactly the fix's original text at the
    fix's place (in a PO file an escaped msgstr, `\"` or a wrapped line, is not: no action)."""
    fix: Fix | None = finding.fix
    if fix is None:
        return None
    text = document.source
    start, end = _buffer_offset(text, fix.line, fix.column), _buffer_offset(text, fix.end_line, fix.end_column)
    if start is None or end is None or text[start:end] != fix.original:
        return None
    edit = lsp.TextEdit(range=_range(document, fix.line, fix.column, fix.end_line, fix.end_column),
                        new_text=fix.replacement)
    title = f"Fix {finding.rule}: replace “{visible(fix.original)}” with “{visible(fix.replacement)}”"
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                          is_preferred=True, edit=lsp.WorkspaceEdit(changes={document.uri: [edit]}))


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
    findings = [f for f in report.findings if f.path == path]
    diagnostics = [_diagnostic(document, f) for f in findings]
    fixes = tuple((d, action) for d, f in zip(diagnostics, findings)
                  if (action := _quick_fix(document, d, f)) is not None)
    diagnostics += [_problem(document, f"l10n-qa: {error.message}", error.line)
                    for error in report.errors if error.path == path]
    rules = {f.rule: run.registry[f.rule] for f in report.findings if f.rule in run.registry}
    return _Published(tuple(diagnostics), rules, fixes, document.version)


server = L10nQaServer()


def _cancel_pending(ls: L10nQaServer, uri: str) -> None:
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()


def _publish(ls: L10nQaServer, uri: str) -> None:
    # Whatever check was waiting for this document is superseded: this one reads the buffer as it is now.
    _cancel_pending(ls, uri)
    if uri not in ls.workspace.text_documents:
        return  # closed while its check waited
    document = ls.workspace.get_text_document(uri)
    if not uri.startswith("file:"):
        return  # an untitled buffer has no path, so no locale, config or source to check it against
    published = diagnostics_for(document) or _Published((), {}, (), document.version)
    ls.published[uri] = published
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
        uri=uri, diagnostics=list(published.diagnostics), version=document.version))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: L10nQaServer, params: lsp.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: L10nQaServer, params: lsp.DidChangeTextDocumentParams) -> None:
    # Debounced: each change restarts the wait, so a burst of keystrokes is checked once, on the
    # buffer as it is after the last of them (never a stale version).
    uri = params.text_document.uri
    _cancel_pending(ls, uri)
    ls.pending[uri] = asyncio.get_running_loop().call_later(CHANGE_DELAY, _publish, ls, uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: L10nQaServer, params: lsp.DidSaveTextDocumentParams) -> None:
    # A saved file may have a new source beside it, or the config may have changed: check again.
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: L10nQaServer, params: lsp.DidCloseTextDocumentParams) -> None:
    _cancel_pending(ls, params.text_document.uri)
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


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line, b.start.character) <= (a.end.line, a.end.character)


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: L10nQaServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    """The quick fixes of the published diagnostics in the requested range."""
    published = ls.published.get(params.text_document.uri)
    if published is None or not published.fixes:
        return None
    if ls.workspace.get_text_document(params.text_document.uri).version != published.version:
        return None  # the buffer changed since the check: its edits could land on the wrong text
    only = params.context.only
    if only and not any(lsp.CodeActionKind.QuickFix.value.startswith(kind) for kind in only):
        return None
    actions = [action for diagnostic, action in published.fixes if _overlaps(diagnostic.range, params.range)]
    return actions or None


def serve() -> None:
    server.start_io()
