"""Placeholders and template code: printf, Python/ICU braces, `${var}`, `%{var}`, and the help-desk
template languages support content is written in (Zendesk/Liquid, Handlebars, Intercom, Salesforce).

A placeholder is code: a translation must keep every one of them, unchanged, or the customer sees
`{{ticket.requester.vorname}}` instead of their name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # what must be equal between source and target
    syntax: str


# Double-brace templates: Liquid/Zendesk `{{ x | filter }}`, Handlebars `{{#if}}…{{/if}}`, `{{{raw}}}`.
_DOUBLE = re.compile(r"\{\{\{?-?\s*(.*?)\s*-?\}?\}\}", re.S)
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", re.S)
_SALESFORCE = re.compile(r"\{!\s*([^{}]+?)\s*\}")
_DOLLAR = re.compile(r"\$\{\s*([^{}]+?)\s*\}")
_PERCENT_BRACE = re.compile(r"%\{\s*([^{}]+?)\s*\}")
# printf: C, Python %-format with names, positional `%1$s`, Objective-C `%@`. The space flag is
# left out on purpose: "50 % de remise" would otherwise read as "% d".
_PRINTF = re.compile(
    r"%(?:(?P<pos>\d+)\$|\((?P<name>[^()\s]+)\))?[-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?(?P<conv>[diouxXeEfFgGcrsaAp@])"
)
_PYTHON_FIELD = re.compile(
    r"^(?P<name>[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[\w+\])*|\d+)?(?:![rsa])?"
    r"(?::[^{}]?[<>=^]?[+\- ]?z?#?0?\d*[,_]?(?:\.\d+)?[bcdeEfFgGnosxX%]?)?$"
)
_ICU_ARG = re.compile(r"^\s*(?P<name>[A-Za-z_][\w]*|\d+)\s*,\s*(?P<type>\w+)\s*(?:,(?P<rest>.*))?$", re.S)
_LIQUID_BLOCKS = {"if", "unless", "case", "for", "capture", "comment", "raw", "tablerow"}
_LIQUID_MIDDLE = {"else", "elsif", "when"}
_MAYBE_PLACEHOLDER = re.compile(r"[{%]")  # every syntax above has one of these
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")

PRINTF_FORMATS = frozenset({"c-format", "python-format", "javascript-format", "php-format", "objc-format"})
BRACE_FORMATS = frozenset({"python-brace-format"})


def _double_brace_key(inner: str) -> str:
    """`{{ user.name | fallback:"there" }}` → `{{user.name|fallback}}`.

    Quoted filter arguments are text (Intercom's fallback "there" is meant to be translated), so only
    the variable and the filter names must stay as they are.
    """
    parts = [p.strip() for p in _QUOTED.sub('""', inner).split("|")]
    head = re.sub(r"\s+", " ", parts[0])
    filters = [re.split(r"[\s:]", p, maxsplit=1)[0] for p in parts[1:]]
    return "{{" + "|".join([head, *filters]) + "}}"


def _brace_spans(text: str, taken: list[tuple[int, int]]) -> list[Token]:
    """Single-brace fields `{0}`, `{name}`, `{n:.2f}` and ICU arguments `{count, plural, …}`."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        start = text.find("{", i)
        if start == -1:
            break
        if any(a <= start < b for a, b in taken):
            i = start + 1
            continue
        depth, j = 0, start
        while j < n:
            ch = text[j]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if depth != 0:
            i = start + 1
            continue
        inner = text[start + 1 : j]
        end = j + 1
        if "{" not in inner and _PYTHON_FIELD.match(inner.strip()) and inner == inner.strip():
            tokens.append(Token(start, end, text[start:end], "{" + inner.split(":")[0].split("!")[0] + "}", "brace"))
        else:
            icu = _ICU_ARG.match(inner)
            if icu:
                key = "{" + icu["name"] + ", " + icu["type"].lower() + "}"
                tokens.append(Token(start, end, text[start:end], key, "icu"))
                # Arguments nested in plural/select variants are placeholders too.
                inner_offset = start + 1 + (icu.start("rest") if icu["rest"] is not None else len(inner))
                if icu["rest"]:
                    nested = _brace_spans(icu["rest"], [])
                    for tok in nested:
                        if tok.syntax in ("brace", "icu") and not tok.key.startswith("{" + icu["name"]):
                            tokens.append(Token(tok.start + inner_offset, tok.end + inner_offset, tok.text, tok.key, "icu-nested"))
        i = end
    return tokens


def find_placeholders(text: str, printf: bool = True, braces: bool = True) -> list[Token]:
    """Every placeholder in `text`, in order of appearance."""
    tokens: list[Token] = []
    taken: list[tuple[int, int]] = []
    # Which characters a taken placeholder covers: the overlap test costs the span's length, not the
    # number taken so far (D50: 8,000 `%s` in one text were 64 million comparisons).
    covered = bytearray(len(text) + 1)

    def add(start: int, end: int, key: str, syntax: str) -> None:
        if any(covered[start:end]) if end > start else any(a < start < b for a, b in taken):
            return
        covered[start:end] = b"\x01" * (end - start)
        taken.append((start, end))
        tokens.append(Token(start, end, text[start:end], key, syntax))

    if "{" in text:
        for m in _DOUBLE.finditer(text):
            add(m.start(), m.end(), _double_brace_key(m.group(1)), "double-brace")
        for m in _LIQUID_TAG.finditer(text):
            expr = re.sub(r"\s+", " ", m.group(2))
            add(m.start(), m.end(), "{%" + m.group(1) + (" " + expr if expr else "") + "%}", "liquid-tag")
        for m in _SALESFORCE.finditer(text):
            add(m.start(), m.end(), "{!" + re.sub(r"\s+", "", m.group(1)) + "}", "salesforce")
        for m in _DOLLAR.finditer(text):
            add(m.start(), m.end(), "${" + m.group(1) + "}", "dollar-brace")
        for m in _PERCENT_BRACE.finditer(text):
            add(m.start(), m.end(), "%{" + m.group(1) + "}", "percent-brace")
        if braces:
            for tok in _brace_spans(text, list(taken)):
                if tok.syntax == "icu-nested":  # inside an ICU argument already taken
                    tokens.append(tok)
                else:
                    add(tok.start, tok.end, tok.key, tok.syntax)
    if printf and "%" in text:
        pos = 0
        while True:
            idx = text.find("%", pos)
            if idx == -1:
                break
            if text.startswith("%%", idx):
                pos = idx + 2
                continue
            m = _PRINTF.match(text, idx)
            if m:
                if m["name"]:
                    key = f"%({m['name']}){m['conv']}"
                elif m["pos"]:
                    key = f"%{m['pos']}${m['conv']}"
                else:
                    key = "%" + m["conv"]
                add(m.start(), m.end(), key, "printf")
                pos = m.end()
            else:
                pos = idx + 1
    tokens.sort(key=lambda t: t.start)
    return tokens


def unbalanced_blocks(tokens: list[Token]) -> list[Token]:
    """Liquid `{% if %}`/Handlebars `{{#if}}` blocks opened and not closed, or closed and not opened."""
    stack: list[tuple[str, Token]] = []
    bad: list[Token] = []
    for tok in tokens:
        if tok.syntax == "liquid-tag":
            name = tok.key[2:].split(" ", 1)[0].rstrip("%}")
            if name in _LIQUID_BLOCKS:
                stack.append((name, tok))
            elif name.startswith("end") and name[3:] in _LIQUID_BLOCKS:
                if stack and stack[-1][0] == name[3:]:
                    stack.pop()
                else:
                    bad.append(tok)
        elif tok.syntax == "double-brace":
            inner = tok.key[2:-2]
            if inner.startswith("#"):
                stack.append((inner[1:].split(" ", 1)[0], tok))
            elif inner.startswith("/"):
                name = inner[1:].strip()
                if stack and stack[-1][0] == name:
                    stack.pop()
                else:
                    bad.append(tok)
    bad.extend(tok for _, tok in stack)
    return sorted(bad, key=lambda t: t.start)


MISSING = Rule(
    "placeholder.missing", "placeholder", Severity.ERROR,
    "A placeholder of the source is missing from the translation.",
    "Placeholders are filled in by software; a dropped one loses the customer's name, an order number "
    "or a link, and a dropped printf argument can crash the program. Copy the placeholder into the "
    "translation exactly as it is in the source.",
    ("Hi {{ticket.requester.first_name}},", "Hallo,", "Hallo {{ticket.requester.first_name}},"),
)
EXTRA = Rule(
    "placeholder.extra", "placeholder", Severity.ERROR,
    "The translation has a placeholder the source does not have.",
    "An extra placeholder is filled with data the source never meant to show, or breaks the template. "
    "Remove it, or check the source for a missing one.",
    ("Your order has shipped.", "Ihre Bestellung {order_id} wurde versandt.", "Ihre Bestellung wurde versandt."),
)
ALTERED = Rule(
    "placeholder.altered", "placeholder", Severity.ERROR,
    "A placeholder was changed or its variable name translated.",
    "Template variables are names in the help desk's data model; `{{ticket.requester.vorname}}` does not "
    "exist and renders as nothing. Keep the variable exactly as in the source; only quoted fallback "
    "texts such as `fallback:\"there\"` may be translated.",
    ("Hi {{first_name}}", "Hallo {{vorname}}", "Hallo {{first_name}}"),
)
REORDERED = Rule(
    "placeholder.reordered", "placeholder", Severity.ERROR,
    "Unnumbered printf placeholders of different types appear in another order.",
    "`%s … %d` filled as `%d … %s` swaps the arguments or crashes. Use positional placeholders "
    "(`%1$s`, `%2$d`) when the translation needs another word order.",
    ("%s has %d items", "%d Artikel hat %s", "%2$d Artikel hat %1$s"),
)
UNBALANCED = Rule(
    "placeholder.unbalanced", "placeholder", Severity.ERROR,
    "Template block tags (`{% if %}`…`{% endif %}`, `{{#if}}`…`{{/if}}`) are in an order that does not nest.",
    "An unbalanced Liquid or Handlebars block breaks the whole macro when the help desk renders it. "
    "Keep every opening tag with its closing tag, as in the source.",
    ("{% if paid %}Thanks!{% endif %}", "{% if paid %}Danke!", "{% if paid %}Danke!{% endif %}"),
)


_REPEATABLE_SYNTAXES = frozenset({"double-brace", "salesforce", "dollar-brace", "percent-brace", "icu", "icu-nested"})


def _is_named(token: Token) -> bool:
    if token.syntax in _REPEATABLE_SYNTAXES:
        return not token.key.startswith(("{{#", "{{/", "{{else"))  # Handlebars blocks are structure
    if token.syntax == "printf":
        return token.key.startswith("%(") or "$" in token.key
    return token.syntax == "brace" and token.key != "{}"


@checker(MISSING, EXTRA, ALTERED, REORDERED, UNBALANCED)
def placeholders(pair):
    seg = pair.segment
    if not _MAYBE_PLACEHOLDER.search(pair.source) and not _MAYBE_PLACEHOLDER.search(pair.target):
        return
    source_tokens = pair.source_placeholders
    target_tokens = pair.target_placeholders
    if not source_tokens and not target_tokens:
        return
    src = Counter(t.key for t in source_tokens)
    tgt = Counter(t.key for t in target_tokens)
    allowed = Counter(src)
    if seg.alternate_source is not None:
        for key, count in Counter(t.key for t in pair.alternate_placeholders).items():
            allowed[key] = max(allowed[key], count)
    # A named placeholder may be used more or fewer times than in the source (the value is only
    # repeated); unnamed ones (%s, {}) and template tags are consumed in order, so counts matter.
    for key in {t.key for t in (*source_tokens, *target_tokens) if _is_named(t)}:
        for counts in (src, tgt, allowed):
            counts[key] = min(counts[key], 1)
    missing = list((src - tgt).elements())
    extra_keys = tgt - allowed
    if seg.single_number_form and len(missing) == 1:
        # A form used for exactly one number may spell it out ("un fichier" for "%d file").
        missing = []
    extra = []
    for tok in reversed(target_tokens):  # the surplus is the later occurrences
        if extra_keys[tok.key] > 0:
            extra_keys[tok.key] -= 1
            extra.append(tok)
    extra.reverse()
    by_key = {t.key: t for t in source_tokens}
    # Pair a missing and an extra placeholder of the same syntax: that is one altered placeholder.
    for key in list(missing):
        syntax = by_key[key].syntax
        partner = next((t for t in extra if t.syntax == syntax), None)
        if partner is not None:
            missing.remove(key)
            extra.remove(partner)
            yield Hit(ALTERED.id, f"placeholder `{partner.text}` does not match the source's `{by_key[key].text}`",
                      partner.start, partner.end, suggestion=f"use `{by_key[key].text}` exactly as in the source",
                      matched=partner.text)
    for key in missing:
        yield Hit(MISSING.id, f"placeholder `{by_key[key].text}` is missing", suggestion=f"add `{by_key[key].text}`",
                  matched=by_key[key].text)
    for tok in extra:
        yield Hit(EXTRA.id, f"placeholder `{tok.text}` is not in the source", tok.start, tok.end,
                  suggestion="remove it or check the source", matched=tok.text)
    # Unnumbered printf arguments are consumed in order: a different order of types is a bug.
    src_seq = [t.key for t in source_tokens if t.syntax == "printf" and t.key[1:2] not in "(123456789"]
    tgt_seq = [t for t in target_tokens if t.syntax == "printf" and t.key[1:2] not in "(123456789"]
    if len(src_seq) > 1 and sorted(src_seq) == sorted(t.key for t in tgt_seq) and src_seq != [t.key for t in tgt_seq]:
        first = tgt_seq[0]
        yield Hit(REORDERED.id, f"printf placeholders are in another order ({' '.join(t.text for t in tgt_seq)} "
                  f"instead of {' '.join(src_seq)})", first.start, tgt_seq[-1].end,
                  suggestion="use positional placeholders such as %1$s and %2$d to reorder", matched=first.text)
    if src != tgt:
        return  # a lost or extra block tag is reported above; nesting is judged on the same tags
    source_unbalanced = {t.key for t in unbalanced_blocks(source_tokens)}
    for tok in unbalanced_blocks(target_tokens):
        if tok.key not in source_unbalanced:
            yield Hit(UNBALANCED.id, f"template block `{tok.text}` is not closed or not opened", tok.start, tok.end,
                      suggestion="keep the block's opening and closing tags together, as in the source", matched=tok.text)

