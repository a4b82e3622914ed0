"""``sixparty serve``: run the websocket game server until SIGTERM or Ctrl-C."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from game.errors import SixPartyError


def register(sub: Any) -> None:
    """Add the ``serve`` subcommand."""
    p = sub.add_parser(
        "serve",
        help="run the websocket game server (many rooms, one process)",
        description="Run the Six-Party game server. Every accepted action is written to the "
        "database before it is acknowledged; a restarted server resumes every room. "
        "The protocol is described in docs/protocol.md.",
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (8765; 0 picks a free one)")
    p.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite database (default: ~/.local/share/sixparty/server.sqlite3; "
        "':memory:' keeps nothing)",
    )
    p.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="[NAME=]PATH",
        help="offer another scenario file by name (repeatable); scenarios/ are always offered",
    )
    p.add_argument("--max-rooms", type=int, default=1000, help="room limit (1000)")
    p.add_argument(
        "--rooms-per-address",
        type=int,
        default=30,
        metavar="N",
        help="rooms one address may create per hour without the admin token (30; 0: no limit)",
    )
    p.add_argument(
        "--rooms-need-token",
        action="store_true",
        help="only holders of the server's admin token create rooms: the token is "
        "$SIXPARTY_ADMIN_TOKEN, or a new one printed at start",
    )
    p.add_argument("--rate", type=float, default=20.0, help="messages/second per connection (20)")
    p.add_argument("--burst", type=float, default=60.0, help="burst per connection (60)")
    p.add_argument(
        "--durable",
        action="store_true",
        help="fsync every action (survives power loss, not only a killed server)",
    )
    p.add_argument(
        "--compression",
        action="store_true",
        help="permessage-deflate (smaller frames for slow networks; more CPU and memory)",
    )
    p.add_argument(
        "--port-file", metavar="PATH", help="write the port listened on to PATH once ready"
    )
    p.add_argument("--quiet", action="store_true", help="log warnings only")
    p.set_defaults(func=run)


def parse_scenarios(specs: list[str]) -> dict[str, str]:
    """``NAME=PATH`` or ``PATH`` (named after the file) -> name -> path."""
    out: dict[str, str] = {}
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep:
            name, path = Path(spec).stem, spec
        if not Path(path).is_file():
            raise SixPartyError(f"--scenario {spec}: no such file {path!r}")
        out[name] = path
    return out


def run(args: argparse.Namespace) -> int:
    """Start the server; stop gracefully on SIGTERM/SIGINT."""
    from server.app import ServerConfig
    from server.run import serve_until_signalled
    from server.store import default_db_path

    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    if args.port < 0 or args.port > 65535:
        raise SixPartyError(f"--port {args.port}: expected 0..65535")
    if args.rooms_per_address < 0:
        raise SixPartyError(f"--rooms-per-address {args.rooms_per_address}: expected 0 or more")
    admin_token = os.environ.get("SIXPARTY_ADMIN_TOKEN") or None
    if args.rooms_need_token and admin_token is None:
        admin_token = secrets.token_urlsafe(24)
        print(f"admin token (create rooms with it): {admin_token}", file=sys.stderr, flush=True)
    config = ServerConfig(
        host=args.host,
        port=args.port,
        db=args.db or default_db_path(),
        scenarios=parse_scenarios(args.scenario),
        max_rooms=args.max_rooms,
        rooms_per_address=args.rooms_per_address,
        admin_token=admin_token,
        rooms_need_token=args.rooms_need_token,
        rate=args.rate,
        burst=args.burst,
        durable=args.durable,
        compression=args.compression,
    )
    serve_until_signalled(config, args.port_file)
    return 0
