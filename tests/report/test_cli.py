"""``sixparty report`` on a record file and on a real server database; ``sixparty briefing``;
bad input gets one clear line and exit code 2."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game import Game
from game.cli import main
from game.records import record_of, save_record
from server.store import Store


@pytest.fixture
def record(tmp_path: Path, classroom: Game) -> Path:
    path = tmp_path / "class9b.json"
    save_record(path, record_of(classroom, "korea-2019"))
    return path


@pytest.fixture
def database(tmp_path: Path, bot_game: Game) -> Path:
    """A server database, written by the server's own store, holding room AB12CD."""
    db = tmp_path / "server.sqlite3"
    store = Store(db)
    try:
        store.add_room(
            "AB12CD", "korea-2019", {"seed": bot_game.seed, "name": "Period 3"}, time.time(), "x"
        )
        for seq, action in enumerate(bot_game.log, start=1):
            store.append("AB12CD", seq, action, time.time())
    finally:
        store.close()
    return db


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sixparty: error: ")
    return lines[0]


def test_report_from_a_record_file(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], texts: dict[str, str]
) -> None:
    out = tmp_path / "out"
    assert main(["report", str(record), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    names = sorted(Path(p).name for p in printed)
    assert "class9b-debrief.html" in names and "class9b-debrief.json" in names
    assert "class9b-series.csv" in names and "class9b-messages.csv" in names
    assert all(Path(p).exists() for p in printed)
    html = (out / "class9b-debrief.html").read_text(encoding="utf-8")
    assert "Debrief of class9b" in html
    assert texts["private"].replace("'", "&#x27;") in html
    data = json.loads((out / "class9b-debrief.json").read_text(encoding="utf-8"))
    assert data["seed"] == 11 and data["scenario"]["ref"] == "korea-2019"


def test_report_chooses_its_formats(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(record), "--out", str(tmp_path / "o"), "--format", "json"]) == 0
    assert [Path(p).name for p in capsys.readouterr().out.split()] == ["class9b-debrief.json"]


def test_report_from_a_room_in_the_database(
    database: Path, tmp_path: Path, bot_game: Game, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "room"
    assert main(["report", "ab12cd", "--db", str(database), "--out", str(out)]) == 0
    capsys.readouterr()
    html = (out / "AB12CD-debrief.html").read_text(encoding="utf-8")
    assert "Debrief of room AB12CD (Period 3) — " in html
    data = json.loads((out / "AB12CD-debrief.json").read_text(encoding="utf-8"))
    assert data["actions"] == len(bot_game.log)
    outcome = bot_game.outcome()
    assert outcome is not None
    assert {o["actor"]: o["score"] for o in data["objectives"]} == outcome["scores"]


def test_unknown_room(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "ZZZZZZ", "--db", str(database)]) == 2
    line = _one_line_error(capsys)
    assert "no room 'ZZZZZZ'" in line and "AB12CD" in line


def test_bad_inputs(tmp_path: Path, record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "missing.json")]) == 2
    assert "no such game record file" in _one_line_error(capsys)

    assert main(["report", "ROOM1", "--db", str(tmp_path / "none.sqlite3")]) == 2
    assert "no server database" in _one_line_error(capsys)
    assert not (tmp_path / "none.sqlite3").exists()  # looking did not create one

    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    assert main(["report", str(garbage)]) == 2
    assert "cannot read game record" in _one_line_error(capsys)

    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello", encoding="utf-8")
    assert main(["report", "ROOM1", "--db", str(not_a_db)]) == 2
    assert "cannot open the database" in _one_line_error(capsys)

    data = json.loads(record.read_text(encoding="utf-8"))
    changes: list[tuple[Callable[[dict[str, Any]], object], str]] = [
        (lambda d: d.pop("log"), "'log' is missing"),
        (lambda d: d.update(format="other"), "not a Six-Party game record"),
        (lambda d: d["log"].insert(3, {"type": "bogus", "actor": "us"}), "log entry 3"),
        (lambda d: d.update(state_hash="0" * 64), "state hash"),
        (lambda d: d.update(scenario="korea-2099"), "unknown scenario"),
    ]
    for change, message in changes:
        broken = json.loads(json.dumps(data))
        change(broken)
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(broken), encoding="utf-8")
        assert main(["report", str(path), "--out", str(tmp_path / "x")]) == 2
        assert message in _one_line_error(capsys)

    assert main(["report", str(record), "--format", "pdf"]) == 2
    assert "unknown format 'pdf'" in _one_line_error(capsys)


def test_briefing_command(
    tmp_path: Path, korea_rules: object, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack" / "all.html"
    assert main(["briefing", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = out.read_text(encoding="utf-8")
    assert text.count('<section class="page team"') == 6
    one = tmp_path / "us.html"
    assert main(["briefing", "--country", "us", "--out", str(one)]) == 0
    capsys.readouterr()
    assert one.read_text(encoding="utf-8").count('<section class="page team"') == 1
    assert main(["briefing", "--country", "usa"]) == 2
    assert "did you mean 'us'" in _one_line_error(capsys)
    assert main(["briefing", "--scenario", "nowhere"]) == 2
    assert "unknown scenario" in _one_line_error(capsys)
