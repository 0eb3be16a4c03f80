"""LanguageTool over its HTTP API (`GET /v2/languages`, `POST /v2/check`), batched, concurrent, cached.

Why not `language_tool_python.LanguageTool.check()`: it sends one plain text per request, so it can
neither batch hundreds of short segments into one request (LanguageTool's maintainers ask clients to:
a request costs ~40 ms of set-up on the server) nor pass placeholders and tags as markup LanguageTool
must skip (the `data` parameter). language-tool-python is used for what it does well: downloading,
starting and stopping a local LanguageTool server when no `languagetool.url` is given.

Offsets in LanguageTool's answers count UTF-16 code units of the text *with* markup (LanguageTool is
Java); `Batch` maps them back to the segments they fall in.
"""

from __future__ import annotations

import bisect
import json
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from l10n_qa import __version__
from l10n_qa.model import Locale
from l10n_qa.services.options import LanguageToolOptions

HOW_TO_START = ("start one (README, \"Grammar checking with LanguageTool\") or point `languagetool.url` / "
                "--languagetool-url at a running server")
# Segments are sent as paragraphs of one text; LanguageTool reads an empty line as a paragraph break.
SEPARATOR = "\n\n"
# WHITESPACE_RULE reports repeated spaces, as whitespace.double-space already does at the same place;
# LanguageTool's own browser add-on switches it off too.
ALWAYS_DISABLED = ("WHITESPACE_RULE",)
_LIMIT = re.compile(r"limit of (\d+) characters")


class LanguageToolUnavailable(Exception):
    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


def base_url(url: str) -> str:
    """`http://host:8081`, `…/`, `…/v2` and `…/v2/` all mean the API root `http://host:8081/v2/`."""
    trimmed = url.rstrip("/")
    if not trimmed.endswith("/v2"):
        trimmed += "/v2"
    return trimmed + "/"


def _http(url: str, form: dict[str, str] | None, timeout: float) -> tuple[int, bytes]:
    """(status, body); a 4xx/5xx answer is returned, a network failure raises OSError."""
    data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
    request = urllib.request.Request(url, data=data, headers={
        "Accept": "application/json", "User-Agent": f"l10n-qa/{__version__}",
        **({"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"} if data is not None else {}),
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def _why(exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    return str(reason) or type(reason).__name__


def _error_text(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text[:300] or "(empty answer)"


def fetch_languages(base: str, where: str, timeout: float) -> tuple[tuple[str, str, str], ...]:
    try:
        status, body = _http(base + "languages", None, timeout)
    except OSError as exc:
        raise LanguageToolUnavailable(where, f"LanguageTool is not reachable ({_why(exc, timeout)}): "
                                             f"{HOW_TO_START}. Grammar was not checked.") from None
    if status != 200:
        raise LanguageToolUnavailable(where, f"GET /v2/languages answered HTTP {status} ({_error_text(body)}): "
                                             f"is this the URL of a LanguageTool server? Grammar was not checked.")
    try:
        languages = json.loads(body)
        found = tuple((str(e.get("name", "")), str(e["code"]), str(e["longCode"])) for e in languages)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise LanguageToolUnavailable(where, "GET /v2/languages did not answer LanguageTool's list of languages: "
                                             "is this the URL of a LanguageTool server? Grammar was not checked.") from None
    return found


@dataclass
class Server:
    options: LanguageToolOptions  # url is the API root, languages filled in
    close: Callable[[], None] = lambda: None


def connect(options: LanguageToolOptions) -> Server:
    """Reach the configured server, or start a local one; LanguageToolUnavailable says why not and what to do."""
    if options.url:
        base = base_url(options.url)
        languages = fetch_languages(base, options.url, options.timeout)
        return Server(replace(options, url=base, languages=languages, server=base))
    return _start_local(options)


def _start_local(options: LanguageToolOptions) -> Server:
    where = "local LanguageTool"
    try:
        import language_tool_python
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise LanguageToolUnavailable(where, f"language-tool-python is not installed ({exc})") from None
    try:
        # The first start downloads LanguageTool (about 250 MB) into language-tool-python's cache.
        tool = language_tool_python.LanguageTool("en-US")
    except Exception as exc:  # it raises ServerError, PathError, JavaError, requests' errors, …
        raise LanguageToolUnavailable(where, (
            f"could not start LanguageTool through language-tool-python ({type(exc).__name__}: {str(exc)[:200]}). It needs "
            f"Java 17 or newer and, once, a download of LanguageTool; or {HOW_TO_START}. Grammar was not checked."
        )) from None
    base = tool.url
    try:
        languages = fetch_languages(base, base, options.timeout)
    except LanguageToolUnavailable:
        tool.close()
        raise
    version = getattr(tool, "language_tool_download_version", "")
    return Server(replace(options, url=base, languages=languages, server=f"local LanguageTool {version}"),
                  close=tool.close)


def _likely(locale: Locale) -> Locale:
    """`de` → `de-DE`, `pt` → `pt-BR`, `ar` → `ar-EG` (CLDR likely subtags), for a tag without region."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(locale.language)
    if not likely:
        return locale
    parts = likely.split("_")
    return Locale(locale.language, locale.script, parts[-1] if len(parts) > 1 else None)


def language_for(locale: Locale, languages: tuple[tuple[str, str, str], ...]) -> str | None:
    """The server's language code for a target locale, or None when the server has none for it.

    `de-DE` → `de-DE`; `fr-FR` → `fr` when the server has no `fr-FR`; `de` → `de-DE` (LanguageTool
    spell-checks German only with a variant); `zh-TW` → None (the server's Chinese is `zh-CN`).
    """
    by_long = {long.lower(): long for _, _, long in languages}
    # Without a region, the likely one first: LanguageTool's `de` (no variant) has no spell checker.
    candidates = [locale] if locale.region else [_likely(locale), locale]
    for candidate in candidates:
        tag = str(Locale(candidate.language, None, candidate.region, candidate.variants)).lower()
        if tag in by_long:
            return by_long[tag]
    return by_long.get(locale.language)


@dataclass(frozen=True, slots=True)
class Text:
    """One segment's target as LanguageTool's annotated text: pieces of text and of markup."""

    pieces: tuple[tuple[str, str, str | None], ...]  # ("text", text, None) or ("markup", markup, interpretAs)

    @property
    def annotation(self) -> list[dict]:
        out = []
        for kind, value, interpret in self.pieces:
            if kind == "text":
                out.append({"text": value})
            else:
                out.append({"markup": value, **({"interpretAs": interpret} if interpret else {})})
        return out

    @property
    def utf16_length(self) -> int:
        return sum(_utf16_len(value) for _, value, _ in self.pieces)

    @property
    def checked_length(self) -> int:
        """Characters LanguageTool counts against its limit: the text without markup."""
        return sum(len(value if kind == "text" else interpret or "") for kind, value, interpret in self.pieces)


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True, slots=True)
class Request:
    """One segment to check: its annotated text and where it goes (language, disabled rules)."""

    language: str
    text: Text
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()

    @property
    def group(self) -> tuple:
        return self.language, self.disabled_rules, self.disabled_categories


@dataclass(slots=True)
class Outcome:
    """Matches (offsets relative to the segment, UTF-16 units as LanguageTool counts) or why there are none."""

    matches: list[dict] | None = None
    problem: str | None = None


def _compact(match: dict) -> dict:
    """What the checks use of a match; the cache stores only this."""
    rule = match.get("rule") or {}
    return {
        "offset": int(match["offset"]), "length": int(match["length"]),
        "message": str(match.get("message", "")), "shortMessage": str(match.get("shortMessage") or ""),
        "replacements": [str(r.get("value", "")) for r in (match.get("replacements") or [])[:5] if isinstance(r, dict)],
        "rule": str(rule.get("id", "")), "issueType": str(rule.get("issueType", "")),
        "category": str((rule.get("category") or {}).get("id", "")),
    }


@dataclass
class Client:
    """Checks many segments: cached answers first, the rest in batches sent `concurrency` at a time."""

    options: LanguageToolOptions
    cache: object | None = None  # a ResultCache, or None
    down: str | None = None  # set after a network failure: the rest of the run is not sent
    batch_chars: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.batch_chars = self.batch_chars or self.options.batch_chars

    def cache_key(self, request: Request) -> str:
        return json.dumps([self.options.server or self.options.url, request.language, request.disabled_rules,
                           request.disabled_categories, request.text.pieces], ensure_ascii=False)

    def check(self, requests: list[Request]) -> list[Outcome]:
        outcomes = [Outcome() for _ in requests]
        todo: dict[tuple, list[int]] = {}
        keys = [self.cache_key(r) for r in requests]
        cached = self.cache.get_many(keys) if self.cache is not None else {}
        for index, request in enumerate(requests):
            if keys[index] in cached:
                outcomes[index].matches = cached[keys[index]]
            else:
                todo.setdefault(request.group, []).append(index)
        batches = [batch for indexes in todo.values() for batch in self._batches(requests, indexes)]
        if batches:
            workers = min(self.options.concurrency, len(batches))
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="languagetool") as pool:
                for _ in pool.map(lambda batch: self._send(requests, batch, outcomes), batches):
                    pass
            if self.cache is not None:
                self.cache.put_many({keys[i]: outcomes[i].matches for i in range(len(requests))
                                     if outcomes[i].matches is not None and keys[i] not in cached})
        return outcomes

    def _batches(self, requests: list[Request], indexes: list[int]) -> list[list[int]]:
        batches: list[list[int]] = []
        current: list[int] = []
        size = 0
        for index in indexes:
            length = requests[index].text.checked_length + len(SEPARATOR)
            if current and size + length > self.batch_chars:
                batches.append(current)
                current, size = [], 0
            current.append(index)
            size += length
        if current:
            batches.append(current)
        return batches

    def _send(self, requests: list[Request], batch: list[int], outcomes: list[Outcome]) -> None:
        if self.down:
            for index in batch:
                outcomes[index].problem = self.down
            return
        first = requests[batch[0]]
        annotation: list[dict] = []
        starts: list[int] = []
        position = 0
        for number, index in enumerate(batch):
            if number:
                annotation.append({"text": SEPARATOR})
                position += len(SEPARATOR)
            starts.append(position)
            annotation.extend(requests[index].text.annotation)
            position += requests[index].text.utf16_length
        form = {"language": first.language, "data": json.dumps({"annotation": annotation}, ensure_ascii=False),
                # Segments are unrelated texts: rules that compare neighbouring paragraphs would compare them.
                "mode": "allButTextLevelOnly"}
        disabled = ALWAYS_DISABLED + tuple(r for r in first.disabled_rules if r not in ALWAYS_DISABLED)
        form["disabledRules"] = ",".join(disabled)
        if first.disabled_categories:
            form["disabledCategories"] = ",".join(first.disabled_categories)
        where = self.options.url
        try:
            status, body = _http(where + "check", form, self.options.timeout)
        except OSError as exc:
            with self._lock:
                self.down = (f"LanguageTool stopped answering ({_why(exc, self.options.timeout)}); the segments "
                             f"after that were not grammar-checked. Raise languagetool.timeout or lower "
                             f"languagetool.batch_chars if the server is slow, or {HOW_TO_START}.")
            for index in batch:
                outcomes[index].problem = self.down
            return
        if status == 413 and len(batch) > 1:
            limit = _LIMIT.search(body.decode("utf-8", "replace"))
            with self._lock:
                if limit:
                    self.batch_chars = min(self.batch_chars, int(limit.group(1)))
            half = len(batch) // 2
            self._send(requests, batch[:half], outcomes)
            self._send(requests, batch[half:], outcomes)
            return
        if status != 200:
            problem = f"LanguageTool answered HTTP {status}: {_error_text(body)}"
            if status == 413:
                problem += " (one segment is longer than the server accepts; it was not grammar-checked)"
            for index in batch:
                outcomes[index].problem = problem
            return
        try:
            matches = json.loads(body)["matches"]
            compact = [_compact(m) for m in matches]
        except (ValueError, KeyError, TypeError, AttributeError):
            for index in batch:
                outcomes[index].problem = "LanguageTool's answer to POST /v2/check was not the JSON it documents"
            return
        per_segment: list[list[dict]] = [[] for _ in batch]
        for match in compact:
            slot = bisect.bisect_right(starts, match["offset"]) - 1
            if slot < 0:
                continue
            local = match["offset"] - starts[slot]
            # A match that runs into the separator or the next segment belongs to no one segment.
            if local + match["length"] > requests[batch[slot]].text.utf16_length:
                continue
            per_segment[slot].append({**match, "offset": local})
        for slot, index in enumerate(batch):
            outcomes[index].matches = per_segment[slot]


def utf16_to_index(text: str, offset: int) -> int:
    """A UTF-16 offset (LanguageTool, Java) in `text` as a Python string index."""
    if offset <= 0:
        return 0
    units = 0
    for index, ch in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
