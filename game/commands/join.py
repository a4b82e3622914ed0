"""``sixparty join``: join a room on a server, pick a country in the lobby, play.

Before any window opens, the server is asked once whether it answers (and holds the
room): a wrong address, a server that is not running or a wrong code is one line in
the terminal and exit 2, not a window waiting on "Connecting...".
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the ``join`` subcommand."""
    p = sub.add_parser(
        "join",
        help="join a room on a Six-Party server",
        description="Open the lobby of a room: see the free and taken countries, pick one and "
        "play. With --facilitator TOKEN, open the facilitator's screen instead.",
    )
    p.add_argument(
        "url", help="server address, e.g. ws://192.168.1.20:8765 (ws:// may be left out)"
    )
    p.add_argument("--room", default=None, help="the room's join code")
    p.add_argument("--name", default="", help="your name, shown to your team")
    p.add_argument("--token", default=None, help="a seat token to rejoin your seat directly")
    p.add_argument(
        "--facilitator",
        default=None,
        metavar="TOKEN",
        help="open the facilitator's screen with the room's facilitator token",
    )
    p.add_argument("--size", default="1280x800", help="window size, e.g. 1024x640")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check that the server (and the room) answers, then open the lobby window."""
    import asyncio

    from game.commands.play import parse_size
    from game.errors import SixPartyError
    from game.netclient import check_server, server_url

    size = parse_size(args.size)
    if args.facilitator and args.token:
        raise SixPartyError("give --facilitator TOKEN or --token TOKEN, not both")
    if not (args.room or args.facilitator or args.token):
        raise SixPartyError("give the room's join code with --room CODE (or a token)")
    url = server_url(args.url)
    token = args.facilitator or args.token
    # Say it here, in the terminal, rather than in a window stuck on "Connecting...".
    asyncio.run(check_server(url, None if token else args.room.upper()))
    from game.client.app import App
    from game.client.net import NetConnection

    try:
        conn = NetConnection(url, token=token, code=args.room, name=args.name)
    except ValueError as exc:
        raise SixPartyError(str(exc)) from None
    return App(conn, size=size, name=args.name).run()
