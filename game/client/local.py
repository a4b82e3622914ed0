"""A local connection: a thread that owns a :class:`~game.Game` and bots.

``sixparty play`` falls back to it when no server can be embedded, tests drive the
client through it, and it shows the contract every connection keeps: the human's
actions go to the game, the other seats are played by bots, and every change sends a
fresh ``view`` update. The game never runs on the frame loop's thread.

Bots act like the headless runner: at the start of each month's negotiation they play
``rounds`` rounds and say they are ready; a proposal to a bot lets it answer at once;
when the orders phase begins, they submit their orders. The human ends each phase.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Mapping
from typing import Any

from game.bots.base import Bot, Context
from game.bots.runner import bot_rng
from game.client.connection import Connection
from game.client.info import scenario_info
from game.engine.game import Game
from game.errors import IllegalAction
from game.scenario.compile import Rules

_STOP = object()


class LocalConnection(Connection):
    """Play ``you`` in an in-process game; ``bots`` play every other seat."""

    def __init__(self, rules: Rules, seed: int, you: str, bots: Mapping[str, Bot]) -> None:
        super().__init__()
        if you not in rules.actors:
            raise ValueError(
                f"unknown country {you!r}; expected one of {', '.join(rules.actor_ids)}"
            )
        missing = [a for a in rules.actor_ids if a != you and a not in bots]
        if missing:
            raise ValueError(f"no bot for {', '.join(missing)}")
        self.rules = rules
        self.you = you
        self.game = Game(rules, seed)
        self.bots = {a: b for a, b in bots.items() if a != you}
        self._rngs = {a: bot_rng(seed, i) for i, a in enumerate(rules.actor_ids)}
        self._inbox: queue.Queue[Any] = queue.Queue()
        self._month_started = 0
        self.faults: list[str] = []
        self._thread = threading.Thread(target=self._run, name="sixparty-local", daemon=True)
        self._thread.start()

    # ----------------------------------------------------------- client side
    def send(self, action: dict[str, Any]) -> None:
        """Queue an action for the game thread."""
        self._inbox.put(dict(action))

    def choose_seat(self, actor: str, name: str = "") -> None:
        """The seat is fixed when the local game is made; choosing another is an error."""
        if actor != self.you:
            self._push("error", message=f"this local game is seated as {self.you}", code="seat")

    def close(self) -> None:
        """Stop the game thread."""
        super().close()
        self._inbox.put(_STOP)
        self._thread.join(timeout=2)

    # ----------------------------------------------------------- game thread
    def _run(self) -> None:
        self._push("status", state="connected", detail="local game")
        self._push("welcome", info=scenario_info(self.rules), you=self.you, room="local")
        self._bots_turn()
        self._publish()
        while True:
            item = self._inbox.get()
            if item is _STOP:
                return
            try:
                self.game.apply({**item, "actor": self.you})
            except IllegalAction as exc:
                self._push("error", message=str(exc), code=exc.code, field=exc.field)
                continue
            except Exception as exc:  # a malformed action must not kill the game thread
                self._push("error", message=f"bad action: {exc}", code="bad_action")
                continue
            self._push("ack", seq=len(self.game.log), action=item)
            if item.get("type") == "propose":
                self._bots_answer()
            self._bots_turn()
            self._publish()

    def _publish(self) -> None:
        view = self.game.view_for(self.you)
        legal = self.game.legal_actions(self.you)
        # A JSON round trip: the client gets its own copy, exactly as over a socket.
        self._push("view", **json.loads(json.dumps({"view": view, "legal": legal})))

    def _apply_bot(self, actor: str, action: Any) -> None:
        if not isinstance(action, dict):
            self.faults.append(f"{actor}: not an action: {action!r}")
            return
        try:
            self.game.apply({**action, "actor": actor})
        except IllegalAction as exc:
            self.faults.append(f"{actor}: {exc}")

    def _call(self, actor: str, method: str, round_no: int = 0) -> Any:
        ctx = Context(self.game, actor, round_no, self._rngs[actor])
        try:
            return getattr(self.bots[actor], method)(ctx)
        except Exception as exc:  # a bot's crash must not end the game
            self.faults.append(f"{actor}: {type(exc).__name__}: {exc}")
            return None

    def _negotiate_round(self, actors: list[str], round_no: int) -> None:
        for actor in actors:
            if self.game.phase != "negotiation":
                return
            moves = self._call(actor, "negotiate", round_no)
            for move in moves if isinstance(moves, list) else [moves] if moves else []:
                self._apply_bot(actor, move)

    def _bots_answer(self) -> None:
        """Bots that are party to a new proposal answer it now."""
        game = self.game
        if game.phase != "negotiation":
            return
        latest = next(reversed(game.proposals.values()), None)  # the newest
        if latest is None:
            return
        parties = [a for a in latest["parties"] if a in self.bots]
        self._negotiate_round(parties, self.rules.negotiation.rounds)

    def _bots_turn(self) -> None:
        """Whatever the bots do at this point of the month."""
        game = self.game
        if game.over:
            return
        bots = [a for a in self.rules.actor_ids if a in self.bots]
        if game.phase == "negotiation" and self._month_started != game.month:
            self._month_started = game.month
            for r in range(self.rules.negotiation.rounds):
                self._negotiate_round(bots, r)
            for actor in bots:
                if game.phase == "negotiation" and actor not in game.ready:
                    game.apply({"type": "ready", "actor": actor})
        if game.phase == "orders":
            for actor in bots:
                if game.phase != "orders" or actor in game.submitted:
                    continue
                order = self._call(actor, "orders")
                if isinstance(order, dict):
                    self._apply_bot(actor, {"type": "orders", **order, "final": True})
                if game.phase == "orders" and actor not in game.submitted:
                    game.apply({"type": "ready", "actor": actor})
            if game.phase == "negotiation":  # the human was already final: a new month
                self._bots_turn()
