"""``random``: uniform over legal actions, proposals and responses included."""

from __future__ import annotations

from typing import Any

from game.bots.base import Action, Bot, Context


class RandomBot(Bot):
    """Picks uniformly among legal choices: a baseline that exercises every rule."""

    name = "random"

    def negotiate(self, ctx: Context) -> list[Action]:
        """Maybe chat, maybe propose a random commitment, answer proposals at random."""
        rng = ctx.rng
        legal = ctx.legal
        out: list[Action] = []
        partners = legal["partners"]
        if rng.random() < 0.3:
            to = [] if rng.random() < 0.5 else [rng.choice(partners)]
            out.append({"type": "message", "to": to, "text": rng.choice(_LINES)})
        if rng.random() < 0.25:
            out.append(self._proposal(ctx, partners))
        for pid in legal.get("respond", []):
            out.append({"type": "respond", "proposal": pid, "accept": rng.random() < 0.5})
        if "unsc_draft" in legal["types"] and rng.random() < 0.05:
            out.append(
                {
                    "type": "unsc_draft",
                    "sector": rng.choice(legal["unsc_sectors"]),
                    "direction": rng.choice(["tighten", "relax"]),
                }
            )
        for did in legal.get("unsc_vote", []):
            out.append(
                {"type": "unsc_vote", "draft": did, "vote": rng.choice(["yes", "no", "abstain"])}
            )
        return out

    def _proposal(self, ctx: Context, partners: list[str]) -> Action:
        rng = ctx.rng
        other = rng.choice(partners)
        commitments: list[dict[str, Any]] = []
        kind = rng.random()
        if kind < 0.7:
            for who in (ctx.actor, other):
                levers = ctx.rules.holder_levers[who]
                if levers and rng.random() < 0.7:
                    lever = rng.choice(levers)
                    option = rng.choice(lever.options)
                    commitments.append(
                        {
                            "actor": who,
                            "lever": lever.id,
                            "option": option.id,
                            "months": rng.randint(1, 3),
                        }
                    )
        summit = kind >= 0.7 and kind < 0.85
        talks = kind >= 0.85 or (not commitments and not summit)
        return {
            "type": "propose",
            "to": [other],
            "commitments": commitments,
            "inspections": rng.random() < 0.3,
            "summit": summit,
            "talks": talks,
            "text": "",
        }

    def orders(self, ctx: Context) -> Action:
        """A random option on every lever; a random signal a third of the time."""
        rng = ctx.rng
        rules = ctx.rules
        levers = {lv.id: rng.choice(lv.options).id for lv in rules.holder_levers[self.actor]}
        signals = []
        sigs = rules.actor_signals[self.actor]
        if sigs and rules.max_signals and rng.random() < 0.33:
            sig = rng.choice(sigs)
            target = None
            if sig.addressee:
                target = rng.choice([a for a in rules.actor_ids if a != self.actor])
            signals.append({"signal": sig.id, "target": target})
        return {"levers": levers, "signals": signals}


_LINES = (
    "We are ready to talk.",
    "Our patience has limits.",
    "Let us find a way forward.",
    "Actions, not words.",
    "We will not be pressured.",
)
