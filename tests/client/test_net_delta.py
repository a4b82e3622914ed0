"""The pygame client's connection applies ``view_delta`` messages: the screens always get
whole views, equal to what the server would send whole; a delta that does not fit the
view held is answered by asking for a ``sync``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from game.client.net import NetConnection
from server.embed import ServerHandle, serve_in_thread

MINI = "tests/fixtures/mini.yaml"


class Recording(NetConnection):
    """A connection that also keeps every message it received, in order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.received: list[dict[str, Any]] = []
        super().__init__(*args, **kwargs)

    def _incoming(self, msg: dict[str, Any]) -> None:
        self.received.append(msg)
        super()._incoming(msg)


@pytest.fixture
def handle() -> Iterator[ServerHandle]:
    server = serve_in_thread(db=":memory:", scenarios={"mini": MINI}, view_delay=0.005)
    try:
        yield server
    finally:
        server.stop()


def wait_view(
    conn: NetConnection, seen: list[dict[str, Any]], pred: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """Poll the connection until a pushed view satisfies ``pred``; return its data."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for update in conn.poll():
            if update.kind == "view":
                seen.append(update.data)
                if pred(update.data):
                    return update.data
        time.sleep(0.01)
    raise AssertionError("no such view arrived")


def said(text: str) -> Callable[[dict[str, Any]], bool]:
    return lambda d: any(m["text"] == text for m in d["view"]["messages"])


def test_deltas_become_whole_views(handle: ServerHandle) -> None:
    room, token = handle.bot_room("alpha", scenario="mini", seed=3, bot="random")
    conn = Recording(handle.url, token=token)
    seen: list[dict[str, Any]] = []
    try:
        first = wait_view(conn, seen, lambda d: True)
        conn.send({"type": "message", "to": [], "text": "one", "month": first["view"]["month"]})
        wait_view(conn, seen, said("one"))
        conn.send({"type": "message", "to": [], "text": "two", "month": first["view"]["month"]})
        last = wait_view(conn, seen, said("two"))
        whole = handle.call(lambda: handle.server.rooms[room.code].view_message("alpha"))
        assert last["view"] == whole["view"] and last["legal"] == whole["legal"]
        types = [m["type"] for m in conn.received if m["type"].startswith("view")]
        assert types[0] == "view" and "view_delta" in types
    finally:
        conn.close()


def test_a_delta_that_does_not_fit_asks_for_a_whole_view(handle: ServerHandle) -> None:
    room, token = handle.bot_room("beta", scenario="mini", seed=5, bot="random")
    conn = Recording(handle.url, token=token)
    seen: list[dict[str, Any]] = []
    try:
        first = wait_view(conn, seen, lambda d: True)

        def forget() -> None:  # as if a view had been lost on the way
            assert conn._view is not None
            conn._view = {**conn._view, "version": -1}

        conn._loop.call_soon_threadsafe(forget)
        conn.send({"type": "message", "to": [], "text": "lost?", "month": first["view"]["month"]})
        last = wait_view(conn, seen, said("lost?"))
        assert any(m["type"] == "view" and m.get("request_id") for m in conn.received)
        whole = handle.call(lambda: handle.server.rooms[room.code].view_message("beta"))
        assert last["view"] == whole["view"]
    finally:
        conn.close()


def test_a_move_to_a_seat_with_lower_numbers_shows_the_new_seat(handle: ServerHandle) -> None:
    """Numbers are per viewer: moved from a seat that saw much to one that saw little,
    the connection takes the new seat's view although its seq and version are lower."""
    made = handle.create_room(scenario="mini", timers={"negotiation": None, "orders": None})
    conn = Recording(handle.url, token=handle.seat_token(made.code, "alpha", "Sam"))
    seen: list[dict[str, Any]] = []
    try:
        wait_view(conn, seen, lambda d: True)
        for n in range(3):
            conn.send({"type": "message", "to": ["beta"], "text": f"psst {n}", "month": 1})
        wait_view(conn, seen, said("psst 2"))
        held = conn._view
        assert held is not None and held["viewer"] == "alpha"

        def move() -> None:
            room = handle.server.rooms[made.code]
            sam = next(m.id for m in room.members.values() if m.name == "Sam")
            room.submit({"type": "move", "actor": "facilitator", "player": sam, "seat": "gamma"})

        handle.call(move)
        moved = wait_view(conn, seen, lambda d: d["view"].get("you") == "gamma")
        assert moved["view"]["messages"] == []
        now = conn._view
        assert now is not None and now["viewer"] == "gamma"
        assert now["seq"] < held["seq"] and now["version"] < held["version"]
    finally:
        conn.close()
