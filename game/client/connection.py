"""The client's one interface to a game: send actions, receive updates.

A :class:`Connection` is what the screens talk to. It never blocks the frame loop:
:meth:`Connection.send` queues, :meth:`Connection.poll` returns whatever arrived since
the last call. Two implementations exist: :class:`~game.client.local.LocalConnection`
(a thread that owns a :class:`~game.Game` and bots) and the websocket connection of
:mod:`game.client.net` (a background asyncio loop that reconnects by itself).

Updates are small typed records:

- ``welcome``: ``{"info": scenario_info, "you": actor or None, "room": code, "role": role,
  "room_info": the room as the server described it}``
- ``lobby``: ``{"room": code, "seats": {actor: [names]}, "free": [actors], ...}``
- ``view``: ``{"view": view_for(you), "legal": legal_actions(you)}``
- ``error``: ``{"message": text, "code": short code, "field": field or None}``
- ``ack``: ``{"seq": n, "action": the action as recorded}`` (one of yours was accepted;
  over the network ``n`` is your seat's own ``seq`` after it, see docs/protocol.md
  "Numbering"; a local game numbers by its log)
- ``reply``: any other message from the server (``replay``, ``report``), as sent
- ``status``: ``{"state": one of STATES, "detail": text}``
"""

from __future__ import annotations

import queue
from dataclasses import dataclass, field
from typing import Any

STATES = ("connecting", "connected", "reconnecting", "closed")


@dataclass
class Update:
    """One thing the connection learned: ``kind`` is welcome/lobby/view/error/status."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


class Connection:
    """Base class: a queue of updates filled by a background worker.

    Subclasses implement :meth:`send` (and :meth:`choose_seat` when they have a lobby)
    and push updates with :meth:`_push` from any thread.
    """

    requests: frozenset[str] = frozenset()
    """Protocol requests besides actions this connection can answer (``replay``, ...)."""

    def __init__(self) -> None:
        self._updates: queue.Queue[Update] = queue.Queue()
        self.state = "connecting"
        self.detail = ""

    def _push(self, kind: str, **data: Any) -> None:
        if kind == "status":
            self.state = data.get("state", self.state)
            self.detail = data.get("detail", "")
        self._updates.put(Update(kind, data))

    def poll(self) -> list[Update]:
        """Every update that arrived since the last call (never blocks)."""
        out = []
        while True:
            try:
                out.append(self._updates.get_nowait())
            except queue.Empty:
                return out

    def send(self, action: dict[str, Any]) -> None:
        """Queue an action (without ``actor``: the connection fills in your seat)."""
        raise NotImplementedError

    def request(self, message: dict[str, Any]) -> None:
        """Send a protocol message other than an action (``replay``, ``report``, ...).

        The reply comes back as a ``reply`` update; a connection that cannot answer
        such a request says so with an ``error`` update.
        """
        self._push(
            "error",
            message=f"this game cannot answer a {message.get('type')!r} request",
            code="unsupported",
        )

    def choose_seat(self, actor: str, name: str = "") -> None:
        """Ask for a seat in the lobby (connections without a lobby seat you at once)."""
        raise NotImplementedError

    def start_game(self) -> None:
        """Ask the room to start (lobby); a no-op where the game starts by itself."""

    def close(self) -> None:
        """Stop the worker; no more updates after this."""
        self.state = "closed"
