"""Bots in a room think once per turn: one ``orders`` call per seat and month, and one
``negotiate`` call per negotiation round (plus the few extra answers the room allows).

Every action wakes the room's bots; a seat whose task was spawned but had not started
yet used to be handed more tasks meanwhile, each thinking and acting again (hundreds of
orders calls for one seat in one month), which under load starved the event loop."""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter

import pytest

from game.bots import BOTS
from game.bots.base import Action, Context
from game.bots.random_bot import RandomBot
from game.netclient import Client, play_random
from server.embed import ServerHandle
from server.room import EXTRA_BOT_TURNS


class Counting(RandomBot):
    """A random bot that counts its decisions per (seat, month, kind)."""

    name = "counting"
    calls: Counter[tuple[str, int, str]] = Counter()
    lock = threading.Lock()

    def negotiate(self, ctx: Context) -> list[Action]:
        with self.lock:
            self.calls[self.actor, ctx.month, "negotiate"] += 1
        return super().negotiate(ctx)

    def orders(self, ctx: Context) -> Action:
        with self.lock:
            self.calls[self.actor, ctx.month, "orders"] += 1
        return super().orders(ctx)


@pytest.mark.parametrize("scenario", ["mini", "korea-2019"])
async def test_each_bot_thinks_once_per_turn(
    server: ServerHandle, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:
    monkeypatch.setitem(BOTS, "counting", Counting)
    Counting.calls = Counter()
    seat = "alpha" if scenario == "mini" else "us"
    room, token = server.bot_room(seat, scenario=scenario, seed=4, bot="counting")
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        final = await asyncio.wait_for(play_random(me, random.Random(2)), 120)
        assert final["view"]["phase"] == "over"
    finally:
        await me.close()
    months = range(1, len(final["view"]["months"]) + 1)
    bots = [s for s in room.seats if s != seat]
    rounds = server.call(lambda: server.server.rooms[room.code].rules.negotiation.rounds)
    for bot in bots:
        for month in months:
            assert Counting.calls[bot, month, "orders"] == 1, (bot, month)
            thought = Counting.calls[bot, month, "negotiate"]
            assert rounds <= thought <= rounds + EXTRA_BOT_TURNS, (bot, month, thought)
