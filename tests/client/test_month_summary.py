"""Players are told what happened: the month's summary and the facilitator's announcements.

North Korea plays in a real window against a real server (port 0); China is a second
person on its own seat token, and a facilitator is connected too. China tables a
proposal to North Korea, nobody answers it, and the facilitator skips to the month's
resolution: at the start of May the window opens a dialog that says the proposal expired
unanswered, and it is closed with a real click. An announcement the facilitator sends
interrupts the student's screen with a dialog of its own.
"""

from __future__ import annotations

import html
import time
from typing import Any

import pytest

ME, THEM = "dprk", "china"


@pytest.fixture
def room(untimed_room: Any) -> Any:
    """A real server: bots on every seat but North Korea's and China's, no timers."""
    return untimed_room((ME, THEM))


def send_and_wait(conn: Any, action: dict[str, Any]) -> None:
    """Send an action on a second connection and wait for the server's answer."""
    conn.send(action)
    end = time.monotonic() + 15
    while time.monotonic() < end:
        for u in conn.poll():
            if u.kind == "ack":
                return
            assert u.kind != "error", u.data
        time.sleep(0.01)
    raise AssertionError(f"no answer to {action}")


def window_text(window: Any) -> str:
    """The words a message window shows (its text box's text)."""
    return html.unescape(str(window.text_block.html_text))


def test_an_unanswered_proposal_is_reported_expired_and_announcements_interrupt(
    room: Any, ui: Any, shots: Any
) -> None:
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection

    rules, handle, made = room
    code = made.code
    app = App(
        NetConnection(handle.url, token=handle.seat_token(code, ME), info=scenario_info(rules))
    )
    china = NetConnection(handle.url, token=handle.seat_token(code, THEM, "Li"))
    teacher = NetConnection(handle.url, token=made.facilitator_token)
    m = app.model
    try:
        ui.past_briefing(app)
        assert app.interrupts.open_windows() == [], "no summary before the first month"
        send_and_wait(
            china, {"type": "propose", "to": [ME], "summit": True, "text": "Meet in Beijing"}
        )
        ui.step_until(app, lambda: any(p["proposer"] == THEM for p in m.view["proposals"]))

        # an announcement interrupts the screen at once
        send_and_wait(teacher, {"type": "announce", "text": "Five minutes left: decide now."})
        ui.step_until(app, lambda: app.interrupts.announcement_window is not None)
        box = app.interrupts.announcement_window
        assert "Five minutes left: decide now." in window_text(box)
        assert box.window_display_title == "Announcement from the facilitator"
        ui.click(app, box.dismiss_button)
        ui.step_until(app, lambda: not box.alive())

        # the month ends with China's proposal unanswered
        send_and_wait(teacher, {"type": "advance", "to": "resolution"})
        ui.step_until(app, lambda: m.view["month"] == 2 and app.interrupts.window is not None)
        dialog = app.interrupts.window
        text = window_text(dialog)
        april = rules.months[0]
        assert dialog.window_display_title == f"What happened in {april}"
        assert (
            "China's proposal to North Korea (With summit): expired" in text and "expired" in text
        ), text
        assert "no answer from North Korea" in text, text
        assert "Your score:" in text, text
        for _ in range(3):
            app.step()
        shots(app, "month-summary", f"What happened in {april}")
        ui.click(app, dialog.dismiss_button)
        ui.step_until(app, lambda: not dialog.alive())
        assert app.interrupts.open_windows() == []
        assert not ui.client_faults(app)
    finally:
        china.close()
        teacher.close()
        app.conn.close()
