"""The Six-Party websocket game server: rooms, seats, tokens, timers, persistence.

It holds no rules: it feeds actions to :class:`game.Game` and sends each connection its
own view. Start it with ``sixparty serve`` or, in-process, :func:`serve_in_thread`.
"""

from server.app import GameServer, ServerConfig
from server.embed import CreatedRoom, ServerHandle, serve_in_thread

__all__ = ["CreatedRoom", "GameServer", "ServerConfig", "ServerHandle", "serve_in_thread"]
