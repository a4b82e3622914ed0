"""A person attaches terms to a chat message with real mouse clicks, and a bot answers.

North Korea plays in the window against a real server (port 0) with bots on every other
seat. On the chat channel with the United States the player clicks "Terms…", picks
"Request", adds a term (the US negotiating stance, Step by step) with the drop-downs,
types the words, and clicks "Send message". The server's game records the message with its
intent; the US bot answers it with words and an intent of its own, which the chat shows.
"""

from __future__ import annotations

from typing import Any

import pytest

from game.client.driver import find_button

ME = "dprk"


@pytest.fixture
def room(untimed_room: Any) -> Any:
    """A real server: reciprocators on every seat but North Korea's, no timers."""
    rules, handle, made = untimed_room((ME,), "reciprocator")
    return rules, handle, made.code


def server_messages(handle: Any, code: str) -> list[dict[str, Any]]:
    return handle.call(lambda: [dict(m) for m in handle.server.rooms[code].game.messages])


def test_terms_picked_by_clicking_go_with_the_words_and_a_bot_answers(room: Any, ui: Any) -> None:
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection

    rules, handle, code = room
    conn = NetConnection(handle.url, token=handle.seat_token(code, ME), info=scenario_info(rules))
    app = App(conn)
    m = app.model
    try:
        ui.past_briefing(app)
        ui.click(app, app.game.tab_buttons["chat"])
        channel = "+".join(sorted({ME, "us"}))
        ui.step_until(app, lambda: channel in app.game.channel_buttons)
        ui.click(app, app.game.channel_buttons[channel])
        ui.step_until(app, lambda: m.channel == channel)

        ui.click(app, find_button(app, "#chat_terms"))
        ui.step_until(app, lambda: app.composer is not None)
        composer = app.composer
        assert composer.intent == "offer" and composer.to == ["us"]
        assert "Message with terms" in ui.screen_text(app)
        ui.click(app, composer.widgets["intent.request"])
        ui.step_until(app, lambda: composer.intent == "request")
        ui.click(app, composer.widgets["add"])
        ui.step_until(app, lambda: len(composer.commitments) == 1)
        assert composer.commitments[0]["actor"] == "us"

        def menu(field: str) -> Any:
            return next(dd for dd, (row, f) in composer.rows.items() if (row, f) == (0, field))

        levers = list(m.legal["commitment_levers"]["us"])
        ui.pick(app, menu("lever"), levers.index("us_stance"))
        ui.step_until(app, lambda: composer.commitments[0]["lever"] == "us_stance")
        options = m.legal["commitment_levers"]["us"]["us_stance"]
        ui.pick(app, menu("option"), options.index("step_by_step"))
        ui.step_until(app, lambda: composer.commitments[0]["option"] == "step_by_step")
        ui.type_text(app, composer.widgets["text"], "Change your stance: step by step.")
        ui.click(app, composer.widgets["send"])
        ui.step_until(app, lambda: app.composer is None)

        def mine() -> list[dict[str, Any]]:
            return [x for x in server_messages(handle, code) if x["from"] == ME]

        ui.step_until(app, lambda: bool(mine()))
        sent = mine()[0]
        assert sent["to"] == ["us"] and sent["text"] == "Change your stance: step by step."
        assert sent["intent"]["kind"] == "request"
        (term,) = sent["intent"]["terms"]
        assert (term["actor"], term["lever"], term["option"]) == ("us", "us_stance", "step_by_step")

        def answer() -> list[dict[str, Any]]:
            return [
                x
                for x in server_messages(handle, code)
                if x["from"] == "us" and x["to"] == [ME] and "intent" in x
            ]

        ui.step_until(app, lambda: bool(answer()), timeout=30)
        reply = answer()[0]
        assert reply["intent"]["kind"] in ("offer", "reject", "accept")
        # The chat shows the bot's words and, under them, what its intent says.
        ui.step_until(app, lambda: any(x["from"] == "us" for x in m.messages(channel)))
        shown = ui.screen_text(app)
        assert reply["text"][:30] in shown.replace("\n", " ") or "United States" in shown
        assert any(w in shown for w in ("offers", "rejects", "accepts")), shown[-800:]
        assert not ui.client_faults(app), m.refusals
        assert not m.refusals, m.refusals
    finally:
        conn.close()
