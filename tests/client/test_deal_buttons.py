"""The inbox's deal buttons, clicked with real pygame mouse events against a real server.

North Korea plays in the window; China is a second person, connected to the same server
on a seat token of its own, who tables proposals to North Korea. The player answers each
one with the mouse: Accept, Reject, Counter (the composer opens filled in with China's
terms; its Send button is clicked) and Withdraw (the counter-proposal, now the player's
own). What each click did is read from the server's game, not only from the window; no
click may bring back a refusal at all, let alone one whose cause is the client.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

ME, THEM = "dprk", "china"


@pytest.fixture
def room(untimed_room: Any) -> Any:
    """A real server in a thread: bots on every seat but North Korea's and China's,
    phases without a timer (China never says ready, so the negotiation stays open)."""
    rules, handle, made = untimed_room((ME, THEM))
    return rules, handle, made.code


def server_proposals(handle: Any, code: str) -> dict[int, dict[str, Any]]:
    """Every proposal as the server's game recorded it (copies, read on its loop)."""
    return handle.call(
        lambda: {k: dict(p) for k, p in handle.server.rooms[code].game.proposals.items()}
    )


def on_screen(app: Any, button: Any) -> None:
    """The button is where a click at its centre lands (not scrolled out of its list)."""
    assert button.alive() and button.visible, button
    assert button.hover_point(*button.rect.center), f"{button} is scrolled out of view"


def test_accept_reject_counter_and_withdraw_by_clicking(room: Any, ui: Any) -> None:
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection

    rules, handle, code = room
    app_conn = NetConnection(
        handle.url, token=handle.seat_token(code, ME), info=scenario_info(rules)
    )
    china = NetConnection(handle.url, token=handle.seat_token(code, THEM, "Li"))
    app = App(app_conn)
    m = app.model
    try:
        ui.past_briefing(app)
        ui.click(app, app.game.tab_buttons["deals"])
        ui.step_until(app, lambda: app.game.tab == "deals")

        def china_proposes(**terms: Any) -> int:
            """China tables a proposal to North Korea; the server's id of it."""
            before = set(server_proposals(handle, code))
            china.send({"type": "propose", "to": [ME], **terms})
            end = time.monotonic() + 15
            while time.monotonic() < end:
                for u in china.poll():
                    assert u.kind != "error", u.data
                    if u.kind == "ack" and u.data["action"]["type"] == "propose":
                        new = [
                            k
                            for k, p in server_proposals(handle, code).items()
                            if k not in before and p["proposer"] == THEM
                        ]
                        assert len(new) == 1, new
                        return new[0]
                app.step()
                time.sleep(0.005)
            raise AssertionError("China's proposal was not acknowledged")

        def deal_button(kind: str, pid: int) -> Any:
            ui.step_until(
                app,
                lambda: (
                    (kind, pid) in app.game.deal_buttons
                    and app.game.deal_buttons[(kind, pid)].alive()
                ),
                state=lambda: sorted(app.game.deal_buttons),
            )
            button = app.game.deal_buttons[(kind, pid)]
            on_screen(app, button)
            assert button.most_specific_combined_id.endswith(f"#deal-{kind}-{pid}")
            return button

        # Accept: the proposal becomes an agreement on the server
        summit = china_proposes(summit=True, text="Meet in Beijing.")
        ui.click(app, deal_button("accept", summit))
        ui.step_until(app, lambda: server_proposals(handle, code)[summit]["status"] != "open")
        recorded = server_proposals(handle, code)[summit]
        assert recorded["status"] == "accepted", recorded
        assert recorded["responses"][ME] == "accept"
        ui.step_until(app, lambda: any(a["id"] == summit for a in m.view["agreements"]))

        # Reject: closed as rejected, North Korea's answer recorded
        first = china_proposes(talks=True, text="Talks in Beijing, then.")
        ui.click(app, deal_button("reject", first))
        ui.step_until(app, lambda: server_proposals(handle, code)[first]["status"] != "open")
        recorded = server_proposals(handle, code)[first]
        assert recorded["status"] == "rejected", recorded
        assert recorded["responses"][ME] == "reject"
        ui.step_until(app, lambda: ("reject", first) not in app.game.deal_buttons)

        # Counter: the composer opens with China's terms; its Send is clicked
        second = china_proposes(talks=True, inspections=True, text="Talks with inspectors.")
        ui.click(app, deal_button("counter", second))
        ui.step_until(app, lambda: app.composer is not None)
        composer = app.composer
        assert composer.counter_to == second
        assert composer.to == [THEM]
        assert composer.flags["talks"] and composer.flags["inspections"]
        assert not composer.flags["summit"]
        assert f"#{second}" in ui.screen_text(app), "the window says what it counters"
        before = set(server_proposals(handle, code))
        ui.click(app, composer.widgets["send"])
        ui.step_until(app, lambda: app.composer is None)
        ui.step_until(app, lambda: set(server_proposals(handle, code)) - before != set())
        proposals = server_proposals(handle, code)
        (counter,) = [k for k in proposals if k not in before]
        recorded = proposals[counter]
        assert recorded["proposer"] == ME and recorded["counter_to"] == second, recorded
        assert recorded["status"] == "open" and THEM in recorded["parties"]
        assert recorded["talks"] and recorded["inspections"] and not recorded["summit"]
        assert proposals[second]["status"] == "countered", proposals[second]

        # Withdraw: the counter-proposal is the player's own; withdrawn on the server
        ui.click(app, deal_button("withdraw", counter))
        ui.step_until(app, lambda: server_proposals(handle, code)[counter]["status"] != "open")
        recorded = server_proposals(handle, code)[counter]
        assert recorded["status"] == "withdrawn", recorded
        ui.step_until(app, lambda: ("withdraw", counter) not in app.game.deal_buttons)

        assert not ui.client_faults(app), m.refusals
        assert not m.refusals, m.refusals
        assert not app.error_rects, m.error_log
    finally:
        china.close()
        app_conn.close()
