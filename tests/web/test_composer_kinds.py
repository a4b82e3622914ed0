"""The 2019 bargains offered from the browser's composer, through a real ``sixparty serve``
on port 0 and real Chromium clicks, to a bot United States.

A student playing North Korea picks, with the composer's own pickers:

- the dual suspension ("freeze for freeze"): North Korea's test moratorium, its rung
  picked by the ladder's names (submarine-launched missile tests and up), for US
  exercises at most scaled down;
- a phased Yongbyon-for-relief package: North Korea freezes its nuclear programme; the
  United States votes yes on Council drafts to relax sanctions on coal and minerals,
  *after* the freeze has been kept a month (the engine's ``after``), with inspections;
- the dual suspension again as a chat message's terms (Terms…).

Each row says itself in words as it is picked; the server records the exact terms (read
through the facilitator's omniscient connection); the bot answers each (accepts, rejects
or counters a proposal; answers a message with an intent of its own). At 390x844 the rows
fit the phone and every control has a name; attending the talks is on offer only with
talks ticked, and goes when they are unticked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tests.web.conftest import SIZES, Server, fits

ME = "dprk"


def _watch(server: Server, token: str) -> tuple[Any, Any]:
    from game.client.model import ClientModel
    from game.client.net import NetConnection

    return ClientModel(), NetConnection(server.ws + "/", token=token)


def _wait(conn: Any, model: Any, pred: Callable[[dict[str, Any]], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for u in conn.poll():
            model.apply(u)
        if model.view is not None and pred(model.view):
            return
        time.sleep(0.05)
    raise AssertionError(f"not seen within {timeout} s: {model.refusals}")


def _row(page: Any, i: int) -> Any:
    return page.locator("#composer-terms .term").nth(i)


def _dual_suspension(page: Any, rung: str, words: str) -> None:
    """Row 1: the US exercises at most scaled down; row 2: North Korea's moratorium."""
    page.click("#composer-add")
    row = _row(page, 0)
    assert row.locator("select[aria-label='Who commits']").input_value() == "us"
    row.locator("select[aria-label='Lever']").select_option("exercises")
    row.locator("select[aria-label='How']").select_option("at_most")
    row.locator("select[aria-label='Option']").select_option("scaled_down")
    assert row.locator(".term-words").text_content() == (
        "1. United States: Joint military exercises = at most Scaled down, "
        "from April 2019 for 3 months"
    )
    page.click("#composer-add")
    row = _row(page, 1)
    row.locator("select[aria-label='Who commits']").select_option(ME)
    row.locator("select[aria-label='Lever']").select_option("@signals")
    assert row.locator("select[aria-label='Option']").is_hidden()
    row.locator("select[aria-label='No test from']").select_option(rung)
    said = row.locator(".term-words").text_content() or ""
    assert said.startswith(f"2. North Korea: {words}"), said


def _seat(server: Server, students: Any) -> tuple[Any, Any, Any, Any]:
    """North Korea in a browser at 1366x768, a reciprocator US and historical bots
    elsewhere, and the facilitator's omniscient connection to read what the server
    recorded. (A room per bargain: a bot that has said it is ready answers only a few
    more moves a month, and other bots' offers may have used them.)"""
    room = server.room(
        "--bots",
        "us=reciprocator,china=historical,russia=historical,japan=historical,rok=historical",
        "--timers",
        "negotiation=10m,orders=3m",
        "--start",
        "now",
    )
    student = students(SIZES["chromebook"])
    student.join(server.http, room["code"], "Kim", ME)
    model, boss = _watch(server, room["facilitator_token"])
    return student, student.page, model, boss


def _mine(v: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in v.get("proposals", []) if p["proposer"] == ME]


def test_the_dual_suspension_goes_to_a_bot(server: Server, students: Any) -> None:
    """Freeze for freeze, tabled as a proposal."""
    student, page, model, boss = _seat(server, students)
    mine = _mine
    try:
        # the dual suspension, as a proposal
        page.click("[data-tab=deals]")
        page.click("#propose")
        page.wait_for_selector("#composer[open]")
        page.check("#to-us")
        _dual_suspension(page, "3", "no Submarine-launched missile test or anything higher")
        page.click("#composer-send")
        page.wait_for_selector("#composer", state="hidden")
        _wait(boss, model, lambda v: len(mine(v)) == 1, 20)
        first = mine(model.view)[0]
        us, dprk = first["commitments"]
        assert (us["actor"], us["lever"], us["option"], us["compare"]) == (
            "us",
            "exercises",
            "scaled_down",
            "at_most",
        )
        assert {k: dprk[k] for k in ("kind", "actor", "rung", "signals", "start", "months")} == {
            "kind": "signals",
            "actor": ME,
            "rung": 3,
            "signals": [],
            "start": 1,
            "months": 3,
        }
        assert "after" not in us and "after" not in dprk
        # the bot weighs it and answers
        _wait(boss, model, lambda v: mine(v)[0]["status"] != "open", 60)
        assert mine(model.view)[0]["status"] in ("accepted", "rejected", "countered")

    finally:
        boss.close()
    assert student.problems == []


def test_a_phased_yongbyon_for_relief_package_goes_to_a_bot(server: Server, students: Any) -> None:
    """A freeze, then the Council's relief once it is kept, with inspections."""
    student, page, model, boss = _seat(server, students)
    mine = _mine
    try:
        # the phased package: the freeze first, the Council's relief once it is kept
        page.click("[data-tab=deals]")
        page.click("#propose")
        page.wait_for_selector("#composer[open]")
        assert page.locator("#composer-terms .term").count() == 0
        page.check("#to-us")
        page.click("#composer-add")
        row = _row(page, 0)
        row.locator("select[aria-label='Who commits']").select_option(ME)
        row.locator("select[aria-label='Lever']").select_option("nuclear_programme")
        row.locator("select[aria-label='Option']").select_option("freeze")
        page.click("#composer-add")
        row = _row(page, 1)
        row.locator("select[aria-label='Lever']").select_option("@unsc")
        row.locator("select[aria-label='Council drafts']").select_option("relax:coal_minerals")
        row.locator("select[aria-label='Vote']").select_option("yes")
        start = row.locator("select[aria-label='From']")
        after = [o for o in start.locator("option").all_text_contents() if o.startswith("after")]
        assert after == ["after term 1 is kept"], after
        start.select_option(label="after term 1 is kept")
        said = row.locator(".term-words").text_content() or ""
        assert said == (
            "2. United States: vote yes on Security Council drafts to relax sanctions "
            "(coal and minerals), once term 1 has been kept 1 month, for 3 months"
        ), said
        page.check("#composer-inspections")
        fits(page, "the composer's new rows at 1366x768")
        student.shot("composer-kinds-chromebook")
        page.click("#composer-send")
        page.wait_for_selector("#composer", state="hidden")
        _wait(boss, model, lambda v: len(mine(v)) == 1, 20)
        second = mine(model.view)[0]
        freeze, relief = second["commitments"]
        assert (freeze["actor"], freeze["lever"], freeze["option"]) == (
            ME,
            "nuclear_programme",
            "freeze",
        )
        assert "after" not in freeze and second["inspections"] is True
        assert {k: relief[k] for k in ("kind", "actor", "sector", "direction", "vote")} == {
            "kind": "unsc",
            "actor": "us",
            "sector": "coal_minerals",
            "direction": "relax",
            "vote": "yes",
        }
        assert relief["after"] == {"term": 0, "months": 1}
        # the Deals card shows the phased term in the engine's words
        page.wait_for_selector(f"#proposal-{second['id']}")
        card = page.locator(f"#proposal-{second['id']}").text_content() or ""
        assert relief["text"] in card, (relief["text"], card)
        _wait(boss, model, lambda v: mine(v)[0]["status"] != "open", 60)
        assert mine(model.view)[0]["status"] in ("accepted", "rejected", "countered")

    finally:
        boss.close()
    assert student.problems == []


def test_the_dual_suspension_as_a_message_gets_an_answer(server: Server, students: Any) -> None:
    """Freeze for freeze as a chat message's terms (Terms…)."""
    student, page, model, boss = _seat(server, students)
    try:
        # the dual suspension as a message's terms
        page.click("[data-tab=chat]")
        page.click('[id="channel-dprk+us"]')
        page.wait_for_selector('[id="channel-dprk+us"][aria-current="true"]')
        page.fill("#chat-text", "Freeze for freeze: no SLBMs, no big drills.")
        page.click("#chat-terms")
        page.wait_for_selector("#composer[open]")
        _dual_suspension(page, "5", "no ICBM test or anything higher")
        kinds = _row(page, 1).locator("select[aria-label='Lever'] option")
        assert "@attend" not in [kinds.nth(i).get_attribute("value") for i in range(kinds.count())]
        page.click("#composer-send")
        page.wait_for_selector("#composer", state="hidden")

        def said(who: str, to: list[str]) -> list[dict[str, Any]]:
            return [
                x
                for x in model.view.get("messages", [])
                if x["from"] == who and x["to"] == to and "intent" in x
            ]

        _wait(boss, model, lambda v: bool(said(ME, ["us"])), 20)
        exercises, moratorium = said(ME, ["us"])[0]["intent"]["terms"]
        assert (exercises["lever"], exercises["option"], exercises["compare"]) == (
            "exercises",
            "scaled_down",
            "at_most",
        )
        assert (moratorium["kind"], moratorium["actor"], moratorium["rung"]) == ("signals", ME, 5)
        _wait(boss, model, lambda v: bool(said("us", [ME])), 60)
    finally:
        boss.close()
    assert student.problems == []


def test_the_new_rows_fit_a_phone_and_attending_follows_talks(
    server: Server, students: Any
) -> None:
    room = server.room("--bots", "us=historical,china=historical,russia=historical,"
                       "japan=historical,rok=historical", "--start", "now")  # fmt: skip
    student = students(SIZES["phone"])
    page = student.page
    student.join(server.http, room["code"], "Kim", ME)
    page.click("[data-tab=deals]")
    page.click("#propose")
    page.wait_for_selector("#composer[open]")
    page.check("#to-us")
    _dual_suspension(
        page,
        "2",
        "no Short-range missile test or Rocket-engine test at Sohae or anything higher",
    )
    page.click("#composer-add")
    row = _row(page, 2)
    row.locator("select[aria-label='Lever']").select_option("@unsc")
    row.locator("select[aria-label='From']").select_option(label="after term 2 is kept")
    options = row.locator("select[aria-label='Lever'] option")
    assert "@attend" not in [options.nth(i).get_attribute("value") for i in range(options.count())]
    page.check("#composer-talks")
    page.click("#composer-add")
    row = _row(page, 3)
    row.locator("select[aria-label='Lever']").select_option("@attend")
    assert row.locator("select[aria-label='From']").is_hidden()
    assert row.locator(".term-words").text_content() == (
        "4. United States: attend the talks the deal sets"
    )
    fits(page, "the composer's new rows on a phone")
    student.shot("composer-kinds-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    fits(page, "the composer's new rows at 1366x768")
    student.shot("composer-kinds")
    # no talks, no one to attend them; removing row 2 drops the phasing that waited for it
    page.uncheck("#composer-talks")
    assert page.locator("#composer-terms .term").count() == 3
    _row(page, 1).locator("button[aria-label='Remove this commitment']").click()
    said = _row(page, 1).locator(".term-words").text_content() or ""
    assert said.startswith("2. United States: not veto Security Council drafts"), said
    assert "once term" not in said and "from April 2019" in said, said
    assert student.problems == []
