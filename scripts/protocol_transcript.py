"""Record a real game over the protocol and write it as the docs' worked example.

    .venv/bin/python scripts/protocol_transcript.py            # korea-2019 if present

Starts a server in-process, creates a room (a facilitator connection), joins one seat
as a player (the other seats are server bots), plays a whole game — including a refused
stale action and a reconnect — and writes every frame to docs/protocol/transcript.md.
The opening of it replaces the excerpt in docs/protocol.md. Large views are shortened
(marked ``"…"``); everything else is verbatim.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.netclient import Client, play_random  # noqa: E402
from game.protocol import ProtocolError  # noqa: E402
from game.scenario.loader import SCENARIO_DIR  # noqa: E402
from server.embed import serve_in_thread  # noqa: E402

BEGIN = "<!-- transcript-excerpt:begin -->"
END = "<!-- transcript-excerpt:end -->"
KEEP_VIEW = ("scenario", "viewer", "you", "month", "month_label", "phase", "paused", "ready")
WHOLE = ("orders", "detections")
"""Delta keys shown whole (their structure is what a client needs to see)."""


def _short_value(value: Any) -> Any:
    """A long value of a delta cut to a marker that says what it was."""
    if len(json.dumps(value)) <= 240:
        return value
    if isinstance(value, list):
        return [_short_value(value[0]), f"… {len(value) - 1} more items"] if value else value
    if isinstance(value, dict):
        first = next(iter(value))
        return {first: _short_value(value[first]), "…": f"{len(value) - 1} more keys"}
    return "…"


def shorten_delta(frame: dict[str, Any]) -> dict[str, Any]:
    """Abbreviate a ``view_delta`` frame: long replaced values and appended lists are cut
    (marked ``"…"``); the keys they belong to stay, so the frame's shape is visible."""
    out = dict(frame)
    out["view"] = {
        k: v if k in WHOLE else _short_value(v) for k, v in frame.get("view", {}).items()
    }
    out["append"] = {
        k: v
        if k in WHOLE
        else [_short_value(item) for item in v[:2]]
        + ([f"… {len(v) - 2} more items"] * (len(v) > 2))
        for k, v in frame.get("append", {}).items()
    }
    if isinstance(frame.get("legal"), dict):
        out["legal"] = {k: _short_value(v) for k, v in frame["legal"].items()}
    return out


def shorten(frame: dict[str, Any]) -> dict[str, Any]:
    """Abbreviate ``view`` and ``view_delta`` frames; other frames stay as they are."""
    if frame.get("type") == "view_delta":
        return shorten_delta(frame)
    if frame.get("type") != "view":
        if frame.get("type") == "welcome":
            frame = json.loads(json.dumps(frame))
            for seat in frame["room"]["seats"][2:]:
                seat.clear()
                seat["…"] = "same fields"
        return frame
    view = frame["view"]
    short: dict[str, Any] = {k: view[k] for k in KEEP_VIEW if k in view}
    short["tension"] = view["tension"]
    short["messages"] = view["messages"][-2:]
    if len(view["messages"]) > 2:
        short["messages"].insert(0, f"… {len(view['messages']) - 2} earlier")
    if view.get("orders"):  # the last month's orders whole: their structure
        short["orders"] = view["orders"][-1:]
        if len(view["orders"]) > 1:
            short["orders"].insert(0, f"… {len(view['orders']) - 1} earlier months")
    if "detections" in view:
        short["detections"] = view["detections"]
    if "outcome" in view:
        short["outcome"] = {"scores": view["outcome"]["scores"], "…": "breakdowns"}
    hidden = sorted(k for k in view if k not in short)
    short["…"] = f"{len(hidden)} more keys: " + ", ".join(hidden)
    legal = dict(frame["legal"])
    for key in ("commitment_levers", "levers", "signals"):
        if isinstance(legal.get(key), dict) and len(json.dumps(legal[key])) > 200:
            first = next(iter(legal[key]))
            legal[key] = {first: legal[key][first], "…": f"{len(legal[key]) - 1} more"}
    return {**frame, "view": short, "legal": legal}


async def record(scenario: str, seat: str, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    """Play the game; return (connection, direction, frame) for every frame."""
    frames: list[tuple[str, str, dict[str, Any]]] = []
    handle = serve_in_thread(scenarios={"mini": str(ROOT / "tests" / "fixtures" / "mini.yaml")})

    def tap(name: str, client: Client) -> None:
        client.on_frame = lambda d, text: frames.append((name, d, json.loads(text)))

    try:
        fac = await Client.connect(handle.url)
        tap("facilitator", fac)
        created = await fac.create_room(
            scenario=scenario,
            seed=seed,
            name="Worked example",
            timers={"negotiation": 300, "orders": 120},
            bots={a: "random" for a in _seats(scenario) if a != seat},
        )
        await fac.wait_view()
        await fac.close()
        code = created["room"]["code"]
        player = await Client.connect(handle.url)
        tap("player", player)
        token = (await player.join(code, seat, name="Ada"))["token"]
        view = await player.wait_view()
        legal = view["legal"]
        partner = legal["partners"][0]
        await player.act({"type": "message", "to": [], "text": "We are ready to talk."})
        await player.act(
            {"type": "propose", "to": [partner], "talks": True, "text": "Talks in Stockholm?"}
        )
        await player.act({"type": "ready", "month": 1})
        view = await player.wait_view(lambda v: v["view"]["phase"] == "orders")
        levers = {lid: opts[0] for lid, opts in view["legal"]["levers"].items()}
        await player.act(
            {"type": "orders", "levers": levers, "signals": [], "final": True, "month": 1}
        )
        await player.wait_view(lambda v: v["view"]["month"] == 2)
        try:
            await player.act({"type": "ready", "month": 1})  # too late: refused, with a reason
        except ProtocolError:
            pass
        await player.close()
        again = await Client.connect(handle.url)
        tap("player (reconnected)", again)
        await again.auth(token)
        await again.wait_view()
        await play_random(again, random.Random(seed))
        await again.close()
    finally:
        await asyncio.to_thread(handle.stop)
    return frames


def _seats(scenario: str) -> tuple[str, ...]:
    from game.scenario.loader import load_scenario

    ref = str(ROOT / "tests" / "fixtures" / "mini.yaml") if scenario == "mini" else scenario
    return tuple(load_scenario(ref).actor_ids)


def markdown(frames: list[tuple[str, str, dict[str, Any]]], limit: int | None = None) -> str:
    """The frames as a markdown list of JSON blocks."""
    out = []
    shown = frames if limit is None else frames[:limit]
    for name, direction, frame in shown:
        arrow = "→ server" if direction == "send" else "← server"
        body = json.dumps(shorten(frame), indent=1, ensure_ascii=False)
        out.append(f"**{name} {arrow}** (`{frame.get('type')}`)\n\n```json\n{body}\n```\n")
    if limit is not None and len(frames) > limit:
        out.append(
            f"… {len(frames) - limit} more frames in [the whole transcript](protocol/transcript.md).\n"
        )
    return "\n".join(out)


def main() -> int:
    """Record and write the transcript files."""
    parser = argparse.ArgumentParser(description=__doc__)
    default = "korea-2019" if (SCENARIO_DIR / "korea-2019.yaml").exists() else "mini"
    parser.add_argument("--scenario", default=default)
    parser.add_argument("--seat", default=None, help="the seat played (default: the first)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    args = parser.parse_args()
    seat = args.seat or _seats(args.scenario)[0]
    frames = asyncio.run(record(args.scenario, seat, args.seed))
    docs = Path(args.docs)
    header = (
        "# Worked example: a whole game over the protocol\n\n"
        f"Recorded by `scripts/protocol_transcript.py` from a real game of `{args.scenario}` "
        f"(seed {args.seed}): a facilitator creates the room, a player joins as `{seat}` "
        "(server bots play the other seats), negotiates, gives orders, sends one action too "
        "late, reconnects with its token and plays to the end. Every frame is shown in order; "
        'views are shortened (`"…"`).\n\n'
    )
    (docs / "protocol" / "transcript.md").write_text(header + markdown(frames), encoding="utf-8")
    guide = docs / "protocol.md"
    text = guide.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        guide.write_text(
            f"{head}{BEGIN}\n{markdown(frames, limit=16)}{END}{tail}", encoding="utf-8"
        )
    print(f"{len(frames)} frames written to {docs / 'protocol' / 'transcript.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
