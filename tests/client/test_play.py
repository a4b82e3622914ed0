"""Whole games through the real client: clicks on widgets, headless.

One game runs against a local in-process game (bots that propose and accept, to check
the deal workflow end to end); one against a real websocket server, joined from the
lobby. Each screen is saved as a PNG (docs/screenshots/) for a person to look at.
"""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game import load_scenario
from game.bots.base import Bot, Context
from game.client.app import App
from game.client.local import LocalConnection

MINI = "tests/fixtures/mini.yaml"


class Dealer(Bot):
    """Proposes a freeze-for-aid deal to the first actor in month 1; accepts everything."""

    name = "dealer"

    def negotiate(self, ctx: Context) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [
            {"type": "respond", "proposal": p["id"], "accept": True} for p in ctx.open_proposals()
        ]
        if ctx.month == 1 and ctx.round == 0 and self.actor == "beta":
            out.append(
                {
                    "type": "propose",
                    "to": ["alpha"],
                    "commitments": [
                        {"actor": "beta", "lever": "program", "option": "freeze", "months": 2},
                        {"actor": "alpha", "lever": "aid", "option": "food", "months": 2},
                    ],
                    "inspections": True,
                    "text": "Food for a freeze.",
                }
            )
            out.append({"type": "message", "to": ["alpha"], "text": "Read our offer, please."})
        return out


@pytest.fixture
def local_app() -> Any:
    rules = load_scenario(MINI)
    conn = LocalConnection(rules, 3, "alpha", {a: Dealer(a) for a in rules.actor_ids})
    app = App(conn)
    yield app
    conn.close()
    pygame.quit()


def test_a_whole_local_game_by_clicking(local_app: App, shots: Any, ui: Any, tmp_path: Any) -> None:
    step_until, click, key = ui.step_until, ui.click, ui.key
    app = local_app
    m = app.model
    app.pages_dir = tmp_path

    # before the first month: the briefing, public and secret, and a printable page
    step_until(app, lambda: m.view is not None and app.screen is app.briefing)
    text = app.briefing.box.html_text
    assert m.view["briefings"]["alpha"] in text and m.view["secret_briefing"] in text
    shots(
        app, "briefing", m.view["secret_briefing"][:50], "Print (save as a page)", "Start playing"
    )
    click(app, app.briefing.print_button)
    page = (tmp_path / "briefing-local-alpha.html").read_text()
    assert m.view["secret_briefing"] in page and "<h1>" in page
    assert app.notice is not None and "Briefing saved to" in app.notice[1]
    assert app.briefing.close_button.text == "Start playing"
    click(app, app.briefing.close_button)
    step_until(app, lambda: app.screen is app.game)
    step_until(app, lambda: "food" in str(app.game.option_buttons.keys()))

    # a lever: click "Food aid" and the server's draft follows
    click(app, app.game.option_buttons[("aid", "food")])
    step_until(app, lambda: m.current_option("aid") == "food")
    assert app.game.option_buttons[("aid", "food")].is_selected

    # the bilateral channel shows an unread message; send a public chat
    assert m.unread("alpha+beta") == 1
    assert app.game.tab_buttons["chat"].text.startswith("Chat (")
    app.game.chat_entry.set_text("Hello, region.")
    click(
        app,
        app.game.elements[
            [getattr(e, "object_ids", [None])[-1] for e in app.game.elements].index("#chat_send")
        ],
    )
    step_until(app, lambda: any(x["text"] == "Hello, region." for x in m.view["messages"]))
    shots(app, "game", "Hello, region.", "Food aid", "Your orders for")

    # the inbox: accept Beta's proposal
    click(app, app.game.tab_buttons["deals"])
    step_until(app, lambda: any(k[0] == "accept" for k in app.game.deal_buttons))
    pid = next(k[1] for k in app.game.deal_buttons if k[0] == "accept")
    click(app, app.game.deal_buttons[("accept", pid)])
    step_until(app, lambda: any(a["id"] == pid for a in m.view["agreements"]))

    # compose a proposal to Gamma: a summit plus a commitment; Gamma's bot accepts
    click(app, app.game.propose_button)
    step_until(app, lambda: app.composer is not None)
    click(app, app.composer.widgets["party.gamma"])
    click(app, app.composer.widgets["add"])
    click(app, app.composer.widgets["flag.summit"])
    click(app, app.composer.widgets["flag.talks"])
    assert app.composer.action()["commitments"][0]["actor"] == "gamma"
    assert app.composer.action()["summit"] is True
    shots(app, "composer", "New proposal", "Gamma")
    click(app, app.composer.widgets["send"])
    step_until(app, lambda: app.composer is None)
    step_until(app, lambda: len(m.view["agreements"]) == 2)

    # talks agreed this month: stand Gamma up, then think better of it
    step_until(app, lambda: "gamma" in app.game.stand_up_buttons)
    assert list(app.game.stand_up_buttons) == m.legal["stand_up"] == ["gamma"]
    click(app, app.game.stand_up_buttons["gamma"])
    step_until(app, lambda: m.draft_stand_up() == ["gamma"])
    assert app.game.stand_up_buttons["gamma"].is_selected
    click(app, app.game.stand_up_buttons["gamma"])
    step_until(app, lambda: m.draft_stand_up() == [])

    # a bad action is refused and the reason shown in words; a click on it closes it
    app.conn.send({"type": "respond", "proposal": 999, "accept": True})
    step_until(app, lambda: any("no proposal 999" in e for e in m.error_log))
    step_until(app, lambda: bool(app.error_rects))
    assert "Refused: " + m.error_log[-1] in ui.screen_text(app)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=app.error_rects[0].center, button=1)
    )
    step_until(app, lambda: not app.error_rects)

    # ready, then submit orders: the month resolves
    click(app, app.game.ready_button)
    step_until(app, lambda: m.view["phase"] == "orders")
    click(app, app.game.ready_button)
    step_until(app, lambda: m.view["month"] == 2)
    key(app, pygame.K_F3)
    step_until(app, lambda: app.game.news_box is not None and app.game.news_box.alive())
    assert m.view["news"], "the month's chronicle"
    shots(app, "news", m.view["news"][0]["text"][:50], m.view["months"][0])

    # play on with Ctrl+Enter until the end screen
    while m.view["phase"] != "over":
        before = (m.view["month"], m.view["phase"])
        key(app, pygame.K_RETURN, pygame.KMOD_CTRL)
        step_until(app, lambda b=before: (m.view["month"], m.view["phase"]) != b)
    step_until(app, lambda: app.screen is app.end)
    assert set(m.view["outcome"]["scores"]) == {"alpha", "beta", "gamma"}
    shots(app, "end_local", "Replay", "Debrief report", "Back to the map", "Quit")
    assert_legend_fits(app)
    app.resize((1024, 640))
    app.step()
    assert_legend_fits(app)


def assert_legend_fits(app: App) -> None:
    """Every objective label on the end screen lies inside the scores column, none overlap."""
    rects = app.end.legend_rects
    assert len(rects) == sum(len(v) for v in app.model.view["outcome"]["breakdown"].values())
    for i, r in enumerate(rects):
        assert app.end.scores_rect.contains(r), r
        assert r.collidelist(rects[i + 1 :]) == -1, r


def test_resizes_down_to_1024x640_and_keeps_working(local_app: App, ui: Any, tmp_path: Any) -> None:
    step_until = ui.step_until
    local_app.screenshot_dir = tmp_path / "x"
    app = local_app
    ui.past_briefing(app)
    step_until(app, lambda: app.screen is app.game and app.game.ready_button is not None)
    app.resize((900, 500))
    assert app.size == (1024, 640)
    step_until(app, lambda: app.game.ready_button.rect.right <= 1024)
    r = app.game.layout()
    assert r["map"].w > 200 and r["orders"].bottom == 640
    app.screenshot_dir = app.screenshot_dir / ".." / "tmp-shots"
    key = ui.key
    key(app, pygame.K_F12)
    assert app.notice is not None and "Screenshot saved to" in app.notice[1]
    saved = sorted(app.screenshot_dir.glob("sixparty-*.png"))
    assert saved
    for p in saved:
        p.unlink()


def test_a_game_against_the_real_server_from_the_lobby(shots: Any, ui: Any) -> None:
    step_until, click = ui.step_until, ui.click
    server = pytest.importorskip("server.embed")
    from game.client.net import NetConnection

    handle = server.serve_in_thread(port=0)
    try:
        rules = load_scenario("korea-2019")
        seat = rules.actor_ids[0]
        room = handle.create_room(
            scenario="korea-2019",
            seed=5,
            bots={a: "historical" for a in rules.actor_ids if a != seat},
            timers={"negotiation": None, "orders": None},
        )
        conn = NetConnection(handle.url, code=room.code, name="Ann")
        app = App(conn, name="Ann")
        m = app.model
        try:
            step_until(app, lambda: app.screen is app.lobby and seat in app.lobby.seat_buttons)
            shots(app, "lobby", "Take this seat", m.name(seat))
            click(app, app.lobby.seat_buttons[seat])
            ui.past_briefing(app)
            assert m.you == seat
            lever, option = next(iter(m.legal["levers"].items()))
            choice = option[-1]
            step_until(app, lambda: (lever, choice) in app.game.option_buttons)
            click(app, app.game.option_buttons[(lever, choice)])
            step_until(app, lambda: m.current_option(lever) == choice)
            shots(app, "game_server", m.option_name(lever, choice)[:8], m.name(seat))
            while m.view["phase"] != "over":
                before = (m.view["month"], m.view["phase"])
                step_until(
                    app,
                    lambda: app.game.ready_button is not None and app.game.ready_button.is_enabled,
                )
                click(app, app.game.ready_button)
                step_until(app, lambda b=before: (m.view["month"], m.view["phase"]) != b)
            step_until(app, lambda: app.screen is app.end)
            shots(app, "end", "Replay", "Debrief report", "Quit")
            assert_legend_fits(app)
            app.resize((1024, 640))
            app.step()
            assert_legend_fits(app)
            shots(app, "end_1024", "Replay", "Debrief report", "Quit")
        finally:
            conn.close()
            pygame.quit()
    finally:
        handle.stop()


def test_the_top_bar_counts_down_the_servers_phase_timer(shots: Any, ui: Any) -> None:
    step_until = ui.step_until
    server = pytest.importorskip("server.embed")
    from game.client.net import NetConnection

    handle = server.serve_in_thread(port=0)
    try:
        rules = load_scenario("korea-2019")
        seat = rules.actor_ids[0]
        room = handle.create_room(
            scenario="korea-2019",
            seed=5,
            bots={a: "historical" for a in rules.actor_ids if a != seat},
            timers={"negotiation": 600, "orders": 600},
        )
        conn = NetConnection(handle.url, code=room.code, name="Ann")
        app = App(conn, name="Ann")
        try:
            step_until(app, lambda: app.screen is app.lobby and seat in app.lobby.seat_buttons)
            ui.click(app, app.lobby.seat_buttons[seat])
            ui.past_briefing(app)
            step_until(app, lambda: app.screen is app.game and app.game.timer_text != "")
            minutes, seconds = app.game.timer_text.removesuffix(" left").split(":")
            assert 0 < int(minutes) * 60 + int(seconds) <= 600
            shots(app, "game_timer", " left", "Tension")
            # the sanctions-pressure label on the map covers no country's name
            label = app.map.pressure_rect
            assert label is not None and app.map.rect.contains(label)
            names = [r.move(app.map.rect.topleft) for r in app.map.name_rects]
            assert len(names) + len(app.map.insets) >= len(rules.actor_ids)
            others = [r for r in app.map.label_rects if r is not label]
            assert label.collidelist(others) == -1
        finally:
            conn.close()
            pygame.quit()
    finally:
        handle.stop()
