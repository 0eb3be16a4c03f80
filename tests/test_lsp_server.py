"""`l10n-qa server` end to end: a real LSP session over stdio with the server in a subprocess.

The client below speaks JSON-RPC with Content-Length framing itself (no pygls on this side), as an
editor does: initialize, initialized, didOpen/didChange/didSave/didClose, hover, shutdown, exit.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from l10n_qa.checks import RULES  # noqa: E402
from l10n_qa.lsp_server import CHANGE_DELAY  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

SOURCE = "# Refunds\n\nOpen {order_id} to ask for a refund within 30 days.\n"
# An emoji is one code point but two UTF-16 units: the columns after it show the conversion.
BUFFER = "# Erstattungen\n\n🙂 Öffnen Sie die Bestellung, um innerhalb von 14 Tagen eine Erstattung zu beantragen.\n"
ON_DISK = "# Erstattungen\n\nÖffnen Sie {order_id}, um innerhalb von 30 Tagen eine Erstattung zu beantragen.\n"


class LspClient:
    def __init__(self, cwd: Path):
        env = {**os.environ, "NO_COLOR": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "l10n_qa", "server"], cwd=cwd, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self._send({"method": method, **({"params": params} if params is not None else {})})

    def request(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, **({"params": params} if params is not None else {})})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, matches, timeout: float = 60) -> dict:
        while True:
            try:
                message = self.messages.get(timeout=timeout)
            except queue.Empty:
                self.process.kill()
                raise AssertionError(f"no such message from the server; stderr: {self.process.stderr.read()!r}")
            if matches(message):
                return message

    def diagnostics(self, uri: str) -> list[dict]:
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri)
        return message["params"]["diagnostics"]

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown",
                                                              "version": version, "text": text}})
        return uri

    def close(self) -> int:
        assert self.request("shutdown")["result"] is None
        self.notify("exit")
        return self.process.wait(timeout=30)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the repository root: the config lookup stops here
    for locale, text in (("en-US", SOURCE), ("de-DE", ON_DISK)):
        (tmp_path / "help" / locale).mkdir(parents=True)
        (tmp_path / "help" / locale / "refunds.md").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(tmp_path_factory):
    # The editor starts the server anywhere: not in the project, so the config and source must be
    # found from the file's path, as `check --stdin-filename` finds them.
    started = []

    def start() -> LspClient:
        started.append(LspClient(tmp_path_factory.mktemp("elsewhere")))
        return started[-1]

    yield start
    for running in started:
        if running.process.poll() is None:
            running.process.kill()


def _initialize(lsp: LspClient, root: Path) -> dict:
    answer = lsp.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
    lsp.notify("initialized", {})
    return answer["result"]


def _simple(diagnostics: list[dict]) -> list[tuple]:
    return [(d["code"], d["severity"], d["range"]["start"]["line"], d["range"]["start"]["character"],
             d["range"]["end"]["line"], d["range"]["end"]["character"], d["source"]) for d in diagnostics]


def test_buffer_diagnostics_hover_change_and_close(project, client):
    lsp = client()
    capabilities = _initialize(lsp, project)["capabilities"]
    assert capabilities["hoverProvider"] is True
    assert capabilities["textDocumentSync"]["change"] == 1  # full text on every change

    target = project / "help" / "de-DE" / "refunds.md"
    uri = lsp.open(target, BUFFER)
    diagnostics = lsp.diagnostics(uri)
    # The buffer, not the file on disk (which has neither problem), against the en-US source.
    # Line 3 (0-based 2); `14` is at code-point column 47, UTF-16 character 47 after the 2-unit emoji.
    assert _simple(diagnostics) == [
        ("placeholder.missing", 1, 2, 0, 2, 0, "l10n-qa"),
        ("number.changed", 1, 2, 47, 2, 49, "l10n-qa"),
    ]
    assert diagnostics[0]["message"] == "placeholder `{order_id}` is missing\nFix: add `{order_id}`"
    assert diagnostics[1]["message"] == ("number `14` does not match the source's `30`\n"
                                         "Fix: use 30 (in the target locale's format)")

    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 48}})
    contents = hover["result"]["contents"]
    assert contents["kind"] == "markdown"
    rule = RULES["number.changed"]
    assert contents["value"].startswith(f"**number.changed** ({rule.category}, {rule.severity.label} by default")
    assert rule.summary in contents["value"] and rule.rationale in contents["value"]
    nothing = lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}})
    assert nothing["result"] is None

    fixed = BUFFER.replace("Bestellung", "Bestellung {order_id}").replace("14", "30")
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": fixed}]})
    assert lsp.diagnostics(uri) == []

    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert lsp.diagnostics(uri) == []
    lsp.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert lsp.diagnostics(uri) == []
    assert lsp.close() == 0
    assert target.read_text(encoding="utf-8") == ON_DISK  # the server never writes the file


def test_severity_mapping_and_the_nearest_config(project, client):
    # The config beside the file (found from its path) turns number.changed into a warning and
    # placeholder.missing into info: the diagnostic severities follow (LSP 2 warning, 3 information).
    (project / "l10n-qa.yaml").write_text("source_locale: en-US\nseverity:\n  number.changed: warning\n"
                                          "  placeholder.missing: info\n", encoding="utf-8")
    lsp = client()
    _initialize(lsp, project)
    uri = lsp.open(project / "help" / "de-DE" / "refunds.md", BUFFER)
    assert [(d["code"], d["severity"]) for d in lsp.diagnostics(uri)] == [
        ("placeholder.missing", 3), ("number.changed", 2)]
    assert lsp.close() == 0


def test_a_broken_config_is_one_diagnostic_not_a_crash(project, client):
    (project / "l10n-qa.yaml").write_text("source_locale: en-US\nselcet: [number]\n", encoding="utf-8")
    lsp = client()
    _initialize(lsp, project)
    uri = lsp.open(project / "help" / "de-DE" / "refunds.md", BUFFER)
    diagnostics = lsp.diagnostics(uri)
    assert len(diagnostics) == 1
    assert diagnostics[0]["severity"] == 1
    assert diagnostics[0]["message"].startswith("l10n-qa cannot check this file: ")
    assert "l10n-qa.yaml:2: selcet: unknown key (did you mean 'select'?)" in diagnostics[0]["message"]
    # The server keeps serving: the next file gets its diagnostics too.
    other = lsp.open(project / "help" / "en-US" / "refunds.md", SOURCE)
    assert len(lsp.diagnostics(other)) == 1
    assert lsp.close() == 0


def test_a_file_of_a_format_we_do_not_read_gets_no_diagnostics(project, client):
    lsp = client()
    _initialize(lsp, project)
    script = project / "tool.py"
    uri = lsp.open(script, "print('hello')\n")
    assert lsp.diagnostics(uri) == []
    assert lsp.close() == 0


# A double space after an emoji: the fix's code-point columns differ from the UTF-16 characters.
SPACED = "# Erstattungen\n\n🙂 Öffnen  Sie {order_id}, um innerhalb von 30 Tagen eine Erstattung zu beantragen.\n"


def _apply(text: str, edit: dict) -> str:
    """Apply one LSP TextEdit (UTF-16 positions) to a text, as an editor does."""
    lines = text.splitlines(keepends=True)

    def offset(position: dict) -> int:
        line = lines[position["line"]]
        units = line.encode("utf-16-le")[:2 * position["character"]].decode("utf-16-le")
        return sum(len(earlier) for earlier in lines[:position["line"]]) + len(units)

    start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
    return text[:start] + edit["newText"] + text[end:]


def test_quick_fix_edits_the_buffer_in_utf16_and_the_finding_goes(project, client):
    lsp = client()
    capabilities = _initialize(lsp, project)["capabilities"]
    assert capabilities["codeActionProvider"] == {"codeActionKinds": ["quickfix"]}
    target = project / "help" / "de-DE" / "refunds.md"
    uri = lsp.open(target, SPACED)
    [diagnostic] = lsp.diagnostics(uri)
    assert _simple([diagnostic]) == [("whitespace.double-space", 2, 2, 9, 2, 11, "l10n-qa")]
    # The built-in rule's page, in the docs of this checkout (RULES_DOCS_BASE is relative).
    page = ROOT / "docs" / "rules" / "whitespace.double-space.md"
    assert diagnostic["codeDescription"] == {"href": page.as_uri()}

    answer = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 10}},
        "context": {"diagnostics": [diagnostic]}})
    [action] = answer["result"]
    assert action["kind"] == "quickfix" and action["isPreferred"] is True
    assert action["title"] == "Fix whitespace.double-space: replace “  ” with “ ”"
    assert action["diagnostics"] == [diagnostic]
    [edit] = action["edit"]["changes"][uri]
    assert edit == {"range": {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 11}},
                    "newText": " "}
    # No action away from the diagnostic.
    elsewhere = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
        "context": {"diagnostics": []}})
    assert elsewhere["result"] is None

    fixed = _apply(SPACED, edit)
    assert fixed == SPACED.replace("Öffnen  Sie", "Öffnen Sie")
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": fixed}]})
    assert lsp.diagnostics(uri) == []
    assert lsp.close() == 0
    assert target.read_text(encoding="utf-8") == ON_DISK  # the edit is the editor's, never the server's


def test_changes_are_debounced_and_only_the_last_buffer_is_published(project, client):
    lsp = client()
    _initialize(lsp, project)
    uri = lsp.open(project / "help" / "de-DE" / "refunds.md", SPACED)
    assert [d["code"] for d in lsp.diagnostics(uri)] == ["whitespace.double-space"]
    # A burst of edits, as typing sends them: each buffer has another problem, the last none.
    burst = [BUFFER, SPACED, SPACED.replace("30", "31"), SPACED.replace("Öffnen  Sie", "Öffnen Sie")]
    for version, text in enumerate(burst, start=2):
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [{"text": text}]})
    published = lsp.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    # One check, after the last change: nothing for the intermediate buffers.
    assert published["params"] == {"uri": uri, "diagnostics": [], "version": 5}
    # Save publishes at once, and the wait of a change before it is cancelled (no second publish).
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 6},
                                          "contentChanges": [{"text": BUFFER}]})
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    saved = lsp.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert saved["params"]["version"] == 6
    assert [d["code"] for d in saved["params"]["diagnostics"]] == ["placeholder.missing", "number.changed"]
    with pytest.raises(queue.Empty):
        lsp.messages.get(timeout=CHANGE_DELAY + 3)  # a timer left running would have checked by now
    assert lsp.close() == 0


def _code_actions(lsp: LspClient, uri: str, line: int, character: int):
    position = {"line": line, "character": character}
    return lsp.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                   "range": {"start": position, "end": position},
                                                   "context": {"diagnostics": []}})["result"]


def test_no_quick_fix_from_a_check_of_an_older_buffer(project, client):
    lsp = client()
    _initialize(lsp, project)
    uri = lsp.open(project / "help" / "de-DE" / "refunds.md", SPACED)
    assert [d["code"] for d in lsp.diagnostics(uri)] == ["whitespace.double-space"]
    # A line inserted above: until the debounced check has run, the old edit would hit the wrong line.
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": "\n" + SPACED}]})
    assert _code_actions(lsp, uri, 2, 10) is None
    [diagnostic] = lsp.diagnostics(uri)
    assert diagnostic["range"]["start"] == {"line": 3, "character": 9}
    [action] = _code_actions(lsp, uri, 3, 10)
    assert action["edit"]["changes"][uri][0]["range"]["start"] == {"line": 3, "character": 9}
    assert lsp.close() == 0
