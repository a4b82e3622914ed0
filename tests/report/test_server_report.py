"""``sixparty report ROOM`` on the database a real server wrote while a class played."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path

import pytest

from game.cli import main
from game.netclient import Client, play_random
from server.embed import serve_in_thread

NOTE = "Off the record: we could live with a freeze and no inspections."


async def test_report_of_a_room_a_real_server_played(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "server.sqlite3"
    handle = serve_in_thread(db=db, view_delay=0.005)
    try:
        others = {a: "dove" for a in ("dprk", "china", "russia", "japan", "rok")}
        room = handle.create_room(
            scenario="korea-2019",
            seed=4,
            bots=others,
            timers={"negotiation": None, "orders": None},
            name="Period 3",
        )
        fac = await Client.connect(handle.url)
        us = await Client.connect(handle.url)
        try:
            await fac.auth(room.facilitator_token)
            await us.auth(handle.seat_token(room.code, "us", "Ana"))
            await us.act({"type": "message", "to": ["dprk"], "text": NOTE})
            await fac.act({"type": "announce", "text": "Five minutes to orders."})
            await fac.act({"type": "inject", "news": "A typhoon hits.", "effects": {"tension": 3}})
            final = await asyncio.wait_for(play_random(us, random.Random(2)), 60)
            assert final["view"]["phase"] == "over"
        finally:
            await us.close()
            await fac.close()
    finally:
        handle.stop()

    out = tmp_path / "debrief"
    assert main(["report", room.code.lower(), "--db", str(db), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert str(out / f"{room.code}-debrief.html") in printed
    html = (out / f"{room.code}-debrief.html").read_text(encoding="utf-8")
    assert "Period 3" in html and "Off the record" in html
    data = json.loads((out / f"{room.code}-debrief.json").read_text(encoding="utf-8"))
    assert data["result"]["over"]
    assert [m["text"] for m in data["messages"] if m["from"] == "us"][0] == NOTE
    facilitator = [f["text"] for f in data["facilitator"]]
    assert "Announcement: Five minutes to orders." in facilitator
    assert any(f.startswith("Inject: A typhoon hits.") for f in facilitator)
    assert len(data["timeline"]) == 9
