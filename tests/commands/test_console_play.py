"""``sixparty play`` and ``sixparty join`` as users run them: the installed console script
in a subprocess, from an empty folder, with the real frame loop on SDL's dummy driver.

The README's first command ends in ``.venv/bin/sixparty play``; these tests run exactly
that script and wait for the line the client writes when the first game frame is on
screen (``sixparty: first game frame drawn (...)``, see docs/client.md), and for the PNG
it saves of that frame, before stopping the process.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.client.app import FIRST_FRAME_LINE
from tests.commands.conftest import Run, Server, console_script, user_env

ENV = {**user_env(), "SIXPARTY_QUIT_AFTER_FIRST_FRAME": ""}


def first_frame(args: list[str], cwd: Path, timeout: float = 90) -> tuple[str, Path]:
    """Start ``sixparty ARGS``; return its first-frame line and screenshot, then stop it.

    The process is left running as a user would leave it (no quit-after variable): the
    test stops it once the frame is drawn, and the process must still be alive then.
    """
    shot = cwd / "first.png"
    proc = subprocess.Popen(
        [console_script(), *args],
        cwd=cwd,
        env={**ENV, "SIXPARTY_SCREENSHOT": str(shot)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + timeout
        for line in proc.stderr:
            lines.append(line)
            if line.startswith("sixparty: first game frame saved to"):
                break
            assert time.monotonic() < deadline, "no game frame in time:\n" + "".join(lines)
        assert proc.poll() is None, "the window closed by itself:\n" + "".join(lines)
    finally:
        proc.terminate()
        rest = proc.communicate(timeout=30)[1]
    text = "".join(lines) + rest
    assert "Traceback" not in text, text
    found = [x for x in lines if x.startswith(FIRST_FRAME_LINE)]
    assert found, "no first-frame line:\n" + text
    return found[0], shot


def _looks_drawn(shot: Path) -> None:
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 800)
    colours = {image.get_at((x, y))[:3] for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 20, "an empty window, not a drawn game screen"


def test_the_readme_play_command_reaches_the_game_screen(tmp_path: Path) -> None:
    line, shot = first_frame(["play"], tmp_path)
    assert "United States, April 2019" in line, line
    _looks_drawn(shot)


def test_play_another_seat(tmp_path: Path) -> None:
    line, shot = first_frame(["play", "--country", "dprk"], tmp_path)
    assert "North Korea, April 2019" in line, line
    _looks_drawn(shot)


def test_play_another_scenario_by_name(tmp_path: Path) -> None:
    line, _ = first_frame(["play", "--scenario", "tutorial", "--country", "south"], tmp_path)
    assert FIRST_FRAME_LINE in line and "United States" not in line, line


def test_play_a_scenario_by_path(tmp_path: Path) -> None:
    subprocess.run(
        [console_script(), "scenario", "new", "border-crisis"],
        cwd=tmp_path, env=ENV, check=True, capture_output=True,
    )  # fmt: skip
    line, _ = first_frame(["play", "--scenario", "border-crisis.yaml"], tmp_path)
    assert FIRST_FRAME_LINE in line


def test_join_as_the_facilitator_reaches_the_facilitator_screen(
    sixparty: Run, serve: Callable[..., Server], tmp_path: Path
) -> None:
    server_url = serve().url
    made = sixparty("room", "create", "--server", server_url, "--scenario", "korea-2019", "--json")
    assert made.returncode == 0, made.stderr
    token = json.loads(made.stdout)["facilitator_token"]
    window = tmp_path / "window"
    window.mkdir()
    line, shot = first_frame(["join", server_url, "--facilitator", token], window)
    assert "(facilitator screen" in line, line
    _looks_drawn(shot)
