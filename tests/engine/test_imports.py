"""Dependencies in game/engine run one way: no import circles, no imports hidden at the
bottom of a file (``noqa: E402``) or inside functions to dodge one.

The state module (:mod:`game.engine.state`) is data; the rules import it; ``game.py``
is the front that imports the rules at its top (python-chess: nothing imports back into
the ``Board``)."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "game" / "engine"


def engine_imports(tree: ast.Module) -> list[tuple[str, ast.stmt, bool]]:
    """Each import of an engine module in ``tree``: (module name, node, inside a
    function). Imports under ``if TYPE_CHECKING:`` count: a circle for the type checker
    is still a circle of the design."""
    found: list[tuple[str, ast.stmt, bool]] = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                if child.module == "game.engine":
                    for alias in child.names:
                        found.append((f"game.engine.{alias.name}", child, inner))
                elif child.module.startswith("game.engine."):
                    found.append((child.module, child, inner))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("game.engine."):
                        found.append((alias.name, child, inner))
            walk(child, inner)

    walk(tree, False)
    return found


def graph() -> dict[str, set[str]]:
    """Engine module -> the engine modules it imports."""
    out: dict[str, set[str]] = {}
    for path in sorted(ENGINE.glob("*.py")):
        name = f"game.engine.{path.stem}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out[name] = {m for m, _, _ in engine_imports(tree) if m != name}
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle found by a depth-first walk (each as the modules around it)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_the_engine_has_no_import_circle() -> None:
    edges = graph()
    assert len(edges) >= 10, "the walk must find the engine's modules"
    assert "game.engine.state" in edges["game.engine.actions"]
    assert cycles(edges) == []


def test_the_state_module_imports_no_rules() -> None:
    assert graph()["game.engine.state"] <= {"game.engine.tables", "game.engine.records"}
    assert graph()["game.engine.records"] == set()
    assert graph()["game.engine.tables"] == set()


def test_no_import_is_hidden_at_the_bottom_or_inside_a_function() -> None:
    offenders = []
    for path in sorted(ENGINE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "noqa: E402" in text:
            offenders.append(f"{path.name}: noqa: E402")
        for module, node, in_function in engine_imports(ast.parse(text)):
            if in_function:
                offenders.append(f"{path.name}:{node.lineno}: imports {module} in a function")
    assert offenders == []


def test_the_checks_can_fail() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from game.engine.game import Game\n"
        "def f():\n    from game.engine import view\n"
    )
    assert [(m, inner) for m, _, inner in engine_imports(tree)] == [
        ("game.engine.game", False),
        ("game.engine.view", True),
    ]
