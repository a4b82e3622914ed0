"""``historical``: plays each actor's choices as the record shows them.

The scenario's ``historical`` section says, month by month, which levers an actor set,
which signals it sent, which Security Council drafts it tabled (``unsc_drafts``) and how
it voted on others' (``unsc_votes``, by direction). In months the record does not cover,
the bot keeps its policy. It makes no deals: the record's summits are the scenario's events;
an intent sent to it gets a polite no in words (:mod:`game.bots.answer`).
"""

from __future__ import annotations

from game.bots.answer import answer_intents
from game.bots.base import Action, Bot, Context


class HistoricalBot(Bot):
    """Replays the scenario's record of what each actor actually did."""

    name = "historical"

    def negotiate(self, ctx: Context) -> list[Action]:
        """The record's Security Council drafts (first round) and votes on open drafts;
        a reply to each intent sent to it (it agrees to no deal)."""
        out: list[Action] = answer_intents(ctx, self.name, lambda _deal: False)
        turn = ctx.rules.historical.get(self.actor, {}).get(ctx.month)
        if turn is None:
            return out
        if ctx.round == 0:
            for text in turn.unsc_drafts:
                sector, _, direction = text.partition(":")
                out.append({"type": "unsc_draft", "sector": sector, "direction": direction})
        if turn.unsc_votes:
            for draft in ctx.unsc_drafts():
                vote = turn.unsc_votes.get(draft["direction"])
                if vote and self.actor not in draft["votes"]:
                    out.append({"type": "unsc_vote", "draft": draft["id"], "vote": vote})
        return out

    def orders(self, ctx: Context) -> Action:
        """The record's levers and signals for this month."""
        turn = ctx.rules.historical.get(self.actor, {}).get(ctx.month)
        if turn is None:
            return {"levers": {}}
        signals = []
        for text in turn.signals[: ctx.rules.max_signals]:
            sig_id, _, target = text.partition(":")
            sig = ctx.rules.signal_by_id[sig_id]
            if sig.addressee and not target:
                target = next(a for a in ctx.rules.actor_ids if a != self.actor)
            signals.append({"signal": sig_id, "target": target or None})
        return {"levers": dict(turn.levers), "signals": signals}
