"""The planner searches with the engine, without peeking at hidden state."""

from __future__ import annotations

import random

from game import Game
from game.bots import make_bot
from game.bots.base import Context
from game.scenario.compile import Rules


def _last_month(rules: Rules, seed: int = 2) -> Game:
    g = Game(rules, seed)
    while g.month < rules.turns:
        g.advance()
        g.advance()
    return g


def test_sample_game_never_copies_hidden_state(mini_rules: Rules) -> None:
    g = Game(mini_rules, 1)
    g.v["reserves"] = 5.0  # beta's private variable
    g.advance()
    g.advance()
    # Pretend beta secretly froze its programme last month and nobody detected it.
    g.policy["beta"]["program"] = "freeze"
    g.revealed[-1]["covert"] = []
    g.revealed[-1]["orders"]["beta"]["levers"].pop("program", None)
    ctx = Context(g, "alpha", 0, random.Random(0))
    default = mini_rules.lever_by_id["program"].default["beta"]
    for seed in range(5):
        clone = ctx.sample_game(random.Random(seed))
        assert clone.v["reserves"] == mini_rules.initial["reserves"]
        assert clone.secret["alpha"] == g.secret["alpha"]
        assert clone.policy["beta"]["program"] == default
    # Beta itself knows what it did.
    own = Context(g, "beta", 0, random.Random(0)).sample_game(random.Random(0))
    assert own.policy["beta"]["program"] == "freeze"
    assert own.v["reserves"] == g.v["reserves"] != mini_rules.initial["reserves"]


def test_planner_takes_a_deal_that_scores_and_refuses_one_that_costs(mini_rules: Rules) -> None:
    g = _last_month(mini_rules)
    # Gamma scores only by being in a deal in force at the end: a 2-month deal does it.
    g.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["gamma"],
            "commitments": [{"actor": "alpha", "lever": "aid", "option": "none", "months": 2}],
        }
    )
    good = g.open_ids[-1]  # the newest proposal
    # Beta's score grows with its nuclear capability: freezing it costs beta.
    g.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["beta"],
            "commitments": [{"actor": "beta", "lever": "program", "option": "freeze", "months": 2}],
            "inspections": True,
        }
    )
    bad = g.open_ids[-1]
    gamma = make_bot("planner", "gamma", 1).negotiate(Context(g, "gamma", 1, random.Random(1)))
    beta = make_bot("planner", "beta", 1).negotiate(Context(g, "beta", 1, random.Random(1)))
    assert {"type": "respond", "proposal": good, "accept": True} in gamma
    assert {"type": "respond", "proposal": bad, "accept": False} in beta


def test_planner_proposes_a_deal_that_raises_its_score(mini_rules: Rules) -> None:
    g = _last_month(mini_rules)
    moves = make_bot("planner", "gamma", 1).negotiate(Context(g, "gamma", 0, random.Random(1)))
    proposals = [m for m in moves if m["type"] == "propose"]
    assert len(proposals) == 1
    g.apply({**proposals[0], "actor": "gamma"})
    assert g.proposals[[*g.proposals][-1]]["status"] == "open"


def test_planner_orders_follow_the_objectives(mini_rules: Rules) -> None:
    # Beta's capability is one of its objectives: the planner keeps building.
    g = Game(mini_rules, 3)
    g.advance()
    order = make_bot("planner", "beta", 3).orders(Context(g, "beta", 0, random.Random(3)))
    assert order["levers"]["program"] == "continue"


def test_planner_deals_run_past_the_last_month(mini_rules: Rules) -> None:
    # Objectives are scored on the final state, where only deals still in force count.
    g = Game(mini_rules, 4)
    g.advance()
    g.advance()
    moves = make_bot("planner", "gamma", 1).negotiate(Context(g, "gamma", 0, random.Random(1)))
    proposals = [m for m in moves if m["type"] == "propose"]
    assert proposals
    months = min(mini_rules.turns - g.month + 2, mini_rules.negotiation.max_deal_months)
    for prop in proposals:
        assert all(c["months"] == months for c in prop["commitments"])


def test_planner_sweetens_an_ask_until_the_partner_gains(korea_rules: Rules) -> None:
    from game.bots.analysis import profile_of
    from game.bots.planner import Planner

    prof = profile_of(korea_rules)
    g = Game(korea_rules, 3)
    planner = Planner("us", 1)
    ctx = Context(g, "us", 0, random.Random(1))
    mine = ctx.policy
    costly = []
    for other, action, chance, _ in planner._candidates(ctx):
        asks = [c for c in action["commitments"] if c["actor"] == other and "lever" in c]
        gives = [c for c in action["commitments"] if c["actor"] == "us" and "lever" in c]
        if not asks:
            continue
        lever = korea_rules.lever_by_id[asks[0]["lever"]]
        current = lever.default[other]
        ask_value = prof.gain(other, lever.id, asks[0]["option"], current, other)
        value = ask_value + sum(
            prof.gain("us", c["lever"], c["option"], mine[c["lever"]], other) for c in gives
        )
        assert value >= ask_value  # concessions only ever help the partner
        if ask_value < -0.5:
            costly.append((value, chance))
    # Asks that cost the partner come with concessions that make some of them acceptable.
    assert costly and max(v for v, _ in costly) >= -0.5
    assert max(c for _, c in costly) >= 0.5


def test_planner_learns_how_much_a_partner_needs(mini_rules: Rules) -> None:
    from game.bots.planner import Planner

    g = Game(mini_rules, 1)
    ctx = Context(g, "alpha", 0, random.Random(0))
    planner = Planner("alpha", 1)
    before = planner._chance(ctx, "beta", 1.0)
    planner._answers.append(("beta", 1.5, False))  # beta refused an offer worth 1.5 to it
    assert planner._chance(ctx, "beta", 1.0) < before
    assert planner._chance(ctx, "gamma", 1.0) == before  # others are judged on their own
    planner._answers.append(("gamma", -1.5, True))  # gamma took one that cost it
    assert planner._chance(ctx, "gamma", -1.0) > planner._chance(ctx, "beta", -1.0)
