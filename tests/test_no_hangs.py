"""Small hostile inputs never cost unbounded time (design §10, issue 13: the hangs of ../shared/fuzz-repro).

Each test rebuilds one reproducer in a temporary folder, sized so the old code took many seconds (or
minutes) and the fixed code well under one, and asserts what the run reports: exit code, findings or the
error entry with its message. Time is only bounded generously (the subprocess timeout of `run`), so the
tests do not flake on a busy machine; the behaviour asserted is what the fix changed.
"""

from __future__ import annotations

from pathlib import Path

from l10n_qa import discover, pairing, user_regex
from l10n_qa.formats import LoadHints, html
from l10n_qa.model import Locale
from l10n_qa.packs.matcher import Match, Pattern, longest
from test_bad_input import check_json, run


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


def test_glossary_repeating_one_term_thousands_of_times_checks_in_linear_time(tmp_path):
    # D72: the "longest mention wins" pass compared every match with every kept one, so 20,000 rows
    # of the same term took ~30 s. Every row still applies: the missing term is reported for each
    # row's concept, at the source term's place in the target line.
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "r.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Your refund"\nmsgstr "Ihre Rückzahlung"\n', encoding="utf-8")
    rows = 20_000
    (tmp_path / "g.csv").write_text("en,de\n" + "refund,Erstattung\n" * rows, encoding="utf-8")
    code, report, _ = check_json("-g", "g.csv", "locale", cwd=tmp_path)
    assert code == 0 and report["errors"] == []  # a warning: below the default --fail-on error
    positions = {(f["rule"], f["line"], f["column"]) for f in report["findings"] if "approved term" in f["message"]}
    assert positions == {("glossary.missing-term", 6, 9)}
    # Twenty rows' findings are listed, the rest counted in one (L10N_QA_MAX_FINDINGS_PER_RULE, D50).
    messages = [f["message"] for f in report["findings"]]
    assert len(messages) == 21
    assert sum('use the approved term "Erstattung"' in m for m in messages) == 20
    assert f"{rows - 20:,} more glossary.missing-term findings in this segment are not listed" in " ".join(messages)


def test_longest_keeps_same_span_matches_and_drops_those_inside_a_longer_one():
    pattern = Pattern("x")
    def m(start, end):
        return Match(start, end, pattern, "")
    found = longest([m(5, 9), m(0, 4), m(0, 10), m(12, 15), m(12, 15), m(14, 20), m(15, 18)])
    # (0,10) swallows (0,4) and (5,9); both (12,15) stay; (14,20) overlaps without containing: kept;
    # (15,18) lies inside (14,20).
    assert [(x.start, x.end) for x in found] == [(0, 10), (12, 15), (12, 15), (14, 20)]


EVIL_PACK = ("pack: evil\ndescription: d\nrules:\n  - id: typography.evil\n    kind: characters\n"
             "    patterns: ['{pattern}']\n    message: 'bad {{match}}'\n    rationale: r\n")


def test_a_backtracking_rule_times_out_once_then_is_dropped_for_the_run_with_a_notice(tmp_path):
    # D64: the 0.25 s limit was per text, so `(a|aa)+$` over 400 entries took ~100 s, silently.
    (tmp_path / "locale" / "de").mkdir(parents=True)
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'
    entries = "".join(f'msgid "Entry {i}"\nmsgstr "{"a" * 40}! {i}"\n\n' for i in range(400))
    (tmp_path / "locale" / "de" / "x.po").write_text(head + entries, encoding="utf-8")
    (tmp_path / "evil.yaml").write_text(EVIL_PACK.format(pattern="(a|aa)+$"), encoding="utf-8")
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en\nrule_packs: [evil.yaml]\n", encoding="utf-8")
    code, report, _ = check_json(".", cwd=tmp_path)
    assert code == 0 and report["errors"] == [] and report["findings"] == []
    # The walk's own note is about evil.yaml, a YAML file that is no translation.
    assert [n["message"] for n in report["notices"]] == [
        "1 file with no locale in the path (not translations) skipped",
        "rule typography.evil: its regular expression took longer than 0.25 s on one text and was not used for "
        "the rest of the run (catastrophic backtracking?): simplify it, e.g. without nested repeats such as `(a|aa)+`"]


def test_a_rule_whose_repeats_multiply_out_to_millions_is_refused_before_compiling(tmp_path):
    # D66: `(?:(?:a{500}){500}){50}` made the compiler take ~20 s and 5 GB.
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello"\nmsgstr "Hallo"\n', encoding="utf-8")
    (tmp_path / "evil.yaml").write_text(EVIL_PACK.format(pattern="(?:(?:a{500}){500}){50}"), encoding="utf-8")
    (tmp_path / "l10n-qa.yaml").write_text("source_locale: en\nrule_packs: [evil.yaml]\n", encoding="utf-8")
    done = run("check", ".", "-f", "concise", "--no-progress", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr
    assert ("evil.yaml:6: the regular expression's repeats multiply out to about 12,500,000 items, more than the "
            "100,000 allowed (L10N_QA_MAX_PATTERN_EXPANSION)") in stderr


def test_a_glossary_pattern_too_large_to_compile_is_an_error_naming_the_glossary(tmp_path):
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello"\nmsgstr "Hallo"\n', encoding="utf-8")
    (tmp_path / "g.yaml").write_text(
        "entries:\n  - source: hello\n    translations:\n      de: [{term: Hallo, pattern: '(?:(?:a{500}){500}){50}'}]\n",
        encoding="utf-8")
    done = run("check", "-g", "g.yaml", "locale", "-f", "concise", "--no-progress", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr
    assert "g.yaml" in stderr and "more than the 100,000 allowed (L10N_QA_MAX_PATTERN_EXPANSION)" in stderr


def test_expanded_size_multiplies_nested_counted_repeats_only():
    assert user_regex.expanded_size("abc") == 3
    assert user_regex.expanded_size("a{500}") == 500
    assert user_regex.expanded_size("(?:ab){10}c") == 21
    assert user_regex.expanded_size("(?:(?:a{10}){10}){10}") == 1000
    assert user_regex.expanded_size("[a-z{}]{3}x+y*") == 5  # a class is one item; `+` and `*` do not unroll
    assert user_regex.expanded_size(r"\d{5}") == 5  # an escape is one item, here repeated
    assert user_regex.expanded_size(r"\{5}") == 3  # an escaped brace: three literal characters
    assert user_regex.expanded_size("a{,3}") == 5  # not a quantifier in `regex` V0: five literal characters


BAD_DE_PO = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello %s"\nmsgstr "Hallo"\n'


def test_exclude_globs_with_many_double_stars_or_thousands_of_stars_do_not_backtrack(tmp_path):
    # D67: `**a**a…**b` (13 `**`) against a folder of 30 `a`s took ~20 s per path with Python's `re`;
    # 5,000 stars hung outright. Globs now run on `regex` (time-limited) with wildcard runs merged.
    (tmp_path / "locale" / "de" / ("a" * 40)).mkdir(parents=True)
    (tmp_path / "locale" / "de" / "bad.po").write_text(BAD_DE_PO, encoding="utf-8")
    for pattern in ("**a" * 12 + "**b", "*" * 5000 + "b"):
        (tmp_path / "l10n-qa.yaml").write_text(f"exclude: ['{pattern}']\n", encoding="utf-8")
        code, report, _ = check_json(".", cwd=tmp_path)
        assert code == 1 and report["errors"] == []
        assert [(f["path"], f["rule"], f["line"], f["column"]) for f in report["findings"]] == [
            ("locale/de/bad.po", "placeholder.missing", 6, 9)]


def test_collapsed_wildcards_match_the_same_paths():
    assert discover.collapse_wildcards("a/****/b***.po") == "a/**/b**.po"
    assert discover.collapse_wildcards("**/**/x/*") == "**/x/*"
    for glob, path, expected in [("docs/***/*.md", "docs/a/b/c.md", True), ("docs/**/**/*.md", "docs/c.md", True),
                                 ("x***y", "x/z/y", True), ("x*y", "x/z/y", False)]:
        assert bool(discover.glob_to_regex(glob).match(path)) is expected, glob


def test_an_empty_exclude_pattern_is_a_config_error_not_a_silent_pass(tmp_path):
    # D75: "" became `**/`, which matched every path: nothing checked, exit 0.
    (tmp_path / "locale" / "de").mkdir(parents=True)
    (tmp_path / "locale" / "de" / "bad.po").write_text(BAD_DE_PO, encoding="utf-8")
    (tmp_path / "l10n-qa.yaml").write_text('exclude: [""]\n', encoding="utf-8")
    done = run("check", ".", "-f", "concise", "--no-progress", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode() == ("l10n-qa: l10n-qa.yaml:1: exclude: an empty pattern would exclude every file: "
                                    "remove it (a templated value left empty?)\n")


def test_thousands_of_missing_placeholders_in_one_entry_give_a_capped_linear_report(tmp_path):
    # D50: 8,000 `%s` in a msgid, none in the msgstr: 8,000 findings each repeating the 16 KB msgid
    # (a 259 MB report), and the placeholder scan compared each with all taken before it.
    (tmp_path / "de").mkdir()
    count = 8000
    (tmp_path / "de" / "p.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "R' + "%s" * count + 'ate"\nmsgstr "Bewerten"\n', encoding="utf-8")
    code, report, _ = check_json("de/p.po", cwd=tmp_path)
    assert code == 1 and report["errors"] == []
    findings = report["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("placeholder.missing", 7, 9)] * 21
    summary = ("7,980 more placeholder.missing findings in this segment are not listed "
               "(at most 20 per rule, L10N_QA_MAX_FINDINGS_PER_RULE)")
    assert sorted(f["message"] for f in findings) == [summary] + ["placeholder `%s` is missing"] * 20
    assert [f["suggestion"] for f in findings if f["message"] == summary] == ["fix the ones listed, then check again"]


def test_the_per_rule_cap_is_raised_with_its_environment_variable(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "p.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "R' + "%s" * 30 + 'ate"\nmsgstr "Bewerten"\n', encoding="utf-8")
    code, report, _ = check_json("de/p.po", cwd=tmp_path, env={"L10N_QA_MAX_FINDINGS_PER_RULE": "50"})
    assert code == 1
    assert [f["message"] for f in report["findings"]] == ["placeholder `%s` is missing"] * 30


def test_xliff_target_with_thousands_of_nested_extra_tags_gives_a_capped_report(tmp_path):
    # D50's second input: N nested <g> in a target; each markup.extra finding repeated the whole target.
    count = 8000
    nested = '<g id="1">' * count + "x" + "</g>" * count
    (tmp_path / "x.de-DE.xlf").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="f" source-language="en" target-language="de" datatype="plaintext"><body>'
        f'<trans-unit id="1"><source>x</source><target>{nested}</target></trans-unit></body></file></xliff>\n',
        encoding="utf-8")
    code, report, _ = check_json("x.de-DE.xlf", cwd=tmp_path)
    assert code == 1 and report["errors"] == []
    rules = [f["rule"] for f in report["findings"]]
    assert rules == ["markup.extra"] * 21
    assert sum(f["message"].startswith("7,980 more markup.extra findings in this segment")
               for f in report["findings"]) == 1
