"""Running the server inside another program, in a background thread.

The pygame client's ``sixparty play`` does this: start a server, create a room with
bots on the other seats, take a seat token, connect as a player.

>>> handle = serve_in_thread(db=":memory:", scenarios={"mini": "tests/fixtures/mini.yaml"})
>>> room = handle.create_room(scenario="mini", bots={"beta": "random", "gamma": "random"})
>>> token = handle.seat_token(room.code, "alpha")
>>> handle.url.startswith("ws://127.0.0.1:")
True
>>> handle.stop()
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from game.errors import SixPartyError
from game.protocol.messages import PhaseTimers, RoomOptions

if TYPE_CHECKING:
    from server.app import GameServer

T = TypeVar("T")


@dataclass(frozen=True)
class CreatedRoom:
    """A room made through the handle: its join code and facilitator token."""

    code: str
    facilitator_token: str
    seats: tuple[str, ...]


class ServerHandle:
    """A server running in a background thread; every method is thread-safe."""

    def __init__(
        self, server: GameServer, loop: asyncio.AbstractEventLoop, thread: threading.Thread
    ):
        self.server = server
        self.loop = loop
        self.thread = thread

    @property
    def url(self) -> str:
        """``ws://127.0.0.1:PORT/``."""
        return self.server.url

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return self.server.port

    def call(self, fn: Callable[[], T], timeout: float = 10.0) -> T:
        """Run ``fn`` on the server's loop thread and return its result."""

        async def wrapper() -> T:
            return fn()

        return self.run(wrapper(), timeout)

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        """Run a coroutine on the server's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def create_room(
        self,
        scenario: str = "korea-2019",
        seed: int = 0,
        bots: dict[str, str] | None = None,
        timers: dict[str, float | None] | None = None,
        press: str = "full",
        name: str = "",
        wait_for_start: bool = False,
    ) -> CreatedRoom:
        """Create a room (``scenario`` may be a name or, in-process, a path);
        ``wait_for_start``: briefing time until the facilitator's ``start``."""
        options = RoomOptions(
            scenario=scenario,
            seed=seed,
            bots=dict(bots or {}),
            timers=PhaseTimers(**timers) if timers is not None else PhaseTimers(),
            press=press,  # type: ignore[arg-type]
            name=name,
            wait_for_start=wait_for_start,
        )

        def make() -> CreatedRoom:
            room, token = self.server.create_room(options, trusted=True)
            return CreatedRoom(room.code, token, room.rules.actor_ids)

        return self.call(make)

    def bot_room(
        self,
        seat: str,
        scenario: str = "korea-2019",
        seed: int = 0,
        bot: str = "random",
        timers: dict[str, float | None] | None = None,
        name: str = "",
    ) -> tuple[CreatedRoom, str]:
        """A room with ``bot`` on every seat but ``seat``; returns it and that seat's token.

        ``timers`` default to none at all: the phase ends when the human is ready.
        """
        from game.scenario.loader import load_scenario

        ref = self.server.config.scenarios.get(scenario, scenario)
        actors = load_scenario(ref).actor_ids
        if seat not in actors:
            raise SixPartyError(f"no seat {seat!r} in {scenario}; seats: {', '.join(actors)}")
        room = self.create_room(
            scenario,
            seed,
            bots={a: bot for a in actors if a != seat},
            timers=timers if timers is not None else {"negotiation": None, "orders": None},
            name=name,
        )
        return room, self.seat_token(room.code, seat, name)

    def seat_token(self, code: str, seat: str, name: str = "") -> str:
        """A new player token for ``seat`` in room ``code``."""
        return self.call(lambda: self.server.join(code, "player", seat, name)[1])

    def observer_token(self, code: str, name: str = "") -> str:
        """A new observer token for room ``code``."""
        return self.call(lambda: self.server.join(code, "observer", None, name)[1])

    def state_hash(self, code: str) -> str:
        """The room's current state hash."""
        return self.call(lambda: self.server.rooms[code].game.state_hash())

    def stop(self, timeout: float = 10.0) -> None:
        """Shut the server down gracefully and join its thread.

        Open connections are closed (1001); a client on an event loop blocked by this
        very call cannot answer, so close clients first or call this from another thread.
        """
        if not self.thread.is_alive():
            return
        try:
            self.run(self.server.stop(), timeout)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_in_thread(
    host: str = "127.0.0.1",
    port: int = 0,
    db: str | Path = ":memory:",
    scenarios: dict[str, str] | None = None,
    **config: Any,
) -> ServerHandle:
    """Start a server on its own event loop in a daemon thread; return its handle.

    ``db=":memory:"`` keeps nothing after :meth:`ServerHandle.stop`; give a path to
    keep games. ``config`` takes any other :class:`server.app.ServerConfig` field.
    """
    from server.app import GameServer, ServerConfig

    server = GameServer(
        ServerConfig(host=host, port=port, db=db, scenarios=dict(scenarios or {}), **config)
    )
    loop = asyncio.new_event_loop()
    started = threading.Event()
    failure: list[BaseException] = []

    def main() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(server.start())
        except BaseException as exc:  # reported to the caller below
            failure.append(exc)
            started.set()
            loop.close()
            return
        started.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=main, name="sixparty-server", daemon=True)
    thread.start()
    started.wait(30)
    if failure:
        exc = failure[0]
        if isinstance(exc, SixPartyError):
            raise exc
        raise SixPartyError(f"the server could not start: {exc}") from exc
    return ServerHandle(server, loop, thread)
