"""The facilitator's projector view against a real server: before the start it shows the
join code in large type, the set time (not "no timer"), who joined which team; after
the start, the countdown and the facilitator's announcement; Esc goes back."""

from __future__ import annotations

from typing import Any

import pygame

from game.scenario.loader import load_scenario


def test_the_projector_view_shows_code_roster_timer_and_announcement(ui: Any, shots: Any) -> None:
    from game.client.app import App
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    room = handle.create_room(
        scenario=rules.id,
        seed=3,
        bots={a: "historical" for a in rules.actor_ids if a not in ("dprk", "us")},
        timers={"negotiation": 480, "orders": 120},
        wait_for_start=True,
    )
    student = NetConnection(handle.url, token=handle.seat_token(room.code, "dprk", "Alice"))
    app = App(NetConnection(handle.url, token=room.facilitator_token))
    m = app.model
    fac = app.facilitator
    try:
        ui.step_until(app, lambda: app.screen is fac and "projector" in fac.buttons)
        ui.step_until(
            app,
            lambda: any(
                p["name"] == "Alice" for s in m.legal.get("seats", []) for p in s.get("players", [])
            ),
        )
        text = ui.screen_text(app)
        assert "no timer" not in text
        assert "8:00 per phase, from the start" in text, text
        ui.click(app, fac.buttons["projector"])
        ui.step_until(app, lambda: app.screen is app.projector)
        app.step()
        drawn = app.projector.drawn
        assert room.code in drawn and "Alice" in drawn, drawn
        assert "8:00 per phase, from the start" in drawn
        assert "no one yet" in drawn  # the United States: nobody joined it yet
        assert "played by a bot" in drawn
        assert app.projector.sizes["code"] >= 96  # points at 1280x800: read from the back
        shots(app, "projector-before-start", room.code, "Alice", "Teams")
        ui.key(app, pygame.K_ESCAPE)
        ui.step_until(app, lambda: app.screen is fac and "start" in fac.buttons)
        ui.click(app, fac.buttons["start"])
        ui.step_until(app, lambda: m.remaining is not None)
        ui.type_text(app, fac.announce_entry, "Five minutes to a deal.")
        ui.click(app, fac.buttons["announce"])
        ui.step_until(
            app, lambda: any(n["text"] == "Five minutes to a deal." for n in m.view["news"])
        )
        ui.key(app, pygame.K_F5)
        ui.step_until(app, lambda: app.screen is app.projector)
        app.step()
        drawn = app.projector.drawn
        assert any(t.startswith(("7:", "8:00")) for t in drawn), drawn
        assert "Announcement: Five minutes to a deal." in drawn, drawn
        shots(app, "projector", room.code, "Negotiation phase")
        ui.click(app, app.projector.back_button)
        ui.step_until(app, lambda: app.screen is fac)
    finally:
        student.close()
        app.conn.close()
        handle.stop()
        pygame.quit()
