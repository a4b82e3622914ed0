"""Classroom facilitation over a real server: briefing time and start, the clock
(pause, extend), skipping to resolution, seats for bots, locking, moving students,
the facilitator's menus, replays and the debrief report."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from game.bots import BOTS
from game.netclient import Client
from game.protocol import ProtocolError, parse_server
from server.embed import ServerHandle
from tests.server.helpers import start_server, stored_log

SEATS = ("alpha", "beta", "gamma")


async def _room(
    connect: Any, timers: dict[str, Any] | None = None, **options: Any
) -> tuple[Client, str, dict[str, Client]]:
    """A mini room with one student on each seat; returns the facilitator, code, students."""
    fac: Client = await connect()
    welcome = await fac.create_room(
        scenario="mini", seed=3, timers=timers or {"negotiation": 60, "orders": 60}, **options
    )
    code = welcome["room"]["code"]
    students = {}
    for seat in SEATS:
        students[seat] = await connect()
        await students[seat].join(code, seat, name=f"{seat}-student")
    return fac, code, students


async def _refused(client: Client, action: dict[str, Any]) -> ProtocolError:
    with pytest.raises(ProtocolError) as err:
        await client.act(action)
    return err.value


def _all_joined(view: dict[str, Any]) -> bool:
    return all(s["players"] for s in view["legal"].get("seats", []))


# ---------------------------------------------------------------------- start
async def test_a_room_waits_for_start_while_students_read_their_briefings(
    server: ServerHandle, connect
) -> None:
    fac, code, students = await _room(connect, wait_for_start=True)
    alpha = students["alpha"]
    brief = await alpha.wait_view()
    assert brief["started"] is False and brief["deadline"] is None
    assert brief["legal"]["types"] == []  # reading only
    assert brief["view"]["secret_briefing"] and brief["view"]["briefings"]["beta"]
    assert alpha.welcome["room"]["started"] is False
    error = await _refused(alpha, {"type": "ready"})
    assert error.code == "not_started" and "briefing" in str(error)
    error = await _refused(alpha, {"type": "message", "to": [], "text": "hi"})
    assert error.code == "not_started"

    god = await fac.wait_view(_all_joined)
    assert set(god["legal"]["types"]) == {"announce", "end", "inject", "lock", "move", "seat"} | {
        "start"
    }
    for early in ({"type": "advance"}, {"type": "pause"}, {"type": "extend", "seconds": 30}):
        assert (await _refused(fac, early)).code == "not_started"
    time.sleep(0.1)
    assert (await alpha.sync())["view"]["phase"] == "negotiation"  # nothing moved

    await fac.act({"type": "start"})
    playing = await alpha.wait_view(lambda v: v["started"])
    assert "ready" in playing["legal"]["types"]
    assert 55 < playing["remaining"] <= 60  # the whole phase, from the start
    assert (await _refused(fac, {"type": "start"})).code == "already_started"
    god = await fac.wait_view(lambda v: v["started"])
    assert "start" not in god["legal"]["types"] and "advance" in god["legal"]["types"]
    await alpha.act({"type": "ready"})


async def test_a_room_without_wait_for_start_refuses_start(server: ServerHandle, connect) -> None:
    fac, _, students = await _room(connect)
    assert (await students["beta"].wait_view())["started"] is True
    assert (await _refused(fac, {"type": "start"})).code == "already_started"


# ---------------------------------------------------------------------- the clock
async def test_extend_lengthens_and_shortens_the_phase_down_to_a_floor(
    server: ServerHandle, connect
) -> None:
    fac, _, students = await _room(connect, {"negotiation": 60, "orders": 60})
    gamma = students["gamma"]
    first = await gamma.wait_view()
    ack = await fac.act({"type": "extend", "seconds": 120})
    assert ack["action"] == {"type": "extend", "seconds": 120, "actor": "facilitator"}
    longer = await gamma.wait_view(lambda v: v["deadline"] > first["deadline"] + 60)
    assert longer["deadline"] == pytest.approx(first["deadline"] + 120, abs=0.5)
    # the clock is not the view: the seat's seq stays, its frame's version moves
    assert (longer["seq"], longer["version"]) == (first["seq"], first["version"] + 1)
    await fac.act({"type": "extend", "seconds": -3600})  # far too much: the floor
    floor = await gamma.wait_view(lambda v: v["deadline"] < first["deadline"])
    assert 3 < floor["remaining"] <= 5.0
    error = await _refused(fac, {"type": "extend", "seconds": -10})
    assert error.code == "timer_floor" and error.field == "action.seconds"
    error = await _refused(fac, {"type": "extend", "seconds": 0})
    assert error.code == "bad_field" and error.field == "action.seconds"
    error = await _refused(gamma, {"type": "extend", "seconds": 60})
    assert error.code == "not_facilitator"
    # paused: the time left changes, the clock stays stopped
    await fac.act({"type": "pause"})
    await fac.act({"type": "extend", "seconds": 100})
    paused = await gamma.wait_view(
        lambda v: v["view"]["paused"] and (v["paused_remaining"] or 0) > 100
    )
    assert paused["deadline"] is None and paused["remaining"] is None
    assert 100 < paused["paused_remaining"] <= 105
    await fac.act({"type": "resume"})
    resumed = await gamma.wait_view(lambda v: v["deadline"] is not None)
    assert 100 < resumed["remaining"] <= 105


async def test_extend_needs_a_timer(server: ServerHandle, connect) -> None:
    fac, _, _ = await _room(connect, {"negotiation": None, "orders": None})
    god = await fac.wait_view()
    assert "extend" not in god["legal"]["types"] and god["legal"]["extend"] is None
    assert (await _refused(fac, {"type": "extend", "seconds": 60})).code == "no_timer"


async def test_skip_to_resolution_ends_negotiation_and_orders_at_once(
    server: ServerHandle, connect
) -> None:
    fac, code, students = await _room(connect)
    alpha = students["alpha"]
    await alpha.act({"type": "orders", "levers": {"aid": "food"}, "final": False})
    god = await fac.wait_view(lambda v: v["seq"] == 1)
    assert god["legal"]["advance_to"] == ["resolution"]
    ack = await fac.act({"type": "advance", "to": "resolution"})
    assert (ack["month"], ack["phase"]) == (2, "negotiation")
    view = await alpha.wait_view(lambda v: v["view"]["month"] == 2)
    assert view["view"]["orders"][0]["orders"]["alpha"]["levers"]["aid"] == "food"
    assert 55 < view["remaining"] <= 60  # a fresh clock for the new month
    error = await _refused(fac, {"type": "advance", "to": "nowhere"})
    assert error.code == "invalid" and error.field == "action.to"
    assert stored_log(server.server.config.db, code)[-1]["to"] == "resolution"  # type: ignore[arg-type]


# ---------------------------------------------------------------------- seats
async def test_a_seat_goes_to_a_bot_and_comes_back(server: ServerHandle, connect) -> None:
    fac: Client = await connect()
    code = (await fac.create_room(scenario="mini", timers={"negotiation": None}))["room"]["code"]
    alpha: Client = await connect()
    await alpha.join(code, "alpha")
    await fac.act({"type": "seat", "seat": "beta", "bot": "dove"})
    ack = await fac.act({"type": "seat", "seat": "gamma", "bot": "hawk"})
    assert ack["action"]["bot"] == "hawk"
    # the bots play: once alpha is ready, both bots are, and the phase ends
    await alpha.act({"type": "ready"})
    await alpha.wait_view(lambda v: v["view"]["phase"] == "orders", timeout=10)
    joiner: Client = await connect()
    with pytest.raises(ProtocolError) as err:
        await joiner.join(code, "beta")
    assert err.value.code == "seat_is_bot"
    ack = await fac.act({"type": "seat", "seat": "beta", "bot": None})
    assert ack["action"] == {"type": "seat", "seat": "beta", "bot": None, "actor": "facilitator"}
    welcome = await joiner.join(code, "beta", name="Bea")
    beta = {s["id"]: s for s in welcome["room"]["seats"]}["beta"]
    assert beta["bot"] is None and beta["players"] == ["Bea"]
    god = await fac.wait_view(
        lambda v: {s["id"]: s for s in v["legal"]["seats"]}["beta"]["players"] != []
    )
    seats = {s["id"]: s for s in god["legal"]["seats"]}
    assert seats["gamma"]["bot"] == "hawk" and seats["beta"]["bot"] is None
    assert god["legal"]["bots"] == sorted(BOTS)


async def test_seat_errors_name_the_field(server: ServerHandle, connect) -> None:
    fac, _, students = await _room(connect)
    error = await _refused(fac, {"type": "seat", "seat": "delta", "bot": "dove"})
    assert error.code == "unknown_seat" and error.field == "action.seat"
    assert "alpha" in str(error)
    error = await _refused(fac, {"type": "seat", "seat": "beta", "bot": "genius"})
    assert error.code == "unknown_bot" and error.field == "action.bot"
    assert all(name in str(error) for name in BOTS)
    error = await _refused(students["beta"], {"type": "seat", "seat": "beta", "bot": "dove"})
    assert error.code == "not_facilitator" and error.field == "action.type"
    error = await _refused(fac, {"type": "seat", "seat": "beta"})
    assert error.code == "invalid" and error.field == "action.bot"  # null must be said


# ---------------------------------------------------------------------- lock
async def test_a_locked_room_refuses_joins_but_not_reconnects(
    server: ServerHandle, connect
) -> None:
    fac, code, students = await _room(connect)
    token = students["alpha"].welcome["token"]
    await fac.act({"type": "lock", "locked": True})
    late: Client = await connect()
    with pytest.raises(ProtocolError) as err:
        await late.join(code, "beta", name="Late")
    assert err.value.code == "room_locked" and "locked" in str(err.value)
    with pytest.raises(ProtocolError) as err:
        await late.join(code, role="observer")
    assert err.value.code == "room_locked"
    back: Client = await connect()
    welcome = await back.auth(token)  # a student who was in comes back
    assert welcome["seat"] == "alpha" and welcome["room"]["locked"] is True
    await fac.act({"type": "lock", "locked": False})
    assert (await late.join(code, "beta", name="Late"))["seat"] == "beta"


# ---------------------------------------------------------------------- move
async def test_a_student_moves_to_another_team(server: ServerHandle, connect) -> None:
    fac, code, students = await _room(connect)
    ann = students["alpha"]
    token = ann.welcome["token"]
    me = ann.welcome["room"]["seats"][0]["members"][0]
    assert me["name"] == "alpha-student" and me["id"].startswith("p")
    god = await fac.wait_view(_all_joined)
    seats = {s["id"]: s for s in god["legal"]["seats"]}
    assert seats["alpha"]["players"] == [{"id": me["id"], "name": "alpha-student", "connected": 1}]

    for n in range(3):  # alpha and beta talk: alpha's numbers run ahead of gamma's
        await ann.act({"type": "message", "to": ["beta"], "text": f"between us {n}"})
    ahead = await ann.wait_view(lambda v: len(v["view"]["messages"]) == 3)
    await fac.act({"type": "move", "player": me["id"], "seat": "gamma"})
    view = await ann.wait_view(lambda v: v["viewer"] == "gamma")
    assert view["view"]["you"] == "gamma" and view["view"]["messages"] == []
    # the new seat's own numbers, lower than the old seat's: the client still takes them
    assert view["seq"] < ahead["seq"] and view["version"] < ahead["version"]
    assert ann.welcome["seat"] == "gamma" and ann.welcome["token"] is None  # pushed welcome
    ack = await ann.act({"type": "message", "to": [], "text": "Gamma here now."})
    assert ack["action"]["actor"] == "gamma"
    # the token now gives the new seat, and only it
    again: Client = await connect()
    assert (await again.auth(token))["seat"] == "gamma"
    assert (await again.wait_view())["viewer"] == "gamma"
    with pytest.raises(ProtocolError) as err:
        await again.act({"type": "ready", "actor": "alpha"})
    assert err.value.code == "not_your_seat"
    with pytest.raises(ProtocolError) as err:
        await again.sync("alpha")
    assert err.value.code == "forbidden_view"

    error = await _refused(fac, {"type": "move", "player": "p99", "seat": "beta"})
    assert error.code == "unknown_player" and error.field == "action.player"
    assert me["id"] in str(error)
    error = await _refused(fac, {"type": "move", "player": me["id"], "seat": "omega"})
    assert error.code == "unknown_seat" and error.field == "action.seat"
    await fac.act({"type": "seat", "seat": "beta", "bot": "dove"})
    error = await _refused(fac, {"type": "move", "player": me["id"], "seat": "beta"})
    assert error.code == "seat_is_bot"


# ---------------------------------------------------------------------- menus
async def test_the_facilitators_legal_space_carries_the_menus(
    server: ServerHandle, connect
) -> None:
    fac, _, students = await _room(connect)
    god = await fac.wait_view(_all_joined)
    legal = god["legal"]
    assert legal["injects"] == [{"id": "incident", "title": "Incident", "news": "A boat incident."}]
    variables = {v["id"]: v for v in legal["variables"]}
    assert variables["economy"] == {"id": "economy", "name": "Beta economy", "min": 0, "max": 100}
    assert {"tension", "approval.beta", "trust.alpha.beta"} <= set(variables)
    await fac.act({"type": "pause"})
    paused = await fac.wait_view(lambda v: v["view"]["paused"])
    assert "resume" in paused["legal"]["types"] and "pause" not in paused["legal"]["types"]
    # a custom inject built from the menu
    await fac.act({"type": "inject", "news": "Storm at sea.", "effects": {"economy": -4}})
    beta = await students["beta"].wait_view(
        lambda v: any(n["text"] == "Storm at sea." for n in v["view"]["news"])
    )
    assert beta["legal"]["types"]  # players keep their own legal space
    await fac.act({"type": "end"})
    over = await fac.wait_view(lambda v: v["view"]["phase"] == "over")
    assert over["legal"]["types"] == []


# ---------------------------------------------------------------------- replay and report
async def _play_to_the_end(fac: Client, students: dict[str, Client]) -> list[dict[str, Any]]:
    """Skip through every month; return alpha's view right after each month's news."""
    after: list[dict[str, Any]] = []
    for month in (1, 2, 3):
        await students["alpha"].act({"type": "message", "to": [], "text": f"Month {month}."})
        ack = await fac.act({"type": "advance", "to": "resolution"})
        after.append(await students["alpha"].wait_view(lambda v, s=ack["seq"]: v["seq"] == s))
    assert after[-1]["view"]["phase"] == "over"
    return after


async def test_replay_shows_a_month_as_it_stood(server: ServerHandle, connect) -> None:
    fac, _, students = await _room(connect)
    alpha = students["alpha"]
    with pytest.raises(ProtocolError) as err:
        await alpha.replay(1)
    assert err.value.code == "game_not_over"
    with pytest.raises(ProtocolError) as err:
        await fac.replay(1)
    assert err.value.code == "unknown_month" and err.value.field == "month"
    after = await _play_to_the_end(fac, students)
    for month in (1, 2, 3):
        replay = await alpha.replay(month)
        assert replay["type"] == "replay" and replay["month"] == month
        assert replay["viewer"] == "alpha" and replay["seq"] == after[month - 1]["seq"]
        assert replay["view"] == after[month - 1]["view"]
        parse_server(json.dumps(replay))
    start = await alpha.replay(0)
    assert start["seq"] == 0 and start["view"]["month"] == 1 and start["view"]["messages"] == []
    with pytest.raises(ProtocolError) as err:
        await alpha.replay(4)
    assert err.value.code == "unknown_month"
    with pytest.raises(ProtocolError) as err:
        await alpha.replay(1, viewer="beta")
    assert err.value.code == "forbidden_view"
    god = await fac.replay(1, viewer="omniscient")
    assert "secret_objectives" in god["view"] and god["view"]["month"] == 2


async def test_the_facilitator_replays_during_the_game(server: ServerHandle, connect) -> None:
    fac, _, students = await _room(connect)
    await fac.act({"type": "advance", "to": "resolution"})
    beta = await fac.replay(1, viewer="beta")
    assert beta["view"]["you"] == "beta" and beta["view"]["month"] == 2


async def test_the_report_is_an_html_debrief(server: ServerHandle, connect) -> None:
    fac, _, students = await _room(connect, name="Period 3")
    with pytest.raises(ProtocolError) as err:
        await students["gamma"].report()
    assert err.value.code == "game_not_over"
    early = await fac.report()  # the facilitator, at any time
    assert early["type"] == "report" and early["filename"].endswith(".html")
    assert "<html" in early["html"].lower() and "Mini crisis" in early["html"]
    await _play_to_the_end(fac, students)
    final = await students["gamma"].report()
    assert "<html" in final["html"].lower() and "Mini crisis" in final["html"]
    assert parse_server(json.dumps(final)).type == "report"  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- the engine's record
def test_controls_are_logged_actions_that_change_no_game_variable() -> None:
    from game.engine.game import Game
    from game.scenario.loader import load_scenario
    from tests.server.conftest import MINI

    rules = load_scenario(MINI)
    plain, steered = Game(rules, 5), Game(rules, 5)
    controls = [
        {"type": "start", "actor": "facilitator"},
        {"type": "extend", "actor": "facilitator", "seconds": -30},
        {"type": "seat", "actor": "facilitator", "seat": "beta", "bot": "dove"},
        {"type": "lock", "actor": "facilitator", "locked": True},
        {"type": "move", "actor": "facilitator", "player": "p1", "seat": "gamma"},
    ]
    for action in controls:
        steered.apply(action)
    assert steered.state_hash() == plain.state_hash()
    assert [a["type"] for a in steered.log] == ["start", "extend", "seat", "lock", "move"]
    assert Game.replay(rules, 5, steered.log).log == steered.log
    bad = [
        ({"type": "start", "actor": "facilitator"}, "already_started", "type"),
        ({"type": "extend", "actor": "facilitator", "seconds": 1.5}, "bad_field", "seconds"),
        (
            {"type": "seat", "actor": "facilitator", "seat": "zeta", "bot": None},
            "unknown_seat",
            "seat",
        ),
        ({"type": "lock", "actor": "facilitator", "locked": "yes"}, "bad_field", "locked"),
        (
            {"type": "move", "actor": "facilitator", "player": "", "seat": "beta"},
            "bad_field",
            "player",
        ),
        (
            {"type": "move", "actor": "beta", "player": "p1", "seat": "beta"},
            "not_facilitator",
            "actor",
        ),
        ({"type": "advance", "actor": "facilitator", "to": "war"}, "bad_field", "to"),
    ]
    from game.errors import IllegalAction

    for action, code, field in bad:
        with pytest.raises(IllegalAction) as err:
            steered.apply(action)
        assert (err.value.code, err.value.field) == (code, field), action
    assert len(steered.log) == len(controls)  # refused actions leave no trace


# ---------------------------------------------------------------------- kill -9
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
async def test_after_kill_9_seats_bots_lock_moves_and_the_clock_come_back(
    tmp_path: Path,
) -> None:
    proc, url = start_server(tmp_path)
    clients: list[Client] = []
    try:
        fac = await Client.connect(url)
        clients.append(fac)
        created = await fac.create_room(
            scenario="mini", seed=4, timers={"negotiation": 30, "orders": 30}, wait_for_start=True
        )
        code, fac_token = created["room"]["code"], created["token"]
        tokens = {}
        for seat in ("alpha", "beta"):
            student = await Client.connect(url)
            clients.append(student)
            tokens[seat] = (await student.join(code, seat, name=f"{seat}-1"))["token"]
        ann = clients[1].welcome["room"]["seats"][0]["members"][0]["id"]
        await fac.act({"type": "seat", "seat": "gamma", "bot": "dove"})
        await fac.act({"type": "move", "player": ann, "seat": "beta"})
        await fac.act({"type": "lock", "locked": True})
        await fac.act({"type": "start"})
        await fac.wait_view(lambda v: "gamma" in v["view"]["ready"], timeout=10)  # the bot
        await fac.act({"type": "pause"})
        last = await fac.act({"type": "extend", "seconds": 100})
        before = await fac.wait_view(lambda v: v["seq"] == last["seq"])
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.wait(10)
    for client in clients:
        await client.close()

    proc, url = start_server(tmp_path)
    try:
        fac = await Client.connect(url)
        await fac.auth(fac_token)
        after = await fac.wait_view()
        assert (after["seq"], after["state_hash"]) == (before["seq"], before["state_hash"])
        assert after["started"] and after["legal"]["locked"]
        assert after["paused_remaining"] == pytest.approx(before["paused_remaining"])
        assert 125 < after["paused_remaining"] <= 130
        seats = {s["id"]: s for s in after["legal"]["seats"]}
        assert seats["gamma"]["bot"] == "dove"
        assert [p["name"] for p in seats["beta"]["players"]] == ["alpha-1", "beta-1"]
        moved = await Client.connect(url)
        assert (await moved.auth(tokens["alpha"]))["seat"] == "beta"
        late = await Client.connect(url)
        with pytest.raises(ProtocolError) as err:
            await late.join(code, "alpha")
        assert err.value.code == "room_locked"
        await fac.act({"type": "resume"})
        resumed = await moved.wait_view(lambda v: v["deadline"] is not None)
        assert 120 < resumed["remaining"] <= 130
        for client in (fac, moved, late):
            await client.close()
    finally:
        proc.kill()
        proc.wait(10)
