"""``sixparty simulate``: play a whole game headless and print its chronicle."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from game.errors import SixPartyError

if TYPE_CHECKING:
    from game.scenario.compile import Rules


def register(sub: Any) -> None:
    """Add the ``simulate`` subcommand."""
    p = sub.add_parser(
        "simulate",
        help="play a whole game headless with bots and print the chronicle",
        description="Play a whole game headless. Same seed and bots give byte-identical output.",
    )
    p.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (default korea-2019)"
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--bots",
        default="historical",
        help="one bot for all (random), or per actor (us=historical,dprk=random), or six in actor order",
    )
    p.add_argument(
        "--json", action="store_true", help="print the result as JSON, with the state hash"
    )
    p.add_argument(
        "--save", metavar="PATH", help="write the game record (scenario, seed, log) to PATH"
    )
    p.add_argument(
        "--view", default="spectator", help="whose chronicle: spectator, omniscient or an actor id"
    )
    p.set_defaults(func=run)


def parse_bots(spec: str, rules: Rules) -> dict[str, str]:
    """Turn a --bots spec into actor -> bot name."""
    from game.bots import BOTS
    from game.scenario.loader import suggest

    actors = rules.actor_ids
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    if not parts:
        raise SixPartyError("--bots is empty")
    out: dict[str, str] = {}
    if all("=" in p for p in parts):
        out = {a: "random" for a in actors}
        for p in parts:
            actor, _, name = p.partition("=")
            if actor not in actors:
                raise SixPartyError(
                    f"--bots: unknown actor '{actor}'{suggest(actor, list(actors))}"
                )
            out[actor] = name
    elif len(parts) == 1:
        out = {a: parts[0] for a in actors}
    elif len(parts) == len(actors):
        out = dict(zip(actors, parts, strict=True))
    else:
        raise SixPartyError(
            f"--bots: give one bot, {len(actors)} bots in actor order, or actor=bot pairs"
        )
    for name in out.values():
        if name not in BOTS:
            raise SixPartyError(
                f"--bots: unknown bot '{name}'{suggest(name, list(BOTS))}; known: {', '.join(sorted(BOTS))}"
            )
    return out


def run(args: argparse.Namespace) -> int:
    """Play the game and print the chronicle or JSON."""
    from game.bots import make_bot
    from game.bots.runner import play_game
    from game.chronicle import chronicle
    from game.records import record_of, save_record
    from game.scenario.loader import find_scenario, is_scenario_path, load_scenario

    rules = load_scenario(args.scenario)
    if args.view not in (*rules.actor_ids, "spectator", "omniscient"):
        raise SixPartyError(
            f"--view: expected spectator, omniscient or one of {', '.join(rules.actor_ids)}"
        )
    names = parse_bots(args.bots, rules)
    bots = {a: make_bot(n, a, args.seed) for a, n in names.items()}
    result = play_game(rules, args.seed, bots)
    game = result.game
    # A path is saved whole, so the record replays (sixparty report) from any folder.
    ref = (
        str(find_scenario(args.scenario).resolve())
        if is_scenario_path(args.scenario)
        else args.scenario
    )
    record = record_of(game, ref, names, faults=[f.as_dict() for f in result.faults])
    if args.save:
        try:
            save_record(args.save, record)
        except OSError as exc:
            raise SixPartyError(
                f"--save {args.save}: cannot write: {exc.strerror or exc}"
            ) from None
    if args.json:
        out = {
            k: record[k]
            for k in ("scenario", "scenario_id", "seed", "bots", "state_hash", "outcome", "faults")
        }
        print(json.dumps(out, indent=2, sort_keys=True))
    else:
        print(chronicle(game, args.view), end="")
    return 0
