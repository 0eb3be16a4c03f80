"""The limits that keep small hostile inputs from costing unbounded time or memory (design §10).

Each has a default that no real support content comes near, and an environment variable to raise
it (docs/limits.md). They are read when first used, so a test or a worker process sees the same
values as the run that started it.
"""

from __future__ import annotations

import os


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 and value == value and value != float("inf") else default


def max_file_bytes() -> int:
    """A file larger than this is reported, not read (L10N_QA_MAX_FILE_MB, default 20)."""
    return int(_number("L10N_QA_MAX_FILE_MB", 20) * 1024 * 1024)


def max_nesting() -> int:
    """Deepest nesting of YAML, JSON and TOML collections read (L10N_QA_MAX_NESTING, default 100)."""
    return int(_number("L10N_QA_MAX_NESTING", 100))


def alias_budget() -> int:
    """How many values YAML aliases may add by expansion, per file (L10N_QA_MAX_YAML_ALIAS_VALUES,
    default 10,000): enough for any real use of anchors, far from an alias bomb's billions."""
    return int(_number("L10N_QA_MAX_YAML_ALIAS_VALUES", 10_000))


def sentence_split_seconds() -> float:
    """Seconds (wall clock) one process may spend splitting policy paragraphs into sentences
    (L10N_QA_SENTENCE_SPLIT_SECONDS, default 20); after it, paragraphs are paired whole."""
    return _number("L10N_QA_SENTENCE_SPLIT_SECONDS", 20)


def max_pattern_chars() -> int:
    """Longest regular expression a rule pack or glossary may hold (L10N_QA_MAX_PATTERN_CHARS,
    default 5,000)."""
    return int(_number("L10N_QA_MAX_PATTERN_CHARS", 5_000))


def max_pattern_expansion() -> int:
    """Most items a regular expression's counted repeats may multiply out to when compiled
    (L10N_QA_MAX_PATTERN_EXPANSION, default 100,000; `a{500}` is 500)."""
    return int(_number("L10N_QA_MAX_PATTERN_EXPANSION", 100_000))


def regex_seconds() -> float:
    """Seconds (wall clock) one process may lose to user regular expressions that time out, all
    together (L10N_QA_REGEX_SECONDS, default 10); then no user expression is matched any more."""
    return _number("L10N_QA_REGEX_SECONDS", 10)


def max_findings_per_rule() -> int:
    """Findings of one rule listed per segment; the rest are one finding that counts them
    (L10N_QA_MAX_FINDINGS_PER_RULE, default 20)."""
    return int(_number("L10N_QA_MAX_FINDINGS_PER_RULE", 20))
