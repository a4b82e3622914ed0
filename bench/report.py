"""Debrief build time: a whole game's report (data, HTML, CSV, JSON) from its log.

    python bench/report.py [--scenario korea-2019] [--repeat 5] [--bots planner]

Plays one whole game with bots (not timed), plus a message on every channel each
month, then times building the debrief from (rules, seed, log) the way ``sixparty
report`` does: the step-by-step replay and every section (data), and each rendering.
Prints the best and median of ``--repeat`` runs. Target (issue 6): a whole Korea 2019
report well under 2 seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.runner import play_game
from game.cli import positive_int, run_reporting_errors
from game.report.data import debrief_data
from game.report.exports import debrief_csv_files, to_json
from game.report.render import render_debrief


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    runs = []
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs), out


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (korea-2019)"
    )
    parser.add_argument(
        "--repeat", type=positive_int, default=5, help="builds to time; the median counts (5)"
    )
    parser.add_argument(
        "--bots", default="planner", help="one built-in bot for every seat (planner)"
    )
    parser.add_argument("--seed", type=int, default=1, help="the game's seed (1)")
    args = parser.parse_args()
    rules = load_scenario(args.scenario)
    actors = rules.actor_ids

    def chatter(g: Game) -> None:
        if g.phase != "negotiation":
            return
        for i, a in enumerate(actors):
            other = actors[(i + 1) % len(actors)]
            g.apply({"type": "message", "actor": a, "to": [], "text": f"Month {g.month}: hello."})
            g.apply({"type": "message", "actor": a, "to": [other], "text": "A private word."})

    bots = {a: make_bot(args.bots, a, args.seed) for a in actors}
    game = play_game(rules, args.seed, bots, on_month=chatter).game
    log = game.log
    print(
        f"{rules.name}: {game.month} months, {len(log)} logged actions, "
        f"{len(game.messages)} messages, {len(game.proposals)} proposals"
    )

    best, median, data = _time(lambda: debrief_data(rules, args.seed, log), args.repeat)
    print(
        f"data (replay + every section): best {best * 1000:7.1f} ms  median {median * 1000:7.1f} ms"
    )
    total = median
    for name, fn in (
        ("html", lambda: render_debrief(data)),
        ("csv", lambda: debrief_csv_files(data)),
        ("json", lambda: to_json(data)),
    ):
        best, median, out = _time(fn, args.repeat)
        size = len(out) if isinstance(out, str) else sum(len(t) for t in out.values())
        print(
            f"{name:<4} rendering:                best {best * 1000:7.1f} ms  "
            f"median {median * 1000:7.1f} ms  ({size / 1024:.0f} KiB)"
        )
        total += median
    print(f"whole report (data + html + csv + json), median: {total:.3f} s (target < 2 s)")


if __name__ == "__main__":
    raise SystemExit(run_reporting_errors(f"bench/{Path(__file__).name}", main))
