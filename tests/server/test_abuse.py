"""Bad input and abuse against a real server: each gets a clear error or a closed
connection, and the room goes on unharmed."""

from __future__ import annotations

import asyncio
import json

import pytest

from game.netclient import Client
from game.protocol import MAX_MESSAGE_BYTES, ProtocolError
from server.embed import ServerHandle, serve_in_thread
from tests.server.conftest import SCENARIOS


async def _reply(client: Client) -> dict:
    """The next error that answered no request (frames sent raw have no request_id)."""
    before = len(client.errors)
    for _ in range(200):
        if len(client.errors) > before:
            return client.errors[-1]
        await asyncio.sleep(0.01)
    raise AssertionError("no error came back")


async def _closed(client: Client) -> int | None:
    await asyncio.wait_for(client._reader, 5)
    return client.ws.close_code


@pytest.fixture
async def room(server: ServerHandle, connect):
    """A room with a seated player ``alpha`` and the facilitator; checks it survived."""
    created = server.create_room(scenario="mini", timers={"negotiation": 60, "orders": 60})
    alpha: Client = await connect()
    await alpha.join(created.code, "alpha")
    hash_before = server.state_hash(created.code)
    yield created, alpha
    # the room goes on: nothing was recorded by the abuse, and it still takes actions
    assert server.state_hash(created.code) == hash_before
    ack = await alpha.act({"type": "message", "text": "still here"})
    assert ack["seq"] == 1


@pytest.mark.parametrize(
    ("frame", "code", "field"),
    [
        ("{not json", "bad_json", None),
        ("[1, 2]", "invalid", None),
        ('{"type": "teleport"}', "unknown_type", "type"),
        ('{"no_type": 1}', "unknown_type", "type"),
        ('{"type": "action", "action": {"type": "nuke"}}', "unknown_type", "action.type"),
        (
            '{"type": "action", "action": {"type": "respond", "proposal": "7", "accept": true}}',
            "invalid",
            "action.proposal",
        ),
        (
            '{"type": "action", "action": {"type": "orders", "levers": {"aid": 3}}}',
            "invalid",
            "action.levers.aid",
        ),
        (
            '{"type": "action", "action": {"type": "ready", "month": true}}',
            "invalid",
            "action.month",
        ),
        (
            '{"type": "action", "action": {"type": "ready", "sneaky": 1}}',
            "invalid",
            "action.sneaky",
        ),
        ('{"type": "action"}', "invalid", "action"),
        ('{"type": "sync", "viewer": 5}', "invalid", "viewer"),
    ],
)
async def test_malformed_frames_get_a_clear_error_and_the_connection_stays(
    room, frame: str, code: str, field: str | None
) -> None:
    _, alpha = room
    await alpha.send_raw(frame)
    error = await _reply(alpha)
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]
    assert (await alpha.ping())["type"] == "pong"  # still connected


async def test_the_request_id_is_echoed_even_on_a_bad_field(room) -> None:
    _, alpha = room
    with pytest.raises(ProtocolError) as err:
        await alpha.request({"type": "action", "action": {"type": "withdraw", "proposal": []}})
    assert err.value.field == "action.proposal"  # matched to its request by request_id


async def test_binary_frames_are_refused(room) -> None:
    _, alpha = room
    await alpha.send_raw(b'{"type": "ping"}')
    assert (await _reply(alpha))["code"] == "bad_frame"


async def test_an_oversized_message_closes_that_connection_only(room, connect, server) -> None:
    created, alpha = room
    big: Client = await connect()
    await big.join(created.code, "beta")
    text = "x" * (MAX_MESSAGE_BYTES + 1)
    await big.send_raw(json.dumps({"type": "action", "action": {"type": "message", "text": text}}))
    assert await _closed(big) == 1009  # message too big


async def test_a_flood_closes_the_connection(room, connect) -> None:
    created, alpha = room
    flooder: Client = await connect()
    await flooder.join(created.code, "gamma")
    for _ in range(200):
        if flooder.closed:
            break
        await flooder.send_raw('{"type": "ping"}')
    assert await _closed(flooder) == 1008
    assert any(e["code"] == "rate_limited" for e in flooder.errors)


async def test_wrong_tokens_are_refused_and_repeated_guessing_is_cut_off(room, connect) -> None:
    guesser: Client = await connect()
    for i in range(5):
        if guesser.closed:
            break
        with pytest.raises((ProtocolError, ConnectionError)) as err:
            await guesser.auth(f"guess-{i}")
        if isinstance(err.value, ProtocolError):
            assert (err.value.code, err.value.field) == ("bad_token", "token")
    assert await _closed(guesser) == 1008


async def test_a_token_gives_exactly_its_seat(room, connect, server: ServerHandle) -> None:
    created, alpha = room
    other = server.create_room(scenario="mini")
    # someone holding alpha's token (stolen or shared) is alpha: in that room, that seat
    token = server.seat_token(created.code, "alpha", "thief")
    thief: Client = await connect()
    welcome = await thief.auth(token)
    assert (welcome["room"]["code"], welcome["seat"], welcome["role"]) == (
        created.code,
        "alpha",
        "player",
    )
    assert welcome["room"]["code"] != other.code
    with pytest.raises(ProtocolError) as err:  # acting for another seat
        await thief.act({"type": "ready", "actor": "beta"})
    assert (err.value.code, err.value.field) == ("not_your_seat", "action.actor")
    with pytest.raises(ProtocolError) as err:  # pretending to be the facilitator
        await thief.act({"type": "advance", "actor": "facilitator"})
    assert err.value.code == "not_facilitator"
    for command in ("advance", "pause", "resume", "inject", "announce", "end"):
        action = {"type": command}
        if command == "announce":
            action["text"] = "Game over, everyone!"
        with pytest.raises(ProtocolError) as err:
            await thief.act(action)
        assert (err.value.code, err.value.field) == ("not_facilitator", "action.type")
    with pytest.raises(ProtocolError) as err:  # reading another seat's messages
        await thief.sync(viewer="beta")
    assert err.value.code == "forbidden_view"
    with pytest.raises(ProtocolError) as err:  # pulling levers it does not hold
        await thief.act({"type": "orders", "levers": {"program": "freeze"}})
    assert (err.value.code, err.value.field) == ("not_your_lever", "action.levers.program")


async def test_authentication_comes_first_and_only_once(room, connect) -> None:
    created, alpha = room
    stranger: Client = await connect()
    with pytest.raises(ProtocolError) as err:
        await stranger.act({"type": "ready"})
    assert err.value.code == "auth_required"
    with pytest.raises(ProtocolError) as err:
        await alpha.join(created.code, "beta")
    assert err.value.code == "already_authenticated"


async def test_another_protocol_version_is_refused(room, connect) -> None:
    created, _ = room
    old: Client = await connect()
    with pytest.raises(ProtocolError) as err:
        await old.request({"type": "join", "protocol": 0, "code": created.code, "seat": "beta"})
    assert err.value.code == "protocol_version"
    assert await _closed(old) == 1008


async def test_a_silent_connection_is_closed() -> None:
    handle = serve_in_thread(scenarios=SCENARIOS, auth_timeout=0.2)
    try:
        client = await Client.connect(handle.url)
        assert await _closed(client) == 1008
    finally:
        handle.stop()
