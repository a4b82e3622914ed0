"""Dropping out and coming back: a full resync with the seat token; nobody stalls the room."""

from __future__ import annotations

import asyncio
import random

from game.netclient import Client, play_random
from server.embed import ServerHandle


async def test_reconnecting_mid_turn_gives_a_full_resync(server: ServerHandle, connect) -> None:
    room = server.create_room(scenario="mini", timers={"negotiation": 60, "orders": 60})
    alpha: Client = await connect()
    token = (await alpha.join(room.code, "alpha", name="Ann"))["token"]
    beta: Client = await connect()
    await beta.join(room.code, "beta")
    await alpha.act({"type": "message", "to": ["beta"], "text": "Freeze and we talk."})
    await alpha.act({"type": "orders", "levers": {"aid": "food"}, "final": False})
    await beta.act({"type": "propose", "to": ["alpha"], "talks": True})
    before = await alpha.wait_view(lambda v: v["view"]["proposals"])
    await alpha.close()
    await beta.act({"type": "message", "to": ["alpha"], "text": "Are you there?"})

    again: Client = await connect()
    welcome = await again.auth(token)
    assert (welcome["seat"], welcome["name"], welcome["token"]) == ("alpha", "Ann", None)
    view = await again.wait_view()
    assert view["seq"] == before["seq"] + 1
    assert view["view"]["draft"]["levers"] == {"aid": "food"}
    assert [m["text"] for m in view["view"]["messages"]] == [
        "Freeze and we talk.",
        "Are you there?",
    ]
    assert view["legal"]["respond"] == [before["view"]["proposals"][0]["id"]]
    assert abs(view["deadline"] - before["deadline"]) < 1e-6  # the same clock
    ack = await again.act(
        {"type": "respond", "proposal": view["legal"]["respond"][0], "accept": True}
    )
    assert ack["action"]["actor"] == "alpha"


async def test_a_dropped_player_never_stalls_the_room(server: ServerHandle, connect) -> None:
    room = server.create_room(scenario="mini", seed=4, timers={"negotiation": 0.3, "orders": 0.3})
    quitter: Client = await connect()
    await quitter.join(room.code, "alpha")
    await quitter.close()
    players = []
    for seat in ("beta", "gamma"):
        client: Client = await connect()
        await client.join(room.code, seat)
        players.append(client)
    finals = await asyncio.gather(
        *(play_random(c, random.Random(i), timeout=10) for i, c in enumerate(players))
    )
    assert all(f["view"]["phase"] == "over" for f in finals)
    # alpha kept its starting policy every month: missing orders keep last month's
    orders = finals[0]["view"]["orders"]
    assert len(orders) == 3
    start = orders[0]["orders"]["alpha"]["levers"]
    assert start["aid"] == "none"
    assert all(o["orders"]["alpha"]["levers"] == start for o in orders)


async def test_paced_play_keeps_to_its_schedule_and_times_each_reply(
    server: ServerHandle, connect
) -> None:
    room = server.create_room(scenario="mini", seed=2, timers={"negotiation": 60, "orders": 60})
    players = []
    for seat in ("alpha", "beta", "gamma"):
        client: Client = await connect()
        await client.join(room.code, seat)
        players.append(client)
    start = asyncio.get_running_loop().time()
    finals = await asyncio.gather(
        *(play_random(c, random.Random(i), timeout=30, pace=0.05) for i, c in enumerate(players))
    )
    elapsed = asyncio.get_running_loop().time() - start
    assert all(f["view"]["phase"] == "over" for f in finals)
    for c in players:
        sent = len(c.paced_rtts)
        assert sent == len(c.rtts) + len(c.refused)  # type: ignore[attr-defined]
        assert elapsed >= (sent - 1) * 0.05  # never faster than one action per 0.05 s
        assert all(0 < x < 10 for x in c.paced_rtts)
