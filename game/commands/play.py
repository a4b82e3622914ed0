"""``sixparty play``: a game against bots in a window, the server embedded in-process."""

from __future__ import annotations

import argparse
from typing import Any

from game.errors import SixPartyError


def register(sub: Any) -> None:
    """Add the ``play`` subcommand."""
    p = sub.add_parser(
        "play",
        help="play one country in a window; bots play the others",
        description="Start a server in the background, seat bots on the other countries "
        "and open the game window.",
    )
    p.add_argument("--country", default=None, help="your country's actor id (default: the first)")
    p.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (default korea-2019)"
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--bot", default="historical", help="the bot on the other seats (default historical)"
    )
    p.add_argument("--local", action="store_true", help="no server: run the game in a thread")
    p.add_argument("--size", default="1280x800", help="window size, e.g. 1024x640")
    p.set_defaults(func=run)


def parse_size(text: str) -> tuple[int, int]:
    """'1280x800' -> (1280, 800)."""
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SixPartyError(f"--size: expected WIDTHxHEIGHT like 1280x800, got {text!r}") from None
    return w, h


def run(args: argparse.Namespace) -> int:
    """Open the window on a new game."""
    from game.bots import make_bot
    from game.scenario.loader import load_scenario

    rules = load_scenario(args.scenario)
    country = args.country or rules.actor_ids[0]
    if country not in rules.actors:
        raise SixPartyError(
            f"--country: no {country!r} in {rules.id}; choose one of {', '.join(rules.actor_ids)}"
        )
    make_bot(args.bot, country)  # a clear error for an unknown bot name
    size = parse_size(args.size)
    handle = None
    if args.local:
        from game.client.local import LocalConnection

        bots = {a: make_bot(args.bot, a, args.seed) for a in rules.actor_ids if a != country}
        conn: Any = LocalConnection(rules, args.seed, country, bots)
    else:
        from game.client.info import scenario_info
        from game.client.net import NetConnection
        from server.embed import serve_in_thread

        handle = serve_in_thread(port=0, scenarios={rules.id: args.scenario})
        _, token = handle.bot_room(country, scenario=rules.id, seed=args.seed, bot=args.bot)
        conn = NetConnection(handle.url, token=token, info=scenario_info(rules))
    from game.client.app import App
    from game.client.onboarding import TUTORIAL, first_run, remember_first_run

    offer = first_run() and rules.id != TUTORIAL  # newcomers are offered the tutorial
    remember_first_run()
    try:
        return App(conn, size=size, offer_tutorial=offer).run()
    finally:
        if handle is not None:
            handle.stop()
