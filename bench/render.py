"""Server view rendering, in-process: the cost of keeping six seats' views up to date.

    .venv/bin/python bench/render.py [--games 12] [--keys]

Plays ``--games`` random-bot games of korea-2019 through a :class:`server.room.Room`
(no sockets, no timers), renders every seat's view after every action and builds the
``view_delta`` frame for each changed view, as a server pushing to six players does
(without its 20 ms coalescing, so this is the worst case per action). Prints the time
per action and per render; with ``--keys``, how that splits between building each view
key (``view_for``) and encoding it (timers around every key add their own cost).
``--no-render`` only submits the actions: run it under ``valgrind --tool=callgrind``
beside a normal run, and the difference of the two instruction counts is the rendering
alone, the same on a busy machine as on an idle one.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

# The repository first: bench/server.py, beside this file, would shadow the server package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game import load_scenario  # noqa: E402
from game.bots import make_bot  # noqa: E402
from game.bots.runner import play_game  # noqa: E402
from game.cli import positive_int, run_reporting_errors  # noqa: E402
from game.engine import view as engine_view  # noqa: E402
from game.protocol import RoomOptions  # noqa: E402
from server import room as server_room  # noqa: E402
from server.room import Room  # noqa: E402
from server.store import Store  # noqa: E402
from server.views import delta_text, encode_view  # noqa: E402

built: Counter[str] = Counter()
builds: Counter[str] = Counter()
encoded: Counter[str] = Counter()


def time_keys() -> None:
    """Wrap every view key's builder and the encoder so that each key's time adds up."""
    clock = time.perf_counter

    def timed(key: str, fn: Any) -> Any:
        def run(*args: Any) -> Any:
            start = clock()
            value = fn(*args)
            built[key] += clock() - start
            builds[key] += 1
            return value

        return run

    for key, fn in list(engine_view._BUILD.items()):
        engine_view._BUILD[key] = timed(key, fn)
    for key, fn in list(engine_view._TAILS.items()):
        engine_view._TAILS[key] = timed(key, fn)

    def encode_each(keys: Any, fresh: Any, old: Any, shared: Any = None, tails: Any = ()) -> Any:
        out = {}
        for key in fresh:
            start = clock()
            out[key] = encode_view((key,), {key: fresh[key]}, old, shared, tails)[key]
            encoded[key] += clock() - start
        return {k: out[k] if k in out else old[k] for k in keys}

    server_room.encode_view = encode_each  # type: ignore[assignment]


async def run(games: int, render: bool) -> tuple[int, int, float]:
    """Play the games through rooms; actions, renders and seconds spent rendering."""
    rules = load_scenario("korea-2019")
    seats = rules.actor_ids
    actions = renders = 0
    spent = 0.0
    for seed in range(games):
        log = play_game(rules, seed, {a: make_bot("random", a, seed) for a in seats}).game.log
        timers = {"negotiation": None, "orders": None}
        options = RoomOptions(scenario="korea-2019", seed=seed, timers=timers)
        room = Room("BENCH1", "korea-2019", rules, options, Store(":memory:"))
        held = {seat: room.render(seat) for seat in seats}
        for action in log:
            room.submit(action)
            actions += 1
            if not render:
                continue
            start = time.perf_counter()
            for seat in seats:
                new = room.render(seat)
                renders += 1
                if new is not held[seat]:
                    delta_text(room.code, held[seat], new)
                    held[seat] = new
            spent += time.perf_counter() - start
        room.close()
    return actions, renders, spent


def main() -> None:
    """Run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=positive_int, default=12, help="games to play (12)")
    parser.add_argument("--keys", action="store_true", help="time each view key")
    parser.add_argument("--no-render", action="store_true", help="submit actions only")
    args = parser.parse_args()
    if args.keys:
        time_keys()
    actions, renders, spent = asyncio.run(run(args.games, not args.no_render))
    if args.no_render:
        print(f"{actions} actions submitted, nothing rendered")
        return
    print(
        f"{actions} actions, {renders} renders of six seats: "
        f"{spent * 1e3 / actions:.3f} ms per action, {spent * 1e6 / renders:.1f} us per render"
    )
    if args.keys:
        print("per view key, ms per action: build / encode (builds)")
        for key in sorted(built.keys() | encoded.keys(), key=lambda k: -(built[k] + encoded[k])):
            print(
                f"  {key:18} {built[key] * 1e3 / actions:7.4f} / "
                f"{encoded[key] * 1e3 / actions:7.4f}  ({builds[key]})"
            )


if __name__ == "__main__":
    raise SystemExit(run_reporting_errors(f"bench/{Path(__file__).name}", main))
