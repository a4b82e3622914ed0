"""The planner weighs an offer by playing out the deal kept and the deal not delivered:
it refuses a giveaway (and counters), and takes a clearly good deal."""

from __future__ import annotations

import random
from typing import Any

import pytest

from game import Game
from game.bots.base import Context
from game.bots.planner import Planner
from game.scenario.compile import Rules


def _may(rules: Rules, seed: int) -> Game:
    g = Game(rules, seed)
    while g.month < 5:
        g.advance()
        g.advance()
    return g


def _offer(g: Game, commitments: list[dict[str, Any]], inspections: bool = True) -> int:
    g.apply(
        {
            "type": "propose",
            "actor": "dprk",
            "to": ["us"],
            "inspections": inspections,
            "commitments": commitments,
        }
    )
    return g.open_ids[-1]


FREEZE = {
    "actor": "dprk",
    "lever": "nuclear_programme",
    "option": "freeze",
    "compare": "at_most",
    "months": 5,
}


@pytest.mark.parametrize("seed", [5, 6])
def test_the_us_planner_refuses_a_freeze_for_ignored_sanctions_and_counters(
    korea_rules: Rules, seed: int
) -> None:
    # The case seen in play: an inspected freeze for the United States ignoring its own
    # financial and maritime sanctions. North Korea pockets the relief whether or not it
    # freezes: a giveaway.
    g = _may(korea_rules, seed)
    pid = _offer(
        g,
        [
            FREEZE,
            {"actor": "us", "lever": "sanctions_finance", "option": "ignore", "months": 5},
            {"actor": "us", "lever": "sanctions_maritime", "option": "ignore", "months": 5},
        ],
    )
    moves = Planner("us", 1).negotiate(Context(g, "us", 0, random.Random(1)))
    assert {"type": "respond", "proposal": pid, "accept": False} in moves
    # The counter: the same freeze, its relief due only once the freeze has been kept and
    # seen kept, inspected; the engine takes it.
    counter = next(m for m in moves if m["type"] == "propose" and m["to"] == ["dprk"])
    assert counter["inspections"] is True
    ours = [c for c in counter["commitments"] if c["actor"] == "us"]
    theirs = [c for c in counter["commitments"] if c["actor"] == "dprk"]
    assert theirs and ours and all(c.get("after", {}).get("months", 0) >= 1 for c in ours)
    g.apply({**counter, "actor": "us"})
    assert g.proposals[g.open_ids[-1]]["status"] == "open"


def test_the_us_planner_takes_a_clearly_good_deal(korea_rules: Rules) -> None:
    # An inspected freeze for a step-by-step stance, which the US scores well anyway.
    g = _may(korea_rules, 5)
    pid = _offer(
        g,
        [FREEZE, {"actor": "us", "lever": "us_stance", "option": "step_by_step", "months": 5}],
    )
    free = _offer(g, [FREEZE])
    moves = Planner("us", 1).negotiate(Context(g, "us", 0, random.Random(1)))
    assert {"type": "respond", "proposal": pid, "accept": True} in moves
    assert {"type": "respond", "proposal": free, "accept": True} in moves


def test_a_phased_deal_is_played_as_the_engine_runs_it(korea_rules: Rules) -> None:
    # In the rollouts the US relief of a phased deal starts only after the freeze has
    # been kept a month, and never when North Korea does not freeze.
    g = _may(korea_rules, 5)
    relief = {
        "actor": "us",
        "lever": "sanctions_finance",
        "option": "ignore",
        "months": 5,
        "after": {"term": 0, "months": 1},
    }
    pid = _offer(g, [FREEZE, relief])
    planner = Planner("us", 1)
    ctx = Context(g, "us", 0, random.Random(1))
    world = planner._worlds(ctx)[0]
    plan = dict(ctx.policy)
    kept = planner._play_out(world, plan, [], planner._accept_all(pid))
    broken = planner._play_out(
        world,
        plan,
        [],
        planner._accept_all(pid, frozenset({"dprk"})),
        frozenset({"dprk"}),
    )
    assert kept.policy["us"]["sanctions_finance"] == "ignore"
    assert kept.policy["dprk"]["nuclear_programme"] == "freeze"
    assert broken.policy["us"]["sanctions_finance"] != "ignore"


def test_a_deal_that_costs_when_unkept_needs_inspections(korea_rules: Rules) -> None:
    # Promise and break: the United States offers North Korea something for a change of
    # its own, without inspections. If the US never delivers, nobody sees it and North
    # Korea keeps its part all game for nothing. Even a planner that expects every
    # partner to keep its word (no breach risk) takes such a deal only inspected.
    g = _may(korea_rules, 5)
    rules = korea_rules
    found = []
    for mine in rules.holder_levers["dprk"]:
        for theirs in rules.holder_levers["us"]:
            ask = next(o.id for o in mine.options if o.id != g.policy["dprk"][mine.id])
            give = next(o.id for o in theirs.options if o.id != g.policy["us"][theirs.id])
            found.append(
                [
                    {"actor": "us", "lever": theirs.id, "option": give, "months": 5},
                    {"actor": "dprk", "lever": mine.id, "option": ask, "months": 5},
                ]
            )
    trusting = Planner("dprk", 1, breach_risk=0.0, breach_risk_uninspected=0.0, verify=False)
    careful = Planner("dprk", 1, breach_risk=0.0, breach_risk_uninspected=0.0)
    exposed = 0
    for terms in found:
        h = g.copy()
        h.apply(
            {"type": "propose", "actor": "us", "to": ["dprk"], "inspections": False,
             "commitments": terms}
        )  # fmt: skip
        pid = h.open_ids[-1]
        ctx = Context(h, "dprk", 0, random.Random(1))
        worlds = careful._worlds(ctx)
        plan = dict(ctx.policy)
        base, _ = careful._value(worlds, plan)
        kept, _ = careful._value(worlds, plan, prepare=careful._accept_all(pid))
        unkept, _ = careful._value(
            worlds,
            plan,
            prepare=careful._accept_all(pid, frozenset({"us"})),
            breakers=frozenset({"us"}),
        )
        if not (kept > base + 0.5 and unkept < base - 0.5):
            continue  # not a deal that is worth it kept and costs unkept
        t_ctx = Context(h, "dprk", 0, random.Random(1))
        prop = next(p for p in t_ctx.open_proposals() if p["id"] == pid)
        t_worlds = trusting._worlds(t_ctx)
        t_plan = {**t_ctx.policy, **trusting._promised(t_ctx)}
        t_base, _ = trusting._value(t_worlds, t_plan)
        t_worth, t_flag = trusting._weigh(
            t_ctx, t_worlds, t_plan, t_base, prop, trusting._accept_all, pid
        )
        if t_flag or t_worth <= 0.5:
            continue  # a giveaway (the US gains by not delivering), or not worth it kept
        exposed += 1
        c_plan = {**ctx.policy, **careful._promised(ctx)}
        c_flag = careful._weigh(ctx, worlds, c_plan, base, prop, careful._accept_all, pid)[1]
        assert c_flag  # worth it, if the US delivers, but only if it can be checked
        answer = {"type": "respond", "proposal": pid}
        took = trusting.negotiate(Context(h, "dprk", 0, random.Random(1)))
        refused = careful.negotiate(Context(h, "dprk", 0, random.Random(1)))
        # The trusting planner takes it, or haggles for a better one; it never walks away.
        assert {**answer, "accept": True} in took or any(m["type"] == "propose" for m in took)
        assert {**answer, "accept": False} in refused
        counter = [m for m in refused if m["type"] == "propose"]
        assert not counter or counter[0]["inspections"] is True
    assert exposed  # the scenario has such deals


def test_an_unseen_promise_the_partner_would_rather_break_is_priced_as_broken(
    korea_rules: Rules,
) -> None:
    # Seen in play (promise and break as the United States): the US promised lax
    # financial and maritime sanctions, without inspections, for China sending workers
    # home; it then ignored its sanctions every month, unseen. Ignoring them is what the
    # US would choose for itself, and a breach could not be seen: the risk is the
    # planner's ``breach_risk_unseen``, not the prior.
    g = _may(korea_rules, 5)
    lax = [
        {"actor": "us", "lever": "sanctions_finance", "option": "lax", "months": 5},
        {"actor": "us", "lever": "sanctions_maritime", "option": "lax", "months": 5},
    ]
    planner = Planner("china", 1)
    ctx = Context(g, "china", 0, random.Random(1))
    unseen = {"parties": ["us", "china"], "inspections": False, "commitments": lax}
    assert planner._tempted_unseen(ctx, unseen)
    assert planner._breach_risk(ctx, unseen) == planner.breach_risk_unseen
    # Inspected, the same promise is only as risky as any inspected one.
    checked = {**unseen, "inspections": True}
    assert not planner._tempted_unseen(ctx, checked)
    assert planner._breach_risk(ctx, checked) == planner.breach_risk
    # A public promise (the US stance) is seen if broken: the prior applies.
    stance = [{"actor": "us", "lever": "us_stance", "option": "step_by_step", "months": 5}]
    public = {"parties": ["us", "china"], "inspections": False, "commitments": stance}
    assert not planner._tempted_unseen(ctx, public)


def test_a_partner_seen_breaking_a_deal_gets_only_phased_inspected_deals(
    korea_rules: Rules,
) -> None:
    # Seen in play: North Korea's planner froze its programme four times in a year for
    # a United States that broke each deal in its first month. After one observed
    # breach it takes no deal in which it pays before the US has delivered.
    g = Game(korea_rules, 5)
    g.apply({"type": "propose", "actor": "us", "to": ["dprk"], "inspections": True,
             "commitments": [{"actor": "us", "lever": "us_stance", "option": "freeze_for_relief",
                              "months": 5}, dict(FREEZE)]})  # fmt: skip
    g.apply({"type": "respond", "actor": "dprk", "proposal": g.open_ids[-1], "accept": True})
    g.advance()  # negotiation ends
    g.drafts["us"] = {"levers": {"us_stance": "step_by_step"}, "signals": [], "stand_up": []}
    g.advance()  # the month resolves: the US breaks its public term, and is seen
    assert Context(g, "dprk", 0, random.Random(1)).observed_breaches().get("us")
    planner = Planner("dprk", 1)
    ctx = Context(g, "dprk", 0, random.Random(1))
    give = dict(FREEZE)
    get = {"actor": "us", "lever": "us_stance", "option": "freeze_for_relief", "months": 5}
    paid_first = {"parties": ["us", "dprk"], "inspections": True, "commitments": [get, give]}
    assert planner._offender(ctx, paid_first)
    phased = {**give, "after": {"term": 0, "months": 1}}
    on_delivery = {"parties": ["us", "dprk"], "inspections": True, "commitments": [get, phased]}
    assert not planner._offender(ctx, on_delivery)
    assert planner._offender(ctx, {**on_delivery, "inspections": False})
    # And in negotiation: the offender's unphased offer is refused.
    g.apply({"type": "propose", "actor": "us", "to": ["dprk"], "inspections": True,
             "commitments": [get, give]})  # fmt: skip
    pid = g.open_ids[-1]
    moves = planner.negotiate(Context(g, "dprk", 0, random.Random(1)))
    assert {"type": "respond", "proposal": pid, "accept": False} in moves
