"""The built-in bots play any scenario cleanly, and their temperaments show."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game import Game
from game.bots import BOTS, make_bot
from game.bots.analysis import profile_of
from game.bots.base import Context
from game.bots.runner import play_game
from game.errors import SixPartyError
from game.scenario.compile import Rules
from game.tournament import TournamentConfig
from game.tournament.run import plan

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "fixtures" / "mini.yaml")

PERSONAS = ["hawk", "dove", "reciprocator"]


@pytest.mark.parametrize("name", [*PERSONAS, "planner"])
def test_registered(name: str, mini_rules: Rules) -> None:
    """The name builds that bot for the seat asked, a tournament accepts and seats it,
    the bots guide lists it, and it plays a game of its own (not another bot's)."""
    bot = make_bot(name, "beta", 7)
    assert type(bot) is BOTS[name] and bot.name == name and bot.actor == "beta"
    specs = plan(TournamentConfig(bots=[name, "random"], games=2, scenario=MINI))
    assert {bot for spec in specs for bot in spec["seating"].values()} == {name, "random"}
    guide = (ROOT / "docs" / "bots.md").read_text(encoding="utf-8")
    assert f"| `{name}` | `{BOTS[name].__module__.rsplit('.', 1)[1]}.py` |" in guide
    played = _hash_of(mini_rules, name)
    others = {other: _hash_of(mini_rules, other) for other in BOTS if other != name}
    assert played not in others.values(), others


def _hash_of(rules: Rules, name: str) -> str:
    """The state hash of a game of ``rules`` with ``name`` in every seat (seed 3)."""
    bots = {a: make_bot(name, a, 3) for a in rules.actor_ids}
    return play_game(rules, 3, bots).game.state_hash()


def test_an_unknown_bot_name_is_refused_with_a_suggestion() -> None:
    with pytest.raises(SixPartyError, match="unknown bot 'hawks'.*hawk"):
        make_bot("hawks", "beta")


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
