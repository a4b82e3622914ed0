"""Bots: the interface (:mod:`game.bots.base`) and the built-in players.

>>> [name for name in sorted(BOTS) if not name.startswith("exploit-")][:2]
['dove', 'hawk']
"""

from __future__ import annotations

from game.bots.base import Bot, Context
from game.bots.dove import Dove
from game.bots.exploit import EXPLOITS
from game.bots.hawk import Hawk
from game.bots.historical import HistoricalBot
from game.bots.planner import Planner
from game.bots.random_bot import RandomBot
from game.bots.reciprocator import Reciprocator
from game.errors import SixPartyError

BOTS: dict[str, type[Bot]] = {
    "random": RandomBot,
    "historical": HistoricalBot,
    "hawk": Hawk,
    "dove": Dove,
    "reciprocator": Reciprocator,
    "planner": Planner,
    **EXPLOITS,  # the exploit probes: exploit-trivial-deals, exploit-test-monthly, ...
}


def make_bot(name: str, actor: str, seed: int = 0) -> Bot:
    """Instantiate a built-in bot by name."""
    cls = BOTS.get(name)
    if cls is None:
        from game.scenario.loader import suggest

        raise SixPartyError(
            f"unknown bot '{name}'{suggest(name, list(BOTS))}; known bots: {', '.join(sorted(BOTS))}"
        )
    return cls(actor, seed)


__all__ = ["BOTS", "Bot", "Context", "make_bot"]
