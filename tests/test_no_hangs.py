"""Small hostile inputs never cost unbounded time (design §10, issue 13: the hangs of ../shared/fuzz-repro).

Each test rebuilds one reproducer in a temporary folder, sized so the old code took many seconds (or
minutes) and the fixed code well under one, and asserts what the run reports: exit code, findings or the
error entry with its message. Time is only bounded generously (the subprocess timeout of `run`), so the
tests do not flake on a busy machine; the behaviour asserted is what the fix changed.
"""

from __future__ import annotations

from pathlib import Path

from l10n_qa import pairing
from l10n_qa.formats import LoadHints, html
from l10n_qa.model import Locale
from test_bad_input import check_json


def test_html_with_thousands_of_nested_unclosed_blocks_loads_in_linear_time(tmp_path):
    # D07: every start tag looked at the whole open-element stack (quote flag, "is a <p> open?"), so
    # 20,000 nested `<div><p>` took ~40 s; now the flag is inherited and open elements are counted.
    (tmp_path / "en-US").mkdir()
    (tmp_path / "de-DE").mkdir()
    (tmp_path / "en-US" / "reset.html").write_text(
        '<html lang="en"><body><h1>Reset</h1><p>Click here.</p></body></html>\n', encoding="utf-8")
    depth = 20_000
    nested = '<html lang="de"><body><h1>Reset</h1>' + "<div><p>" * depth + "x<p>Klicken Sie hier.</p></body></html>\n"
    (tmp_path / "de-DE" / "reset.html").write_text(nested, encoding="utf-8")
    code, report, _ = check_json(".", "--fail-on", "never", cwd=tmp_path)
    assert code == 0
    assert report["errors"] == []
    # The stray "x" (inside the innermost unclosed <p>) is the one extra paragraph, found at its column.
    found = [(f["rule"], f["line"], f["column"]) for f in report["findings"]]
    assert found == [("structure.extra", 1, nested.index("x<p>") + 1)]


def test_html_blockquote_flag_passes_through_unclosed_inline_elements():
    # The quote flag is now inherited from the parent element instead of searched for down the stack:
    # a paragraph opened inside 10,000 unclosed inline elements inside a blockquote is still a block
    # quote, and a paragraph after the blockquote closed is not.
    text = ('<html lang="de"><body><blockquote>' + "<b><span>" * 10_000 + "<p>Zitiert.</p></blockquote>"
            "<p>Danach.</p></body></html>\n")
    document = html.load("q.html", text.encode("utf-8"), LoadHints())
    blocks = [(b.kind, b.text) for b in document.blocks]
    assert ("quote", "Zitiert.") in blocks
    assert blocks[-1] == ("paragraph", "Danach.")


def test_policy_paragraph_full_of_abbreviations_is_split_in_linear_time(tmp_path):
    # D14: pysbd re-scans a paragraph once per abbreviation it holds (Spanish "ab"), so a 90 KB
    # paragraph took ~50 s. Long texts are now cut at sentence ends into pieces before pysbd.
    (tmp_path / "policies" / "en-US").mkdir(parents=True)
    (tmp_path / "policies" / "es-ES").mkdir(parents=True)
    (tmp_path / "policies" / "en-US" / "privacy.md").write_text(
        "# Privacy\n\nWe keep your data for 30 days. You can ask us to delete it.\n\nWrite to us.\n", encoding="utf-8")
    target = ("# Privacidad\n\nGuardamos sus datos durante 31 días. " + "ab " * 30_000
              + "Puede pedirnos que los borremos.\n\nEscríbanos.\n")
    (tmp_path / "policies" / "es-ES" / "privacy.md").write_text(target, encoding="utf-8")
    code, report, _ = check_json(".", cwd=tmp_path)
    assert code == 1 and report["errors"] == []
    found = [(f["rule"], f["line"], f["column"]) for f in report["findings"] if f["rule"] == "number.changed"]
    assert found == [("number.changed", 3, target.splitlines()[2].index("31") + 1)]


def test_long_text_sentences_are_cut_at_sentence_ends_and_keep_their_offsets():
    text = "Esto es una frase completa. " * 100 + "Fin"
    spans = pairing.sentences(text, Locale.parse("es"))
    assert len(spans) == 101
    assert all(text[s:e] == "Esto es una frase completa." for s, e in spans[:100])
    assert text[spans[-1][0]:spans[-1][1]] == "Fin"


def test_sentence_splitting_stops_when_the_run_budget_is_spent(monkeypatch):
    # After the budget (L10N_QA_SENTENCE_SPLIT_SECONDS), a paragraph is one sentence: paired whole.
    monkeypatch.setenv("L10N_QA_SENTENCE_SPLIT_SECONDS", "5")
    monkeypatch.setattr(pairing, "_split_seconds_spent", 5.0)
    text = "Una frase. Otra frase."
    assert pairing.sentences(text, Locale.parse("es")) == [(0, len(text))]
    monkeypatch.setattr(pairing, "_split_seconds_spent", 0.0)
    assert pairing.sentences(text, Locale.parse("es")) == [(0, 10), (11, 22)]
