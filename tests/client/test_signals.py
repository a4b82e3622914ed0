"""The signal row, clicked with the mouse as North Korea, against a real server.

Each test opens the window as ``sixparty play --country dprk`` does (a server in a
thread, bots on the other seats) and clicks real pygame mouse events at the buttons.
What a click sent is read back from the server's view of the draft orders, so a button
that sends the neighbouring signal (or target), or a malformed action, fails here.
"""

from __future__ import annotations

from typing import Any

from game.client import theme


def to_orders_phase(app: Any, ui: Any) -> None:
    """Past the briefing, Ready in the negotiation phase: the orders phase, signals offered."""
    ui.past_briefing(app)
    m = app.model
    ui.step_until(app, lambda: app.game.ready_button is not None and m.can("ready"))
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["phase"] == "orders" and len(app.game.signal_buttons) > 1)


def test_north_korea_fires_a_short_range_test_with_the_mouse(play: Any, ui: Any) -> None:
    app = play("dprk")
    m = app.model
    to_orders_phase(app, ui)
    month = m.view["month_label"]

    ui.click(app, app.game.signal_buttons["srbm_test"])
    ui.step_until(
        app,
        lambda: [s["signal"] for s in m.draft_signals()] == ["srbm_test"],
        state=m.draft_signals,
    )
    assert app.game.signal_buttons["srbm_test"].is_selected
    # the test is addressed: the target row offers the scenario's addressees
    ui.step_until(app, lambda: "japan" in app.game.target_buttons)
    assert list(app.game.target_buttons) == m.legal["signals"]["srbm_test"]
    ui.click(app, app.game.target_buttons["japan"])
    ui.step_until(app, lambda: m.draft_signals()[0].get("target") == "japan", state=m.draft_signals)
    assert not ui.client_faults(app), m.refusals
    assert not m.error_log, m.error_log

    assert app.game.ready_button.text == "Submit orders"
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["month"] == 2, timeout=30)

    # the next month's news tells of the test, on screen in the News tab
    ui.click(app, app.game.tab_buttons["news"])
    ui.step_until(app, lambda: app.game.news_box is not None and app.game.news_box.alive())
    month1 = [n["text"] for n in m.view["news"] if n.get("month") == 1 and not n.get("to")]
    told = [t for t in month1 if "short-range" in t.lower()]
    assert told, month1
    shown = app.game.news_box.html_text
    assert month in shown
    assert any(t[:60] in shown for t in told)
    assert not m.error_log, m.error_log


def test_each_signal_button_sends_its_own_signal(play: Any, ui: Any) -> None:
    app = play("dprk")
    m = app.model
    to_orders_phase(app, ui)
    names = {sid: s["name"] for sid, s in m.info["signals"].items()}
    offered = ["", *m.legal["signals"]]
    assert list(app.game.signal_buttons) == offered
    # every signal, then back to none: each click must draft exactly that button's signal
    for sid in [*offered[1:], ""]:
        button = app.game.signal_buttons[sid]
        label = names[sid] if sid else "None"
        assert button.text == theme.fit(label, theme.font(13), button.rect.w - 10), button.text
        ui.click(app, button)
        ui.step_until(
            app,
            lambda s=sid: [x["signal"] for x in m.draft_signals()] == ([s] if s else []),
            state=m.draft_signals,
        )
        chosen = [s for s, b in app.game.signal_buttons.items() if b.is_selected]
        assert chosen == [sid], (sid, chosen)
        targets = m.legal["signals"].get(sid, []) if sid else []
        assert sorted(app.game.target_buttons) == sorted(targets)
        if targets:  # an addressed signal goes to its first addressee until one is chosen
            assert m.draft_signals()[0]["target"] == targets[0]
    assert not ui.client_faults(app), m.refusals
    assert not m.error_log, m.error_log


def test_each_target_button_addresses_its_own_country(play: Any, ui: Any) -> None:
    app = play("dprk")
    m = app.model
    to_orders_phase(app, ui)
    ui.click(app, app.game.signal_buttons["srbm_test"])
    ui.step_until(app, lambda: bool(app.game.target_buttons))
    targets = m.legal["signals"]["srbm_test"]
    assert len(targets) > 2
    for t in [*targets[1:], targets[0]]:
        button = app.game.target_buttons[t]
        assert button.text == theme.fit(m.name(t), theme.font(13), button.rect.w - 10)
        ui.click(app, button)
        ui.step_until(
            app,
            lambda t=t: m.draft_signals() == [{"signal": "srbm_test", "target": t}],
            state=m.draft_signals,
        )
        chosen = [x for x, b in app.game.target_buttons.items() if b.is_selected]
        assert chosen == [t], (t, chosen)
    assert not ui.client_faults(app), m.refusals
    assert not m.error_log, m.error_log


def test_the_tutorials_send_a_signal_month_by_mouse(play: Any, ui: Any) -> None:
    """The tutorial's second lesson: a naval drill addressed to Southland, then the news."""
    app = play("north", scenario="tutorial")
    m = app.model
    ui.past_briefing(app)
    for _ in range(2):  # month 1 (set a lever) passes with Ready, then Submit
        before = (m.view["month"], m.view["phase"])
        ui.step_until(app, lambda: app.game.ready_button is not None and m.can("ready"))
        ui.click(app, app.game.ready_button)
        ui.step_until(app, lambda b=before: (m.view["month"], m.view["phase"]) != b, timeout=30)
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["month"] == 2 and m.view["phase"] == "orders")
    assert "send a signal" in m.view["month_label"]
    ui.click(app, app.game.signal_buttons["naval_drill"])
    ui.step_until(app, lambda: "south" in app.game.target_buttons)
    ui.click(app, app.game.target_buttons["south"])
    ui.step_until(
        app,
        lambda: m.draft_signals() == [{"signal": "naval_drill", "target": "south"}],
        state=m.draft_signals,
    )
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["month"] == 3, timeout=30)
    month2 = [n["text"] for n in m.view["news"] if n.get("month") == 2 and not n.get("to")]
    assert any("Naval drill" in t and "Southland" in t for t in month2), month2
    assert not m.refusals, m.refusals
