"""The machinery the persona bots share: sensible play tilted by a temperament.

A persona values each option of each of its levers (and each signal, or none) by

* what the option is worth to its own public *and* secret objectives, as measured by
  :mod:`game.bots.analysis` (normalised within the lever), and
* its temperament: how hawkish the option is (``stance`` > 0 prefers hawkish options,
  < 0 dovish ones), and, for :class:`~game.bots.reciprocator.Reciprocator`, what the
  option does to each other actor weighted by how that actor has behaved.

It keeps the commitments of its agreements (a hawk breaks them when keeping costs more
than ``keep_margin`` points), proposes deals built from the same table and accepts those
worth at least ``accept_margin`` points to it. Subclasses set the class attributes and
may override :meth:`PersonaBot.standing`. Decisions never build the full view: they use
the rules, the cached profile and the cheap :class:`~game.bots.base.Context` accessors.
"""

from __future__ import annotations

from typing import Any

from game.bots.analysis import NO_SIGNAL, Profile, profile_of
from game.bots.base import Action, Bot, Context


def _norm(values: dict[str, float], floor: float) -> dict[str, float]:
    lo, hi = min(values.values()), max(values.values())
    mid, span = (lo + hi) / 2.0, max(hi - lo, floor)
    return {k: 0.5 + (x - mid) / span for k, x in values.items()}


def satisfies(level: float, promised: float, compare: str, same: bool) -> bool:
    """Whether an option (``level``) keeps a commitment to ``promised`` under ``compare``."""
    if compare == "at_most":
        return level <= promised
    if compare == "at_least":
        return level >= promised
    return same


class PersonaBot(Bot):
    """Base of the personas: temperament parameters over shared sensible play."""

    name = "persona"
    stance = 0.0  # +1 hawkish, -1 dovish
    weight = 0.4  # how much temperament counts against own interest (0..1)
    reciprocity = 0.0  # how much others' standing counts
    accept_margin = 0.0  # points a proposal must be worth to be accepted
    keep_margin: float | None = None  # break a commitment costing more than this; None: never
    give_limit = 0.0  # points it will concede in its own proposals
    propose_every = 1  # propose a deal every this many months (0: never)
    summit_bias = 0.0  # value it puts on a summit, in points
    signal_floor = 0.0  # sends a signal only if valued at least this above "none"
    draft_rate = 0.0  # chance per month to table a Security Council draft (P5 only)
    util_floor = 2.0  # options within this many points of each other look equally good
    war_margin = 15.0  # no signal that takes tension within this of the war threshold

    def __init__(self, actor: str, seed: int = 0) -> None:
        super().__init__(actor, seed)
        self._prof: Profile | None = None

    # --------------------------------------------------------------- helpers
    def profile(self, ctx: Context) -> Profile:
        """The scenario profile (cached per process)."""
        if self._prof is None or self._prof.rules is not ctx.rules:
            self._prof = profile_of(ctx.rules)
        return self._prof

    def standing(self, ctx: Context) -> dict[str, float]:
        """How well each other actor has behaved towards this one (-1..1); 0 by default."""
        return {a: 0.0 for a in ctx.rules.actor_ids if a != self.actor}

    def _temper(self, h: float) -> float:
        return h if self.stance >= 0 else 1.0 - h

    def _value(
        self, ctx: Context, lever: str, options: list[str], standing: dict[str, float]
    ) -> dict[str, float]:
        prof = self.profile(ctx)
        me = self.actor
        util = _norm({o: prof.delta[(me, lever, o)][me] for o in options}, self.util_floor)
        w = self.weight * abs(self.stance)
        out = {
            o: (1.0 - w) * util[o] + w * self._temper(prof.hawk[(me, lever, o)]) for o in options
        }
        if self.reciprocity:
            for other, s in standing.items():
                if abs(s) < 1e-9:
                    continue
                effect = _norm(
                    {o: prof.delta[(me, lever, o)][other] for o in options}, self.util_floor
                )
                for o in options:
                    out[o] += self.reciprocity * s * (effect[o] - 0.5)
        return out

    def _allowed(self, ctx: Context, lever: str) -> list[str] | None:
        """Options of ``lever`` that keep every commitment due this month (None: free)."""
        lv = ctx.rules.lever_by_id[lever]
        constraints = [
            c
            for ag in ctx.agreements()
            for c in ag["commitments"]
            if c["actor"] == self.actor
            and c.get("lever") == lever
            and c["start"] <= ctx.month < c["start"] + c["months"]
        ]
        if not constraints:
            return None
        ok = [
            o.id
            for o in lv.options
            if all(
                satisfies(o.level, lv.by_id[c["option"]].level, c["compare"], o.id == c["option"])
                for c in constraints
            )
        ]
        return ok or None

    def known_policy(self, ctx: Context, other: str) -> dict[str, str]:
        """``other``'s levers as last seen (scenario defaults before the first month)."""
        seen = ctx.last_orders().get(other, {}).get("levers", {})
        return {lv.id: seen.get(lv.id, lv.default[other]) for lv in ctx.rules.holder_levers[other]}

    # --------------------------------------------------------------- orders
    def orders(self, ctx: Context) -> Action:
        """Each lever's best-valued option, commitments kept (or broken if too costly)."""
        rules = ctx.rules
        standing = self.standing(ctx) if self.reciprocity else {}
        levers: dict[str, str] = {}
        for lv in rules.holder_levers[self.actor]:
            options = [o.id for o in lv.options]
            values = self._value(ctx, lv.id, options, standing)
            best = max(options, key=values.__getitem__)
            allowed = self._allowed(ctx, lv.id)
            if allowed is not None and best not in allowed:
                kept = max(allowed, key=values.__getitem__)
                prof = self.profile(ctx)
                cost = (
                    prof.delta[(self.actor, lv.id, best)][self.actor]
                    - prof.delta[(self.actor, lv.id, kept)][self.actor]
                )
                if self.keep_margin is None or cost <= self.keep_margin:
                    best = kept
            levers[lv.id] = best
        order: Action = {"levers": levers, "signals": self._signals(ctx, standing)}
        return order

    def _signals(self, ctx: Context, standing: dict[str, float]) -> list[dict[str, Any]]:
        rules = ctx.rules
        sigs = rules.actor_signals[self.actor]
        if not sigs or not rules.max_signals:
            return []
        # Sensible play: nobody walks to the brink of war on purpose.
        tension = ctx.value(rules.tension_key) or 0.0
        promised = ctx.signals_ruled_out()  # a moratorium it agreed to is kept
        safe = [
            s
            for s in sigs
            if tension + s.escalation < rules.war_threshold - self.war_margin
            and s.id not in promised
        ]
        options = [NO_SIGNAL, *(s.id for s in safe)]
        values = self._value(ctx, "signal", options, standing)
        best = max(options, key=values.__getitem__)
        if best == NO_SIGNAL or values[best] < values[NO_SIGNAL] + self.signal_floor:
            return []
        sig = rules.signal_by_id[best]
        target = None
        if sig.addressee:
            target = self.rival(ctx, standing)
        return [{"signal": best, "target": target}]

    def rival(self, ctx: Context, standing: dict[str, float]) -> str:
        """Whom a signal is aimed at: the actor with the worst standing, else least trusted."""
        others = [a for a in ctx.rules.actor_ids if a != self.actor]
        if standing and min(standing.values()) < 0:
            return min(others, key=lambda a: standing.get(a, 0.0))
        pairs = [v.id for v in ctx.rules.model.variables if v.scope == "pair"]
        if pairs:
            init = ctx.rules.initial
            return min(others, key=lambda a: init[f"{pairs[0]}.{self.actor}.{a}"])
        return others[0]

    # --------------------------------------------------------------- negotiation
    def negotiate(self, ctx: Context) -> list[Action]:
        """Answer open proposals; in the first round, maybe propose a deal or a draft."""
        out: list[Action] = []
        standing = self.standing(ctx) if self.reciprocity else {}
        taking: list[dict[str, Any]] = []  # terms of the proposals accepted here
        for prop in ctx.open_proposals():
            accept = self.accepts(ctx, prop, standing) and ctx.can_accept(prop["id"], taking)
            if accept:
                taking += prop["commitments"]
            out.append({"type": "respond", "proposal": prop["id"], "accept": accept})
        if ctx.round == 0:
            if self.propose_every and (ctx.month - 1) % self.propose_every == 0:
                offer = self.proposal(ctx, standing)
                if offer is not None and not ctx.proposal_problem(offer["commitments"], taking):
                    out.append(offer)  # (a term against a deal in force would be refused)
            out += self._unsc(ctx)
        return out

    def deal_value(self, ctx: Context, prop: dict[str, Any]) -> float:
        """What a proposal is worth to this actor, in points, from the profile."""
        prof = self.profile(ctx)
        me = self.actor
        value = 0.0
        for c in prop["commitments"]:
            if "lever" not in c:  # other kinds of term: not weighed by the profile
                continue
            who = c["actor"]
            current = (
                ctx.policy[c["lever"]] if who == me else self.known_policy(ctx, who)[c["lever"]]
            )
            value += prof.gain(who, c["lever"], c["option"], current, me)
        if prop.get("summit"):
            value += self.summit_bias
        return value

    def accepts(self, ctx: Context, prop: dict[str, Any], standing: dict[str, float]) -> bool:
        """Accept when the deal is worth at least ``accept_margin`` (and partners behave)."""
        if standing and any(standing.get(p, 0.0) < 0 for p in prop["parties"] if p != self.actor):
            return False
        return self.deal_value(ctx, prop) >= self.accept_margin

    def partner(self, ctx: Context, standing: dict[str, float]) -> str | None:
        """Whom to propose to this month: rotating through the others (reciprocators skip
        those in bad standing)."""
        others = [a for a in ctx.rules.actor_ids if a != self.actor]
        if standing:
            others = [a for a in others if standing.get(a, 0.0) >= 0]
        if not others:
            return None
        return others[(ctx.month + ctx.rules.actor_ids.index(self.actor)) % len(others)]

    def proposal(self, ctx: Context, standing: dict[str, float]) -> Action | None:
        """A deal: ask the partner for what helps this actor most; give what helps the
        partner most at a cost of at most ``give_limit`` points."""
        other = self.partner(ctx, standing)
        if other is None:
            return None
        prof = self.profile(ctx)
        me = self.actor
        rules = ctx.rules
        months = min(3, rules.negotiation.max_deal_months)
        theirs = self.known_policy(ctx, other)
        ask = None
        best = 0.5
        for lv in rules.holder_levers[other]:
            for o in lv.options:
                g = prof.gain(other, lv.id, o.id, theirs[lv.id], me)
                if g > best:
                    ask, best = (lv.id, o.id), g
        give = None
        if self.give_limit > 0:
            mine = ctx.policy
            best = 0.5
            for lv in rules.holder_levers[me]:
                for o in lv.options:
                    cost = -prof.gain(me, lv.id, o.id, mine[lv.id], me)
                    if cost > self.give_limit:
                        continue
                    g = prof.gain(me, lv.id, o.id, mine[lv.id], other) - cost
                    if g > best:
                        give, best = (lv.id, o.id), g
        commitments = [
            {"actor": who, "lever": lv, "option": opt, "months": months}
            for who, pick in ((other, ask), (me, give))
            if pick is not None
            for lv, opt in [pick]
        ]
        summit = self.summit_bias > 0 and bool(commitments)
        if not commitments and self.summit_bias <= 0:
            return None
        return {
            "type": "propose",
            "to": [other],
            "commitments": commitments,
            "summit": summit,
            "talks": not commitments,
            "inspections": bool(commitments) and self.stance <= 0,
            "text": "",
        }

    def _unsc(self, ctx: Context) -> list[Action]:
        rules = ctx.rules
        if not rules.unsc or self.actor not in rules.p5:
            return []
        out: list[Action] = []
        for d in ctx.unsc_drafts():
            if self.actor in d["votes"]:
                continue
            tighten = d["direction"] == "tighten"
            if self.stance > 0:
                vote = "yes" if tighten else "no"
            elif self.stance < 0:
                vote = "abstain" if tighten else "yes"
            else:
                vote = "abstain"
            out.append({"type": "unsc_vote", "draft": d["id"], "vote": vote})
        if self.draft_rate and rules.sectors and ctx.rng.random() < self.draft_rate:
            sector = max(rules.sectors, key=lambda s: s.weight)
            direction = "tighten" if self.stance > 0 else "relax"
            out.append({"type": "unsc_draft", "sector": sector.id, "direction": direction})
        return out
