"""Grammar, style and spelling from LanguageTool (`--grammar`, or a `languagetool:` config section).

A document's targets go to LanguageTool in batches per language (services/languagetool.py), with
placeholders, tags and links sent as markup LanguageTool skips. Each match comes back to the exact
line and column of its segment; LanguageTool's own rule id is in the message and its replacements
are the suggestion. Matches on protected spans, accepted terms or, for spelling, on words copied
from the source are dropped (checks/protected.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.protected import accepted_spans, overlaps, protected_spans, source_words
from l10n_qa.checks.registry import CheckContext, Rule, document_checker
from l10n_qa.model import Document, Hit, Locale, Segment, Severity

GRAMMAR = Rule(
    "grammar.languagetool", "grammar", Severity.WARNING,
    "LanguageTool found a grammar, punctuation or style problem (with --grammar).",
    "Agreement, case and word-order slips survive review because each sentence looks almost right. "
    "The message and rule id are LanguageTool's; switch off a LanguageTool rule or category that does "
    "not suit your content with `languagetool.disabled_rules` / `disabled_categories` (per locale).",
    ("Connecting you to an agent…", "Wir verbinden Sie mit unser Support-Team …",
     "Wir verbinden Sie mit unserem Support-Team …"),
)
SPELLING = Rule(
    "spelling.languagetool", "spelling", Severity.WARNING,
    "LanguageTool's spell checker does not know a word (with --grammar).",
    "A misspelled word looks careless to the customer. Placeholders, tags, links, accepted terms "
    "(`accept:`, glossary, do-not-translate) and words copied unchanged from the source are never "
    "reported; add a correct word LanguageTool does not know to `accept:`.",
    ("Track your order", "Bestelung verfolgen", "Bestellung verfolgen"),
)

_clients: dict = {}  # one client (and cache connection) per process and options


def _client(options, context: CheckContext):
    from l10n_qa.services.cache import CacheError, ResultCache
    from l10n_qa.services.languagetool import Client

    client = _clients.get(options)
    if client is None:
        cache = None
        if options.cache_dir:
            try:
                cache = ResultCache(options.cache_dir)
            except CacheError as exc:
                context.notices.add(f"languagetool: {exc}")
        client = _clients[options] = Client(options, cache)
    return client


def _report(context: CheckContext, options, message: str) -> None:
    """A problem of the service: an error when grammar checking was required, a notice otherwise."""
    where = options.url.removesuffix("v2/").rstrip("/")
    if options.required:
        context.errors.add((where, message))
    else:
        context.notices.add(f"{where}: {message}")


def _annotate(target: str, spans: list[tuple[int, int, str]]):
    from l10n_qa.services.languagetool import Text

    pieces = []
    position = 0
    for start, end, instead in spans:
        if start > position:
            pieces.append(("text", target[position:start], None))
        pieces.append(("markup", target[start:end], instead or None))
        position = end
    if position < len(target):
        pieces.append(("text", target[position:], None))
    return Text(tuple(pieces))


def _hits(pair: Pair, spans, matches: list[dict], context: CheckContext) -> Iterator[Hit]:
    from l10n_qa.services.languagetool import utf16_to_index

    target = pair.target
    accepted = accepted_spans(target, context.accepted_terms)
    copied = None
    for match in matches:
        start = utf16_to_index(target, match["offset"])
        end = utf16_to_index(target, match["offset"] + match["length"])
        if overlaps(start, end, spans) or overlaps(start, end, accepted):
            continue
        matched = target[start:end]
        spelling = match["issueType"] == "misspelling" or match["category"] == "TYPOS"
        if spelling:
            copied = source_words(pair) if copied is None else copied
            if matched in copied:
                continue
        replacements = [r for r in match["replacements"][:3] if r]
        suggestion = ("write " + " or ".join(f"`{r}`" for r in replacements)) if replacements else ""
        if spelling:
            suggestion += ("; " if suggestion else "") + "if the word is right, add it to `accept:` in l10n-qa.yaml"
        message = match["message"] or match["shortMessage"] or "LanguageTool reports a problem"
        yield Hit(SPELLING.id if spelling else GRAMMAR.id, f"{message} [{match['rule']}]", start, end,
                  suggestion=suggestion, matched=matched)


@document_checker(SPELLING, GRAMMAR)  # spelling first: next to spelling.hunspell in `l10n-qa rules`
def languagetool(document: Document, context: CheckContext) -> Iterator[tuple[Segment, Hit]]:
    options = context.languagetool
    if options is None:
        return
    from l10n_qa.services.languagetool import Request, language_for

    languages: dict[Locale, str | None] = {}
    work: list[tuple[Segment, Pair, list]] = []
    requests: list[Request] = []
    for segment in document.segments:
        locale = segment.target_locale or document.target_locale
        if segment.state != "translated" or not segment.target.strip() or locale is None:
            continue
        if locale not in languages:
            languages[locale] = language_for(locale, options.languages)
            if languages[locale] is None:
                context.notices.add(f"languagetool: the server has no language for {locale}; "
                                    f"{locale} was not grammar-checked")
        if languages[locale] is None:
            continue
        pair = Pair(segment, context)
        spans = protected_spans(pair)
        rules, categories = options.disabled_for(locale)
        requests.append(Request(languages[locale], _annotate(segment.target, spans), rules, categories))
        work.append((segment, pair, spans))
    if not requests:
        return
    for (segment, pair, spans), outcome in zip(work, _client(options, context).check(requests)):
        if outcome.problem:
            _report(context, options, outcome.problem)
            continue
        for hit in _hits(pair, spans, outcome.matches or [], context):
            yield segment, hit
