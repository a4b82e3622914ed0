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
* Proposals: deals built from the profile: ask each partner for what helps this actor
  most (and for tagged options, which deal objectives refer to), then add concessions of
  its own, most useful to the partner for what they cost, until the partner's own
  objectives make the bundle worth taking (by the profile, as a partner can judge it).
  Deals run past the last month, because objectives are scored on the final state and a
  deal only counts while in force. Each candidate is played out (everyone accepting and
  keeping it); its expected gain is the chance the partner accepts times the gain. The
  best is tabled, one partner per round, never twice to the same partner in a month.

Nothing here names an actor, lever or variable: it works on any scenario.
"""

from __future__ import annotations

import math
import random
from typing import Any

from game.bots.analysis import NO_SIGNAL, UsesProfile, public_score
from game.bots.answer import answer_intents
from game.bots.base import Action, Bot, Context, least_trusted
from game.bots.weigh import Lens, Temper, seen_if_broken, weigh
from game.engine.game import Game
from game.engine.substance import allowed, allowed_ids
from game.errors import IllegalAction

Plan = dict[str, str]


class Planner(UsesProfile, Bot):
    """Monte Carlo search over orders and deals using the engine itself."""

    name = "planner"

    def __init__(
        self,
        actor: str,
        seed: int = 0,
        samples: int = 5,
        breach_penalty: float = 3.0,
        min_gain: float = 0.25,
        asks: int = 3,
        generosity: tuple[float, ...] = (-2.0, -0.5),
        max_gives: int = 4,
        propose_rounds: int = 2,
        caution: float = 1.0,
        breach_risk: float = 0.15,
        breach_risk_uninspected: float = 0.35,
        breach_risk_unseen: float = 0.9,
        giveaway_points: float = 1.0,
        screen: int = 2,
        finalists: int = 6,
        screen_margin: float = 1.0,
        verify: bool = True,
    ) -> None:
        super().__init__(actor, seed)
        self.samples = samples
        self.breach_penalty = breach_penalty
        self.min_gain = min_gain
        self.asks = asks
        self.generosity = generosity
        self.max_gives = max_gives
        self.propose_rounds = propose_rounds
        self.caution = caution
        self.breach_risk = breach_risk
        self.breach_risk_uninspected = breach_risk_uninspected
        self.breach_risk_unseen = breach_risk_unseen
        self.giveaway_points = giveaway_points
        self.screen = screen
        self.finalists = finalists
        self.screen_margin = screen_margin
        self.verify = verify  # deals that cost it when unkept: only with inspections
        # Offers made this game: (month, partner) -> what it was worth to the partner by
        # the profile; the answers teach it how much each partner needs to accept.
        self._offers: dict[tuple[int, str], float] = {}
        self._answers: list[tuple[str, float, bool]] = []  # (partner, worth, accepted)
        self._ranked: tuple[Any, list[tuple[float, str, Action, float]]] | None = None

    # ------------------------------------------------------------------ model

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
                if (
                    "lever" in c
                    and c["actor"] != self.actor
                    and c["start"] <= ctx.month < c["start"] + c["months"]
                ):
                    out.setdefault(c["actor"], {})[c["lever"]] = c["option"]
        return out

    # ------------------------------------------------------------------ rollouts
    def _play_out(
        self,
        world: tuple[Game, dict[str, Plan]],
        mine: Plan,
        signals: list[dict[str, Any]],
        prepare: Any = None,
        breakers: frozenset[str] = frozenset(),
    ) -> Game:
        """Copy a world, optionally change it, play it to the end; return the finished game.

        In every later month each actor except ``breakers`` keeps the lever terms of the
        agreements in force that are due then (phased terms once their condition is met),
        so a deal that starts later, or in phases, is played as the engine would run it;
        ``breakers`` keep their own orders instead (the world where a partner does not
        deliver)."""
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
            if g.agreements and g.phase == "orders":
                for a, due in _due_terms(g, breakers).items():
                    g.drafts[a] = {
                        "levers": {**g.policy[a], **due},
                        "signals": [],
                        "stand_up": [],
                    }
            g.advance()
        return g

    def _value(
        self,
        worlds: list[tuple[Game, dict[str, Plan]]],
        mine: Plan,
        signals: list[dict[str, Any]] | None = None,
        prepare: Any = None,
        partner: str | None = None,
        breakers: frozenset[str] = frozenset(),
    ) -> tuple[float, float]:
        """Mean final score of this actor (and of ``partner``'s public objectives)."""
        total = other = 0.0
        for world in worlds:
            g = self._play_out(world, mine, signals or [], prepare, breakers)
            total += g.scores()[self.actor]
            if partner is not None:
                other += public_score(g.rules, g.v, partner)
        n = len(worlds) or 1
        return total / n, other / n

    # ------------------------------------------------------------------ orders
    def orders(self, ctx: Context) -> Action:
        """Coordinate ascent over levers, then the best signal, by played-out score.

        Each option is also charged ``caution`` points per unit of its measured
        hawkishness (0..1, from the profile): other players answer provocation (standing,
        signals, deals refused) in ways the rollouts, where they keep their orders, miss.
        """
        rules = ctx.rules
        me = self.actor
        hawk = self.profile(ctx).hawk
        worlds = self._worlds(ctx)
        plan: Plan = dict(ctx.policy)
        promised = self._promised(ctx)
        plan.update(promised)
        # Screening: a trial is played on the first ``screen`` samples; only one that is
        # not clearly worse there (by ``screen_margin``) is played on the rest.
        screen, rest = worlds[: self.screen], worlds[self.screen :]
        ns, nr = len(screen), len(rest)
        n = ns + nr or 1
        best_s, _ = self._value(screen, plan)
        best_r, _ = self._value(rest, plan) if rest else (0.0, 0.0)
        best = (ns * best_s + nr * best_r) / n
        for lv in rules.holder_levers[me]:
            for opt in lv.options:
                if opt.id == plan[lv.id]:
                    continue
                trial = {**plan, lv.id: opt.id}
                adjust = -self.caution * (
                    hawk[(me, lv.id, opt.id)] - hawk[(me, lv.id, plan[lv.id])]
                )
                if lv.id in promised and opt.id != promised[lv.id]:
                    adjust -= self.breach_penalty
                vs, _ = self._value(screen, trial)
                vs += adjust
                if rest and vs < best_s - self.screen_margin:
                    continue
                vr, _ = self._value(rest, trial) if rest else (0.0, 0.0)
                value = (ns * vs + nr * (vr + adjust)) / n
                if value > best + 1e-9:
                    best, best_s, plan = value, vs, trial
        signals: list[dict[str, Any]] = []
        if rules.max_signals:
            target = least_trusted(ctx, self.actor)
            quiet = hawk.get((me, "signal", NO_SIGNAL), 0.0)
            ruled_out = ctx.signals_ruled_out()  # a moratorium it agreed to is kept
            for sig in rules.actor_signals[me]:
                if sig.id in ruled_out:
                    continue
                trial_sig = [{"signal": sig.id, "target": target if sig.addressee else None}]
                value, _ = self._value(worlds, plan, trial_sig)
                value -= self.caution * (hawk.get((me, "signal", sig.id), quiet) - quiet)
                if value > best + self.min_gain:
                    best, signals = value, trial_sig
        return {"levers": plan, "signals": signals}

    def _promised(self, ctx: Context) -> Plan:
        return ctx.commitments_now()

    # ------------------------------------------------------------------ negotiation
    def negotiate(self, ctx: Context) -> list[Action]:
        """Accept deals that raise its expected score; propose the deal with the best
        expected gain (one per round, each to a partner who can still answer this month)."""
        pending = ctx.open_proposals()
        rules = ctx.rules
        order = rules.actor_ids
        last_round = ctx.round >= rules.negotiation.rounds - 1
        # In the last round only actors after this one still get to answer.
        can_answer = {
            a
            for a in order
            if a != self.actor and (not last_round or order.index(a) > order.index(self.actor))
        }
        propose = bool(can_answer) and ctx.round < self.propose_rounds
        intents = ctx.pending_intents()
        if not pending and not propose:
            return self._answer_intents(ctx) if intents else []
        worlds = self._worlds(ctx)
        plan: Plan = {**ctx.policy, **self._promised(ctx)}
        base, _ = self._value(worlds, plan)
        out: list[Action] = []
        taking: list[dict[str, Any]] = []  # terms of the proposals accepted here
        counters: list[tuple[str, Action, float]] = []
        for prop in pending:
            worth, giveaway = self._weigh(
                ctx, worlds, plan, base, prop, self._accept_all, prop["id"]
            )
            # A partner seen breaking a deal with it gets only phased, inspected deals.
            giveaway = giveaway or self._offender(ctx, prop)
            accept = worth > self.min_gain and not giveaway and ctx.can_accept(prop["id"], taking)
            if accept:
                taking += prop["commitments"]
            else:
                counter = self._counter(ctx, worlds, plan, base, prop, worth, giveaway)
                if counter is not None:
                    counters.append(counter)
            out.append({"type": "respond", "proposal": prop["id"], "accept": accept})
        if intents:
            out += self._answer_intents(ctx, taking)
        if propose:
            busy = self._busy_partners(ctx)
            accepting = [
                c
                for a in out
                if a["type"] == "respond" and a["accept"]
                for c in ctx._game.proposals[a["proposal"]]["commitments"]
            ]
            # A counter-offer to a refused proposal comes first: it answers the proposer.
            for other, action, partner_worth in counters:
                if accepting and ctx.proposal_problem(action["commitments"], accepting):
                    continue
                if other in can_answer and other not in busy:
                    out.append(action)
                    self._offers[(ctx.month, other)] = partner_worth
                    return out
            # The deals ranked in an earlier round of this month still stand when
            # nothing this actor is party to changed since (a cache by state).
            key = (
                ctx.month,
                tuple(sorted(a["id"] for a in ctx.agreements())),
                tuple(sorted(plan.items())),
            )
            if self._ranked is None or self._ranked[0] != key:
                self._ranked = (key, self._best_deals(ctx, worlds, plan, base))
            for _, other, action, partner_worth in self._ranked[1]:
                if accepting and ctx.proposal_problem(action["commitments"], accepting):
                    continue
                if other in can_answer and other not in busy:
                    out.append(action)
                    self._offers[(ctx.month, other)] = partner_worth
                    break
        return out

    def _answer_intents(
        self, ctx: Context, taking: list[dict[str, Any]] | None = None
    ) -> list[Action]:
        """A reply in words to each intent sent to it (:mod:`game.bots.answer`). Terms
        offered or requested are weighed by the profile (:func:`game.bots.weigh.weigh`,
        no rollouts: an intent binds nobody), with its own caution: a promise it could not
        see broken counts at ``breach_risk_uninspected``'s complement, a partner seen
        breaking a deal with it gets only phased, inspected terms; agreed terms are
        tabled, and the tabled proposal is then weighed like any other."""
        lens = Lens.of(ctx, self.profile(ctx))
        temper = Temper(
            accept_margin=self.min_gain,
            trust_unseen=1.0 - self.breach_risk_uninspected,
            keep_margin=self.breach_penalty,
        )

        def agree(deal: dict[str, Any]) -> bool:
            prop = {**deal, "parties": [self.actor, deal["from"]], "proposer": deal["from"]}
            if self._offender(ctx, prop):
                return False
            return weigh(lens, deal, temper).accept

        return answer_intents(ctx, self.name, agree, taking)

    def _breach_risk(self, ctx: Context, prop: dict[str, Any]) -> float:
        """The chance the other parties do not deliver: a prior (higher without
        inspections, when a covert breach goes unseen), raised for each breach this actor
        has seen them commit, and near-certain (``breach_risk_unseen``) when a partner
        promises something it would rather not do and could break unseen: no inspections,
        an option that breaks the term is covert (or below the UN level), and the option
        best for the partner (by the profile) breaks it. Detection odds, not good faith,
        keep such a promise."""
        me = self.actor
        parties = [p for p in prop["parties"] if p != me]
        inspections = bool(prop.get("inspections"))
        broken = ctx.observed_breaches()
        seen = sum(broken.get(p, 0) for p in parties)
        prior = self.breach_risk if inspections else self.breach_risk_uninspected
        risk = min(0.9, prior + 0.25 * seen)
        if not inspections and self._tempted_unseen(ctx, prop):
            risk = max(risk, self.breach_risk_unseen)
        return risk

    def _tempted_unseen(self, ctx: Context, prop: dict[str, Any]) -> bool:
        """Whether another party's lever term in ``prop`` could be broken unseen (never
        with inspections) while breaking it is what that party would choose for itself."""
        prof = self.profile(ctx)
        lens: Lens | None = None
        for c in prop["commitments"]:
            if c["actor"] == self.actor or "lever" not in c:
                continue
            lens = lens or Lens.of(ctx, prof)
            term = {"compare": "exactly", **c}
            if seen_if_broken(lens, term, bool(prop.get("inspections"))):
                continue
            best = prof.best_for(c["actor"], c["lever"], c["actor"])
            lever = ctx.rules.lever_by_id[c["lever"]]
            if best not in {o.id for o in allowed(lever, c["option"], term["compare"])}:
                return True
        return False

    def _offender(self, ctx: Context, prop: dict[str, Any]) -> bool:
        """Whether ``prop`` asks this actor to pay a partner it has seen break a deal
        with it, other than only once that partner's own term is kept and seen kept
        (inspected, and every term of this actor's sequenced after a partner's term).
        A repeat offender gets no more credit: only action for action."""
        me = self.actor
        broken = ctx.observed_breaches()
        if not any(broken.get(p, 0) for p in prop["parties"] if p != me):
            return False
        mine = [c for c in prop["commitments"] if c["actor"] == me]
        if not mine:
            return False
        phased = all(c.get("after") is not None for c in mine)
        return not (phased and prop.get("inspections"))

    def _weigh(
        self,
        ctx: Context,
        worlds: list[tuple[Game, dict[str, Plan]]],
        plan: Plan,
        base: float,
        prop: dict[str, Any],
        accepted: Any,
        key: Any,
    ) -> tuple[float, bool]:
        """What a deal is worth to this actor, and whether it is a giveaway.

        The deal is played out twice with the engine: everyone keeping it, and the other
        parties not delivering (they keep their own orders while this actor keeps its
        terms, until an observed breach ends the deal). The worth is the gain over no
        deal, weighted by the chance of a breach. A giveaway is a deal the others can
        profit from without delivering (their public score rises by more than
        ``giveaway_points`` in the second world) while this actor gains nothing there:
        its concessions come before, or without, anything it can check. A deal that
        costs this actor in the second world and has no inspections counts as one too."""
        me = self.actor
        others = frozenset(p for p in prop["parties"] if p != me)
        mine = [c for c in prop["commitments"] if c["actor"] == me]
        keep, _ = self._value(worlds, plan, prepare=accepted(key))
        risk = self._breach_risk(ctx, prop)
        if not mine or not any(c["actor"] in others for c in prop["commitments"]):
            # Nothing of mine to lose to a breach, or nothing of theirs to break.
            return keep - base, False
        partner = prop["proposer"] if prop["proposer"] != me else min(others)
        brk, brk_p = self._value(
            worlds,
            plan,
            prepare=accepted(key, others),
            partner=partner,
            breakers=others,
        )
        _, base_p = self._value(worlds, plan, partner=partner)
        worth = (1.0 - risk) * (keep - base) + risk * (brk - base)
        giveaway = brk_p - base_p > self.giveaway_points and brk - base <= self.min_gain
        # Trust but verify: a deal that costs this actor when the others do not deliver
        # is taken only with inspections, so that a breach is seen and ends it (else a
        # partner can pocket its part all game, unseen: promise and break).
        unchecked = self.verify and not prop.get("inspections") and brk - base < -self.min_gain
        return worth, giveaway or unchecked

    def _counter(
        self,
        ctx: Context,
        worlds: list[tuple[Game, dict[str, Plan]]],
        plan: Plan,
        base: float,
        prop: dict[str, Any],
        worth: float,
        giveaway: bool,
    ) -> tuple[str, Action, float] | None:
        """A better offer to the proposer of a refused deal, or None: the same terms with
        this actor's part phased (due once the proposer's first term has been kept, and
        seen kept, for a month) and inspected, so its concessions are paid only for
        delivery; tabled when it is worth ``min_gain`` to this actor, more than the
        refused one (or the refused one was a giveaway), and is no giveaway itself."""
        me = self.actor
        proposer = prop["proposer"]
        if proposer == me or len(prop["parties"]) != 2:
            return None
        theirs = [_term(c) for c in prop["commitments"] if c["actor"] == proposer]
        mine = [_term(c) for c in prop["commitments"] if c["actor"] == me]
        if not theirs:
            return None
        first = next((i for i, c in enumerate(theirs) if "lever" in c), 0)
        phased = [{**c, "after": {"term": first, "months": 1}} for c in mine]
        action: Action = {
            "type": "propose",
            "to": [proposer],
            "commitments": theirs + phased,
            "summit": bool(prop.get("summit")),
            "talks": bool(prop.get("talks")),
            "inspections": True,
            "text": "",
        }
        if ctx.proposal_problem(action["commitments"]):
            return None
        shadow = {"parties": prop["parties"], "proposer": me, **action}
        value, self_giveaway = self._weigh(
            ctx, worlds, plan, base, shadow, self._propose_and_accept, action
        )
        if (
            value <= self.min_gain
            or self_giveaway
            or (not giveaway and value <= worth + self.min_gain)
        ):
            return None
        prof = self.profile(ctx)
        rules = ctx.rules
        known = ctx.last_orders().get(proposer, {}).get("levers", {})
        partner_worth = 0.0
        for c in action["commitments"]:
            if "lever" in c:
                holder = c["actor"]
                current = (
                    ctx.policy[c["lever"]]
                    if holder == me
                    else known.get(c["lever"], rules.lever_by_id[c["lever"]].default[holder])
                )
                partner_worth += prof.gain(holder, c["lever"], c["option"], current, proposer)
        return proposer, action, partner_worth

    def _busy_partners(self, ctx: Context) -> set[str]:
        """Partners already offered a deal by this actor this month, or in a deal made
        this month (one offer per partner a month: a refused one is not repeated)."""
        me = self.actor
        busy: set[str] = set()
        for prop in ctx.view["proposals"]:
            if prop["month"] == ctx.month and prop["proposer"] == me:
                busy.update(p for p in prop["parties"] if p != me)
        for ag in ctx.agreements():
            if ag["month"] == ctx.month:
                busy.update(p for p in ag["parties"] if p != me)
        return busy

    def _accept_all(self, pid: int, breakers: frozenset[str] = frozenset()) -> Any:
        """A ``prepare`` step: every party accepts proposal ``pid``; commitments are kept
        (except by ``breakers``)."""

        def prepare(g: Game) -> dict[str, Plan]:
            prop = g.proposals.get(pid)
            if prop is None or prop["status"] != "open":
                return {}
            for p in prop["parties"]:
                if p not in prop["responses"] and g.proposals[pid]["status"] == "open":
                    try:
                        g.apply({"type": "respond", "actor": p, "proposal": pid, "accept": True})
                    except IllegalAction:  # a term contradicts a deal in force: no deal
                        return {}
            return _kept(g, prop, breakers)

        return prepare

    def _propose_and_accept(self, action: Action, breakers: frozenset[str] = frozenset()) -> Any:
        """A ``prepare`` step: this actor tables ``action`` and every party accepts it
        (commitments kept, except by ``breakers``)."""
        me = self.actor

        def prepare(g: Game) -> dict[str, Plan]:
            try:
                g.apply({**action, "actor": me})
            except IllegalAction:
                return {}
            pid = g.open_ids[-1]  # the proposal just tabled
            accepted: dict[str, Plan] = self._accept_all(pid, breakers)(g)
            return accepted

        return prepare

    def _candidates(self, ctx: Context) -> list[tuple[str, Action, float, float]]:
        """Deals worth playing out: ``(partner, proposal, chance the partner accepts,
        worth to the partner)``.

        For each partner: ask for what helps this actor most by the profile (and for
        tagged options, which deal objectives refer to), then add concessions of its own
        that help the partner most for what they cost, until the partner's own objectives
        make the bundle worth taking (one bundle per level of ``generosity``). Deals run
        past the last month, since objectives are scored on the final state, with
        inspections so a covert breach is seen. A pledge to keep what the partner does
        now and a talks-only offer are always among them.
        """
        prof = self.profile(ctx)
        rules = ctx.rules
        me = self.actor
        # A deal counts at the end only while in force after the last month resolves,
        # that is if it runs past the last month.
        months = max(1, min(rules.turns - ctx.month + 2, rules.negotiation.max_deal_months))
        seen = ctx.last_orders()
        mine = ctx.policy
        out: list[tuple[str, Action, float, float]] = []
        for other in rules.actor_ids:
            if other == me:
                continue
            known = seen.get(other, {}).get("levers", {})
            current = {
                lv.id: known.get(lv.id, lv.default[other]) for lv in rules.holder_levers[other]
            }
            asks: list[tuple[float, str, str]] = []
            for lv in rules.holder_levers[other]:
                options = []
                for o in lv.options:
                    if o.id == current[lv.id]:
                        continue
                    mine_gain = prof.gain(other, lv.id, o.id, current[lv.id], me)
                    if mine_gain > 0.3 or o.tags:
                        options.append((mine_gain + (1.0 if o.tags else 0.0), lv.id, o.id))
                asks += sorted(options, reverse=True)[:2]  # e.g. both a freeze and a dismantle
            asks.sort(reverse=True)
            asks = asks[: self.asks]
            if rules.holder_levers[other]:
                # A pledge to keep what they do now: costs them nothing, and a deal in
                # force is what some objectives ask for.
                lv = rules.holder_levers[other][0]
                asks.append((0.0, lv.id, current[lv.id]))
            gives: list[tuple[float, float, str, str]] = []  # (net, their gain, lever, option)
            for lv in rules.holder_levers[me]:
                pick: tuple[float, float, str, str] | None = None
                for o in lv.options:
                    if o.id == mine[lv.id]:
                        continue
                    theirs = prof.gain(me, lv.id, o.id, mine[lv.id], other)
                    cost = -prof.gain(me, lv.id, o.id, mine[lv.id], me)
                    if theirs > 0.2 and (pick is None or theirs - cost > pick[0]):
                        pick = (theirs - cost, theirs, lv.id, o.id)
                if pick is not None:
                    gives.append(pick)
            gives.sort(reverse=True)
            for _, lever, option in asks:
                value = prof.gain(other, lever, option, current[lever], other)
                ask = {"actor": other, "lever": lever, "option": option, "months": months}
                bundles: list[tuple[list[dict[str, Any]], float]] = []
                for target in self.generosity:
                    commitments = [ask]
                    v = value
                    for _, theirs, glv, gopt in gives:
                        if v >= target or len(commitments) > self.max_gives:
                            break
                        # Its concessions are paid for delivery: due once the partner's
                        # ask has been kept, and seen kept, for a month (action for action).
                        commitments.append(
                            {
                                "actor": me,
                                "lever": glv,
                                "option": gopt,
                                "months": months,
                                "after": {"term": 0, "months": 1},
                            }
                        )
                        v += theirs
                    if all(c != commitments for c, _ in bundles):
                        bundles.append((commitments, v))
                for commitments, v in bundles:
                    if ctx.proposal_problem(commitments):
                        continue  # the engine would refuse it: a term contradicts another
                    for summit in (False, True):
                        action = {
                            "type": "propose",
                            "to": [other],
                            "commitments": commitments,
                            "summit": summit,
                            "talks": False,
                            "inspections": True,
                            "text": "",
                        }
                        out.append((other, action, self._chance(ctx, other, v), v))
            talks = {
                "type": "propose",
                "to": [other],
                "commitments": [],
                "summit": False,
                "talks": True,
                "inspections": False,
                "text": "",
            }
            out.append((other, talks, self._chance(ctx, other, 0.0), 0.0))
        return out

    def _packages(self, ctx: Context) -> list[tuple[str, Action, float, float]]:
        """The standard bargains with ``other`` (:data:`game.rl.packages.PACKAGES`:
        action for action, dual suspension, joint enforcement with Security Council
        votes, ...) as candidates, run past the last month, inspected, and with this
        actor's part phased after the partner's first term where the partner has one."""
        from game.rl.packages import PACKAGES

        rules = ctx.rules
        me = self.actor
        prof = self.profile(ctx)
        mine = ctx.policy
        months = max(1, min(rules.turns - ctx.month + 2, rules.negotiation.max_deal_months))
        seen = ctx.last_orders()
        out: list[tuple[str, Action, float, float]] = []
        for other, pid, build in ((o, i, b) for o in rules.actor_ids for i, b in PACKAGES):
            if other == me:
                continue
            known = seen.get(other, {}).get("levers", {})
            current = {
                lv.id: known.get(lv.id, lv.default[other]) for lv in rules.holder_levers[other]
            }
            if pid in ("talks", "summit", "freeze_for_relief"):  # offered elsewhere, or
                continue  # unphased (action_for_action is its phased form)
            fields = build(rules, me, other)
            if fields is None:
                continue
            terms = [{**c, "months": months} for c in fields["commitments"]]
            theirs = [t for t in terms if t["actor"] == other]
            first = next((i for i, t in enumerate(theirs) if "lever" in t), 0)
            ours = [{k: v for k, v in t.items() if k != "after"} for t in terms if t["actor"] == me]
            if theirs:
                ours = [{**t, "after": {"term": first, "months": 1}} for t in ours]
            theirs = [{k: v for k, v in t.items() if k != "after"} for t in theirs]
            commitments = theirs + ours
            if ctx.proposal_problem(commitments):
                continue
            worth = 0.0
            for t in commitments:
                if "lever" in t:
                    who = t["actor"]
                    now = mine[t["lever"]] if who == me else current[t["lever"]]
                    worth += prof.gain(who, t["lever"], t["option"], now, other)
            action: Action = {
                "type": "propose",
                "to": [other],
                "commitments": commitments,
                "summit": False,
                "talks": False,
                "inspections": True,
                "text": "",
            }
            out.append((other, action, self._chance(ctx, other, worth), worth))
        return out

    def _chance(self, ctx: Context, other: str, value: float) -> float:
        """The chance ``other`` accepts an offer worth ``value`` to it, learnt from how it
        answered this actor's earlier offers: it refused offers worth up to ``lo`` and
        accepted one worth ``hi``; a partner that did both inconsistently is a coin."""
        self._learn(ctx)
        lo = max((v for p, v, ok in self._answers if p == other and not ok), default=None)
        hi = min((v for p, v, ok in self._answers if p == other and ok), default=None)
        if lo is not None and hi is not None and lo >= hi:
            return 0.5
        centre = -0.5
        if lo is not None:
            centre = max(centre, lo + 0.5)
        if hi is not None:
            centre = min(centre, hi - 0.25)
        return _accept_chance(value, centre)

    def _learn(self, ctx: Context) -> None:
        """Record the answers to this actor's offers that have been given since."""
        if not self._offers:
            return
        me = self.actor
        for prop in ctx.view["proposals"]:
            if prop["proposer"] != me or prop["status"] not in ("accepted", "rejected"):
                continue
            for other in prop["parties"]:
                worth = self._offers.pop((prop["month"], other), None)
                if worth is not None:
                    self._answers.append((other, worth, prop["status"] == "accepted"))

    def _best_deals(
        self,
        ctx: Context,
        worlds: list[tuple[Game, dict[str, Plan]]],
        plan: Plan,
        base: float,
    ) -> list[tuple[float, str, Action, float]]:
        """The best deal per partner by expected gain (chance of acceptance x gain when
        everyone accepts and keeps it, discounted for partners seen breaking deals with
        this actor), best first, with its worth to the partner; only deals worth
        ``min_gain``."""
        best: dict[str, tuple[float, str, Action, float]] = {}
        broken = ctx.observed_breaches()  # a partner seen breaking deals may do it again
        candidates = self._candidates(ctx) + self._packages(ctx)
        # Screening: every candidate is played out on the first ``screen`` samples only;
        # the best ``finalists`` (and the best per partner) are played on all of them.
        screen = worlds[: self.screen]
        if len(screen) < len(worlds) and len(candidates) > self.finalists:
            base_screen, _ = self._value(screen, plan)
            rough: list[tuple[float, int]] = []
            top: dict[str, tuple[float, int]] = {}
            for i, (other, action, chance, _) in enumerate(candidates):
                value, _ = self._value(screen, plan, prepare=self._propose_and_accept(action))
                gain = chance * (value - base_screen) / (1.0 + broken.get(other, 0))
                rough.append((gain, i))
                if other not in top or gain > top[other][0]:
                    top[other] = (gain, i)
            rough.sort(reverse=True)
            keep = {i for _, i in rough[: self.finalists]} | {i for _, i in top.values()}
            candidates = [c for i, c in enumerate(candidates) if i in keep]
        for other, action, chance, worth in candidates:
            value, _ = self._value(worlds, plan, prepare=self._propose_and_accept(action))
            gain = chance * (value - base) / (1.0 + broken.get(other, 0))
            if gain > self.min_gain and (other not in best or gain > best[other][0]):
                best[other] = (gain, other, action, worth)
        return sorted(best.values(), key=lambda t: -t[0])


def _accept_chance(value: float, centre: float = -0.5) -> float:
    """How likely a partner is to accept a deal worth ``value`` points to its public
    objectives (by the profile): even odds at ``centre``, near-certain 1.5 above it."""
    return max(0.05, min(0.95, 1.0 / (1.0 + math.exp(-(value - centre) / 0.6))))


def _kept(g: Game, prop: dict[str, Any], breakers: frozenset[str] = frozenset()) -> dict[str, Plan]:
    """Everyone's orders this month if they keep a proposal's commitments due now
    (``breakers`` do not; phased terms are not due in their first month)."""
    out: dict[str, Plan] = {}
    for c in prop["commitments"]:
        if (
            "lever" in c
            and c["actor"] not in breakers
            and not c.get("after")
            and c["start"] <= g.month < c["start"] + c["months"]
        ):
            out.setdefault(c["actor"], {})[c["lever"]] = c["option"]
    return out


def _term(c: dict[str, Any]) -> dict[str, Any]:
    """A term of an agreement or proposal as a fresh ``propose`` term (from this month:
    no ``start``; no ``after``, which refers to indices of the old list)."""
    out = {k: v for k, v in c.items() if k not in ("start", "after", "end", "counts_as")}
    return out


def _due_terms(g: Game, breakers: frozenset[str]) -> dict[str, Plan]:
    """The lever terms of agreements in force due this month, per actor keeping them
    (everyone but ``breakers``), where the actor's policy does not already satisfy them;
    a phased term is due once the term it waits for has been kept long enough."""
    out: dict[str, Plan] = {}
    month = g.month
    rules = g.rules
    for ag in g.agreements:
        if ag["status"] != "active":
            continue
        kept = ag.get("kept_months") or ()
        for c in ag["commitments"]:
            if "lever" not in c or c["actor"] in breakers:
                continue
            if not c["start"] <= month < c["start"] + c["months"]:
                continue
            after = c.get("after")
            if after and kept and kept[after["term"]] < after["months"]:
                continue
            now = out.get(c["actor"], {}).get(c["lever"], g.policy[c["actor"]][c["lever"]])
            if now not in allowed_ids(rules, c["lever"], c["option"], c.get("compare", "exactly")):
                out.setdefault(c["actor"], {})[c["lever"]] = c["option"]
    return out
