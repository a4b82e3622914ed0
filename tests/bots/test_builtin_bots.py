"""The built-in bots play any scenario cleanly, and their temperaments show."""

from __future__ import annotations

import random

import pytest

from game import Game
from game.bots import BOTS, make_bot
from game.bots.analysis import profile_of
from game.bots.base import Context
from game.bots.runner import play_game
from game.scenario.compile import Rules

PERSONAS = ["hawk", "dove", "reciprocator"]


@pytest.mark.parametrize("name", [*PERSONAS, "planner"])
def test_registered(name: str) -> None:
    assert BOTS[name].name == name


@pytest.mark.parametrize("name", [*PERSONAS, "planner"])
def test_plays_a_whole_game_without_faults(name: str, mini_rules: Rules) -> None:
    bots = {a: make_bot(name, a, 3) for a in mini_rules.actor_ids}
    result = play_game(mini_rules, 3, bots)
    assert result.game.over
    assert result.faults == []


@pytest.mark.parametrize("name", PERSONAS)
def test_personas_play_the_default_scenario_without_faults(name: str, korea_rules: Rules) -> None:
    names = [name, "random"] * 3
    bots = {a: make_bot(n, a, 5) for a, n in zip(korea_rules.actor_ids, names, strict=False)}
    result = play_game(korea_rules, 5, bots)
    assert result.game.over
    assert [f for f in result.faults if f.bot == name] == []


def _mean_hawkishness(rules: Rules, name: str, seeds: range) -> float:
    prof = profile_of(rules)
    values = []
    for seed in seeds:
        game = Game(rules, seed)
        game.advance()
        for actor in rules.actor_ids:
            bot = make_bot(name, actor, seed)
            order = bot.orders(Context(game, actor, 0, random.Random(seed)))
            for lever, option in order["levers"].items():
                values.append(prof.hawk[(actor, lever, option)])
    return sum(values) / len(values)


def test_hawk_is_more_hawkish_than_dove_on_any_scenario(
    mini_rules: Rules, korea_rules: Rules
) -> None:
    for rules in (mini_rules, korea_rules):
        hawk = _mean_hawkishness(rules, "hawk", range(3))
        dove = _mean_hawkishness(rules, "dove", range(3))
        assert hawk > dove + 0.1, (rules.id, hawk, dove)


def test_hawkishness_comes_from_data(mini_rules: Rules) -> None:
    prof = profile_of(mini_rules)
    # Higher sanctions enforcement and a covert programme are hawkish; aid is dovish.
    assert (
        prof.hawk[("alpha", "sanctions_coal", "maximum")]
        > prof.hawk[("alpha", "sanctions_coal", "ignore")]
    )
    assert prof.hawk[("beta", "program", "continue")] > prof.hawk[("beta", "program", "freeze")]
    assert prof.hawk[("gamma", "aid", "food")] < prof.hawk[("gamma", "aid", "none")]
    assert prof.hawk[("beta", "signal", "icbm_test")] > prof.hawk[("beta", "signal", "none")]


def _breach_by_beta(rules: Rules) -> Game:
    """Alpha and beta agree that beta freezes (with inspections); beta keeps building."""
    g = Game(rules, 1)
    g.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["beta"],
            "commitments": [{"actor": "beta", "lever": "program", "option": "freeze", "months": 2}],
            "inspections": True,
        }
    )
    pid = g.open_ids[-1]
    g.apply({"type": "respond", "actor": "beta", "proposal": pid, "accept": True})
    g.advance()
    g.apply({"type": "orders", "actor": "beta", "levers": {"program": "continue"}})
    g.advance()
    return g


def test_reciprocator_punishes_an_observed_breach(mini_rules: Rules) -> None:
    g = _breach_by_beta(mini_rules)
    bot = make_bot("reciprocator", "alpha", 1)
    ctx = Context(g, "alpha", 0, random.Random(1))
    standing = bot.standing(ctx)
    assert standing["beta"] < 0 < standing["gamma"]
    g.apply(
        {
            "type": "propose",
            "actor": "beta",
            "to": ["alpha"],
            "commitments": [],
            "talks": True,
        }
    )
    moves = bot.negotiate(Context(g, "alpha", 1, random.Random(1)))
    answers = [m for m in moves if m["type"] == "respond"]
    assert answers and answers[0]["accept"] is False


def test_reciprocator_rewards_cooperation(mini_rules: Rules) -> None:
    g = Game(mini_rules, 1)
    g.apply({"type": "propose", "actor": "gamma", "to": ["alpha"], "talks": True})
    bot = make_bot("reciprocator", "alpha", 1)
    moves = bot.negotiate(Context(g, "alpha", 1, random.Random(1)))
    assert {"type": "respond", "proposal": g.open_ids[-1], "accept": True} in moves
