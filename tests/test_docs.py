"""Generated documentation stays in step with the code it is generated from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rules_reference_is_up_to_date():
    generated = subprocess.run([sys.executable, "-m", "l10n_qa", "rules", "--format", "markdown"],
                               capture_output=True, text=True, check=True).stdout
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generated, (
        "docs/rules.md is stale: run `l10n-qa rules --format markdown > docs/rules.md`")


def test_every_rule_has_rationale_and_a_category_prefix():
    from l10n_qa.checks import RULES

    for rule in RULES.values():
        assert rule.rationale and rule.summary.endswith("."), rule.id
