"""A stand-in for a LanguageTool server, on 127.0.0.1, for the tests: it speaks LanguageTool's HTTP API.

- `GET /v2/languages`: the list of languages as LanguageTool answers it ({name, code, longCode}).
- `POST /v2/check` with form fields `language`, `text` or `data` (annotated text: `{"annotation":
  [{"text": …}, {"markup": …, "interpretAs": …}]}`), `disabledRules`, `disabledCategories`, `mode`;
  answered with LanguageTool's JSON (software, warnings, language, matches with message, shortMessage,
  replacements, offset, length, context, sentence, type, rule{id, description, issueType, category},
  …). As the real server does, it checks the plain text (text + interpretAs, markup skipped), gives
  offsets in UTF-16 code units of the text *with* markup, rejects a text over its limit with HTTP 413
  and LanguageTool's message, and rejects unknown languages and modes with HTTP 400.

It cannot understand German, so what it finds is a table of matches (`RULES`) as LanguageTool reports
them, found by pattern in the plain text. The JSON of each match follows LanguageTool's serializer
(RuleMatchesAsJsonSerializer) and answers published from real servers (e.g. GERMAN_SPELLER_RULE's
"Möglicher Tippfehler gefunden." in category TYPOS, issueType misspelling).
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = [
    {"name": "Arabic", "code": "ar", "longCode": "ar"},
    {"name": "German", "code": "de", "longCode": "de"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "German (Austria)", "code": "de", "longCode": "de-AT"},
    {"name": "German (Swiss)", "code": "de", "longCode": "de-CH"},
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "French", "code": "fr", "longCode": "fr"},
    {"name": "Italian", "code": "it", "longCode": "it"},
    {"name": "Japanese", "code": "ja", "longCode": "ja-JP"},
    {"name": "Dutch", "code": "nl", "longCode": "nl"},
    {"name": "Spanish", "code": "es", "longCode": "es"},
    {"name": "Portuguese", "code": "pt", "longCode": "pt"},
    {"name": "Portuguese (Brazil)", "code": "pt", "longCode": "pt-BR"},
    {"name": "Portuguese (Portugal)", "code": "pt", "longCode": "pt-PT"},
    {"name": "Chinese", "code": "zh", "longCode": "zh-CN"},
]

_GERMAN_SPELLER = {
    "message": "Möglicher Tippfehler gefunden.", "shortMessage": "Rechtschreibfehler",
    "type": {"typeName": "UnknownWord"},
    "rule": {"id": "GERMAN_SPELLER_RULE", "description": "Möglicher Rechtschreibfehler", "issueType": "misspelling",
             "category": {"id": "TYPOS", "name": "Mögliche Tippfehler"}},
}
_FRENCH_SPELLER = {
    "message": "Faute de frappe possible trouvée.", "shortMessage": "Faute de frappe",
    "type": {"typeName": "UnknownWord"},
    "rule": {"id": "FR_SPELLING_RULE", "description": "Faute de frappe possible", "issueType": "misspelling",
             "category": {"id": "TYPOS", "name": "Faute de frappe possible"}},
}
_DE_AGREEMENT = {
    "message": "Möglicherweise fehlende grammatische Übereinstimmung des Kasus, Numerus oder Genus. "
               "Beispiel: 'mein kleiner Haus' statt 'mein kleines Haus'",
    "shortMessage": "Evtl. keine Übereinstimmung von Kasus, Numerus oder Genus",
    "type": {"typeName": "Other"},
    "rule": {"id": "DE_AGREEMENT", "subId": "1", "description": "Kongruenz von Nominalphrasen (unvollständig!), "
             "z.B. 'mein kleiner (kleines) Haus'", "issueType": "grammar",
             "category": {"id": "GRAMMAR", "name": "Grammatik"}},
}


@dataclass(frozen=True)
class Rule:
    language: str  # the language code the request must name
    pattern: str  # found in the plain text (what LanguageTool checks)
    match: dict  # the match as LanguageTool serializes it, without offset/length/context
    replacements: tuple[str, ...] = ()


RULES = [
    Rule("de-DE", r"\bBestelung\b", _GERMAN_SPELLER, ("Bestellung", "Bestellungen")),
    # German speller on an English word: real LanguageTool flags the product name "Example".
    Rule("de-DE", r"\bExample\b", _GERMAN_SPELLER, ("Exempel",)),
    Rule("de-DE", r"\bunser Support-Team\b", _DE_AGREEMENT, ("unserem Support-Team",)),
    Rule("fr", r"\bcommandee\b", _FRENCH_SPELLER, ("commandée",)),
    # What LanguageTool reports when it reads the stand-in of a placeholder as a word: never shown.
    Rule("fr", r"\bX\b", _FRENCH_SPELLER, ("Y",)),
]

SOFTWARE = {"name": "LanguageTool", "version": "6.6", "buildDate": "2025-03-27 14:31:00 +0000", "apiVersion": 1,
            "premium": False, "premiumHint": "You might be missing errors only the Premium version can find. "
            "Contact us at support<at>languagetoolplus.com.", "status": ""}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FakeLanguageTool:
    rules: list[Rule] = field(default_factory=lambda: list(RULES))
    max_text_length: int | None = None  # HTTP 413 above this many plain-text characters
    delay: float = 0.0  # seconds before answering /v2/check (for timeouts)
    languages_status: int = 200
    checks: list[dict] = field(default_factory=list)  # the form of every /v2/check request received
    statuses: list[int] = field(default_factory=list)  # the status of every /v2/check answer
    max_in_flight: int = 0  # most /v2/check requests being answered at the same time
    _in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeLanguageTool":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest's output clean
                pass

            def _send(self, status: int, body, content_type="application/json"):
                data = (json.dumps(body, ensure_ascii=False) if not isinstance(body, str) else body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path.rstrip("/") == "/v2/languages":
                    if fake.languages_status != 200:
                        return self._send(fake.languages_status, "<html>Not Found</html>", "text/html")
                    return self._send(200, LANGUAGES)
                self._send(404, "Error: unknown path", "text/plain")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"),
                                                                    keep_blank_values=True).items()}
                if self.path.rstrip("/") != "/v2/check":
                    return self._send(404, "Error: unknown path", "text/plain")
                with fake._lock:
                    fake.checks.append(form)
                    fake._in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake._in_flight)
                try:
                    status, body = fake.answer(form)
                    if fake.delay:
                        time.sleep(fake.delay)
                    with fake._lock:
                        fake.statuses.append(status)
                    self._send(status, body, "application/json" if status == 200 else "text/plain")
                finally:
                    with fake._lock:
                        fake._in_flight -= 1

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def answer(self, form: dict) -> tuple[int, object]:
        language = form.get("language")
        if not language:
            return 400, "Error: Missing 'language' parameter, see https://languagetool.org/http-api/swagger-ui/#/default"
        if language not in {entry["longCode"] for entry in LANGUAGES} | {entry["code"] for entry in LANGUAGES}:
            return 400, f"Error: '{language}' is not a language code known to LanguageTool."
        mode = form.get("mode", "all")
        if mode not in ("textLevelOnly", "allButTextLevelOnly", "all"):
            return 400, ("Error: Mode must be one of 'textLevelOnly', 'allButTextLevelOnly', or 'all' "
                         f"but was: '{mode}'")
        if ("text" in form) == ("data" in form):
            return 400, "Error: Missing 'text' or 'data' parameter"
        pieces = [{"text": form["text"]}] if "text" in form else json.loads(form["data"])["annotation"]
        # plain: what the rules see; owner[i]: (original start, original end) of the piece plain[i] comes from
        original, plain, where = "", "", []
        for piece in pieces:
            if "text" in piece:
                for ch in piece["text"]:
                    where.append((len(original), len(original) + 1))
                    original += ch
                    plain += ch
            else:
                start = len(original)
                original += piece["markup"]
                for ch in piece.get("interpretAs", ""):
                    where.append((start, len(original)))
                    plain += ch
        if self.max_text_length is not None and len(plain) > self.max_text_length:
            return 413, (f"Error: Your text exceeds the limit of {self.max_text_length} characters (it's "
                         f"{len(plain)} characters). Please submit a shorter text.")
        disabled_rules = set(filter(None, form.get("disabledRules", "").split(",")))
        disabled_categories = set(filter(None, form.get("disabledCategories", "").split(",")))
        matches = []
        for rule in self.rules:
            if rule.language not in (language, language.split("-")[0]):
                continue
            if rule.match["rule"]["id"] in disabled_rules or rule.match["rule"]["category"]["id"] in disabled_categories:
                continue
            for found in re.finditer(rule.pattern, plain):
                start = _utf16(original[:where[found.start()][0]])
                end = _utf16(original[:where[found.end() - 1][1]])
                context = original[max(0, where[found.start()][0] - 40): where[found.end() - 1][1] + 40]
                matches.append({
                    "message": rule.match["message"], "shortMessage": rule.match["shortMessage"],
                    "replacements": [{"value": r} for r in rule.replacements],
                    "offset": start, "length": end - start,
                    "context": {"text": context, "offset": min(40, where[found.start()][0]), "length": end - start},
                    "sentence": plain.strip().split("\n")[0],
                    "type": rule.match["type"], "rule": rule.match["rule"],
                    "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
                })
        matches.sort(key=lambda m: m["offset"])
        name = next(e["name"] for e in LANGUAGES if language in (e["longCode"], e["code"]))
        return 200, {
            "software": SOFTWARE, "warnings": {"incompleteResults": False},
            "language": {"name": name, "code": language,
                         "detectedLanguage": {"name": name, "code": language, "confidence": 0.99, "source": "ngram"}},
            "matches": matches, "sentenceRanges": [], "extendedSentenceRanges": [],
        }


def plain_text(form: dict) -> str:
    """What LanguageTool checks of a request: its text, or the annotation's text and interpretAs."""
    if "text" in form:
        return form["text"]
    return "".join(p.get("text", p.get("interpretAs", "")) for p in json.loads(form["data"])["annotation"])
