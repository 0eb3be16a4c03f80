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


def test_every_rule_in_the_reference_links_to_its_page():
    import re

    from l10n_qa.checks import RULES

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    links = re.findall(r"^### \[`([^`]+)`\]\((rules/[^)]+)\)", text, flags=re.MULTILINE)
    assert sorted(rule_id for rule_id, _ in links) == sorted(RULES)
    for rule_id, link in links:
        assert link == f"rules/{rule_id}.md" and (ROOT / "docs" / link).is_file(), link


def test_every_rule_has_rationale_and_a_category_prefix():
    from l10n_qa.checks import RULES

    for rule in RULES.values():
        assert rule.rationale and rule.summary.endswith("."), rule.id


def test_rule_pages_are_up_to_date_with_the_registry():
    """docs/rules/ holds exactly one page per built-in rule, as the generator writes it."""
    from l10n_qa.checks import RULES
    from l10n_qa.rule_pages import pages

    folder = ROOT / "docs" / "rules"
    wanted = pages()
    assert set(wanted) == {f"{rule_id}.md" for rule_id in RULES}
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}
    assert sorted(on_disk) == sorted(wanted), "run `python -m l10n_qa.rule_pages docs/rules`"
    stale = [name for name in wanted if on_disk[name] != wanted[name]]
    assert stale == [], f"stale rule pages {stale}: run `python -m l10n_qa.rule_pages docs/rules`"


def test_a_rule_page_says_what_the_registry_says():
    from l10n_qa.checks import RULES

    rule = RULES["number.changed"]
    text = (ROOT / "docs" / "rules" / "number.changed.md").read_text(encoding="utf-8")
    assert text.startswith("# `number.changed`\n")
    for fact in (rule.summary, rule.rationale, "| Category | `number` |", f"| Default severity | {rule.severity.label} |",
                 f"| `{rule.example[0]}` | `{rule.example[1]}` | `{rule.example[2]}` |"):
        assert fact in text


def test_the_generator_writes_every_page_and_removes_stale_ones(tmp_path):
    from l10n_qa.checks import RULES

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "placeholder.gone.md").write_text("# a rule that no longer exists\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "l10n_qa.rule_pages", str(folder)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{len(RULES)} rule pages in {folder}, 1 stale removed\n"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{rule_id}.md" for rule_id in RULES)
    assert (folder / "number.changed.md").read_text(encoding="utf-8") == (
        ROOT / "docs" / "rules" / "number.changed.md").read_text(encoding="utf-8")
    usage = subprocess.run([sys.executable, "-m", "l10n_qa.rule_pages"], capture_output=True, text=True)
    assert usage.returncode == 2 and usage.stderr.startswith("usage: python -m l10n_qa.rule_pages FOLDER")
