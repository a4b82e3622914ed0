"""The commands as users type them: the installed ``sixparty`` console script, run as a
subprocess from an empty folder, for every subcommand the README and the guides show.

These tests go through the front door on purpose: an in-process ``main([...])`` call or
``python -m game.cli`` would not notice a broken console script, a data file looked up
in the current folder, or a window loop that never starts. The window commands
(``play`` and ``join``) are in ``test_console_play.py``.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.commands.conftest import Run, Server, console_script


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    """Assert the command succeeded, with no traceback; return it."""
    assert result.returncode == 0, f"exited {result.returncode}:\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def test_the_console_script_is_installed() -> None:
    assert Path(console_script()).is_file()


def test_simulate_by_name_from_an_empty_folder(sixparty: Run, workdir: Path) -> None:
    result = json.loads(ok(sixparty("simulate", "--seed", "3", "--json")).stdout)
    assert result["scenario"] == "korea-2019"
    assert set(result["outcome"]["scores"]) == {"us", "dprk", "china", "russia", "japan", "rok"}
    assert list(workdir.iterdir()) == []  # wrote nothing it was not asked to


def test_simulate_is_byte_identical_for_the_same_seed_and_bots(sixparty: Run) -> None:
    args = ("simulate", "--scenario", "tutorial", "--seed", "5", "--bots", "random")
    assert ok(sixparty(*args)).stdout == ok(sixparty(*args)).stdout


def test_scenario_tools_by_name(sixparty: Run) -> None:
    assert "korea-2019: ok" in ok(sixparty("scenario", "validate", "korea-2019")).stdout
    ok(sixparty("scenario", "lint", "korea-2019"))
    schema = json.loads(ok(sixparty("scenario", "schema")).stdout)
    assert "actors" in schema["properties"]


def test_a_new_scenario_validates_and_plays(sixparty: Run) -> None:
    ok(sixparty("scenario", "new", "border-crisis"))
    validated = ok(sixparty("scenario", "validate", "border-crisis.yaml")).stdout
    assert "border-crisis.yaml: ok" in validated
    ok(sixparty("simulate", "--scenario", "border-crisis.yaml", "--bots", "random"))
    ok(sixparty("scenario", "new", "my-variant", "--from", "korea-2019"))
    assert "my-variant.yaml: ok" in ok(sixparty("scenario", "validate", "my-variant.yaml")).stdout


def test_briefing_writes_one_page_per_team(sixparty: Run, workdir: Path) -> None:
    ok(sixparty("briefing", "--scenario", "korea-2019", "--out", "b.html"))
    page = (workdir / "b.html").read_text(encoding="utf-8")
    for team in ("United States", "North Korea", "China", "Russia", "Japan", "South Korea"):
        assert team in page


def test_a_saved_game_gets_a_debrief(sixparty: Run, workdir: Path) -> None:
    ok(sixparty("simulate", "--seed", "2", "--save", "g.json"))
    ok(sixparty("report", "g.json", "--out", "debrief"))
    page = (workdir / "debrief" / "g-debrief.html").read_text(encoding="utf-8")
    assert "North Korea" in page and "<html" in page


def test_a_small_tournament_writes_its_report(sixparty: Run, workdir: Path) -> None:
    ok(sixparty("tournament", "--bots", "random,dove", "--games", "2", "--quiet", "--out", "t"))
    for name in ("report.html", "seats.csv", "games.jsonl", "config.json"):
        assert (workdir / "t" / name).is_file(), name


def test_a_classroom_room_is_created_and_reported(
    sixparty: Run, serve: Callable[..., Server], workdir: Path
) -> None:
    db = workdir / "server.sqlite3"
    url = serve("--db", str(db)).url
    room = json.loads(
        ok(
            sixparty(
                "room",
                "create",
                "--server",
                url,
                "--scenario",
                "korea-2019",
                "--bots",
                "china=random,russia=random",
                "--json",
            )  # fmt: skip
        ).stdout
    )
    assert len(room["code"]) >= 4 and room["facilitator_token"]
    ok(sixparty("report", room["code"], "--db", str(db), "--out", "debrief"))
    assert any(p.name.endswith("-debrief.html") for p in (workdir / "debrief").iterdir())
