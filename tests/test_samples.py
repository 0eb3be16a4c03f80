"""The bundled demo: `l10n-qa check samples/` reports exactly the mistakes samples/expected.yaml lists."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def expected_findings(*options: str) -> set[tuple[str, int, str]]:
    """(path, line, rule) of the documented mistakes a run with these options (spelling, grammar) reports."""
    entries = yaml.safe_load((ROOT / "samples" / "expected.yaml").read_text())
    return {(e["path"], e["line"], e["rule"]) for e in entries if e.get("with") in (None, *options)}


def test_samples_report_exactly_the_documented_mistakes():
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "samples/", "--format", "json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == []
    expected = expected_findings()
    found = {(f["path"], f["line"], f["rule"]) for f in report["findings"]}
    assert found - expected == set(), "findings not documented in samples/expected.yaml (false positives?)"
    assert expected - found == set(), "documented mistakes the tool no longer finds"
    assert {f["locale"] for f in report["findings"]} == {"de", "fr", "ar", "ja", "de-DE", "fr-FR", "ar-SA", "ja-JP",
                                                         "es-ES", "pt-BR", "he-IL", "it-IT", "nl-NL"}


def test_samples_help_center_reports_structure_at_the_real_position():
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "samples/help/fr-FR/billing/refunds.md", "-q"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == ("samples/help/fr-FR/billing/refunds.md:14:4: error   structure.missing            "
                             'list item "Click Request a refund." of the source is missing here\n')


def test_samples_text_report_shows_the_mistake_in_context():
    result = subprocess.run([sys.executable, "-m", "l10n_qa", "check", "samples/replies/macros.de-DE.xlf"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    out = result.stdout
    assert "placeholder.altered" in out and "{{ticket.requester.vorname}}" in out
    assert "fix    use `{{ticket.requester.first_name}}` exactly as in the source" in out
