"""Files with CR-only line ends are refused with what to do, never misread (D57 of ../shared/fuzz-repro)."""

from __future__ import annotations

import pytest

from l10n_qa.formats import LoadError, LoadHints, loader
from test_bad_input import check_json

CR_ONLY = "the lines of this file end in CR only (classic Mac OS line ends), which l10n-qa does not read: " \
          "save it with LF or CRLF line ends"


def test_cr_only_files_are_error_entries_and_the_other_files_are_still_checked(tmp_path):
    # Before: a CR-only Markdown file put every finding on line 1 and lost its front matter, a PO
    # file gave "entry … has no msgstr", a bilingual YAML file "cannot tell which locale".
    for folder in ("help/en-US", "help/de-DE", "locale/de", "locale/fr", "bi"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "help/en-US/r.md").write_text("---\ntitle: Refunds\n---\n# Refunds\n\nWithin 30 days.\n", encoding="utf-8")
    (tmp_path / "help/de-DE/r.md").write_bytes(b"---\rtitle: Erstattung\r---\r# Erstattung\r\rInnerhalb von 30 Tagen.\r")
    (tmp_path / "locale/de/w.po").write_bytes(b'msgid ""\rmsgstr ""\r"Language: de\\n"\r\rmsgid "Hello"\rmsgstr "Hallo"\r')
    (tmp_path / "bi/order.yaml").write_bytes(b"source_locale: en-US\ren-US:\r  title: Hi\rde-DE:\r  title: Hallo\r")
    (tmp_path / "locale/fr/good.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Hello %s"\nmsgstr "Bonjour"\n', encoding="utf-8")
    code, report, _ = check_json("help", "locale", "bi/order.yaml", cwd=tmp_path)
    assert code == 2
    assert sorted((e["path"], e["line"], e["message"]) for e in report["errors"]) == [
        ("bi/order.yaml", 1, CR_ONLY), ("help/de-DE/r.md", 1, CR_ONLY), ("locale/de/w.po", 1, CR_ONLY)]
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in report["findings"]] == [
        ("locale/fr/good.po", "placeholder.missing", 6, 9)]


@pytest.mark.parametrize("data", [b"one line\r", b"a\r\nb\r\n", b"a\nb\rc\n", b"no line end"])
def test_crlf_lf_mixed_and_a_single_trailing_cr_still_load(data):
    document = loader("text")("x.txt", data, LoadHints())
    assert document.blocks


def test_cr_only_text_file_is_refused_by_the_loader():
    with pytest.raises(LoadError) as caught:
        loader("text")("x.txt", b"Para one.\r\rPara two.\r", LoadHints())
    assert str(caught.value) == CR_ONLY and caught.value.line == 1
