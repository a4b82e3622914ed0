"""Shared fixtures: compiled scenarios (compiled once per session) and fresh games."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import Game, load_scenario
from game.scenario.compile import Rules

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
