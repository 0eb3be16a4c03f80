"""A rule's explanation as `l10n-qa explain` prints it, as the editor server's hover shows it
(Markdown) and as the rules reference pages give it: written once, from the rule registry."""

from __future__ import annotations

from l10n_qa.fixes import FIX_SUMMARIES
from l10n_qa.model import Rule


def explain_text(rule: Rule) -> str:
    """Plain text: what `l10n-qa explain RULE` prints."""
    lines = [f"{rule.id}  ({rule.category}, {rule.severity.label} by default)", "", rule.summary, "", rule.rationale]
    if rule.example:
        source, bad, good = rule.example
        lines += ["", "Example:", f"  source: {source}", f"  wrong:  {bad}", f"  right:  {good}"]
    if rule.id in FIX_SUMMARIES:
        lines += ["", f"Fixable [*] with `l10n-qa check --fix`: {FIX_SUMMARIES[rule.id]}."]
    return "\n".join(lines)


def _code(text: str) -> str:
    """Inline Markdown code that survives backticks and table pipes in the text."""
    fence = "``" if "`" in text else "`"
    padded = f" {text} " if fence == "``" else text
    return f"{fence}{padded}{fence}".replace("|", "\\|")


def explain_markdown(rule: Rule) -> str:
    """Markdown: the same facts, for an editor's hover."""
    pack = f", rule pack `{rule.pack}`" if rule.pack else ""
    lines = [f"**{rule.id}** ({rule.category}, {rule.severity.label} by default{pack})", "", rule.summary, "",
             rule.rationale]
    if rule.example:
        lines += ["", example_table(rule)]
    if rule.id in FIX_SUMMARIES:
        lines += ["", f"Fixable with `l10n-qa check --fix`: {FIX_SUMMARIES[rule.id]}."]
    return "\n".join(lines)


def example_table(rule: Rule) -> str:
    source, bad, good = rule.example
    return "| source | wrong | right |\n|---|---|---|\n| " + " | ".join(_code(t) for t in (source, bad, good)) + " |"
