"""Reactions (rules that fire on acts, with memory), the tension floor (a ratchet), and
events that hold a summit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, load_scenario
from game.engine.resolution import fire_event
from game.errors import ScenarioError
from game.scenario.compile import Rules


def resolve(game: Game, orders: dict[str, dict[str, Any]] | None = None) -> None:
    game.advance()
    for actor, fields in (orders or {}).items():
        game.apply({"type": "orders", "actor": actor, **fields})
    game.advance()


def variant(tmp_path: Path, text: str) -> Rules:
    path = tmp_path / "variant.yaml"
    path.write_text(f"extends: korea-2019\nid: variant\n{text}")
    return load_scenario(path)


def test_a_long_range_test_brings_the_snapback_draft(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=4)
    resolve(game, {"dprk": {"signals": [{"signal": "srbm_test", "target": "us"}]}})
    assert game.unsc_drafts == [] and game.v.get("reacted.snapback", 0.0) == 0.0
    resolve(game, {"dprk": {"signals": [{"signal": "icbm_test"}]}})
    draft = game.unsc_drafts[-1]
    assert (draft["drafter"], draft["sector"], draft["direction"]) == (
        "us",
        "refined_petroleum",
        "tighten",
    )
    assert draft["status"] == "open" and draft["month"] == 3
    assert game.v["reacted.snapback"] == 1.0
    news = [n for n in game.news if n["kind"] == "reaction" and n["month"] == 2]
    assert news and news[0]["text"].startswith("North Korea has tested")  # the first of month 2
    # The Security Council votes on it next month: China may veto it.
    assert draft["id"] in game.legal_actions("china")["unsc_vote"]


MEMORY = """
reactions:
  - id: first_breach
    name: First breach
    trigger: {breach: true}
    times: first
    news: "{actor} broke its word."
    effects: {credibility.self: -10}
  - id: repeat_tests
    name: Tests again within two months
    trigger: {signals: [srbm_test], by: [dprk]}
    within: 2
    news: Another test.
    effects: {tension: 7}
    levers: {japan: {japan_posture: maximum_pressure}}
  - id: veto_noted
    name: A veto
    trigger: {veto: true}
    times: repeat
    news: "{actor} vetoed again."
    effects: {trust.us.self: -5}
  - id: stance_moved
    name: The US offers relief
    trigger: {lever: us_stance, options: [step_by_step, freeze_for_relief]}
    news: Washington moves.
    effects: {trust.dprk.us: 4}
"""


def test_reactions_remember_first_time_repeats_and_recent_acts(tmp_path: Path) -> None:
    rules = variant(tmp_path, MEMORY)
    game = Game(rules, seed=4)
    test = {"signals": [{"signal": "srbm_test", "target": "us"}]}
    resolve(game, {"dprk": test, "us": {"levers": {"us_stance": "step_by_step"}}})
    assert game.v["triggered.repeat_tests"] == 1.0
    assert game.v.get("reacted.repeat_tests", 0.0) == 0.0  # the first: nothing before it
    assert game.v["reacted.stance_moved"] == 1.0  # the stance moved to an offer
    resolve(game, {"japan": {"levers": {"japan_posture": "engagement"}}})  # a quiet month
    resolve(game, {"dprk": test})  # again, within two months of the first
    assert game.v["reacted.repeat_tests"] == 1.0
    assert game.policy["japan"]["japan_posture"] == "maximum_pressure"  # moved back
    assert game.v.get("reacted.stance_moved", 0.0) == 1.0  # no move since: no new firing
    resolve(game)
    resolve(game)
    resolve(game, {"dprk": test})  # three months later: not within two
    assert game.v["triggered.repeat_tests"] == 3.0 and game.v["reacted.repeat_tests"] == 1.0


def test_a_vetoed_draft_sets_off_a_repeat_only_reaction_the_second_time(tmp_path: Path) -> None:
    rules = variant(tmp_path, MEMORY)
    game = Game(rules, seed=4)
    for month in (1, 2):
        game.apply(
            {"type": "unsc_draft", "actor": "us", "sector": "finance", "direction": "tighten"}
        )
        draft = game.unsc_drafts[-1]["id"]
        game.apply({"type": "unsc_vote", "actor": "china", "draft": draft, "vote": "no"})
        resolve(game)
        assert game.v["triggered.veto_noted"] == month
    assert game.v["reacted.veto_noted"] == 1.0
    assert [n["text"] for n in game.news if n["kind"] == "reaction"] == ["China vetoed again."]


def test_reaction_names_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="unknown signal 'icbm'"):
        variant(
            tmp_path,
            "reactions:\n  - {id: r, name: R, trigger: {signals: [icbm]}, news: x}\n",
        )
    with pytest.raises(ScenarioError, match="say what sets it off"):
        variant(tmp_path, "reactions:\n  - {id: r, name: R, trigger: {}, news: x}\n")
    with pytest.raises(ScenarioError, match="'japan' is not a P5 member"):
        variant(
            tmp_path,
            "reactions:\n  - {id: r, name: R, trigger: {veto: true}, news: x,"
            " unsc_draft: {drafter: japan, sector: finance, direction: tighten}}\n",
        )
    with pytest.raises(ScenarioError, match=r"news may use only \{actor\}"):
        variant(
            tmp_path, "reactions:\n  - {id: r, name: R, trigger: {veto: true}, news: '{who}'}\n"
        )


def test_a_tension_floor_holds_drift_but_not_deals(tmp_path: Path) -> None:
    rules = variant(tmp_path, "tension:\n  floor: 40\n")
    game = Game(rules, seed=4)
    game.v["tension"] = 45.0
    resolve(game)
    resolve(game)
    assert game.v["tension"] >= 40.0 - 1e-9  # drift stops at the floor
    plain = Game(load_scenario("korea-2019"), seed=4)
    plain.v["tension"] = 45.0
    resolve(plain)
    resolve(plain)
    assert plain.v["tension"] < 40.0  # without it, drift goes on


def test_panmunjom_is_a_summit(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=4)
    ev = next(e for e in korea_rules.events if e.id == "dmz_meeting")
    prestige = game.v["prestige.us"]
    fire_event(game, ev)
    assert game.v["summits.us"] == 1.0 and game.v["summits.dprk"] == 1.0
    assert game.v["summits"] == 1.0
    assert game.v["prestige.us"] > prestige  # the summit's effects, from negotiation.summits
    assert game.v.get("summits_failed.us", 0.0) == 0.0
