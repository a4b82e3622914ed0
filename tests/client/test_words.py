"""The game screen speaks in words: the scenario's display forms instead of internal
numbers, signs as a reader writes them, and the orders' heading in the button's words."""

from __future__ import annotations

from typing import Any


def test_north_korea_reads_the_moratorium_in_words(play: Any, ui: Any) -> None:
    app = play("dprk", bot="historical")
    ui.past_briefing(app)
    text = ui.screen_text(app)
    assert "Testing moratorium: in force" in text
    assert "Testing moratorium: 1" not in text
    assert "US proposal changed: not yet (the big deal only)" in text
    # the orders phase: the heading names the button that makes the orders final
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: (app.model.view or {}).get("phase") == "orders", 30)
    ui.step_until(app, lambda: app.game.ready_button.text == "Submit orders")
    assert "until you press Submit orders" in app.game.orders_title()
    assert "until you press Submit orders" in ui.screen_text(app)
    # a signal that lowers tension says so with a minus sign, never '+-'
    tips = {sid: b.tool_tip_text or "" for sid, b in app.game.signal_buttons.items()}
    assert not any("+-" in t for t in tips.values()), tips
    gesture = app.model.info["signals"]["peace_overture"]
    assert gesture["escalation"] < 0
    assert f"Escalation −{-gesture['escalation']:g}." in tips["peace_overture"]
