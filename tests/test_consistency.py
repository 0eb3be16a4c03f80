"""Consistency across files (category `consistency`): the cross-file stage, end to end and as a pure function."""

from __future__ import annotations

import json

import pytest

from l10n_qa.checks.consistency import Occurrence, inconsistencies
from test_cli import l10n_qa

HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def po(lang: str, *entries: str) -> str:
    return HEADER.format(lang=lang) + "".join("\n" + entry for entry in entries)


def entry(source: str, target: str, context: str | None = None) -> str:
    ctxt = f'msgctxt "{context}"\n' if context else ""
    return f'{ctxt}msgid "{source}"\nmsgstr "{target}"\n'


@pytest.fixture
def corpus(tmp_path):
    """A German UI catalog in two apps, a reply library and an article, the way a support repo has them."""
    (tmp_path / ".git").mkdir()
    for app, refund in (("widget", "Erstattung anfordern"), ("checkout", "Erstattung anfordern"),
                        ("account", "Rückzahlung beantragen")):
        folder = tmp_path / app / "locale" / "de" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / f"{app}.po").write_text(po(
            "de",
            entry("Request a refund", refund),                                # line 6/7
            entry("Refunds take 14 days.", "Erstattungen dauern einige Tage."),  # line 9/10
            entry("Open order", "Bestellung öffnen", context="verb"),            # line 12-14
        ), encoding="utf-8")
    (tmp_path / "account" / "locale" / "de" / "LC_MESSAGES" / "account.po").write_text(po(
        "de",
        entry("Request a refund", "Rückzahlung beantragen"),
        entry("Refunds take 30 days.", "Erstattungen dauern einige Tage."),
        entry("Open order", "Offene Bestellung", context="adjective"),  # another msgctxt: another string
    ), encoding="utf-8")
    replies = tmp_path / "replies"
    replies.mkdir()
    (replies / "en-US.yaml").write_text("refund:\n  title: Request a refund\n  body: We are on it.\n", encoding="utf-8")
    (replies / "de.yaml").write_text("refund:\n  title: Erstattung anfordern\n  body: Wir kümmern uns darum.\n",
                                        encoding="utf-8")
    return tmp_path


def findings(result) -> list[tuple]:
    report = json.loads(result.stdout)
    assert report["errors"] == []
    return [(f["path"], f["rule"], f["line"], f["column"], f["end_column"], f["message"], f["suggestion"])
            for f in report["findings"]]


def test_minority_translation_reported_with_the_majority_form_across_catalogs_and_replies(corpus):
    before = (corpus / "replies" / "de.yaml").read_bytes()
    result = l10n_qa("check", ".", "--select", "consistency.source", "-f", "json", cwd=corpus)
    assert result.returncode == 0, result.stderr  # warnings only: below the default --fail-on error
    # "Request a refund": 3 × "Erstattung anfordern" (two catalogs and the reply's title), 1 × "Rückzahlung …".
    assert findings(result) == [
        ("account/locale/de/LC_MESSAGES/account.po", "consistency.source", 7, 9, 31,
         '"Request a refund" is translated "Rückzahlung beantragen" here, but "Erstattung anfordern" in 3 other '
         'places (e.g. checkout/locale/de/LC_MESSAGES/checkout.po:7)',
         'write "Erstattung anfordern", as elsewhere'),
    ]  # "Open order" has two msgctxts: two strings, not an inconsistency
    assert (corpus / "replies" / "de.yaml").read_bytes() == before


def test_same_translation_of_sources_that_differ_in_a_number(corpus):
    result = l10n_qa("check", ".", "--select", "consistency.target", "-f", "json", cwd=corpus)
    assert result.returncode == 0, result.stderr
    assert [f[:4] for f in findings(result)] == [
        ("account/locale/de/LC_MESSAGES/account.po", "consistency.target", 10, 9),
        ("checkout/locale/de/LC_MESSAGES/checkout.po", "consistency.target", 10, 9),
        ("widget/locale/de/LC_MESSAGES/widget.po", "consistency.target", 10, 9),
    ]
    assert findings(result)[0][5] == ('"Erstattungen dauern einige Tage." translates both "Refunds take 30 days." (here) '
                                      'and "Refunds take 14 days." (checkout/locale/de/LC_MESSAGES/checkout.po:10), '
                                      'which differ in numbers 14, 30')


def test_inline_directive_hides_a_cross_file_finding_and_is_not_called_unused(corpus):
    path = corpus / "account" / "locale" / "de" / "LC_MESSAGES" / "account.po"
    text = path.read_text(encoding="utf-8").replace(
        'msgid "Request a refund"', '# l10n-qa: disable-next-line consistency.source -- the account page says Rückzahlung\n'
        'msgid "Request a refund"')
    path.write_text(text, encoding="utf-8")
    result = l10n_qa("check", ".", "--select", "consistency,suppression", "-f", "json", cwd=corpus)
    assert [f[1] for f in findings(result)] == ["consistency.target"] * 3


def test_consistency_stays_out_of_per_file_runs_of_other_rules(corpus):
    result = l10n_qa("check", ".", "--select", "placeholder", "-f", "json", cwd=corpus)
    assert findings(result) == []


# --- The pure function ---------------------------------------------------------------------------


def occ(source: str, target: str, path: str = "a.po", line: int = 1, locale: str = "de", context=None,
        plural=None) -> Occurrence:
    return Occurrence(locale, source, target, context, plural, path, f"{path}:{source}", line, 9, line, 9 + len(target))


def rules(found) -> list[tuple[str, str, int]]:
    return [(hit.rule, o.path, o.line) for o, hit in found]


def test_a_tie_reports_each_translation():
    found = list(inconsistencies([occ("Track your order", "Bestellung verfolgen", "a.po"),
                                  occ("Track your order", "Sendung verfolgen", "b.po")]))
    assert rules(found) == [("consistency.source", "a.po", 1), ("consistency.source", "b.po", 1)]
    assert found[0][1].suggestion == 'use one translation everywhere: "Bestellung verfolgen" or "Sendung verfolgen"'


def test_whitespace_and_case_of_the_source_do_not_separate_strings_across_files():
    found = list(inconsistencies([occ("Request a  Refund", "Erstattung anfordern", "help.md"),
                                  occ("request a refund", "Erstattung anfordern", "ui.po"),
                                  occ("Request a refund", "Rückzahlung beantragen", "macros.xlf")]))
    assert rules(found) == [("consistency.source", "macros.xlf", 1)]


def test_case_variant_sources_in_one_catalog_are_different_strings():
    # Django's auth catalog: "Permissions" (a heading) and "permissions" (a model name), on purpose.
    assert list(inconsistencies([occ("Content Types", "Types de contenus", line=22),
                                 occ("content types", "types de contenu", line=31)])) == []


@pytest.mark.parametrize("occurrences", [
    # msgctxt and plural forms keep strings apart
    [occ("Open order", "Bestellung öffnen", context="verb"), occ("Open order", "Offene Bestellung", "b.po", context="adj")],
    [occ("%d files", "%d Dateien", plural=(1, "%d file")), occ("%d files", "%d Datei", "b.po", plural=(0, "%d file"))],
    # one word: a noun or a verb ("Change" → Modifier / Modification in Django's French catalogs)
    [occ("Change", "Modifier", "a.po"), occ("Change", "Modification", "b.po")],
    # only case or quote style differs in the translations (a month name; ' and ’)
    [occ("January 2024", "janvier 2024", "a.po"), occ("January 2024", "Janvier 2024", "b.po")],
    [occ("Today is fine", "Aujourd’hui, c'est bien", "a.po"), occ("Today is fine", "Aujourd'hui, c'est bien", "b.po")],
    # different locales, including two regions of one language
    [occ("Request a refund", "Erstattung anfordern", locale="de-DE"),
     occ("Request a refund", "Rückerstattung beantragen", "b.po", locale="de-CH")],
    # an untranslated copy is completeness's finding
    [occ("Contact support now", "Kontaktieren Sie uns"), occ("Contact support now", "Contact support now", "b.po")],
    # synonyms in the source may share one translation
    [occ("Delete the file", "Datei löschen"), occ("Remove the file", "Datei löschen", "b.po")],
    # "None" is a value, not a negation
    [occ("True or False", "Wahr oder Falsch"), occ("True, False or None", "Wahr oder Falsch", "b.po")],
    # one-word labels may share a translation ("No", "None" → Russian "Нет")
    [occ("No", "Нет", locale="ru"), occ("Not", "Нет", "b.po", locale="ru")],
])
def test_stays_quiet(occurrences):
    assert list(inconsistencies(occurrences)) == []


def test_locales_are_compared_by_their_exact_tag():
    # Django: `es` (Spain) beside `es-AR` and `es-MX`, `pt` beside `pt-BR`: sibling variants.
    assert list(inconsistencies([occ("Password reset", "Restablecer contraseña", "es.po", locale="es"),
                                 occ("Password reset", "Recuperar contraseña", "ar.po", locale="es-AR"),
                                 occ("Password reset", "Recuperar contraseña", "mx.po", locale="es-MX")])) == []


def test_a_one_word_source_still_counts_against_a_sentence():
    # Django's Croatian catalog: "Bulgarian" translated as "Enter a valid IPv4 address." is.
    found = list(inconsistencies([occ("Bulgarian", "Unesite ispravnu IPv4 adresu.", line=43, locale="hr"),
                                  occ("Enter a valid IPv4 address.", "Unesite ispravnu IPv4 adresu.", line=347,
                                      locale="hr")]))
    assert rules(found) == [("consistency.target", "a.po", 43), ("consistency.target", "a.po", 347)]


@pytest.mark.parametrize("first, second, difference", [
    ("Refunds take 14 days.", "Refunds take 30 days.", "numbers 14, 30"),
    ("Hello %(name)s", "Hello %(first_name)s", "placeholders %(first_name)s, %(name)s"),
    ("The order can be cancelled.", "The order cannot be cancelled.", "a negation"),
    ("You have orders.", "You don't have orders.", "a negation"),
])
def test_target_rule_names_what_the_sources_differ_in(first, second, difference):
    found = list(inconsistencies([occ(first, "Gleicher Text"), occ(second, "Gleicher Text", "b.po", line=4)]))
    assert rules(found) == [("consistency.target", "a.po", 1), ("consistency.target", "b.po", 4)]
    assert found[0][1].message.endswith(f"which differ in {difference}")


def test_explain_consistency_rules():
    from pathlib import Path

    result = l10n_qa("explain", "consistency.source", cwd=Path.cwd())
    assert result.returncode == 0 and "Xbench" in result.stdout


def test_a_lost_placeholder_or_number_is_left_to_the_per_file_checks():
    assert list(inconsistencies([occ("Hello %s, welcome", "Hallo %s, willkommen", "good.po"),
                                 occ("Hello %s, welcome", "Hallo, willkommen", "bad.po")])) == []
    assert list(inconsistencies([occ("Refunds take 14 days.", "Erstattungen dauern 14 Tage.", "a.po"),
                                 occ("Refunds take 14 days.", "Erstattungen dauern 10 Tage.", "b.po")])) == []
