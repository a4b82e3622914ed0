"""Incremental views: a client applying every ``view_delta`` holds exactly ``view_for``.

These tests drive a :class:`server.room.Room` directly (no sockets): a whole game is
replayed action by action, every viewer's view is rendered after each action, and a
simulated client per viewer applies the delta from its last view to the new one.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.bots import make_bot
from game.bots.runner import play_game
from game.engine.game import FACILITATOR
from game.protocol import RoomOptions, parse_server
from game.protocol.delta import DeltaMismatch, apply_delta
from game.scenario.compile import Rules
from server.room import OMNISCIENT, SPECTATOR, Room
from server.store import Store
from server.views import Rendered, delta_text, dumps, encode_part, encode_same_objects

TIMING = ("remaining",)  # computed when sent: differs between two frames of one view


def plain(data: Any) -> Any:
    """``data`` as it looks after a trip through JSON."""
    return json.loads(json.dumps(data))


def make_room(rules: Rules, seed: int = 3) -> Room:
    options = RoomOptions(scenario="x", seed=seed, timers={"negotiation": None, "orders": None})
    return Room("ROOM01", "x", rules, options, Store(":memory:"))


def bot_log(rules: Rules, seed: int) -> list[dict[str, Any]]:
    bots = {a: make_bot("random", a, seed) for a in rules.actor_ids}
    return play_game(rules, seed, bots).game.log


def without_timing(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if k not in TIMING}


async def replay_with_deltas(rules: Rules, seed: int) -> tuple[Room, dict[str, Any], int]:
    """Play a bot game through a room, keeping one delta-fed client view per viewer and
    checking it against the whole view after every action, and its ``seq`` against the
    number of actions that changed that viewer's ``view_for`` (every action for the
    omniscient view). Returns the room, the client views and how many deltas were
    applied."""
    room = make_room(rules, seed)
    viewers = [*rules.actor_ids, SPECTATOR, OMNISCIENT]
    held: dict[str, Rendered] = {}
    client: dict[str, dict[str, Any]] = {}
    for v in viewers:
        held[v] = room.render(v)
        client[v] = json.loads(held[v].full_text(room.code))
    deltas = 0
    log = bot_log(rules, seed)
    log.insert(3, {"type": "announce", "actor": FACILITATOR, "text": "Talks resume."})
    seen = {v: plain(room.game.view_for(v)) for v in viewers}
    changed = dict.fromkeys(viewers, 0)
    for action in log:
        room.submit(action)
        for v in viewers:
            now = plain(room.game.view_for(v))
            changed[v] += v == OMNISCIENT or now != seen[v]
            seen[v] = now
            new = room.render(v)
            assert new.seq == changed[v]
            if new is held[v]:
                continue
            assert new.version > held[v].version
            frame = delta_text(room.code, held[v], new)
            assert parse_server(frame).type == "view_delta"  # type: ignore[attr-defined]
            client[v] = apply_delta(client[v], json.loads(frame))
            held[v] = new
            deltas += 1
            whole = json.loads(new.full_text(room.code))
            assert without_timing(client[v]) == without_timing(whole)
            assert client[v]["view"] == plain(room.game.view_for(v))
    room.close()
    return room, client, deltas


async def test_deltas_rebuild_every_view_of_a_whole_mini_game(mini_rules: Rules) -> None:
    room, client, deltas = await replay_with_deltas(mini_rules, seed=5)
    assert room.game.over and deltas > len(room.game.log)
    for viewer, message in client.items():
        assert message["view"] == plain(room.game.view_for(viewer))
        assert message["seq"] == room.seq_of(viewer) <= len(room.game.log)
    assert client[OMNISCIENT]["seq"] == len(room.game.log)
    assert client["alpha"]["seq"] < len(room.game.log)  # others' private acts not counted
    assert client[OMNISCIENT]["state_hash"] == room.game.state_hash()
    assert client["alpha"]["state_hash"] is None
    # Finished: the encoded views keep their texts but none of the game's objects.
    assert all(p.refs is None for r in room._views.values() for p in r.parts.values())


async def test_deltas_rebuild_every_view_of_a_whole_korea_game(korea_rules: Rules) -> None:
    room, client, _ = await replay_with_deltas(korea_rules, seed=2)
    assert room.game.over
    for viewer, message in client.items():
        assert message["view"] == plain(room.game.view_for(viewer))


async def test_a_view_that_did_not_change_is_not_rendered_again(mini_rules: Rules) -> None:
    room = make_room(mini_rules)
    before = {v: room.render(v) for v in (*mini_rules.actor_ids, SPECTATOR)}
    room.submit({"type": "message", "actor": "alpha", "to": ["beta"], "text": "psst"})
    after = {v: room.render(v) for v in before}
    assert after["gamma"] is before["gamma"] and after[SPECTATOR] is before[SPECTATOR]
    assert after["alpha"] is not before["alpha"] and after["beta"] is not before["beta"]
    room.close()


async def test_a_new_message_is_sent_as_an_append(mini_rules: Rules) -> None:
    room = make_room(mini_rules)
    room.submit({"type": "message", "actor": "alpha", "to": [], "text": "first"})
    base = room.render("gamma")
    room.submit({"type": "message", "actor": "beta", "to": [], "text": "second"})
    delta = json.loads(delta_text(room.code, base, room.render("gamma")))
    assert [m["text"] for m in delta["append"]["messages"]] == ["second"]
    assert "messages" not in delta["view"] and "history" not in delta["view"]
    assert delta["base_version"] == base.version
    room.close()


async def test_a_delta_for_another_version_is_refused(mini_rules: Rules) -> None:
    room = make_room(mini_rules)
    old = room.render("alpha")
    view = json.loads(old.full_text(room.code))
    room.submit({"type": "ready", "actor": "alpha"})
    middle = room.render("alpha")
    room.submit({"type": "message", "actor": "beta", "to": [], "text": "hi"})
    delta = json.loads(delta_text(room.code, middle, room.render("alpha")))
    with pytest.raises(DeltaMismatch, match="sync"):
        apply_delta(view, delta)
    room.close()


def test_parts_are_kept_while_equal_and_lists_grow_by_their_new_items() -> None:
    part = encode_part([{"a": 1}], None)
    assert encode_part([{"a": 1}], part) is part
    grown = encode_part([{"a": 1}, {"b": 2}], part)
    assert grown.grown_from(part) == 1 and grown.texts[0] is part.texts[0]
    changed = encode_part([{"a": 2}, {"b": 2}], grown)
    assert changed.grown_from(grown) is None and changed.json == '[{"a":2},{"b":2}]'
    assert encode_part({"x": 1.0}, encode_part({"x": 1}, None)).json == '{"x":1.0}'


def test_same_objects_are_recognised_by_identity_and_new_items_encoded_alone() -> None:
    first, second = {"text": "hi"}, {"text": "ho"}
    part = encode_same_objects([first], None)
    assert encode_same_objects([first], part) is part
    grown = encode_same_objects([first, second], part)
    assert grown.grown_from(part) == 1 and grown.texts[0] is part.texts[0]
    assert grown.json == '[{"text":"hi"},{"text":"ho"}]'
    # equal items that are other objects (a replayed game): compared by content
    again = encode_same_objects([dict(first), dict(second)], grown)
    assert again.sig == grown.sig and again.texts == grown.texts
    edited = encode_same_objects([{"text": "HI"}, second], grown)
    assert edited.grown_from(grown) is None and edited.json == '[{"text":"HI"},{"text":"ho"}]'


def test_a_dict_of_same_objects_is_kept_until_a_value_or_key_changes() -> None:
    low = {"low": 1.0, "high": 2.0}
    part = encode_same_objects({"gdp": low, "oil": 3.5}, None)
    assert encode_same_objects({"gdp": low, "oil": part.refs[1][1]}, part) is part
    changed = encode_same_objects({"gdp": {"low": 1.0, "high": 2.5}, "oil": 3.5}, part)
    assert changed is not part and changed.json == '{"gdp":{"low":1.0,"high":2.5},"oil":3.5}'
    renamed = encode_same_objects({"gdp": low, "gas": part.refs[1][1]}, part)
    assert renamed is not part and '"gas"' in renamed.json


def test_scalars_are_compared_by_type_and_value() -> None:
    part = encode_part("orders", None)
    assert encode_part("orders", part) is part
    assert encode_part("negotiation", part).json == '"negotiation"'
    one = encode_part(1, None)
    assert encode_part(1, one) is one
    assert encode_part(True, one).json == "true" and encode_part(1.0, one).json == "1.0"


@pytest.mark.parametrize(
    "value",
    ['Zürich "quoted"\n', 0, -2.5, 1e300, None, True, [], {}, {"a": [1, None, {"b": "ü"}]}],
)
def test_dumps_is_compact_json(value: Any) -> None:
    assert dumps(value) == json.dumps(value, separators=(",", ":"), ensure_ascii=False)


async def test_items_every_viewer_sees_are_encoded_once_per_room(mini_rules: Rules) -> None:
    room = make_room(mini_rules)
    room.submit({"type": "message", "actor": "alpha", "to": [], "text": "to all"})
    a, b = room.render("beta"), room.render("gamma")
    assert a.parts["messages"].texts[-1] is b.parts["messages"].texts[-1]
    assert json.loads(a.parts["messages"].texts[-1])["text"] == "to all"
    room.close()


async def test_an_action_the_store_refuses_is_rolled_back_and_views_stay_true(
    korea_rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed write: the action is refused, the game is as it was before it, and the
    views rendered next (also of keys every viewer shares) show that game."""
    from server.room import StorageFailed

    room = make_room(korea_rules, seed=2)
    viewers = [*korea_rules.actor_ids, SPECTATOR]
    for action in bot_log(korea_rules, 2)[:40]:
        room.submit(action)
        for v in viewers:
            room.render(v)
    before_hash = room.game.state_hash()
    seq = len(room.game.log)
    seen = {v: room.seq_of(v) for v in viewers}

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(room.store, "append", refuse)
    ready = [a for a in korea_rules.actor_ids if a not in room.game.ready]
    with pytest.raises(StorageFailed, match="disk full"):
        room.submit({"type": "ready", "actor": ready[0]})
    assert room.game.state_hash() == before_hash and len(room.game.log) == seq
    for v in viewers:
        shown = json.loads(room.render(v).full_text(room.code))
        assert shown["view"] == plain(room.game.view_for(v)) and shown["seq"] == seen[v]
    monkeypatch.undo()
    room.submit({"type": "ready", "actor": ready[0]})  # the room goes on
    for v in viewers:
        assert json.loads(room.render(v).view_json()) == plain(room.game.view_for(v))
    room.close()
