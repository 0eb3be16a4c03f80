"""Regular expressions written by users (rule packs, glossary `pattern:`): bounded to compile and to match.

Compiling: a pattern longer than limits.max_pattern_chars, or whose repeats multiply out beyond
limits.max_pattern_expansion (`(?:(?:a{500}){500}){50}` is 25 characters but 12.5 million `a`s
for the compiler: D66, 5 GB), is refused with a message before the `regex` module sees it.

Matching: every match gets at most REGEX_TIMEOUT seconds per text; an expression that times out once
is not used again in the run, and the time lost to timeouts is capped per process by
limits.regex_seconds (D64: a limit per text alone let one bad rule over 400 entries take 100 s).
A timeout, and the budget running out, become notices (`drain_notices`), so a run never silently
stops applying a rule.
"""

from __future__ import annotations

import time

import regex

from l10n_qa import limits

# A user's regular expression gets this long per text before it is abandoned (catastrophic backtracking).
REGEX_TIMEOUT = 0.25

_spent = 0.0
_notices: set[str] = set()
_stopped: set[tuple[str, str]] = set()  # (what, pattern) of expressions that timed out


class PatternTooLarge(ValueError):
    pass


def check_size(expression: str) -> None:
    """Raise PatternTooLarge when `expression` is longer, or expands larger, than the limits allow."""
    if len(expression) > limits.max_pattern_chars():
        raise PatternTooLarge(f"the regular expression is {len(expression):,} characters long, more than the "
                              f"{limits.max_pattern_chars():,} allowed (L10N_QA_MAX_PATTERN_CHARS)")
    size = expanded_size(expression)
    if size > limits.max_pattern_expansion():
        raise PatternTooLarge(f"the regular expression's repeats multiply out to about {size:,} items, more than "
                              f"the {limits.max_pattern_expansion():,} allowed (L10N_QA_MAX_PATTERN_EXPANSION): "
                              "use `+` or `*`, or smaller counts")


def compile_user(expression: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile` after check_size (raises PatternTooLarge or regex.error)."""
    check_size(expression)
    return regex.compile(expression, flags)


def expanded_size(expression: str) -> int:
    """About how many items the compiler makes of `expression` when it unrolls counted repeats
    (`x{n}`, `x{n,m}`): each item counted once, times the counts of the repeats around it. An
    estimate, not a parser: good enough to tell a real pattern (< 1,000) from a bomb (millions)."""
    stack = [0]  # size of each open group's content so far
    last = 0  # size of the last item (an atom or a closed group): what a following quantifier repeats
    i = 0
    n = len(expression)
    while i < n:
        char = expression[i]
        if char == "\\":
            i += 2
            last = 1
            stack[-1] += 1
            continue
        if char == "[":  # a class is one item: skip to its closing `]` (a `]` first in it is literal)
            j = i + 1
            if j < n and expression[j] == "^":
                j += 1
            if j < n and expression[j] == "]":
                j += 1
            while j < n and expression[j] != "]":
                j += 2 if expression[j] == "\\" else 1
            i = j + 1
            last = 1
            stack[-1] += 1
            continue
        if char == "(":
            stack.append(0)
            last = 0
            if expression.startswith("?", i + 1):  # a group's header ((?:, (?P<name>, (?<=, (?i)) is no item
                j = i + 2
                if expression.startswith(("P<", "<") , j) and not expression.startswith(("<=", "<!"), j):
                    j = expression.find(">", j) + 1 or n
                else:
                    while j < n and expression[j] in "<=!>:aiLmsuxVbefrw0123456789-^":
                        j += 1
                        if expression[j - 1] in ":=!>":
                            break
                i = j
                continue
        elif char == ")":
            inner = stack.pop() if len(stack) > 1 else 0
            last = max(inner, 1)
            stack[-1] += last
        elif char == "{":
            close = expression.find("}", i)
            counts = expression[i + 1:close].split(",") if close != -1 else []
            if close != -1 and 1 <= len(counts) <= 2 and all(c.strip().isdigit() or c.strip() == "" for c in counts) \
                    and counts[0].strip():
                top = max(int(c) for c in counts if c.strip())
                if len(counts) == 2 and not counts[1].strip():
                    top += 1  # `{n,}`: unrolled n times, then a loop
                stack[-1] += last * (top - 1)
                last *= top
                i = close + 1
                continue
            last = 1
            stack[-1] += 1
        elif char in "|*+?":
            pass  # alternatives add up; `*`, `+` and `?` loop without unrolling
        else:
            last = 1
            stack[-1] += 1
        i += 1
    return sum(stack)


def finditer(compiled: regex.Pattern, text: str, what: str) -> list:
    """The matches of a user's expression in `text`, within its time limits; `what` names the
    expression in a notice ("rule typography.evil")."""
    global _spent
    key = (what, compiled.pattern)
    if key in _stopped:
        return []
    budget = limits.regex_seconds()
    if _spent >= budget:
        _notices.add(f"regular expressions of rule packs and glossaries timed out for {budget:g} s in all in this "
                     "run: none was matched against the remaining texts (L10N_QA_REGEX_SECONDS; docs/limits.md)")
        return []
    started = time.monotonic()
    try:
        return list(compiled.finditer(text, timeout=min(REGEX_TIMEOUT, budget - _spent)))
    except TimeoutError:
        # Only time lost to timeouts counts against the run's budget: ordinary expressions never
        # touch it, however many texts a run has. One that timed out is not tried again this run.
        _spent += time.monotonic() - started
        _stopped.add(key)
        _notices.add(f"{what}: its regular expression took longer than {REGEX_TIMEOUT:g} s on one text and was not "
                     "used for the rest of the run (catastrophic backtracking?): simplify it, e.g. without nested "
                     "repeats such as `(a|aa)+`")
        return []


def drain_notices() -> set[str]:
    """The notices gathered since the last call (the engine adds them to the file just checked)."""
    found = set(_notices)
    _notices.clear()
    return found
