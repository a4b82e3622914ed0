"""Shared fixtures: compiled scenarios (compiled once per session) and fresh games; and a
guard that the test run leaves the working tree as it found it (tests write only to
temporary folders)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Headless by default (the docstring examples of game/client import pygame too).
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("MPLBACKEND", "Agg")
from game import Game, load_scenario
from game.scenario.compile import Rules

# Not a first run (no tutorial offer over the first frame), and never the user's own config.
_CONFIG = Path(tempfile.mkdtemp(prefix="sixparty-config-"))
(_CONFIG / "played").write_text("tests\n", encoding="utf-8")
os.environ["SIXPARTY_CONFIG_DIR"] = str(_CONFIG)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def dirty_paths(root: Path) -> set[str] | None:
    """The paths ``git status`` lists as changed or new (not ignored); None outside a git
    checkout."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return None
    out = subprocess.run(
        [git, "status", "--porcelain", "-z", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if out.returncode != 0:
        return None
    return {entry[3:] for entry in filter(None, out.stdout.decode().split("\0"))}


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@pytest.fixture(scope="session", autouse=True)
def tree_left_as_found() -> Iterator[None]:
    """Fail the run if the tests changed, added or deleted a file of the working tree
    (tracked, or new and not ignored): tests write only to temporary folders.

    A path counts when ``git status`` lists it after the run but not before, or when a
    path it listed before was written or deleted during the run (committing meanwhile
    is not a change)."""
    before = dirty_paths(ROOT)
    stamps = {p: _stamp(ROOT / p) for p in before or ()}
    yield
    after = dirty_paths(ROOT)
    if before is None or after is None:
        return
    changed = sorted((after - before) | {p for p in before if _stamp(ROOT / p) != stamps[p]})
    assert not changed, (
        "the test run changed the working tree (tests must write only to temporary "
        "folders): " + ", ".join(changed)
    )


@pytest.fixture(scope="session")
def mini_rules() -> Rules:
    """The three-actor test scenario."""
    return load_scenario(FIXTURES / "mini.yaml")


@pytest.fixture(scope="session")
def korea_rules() -> Rules:
    """The default scenario, Korea 2019."""
    return load_scenario("korea-2019")


@pytest.fixture
def mini(mini_rules: Rules) -> Game:
    """A fresh game of the mini scenario, seed 1."""
    return Game(mini_rules, seed=1)
