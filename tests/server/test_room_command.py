"""``sixparty room create`` against a real server: what it sends, what it prints, and its
errors (an unreachable server, a bad timer, a scenario the server does not offer)."""

from __future__ import annotations

import json
import socket

import pytest

from game.cli import main
from game.commands.room import parse_bots, parse_duration, parse_timers
from game.errors import SixPartyError
from server.embed import ServerHandle


def test_room_create_prints_the_code_the_token_and_what_students_type(
    server: ServerHandle, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url.rstrip("/")
    code = main(
        ["room", "create", "--server", url, "--scenario", "mini"]
        + ["--timers", "negotiation=8m,orders=90s", "--bots", "beta=dove"]
        + ["--name", "Period 3", "--seed", "11"]
    )
    out = capsys.readouterr().out
    assert code == 0
    (room,) = server.call(lambda: list(server.server.rooms.values()))
    assert f"sixparty join {url} --room {room.code}" in out
    assert "negotiation 8m" in out and "orders 1m30s" in out and "Period 3" in out
    assert "bot (dove)" in out and "waits for the facilitator" in out
    options = room.options
    assert options.timers.negotiation == 480 and options.timers.orders == 90
    assert options.bots == {"beta": "dove"} and options.seed == 11 and options.wait_for_start
    assert not room.started
    token = out.split("Facilitator token (keep it secret: it controls the room):\n")[1].split()[0]
    grant = server.call(lambda: server.server.authenticate(token))
    assert grant.role == "facilitator" and grant.room is room


def test_room_create_json_and_start_now(
    server: ServerHandle, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["room", "create", "--server", server.url, "--scenario", "korea-2019"]
        + ["--bots", "all=dove,us=hawk", "--start", "now", "--json"]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    room = server.call(lambda: server.server.rooms[out["code"]])
    assert room.started and room.options.bots["us"] == "hawk"
    assert set(room.options.bots) == set(room.rules.actor_ids)
    assert set(room.options.bots.values()) == {"dove", "hawk"}
    assert out["join"].endswith(f"--room {out['code']}") and out["facilitator_token"]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--timers", "negotiation=8x"], "'8x' is not a duration"),
        (["--timers", "talks=8m"], "unknown phase 'talks'"),
        (["--timers", "negotiation"], "expected PHASE=TIME"),
        (["--bots", "beta"], "expected SEAT=BOT"),
        (["--scenario", "korea-2091"], "unknown scenario 'korea-2091'"),
        (["--scenario", "mini", "--bots", "beta=genius"], "no bot 'genius'"),
    ],
)
def test_room_create_errors_say_what_is_wrong(
    server: ServerHandle, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    assert main(["room", "create", "--server", server.url, *args]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_an_unreachable_server_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"ws://127.0.0.1:{_closed_port()}"
    assert main(["room", "create", "--server", url]) == 2
    err = capsys.readouterr().err
    assert f"cannot reach the server at {url}" in err and "sixparty serve" in err
    assert main(["room", "create", "--server", "http://example.org"]) == 2
    assert "expected ws://HOST:PORT" in capsys.readouterr().err


def test_durations_and_timers_parse() -> None:
    assert parse_duration("90", "x") == 90 and parse_duration("1h30m", "x") == 5400
    assert parse_duration("2.5m", "x") == 150 and parse_duration("none", "x") is None
    assert parse_timers("negotiation=8m, orders=off") == {"negotiation": 480, "orders": None}
    with pytest.raises(SixPartyError, match="more than 0"):
        parse_duration("0s", "negotiation=0s")
    assert parse_bots("all=dove,b=hawk", ("a", "b")) == {"a": "dove", "b": "hawk"}
    with pytest.raises(SixPartyError, match="name the seats"):
        parse_bots("all=dove", None)
