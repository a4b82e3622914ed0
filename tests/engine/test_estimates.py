"""Estimated values in views (docs/rules.md, "Hidden information"): a range that contains
the true value, narrower for better intelligence, never a point, inside the bounds,
fixed for that observer and month; and the same view whether a game was played step
by step, copied or replayed from its log.

On tests/fixtures/scored.yaml: beta owns the estimated ``economy`` (noise 10), ``nukes``
(8), ``stockpile`` (30) and ``intent`` (60), bounds 0..100. A viewer's half-width is
noise x (1 - 0.8 x intelligence), at least 2% of the bounds: alpha (intelligence 1.0)
sees economy 4 wide, gamma (0.5) 12 wide, a spectator (0) 20 wide."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game import Game, load_scenario
from game.bots.base import Context
from game.scenario.compile import Rules

SCORED = Path(__file__).resolve().parents[1] / "fixtures" / "scored.yaml"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(SCORED)


def shown(game: Game, viewer: str, key: str) -> dict[str, float]:
    return game.view_for(viewer)["variables"][key]  # type: ignore[no-any-return]


def width(r: dict[str, float]) -> float:
    return round(r["high"] - r["low"], 1)


def resolve(game: Game) -> None:
    game.advance()
    game.advance()


@pytest.mark.parametrize(
    ("viewer", "key", "wide"),
    [
        ("alpha", "economy", 4.0),
        ("gamma", "economy", 12.0),
        ("spectator", "economy", 20.0),
        ("alpha", "nukes", 4.0),  # 3.2 by the formula: widened to 4% of the bounds
        ("gamma", "nukes", 9.6),
        ("spectator", "nukes", 16.0),
        ("alpha", "stockpile", 12.0),
        ("gamma", "stockpile", 36.0),
        ("spectator", "stockpile", 60.0),
        ("alpha", "intent", 24.0),
        ("gamma", "intent", 72.0),
    ],
)
def test_an_estimate_is_as_wide_as_noise_and_intelligence_say(
    rules: Rules, viewer: str, key: str, wide: float
) -> None:
    for seed in range(8):
        game = Game(rules, seed)
        r = shown(game, viewer, key)
        assert width(r) == wide
        assert r["low"] - 0.05 <= game.v[key] <= r["high"] + 0.05
        assert 0 <= r["low"] and r["high"] <= 100


def test_an_estimate_wider_than_the_bounds_is_the_bounds(rules: Rules) -> None:
    game = Game(rules, 3)
    assert shown(game, "spectator", "intent") == {"low": 0.0, "high": 100.0}


def test_the_owner_and_the_facilitator_see_the_value_itself(rules: Rules) -> None:
    game = Game(rules, 3)
    game.apply(
        {"type": "inject", "actor": "facilitator", "news": "x", "effects": {"economy": 0.123}}
    )
    assert shown(game, "beta", "economy") == 50.12
    assert shown(game, "omniscient", "economy") == 50.12
    assert "reserves" not in game.view_for("alpha")["variables"]  # private: hidden
    assert game.view_for("beta")["variables"]["reserves"] == 37.25


def test_an_estimate_at_a_bound_stays_a_range_inside_the_bounds(rules: Rules) -> None:
    game = Game(rules, 5)
    fx = {"nukes": -100, "economy": 100}
    game.apply({"type": "inject", "actor": "facilitator", "news": "x", "effects": fx})
    assert shown(game, "alpha", "nukes") == {"low": 0.0, "high": 4.0}
    assert shown(game, "alpha", "economy") == {"low": 96.0, "high": 100.0}
    assert width(shown(game, "gamma", "economy")) == 12.0
    assert shown(game, "gamma", "economy")["high"] == 100.0


def test_estimates_are_fixed_for_an_observer_and_month(rules: Rules) -> None:
    game = Game(rules, 11)
    first = shown(game, "gamma", "stockpile")
    game.apply({"type": "message", "actor": "alpha", "to": [], "text": "Hello."})
    game.advance()
    assert shown(game, "gamma", "stockpile") == first  # asked again in the same month
    assert Game(rules, 11).view_for("gamma")["variables"]["stockpile"] == first
    # other observers and other seeds draw their own offsets
    offsets = {
        (s, v): shown(Game(rules, s), v, "stockpile")["low"]
        for s in range(6)
        for v in ("alpha", "gamma")
    }
    assert len(set(offsets.values())) > 6


def test_a_value_that_did_not_move_shows_the_same_range_in_that_months_history(
    rules: Rules,
) -> None:
    """The range shown during a month is the one that month's history row keeps (the
    same observer and month), and the next month draws a new one."""
    game = Game(rules, 4)
    months = []
    for _ in range(4):
        months.append(shown(game, "gamma", "stockpile"))
        resolve(game)
    history = game.view_for("gamma")["history"]
    assert len(history) == 5  # the start and four months
    assert [row["stockpile"] for row in history[1:]] == months
    assert history[0]["stockpile"]["high"] - history[0]["stockpile"]["low"] == pytest.approx(36.0)
    assert len({r["low"] for r in months}) > 1  # a new draw each month


def test_a_bots_reading_of_an_estimate_is_the_middle_of_its_range(rules: Rules) -> None:
    game = Game(rules, 6)
    resolve(game)
    for actor in ("alpha", "gamma"):
        ctx = Context(game, actor, 0, random.Random(1))
        for key in ("economy", "stockpile", "intent"):
            r = shown(game, actor, key)
            assert ctx.value(key) == pytest.approx((r["low"] + r["high"]) / 2)
        assert ctx.value("tension") == game.v["tension"]
        assert ctx.value("reserves") is None
    assert Context(game, "beta", 0, random.Random(1)).value("economy") == game.v["economy"]


def test_views_of_a_played_game_equal_those_of_its_replay_and_its_copy(rules: Rules) -> None:
    """Views are memoised per game; a game replayed from its log (no memo) and a copy
    must show every viewer the same thing at every step."""
    game = Game(rules, 9)
    viewers = ("alpha", "beta", "gamma", "spectator", "omniscient")
    steps = [
        {"type": "propose", "actor": "alpha", "to": ["beta"], "summit": True},
        {"type": "advance", "actor": "facilitator"},
        {"type": "orders", "actor": "alpha", "levers": {"aid": "food"}},
        {
            "type": "orders",
            "actor": "beta",
            "signals": [{"signal": "missile_test", "target": "gamma"}],
        },
        {"type": "advance", "actor": "facilitator"},
        {
            "type": "inject",
            "actor": "facilitator",
            "news": "Shift.",
            "effects": {"economy": -7, "stockpile": 3},
        },
        # a value hidden from alpha and gamma (reserves) moves with one they estimate
        {
            "type": "inject",
            "actor": "facilitator",
            "news": "Dig.",
            "effects": {"reserves": -2, "nukes": 9},
        },
        {"type": "advance", "actor": "facilitator"},
        {"type": "advance", "actor": "facilitator"},
        {"type": "advance", "actor": "facilitator"},
    ]
    for step in steps:
        for v in viewers:
            game.view_for(v)  # fill the memos before the step
        game.apply(step)
        fresh = Game.replay(rules, 9, game.log)
        twin = game.copy()
        for v in viewers:
            assert game.view_for(v) == fresh.view_for(v), (step, v)
            assert twin.view_for(v) == fresh.view_for(v), (step, v)


def test_ranges_are_given_to_a_tenth_and_always_hold_the_value(rules: Rules) -> None:
    lows = []
    for seed in range(60):
        game = Game(rules, seed)
        for viewer in ("alpha", "gamma", "spectator"):
            shown_all = game.view_for(viewer)["variables"]
            for key in ("economy", "nukes", "stockpile"):
                r = shown_all[key]
                assert r["low"] <= game.v[key] + 0.05 and game.v[key] - 0.05 <= r["high"]
                assert round(r["low"], 1) == r["low"] and round(r["high"], 1) == r["high"]
                lows.append(r["low"])
    assert sum(1 for low in lows if low != int(low)) > len(lows) // 2  # tenths, not units
