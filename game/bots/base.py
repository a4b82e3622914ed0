"""The bot interface: a bot sees only its actor's view and the legal actions.

A new bot is one class in one file::

    from game.bots.base import Bot, Context

    class Stubborn(Bot):
        name = "stubborn"

        def negotiate(self, ctx: Context) -> list[dict]:
            return []                     # says nothing, accepts nothing

        def orders(self, ctx: Context) -> dict:
            return {"levers": {}}         # keeps last month's policy

Register it in :data:`game.bots.BOTS` (or pass an instance to the runner).
"""

from __future__ import annotations

import random
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.compile import Rules

Action = dict[str, Any]


class Context:
    """What a bot may look at when it decides: its view, its legal actions, the rules.

    ``view`` and ``legal`` are computed on first use, so a bot that needs neither
    costs nothing.
    """

    def __init__(self, game: Game, actor: str, round_no: int, rng: random.Random) -> None:
        self._game = game
        self.actor = actor
        self.round = round_no
        self.rng = rng
        self.rules: Rules = game.rules
        self.month = game.month
        self.phase = game.phase

    @cached_property
    def view(self) -> dict[str, Any]:
        """``view_for(actor)``: everything this actor knows."""
        return self._game.view_for(self.actor)

    @cached_property
    def legal(self) -> dict[str, Any]:
        """``legal_actions(actor)``: what this actor may do now."""
        return self._game.legal_actions(self.actor)

    def open_proposals(self) -> list[dict[str, Any]]:
        """Open proposals awaiting this actor's answer (from its own view)."""
        mine = set(self.legal.get("respond", []))
        return [p for p in self.view["proposals"] if p["id"] in mine]

    def sample_game(self, rng: random.Random | None = None) -> Game:
        """A copy of the game consistent with this actor's view, for search.

        Values the actor cannot see are replaced by draws inside its estimated ranges
        (or by their starting values when it has no estimate); others' drafts are
        dropped. The real hidden state never leaks into the copy.
        """
        from game.engine.view import visible_values

        rng = rng or self.rng
        clone = self._game.copy()
        seen = visible_values(self._game, self.actor, self._game.v, self._game.month)
        for key in self.rules.keys:
            shown = seen.get(key)
            if isinstance(shown, dict):
                clone.v[key] = rng.uniform(shown["low"], shown["high"])
            elif shown is None:
                clone.v[key] = self.rules.initial[key]
        clone.drafts = {a: d for a, d in clone.drafts.items() if a == self.actor}
        clone.rng = random.Random(rng.random())
        return clone


class Bot:
    """Base class of all bots. Override :meth:`negotiate` and :meth:`orders`."""

    name = "bot"

    def __init__(self, actor: str, seed: int = 0) -> None:
        self.actor = actor
        self.seed = seed

    def negotiate(self, ctx: Context) -> list[Action]:
        """Messages, proposals, responses, UN drafts and votes for one negotiation round.

        Return action dicts without ``actor`` (the runner fills it in).
        """
        return []

    def orders(self, ctx: Context) -> Action:
        """This month's orders: ``{"levers": {...}, "signals": [...], "stand_up": [...]}``."""
        return {"levers": {}}
