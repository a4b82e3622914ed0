"""The 2019 bargains offered by clicking in the pygame composer, against a real server.

North Korea plays in the window with bots on every other seat. With real mouse clicks on
the composer's drop-downs the player offers the United States:

- the dual suspension ("freeze for freeze"): North Korea's test moratorium (the rung is
  picked by the ladder's words, ICBM test and up) for US exercises at most scaled down;
- a phased Yongbyon-for-relief package: North Korea freezes its nuclear programme; the US
  votes yes on Council drafts to relax sanctions, *after* the freeze has been kept a
  month (the engine's ``after``), with inspections;
- the same dual suspension as a chat message's terms (Terms…).

Each time the server's game records the exact terms, the composer showed them in words,
and the US bot answers (accepts, rejects or counters the proposal; answers the message).
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


def game_of(handle: Any, code: str, read: Any) -> Any:
    return handle.call(lambda: read(handle.server.rooms[code].game))


def open_app(rules: Any, handle: Any, code: str) -> tuple[Any, Any]:
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection

    conn = NetConnection(handle.url, token=handle.seat_token(code, ME), info=scenario_info(rules))
    return App(conn), conn


class Rows:
    """Clicks on the composer's rows, as a person does."""

    def __init__(self, app: Any, ui: Any) -> None:
        self.app, self.ui = app, ui

    @property
    def composer(self) -> Any:
        return self.app.composer

    def menu(self, row: int, field: str) -> Any:
        c = self.composer
        return next(dd for dd, (r, f) in c.rows.items() if (r, f) == (row, field))

    def pick(self, row: int, field: str, option_id: str) -> None:
        """Open the row's drop-down and click the entry whose id is ``option_id``."""
        dd = self.menu(row, field)
        ids = [o[1] if isinstance(o, tuple) else o for o in dd.options_list]
        if dd.selected_option[1] == f"#{option_id}":
            return  # already showing it: nothing to click
        self.ui.pick(self.app, dd, ids.index(f"#{option_id}"))
        self.ui.step_until(self.app, lambda: not dd.alive())  # a change makes the rows again

    def add(self) -> int:
        c = self.composer
        n = len(c.commitments)
        self.ui.click(self.app, c.widgets["add"])
        self.ui.step_until(self.app, lambda: len(self.composer.commitments) == n + 1)
        return n

    def words(self, row: int) -> str:
        return " ".join(str(x.text) for x in self.composer.widgets.get(f"words.{row}", []))


def dual_suspension(rows: Rows, rung: int, words: str) -> None:
    """Row 0: the US keeps exercises at most scaled down; row 1: North Korea's moratorium
    from ``rung`` up (picked by the ladder's names), which the row says in ``words``."""
    ui, app = rows.ui, rows.app
    r = rows.add()
    assert rows.composer.commitments[r]["actor"] == "us"
    rows.pick(r, "lever", "exercises")
    rows.pick(r, "option", "scaled_down")
    rows.pick(r, "compare", "at_most")
    r = rows.add()
    rows.pick(r, "actor", ME)
    rows.pick(r, "lever", "@signals")
    ui.step_until(app, lambda: rows.composer.commitments[r].get("kind") == "signals")
    rows.pick(r, "rung", str(rung))
    ui.step_until(app, lambda: rows.composer.commitments[r]["rung"] == rung)
    assert words in rows.words(r), rows.words(r)


def test_the_dual_suspension_by_clicking(room: Any, ui: Any) -> None:
    rules, handle, code = room
    app, conn = open_app(rules, handle, code)
    m = app.model
    try:
        ui.past_briefing(app)
        ui.click(app, app.game.tab_buttons["deals"])
        ui.click(app, find_button(app, "#propose"))
        ui.step_until(app, lambda: app.composer is not None)
        ui.click(app, app.composer.widgets["party.us"])
        rows = Rows(app, ui)
        dual_suspension(
            rows,
            2,
            "no Short-range missile test or Rocket-engine test at Sohae or anything higher",
        )
        ui.click(app, app.composer.widgets["send"])
        ui.step_until(app, lambda: app.composer is None)

        def mine() -> list[dict[str, Any]]:
            return game_of(
                handle,
                code,
                lambda g: [dict(p) for p in g.proposals.values() if p["proposer"] == ME],
            )

        ui.step_until(app, lambda: len(mine()) == 1)
        (first,) = mine()
        month = m.view["month"]
        (us, dprk) = first["commitments"]
        assert (us["actor"], us["lever"], us["option"], us["compare"]) == (
            "us",
            "exercises",
            "scaled_down",
            "at_most",
        )
        assert (us["start"], us["months"]) == (month, 3)
        assert {k: dprk[k] for k in ("kind", "actor", "rung", "signals", "start", "months")} == {
            "kind": "signals",
            "actor": ME,
            "rung": 2,
            "signals": [],
            "start": month,
            "months": 3,
        }
        # the US bot weighs it and answers: accepted, rejected or countered
        ui.step_until(app, lambda: mine()[0]["status"] != "open", timeout=30)
        assert mine()[0]["status"] in ("accepted", "rejected", "countered"), mine()[0]["status"]

        assert not ui.client_faults(app), m.refusals
        assert not m.refusals, [(r.code, r.message) for r in m.refusals]
    finally:
        conn.close()


def test_a_phased_yongbyon_for_relief_package_by_clicking(room: Any, ui: Any) -> None:
    """(A room of its own: a bot that has said it is ready answers only a few more moves
    a month, and other bots' offers may have used them.)"""
    rules, handle, code = room
    app, conn = open_app(rules, handle, code)
    m = app.model
    rows = Rows(app, ui)

    def mine() -> list[dict[str, Any]]:
        return game_of(
            handle,
            code,
            lambda g: [dict(p) for p in g.proposals.values() if p["proposer"] == ME],
        )

    try:
        ui.past_briefing(app)
        ui.click(app, app.game.tab_buttons["deals"])
        # the phased package: the freeze first, the Council's relief after it is kept
        ui.click(app, find_button(app, "#propose"))
        ui.step_until(app, lambda: app.composer is not None)
        ui.click(app, app.composer.widgets["party.us"])
        r0 = rows.add()
        rows.pick(r0, "actor", ME)
        rows.pick(r0, "lever", "nuclear_programme")
        rows.pick(r0, "option", "freeze")
        r1 = rows.add()
        rows.pick(r1, "lever", "@unsc")
        rows.pick(r1, "draft", "relax:coal_minerals")
        rows.pick(r1, "vote", "yes")
        rows.pick(r1, "start", "after0")
        ui.step_until(app, lambda: "after" in app.composer.commitments[r1])
        said = rows.words(r1)
        assert "vote yes on Security Council drafts to relax sanctions (coal" in said, said
        assert "once term 1 has been kept 1 month" in said, said
        ui.click(app, app.composer.widgets["flag.inspections"])
        ui.click(app, app.composer.widgets["send"])
        ui.step_until(app, lambda: app.composer is None)
        ui.step_until(app, lambda: len(mine()) == 1)
        second = mine()[0]
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
        ui.step_until(app, lambda: mine()[0]["status"] != "open", timeout=30)
        assert mine()[0]["status"] in ("accepted", "rejected", "countered")
        assert not ui.client_faults(app), m.refusals
        assert not m.refusals, [(r.code, r.message) for r in m.refusals]
    finally:
        conn.close()


def test_dual_suspension_as_a_message_and_the_bot_answers(room: Any, ui: Any) -> None:
    rules, handle, code = room
    app, conn = open_app(rules, handle, code)
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
        rows = Rows(app, ui)
        dual_suspension(rows, 3, "no Submarine-launched missile test or anything higher")
        # a message has no talks: attending them is not on offer
        assert "#@attend" not in [o[1] for o in rows.menu(1, "lever").options_list]
        ui.type_text(
            app, app.composer.widgets["text"], "Freeze for freeze: no SLBMs, no big drills."
        )
        ui.click(app, app.composer.widgets["send"])
        ui.step_until(app, lambda: app.composer is None)

        def said(who: str) -> list[dict[str, Any]]:
            return game_of(
                handle,
                code,
                lambda g: [dict(x) for x in g.messages if x["from"] == who and "intent" in x],
            )

        ui.step_until(app, lambda: bool(said(ME)))
        sent = said(ME)[0]
        assert sent["intent"]["kind"] == "offer" and sent["to"] == ["us"]
        exercises, moratorium = sent["intent"]["terms"]
        assert (exercises["lever"], exercises["option"], exercises["compare"]) == (
            "exercises",
            "scaled_down",
            "at_most",
        )
        assert (moratorium["kind"], moratorium["actor"], moratorium["rung"]) == ("signals", ME, 3)
        ui.step_until(app, lambda: any(x["to"] == [ME] for x in said("us")), timeout=30)
        assert not m.refusals, [(r.code, r.message) for r in m.refusals]
    finally:
        conn.close()


def test_attending_needs_talks_and_phasing_follows_removals(room: Any, ui: Any) -> None:
    """ "Attend the talks" is offered only while Talks is ticked (and goes with it);
    removing the term a phased row waits for drops the phasing, not the row."""
    rules, handle, code = room
    app, conn = open_app(rules, handle, code)
    try:
        ui.past_briefing(app)
        ui.click(app, app.game.tab_buttons["deals"])
        ui.click(app, find_button(app, "#propose"))
        ui.step_until(app, lambda: app.composer is not None)
        ui.click(app, app.composer.widgets["party.us"])
        rows = Rows(app, ui)
        r0 = rows.add()
        assert "#@attend" not in [o[1] for o in rows.menu(r0, "lever").options_list]
        ui.click(app, app.composer.widgets["flag.talks"])
        ui.step_until(app, lambda: app.composer.flags["talks"])
        rows.pick(r0, "lever", "@attend")
        assert "attend the talks the deal sets" in rows.words(r0)
        r1 = rows.add()
        rows.pick(r1, "actor", ME)
        rows.pick(r1, "start", "after0")
        assert app.composer.commitments[r1]["after"] == {"term": 0, "months": 1}
        ui.click(app, app.composer.widgets["flag.talks"])
        ui.step_until(app, lambda: len(app.composer.commitments) == 1)
        assert "after" not in app.composer.commitments[0]
        assert app.composer.commitments[0]["actor"] == ME
    finally:
        conn.close()


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)])
def test_the_new_rows_read_whole_at_both_sizes(
    room: Any, ui: Any, shots: Any, size: tuple[int, int]
) -> None:
    """The dual suspension and a phased Council vote, with talks and attendance: every row's
    words are on screen whole (wrapped, never cut), and the rows stay inside the window."""
    from game.client.driver import cut_texts

    rules, handle, code = room
    app, conn = open_app(rules, handle, code)
    try:
        app.resize(size)
        ui.past_briefing(app)
        ui.click(app, app.game.tab_buttons["deals"])
        ui.click(app, find_button(app, "#propose"))
        ui.step_until(app, lambda: app.composer is not None)
        ui.click(app, app.composer.widgets["party.us"])
        rows = Rows(app, ui)
        dual_suspension(rows, 2, "no Short-range missile test")
        r = rows.add()
        rows.pick(r, "lever", "@unsc")
        rows.pick(r, "draft", "relax:coal_minerals")
        rows.pick(r, "start", "after1")
        ui.click(app, app.composer.widgets["flag.talks"])
        ui.step_until(app, lambda: app.composer.flags["talks"])
        r = rows.add()
        rows.pick(r, "lever", "@attend")
        words = [x for k, v in app.composer.widgets.items() if k.startswith("words.") for x in v]
        cut = [c for c in cut_texts(app) if "-words" in c or "words" in c.split(":")[0]]
        assert not cut, cut
        window = app.composer.window.rect
        for el in words + [app.composer.widgets["send"]]:
            assert window.contains(el.rect), (el.text, el.rect, window)
        shots(
            app,
            f"composer-kinds-{size[0]}",
            "Test moratorium",
            "Council vote",
            "Attend the talks",
            "once term 2",
        )
    finally:
        conn.close()
