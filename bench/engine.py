"""Engine throughput: complete games and turns per second, six random bots, one core.

    python bench/engine.py [--games N] [--scenario korea-2019]

Prints three figures: whole games with six ``random`` bots (bots included), the engine
alone (replaying those games' logs, no bots), and turns (months) per second. Target
(issue 2): at least 500 complete games per second with six random bots.
"""

from __future__ import annotations

import argparse
import time

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.runner import play_game


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--scenario", default="korea-2019")
    args = parser.parse_args()
    rules = load_scenario(args.scenario)
    actors = rules.actor_ids

    play_game(rules, 0, {a: make_bot("random", a, 0) for a in actors})  # warm-up
    start = time.perf_counter()
    games = []
    for seed in range(args.games):
        bots = {a: make_bot("random", a, seed) for a in actors}
        games.append(play_game(rules, seed, bots).game)
    played = time.perf_counter() - start
    turns = sum(g.month for g in games)
    actions = sum(len(g.log) for g in games)

    start = time.perf_counter()
    for g in games:
        Game.replay(rules, g.seed, g.log)
    replayed = time.perf_counter() - start

    wars = sum(1 for g in games if g.v.get("war"))
    print(f"scenario {rules.id}: {args.games} games, {turns} turns, {actions} actions, {wars} wars")
    print(f"games/s with six random bots : {args.games / played:8.1f}   (target >= 500)")
    print(f"turns/s with six random bots : {turns / played:8.1f}")
    print(f"games/s engine only (replay) : {args.games / replayed:8.1f}")
    print(f"actions/s engine only        : {actions / replayed:8.1f}")


if __name__ == "__main__":
    main()
