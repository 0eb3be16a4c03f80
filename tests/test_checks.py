"""Each check on real source/target pairs, written into a real PO file and checked end to end.

The msgstr is on line 9 and its text starts at column 9, so a finding at offset k of the target
is at (9, 9 + k) for ASCII text without escapes.
"""

from __future__ import annotations

L = 9  # line of the msgstr
C = 9  # column of the first character of the msgstr text


def col(target: str, needle: str) -> int:
    return C + target.index(needle)


# --- placeholders -------------------------------------------------------------------------------

def test_liquid_placeholder_missing(check_pair):
    assert check_pair("Hi {{ticket.requester.first_name}}, thanks for waiting.",
                      "Hallo, danke für Ihre Geduld.") == [("placeholder.missing", L, C)]


def test_liquid_variable_translated_is_altered(check_pair):
    target = "Hallo {{ticket.requester.vorname}}, danke."
    assert check_pair("Hi {{ticket.requester.first_name}}, thanks.", target) == [
        ("placeholder.altered", L, col(target, "{{"))]


def test_liquid_whitespace_and_translated_fallback_are_fine(check_pair):
    assert check_pair('Hi {{first_name|fallback:"there"}}, welcome back.',
                      'Hallo {{ first_name | fallback:"du" }}, willkommen zurück.') == []


def test_liquid_filter_changed(check_pair):
    target = "Status: {{ticket.status | downcase}}."
    assert check_pair("Status: {{ticket.status | upcase}}.", target) == [("placeholder.altered", L, col(target, "{{"))]


def test_liquid_block_not_closed(check_pair):
    target = "{% if ticket.status == 'solved' %}Ihr Ticket ist gelöst."
    findings = check_pair("{% if ticket.status == 'solved' %}Your ticket is solved.{% endif %}", target)
    assert findings == [("placeholder.missing", L, C)]  # one slip, one finding
    target = "{% endif %}Ihr Ticket ist gelöst.{% if ticket.status == 'solved' %}"
    assert check_pair("{% if ticket.status == 'solved' %}Your ticket is solved.{% endif %}", target) == [
        ("placeholder.unbalanced", L, C), ("placeholder.unbalanced", L, col(target, "{% if"))]


def test_extra_placeholder_points_at_it(check_pair):
    target = "Ihre Bestellung {order_id} wurde versandt."
    assert check_pair("Your order has shipped.", target) == [("placeholder.extra", L, col(target, "{order_id}"))]


def test_printf_python_named(check_pair):
    assert check_pair("Your ticket #%(ticket_id)s has been updated.", "Ihr Ticket wurde aktualisiert.",
                      flags="python-format") == [("placeholder.missing", L, C)]


def test_printf_reordered_without_positions(check_pair):
    target = "%d Artikel für %s"
    assert check_pair("%s has %d items", target, flags="c-format") == [("placeholder.reordered", L, C)]


def test_printf_positional_reordering_is_fine(check_pair):
    assert check_pair("%1$s has %2$d items", "%2$d Artikel für %1$s", flags="c-format") == []


def test_percent_sign_in_prose_is_not_printf(check_pair):
    assert check_pair("Save 50% on %(plan)s.", "Sparen Sie 50 % bei %(plan)s.", flags="python-format") == []


def test_icu_plural_argument_kept(check_pair):
    source = "{count, plural, one {# message} other {# messages}}"
    target = "{count, plural, one {# Nachricht} other {# Nachrichten}}"
    assert check_pair(source, target) == []
    broken = "{anzahl, plural, one {# Nachricht} other {# Nachrichten}}"
    assert check_pair(source, broken) == [("placeholder.altered", L, C)]


def test_salesforce_and_dollar_placeholders(check_pair):
    target = "Hallo {!Contact.Vorname}, Ihr Code: ${code}"
    assert check_pair("Hi {!Contact.FirstName}, your code: ${code}", target) == [
        ("placeholder.altered", L, col(target, "{!"))]


# --- markup --------------------------------------------------------------------------------------

def test_html_closing_tag_missing(check_pair):
    findings = check_pair('Read <a href="%(url)s">our guide</a>.', 'Lesen Sie <a href="%(url)s">unseren Leitfaden.',
                          flags="python-format")
    assert findings == [("markup.missing", L, C)]


def test_html_tags_misnested(check_pair):
    target = "<b><i>Wichtig</b></i>"
    assert check_pair("<b><i>Important</i></b>", target) == [("markup.unbalanced", L, col(target, "</b>"))]
    target = "<b>Wichtig: lesen Sie das"
    assert check_pair("<b>Important:</b> read this", target) == [("markup.missing", L, C)]


def test_html_extra_tag_pair_is_one_finding(check_pair):
    target = "Klicken Sie auf <b>Speichern</b>."
    findings = check_pair("Click Save.", target, full=True)
    assert [(f.rule, f.line, f.column, f.end_column) for f in findings] == [
        ("markup.extra", L, col(target, "<b>"), col(target, "</b>") + len("</b>"))]
    assert findings[0].message == "tag `<b>…</b>` is not in the source"


def test_lost_link_is_one_finding(check_pair):
    assert check_pair('Read <a href="/hc">our guide</a>.', "Lesen Sie unseren Leitfaden.") == [("markup.missing", L, C)]


# --- numbers -------------------------------------------------------------------------------------

def test_number_changed(check_pair):
    target = "Erstattungen werden innerhalb von 30 Tagen bearbeitet."
    assert check_pair("Refunds are processed within 14 days.", target) == [("number.changed", L, col(target, "30"))]


def test_numbers_in_locale_formats_and_digit_systems_match(check_pair):
    assert check_pair("The fee is 1,000.50 USD.", "Die Gebühr beträgt 1.000,50 USD.") == []
    assert check_pair("The fee is 1,000.50 USD.", "Les frais s’élèvent à 1\u202f000,50 USD.", lang="fr") == []
    assert check_pair("Refunds take 14 days.", "تستغرق المبالغ المستردة ١٤ يومًا.", lang="ar") == []
    assert check_pair("Refunds take 14 days.", "返金には１４日かかります。", lang="ja") == []


def test_dates_reordered_keep_their_numbers(check_pair):
    assert check_pair("Valid until 11/23/2026.", "Gültig bis 23.11.2026.") == []


def test_number_missing_and_extra(check_pair):
    assert check_pair("Call us within 24 hours.", "Rufen Sie uns bald an.") == [("number.missing", L, C)]


def test_numbers_inside_placeholders_and_urls_are_not_numbers(check_pair):
    assert check_pair("See https://example.com/hc/en-us/articles/360001234 or %(count)d files.",
                      "Siehe https://example.com/hc/de/articles/360001234 oder %(count)d Dateien.",
                      flags="python-format") == []


# --- URLs, e-mail, phone -------------------------------------------------------------------------

def test_localized_help_center_path_is_fine(check_pair):
    assert check_pair("See https://help.example.com/hc/en-us/articles/360001234-Refund-policy for details.",
                      "Details unter https://help.example.com/hc/de/articles/360001234-Rueckerstattung.") == []


def test_link_kept_in_source_locale_is_fine(check_pair):
    assert check_pair("See https://example.com/en/help.", "Voir https://example.com/en/help.", lang="fr") == []


def test_link_to_another_locale_is_changed(check_pair):
    target = "Siehe https://example.com/hc/fr/articles/1."
    assert check_pair("See https://example.com/hc/en-us/articles/1.", target) == [("url.changed", L, col(target, "https"))]


def test_changed_domain(check_pair):
    target = "Siehe https://help.example.de/hc/de/articles/123."
    findings = check_pair("See https://help.example.com/hc/en-us/articles/123.", target, full=True)
    assert [(f.rule, f.line, f.column) for f in findings] == [("url.changed", L, col(target, "https"))]
    assert "domain" in findings[0].message
    assert findings[0].end_column == col(target, "https") + len("https://help.example.de/hc/de/articles/123")


def test_email_added_is_personal_data_warning(check_pair):
    target = "Schreiben Sie an anna.m@example.de."
    findings = check_pair("Contact us via the form.", target, full=True)
    assert [(f.rule, f.line, f.column, f.severity.label) for f in findings] == [
        ("url.contact-added", L, col(target, "anna"), "warning")]


def test_email_missing(check_pair):
    assert check_pair("Write to support@example.com.", "Schreiben Sie uns.") == [("url.missing", L, C)]


# --- whitespace ----------------------------------------------------------------------------------

def test_trailing_space_lost(check_pair):
    target = "Bestellnummer:"
    assert check_pair("Order number: ", target) == [("whitespace.trailing", L, C + len(target) - 1)]


def test_double_space(check_pair):
    target = "Ihre  Bestellung ist unterwegs."
    assert check_pair("Your order is on its way.", target) == [("whitespace.double-space", L, col(target, "  "))]


def test_extra_line_break_points_at_escape(check_pair):
    # "Danke.\nBis bald." is written as Danke.\nBis bald. in the file: the break is the backslash.
    target = "Danke.\nBis bald."
    assert check_pair("Thanks. See you soon.", target) == [("whitespace.line-breaks", L, C + len("Danke."))]


# --- punctuation ---------------------------------------------------------------------------------

def test_question_lost(check_pair):
    target = "Hat dies Ihre Frage beantwortet."
    assert check_pair("Did this answer your question?", target) == [("punctuation.end", L, C + len(target) - 1)]


def test_script_equivalents(check_pair):
    assert check_pair("Did this answer your question?", "هل أجاب هذا عن سؤالك؟", lang="ar") == []
    assert check_pair("Did this answer your question?", "ご質問の答えになりましたか？", lang="ja") == []
    assert check_pair("Your order has shipped.", "ご注文の商品を発送しました。", lang="ja") == []
    assert check_pair("Your order has shipped.", "ご注文の商品を発送しました", lang="ja") == []  # 。 optional
    assert check_pair("Did this help?", "Σας βοήθησε αυτό;", lang="el") == []  # Greek question mark
    assert check_pair('Click "Save."', "Klicken Sie auf „Speichern“.") == []


def test_question_with_full_stop_in_japanese(check_pair):
    target = "ご質問の答えになりましたか。"
    assert check_pair("Did this answer your question?", target, lang="ja") == [("punctuation.end", L, C + len(target) - 1)]


# --- completeness --------------------------------------------------------------------------------

def test_copied_sentence(check_pair):
    assert check_pair("Contact our support team.", "Contact our support team.") == [("completeness.untranslated", L, C)]


def test_identical_single_words_and_codes_are_fine(check_pair):
    assert check_pair("Status", "Status") == []
    assert check_pair("%(count)s / %(total)s", "%(count)s / %(total)s", flags="python-format") == []


def test_empty_translation(check_pair):
    assert check_pair("Chat with us", "") == [("completeness.empty", L, C)]


def test_fuzzy_is_reported_and_not_checked(check_pair):
    # The placeholder is missing too, but a fuzzy entry is only reported as fuzzy.
    assert check_pair("Hi %(name)s", "Hallo", flags="fuzzy, python-format") == [("completeness.fuzzy", L, C)]


# --- encoding ------------------------------------------------------------------------------------

def test_mojibake(check_pair):
    target = "Viele GrÃ¼ÃŸe"
    findings = check_pair("Best regards", target, full=True)
    assert [(f.rule, f.line, f.column) for f in findings] == [
        ("encoding.mojibake", L, col(target, "Ã¼")), ("encoding.mojibake", L, col(target, "ÃŸ"))]
    assert findings[0].suggestion == "write `ü`"


def test_replacement_and_control_characters(check_pair):
    target = "Gr\ufffd\ufffde\x07"
    assert check_pair("Greetings", target) == [
        ("encoding.replacement-char", L, C + 2), ("encoding.replacement-char", L, C + 3), ("encoding.control-char", L, C + 5)]


# --- selection -----------------------------------------------------------------------------------

def test_select_limits_rules(check_pair):
    source, target = "Hi {{name}}, refunds take 14 days?", "Hallo, Erstattungen dauern 30 Tage."
    assert {r for r, _, _ in check_pair(source, target)} == {"placeholder.missing", "number.changed", "punctuation.end"}
    assert check_pair(source, target, select=("number",)) == [("number.changed", L, col(target, "30"))]


def test_one_word_abbreviations_and_labels_keep_their_own_stops(check_pair):
    assert check_pair("a.m.", "vorm") == []
    assert check_pair("Dec", "Dez.") == []
    target = "Dieses Feld darf nicht leer sein"
    assert check_pair("This field cannot be blank.", target) == [("punctuation.end", L, C + len(target) - 1)]


def test_indentation_after_a_line_break_is_layout(check_pair):
    assert check_pair("\n    View function: %(name)s.\n", "\nFunkcja widoku: %(name)s.\n", flags="python-format") == []


def test_numbers_written_as_digits_for_words_are_fine(check_pair):
    assert check_pair("February", "2月", lang="ja") == []
    target = "Erstattung in 14 Tagen, Antwort in 2 Tagen."
    assert check_pair("Refund in 14 days, reply soon.", target) == [("number.extra", L, col(target, "2 "))]


def test_named_placeholders_may_repeat_unnamed_may_not(check_pair):
    assert check_pair("Fix the data for %(field)s.", "Korrigieren Sie %(field)s; %(field)s muss eindeutig sein.",
                      flags="python-format") == []
    assert check_pair("Hi {{name}}, welcome {{name}}!", "Hallo {{name}}, willkommen!") == []
    target = "%s und %s"
    assert check_pair("%s", target, flags="c-format") == [("placeholder.extra", L, col(target, "%s") + 7)]


def test_times_of_day_in_24_hour_form(check_pair):
    assert check_pair("Open until 6 p.m.", "Geöffnet bis 18:00 Uhr.") == []
    assert check_pair("Open until 6 p.m.", "Ouvert jusqu’à 18h00.", lang="fr") == []
    assert check_pair("Call between 9 a.m. and 5 p.m.", "Anruf zwischen 9:00 und 17:00 Uhr.") == []
    target = "Geöffnet bis 19:00 Uhr."
    assert check_pair("Open until 6 p.m.", target) == [("number.changed", L, col(target, "19:00"))]


def test_scheme_alone_is_not_a_url_and_quotes_end_urls(check_pair):
    assert check_pair("A full URL starting with “https://”.", "Eine vollständige URL, die mit „https://“ beginnt.") == []
    assert check_pair("See “https://example.com/a”.", "Siehe „https://example.com/a“.") == []


def test_typographic_tags_a_language_adds(check_pair):
    assert check_pair("{}th", "{}<sup>e</sup>", lang="fr") == []


def test_final_abbreviation_is_not_a_sentence_stop(check_pair):
    assert check_pair("Open at 6 a.m.", "Geöffnet ab 6 Uhr") == []


def test_armenian_full_stop_and_question(check_pair):
    assert check_pair("It is too short.", "Այն շատ կարճ է։", lang="hy") == []
    assert check_pair("Are you sure?", "Համոզվա՞ծ եք։", lang="hy") == []
