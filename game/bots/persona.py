"""The machinery the persona bots share: sensible play tilted by a temperament.

A persona values each option of each of its levers (and each signal, or none) by

* what the option is worth to its own public objectives, as measured by
  :mod:`game.bots.analysis` (normalised within the lever; its secret objectives count
  when it weighs a deal, :mod:`game.bots.weigh`, not in its monthly orders), and
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

import math
from typing import Any

from game.bots import words
from game.bots.analysis import NO_SIGNAL, UsesProfile
from game.bots.answer import MEET, TABLED, plain, say
from game.bots.base import Action, Bot, Context
from game.bots.weigh import GUESS, Lens, Temper, Weighing, best_offer, counter, weigh

_STANDS = ("Our offer stands, {them}.", "Think it over.", "You know where to find us.")


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


class PersonaBot(UsesProfile, Bot):
    """Base of the personas: temperament parameters over shared sensible play."""

    name = "persona"
    stance = 0.0  # +1 hawkish, -1 dovish
    weight = 0.4  # how much temperament counts against own interest (0..1)
    reciprocity = 0.0  # how much others' standing counts
    temper = Temper()  # how it weighs deals and keeps them (game.bots.weigh)
    warn_rate = 0.0  # chance per month to warn its rival (hawks; reciprocators wronged)
    give_limit = 0.0  # points it will concede in its own proposals
    propose_every = 1  # propose a deal every this many months (0: never)
    summit_bias = 0.0  # value it puts on a summit, in points
    signal_floor = 0.0  # sends a signal only if valued at least this above "none"
    draft_rate = 0.0  # chance per month to table a Security Council draft (P5 only)
    util_floor = 2.0  # options within this many points of each other look equally good
    war_margin = 15.0  # no signal that takes tension within this of the war threshold

    # --------------------------------------------------------------- helpers
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
        # The values depend only on the profile, the options and who gains: kept per bot.
        memo: tuple[Any, dict[tuple[str, ...], dict[str, float]]] | None
        memo = self.__dict__.get("_values")
        if memo is None or memo[0] is not prof:
            memo = self.__dict__["_values"] = (prof, {})
        known: dict[tuple[str, ...], dict[str, float]] = memo[1]
        key = (lever, *options)
        base = known.get(key)
        if base is None:
            util = _norm({o: prof.delta[(me, lever, o)][me] for o in options}, self.util_floor)
            w = self.weight * abs(self.stance)
            base = known[key] = {
                o: (1.0 - w) * util[o] + w * self._temper(prof.hawk[(me, lever, o)])
                for o in options
            }
        out = dict(base)
        if self.reciprocity:
            for other, s in standing.items():
                if abs(s) < 1e-9:
                    continue
                effect = known.get((other, *key))
                if effect is None:
                    effect = known[(other, *key)] = _norm(
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
                if not self.breaks(ctx, lv.id, best, kept):
                    best = kept
            levers[lv.id] = best
        order: Action = {"levers": levers, "signals": self._signals(ctx, standing)}
        return order

    def detection_odds(self, ctx: Context, lever: str, option: str) -> float:
        """The chance a breach by choosing ``option`` on ``lever`` would be seen by the
        other parties of the deals that bind it: 1 for a public option (or sanctions at
        or above the UN level) or under inspections; else each other party's roll
        (the option's detection times its intelligence), at least one succeeding."""
        rules = ctx.rules
        lv = rules.lever_by_id[lever]
        opt = lv.by_id[option]
        un = ctx.value(f"un.{lv.sector}") if lv.sector is not None else None
        hidden = opt.covert or (un is not None and opt.level < un)
        miss = 1.0
        for ag in ctx.agreements():
            if not any(
                c["actor"] == self.actor
                and c.get("lever") == lever
                and c["start"] <= ctx.month < c["start"] + c["months"]
                for c in ag["commitments"]
            ):
                continue
            if not hidden or ag["inspections"]:
                return 1.0
            chance = opt.detection if opt.covert else rules.sanction_detection
            for o in ag["parties"]:
                if o != self.actor:
                    miss *= 1.0 - chance * rules.actors[o].intelligence
        return 1.0 - miss

    def breaks(self, ctx: Context, lever: str, best: str, kept: str) -> bool:
        """Whether to break a commitment on ``lever`` (choose ``best`` over ``kept``):
        when what breaking gains (by the profile) clears the temper's ``keep_margin`` plus
        its ``breach_fear`` times the odds of being seen. Close calls are a coin weighted
        by how far past the line it is (the bot's seeded generator). A temper without a
        ``keep_margin`` never breaks."""
        margin = self.temper.keep_margin
        if margin is None:
            return False
        prof = self.profile(ctx)
        me = self.actor
        gain = prof.delta[(me, lever, best)][me] - prof.delta[(me, lever, kept)][me]
        line = margin + self.detection_odds(ctx, lever, best) * self.temper.breach_fear
        x = max(-30.0, min(30.0, gain - line))
        return ctx.rng.random() < 1.0 / (1.0 + math.exp(-x))

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
    def lens(self, ctx: Context) -> Lens:
        """What this bot knows, for :mod:`game.bots.weigh`."""
        return Lens.of(ctx, self.profile(ctx))

    def judge(
        self, ctx: Context, lens: Lens, prop: dict[str, Any], standing: dict[str, float]
    ) -> Weighing:
        """Weigh a deal by this persona's temper; a party in bad standing is refused."""
        w = weigh(lens, prop, self.temper)
        parties = set(prop.get("parties", ())) | {c["actor"] for c in prop.get("commitments", ())}
        if w.accept and standing and any(standing.get(p, 0.0) < 0 for p in parties - {self.actor}):
            w.verdict, w.reason = "reject", "distrust"
        return w

    def negotiate(self, ctx: Context) -> list[Action]:
        """Answer open proposals (accept, reject or counter, saying why), answer intents
        sent to it, and in the first round maybe propose a deal, warn a rival, or table a
        Security Council draft."""
        out: list[Action] = []
        standing = self.standing(ctx) if self.reciprocity else {}
        taking: list[dict[str, Any]] = []  # terms of the proposals accepted here
        lens: Lens | None = None
        for prop in ctx.open_proposals():
            lens = lens or self.lens(ctx)
            out += self._answer_proposal(ctx, lens, prop, standing, taking)
        pending = ctx.pending_intents()
        if pending:
            lens = lens or self.lens(ctx)
            for m in pending:
                out += self._answer_intent(ctx, lens, m, standing, taking)
        if ctx.round == 0:
            if self.propose_every and (ctx.month - 1) % self.propose_every == 0:
                lens = lens or self.lens(ctx)
                out += self._offer(ctx, lens, standing, taking)
            out += self._warn(ctx, standing)
            out += self._unsc(ctx)
        return out

    def _answer_proposal(
        self,
        ctx: Context,
        lens: Lens,
        prop: dict[str, Any],
        standing: dict[str, float],
        taking: list[dict[str, Any]],
    ) -> list[Action]:
        me, rules, rng = self.actor, ctx.rules, ctx.rng
        them = prop["proposer"]
        give = [c for c in prop["commitments"] if c["actor"] == me]
        get = [c for c in prop["commitments"] if c["actor"] != me]
        w = self.judge(ctx, lens, prop, standing)
        ok = w.accept and ctx.can_accept(prop["id"], taking)
        if ok:
            taking += prop["commitments"]
            text = words.accept(rules, rng, me, them, self.name, give, get)
            return [
                {"type": "respond", "proposal": prop["id"], "accept": True},
                say(them, text, "accept", proposal=prop["id"]),
            ]
        reason = w.reason if not w.accept else "contradiction"
        named = w.unseen if reason == "unverified" and w.unseen else get
        text = words.reject(rules, rng, me, them, self.name, reason, give, named)
        better = None
        if reason not in ("distrust", "contradiction", "nothing"):
            better = counter(lens, prop, self.temper, GUESS)
        if better is not None and not ctx.proposal_problem(better["commitments"], taking):
            text += " " + words.counter(
                rules, rng, me, them, self.name, better["why"], better["commitments"]
            )
            return [
                say(them, text, "reject", proposal=prop["id"]),
                {
                    "type": "propose",
                    "to": [them],
                    "commitments": better["commitments"],
                    "inspections": better["inspections"],
                    "summit": better["summit"],
                    "talks": better["talks"],
                    "counter_to": prop["id"],
                    "text": text,
                },
            ]
        return [
            {"type": "respond", "proposal": prop["id"], "accept": False},
            say(them, text, "reject", proposal=prop["id"]),
        ]

    def _answer_intent(
        self,
        ctx: Context,
        lens: Lens,
        m: dict[str, Any],
        standing: dict[str, float],
        taking: list[dict[str, Any]],
    ) -> list[Action]:
        me, rules, rng = self.actor, ctx.rules, ctx.rng
        them = m["from"]
        it = m["intent"]
        kind = it["kind"]
        terms = it["terms"]
        if kind == "warn":
            text = words.answer_warning(rules, rng, me, them, self.name)
            mine = [c for c in terms if c["actor"] == me and c.get("kind") == "signals"]
            if mine and self.stance <= 0:
                text += " " + words.promise(rules, rng, me, them, self.name, mine)
                return [say(them, text, "promise", terms=mine)]
            return [say(them, text)]
        if kind == "promise":
            return [say(them, words.answer_promise(rules, rng, me, them, self.name))]
        if kind == "reject":
            text = rng.choice(("Pity.", "That is a shame.", "Understood."))
            stands = rng.choice(_STANDS).format(them=rules.actors[them].name)
            return [say(them, f"{text} {stands}")]
        if kind == "accept" and it["proposal"] is not None:  # they took our proposal
            return [say(them, words.acknowledge(rules, rng, me, them))]
        fields = {
            "commitments": terms,
            "inspections": it["inspections"],
            "summit": it["summit"],
            "from": them,
            "to": [me],
        }
        if not terms and kind in ("offer", "request", "accept"):
            if it["summit"] or kind == "accept":
                return [say(them, rng.choice(MEET))]
            return []
        give = [c for c in terms if c["actor"] == me]
        get = [c for c in terms if c["actor"] != me]
        w = self.judge(ctx, lens, fields, standing)
        if w.accept and not ctx.proposal_problem(terms, taking):
            text = words.accept(rules, rng, me, them, self.name, give, get)
            text += " " + rng.choice(TABLED)
            return [
                say(
                    them,
                    text,
                    "accept",
                    terms=terms,
                    inspections=it["inspections"],
                    summit=it["summit"],
                ),
                {
                    "type": "propose",
                    "to": [them],
                    "commitments": plain(terms),
                    "inspections": it["inspections"],
                    "summit": it["summit"],
                    "talks": False,
                    "text": text,
                },
            ]
        if kind == "accept":  # they accepted terms this bot no longer wants
            text = words.reject(rules, rng, me, them, self.name, w.reason, give, get)
            return [say(them, text, "reject", terms=terms)]
        named = w.unseen if w.reason == "unverified" and w.unseen else get
        text = words.reject(rules, rng, me, them, self.name, w.reason, give, named)
        better = None
        if w.reason not in ("distrust", "nothing"):
            better = counter(lens, fields, self.temper, GUESS)
        if better is not None:
            text += " " + words.counter(
                rules, rng, me, them, self.name, better["why"], better["commitments"]
            )
            return [
                say(
                    them,
                    text,
                    "offer",
                    terms=better["commitments"],
                    inspections=better["inspections"],
                    summit=better["summit"],
                )
            ]
        return [say(them, text, "reject", terms=terms)]

    def _offer(
        self,
        ctx: Context,
        lens: Lens,
        standing: dict[str, float],
        taking: list[dict[str, Any]],
    ) -> list[Action]:
        """Propose the best deal for the month's partner: a standard package or a plain
        ask-and-give, one this bot would accept and the partner plausibly too. A hawk
        that finds none makes its demand anyway."""
        other = self.partner(ctx, standing)
        if other is None:
            return []
        plain = self.proposal(ctx, standing, other)
        extra = [plain] if plain is not None else []
        found = best_offer(lens, other, self.temper, GUESS, extra)
        if found is not None:
            fields = found[0]
        elif plain is not None and self.stance > 0:
            fields = plain
        else:
            return []
        if ctx.proposal_problem(fields["commitments"], taking):
            return []
        text = words.propose(
            ctx.rules,
            ctx.rng,
            self.actor,
            other,
            self.name,
            fields["commitments"],
            ctx.month,
            bool(fields.get("summit")),
            bool(fields.get("inspections")),
        )
        return [
            {
                "type": "propose",
                "to": [other],
                "commitments": fields["commitments"],
                "inspections": bool(fields.get("inspections")),
                "summit": bool(fields.get("summit")),
                "talks": bool(fields.get("talks")),
                "text": text,
            },
            say(other, text),
        ]

    def _warn(self, ctx: Context, standing: dict[str, float]) -> list[Action]:
        """Hawks (and reciprocators facing a bad actor) warn their rival against the
        signal that would hurt them most, now and then."""
        if self.stance <= 0 and not (standing and min(standing.values()) < 0):
            return []
        if ctx.rng.random() >= self.warn_rate:
            return []
        rival = self.rival(ctx, standing)
        prof = self.profile(ctx)
        sigs = [s for s in ctx.rules.actor_signals[rival] if s.rung > 0]
        if not sigs:
            return []
        worst = min(sigs, key=lambda s: prof.delta[(rival, "signal", s.id)][self.actor])
        if prof.delta[(rival, "signal", worst.id)][self.actor] >= -0.5:
            return []
        term = {"kind": "signals", "actor": rival, "rung": None, "signals": [worst.id]}
        text = words.warn(ctx.rules, ctx.rng, self.actor, rival, self.name, [term])
        return [say(rival, text, "warn", terms=[term])]

    def partner(self, ctx: Context, standing: dict[str, float]) -> str | None:
        """Whom to propose to this month: rotating through the others (reciprocators skip
        those in bad standing)."""
        others = [a for a in ctx.rules.actor_ids if a != self.actor]
        if standing:
            others = [a for a in others if standing.get(a, 0.0) >= 0]
        if not others:
            return None
        return others[(ctx.month + ctx.rules.actor_ids.index(self.actor)) % len(others)]

    def proposal(
        self, ctx: Context, standing: dict[str, float], other: str | None = None
    ) -> dict[str, Any] | None:
        """A plain deal (``propose`` fields): ask ``other`` (default: the month's partner)
        for what helps this actor most; give what helps the partner most at a cost of at
        most ``give_limit`` points."""
        other = other or self.partner(ctx, standing)
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
                if o.covert:  # a promise nobody can see kept is worth little
                    continue
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
                    if cost > self.give_limit or o.covert:
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
            "to": [other],
            "commitments": commitments,
            "summit": summit,
            "talks": not commitments,
            "inspections": bool(commitments) and self.stance <= 0,
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
