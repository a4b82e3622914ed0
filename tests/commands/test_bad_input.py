"""Bad input to tournament, serve and join: one clear line, a non-zero exit, and nothing
left behind (no output folder, no progress bar, no room resumed, no window)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from game.client.app import FIRST_FRAME_LINE, QUIT_ENV
from tests.commands.conftest import Run, Server, free_port, one_error

TOURNAMENT = ["tournament", "--bots", "random", "--games", "1"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--scenario", "korea-2091"],
            "unknown scenario 'korea-2091' (did you mean 'korea-2019'?)",
        ),
        (["--bots", "random,hawke"], "unknown bot 'hawke' (did you mean 'hawk'?)"),
        (["--games", "0"], "--games must be at least 1"),
        (["--out", "taken.txt"], "--out taken.txt is a file, not a folder for the report"),
        (["--out", "taken.txt/t"], "--out taken.txt/t: taken.txt is a file, not a folder"),
    ],
)
def test_an_invalid_tournament_leaves_nothing_behind(
    sixparty: Run, workdir: Path, args: list[str], expected: str
) -> None:
    (workdir / "taken.txt").write_text("mine\n", encoding="utf-8")
    result = sixparty(*TOURNAMENT, *args)  # no --quiet: the progress bar would show
    one_error(result, expected)
    assert result.stdout == ""  # no empty progress bar
    assert [p.name for p in workdir.iterdir()] == ["taken.txt"]  # no empty output folder
    assert (workdir / "taken.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_finished_tournament_is_not_overwritten(sixparty: Run, workdir: Path) -> None:
    first = sixparty(*TOURNAMENT, "--quiet", "--out", "t")
    assert first.returncode == 0, first.stderr
    before = (workdir / "t" / "games.jsonl").read_bytes()
    again = sixparty(*TOURNAMENT, "--out", "t")
    one_error(again, "t already holds a tournament; use --resume to continue it")
    assert again.stdout == "" and (workdir / "t" / "games.jsonl").read_bytes() == before


def test_serve_on_a_port_in_use_fails_before_resuming_any_room(
    sixparty: Run, serve: Callable[..., Server], workdir: Path
) -> None:
    server = serve("--db", "rooms.sqlite3")
    made = sixparty("room", "create", "--server", server.url, "--json")
    assert made.returncode == 0, made.stderr
    port = str(urlsplit(server.url).port)
    # Not --quiet: a room resumed from the database would be logged on stderr.
    result = sixparty("serve", "--port", port, "--db", "rooms.sqlite3", timeout=30)
    one_error(result, f"cannot listen on 127.0.0.1:{port}: the port is in use")
    assert server.proc.poll() is None  # the first server is untouched


def test_serve_with_an_unknown_host_is_one_line(sixparty: Run) -> None:
    result = sixparty("serve", "--host", "no-such-host.invalid", "--port", "8765", timeout=60)
    one_error(result, "--host no-such-host.invalid: not an address to listen on")


def test_join_to_a_closed_port_says_so_in_the_terminal(sixparty: Run) -> None:
    url = f"ws://127.0.0.1:{free_port()}"
    start = time.monotonic()
    result = sixparty("join", url, "--room", "ABC123", timeout=60)
    one_error(result, f"cannot reach the server at {url}: connection refused")
    assert "sixparty serve" in result.stderr
    assert result.returncode == 2 and time.monotonic() - start < 30  # no window waited
    assert "pygame" not in result.stdout  # the window was never opened


def test_join_to_a_running_server_opens_the_window(
    sixparty: Run, serve: Callable[..., Server]
) -> None:
    """The check before the window lets a right address through (the facilitator's
    screen draws its first frame, then closes itself)."""
    server = serve()
    made = sixparty("room", "create", "--server", server.url, "--json")
    token = json.loads(made.stdout)["facilitator_token"]
    result = sixparty(
        "join",
        server.url,
        "--facilitator",
        token,
        "--size",
        "1024x640",
        timeout=120,
        **{QUIT_ENV: "1"},
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert FIRST_FRAME_LINE in result.stderr


def test_join_with_a_wrong_room_code_says_so(sixparty: Run, serve: Callable[..., Server]) -> None:
    server = serve()
    result = sixparty("join", server.url, "--room", "zzzzzz")
    one_error(result, f"room ZZZZZZ on {server.url}: no room with join code 'ZZZZZZ'")


@pytest.mark.parametrize(
    ("timers", "expected"),
    [
        ("none", {"negotiation": None, "orders": None}),
        ("off", {"negotiation": None, "orders": None}),
        ("negotiation=none,orders=2m", {"negotiation": None, "orders": 120.0}),
    ],
)
def test_timers_none_means_no_clock(
    sixparty: Run, serve: Callable[..., Server], timers: str, expected: dict[str, float | None]
) -> None:
    server = serve()
    result = sixparty("room", "create", "--server", server.url, "--timers", timers, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["room"]["timers"] == expected
    text = sixparty("room", "create", "--server", server.url, "--timers", timers)
    assert "negotiation no timer" in text.stdout


def test_room_create_with_a_file_the_server_does_not_offer(
    sixparty: Run, serve: Callable[..., Server], workdir: Path
) -> None:
    (workdir / "mine.yaml").write_text(
        (Path(__file__).parents[1] / "fixtures" / "mini.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    server = serve()
    result = sixparty("room", "create", "--server", server.url, "--scenario", "mine.yaml")
    one_error(
        result,
        f"the server at {server.url} does not offer mine.yaml; "
        "start it with 'sixparty serve --scenario mine.yaml'",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["simulate", "--save", "taken.txt/g.json"], "--save taken.txt/g.json: cannot write"),
        (["simulate", "--save", "."], "--save .: cannot write"),
        (["scenario", "new", "crisis", "--out", "taken.txt/c.yaml"], "--out taken.txt/c.yaml:"),
        (["join", "ws://127.0.0.1:99999", "--room", "A"], "the port is not a number 0..65535"),
        (["join", "http://127.0.0.1:8765", "--room", "A"], "expected ws://HOST:PORT"),
        (["room", "create", "--server", "ws://127.0.0.1:99999"], "the port is not a number"),
    ],
)
def test_other_bad_input_is_one_line(
    sixparty: Run, workdir: Path, args: list[str], expected: str
) -> None:
    (workdir / "taken.txt").write_text("mine\n", encoding="utf-8")
    one_error(sixparty(*args), expected)


@pytest.mark.parametrize(
    "args", [["--rate", "-1"], ["--burst", "0"], ["--max-rooms", "0"], ["--rate", "nan"]]
)
def test_serve_refuses_limits_that_are_not_positive(sixparty: Run, args: list[str]) -> None:
    """argparse's own error: the usage, then one line naming the argument."""
    result = sixparty("serve", "--port", "0", "--db", ":memory:", *args, timeout=30)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"sixparty serve: error: argument {args[0]}: must be")
