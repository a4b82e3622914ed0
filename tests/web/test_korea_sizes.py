"""The default scenario (Korea 2019) in the browser at a Chromebook's, a laptop's and a
phone's size: nothing runs off the screen or out of its box, every control has a name a
screen reader can read (the proposal composer and the message-with-terms picker too), the
Security Council works (the United States tables a draft in one browser, China vetoes it
in another), the map is drawn, the first load stays under 1 MB, and the page asks nothing
of any other server. Screenshots go to screens_dir() for
a person to look at (docs/screenshots/web-*.png are copies of them).
"""

from __future__ import annotations

from typing import Any

from tests.web.conftest import SIZES, Server, fits


def test_korea_at_three_sizes_with_the_security_council(server: Server, students: Any) -> None:
    others = "dprk=historical,russia=historical,japan=historical,rok=historical"
    room = server.room("--bots", others, "--timers", "negotiation=10m,orders=3m", "--start", "now")
    code = room["code"]

    us = students(SIZES["chromebook"])
    page = us.page
    loaded: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: loaded.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(f"{server.http}/join/{code}")
    page.wait_for_selector("#seat-us")
    us.shot("lobby-chromebook")
    fits(page, "lobby at 1366x768")
    page.fill("#name", "Ada")
    page.click("#seat-us")
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_selector("#map svg")
    total = sum(size for _, size in loaded)
    assert total < 1_000_000, f"first load {total} bytes"
    foreign = [url for url, _ in loaded if not url.startswith(server.http)]
    assert foreign == [], "nothing is fetched from anywhere else"
    assert page.locator("#map svg title").text_content().startswith("Map of the region")

    # the clock counts down from the 10-minute negotiation
    clock = page.locator("#clock").text_content() or ""
    assert clock.startswith("9:") or clock == "10:00", clock
    page.wait_for_function(
        "c => document.getElementById('clock').textContent !== c", arg=clock, timeout=5000
    )

    china = students(SIZES["laptop"])
    china.join(server.http, code, "Chen", "china")

    # the United States tables a draft; China vetoes it in its own browser
    page.click("[data-tab=deals]")
    page.select_option("#unsc-sector", "coal_minerals")
    page.click("#unsc-tighten")
    page.wait_for_selector("[id^='draft-']")
    draft = page.locator("[id^='draft-']").first
    assert "tighten sanctions on coal and minerals" in (draft.text_content() or "")
    assert "United States yes" in (draft.text_content() or "")
    draft_id = (draft.get_attribute("id") or "").removeprefix("draft-")
    c = china.page
    c.click("[data-tab=deals]")
    c.click(f"#unsc-no-{draft_id}")
    page.wait_for_function(
        "id => /China veto/.test(document.getElementById('draft-' + id).textContent)", arg=draft_id
    )
    china.shot("laptop-deals")
    fits(c, "deals at 1280x800")

    # levers with their explanations, at each size
    for size, (w, h) in SIZES.items():
        page.set_viewport_size({"width": w, "height": h})
        page.click("[data-tab=orders]")
        page.wait_for_selector("#panel-orders.active")
        page.wait_for_timeout(100)
        fits(page, f"orders at {w}x{h}")
        us.shot(f"{size}-orders")
        # the explanation of the rightmost option opens on focus, inside the screen
        page.focus("#option-us_stance-freeze_for_relief")
        box = page.locator("#option-us_stance-freeze_for_relief-tip").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w, (size, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= h, (size, box)
        page.locator("#title").focus()
        page.click("[data-tab=chat]")
        page.wait_for_selector("#panel-chat.active")
        fits(page, f"chat at {w}x{h}")
        # the message-with-terms picker (Terms…): the kinds, a term, the words
        page.click("#chat-terms")
        page.wait_for_selector("#composer[open]")
        assert page.locator("#composer-to-fixed").text_content() == "To: everyone (the public chat)"
        page.check("#kind-warn")
        page.click("#composer-add")
        assert page.locator("#composer-terms .term").count() == 1  # a fresh composer each time
        page.fill("#composer-text", "Do not test again.")
        fits(page, f"the terms picker at {w}x{h}")
        us.shot(f"intent-{size}-public-warn")
        page.keyboard.press("Escape")
        page.wait_for_selector("#composer", state="hidden")
        page.click("[data-tab=briefing]")
        page.wait_for_selector("#panel-briefing.active")
        fits(page, f"briefing at {w}x{h}")
    page.click("[data-tab=situation]")
    page.wait_for_selector("#panel-situation.active")
    fits(page, "situation on a phone")
    us.shot("phone-situation")
    # values read in the scenario's words, as in the pygame client, never as raw flags
    situation = page.locator("#situation").text_content() or ""
    assert "Testing moratoriumin force" in situation, situation
    assert "US proposal changednot yet (the big deal only)" in situation, situation
    page.click("[data-tab=deals]")
    page.click("#propose")
    page.wait_for_selector("#composer[open]")
    page.check("#to-dprk")
    page.click("#composer-add")
    page.click("#composer-add")
    term = page.locator("#composer-terms .term").nth(1)
    term.locator("select[aria-label='Who commits']").select_option("dprk")
    fits(page, "the proposal composer on a phone")
    us.shot("phone-composer")
    page.keyboard.press("Escape")
    page.wait_for_selector("#composer", state="hidden")

    # the keyboard: Alt+2 opens the second panel; Tab reaches an option; Enter sets it
    page.set_viewport_size({"width": 1366, "height": 768})
    page.keyboard.press("Alt+1")
    page.wait_for_selector("#panel-orders.active")
    page.focus("#option-us_stance-step_by_step")
    page.keyboard.press("Enter")
    page.wait_for_selector("#option-us_stance-step_by_step[aria-pressed='true']")
    assert page.evaluate("document.activeElement.id") == "option-us_stance-step_by_step"
    assert us.problems == [] and china.problems == []

    projector = students(SIZES["chromebook"])
    projector.page.goto(room["projector"])
    projector.page.wait_for_function(
        "() => /Ada/.test(document.getElementById('roster-us')?.textContent)"
    )
    projector.page.wait_for_function(
        "() => /^\\d+:\\d\\d$/.test(document.getElementById('clock').textContent)"
    )
    fits(projector.page, "projector")
    projector.shot("projector-chromebook")
