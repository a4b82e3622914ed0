"""The facilitator's Move control, clicked with real pygame mouse events.

The control (a menu of students, a menu of teams, a Move button) is shown only once a
student sits at a seat, so the sweep of the facilitator's screen never meets it. Here a
student joins a seat on a connection of their own; the facilitator opens both menus with
the mouse, picks the student and another team, and clicks Move. The student writes to
the room between the picks and the click (a new view arrives and the screen is built
again): the choices must survive that. The server must then seat the student at the
other team, and no click may bring back a refusal.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.scenario.loader import load_scenario


@dataclass
class Classroom:
    """A real server in a thread with one room: a student, Sam, at the first seat on a
    connection of their own, the last seat empty, bots on the rest, and the facilitator's
    window (``app``) open on it."""

    rules: Any
    handle: Any
    code: str
    student: Any
    app: Any

    @property
    def home(self) -> str:
        return str(self.rules.actor_ids[0])

    @property
    def away(self) -> str:
        return str(self.rules.actor_ids[-1])


@pytest.fixture
def classroom(tmp_path: Path) -> Iterator[Classroom]:
    """The room of :class:`Classroom`; everything is closed afterwards."""
    from game.client.app import App
    from game.client.net import NetConnection
    from server.embed import serve_in_thread

    rules = load_scenario("korea-2019")
    home, away = rules.actor_ids[0], rules.actor_ids[-1]
    handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
    conn = student = None
    try:
        made = handle.create_room(
            scenario=rules.id,
            seed=4,
            bots={a: "historical" for a in rules.actor_ids if a not in (home, away)},
            timers={"negotiation": 600, "orders": 600},
        )
        student = NetConnection(handle.url, token=handle.seat_token(made.code, home, "Sam"))
        conn = NetConnection(handle.url, token=made.facilitator_token)
        app = App(conn)
        app.pages_dir = tmp_path
        yield Classroom(rules, handle, made.code, student, app)
    finally:
        for c in (conn, student):
            if c is not None:
                c.close()
        pygame.quit()
        handle.stop()


def test_the_facilitator_moves_a_student_to_another_team(ui: Any, classroom: Classroom) -> None:
    rules, handle, code, student, app = (
        classroom.rules, classroom.handle, classroom.code, classroom.student, classroom.app
    )  # fmt: skip
    home, away = classroom.home, classroom.away
    m = app.model
    fac = app.facilitator

    def seated() -> dict[str, list[str]]:
        """Who sits where, as the server has it."""

        def read() -> dict[str, list[str]]:
            room = handle.server.rooms[code]
            members = room.members.values()
            return {a: [p.name for p in members if p.seat == a] for a in room.rules.actor_ids}

        return handle.call(read)

    def menus_shown() -> bool:
        return (
            app.screen is fac
            and fac.move_player is not None
            and fac.move_player.alive()
            and "move" in fac.buttons
        )

    ui.step_until(app, menus_shown, state=lambda: m.legal.get("seats"))
    assert seated()[home] == ["Sam"] and seated()[away] == []
    sam = next(p["id"] for s in m.legal["seats"] for p in s["players"] if p["name"] == "Sam")

    # the student's menu, then the team's, opened and picked with the mouse
    players = [o[1] for o in fac.move_player.options_list]
    assert sam in players, players
    ui.pick(app, fac.move_player, players.index(sam))
    ui.step_until(app, lambda: fac.move_player.selected_option[1] == sam)
    teams = [o[1] for o in fac.move_seat.options_list]
    assert teams == list(rules.actor_ids), teams
    ui.pick(app, fac.move_seat, teams.index(away))
    ui.step_until(app, lambda: fac.move_seat.selected_option[1] == away)

    # a new view arrives before the click (the student writes to the room)
    revision = m.revision
    student.send({"type": "message", "to": [], "text": "Hello from Sam."})
    ui.step_until(app, lambda: m.revision != revision and menus_shown())
    end = time.monotonic() + 2  # and the screen is built again from it
    while time.monotonic() < end:
        app.step()
    assert fac.move_seat.selected_option[1] == away, "the picked team was lost"
    assert fac.move_player.selected_option[1] == sam, "the picked student was lost"

    ui.click(app, fac.buttons["move"])
    ui.step_until(app, lambda: seated()[away] == ["Sam"], state=seated)
    assert seated()[home] == []
    # the facilitator's screen shows it too: the student is now under the other team
    ui.step_until(
        app,
        lambda: any(
            p["id"] == sam for s in m.legal["seats"] if s["id"] == away for p in s["players"]
        ),
    )
    assert not ui.client_faults(app), m.refusals
    assert not m.refusals, m.refusals
    assert not app.error_rects, m.error_log


def test_the_injects_variable_pick_survives_a_new_view(ui: Any, classroom: Classroom) -> None:
    """The facilitator picks a variable for a news inject with the mouse; a view that
    arrives before Add is clicked must not reset the menu to its first entry."""
    student, app = classroom.student, classroom.app
    m = app.model
    fac = app.facilitator

    def menu_shown() -> bool:
        return app.screen is fac and fac.var_menu is not None and fac.var_menu.alive()

    ui.step_until(app, lambda: app.screen is fac and "tab-news" in fac.buttons)
    ui.click(app, fac.buttons["tab-news"])  # the written inject is under News
    ui.step_until(app, menu_shown)
    keys = [o[1] for o in fac.var_menu.options_list]
    wanted = keys[3]  # one the open menu shows without scrolling, not the first
    ui.pick(app, fac.var_menu, keys.index(wanted))
    ui.step_until(app, lambda: fac.var_menu.selected_option[1] == wanted)

    revision = m.revision
    student.send({"type": "message", "to": [], "text": "Hello from Sam."})
    ui.step_until(app, lambda: m.revision != revision and menu_shown())
    end = time.monotonic() + 2  # the screen is built again from the new view
    while time.monotonic() < end:
        app.step()
    assert fac.var_menu.selected_option[1] == wanted, "the picked variable was lost"
    ui.click(app, fac.buttons["add-effect"])
    ui.step_until(app, lambda: wanted in fac.effects)
    assert list(fac.effects) == [wanted]
    assert not ui.client_faults(app), m.refusals
