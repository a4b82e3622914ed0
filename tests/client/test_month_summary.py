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
import re
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


def check_score_section(m: Any, rules: Any, text: str) -> None:
    """The dialog's Score section: every one of the seat's own objectives once, its
    secret one marked, shares that add up to 100%, objective changes that add up to the
    change of the score; no other seat's objectives."""
    section = text.split("<b>Score</b>")[1].split("<b>")[0]
    lines = [x.strip() for x in re.split(r"<br>•", section)[1:]]
    total = re.match(r"Your score: (\d+) \(([+−]?\d+) over the month\)\.", lines[0])
    assert total, lines[0]
    assert float(total.group(1)) == pytest.approx(m.view["scores"][ME], abs=0.5)
    moved = [
        int(x[0].replace("−", "-")) for x in (re.match(r"([+−]\d+) ", ln) for ln in lines[1:]) if x
    ]
    assert sum(moved) == int(total.group(2).replace("−", "-")), lines
    shares = [int(x) for x in re.findall(r"(\d+)% ?(?:of your score)?\)", section)]
    assert sum(shares) == 100, section
    own = m.view["score_breakdown"]["objectives"]
    assert len(shares) == len(own) >= 2
    for row in own:
        tag = "secret, " if row["secret"] else ""
        found = re.findall(re.escape(row["name"]) + r" \((secret, )?\d+%", section)
        assert found == [tag], (row["name"], section)
    assert sum(r["secret"] for r in own) == len(m.view["secret_objectives"]) == 1
    mine = {r["name"] for r in own}
    for actor in rules.actor_ids:
        for o in (*rules.objectives.get(actor, ()), *rules.secret_pool.get(actor, ())):
            if actor != ME and o.name not in mine:
                assert o.name not in text, (actor, o.name)


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
        check_score_section(m, rules, text)
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


def _model(rules: Any, you: str) -> Any:
    from game.client.info import scenario_info
    from game.client.model import ClientModel

    m = ClientModel()
    m.info, m.you = scenario_info(rules), you
    return m


def _signed_ints(lines: list[str]) -> list[int]:
    return [int(ln.split(" ")[0].replace("−", "-")) for ln in lines if re.match(r"[+−]\d", ln)]


def test_an_icbm_test_is_told_by_the_objectives_it_moved(korea_rules: Any) -> None:
    """The United States' month after a North Korean ICBM test: each objective that moved
    with its share and why (the test itself, the moratorium's words, the tension)."""
    from game import Game
    from game.client.month_summary import summarise

    game = Game(korea_rules, 3)
    before = game.view_for("us")
    game.apply({"type": "orders", "actor": "dprk", "signals": [{"signal": "icbm_test"}]})
    game.advance()
    game.advance()
    view = game.view_for("us")
    summary = summarise(_model(korea_rules, "us"), before, view)
    assert summary is not None
    lines = dict(summary.sections)["Score"]
    change = round(view["scores"]["us"] - before["scores"]["us"])
    assert lines[0] == f"Your score: {view['scores']['us']:.0f} (−{-change} over the month)."
    assert change <= -10
    rows = {r["name"]: r for r in view["score_breakdown"]["objectives"]}
    share = round(
        100 * rows["No ICBM or nuclear test"]["weight"] / sum(r["weight"] for r in rows.values())
    )
    icbm = next(ln for ln in lines if "No ICBM or nuclear test" in ln)
    assert re.fullmatch(
        rf"−\d+ No ICBM or nuclear test \({share}% of your score\): North Korea's ICBM test", icbm
    ), icbm
    assert any("The moratorium holds" in ln and "Testing moratorium lapsed" in ln for ln in lines)
    assert any("quiet run-up" in ln and "Tension up to" in ln for ln in lines), lines
    # the objectives that read what the US sees only as a range (North Korea's arsenal,
    # the sanctions pressure, its allies' trust) or not at all (others' deals): one lump
    # of points, their names and shares, and the estimates it saw move
    lump = next(ln for ln in lines if "can't see exactly" in ln)
    unseen = [n for n, r in rows.items() if not r["exact"]]
    assert {"Cap the arsenal", "A verified freeze", "Keep the pressure on"} <= set(unseen)
    moved = view["score_breakdown"]["unseen_points"] - before["score_breakdown"]["unseen_points"]
    assert re.match(r"[+−]\d+ from objectives that rest on what you can't see exactly: ", lump)
    assert int(lump.split(" ")[0].replace("−", "-")) == pytest.approx(moved, abs=1.5)
    for name in unseen:
        assert f"{name} (" in lump and not any(
            ln.startswith(("+", "−")) and f" {name} (" in ln and ln != lump for ln in lines
        )
    assert "Missile capability up (about" in lump, lump  # an estimate, never a point
    assert sum(_signed_ints(lines)) == change
    shares = [int(x) for x in re.findall(r"(\d+)%", " ".join(lines))]
    assert sum(shares) == 100 and len(shares) == len(rows)
    # North Korea's summary of the same month names its own objectives, not the US's
    dprk = summarise(_model(korea_rules, "dprk"), None, game.view_for("dprk"))
    assert dprk is not None
    text = dprk.text()
    assert "No ICBM or nuclear test" not in text and "Keep and grow the deterrent" in text
    # (no view of the month's start: it says where the score comes from, shares adding up)
    (where,) = [ln for ln in dict(dprk.sections)["Score"] if ln.startswith("Where it comes")]
    assert sum(int(x) for x in re.findall(r"(\d+)%", where)) == 100
    points = [int(x) for x in re.findall(r"\): (\d+)", where)]
    assert sum(points) == round(game.view_for("dprk")["scores"]["dprk"])
    from game.client.month_summary import apportion

    mine = game.view_for("dprk")["score_breakdown"]["objectives"]
    total = sum(r["weight"] for r in mine)
    shares = dict(
        zip(
            [r["name"] for r in mine],
            apportion([100 * r["weight"] / total for r in mine], 100),
            strict=True,
        )
    )
    relief = shares["Relief and a working economy"]
    assert f"Relief and a working economy ({relief}%)" in where.split("can't see exactly")[1]


def test_the_us_window_tells_a_north_korean_test_without_telling_the_arsenal(
    untimed_room: Any, ui: Any, shots: Any
) -> None:
    """The United States plays in a real window; North Korea, a second person, orders an
    ICBM test, and the facilitator skips to the month's resolution. The May dialog tells
    the test by the objectives it moved, and "Cap the arsenal" (it reads North Korea's
    capability, which the US sees only as a range) only inside the lump of objectives
    that rest on what the US can't see exactly: no points of its own."""
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection

    rules, handle, made = untimed_room(("us", "dprk"))
    code = made.code
    app = App(
        NetConnection(handle.url, token=handle.seat_token(code, "us"), info=scenario_info(rules))
    )
    north = NetConnection(handle.url, token=handle.seat_token(code, "dprk", "Kim"))
    teacher = NetConnection(handle.url, token=made.facilitator_token)
    m = app.model
    try:
        ui.past_briefing(app)
        send_and_wait(north, {"type": "orders", "signals": [{"signal": "icbm_test"}]})
        send_and_wait(teacher, {"type": "advance", "to": "resolution"})
        ui.step_until(app, lambda: m.view["month"] == 2 and app.interrupts.window is not None)
        text = window_text(app.interrupts.window)
        section = text.split("<b>Score</b>")[1].split("<b>")[0]
        assert "North Korea's ICBM test" in section, section
        (lump,) = [x for x in section.split("<br>") if "can't see exactly" in x]
        assert re.match(r"• [+−]\d+ from objectives that rest on what you can't see", lump)
        assert "Cap the arsenal (" in lump and "about" in lump, lump
        assert not re.search(r"[+−]\d+ Cap the arsenal", section), section
        rows = {r["name"]: r for r in m.view["score_breakdown"]["objectives"]}
        assert "points" not in rows["Cap the arsenal"]
        for _ in range(3):
            app.step()
        shots(app, "month-summary-us", "can't see exactly", "Cap the arsenal")
        assert not ui.client_faults(app)
    finally:
        north.close()
        teacher.close()
        app.conn.close()
