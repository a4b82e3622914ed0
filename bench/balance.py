"""The measured balance targets of a scenario: the same tables as
``sixparty scenario balance SCENARIO --probes``, plus the CPU time they took.

    .venv/bin/python bench/balance.py [SCENARIO] [--games 60] [--planner-games 2]
        [--escalation-planner-games K] [--markdown]

The planner takes seconds per game: ``--planner-games 0`` leaves it out (minutes become
seconds). ``--escalation-planner-games`` sets the games per escalation cell against the
planner on its own (default: ``--planner-games``), so that column can rest on more games
without also growing the mixed rotation and the all-planner games; docs/balance.md says
which run its tables come from.
"""

from __future__ import annotations

import argparse
import sys
import time

from game.balance_probes import ProbeConfig, markdown, run_probes, tables, verdict
from game.errors import SixPartyError
from game.scenario.loader import load_scenario


def config(args: argparse.Namespace) -> ProbeConfig:
    """The probe counts the command line asks for (as ``scenario balance --probes`` sets
    them, with the escalation column against the planner set on its own if given)."""
    return ProbeConfig.from_counts(
        args.games, args.planner_games, args.seed, args.escalation_planner_games
    )


def run(argv: list[str] | None = None) -> int:
    """Parse the arguments, print the probes' tables, the verdict and the time they took."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "scenario", nargs="?", default="korea-2019", help="a scenario name or path (korea-2019)"
    )
    p.add_argument("--games", type=int, default=60, help="persona and random games (default 60)")
    p.add_argument(
        "--planner-games", type=int, default=2, help="planner games per probe (default 2)"
    )
    p.add_argument(
        "--escalation-planner-games",
        type=int,
        default=None,
        help="games per escalation cell against the planner (default: --planner-games)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the first game (default 0)")
    p.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = p.parse_args(argv)
    counts = [args.planner_games, args.escalation_planner_games or 0]
    if args.games < 1 or min(counts) < 0:
        p.error("--games must be 1 or more and planner game counts 0 or more")
    try:
        rules = load_scenario(args.scenario)
    except (SixPartyError, ValueError, OSError) as exc:
        print(f"bench/balance.py: error: {exc}", file=sys.stderr)
        return 2
    cfg = config(args)
    start, cpu = time.perf_counter(), time.process_time()
    rep = run_probes(rules, cfg)
    checks = verdict(rules, rep)
    if args.markdown:
        print(markdown(rep, checks), end="")
    else:
        for title, headers, rows in tables(rep):
            print(title)
            print("  " + " | ".join(headers))
            for r in rows:
                print("  " + " | ".join(r))
            print()
        for c in checks:
            print(f"{'ok    ' if c.ok else 'MISSED'} {c.name}: {c.measured} (target {c.target})")
    missed = sum(1 for c in checks if not c.ok)
    print(
        f"\n{len(checks) - missed} of {len(checks)} checks met. Probes took "
        f"{time.perf_counter() - start:.0f} s wall, {time.process_time() - cpu:.0f} s CPU "
        f"({cfg.persona_games} games per persona pool, {cfg.planner_games} planner games per "
        f"probe, {cfg.escalation_planner_games} per escalation cell against the planner)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(run())
