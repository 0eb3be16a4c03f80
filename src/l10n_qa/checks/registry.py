"""Rule metadata and the checker type.

A *rule* is what a user sees and selects (`placeholder.missing`); a *checker* is one function that
analyses a segment pair once and may emit hits for several related rules (missing, extra and altered
placeholders come from one comparison). The list of checkers lives in `l10n_qa.checks.CHECKERS`;
`l10n-qa rules`, `l10n-qa explain` and docs/rules.md are all generated from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from l10n_qa.model import Document, Hit, Rule, Segment

if TYPE_CHECKING:
    from l10n_qa.services.options import LanguageToolOptions, SpellingOptions


@dataclass(frozen=True, slots=True)
class Checker:
    name: str
    rules: tuple[Rule, ...]
    run: Callable[..., Iterable[Hit]] = field(repr=False)
    # Checkers that look at translations only when there is one; completeness runs on every unit.
    needs_translation: bool = True
    # The rule-pack checker also emits the rules of the user's packs, which only the run's registry knows.
    runs_pack_rules: bool = False


@dataclass(frozen=True, slots=True)
class DocumentChecker:
    """A check that needs a whole document at once (alignment of blocks, batched requests).

    `run(document, context)` yields (segment, hit) pairs: the segment places the hit in the file
    (its target_map and key); a hit with no span points at the start of that segment.
    """

    name: str
    rules: tuple[Rule, ...]
    run: Callable[..., Iterable[tuple[Segment, Hit]]] = field(repr=False)


@dataclass(slots=True)
class CheckContext:
    """Run-wide knowledge the checks consult, built once per process by the engine.

    Checks read it as `pair.context`; data that packs compile (glossaries, rule packs) belongs here,
    compiled once, never per segment.
    """

    enabled: frozenset[str] = frozenset()  # the selected rule ids, so a check can skip unused work
    glossary_paths: tuple[str, ...] = ()  # glossary files of the run (absolute paths)
    legal_paths: tuple[str, ...] | None = None  # legal packs of the run; None: the built-in ones
    _legalbase: object = field(default=None, repr=False, compare=False)
    _termbase: object = field(default=None, repr=False, compare=False)
    # Rule packs of the run (files), the markets each target locale is sold in and the register
    # (formal/informal) the brand uses per locale: config `rule_packs`, `markets`, `formality`.
    rule_pack_paths: tuple[str, ...] = ()
    markets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    registers: tuple[tuple[str, str], ...] = ()
    # Config `length:` limits by content set name or content type, and the checked file's content set.
    length_limits: tuple = ()  # ((name or type, model.LengthLimit), …)
    content_set: str | None = None
    # The run's UI catalogs as a label index (packs.ui_catalog.LabelIndex), built once per run; None: none.
    ui_labels: object = None
    _rule_packs: object = field(default=None, repr=False, compare=False)

    # Words and names spelling and grammar checks never report, in any locale: the config's `accept`
    # list, and (from the glossary packs) approved target terms and do-not-translate terms.
    accepted_terms: frozenset[str] = frozenset()
    languagetool: "LanguageToolOptions | None" = None  # a reachable server, prepared by the engine
    spelling: "SpellingOptions | None" = None
    # What a check could not do, said once per run: notices (the run goes on, exit code unchanged) and
    # errors as (where, message) that make the exit code 2 (e.g. LanguageTool required but down).
    notices: set[str] = field(default_factory=set)
    errors: set[tuple[str, str]] = field(default_factory=set)
    # Checks that raised, as (rule id, segment or None, exception): the engine reports each as an
    # errors entry of the file and keeps the file's other findings.
    check_failures: list = field(default_factory=list)

    @property
    def legalbase(self):
        """The run's legal packs compiled for matching (packs.legal.LegalBase), or None when switched off."""
        if self._legalbase is None:
            from l10n_qa.packs.legal import builtin_paths, load_legalbase

            paths = tuple(builtin_paths()) if self.legal_paths is None else self.legal_paths
            if not paths:
                return None
            self._legalbase = load_legalbase(paths)
        return self._legalbase

    @property
    def termbase(self):
        """The run's glossaries compiled for matching (packs.glossary.TermBase), or None.

        Read and compiled on first use in each process and cached there, never per file or segment.
        """
        if not self.glossary_paths:
            return None
        if self._termbase is None:
            from l10n_qa.packs.loading import load_termbase

            self._termbase = load_termbase(self.glossary_paths)
        return self._termbase


    @property
    def rule_packs(self):
        """The run's rule packs (packs.rulepack.PackSet), read on first use in each process, or None."""
        if not self.rule_pack_paths:
            return None
        if self._rule_packs is None:
            from l10n_qa.packs.rulepack import pack_set

            self._rule_packs = pack_set(self.rule_pack_paths, self.markets, self.registers)
        return self._rule_packs


class RuleRegistry(Mapping):
    """The rules one run knows, by id: the built-in ones plus those of the rule packs its config names.

    Built once per run (`checks.registry_for`) and carried in the run's settings, so selection,
    severities, suppressions, listings, `explain` and the SARIF rule table all read one table, in the
    main process and in workers alike. Immutable: a run with other packs builds another registry.
    """

    __slots__ = ("_rules", "pack_rules")

    def __init__(self, rules: Iterable[Rule], pack_rules: Iterable[Rule] = ()):
        self._rules: dict[str, Rule] = {rule.id: rule for rule in rules}
        # The user's pack rules: the checker with `runs_pack_rules` emits them besides its own.
        self.pack_rules: tuple[Rule, ...] = tuple(pack_rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __hash__(self) -> int:  # immutable, so usable as a frozen dataclass's default
        return hash(tuple(self._rules))

    def __reduce__(self):  # picklable for worker processes, whatever the slots
        return (RuleRegistry, (tuple(self._rules.values()), self.pack_rules))

    def extended(self, rules: Iterable[Rule], origin: Callable[[Rule], str]) -> tuple["RuleRegistry", list[str]]:
        """This registry plus `rules` (a user's pack rules), and a message for each id already taken
        by another rule (`origin(rule)` names where the clashing rule was written)."""
        known = dict(self._rules)
        added, clashes = [], []
        for rule in rules:
            existing = known.get(rule.id)
            if existing is not None:
                if existing != rule:
                    clashes.append(f"{origin(rule)}: rule {rule.id} is already defined elsewhere")
                continue
            known[rule.id] = rule
            added.append(rule)
        return RuleRegistry(known.values(), self.pack_rules + tuple(added)), clashes

    def rules_of(self, checker: "Checker | DocumentChecker") -> tuple[Rule, ...]:
        """The rules a checker may emit in this run."""
        if getattr(checker, "runs_pack_rules", False):
            return checker.rules + self.pack_rules
        return checker.rules


def document_checker(*rules: Rule):
    def wrap(func: Callable[..., Iterable[tuple[Segment, Hit]]]) -> DocumentChecker:
        return DocumentChecker(name=func.__name__, rules=rules, run=func)

    return wrap


def checker(*rules: Rule, needs_translation: bool = True, runs_pack_rules: bool = False):
    """Decorator: declare which rules a check function may emit."""

    def wrap(func: Callable[..., Iterable[Hit]]) -> Checker:
        return Checker(name=func.__name__, rules=rules, run=func, needs_translation=needs_translation,
                       runs_pack_rules=runs_pack_rules)

    return wrap
