"""Every text on the game screen and the facilitator's screen can be read whole.

At 1280x800 and at the smallest window, 1024x640, on the screen of every seat of
Korea 2019 (in talks and in the orders phase) and on each tab of the facilitator's
screen: no button or label holds a text wider or taller than its rectangle (measured
with the widget's own font), no text was shortened with an ellipsis or broken inside a
word, and the lines the screen draws itself stay in their panel without running into
each other. Real windows on SDL's dummy driver, connected to a real server.
"""

from __future__ import annotations

import itertools
from typing import Any

import pygame
import pytest

from game.client.driver import cut_menu_texts, cut_texts, menus
from game.scenario.loader import load_scenario

SIZES = ((1280, 800), (1024, 640))
SEATS = load_scenario("korea-2019").actor_ids


def drawn_clashes(drawn: list[tuple[str, pygame.Rect, pygame.Rect]]) -> list[str]:
    """Drawn lines that leave their panel or overlap another line of the same panel."""
    out = [
        f"{s!r} at {r} leaves its panel {region}"
        for s, r, region in drawn
        if not region.contains(r)
    ]
    for (s1, r1, g1), (s2, r2, g2) in itertools.combinations(drawn, 2):
        if g1 == g2 and r1.colliderect(r2):
            out.append(f"{s1!r} at {r1} runs into {s2!r} at {r2}")
    return out


def whole(app: Any) -> list[str]:
    """What a fresh frame of the current screen does not show whole."""
    problems = cut_texts(app)
    if app.screen is app.game:
        problems += drawn_clashes(getattr(app.game, "drawn", []))
    return problems


def orders_scroll(app: Any) -> list[str]:
    """What of the orders a student would have to scroll to see: a scroll bar on the
    orders' panel, a choice or menu outside the part of the panel shown."""
    game = app.game
    box = game.orders_box
    assert box is not None and box.alive()
    out = []
    bar = box.vert_scroll_bar
    if bar is not None and bar.rect.w > 0:
        out.append(f"the orders need a scroll bar ({box.rect.h}px shown)")
    shown = box.rect
    widgets = [
        *game.option_buttons.values(),
        *game.signal_buttons.values(),
        *game.target_buttons.values(),
        *game.stand_up_buttons.values(),
        *(x for x in (game.signal_menu, game.target_menu) if x is not None),
    ]
    out += [
        f"{w.most_specific_combined_id} at {w.rect} is outside the orders shown {shown}"
        for w in widgets
        if not shown.contains(w.rect)
    ]
    return out


def every_menu_whole(app: Any, within: Any = None) -> list[str]:
    """Open every drop-down menu of the window (or of the window ``within``) in turn,
    with real clicks, and say what of its entries is not shown whole
    (:func:`cut_menu_texts`)."""
    out = []
    for name in [
        x.most_specific_combined_id
        for x in menus(app)
        if within is None or x.ui_container is within.get_container()
    ]:
        menu = next((x for x in menus(app) if x.most_specific_combined_id == name), None)
        assert menu is not None, f"{name} went away"
        out += cut_menu_texts(app, menu)
    return out


def draft_widest_signal(app: Any, ui: Any) -> None:
    """Draft, by clicks, the signal with the most addressees (its addressee row shown)."""
    m = app.model
    game = app.game
    signals = m.legal.get("signals") or {}
    if not signals:
        return
    sid = max(signals, key=lambda s: len(signals[s]))
    if game.signal_menu is not None:  # compact orders: a menu
        keys = [o[1] for o in game.signal_menu.options_list]
        ui.pick(app, game.signal_menu, keys.index(f"#signal-{sid}"))
    else:
        ui.click(app, game.signal_buttons[sid])
    ui.step_until(app, lambda: [s["signal"] for s in m.draft_signals()] == [sid])


@pytest.mark.parametrize("seat", SEATS)
def test_every_text_of_a_seat_fits_at_both_sizes(play: Any, ui: Any, seat: str) -> None:
    """Every text whole; in the orders phase no scrolling for any order, with the
    longest addressee row drafted, and every drop-down's entries whole when opened."""
    app = play(seat, bot="historical")
    ui.past_briefing(app)
    m = app.model
    found: list[str] = []
    for phase in ("negotiation", "orders"):
        ui.step_until(app, lambda p=phase: (m.view or {}).get("phase") == p, 30)
        for size in SIZES:
            app.resize(size)
            assert app.size == size
            found += [f"{seat}, {phase}, {size}: {p}" for p in whole(app)]
            if phase != "orders":
                continue
            draft_widest_signal(app, ui)
            where = f"{seat}, orders, {size}"
            found += [f"{where}: {p}" for p in whole(app) + orders_scroll(app)]
            found += [f"{where}, opened: {p}" for p in every_menu_whole(app)]
            assert app.game.compact or size == SIZES[0] or not m.legal.get("signals")
        if phase == "negotiation":
            ui.click(app, app.game.ready_button)
    assert app.game.signal_buttons or app.game.signal_menu or not m.legal.get("signals"), (
        "the orders were never shown"
    )
    assert not found, "\n".join(found)


def test_every_text_of_the_facilitator_fits_at_both_sizes(ui: Any) -> None:
    """Each tab of the facilitator's screen at both sizes, with a student of a long name
    in the room: every text whole, the orders table's lines each in its cell, and every
    drop-down (the bot, the student and the team to move, the written inject's
    variable under News) opened by a click with each entry whole."""
    from game.client.app import App
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    conn: Any = None
    student: Any = None
    try:
        room = handle.create_room(
            scenario=rules.id,
            seed=3,
            bots={a: "historical" for a in rules.actor_ids if a != "us"},
            timers={"negotiation": 480, "orders": 120},
        )
        token = handle.seat_token(room.code, "us", "Alexandra Konstantinova")
        student = NetConnection(handle.url, token=token)
        conn = NetConnection(handle.url, token=room.facilitator_token)
        app = App(conn)
        fac = app.facilitator
        ui.step_until(app, lambda: app.screen is fac and "move" in fac.buttons, 30)
        found: list[str] = []
        tabs = [k for k in fac.buttons if k.startswith("tab-")]
        assert len(tabs) >= 5
        for size in SIZES:
            app.resize(size)
            for tab in tabs:
                ui.click(app, fac.buttons[tab])
                ui.step_until(app, lambda t=tab: fac.tab == t.removeprefix("tab-"))
                where = f"facilitator, {tab}, {size}"
                found += [f"{where}: {p}" for p in whole(app) + drawn_clashes(fac.drawn)]
                found += [f"{where}, opened: {p}" for p in every_menu_whole(app)]
            assert fac.var_menu is not None and fac.move_player is not None
        assert fac.table_drawn, "the orders table was never drawn"
        assert not found, "\n".join(found)
    finally:
        for c in (student, conn):
            if c is not None:
                c.close()
        pygame.quit()
        handle.stop()


def test_a_cut_text_is_caught(play: Any, ui: Any) -> None:
    """The check itself: a label made too narrow for its text is reported."""
    from pygame_gui.elements import UIButton

    app = play("us", bot="historical")
    ui.past_briefing(app)
    narrow = UIButton(pygame.Rect(10, 10, 40, 26), "Maximum pressure", app.manager)
    try:
        found = cut_texts(app)
    finally:
        narrow.kill()
    assert any("'Maximum pressure'" in p for p in found), found


def composer_problems(app: Any, ui: Any, open_it: Any, where: str) -> list[str]:
    """Open a composer (``open_it``), add two commitments, the second one the seat's own,
    then every text of the window and every entry of each of its menus, opened, whole."""
    from game.client.driver import find_button

    open_it()
    ui.step_until(app, lambda: app.composer is not None)
    composer = app.composer
    if not composer.to:
        ui.click(app, composer.widgets["party.us"])
    ui.click(app, composer.widgets["add"])
    ui.click(app, composer.widgets["add"])
    actor = next(d for d, rf in composer.rows.items() if rf == (1, "actor") and d.alive())
    names = [o[1] for o in actor.options_list]
    ui.pick(app, actor, names.index(f"#{app.model.you}"))
    ui.step_until(app, lambda: composer.commitments[1]["actor"] == app.model.you)
    found = [f"{where}: {p}" for p in cut_texts(app) + every_menu_whole(app, composer.window)]
    ui.click(app, find_button(app, "#cancel_proposal"))
    ui.step_until(app, lambda: app.composer is None)
    return found


def test_the_composers_menus_open_whole_at_both_sizes(play: Any, ui: Any) -> None:
    """The proposal composer and the message-with-terms composer: every partner, lever,
    option, month and length reads whole in its menu, opened by a click, at both sizes."""
    from game.client.driver import find_button

    app = play("dprk", bot="historical")
    ui.past_briefing(app)
    m = app.model
    ui.step_until(app, lambda: m.can("propose"), 30)
    skip = find_button(app, "#hint_skip")
    if skip is not None:
        ui.click(app, skip)
    found: list[str] = []

    def propose_shown() -> bool:
        return app.game.propose_button is not None and app.game.propose_button.alive()

    for size in SIZES:
        app.resize(size)
        ui.step_until(app, lambda s=size: app.game.built_for[:1] == (s,))
        ui.click(app, app.game.tab_buttons["deals"])
        ui.step_until(app, propose_shown)
        found += composer_problems(
            app, ui, lambda: ui.click(app, app.game.propose_button), f"proposal, {size}"
        )
        ui.click(app, app.game.tab_buttons["chat"])
        ui.step_until(app, lambda: find_button(app, "#chat_terms") is not None)
        found += composer_problems(
            app, ui, lambda: ui.click(app, find_button(app, "#chat_terms")), f"terms, {size}"
        )
    assert not found, "\n".join(found)
