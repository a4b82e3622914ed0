"""A long proposal can still be sent: the composer's term rows scroll, Send stays shown.

North Korea plays in a real window (dummy driver) against a real server. At 1024x640
and at 1280x800 the player opens the composer, picks the United States and adds seven
terms by clicking "+ Add commitment". The flags, the note, Send and Cancel stay inside
the window (before, the rows pushed them below its edge, where no click reaches them);
every drop-down of the last row opens, by a click, with its whole list inside the part
of the rows shown (not clipped by the scrolling area) and its entries whole; picking a
length by click changes that term; and Send, clicked, tables a proposal of seven terms.
"""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.client.driver import close_menu, cut_menu_texts, find_button, open_menu

ME = "dprk"
TERMS = 7


@pytest.fixture
def room(untimed_room: Any) -> Any:
    """A real server: reciprocators on every seat but North Korea's, no timers."""
    rules, handle, made = untimed_room((ME,), "reciprocator")
    return rules, handle, made.code


def open_app(rules: Any, handle: Any, code: str) -> tuple[Any, Any]:
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection

    conn = NetConnection(handle.url, token=handle.seat_token(code, ME), info=scenario_info(rules))
    return App(conn), conn


def menu(app: Any, row: int, field: str) -> Any:
    """The composer's drop-down of ``field`` in term ``row``."""
    return next(dd for dd, rf in app.composer.rows.items() if rf == (row, field) and dd.alive())


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)])
def test_seven_terms_scroll_and_send(room: Any, ui: Any, shots: Any, size: tuple[int, int]) -> None:
    rules, handle, code = room
    app, conn = open_app(rules, handle, code)
    try:
        ui.past_briefing(app)
        app.resize(size)
        ui.step_until(app, lambda: app.game.built_for[:1] == (size,))
        ui.click(app, app.game.tab_buttons["deals"])
        ui.click(app, find_button(app, "#propose"))
        ui.step_until(app, lambda: app.composer is not None)
        ui.click(app, app.composer.widgets["party.us"])
        for n in range(TERMS):
            ui.click(app, app.composer.widgets["add"])
            ui.step_until(app, lambda n=n: len(app.composer.commitments) == n + 1)
        c = app.composer
        window = pygame.Rect((0, 0), app.size)
        inside = c.window.get_container().get_rect()
        footer = [c.widgets[f"flag.{f}"] for f in c.flags]
        footer += [c.widgets["text"], c.widgets["send"], c.widgets["cancel"]]
        for w in footer:
            assert inside.contains(w.rect) and window.contains(w.rect), (w, w.rect, inside)
            assert w.hover_point(*w.rect.center), f"{w} is not where a click reaches"

        box = c.widgets["rows_box"]
        last = TERMS - 1
        fields = sorted({f for r, f in c.rows.values() if r == last})
        assert {"actor", "lever", "option", "compare", "start", "months"} <= set(fields)
        for field in fields:
            dd = menu(app, last, field)
            assert dd.hover_point(*dd.rect.center), f"term {last}'s {field} is scrolled away"
            assert not cut_menu_texts(app, dd)
        # every drop-down shown, of the last row and of the rows above it: its list opened
        # by a click lies whole in the part of the rows shown, where nothing clips it
        shown = [
            rf
            for dd, rf in c.rows.items()
            if dd.alive() and box.rect.contains(dd.rect) and rf[1] in ("lever", "start", "months")
        ]
        assert {(last, "start"), (last - 1, "start")} <= set(shown), shown
        for row, field in sorted(shown):
            dd = open_menu(app, menu(app, row, field))
            listing = dd.current_state.options_selection_list
            try:
                assert box.rect.contains(listing.rect), (row, field, listing.rect, box.rect)
                assert window.contains(listing.rect), (row, field, listing.rect)
            finally:
                close_menu(app, dd)
        if size == (1024, 640):
            shots(app, "composer-seven-terms-1024x640", "Send proposal", "7. ")

        # pick a length by click: that term, and only it, changes
        dd = menu(app, last, "months")
        ids = [o[1] for o in dd.options_list]
        ui.pick(app, dd, ids.index("#5"))
        ui.step_until(app, lambda: app.composer.commitments[last]["months"] == 5)
        assert [t["months"] for t in app.composer.commitments] == [3] * last + [5]
        send = app.composer.widgets["send"]
        assert send.hover_point(*send.rect.center)
        ui.click(app, send)
        ui.step_until(app, lambda: app.composer is None)

        def mine() -> list[dict[str, Any]]:
            return handle.call(
                lambda: [
                    dict(p)
                    for p in handle.server.rooms[code].game.proposals.values()
                    if p["proposer"] == ME
                ]
            )

        ui.step_until(app, lambda: len(mine()) == 1)
        terms = mine()[0]["commitments"]
        assert len(terms) == TERMS
        assert [t["months"] for t in terms] == [3] * last + [5]
        assert not app.model.refusals, [(r.code, r.message) for r in app.model.refusals]
    finally:
        conn.close()
