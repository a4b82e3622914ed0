"""Whole games over the wire: external clients in every seat, and server-side bots."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from game import Game, load_scenario
from game.netclient import Client, play_random
from server.embed import ServerHandle
from tests.server.conftest import MINI
from tests.server.helpers import KOREA, stored_log


async def test_a_whole_game_with_an_external_bot_in_every_seat(
    server: ServerHandle, connect, tmp_path: Path
) -> None:
    scenario = KOREA or "mini"
    fac: Client = await connect()
    welcome = await fac.create_room(
        scenario=scenario, seed=11, timers={"negotiation": 5, "orders": 5}
    )
    code = welcome["room"]["code"]
    seats = [s["id"] for s in welcome["room"]["seats"]]
    players: list[Client] = []
    for seat in seats:
        client = await connect()
        joined = await client.join(code, seat, name=f"bot-{seat}")
        assert joined["seat"] == seat and joined["token"]
        players.append(client)
    finals = await asyncio.wait_for(
        asyncio.gather(*(play_random(c, random.Random(i)) for i, c in enumerate(players))), 60
    )
    for seat, final in zip(seats, finals, strict=True):
        assert final["viewer"] == seat
        assert final["view"]["phase"] == "over"
        assert set(final["view"]["outcome"]["scores"]) == set(seats)
    god = await fac.wait_view(lambda v: v["view"]["phase"] == "over")
    # everything acknowledged is in the database: replaying it gives the same game
    rules = load_scenario(scenario if KOREA else MINI)
    replayed = Game.replay(rules, 11, stored_log(tmp_path / "server.sqlite3", code))
    assert replayed.over
    assert replayed.state_hash() == god["state_hash"] == server.state_hash(code)
    assert len(replayed.log) == god["seq"]
    # each player's own actions came back acknowledged with its seat filled in
    assert all(c.rtts for c in players)


async def test_a_room_of_server_bots_plays_itself_to_the_end(server: ServerHandle, connect) -> None:
    room = server.create_room(
        scenario="mini", seed=3, bots={"alpha": "random", "beta": "historical", "gamma": "random"}
    )
    observer: Client = await connect()
    await observer.auth(server.observer_token(room.code))
    final = await observer.wait_view(lambda v: v["view"]["phase"] == "over", timeout=20)
    assert final["viewer"] == "spectator"
    assert final["legal"]["types"] == []
    assert "outcome" in final["view"]


async def test_bots_fill_the_other_seats_around_one_person(server: ServerHandle, connect) -> None:
    room, token = server.bot_room("beta", scenario="mini", seed=5)
    me: Client = await connect()
    welcome = await me.auth(token)
    assert welcome["role"] == "player" and welcome["seat"] == "beta"
    bots = {s["id"]: s["bot"] for s in welcome["room"]["seats"]}
    assert bots == {"alpha": "random", "beta": None, "gamma": "random"}
    # without timers the bots wait for the person: negotiation holds until beta is ready
    first = await me.wait_view(lambda v: set(v["view"]["ready"]) == {"alpha", "gamma"})
    assert first["view"]["phase"] == "negotiation" and first["deadline"] is None
    final = await play_random(me, random.Random(1))
    assert final["view"]["phase"] == "over"
