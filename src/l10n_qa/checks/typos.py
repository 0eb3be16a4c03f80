"""Typing slips that customers see as written: a backslash before a quote (`encoding.escaped-quote`),
a broken URL scheme (`url.broken-scheme`), a word typed twice (`spelling.doubled-word`). One module,
as they share the question whether the source has the same thing on purpose.

Each is reported only where the source does not have it: a source that shows `\\"` or repeats a
word on purpose is copied, not mistyped.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

ESCAPED_QUOTE = Rule(
    "encoding.escaped-quote", "encoding", Severity.WARNING,
    "A backslash before a quote (\\\") that the source does not have: the customer sees the backslash.",
    "A catalog's msgstr, a JSON or YAML value is text, not a C or Python literal: the file format has "
    "already removed its own escaping, so a `\\\"` left in the translation (typed by a translator or a "
    "tool that escaped twice) is shown as a backslash and a quote (`\\\"{obj}\\\"`). Write the quote "
    "without the backslash. Markdown files are not checked: there `\\\"` is the syntax for a literal quote.",
    ('The file "{name}" was saved.', 'Die Datei \\"{name}\\" wurde gespeichert.',
     'Die Datei „{name}“ wurde gespeichert.'),
)
BROKEN_URL_SCHEME = Rule(
    "url.broken-scheme", "url", Severity.ERROR,
    "A URL whose scheme is broken (`https: //`, `https:/`, `\"http\"//\"`): the link does not work.",
    "Translation tools and typographic autocorrection break URLs: a space after the colon "
    "(French punctuation spacing), a slash lost, quotes put around the scheme. The result is not a link "
    "and the customer cannot follow it. Write the URL exactly as in the source (`https://…`).",
    ("See https://example.com/help.", "Voir https : //example.com/help.", "Voir https://example.com/help."),
)
DOUBLED_WORD = Rule(
    "spelling.doubled-word", "spelling", Severity.WARNING,
    "The same word twice in a row (`jede jede`, `böylece böylece`) where the source does not repeat it.",
    "A word typed twice reads as a slip. Only languages where a repeated word is not grammar are checked, "
    "with the doublings each one does use (German relative pronouns „die die“, French reflexive "
    "« vous vous »); in Turkish, which doubles words to make adverbs (ayrı ayrı, yavaş yavaş), only "
    "conjunctions and other words that are never doubled. Words on either side of punctuation are not "
    "a repetition. Delete one of them.",
    ("Check every order.", "Prüfen Sie jede jede Bestellung.", "Prüfen Sie jede Bestellung."),
)
RULES = (ESCAPED_QUOTE, BROKEN_URL_SCHEME, DOUBLED_WORD)

_ESCAPED_QUOTE = regex.compile(r"\\[\"'“”„«»‘’]")
_MARKDOWN_SUFFIXES = (".md", ".mdx", ".markdown")
# A scheme followed by something that is not "://": a space around the colon or the slashes, one
# slash, or quotes inside ("http"//"); the scheme must start a word and a host must follow.
_BROKEN_SCHEME = regex.compile(
    r"(?<![\w.-])[\"'“”„«]?(?P<scheme>https?|ftp)"
    r"(?P<rest>\s*:\s+//|\s+:\s*//|:/(?!/)|:\s*/\s+/|[\"'“”„»]\s*:?\s*//)"
    r"(?=[\"'“”„»]?\s*[\w\[])", regex.I)
_PAIR = regex.compile(r"(?<![\w\p{M}])(?P<word>[\p{L}\p{M}]{2,})(?P<gap>[ \t\u00a0]+)(?P=word)(?![\w\p{M}])",
                      regex.I)

# Where a doubled word is checked: language → ("except", doublings that are grammar) or ("only", words
# that are never doubled). Languages not listed are not checked (see README/docs for why).
_DOUBLED_WORDS: dict[str, tuple[str, frozenset[str]]] = {
    # "Kunden, die die Ware …": a relative pronoun after an article; "weil Sie sie …".
    "de": ("except", frozenset({"die", "der", "das", "den", "dem", "des", "sie"})),
    # Reflexive verbs: "vous vous êtes inscrit", "nous nous engageons".
    "fr": ("except", frozenset({"vous", "nous"})),
    # Relative pronouns after demonstratives: "die die …", "dat dat …".
    "nl": ("except", frozenset({"die", "dat"})),
    "es": ("except", frozenset()),
    "pt": ("except", frozenset()),
    # Turkish reduplication is productive (ayrı ayrı, tek tek, bir bir): only words never doubled.
    "tr": ("only", frozenset({"böylece", "ve", "veya", "ile", "için", "ama", "ancak", "fakat", "çünkü",
                              "eğer", "ki", "bu", "şu", "olarak", "gibi", "ise", "hem"})),
}


@checker(*RULES)
def typos(pair) -> Iterator[Hit]:
    enabled = pair.context.enabled
    source, target = pair.masked_source, pair.masked_target
    if source == target:
        return  # untranslated: completeness says so, and the source's own text is not a slip
    if ESCAPED_QUOTE.id in enabled and "\\" in target:
        yield from _escaped_quotes(pair, source, target)
    if BROKEN_URL_SCHEME.id in enabled and ("http" in target.lower() or "ftp" in target.lower()):
        yield from _broken_schemes(source, target)
    if DOUBLED_WORD.id in enabled:
        yield from _doubled_words(pair, source, target)


def _escaped_quotes(pair, source: str, target: str) -> Iterator[Hit]:
    if pair.segment.path.lower().endswith(_MARKDOWN_SUFFIXES) or _ESCAPED_QUOTE.search(source):
        return
    for m in _ESCAPED_QUOTE.finditer(target):
        quote = m.group()[1]
        yield Hit(ESCAPED_QUOTE.id, f"`{m.group()}` shows a backslash before the quote; the source has no escape",
                  m.start(), m.end(), suggestion=f"write `{quote}` without the backslash", matched=m.group())


def _broken_schemes(source: str, target: str) -> Iterator[Hit]:
    broken_in_source = {m.group().lower() for m in _BROKEN_SCHEME.finditer(source)}
    for m in _BROKEN_SCHEME.finditer(target):
        if m.group().lower() in broken_in_source:
            continue
        scheme = m["scheme"]
        yield Hit(BROKEN_URL_SCHEME.id, f"`{m.group()}` is not a URL scheme: the link is broken", m.start(), m.end(),
                  suggestion=f"write `{scheme.lower()}://` with nothing between the colon and the slashes",
                  matched=m.group())


def _doubled_words(pair, source: str, target: str) -> Iterator[Hit]:
    locale = pair.segment.target_locale
    rule = _DOUBLED_WORDS.get(locale.language) if locale is not None else None
    if rule is None:
        return
    mode, words = rule
    doubled_in_source = {m["word"].lower() for m in _PAIR.finditer(source)}
    for m in _PAIR.finditer(target):
        word = m["word"].lower()
        if word in doubled_in_source or (mode == "except" and word in words) or (mode == "only" and word not in words):
            continue
        yield Hit(DOUBLED_WORD.id, f"\"{m['word']}\" is written twice", m.start(), m.end(),
                  suggestion=f"write \"{m['word']}\" once", matched=m.group())
