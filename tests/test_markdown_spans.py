"""Every finding's span in a Markdown article covers the offending text: not the link syntax after
it, not the `<table>` line far above a cell, not the line break before a Docusaurus `:::` marker.
The pairs are minimal versions of false alarms seen on real help centers and policies."""

from __future__ import annotations

import json
import subprocess
import sys

from content_helpers import check_tree, write_tree


def spans(report):
    return [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in report.findings]


def test_a_span_in_link_text_ends_at_the_text_not_in_the_link_destination(tmp_path):
    write_tree(tmp_path, {
        "help/en/a.md": "Check [Have I Been Pwned](https://haveibeenpwned.com/) first.\n\n"
                        "Open **[Settings](https://a.example/s)** now.\n",
        "help/fr/a.md": "Vérifiez [Have I Been Pwned?](https://haveibeenpwned.com/) avant tout.\n\n"
                        "Ouvrez **[Paramètres!](https://a.example/s)** maintenant.\n",
    })
    (tmp_path / ".git").mkdir()
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "help/fr/a.md", "-f", "json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    found = [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in json.loads(result.stdout)["findings"]]
    # The `?` at column 28 and the `!` at column 21, one character each (it ran on to column 59,
    # the end of `](https://haveibeenpwned.com/)`).
    assert found == [
        ("typography.french-space-missing", 1, 28, 1, 29),
        ("typography.french-space-missing", 3, 21, 3, 22),
    ]


def test_docusaurus_note_markers_are_markup_and_the_note_is_its_own_block(tmp_path):
    write_tree(tmp_path, {
        "docs/en/a.md": ":::note\nYou can verify the signature with the `gpg` tool. Read more on GitHub.\n:::\n\n"
                        ":::tip[Good to know]\n\nRestart the app after an update.\n\n:::\n",
        "docs/fr/a.md": ":::note\nVous pouvez vérifier la signature avec l’outil `gpg`. En savoir plus sur GitHub.\n:::\n\n"
                        ":::tip[Bon à savoir]\n\nRedémarrez l’application après une mise à jour.\n\n:::\n",
    })
    # Before, `:::note … :::` was one paragraph and the French rule fired on the empty span of the
    # line break before the closing `:::` (line 2, column 80 to line 3, column 1).
    assert spans(check_tree(tmp_path, "docs/fr/a.md")) == []


def test_a_text_left_in_english_inside_a_note_points_at_its_own_line(tmp_path):
    write_tree(tmp_path, {
        "docs/en/a.md": ":::note\nKeep your recovery key in a safe place.\n:::\n",
        "docs/de/a.md": ":::note\nKeep your recovery key in a safe place.\n:::\n",
    })
    assert spans(check_tree(tmp_path, "docs/de/a.md", select=("completeness.untranslated",))) == [
        ("completeness.untranslated", 2, 1, 2, 40)]


def test_colons_in_fenced_code_are_not_taken_for_markers(tmp_path):
    write_tree(tmp_path, {
        "docs/en/a.md": "```\n:::note\n```\n",
        "docs/de/a.md": "```\n:::tip\n```\n",
    })
    assert spans(check_tree(tmp_path, "docs/de/a.md", select=("structure.code-changed",))) == [
        ("structure.code-changed", 2, 1, 2, 7)]


TABLE_SOURCE = """# Data we use

<table>
  <thead>
    <tr>
      <th>Purpose</th>
      <th>Data</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <td>To provide the service.</td>
      <td>Your account data.</td>
    </tr>
    <tr>
      <td>To keep backups for 2 years.</td>
      <td>Your files.</td>
    </tr>
  </tbody>
</table>
"""

TABLE_TARGET = """# Données que nous utilisons

<table>
  <thead>
    <tr>
      <th>Finalité</th>
      <th>Données</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <td>Pour fournir le service.</td>
      <td>Les données de votre compte.</td>
    </tr>
    <tr>
      <td>Pour conserver des sauvegardes longtemps.</td>
      <td>Vos fichiers.</td>
    </tr>
  </tbody>
</table>
"""


def test_a_finding_in_an_html_table_points_at_its_cell_not_at_the_table(tmp_path):
    write_tree(tmp_path, {"legal/en/p.md": TABLE_SOURCE, "legal/fr/p.md": TABLE_TARGET})
    report = check_tree(tmp_path, "legal/fr/p.md", select=("number",))
    # The number of the source's cell on line 16 is missing: the finding is at the start of that
    # cell, where it was at the `<table>` on line 3.
    assert spans(report) == [("number.missing", 16, 11, 16, 11)]
    assert report.errors == []


def test_a_changed_number_in_an_html_table_cell_has_its_exact_span(tmp_path):
    write_tree(tmp_path, {"legal/en/p.md": TABLE_SOURCE,
                          "legal/fr/p.md": TABLE_TARGET.replace("longtemps", "pendant 3 ans")})
    report = check_tree(tmp_path, "legal/fr/p.md", select=("number",))
    assert spans(report) == [("number.changed", 16, 50, 16, 51)]
