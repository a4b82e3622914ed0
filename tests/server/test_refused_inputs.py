"""Inputs that must be refused, against a real server: non-finite numbers, deep nesting,
room exhaustion, and repeated request ids. Each gets a clear error code; the connection
and the room go on unharmed, and nothing the server sends is ever invalid JSON."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from game.netclient import Client
from game.protocol import ProtocolError
from server.embed import ServerHandle, serve_in_thread
from tests.server.conftest import SCENARIOS


def _strict(text: str) -> Any:
    """Parse as a strict JSON reader does (JavaScript's JSON.parse): no NaN/Infinity."""

    def refuse(word: str) -> None:
        raise ValueError(f"{word} is not JSON")

    return json.loads(text, parse_constant=refuse)


async def _send(client: Client, message: dict[str, Any], rid: str | int) -> dict[str, Any]:
    """Send ``message`` with this very ``request_id`` and return the reply to it."""
    future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
    client._pending[rid] = future
    await client.send_raw(json.dumps({**message, "request_id": rid}))
    try:
        return await asyncio.wait_for(future, 5)
    finally:
        client._pending.pop(rid, None)


async def _raw_reply(client: Client, frame: str) -> dict[str, Any]:
    """Send a raw frame and return the next error frame (with or without request id)."""
    got: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

    def watch(direction: str, text: str) -> None:
        if direction == "recv" and not got.done():
            msg = json.loads(text)
            if msg.get("type") == "error":
                got.set_result(msg)

    client.on_frame = watch
    try:
        await client.send_raw(frame)
        return await asyncio.wait_for(got, 5)
    finally:
        client.on_frame = None


@pytest.fixture
async def fac(server: ServerHandle, connect):
    """A facilitator on a mini room with timers, and a player ``alpha``; every frame both
    receive is recorded. Afterwards: every frame was strict JSON."""
    created = server.create_room(scenario="mini", timers={"negotiation": 60, "orders": 60})
    frames: list[str] = []
    facilitator: Client = await connect()
    facilitator.on_frame = lambda d, t: frames.append(t) if d == "recv" else None
    await facilitator.auth(created.facilitator_token)
    alpha: Client = await connect()
    alpha.on_frame = lambda d, t: frames.append(t) if d == "recv" else None
    await alpha.join(created.code, "alpha")
    yield created, facilitator, alpha
    for text in frames:
        _strict(text)  # raises on a literal NaN or Infinity


@pytest.mark.parametrize(
    ("frame", "field"),
    [
        (
            '{"type": "action", "action": {"type": "inject", "news": "x", '
            '"effects": {"tension": NaN}}}',
            "action.effects.tension",
        ),
        (
            '{"type": "action", "action": {"type": "inject", "news": "x", '
            '"effects": {"tension": Infinity}}}',
            "action.effects.tension",
        ),
        ('{"type": "action", "action": {"type": "extend", "seconds": -Infinity}}', None),
        ('{"type": "action", "action": {"type": "extend", "seconds": 1e999}}', None),
        ('{"type": "ping", "extra": [1, 2, {"deep": NaN}]}', "extra.2.deep"),
    ],
)
async def test_non_finite_numbers_are_refused_anywhere(
    fac, server: ServerHandle, frame: str, field: str | None
) -> None:
    created, facilitator, _ = fac
    before = server.state_hash(created.code)
    error = await _raw_reply(facilitator, frame)
    assert error["code"] == "bad_number"
    if field is not None:
        assert error["field"] == field
    else:
        assert error["field"].startswith("action.")
    assert "not a JSON number" in error["message"]
    assert server.state_hash(created.code) == before
    assert (await facilitator.ping())["type"] == "pong"
    view = await facilitator.sync()
    assert view["view"]["tension"]["value"] < 100


async def test_infinite_timers_are_refused_at_room_creation(connect) -> None:
    client: Client = await connect()
    error = await _raw_reply(
        client, '{"type": "create_room", "options": {"timers": {"negotiation": Infinity}}}'
    )
    assert (error["code"], error["field"]) == ("bad_number", "options.timers.negotiation")
    # the same connection can still create a room, with finite timers
    welcome = await client.create_room(scenario="mini", timers={"negotiation": 30})
    assert welcome["room"]["timers"]["negotiation"] == 30


async def test_a_request_id_keeps_its_own_error_on_a_non_finite_number(fac) -> None:
    _, facilitator, _ = fac
    reply = await _send(
        facilitator,
        {"type": "action", "action": {"type": "extend", "seconds": float("nan")}},
        "nan-1",
    )  # json.dumps writes NaN: exactly what a careless client sends
    assert (reply["type"], reply["code"], reply["request_id"]) == ("error", "bad_number", "nan-1")


@pytest.mark.parametrize(
    "frame",
    [
        "[" * 30000 + "]" * 30000,  # 60 kB of nested arrays
        '{"type": "ping", "x": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}",
        '{"type": "ping", "x": ' + "[" * 40 + "]" * 40 + "}",
    ],
)
async def test_deep_nesting_is_refused_before_parsing(fac, server: ServerHandle, frame) -> None:
    created, _, alpha = fac
    before = server.state_hash(created.code)
    error = await _raw_reply(alpha, frame)
    assert error["code"] == "too_deep"
    assert (await alpha.ping())["type"] == "pong"  # the connection is fine
    assert server.state_hash(created.code) == before


async def test_brackets_inside_strings_are_not_nesting(fac) -> None:
    _, _, alpha = fac
    ack = await alpha.act({"type": "message", "text": "[" * 500 + "{" * 500})
    assert ack["seq"] == 1


async def test_a_bad_request_id_names_the_field_as_written(fac) -> None:
    _, _, alpha = fac
    error = await _raw_reply(alpha, '{"type": "ping", "request_id": [1]}')
    assert (error["code"], error["field"]) == ("invalid", "request_id")


# ---------------------------------------------------------------------- room exhaustion
async def _finish(url: str, welcome_token: str) -> None:
    client = await Client.connect(url)
    try:
        await client.auth(welcome_token)
        await client.act({"type": "end"})
    finally:
        await client.close()


async def test_finished_rooms_do_not_count_toward_max_rooms_also_after_restart(
    tmp_path: Path,
) -> None:
    db = tmp_path / "server.sqlite3"
    handle = serve_in_thread(db=db, scenarios=SCENARIOS, max_rooms=2)
    try:
        tokens = []
        for _ in range(2):
            client = await Client.connect(handle.url)
            welcome = await client.create_room(scenario="mini", timers={"negotiation": 1})
            tokens.append(welcome["token"])
            await client.close()
        client = await Client.connect(handle.url)
        with pytest.raises(ProtocolError) as err:
            await client.create_room(scenario="mini")
        assert err.value.code == "too_many_rooms"
        await client.close()
        for token in tokens:
            await _finish(handle.url, token)
        client = await Client.connect(handle.url)
        third = await client.create_room(scenario="mini")
        await client.close()
        await _finish(handle.url, third["token"])
    finally:
        handle.stop()
    handle = serve_in_thread(db=db, scenarios=SCENARIOS, max_rooms=2)
    try:  # three finished rooms restored: two new ones fit
        for _ in range(2):
            client = await Client.connect(handle.url)
            await client.create_room(scenario="mini")
            await client.close()
        finished = Client.connect(handle.url)
        client = await finished
        with pytest.raises(ProtocolError) as err:
            await client.create_room(scenario="mini")
        assert err.value.code == "too_many_rooms"
        await client.close()
        # the finished rooms are still there to read
        old = await Client.connect(handle.url)
        welcome = await old.auth(tokens[0])
        assert welcome["role"] == "facilitator"
        assert (await old.sync())["view"]["phase"] == "over"
        await old.close()
    finally:
        handle.stop()


async def test_anonymous_room_creation_is_limited_per_address() -> None:
    handle = serve_in_thread(scenarios=SCENARIOS, rooms_per_address=2, admin_token="s3cret")
    try:
        client = await Client.connect(handle.url)
        for _ in range(2):
            await client.create_room(scenario="mini")
            await client.close()
            client = await Client.connect(handle.url)
        with pytest.raises(ProtocolError) as err:
            await client.create_room(scenario="mini")
        assert err.value.code == "room_quota"
        assert "127.0.0.1" in str(err.value)
        await client.close()
        client = await Client.connect(handle.url)  # the admin token is not limited
        welcome = await client.create_room(scenario="mini", admin_token="s3cret")
        assert welcome["role"] == "facilitator"
        await client.close()
        # in-process rooms (sixparty play, the handle) are not counted
        assert handle.create_room(scenario="mini").code
    finally:
        handle.stop()


async def test_rooms_need_the_admin_token_when_the_server_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SIXPARTY_ADMIN_TOKEN", raising=False)
    handle = serve_in_thread(scenarios=SCENARIOS, rooms_need_token=True, admin_token="s3cret")
    try:
        client = await Client.connect(handle.url)
        with pytest.raises(ProtocolError) as err:
            await client.create_room(scenario="mini")
        assert (err.value.code, err.value.field) == ("admin_token_required", "admin_token")
        with pytest.raises(ProtocolError) as err:
            await client.create_room(scenario="mini", admin_token="guess")
        assert (err.value.code, err.value.field) == ("bad_token", "admin_token")
        welcome = await client.create_room(scenario="mini", admin_token="s3cret")
        assert welcome["role"] == "facilitator"
        await client.close()
        monkeypatch.setenv("SIXPARTY_ADMIN_TOKEN", "s3cret")  # what sixparty room create reads
        client = await Client.connect(handle.url)
        assert (await client.create_room(scenario="mini"))["role"] == "facilitator"
        await client.close()
    finally:
        handle.stop()


# ---------------------------------------------------------------------- request ids
async def test_a_repeated_request_id_gets_the_first_ack_not_a_second_action(
    tmp_path: Path,
) -> None:
    db = tmp_path / "server.sqlite3"
    handle = serve_in_thread(db=db, scenarios=SCENARIOS)
    message = {"type": "action", "action": {"type": "message", "to": [], "text": "once"}}
    try:
        created = handle.create_room(scenario="mini", timers={"negotiation": 60, "orders": 60})
        token = handle.seat_token(created.code, "alpha")
        first = await Client.connect(handle.url)
        await first.auth(token)
        ack = await _send(first, message, "m-1")
        assert (ack["type"], ack["seq"]) == ("ack", 1)
        await first.close()
        # a reconnect, unsure whether "m-1" landed, sends it again
        again = await Client.connect(handle.url)
        await again.auth(token)
        assert await _send(again, message, "m-1") == ack
        texts = [m["text"] for m in (await again.sync())["view"]["messages"]]
        assert texts == ["once"]
        # the same id with another action is refused, not silently acknowledged
        other = {"type": "action", "action": {"type": "message", "to": [], "text": "twice"}}
        reply = await _send(again, other, "m-1")
        assert (reply["type"], reply["code"], reply["field"]) == (
            "error",
            "duplicate_request",
            "request_id",
        )
        # another player of the same room has its own ids
        beta = await Client.connect(handle.url)
        await beta.join(created.code, "beta")
        assert (await _send(beta, message, "m-1"))["seq"] == 2
        await again.close()
        await beta.close()
    finally:
        handle.stop()
    handle = serve_in_thread(db=db, scenarios=SCENARIOS)
    try:  # remembered across a restart too
        client = await Client.connect(handle.url)
        await client.auth(token)
        assert await _send(client, message, "m-1") == ack
        view = await client.sync()
        assert [m["text"] for m in view["view"]["messages"]] == ["once", "once"]
        assert view["seq"] == 2
        await client.close()
    finally:
        handle.stop()


async def test_a_repeated_request_gets_the_seq_its_first_copy_had_and_counts_no_one_else(
    tmp_path: Path,
) -> None:
    """Others' private words before and after do not move a seat's numbers: the first
    ack, its repeat (also after a restart) and a refusal name the seat's own seq."""
    db = str(tmp_path / "rooms.sqlite3")
    handle = serve_in_thread(db=db, scenarios=SCENARIOS)
    psst = {"type": "action", "action": {"type": "message", "to": ["gamma"], "text": "psst"}}
    hello = {"type": "action", "action": {"type": "message", "to": [], "text": "hello"}}
    try:
        created = handle.create_room(scenario="mini", timers={"negotiation": 60, "orders": 60})
        token = handle.seat_token(created.code, "alpha")
        alpha, beta = await Client.connect(handle.url), await Client.connect(handle.url)
        await alpha.auth(token)
        await beta.join(created.code, "beta")
        assert (await _send(beta, psst, "b-1"))["seq"] == 1  # beta's own: it saw its words
        ack = await _send(alpha, hello, "a-1")
        assert (ack["type"], ack["seq"]) == ("ack", 1)  # beta's private words: not counted
        await _send(beta, psst, "b-2")
        assert await _send(alpha, hello, "a-1") == ack
        reply = await _send(alpha, psst, "a-1")
        assert reply["code"] == "duplicate_request" and "seq 1)" in reply["message"]
        assert (await alpha.sync())["seq"] == 1
        await alpha.close()
        await beta.close()
    finally:
        handle.stop()
    handle = serve_in_thread(db=db, scenarios=SCENARIOS)
    try:  # the same numbers after a restart
        alpha = await Client.connect(handle.url)
        await alpha.auth(token)
        assert await _send(alpha, hello, "a-1") == ack
        assert (await alpha.sync())["seq"] == 1
        await alpha.close()
    finally:
        handle.stop()
