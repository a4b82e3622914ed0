"""The room store on its own: a write that fails inside its transaction is rolled back
and the store goes on; what was written reads back the same (created time, timer,
status, the actions in order)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

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
