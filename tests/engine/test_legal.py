"""``legal_actions(actor)``: the whole action space at each moment of a month, on the
scored mini scenario (alpha and gamma are P5 members holding aid and sanctions; beta
holds the programme and the missile tests), and the facilitator's controls that move
the game on (advance to resolution, pause and resume)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game import Game, load_scenario
from game.scenario.compile import Rules

SCORED = Path(__file__).resolve().parents[1] / "fixtures" / "scored.yaml"
SANCTIONS = ["ignore", "lax", "enforce", "maximum"]
HOLDINGS = {
    "alpha": {"aid": ["none", "food"], "sanctions_coal": SANCTIONS, "sanctions_oil": SANCTIONS},
    "beta": {"program": ["freeze", "continue"]},
    "gamma": {"aid": ["none", "food"], "sanctions_coal": SANCTIONS, "sanctions_oil": SANCTIONS},
}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(SCORED)


@pytest.fixture
def game(rules: Rules) -> Game:
    return Game(rules, seed=1)


def space(game: Game, actor: str) -> dict[str, Any]:
    """The action space as plain data (key order kept)."""
    return json.loads(json.dumps(game.legal_actions(actor)))  # type: ignore[no-any-return]


def test_the_opening_space_of_a_non_member_and_of_a_p5_member(game: Game) -> None:
    beta = space(game, "beta")
    assert list(beta) == [
        "phase", "month", "types", "partners", "levers", "signals", "max_signals",
        "stand_up", "respond", "withdraw", "commitment_levers",
    ]  # fmt: skip
    assert beta == {
        "phase": "negotiation",
        "month": 1,
        "types": ["message", "orders", "propose", "ready"],
        "partners": ["alpha", "gamma"],
        "levers": HOLDINGS["beta"],
        "signals": {"statement": [], "missile_test": ["alpha", "gamma"], "icbm_test": []},
        "max_signals": 1,
        "stand_up": [],
        "respond": [],
        "withdraw": [],
        "commitment_levers": HOLDINGS,
    }
    alpha = space(game, "alpha")
    assert alpha["types"] == ["message", "orders", "propose", "unsc_draft", "ready"]
    assert alpha["partners"] == ["beta", "gamma"]
    assert alpha["levers"] == HOLDINGS["alpha"] and alpha["signals"] == {"statement": []}
    assert (alpha["unsc_sectors"], alpha["unsc_vote"]) == (["coal", "oil"], [])


def test_proposals_drafts_and_ready_show_in_the_space(game: Game) -> None:
    game.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "summit": True})
    first = game.open_ids[-1]
    game.apply({"type": "propose", "actor": "gamma", "to": ["beta"], "talks": True})
    second = game.open_ids[-1]
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "oil", "direction": "relax"})
    draft = game.unsc_drafts[-1]["id"]
    beta = space(game, "beta")
    assert beta["types"] == ["message", "orders", "propose", "respond", "ready"]
    assert beta["respond"] == [first, second] and beta["withdraw"] == []
    alpha = space(game, "alpha")
    assert alpha["types"] == ["message", "orders", "propose", "withdraw", "unsc_draft", "ready"]
    assert (alpha["respond"], alpha["withdraw"], alpha["unsc_vote"]) == ([], [first], [])
    gamma = space(game, "gamma")
    assert gamma["types"] == [
        "message", "orders", "propose", "withdraw", "unsc_draft", "unsc_vote", "ready",
    ]  # fmt: skip
    assert gamma["unsc_vote"] == [draft] and gamma["withdraw"] == [second]
    game.apply({"type": "unsc_vote", "actor": "gamma", "draft": draft, "vote": "abstain"})
    game.apply({"type": "respond", "actor": "beta", "proposal": first, "accept": False})
    game.apply({"type": "ready", "actor": "gamma"})
    gamma = space(game, "gamma")
    assert gamma["types"] == ["message", "orders", "propose", "withdraw", "unsc_draft"]
    assert gamma["unsc_vote"] == []
    assert space(game, "beta")["respond"] == [second]
    assert space(game, "alpha")["withdraw"] == []


def test_the_orders_phase_space_and_after_final_orders(game: Game) -> None:
    game.apply({"type": "propose", "actor": "alpha", "to": ["beta", "gamma"], "talks": True})
    pid = game.open_ids[-1]
    for actor in ("beta", "gamma"):
        game.apply({"type": "respond", "actor": actor, "proposal": pid, "accept": True})
    assert space(game, "gamma")["stand_up"] == ["alpha", "beta"]  # talks agreed this month
    game.advance()
    beta = space(game, "beta")
    assert beta == {
        "phase": "orders",
        "month": 1,
        "types": ["message", "orders", "ready"],
        "partners": ["alpha", "gamma"],
        "levers": HOLDINGS["beta"],
        "signals": {"statement": [], "missile_test": ["alpha", "gamma"], "icbm_test": []},
        "max_signals": 1,
        "stand_up": ["alpha", "gamma"],
    }
    game.apply({"type": "orders", "actor": "beta"})
    assert space(game, "beta") == {
        "phase": "orders",
        "month": 1,
        "types": ["message"],
        "partners": ["alpha", "gamma"],
    }
    game.advance()
    assert space(game, "gamma")["stand_up"] == []  # the talks were last month's


def test_a_finished_game_and_a_stranger_have_no_actions(game: Game) -> None:
    assert space(game, "delta") == {"phase": "negotiation", "month": 1, "types": []}
    game.apply({"type": "end", "actor": "facilitator"})
    assert space(game, "beta") == {"phase": "over", "month": 1, "types": []}


def test_the_facilitator_can_skip_to_resolution_and_pause(game: Game) -> None:
    game.apply({"type": "advance", "actor": "facilitator", "to": "resolution"})
    assert (game.month, game.phase) == (2, "negotiation")
    game.apply({"type": "advance", "actor": "facilitator"})  # negotiation ends
    game.apply({"type": "advance", "actor": "facilitator", "to": "resolution"})
    assert (game.month, game.phase) == (3, "negotiation")  # from orders: one step
    game.apply({"type": "pause", "actor": "facilitator"})
    for actor in ("alpha", "beta", "gamma"):
        game.apply({"type": "ready", "actor": actor})
    assert game.phase == "negotiation" and game.paused
    game.apply({"type": "advance", "actor": "facilitator"})  # advance works while paused
    assert game.phase == "orders" and game.paused
    for actor in ("alpha", "beta", "gamma"):
        game.apply({"type": "orders", "actor": actor})
    assert game.phase == "orders"
    game.apply({"type": "resume", "actor": "facilitator"})
    assert not game.paused
    game.apply({"type": "message", "actor": "alpha", "to": [], "text": "Go."})
    assert (game.month, game.phase) == (4, "negotiation")
