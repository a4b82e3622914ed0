"""The protocol models: what they accept, how errors name fields, committed schemas."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from game.netclient import Client
from game.protocol import (
    ProtocolError,
    parse_action,
    parse_client,
    parse_server,
    to_engine,
    validation_error,
)
from game.protocol.schema import render, schemas
from server.embed import ServerHandle
from tests.server.conftest import ROOT


def error_for(frame: str) -> dict:
    with pytest.raises(ValidationError) as err:
        parse_client(frame)
    return validation_error(err.value, request_id=7).model_dump()


def test_errors_name_the_field_as_the_client_wrote_it() -> None:
    error = error_for('{"type":"action","action":{"type":"unsc_vote","draft":3,"vote":"maybe"}}')
    assert error["code"] == "invalid" and error["field"] == "action.vote"
    assert "'maybe'" in error["message"] and error["request_id"] == 7
    error = error_for('{"type":"action","action":{"type":"propose","commitments":[{"actor":1}]}}')
    assert error["field"] == "action.commitments.0.actor"


def test_types_are_strict() -> None:
    assert (
        error_for('{"type":"action","action":{"type":"respond","proposal":"3","accept":true}}')[
            "field"
        ]
        == "action.proposal"
    )
    assert (
        error_for('{"type":"action","action":{"type":"respond","proposal":3,"accept":1}}')["field"]
        == "action.accept"
    )


def test_unknown_types_list_the_known_ones() -> None:
    error = error_for('{"type":"hello"}')
    assert error["code"] == "unknown_type" and "'hello'" in error["message"]
    assert "create_room" in error["message"] and "ping" in error["message"]


def test_the_engine_gets_only_what_the_client_said() -> None:
    orders = parse_action({"type": "orders", "levers": {"aid": "food"}})
    assert to_engine(orders, "alpha") == {
        "type": "orders",
        "levers": {"aid": "food"},
        "actor": "alpha",
    }
    signals = parse_action({"type": "orders", "signals": []})
    assert to_engine(signals, "beta")["signals"] == []  # "no signals" is not "keep my draft"


def test_committed_schemas_are_up_to_date() -> None:
    folder = ROOT / "docs" / "protocol"
    stale = [
        name
        for name, schema in schemas().items()
        if not (folder / name).exists() or (folder / name).read_text() != render(schema)
    ]
    assert stale == [], "run: python -m game.protocol.schema docs/protocol"


async def test_every_server_frame_matches_the_models(server: ServerHandle, connect) -> None:
    frames: list[str] = []
    fac: Client = await connect()
    fac.on_frame = lambda direction, text: frames.append(text) if direction == "recv" else None
    await fac.create_room(scenario="mini")
    await fac.act({"type": "announce", "text": "hello"})
    await fac.ping()
    with pytest.raises(ProtocolError):
        await fac.act({"type": "ready"})
    await fac.wait_view(lambda v: v["seq"] == 1)
    kinds = {parse_server(f).type for f in frames}  # type: ignore[attr-defined]
    assert kinds == {"welcome", "view", "view_delta", "ack", "pong", "error"}
    assert all(json.loads(f).get("request_id") is not None for f in frames if '"view' not in f[:20])


async def test_room_request_gives_the_roster_and_the_scenario_description(
    server: ServerHandle, connect
) -> None:
    room = server.create_room(scenario="mini", bots={"beta": "random"})
    client: Client = await connect()
    await client.join(room.code, seat="alpha", name="Ann")
    reply = await client.request({"type": "room"})
    assert reply["room"]["code"] == room.code
    alpha = next(s for s in reply["room"]["seats"] if s["id"] == "alpha")
    assert alpha["players"] == ["Ann"]
    assert reply["scenario"]["levers"]["aid"]["options"][1]["name"] == "Food aid"
    parse_server(json.dumps(reply))
    lean = await client.request({"type": "room", "scenario": False})
    assert lean["scenario"] is None and lean["room"]["code"] == room.code
