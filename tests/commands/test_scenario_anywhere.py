"""Every command that takes a scenario takes a name or a path, from any folder.

Each test runs the installed console script from a temporary folder that holds a trap:
a folder called ``korea-2019``. A name is looked up among the installed scenarios and
never in the current folder, so the trap changes nothing; a path (``sub/my.yaml``) is
relative to the current folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from game.client.app import FIRST_FRAME_LINE, QUIT_ENV
from tests.commands.conftest import MINI, Run, Server

NAME = "korea-2019"
PATH = "sub/my.yaml"  # a copy of the mini test scenario (id "mini", actors alpha, beta, gamma)
TITLES = {NAME: "Six-Party: Korea 2019", PATH: "Mini crisis"}


@pytest.fixture(autouse=True)
def folder(workdir: Path) -> Path:
    """The working folder: a trap named like the scenario, and a scenario file below it."""
    (workdir / NAME).mkdir()
    (workdir / "sub").mkdir()
    shutil.copy(MINI, workdir / PATH)
    return workdir


def ok(result: object) -> None:
    assert getattr(result, "returncode", None) == 0, getattr(result, "stderr", result)
    assert "Traceback" not in getattr(result, "stderr", "")


@pytest.mark.parametrize("local", [False, True])
def test_play_reaches_the_game_screen(sixparty: Run, local: bool) -> None:
    """The window opens on the game (the client's first-frame line), then closes itself.
    (tests/commands/test_console_play.py plays by name and by path from an empty folder;
    here the folder holds the trap.)"""
    args = ["play", "--scenario", NAME, "--bot", "random", "--size", "1024x640"]
    result = sixparty(*args, *(["--local"] if local else []), timeout=180, **{QUIT_ENV: "1"})
    ok(result)
    assert FIRST_FRAME_LINE in result.stderr


@pytest.mark.parametrize(("scenario", "scenario_id"), [(NAME, "korea_2019"), (PATH, "mini")])
def test_simulate(sixparty: Run, scenario: str, scenario_id: str) -> None:
    result = sixparty("simulate", "--scenario", scenario, "--bots", "random", "--json")
    ok(result)
    assert json.loads(result.stdout)["scenario_id"] == scenario_id


@pytest.mark.parametrize(("scenario", "title"), [(NAME, "Korea 2019"), (PATH, "Mini crisis")])
def test_briefing(sixparty: Run, folder: Path, scenario: str, title: str) -> None:
    ok(sixparty("briefing", "--scenario", scenario, "--out", "b.html"))
    assert title in (folder / "b.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("action", ["validate", "lint"])
def test_scenario_validate_and_lint(sixparty: Run, action: str) -> None:
    result = sixparty("scenario", action, NAME, PATH)
    ok(result)
    assert f"{NAME}: " in result.stdout and f"{PATH}: " in result.stdout


@pytest.mark.parametrize("scenario", [NAME, PATH])
def test_scenario_balance(sixparty: Run, scenario: str) -> None:
    result = sixparty("scenario", "balance", scenario, "--games", "1", "--bots", "random", "--json")
    ok(result)
    assert json.loads(result.stdout)["games"] == 1


@pytest.mark.parametrize("scenario", [NAME, PATH])
def test_tournament(sixparty: Run, folder: Path, scenario: str) -> None:
    result = sixparty(
        *("tournament", "--scenario", scenario, "--bots", "random", "--games", "1"),
        *("--quiet", "--out", "t"),
    )
    ok(result)
    config = json.loads((folder / "t" / "config.json").read_text(encoding="utf-8"))
    assert config["scenario"] == scenario and (folder / "t" / "report.html").is_file()


@pytest.mark.parametrize("scenario", [NAME, PATH])
def test_report_of_a_saved_game(sixparty: Run, folder: Path, scenario: str) -> None:
    ok(sixparty("simulate", "--scenario", scenario, "--bots", "random", "--save", "g.json"))
    elsewhere = folder.parent / "elsewhere"  # the record replays from another folder too
    elsewhere.mkdir()
    result = sixparty("report", str(folder / "g.json"), "--format", "json", cwd=elsewhere)
    ok(result)
    data = json.loads((elsewhere / "g-debrief.json").read_text(encoding="utf-8"))
    assert data["title"].endswith(TITLES[scenario])


def test_serve_offers_names_and_paths_and_room_create_takes_both(
    sixparty: Run, serve: Callable[..., Server]
) -> None:
    server = serve("--scenario", "korea-2017", "--scenario", f"alt={NAME}", "--scenario", PATH)
    made = {}
    for scenario in ("korea-2017", "alt", NAME, "my", PATH):
        result = sixparty(
            "room", "create", "--server", server.url, "--scenario", scenario, "--json"
        )
        ok(result)
        made[scenario] = json.loads(result.stdout)["room"]["scenario_name"]
    assert made["korea-2017"].startswith("Six-Party: Korea 2017")
    assert made["alt"] == made[NAME] == "Six-Party: Korea 2019"
    assert made["my"] == made[PATH] == "Mini crisis"
