"""``reciprocator``: tit-for-tat on trust and compliance.

Starts cooperative. Each month it rates every other actor's *standing* from what it
can see: observed breaches of deals with it (heavily), deals kept with it, the change
in its own trust in them, signals aimed at it and how hawkish their visible orders
were last month. It then tilts each lever towards options that help actors in good
standing and hurt those in bad standing, proposes fair deals only to partners in good
standing, refuses deals with any party in bad standing, keeps its commitments, and aims
its signals at the worst offender.
"""

from __future__ import annotations

from game.bots.base import Context
from game.bots.persona import PersonaBot
from game.bots.weigh import Temper


class Reciprocator(PersonaBot):
    """Rewards kept commitments and cooperation, punishes breaches and coercion."""

    name = "reciprocator"
    stance = 0.0
    weight = 0.0
    reciprocity = 0.6
    temper = Temper(
        accept_margin=-0.5,
        trust_unseen=0.35,
        fairness=3.0,
        slack=3.0,
        summit_value=0.5,
        keep_margin=4.0,
        breach_fear=15.0,
    )
    warn_rate = 0.5
    give_limit = 1.5
    propose_every = 1
    summit_bias = 0.0
    signal_floor = 0.15

    def standing(self, ctx: Context) -> dict[str, float]:
        """-1..1 per other actor: breaches, kept deals, trust, signals and orders seen."""
        me = self.actor
        rules = ctx.rules
        prof = self.profile(ctx)
        others = [a for a in rules.actor_ids if a != me]
        out = {a: 0.3 for a in others}
        for who, n in ctx.observed_breaches().items():
            out[who] -= 1.0 * n
        for ag in ctx.agreements():
            for p in ag["parties"]:
                if p != me and not any(b["actor"] == p and b["observed"] for b in ag["breaches"]):
                    out[p] += 0.2
        pairs = [v.id for v in rules.model.variables if v.scope == "pair"]
        if pairs:
            for a in others:
                key = f"{pairs[0]}.{me}.{a}"
                now = ctx.value(key)
                if now is not None:
                    out[a] += max(-0.5, min(0.5, (now - rules.initial[key]) / 20.0))
        for a, o in ctx.last_orders().items():
            if a == me:
                continue
            if any(s.get("target") == me for s in o["signals"]):
                out[a] -= 0.5
            hawk = [prof.hawk[(a, lv, opt)] for lv, opt in o["levers"].items()]
            if hawk:
                out[a] -= max(0.0, sum(hawk) / len(hawk) - 0.6)
        return {a: max(-1.0, min(1.0, s)) for a, s in out.items()}
