"""URLs, e-mail addresses and phone numbers.

A translation must keep the links of its source. Help centers localize the locale part of their
paths (`/hc/en-us/articles/123-Refunds` → `/hc/de/articles/123-Erstattungen`), which is right and is
not reported; a changed domain or address is. Contact details that appear only in the translation
may be a translator's own data leaking into a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from l10n_qa.checks.phones import find_phones, phone_tails
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Locale, Severity


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    text: str
    kind: str  # url, email, phone


# A scheme needs a host after it ("such as “https://”" names no URL); quotes of any script end one.
_URL = re.compile(r"(?:\b(?:https?|ftp)://(?=[\w\[%])|\bwww\.)[^\s<>\"'`{}|\\^\[\]“”‘’«»「」『』]+", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")
# International numbers with a leading +, and North American (555) 123-4567 / 555-123-4567 numbers.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}(?:[ .\u00a0-]?\(?\d{1,4}\)?){2,5}\d|\(\d{3}\)[ .\u00a0-]?\d{3}[ .-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4})\b")
_DIGIT = re.compile(r"\d")
_TRAILING = ".,;:!?…。、！？"


def find_links(text: str) -> list[Link]:
    links: list[Link] = []
    taken: list[tuple[int, int]] = []
    if "://" in text or "www." in text.lower():
        for m in _URL.finditer(text):
            url = m.group(0).rstrip(_TRAILING)
            # A closing parenthesis belongs to the URL only when it also has the opening one.
            while url.endswith(")") and url.count("(") < url.count(")"):
                url = url[:-1].rstrip(_TRAILING)
            links.append(Link(m.start(), m.start() + len(url), url, "url"))
            taken.append((m.start(), m.start() + len(url)))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                links.append(Link(m.start(), m.end(), m.group(0), "email"))
                taken.append((m.start(), m.end()))
    if _DIGIT.search(text):
        for m in _PHONE.finditer(text):
            digits = sum(c.isdigit() for c in m.group(0))
            if 7 <= digits <= 15 and not any(a < m.end() and m.start() < b for a, b in taken):
                links.append(Link(m.start(), m.end(), m.group(0), "phone"))
    links.sort(key=lambda lk: lk.start)
    return links


_LOCALE_SEGMENT = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{2}|[a-z]{4}))?$", re.I)


def _is_own_locale(segment: str, locale: Locale | None) -> bool:
    """`en-us`, `en_US` or `en` in a URL stand for an `en`/`en-US` text; `en-gb` not for `en-US`."""
    match = _LOCALE_SEGMENT.match(segment)
    if not match or locale is None or match.group(1).lower() != locale.language:
        return False
    region = match.group(2)
    return not (region and len(region) == 2 and locale.region and region.upper() != locale.region)


_ARTICLE_ID = re.compile(r"^(\d+)-[^/]*$")


def _url_key(url: str, locale: Locale | None) -> str:
    """Normalised URL with its own locale marked, so that en-us ↔ de paths compare equal."""
    if url.lower().startswith("www."):
        url = "http://" + url
    parts = urlsplit(url)
    host_labels = (parts.hostname or "").split(".")
    if len(host_labels) > 2 and _is_own_locale(host_labels[0], locale):
        host_labels[0] = "{locale}"
    segments = parts.path.split("/")
    out = []
    for i, seg in enumerate(segments):
        if _is_own_locale(seg, locale):
            out.append("{locale}")
        elif i > 0 and segments[i - 1].lower() in ("articles", "sections", "categories", "posts") and _ARTICLE_ID.match(seg):
            out.append(_ARTICLE_ID.match(seg).group(1))  # Zendesk-style id-slug: the slug is localized
        else:
            out.append(seg)
    path = "/".join(out).rstrip("/")
    query = "&".join(
        f"{k}={{locale}}" if _is_own_locale(v, locale) else f"{k}={v}"
        for k, _, v in (p.partition("=") for p in parts.query.split("&") if p)
    )
    scheme = "http" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return f"{scheme}://{'.'.join(host_labels).lower()}{path}?{query}#{parts.fragment}"


def _link_key(link: Link, locale: Locale | None) -> str:
    if link.kind == "url":
        return _url_key(link.text, locale)
    if link.kind == "email":
        return link.text.lower().removeprefix("mailto:")
    return re.sub(r"\D", "", link.text)


def _host(link: Link) -> str:
    if link.kind == "email":
        return link.text.rsplit("@", 1)[-1].lower()
    if link.kind == "url":
        url = "http://" + link.text if link.text.lower().startswith("www.") else link.text
        return (urlsplit(url).hostname or "").lower()
    return ""


MISSING = Rule(
    "url.missing", "url", Severity.ERROR,
    "A URL, e-mail address or phone number of the source is missing from the translation.",
    "Customers follow the link or write to the address given in the article; without it they cannot. "
    "Keep it, localizing only the locale part of help-center paths.",
)
CHANGED = Rule(
    "url.changed", "url", Severity.ERROR,
    "A URL, e-mail address or phone number differs from the source's.",
    "A changed domain sends customers to the wrong (or a malicious) site; a changed address loses their "
    "mail. Only the locale part of a help-center path may change (`/hc/en-us/` → `/hc/de/`).",
    ("See https://help.example.com/hc/en-us/articles/123", "Siehe https://help.example.de/hc/de/articles/123",
     "Siehe https://help.example.com/hc/de/articles/123"),
)
EXTRA = Rule(
    "url.extra", "url", Severity.WARNING,
    "The translation links to a URL that the source does not have.",
    "Links are part of the approved content; one that only the translation has was not reviewed with it. "
    "Remove it or add it to the source.",
)
CONTACT_ADDED = Rule(
    "url.contact-added", "url", Severity.WARNING,
    "The translation contains an e-mail address or phone number that the source does not have.",
    "Contact details that only a translation has are often a translator's or agent's own data pasted "
    "into a template: personal data that would be sent to every customer. Remove it.",
    ("Contact us via the form.", "Schreiben Sie an anna.m@example.de.", "Nutzen Sie das Formular."),
)


@checker(MISSING, CHANGED, EXTRA, CONTACT_ADDED)
def links(pair):
    source_links, target_links = pair.source_links, pair.target_links
    if not source_links and not target_links:
        return
    seg = pair.segment
    unmatched_target = list(target_links)
    unmatched_source = []
    # A link matches when it is the same, or the same but for its locale part (/hc/en-us → /hc/de).
    target_keys = [(_link_key(t, None), _link_key(t, seg.target_locale)) for t in unmatched_target]
    for link in source_links:
        exact, localized = _link_key(link, None), _link_key(link, seg.source_locale)
        idx = next((i for i, keys in enumerate(target_keys) if keys[0] == exact or keys[1] == localized), None)
        if idx is None and link.kind == "phone":  # +1 800 352 5267 is 800-352-5267 with its country code
            tails = phone_tails(re.sub(r"\D", "", link.text))
            idx = next((i for i, t in enumerate(unmatched_target)
                        if t.kind == "phone" and phone_tails(re.sub(r"\D", "", t.text)) & tails), None)
        if idx is None:
            unmatched_source.append(link)
        else:
            del target_keys[idx], unmatched_target[idx]
    regrouped = None
    for link in unmatched_source:
        partner = next((t for t in unmatched_target if t.kind == link.kind), None)
        if partner is None and link.kind == "phone":
            # The phone written with another grouping (1 800 352 5267 for 800-352-5267) is the
            # same number; one with other digits is a changed one.
            if regrouped is None:
                regrouped = find_phones(pair.masked_target)
            wanted = phone_tails(re.sub(r"\D", "", link.text))
            same = next((p for p in regrouped if p[3] & wanted), None)
            if same is not None:
                regrouped.remove(same)
                continue
            if regrouped:
                start, end, written, _ = regrouped.pop(0)
                yield Hit(CHANGED.id, f"phone changed: `{written}` instead of `{link.text}`", start, end,
                          suggestion=f"use `{link.text}`", matched=written)
                continue
        if partner is None:
            yield Hit(MISSING.id, f"{link.kind} `{link.text}` is missing", suggestion=f"keep `{link.text}`", matched=link.text)
            continue
        unmatched_target.remove(partner)
        what = "domain" if _host(link) != _host(partner) else link.kind
        yield Hit(CHANGED.id, f"{what} changed: `{partner.text}` instead of `{link.text}`", partner.start, partner.end,
                  suggestion=f"use `{link.text}`" + (" (only the locale part of the path may change)" if link.kind == "url" else ""),
                  matched=partner.text)
    for link in unmatched_target:
        if link.kind == "url":
            yield Hit(EXTRA.id, f"URL `{link.text}` is not in the source", link.start, link.end,
                      suggestion="remove it or add it to the source", matched=link.text)
        else:
            yield Hit(CONTACT_ADDED.id, f"{'e-mail address' if link.kind == 'email' else 'phone number'} `{link.text}` "
                      "is not in the source (personal data in a template?)", link.start, link.end,
                      suggestion="remove it; contact details belong in the source", matched=link.text)
