"""A small asyncio client for the Six-Party server (no pygame): connect, authenticate,
send requests with a ``request_id``, receive views.

>>> async def main(url, token):                                   # doctest: +SKIP
...     async with await Client.connect(url) as client:
...         await client.auth(token)
...         view = await client.wait_view(lambda v: "ready" in v["legal"]["types"])
...         await client.act({"type": "ready", "month": view["view"]["month"]})

:func:`play_random` is an external bot that plays from the views and legal actions the
server sends; the tests and ``bench/server.py`` use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import random
import secrets
import socket
import time
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import (
    ConnectionClosed,
    InvalidHandshake,
    InvalidURI,
    WebSocketException,
)

from game.errors import SixPartyError
from game.protocol.delta import applies_to, apply_delta
from game.protocol.errors import ProtocolError
from game.protocol.messages import PROTOCOL_VERSION

Message = dict[str, Any]


class Client:
    """One connection to the server. Replies are matched to requests by ``request_id``.

    ``view`` is the newest ``view`` message received (``None`` before the first one);
    with ``deltas`` (the default) the server sends ``view_delta`` messages after the
    first view and ``view`` is kept whole by applying them (a delta that does not fit
    the view held triggers a ``sync``, counted in ``resyncs``).
    ``errors`` collects errors that answered no request (e.g. ``rate_limited``);
    ``on_frame(direction, text)``, if set, sees every frame ("send"/"recv").
    """

    def __init__(self, ws: ClientConnection, deltas: bool = True) -> None:
        self.ws = ws
        self.deltas = deltas
        self.resyncs = 0
        self._resync: asyncio.Task[Message] | None = None
        self.view: Message | None = None
        self.welcome: Message | None = None
        self.errors: list[Message] = []
        self.rtts: list[float] = []
        self.paced_rtts: list[float] = []
        """For paced play (``play_random(pace=...)``): from each action's scheduled send
        time to its reply, so that time spent behind schedule counts as latency."""
        self.on_frame: Callable[[str, str], None] | None = None
        self._ids = itertools.count(1)
        self._id_prefix = secrets.token_hex(4)
        self._pending: dict[Any, asyncio.Future[Message]] = {}
        self._changed = asyncio.Event()
        self._reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def connect(cls, url: str, deltas: bool = True, **kwargs: Any) -> Client:
        """Open a connection (views can be large: no size limit on what we receive).

        ``deltas``: ask for ``view_delta`` messages when authenticating (``False``: a
        whole view after every change)."""
        kwargs.setdefault("max_size", None)
        ws = await connect(url, **kwargs)
        return cls(ws, deltas)

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the connection."""
        await self.ws.close()
        try:
            await self._reader
        except Exception:
            pass

    @property
    def closed(self) -> bool:
        """True once the connection is closed (by either side)."""
        return self._reader.done()

    # ------------------------------------------------------------------ reading
    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                if self.on_frame is not None:
                    self.on_frame("recv", raw if isinstance(raw, str) else raw.decode())
                msg = json.loads(raw)
                rid = msg.get("request_id")
                kind = msg.get("type")
                # Pushed views (request_id null) are always this connection's own, also
                # after the facilitator moved its player to another seat (a new viewer,
                # numbered on its own); a sync reply counts only if it is for the same
                # viewer. ``seq`` and ``version`` are the viewer's own numbers: a view of
                # the same viewer never goes backwards.
                if kind == "view" and (
                    self.view is None
                    or (
                        msg["viewer"] == self.view["viewer"]
                        and msg["seq"] >= self.view["seq"]
                        and msg.get("version", 0) >= self.view.get("version", 0)
                    )
                    or (rid is None and msg["viewer"] != self.view["viewer"])
                ):
                    self.view = msg
                    self._notify()
                elif kind == "view_delta":
                    if self.view is not None and applies_to(self.view, msg):
                        self.view = apply_delta(self.view, msg)
                        self._notify()
                    elif (
                        self.view is None
                        or msg["viewer"] != self.view["viewer"]
                        or msg["version"] > self.view.get("version", 0)
                    ):
                        self._ask_sync()  # we missed the view it was made from
                elif msg.get("type") == "welcome" and rid is None:
                    self.welcome = msg  # pushed after a move: the new seat
                    self._notify()
                future = self._pending.pop(rid, None) if rid is not None else None
                if future is not None and not future.done():
                    future.set_result(msg)
                elif msg.get("type") == "error":
                    self.errors.append(msg)
                    self._notify()
        except ConnectionClosed:
            pass
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(ConnectionError("connection closed"))
            self._pending.clear()
            self._notify()

    def _ask_sync(self) -> None:
        """Ask for a whole view (once at a time): a delta did not fit ours."""
        if self._resync is not None and not self._resync.done():
            return
        self.resyncs += 1
        self._resync = asyncio.get_running_loop().create_task(self.sync())
        self._resync.add_done_callback(lambda t: t.cancelled() or t.exception())

    def _notify(self) -> None:
        old, self._changed = self._changed, asyncio.Event()
        old.set()

    # ------------------------------------------------------------------ requests
    async def send_raw(self, text: str | bytes) -> None:
        """Send a frame as is (for tests of bad input)."""
        if self.on_frame is not None:
            self.on_frame("send", text if isinstance(text, str) else repr(text))
        await self.ws.send(text)

    async def request(self, message: Message, timeout: float = 30.0) -> Message:
        """Send ``message`` with a fresh ``request_id``; return the reply.

        Raises :class:`ProtocolError` when the reply is an ``error``.
        """
        rid = f"{self._id_prefix}-{next(self._ids)}"  # unique across reconnects: the
        # server answers a repeated request_id of the same seat with the first ack
        message = {**message, "request_id": rid}
        future: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._pending[rid] = future
        start = time.perf_counter()
        await self.send_raw(json.dumps(message, separators=(",", ":")))
        try:
            reply = await asyncio.wait_for(future, timeout)
        finally:
            self._pending.pop(rid, None)
        if reply.get("type") == "error":
            raise ProtocolError(reply["code"], reply["message"], reply.get("field"))
        if message.get("type") == "action":
            self.rtts.append(time.perf_counter() - start)
        return reply

    async def create_room(self, timeout: float = 30.0, **options: Any) -> Message:
        """Create a room and become its facilitator; returns ``welcome`` (with the token).

        ``admin_token`` (among ``options``; else ``$SIXPARTY_ADMIN_TOKEN``) is sent as
        the server's admin token, for a server that limits who creates rooms."""
        admin = options.pop("admin_token", None) or os.environ.get("SIXPARTY_ADMIN_TOKEN")
        message: Message = {
            "type": "create_room",
            "protocol": PROTOCOL_VERSION,
            "deltas": self.deltas,
            "options": options,
        }
        if admin:
            message["admin_token"] = admin
        reply = await self.request(message, timeout)
        self.welcome = reply
        return reply

    async def join(
        self, code: str, seat: str | None = None, role: str = "player", name: str = ""
    ) -> Message:
        """Join a room by code; returns ``welcome`` (keep ``token`` to reconnect)."""
        msg: Message = {
            "type": "join",
            "protocol": PROTOCOL_VERSION,
            "deltas": self.deltas,
            "code": code,
            "role": role,
        }
        if seat is not None:
            msg["seat"] = seat
        if name:
            msg["name"] = name
        reply = await self.request(msg)
        self.welcome = reply
        return reply

    async def auth(self, token: str) -> Message:
        """Authenticate with a token (first message, or after reconnecting)."""
        reply = await self.request(
            {"type": "auth", "protocol": PROTOCOL_VERSION, "deltas": self.deltas, "token": token}
        )
        self.welcome = reply
        return reply

    async def act(self, action: Message) -> Message:
        """Play one action; returns the ``ack`` or raises :class:`ProtocolError`."""
        return await self.request({"type": "action", "action": action})

    async def sync(self, viewer: str | None = None) -> Message:
        """Ask for a full view now (``viewer``: facilitators only)."""
        msg: Message = {"type": "sync"}
        if viewer is not None:
            msg["viewer"] = viewer
        return await self.request(msg)

    async def ping(self) -> Message:
        """Round trip to the server."""
        return await self.request({"type": "ping"})

    async def replay(self, month: int, viewer: str | None = None) -> Message:
        """The view at the end of ``month`` (a ``replay`` message); ``viewer``:
        facilitators only."""
        msg: Message = {"type": "replay", "month": month}
        if viewer is not None:
            msg["viewer"] = viewer
        return await self.request(msg)

    async def report(self, timeout: float = 120.0) -> Message:
        """The debrief report: ``{"type": "report", "filename", "html"}``."""
        return await self.request({"type": "report"}, timeout)

    async def wait_view(
        self, predicate: Callable[[Message], bool] = lambda v: True, timeout: float = 30.0
    ) -> Message:
        """Wait until the newest view satisfies ``predicate``; return it."""

        async def wait() -> Message:
            while True:
                changed = self._changed
                if self.view is not None and predicate(self.view):
                    return self.view
                if self.closed:
                    raise ConnectionError("connection closed while waiting for a view")
                await changed.wait()

        return await asyncio.wait_for(wait(), timeout)


# ---------------------------------------------------------------------- a remote bot
_LINES = ("We are ready to talk.", "Actions, not words.", "Let us find a way forward.")


def random_negotiation(legal: Message, rng: random.Random, chat: float = 0.3) -> list[Message]:
    """Negotiation moves chosen at random from the legal action space."""
    out: list[Message] = []
    partners = legal.get("partners", [])
    month = legal["month"]
    if "message" in legal["types"] and partners and rng.random() < chat:
        to = [] if rng.random() < 0.5 else [rng.choice(partners)]
        out.append({"type": "message", "to": to, "text": rng.choice(_LINES), "month": month})
    if "propose" in legal["types"] and partners and rng.random() < 0.25:
        other = rng.choice(partners)
        commitments = []
        for who, levers in legal.get("commitment_levers", {}).items():
            if who == other and levers:
                lever = rng.choice(sorted(levers))
                commitments.append(
                    {
                        "actor": who,
                        "lever": lever,
                        "option": rng.choice(levers[lever]),
                        "months": rng.randint(1, 3),
                    }
                )
        out.append(
            {
                "type": "propose",
                "to": [other],
                "commitments": commitments,
                "talks": not commitments,
                "month": month,
            }
        )
    for pid in legal.get("respond", []):
        out.append({"type": "respond", "proposal": pid, "accept": rng.random() < 0.5})
    return out


def random_orders(legal: Message, rng: random.Random) -> Message:
    """Final orders with a random option per lever and sometimes a signal."""
    levers = {lid: rng.choice(opts) for lid, opts in legal.get("levers", {}).items()}
    signals = []
    options = legal.get("signals", {})
    if options and legal.get("max_signals", 0) and rng.random() < 0.33:
        sid = rng.choice(sorted(options))
        targets = options[sid]
        signals.append({"signal": sid, "target": rng.choice(targets) if targets else None})
    return {
        "type": "orders",
        "levers": levers,
        "signals": signals,
        "final": True,
        "month": legal["month"],
    }


async def play_random(
    client: Client,
    rng: random.Random,
    chat: float = 0.3,
    timeout: float = 60.0,
    extra_chat: int = 0,
    pace: float | None = None,
) -> Message:
    """Play the seat ``client`` is authenticated for until the game is over.

    Each negotiation phase: a few random moves, then ``ready`` (and answers to later
    proposals; ``extra_chat`` more public messages, for load tests); each orders phase:
    random final orders. Refused actions (a timer ended
    the phase meanwhile) are counted in ``client.refused`` and play goes on. Returns the
    final view message.

    ``pace`` (seconds): send at most one action per ``pace``, on a fixed schedule from a
    random start within the first ``pace`` (for load tests at a stated rate); the time
    from each action's scheduled slot (or from when it was chosen, if later) to its
    reply goes to ``client.paced_rtts``. Without it, actions go as fast as replies come.
    """
    refused: list[str] = []
    setattr(client, "refused", refused)  # noqa: B010
    acted: set[tuple[int, str]] = set()
    answered: set[int] = set()
    next_slot = time.perf_counter() + (rng.random() * pace if pace else 0.0)

    async def send(action: Message) -> None:
        nonlocal next_slot
        slot = 0.0
        if pace is not None:
            now = time.perf_counter()
            slot = max(next_slot, now)
            if slot > now:
                await asyncio.sleep(slot - now)
            next_slot = slot + pace
        try:
            await client.act(action)
        except ProtocolError as exc:
            refused.append(exc.code)
        if pace is not None:
            client.paced_rtts.append(time.perf_counter() - slot)

    while True:
        msg = await client.wait_view(
            lambda v: (
                v["view"]["phase"] == "over"
                or (v["view"]["month"], v["view"]["phase"]) not in acted
                or bool(set(v["legal"].get("respond", [])) - answered)
            ),
            timeout,
        )
        legal = msg["legal"]
        view = msg["view"]
        key = (view["month"], view["phase"])
        if view["phase"] == "over":
            return msg
        if key in acted:  # only new proposals to answer
            for move in random_negotiation({**legal, "types": []}, rng):
                answered.add(move["proposal"])
                await send({**move, "month": view["month"]})
            continue
        acted.add(key)
        if view["phase"] == "negotiation":
            for i in range(extra_chat):
                await send(
                    {"type": "message", "to": [], "text": f"Point {i + 1}.", "month": key[0]}
                )
            for move in random_negotiation(legal, rng, chat):
                if move["type"] == "respond":
                    answered.add(move["proposal"])
                await send(move)
            if "ready" in legal["types"]:
                await send({"type": "ready", "month": view["month"], "phase": view["phase"]})
        elif "orders" in legal["types"]:
            await send(random_orders(legal, rng))


# ---------------------------------------------------------------------- one-off requests
class ServerRefused(SixPartyError):
    """The server answered a request with an ``error``; ``code`` and ``field`` are its."""

    def __init__(self, message: str, code: str, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(message)


@contextlib.asynccontextmanager
async def reaching(
    url: str, timeout: float = 10.0, refused: str = "the server refused"
) -> AsyncIterator[Client]:
    """A connection to the server at ``url`` for one-off requests; every way of not
    reaching it (refused, timed out, not a websocket server) is one :class:`SixPartyError`
    that names the address, and a protocol ``error`` is a :class:`ServerRefused` whose
    message starts with ``refused``."""
    try:
        async with await Client.connect(url, open_timeout=timeout) as client:
            yield client
    except ProtocolError as exc:
        where = f" ({exc.field})" if exc.field else ""
        raise ServerRefused(f"{refused}{where}: {exc}", exc.code, exc.field) from None
    except (InvalidURI, InvalidHandshake) as exc:
        raise SixPartyError(f"{url} is not a Six-Party server: {exc}") from None
    except (OSError, TimeoutError, WebSocketException) as exc:
        reason = _reason(exc)
        raise SixPartyError(
            f"cannot reach the server at {url}: {reason} (is 'sixparty serve' running there?)"
        ) from None


def server_url(text: str, what: str = "server address") -> str:
    """``ws://host:port`` (``host:port`` gets ``ws://``); one clear error for another
    scheme, no host or a port that is not 0..65535. ``what`` names the argument."""
    url = text.strip()
    if "://" not in url:
        url = "ws://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise SixPartyError(f"{what} {text}: expected ws://HOST:PORT, e.g. ws://10.0.0.5:8765")
    try:
        parts.port  # noqa: B018  (validates the port)
    except ValueError:
        raise SixPartyError(f"{what} {text}: the port is not a number 0..65535") from None
    return url


def _reason(exc: BaseException) -> str:
    """A short human reason for a failed connection."""
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError):
        return "no answer (timed out)"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


async def create_room(url: str, options: dict[str, Any], timeout: float = 10.0) -> Message:
    """Connect to the server at ``url``, create a room with ``options`` and return its
    ``welcome`` (the connection is closed again: ``sixparty room create``).

    Raises :class:`SixPartyError` saying why when the server cannot be reached or is not
    a Six-Party server, and :class:`ServerRefused` when it refuses.
    """
    async with reaching(url, timeout, "the server refused the room") as client:
        reply = await client.create_room(timeout, **options)
    if reply.get("type") != "welcome":
        raise SixPartyError(f"unexpected reply from {url}: {str(reply)[:200]}")
    return dict(reply)


async def check_server(url: str, code: str | None = None, timeout: float = 5.0) -> None:
    """Make sure a Six-Party server answers at ``url`` (and, with ``code``, that it holds
    that room) before a window opens on it (``sixparty join``).

    Raises :class:`SixPartyError` saying why not. With a code, the check joins the room
    as an observer for a moment, as the lobby does; without, it sends a ``ping``.
    """
    async with reaching(url, timeout) as client:
        if code is None:
            await client.ping()
            return
        try:
            await client.join(code, role="observer")
        except ProtocolError as exc:
            raise SixPartyError(f"room {code} on {url}: {exc}") from None


def lan_address() -> str | None:
    """This machine's address on the local network, if it has one (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: routing only, nothing is sent
            address = str(s.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") else address
