"""The debrief after the game, over the wire: each player's report holds what that player
could see, an observer's what was public, the facilitator's everything; the facilitator
opens the whole archive to everyone (a control, or a room option), and every report
says which it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.netclient import Client
from game.protocol import ProtocolError
from server.embed import serve_in_thread
from tests.server.conftest import SCENARIOS
from tests.server.test_facilitation import _play_to_the_end, _room

WHISPER = "MARKER-whisper-7f3a"
DEAL = "MARKER-deal-91c2"


async def _private_business(students: dict[str, Client]) -> None:
    """Alpha whispers to beta and offers beta a private deal; gamma is in neither."""
    await students["alpha"].act({"type": "message", "to": ["beta"], "text": WHISPER})
    await students["alpha"].act({"type": "propose", "to": ["beta"], "talks": True, "text": DEAL})


async def _reports(fac: Client, students: dict[str, Client], observer: Client) -> dict[str, Any]:
    out = {"facilitator": await fac.report(), "observer": await observer.report()}
    for seat, client in students.items():
        out[seat] = await client.report()
    return out


async def test_reports_are_filtered_by_default_and_say_so(server, connect) -> None:
    fac, code, students = await _room(connect)
    observer: Client = await connect()
    await observer.join(code, role="observer")
    await _private_business(students)
    await _play_to_the_end(fac, students)
    reports = await _reports(fac, students, observer)
    for who in ("facilitator", "alpha", "beta"):
        assert WHISPER in reports[who]["html"] and DEAL in reports[who]["html"], who
    for who in ("gamma", "observer"):
        assert WHISPER not in reports[who]["html"] and DEAL not in reports[who]["html"], who
    assert reports["facilitator"]["audience"] == "full"
    assert reports["gamma"]["audience"] == "seat"
    assert reports["observer"]["audience"] == "observer"
    assert 'data-scope="seat"' in reports["gamma"]["html"]
    assert (
        "What Gamma could see" in reports["gamma"]["html"]
        or "could see" in reports["gamma"]["html"]
    )
    assert reports["gamma"]["filename"] != reports["facilitator"]["filename"]

    # players cannot open the archive; the facilitator can
    with pytest.raises(ProtocolError) as err:
        await students["gamma"].request({"type": "archive", "open": True})
    assert err.value.code == "not_facilitator"
    reply = await fac.request({"type": "archive", "open": True})
    assert reply == {"type": "archive", "request_id": reply["request_id"], "archive": "open"}
    opened = await students["gamma"].report()
    assert WHISPER in opened["html"] and DEAL in opened["html"]
    assert opened["audience"] == "full"
    assert "opened the archive" in opened["html"]
    await fac.request({"type": "archive", "open": False})
    assert WHISPER not in (await observer.report())["html"]


async def test_the_archive_can_be_opened_when_the_room_is_made(connect) -> None:
    fac, code, students = await _room(connect, archive="open")
    assert fac.welcome is not None and fac.welcome["room"]["archive"] == "open"
    await _private_business(students)
    await _play_to_the_end(fac, students)
    report = await students["gamma"].report()
    assert WHISPER in report["html"] and report["audience"] == "full"


async def test_an_open_archive_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "server.sqlite3"
    handle = serve_in_thread(db=db, scenarios=SCENARIOS)
    try:
        fac = await Client.connect(handle.url)
        welcome = await fac.create_room(scenario="mini")
        token = welcome["token"]
        await fac.request({"type": "archive", "open": True})
        await fac.close()
    finally:
        handle.stop()
    handle = serve_in_thread(db=db, scenarios=SCENARIOS)
    try:
        fac = await Client.connect(handle.url)
        again = await fac.auth(token)
        assert again["room"]["archive"] == "open"
        await fac.close()
    finally:
        handle.stop()
