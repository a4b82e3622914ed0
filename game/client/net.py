"""The websocket connection: an asyncio loop in a background thread, never on the frame loop.

It speaks the protocol of :mod:`game.protocol.messages`: ``auth`` with a seat token (or
``join`` a room by code for a seat), then ``view`` messages are pushed and ``action``
messages sent. It asks for ``deltas``: after the first whole view the server sends
``view_delta`` messages, applied here to the last view (:mod:`game.protocol.delta`), so
the rest of the client always gets whole views; a delta that does not fit asks for a
``sync``. A dropped connection turns the state to ``reconnecting`` (the client
shows a banner) and the worker reconnects by itself with the seat token, backing off
from 0.5 s to 5 s. Every ``error`` the server sends becomes an ``error`` update.

The lobby (``sixparty join``): before a seat is chosen, the worker joins the room as an
observer to read its seats (who plays each country, which are bots) and refreshes that
every few seconds; :meth:`NetConnection.choose_seat` joins for a seat.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidURI, WebSocketException

from game.client.connection import Connection
from game.protocol.delta import applies_to, apply_delta
from game.protocol.messages import PROTOCOL_VERSION

# Errors after which reconnecting cannot help.
FATAL = frozenset(
    {
        "bad_token",
        "unknown_room",
        "unauthorized",
        "protocol_version",
        "seat_taken",
        "bad_seat",
        "unknown_seat",
        "seat_is_bot",
        "seat_full",
    }
)


def info_for_room(room: dict[str, Any]) -> dict[str, Any]:
    """The scenario description for a room: from the scenario file when this machine has
    it (names and explanations of levers, signals, deadlines), else from the room's seats."""
    from game.client.info import scenario_info
    from game.scenario.loader import load_scenario

    ref0 = str(room.get("scenario") or "")
    for ref in (ref0, ref0.replace("_", "-")):
        if not ref:
            continue
        try:
            return scenario_info(load_scenario(ref))
        except (ValueError, OSError):
            continue
    return {
        "id": room.get("scenario", ""),
        "name": room.get("scenario_name", ""),
        "summary": "",
        "months": list(room.get("months", [])),
        "actors": [
            {"id": s["id"], "name": s["name"], "colour": s["colour"], "capital": "", "p5": False}
            for s in room.get("seats", [])
        ],
    }


def protocol_requests() -> frozenset[str]:
    """The requests besides actions that this protocol version has (``replay``, ``report``)."""
    from game.protocol.messages import client_schema

    schema = client_schema()
    kinds = {
        part.get("properties", {}).get("type", {}).get("const")
        for part in schema.get("$defs", {}).values()
    }
    return frozenset(k for k in ("replay", "report") if k in kinds)


class NetConnection(Connection):
    """Play through a Six-Party server at ``url``.

    Give ``token`` (a seat token, or the facilitator's) to play at once, or ``code`` to
    show the room's lobby and join a seat from it.
    """

    def __init__(
        self,
        url: str,
        token: str | None = None,
        code: str | None = None,
        name: str = "",
        info: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        if not url.startswith(("ws://", "wss://")):
            raise ValueError(f"server address {url!r} must start with ws:// or wss://")
        if token is None and code is None:
            raise ValueError("give a seat token or a room code")
        self.url = url
        self.requests = protocol_requests()
        self.token = token
        self.code = code.upper() if code else None
        self.name = name
        self.seat: str | None = None
        self._ids = itertools.count(1)
        self._closing = False
        self._want_seat: tuple[str, str] | None = None
        self._loop = asyncio.new_event_loop()
        self._outbox: asyncio.Queue[dict[str, Any]] | None = None
        self._ws: Any = None
        self._info: dict[str, Any] | None = info
        self._view: dict[str, Any] | None = None  # the last whole view of our stream
        self._resyncing = False
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._thread_main, name="sixparty-net", daemon=True)
        self._thread.start()
        self._ready.wait(5)

    # ------------------------------------------------------------ client side
    def reopen(self) -> NetConnection:
        """A new connection to the same room: the same seat when this one was opened with
        a seat token, else the room's lobby (its code, the same name). For the way back
        from the tutorial to the class."""
        if self.token is not None:
            return NetConnection(self.url, token=self.token, name=self.name, info=self._info)
        return NetConnection(self.url, code=self.code, name=self.name)

    def send(self, action: dict[str, Any]) -> None:
        """Queue an action; it is sent as soon as the connection is up."""
        if self._outbox is None:
            return
        self._loop.call_soon_threadsafe(self._outbox.put_nowait, dict(action))

    def request(self, message: dict[str, Any]) -> None:
        """Queue a protocol message other than an action (``sync``, ``replay``, ``report``)."""
        if self._outbox is None:
            return
        self._loop.call_soon_threadsafe(self._outbox.put_nowait, {"__request__": dict(message)})

    def choose_seat(self, actor: str, name: str = "") -> None:
        """Join the room for ``actor`` (from the lobby)."""
        self._want_seat = (actor, name or self.name)
        self._loop.call_soon_threadsafe(self._wake)

    def close(self) -> None:
        """Close the socket and stop the worker thread."""
        super().close()
        self._closing = True
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._wake)
            if self._ws is not None:
                asyncio.run_coroutine_threadsafe(self._ws.close(), self._loop)
        self._thread.join(timeout=3)

    # ------------------------------------------------------------ worker
    def _wake(self) -> None:
        if self._outbox is not None:
            self._outbox.put_nowait({"__wake__": True})

    def _thread_main(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._outbox = asyncio.Queue()
        self._ready.set()
        try:
            self._loop.run_until_complete(self._main())
        finally:
            self._loop.close()

    async def _main(self) -> None:
        delay = 0.5
        ever = False
        while not self._closing:
            if self.token is None and self._want_seat is None:
                await self._lobby_once()
                continue
            self._push("status", state="reconnecting" if ever else "connecting", detail="")
            try:
                async with connect(self.url, max_size=None, open_timeout=5) as ws:
                    self._ws = ws
                    if not await self._authenticate(ws):
                        return
                    ever = True
                    delay = 0.5
                    self._push("status", state="connected", detail="")
                    await self._pump(ws)
            except (TimeoutError, OSError, ConnectionClosed, WebSocketException) as exc:
                if isinstance(exc, InvalidURI):
                    self._push("error", message=f"bad server address: {exc}", code="bad_url")
                    self._push("status", state="closed", detail="bad address")
                    return
            finally:
                self._ws = None
            if self._closing:
                break
            self._push("status", state="reconnecting", detail=f"retrying in {delay:.1f} s")
            await asyncio.sleep(delay)
            delay = min(5.0, delay * 2)
        self._push("status", state="closed", detail="")

    async def _request(self, ws: Any, message: dict[str, Any]) -> dict[str, Any]:
        await ws.send(json.dumps({**message, "request_id": next(self._ids)}))
        while True:
            reply: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), 10))
            if reply.get("type") in ("welcome", "error"):
                return reply
            self._incoming(reply)

    async def _authenticate(self, ws: Any) -> bool:
        self._view = None  # a new connection starts with a whole view
        self._resyncing = False
        if self.token is not None:
            msg: dict[str, Any] = {
                "type": "auth",
                "protocol": PROTOCOL_VERSION,
                "deltas": True,
                "token": self.token,
            }
        else:
            assert self._want_seat is not None and self.code is not None
            seat, name = self._want_seat
            msg = {
                "type": "join",
                "protocol": PROTOCOL_VERSION,
                "deltas": True,
                "code": self.code,
                "role": "player",
                "seat": seat,
                "name": name,
            }
        reply = await self._request(ws, msg)
        if reply.get("type") == "error":
            self._push(
                "error",
                message=reply.get("message", ""),
                code=reply.get("code"),
                field=reply.get("field"),
            )
            if self.token is None:  # a refused seat: back to the lobby
                self._want_seat = None
                return False if self._closing else await self._back_to_lobby()
            if reply.get("code") in FATAL:
                self._push("status", state="closed", detail=reply.get("message", ""))
                self._closing = True
            return False
        if reply.get("token"):
            self.token = reply["token"]
        self.seat = reply.get("seat") or self.seat
        room = reply.get("room", {})
        if self._info is None:
            self._info = info_for_room(room)
        self._push(
            "welcome",
            info=self._info,
            you=self.seat,
            room=room.get("code", ""),
            role=reply.get("role", "player"),
            room_info=room,
        )
        return True

    async def _back_to_lobby(self) -> bool:
        return False

    async def _pump(self, ws: Any) -> None:
        assert self._outbox is not None
        outbox = self._outbox

        async def writer() -> None:
            while True:
                action = await outbox.get()
                if action.get("__wake__"):
                    if self._closing:
                        await ws.close()
                        return
                    continue
                if "__request__" in action:
                    message = {**action["__request__"], "request_id": next(self._ids)}
                else:
                    message = {"type": "action", "action": action, "request_id": next(self._ids)}
                await ws.send(json.dumps(message))

        task = asyncio.ensure_future(writer())
        try:
            async for raw in ws:
                self._incoming(json.loads(raw))
        finally:
            task.cancel()

    def _incoming(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if kind == "view":
            if msg.get("viewer") not in (None, self.seat) and self.seat is not None:
                return
            held = self._view
            if msg.get("request_id") is None or held is None or held["viewer"] == msg["viewer"]:
                # Numbers are the viewer's own: compare them only within one viewer (a
                # move to another seat starts that seat's numbering).
                if (
                    held is not None
                    and held["viewer"] == msg["viewer"]
                    and msg.get("version", 0) < held.get("version", 0)
                ):
                    return  # views never go backwards
                self._view = msg
                self._resyncing = False
            self._push(
                "view", view=msg["view"], legal=msg.get("legal", {}), remaining=msg.get("remaining")
            )
        elif kind == "view_delta":
            if self._view is not None and applies_to(self._view, msg):
                view = self._view = apply_delta(self._view, msg)
                self._push(
                    "view", view=view["view"], legal=view["legal"], remaining=view["remaining"]
                )
            elif not self._resyncing and self._outbox is not None:
                self._resyncing = True  # we missed the view it was made from: a whole one
                self._outbox.put_nowait({"__request__": {"type": "sync"}})
        elif kind == "error":
            self._push(
                "error",
                message=msg.get("message", ""),
                code=msg.get("code"),
                field=msg.get("field"),
            )
        elif kind == "ack":
            self._push("ack", seq=msg.get("seq"), action=msg.get("action", {}))
        elif kind == "welcome":  # the facilitator moved us to another seat
            self.seat = msg.get("seat") or self.seat
            self._push(
                "welcome",
                info=self._info,
                you=self.seat,
                room=msg.get("room", {}).get("code", ""),
                role=msg.get("role", "player"),
                room_info=msg.get("room", {}),
            )
        elif kind != "pong":
            self._push("reply", **msg)  # replay, report and other replies to requests

    async def _lobby_once(self) -> None:
        """Read the room's seats as an observer, show them, wait a little or for a choice."""
        self._push("status", state="connecting", detail="lobby")
        try:
            async with connect(self.url, max_size=None, open_timeout=5) as ws:
                reply = await self._request(
                    ws,
                    {
                        "type": "join",
                        "protocol": PROTOCOL_VERSION,
                        "code": self.code,
                        "role": "observer",
                        "name": self.name,
                    },
                )
        except (TimeoutError, OSError, ConnectionClosed, WebSocketException) as exc:
            self._push("error", message=f"cannot reach {self.url}: {exc}", code="unreachable")
            await self._wait_choice(3.0)
            return
        if reply.get("type") == "error":
            self._push("error", message=reply.get("message", ""), code=reply.get("code"))
            if reply.get("code") in FATAL:
                self._push("status", state="closed", detail=reply.get("message", ""))
                self._closing = True
            await self._wait_choice(3.0)
            return
        room = reply.get("room", {})
        if self._info is None:
            self._info = info_for_room(room)
            self._push("welcome", info=self._info, you=None, room=room.get("code", ""))
        self._push("status", state="connected", detail="lobby")
        seats = {s["id"]: list(s.get("players", [])) for s in room.get("seats", [])}
        bots = [s["id"] for s in room.get("seats", []) if s.get("bot")]
        for s in room.get("seats", []):
            if s.get("bot"):
                seats[s["id"]] = [f"bot ({s['bot']})"]
        self._push("lobby", room=room.get("code", ""), seats=seats, bots=bots, you=None)
        await self._wait_choice(3.0)

    async def _wait_choice(self, seconds: float) -> None:
        assert self._outbox is not None
        try:
            while True:
                item = await asyncio.wait_for(self._outbox.get(), seconds)
                if item.get("__wake__"):
                    return
                self._outbox.put_nowait(item)  # an action before seating: keep it
                await asyncio.sleep(seconds)
                return
        except TimeoutError:
            return
