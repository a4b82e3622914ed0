"""Six-Party: a turn-based negotiation strategy game about the North Korean nuclear standoff.

The rules core (``game.engine``, ``game.scenario``) is pure: no I/O beyond reading
scenario files at the edge, no asyncio, no sockets, no pygame.

``Game`` and ``load_scenario`` are imported on first use, so that a command that needs
neither (``sixparty --help``, ``sixparty join``) starts without the rules engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.errors import IllegalAction, ScenarioError, SixPartyError

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.loader import load_scenario

__all__ = ["Game", "IllegalAction", "ScenarioError", "SixPartyError", "load_scenario"]


def __getattr__(name: str) -> Any:
    """``game.Game`` and ``game.load_scenario``, imported when first asked for."""
    if name == "Game":
        from game.engine.game import Game

        return Game
    if name == "load_scenario":
        from game.scenario.loader import load_scenario

        return load_scenario
    raise AttributeError(f"module 'game' has no attribute {name!r}")
