"""The browser seat's month summary tells the score objective by objective, as the
pygame client does, from the view alone: two students in browsers, the United States and
North Korea, against bots on a real ``sixparty serve``. North Korea clicks "ICBM test"
and both play the month through with the real buttons; the United States' May summary
then says how its score moved: each objective whose values it sees exactly with its
points, share and why (the test), and the objectives that rest on what it sees only as
an estimate ("Cap the arsenal" reads North Korea's capability) as one lump, never with
points of their own. Points add up to the change of the score, shares to 100%.
"""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import Server

UNSEEN = "objectives that rest on what you can't see exactly"


def _signed(text: str) -> int:
    return int(text.replace("−", "-"))


def _month_through(*pages: Any) -> None:
    """Every student ready for orders, then every one submits them."""
    for page in pages:
        page.wait_for_function("() => !document.getElementById('ready').disabled")
        page.click("#ready")
    for page in pages:
        page.wait_for_function(
            "() => document.getElementById('ready').textContent === 'Submit orders' "
            "&& !document.getElementById('ready').disabled"
        )
        page.click("#ready")


def test_the_us_browser_seat_is_told_its_score_objective_by_objective(
    server: Server, students: Any
) -> None:
    room = server.room(
        "--scenario",
        "korea-2019",
        "--bots",
        "china=historical,russia=historical,japan=historical,rok=historical",
        "--timers",
        "negotiation=none,orders=none",
        "--start",
        "now",
    )
    code = room["code"]
    us, north = students(), students()
    us.join(server.http, code, "Ann", "us")
    north.join(server.http, code, "Kim", "dprk")
    page = north.page
    page.click("[data-tab=orders]")
    page.click("#signal-icbm_test")
    page.wait_for_selector("#signal-icbm_test[aria-pressed='true']")
    _month_through(us.page, page)

    page = us.page
    page.wait_for_selector("#summary[open]")
    assert (page.locator("#summary-title").text_content() or "").startswith(
        "What happened in April 2019"
    )
    lines = [x.strip() for x in page.locator("#summary-score li").all_text_contents()]
    head = re.fullmatch(r"Your score: (\d+) \(([+−]?\d+) over the month\)\.", lines[0])
    assert head, lines
    change = _signed(head.group(2))
    assert change < 0, lines  # a test the US wanted never to see
    moved = [_signed(m.group(1)) for m in (re.match(r"([+−]\d+) ", ln) for ln in lines) if m]
    assert sum(moved) == change, lines
    shares = [int(x) for x in re.findall(r"(\d+)%", " ".join(lines))]
    assert sum(shares) == 100 and len(shares) >= 8, lines
    icbm = next(ln for ln in lines if " No ICBM or nuclear test (" in ln)
    assert re.fullmatch(
        r"−\d+ No ICBM or nuclear test \(\d+% of your score\): North Korea's ICBM test", icbm
    ), icbm
    assert any("The moratorium holds" in ln and "Testing moratorium lapsed" in ln for ln in lines)
    (lump,) = [ln for ln in lines if UNSEEN in ln]
    assert "Cap the arsenal (" in lump and "Keep the pressure on (" in lump, lump
    assert not any(re.match(r"[+−]\d+ Cap the arsenal", ln) for ln in lines), lines
    # no other seat's objective is named
    for other in ("Keep and grow the deterrent", "Keep the buffer state alive", "The broker"):
        assert other not in " ".join(lines)
    # what moved for the seat, in the words the situation panel uses, never a key
    body = page.locator("#summary-body").text_content() or ""
    assert "Your trust in North Korea: 20 → " in body, body
    assert "(us.dprk)" not in body and "trust." not in body, body
    page.locator("#summary-score").scroll_into_view_if_needed()
    page.evaluate("() => { document.getElementById('summary').scrollTop = 0; }")
    us.shot("month-summary-us")
    page.click("#summary-close")
    page.wait_for_selector("#summary", state="hidden")
    assert us.problems == [] and north.problems == []
