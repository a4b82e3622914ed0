"""The facilitator's projector view against a real server: before the start it shows the
join code in large type, the set time (not "no timer"), who joined which team; after
the start, the countdown and the facilitator's announcement; Esc goes back."""

from __future__ import annotations

import random
from typing import Any

import pygame
import pytest

from game.scenario.loader import load_scenario
from server.auth import CODE_ALPHABET, CODE_LENGTH


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


# Join codes that must never be cut: the widest letters of the alphabet repeated, the code
# that was cut at 1280x800 (482 px in a 472 px column), and two random ones (fixed seed).
_RANDOM = random.Random(2026)
WIDE_CODES = (
    "WWWWWW",
    "MMMMMM",
    "H9QNMY",
    *("".join(_RANDOM.choices(CODE_ALPHABET, k=CODE_LENGTH)) for _ in range(2)),
)
# (window size, the least point size of the code there): the projector's large type is a
# seventh of the height or a twelfth of the width, whichever is less; 96 points is what
# reads from the back of a classroom at 1280x800. At 1024x640 the large type (the clock's
# too) is 85 points (1024 // 12): the code keeps that size, it is not shrunk below it.
SIZES = (((1024, 640), 85), ((1280, 800), 96), ((1920, 1080), 150))


def test_the_join_code_alphabet_is_what_the_projector_makes_room_for() -> None:
    """The projector's column is sized for codes of CODE_LENGTH characters out of
    CODE_GLYPHS: the server's codes must be such codes."""
    from game.client import projector

    assert projector.CODE_LENGTH == CODE_LENGTH
    assert set(CODE_ALPHABET) <= set(projector.CODE_GLYPHS)


def _ink(surface: pygame.Surface, colours: tuple[Any, ...], band: pygame.Rect) -> pygame.Rect:
    """The bounding box (in window pixels) of the pixels of exactly ``colours`` in ``band``."""
    part = surface.subsurface(band)
    boxes = []
    for colour in colours:
        mask = pygame.mask.from_threshold(part, colour, (1, 1, 1, 255))
        boxes += mask.get_bounding_rects()
    assert boxes, f"nothing in {colours} in {band}"
    return boxes[0].unionall(boxes[1:]).move(band.topleft)


@pytest.mark.parametrize("code", WIDE_CODES)
def test_the_whole_join_code_fits_its_column_at_every_size(
    code: str, ui: Any, shots: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A room whose join code is ``code`` (the server's code maker made to give it): the
    facilitator opens the projector at 1024x640, then the window is resized to 1280x800
    and 1920x1080. At each size the code is drawn whole (no ellipsis) in large type, and
    its pixels, measured in the window, lie inside its column, are as wide as the whole
    code rendered at that size, and end left of the clock's."""
    import server.app
    from game.client import theme
    from game.client.app import App
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    monkeypatch.setattr(server.app, "new_code", lambda taken: code)
    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    room = handle.create_room(
        scenario=rules.id,
        seed=3,
        bots={a: "historical" for a in rules.actor_ids if a != "us"},
        timers={"negotiation": 480, "orders": 120},
        wait_for_start=True,
    )
    assert room.code == code
    app = App(NetConnection(handle.url, token=room.facilitator_token), size=SIZES[0][0])
    fac = app.facilitator
    try:
        ui.step_until(app, lambda: app.screen is fac and "projector" in fac.buttons)
        ui.click(app, fac.buttons["projector"])
        ui.step_until(app, lambda: app.screen is app.projector)
        for (w, h), least in SIZES:
            if app.size != (w, h):  # the user resizes the window
                pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h)))
            app.step()
            app.step()
            assert app.size == (w, h)
            p = app.projector
            where = f"{code} at {w}x{h}"
            assert code in p.drawn, (where, p.drawn)  # whole, not shortened with "…"
            size = p.sizes["code"]
            assert size >= least and size >= p.sizes["clock"], (where, p.sizes)
            column = p.columns["code"]
            assert column.right < p.columns["clock"].left, (where, p.columns)
            band = pygame.Rect(0, 40, w, size * 5 // 4 - 6)  # the code line, above the tension
            code_ink = _ink(app.surface, (theme.YELLOW,), band)
            assert column.left <= code_ink.left and code_ink.right <= column.right, (
                where,
                code_ink,
                column,
            )
            label = theme.font(size, True).render(code, True, theme.YELLOW)
            alone = pygame.Surface(label.get_size())  # the whole code, drawn on its own
            alone.fill(theme.BG)
            alone.blit(label, (0, 0))
            whole = _ink(alone, (theme.YELLOW,), alone.get_rect())
            assert abs(code_ink.w - whole.w) <= 2, (where, code_ink, whole)
            right = pygame.Rect(column.right, 40, w - column.right, band.h)
            clock_ink = _ink(app.surface, (theme.MUTED,), right)  # the set time, dimmed
            assert code_ink.right < clock_ink.left, (where, code_ink, clock_ink)
            shots(app, f"projector-{code}-{w}x{h}", code, "8:00 per phase, from the start")
    finally:
        app.conn.close()
        handle.stop()
        pygame.quit()
