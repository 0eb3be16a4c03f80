"""The XLIFF loader on real files: texts, keys, states, locales, inline markup and exact positions."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from l10n_qa.formats import LoadError, LoadHints
from l10n_qa.formats.xliff import load
from l10n_qa.model import Locale, Markup

DATA = Path(__file__).parent / "data" / "xliff"


def load_file(name: str, hints: LoadHints | None = None):
    path = DATA / name
    return load(str(path), path.read_bytes(), hints or LoadHints())


def load_bytes(data: bytes, hints: LoadHints | None = None, path: str = "inline.xlf"):
    return load(path, data, hints or LoadHints())


def by_key(document):
    return {segment.key: segment for segment in document.segments}


def file_text(name: str) -> str:
    """The file as an editor shows it: decoded, without the BOM."""
    data = (DATA / name).read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(b"<?xml") and b"ISO-8859-1" in data[:60]:
        return data.decode("latin-1")
    return data.decode("utf-8-sig")


def position_in_file(name: str, needle: str, after: str = "") -> tuple[int, int]:
    """1-based (line, column in characters) of `needle` in the raw file, searching after `after`."""
    text = file_text(name)
    start = text.index(after) + len(after) if after else 0
    index = text.index(needle, start)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def markup_of(text: str, markup: tuple[Markup, ...]) -> list[tuple[str, str, str, str]]:
    """(tag text, name, kind, ident) for each Markup: checks offsets and fields at once."""
    return [(text[m.start:m.end], m.name, m.kind, m.ident) for m in markup]


# --- XLIFF 1.2: a Zendesk canned-replies export (namespaced) ----------------------------------------

CANNED = "canned_replies_de.xlf"


def test_canned_replies_keys_skip_untranslatable_units_and_alt_trans():
    document = load_file(CANNED)
    assert [s.key for s in document.segments] == [
        "zendesk/macros.json#greeting",
        "zendesk/macros.json#password_reset",
        "zendesk/macros.json#terms",
        "zendesk/macros.json#refund_html",
        "zendesk/macros.json#bold_warning",
        "zendesk/macros.json#signature",
        "zendesk/macros.json#escalation",
        "zendesk/macros.json#satisfaction_survey",
        "zendesk/macros.json#closing",
        # internal_tag is in a translate="no" group; this unit overrides it with translate="yes".
        "zendesk/macros.json#internal_but_translatable",
        # No id: keyed by resname.
        "zendesk/macros.json#macro.out_of_office",
    ]
    assert document.errors == []
    assert document.format == "xliff"


def test_canned_replies_texts_decode_entities_cdata_and_drop_comments():
    segments = by_key(load_file(CANNED))
    greeting = segments["zendesk/macros.json#greeting"]
    assert greeting.source == "Hi {{ticket.requester.first_name}},"
    assert greeting.target == "Hallo {{ticket.requester.first_name}},"
    assert greeting.context == "macro.greeting"

    # The alt-trans inside this unit has its own source/target: they must not leak in.
    reset = segments["zendesk/macros.json#password_reset"]
    assert reset.target == ('Hallo <ph id="1">{{ticket.requester.first_name}}</ph>, <g id="2">klicken Sie hier</g>, '
                            "um Ihr Passwort zurückzusetzen.")
    assert reset.context is None

    terms = segments["zendesk/macros.json#terms"]
    assert terms.source == "Please read our Terms & Conditions."
    assert terms.target == "Bitte lesen Sie unsere AGB & Datenschutzhinweise \u2013 danke\u2019s."

    refund = segments["zendesk/macros.json#refund_html"]
    assert refund.source == "Your refund for ticket <b>#{{ticket.id}}</b> was processed."
    assert refund.target == "Ihre Erstattung für Ticket <b>#{{ticket.id}}</b> wurde bearbeitet."
    assert refund.target_markup == ()  # CDATA is text: the <b> in it is HTML, not an XLIFF element

    warning = segments["zendesk/macros.json#bold_warning"]
    assert warning.target == ('<bpt id="1"><strong></bpt>Achtung:<ept id="1"></strong></ept> '
                              'Dies kann nicht rückgängig gemacht werden.<x id="2"/>')

    signature = segments["zendesk/macros.json#signature"]
    assert signature.target == "Mit freundlichen Grüßen\n{{current_user.name}}\n{{current_user.organization.name}} Support"

    assert segments["zendesk/macros.json#closing"].target == ""
    assert segments["zendesk/macros.json#satisfaction_survey"].target == ""


def test_canned_replies_states():
    states = {key.split("#")[1]: s.state for key, s in by_key(load_file(CANNED)).items()}
    assert states == {
        "greeting": "translated",            # state="translated"
        "password_reset": "translated",      # final
        "terms": "translated",               # signed-off
        "refund_html": "translated",
        "bold_warning": "needs-review",      # needs-review-translation
        "signature": "translated",           # no state attribute
        "escalation": "needs-review",        # state="new" with a target (approved="no" is ignored)
        "satisfaction_survey": "untranslated",  # <target/>
        "closing": "untranslated",           # no <target>
        "internal_but_translatable": "needs-review",  # needs-l10n
        "macro.out_of_office": "translated",  # custom x- state
    }


def test_canned_replies_locales_and_content_type():
    document = load_file(CANNED)
    assert document.source_locale == Locale.parse("en-US")
    assert document.target_locale == Locale.parse("de-DE")
    assert {(s.source_locale.tag, s.target_locale.tag) for s in document.segments} == {("en-US", "de-DE")}
    assert {s.content_type for s in document.segments} == {"ui"}
    assert {s.path for s in document.segments} == {str(DATA / CANNED)}

    # The file's declarations win over hints; the content type comes from the hints.
    hinted = load_file(CANNED, LoadHints(Locale.parse("fr"), Locale.parse("it"), "reply"))
    assert hinted.target_locale.tag == "de-DE"
    assert {s.content_type for s in hinted.segments} == {"reply"}


def test_canned_replies_inline_markup():
    segments = by_key(load_file(CANNED))
    reset = segments["zendesk/macros.json#password_reset"]
    assert markup_of(reset.target, reset.target_markup) == [
        ('<ph id="1">', "ph", "open", "1"),
        ("</ph>", "ph", "close", ""),
        ('<g id="2">', "g", "open", "2"),
        ("</g>", "g", "close", ""),
    ]
    assert [m.masks_content for m in reset.target_markup] == [True, True, False, False]
    assert markup_of(reset.source, reset.source_markup) == [
        ('<ph id="1">', "ph", "open", "1"),
        ("</ph>", "ph", "close", ""),
        ('<g id="2">', "g", "open", "2"),
        ("</g>", "g", "close", ""),
    ]

    warning = segments["zendesk/macros.json#bold_warning"]
    assert markup_of(warning.target, warning.target_markup) == [
        ('<bpt id="1">', "bpt", "open", "1"),
        ("</bpt>", "bpt", "close", ""),
        ('<ept id="1">', "ept", "open", "1"),
        ("</ept>", "ept", "close", ""),
        ('<x id="2"/>', "x", "empty", "2"),
    ]
    assert all(m.masks_content for m in warning.target_markup[:4])
    assert not warning.target_markup[4].masks_content
    assert [(m.name, m.kind, m.ident) for m in warning.source_markup] == [
        (m.name, m.kind, m.ident) for m in warning.target_markup
    ]


def test_canned_replies_positions_through_inline_tags_entities_and_cdata():
    segments = by_key(load_file(CANNED))

    reset = segments["zendesk/macros.json#password_reset"].target
    reset_map = segments["zendesk/macros.json#password_reset"].target_map
    assert reset_map.locate(0) == position_in_file(CANNED, "Hallo <ph", after="<target")
    assert reset_map.locate(reset.index("klicken")) == position_in_file(CANNED, "klicken Sie hier")
    assert reset_map.locate(reset.index("zurückzusetzen")) == position_in_file(CANNED, "zurückzusetzen.</target>")

    terms = segments["zendesk/macros.json#terms"]
    assert terms.target_map.locate(terms.target.index("&")) == position_in_file(CANNED, "&amp; Datenschutz")
    assert terms.target_map.locate(terms.target.index("Datenschutz")) == position_in_file(CANNED, "Datenschutzhinweise")
    assert terms.target_map.locate(terms.target.index("\u2013")) == position_in_file(CANNED, "&#x2013;")
    assert terms.target_map.locate(terms.target.index("danke")) == position_in_file(CANNED, "danke&#8217;")
    assert terms.target_map.locate(terms.target.index("\u2019")) == position_in_file(CANNED, "&#8217;s")
    assert terms.target_map.locate(terms.target.index("s.")) == position_in_file(CANNED, "s.</target>", after="&#8217;")
    # The end of the text (where a span over the last character ends) is just after it.
    assert terms.target_map.locate(len(terms.target)) == position_in_file(CANNED, "</target>", after="&#8217;s.")

    refund = segments["zendesk/macros.json#refund_html"]
    assert refund.target_map.locate(0) == position_in_file(CANNED, "Ihre Erstattung")
    assert refund.target_map.locate(refund.target.index("<b>")) == position_in_file(CANNED, "<b>#", after="Ihre")


def test_canned_replies_positions_in_a_multi_line_target_with_a_comment():
    signature = by_key(load_file(CANNED))["zendesk/macros.json#signature"]
    text, where = signature.target, signature.target_map
    after = "Mit freundlichen"
    assert where.locate(text.index("Grüßen")) == position_in_file(CANNED, "Grüßen")
    assert where.locate(text.index("{{current_user.name}}")) == position_in_file(CANNED, "{{current_user.name}}", after=after)
    # The comment at the end of line 2 is gone from the text; the line break after it is still found.
    assert "<!--" not in text
    assert where.locate(text.index("\n{{current_user.org")) == position_in_file(CANNED, "\n{{current_user.org", after=after)
    assert where.locate(text.index("{{current_user.organization")) == position_in_file(
        CANNED, "{{current_user.organization", after=after)
    assert where.locate(text.index("Support")) == position_in_file(CANNED, "Support</target>")


def test_missing_and_empty_targets_locate_to_where_the_target_is_or_would_go():
    segments = by_key(load_file(CANNED))
    closing = segments["zendesk/macros.json#closing"]
    assert closing.target_map.locate(0) == position_in_file(CANNED, '<trans-unit id="closing">')
    assert closing.target_map.locate(5) == position_in_file(CANNED, '<trans-unit id="closing">')
    survey = segments["zendesk/macros.json#satisfaction_survey"]
    assert survey.target_map.locate(0) == position_in_file(CANNED, '<target state="needs-translation"/>')


# --- XLIFF 1.2: two <file>s, Arabic and Japanese targets, no namespace --------------------------------

HELP_CENTER = "help_center_ar_ja.xlf"


def test_each_file_element_gives_its_own_locales_and_the_document_takes_the_first():
    document = load_file(HELP_CENTER)
    assert document.target_locale == Locale.parse("ar-SA")
    assert document.source_locale == Locale.parse("en")
    assert [(s.key, s.target_locale.tag) for s in document.segments] == [
        ("hc/articles/360001.html#title", "ar-SA"),
        ("hc/articles/360001.html#intro", "ar-SA"),
        ("hc/articles/360001.html#title", "ja-JP"),
        ("hc/articles/360001.html#intro", "ja-JP"),
    ]
    assert document.segments[0].target == "كيف يمكنني تغيير خطتي؟"
    assert document.segments[3].target == '「<g id="1" ctype="bold">設定</g>」🛠 > 「請求」に移動します。'


def test_columns_count_characters_after_arabic_japanese_and_emoji_on_the_same_line():
    arabic_intro, japanese_title, japanese_intro = load_file(HELP_CENTER).segments[1:]
    # Source and target share one line; the source holds an emoji (4 bytes in UTF-8, 2 UTF-16 units).
    text = arabic_intro.target
    assert arabic_intro.target_map.locate(0) == position_in_file(HELP_CENTER, "انتقل")
    assert arabic_intro.target_map.locate(text.index("الإعدادات")) == position_in_file(HELP_CENTER, "الإعدادات")
    assert arabic_intro.target_map.locate(text.index("الفوترة")) == position_in_file(HELP_CENTER, "الفوترة")
    assert arabic_intro.target_map.locate(text.index("> الفوترة")) == position_in_file(HELP_CENTER, "&gt; الفوترة")
    assert markup_of(text, arabic_intro.target_markup) == [
        ('<g id="1" ctype="bold">', "g", "open", "1"),
        ("</g>", "g", "close", ""),
    ]

    # A target on the line after a Japanese one, and one after Arabic, Japanese and an emoji.
    assert japanese_title.target_map.locate(japanese_title.target.index("を変更")) == position_in_file(HELP_CENTER, "を変更")
    text = japanese_intro.target
    assert japanese_intro.target_map.locate(text.index("請求")) == position_in_file(HELP_CENTER, "請求")
    assert japanese_intro.target_map.locate(text.index("</g>")) == position_in_file(HELP_CENTER, "</g>」")
    line, column = japanese_intro.target_map.locate(text.index("に移動"))
    assert (line, column) == position_in_file(HELP_CENTER, "に移動")
    assert column > 100  # really on a long line, counted in characters


# --- XLIFF 2.0 ------------------------------------------------------------------------------------------

V2 = "app_strings_v2.xlf"


def test_xliff2_keys_states_and_locales():
    document = load_file(V2)
    assert document.source_locale == Locale.parse("en-US")
    assert document.target_locale == Locale.parse("ja-JP")
    assert [(s.key, s.state) for s in document.segments] == [
        ("support-widget#welcome", "translated"),              # final
        ("support-widget#article_link", "translated"),         # translated
        ("support-widget#two_sentences/s1", "translated"),     # reviewed
        ("support-widget#two_sentences/s2", "needs-review"),   # initial, with a target
        ("support-widget#bell", "translated"),                 # no state
        ("support-widget#term", "untranslated"),               # no target
        # logo_alt has translate="no"; the <ignorable> of two_sentences is not a segment.
    ]
    assert document.segments[0].context == "widget.welcome"
    assert document.segments[0].target_locale.tag == "ja-JP"


def test_xliff2_texts_ignore_translation_candidates_and_decode_cp():
    segments = by_key(load_file(V2))
    welcome = segments["support-widget#welcome"]
    assert welcome.source == 'Hi <ph id="1" equiv="{{user.name}}" disp="{{user.name}}"/>!'
    assert welcome.target == 'こんにちは、<ph id="1" equiv="{{user.name}}" disp="{{user.name}}"/>さん！'
    bell = segments["support-widget#bell"]
    assert bell.target == 'アラート\x07 & <mrk id="m1" translate="no">Acme</mrk>'
    assert bell.source == 'Alert\x07 & <mrk id="m1" translate="no">Acme</mrk>'
    assert segments["support-widget#two_sentences/s1"].target == "チケットを受け付けました。"


def test_xliff2_inline_markup():
    segments = by_key(load_file(V2))
    welcome = segments["support-widget#welcome"]
    assert markup_of(welcome.target, welcome.target_markup) == [
        ('<ph id="1" equiv="{{user.name}}" disp="{{user.name}}"/>', "ph", "empty", "1"),
    ]
    link = segments["support-widget#article_link"]
    assert markup_of(link.target, link.target_markup) == [
        ('<pc id="1" type="link">', "pc", "open", "1"),
        ("</pc>", "pc", "close", ""),
    ]
    s2 = segments["support-widget#two_sentences/s2"]
    assert markup_of(s2.target, s2.target_markup) == [
        ('<sc id="1" type="fmt"/>', "sc", "empty", "1"),
        ('<ec startRef="1" type="fmt"/>', "ec", "empty", "1"),
    ]
    bell = segments["support-widget#bell"]
    assert markup_of(bell.target, bell.target_markup) == [
        ('<mrk id="m1" translate="no">', "mrk", "open", "m1"),
        ("</mrk>", "mrk", "close", ""),
    ]
    term = segments["support-widget#term"]
    assert markup_of(term.source, term.source_markup) == [
        ('<sm id="t1" type="term"/>', "sm", "empty", "t1"),
        ('<em startRef="t1"/>', "em", "empty", "t1"),
    ]
    assert term.target_markup == ()


def test_xliff2_positions():
    segments = by_key(load_file(V2))
    welcome = segments["support-widget#welcome"]
    assert welcome.target_map.locate(welcome.target.index("さん")) == position_in_file(V2, "さん！")
    bell = segments["support-widget#bell"]
    # <cp/> is one character standing where its tag is; what follows maps past the tag.
    assert bell.target_map.locate(bell.target.index("\x07")) == position_in_file(V2, '<cp hex="0007"/> &amp; <mrk', after="アラート")
    assert bell.target_map.locate(bell.target.index("&")) == position_in_file(V2, "&amp; <mrk", after="アラート")
    assert bell.target_map.locate(bell.target.index("Acme")) == position_in_file(V2, "Acme</mrk></target>")
    # No target: the position of its <segment>.
    term = segments["support-widget#term"]
    assert term.target_map.locate(0) == position_in_file(V2, '<segment state="initial">', after='"term"')


# --- Line endings and encodings -------------------------------------------------------------------

def test_crlf_file_gives_lf_text_and_exact_positions():
    name = "shipping_fr_crlf.xlf"
    assert b"\r\n" in (DATA / name).read_bytes()  # the file really has CRLF line endings
    delay, tracking = load_file(name).segments
    assert delay.target == "Votre commande est retardée.\nNous sommes désolés, {{ticket.requester.first_name}}."
    assert delay.source == "Your order is delayed.\nWe are sorry, {{ticket.requester.first_name}}."
    assert delay.target_map.locate(delay.target.index("Nous")) == position_in_file(name, "Nous")
    assert delay.target_map.locate(delay.target.index("désolés")) == position_in_file(name, "désolés")
    assert delay.target_map.locate(delay.target.index("\n")) == position_in_file(name, "\r\nNous")
    assert tracking.target == "Suivez-la ici\xa0: {{ticket.external_id}}"
    assert tracking.target_map.locate(tracking.target.index("\xa0")) == position_in_file(name, "&#xA0;")
    assert tracking.target_map.locate(tracking.target.index(":")) == position_in_file(name, ": {{", after="&#xA0;")
    assert tracking.target_map.locate(tracking.target.index("{{")) == position_in_file(name, "{{ticket.ext", after="Suivez")


def test_utf8_bom_file_xcode_export_without_state_is_translated():
    name = "xcode_es_bom.xlf"
    assert (DATA / name).read_bytes().startswith(codecs.BOM_UTF8)
    (segment,) = load_file(name).segments
    assert segment.key == "Localizable.strings#contact_support"
    assert segment.state == "translated"
    assert segment.target == "Contactar a soporte"
    assert segment.target_locale == Locale.parse("es-419")
    assert segment.target_map.locate(segment.target.index("soporte")) == position_in_file(name, "soporte")


def test_utf16_file():
    name = "faq_ru_utf16.xlf"
    assert (DATA / name).read_bytes().startswith(codecs.BOM_UTF16_LE)
    document = load_file(name)
    assert document.target_locale == Locale.parse("ru")
    first, second = document.segments
    assert first.key == "faq#q1"
    assert first.target == "Где мой возврат? 💸"
    assert first.target_map.locate(first.target.index("возврат")) == position_in_file(name, "возврат?")
    assert first.target_map.locate(len(first.target)) == position_in_file(name, "</target>", after="💸")
    assert second.target_map.locate(second.target.index("дней")) == position_in_file(name, "дней")


def test_utf16_without_bom_and_big_endian():
    text = (DATA / "faq_ru_utf16.xlf").read_bytes().decode("utf-16")
    for encoding in ("utf-16-le", "utf-16-be"):
        document = load_bytes(text.encode(encoding))
        assert [s.target for s in document.segments] == ["Где мой возврат? 💸", "Возврат занимает 5–10 дней."]


def test_legacy_encoding_from_the_xml_declaration():
    name = "legacy_fr_latin1.xlf"
    (segment,) = load_file(name).segments
    assert segment.target == "Merci beaucoup, à bientôt !"
    assert segment.target_map.locate(segment.target.index("bientôt")) == position_in_file(name, "bientôt")


def test_lone_cr_line_endings_count_as_line_breaks():
    data = (DATA / "xcode_es_bom.xlf").read_bytes()[3:].replace(b"\n", b"\r")
    (segment,) = load_bytes(data).segments
    assert segment.target_map.locate(0) == (7, 17)


def test_utf8_file_mislabelled_as_latin1_loads_with_a_warning():
    data = (DATA / "canned_replies_de.xlf").read_bytes().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    document = load_bytes(data)
    assert len(document.segments) == 11
    assert len(document.errors) == 1
    assert "looks like UTF-8" in document.errors[0].message and document.errors[0].line == 1


# --- Locales from hints -----------------------------------------------------------------------------

MINIMAL_12 = b"""<?xml version="1.0"?>
<xliff version="1.2"><file original="a.txt" datatype="plaintext"><body>
<trans-unit id="1"><source>Hello</source><target>Hallo</target></trans-unit>
</body></file></xliff>
"""


def test_hints_supply_undeclared_locales():
    hints = LoadHints(source_locale=Locale.parse("en"), target_locale=Locale.parse("de-AT"))
    document = load_bytes(MINIMAL_12, hints)
    assert document.source_locale.tag == "en" and document.target_locale.tag == "de-AT"
    (segment,) = document.segments
    assert segment.source_locale.tag == "en" and segment.target_locale.tag == "de-AT"
    assert segment.key == "a.txt#1"
    # Without hints there is simply no locale.
    assert load_bytes(MINIMAL_12).target_locale is None


def test_prefixed_namespace_is_read():
    data = b"""<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
<x:file id="f"><x:unit id="u"><x:segment><x:source>Hi <x:ph id="1"/></x:source><x:target>Hallo <x:ph id="1"/></x:target></x:segment></x:unit></x:file>
</x:xliff>"""
    (segment,) = load_bytes(data).segments
    assert segment.key == "f#u"
    assert segment.target == 'Hallo <x:ph id="1"/>'
    assert markup_of(segment.target, segment.target_markup) == [('<x:ph id="1"/>', "ph", "empty", "1")]


def test_unit_without_id_or_resname_is_keyed_by_position_and_reported():
    data = MINIMAL_12.replace(b' id="1"', b"")
    document = load_bytes(data)
    assert [s.key for s in document.segments] == ["a.txt#1"]
    assert document.errors[0].line == 3 and "no id" in document.errors[0].message


# --- Bad input: always a LoadError, with a line where there is one ----------------------------------

def test_malformed_xml_reports_expats_line():
    with pytest.raises(LoadError) as error:
        load_file("malformed.xlf")
    assert error.value.line == 6
    assert "mismatched tag" in error.value.message


def test_billion_laughs_is_refused():
    with pytest.raises(LoadError) as error:
        load_file("billion_laughs.xlf")
    assert error.value.line == 2
    assert "DOCTYPE" in error.value.message


def test_empty_file():
    with pytest.raises(LoadError) as error:
        load_file("empty.xlf")
    assert "empty" in error.value.message
    with pytest.raises(LoadError):
        load_bytes(b"  \n\n")
    with pytest.raises(LoadError):
        load_bytes(codecs.BOM_UTF8)


def test_xml_that_is_not_xliff():
    with pytest.raises(LoadError) as error:
        load_file("android_strings.xml")
    assert error.value.line == 2
    assert "not an XLIFF file" in error.value.message and "<resources>" in error.value.message


@pytest.mark.parametrize(("data", "line", "words"), [
    (b'msgid "Hello"\nmsgstr "Hallo"\n', 1, "not XML"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "utf-8"),
    (b'<?xml version="1.0" encoding="UTF-16"?>\n<xliff version="1.2"/>', 1, "UTF-16"),
    (b'<?xml version="1.0" encoding="klingon-8"?>\n<xliff version="1.2"/>', 1, "unknown encoding"),
    (b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file source-language="english (US)"/></xliff>', 3, "source-language"),
    (b'<xliff version="2.0" srcLang="en" trgLang="??"/>', 1, "trgLang"),
    (b'<xliff version="3.0"/>', 1, "version"),
    (b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file><body><trans-unit id="a"><source>&nbsp;</source>'
     b"</trans-unit></body></file></xliff>", 3, "undefined entity"),
    (b'<xliff version="1.2"><file>\n\n<body>\xff</body></file></xliff>', 3, "utf-8"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "xliff.dtd">\n<xliff version="1.1"/>', 2, "DOCTYPE"),
    (b'<xliff version="1.2"><file>', 1, "no element found"),
    (b"<xliff version='2.0' srcLang='en'><file id='f'><unit id='u'><segment><source><cp hex='D800'/></source>"
     b"</segment></unit></file></xliff>", 1, "not a Unicode character"),
    ("\ufeff<xliff version='1.2'/>".encode("utf-16-be") + b"\x00", None, "utf-16"),
])
def test_bad_input_is_a_load_error(data, line, words):
    with pytest.raises(LoadError) as error:
        load_bytes(data)
    assert error.value.line == line
    assert words.lower() in error.value.message.lower()


def test_many_units_load_quickly():
    units = "".join(
        f'<trans-unit id="u{n}"><source>Ticket {n} &amp; more</source><target state="translated">'
        f"Ticket {n} &amp; mehr – Grüße</target></trans-unit>\n"
        for n in range(20000)
    )
    data = ('<xliff version="1.2"><file original="big" source-language="en" target-language="de"><body>\n'
            f"{units}</body></file></xliff>").encode("utf-8")
    document = load_bytes(data)
    assert len(document.segments) == 20000
    last = document.segments[-1]
    assert last.target == "Ticket 19999 & mehr – Grüße"
    last_line = units.splitlines()[-1]
    assert last.target_map.locate(last.target.index("mehr")) == (20001, last_line.index("mehr") + 1)
