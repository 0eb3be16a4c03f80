"""Legal terms, law names and article references (category `legal`).

The legal packs of the run (built-in `rules/legal/*.yaml`, or the config's `legal:` list) are
compiled once per process into the rule engine's primitives (packs.legal); article references are
extracted from source and target (packs.citations) and compared. Every finding names the law and
the article that defines the term, and the pack file and line it comes from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity
from l10n_qa.packs.citations import LANGUAGES, extract

WRONG_TERM = Rule(
    "legal.wrong-term", "legal", Severity.ERROR,
    "The translation uses a term that means something else in the law the text cites (a calque, a false friend, "
    "another country's law), where the source mentions the concept.",
    "Each language version of a law has its own official term for each role and right: the GDPR's controller "
    "is the „Verantwortlicher“ (Art. 4(7)), the « responsable du traitement », the «titolare del trattamento»; "
    "a calque (« contrôleur »), a false friend (Italian «responsabile del trattamento» is the processor, "
    "Art. 4(8)) or the Brazilian LGPD term in EU Portuguese («controlador») names another party or no legal "
    "role at all, so a translated privacy policy or data-request reply says something the company did not "
    "mean. Only wrong terms whose official counterpart is verified in the official text of Regulation (EU) "
    "2016/679 (rules/legal/ notes the source of each) are errors; partly verified ones are legal.non-official-term warnings. Write the official term given as the suggestion; the message cites the article "
    "that defines it.",
    ("The controller is Example Shop GmbH.", "Le contrôleur est Example Shop GmbH.",
     "Le responsable du traitement est Example Shop GmbH."),
)
NON_OFFICIAL_TERM = Rule(
    "legal.non-official-term", "legal", Severity.WARNING,
    "The translation uses a legacy, misspelled or non-official legal term where the law has an official one.",
    "Terms from the laws the GDPR replaced (German „Auftragsdatenverarbeitung“, Dutch «bewerker», Polish "
    "ABI), misspellings seen on live sites („Datenschutz-Folgeabschätzung“, «pseudonimización» for the official "
    "Spanish «seudonimización») and calques whose use is only partly verified are understandable but not the "
    "wording of the regulation (Regulation (EU) 2016/679). In a policy the official term avoids any doubt "
    "about which legal concept is meant. Use the suggested term, which cites its article.",
    ("Pseudonymisation protects your data.", "La pseudonimización protege tus datos.",
     "La seudonimización protege tus datos."),
)
MISSING_TERM = Rule(
    "legal.missing-term", "legal", Severity.WARNING,
    "A policy's source uses a legal term (controller, data subject, right to erasure …), and the translation "
    "does not use the official term of that language version of the law.",
    "A privacy policy is read against the law: a role or a right named with another word than the law's may "
    "be read as something else. When the source of a policy uses a concept the GDPR defines (in Art. 4 or in "
    "the titles of Art. 15–21, 35, 37), the translation should use the term of the official language version "
    "(e.g. Art. 4(8) processor: „Auftragsverarbeiter“, « sous-traitant », «encargado del tratamiento»). Only "
    "policies are checked for this (help articles and replies may say it in plain words); wrong terms are "
    "reported everywhere by legal.wrong-term. The message cites the article.",
    ("Our processor stores the data.", "Unser Dienstleister speichert die Daten.",
     "Unser Auftragsverarbeiter speichert die Daten."),
)
LAW_NAME = Rule(
    "legal.law-name", "legal", Severity.WARNING,
    "The law's English name or abbreviation (GDPR) is kept in a language that has its own official one (DSGVO, RGPD, AVG, RODO).",
    "The GDPR has an official name in every language version and, in German, French, Spanish, Dutch, Polish "
    "and Portuguese, an established abbreviation (DSGVO, RGPD, AVG, RODO): that is what readers and courts "
    "there search for. Italian, Swedish and Danish texts commonly keep \"GDPR\" and are not reported. Use the "
    "local abbreviation given as the suggestion.",
    ("Article 17 GDPR", "Art. 17 GDPR", "Art. 17 DSGVO"),
)
WRONG_LAW = Rule(
    "legal.wrong-law", "legal", Severity.ERROR,
    "The translation names another law than the source (UK GDPR rendered as DSGVO, LGPD as RGPD).",
    "The UK GDPR is not the EU GDPR, and Brazil's LGPD (Lei nº 13.709/2018) is not the RGPD: a translation "
    "that names a different law changes which rules the company says it follows. Keep the law of the source "
    "(\"UK GDPR\" stays \"UK GDPR\").",
    ("We comply with the UK GDPR.", "Wir halten die DSGVO ein.", "Wir halten die UK GDPR ein."),
)
ARTICLE_REFERENCE = Rule(
    "legal.article-reference", "legal", Severity.ERROR,
    "An article, paragraph, point or recital reference differs between source and translation, or is missing.",
    "\"Art. 17(1)(a) GDPR\" is a precise pointer: a different number, paragraph or point sends the reader to "
    "another right, and a dropped reference removes the legal basis a sentence states. References are read in "
    "each language's citation style (Art. 17 Abs. 1 lit. a DSGVO, article 17, paragraphe 1, point a), du RGPD, "
    "artículo 17, apartado 1, letra a), artigo 17.º, n.º 1, alínea a), art. 17 ust. 1 lit. a RODO, artikel "
    "17.1 a, ranges such as \"Articles 15 to 22\", recitals) and compared by number, subdivision and law. "
    "Write the reference of the source.",
    ("See Article 17(1)(a) GDPR.", "Siehe Art. 18 Abs. 1 lit. a DSGVO.", "Siehe Art. 17 Abs. 1 lit. a DSGVO."),
)

INVARIANT = Rule(
    "legal.invariant", "legal", Severity.ERROR,
    "A policy's legal entity name or a date written with a month name is changed or missing in the translation.",
    "A privacy policy or terms page names the company that is responsible (\"Example Shop GmbH\": the registered "
    "name with its company form) and the dates that matter (effective date, last update). They are facts, not "
    "wording: the registered name is never translated or shortened, and a date keeps its month and year. "
    "Names are recognised by their company form (GmbH, AG, Ltd, Inc., LLC, S.A., SAS, B.V., S.r.l., S.L., "
    "Sp. z o.o., AB, A/S, Lda. …), month names in every language CLDR knows. Copy the name and the date of the source.",
    ("This policy is effective from 1 March 2025.", "Diese Erklärung gilt ab dem 1. April 2025.",
     "Diese Erklärung gilt ab dem 1. März 2025."),
)

RULES = (WRONG_TERM, NON_OFFICIAL_TERM, MISSING_TERM, LAW_NAME, WRONG_LAW, ARTICLE_REFERENCE, INVARIANT)
_TERM_CONTENT = ("policy", "article", "reply")


@checker(*RULES)
def legal(pair: Pair) -> Iterator[Hit]:
    base = pair.context.legalbase
    if base is None:
        return
    segment = pair.segment
    if not pair.is_translation:
        return
    enabled = pair.context.enabled
    if enabled & {WRONG_TERM.id, NON_OFFICIAL_TERM.id, MISSING_TERM.id}:
        yield from _terms(pair, base)
    if enabled & {LAW_NAME.id, WRONG_LAW.id, ARTICLE_REFERENCE.id}:
        names = base.law_names
        source_text, target_text = pair.masked_source, pair.masked_target
        if segment.content_type in _TERM_CONTENT or segment.content_type is None:
            yield from _law_names(base, names, source_text, target_text, segment.target_locale)
        if segment.target_locale is not None and segment.target_locale.language in LANGUAGES:
            yield from _references(base, names, source_text, target_text)
    if INVARIANT.id in enabled and segment.content_type == "policy":
        yield from _invariants(pair.masked_source, pair.masked_target, segment)


def _invariants(source: str, target: str, segment) -> Iterator[Hit]:
    from l10n_qa.packs import invariants

    lost = [name for name in invariants.entity_names(source) if not invariants.kept(name, target)]
    others = [name for name in invariants.entity_names(target) if not invariants.kept(name, source)]
    for wanted, written in invariants.differences(lost, others):
        if wanted is None:
            continue  # a name the translation adds (an address block in the local office's name) is not a loss
        if written is not None:
            yield Hit(INVARIANT.id, f"the legal entity \"{wanted.text}\" of the source is written \"{written.text}\": "
                                    "a registered name is kept exactly", written.start, written.end,
                      suggestion=f"write `{wanted.text}`", matched=written.text)
        else:
            yield Hit(INVARIANT.id, f"the legal entity \"{wanted.text}\" of the source is missing from the translation",
                      suggestion=f"keep `{wanted.text}` as in the source", matched=wanted.text)
    source_language = segment.source_locale.tag if segment.source_locale else "en"
    target_language = segment.target_locale.tag if segment.target_locale else None
    if not target_language:
        return
    for wanted, written in invariants.differences(invariants.dates(source, source_language),
                                                  invariants.dates(target, target_language)):
        # Same month, other year: the digits are number.changed's finding already.
        if wanted is not None and written is not None and wanted.value[0] != written.value[0]:
            yield Hit(INVARIANT.id, f"the date \"{written.text}\" differs from the source's \"{wanted.text}\"",
                      written.start, written.end, suggestion=f"the date of the source: {wanted.text}",
                      matched=written.text)


def _terms(pair: Pair, base) -> Iterator[Hit]:
    segment = pair.segment
    locale = segment.target_locale
    rules = base.rules_for(segment.source_locale, locale)
    if not rules or not rules.serves(segment.content_type):
        return  # e.g. UI strings: the legal term lists are for policies, articles and replies
    source_view = pair.view("source", rules.source_language)
    target_view = pair.view("target", rules.target_language)
    violations = rules.evaluate(source_view, target_view, segment.content_type)
    if not violations:
        return
    # A term forbidden for one concept may be the official term of another the source also mentions
    # (Italian «responsabile del trattamento»: wrong for the controller, right for the processor).
    mentioned = rules.mentioned(source_view)
    rightful = {(m.start, m.end) for concept_id in mentioned for index in rules.requires_by_concept.get(concept_id, ())
                for m in rules.accept_matcher(index).find(target_view)}
    for violation in violations:
        pack, entry = violation.rule.data
        where = f"{pack.citation(entry)}; {entry.origin}"
        if violation.kind == "forbidden":
            found = violation.target
            if (found.start, found.end) in rightful:
                continue
            term = found.pattern.payload
            instead = violation.rule.suggestion or pack.instead.get(getattr(term, "line", None), "")
            reason = f": {term.reason}" if getattr(term, "reason", "") else ""
            advice = f"; write \"{instead}\"" if instead else ""
            law = f"{pack.law_name} " if pack.law_name else ""
            yield Hit(violation.rule.rule, f"\"{found.text}\" is not the official {law}term in {locale}{reason}{advice} "
                                           f"({where})", found.start, found.end,
                      suggestion=f"write `{instead}`" if instead else "rephrase with the official term", matched=found.text)
        elif violation.kind == "missing":
            said = violation.source.text
            official = [t.text for t in entry.approved(locale)]
            yield Hit(MISSING_TERM.id, f"the source says \"{said}\": the official {locale.language} term is "
                                       f"\"{official[0]}\" ({where})",
                      suggestion=f"use `{official[0]}`", matched=said)


def _law_names(base, names, source: str, target: str, locale) -> Iterator[Hit]:
    source_laws = names.find(source)
    if not source_laws:
        return
    cited = {law for law, *_ in source_laws}
    target_laws = names.find(target)
    for law_id, start, end, written in target_laws:
        if law_id not in cited:
            said = next(w for law, _, _, w in source_laws)
            yield Hit(WRONG_LAW.id, f"\"{written}\" names {base.title(law_id)}, but the source cites "
                                    f"\"{said}\" ({base.title(next(iter(cited)))}): keep the law of the source",
                      start, end, suggestion=f"name the law of the source (\"{said}\")", matched=written)
            continue
        law = base.law(law_id)
        abbreviation = law.abbreviation_for(locale) if law else None
        if abbreviation and law.english_only(written, locale):
            yield Hit(LAW_NAME.id, f"\"{written}\" is the English name; in {locale} the {law_id.upper()} is "
                                   f"\"{abbreviation}\" ({law.title})", start, end,
                      suggestion=f"write `{abbreviation}`", matched=written)


def _expanded(citations):
    """A range counts as each article in it, so "Articles 15 to 17" equals "Art. 15, 16 und 17"."""
    out = []
    for citation in citations:
        low, _, high = citation.number.partition("-")
        if high and citation.kind != "section" and low.isdigit() and high.isdigit() and 0 < int(high) - int(low) <= 60:
            out += [(citation, (citation.kind, str(n), citation.detail)) for n in range(int(low), int(high) + 1)]
        else:
            out.append((citation, citation.key))
    return out


def compared_citations(pair: Pair) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of the provision references (source, target) that `legal.article-reference` compares in
    this pair, or ([], []) when it does not run here: the numbers check leaves them to it, so a
    changed article number is one finding, not two."""
    base = pair.context.legalbase if ARTICLE_REFERENCE.id in pair.context.enabled else None
    locale = pair.segment.target_locale
    if base is None or not pair.is_translation or locale is None or locale.language not in LANGUAGES:
        return [], []
    names = base.law_names
    return ([(c.start, c.end) for c in extract(pair.masked_source, names)],
            [(c.start, c.end) for c in extract(pair.masked_target, names)])


def _references(base, names, source: str, target: str) -> Iterator[Hit]:
    if not any(c.isdigit() for c in target) and not any(c.isdigit() for c in source):
        return
    source_refs = _expanded(extract(source, names))
    target_refs = _expanded(extract(target, names))
    if not source_refs and not target_refs:
        return
    missing = Counter(key for _, key in source_refs) - Counter(key for _, key in target_refs)
    extra = Counter(key for _, key in target_refs) - Counter(key for _, key in source_refs)
    missing_refs = _take(source_refs, missing)
    extra_refs = _take(target_refs, extra)
    reported = set()
    for (wanted, wanted_key), (written, written_key) in zip(missing_refs, extra_refs):
        if id(written) in reported:
            continue
        reported.add(id(written))
        law = f" {base.short(wanted.law)}" if wanted.law else ""
        yield Hit(ARTICLE_REFERENCE.id, f"\"{written.text}\" cites {_describe(written_key)}, the source "
                                        f"{_describe(wanted_key)}{law} (\"{wanted.text}\")",
                  written.start, written.end, suggestion=f"cite {_describe(wanted_key)}{law} as the source does",
                  matched=written.text)
    for wanted, key in missing_refs[len(extra_refs):]:
        yield Hit(ARTICLE_REFERENCE.id, f"the source cites {_describe(key)} (\"{wanted.text}\"); the translation "
                                        "does not", suggestion=f"keep the reference \"{wanted.text}\"", matched=wanted.text)
    for written, key in extra_refs[len(missing_refs):]:
        if id(written) in reported or (written.law is None and not source_refs):
            continue  # "סעיף 3" for a source's "Section 3" of a page: not evidently a law's article
        reported.add(id(written))
        yield Hit(ARTICLE_REFERENCE.id, f"\"{written.text}\" cites {_describe(key)}, which the source does not cite",
                  written.start, written.end, suggestion="cite what the source cites", matched=written.text)
    # Same provision, another law: "Article 17 UK GDPR" → "Art. 17 DSGVO".
    by_key: dict[tuple, list] = {}
    for citation, key in source_refs:
        by_key.setdefault(key, []).append(citation)
    for citation, key in target_refs:
        candidates = by_key.get(key)
        if not candidates:
            continue
        original = candidates.pop(0)
        if original.law and citation.law and original.law != citation.law and id(citation) not in reported:
            reported.add(id(citation))
            yield Hit(ARTICLE_REFERENCE.id, f"\"{citation.text}\" cites {base.short(citation.law)}, the source "
                                            f"{base.short(original.law)} (\"{original.text}\")",
                      citation.start, citation.end, suggestion=f"cite {base.short(original.law)} as the source does",
                      matched=citation.text)


def _take(refs, wanted: Counter) -> list:
    left = Counter(wanted)
    chosen = []
    for citation, key in refs:
        if left[key] > 0:
            left[key] -= 1
            chosen.append((citation, key))
    return chosen


def _describe(key: tuple[str, str, str]) -> str:
    kind, number, detail = key
    word = {"article": "Article", "recital": "Recital", "section": "§"}[kind]
    if "-" in number and kind != "section":
        return f"{word}s {number.replace('-', ' to ')}{detail}"
    return f"{word} {number}{detail}"
