"""The rule engine (packs.rules) used directly, as culture and legal packs will use it."""

from __future__ import annotations

from l10n_qa.model import Locale
from l10n_qa.packs.matcher import Matcher, Pattern, longest
from l10n_qa.packs.rules import Concept, Forbid, Origin, Require, RuleSet, Scope
from l10n_qa.packs.text import TextView


def evaluate(rules, source, target, source_language="en", target_language="ar", content_type=None):
    ruleset = RuleSet.compile(rules, source_language, target_language)
    return ruleset.evaluate(TextView(source, source_language), TextView(target, target_language), content_type)


def test_global_forbid_with_suggestion_and_origin():
    rule = Forbid("culture.christmas-greeting", (Pattern("عيد ميلاد مجيد"), Pattern(r"merry\s+christmas", is_regex=True)),
                  suggestion="أطيب التمنيات", origin=Origin("gulf", "rules/gulf.yaml", 12, "christmas"))
    (violation,) = evaluate([rule], "Happy holidays!", "عيد ميلاد مجيد للجميع!")
    assert (violation.kind, violation.target.start, violation.target.end, violation.target.text) == (
        "forbidden", 0, 14, "عيد ميلاد مجيد")
    assert violation.rule.suggestion == "أطيب التمنيات" and str(violation.rule.origin) == "rules/gulf.yaml:12"
    (violation,) = evaluate([rule], "Hi", "Wir wünschen Merry  Christmas!", target_language="de")
    assert violation.target.text == "Merry  Christmas"


def test_scope_by_locale_region_market_and_content_type():
    gulf = Scope(regions=frozenset({"SA", "AE"}))
    assert gulf.applies(Locale.parse("ar-SA")) and not gulf.applies(Locale.parse("ar-EG"))
    assert gulf.applies(Locale.parse("en-US"), market="AE")  # English content sold in the Emirates
    german = Scope(locales=frozenset({"de"}))
    assert german.applies(Locale.parse("de-CH")) and not german.applies(Locale.parse("fr-CH"))
    swiss = Scope(locales=frozenset({"de-CH"}))
    assert swiss.applies(Locale.parse("de-CH")) and not swiss.applies(Locale.parse("de-DE"))
    policies = Forbid("legal.x", (Pattern("Datenverarbeiter"),), scope=Scope(content_types=frozenset({"policy"})))
    assert evaluate([policies], "processor", "Der Datenverarbeiter", target_language="de", content_type="reply") == []
    assert len(evaluate([policies], "processor", "Der Datenverarbeiter", target_language="de", content_type="policy")) == 1


def test_require_official_term_where_the_source_has_it():
    controller = Concept("controller", (Pattern("controller"),))
    rule = Require("legal.gdpr-term", controller, (Pattern("Verantwortlicher"),), suggestion="Verantwortlicher")
    wrong = Forbid("legal.gdpr-term", (Pattern("Kontrolleur"),), concept=controller, suggestion="Verantwortlicher")
    assert evaluate([rule, wrong], "The controller is Example Shop GmbH.",
                    "Verantwortlicher ist die Example Shop GmbH.", target_language="de") == []
    violations = evaluate([rule, wrong], "The controller is Example Shop GmbH.",
                          "Kontrolleur ist die Example Shop GmbH.", target_language="de")
    assert [(v.kind, v.target.text) for v in violations] == [("forbidden", "Kontrolleur")]  # not also "missing"
    violations = evaluate([rule], "Controllers decide.", "Die Stelle entscheidet.", target_language="de")
    assert [(v.kind, v.source.text) for v in violations] == [("missing", "Controllers")]
    # The forbidden word where the source does not mention the concept is not this rule's business.
    assert evaluate([wrong], "The inspector checks it.", "Der Kontrolleur prüft es.", target_language="de") == []


def test_count():
    name = Concept("name", (Pattern("Acme Pay", case_sensitive=True, inflect=False),))
    rule = Require("glossary.do-not-translate", name, name.patterns, count=True)
    (violation,) = evaluate([rule], "Acme Pay is fast. Acme Pay is safe.", "Acme Pay ist schnell und sicher.",
                            target_language="de")
    assert (violation.kind, violation.source_count, violation.target_count) == ("count", 2, 1)


def test_regex_timeout_is_no_match_not_a_hang():
    matcher = Matcher.compile([Pattern(r"(a+)+$", is_regex=True)], "en")
    assert matcher.find(TextView("a" * 40 + "!", "en")) == []


def test_longest_keeps_homographs_and_drops_inner_matches():
    matcher = Matcher.compile([Pattern("personal data"), Pattern("personal data breach"), Pattern("data")], "en")
    found = longest(matcher.find(TextView("Report a personal data breach and personal data.", "en")))
    assert [m.text for m in found] == ["personal data breach", "personal data"]
