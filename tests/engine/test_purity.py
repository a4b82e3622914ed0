"""The rules core is pure: no I/O, asyncio, sockets, threads or pygame anywhere in it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = [ROOT / "game" / "engine", ROOT / "game" / "scenario"]
# The loader reads scenario files: it is the edge, allowed pathlib but nothing else below.
FORBIDDEN = {
    "asyncio",
    "socket",
    "pygame",
    "pygame_gui",
    "websockets",
    "threading",
    "subprocess",
    "sqlite3",
    "multiprocessing",
    "concurrent",
    "http",
    "urllib",
    "requests",
    "time",
    "server",
    "game.client",
    "game.protocol",
    "select",
    "selectors",
    "signal",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_imports_nothing_impure() -> None:
    offenders = []
    files = [p for d in CORE for p in d.rglob("*.py")]
    assert len(files) >= 8, "the walk must actually find the core's modules"
    for path in files:
        for name in imported_modules(path):
            top = name.split(".")[0]
            if (
                top in FORBIDDEN
                or name in FORBIDDEN
                or any(name.startswith(f + ".") for f in FORBIDDEN)
            ):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_only_the_client_imports_pygame() -> None:
    offenders = []
    for path in (ROOT / "game").rglob("*.py"):
        if "client" in path.relative_to(ROOT / "game").parts:
            continue
        if any(n.split(".")[0] in ("pygame", "pygame_gui") for n in imported_modules(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_check_catches_an_impure_module(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import asyncio\nfrom socket import socket\n")
    assert {"asyncio", "socket"} <= imported_modules(bad)
