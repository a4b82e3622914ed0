"""A dropped connection: the client shows a banner, then reconnects by itself.

A real server (port 0, an SQLite file) is stopped under a connected client and started
again on the same port with the same database; the client shows "Connection lost",
comes back with its seat token alone and gets a whole view again.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pygame
import pytest

from game import load_scenario
from game.client import theme
from game.client.app import App


def test_the_client_reconnects_with_its_seat_token_after_a_server_restart(
    tmp_path: Path, ui: Any, shots: Any
) -> None:
    embed = pytest.importorskip("server.embed")
    from game.client.net import NetConnection

    db = tmp_path / "server.sqlite3"
    rules = load_scenario("tests/fixtures/mini.yaml")
    scenarios = {"mini": "tests/fixtures/mini.yaml"}
    handle = embed.serve_in_thread(port=0, db=db, scenarios=scenarios)
    port = handle.port
    room, token = handle.bot_room("alpha", scenario="mini", seed=2, bot="random")
    conn = NetConnection(handle.url, token=token)
    app = App(conn)
    m = app.model
    try:
        ui.past_briefing(app)
        assert m.state == "connected" and m.you == "alpha"
        month = m.view["month"]
        views_before = m.views

        handle.stop()  # the server goes away under the client
        ui.step_until(app, lambda: m.state == "reconnecting")
        app.step()
        path = shots(app, "reconnecting", banner="Connection lost — reconnecting…")
        banner = pygame.image.load(str(path))
        assert banner.get_at((4, 4))[:3] == theme.VERMILION, "the red banner across the top"
        assert "Connection lost" in app.banner_text

        time.sleep(0.3)
        handle = embed.serve_in_thread(port=port, db=db, scenarios=scenarios)
        ui.step_until(app, lambda: m.state == "connected" and m.views > views_before, 20)
        assert app.banner_text == ""
        assert m.you == "alpha" and m.view["month"] == month
        assert {"variables", "messages", "news", "history", "draft"} <= set(m.view)
        assert "orders" in m.legal["types"]

        # and the seat still plays: a lever click is accepted by the restarted server
        acks = m.acks
        lever, options = next(iter(m.legal["levers"].items()))
        ui.step_until(app, lambda: (lever, options[-1]) in app.game.option_buttons)
        ui.click(app, app.game.option_buttons[(lever, options[-1])])
        ui.step_until(app, lambda: m.acks > acks and m.current_option(lever) == options[-1])
        assert rules.actor_ids[0] == "alpha"
    finally:
        conn.close()
        pygame.quit()
        handle.stop()
