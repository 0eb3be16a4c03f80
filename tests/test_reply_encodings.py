"""Bilingual reply files are recognised in any encoding the loader reads (D58 of ../shared/fuzz-repro)."""

from __future__ import annotations

import codecs

import pytest

from test_bad_input import check_json

REPLY = ("id: order_delayed\nsource_locale: en-US\nen-US:\n  title: Your order is delayed\n"
         "  body: It will arrive 3 days later.\nde-DE:\n  title: Ihre Bestellung verspätet sich\n"
         "  body: Sie kommt 4 Tage später an.\n")


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                           (codecs.BOM_UTF8, "utf-8"), (b"", "utf-8")])
def test_a_bilingual_reply_file_is_checked_whatever_its_unicode_encoding(tmp_path, bom, encoding):
    # D58: the locale sniffing read a UTF-16 head as UTF-8, saw no locale keys and refused the file
    # ("cannot tell which locale this file is in") although the loader reads UTF-16 fine.
    (tmp_path / "bi").mkdir()
    (tmp_path / "bi" / "order.yaml").write_bytes(bom + REPLY.encode(encoding))
    code, report, _ = check_json("bi/order.yaml", cwd=tmp_path)
    assert report["errors"] == []
    assert code == 1
    assert [(f["rule"], f["line"], f["column"], f["locale"]) for f in report["findings"]] == [
        ("number.changed", 8, 19, "de-DE")]
