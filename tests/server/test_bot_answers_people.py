"""A bot answers every offer a person puts to it in a month, however many: a class
that talks to a bot seat is never met with silence after the first few messages. (Bots
answering bots stay capped, or two bots would counter each other forever.)"""

from __future__ import annotations

from typing import Any

from game.netclient import Client
from server.embed import ServerHandle

OFFERS = 6
"""More than the room's few extra answer turns for a bot that is ready."""


async def test_a_ready_bot_answers_each_of_many_intents_from_a_person(
    server: ServerHandle,
) -> None:
    room, token = server.bot_room("dprk", scenario="korea-2019", seed=3, bot="reciprocator")
    me = await Client.connect(server.url)
    try:
        await me.auth(token)
        await me.wait_view(
            lambda v: v["view"]["phase"] == "negotiation" and "us" in v["view"]["ready"], 60
        )
        options = ["freeze", "dismantle"]
        for i in range(OFFERS):
            offer = {
                "kind": "offer",
                "terms": [
                    {"actor": "dprk", "lever": "nuclear_programme",
                     "option": options[i % 2], "compare": "at_most"},
                    {"actor": "us", "lever": "us_stance", "option": "step_by_step"},
                ],
                "inspections": i % 2 == 0,
            }  # fmt: skip
            await me.act(
                {"type": "message", "to": ["us"], "text": f"Offer {i + 1}.", "intent": offer}
            )

            def answered(v: dict[str, Any], n: int = i + 1) -> bool:
                replies = [
                    m for m in v["view"]["messages"]
                    if m["from"] == "us" and m["to"] == ["dprk"] and "intent" in m
                ]  # fmt: skip
                return len(replies) >= n

            await me.wait_view(answered, 60)
    finally:
        await me.close()
