"""What a reaction's effects can change: the trust of the one an act was aimed at
(``target``), and the UN-required enforcement levels (with the pressure that follows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, load_scenario
from game.engine.resolution import recompute_pressure
from game.errors import ScenarioError
from game.scenario.compile import Rules

AIMED = """
reactions:
  - id: aimed
    name: A test aimed at someone
    trigger: {rung: 2, by: [dprk]}
    news: "{actor} aimed a test."
    effects: {trust.target.self: -7, un.refined_petroleum: 1}
"""

VETO = """
reactions:
  - id: vetoed
    name: A veto costs the vetoer the drafter's trust
    trigger: {veto: true}
    news: "{actor} vetoed."
    set: {trust.target.self: 1}
"""


def variant(tmp_path: Path, text: str) -> Rules:
    path = tmp_path / "variant.yaml"
    path.write_text(f"extends: korea-2019\nid: variant\n{text}")
    return load_scenario(path)


def month(game: Game, orders: dict[str, dict[str, Any]]) -> None:
    game.advance()
    for actor, fields in orders.items():
        game.apply({"type": "orders", "actor": actor, **fields})
    game.advance()


def played(rules: Rules, orders: dict[str, dict[str, Any]]) -> Game:
    game = Game(rules, seed=5)
    month(game, orders)
    return game


def test_a_reaction_changes_the_targets_trust_and_a_un_level(
    tmp_path: Path, korea_rules: Rules
) -> None:
    aimed = {"dprk": {"signals": [{"signal": "srbm_test", "target": "china"}]}}
    plain, reacted = played(korea_rules, aimed), played(variant(tmp_path, AIMED), aimed)
    assert reacted.v["reacted.aimed"] == 1.0
    assert reacted.v["trust.china.dprk"] == pytest.approx(plain.v["trust.china.dprk"] - 7)
    assert reacted.v["trust.us.dprk"] == plain.v["trust.us.dprk"]  # only the one aimed at
    assert reacted.v["un.refined_petroleum"] == plain.v["un.refined_petroleum"] + 1
    # Pressure follows the UN level the same month (the rest of the world enforces it).
    assert reacted.v["pressure.refined_petroleum"] > plain.v["pressure.refined_petroleum"]
    fresh = reacted.copy()
    recompute_pressure(fresh)
    assert fresh.v["pressure"] == reacted.v["pressure"]


def test_a_reaction_that_names_its_target_needs_an_act_aimed_at_someone(
    tmp_path: Path,
) -> None:
    rules = variant(tmp_path, AIMED)
    unaimed = played(rules, {"dprk": {"signals": [{"signal": "engine_test", "target": None}]}})
    assert "reacted.aimed" not in unaimed.v and "triggered.aimed" not in unaimed.v


def test_a_veto_reaction_sets_the_drafters_trust_in_the_vetoer(tmp_path: Path) -> None:
    rules = variant(tmp_path, VETO)
    game = Game(rules, seed=4)
    game.apply(
        {
            "type": "unsc_draft",
            "actor": "us",
            "sector": "refined_petroleum",
            "direction": "tighten",
        }
    )
    draft = game.unsc_drafts[-1]["id"]
    game.apply({"type": "unsc_vote", "actor": "china", "draft": draft, "vote": "no"})
    month(game, {})
    assert game.unsc_drafts[-1]["status"] == "vetoed"
    assert game.v["trust.us.china"] == 1.0  # set, not added
    assert game.v["reacted.vetoed"] == 1.0


def test_target_in_a_reaction_is_checked_like_any_name(tmp_path: Path) -> None:
    with pytest.raises(
        ScenarioError,
        match=r"reactions\.\d+\.effects\.trust\.target\.nobody: unknown actor 'nobody'",
    ):
        variant(tmp_path, AIMED.replace("trust.target.self", "trust.target.nobody"))
