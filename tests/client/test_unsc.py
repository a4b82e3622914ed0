"""The Security Council in the client: a permanent member tables a draft and votes on one.

A local game of the default scenario (it has a ``unsc`` section): China's bot tables a
draft to relax coal sanctions in the first month; the player (the United States) vetoes
it by clicking, then tables its own draft; the deals tab shows each draft and its votes.
"""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game import load_scenario
from game.bots.base import Bot, Context
from game.client.app import App
from game.client.local import LocalConnection


class Quiet(Bot):
    """Says nothing; China tables one draft in the first month."""

    name = "quiet"

    def negotiate(self, ctx: Context) -> list[dict[str, Any]]:
        if self.actor == "china" and ctx.month == 1 and ctx.round == 0:
            return [{"type": "unsc_draft", "sector": "coal_minerals", "direction": "relax"}]
        return []

    def orders(self, ctx: Context) -> dict[str, Any]:
        return {"levers": {}}


@pytest.fixture
def app() -> Any:
    rules = load_scenario("korea-2019")
    assert rules.unsc and "us" in rules.p5 and "china" in rules.p5
    conn = LocalConnection(rules, 3, "us", {a: Quiet(a) for a in rules.actor_ids})
    app = App(conn)
    yield app
    conn.close()
    pygame.quit()


def test_a_permanent_member_vetoes_a_draft_and_tables_its_own(
    app: App, ui: Any, shots: Any
) -> None:
    m = app.model
    ui.past_briefing(app)
    ui.click(app, app.game.tab_buttons["deals"])
    drafts = m.view["unsc_drafts"]
    assert [(d["drafter"], d["sector"], d["direction"]) for d in drafts] == [
        ("china", "coal_minerals", "relax")
    ]
    china = drafts[0]["id"]
    ui.step_until(app, lambda: ("no", china) in app.game.unsc_buttons)

    ui.click(app, app.game.unsc_buttons[("no", china)])
    ui.step_until(app, lambda: m.view["unsc_drafts"][0]["votes"].get("us") == "no")
    assert ("no", china) not in app.game.unsc_buttons, "one vote per member"

    ui.click(app, app.game.unsc_buttons[("open", 0)])
    ui.step_until(app, lambda: ("tighten", "maritime") in app.game.unsc_buttons)
    ui.click(app, app.game.unsc_buttons[("tighten", "maritime")])
    ui.step_until(app, lambda: len(m.view["unsc_drafts"]) == 2)
    ours = m.view["unsc_drafts"][1]
    assert (ours["drafter"], ours["sector"], ours["direction"]) == ("us", "maritime", "tighten")
    assert ours["votes"] == {"us": "yes"}
    shots(app, "unsc", "Security Council", "Draft #", "veto")

    # at the month's end China's draft is vetoed and ours passes; the news says so
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["phase"] == "orders")
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["month"] == 2)
    status = {d["id"]: d["status"] for d in m.view["unsc_drafts"]}
    assert status == {china: "vetoed", ours["id"]: "passed"}
    news = " ".join(n["text"] for n in m.view["news"])
    assert "vetoed by United States" in news
