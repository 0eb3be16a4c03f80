"""The article-reference extractor (packs/citations.py) on each language's citation style, and the
legal.article-reference check that compares source and translation."""

from __future__ import annotations

import pytest

from l10n_qa.packs.citations import extract
from l10n_qa.packs.legal import builtin_paths, load_legalbase

from test_legal_terms import check, column_of
from conftest import MSGSTR_LINE

NAMES = load_legalbase(tuple(builtin_paths())).law_names


def refs(text: str):
    return [(c.kind, c.number, c.detail, c.law) for c in extract(text, NAMES)]


@pytest.mark.parametrize("text,expected", [
    # English
    ("under Article 17 GDPR", [("article", "17", "", "gdpr")]),
    ("see Art. 17(1)(a) GDPR", [("article", "17", "(1)(a)", "gdpr")]),
    ("Article 6(1)(f) of the GDPR", [("article", "6", "(1)(f)", "gdpr")]),
    ("Articles 15 to 22", [("article", "15-22", "", None)]),
    ("Articles 15–22 GDPR", [("article", "15-22", "", "gdpr")]),
    ("Articles 15, 16 and 17 GDPR", [("article", "15", "", "gdpr"), ("article", "16", "", "gdpr"),
                                     ("article", "17", "", "gdpr")]),
    ("Recital 39", [("recital", "39", "", None)]),
    ("Recitals 39 and 40", [("recital", "39", "", None), ("recital", "40", "", None)]),
    ("Article 17 of Regulation (EU) 2016/679", [("article", "17", "", "gdpr")]),
    ("Article 17 UK GDPR", [("article", "17", "", "uk-gdpr")]),
    ("Cal. Civ. Code § 1798.121", [("section", "1798.121", "", None)]),
    # German
    ("Art. 17 DSGVO", [("article", "17", "", "gdpr")]),
    ("Art. 17 Abs. 1 lit. a DSGVO", [("article", "17", "(1)(a)", "gdpr")]),
    ("Artikel 6 Absatz 1 Buchstabe f DS-GVO", [("article", "6", "(1)(f)", "gdpr")]),
    ("Art. 6 Abs. 1 S. 1 lit. f DSGVO", [("article", "6", "(1)(f)", "gdpr")]),
    ("Art. 15 bis 22 DSGVO", [("article", "15-22", "", "gdpr")]),
    ("Erwägungsgrund 39", [("recital", "39", "", None)]),
    # French
    ("article 17 du RGPD", [("article", "17", "", "gdpr")]),
    ("l'article 17, paragraphe 1, point a), du RGPD", [("article", "17", "(1)(a)", "gdpr")]),
    ("articles 15 à 22 du RGPD", [("article", "15-22", "", "gdpr")]),
    ("considérant 39", [("recital", "39", "", None)]),
    # Spanish
    ("artículo 17 del RGPD", [("article", "17", "", "gdpr")]),
    ("artículo 17, apartado 1, letra a), del RGPD", [("article", "17", "(1)(a)", "gdpr")]),
    ("artículos 15 a 22 del RGPD", [("article", "15-22", "", "gdpr")]),
    ("considerando 39", [("recital", "39", "", None)]),
    # Italian
    ("articolo 17, paragrafo 1, lettera a), del GDPR", [("article", "17", "(1)(a)", "gdpr")]),
    ("articoli da 15 a 22 del GDPR", [("article", "15-22", "", "gdpr")]),
    # Dutch
    ("artikel 17, lid 1, onder a), AVG", [("article", "17", "(1)(a)", "gdpr")]),
    ("artikelen 15 tot en met 22 AVG", [("article", "15-22", "", "gdpr")]),
    ("overweging 39", [("recital", "39", "", None)]),
    # Portuguese
    ("artigo 17.º do RGPD", [("article", "17", "", "gdpr")]),
    ("artigo 17.º, n.º 1, alínea a), do RGPD", [("article", "17", "(1)(a)", "gdpr")]),
    ("artigos 15.º a 22.º do RGPD", [("article", "15-22", "", "gdpr")]),
    # Polish
    ("art. 17 RODO", [("article", "17", "", "gdpr")]),
    ("art. 17 ust. 1 lit. a RODO", [("article", "17", "(1)(a)", "gdpr")]),
    ("art. 15–22 RODO", [("article", "15-22", "", "gdpr")]),
    ("motyw 39", [("recital", "39", "", None)]),
    # Swedish ("dataskyddsförordningen" is not a verified name: the law stays unknown)
    ("artikel 17.1 a i dataskyddsförordningen", [("article", "17", "(1)(a)", None)]),
    ("skäl 39", [("recital", "39", "", None)]),
    # Danish
    ("artikel 17, stk. 1, litra a, i databeskyttelsesforordningen", [("article", "17", "(1)(a)", "gdpr")]),
    ("betragtning 39", [("recital", "39", "", None)]),
    # Arabic, Hebrew, Japanese
    ("(المادة ١٥ من GDPR)", [("article", "15", "", "gdpr")]),
    ("(סעיף 15 ל-GDPR)", [("article", "15", "", "gdpr")]),
    ("GDPR第17条第1項", [("article", "17", "(1)", "gdpr")]),
    # Not references
    ("Article 17 and 30 days later", [("article", "17", "", None)]),
    ("We keep it for 24 months.", []),
])
def test_citation_styles(text, expected):
    assert refs(text) == expected


def test_mismatched_article_number_names_both(tmp_path):
    source, target = "You may ask for erasure (Article 17 GDPR).", "Sie können die Löschung verlangen (Art. 18 DSGVO)."
    (finding,) = check(tmp_path, source, target, "de")
    assert (finding.rule, finding.line, finding.column) == ("legal.article-reference", MSGSTR_LINE,
                                                             column_of(target, "Art. 18"))
    assert "Article 18" in finding.message and "Article 17" in finding.message


def test_paragraph_and_point_are_compared(tmp_path):
    source = "We rely on Art. 6(1)(f) GDPR."
    assert check(tmp_path, source, "Nous nous fondons sur l'article 6, paragraphe 1, point f), du RGPD.", "fr") == []
    (finding,) = check(tmp_path, source, "Nous nous fondons sur l'article 6, paragraphe 1, point b), du RGPD.", "fr")
    assert finding.rule == "legal.article-reference" and "Article 6(1)(b)" in finding.message \
        and "Article 6(1)(f)" in finding.message


def test_a_range_equals_the_articles_listed(tmp_path):
    assert check(tmp_path, "Your rights under Articles 15 to 17 GDPR.",
                 "Ihre Rechte nach Art. 15, 16 und 17 DSGVO.", "de") == []
    assert check(tmp_path, "Your rights under Articles 15 to 22 GDPR.",
                 "Vos droits au titre des articles 15 à 22 du RGPD.", "fr") == []


def test_dropped_reference_is_reported(tmp_path):
    (finding,) = check(tmp_path, "Recital 39 explains it.", "Das wird erklärt.", "de")
    assert finding.rule == "legal.article-reference" and "Recital 39" in finding.message


def test_same_article_of_another_law(tmp_path):
    source, target = "See Article 17 UK GDPR.", "Siehe Art. 17 DSGVO."
    rules = sorted(f.rule for f in check(tmp_path, source, target, "de"))
    assert rules == ["legal.article-reference", "legal.wrong-law"]


def test_references_are_checked_in_ui_strings_too(tmp_path):
    (finding,) = check(tmp_path, "Article 15 GDPR", "Art. 16 DSGVO", "de", content_type="ui")
    assert finding.rule == "legal.article-reference"


def test_a_section_of_a_page_is_not_a_legal_reference():
    assert refs("See section 2 below.") == []
    assert refs("Section 1798.100 of the CCPA") == [("section", "1798.100", "", "ccpa")]


def test_references_in_a_language_the_extractor_cannot_read_are_not_reported_missing(tmp_path):
    assert check(tmp_path, "See Article 17 GDPR.", "См. статью 17 GDPR.", "ru") == []


def test_what_looks_like_a_reference_but_is_not():
    assert refs("Article 5 a 3-step process") == [("article", "5", "", None)]  # "a 3" is no range back to 3
    assert refs("Article 17 (EU) rules") == [("article", "17", "", None)]


def test_an_unattributed_reference_the_source_does_not_have_is_not_reported(tmp_path):
    assert check(tmp_path, "See section 3 of our terms.", "ראו סעיף 3 בתנאים שלנו.", "he") == []
    (finding,) = check(tmp_path, "Contact us.", "Kontaktieren Sie uns (Art. 15 DSGVO).", "de")
    assert finding.rule == "legal.article-reference" and "which the source does not cite" in finding.message
