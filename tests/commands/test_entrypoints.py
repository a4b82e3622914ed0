"""The commands as users type them: the installed ``sixparty`` console script, run as a
subprocess from an empty folder, for every subcommand the README and the guides show.

These tests go through the front door on purpose: an in-process ``main([...])`` call or
``python -m game.cli`` would not notice a broken console script, a data file looked up
in the current folder, or a window loop that never starts. The window commands
(``play`` and ``join``) are in ``tests/client/test_console_play.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SIXPARTY = str(Path(sys.executable).with_name("sixparty"))
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "MPLBACKEND": "Agg"}


def sixparty(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the console script from ``cwd``; fail the test with its stderr if it fails."""
    done = subprocess.run(
        [SIXPARTY, *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, (
        f"sixparty {' '.join(args)} exited {done.returncode}:\n{done.stderr}"
    )
    assert "Traceback" not in done.stderr
    return done


def test_the_console_script_is_installed() -> None:
    assert Path(SIXPARTY).is_file(), f"no console script at {SIXPARTY}"


def test_simulate_by_name_from_an_empty_folder(tmp_path: Path) -> None:
    out = sixparty("simulate", "--seed", "3", "--json", cwd=tmp_path)
    result = json.loads(out.stdout)
    assert result["scenario"] == "korea-2019"
    assert set(result["outcome"]["scores"]) == {"us", "dprk", "china", "russia", "japan", "rok"}
    assert list(tmp_path.iterdir()) == []  # wrote nothing it was not asked to


def test_simulate_is_byte_identical_for_the_same_seed_and_bots(tmp_path: Path) -> None:
    args = ("simulate", "--scenario", "tutorial", "--seed", "5", "--bots", "random")
    assert sixparty(*args, cwd=tmp_path).stdout == sixparty(*args, cwd=tmp_path).stdout


def test_scenario_tools_by_name(tmp_path: Path) -> None:
    assert "korea-2019: ok" in sixparty("scenario", "validate", "korea-2019", cwd=tmp_path).stdout
    sixparty("scenario", "lint", "korea-2019", cwd=tmp_path)
    schema = json.loads(sixparty("scenario", "schema", cwd=tmp_path).stdout)
    assert "actors" in schema["properties"]


def test_a_new_scenario_validates_and_plays(tmp_path: Path) -> None:
    sixparty("scenario", "new", "border-crisis", cwd=tmp_path)
    assert (
        "border-crisis.yaml: ok"
        in sixparty("scenario", "validate", "border-crisis.yaml", cwd=tmp_path).stdout
    )
    sixparty("simulate", "--scenario", "border-crisis.yaml", "--bots", "random", cwd=tmp_path)
    sixparty("scenario", "new", "my-variant", "--from", "korea-2019", cwd=tmp_path)
    assert (
        "my-variant.yaml: ok"
        in sixparty("scenario", "validate", "my-variant.yaml", cwd=tmp_path).stdout
    )


def test_briefing_writes_one_page_per_team(tmp_path: Path) -> None:
    sixparty("briefing", "--scenario", "korea-2019", "--out", "b.html", cwd=tmp_path)
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    for team in ("United States", "North Korea", "China", "Russia", "Japan", "South Korea"):
        assert team in page


def test_a_saved_game_gets_a_debrief(tmp_path: Path) -> None:
    sixparty("simulate", "--seed", "2", "--save", "g.json", cwd=tmp_path)
    sixparty("report", "g.json", "--out", "debrief", cwd=tmp_path)
    page = (tmp_path / "debrief" / "g-debrief.html").read_text(encoding="utf-8")
    assert "North Korea" in page and "<html" in page


def test_a_small_tournament_writes_its_report(tmp_path: Path) -> None:
    sixparty(
        "tournament", "--bots", "random,dove", "--games", "2", "--quiet", "--out", "t",
        cwd=tmp_path,
    )  # fmt: skip
    for name in ("report.html", "seats.csv", "games.jsonl", "config.json"):
        assert (tmp_path / "t" / name).is_file(), name


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``sixparty serve`` on a free port with a database in ``tmp_path``."""
    port_file = tmp_path / "port"
    db = tmp_path / "server.sqlite3"
    proc = subprocess.Popen(
        [SIXPARTY, "serve", "--port", "0", "--port-file", str(port_file), "--db", str(db),
         "--quiet"],
        cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()):
            assert proc.poll() is None, f"serve exited: {proc.communicate()[1]}"
            assert time.monotonic() < deadline, "serve did not write its port file"
            time.sleep(0.05)
        yield f"ws://127.0.0.1:{port_file.read_text().strip()}", db
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_classroom_room_is_created_and_reported(server: tuple[str, Path], tmp_path: Path) -> None:
    url, db = server
    out = sixparty(
        "room", "create", "--server", url, "--scenario", "korea-2019", "--bots",
        "china=random,russia=random", "--json", cwd=tmp_path,
    )  # fmt: skip
    room = json.loads(out.stdout)
    code = room["code"]
    assert len(code) >= 4 and room["facilitator_token"]
    sixparty("report", code, "--db", str(db), "--out", "debrief", cwd=tmp_path)
    assert any(p.name.endswith("-debrief.html") for p in (tmp_path / "debrief").iterdir())
