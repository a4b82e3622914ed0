"""A whole short game (the tutorial) from a browser seat against bots, clicking the real
controls of the page that ``sixparty serve`` answers on its own port: join by code, read
the briefing, set a lever (with its explanation on focus), chat in public and in private
(what a player typed is shown as text, never as markup), send a signal, propose a deal,
get ready and submit orders each month, read each month's summary, come back after a
reload and after closing the tab (the seat token kept in the browser), and see the
final scores.
"""

from __future__ import annotations

from typing import Any

from tests.web.conftest import Server


def _wait_phase(page: Any, words: str) -> None:
    page.wait_for_function(
        "w => document.getElementById('phase').textContent.includes(w)", arg=words
    )


def _end_phase(page: Any, month: int, last: bool, shot: Any = None) -> None:
    """Ready for orders, submit them, and read the month's summary."""
    ready = page.locator("#ready")
    page.wait_for_function("() => !document.getElementById('ready').disabled")
    assert ready.text_content() == "Ready for orders"
    ready.click()
    _wait_phase(page, "Orders:")
    page.wait_for_function(
        "() => document.getElementById('ready').textContent === 'Submit orders' "
        "&& !document.getElementById('ready').disabled"
    )
    ready.click()
    if last:
        return
    page.wait_for_selector("#summary[open]")
    title = page.locator("#summary-title").text_content() or ""
    assert title.startswith(f"What happened in Month {month}")
    assert page.locator("#summary-body li").count() >= 1, "the month's news is listed"
    if shot is not None:
        shot(f"summary-month-{month}")
    page.click("#summary-close")
    page.wait_for_selector("#summary", state="hidden")


def test_a_whole_tutorial_game_from_a_browser_seat(server: Server, students: Any) -> None:
    room = server.room(
        "--scenario",
        "tutorial",
        "--bots",
        "south=planner,mediator=planner",
        "--timers",
        "negotiation=none,orders=none",
        "--start",
        "now",
    )
    code = room["code"]
    assert room["page"] == f"{server.http}/join/{code}"
    s = students()
    page = s.page

    # the lobby: type the code (any case) and a name, see the teams, pick one
    page.goto(f"{server.http}/")
    page.fill("#code", code.lower())
    page.fill("#name", "Ada")
    page.click("#show-teams")
    page.wait_for_selector("#seat-north")
    assert page.locator("#seat-south").is_disabled(), "a bot's seat cannot be taken"
    page.click("#seat-north")
    page.wait_for_selector("body[data-ready='1']")
    assert page.url.endswith(f"/join/{code}")

    # first the briefing, public and secret
    briefing = page.locator("#panel-briefing")
    assert briefing.is_visible()
    assert "keep fishing" in (briefing.text_content() or "")
    assert page.locator("#title").text_content() == "Northland — Month 1 — set a lever"
    assert (
        page.locator("#deadlines")
        .inner_text()
        .startswith("A fishing deal (end of the tutorial): 2 months left")
    )

    # month 1: a lever, with its explanation on keyboard focus
    page.click("[data-tab=orders]")
    page.wait_for_selector("#panel-orders.active")
    page.focus("#option-fishing-expand")
    tip = page.locator("#option-fishing-expand-tip")
    assert tip.is_visible() and len(tip.text_content() or "") > 20
    page.click("#option-fishing-restrain")
    page.wait_for_selector("#option-fishing-restrain[aria-pressed='true']")
    assert page.locator("#option-fishing-normal").get_attribute("aria-pressed") == "false"

    # chat: public, with markup that must stay text
    page.click("[data-tab=chat]")
    page.wait_for_selector("#panel-chat.active")
    evil = "<img src=x onerror=alert(1)> <b>hello</b>"
    page.fill("#chat-text", evil)
    page.press("#chat-text", "Enter")
    page.wait_for_function(
        "t => [...document.querySelectorAll('#messages .text')].some(e => e.textContent === t)",
        arg=evil,
    )
    assert page.locator("#messages img, #messages b:not(.from)").count() == 0
    # and private, to one country
    page.click('[id="channel-north+south"]')
    page.fill("#chat-text", "Just between us.")
    page.click("#chat-send")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#messages .text')]"
        ".some(e => e.textContent === 'Just between us.')"
    )
    page.click('[id="channel-public"]')
    page.wait_for_selector('[id="channel-public"][aria-current="true"]')
    page.wait_for_function(
        "() => document.getElementById('messages').textContent.includes('hello')"
    )
    assert "Just between us." not in (page.locator("#messages").text_content() or "")
    _end_phase(page, 1, last=False)

    # the seat survives a reload and a closed tab (the token is in the browser)
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#lobby").is_hidden()
    assert (page.locator("#title").text_content() or "").startswith("Northland — Month 2")
    page.close()
    page = s.page = s.context.new_page()
    page.goto(f"{server.http}/")
    page.wait_for_selector("body[data-ready='1']")
    assert (page.locator("#title").text_content() or "").startswith("Northland — Month 2")

    # month 2: a signal, with a target
    page.click("[data-tab=orders]")
    page.click("#signal-naval_drill")
    page.wait_for_selector("#signal-naval_drill[aria-pressed='true']")
    page.click("#target-mediator")
    page.wait_for_selector("#target-mediator[aria-pressed='true']")
    page.click("#signal-olive_branch")
    page.wait_for_selector("#signal-olive_branch[aria-pressed='true']")
    assert page.locator("#target-mediator").count() == 0, "an olive branch has no addressee"
    _end_phase(page, 2, last=False, shot=s.shot)
    page.click("[data-tab=news]")
    assert "Olive branch" in (page.locator("#news").text_content() or "")

    # month 3: a deal through the composer
    page.click("[data-tab=deals]")
    page.click("#propose")
    page.wait_for_selector("#composer[open]")
    page.check("#to-south")
    page.click("#composer-add")
    term = page.locator("#composer-terms .term").first
    term.locator("select[aria-label='Who commits']").select_option("north")
    term.locator("select[aria-label='Lever']").select_option("fishing")
    term.locator("select[aria-label='Option']").select_option("restrain")
    term.locator("input[aria-label='For how many months']").fill("1")
    page.fill("#composer-text", "Fewer boats, fewer drills.")
    page.click("#composer-send")
    page.wait_for_selector("#composer", state="hidden")
    page.wait_for_function(
        "() => /Fishing fleet = Fish less/.test(document.getElementById('deals').textContent)"
    )
    _end_phase(page, 3, last=True)

    # the end: every team's score, yours marked
    page.wait_for_selector("#end[open]")
    s.shot("end-chromebook")
    rows = page.locator("#end-body tbody tr")
    assert rows.count() == 3
    assert "Northland (you)" in (page.locator("#end-body").text_content() or "")
    assert page.locator("#ready").text_content() == "See the results"
    caption = page.locator("#end-body figcaption").first.text_content() or ""
    assert caption.startswith("Tension, month by month: 40 → ")
    with page.expect_download() as download:
        page.click("#report")
    assert download.value.suggested_filename.endswith(".html")
    assert "<html" in download.value.path().read_text(encoding="utf-8").lower()
    assert s.problems == [], s.problems
