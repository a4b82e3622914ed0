"""The room store on its own: a write that fails inside its transaction is rolled back
and the store goes on; what was written reads back the same (created time, timer,
status, the actions in order); a database from before per-viewer numbering opens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from game.protocol import RoomOptions
from game.scenario.compile import Rules
from server.room import OMNISCIENT, SPECTATOR, Room
from server.store import Store


def test_a_failed_append_is_rolled_back_and_the_store_goes_on(tmp_path: Path) -> None:
    store = Store(tmp_path / "rooms.sqlite3")
    try:
        store.add_room("ABCDEF", "mini", {"seed": 1}, 1234.5, "facilitator-hash")
        store.append("ABCDEF", 1, {"type": "ready", "actor": "alpha"}, 1.0, timer=(99.0, None))
        with pytest.raises(sqlite3.IntegrityError):  # seq 1 again: the insert fails
            store.append("ABCDEF", 1, {"type": "x"}, 2.0, timer=(5.0, None), status="over")
        store.append("ABCDEF", 2, {"type": "ready", "actor": "beta"}, 3.0, status="over")
        (room,) = store.rooms()
    finally:
        store.close()
    assert (room.code, room.scenario, room.options) == ("ABCDEF", "mini", {"seed": 1})
    assert room.created == 1234.5
    assert (room.deadline, room.paused_remaining) == (99.0, None)
    assert room.status == "over"
    assert [a["actor"] for a in room.log] == ["alpha", "beta"]
    # Reopened from disk, it reads the same.
    again = Store(tmp_path / "rooms.sqlite3")
    try:
        assert again.rooms() == [room]
    finally:
        again.close()


async def test_a_database_from_before_masks_is_upgraded_and_its_actions_count_for_all(
    tmp_path: Path, mini_rules: Rules
) -> None:
    """Actions stored before the per-viewer masks were numbered for everyone (as the
    server did then); actions stored since keep whose view they changed."""
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE rooms (code TEXT PRIMARY KEY, scenario TEXT NOT NULL, options TEXT "
        "NOT NULL, created REAL NOT NULL, deadline REAL, paused_remaining REAL, status TEXT "
        "NOT NULL DEFAULT 'open');"
        "CREATE TABLE actions (room TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT "
        "NULL, at REAL NOT NULL, PRIMARY KEY (room, seq));"
        "INSERT INTO rooms (code, scenario, options, created) VALUES ('OLD001', 'mini', "
        "'{\"seed\": 1}', 1.0);"
        'INSERT INTO actions VALUES (\'OLD001\', 1, \'{"type": "message", "actor": '
        '"alpha", "to": ["beta"], "text": "psst"}\', 2.0);'
    )
    db.commit()
    db.close()
    store = Store(path)
    try:
        options = RoomOptions(scenario="mini", seed=1, timers={"negotiation": None})
        (stored,) = store.rooms()
        assert stored.seen == [None]
        room = Room("OLD001", "mini", mini_rules, options, store, log_=stored.log, seen=stored.seen)
        assert [room.seq_of(v) for v in ("alpha", "beta", "gamma", SPECTATOR)] == [1, 1, 1, 1]
        room.submit({"type": "message", "actor": "alpha", "to": ["beta"], "text": "again"})
        assert [room.seq_of(v) for v in ("alpha", "beta", "gamma", SPECTATOR)] == [2, 2, 1, 1]
        room.close()
        (stored,) = store.rooms()
        assert stored.seen == [None, 0b0011]  # alpha's and beta's views changed
        again = Room(
            "OLD001", "mini", mini_rules, options, store, log_=stored.log, seen=stored.seen
        )
        assert [again.seq_of(v) for v in ("alpha", "gamma", OMNISCIENT)] == [2, 1, 2]
        assert again.seq_of("gamma", 1) == 1 and again.seq_of("beta", 2) == 2
        again.close()
    finally:
        store.close()


def test_options_changed_in_play_read_back_after_a_restart(tmp_path: Path) -> None:
    """The facilitator's archive switch is written to the room's options, for that room
    only, and a store opened afresh on the same file reads it back."""
    path = tmp_path / "rooms.sqlite3"
    store = Store(path)
    try:
        store.add_room("ABCDEF", "mini", {"seed": 1}, 1.0, "hash-1")
        store.add_room("GHIJKL", "mini", {"seed": 2}, 2.0, "hash-2")
        store.set_options("ABCDEF", {"seed": 1, "archive": True})
    finally:
        store.close()
    reopened = Store(path)
    try:
        options = {room.code: room.options for room in reopened.rooms()}
    finally:
        reopened.close()
    assert options == {"ABCDEF": {"seed": 1, "archive": True}, "GHIJKL": {"seed": 2}}
