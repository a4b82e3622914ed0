"""The real frame loop, ``App.run``, on the dummy video driver (not ``app.step()``).

The window is opened as ``sixparty play --country dprk`` opens it (a real server in a
thread, bots on the other seats). The loop must draw a game frame, say so on stderr,
save it when ``SIXPARTY_SCREENSHOT`` names a file, and end cleanly: on the window's
QUIT event, or by itself with ``SIXPARTY_QUIT_AFTER_FIRST_FRAME=1``.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.client.app import FIRST_FRAME_LINE


def test_run_draws_the_first_game_frame_saves_it_and_quits(
    play: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shot = tmp_path / "shots" / "first.png"
    monkeypatch.setenv("SIXPARTY_SCREENSHOT", str(shot))
    monkeypatch.setenv("SIXPARTY_QUIT_AFTER_FIRST_FRAME", "1")
    app = play("dprk")
    assert app.run() == 0
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if x.startswith(FIRST_FRAME_LINE))
    # the first game frame is North Korea's briefing, read before the first month
    assert "(briefing screen, North Korea, April 2019)" in line, line
    assert f"first game frame saved to {shot}" in err
    assert app.screen is app.briefing and app.model.you == "dprk"
    assert app.model.view["briefings"]["dprk"][:40] in app.briefing.box.html_text
    assert app.error_rects == [] and app.banner_text == "" and not app.model.error_log
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 800)
    # a drawn page, not an empty window: the title, the text and the buttons
    colours = {image.get_at((x, y))[:3] for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 20, len(colours)


def test_run_keeps_drawing_until_the_window_is_closed(
    play: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SIXPARTY_SCREENSHOT", raising=False)
    monkeypatch.delenv("SIXPARTY_QUIT_AFTER_FIRST_FRAME", raising=False)
    app = play("dprk")
    seen: dict[str, Any] = {}

    def close_the_window() -> None:  # what the window manager does when a user closes it
        end = time.monotonic() + 20
        while app.first_game_frame is None and time.monotonic() < end:
            time.sleep(0.01)
        start = app.frames
        while app.frames < start + 30 and time.monotonic() < end:
            time.sleep(0.01)
        seen["frames"] = app.frames - start
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    closer = threading.Thread(target=close_the_window)
    closer.start()
    assert app.run(fps=120) == 0
    closer.join()
    assert app.first_game_frame is not None and seen["frames"] >= 30
    assert not pygame.display.get_init(), "the window is closed"
    assert app.conn.state == "closed", "the connection is closed with the window"
