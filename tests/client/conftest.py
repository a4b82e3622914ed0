"""Headless pygame for the client tests: dummy video and audio drivers, helpers to click."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DOCS_SCREENS = ROOT / "docs" / "screenshots"


def screens_dir() -> Path:
    """Where tests save screenshots: $SIXPARTY_SCREENS_DIR, else tests/client/screens/ (ignored)."""
    return Path(os.environ.get("SIXPARTY_SCREENS_DIR") or Path(__file__).parent / "screens")


def update_docs() -> bool:
    """True when SIXPARTY_UPDATE_SCREENSHOTS=1: copy screenshots into docs/screenshots/ too."""
    return os.environ.get("SIXPARTY_UPDATE_SCREENSHOTS", "") == "1"


def step_until(
    app: Any,
    predicate: Callable[[], bool],
    timeout: float = 15.0,
    state: Callable[[], Any] | None = None,
) -> None:
    """Run frames until ``predicate()`` holds; fail after ``timeout`` seconds, saying
    ``state()`` (what was there instead) and the refusals the client received."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.step()
        if predicate():
            app.step()
            return
        time.sleep(0.005)
    seen = f"; instead: {state()!r}" if state is not None else ""
    refused = getattr(getattr(app, "model", None), "refusals", [])
    raise AssertionError(f"timed out waiting for {predicate}{seen}; refusals: {refused}")


def click(app: Any, element: Any) -> None:
    """A real left click at the centre of a widget (mouse down, then up)."""
    assert element.alive(), f"{element} is not on screen"
    pos = element.rect.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    app.step()
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    app.step()
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step()
    app.step()


def key(app: Any, k: int, mod: int = 0) -> None:
    """Press a key."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    app.step()


def past_briefing(app: Any) -> None:
    """Wait for the briefing shown before the first month, and close it (Esc)."""
    step_until(app, lambda: app.model.view is not None and app.screen is app.briefing)
    key(app, pygame.K_ESCAPE)
    step_until(app, lambda: app.screen is app.game)


def client_faults(app: Any) -> list[Any]:
    """Every refusal the model received whose cause is the client (a wrong type, a missing
    field, an option it was never offered): a click must never produce one."""
    from game.client.model import CLIENT_FAULTS

    return [r for r in app.model.refusals if r.code in CLIENT_FAULTS]


class Driver:
    """The helpers above, as a fixture (test modules cannot import conftest)."""

    step_until = staticmethod(step_until)
    click = staticmethod(click)
    key = staticmethod(key)
    past_briefing = staticmethod(past_briefing)
    client_faults = staticmethod(client_faults)


@pytest.fixture
def ui() -> type[Driver]:
    """Helpers that drive the client: step_until, click, key."""
    return Driver


@pytest.fixture
def shots() -> Callable[[Any, str], Path]:
    """Save a screen as PNG in :func:`screens_dir` for a person to look at.

    Committed files are never touched unless SIXPARTY_UPDATE_SCREENSHOTS=1, which also
    copies each PNG into docs/screenshots/.
    """

    def save(app: Any, name: str) -> Path:
        out = screens_dir()
        out.mkdir(parents=True, exist_ok=True)
        path = app.screenshot(out / f"{name}.png")
        assert path.stat().st_size > 10_000
        if update_docs():
            DOCS_SCREENS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, DOCS_SCREENS / f"{name}.png")
        return path

    return save


@pytest.fixture
def play() -> Any:
    """Open a window as ``sixparty play`` does: a real server in a thread, bots on every
    other seat, the window connected with the seat token. Call ``play(country)``."""
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection
    from game.scenario.loader import load_scenario
    from server.embed import serve_in_thread

    opened: list[tuple[Any, Any, Any]] = []

    def start(
        country: str, seed: int = 0, bot: str = "historical", scenario: str = "korea-2019"
    ) -> Any:
        rules = load_scenario(scenario)
        handle = serve_in_thread(port=0, scenarios={rules.id: scenario})
        _, token = handle.bot_room(country, scenario=rules.id, seed=seed, bot=bot)
        conn = NetConnection(handle.url, token=token, info=scenario_info(rules))
        app = App(conn)
        opened.append((handle, conn, app))
        return app

    yield start
    for handle, conn, _app in opened:
        conn.close()
        handle.stop()
    pygame.quit()
