"""Glossary checks: approved terms, forbidden terms, do-not-translate names (category `glossary`).

The glossaries of the run (config `glossaries:` or `--glossary`) are compiled once per process
into rule primitives (packs.rules); this module only turns the violations into findings that name
the glossary entry and file. Matching is inflection-aware: "refunds" in the source finds the entry
"refund", and "Rückerstattungen" in the target counts as the approved "Rückerstattung".
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n_qa.checks.pair import Pair
from l10n_qa.checks.registry import Rule, checker
from l10n_qa.model import Hit, Severity

MISSING_TERM = Rule(
    "glossary.missing-term", "glossary", Severity.WARNING,
    "The source uses a glossary term, and the translation uses none of its approved translations.",
    "A glossary fixes how the product's concepts are translated, so customers meet the same word in "
    "the help center, the widget and every reply. The source mentions a glossary term (in any inflected "
    "form: \"refunds\" matches \"refund\"), and the target contains none of the approved translations for "
    "its locale, in any inflected form (\"Rückerstattungen\" counts as \"Rückerstattung\"; in German, Dutch "
    "and the Nordic languages also inside a compound such as \"Bestellnummer\"). Use an approved term; if "
    "the sentence really needs another word, add it to the entry's translations or variants, or add the "
    "phrase to the entry's `ignore` list if the source word means something else there (\"in order to\").",
    ("Your refund was sent.", "Ihre Rückzahlung wurde veranlasst.", "Ihre Rückerstattung wurde veranlasst."),
)
FORBIDDEN_TERM = Rule(
    "glossary.forbidden-term", "glossary", Severity.ERROR,
    "The translation uses a term the glossary forbids (deprecated, wrong or misleading), for a concept the source mentions.",
    "Forbidden translations are the ones a glossary owner has seen go wrong: a false friend (\"remise\" "
    "is a discount, not a refund), a deprecated product name, a competitor's wording, a word that means "
    "something else (口座 is a bank account, not a user account). Each forbidden term is checked where "
    "the source mentions its concept; an entry without a source term forbids its terms everywhere. "
    "Replace it with the approved term given as the suggestion.",
    ("Log in to your account.", "口座にログインしてください。", "アカウントにログインしてください。"),
)
DO_NOT_TRANSLATE = Rule(
    "glossary.do-not-translate", "glossary", Severity.ERROR,
    "A do-not-translate name (brand, product, feature) is translated, altered or written with other capitals.",
    "Brand and product names are trademarks and search keys: customers look for the name they see in "
    "the product. A glossary entry with `do_not_translate: true` must appear in the translation exactly "
    "as in the source, with the same capitals. Keep the name unchanged; only the words around it are translated.",
    ("Thank you for contacting Example Shop.", "Merci d’avoir contacté Exemple Boutique.",
     "Merci d’avoir contacté Example Shop."),
)
TERM_COUNT = Rule(
    "glossary.term-count", "glossary", Severity.INFO,
    "A do-not-translate name appears fewer times in the translation than in the source.",
    "When the source repeats a brand or product name, the translation normally repeats it too; a missing "
    "occurrence often means a dropped clause. Only do-not-translate names are counted: a translation may "
    "rightly replace a repeated common term by a pronoun. Check that nothing was left out.",
)


def _quote(terms) -> str:
    forms = [f"\"{t}\"" for t in dict.fromkeys(terms)]
    if len(forms) <= 1:
        return "".join(forms)
    return ", ".join(forms[:-1]) + " or " + forms[-1]


def _approved_forms(entry, locale) -> list[str]:
    return [term.text or term.pattern or "" for term in entry.approved(locale)]


@checker(MISSING_TERM, FORBIDDEN_TERM, DO_NOT_TRANSLATE, TERM_COUNT)
def terminology(pair: Pair) -> Iterator[Hit]:
    termbase = pair.context.termbase
    if termbase is None:
        return
    segment = pair.segment
    if not pair.is_translation:
        return
    locale = segment.target_locale
    rules = termbase.rules_for(segment.source_locale, locale)
    if not rules:
        return
    source_view = pair.view("source", rules.source_language)
    target_view = pair.view("target", rules.target_language)
    for violation in rules.evaluate(source_view, target_view, segment.content_type):
        entry = violation.rule.data
        where = entry.label
        if violation.kind == "forbidden":
            found = violation.target
            term = found.pattern.payload
            approved = _approved_forms(entry, locale)
            instead = f"use {_quote(approved)}" if approved else "do not use it"
            reason = f" ({term.reason})" if getattr(term, "reason", "") else ""
            yield Hit(FORBIDDEN_TERM.id, f"\"{found.text}\" is a forbidden term in {locale}{reason}: {instead} "
                                         f"({where})", found.start, found.end,
                      suggestion=f"write `{violation.rule.suggestion}`" if approved else "rephrase without it",
                      matched=found.text)
        elif violation.rule.rule == DO_NOT_TRANSLATE.id:
            yield _do_not_translate(violation, entry, target_view, where)
        else:
            said = violation.source.text
            yield Hit(MISSING_TERM.id, f"the source says \"{said}\": use the approved term "
                                       f"{_quote(_approved_forms(entry, locale))} ({where})",
                      suggestion=f"use `{violation.rule.suggestion}`", matched=said)


def _do_not_translate(violation, entry, target_view, where: str) -> Hit:
    from l10n_qa.packs.matcher import Matcher, Pattern

    name = violation.source.text
    if violation.kind == "count":
        return Hit(TERM_COUNT.id, f"\"{name}\" appears {violation.source_count} times in the source but "
                                  f"{violation.target_count} in the translation: was something left out? ({where})",
                   matched=name)
    forms = [form for term in entry.source for form in term.forms]
    loose = Matcher.compile([Pattern(form, None, False, False, False) for form in forms], target_view.profile.language)
    written = loose.find(target_view)
    if written:
        first = written[0]
        return Hit(DO_NOT_TRANSLATE.id, f"\"{first.text}\" must be written exactly \"{name}\": a name is not translated "
                                        f"or re-cased ({where})", first.start, first.end,
                   suggestion=f"write `{name}`", matched=first.text)
    return Hit(DO_NOT_TRANSLATE.id, f"\"{name}\" is missing from the translation: keep the name unchanged, do not "
                                    f"translate or transliterate it ({where})", suggestion=f"keep `{name}` as in the source",
               matched=name)
