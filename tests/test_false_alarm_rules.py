"""Issue 12, false alarms of the rule checks judged on real repositories
(../shared/research/false-alarms-real-corpora.tsv): each cause as a minimal source/target pair, both
sides: the rule still fires on a real mistake and stays silent on the judged false alarm.

PO pairs have their msgstr on line 9, text from column 9 (see test_checks.py).
"""

from __future__ import annotations

import pytest

from content_helpers import check_tree, write_tree

L, C = 9, 9


def end(target: str, mark: str = "") -> tuple[str, int, int]:
    """The punctuation.end finding at the target's final mark (or its last character)."""
    at = target.rindex(mark) if mark else len(target) - 1
    return ("punctuation.end", L, C + at)


# --- punctuation.end: script full stops and language conventions are data (checks/end_marks.py) --

@pytest.mark.parametrize("lang, source, target", [
    ("hy", "Now:", "Հիմա․"),  # Armenian mijaket (U+2024) for a colon
    ("hy", "Your order has shipped.", "Ձեր պատվերն ուղարկված է։"),  # ARMENIAN FULL STOP
    ("am", "Use it as a private browser:", "እንደ የግል አሳሽ ይጠቀሙበት፡-"),  # Ethiopic wordspace + hyphen = colon
    ("am", "Your order has shipped.", "ትዕዛዝዎ ተልኳል።"),  # ETHIOPIC FULL STOP
    ("my", "Show search suggestions?", "ရှာဖွေရေး အကြံပြုချက်များကို ပြမည်လား။"),  # Burmese question: particle + ။
    ("ja", "To report a violation, use one of these:", "他のユーザーによる違反を報告する場合は、以下の方法で行ってください。"),
    ("zh", "Follow the link for your app:", "请按照以下不同的链接找到相关文章。"),
    ("ko", "You can use a VPN to:", "VPN은 다음 용도로 사용할 수 있습니다."),
    ("ja", "Press Cmd + Shift + 3", "Cmd + Shift + 3 を同時に押します。"),
    ("de", 'Say "Siri, erase my %@ session."', "„Siri, lösche meine %@-Sitzung.“"),  # full stop inside „…“
    ("cs", 'Say "Siri, erase my %@ session."', "„Siri, vymaž moje relaci v aplikaci %@.“"),
    ("fr", 'Say "Hello."', "Dites « Bonjour. »"),
])
def test_script_marks_and_conventions_are_not_reported(check_pair, lang, source, target):
    assert check_pair(source, target, lang=lang, select=("punctuation.end",)) == []


@pytest.mark.parametrize("lang, source, target, mark", [
    ("hy", "Did this help?", "Սա օգնե՞ց", ""),  # the sentence lost its final ։: ՞ alone is not the end
    ("am", "Your order has shipped.", "ትዕዛዝዎ ተልኳል", ""),  # lost its ።
    ("my", "Your order has shipped.", "သင်၏ အော်ဒါကို ပို့ပြီးပါပြီ?", "?"),  # a statement turned into a question
    ("ja", "Did this answer your question?", "ご質問の答えになりましたか。", "。"),  # a question needs ？ in Japanese
    ("ko", "Your order has shipped.", "주문이 발송되었습니다:", ":"),  # a colon where the sentence ends
    ("de", 'Say "Siri, erase my session."', "„Siri, lösche meine Sitzung“", "g"),  # lost inside „…“
])
def test_real_slips_are_still_reported(check_pair, lang, source, target, mark):
    assert check_pair(source, target, lang=lang, select=("punctuation.end",)) == [end(target, mark)]


LIST_SOURCE = "You can:\n\n- request a copy of your data\n- ask us to delete it\n- contact us?\n"


def test_list_items_end_as_the_target_language_ends_them(tmp_path):
    """French and Czech end list items with ';', Polish with ',', Korean with nothing: a list item's
    final comma, semicolon, full stop or none is the language's convention; a lost '?' is not."""
    target = ("Vous pouvez :\n\n- demander une copie de vos données ;\n- nous demander de les supprimer,\n"
              "- nous contacter.\n")
    write_tree(tmp_path, {"en/rights.md": LIST_SOURCE, "fr/rights.md": target})
    report = check_tree(tmp_path, "fr/rights.md", select=("punctuation.end",))
    assert [(f.rule, f.line, f.column, f.matched) for f in report.findings] == [("punctuation.end", 5, 1 + len("- nous contacter"), ".")]


def test_outside_a_list_a_semicolon_for_a_full_stop_is_still_reported(tmp_path):
    write_tree(tmp_path, {"en/a.md": "We keep your data safe.\n", "fr/a.md": "Nous protégeons vos données ;\n"})
    report = check_tree(tmp_path, "fr/a.md", select=("punctuation.end",))
    assert [(f.rule, f.line, f.column) for f in report.findings] == [("punctuation.end", 1, 1 + len("Nous protégeons vos données "))]
