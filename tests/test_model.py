"""Locale tags as they appear in PO headers, XLIFF attributes, folder names and configs."""

from __future__ import annotations

import pytest

from l10n_qa.model import Locale


@pytest.mark.parametrize("raw, tag", [
    ("de_DE", "de-DE"), ("de-de", "de-DE"), ("DE", "de"), ("pt_br", "pt-BR"), ("zh_hant_tw", "zh-Hant-TW"),
    ("sr@latin", "sr-Latn"), ("ca@valencia", "ca-valencia"), ("de_DE.UTF-8", "de-DE"), ("es-419", "es-419"),
])
def test_tags_are_normalised(raw, tag):
    assert Locale.parse(raw).tag == tag


@pytest.mark.parametrize("raw", ["", "German", "de--DE", "d", "12"])
def test_bad_tags_are_rejected(raw):
    with pytest.raises(ValueError):
        Locale.parse(raw)


def test_direction():
    assert Locale.parse("ar-SA").direction == "rtl"
    assert Locale.parse("he").direction == "rtl"
    assert Locale.parse("fa_IR").direction == "rtl"
    assert Locale.parse("ur").direction == "rtl"
    assert Locale.parse("de").direction == "ltr"
    assert Locale.parse("az-Arab").direction == "rtl"  # the script decides
    assert Locale.parse("ks-Deva").direction == "ltr"


def test_fallback_chain():
    assert [loc.tag for loc in Locale.parse("de-CH-1996").fallbacks] == ["de-CH-1996", "de-CH", "de"]
    assert [loc.tag for loc in Locale.parse("zh-Hant-TW").fallbacks] == ["zh-Hant-TW", "zh-Hant", "zh"]
    assert [loc.tag for loc in Locale.parse("fr").fallbacks] == ["fr"]
