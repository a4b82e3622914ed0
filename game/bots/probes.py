"""Probe bots: fixed, scripted policies that measure a scenario (see :mod:`game.balance_probes`).

They are not players: each wraps an ordinary bot and overrides one thing about it, so a
balance probe can ask "what if this actor always did X?" with everything else played as
usual.

- :class:`FixedSignals` sends one signal every month (or none at all), whatever its inner
  bot would have sent: "North Korea tests an ICBM every month".
- :class:`DealSpammer` signs every trivial deal it can: each month it proposes an empty
  summit (no commitments) to every other actor and accepts every proposal that commits
  nobody to anything. Its orders are its inner bot's.
- :class:`DealAbstainer` signs nothing: it proposes nothing and turns every proposal down.
  Its orders are its inner bot's.

>>> from game import load_scenario
>>> from game.bots import make_bot
>>> rules = load_scenario("tests/fixtures/mini.yaml")
>>> bot = FixedSignals(make_bot("reciprocator", rules.actor_ids[0]), None)
>>> bot.name
'reciprocator+no-signals'
"""

from __future__ import annotations

from typing import Any

from game.bots.base import Action, Bot, Context


class _Wrapped(Bot):
    """A bot that plays as ``inner`` except where a subclass says otherwise."""

    def __init__(self, inner: Bot, suffix: str) -> None:
        super().__init__(inner.actor, inner.seed)
        self.inner = inner
        self.name = f"{inner.name}+{suffix}"

    def negotiate(self, ctx: Context) -> list[Action]:
        """As the inner bot."""
        return self.inner.negotiate(ctx)

    def orders(self, ctx: Context) -> Action:
        """As the inner bot."""
        return self.inner.orders(ctx)


class FixedSignals(_Wrapped):
    """Sends ``signal`` every month (aimed at ``target`` if it takes an addressee), or no
    signal at all when ``signal`` is None; levers and deals as the inner bot plays them.

    The inner bot's own signals are dropped, so the policy is exactly the one named.
    """

    def __init__(self, inner: Bot, signal: str | None, target: str | None = None) -> None:
        super().__init__(inner, signal or "no-signals")
        self.signal = signal
        self.target = target

    def orders(self, ctx: Context) -> Action:
        """The inner bot's orders with this bot's signal instead of its own."""
        order = dict(self.inner.orders(ctx))
        if self.signal is None:
            order["signals"] = []
            return order
        sig = ctx.rules.signal_by_id[self.signal]
        target: str | None = None
        if sig.addressee:
            others = [a for a in ctx.rules.actor_ids if a != self.actor]
            target = self.target if self.target in others else others[0]
        order["signals"] = [{"signal": self.signal, "target": target}]
        return order


def _trivial(prop: dict[str, Any]) -> bool:
    """True if the proposal commits nobody to anything (an empty summit, bare talks)."""
    return not prop.get("commitments")


class DealSpammer(_Wrapped):
    """Signs every trivial deal it can: empty summits with everyone, and any proposal that
    commits nobody to anything."""

    def __init__(self, inner: Bot) -> None:
        super().__init__(inner, "deal-spam")

    def negotiate(self, ctx: Context) -> list[Action]:
        """Accept every proposal that commits nobody to anything (refuse the rest); in the
        first round, propose an empty summit to every other actor."""
        out: list[Action] = []
        for prop in ctx.open_proposals():
            ok = _trivial(prop) and ctx.can_accept(prop["id"])
            out.append({"type": "respond", "proposal": prop["id"], "accept": ok})
        if ctx.round == 0 and "propose" in ctx.legal.get("types", ()):
            for other in ctx.rules.actor_ids:
                if other != self.actor:
                    out.append(
                        {"type": "propose", "to": [other], "summit": True, "commitments": []}
                    )
        return out


class DealAbstainer(_Wrapped):
    """Signs nothing: no proposals, every proposal refused."""

    def __init__(self, inner: Bot) -> None:
        super().__init__(inner, "no-deals")

    def negotiate(self, ctx: Context) -> list[Action]:
        """Turn every open proposal down."""
        return [
            {"type": "respond", "proposal": p["id"], "accept": False} for p in ctx.open_proposals()
        ]
