"""Print an agent's action table (index, kind, meaning) and the observation layout.

    python -m game.rl [--scenario korea-2019] [--agent dprk] [--layout]

Reads the scenario only; plays nothing.
"""

from __future__ import annotations

import argparse
import sys

from game.errors import SixPartyError
from game.rl.menu import Menu
from game.rl.observe import Layout
from game.tournament.play import rules_for


def main(argv: list[str] | None = None) -> int:
    """Print the table; return the exit code (2 for a bad scenario or agent)."""
    parser = argparse.ArgumentParser(prog="python -m game.rl", description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="korea-2019")
    parser.add_argument("--agent", help="an actor id (default: the first actor)")
    parser.add_argument("--layout", action="store_true", help="print the observation layout")
    args = parser.parse_args(argv)
    try:
        rules = rules_for(args.scenario)
    except (SixPartyError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    agent = args.agent or rules.actor_ids[0]
    if agent not in rules.actors:
        print(
            f"error: no actor {agent!r} in {rules.id}; actors: {', '.join(rules.actor_ids)}",
            file=sys.stderr,
        )
        return 2
    if args.layout:
        layout = Layout(rules)
        print(f"observation: float32[{layout.size}] in [-1, 1]")
        for name, start in layout.at.items():
            print(f"{start:5d}..{start + layout.sizes[name] - 1:<5d} {name}")
        return 0
    menu = Menu(rules)
    print(f"{rules.id}: {agent} has {menu.size(agent)} actions")
    for index, kind, text in menu.table(agent):
        print(f"{index:4d}  {kind:10s}  {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
