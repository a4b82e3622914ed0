"""The same property over the wire: a real server, a client for every seat and an
observer asking for deltas, every frame each receives (views, deltas, acks, errors,
replays, reports) searched for what it must not see, and every number on them (``seq``,
``version``) checked against what that viewer saw change."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.engine.game import ID_BLOCK, Game
from game.netclient import Client
from game.protocol import ProtocolError
from game.scenario.compile import Rules
from server.embed import serve_in_thread
from server.room import Room
from tests.privacy.harness import Checker, Planted, play, view_counts
from tests.server.conftest import SCENARIOS


async def wire_game(rules: Rules, seed: int) -> tuple[Checker, dict[str, int], int]:
    """Play a whole random game over the wire and check every frame every client got;
    returns the checker, the frames by type, and the number of error probes."""
    planted = Planted(seed=seed)
    script = play(rules, seed, planted, rounds=4)  # the same game, played locally first
    assert script.over
    handle = serve_in_thread(scenarios=SCENARIOS, rate=1000.0, burst=1000.0)
    frames: dict[str, list[str]] = {}
    clients: dict[str, Client] = {}
    try:
        created = handle.create_room(
            scenario="mini", seed=seed, timers={"negotiation": None, "orders": None}
        )
        for seat in rules.actor_ids:
            clients[seat] = await Client.connect(handle.url, deltas=True)
            await clients[seat].join(created.code, seat)
        clients["spectator"] = await Client.connect(handle.url, deltas=True)
        await clients["spectator"].join(created.code, role="observer")
        for viewer, client in clients.items():
            frames[viewer] = []
            client.on_frame = lambda d, t, got=frames[viewer]: (
                got.append(t) if d == "recv" else None
            )
        probed = 0
        kinds: dict[str, int] = {}
        counts = view_counts(rules, seed, script.log)  # each viewer's seq after each action
        checker = Checker(script, planted)
        for i, action in enumerate(script.log):
            if action["type"] == "ready" and i and script.log[i - 1]["type"] != "ready":
                probed += await _probe(clients, script, i)
            ack = await clients[action["actor"]].act(action)
            if ack["seq"] != counts[action["actor"]][i]:
                checker.leaks.append(
                    f"{action['actor']} @ ack {i + 1}: seq {ack['seq']}, "
                    f"but it saw {counts[action['actor']][i]} changes"
                )
        # after the game: every month's replay and the report, for everyone
        for client in clients.values():
            for month in range(script.month + 1):
                await client.replay(month)
            report = await client.report()
            kinds[f"audience {report['audience']}"] = (
                kinds.get(f"audience {report['audience']}", 0) + 1
            )
            await client.sync()
        for viewer, texts in frames.items():
            _numbers(checker, viewer, [json.loads(t) for t in texts], counts[viewer][-1])
            for text in texts:
                msg = json.loads(text)
                kinds[msg["type"]] = kinds.get(msg["type"], 0) + 1
                checker.text(viewer, msg["type"], text)
                if msg["type"] in ("view", "replay"):
                    checker.view(
                        viewer, msg["type"], msg["view"], over=msg["view"]["phase"] == "over"
                    )
                elif msg["type"] == "view_delta":
                    checker.view(viewer, "delta", {**msg["view"], **msg["append"]}, over=True)
        return checker, kinds, probed
    finally:
        for client in clients.values():
            await client.close()
        handle.stop()


async def test_no_frame_carries_what_its_reader_may_not_see(mini_rules: Rules) -> None:
    for seed in (11, 12):
        checker, kinds, probed = await wire_game(mini_rules, seed)
        assert checker.leaks == [], "\n".join(checker.leaks)
        assert probed > 0 and kinds.get("view_delta", 0) > 0 and kinds.get("error", 0) > 0
        assert kinds.get("report") == 4 and kinds.get("replay", 0) > 4
        assert (kinds["audience seat"], kinds["audience observer"]) == (3, 1)
        planted = len(checker.planted.audience)
        frames = sum(n for k, n in kinds.items() if not k.startswith("audience"))
        print(f"\nwire seed {seed}: {frames} frames {kinds}, {planted} markers")


async def test_the_wire_check_finds_an_unfiltered_report(
    mini_rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = Room.prepare_report
    monkeypatch.setattr(Room, "prepare_report", lambda self, viewer, opened: whole(self))
    checker, _, _ = await wire_game(mini_rules, 11)
    assert any("report" in leak and "marker" in leak for leak in checker.leaks), checker.leaks


def _numbers(checker: Checker, viewer: str, frames: list[dict[str, Any]], final: int) -> None:
    """The numbers on one viewer's view frames, in the order received: ``seq`` never
    goes back, moves in a delta exactly when the delta changes the view, and ends at the
    number of actions that changed the viewer's view; ``version`` grows, each delta made
    from the frame before it (by exactly one per new frame: checked in the room, where no
    frame is skipped)."""
    held: dict[str, Any] | None = None
    for msg in frames:
        if msg["type"] not in ("view", "view_delta"):
            continue
        if held is not None:
            changed = bool(msg.get("view") or msg.get("append") or msg.get("removed"))
            if msg["seq"] < held["seq"] or msg["version"] < held["version"]:
                checker.leaks.append(f"{viewer}: numbers went back at {msg['type']}")
            if msg["type"] == "view_delta" and (msg["seq"] > held["seq"]) != changed:
                checker.leaks.append(
                    f"{viewer}: a delta moved seq {held['seq']} -> {msg['seq']} "
                    f"but {'changed' if changed else 'did not change'} the view"
                )
            if msg["type"] == "view_delta" and msg["base_version"] != held["version"]:
                checker.leaks.append(f"{viewer}: a delta not made from the frame before it")
        held = msg
    if held is None or held["seq"] != final:
        seq = None if held is None else held["seq"]
        checker.leaks.append(f"{viewer}: ends at seq {seq}, but saw {final} changes")


async def test_the_wire_check_finds_seq_counting_every_action(
    mini_rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        Room, "seq_of", lambda self, viewer, at=None: len(self.game.log) if at is None else at
    )
    checker, _, _ = await wire_game(mini_rules, 11)
    assert any("ack" in leak for leak in checker.leaks), checker.leaks
    assert any("ends at seq" in leak for leak in checker.leaks), checker.leaks


async def _probe(clients: dict[str, Client], game: Any, upto: int) -> int:
    """Each seat names proposals it is not party to (as of action ``upto`` of the
    script): every refusal must read like the one for a proposal that does not exist."""
    then = Game.replay(game.rules, game.seed, game.log[:upto])
    proposals = {pid: p["parties"] for pid, p in then.proposals.items()}
    n = 0
    missing = 7 * ID_BLOCK + 999_999
    for seat, client in clients.items():
        if seat == "spectator":
            continue
        for pid, parties in list(proposals.items())[:4]:
            if seat in parties:
                continue
            real = await _refusal(client, pid)
            fake = await _refusal(client, missing)
            assert (real[0], real[1].replace(str(pid), "#")) == (
                fake[0],
                fake[1].replace(str(missing), "#"),
            )
            n += 1
    return n


async def _refusal(client: Client, pid: int) -> tuple[str, str]:
    try:
        await client.act({"type": "respond", "proposal": pid, "accept": True})
    except ProtocolError as exc:
        return exc.code, str(exc)
    raise AssertionError(f"respond to {pid} was accepted")
