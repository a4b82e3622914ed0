"""Onboarding: the tutorial is offered on the first ``sixparty play`` and in the lobby, it
has its own schematic map, and the first month of any game is guided by hints.

The first-run test runs the installed console script twice with a fresh config folder:
the first run remembers itself there. In-process windows then take the offer and the
lobby's button with real clicks, and walk through the hints with real clicks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.client.app import App
from game.client.onboarding import HINTS, first_run
from game.client.schematic import SchematicMap
from game.scenario.loader import load_scenario


def test_the_first_run_of_sixparty_play_is_remembered(tmp_path: Path) -> None:
    config = tmp_path / "config"
    env = {
        **os.environ,
        "SIXPARTY_CONFIG_DIR": str(config),
        "SIXPARTY_QUIT_AFTER_FIRST_FRAME": "1",
    }
    script = Path(sys.executable).parent / "sixparty"
    done = subprocess.run(
        [str(script), "play", "--local", "--scenario", "tests/fixtures/mini.yaml"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert "first game frame drawn" in done.stderr
    assert (config / "played").is_file(), "the first run is remembered in the config folder"


def walk_the_hints(app: Any, ui: Any) -> list[str]:
    """Click through every first-month hint; the words of each, in order."""
    seen = []
    for _ in HINTS:
        ui.step_until(app, lambda: app.hints.next is not None and app.hints.next.visible)
        seen.append(app.hints.text())
        assert app.hints.target is not None
        ui.click(app, app.hints.next)
    ui.step_until(app, lambda: app.hints.done and app.hints.box is None)
    return seen


def test_a_newcomer_takes_the_tutorial_offer_and_is_guided(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ui: Any, shots: Any
) -> None:
    from game.client.info import scenario_info
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    monkeypatch.setenv("SIXPARTY_CONFIG_DIR", str(tmp_path / "fresh"))
    assert first_run()
    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    _, token = handle.bot_room("dprk", scenario=rules.id, seed=1, bot="historical")
    app = App(
        NetConnection(handle.url, token=token, info=scenario_info(rules)), offer_tutorial=True
    )
    try:
        ui.step_until(app, lambda: app.tutorial_offer is not None and app.tutorial_offer.alive())
        assert "New here? Play the tutorial." in app.tutorial_offer.box.html_text
        shots(app, "tutorial-offer", "Play the tutorial", "No thanks, play this game")
        ui.click(app, app.tutorial_offer.yes)
        ui.step_until(app, lambda: app.model.info.get("id") == "tutorial")
        ui.past_briefing(app)
        assert isinstance(app.map.for_model(app.model), SchematicMap)
        ui.step_until(app, lambda: app.hints.box is not None)
        app.step()
        names = app.map.schematic.labels
        for actor in ("Northland (you)", "Southland", "Mediator"):
            assert actor in names, names
        assert app.hints.window.window_display_title == f"First month — hint 1 of {len(HINTS)}"
        shots(app, "first-month-hint", "Next hint", "Hide hints")
        seen = walk_the_hints(app, ui)
        assert seen == [words for _, words in HINTS]
        assert "press Ready" in seen[-1]
        # the hints never come back in this game
        for _ in range(5):
            app.step()
        assert app.hints.box is None
        shots(app, "tutorial-map", "Ready for orders")
        # a month later the schematic map shows the signal sent (the tutorial's lesson 2)
        ui.click(app, app.game.ready_button)
        ui.step_until(app, lambda: app.model.view["phase"] == "orders")
        ui.step_until(
            app, lambda: app.game.ready_button is not None and app.game.ready_button.is_enabled
        )
        ui.click(app, app.game.ready_button)
        ui.step_until(app, lambda: app.model.view["month"] == 2)
        ui.step_until(app, lambda: app.interrupts.window is not None)
        assert "What happened in Month 1" in app.interrupts.window.window_display_title
    finally:
        app.conn.close()
        handle.stop()
        pygame.quit()


def test_the_lobby_offers_the_tutorial(ui: Any) -> None:
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0)
    room = handle.create_room(scenario="korea-2019", seed=2, timers={"negotiation": None})
    app = App(NetConnection(handle.url, code=room.code, name="Bo"), name="Bo")
    try:
        ui.step_until(
            app, lambda: app.screen is app.lobby and app.lobby.tutorial_button is not None
        )
        assert app.lobby.tutorial_button.text == "New here? Play the tutorial"
        assert rules.actor_ids[0] in app.lobby.seat_buttons
        ui.click(app, app.lobby.tutorial_button)
        ui.step_until(app, lambda: app.model.info.get("id") == "tutorial")
        ui.past_briefing(app)
        assert app.model.you == "north"
    finally:
        app.conn.close()
        handle.stop()
        pygame.quit()


def close_dialogs(app: Any, ui: Any) -> None:
    """Close the first month's hints and the month's summaries with their buttons."""
    from game.client.driver import find_button

    hide = find_button(app, "#hint_skip")
    if hide is not None:
        ui.click(app, hide)
    for window in list(app.interrupts.open_windows()):
        ui.click(app, window.dismiss_button)


def test_from_the_lobbys_tutorial_back_to_the_class_and_a_seat(ui: Any) -> None:
    """A student takes the tutorial from the class's lobby, then clicks "Back to your
    class" on the tutorial's game screen: the same room's lobby is back, and a click on a
    country seats the student there, in the class's game."""
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0)
    room = handle.create_room(scenario="korea-2019", seed=2, timers={"negotiation": None})
    app = App(NetConnection(handle.url, code=room.code, name="Bo"), name="Bo")
    try:
        ui.step_until(
            app, lambda: app.screen is app.lobby and app.lobby.tutorial_button is not None
        )
        ui.click(app, app.lobby.tutorial_button)
        ui.step_until(app, lambda: app.model.info.get("id") == "tutorial")
        ui.past_briefing(app)
        close_dialogs(app, ui)
        back = app.game.back_button
        assert back is not None and back.text == "Back to your class"
        ui.click(app, back)
        seat = rules.actor_ids[1]
        ui.step_until(app, lambda: app.screen is app.lobby and seat in app.lobby.seat_buttons)
        assert app.model.room == room.code
        ui.click(app, app.lobby.seat_buttons[seat])
        ui.step_until(app, lambda: app.model.you == seat and app.model.view is not None)
        assert app.model.info.get("id") == rules.id
        assert app.return_to is None, "the way back is used once"
    finally:
        app.conn.close()
        handle.stop()
        pygame.quit()


def test_from_the_tutorials_end_back_to_the_game_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ui: Any
) -> None:
    """The first-run offer taken from a seat of a game: the tutorial is played to its end
    with clicks, and the end screen's "Back to your game" button returns to that seat."""
    from game.client.info import scenario_info
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    monkeypatch.setenv("SIXPARTY_CONFIG_DIR", str(tmp_path / "fresh"))
    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    _, token = handle.bot_room("dprk", scenario=rules.id, seed=1, bot="historical")
    app = App(
        NetConnection(handle.url, token=token, info=scenario_info(rules)), offer_tutorial=True
    )
    try:
        ui.step_until(app, lambda: app.tutorial_offer is not None and app.tutorial_offer.alive())
        ui.click(app, app.tutorial_offer.yes)
        ui.step_until(app, lambda: app.model.info.get("id") == "tutorial")
        ui.past_briefing(app)
        m = app.model
        while m.view["phase"] != "over":  # Ready, then Submit orders, month after month
            close_dialogs(app, ui)
            before = (m.view["month"], m.view["phase"])
            ui.step_until(app, lambda: app.game.ready_button is not None and m.can("ready"))
            ui.click(app, app.game.ready_button)
            ui.step_until(app, lambda b=before: (m.view["month"], m.view["phase"]) != b, 30)
        ui.step_until(app, lambda: app.screen is app.end and app.end.back_button is not None)
        assert app.end.back_button.text == "Back to your game"
        ui.click(app, app.end.back_button)
        ui.step_until(app, lambda: app.model.you == "dprk" and app.model.view is not None)
        assert app.model.info.get("id") == rules.id
        ui.past_briefing(app)
        assert app.game.back_button is None, "no way back from the class's own game"
    finally:
        app.conn.close()
        handle.stop()
        pygame.quit()
