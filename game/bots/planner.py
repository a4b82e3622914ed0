"""``planner``: a search bot that plays the engine forward to choose orders and deals.

For each decision it draws ``samples`` games consistent with what its actor can see
(:meth:`Context.sample_game`: hidden values drawn from its estimates, others' secrets
redrawn), and in each one samples the other actors' likely orders (half the time they
keep what they were last seen doing, otherwise they pick what the scenario profile says
serves them best; commitments to this actor are assumed kept). A candidate is scored by
playing every sample to the end of the game with the engine and reading this actor's
score (:meth:`Game.scores`, its public and secret objectives); candidates share the
same samples, so differences are not noise from different draws.

* Orders: coordinate ascent over its levers (each option of each lever in turn, the
  others held), then the best signal, or none. Breaking a commitment must be worth
  ``breach_penalty`` points more than keeping it.
* Responses: accept a proposal when the game played with the deal in force (everyone
  keeping it) scores higher than without it.
* Proposals: in the first round of a month, deals built from the profile (ask each
  partner for what helps most, offer what helps them at least cost, with or without a
  summit) are played out; it tables the best one if it raises its own expected score
  and costs the partner's public score at most ``partner_slack`` points (so a partner
  may well accept).

Nothing here names an actor, lever or variable: it works on any scenario.
"""

from __future__ import annotations

import random
from typing import Any

from game.bots.analysis import Profile, profile_of, public_score
from game.bots.base import Action, Bot, Context
from game.engine.game import Game
from game.errors import IllegalAction

Plan = dict[str, str]


class Planner(Bot):
    """Monte Carlo search over orders and deals using the engine itself."""

    name = "planner"

    def __init__(
        self,
        actor: str,
        seed: int = 0,
        samples: int = 3,
        breach_penalty: float = 3.0,
        min_gain: float = 0.25,
        partner_slack: float = 3.0,
    ) -> None:
        super().__init__(actor, seed)
        self.samples = samples
        self.breach_penalty = breach_penalty
        self.min_gain = min_gain
        self.partner_slack = partner_slack
        self._prof: Profile | None = None

    # ------------------------------------------------------------------ model
    def profile(self, ctx: Context) -> Profile:
        """The scenario profile (cached per process)."""
        if self._prof is None or self._prof.rules is not ctx.rules:
            self._prof = profile_of(ctx.rules)
        return self._prof

    def _worlds(self, ctx: Context) -> list[tuple[Game, dict[str, Plan]]]:
        """Sampled games, each with sampled orders for the other actors."""
        rng = random.Random(ctx.rng.random())
        prof = self.profile(ctx)
        rules = ctx.rules
        seen = ctx.last_orders()
        owed = self._owed_to_me(ctx)
        worlds = []
        for _ in range(self.samples):
            g = ctx.sample_game(rng)
            others: dict[str, Plan] = {}
            for a in rules.actor_ids:
                if a == self.actor:
                    continue
                known = seen.get(a, {}).get("levers", {})
                plan: Plan = {}
                for lv in rules.holder_levers[a]:
                    if rng.random() < 0.5:
                        plan[lv.id] = known.get(lv.id, g.policy[a][lv.id])
                    else:
                        plan[lv.id] = prof.best_for(a, lv.id, a)
                plan.update(owed.get(a, {}))
                others[a] = plan
            worlds.append((g, others))
        return worlds

    def _owed_to_me(self, ctx: Context) -> dict[str, Plan]:
        out: dict[str, Plan] = {}
        for ag in ctx.agreements():
            for c in ag["commitments"]:
                if c["actor"] != self.actor and c["start"] <= ctx.month < c["start"] + c["months"]:
                    out.setdefault(c["actor"], {})[c["lever"]] = c["option"]
        return out

    # ------------------------------------------------------------------ rollouts
    def _play_out(
        self,
        world: tuple[Game, dict[str, Plan]],
        mine: Plan,
        signals: list[dict[str, Any]],
        prepare: Any = None,
    ) -> Game:
        """Copy a world, optionally change it, play it to the end; return the finished game."""
        base, others = world
        g = base.copy()
        me = self.actor
        extra: dict[str, Plan] = {}
        if prepare is not None:
            extra = prepare(g) or {}
        if g.phase == "negotiation":
            g.advance()
        if g.phase != "orders":
            return g
        mine = {**mine, **extra.get(me, {})}
        g.drafts[me] = {"levers": mine, "signals": signals, "stand_up": []}
        for a, plan in others.items():
            if a not in g.submitted:
                g.drafts[a] = {
                    "levers": {**plan, **extra.get(a, {})},
                    "signals": [],
                    "stand_up": [],
                }
        g.advance()
        while not g.over:
            g.advance()
            g.advance()
        return g

    def _value(
        self,
        worlds: list[tuple[Game, dict[str, Plan]]],
        mine: Plan,
        signals: list[dict[str, Any]] | None = None,
        prepare: Any = None,
        partner: str | None = None,
    ) -> tuple[float, float]:
        """Mean final score of this actor (and of ``partner``'s public objectives)."""
        total = other = 0.0
        for world in worlds:
            g = self._play_out(world, mine, signals or [], prepare)
            total += g.scores()[self.actor]
            if partner is not None:
                other += public_score(g.rules, g.v, partner)
        n = len(worlds) or 1
        return total / n, other / n

    # ------------------------------------------------------------------ orders
    def orders(self, ctx: Context) -> Action:
        """Coordinate ascent over levers, then the best signal, by played-out score."""
        rules = ctx.rules
        me = self.actor
        worlds = self._worlds(ctx)
        plan: Plan = dict(ctx.policy)
        promised = self._promised(ctx)
        plan.update(promised)
        best, _ = self._value(worlds, plan)
        for lv in rules.holder_levers[me]:
            for opt in lv.options:
                if opt.id == plan[lv.id]:
                    continue
                trial = {**plan, lv.id: opt.id}
                value, _ = self._value(worlds, trial)
                if lv.id in promised and opt.id != promised[lv.id]:
                    value -= self.breach_penalty
                if value > best + 1e-9:
                    best, plan = value, trial
        signals: list[dict[str, Any]] = []
        if rules.max_signals:
            target = self._rival(ctx)
            for sig in rules.actor_signals[me]:
                trial_sig = [{"signal": sig.id, "target": target if sig.addressee else None}]
                value, _ = self._value(worlds, plan, trial_sig)
                if value > best + self.min_gain:
                    best, signals = value, trial_sig
        return {"levers": plan, "signals": signals}

    def _promised(self, ctx: Context) -> Plan:
        return ctx.commitments_now()

    def _rival(self, ctx: Context) -> str:
        others = [a for a in ctx.rules.actor_ids if a != self.actor]
        pairs = [v.id for v in ctx.rules.model.variables if v.scope == "pair"]
        if not pairs:
            return others[0]

        def trust(a: str) -> float:
            x = ctx.value(f"{pairs[0]}.{self.actor}.{a}")
            return x if x is not None else 0.0

        return min(others, key=trust)

    # ------------------------------------------------------------------ negotiation
    def negotiate(self, ctx: Context) -> list[Action]:
        """Accept deals that raise its expected score; in round 0 maybe propose one."""
        pending = ctx.open_proposals()
        propose = ctx.round == 0
        if not pending and not propose:
            return []
        worlds = self._worlds(ctx)
        plan: Plan = {**ctx.policy, **self._promised(ctx)}
        base, _ = self._value(worlds, plan)
        out: list[Action] = []
        for prop in pending:
            value, _ = self._value(worlds, plan, prepare=self._accept_all(prop["id"]))
            out.append(
                {"type": "respond", "proposal": prop["id"], "accept": value > base + self.min_gain}
            )
        if propose:
            deal = self._best_deal(ctx, worlds, plan, base)
            if deal is not None:
                out.append(deal)
        return out

    def _accept_all(self, pid: int) -> Any:
        """A ``prepare`` step: every party accepts proposal ``pid``; commitments are kept."""

        def prepare(g: Game) -> dict[str, Plan]:
            prop = g.proposals.get(pid)
            if prop is None or prop["status"] != "open":
                return {}
            for p in prop["parties"]:
                if p not in prop["responses"] and g.proposals[pid]["status"] == "open":
                    g.apply({"type": "respond", "actor": p, "proposal": pid, "accept": True})
            return _kept(g, prop)

        return prepare

    def _propose_and_accept(self, action: Action) -> Any:
        me = self.actor

        def prepare(g: Game) -> dict[str, Plan]:
            try:
                g.apply({**action, "actor": me})
            except IllegalAction:
                return {}
            pid = max(g.proposals)
            accepted: dict[str, Plan] = self._accept_all(pid)(g)
            return accepted

        return prepare

    def _candidates(self, ctx: Context) -> list[tuple[str, Action]]:
        prof = self.profile(ctx)
        rules = ctx.rules
        me = self.actor
        months = min(3, rules.negotiation.max_deal_months)
        seen = ctx.last_orders()
        mine = ctx.policy
        out: list[tuple[str, Action]] = []
        for other in rules.actor_ids:
            if other == me:
                continue
            known = seen.get(other, {}).get("levers", {})
            current = {
                lv.id: known.get(lv.id, lv.default[other]) for lv in rules.holder_levers[other]
            }
            asks = sorted(
                (
                    (
                        prof.gain(other, lv.id, o.id, current[lv.id], me),
                        prof.gain(other, lv.id, o.id, current[lv.id], other),
                        lv.id,
                        o.id,
                    )
                    for lv in rules.holder_levers[other]
                    for o in lv.options
                ),
                reverse=True,
            )
            gives = sorted(
                (
                    (
                        prof.gain(me, lv.id, o.id, mine[lv.id], other)
                        + prof.gain(me, lv.id, o.id, mine[lv.id], me),
                        lv.id,
                        o.id,
                    )
                    for lv in rules.holder_levers[me]
                    for o in lv.options
                    if o.id != mine[lv.id]
                ),
                reverse=True,
            )
            # What to ask for: the most useful option by the profile, and the first tagged
            # option (tags are what deals and objectives refer to: deal.TAG); if nothing
            # helps, a status-quo pledge.
            picks: list[tuple[str, str]] = []
            best_ask = next(((lv, o) for g, _, lv, o in asks if g > 0), None)
            if best_ask:
                picks.append(best_ask)
            tagged = next(
                (
                    (lv.id, o.id)
                    for lv in rules.holder_levers[other]
                    for o in lv.options
                    if o.tags and o.id != current[lv.id] and (lv.id, o.id) not in picks
                ),
                None,
            )
            if tagged:
                picks.append(tagged)
            if not picks and asks:
                picks.append((asks[0][2], current[asks[0][2]]))
            give = next(((lv, o) for g, lv, o in gives), None)
            bundles: list[list[dict[str, Any]]] = []
            for ask in picks:
                c_ask = {"actor": other, "lever": ask[0], "option": ask[1], "months": months}
                if give:
                    c_give = {"actor": me, "lever": give[0], "option": give[1], "months": months}
                    bundles.append([c_ask, c_give])
                else:
                    bundles.append([c_ask])
            for commitments in bundles:
                for summit in (False, True):
                    out.append(
                        (
                            other,
                            {
                                "type": "propose",
                                "to": [other],
                                "commitments": commitments,
                                "summit": summit,
                                "talks": False,
                                "inspections": True,
                                "text": "",
                            },
                        )
                    )
            out.append(
                (
                    other,
                    {
                        "type": "propose",
                        "to": [other],
                        "commitments": [],
                        "summit": False,
                        "talks": True,
                        "inspections": False,
                        "text": "",
                    },
                )
            )
        return out

    def _best_deal(
        self,
        ctx: Context,
        worlds: list[tuple[Game, dict[str, Plan]]],
        plan: Plan,
        base: float,
    ) -> Action | None:
        best: Action | None = None
        best_value = base + self.min_gain
        partner_base: dict[str, float] = {}
        for other, action in self._candidates(ctx):
            if other not in partner_base:
                partner_base[other] = self._value(worlds, plan, partner=other)[1]
            value, theirs = self._value(
                worlds, plan, prepare=self._propose_and_accept(action), partner=other
            )
            if value > best_value and theirs >= partner_base[other] - self.partner_slack:
                best, best_value = action, value
        return best


def _kept(g: Game, prop: dict[str, Any]) -> dict[str, Plan]:
    """Everyone's orders this month if they keep a proposal's commitments due now."""
    out: dict[str, Plan] = {}
    for c in prop["commitments"]:
        if c["start"] <= g.month < c["start"] + c["months"]:
            out.setdefault(c["actor"], {})[c["lever"]] = c["option"]
    return out
