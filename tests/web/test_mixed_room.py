"""One room, three kinds of seat: two students in browsers on the same team (one on a
Chromebook-sized window, one on a phone), a student in the pygame client (SDL's dummy
driver) on another team, a bot on the third, and the projector page showing the join
code, who joined which team, and the countdown.

The two browser students share their team's view (a lever one sets shows as set for the
other); chat crosses between the browser and pygame, in private and in a group (and what
the pygame student typed is text in the browser, never markup); proposals from the pygame seat are countered,
rejected and accepted in the browser; a browser proposal is withdrawn; and the game is
played to the end screen on all three.
"""

from __future__ import annotations

from typing import Any

from tests.web.conftest import SIZES, Server


def _proposals(m: Any) -> list[dict[str, Any]]:
    return list((m.view or {}).get("proposals", []))


def _press_ready(app: Any, done: Any) -> None:
    """Click the pygame seat's ready button until the server has it (a click that lands
    while the screen is rebuilt for a new view is lost, as a person's would be)."""
    from tests.client.conftest import click, step_until

    for _ in range(3):
        step_until(
            app,
            lambda: (
                done() or (app.game.ready_button is not None and app.game.ready_button.is_enabled)
            ),
        )
        if done():
            return
        click(app, app.game.ready_button)
        try:
            step_until(app, done, 3)
            return
        except AssertionError:
            continue
    raise AssertionError("the pygame seat's ready was never taken")


def _by_text(m: Any, text: str) -> dict[str, Any] | None:
    """The proposal (of anyone: the bot proposes too) with this note, as pygame sees it."""
    return next((p for p in _proposals(m) if p["text"] == text), None)


def test_two_browser_students_on_one_team_and_a_pygame_seat(server: Server, students: Any) -> None:
    from game.client.app import App
    from game.client.net import NetConnection
    from tests.client.conftest import click, past_briefing, step_until

    room = server.room(
        "--scenario",
        "tutorial",
        "--bots",
        "mediator=planner",
        "--timers",
        "negotiation=none,orders=none",
        "--start",
        "now",
    )
    code = room["code"]

    # the pygame student takes Southland from the lobby
    conn = NetConnection(server.ws + "/", code=code, name="Cy")
    app = App(conn, name="Cy")
    m = app.model
    try:
        step_until(app, lambda: app.screen is app.lobby and "south" in app.lobby.seat_buttons)
        click(app, app.lobby.seat_buttons["south"])
        past_briefing(app)
        assert m.you == "south"

        ann, bea = students(SIZES["chromebook"]), students(SIZES["phone"])
        ann.join(server.http, code, "Ann", "north")
        bea.join(server.http, code, "Bea", "north")
        a, b = ann.page, bea.page

        # the projector: code, teams with their people, the clock
        projector = students(SIZES["laptop"])
        projector.page.goto(room["projector"])
        projector.page.wait_for_function(
            "() => /Ann, Bea/.test(document.getElementById('roster-north')?.textContent)"
        )
        assert projector.page.locator("#big-code").text_content() == code
        assert "Cy" in (projector.page.locator("#roster-south").text_content() or "")
        assert "bot" in (projector.page.locator("#roster-mediator").text_content() or "")
        assert f"/join/{code}" in (projector.page.locator("#address").text_content() or "")
        projector.shot("projector")

        # one team, one view: Ann's lever shows as set on Bea's phone
        a.click("[data-tab=orders]")
        a.click("#option-fishing-restrain")
        b.click("[data-tab=orders]")
        b.wait_for_selector("#option-fishing-restrain[aria-pressed='true']")

        # chat across clients: browser -> pygame in private, pygame -> browser in public
        a.click("[data-tab=chat]")
        a.click('[id="channel-north+south"]')
        a.fill("#chat-text", "Ann here: shall we talk?")
        a.press("#chat-text", "Enter")
        step_until(
            app,
            lambda: any(
                x["text"] == "Ann here: shall we talk?" and x["to"] == ["south"]
                for x in (m.view or {}).get("messages", [])
            ),
        )
        # a group: all three countries, from the "New group…" picker
        a.click("#group-open")
        a.check("#group-south")
        a.check("#group-mediator")
        a.click("#group-go")
        a.wait_for_selector('[id="channel-mediator+north+south"][aria-current="true"]')
        a.fill("#chat-text", "All three of us?")
        a.press("#chat-text", "Enter")
        step_until(
            app,
            lambda: any(
                x["text"] == "All three of us?" and sorted(x["to"]) == ["mediator", "south"]
                for x in (m.view or {}).get("messages", [])
            ),
        )
        markup = "<script>alert('Cy')</script><i>hi</i>"
        app.conn.send({"type": "message", "to": [], "text": markup})
        b.click("[data-tab=chat]")
        b.wait_for_function(
            "t => [...document.querySelectorAll('#messages .text')].some(e => e.textContent === t)",
            arg=markup,
        )
        assert b.locator("#messages script, #messages i").count() == 0

        # proposals from the pygame seat: countered, rejected, accepted in the browser
        deal = {
            "type": "propose",
            "to": ["north"],
            "commitments": [
                {"actor": "north", "lever": "fishing", "option": "restrain", "months": 1}
            ],
            "text": "Fish less for a month?",
        }
        app.conn.send(deal)
        step_until(app, lambda: _by_text(m, deal["text"]) is not None)
        first = _by_text(m, deal["text"])["id"]  # type: ignore[index]
        b.click("[data-tab=deals]")
        b.click(f"#deal-counter-{first}")
        b.wait_for_selector("#composer[open]")
        assert b.locator("#to-south").is_checked()
        term = b.locator("#composer-terms .term").first
        assert term.locator("select[aria-label='Option']").input_value() == "restrain"
        term.locator("input[aria-label='For how many months']").fill("2")
        b.fill("#composer-text", "Two months, and talks.")
        b.check("#composer-talks")
        b.click("#composer-send")
        b.wait_for_selector("#composer", state="hidden")
        step_until(app, lambda: any(p.get("counter_to") == first for p in _proposals(m)))
        counter = next(p for p in _proposals(m) if p.get("counter_to") == first)
        assert counter["proposer"] == "north" and counter["talks"] is True
        assert counter["commitments"][0]["months"] == 2
        assert next(p for p in _proposals(m) if p["id"] == first)["status"] == "countered"

        app.conn.send({**deal, "text": "Second try."})
        step_until(app, lambda: _by_text(m, "Second try.") is not None)
        second = _by_text(m, "Second try.")["id"]  # type: ignore[index]
        a.click("[data-tab=deals]")
        a.click(f"#deal-reject-{second}")
        step_until(app, lambda: _by_text(m, "Second try.")["status"] == "rejected")  # type: ignore[index]

        app.conn.send({**deal, "text": "Third time lucky."})
        step_until(app, lambda: _by_text(m, "Third time lucky.") is not None)
        third = _by_text(m, "Third time lucky.")["id"]  # type: ignore[index]
        a.click(f"#deal-accept-{third}")
        a.wait_for_function(
            "() => [...document.querySelectorAll('[id^=agreement-]')]"
            ".some(e => e.textContent.includes('Third time lucky.'))"
        )

        # a browser proposal, withdrawn
        a.click("#propose")
        a.check("#to-south")
        a.check("#composer-summit")
        a.fill("#composer-text", "A summit?")
        a.click("#composer-send")
        step_until(app, lambda: _by_text(m, "A summit?") is not None)
        summit = _by_text(m, "A summit?")["id"]  # type: ignore[index]
        a.click(f"#deal-withdraw-{summit}")
        step_until(
            app,
            lambda: any(
                p["text"] == "A summit?" and p["status"] == "withdrawn" for p in _proposals(m)
            ),
        )

        # play to the end: Bea and Ann on one seat, Cy in pygame
        for month in (1, 2, 3):
            for page in (a, b):
                if page.locator("#summary[open]").count():
                    page.click("#summary-close")
            b.wait_for_function(
                "() => document.getElementById('ready').textContent === 'Ready for orders'"
                " && !document.getElementById('ready').disabled"
            )
            b.click("#ready")
            _press_ready(
                app,
                lambda: "south" in m.view.get("ready", []) or m.view["phase"] != "negotiation",
            )
            step_until(app, lambda: m.view["phase"] == "orders")
            a.wait_for_function(
                "() => document.getElementById('ready').textContent === 'Submit orders'"
                " && !document.getElementById('ready').disabled"
            )
            a.click("#ready")
            _press_ready(
                app,
                lambda: "south" in m.view.get("submitted", []) or m.view["phase"] != "orders",
            )
            try:
                step_until(
                    app,
                    lambda mo=month: m.view["month"] > mo or m.view["phase"] == "over",
                )
            except AssertionError:
                v = m.view
                raise AssertionError(
                    f"month {month} did not end: pygame sees {v['month']} {v['phase']} "
                    f"submitted={v.get('submitted')} ready={v.get('ready')} "
                    f"screen={type(app.screen).__name__} errors={m.error_log}; "
                    f"Ann's button: {a.locator('#ready').text_content()}"
                ) from None
        step_until(app, lambda: m.view["phase"] == "over")
        for page in (a, b):
            page.wait_for_selector("#end[open]")
            assert "Northland (you)" in (page.locator("#end-body").text_content() or "")
        bea.shot("end-phone")
        step_until(app, lambda: app.screen is app.end, 20)
        assert ann.problems == [] and bea.problems == [] and projector.problems == []
    finally:
        conn.close()
        import pygame

        pygame.quit()
