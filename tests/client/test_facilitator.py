"""The facilitator's screen against a real server, bots in five seats, one seat empty.

The empty seat keeps each phase open until its timer, so the facilitator's controls
can be driven one by one: pause and resume, extend, a scenario inject, a written news
item with an effect, an announcement, a seat handed to a bot and back, the room locked,
a skip to resolution, the end of the game; then the end screen's debrief report and
the replay, month by month.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from game import load_scenario
from game.client.app import App


def test_the_facilitator_steers_a_room_of_bots(tmp_path: Path, ui: Any, shots: Any) -> None:
    embed = pytest.importorskip("server.embed")
    from game.client.net import NetConnection

    rules = load_scenario("korea-2019")
    empty = rules.actor_ids[0]
    handle = embed.serve_in_thread(port=0)
    room = handle.create_room(
        scenario="korea-2019",
        seed=4,
        bots={a: "historical" for a in rules.actor_ids if a != empty},
        timers={"negotiation": 600, "orders": 600},
    )
    conn = NetConnection(handle.url, token=room.facilitator_token)
    app = App(conn)
    app.pages_dir = tmp_path
    m = app.model
    fac = app.facilitator
    step_until, click = ui.step_until, ui.click

    def news_has(text: str) -> bool:
        return any(text in n["text"] for n in m.view["news"])

    try:
        step_until(app, lambda: app.screen is fac and "pause" in fac.buttons)
        assert m.role == "facilitator" and m.you is None
        assert m.view["viewer"] == "omniscient" and "drafts" in m.view
        step_until(app, lambda: all(a in m.view["ready"] for a in rules.actor_ids[1:]))
        shots(app, "facilitator", "Facilitator — room", "Pause", "News injects")

        # every tab shows the omniscient view in words; the orders as a table
        for tab in ("messages", "deals", "truth", "news"):
            click(app, fac.buttons[f"tab-{tab}"])
            step_until(app, lambda t=tab: fac.content is not None and fac.tab == t)
        click(app, fac.buttons["tab-orders"])
        step_until(app, lambda: fac.table is not None and fac.tab == "orders")
        cells = [text for text, _, _ in fac.table_drawn]
        assert cells[:4] == ["Team", "Lever", "Order", "Seen"], cells[:5]
        first = rules.actor_ids[1]
        lever = next(iter(m.view["policy"][first]))
        assert m.name(first) in cells or m.name(first).split()[0] in cells
        assert m.lever(lever)["name"].split()[0] in " ".join(cells)

        # pause, resume
        click(app, fac.buttons["pause"])
        step_until(app, lambda: m.view["paused"] and "resume" in fac.buttons)
        assert m.remaining is None, "the clock stops"
        click(app, fac.buttons["resume"])
        step_until(app, lambda: not m.view["paused"] and "pause" in fac.buttons)

        # extend the phase by five minutes
        step_until(app, lambda: "extend+300" in fac.buttons)
        before = m.remaining
        click(app, fac.buttons["extend+300"])
        step_until(app, lambda: m.remaining is not None and m.remaining > before + 200)

        # a scenario inject, then a written one with an effect, then an announcement
        inject = sorted(rules.injects)[0]
        click(app, fac.buttons[f"inject-{inject}"])
        step_until(app, lambda: news_has(rules.injects[inject].news[:40]))
        click(app, fac.buttons["tab-news"])  # the written inject is under News
        step_until(app, lambda: fac.news_entry is not None and fac.news_entry.alive())
        fac.news_entry.set_text("A typhoon hits the coast.")
        fac.amount_entry.set_text("-4")
        click(app, fac.buttons["add-effect"])
        assert list(fac.effects.values()) == [-4.0]
        click(app, fac.buttons["send-news"])
        step_until(app, lambda: news_has("A typhoon hits the coast.") or bool(m.error_log))
        assert not m.error_log, m.error_log
        fac.announce_entry.set_text("Ten minutes to the orders phase.")
        click(app, fac.buttons["announce"])
        step_until(app, lambda: news_has("Ten minutes to the orders phase."))

        # take a seat back from its bot for people, then hand it to a bot again
        other = rules.actor_ids[1]
        seat_of = lambda: {s["id"]: s for s in m.legal["seats"]}[other]  # noqa: E731
        assert seat_of()["bot"] == "historical"
        assert fac.buttons[f"seat-{other}"].text == "People"
        click(app, fac.buttons[f"seat-{other}"])
        step_until(app, lambda: seat_of()["bot"] is None)
        assert fac.buttons[f"seat-{other}"].text == "Bot"
        click(app, fac.buttons[f"seat-{other}"])
        step_until(app, lambda: seat_of()["bot"] is not None)

        # lock the room
        click(app, fac.buttons["lock"])
        step_until(app, lambda: m.legal["locked"] is True)
        shots(app, "facilitator_controls", "Unlock the room", "(locked)", "Send the news inject")

        # skip to resolution: the next month begins
        click(app, fac.buttons["resolution"])
        step_until(app, lambda: m.view["month"] == 2)

        # end the game (the button asks twice): the end screen, the report, the replay
        click(app, fac.buttons["end"])
        assert fac.buttons["end"].text.startswith("Really")
        click(app, fac.buttons["end"])
        step_until(app, lambda: app.screen is app.end)
        click(app, app.end.report_button)
        step_until(app, lambda: app.report_path is not None or m.error_log)
        assert app.report_path is not None, m.error_log
        page = app.report_path.read_text()
        assert page.lstrip().lower().startswith("<!doctype html") and "</html>" in page
        assert app.report_path.parent == tmp_path

        click(app, app.end.replay_button)
        step_until(app, lambda: app.screen is app.replay and 1 in app.replay.exact)
        assert app.replay.month == 1
        ui.key(app, pygame.K_RIGHT)
        step_until(app, lambda: app.replay.month == 2 and 2 in app.replay.exact)
        assert app.replay.view()["month"] in (3, 2)  # the end of month 2: month 3, or over
        shots(app, "replay", "Previous month", "Next month", "Back to the scores")
        ui.key(app, pygame.K_ESCAPE)
        step_until(app, lambda: app.screen is app.end)
    finally:
        conn.close()
        pygame.quit()
        handle.stop()
