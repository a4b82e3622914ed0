"""Nothing is lost: kill -9 the server, restart it, and every room resumes from its log
with the same state hash and the same clock; SIGTERM shuts down gracefully."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from game.netclient import Client, play_random
from tests.server.helpers import start_server

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


async def test_after_kill_9_every_room_resumes_with_the_same_hash_and_clock(
    tmp_path: Path,
) -> None:
    proc, url = start_server(tmp_path)
    try:
        fac = await Client.connect(url)
        created = await fac.create_room(
            scenario="mini", seed=8, timers={"negotiation": 30, "orders": 30}
        )
        code, fac_token = created["room"]["code"], created["token"]
        tokens, clients = {}, {}
        for seat in ("alpha", "beta", "gamma"):
            clients[seat] = await Client.connect(url)
            tokens[seat] = (await clients[seat].join(code, seat))["token"]
        await clients["beta"].act({"type": "propose", "to": ["alpha"], "talks": True})
        await clients["alpha"].act({"type": "message", "to": ["gamma"], "text": "psst"})
        for seat in ("alpha", "beta", "gamma"):
            await clients[seat].act({"type": "ready"})
        await clients["beta"].act({"type": "orders", "levers": {"program": "freeze"}})
        # a second room on a short clock, mid-negotiation
        fast = await Client.connect(url)
        fast_created = await fast.create_room(scenario="mini", timers={"negotiation": 1.0})
        fast_code, fast_token = fast_created["room"]["code"], fast_created["token"]
        await fast.act({"type": "announce", "text": "one second"})
        # the last ack has come back: it must survive what follows
        last = await clients["gamma"].act({"type": "orders", "levers": {"aid": "food"}})
        before = await fac.wait_view(lambda v: v["view"]["submitted"] == ["beta", "gamma"])
        # each seat's own numbers: what it saw change, not what others did in private
        seqs = {seat: (await c.sync())["seq"] for seat, c in clients.items()}
        assert seqs["gamma"] == last["seq"] < before["seq"]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.wait(10)
    for client in (fac, fast, *clients.values()):
        await client.close()

    proc, url = start_server(tmp_path)
    try:
        fac = await Client.connect(url)
        await fac.auth(fac_token)
        after = await fac.wait_view()
        assert after["seq"] == before["seq"] == 7  # the facilitator's: the log's length
        assert after["state_hash"] == before["state_hash"]
        assert after["view"]["submitted"] == ["beta", "gamma"]
        assert after["deadline"] == pytest.approx(before["deadline"])  # same clock
        fast = await Client.connect(url)
        fast_room = await fast.auth(fast_token)
        assert fast_room["room"]["code"] == fast_code
        # every player reconnects with its token and the game plays on to the end
        clients = {s: await Client.connect(url) for s in tokens}
        for seat, token in tokens.items():
            assert (await clients[seat].auth(token))["seat"] == seat
            assert (await clients[seat].wait_view())["seq"] == seqs[seat]  # counted again
        finals = await asyncio.wait_for(
            asyncio.gather(
                *(play_random(c, random.Random(i)) for i, c in enumerate(clients.values()))
            ),
            30,
        )
        assert all(f["view"]["phase"] == "over" for f in finals)
        for client in (fac, fast, *clients.values()):
            await client.close()
    finally:
        proc.kill()
        proc.wait(10)


async def test_a_deadline_that_passed_while_down_fires_on_restart(tmp_path: Path) -> None:
    proc, url = start_server(tmp_path)
    try:
        fac = await Client.connect(url)
        created = await fac.create_room(scenario="mini", timers={"negotiation": 0.8})
        started = await fac.wait_view()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        await fac.close()
    finally:
        proc.kill()
        proc.wait(10)
    time.sleep(max(0.0, started["deadline"] - time.time()) + 0.1)
    proc, url = start_server(tmp_path)
    try:
        fac = await Client.connect(url)
        await fac.auth(created["token"])
        view = await fac.wait_view(lambda v: v["view"]["phase"] == "orders", timeout=5)
        assert view["seq"] == 1  # the timer's advance, once
        await fac.close()
    finally:
        proc.kill()
        proc.wait(10)


async def test_sigterm_closes_connections_and_exits_cleanly(tmp_path: Path) -> None:
    proc, url = start_server(tmp_path)
    try:
        client = await Client.connect(url)
        await client.create_room(scenario="mini")
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(client._reader, 10)
        assert client.ws.close_code == 1001  # going away
        assert proc.wait(10) == 0
    finally:
        proc.kill()
        proc.wait(10)


def test_read_rooms_opens_reads_and_closes_a_database(tmp_path: Path) -> None:
    """What ``sixparty report ROOM`` reads; a file that is no database is a clear error."""
    from game.errors import SixPartyError
    from server.store import Store, read_rooms

    db = tmp_path / "rooms.sqlite3"
    store = Store(db)
    store.add_room("K7QX2M", "korea-2019", {"seed": 4}, 1.0, "hash")
    store.append("K7QX2M", 1, {"type": "ready", "actor": "us"}, 2.0)
    store.close()
    (room,) = read_rooms(db)
    assert (room.code, room.options["seed"], room.log) == (
        "K7QX2M", 4, [{"type": "ready", "actor": "us"}],
    )  # fmt: skip
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    with pytest.raises(SixPartyError, match=r"--db .*bad\.sqlite3: cannot open the database"):
        read_rooms(bad)
