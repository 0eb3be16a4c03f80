"""`--locale` rules out files of other locales before they are read, when the path decides their locale."""

from __future__ import annotations

import json

from content_helpers import write_tree
from test_cli import l10n_qa

TREE = {
    "replies/en-US.yaml": "refund:\n  title: Your refund of 5 EUR\n",
    "replies/de-DE.yaml": "refund:\n  title: Ihre Erstattung von 6 EUR\n",
    # Broken: reading it is an input error. A run for German only must not read it at all.
    "replies/fr-FR.yaml": "refund: [title: Votre remboursement\n",
    "help/en-US/a.md": "Order 5.\n", "help/fr-FR/a.md": "Commande 5.\n",
    "locale/fr/LC_MESSAGES/app.po": 'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Order 5"\nmsgstr "Bestellung 6"\n',
}


def test_other_locales_are_not_read_but_po_headers_still_decide(tmp_path):
    write_tree(tmp_path, TREE)
    (tmp_path / ".git").mkdir()
    everything = l10n_qa("check", "-f", "json", "--no-progress", cwd=tmp_path)
    assert everything.returncode == 2
    assert [e["path"] for e in json.loads(everything.stdout)["errors"]] == ["replies/fr-FR.yaml"]
    german = l10n_qa("check", "--locale", "de", "-f", "json", "--no-progress", cwd=tmp_path)
    assert german.returncode == 1, german.stderr
    report = json.loads(german.stdout)
    assert report["errors"] == []
    # The PO file sits in a fr folder but says it is German: it is read, and checked as German.
    assert [(f["rule"], f["path"], f["line"], f["column"], f["locale"]) for f in report["findings"]] == [
        ("number.changed", "locale/fr/LC_MESSAGES/app.po", 6, 20, "de"),
        ("number.changed", "replies/de-DE.yaml", 2, 30, "de-DE")]
    assert report["paths"] == ["locale/fr/LC_MESSAGES/app.po", "replies/de-DE.yaml"]


def test_a_locale_nobody_translates_to_still_says_so(tmp_path):
    write_tree(tmp_path, TREE)
    result = l10n_qa("check", "help", "--locale", "ja", cwd=tmp_path)
    assert result.returncode == 2
    assert "nothing to check: no file in help is in the locale(s) ja" in result.stderr
