"""Six-Party: a turn-based negotiation strategy game about the North Korean nuclear standoff.

The rules core (``game.engine``, ``game.scenario``) is pure: no I/O beyond reading
scenario files at the edge, no asyncio, no sockets, no pygame.
"""

from game.engine.game import Game
from game.errors import IllegalAction, ScenarioError, SixPartyError
from game.scenario.loader import load_scenario

__all__ = ["Game", "IllegalAction", "ScenarioError", "SixPartyError", "load_scenario"]
