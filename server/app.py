"""The game server: many rooms over websockets, restored from the database on start.

>>> import asyncio
>>> async def demo():
...     server = GameServer(ServerConfig(port=0, db=":memory:"))
...     await server.start()
...     await server.stop()
>>> asyncio.run(demo())

For an in-process server in a background thread (the pygame client, tests) see
:func:`serve_in_thread`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import sys
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve

from game.bots import BOTS
from game.errors import SixPartyError
from game.protocol.errors import ProtocolError
from game.protocol.messages import MAX_MESSAGE_BYTES, RoomOptions
from game.scenario.compile import Rules
from game.scenario.loader import SCENARIO_DIR, find_scenario, load_scenario, suggest
from server.auth import new_code, new_token, normalise_code, token_hash
from server.controls import MAX_PLAYERS_PER_SEAT
from server.gc_policy import COLLECTOR
from server.room import REQUEST_WINDOW, Room
from server.store import Store, StoredToken

log = logging.getLogger("sixparty.server")

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass
class ServerConfig:
    """Everything ``sixparty serve`` can set. Limits are documented in docs/protocol.md."""

    host: str = "127.0.0.1"
    port: int = 8765
    db: str | Path = ":memory:"
    scenarios: dict[str, str] = field(default_factory=dict)
    """Extra scenarios offered by name (name -> file), besides those in scenarios/."""
    max_rooms: int = 1000
    """Rooms in play at once; finished rooms (game over) do not count, also after a
    restart (they stay readable for reports and replays)."""
    rooms_per_address: int = 30
    """Rooms one network address may create per hour without the admin token (0: no
    limit). In-process callers (``serve_in_thread``, ``sixparty play``) are not counted."""
    admin_token: str | None = None
    """The server's admin token: its holders create rooms beyond the per-address limit,
    and are the only ones who may when ``rooms_need_token`` is set."""
    rooms_need_token: bool = False
    """Only holders of ``admin_token`` create rooms over the network."""
    rate: float = 20.0
    """Messages per second a connection may send on average..."""
    burst: float = 60.0
    """...and in a burst; beyond that the connection is closed (1008)."""
    max_message_bytes: int = MAX_MESSAGE_BYTES
    auth_timeout: float = 15.0
    max_auth_failures: int = 5
    bot_budget: float = 5.0
    view_delay: float = 0.02
    """Seconds changes are gathered before views are pushed (one push per burst); views
    are rendered on the event loop, re-encoding only what changed (server/views.py)."""
    durable: bool = False
    switch_interval: float | None = 0.001
    """sys.setswitchinterval for the process: bots, replays and reports run in threads,
    and a short interval lets the event loop (acks, views) take the GIL back quickly.
    None: leave it."""
    compression: bool = False
    """permessage-deflate: views shrink about 10x, at a CPU and memory cost per connection."""
    quiet_gc: bool = True
    """Keep full garbage collections for quiet moments (server/gc_policy.py): without it,
    each one stops a busy server for 100-500 ms. Process-wide while the server runs."""


@dataclass
class Grant:
    """What an authenticated connection is: role, room, seat, display name, and for a
    player the player id (the facilitator's ``move`` changes the seat, never the id)."""

    role: str
    room: Room
    seat: str | None
    name: str
    player: str | None = None

    @property
    def viewer(self) -> str:
        """The engine viewer: the seat, ``spectator`` or ``omniscient``."""
        if self.role == "player" and self.seat is not None:
            return self.seat
        return "omniscient" if self.role == "facilitator" else "spectator"


class GameServer:
    """Hosts rooms; each websocket connection is a :class:`server.session.Session`."""

    def __init__(self, config: ServerConfig | None = None) -> None:
        self.config = config or ServerConfig()
        self.rooms: dict[str, Room] = {}
        self.store: Store | None = None
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sixparty-bot")
        self.renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sixparty-jobs")
        self._rules: dict[str, Rules] = {}
        self._ws: Server | None = None
        self._gc_policy = False
        self.sessions: set[Any] = set()
        self._created: dict[str, deque[float]] = {}
        """Per network address, when it created rooms in the last hour (anonymous only)."""

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Open the database, resume every stored room, and listen."""
        if self.config.switch_interval is not None:
            sys.setswitchinterval(self.config.switch_interval)
        self.store = Store(self.config.db, durable=self.config.durable)
        self._restore()
        if self.config.quiet_gc and not self._gc_policy:
            COLLECTOR.acquire()
            self._gc_policy = True
        from server.http import WebPages
        from server.session import Session

        async def handler(ws: ServerConnection) -> None:
            await Session(self, ws).run()

        self._ws = await serve(
            handler,
            self.config.host,
            self.config.port,
            max_size=self.config.max_message_bytes,
            max_queue=64,
            close_timeout=3,
            compression="deflate" if self.config.compression else None,
            process_request=WebPages().process_request,  # the browser seat (server/http.py)
        )

    @property
    def port(self) -> int:
        """The port actually listened on (useful with port 0)."""
        assert self._ws is not None, "server not started"
        return int(self._ws.sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        """``ws://host:port/``."""
        return f"ws://{self.config.host}:{self.port}/"

    async def stop(self) -> None:
        """Graceful shutdown: close connections (1001), stop timers and bots, close the DB."""
        for room in self.rooms.values():
            room.close()
        if self._ws is not None:
            self._ws.close(close_connections=True)
            await self._ws.wait_closed()
            self._ws = None
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.renderer.shutdown(wait=True, cancel_futures=True)
        if self.store is not None:
            self.store.close()
            self.store = None
        if self._gc_policy:
            COLLECTOR.release()
            self._gc_policy = False

    async def serve_forever(self, stop: asyncio.Event) -> None:
        """Run until ``stop`` is set, then shut down gracefully."""
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop()

    def _restore(self) -> None:
        assert self.store is not None
        for stored in self.store.rooms():
            try:
                rules = self.rules(stored.scenario)
                options = RoomOptions.model_validate(stored.options)
                room = Room(
                    stored.code,
                    stored.scenario,
                    rules,
                    options,
                    self.store,
                    self.executor,
                    created=stored.created,
                    log_=stored.log,
                    seen=stored.seen,
                    bot_budget=self.config.bot_budget,
                    view_delay=self.config.view_delay,
                    renderer=self.renderer,
                )
            except Exception as exc:  # one bad room must not stop the others
                log.error("room %s could not be restored: %s", stored.code, exc)
                continue
            room.remember(self.store.requests(stored.code, time.time() - REQUEST_WINDOW))
            for member in self.store.players(stored.code):
                if member.seat in room.rules.actors:
                    room.add_member(member.player, member.name, member.seat)
            self.rooms[room.code] = room
            room.start(stored.deadline, stored.paused_remaining)
            log.info("room %s resumed at action %d", room.code, len(room.game.log))

    # ------------------------------------------------------------------ scenarios
    def rules(self, ref: str) -> Rules:
        """Compiled rules for a stored scenario reference (cached, shared by rooms)."""
        rules = self._rules.get(ref)
        if rules is None:
            rules = self._rules[ref] = load_scenario(ref)
        return rules

    def resolve_scenario(self, name: str, trusted: bool = False) -> str:
        """The reference to store for a scenario asked for by name.

        Over the network only names are accepted (``korea-2019``, or a name the server
        was started with); ``trusted`` callers (in-process) may also give a path.
        """
        if name in self.config.scenarios:
            return str(find_scenario(self.config.scenarios[name]).resolve())
        if trusted and (Path(name).suffix in (".yaml", ".yml") or Path(name).exists()):
            return str(Path(name).resolve())
        if _NAME.match(name) and (SCENARIO_DIR / f"{name}.yaml").exists():
            return name
        known = sorted({*self.config.scenarios, *(p.stem for p in SCENARIO_DIR.glob("*.yaml"))})
        raise ProtocolError(
            "unknown_scenario",
            f"unknown scenario {name!r}{suggest(name, known)}; offered: {', '.join(known) or 'none'}",
            "options.scenario",
        )

    # ------------------------------------------------------------------ rooms and seats
    def rooms_in_play(self) -> int:
        """Rooms whose game is not over (what ``max_rooms`` limits)."""
        return sum(1 for room in self.rooms.values() if not room.game.over)

    def _admit(self, address: str | None, admin_token: str | None) -> None:
        """Refuse a room asked for over the network when the server's rules say no:
        ``admin_token_required`` (``rooms_need_token`` and no valid admin token) or
        ``room_quota`` (the address made ``rooms_per_address`` rooms this hour)."""
        config = self.config
        if config.admin_token is not None and admin_token is not None:
            if not hmac.compare_digest(config.admin_token.encode(), admin_token.encode()):
                raise ProtocolError(
                    "bad_token", "that is not this server's admin token", "admin_token"
                )
            return
        if config.rooms_need_token:
            raise ProtocolError(
                "admin_token_required",
                "this server creates rooms only for holders of its admin token "
                "(create_room with 'admin_token')",
                "admin_token",
            )
        if config.rooms_per_address <= 0 or address is None:
            return
        now = time.monotonic()
        made = self._created.setdefault(address, deque())
        while made and made[0] < now - 3600:
            made.popleft()
        if len(made) >= config.rooms_per_address:
            wait = int(made[0] + 3600 - now) + 1
            raise ProtocolError(
                "room_quota",
                f"{address} created {len(made)} rooms in the last hour, the most this server "
                f"allows without its admin token; try again in {wait} s",
                "type",
            )

    def create_room(
        self,
        options: RoomOptions,
        trusted: bool = False,
        address: str | None = None,
        admin_token: str | None = None,
    ) -> tuple[Room, str]:
        """Create and start a room; return it and its facilitator token (loop thread).

        Over the network (``trusted`` false) the per-address limit and the admin token
        apply (see :class:`ServerConfig`); ``address`` is the client's."""
        assert self.store is not None
        if not trusted:
            self._admit(address, admin_token)
        if self.rooms_in_play() >= self.config.max_rooms:
            raise ProtocolError(
                "too_many_rooms",
                f"this server hosts at most {self.config.max_rooms} rooms in play "
                "(finished rooms do not count)",
            )
        ref = self.resolve_scenario(options.scenario, trusted)
        try:
            rules = self.rules(ref)
        except SixPartyError as exc:
            raise ProtocolError(
                "unknown_scenario", f"scenario {options.scenario!r} is invalid: {exc}"
            ) from None
        for seat, bot in options.bots.items():
            if seat not in rules.actors:
                raise ProtocolError(
                    "unknown_seat",
                    f"no seat {seat!r} in {rules.id}{suggest(seat, list(rules.actor_ids))}; "
                    f"seats: {', '.join(rules.actor_ids)}",
                    f"options.bots.{seat}",
                )
            if bot not in BOTS:
                raise ProtocolError(
                    "unknown_bot",
                    f"no bot {bot!r}{suggest(bot, list(BOTS))}; bots: {', '.join(sorted(BOTS))}",
                    f"options.bots.{seat}",
                )
        code = new_code(self.rooms)
        token = new_token()
        now = time.time()
        room = Room(
            code,
            ref,
            rules,
            options,
            self.store,
            self.executor,
            created=now,
            bot_budget=self.config.bot_budget,
            view_delay=self.config.view_delay,
            renderer=self.renderer,
        )
        self.store.add_room(code, ref, options.model_dump(), now, token_hash(token))
        self.rooms[code] = room
        if not trusted and address is not None:
            self._created.setdefault(address, deque()).append(time.monotonic())
        room.start()
        return room, token

    def join(self, code: str, role: str, seat: str | None, name: str) -> tuple[Grant, str]:
        """Give a new player (of ``seat``) or observer token for room ``code``."""
        assert self.store is not None
        room = self.rooms.get(normalise_code(code))
        if room is None:
            raise ProtocolError("unknown_room", f"no room with join code {code!r}", "code")
        if room.locked:
            raise ProtocolError(
                "room_locked",
                f"room {room.code} is locked: ask the facilitator to let you in "
                "(players already in reconnect with their token)",
                "code",
            )
        player: str | None = None
        if role == "player":
            seats = room.rules.actor_ids
            if seat is None:
                raise ProtocolError(
                    "unknown_seat", f"players must name a seat: one of {', '.join(seats)}", "seat"
                )
            if seat not in room.rules.actors:
                raise ProtocolError(
                    "unknown_seat",
                    f"no seat {seat!r}{suggest(seat, list(seats))}; seats: {', '.join(seats)}",
                    "seat",
                )
            if seat in room.bots:
                raise ProtocolError(
                    "seat_is_bot", f"seat {seat!r} is played by a bot in this room", "seat"
                )
            if len(room.players[seat]) >= MAX_PLAYERS_PER_SEAT:
                raise ProtocolError(
                    "seat_full", f"seat {seat!r} already has {MAX_PLAYERS_PER_SEAT} players", "seat"
                )
            player = room.next_player_id()
        else:
            seat = None
        token = new_token()
        display = name.strip() or (f"{seat} {len(room.players[seat]) + 1}" if seat else "observer")
        self.store.add_token(token_hash(token), room.code, role, seat, display, time.time(), player)
        if seat is not None and player is not None:
            room.add_member(player, display, seat)
        return Grant(role, room, seat, display, player), token

    def authenticate(self, token: str) -> Grant:
        """The grant of a token, or :class:`ProtocolError` ``bad_token``."""
        assert self.store is not None
        stored: StoredToken | None = self.store.token(token_hash(token))
        room = self.rooms.get(stored.room) if stored else None
        if stored is None or room is None:
            raise ProtocolError("bad_token", "unknown token", "token")
        seat = stored.seat
        if stored.player is not None:
            seat = room.seat_of(stored.player) or seat
        return Grant(stored.role, room, seat, stored.name, stored.player)


# ---------------------------------------------------------------------- embedding
from server.embed import ServerHandle, serve_in_thread  # noqa: E402

__all__ = ["GameServer", "Grant", "ServerConfig", "ServerHandle", "serve_in_thread"]
