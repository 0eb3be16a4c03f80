"""Property-based fuzzing (Hypothesis) of every loader and of a whole run (design §10, issue 13).

Each property feeds a format's reader mutated copies of a small valid file (bytes inserted, deleted
or replaced with hostile ones: NUL, CR, lone surrogates' UTF-8, BOMs, brackets, quotes, YAML
anchors) and plain random bytes, and asserts what we promise for bad input:

* a loader returns its result or raises our own error type with a message, nothing else;
* a run (`check`, in process) exits 0, 1 or 2, never with an exception, with every finding inside
  the file it names and the input file unchanged.

Example counts are small (the whole module runs in well under a minute on 2 cores); the longer
campaign of ../shared/fuzz-repro is what found the defects these keep fixed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from l10n_qa.cli import app
from l10n_qa.config import ConfigError, load_config
from l10n_qa.formats import LoadError, LoadHints, loader
from l10n_qa.model import Document, Locale
from l10n_qa.packs.glossary import GlossaryError
from l10n_qa.packs.loading import load_glossary
from l10n_qa.packs.rulepack import RulePackError, load_pack

FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
RUNS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

PO = ('msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
      '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n#, python-format\nmsgid "Hello %s"\nmsgstr "Hallo %s"\n\n'
      'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "Eine Datei"\nmsgstr[1] "%d Dateien"\n')
XLIFF = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
         '<file original="f" source-language="en" target-language="de" datatype="plaintext"><body>\n'
         '<trans-unit id="1"><source>Hello <g id="b">you</g></source><target>Hallo <g id="b">du</g></target></trans-unit>\n'
         '</body></file></xliff>\n')
MARKDOWN = ("---\ntitle: Erstattung\n---\n# Erstattung\n\nSie erhalten **30 Tage** lang Geld zurück. "
            "[Mehr](https://example.com/de).\n\n- Punkt `code`\n\n```\nx = 1\n```\n")
HTML = ('<html lang="de"><head><title>Reset</title></head><body><h1>Reset</h1>'
        '<p>Klicken Sie <a href="/de/x">hier</a>.</p><blockquote><p>Zitat</p></blockquote></body></html>\n')
REPLIES_YAML = ("id: r\nsource_locale: en-US\nen-US:\n  title: Your order\n  body: Order {{n}} in 3 days.\n"
                "de-DE:\n  title: Ihre Bestellung\n  body: Bestellung {{n}} in 3 Tagen.\n")
REPLIES_JSON = '{"greeting": "Hallo {name}", "items": {"one": "1 Artikel", "other": "{count} Artikel"}}\n'
TEXT = "Datenschutz\r\n\r\nWir speichern Ihre Daten 30 Tage lang.\r\n\r\nArt. 4 DSGVO.\r\n"
CONFIG = ("source_locale: en-US\ntarget_locales: [de-DE]\nexclude: ['build/**']\n"
          "content:\n  - {name: help, type: article, source: 'help/en-US/**/*.md', target: 'help/{locale}/**/*.md'}\n"
          "severity: {whitespace: warning}\n")
GLOSSARY_YAML = ("id: g\nsource_locale: en\nentries:\n  - source: refund\n    translations: {de: Erstattung}\n"
                 "    forbidden:\n      de: [{term: Rückzahlung, reason: we say Erstattung}]\n")
GLOSSARY_CSV = "en,de,fr\nrefund,Erstattung,remboursement\n\"order, big\",Bestellung,commande\n"
GLOSSARY_TBX = ('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>'
                '<termEntry id="c1"><langSet xml:lang="en"><tig><term>refund</term></tig></langSet>'
                '<langSet xml:lang="de"><tig><term>Erstattung</term></tig></langSet></termEntry>'
                '</body></text></martif>\n')
RULE_PACK = ("pack: p\ndescription: d\nrules:\n  - id: typography.dash\n    kind: characters\n"
             "    patterns: ['\\s-\\s']\n    message: 'use a dash, not {match}'\n    rationale: r\n")

# Bytes that broke readers in the campaign: line ends, NUL, BOMs, a lone surrogate's UTF-8, invalid
# UTF-8, brackets and quotes of every syntax, YAML anchors and aliases, deep nesting openers.
HOSTILE = [b"\x00", b"\r", b"\r\n", b"\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\xff", b'"', b"'",
           b"<", b">", b"</", b"<![", b"&", b"&#x0;", b"[", b"]", b"{", b"}", b"{{", b"%s", b"%", b"\\", b"*", b"`", b"#",
           b"---\n", b": ", b"- ", b"&a ", b"*a", b"[" * 50, b"<div>" * 50, b"\x1b[2J", "\u202e".encode(),
           b"msgstr[0", b"2024-02-30", b"1e999", b"9" * 400]


@st.composite
def mutated(draw, seed: str) -> bytes:
    """`seed` with a few random edits, or (sometimes) random bytes altogether."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    data = bytearray(seed.encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(HOSTILE) | st.binary(min_size=1, max_size=8))
        if action == "insert":
            data[at:at] = piece
        elif action == "delete":
            data[at:at + draw(st.integers(1, 20))] = b""
        else:
            data[at:at + len(piece)] = piece
    return bytes(data)


FORMATS = {"po": ("x.po", PO), "xliff": ("x.xlf", XLIFF), "markdown": ("x.md", MARKDOWN), "html": ("x.html", HTML),
           "replies": ("x.yaml", REPLIES_YAML), "text": ("x.txt", TEXT)}


@pytest.mark.parametrize("fmt", sorted(FORMATS) + ["replies-json"])
def test_every_format_loader_returns_a_document_or_a_load_error(fmt):
    name, seed = (("x.json", REPLIES_JSON) if fmt == "replies-json" else FORMATS[fmt])
    load = loader("replies" if fmt == "replies-json" else fmt)

    @FEW
    @given(mutated(seed))
    def loads(data):
        try:
            document = load(name, data, LoadHints(Locale.parse("en"), Locale.parse("de"), None))
        except LoadError as exc:
            assert str(exc).strip(), "an error without a message"
            assert exc.line is None or exc.line >= 1
            return
        assert isinstance(document, Document)
        lines = data.count(b"\n") + data.count(b"\r") + 1
        for segment in document.segments:  # where a finding on the segment's first and last character would point
            for offset in (0, len(segment.target)):
                line, column = segment.target_map.locate(offset)
                assert 1 <= line <= lines and column >= 1, (segment.key, offset, line, column, lines)

    loads()


@FEW
@given(mutated(CONFIG))
def test_config_of_any_bytes_loads_or_is_a_config_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("config") / "l10n-qa.yaml"
    path.write_bytes(data)
    try:
        load_config(path, "l10n-qa.yaml")
    except ConfigError as exc:
        assert str(exc).startswith("l10n-qa.yaml"), str(exc)
    assert path.read_bytes() == data


@pytest.mark.parametrize("name, seed", [("g.yaml", GLOSSARY_YAML), ("g.csv", GLOSSARY_CSV), ("g.tbx", GLOSSARY_TBX)])
def test_glossary_of_any_bytes_loads_or_is_a_glossary_error(tmp_path, name, seed):
    path = tmp_path / name

    @FEW
    @given(mutated(seed))
    def loads(data):
        path.write_bytes(data)
        try:
            load_glossary(path, name)
        except GlossaryError as exc:
            assert str(exc).startswith(name), str(exc)
        assert path.read_bytes() == data

    loads()


@FEW
@given(mutated(RULE_PACK))
def test_rule_pack_of_any_bytes_loads_or_is_a_rule_pack_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("pack") / "p.yaml"
    path.write_bytes(data)
    try:
        load_pack(path, "p.yaml")
    except RulePackError as exc:
        assert str(exc).startswith("p.yaml"), str(exc)
    assert path.read_bytes() == data


SOURCES = {"po": None, "xliff": None, "replies": None, "markdown": MARKDOWN.replace("Erstattung", "Refund"),
           "html": HTML.replace('lang="de"', 'lang="en"'), "text": TEXT.replace("Datenschutz", "Privacy")}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_run_over_any_file_exits_0_1_or_2_with_findings_inside_it(tmp_path, fmt, monkeypatch):
    """The whole pipeline in process: discover, load, pair, check, report; a good file beside the
    fuzzed one is always still reported."""
    name, seed = FORMATS[fmt]
    monkeypatch.chdir(tmp_path)
    suffix = Path(name).suffix
    target = Path("de-DE") / f"x{suffix}" if SOURCES[fmt] else Path(f"x.de-DE{suffix}")
    target.parent.mkdir(exist_ok=True)
    if SOURCES[fmt]:
        Path("en-US").mkdir(exist_ok=True)
        (Path("en-US") / f"x{suffix}").write_text(SOURCES[fmt], encoding="utf-8")
    Path("locale/fr").mkdir(parents=True, exist_ok=True)
    Path("locale/fr/good.po").write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Hello %s"\nmsgstr "Bonjour"\n',
                                        encoding="utf-8")
    runner = CliRunner()

    @RUNS
    @given(mutated(seed))
    def runs(data):
        target.write_bytes(data)
        result = runner.invoke(app, ["check", ".", "-f", "json:report.json", "--no-progress", "-j", "1"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1, 2), result.output
        assert "Traceback" not in result.output
        report = json.loads(Path("report.json").read_text(encoding="utf-8"))
        lines = data.count(b"\n") + data.count(b"\r") + 1
        for finding in report["findings"]:
            if finding["path"] == target.as_posix() and finding["line"] is not None:
                assert 1 <= finding["line"] <= lines, finding
        assert ("locale/fr/good.po", "placeholder.missing") in {(f["path"], f["rule"]) for f in report["findings"]}
        assert result.exit_code == (2 if report["errors"] else 1)
        assert target.read_bytes() == data

    runs()
