"""A person's message with an intent, sent over a real server (port 0), gets an answer
from the bot it was sent to, and the intent reaches only the people the message was for."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from game.netclient import Client, ProtocolError
from server.embed import ServerHandle


def _from(view: dict[str, Any], sender: str) -> list[dict[str, Any]]:
    return [m for m in view["view"]["messages"] if m["from"] == sender]


async def test_an_intent_from_a_person_gets_a_reply_from_a_bot(server: ServerHandle) -> None:
    room, token = server.bot_room("dprk", scenario="korea-2019", seed=3, bot="reciprocator")
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        await me.wait_view(lambda v: v["view"]["phase"] == "negotiation", 30)
        offer = {
            "kind": "offer",
            "terms": [
                {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze",
                 "compare": "at_most"},
                {"kind": "signals", "actor": "dprk", "rung": 5},
                {"actor": "us", "lever": "us_stance", "option": "step_by_step"},
            ],
            "inspections": True,
        }  # fmt: skip
        text = "We freeze, with inspectors, and stop long-range tests. Change your stance."
        ack = await me.act({"type": "message", "to": ["us"], "text": text, "intent": offer})
        assert ack["type"] == "ack"

        def answered(v: dict[str, Any]) -> bool:
            return any(m["to"] == ["dprk"] and "intent" in m for m in _from(v, "us"))

        view = await me.wait_view(answered, 60)
        reply = next(m for m in _from(view, "us") if m["to"] == ["dprk"] and "intent" in m)
        assert reply["intent"]["kind"] == "accept"
        assert len(reply["text"]) > 20  # words, not only the structured answer
        # It tabled the deal it agreed to: North Korea sees the proposal from the US.
        props = [p for p in view["view"]["proposals"] if p["proposer"] == "us"]
        assert props and props[0]["inspections"] is True
        # Only the two seats see the intent: a facilitator-free check through the room.
        china = server.call(
            lambda: server.server.rooms[room.code].game.view_for("china")["messages"]
        )
        assert not any("intent" in m for m in china if "dprk" in (m["from"], *m["to"]))
    finally:
        await me.close()


async def test_a_malformed_intent_is_refused_with_the_field(server: ServerHandle) -> None:
    room, token = server.bot_room("dprk", scenario="korea-2019", seed=3, bot="dove")
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        await me.wait_view(lambda v: v["view"]["phase"] == "negotiation", 30)
        bad = {"kind": "offer", "terms": [{"actor": "us", "lever": "nuclear_programme",
                                           "option": "freeze"}]}  # fmt: skip
        with pytest.raises(ProtocolError) as refused:
            await asyncio.wait_for(
                me.act({"type": "message", "to": ["us"], "text": "x", "intent": bad}), 30
            )
        assert refused.value.field == "action.intent.terms.0.lever"
        assert "does not hold lever" in str(refused.value)
    finally:
        await me.close()


@pytest.mark.parametrize("bot", ["random", "historical", "planner"])
async def test_every_kind_of_bot_answers_an_intent_in_words(server: ServerHandle, bot: str) -> None:
    """Not only the personas: the random bot, the historical one and the planner answer
    a person's intent too, in words and with an intent of their own."""
    room, token = server.bot_room("dprk", scenario="korea-2019", seed=5, bot=bot)
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        await me.wait_view(lambda v: v["view"]["phase"] == "negotiation", 30)
        offer = {
            "kind": "offer",
            "terms": [
                {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze",
                 "compare": "at_most"},
                {"actor": "us", "lever": "us_stance", "option": "step_by_step"},
            ],
            "inspections": True,
        }  # fmt: skip
        await me.act({"type": "message", "to": ["us"], "text": "A freeze for a new stance?",
                      "intent": offer})  # fmt: skip

        def answered(v: dict[str, Any]) -> bool:
            return any(m["to"] == ["dprk"] and "intent" in m for m in _from(v, "us"))

        view = await me.wait_view(answered, 120)
        reply = next(m for m in _from(view, "us") if m["to"] == ["dprk"] and "intent" in m)
        assert reply["intent"]["kind"] in ("accept", "reject")
        assert len(reply["text"]) > 5 and "{" not in reply["text"]
    finally:
        await me.close()
