"""The Game object: phases, orders, the event log, replay and illegal actions."""

from __future__ import annotations

import random

import pytest

from game import Game, IllegalAction
from game.bots.base import Context
from game.bots.random_bot import RandomBot
from game.scenario.compile import Rules


def finish_month(game: Game) -> None:
    """End negotiation and orders with whatever has been drafted."""
    if game.phase == "negotiation":
        game.advance()
    if game.phase == "orders":
        game.advance()


def test_a_month_is_negotiation_then_orders_then_resolution(mini: Game) -> None:
    assert (mini.month, mini.phase) == (1, "negotiation")
    for actor in mini.rules.actor_ids:
        mini.apply({"type": "ready", "actor": actor})
    assert mini.phase == "orders"
    for actor in mini.rules.actor_ids:
        mini.apply({"type": "orders", "actor": actor, "levers": {}})
    assert (mini.month, mini.phase) == (2, "negotiation")
    assert [n["month"] for n in mini.news] and all(n["month"] == 1 for n in mini.news)


def test_the_game_ends_after_the_last_month(mini: Game) -> None:
    for _ in range(mini.rules.turns):
        finish_month(mini)
    assert mini.over and mini.outcome() is not None
    with pytest.raises(IllegalAction, match="over"):
        mini.apply({"type": "message", "actor": "alpha", "to": [], "text": "hi"})


def test_missing_orders_keep_last_months_policy(mini: Game) -> None:
    mini.advance()
    mini.apply({"type": "orders", "actor": "gamma", "levers": {"aid": "food"}})
    mini.advance()
    assert mini.policy["gamma"]["aid"] == "food"
    finish_month(mini)  # gamma sends nothing in month 2
    assert mini.policy["gamma"]["aid"] == "food"
    assert mini.v["chose.gamma.aid.food"] == 1.0


def test_orders_can_be_drafted_during_negotiation(mini: Game) -> None:
    mini.apply({"type": "orders", "actor": "gamma", "levers": {"aid": "food"}, "final": False})
    assert mini.phase == "negotiation" and "gamma" not in mini.submitted
    with pytest.raises(IllegalAction) as err:
        mini.apply({"type": "orders", "actor": "gamma", "levers": {}, "final": True})
    assert err.value.code == "wrong_phase"
    finish_month(mini)
    assert mini.policy["gamma"]["aid"] == "food"


@pytest.mark.parametrize(
    ("action", "code", "words"),
    [
        (
            {"type": "orders", "actor": "alpha", "levers": {"program": "freeze"}},
            "not_your_lever",
            "not yours",
        ),
        (
            {"type": "orders", "actor": "beta", "levers": {"program": "melt"}},
            "unknown_option",
            "no option 'melt'",
        ),
        (
            {"type": "orders", "actor": "beta", "levers": {"progrm": "freeze"}},
            "unknown_lever",
            "unknown lever",
        ),
        (
            {"type": "respond", "actor": "beta", "proposal": 99, "accept": True},
            "unknown_proposal",
            "no proposal 99",
        ),
        (
            {"type": "orders", "actor": "alpha", "signals": [{"signal": "icbm_test"}]},
            "not_your_signal",
            "not yours",
        ),
        (
            {"type": "orders", "actor": "beta", "signals": [{"signal": "missile_test"}]},
            "bad_target",
            "needs a target",
        ),
        (
            {"type": "message", "actor": "nobody", "to": [], "text": "x"},
            "unknown_actor",
            "unknown actor",
        ),
        ({"type": "fly", "actor": "alpha"}, "unknown_type", "unknown action type"),
        ({"type": "advance", "actor": "alpha"}, "not_facilitator", "only the facilitator"),
        (
            {"type": "message", "actor": "alpha", "to": ["alpha"], "text": "me"},
            "bad_field",
            "yourself",
        ),
        (
            {"type": "unsc_draft", "actor": "beta", "sector": "coal", "direction": "tighten"},
            "not_p5",
            "permanent",
        ),
    ],
)
def test_illegal_actions_say_why_and_change_nothing(
    mini: Game, action: dict, code: str, words: str
) -> None:
    before = mini.state_hash()
    with pytest.raises(IllegalAction) as err:
        mini.apply(action)
    assert err.value.code == code
    assert words in str(err.value)
    assert mini.state_hash() == before
    assert mini.log == []


def test_proposals_in_the_wrong_phase_or_closed_are_refused(mini: Game) -> None:
    mini.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "talks": True})
    mini.apply(
        {"type": "respond", "actor": "beta", "proposal": [*mini.proposals][0], "accept": False}
    )
    with pytest.raises(IllegalAction, match="already rejected") as err:
        mini.apply(
            {"type": "respond", "actor": "beta", "proposal": [*mini.proposals][0], "accept": True}
        )
    assert err.value.code == "proposal_closed"
    mini.advance()
    with pytest.raises(IllegalAction, match="negotiation phase") as err:
        mini.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "talks": True})
    assert err.value.code == "wrong_phase"


def test_stale_actions_are_rejected_with_a_reason(mini: Game) -> None:
    finish_month(mini)
    with pytest.raises(IllegalAction, match="month 1") as err:
        mini.apply({"type": "orders", "actor": "beta", "month": 1, "levers": {}})
    assert err.value.code == "stale"


def test_a_late_ready_for_negotiation_does_not_make_orders_final(mini: Game) -> None:
    first, *rest = mini.rules.actor_ids
    for actor in rest:
        mini.apply({"type": "ready", "actor": actor, "month": 1, "phase": "negotiation"})
    mini.apply({"type": "ready", "actor": first, "month": 1, "phase": "negotiation"})
    assert mini.phase == "orders"
    # A second click meant for negotiation arrives after the phase changed.
    with pytest.raises(IllegalAction, match="negotiation phase") as err:
        mini.apply({"type": "ready", "actor": first, "month": 1, "phase": "negotiation"})
    assert (err.value.code, err.value.field) == ("stale", "phase")
    assert first not in mini.submitted
    mini.apply({"type": "ready", "actor": first, "month": 1, "phase": "orders"})
    assert first in mini.submitted


def test_replaying_the_log_gives_the_same_hash(mini_rules: Rules) -> None:
    game = Game(mini_rules, seed=5)
    game.apply(
        {"type": "propose", "actor": "alpha", "to": ["beta"], "summit": True, "text": "Meet?"}
    )
    game.apply(
        {"type": "respond", "actor": "beta", "proposal": [*game.proposals][0], "accept": True}
    )
    game.apply({"type": "message", "actor": "beta", "to": ["alpha"], "text": "See you."})
    finish_month(game)
    game.apply({"type": "orders", "actor": "beta", "levers": {"program": "freeze"}, "final": False})
    finish_month(game)
    copy = Game.replay(mini_rules, 5, game.log)
    assert copy.state_hash() == game.state_hash()
    assert Game.replay(mini_rules, 6, game.log).state_hash() != game.state_hash()


def test_copy_is_independent(mini: Game) -> None:
    clone = mini.copy()
    clone.advance()
    clone.advance()
    assert mini.month == 1 and clone.month == 2
    assert mini.state_hash() != clone.state_hash()


def _random_month(game: Game, rng: random.Random) -> None:
    """Random bots play the rest of this month; then, in the next month, they table
    proposals and Security Council drafts, answer some and draft orders (so that a copy
    made then holds open ones as well as deals in force)."""
    actors = game.rules.actor_ids
    bots = {a: RandomBot(a, rng.randrange(1000)) for a in actors}

    def negotiate(kinds: tuple[str, ...] | None) -> None:
        for a in actors:
            for move in bots[a].negotiate(Context(game, a, 0, rng)):
                if kinds is None or move["type"] in kinds:
                    try:
                        game.apply({**move, "actor": a})
                    except IllegalAction:
                        pass

    month = game.month
    if game.phase == "negotiation":
        negotiate(None)
        for a in actors:
            if game.phase == "negotiation":
                game.apply({"type": "ready", "actor": a})
    for a in actors:
        if game.phase == "orders" and a not in game.submitted:
            order = bots[a].orders(Context(game, a, 0, rng))
            # some levers left out: they keep the draft's option, or last month's
            levers = {k: v for k, v in order["levers"].items() if rng.random() < 0.5}
            game.apply({"type": "orders", **order, "levers": levers, "final": True, "actor": a})
    assert game.over or game.month == month + 1
    if not game.over:
        negotiate(("propose", "unsc_draft", "respond"))
        for a in actors[::2]:  # draft orders, changed again before they are final
            order = bots[a].orders(Context(game, a, 0, rng))
            game.apply({"type": "orders", **order, "final": False, "actor": a})


@pytest.mark.parametrize("seed", [1, 2, 5, 9])
def test_a_copy_and_its_original_go_separate_ways(korea_rules: Rules, seed: int) -> None:
    """A copy shares only records that can no longer change: after both play on
    differently, each is exactly what replaying its own log gives."""
    rng = random.Random(seed)
    game = Game(korea_rules, seed)
    for _ in range(3):
        _random_month(game, rng)
    assert not game.over and game.proposals and game.agreements and game.drafts
    clone = game.copy()
    for g, own in ((clone, random.Random(seed + 100)), (game, random.Random(seed + 200))):
        while not g.over:
            _random_month(g, own)
    assert clone.log != game.log
    for g in (game, clone):
        assert Game.replay(korea_rules, seed, g.log).state_hash() == g.state_hash()


def test_pause_holds_the_phase_until_resume(mini: Game) -> None:
    mini.apply({"type": "pause", "actor": "facilitator"})
    for actor in mini.rules.actor_ids:
        mini.apply({"type": "ready", "actor": actor})
    assert mini.phase == "negotiation"
    mini.apply({"type": "resume", "actor": "facilitator"})
    assert mini.phase == "orders"


def test_legal_actions_follow_the_phase(mini: Game) -> None:
    space = mini.legal_actions("beta")
    assert "propose" in space["types"] and "orders" in space["types"]
    assert space["levers"] == {"program": ["freeze", "continue"]}
    assert set(space["signals"]) == {"statement", "missile_test", "icbm_test"}
    assert space["signals"]["missile_test"] == ["alpha", "gamma"]
    mini.advance()
    space = mini.legal_actions("beta")
    assert "propose" not in space["types"] and "orders" in space["types"]
    mini.apply({"type": "orders", "actor": "beta", "levers": {}})
    assert "orders" not in mini.legal_actions("beta")["types"]
