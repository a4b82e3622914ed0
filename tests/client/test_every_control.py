"""Every control of every screen, clicked with real pygame mouse events.

Each screen is opened as a user opens it (``sixparty play`` or ``sixparty join``: a real
server in a thread, bots on the other seats) and every enabled button on it is clicked
at the centre of its rectangle, one after the other, through the app's own event
handling (``ui.sweep``; a button in a scrolled list is first scrolled to with the
scroll bar's arrow). No click may bring back a refusal whose cause is the client: a
field of the wrong type, a missing field, an option or target it was never offered.
Drop-down menus are opened and an entry picked the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from game.scenario.loader import load_scenario


def ends_phase(b: Any) -> bool:
    """The Ready / Submit button: clicked by the test itself, once the rest is done."""
    return b.most_specific_combined_id == "#ready"


def tabs_last(b: Any) -> float:
    """Click what a tab shows before moving to the next tab."""
    return 1 if "#tab-" in b.most_specific_combined_id else 0


def close_overlays(app: Any, ui: Any) -> None:
    """Back to the game screen the way a user goes back: Esc closes the composer or the
    briefing."""
    if app.composer is not None or app.screen is not app.game:
        ui.key(app, pygame.K_ESCAPE)


@pytest.mark.parametrize("country", ["dprk", "us"])  # the signal row; the Security Council
def test_every_control_of_the_game_screen(country: str, play: Any, ui: Any, tmp_path: Path) -> None:
    app = play(country)
    app.pages_dir = tmp_path
    m = app.model
    ui.past_briefing(app)

    def on_game(phase: str) -> Any:
        return lambda: app.screen is app.game and app.composer is None and m.view["phase"] == phase

    negotiation = ui.sweep(
        app,
        on_game("negotiation"),
        restore=lambda: close_overlays(app, ui),
        order=tabs_last,
        skip=ends_phase,
    )
    for wanted in ("#briefing-open", "#tab-chat", "#tab-deals", "#tab-news", "#propose"):
        assert wanted in negotiation, (wanted, negotiation)
    assert sum("#channel-" in n for n in negotiation) == len(m.actor_ids)
    if country == "us":  # a permanent member of the Security Council tables drafts
        assert any("#unsc-tighten-" in n for n in negotiation), negotiation
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["phase"] == "orders", timeout=30)
    if country == "us":  # the orders row is the same widgets as North Korea's, swept below
        return

    orders = ui.sweep(
        app,
        on_game("orders"),
        restore=lambda: close_overlays(app, ui),
        order=tabs_last,
        skip=ends_phase,
    )
    legal = m.legal
    for lever, options in legal["levers"].items():
        for option in options:
            assert any(n.endswith(f"#option-{lever}-{option}") for n in orders), (lever, option)
    for signal in legal.get("signals", {}):
        assert any(n.endswith(f"#signal-{signal}") for n in orders), signal
    assert not m.error_log or not ui.client_faults(app), m.refusals
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["month"] == 2, timeout=30)
    assert not ui.client_faults(app), m.refusals


def test_every_control_of_the_lobby_and_the_briefing(ui: Any, tmp_path: Path) -> None:
    from game.client.app import App
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    rules = load_scenario("korea-2019")
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    conn = None
    try:
        room = handle.create_room(
            scenario=rules.id,
            seed=3,
            bots={a: "historical" for a in rules.actor_ids if a != "dprk"},
            timers={"negotiation": None, "orders": None},
        )
        conn = NetConnection(handle.url, code=room.code)
        app = App(conn)
        app.pages_dir = tmp_path
        m = app.model
        ui.step_until(app, lambda: app.screen is app.lobby and "dprk" in app.lobby.seat_buttons)
        ui.type_text(app, app.lobby.name_entry, "Ann")
        assert app.lobby.name_entry.get_text() == "Ann"
        # the lobby refreshes (every 3 s): what was typed, and the focus, stay
        entry = app.lobby.name_entry
        ui.step_until(app, lambda: app.lobby.name_entry is not entry)
        assert app.lobby.name_entry.get_text() == "Ann" and app.lobby.name_entry.is_focused
        ui.type_text(app, app.lobby.name_entry, " Lee")
        assert app.lobby.name_entry.get_text() == "Ann Lee"
        lobby = ui.sweep(  # the tutorial button leaves the room: test_onboarding clicks it
            app,
            lambda: app.screen is app.lobby,
            until=lambda: app.screen is not app.lobby,
            skip=lambda b: b.most_specific_combined_id.endswith("#tutorial"),
        )
        # the only free seat is taken with a click; the bots' seats cannot be clicked
        assert lobby == ["#seat-dprk"], lobby
        assert all(not app.lobby.seat_buttons[a].is_enabled for a in rules.actor_ids if a != "dprk")
        ui.step_until(app, lambda: app.screen is app.briefing and m.you == "dprk")
        assert app.lobby.name == "Ann Lee", "the seat was asked for with the typed name"

        briefing = ui.sweep(
            app,
            lambda: app.screen is app.briefing,
            order=lambda b: 1 if b.most_specific_combined_id.endswith("#briefing-close") else 0,
            until=lambda: app.screen is app.game,
        )
        assert briefing == ["#briefing-print", "#briefing-close"], briefing
        assert sorted(tmp_path.glob("briefing-*.html")), "Print saved the page"
        ui.step_until(app, lambda: app.screen is app.game)
        assert not ui.client_faults(app), m.refusals
        assert not m.error_log, m.error_log
    finally:
        if conn is not None:
            conn.close()
        pygame.quit()
        handle.stop()


def test_every_control_of_the_proposal_composer(play: Any, ui: Any) -> None:
    app = play("dprk")
    m = app.model
    ui.past_briefing(app)
    ui.click(app, app.game.tab_buttons["deals"])
    ui.step_until(app, lambda: app.game.propose_button is not None and m.can("propose"))
    ui.click(app, app.game.propose_button)
    ui.step_until(app, lambda: app.composer is not None)
    composer = app.composer

    def in_window(b: Any) -> bool:  # the composer's controls, not the screen's under it
        window = composer.window
        if window is None:
            return False
        mine = (window.get_container(), getattr(window, "_window_root_container", None))
        c, seen = b.ui_container, set()
        while c is not None and id(c) not in seen:  # up the containers to the root
            if any(c is w for w in mine):
                return True
            seen.add(id(c))
            c = c.ui_container
        return False

    def last(b: Any) -> float:  # partners, the rows they allow, removing; closing last
        name = b.most_specific_combined_id
        order = {"#close_button": 3, "#remove-": 2, "#add_commitment": 1}
        return next((v for k, v in order.items() if k in name), 0)

    clicked = ui.sweep(
        app,
        lambda: app.composer is composer,
        until=lambda: app.composer is None,
        order=last,
        skip=lambda b: (
            not in_window(b)
            or any(k in b.most_specific_combined_id for k in ("send_proposal", "cancel_proposal"))
        ),
    )
    parties = [a for a in m.actor_ids if a != "dprk"]
    for a in parties:
        assert any(n.endswith(f"#party-{a}") for n in clicked), (a, clicked)
    for f in ("inspections", "summit", "talks"):
        assert any(n.endswith(f"#flag-{f}") for n in clicked), f
    assert any(n.endswith("#add_commitment") for n in clicked)
    # the title bar's close button closed the window (the last of its controls)
    assert app.composer is None, clicked
    assert any(n.endswith("#close_button") for n in clicked), clicked

    # again, to fill in a proposal and send it: one partner, one commitment, every menu
    ui.click(app, app.game.propose_button)
    ui.step_until(app, lambda: app.composer is not None)
    composer = app.composer
    ui.click(app, composer.widgets["party.china"])
    ui.click(app, composer.widgets["add"])
    ui.step_until(app, lambda: len(composer.commitments) == 1)
    for field in ("actor", "lever", "option", "compare", "start", "months"):
        menu = next((d for d, (row, f) in composer.rows.items() if f == field and d.alive()), None)
        if menu is None:
            continue
        options = menu.options_list
        if len(options) < 2:
            continue
        before = dict(composer.commitments[0])
        other = next(i for i, o in enumerate(options) if o != menu.selected_option)
        chosen = ui.pick(app, menu, other)
        ui.step_until(
            app,
            lambda b=before: composer.commitments[0] != b,
            state=lambda f=field, c=chosen: (f, c, composer.commitments[0]),
        )
    ui.type_text(app, composer.widgets["text"], "A first step.")
    sent_before = m.acks
    ui.click(app, composer.widgets["send"])
    ui.step_until(app, lambda: app.composer is None)
    ui.step_until(app, lambda: m.acks > sent_before or bool(m.refusals))
    assert not ui.client_faults(app), m.refusals
    assert not m.refusals, m.refusals
    ui.step_until(app, lambda: any(p["proposer"] == "dprk" for p in m.view["proposals"]))
    mine = [p for p in m.view["proposals"] if p["proposer"] == "dprk"][-1]
    assert mine["text"] == "A first step." and "china" in mine["parties"]
    keys = set(composer.commitments[0])  # what the composer sets; the engine adds its own
    assert [{k: c[k] for k in keys} for c in mine["commitments"]] == composer.commitments


def test_every_control_of_the_end_screen_and_the_replay(play: Any, ui: Any, tmp_path: Path) -> None:
    app = play("dprk", seed=2)
    app.pages_dir = tmp_path
    m = app.model
    ui.past_briefing(app)
    while m.view["phase"] != "over":
        before = (m.view["month"], m.view["phase"])
        ui.step_until(app, lambda: app.game.ready_button is not None and m.can("ready"))
        ui.key(app, pygame.K_RETURN, pygame.KMOD_CTRL)
        ui.step_until(app, lambda b=before: (m.view["month"], m.view["phase"]) != b, timeout=30)
    ui.step_until(app, lambda: app.screen is app.end)

    def back_to_the_end() -> None:
        if app.screen is app.replay:
            ui.key(app, pygame.K_ESCAPE)
        elif app.screen is app.game:  # "See the results", as a user goes back
            ui.click(app, app.game.ready_button)

    end = ui.sweep(
        app,
        lambda: app.screen is app.end,
        restore=back_to_the_end,
        skip=lambda b: b.most_specific_combined_id.endswith("#quit"),
    )
    assert {n.rsplit("#", 1)[-1] for n in end} >= {"replay", "report", "back"}, end
    ui.step_until(app, lambda: app.report_path is not None)
    assert app.report_path.parent == tmp_path

    ui.click(app, app.end.replay_button)
    ui.step_until(app, lambda: app.screen is app.replay and 1 in app.replay.exact)
    replay = ui.sweep(
        app,
        lambda: app.screen is app.replay,
        until=lambda: app.screen is not app.replay,
        order=lambda b: 1 if b.most_specific_combined_id.endswith("#replay-back") else 0,
    )
    assert replay == ["#replay-prev", "#replay-next", "#replay-back"], replay
    ui.step_until(app, lambda: app.screen is app.end)
    ui.click(
        app, next(b for b in ui.clickable(app) if b.most_specific_combined_id.endswith("#quit"))
    )
    assert app.running is False
    assert not ui.client_faults(app), m.refusals


def test_every_control_of_the_facilitator_screen(ui: Any, tmp_path: Path) -> None:
    from game.client.app import App
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    rules = load_scenario("korea-2019")
    empty = rules.actor_ids[0]
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    conn = None
    try:
        room = handle.create_room(
            scenario=rules.id,
            seed=4,
            bots={a: "historical" for a in rules.actor_ids if a != empty},
            timers={"negotiation": 600, "orders": 600},
        )
        conn = NetConnection(handle.url, token=room.facilitator_token)
        app = App(conn)
        app.pages_dir = tmp_path
        m = app.model
        fac = app.facilitator
        ui.step_until(app, lambda: app.screen is fac and "pause" in fac.buttons)

        # the drop-down menus and the text fields, as a facilitator fills them in
        if fac.bot_menu is not None:
            other = next(
                i
                for i, o in enumerate(fac.bot_menu.options_list)
                if o != fac.bot_menu.selected_option
            )
            ui.pick(app, fac.bot_menu, other)
        ui.click(app, fac.buttons["write-news"])  # the written inject is under News
        ui.step_until(app, lambda: fac.news_entry is not None and fac.news_entry.alive())
        ui.type_text(app, fac.news_entry, "Floods in the north.")
        variable = ui.pick(app, fac.var_menu, 1)
        ui.type_text(app, fac.announce_entry, "Five minutes left.")

        def last(b: Any) -> float:  # what ends the phase or the game goes last
            name = b.most_specific_combined_id
            order = {"#fac-end": 4, "#fac-resolution": 3, "#fac-advance": 2, "#fac-tab-": 1}
            return next((v for k, v in order.items() if k in name), 0)

        def back() -> None:  # the briefings (F4) close with Esc
            ui.key(app, pygame.K_ESCAPE)

        clicked = ui.sweep(app, lambda: app.screen is fac, restore=back, order=last)
        names = {n.rsplit("#", 1)[-1] for n in clicked}
        wanted = {
            "fac-pause",
            "fac-resume",
            "fac-extend+300",
            "fac-lock",
            "fac-end",
            "fac-briefing",
        }
        wanted |= {f"fac-tab-{t}" for t in ("orders", "messages", "deals", "truth", "news")}
        wanted |= {f"fac-inject-{i}" for i in rules.injects}
        wanted |= {"fac-add-effect", "fac-send-news", "fac-announce", "fac-write-news"}
        assert wanted <= names, sorted(wanted - names)
        assert any(n.startswith("fac-seat-") for n in names), names
        news = [n["text"] for n in m.view["news"]]
        assert "Floods in the north." in news and "Five minutes left." in news, news
        assert variable
        assert not ui.client_faults(app), m.refusals
        # "End the game" asks twice: the sweep clicked it once
        assert fac.buttons["end"].text.startswith("Really")
        ui.click(app, fac.buttons["end"])
        ui.step_until(app, lambda: app.screen is app.end)
        assert not ui.client_faults(app), m.refusals
    finally:
        if conn is not None:
            conn.close()
        pygame.quit()
        handle.stop()
