"""Reactions (docs/rules.md step 7, docs/authoring.md) on tests/fixtures/reacting.yaml:
each trigger, each kind of memory, the condition read after the act, and what a
reaction does (effects, values set, policies moved, a draft tabled for next month).

Start: tension 30, credibility 50, approval 50 (beta 60), trust 40 (alpha.beta 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, load_scenario
from game.scenario.compile import Rules

REACTING = Path(__file__).resolve().parents[1] / "fixtures" / "reacting.yaml"
FROZEN = {"levers": {"program": "freeze"}}  # beta's programme in the open: no exposure


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(REACTING)


@pytest.fixture
def game(rules: Rules) -> Game:
    return Game(rules, seed=1)


def resolve(game: Game, orders: dict[str, dict[str, Any]] | None = None) -> None:
    game.advance()
    for actor, fields in (orders or {}).items():
        game.apply({"type": "orders", "actor": actor, **fields})
    game.advance()


def said(game: Game, *, month: int | None = None) -> list[str]:
    return [
        n["text"]
        for n in game.news
        if n["kind"] == "reaction" and (month is None or n["month"] == month)
    ]


def sig(signal: str, target: str | None = None) -> dict[str, Any]:
    return {"signals": [{"signal": signal, "target": target}]}


def test_a_signal_at_the_rung_sets_off_effects_and_a_draft_for_next_month(game: Game) -> None:
    resolve(game, {"beta": sig("missile_test", "alpha") | FROZEN})  # rung 2: not yet
    assert "triggered.alarm" not in game.v and game.unsc_drafts == []
    resolve(game, {"beta": sig("icbm_test")})  # rung 5
    assert game.v["triggered.alarm"] == 1 and game.v["reacted.alarm"] == 1
    assert game.v["triggered_month.alarm"] == 2
    assert game.v["tension"] == 38 + 20 + 5
    assert game.v["credibility.beta"] == 50 - 10 - 3  # the moratorium's end, then the alarm
    assert game.unsc_drafts == [
        {
            "id": game.unsc_drafts[0]["id"],
            "month": 3,
            "drafter": "alpha",
            "sector": "oil",
            "direction": "tighten",
            "votes": {"alpha": "yes"},
            "status": "open",
        }
    ]
    assert said(game) == ["Beta crossed the line."]
    assert [n["reaction"] for n in game.news if n["kind"] == "reaction"] == ["alarm"]
    resolve(game)  # voted on in March: alpha's own yes passes it
    assert game.unsc_drafts[0]["status"] == "passed" and game.v["un.oil"] == 3


def test_the_condition_is_read_after_the_act_and_first_means_the_first_time_set_off(
    rules: Rules,
) -> None:
    calm = Game(rules, 1)
    resolve(calm, {"beta": sig("missile_test", "gamma") | FROZEN})  # 38 after the test: < 40
    assert calm.v["triggered.noticed"] == 1 and "reacted.noticed" not in calm.v
    resolve(calm, {"beta": sig("missile_test", "gamma")})  # 46, but no longer the first
    assert calm.v["triggered.noticed"] == 2 and "reacted.noticed" not in calm.v
    assert calm.v["trust.gamma.beta"] == 40 - 5 - 5  # the two tests, no reaction
    tense = Game(rules, 1)
    tense.apply({"type": "inject", "actor": "facilitator", "news": "x", "effects": {"tension": 2}})
    resolve(tense, {"beta": sig("missile_test", "gamma") | FROZEN})  # 32 + 8 = 40
    assert tense.v["reacted.noticed"] == 1
    assert tense.v["trust.gamma.beta"] == 40 - 5 - 7  # the test's own effect, then the reaction
    assert said(tense) == ["Noticed."]


def test_within_needs_the_same_trigger_in_the_months_just_before(game: Game) -> None:
    resolve(game, {"alpha": sig("statement")})  # set off, nothing before it
    assert game.v["triggered.again"] == 1 and "reacted.again" not in game.v
    assert game.v["moratorium"] == 1
    # both state in February: once a month, set off by the first in scenario order
    resolve(game, {"gamma": sig("statement"), "alpha": sig("statement")})
    assert game.v["reacted.again"] == 1 and game.v["triggered.again"] == 2
    assert (game.v["approval.alpha"], game.v["approval.gamma"]) == (54, 50)
    assert game.v["moratorium"] == 0.5  # set, not added
    assert said(game) == ["Alpha again."]
    resolve(game)  # a quiet March
    resolve(game, {"gamma": sig("statement")})  # April: two months after February
    assert game.v["triggered.again"] == 3 and game.v["reacted.again"] == 1
    resolve(game, {"gamma": sig("statement")})  # May: one month after April
    assert game.v["reacted.again"] == 2 and game.v["approval.gamma"] == 54
    assert said(game, month=5) == ["Gamma again."]


def test_a_seen_breach_moves_the_breakers_policy_for_next_month(game: Game) -> None:
    terms = [{"actor": "beta", "lever": "program", "option": "freeze"}]
    game.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["beta"],
            "commitments": terms,
            "inspections": True,
        }
    )
    game.apply({"type": "respond", "actor": "beta", "proposal": game.open_ids[-1], "accept": True})
    reserves = game.v["reserves"]
    resolve(game)  # the programme continues: a breach in plain sight
    assert game.v["reacted.broke"] == 1
    assert game.v["reserves"] == pytest.approx(reserves - 5 - game.v["pressure"] / 50)
    assert game.policy["beta"]["program"] == "freeze"
    nukes = game.v["nukes"]
    resolve(game)  # beta gave no orders: it plays the freeze the reaction put in place
    assert game.v["nukes"] == nukes - 1
    assert said(game) == ["Beta broke a deal."]


def test_a_repeat_reaction_fires_from_the_second_veto_and_drafts_for_its_actor(
    game: Game,
) -> None:
    for month in (1, 2):
        game.apply(
            {"type": "unsc_draft", "actor": "alpha", "sector": "oil", "direction": "tighten"}
        )
        vote = {"type": "unsc_vote", "actor": "gamma", "vote": "no"}
        game.apply({**vote, "draft": game.unsc_drafts[-1]["id"]})
        resolve(game, {"beta": FROZEN} if month == 1 else None)
        assert game.v["triggered.vetoed"] == month
    assert game.v["reacted.vetoed"] == 1
    assert game.v["credibility.gamma"] == 50 - 6 - (
        4 if any(d["actor"] == "gamma" for o in game.detections.values() for d in o) else 0
    )
    draft = game.unsc_drafts[-1]
    assert (draft["drafter"], draft["sector"], draft["direction"], draft["month"]) == (
        "gamma",
        "coal",
        "relax",
        3,
    )
    assert draft["votes"] == {"gamma": "yes"}
    assert said(game) == ["Gamma vetoed again."]


def test_a_lever_moved_to_a_listed_option_by_a_listed_actor(game: Game) -> None:
    resolve(game, {"alpha": {"levers": {"aid": "food"}}})  # alpha is not in 'by'
    assert "triggered.fed" not in game.v
    resolve(game, {"gamma": {"levers": {"aid": "food"}}, "alpha": {"levers": {"aid": "none"}}})
    assert game.v["reacted.fed"] == 1
    assert game.policy["alpha"]["aid"] == "food"  # moved by the reaction, for March
    resolve(game)  # gamma keeps its food aid: no move, no new firing
    assert game.v["triggered.fed"] == 1
    resolve(game, {"gamma": {"levers": {"aid": "none"}}})  # a move, but not to food
    assert game.v["triggered.fed"] == 1
    assert said(game) == ["Gamma sends food."]
