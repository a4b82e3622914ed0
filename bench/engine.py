"""Engine throughput: complete games and turns per second, six random bots, one core.

    python bench/engine.py [--games N] [--scenario korea-2019]

Prints whole games per second with six ``random`` bots (bots included), the engine
alone (replaying those games' logs, no bots), turns (months) per second, and the time
of ``view_for`` for each actor on a mid-game state (the server's cost per push: first
view of the month, then again within it). Target (issue 2): at least 500 complete games
per second with six random bots.

For a figure that does not depend on the machine's load, count instructions with
valgrind, one part at a time, and subtract (``--part load`` is the import and the
scenario; ``play`` adds the games with bots; ``replay`` adds replaying them):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        python bench/engine.py --games 50 --part replay    # "Collected : N"

with ``PYTHONHASHSEED=0`` so that runs repeat exactly. The same command in a worktree of
another commit (``git worktree add /tmp/base COMMIT``, run with ``PYTHONPATH=/tmp/base``)
compares engines.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.runner import play_game
from game.cli import positive_int, run_reporting_errors
from game.scenario.compile import Rules


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--games", type=positive_int, default=2000, help="games to play and replay (2000)"
    )
    parser.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (korea-2019)"
    )
    parser.add_argument(
        "--part",
        choices=("load", "play", "replay", "all"),
        default="all",
        help="stop after loading, after playing, after replaying, or run all and print (all)",
    )
    args = parser.parse_args()
    rules = load_scenario(args.scenario)
    actors = rules.actor_ids
    if args.part == "load":
        return

    play_game(rules, 0, {a: make_bot("random", a, 0) for a in actors})  # warm-up
    start = time.perf_counter()
    games = []
    for seed in range(args.games):
        bots = {a: make_bot("random", a, seed) for a in actors}
        games.append(play_game(rules, seed, bots).game)
    played = time.perf_counter() - start
    if args.part == "play":
        return
    turns = sum(g.month for g in games)
    actions = sum(len(g.log) for g in games)

    start = time.perf_counter()
    for g in games:
        Game.replay(rules, g.seed, g.log)
    replayed = time.perf_counter() - start
    if args.part == "replay":
        return

    wars = sum(1 for g in games if g.v.get("war"))
    print(f"scenario {rules.id}: {args.games} games, {turns} turns, {actions} actions, {wars} wars")
    print(f"games/s with six random bots : {args.games / played:8.1f}   (target >= 500)")
    print(f"turns/s with six random bots : {turns / played:8.1f}")
    print(f"games/s engine only (replay) : {args.games / replayed:8.1f}")
    print(f"actions/s engine only        : {actions / replayed:8.1f}")
    time_views(rules, games[len(games) // 2])


def time_views(rules: Rules, finished: Game) -> None:
    """Print view_for's cost for each actor, mid-game (half-way through a played log)."""
    month = max(1, (finished.month + 1) // 2)
    mid = Game(rules, finished.seed)
    for action in finished.log:
        if mid.month == month and mid.phase == "negotiation" and action["type"] == "ready":
            break
        mid.apply(action)
    first, again = [], []
    for actor in rules.actor_ids:
        cold = float("inf")
        for _ in range(3):
            fresh = mid.copy()  # nothing memoised: a cold first view (history included)
            start = time.perf_counter()
            fresh.view_for(actor)
            cold = min(cold, time.perf_counter() - start)
        first.append(cold)
        best = float("inf")
        for _ in range(5):  # the server's case: views after actions within the month
            start = time.perf_counter()
            for _ in range(20):
                fresh.view_for(actor)
            best = min(best, (time.perf_counter() - start) / 20)
        again.append(best)
    print(f"view_for on month {mid.month} ({mid.phase}), microseconds, cold / within month:")
    for actor, a, b in zip(rules.actor_ids, first, again, strict=True):
        print(f"  {actor:12s} {a * 1e6:8.1f} / {b * 1e6:7.1f}")


if __name__ == "__main__":
    raise SystemExit(run_reporting_errors(f"bench/{Path(__file__).name}", main))
