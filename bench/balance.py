"""The measured balance targets of a scenario: the same tables as
``sixparty scenario balance SCENARIO --probes``, plus the CPU time they took.

    .venv/bin/python bench/balance.py [SCENARIO] [--games 60] [--planner-games 2] [--markdown]

The planner takes seconds per game: ``--planner-games 0`` leaves it out (minutes become
seconds); docs/balance.md says which run its tables come from.
"""

from __future__ import annotations

import argparse
import sys
import time

from game.cli import main


def run(argv: list[str] | None = None) -> int:
    """Parse the arguments, print the probes' tables and the time they took."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "scenario", nargs="?", default="korea-2019", help="a scenario name or path (korea-2019)"
    )
    p.add_argument("--games", type=int, default=60, help="persona and random games (default 60)")
    p.add_argument(
        "--planner-games", type=int, default=2, help="planner games per probe (default 2)"
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the first game (default 0)")
    p.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = p.parse_args(argv)
    cmd = ["scenario", "balance", args.scenario, "--probes", "--games", str(args.games)]
    cmd += ["--planner-games", str(args.planner_games), "--seed", str(args.seed)]
    if args.markdown:
        cmd.append("--markdown")
    start, cpu = time.perf_counter(), time.process_time()
    code = main(cmd)
    print(
        f"\nprobes took {time.perf_counter() - start:.0f} s wall, "
        f"{time.process_time() - cpu:.0f} s CPU ({args.games} games per persona pool, "
        f"{args.planner_games} planner games per probe)"
    )
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(run())
