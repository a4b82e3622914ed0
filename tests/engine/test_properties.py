"""Property tests: any sequence of legal actions keeps every variable in bounds, and
replaying the log always reproduces the state hash."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import Game, IllegalAction
from game.bots.base import Context
from game.bots.random_bot import RandomBot
from game.scenario.compile import Rules

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def random_action(game: Game, rng: random.Random) -> dict:
    """One action drawn from everything the rules allow now (and some they don't)."""
    actor = rng.choice(game.rules.actor_ids)
    roll = rng.random()
    if roll < 0.04:
        return {"type": "advance", "actor": "facilitator"}
    if roll < 0.05 and game.rules.injects:
        return {
            "type": "inject",
            "actor": "facilitator",
            "event": rng.choice(sorted(game.rules.injects)),
        }
    if roll < 0.06:
        key = rng.choice(game.rules.keys)
        return {
            "type": "inject",
            "actor": "facilitator",
            "news": "x",
            "effects": {key: rng.uniform(-500, 500)},
        }
    bot = RandomBot(actor)
    ctx = Context(game, actor, 0, rng)
    if game.phase == "orders" or roll > 0.8:
        return {
            "type": "orders",
            "actor": actor,
            **bot.orders(ctx),
            "final": game.phase == "orders",
        }
    moves = bot.negotiate(ctx) or [{"type": "ready"}]
    return {**rng.choice(moves), "actor": actor}


def in_bounds(game: Game) -> list[str]:
    return [
        f"{k}={game.v[k]}" for k, (lo, hi) in game.rules.bounds.items() if not lo <= game.v[k] <= hi
    ]


def play(rules: Rules, seed: int, steps: int) -> Game:
    game = Game(rules, seed)
    rng = random.Random(seed)
    for _ in range(steps):
        if game.over:
            break
        try:
            game.apply(random_action(game, rng))
        except IllegalAction:
            pass
        assert in_bounds(game) == []
    return game


@SETTINGS
@given(seed=st.integers(0, 10**6), steps=st.integers(1, 400))
def test_bounds_hold_and_replay_is_deterministic_mini(
    mini_rules: Rules, seed: int, steps: int
) -> None:
    game = play(mini_rules, seed, steps)
    replayed = Game.replay(mini_rules, seed, game.log)
    assert replayed.state_hash() == game.state_hash()
    assert in_bounds(replayed) == []


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), steps=st.integers(50, 600))
def test_bounds_hold_and_replay_is_deterministic_korea(
    korea_rules: Rules, seed: int, steps: int
) -> None:
    game = play(korea_rules, seed, steps)
    assert Game.replay(korea_rules, seed, game.log).state_hash() == game.state_hash()


def test_scores_are_always_between_0_and_100(korea_rules: Rules) -> None:
    for seed in range(20):
        game = play(korea_rules, seed, 800)
        assert all(0 <= s <= 100 for s in game.scores().values())
