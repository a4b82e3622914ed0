"""View deltas over the wire: a connection that asks for ``deltas`` gets a whole view
first, then ``view_delta`` messages that rebuild exactly what a whole-view connection
sees; reconnects and ``sync`` give whole views; a delta that does not fit is resynced."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator
from typing import Any

from websockets.asyncio.client import connect

from game.netclient import Client, play_random
from server.embed import ServerHandle


def tap(client: Client) -> list[dict[str, Any]]:
    """Every frame ``client`` receives from now on, decoded."""
    frames: list[dict[str, Any]] = []
    client.on_frame = lambda d, text: frames.append(json.loads(text)) if d == "recv" else None
    return frames


def kinds(frames: list[dict[str, Any]]) -> list[str]:
    return [f["type"] for f in frames if f["type"] in ("view", "view_delta")]


async def test_delta_and_whole_view_connections_see_the_same_game(
    server: ServerHandle, connect
) -> None:
    room, token = server.bot_room("alpha", scenario="mini", seed=4)
    player = await Client.connect(server.url)  # deltas (the default)
    whole = await Client.connect(server.url, deltas=False)  # a second screen of the seat
    fac = await Client.connect(server.url)
    try:
        delta_frames, whole_frames, fac_frames = tap(player), tap(whole), tap(fac)
        await player.auth(token)
        await whole.auth(token)
        await fac.auth(room.facilitator_token)
        final = await asyncio.wait_for(play_random(player, random.Random(2), chat=0.9), 30)
        assert final["view"]["phase"] == "over"
        seen = await whole.wait_view(lambda v: v["version"] == final["version"])
        god = await fac.wait_view(lambda v: v["view"]["phase"] == "over")
        assert final["view"] == seen["view"] and final["legal"] == seen["legal"]
        assert final["view"] == (await player.sync())["view"]
        assert god["view"] == (await fac.sync())["view"]
        assert god["state_hash"] == server.state_hash(room.code)
        assert kinds(delta_frames)[0] == "view" and "view_delta" in kinds(delta_frames)
        assert kinds(fac_frames)[0] == "view" and "view_delta" in kinds(fac_frames)
        assert set(kinds(whole_frames)) == {"view"}
        assert player.resyncs == 0 and fac.resyncs == 0
        # a delta leaves out what did not change (the briefings never do)
        deltas = [f for f in delta_frames + fac_frames if f["type"] == "view_delta"]
        assert deltas and not any("briefings" in f["view"] for f in deltas)
    finally:
        for c in (player, whole, fac):
            await c.close()


async def test_versions_only_grow_and_each_delta_names_the_view_before_it(
    server: ServerHandle, connect
) -> None:
    room, token = server.bot_room("beta", scenario="mini", seed=6)
    me: Client = await connect()
    frames = tap(me)
    await me.auth(token)
    await asyncio.wait_for(play_random(me, random.Random(3)), 30)
    views = [f for f in frames if f["type"] in ("view", "view_delta")]
    versions = [f["version"] for f in views]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    for before, delta in zip(views, views[1:], strict=False):
        assert delta["type"] == "view_delta" and delta["base_version"] == before["version"]


async def test_reconnecting_and_sync_give_whole_views(server: ServerHandle, connect) -> None:
    room, token = server.bot_room("gamma", scenario="mini", seed=2)
    first: Client = await connect()
    await first.auth(token)
    await first.wait_view()
    await first.act({"type": "message", "to": [], "text": "hello"})
    await first.wait_view(lambda v: any(m["text"] == "hello" for m in v["view"]["messages"]))
    await first.close()
    again: Client = await connect()
    frames = tap(again)
    await again.auth(token)
    view = await again.wait_view()
    assert kinds(frames)[0] == "view"
    assert [m["text"] for m in view["view"]["messages"] if m["from"] == "gamma"] == ["hello"]
    reply = await again.sync()
    assert reply["type"] == "view" and reply["view"]["messages"] == view["view"]["messages"]
    await again.act({"type": "message", "to": [], "text": "again"})
    await again.wait_view(lambda v: v["view"]["messages"][-1]["text"] == "again")
    after = [f for f in frames if f.get("request_id") is None and f["type"] == "view_delta"]
    assert after and after[-1]["base_version"] >= reply["version"]


class LosingTransport:
    """A client's websocket that loses the next ``view_delta`` frame once armed, as a
    flaky network would: the frame arrives and is thrown away before the client sees
    it. Everything else passes through."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.armed = False
        self.lost: list[dict[str, Any]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ws, name)

    async def __aiter__(self) -> AsyncIterator[str | bytes]:
        async for raw in self.ws:
            if self.armed and json.loads(raw)["type"] == "view_delta":
                self.armed = False
                self.lost.append(json.loads(raw))
                continue
            yield raw


async def test_a_client_that_lost_a_delta_asks_for_a_whole_view(server: ServerHandle) -> None:
    room, token = server.bot_room("alpha", scenario="mini", seed=8)
    transport = LosingTransport(await connect(server.url, max_size=None))
    me = Client(transport)  # type: ignore[arg-type]  # a websocket in all it is used for
    try:
        frames = tap(me)
        await me.auth(token)
        held = await me.wait_view()
        transport.armed = True
        await me.act({"type": "message", "to": [], "text": "anyone?"})
        await asyncio.wait_for(_until(lambda: bool(transport.lost)), 10)
        # The next delta is made from a view this client never saw: it must resync.
        await me.act({"type": "message", "to": [], "text": "still there?"})
        view = await me.wait_view(
            lambda v: [m["text"] for m in v["view"]["messages"]][-2:] == ["anyone?", "still there?"]
        )
        assert transport.lost[0]["base_version"] >= held["version"]
        assert me.resyncs >= 1
        assert [f for f in frames if f["type"] == "view" and f["request_id"] is not None]
        assert view["view"] == (await me.sync())["view"]
    finally:
        await me.close()


async def _until(test: Any) -> None:
    while not test():
        await asyncio.sleep(0.01)
