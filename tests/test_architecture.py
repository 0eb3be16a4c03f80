"""The house rules of the code (docs/architecture.md): no import circles, and one rule registry per
run that the user's packs extend without touching the built-in one."""

from __future__ import annotations

import ast
from pathlib import Path

import l10n_qa
from l10n_qa.checks import CHECKERS, RULES, registry_for
from l10n_qa.engine import active_checkers
from l10n_qa.packs.rulepack import display_path
from l10n_qa.settings import Settings

PACKAGE = Path(l10n_qa.__file__).parent

USER_PACK = """\
pack: acme-voice
rules:
  - id: culture.old-brand-name
    kind: prefer
    patterns: [Acme Classic]
    suggestion: Acme One
    message: '"{match}" was renamed'
    rationale: The product was renamed in 2024.
"""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module → the package modules it imports, lazily or not, type-checking imports included."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("l10n_qa"):
                candidates = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            edges |= {c for c in candidates if c in modules and c != name}
        graph[name] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circles():
    assert _cycles(_imports()) == []


def test_formats_and_checks_do_not_import_the_stages_above_them():
    graph = _imports()
    above = {"l10n_qa.cli", "l10n_qa.engine", "l10n_qa.pairing", "l10n_qa.discover", "l10n_qa.reporters"}
    for module, imported in graph.items():
        if module.startswith(("l10n_qa.formats", "l10n_qa.checks")):
            assert not {m for m in imported if m in above or m.startswith("l10n_qa.reporters.")}, module


def test_a_users_pack_extends_the_run_registry_not_the_builtin_one(tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    registry, clashes = registry_for([str(pack)])
    assert clashes == []
    assert "culture.old-brand-name" in registry and "culture.old-brand-name" not in RULES
    assert len(registry) == len(RULES) + 1
    pack_checker = next(c for c in CHECKERS if c.runs_pack_rules)
    assert registry["culture.old-brand-name"] in registry.rules_of(pack_checker)
    # Selecting only the user's rule runs the pack checker, and nothing else.
    settings = Settings.build(select=("culture.old-brand-name",), registry=registry)
    assert settings.enabled == {"culture.old-brand-name"}
    assert active_checkers(settings) == (pack_checker,)


def test_a_pack_rule_with_a_builtin_id_is_a_clash(tmp_path):
    pack = tmp_path / "clash.yaml"
    pack.write_text(USER_PACK.replace("culture.old-brand-name", "culture.christmas-greeting"), encoding="utf-8")
    registry, clashes = registry_for([str(pack)])
    # The message names the pack as reports do (relative to the working folder when that is shorter).
    assert clashes == [f"{display_path(pack)}: rule culture.christmas-greeting is already defined elsewhere"]
    assert registry["culture.christmas-greeting"] == RULES["culture.christmas-greeting"]
