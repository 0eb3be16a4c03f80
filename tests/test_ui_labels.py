"""UI labels against the UI catalog (rule `glossary.ui-label`): the CLI end to end, on a small
repository and on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_cli import l10n_qa

ROOT = Path(__file__).resolve().parent.parent

CATALOG = """\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Request a refund"
msgstr "Erstattung anfordern"

msgid "Settings"
msgstr "Einstellungen"

msgid "Billing"
msgstr "Abrechnung"

msgid "Forgot password?"
msgstr "Passwort vergessen?"

msgid "Save changes"
msgstr ""

msgctxt "ticket status"
msgid "Open"
msgstr "Offen"

msgctxt "button"
msgid "Open"
msgstr "Öffnen"
"""

GUIDE_EN = """\
# Guide

1. Click **Request a refund**.
2. Go to **Settings > Billing**.
3. Click **Save changes**.
4. Click **Export**.
5. Press **request a refund.** again.
"""

GUIDE_DE = """\
# Anleitung

1. Klicken Sie auf **Erstattung beantragen**.
2. Gehen Sie zu **Einstellungen > Zahlungen**.
3. Klicken Sie auf **Änderungen speichern**.
4. Klicken Sie auf **Exportieren**.
5. Drücken Sie erneut auf „Erstattung anfordern“.
"""

LOGIN_EN = """\
<!DOCTYPE html>
<html lang="en-US">
<body>
<p>Click <strong>forgot password</strong> below the field.</p>
<p>Press <kbd>Open</kbd> to see the ticket.</p>
</body>
</html>
"""

LOGIN_DE = """\
<!DOCTYPE html>
<html lang="de-DE">
<body>
<p>Klicken Sie unter dem Feld auf <strong>Kennwort vergessen</strong>.</p>
<p>Drücken Sie <kbd>Offen</kbd>, um das Ticket zu sehen.</p>
</body>
</html>
"""

REPLIES_EN = """\
password_help:
  title: Password help
  body: To set a new password, click "Forgot password?" on the sign-in page.
"""

REPLIES_DE = """\
password_help:
  title: Hilfe zum Passwort
  body: Um ein neues Passwort festzulegen, klicken Sie auf der Anmeldeseite auf „Kennwort vergessen?“.
"""

CATALOG_PATH = "app/locale/de/LC_MESSAGES/app.po"


def _repo(root: Path, config: str | None) -> Path:
    (root / ".git").mkdir()
    files = {
        CATALOG_PATH: CATALOG,
        "help/en-US/guide.md": GUIDE_EN, "help/de-DE/guide.md": GUIDE_DE,
        "help/en-US/login.html": LOGIN_EN, "help/de-DE/login.html": LOGIN_DE,
        "replies/en-US.yaml": REPLIES_EN, "replies/de-DE.yaml": REPLIES_DE,
    }
    if config is not None:
        files["l10n-qa.yaml"] = config
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def configured(tmp_path):
    return _repo(tmp_path, "source_locale: en-US\nui_catalogs: [app/locale/*/LC_MESSAGES/*.po]\n")


def _findings(result) -> list[tuple]:
    report = json.loads(result.stdout)
    assert report["errors"] == []
    return [(f["path"], f["line"], f["column"], f["end_line"], f["matched"], f["suggestion"], f["severity"])
            for f in report["findings"] if f["rule"] == "glossary.ui-label"]


EXPECTED = [
    # Bold Markdown label, translated otherwise: pointed at the German label.
    ("help/de-DE/guide.md", 3, 22, 3, "Erstattung beantragen", 'write "Erstattung anfordern"', "warning"),
    # A menu path: "Settings" is right, "Billing" is not; the finding points at that step.
    ("help/de-DE/guide.md", 4, 35, 4, "Zahlungen", 'write "Abrechnung"', "warning"),
    # <strong>, found among the msgids ignoring case and the trailing "?".
    ("help/de-DE/login.html", 4, 43, 4, "Kennwort vergessen", 'write "Passwort vergessen?"', "warning"),
    # A quoted label in a reply, in the target's own quotation marks.
    ("replies/de-DE.yaml", 3, 82, 3, "Kennwort vergessen?", 'write "Passwort vergessen?"', "warning"),
]


def test_labels_that_differ_from_the_catalog_are_reported_at_the_label(configured):
    result = l10n_qa("check", "--format", "json", "--select", "glossary.ui-label", cwd=configured)
    assert result.returncode == 0, result.stderr  # warnings only: below the default --fail-on error
    # Silent: "Save changes" (no German translation in the catalog), "Export" (not in the catalog),
    # item 5 (the catalog's "Erstattung anfordern" is in the segment, in quotes instead of bold), and
    # <kbd>Open</kbd> ("Offen" is one of the catalog's two translations of "Open").
    assert _findings(result) == EXPECTED


def test_the_message_names_the_catalog_file_and_line(configured):
    result = l10n_qa("check", "help/de-DE/guide.md", "--select", "glossary.ui-label", "-q", cwd=configured)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "help/de-DE/guide.md:3:22: warning glossary.ui-label            the UI label \"Request a refund\" reads "
        "\"Erstattung anfordern\" in the UI catalog (app/locale/de/LC_MESSAGES/app.po:7), not \"Erstattung "
        "beantragen\": name it as the screen shows it\n"
        "help/de-DE/guide.md:4:35: warning glossary.ui-label            the UI label \"Billing\" reads \"Abrechnung\" "
        "in the UI catalog (app/locale/de/LC_MESSAGES/app.po:13), not \"Zahlungen\": name it as the screen shows it\n")


def test_without_the_config_key_the_runs_own_ui_catalogs_are_used(tmp_path):
    root = _repo(tmp_path, "source_locale: en-US\n")
    result = l10n_qa("check", "--format", "json", "--select", "glossary.ui-label", cwd=root)
    assert result.returncode == 0, result.stderr
    assert _findings(result) == EXPECTED
    # An article checked on its own has no catalog in its run, and nothing to compare with.
    alone = l10n_qa("check", "help/de-DE/guide.md", "--format", "json", "--select", "glossary.ui-label", cwd=root)
    assert alone.returncode == 0, alone.stderr
    assert _findings(alone) == []


def test_a_label_missing_from_the_translation_is_reported_at_the_segment(configured):
    (configured / "help" / "de-DE" / "guide.md").write_text(
        GUIDE_DE.replace("2. Gehen Sie zu **Einstellungen > Zahlungen**.", "2. Öffnen Sie die Abrechnung."),
        encoding="utf-8")
    result = l10n_qa("check", "help/de-DE/guide.md", "--format", "json", "--select", "glossary.ui-label",
                     cwd=configured)
    report = json.loads(result.stdout)
    # Item 2 of the target marks no label: no partner to point at, so the finding is at the start of
    # the list item's text. "Abrechnung" is there (unmarked, still silent); "Einstellungen" is not.
    # Item 1 is a segment of its own and still paired label to label.
    found = [(f["line"], f["column"], f["matched"], f["suggestion"]) for f in report["findings"]]
    assert found == [(3, 22, "Erstattung beantragen", 'write "Erstattung anfordern"'),
                     (4, 4, "Settings", 'name the label "Einstellungen"')]
    assert report["findings"][1]["message"] == (
        'the source names the UI label "Settings", which reads "Einstellungen" in the UI catalog '
        "(app/locale/de/LC_MESSAGES/app.po:10); the translation does not use it")


def test_fixing_the_labels_clears_the_findings(configured):
    for name, wrong, right in (("help/de-DE/guide.md", "Erstattung beantragen", "Erstattung anfordern"),
                               ("help/de-DE/guide.md", "Zahlungen", "Abrechnung"),
                               ("help/de-DE/login.html", "Kennwort vergessen", "Passwort vergessen"),
                               ("replies/de-DE.yaml", "Kennwort vergessen?", "Passwort vergessen?")):
        path = configured / name
        path.write_text(path.read_text(encoding="utf-8").replace(wrong, right), encoding="utf-8")
    result = l10n_qa("check", "--format", "json", "--select", "glossary.ui-label", cwd=configured)
    assert result.returncode == 0, result.stderr
    assert _findings(result) == []


def test_a_pattern_that_matches_no_catalog_is_a_config_error(tmp_path):
    root = _repo(tmp_path, "source_locale: en-US\nui_catalogs: [widget/*.po]\n")
    result = l10n_qa("check", cwd=root)
    assert result.returncode == 2
    assert "ui_catalogs[0]" in result.stderr and "'widget/*.po' matches no file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_configured_catalog_that_is_no_catalog_is_an_input_error_and_the_rest_is_checked(tmp_path):
    root = _repo(tmp_path, "source_locale: en-US\nui_catalogs: [app/locale/*/LC_MESSAGES/*.po, help/en-US/guide.md]\n")
    result = l10n_qa("check", "--format", "json", "--select", "glossary.ui-label", cwd=root)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["errors"] == [{"path": "help/en-US/guide.md", "line": None,
                                 "message": "a UI catalog must be a PO, XLIFF or i18next JSON file"}]
    assert len([f for f in report["findings"] if f["rule"] == "glossary.ui-label"]) == len(EXPECTED)


def test_explain_describes_the_rule(tmp_path):
    result = l10n_qa("explain", "glossary.ui-label", cwd=tmp_path)
    assert result.returncode == 0
    assert "ui_catalogs" in result.stdout and "Erstattung anfordern" in result.stdout


def test_samples_german_refund_article_names_the_widget_button_wrongly():
    result = l10n_qa("check", "samples/help/de-DE/billing/refunds.md", "--format", "json", cwd=ROOT)
    report = json.loads(result.stdout)
    labels = [f for f in report["findings"] if f["rule"] == "glossary.ui-label"]
    assert [(f["line"], f["column"], f["matched"], f["suggestion"]) for f in labels] == [
        (14, 22, "Erstattung beantragen", 'write "Erstattung anfordern"')]
    assert "samples/widget/locale/de/LC_MESSAGES/widget.po:151" in labels[0]["message"]
    # The Japanese and Arabic articles use their catalogs' labels.
    for locale in ("ja-JP", "ar-SA"):
        other = l10n_qa("check", f"samples/help/{locale}/billing/refunds.md", "--format", "json",
                        "--select", "glossary.ui-label", cwd=ROOT)
        assert json.loads(other.stdout)["findings"] == []


MACROS_DE = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en-US" target-language="de-DE" original="macros.json" datatype="plaintext">
    <body>
      <trans-unit id="password_reset">
        <source>Click <ph id="1">&lt;b&gt;</ph>Forgot password?<ph id="2">&lt;/b&gt;</ph> on the sign-in page.</source>
        <target state="translated">Klicken Sie auf <ph id="1">&lt;b&gt;</ph>Kennwort vergessen?<ph id="2">&lt;/b&gt;</ph>.</target>
      </trans-unit>
      <trans-unit id="open_ticket">
        <source>Click <ph id="1">&lt;b&gt;</ph>Open<ph id="2">&lt;/b&gt;</ph> to see the ticket.</source>
        <target state="translated">Klicken Sie auf <ph id="1">&lt;b&gt;</ph>Öffnen<ph id="2">&lt;/b&gt;</ph>.</target>
      </trans-unit>
      <trans-unit id="refund">
        <source>Click <bpt id="1">&lt;strong&gt;</bpt>Request a refund<ept id="1">&lt;/strong&gt;</ept>.</source>
        <target state="final">Klicken Sie auf <bpt id="1">&lt;strong&gt;</bpt>Erstattung beantragen<ept id="1">&lt;/strong&gt;</ept>.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_bold_native_code_in_xliff_replies_marks_a_label(configured):
    (configured / "replies" / "macros.de-DE.xlf").write_text(MACROS_DE, encoding="utf-8")
    result = l10n_qa("check", "replies/macros.de-DE.xlf", "--format", "json", "--select", "glossary.ui-label",
                     cwd=configured)
    assert result.returncode == 0, result.stderr
    # The macro file is a reply (its path says so), not a UI catalog: its own labels are checked.
    assert _findings(result) == [("replies/macros.de-DE.xlf", 7, 77, 7, "Kennwort vergessen?",
                                  'write "Passwort vergessen?"', "warning"),
                                 ("replies/macros.de-DE.xlf", 15, 79, 15, "Erstattung beantragen",
                                  'write "Erstattung anfordern"', "warning")]


@pytest.mark.parametrize("source, target, start, end", [
    # Curly English quotes in the source, French guillemets (with no-break spaces) in the target.
    ("Click “Request a refund”.", "Cliquez sur « Demander le remboursement ».", 14, 39),
    # Japanese corner brackets in the target.
    ("Click “Request a refund”.", "「払い戻しを依頼」をクリックします。", 1, 8),
    # A kbd key in a menu path: the step after the separator.
    ("Open <kbd>Settings › Request a refund</kbd>.", "Ouvrez <kbd>Paramètres › Remboursement</kbd>.", 25, 38),
])
def test_quoted_and_kbd_labels_point_at_the_targets_label(source, target, start, end):
    from l10n_qa.checks import CheckContext, Pair
    from l10n_qa.checks.ui_labels import ui_labels
    from l10n_qa.model import FixedPosition, Locale, Segment
    from l10n_qa.packs.ui_catalog import CatalogEntry, LabelIndex

    index = LabelIndex()
    locale = "ja" if "「" in target else "fr"
    index.add(locale, CatalogEntry("Request a refund", "返金を申請" if locale == "ja" else "Demander un remboursement",
                                   "ui.po", 12))
    index.add("fr", CatalogEntry("Settings", "Paramètres", "ui.po", 20))
    segment = Segment("k", source, target, Locale.parse("en-US"), Locale.parse(locale), "a.md", FixedPosition(1, 1),
                      content_type="article")
    hits = list(ui_labels.run(Pair(segment, CheckContext(enabled=frozenset({"glossary.ui-label"}), ui_labels=index))))
    assert [(h.rule, h.start, h.end, h.matched) for h in hits] == [("glossary.ui-label", start, end, target[start:end])]
    assert hits[0].message.endswith("in the UI catalog (ui.po:12), not \"" + target[start:end]
                                    + "\": name it as the screen shows it")


def test_shards_compare_with_the_catalogs_of_the_whole_run(tmp_path):
    """The catalog is in one shard only; the articles of the other are still checked against it."""
    root = _repo(tmp_path, "source_locale: en-US\n")
    found = []
    for shard in ("1/2", "2/2"):
        result = l10n_qa("check", "--format", "json", "--select", "glossary.ui-label", "--shard", shard, cwd=root)
        assert result.returncode == 0, result.stderr
        found += _findings(result)
    assert sorted(found) == sorted(EXPECTED)


def test_i18next_json_catalogs_pair_each_key_with_the_source_locale_file(tmp_path):
    root = _repo(tmp_path, "source_locale: en-US\nui_catalogs: [web/locales/*/translation.json]\n")
    (root / CATALOG_PATH).unlink()
    for locale, refund, billing in (("en", "Request a refund", "Billing"), ("de", "Erstattung anfordern", "Abrechnung")):
        path = root / "web" / "locales" / locale / "translation.json"
        path.parent.mkdir(parents=True)
        path.write_text('{\n  "orders": {\n    "refund": "%s"\n  },\n  "menu": {"billing": "%s"}\n}\n' % (refund, billing),
                        encoding="utf-8")
    result = l10n_qa("check", "help/de-DE/guide.md", "--format", "json", "--select", "glossary.ui-label", cwd=root)
    assert result.returncode == 0, result.stderr
    assert _findings(result) == [
        ("help/de-DE/guide.md", 3, 22, 3, "Erstattung beantragen", 'write "Erstattung anfordern"', "warning"),
        ("help/de-DE/guide.md", 4, 35, 4, "Zahlungen", 'write "Abrechnung"', "warning")]
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert "(web/locales/de/translation.json:3)" in messages[0] and "(web/locales/de/translation.json:5)" in messages[1]


def test_an_i18next_catalog_without_its_source_file_is_an_input_error(tmp_path):
    root = _repo(tmp_path, "source_locale: en-US\nui_catalogs: [web/locales/*/translation.json]\n")
    path = root / "web" / "locales" / "de" / "translation.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"orders": {"refund": "Erstattung anfordern"}}\n', encoding="utf-8")
    result = l10n_qa("check", "help/de-DE/guide.md", "--format", "json", "--select", "glossary.ui-label", cwd=root)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["errors"] == [{"path": "web/locales/de/translation.json", "line": None,
                                 "message": "UI catalog: no en-US file beside it to take the source texts from "
                                            "(expected web/locales/en-US/translation.json)"}]
    assert "Traceback" not in result.stderr
