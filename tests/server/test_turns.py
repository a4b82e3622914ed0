"""Real-time turns: timers, ending early when everyone is ready, stale actions, pausing."""

from __future__ import annotations

import time

import pytest

from game.netclient import Client
from game.protocol import ProtocolError
from server.embed import ServerHandle


async def _room(server: ServerHandle, connect, timers: dict) -> tuple[Client, dict[str, Client]]:
    fac: Client = await connect()
    welcome = await fac.create_room(scenario="mini", seed=2, timers=timers)
    code = welcome["room"]["code"]
    players = {}
    for seat in ("alpha", "beta", "gamma"):
        players[seat] = await connect()
        await players[seat].join(code, seat)
    return fac, players


async def test_the_timer_ends_a_phase_nobody_finished(server: ServerHandle, connect) -> None:
    fac, players = await _room(server, connect, {"negotiation": 0.3, "orders": 0.3})
    view = await players["alpha"].wait_view()
    assert view["view"]["phase"] == "negotiation"
    assert 0 < view["remaining"] <= 0.3
    later = await players["alpha"].wait_view(lambda v: v["view"]["phase"] == "orders", timeout=5)
    assert time.time() >= view["deadline"] - 0.05  # not before its timer ran out
    assert later["deadline"] > view["deadline"]
    # the timer's advance is an action by the facilitator, in the log like any other
    god = await fac.wait_view(lambda v: v["view"]["phase"] == "orders")
    assert god["seq"] == 1
    (room,) = server.server.rooms.values()
    assert room.game.log[0] == {
        "type": "advance",
        "actor": "facilitator",
        "phase": "negotiation",
        "month": 1,
        "by": "timer",  # so the debrief can tell the timer from the facilitator
    }


async def test_the_phase_ends_early_when_every_seat_is_ready(server: ServerHandle, connect) -> None:
    fac, players = await _room(server, connect, {"negotiation": 60, "orders": 60})
    for seat, client in players.items():
        ack = await client.act({"type": "ready", "month": 1})
        assert ack["action"] == {"type": "ready", "actor": seat, "month": 1}
    view = await players["beta"].wait_view(lambda v: v["view"]["phase"] == "orders", timeout=2)
    assert view["remaining"] > 50  # a fresh timer for the orders phase


async def test_an_action_for_a_past_phase_is_refused_with_a_reason(
    server: ServerHandle, connect
) -> None:
    fac, players = await _room(server, connect, {"negotiation": 60, "orders": 60})
    await fac.act({"type": "advance"})
    await fac.act({"type": "advance"})  # orders end: month 2 begins
    alpha = players["alpha"]
    await alpha.wait_view(lambda v: v["view"]["month"] == 2)
    with pytest.raises(ProtocolError) as err:
        await alpha.act({"type": "ready", "month": 1})
    assert err.value.code == "stale" and err.value.field == "action.month"
    assert "month 1" in str(err.value) and "month 2" in str(err.value)
    with pytest.raises(ProtocolError) as err:
        await alpha.act({"type": "respond", "proposal": 1, "accept": True})
    assert err.value.code in ("unknown_proposal", "wrong_phase")
    await fac.act({"type": "advance", "phase": "negotiation", "month": 2})
    await alpha.wait_view(lambda v: v["view"]["phase"] == "orders")
    with pytest.raises(ProtocolError) as err:
        await alpha.act({"type": "propose", "to": ["beta"], "talks": True})
    assert err.value.code == "wrong_phase" and err.value.field == "action.type"
    with pytest.raises(ProtocolError) as err:  # the facilitator's own race guard
        await fac.act({"type": "advance", "phase": "negotiation"})
    assert err.value.code == "stale"


async def test_pause_stops_the_clock_and_resume_gives_back_what_was_left(
    server: ServerHandle, connect
) -> None:
    fac, players = await _room(server, connect, {"negotiation": 0.6, "orders": 5})
    await fac.act({"type": "pause"})
    paused = await players["gamma"].wait_view(lambda v: v["view"]["paused"])
    assert paused["deadline"] is None
    time.sleep(0.8)  # longer than the whole phase: the paused timer must not fire
    still = await players["gamma"].sync()
    assert still["view"]["phase"] == "negotiation"
    await fac.act({"type": "resume"})
    resumed = await players["gamma"].wait_view(
        lambda v: not v["view"]["paused"] and v["deadline"] is not None
    )
    assert 0.1 < resumed["remaining"] <= 0.6
    await players["gamma"].wait_view(lambda v: v["view"]["phase"] == "orders", timeout=3)


async def test_facilitator_controls_inject_announce_and_end(server: ServerHandle, connect) -> None:
    fac, players = await _room(server, connect, {"negotiation": 60, "orders": 60})
    god = await fac.wait_view(lambda v: all(s["players"] for s in v["legal"]["seats"]))
    assert set(god["legal"]["types"]) == {
        *("advance", "pause", "inject", "announce", "end"),
        *("extend", "seat", "lock", "move"),
    }
    assert [i["id"] for i in god["legal"]["injects"]] == ["incident"]
    await fac.act({"type": "inject", "event": "incident"})
    await fac.act({"type": "announce", "text": "Ten minutes left."})
    news = await players["beta"].wait_view(lambda v: len(v["view"]["news"]) >= 2)
    texts = [n["text"] for n in news["view"]["news"]]
    assert "Ten minutes left." in texts and "A boat incident." in texts
    with pytest.raises(ProtocolError) as err:
        await fac.act({"type": "inject", "event": "meteor"})
    assert err.value.code == "unknown_inject" and err.value.field == "action.event"
    await fac.act({"type": "end"})
    over = await players["beta"].wait_view(lambda v: v["view"]["phase"] == "over")
    assert over["legal"]["types"] == [] and over["deadline"] is None
