"""Roles and seats: players, teams sharing a seat, observers, the facilitator."""

from __future__ import annotations

import pytest

from game.netclient import Client
from game.protocol import ProtocolError
from server.embed import ServerHandle


async def test_a_seat_can_be_shared_by_a_team(server: ServerHandle, connect) -> None:
    room = server.create_room(scenario="mini", timers={"negotiation": 60, "orders": 60})
    ann: Client = await connect()
    bob: Client = await connect()
    a = await ann.join(room.code.lower(), "alpha", name="Ann")  # codes are case-insensitive
    b = await bob.join(room.code, "alpha", name="Bob")
    assert a["token"] != b["token"]
    assert b["room"]["seats"][0]["players"] == ["Ann", "Bob"]
    await ann.act({"type": "message", "to": ["beta"], "text": "Ann speaking for Alpha."})
    seen = await bob.wait_view(lambda v: v["view"]["messages"])
    assert seen["view"]["messages"][0]["from"] == "alpha"
    await bob.act({"type": "ready"})
    assert "alpha" in (await ann.wait_view(lambda v: v["view"]["ready"]))["view"]["ready"]


async def test_private_messages_reach_only_their_parties(server: ServerHandle, connect) -> None:
    room = server.create_room(scenario="mini", timers={"negotiation": 60, "orders": 60})
    alpha, beta, gamma, watcher = [await connect() for _ in range(4)]
    await alpha.join(room.code, "alpha")
    await beta.join(room.code, "beta")
    await gamma.join(room.code, "gamma")
    await watcher.join(room.code, role="observer")
    await alpha.act({"type": "message", "to": ["beta"], "text": "Secret offer."})
    await alpha.act({"type": "message", "to": [], "text": "Public hello."})
    for client, expected in (
        (beta, {"Secret offer.", "Public hello."}),
        (gamma, {"Public hello."}),
        (watcher, {"Public hello."}),
    ):
        view = await client.wait_view(lambda v: any(m["to"] == [] for m in v["view"]["messages"]))
        assert {m["text"] for m in view["view"]["messages"]} == expected
    # asking for someone else's view is refused; the facilitator may look anywhere
    with pytest.raises(ProtocolError) as err:
        await gamma.sync(viewer="beta")
    assert err.value.code == "forbidden_view" and err.value.field == "viewer"
    with pytest.raises(ProtocolError) as err:
        await watcher.sync(viewer="omniscient")
    assert err.value.code == "forbidden_view"
    fac: Client = await connect()
    await fac.auth(room.facilitator_token)
    as_beta = await fac.sync(viewer="beta")
    assert as_beta["viewer"] == "beta" and len(as_beta["view"]["messages"]) == 2


async def test_observers_watch_but_cannot_act(server: ServerHandle, connect) -> None:
    room = server.create_room(scenario="mini")
    watcher: Client = await connect()
    welcome = await watcher.join(room.code, role="observer", name="Parent")
    assert welcome["role"] == "observer" and welcome["seat"] is None
    view = await watcher.wait_view()
    assert view["viewer"] == "spectator" and "secret_briefing" not in view["view"]
    with pytest.raises(ProtocolError) as err:
        await watcher.act({"type": "ready"})
    assert err.value.code == "observer"


async def test_the_facilitator_sees_everything_and_plays_no_seat(
    server: ServerHandle, connect
) -> None:
    fac: Client = await connect()
    welcome = await fac.create_room(scenario="mini", seed=9)
    assert welcome["role"] == "facilitator" and welcome["token"]
    god = await fac.wait_view()
    assert god["viewer"] == "omniscient"
    assert set(god["view"]["secret_briefings"]) == {"alpha", "beta", "gamma"}
    assert len(god["state_hash"]) == 64
    with pytest.raises(ProtocolError) as err:
        await fac.act({"type": "ready"})
    assert err.value.code == "not_a_player"


async def test_joining_checks_the_code_and_the_seat(server: ServerHandle, connect) -> None:
    room = server.create_room(scenario="mini", bots={"gamma": "random"})
    for kwargs, code, field in (
        ({"code": "NOPE42", "seat": "alpha"}, "unknown_room", "code"),
        ({"code": room.code, "seat": "alpah"}, "unknown_seat", "seat"),
        ({"code": room.code, "seat": "gamma"}, "seat_is_bot", "seat"),
        ({"code": room.code}, "unknown_seat", "seat"),
    ):
        client: Client = await connect()
        with pytest.raises(ProtocolError) as err:
            await client.join(**kwargs)
        assert (err.value.code, err.value.field) == (code, field)
    client = await connect()
    with pytest.raises(ProtocolError) as err:
        await client.join(room.code, "alpah")
    assert "did you mean 'alpha'" in str(err.value)


async def test_room_creation_checks_its_options(server: ServerHandle, connect) -> None:
    for options, code, field in (
        ({"scenario": "atlantis"}, "unknown_scenario", "options.scenario"),
        ({"scenario": "../../etc/passwd"}, "unknown_scenario", "options.scenario"),
        ({"scenario": "mini", "bots": {"zeta": "random"}}, "unknown_seat", "options.bots.zeta"),
        ({"scenario": "mini", "bots": {"beta": "genius"}}, "unknown_bot", "options.bots.beta"),
        ({"scenario": "mini", "timers": {"orders": -1}}, "invalid", "options.timers.orders"),
        ({"scenario": "mini", "press": "loud"}, "invalid", "options.press"),
    ):
        client: Client = await connect()
        with pytest.raises(ProtocolError) as err:
            await client.create_room(**options)
        assert (err.value.code, err.value.field) == (code, field), options


@pytest.mark.parametrize(
    ("press", "to", "code"),
    [("public", ["beta"], "press_public_only"), ("none", [], "press_none")],
)
async def test_press_options_limit_chat(
    server: ServerHandle, connect, press: str, to: list[str], code: str
) -> None:
    room = server.create_room(scenario="mini", press=press)
    alpha: Client = await connect()
    await alpha.join(room.code, "alpha")
    with pytest.raises(ProtocolError) as err:
        await alpha.act({"type": "message", "to": to, "text": "psst"})
    assert err.value.code == code
