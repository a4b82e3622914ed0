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
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.bots import BOTS
from game.bots.base import Action, Context
from game.bots.random_bot import RandomBot
from game.netclient import Client, play_random
from server.embed import ServerHandle, serve_in_thread
from server.room import EXTRA_BOT_TURNS
from tests.server.conftest import SCENARIOS


class Counting(RandomBot):
    """A random bot that counts its decisions per (seat, month, kind)."""

    name = "counting"
    calls: Counter[tuple[str, int, str]] = Counter()
    rounds: dict[tuple[str, int], list[int]] = {}
    lock = threading.Lock()

    def negotiate(self, ctx: Context) -> list[Action]:
        with self.lock:
            self.calls[self.actor, ctx.month, "negotiate"] += 1
            self.rounds.setdefault((self.actor, ctx.month), []).append(ctx.round)
        return super().negotiate(ctx)

    def orders(self, ctx: Context) -> Action:
        with self.lock:
            self.calls[self.actor, ctx.month, "orders"] += 1
        return super().orders(ctx)


@pytest.fixture
def patient_server(tmp_path: Path) -> Iterator[ServerHandle]:
    """A server whose bots may think for a minute: this test counts decisions, and a
    decision that waited out the usual 5 s budget behind the others on a loaded machine
    is dropped (the seat keeps its policy), which would read as a bot that never thought."""
    handle = serve_in_thread(
        db=tmp_path / "server.sqlite3", scenarios=SCENARIOS, view_delay=0.005, bot_budget=60.0
    )
    try:
        yield handle
    finally:
        handle.stop()


@pytest.mark.parametrize("scenario", ["mini", "korea-2019"])
async def test_each_bot_thinks_once_per_turn(
    patient_server: ServerHandle, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:
    server = patient_server
    monkeypatch.setitem(BOTS, "counting", Counting)
    Counting.calls = Counter()
    Counting.rounds = {}
    seat = "alpha" if scenario == "mini" else "us"
    room, token = server.bot_room(seat, scenario=scenario, seed=4, bot="counting")
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        final = await asyncio.wait_for(play_random(me, random.Random(2)), 120)
        assert final["view"]["phase"] == "over"
    finally:
        await me.close()
    bots = [s for s in room.seats if s != seat]
    rounds = server.call(lambda: server.server.rooms[room.code].rules.negotiation.rounds)
    log = server.call(lambda: list(server.server.rooms[room.code].game.log))
    # The months played: a war ends the game early (how the human's random moves and
    # the bots interleave differs from run to run, so some runs end in war).
    months = range(1, max(a["month"] for a in log if "month" in a) + 1)
    for bot in bots:
        for month in months:
            assert Counting.calls[bot, month, "orders"] == 1, (bot, month)
            thought = Counting.calls[bot, month, "negotiate"]
            assert rounds <= thought <= rounds + EXTRA_BOT_TURNS, (bot, month, thought)
            # Round by round, then answers with the round after the last.
            seen = Counting.rounds[bot, month]
            assert seen[:rounds] == list(range(rounds))
            assert set(seen[rounds:]) <= {rounds}
            # What each bot decided reached the game: its final orders, once a month.
            final = [
                a
                for a in log
                if a["actor"] == bot and a["type"] == "orders" and a.get("month") == month
            ]
            assert len(final) == 1 and final[0]["final"] is True, (bot, month, final)
    # The bots answered the proposals put to them (RandomBot answers every one).
    assert any(a["type"] == "respond" and a["actor"] in bots for a in log)


class NoOrders(RandomBot):
    """A bot that gives no orders (None): the room keeps its last policy for it."""

    name = "no_orders"

    def orders(self, ctx: Context) -> Action:
        return None  # type: ignore[return-value]  # what a broken bot may return


async def test_a_bot_that_gives_no_orders_does_not_stop_the_game(
    server: ServerHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(BOTS, "no_orders", NoOrders)
    room, token = server.bot_room("alpha", scenario="mini", seed=5, bot="no_orders")
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        final = await asyncio.wait_for(play_random(me, random.Random(4)), 30)
    finally:
        await me.close()
    assert final["view"]["phase"] == "over"
    log = server.call(lambda: list(server.server.rooms[room.code].game.log))
    for bot in ("beta", "gamma"):
        assert not [a for a in log if a["actor"] == bot and a["type"] == "orders"]
        readies = [a for a in log if a["actor"] == bot and a["type"] == "ready"]
        assert len(readies) >= 2 * len(final["view"]["months"])  # both phases, each month


async def test_a_bot_answers_a_proposal_made_after_it_was_ready(server: ServerHandle) -> None:
    room, token = server.bot_room("alpha", scenario="mini", seed=3, bot="random")
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        view = await me.wait_view(lambda v: {"beta", "gamma"} <= set(v["view"]["ready"]), 15)
        month = view["view"]["month"]
        await me.act({"type": "propose", "to": ["beta"], "talks": True, "month": month})
        answered = await me.wait_view(
            lambda v: any(
                p["proposer"] == "alpha" and p["status"] != "open" for p in v["view"]["proposals"]
            ),
            15,
        )
    finally:
        await me.close()
    (mine,) = [p for p in answered["view"]["proposals"] if p["proposer"] == "alpha"]
    assert mine["status"] in ("accepted", "rejected") and "beta" in mine["responses"]
    assert answered["view"]["month"] == month and answered["view"]["phase"] == "negotiation"
