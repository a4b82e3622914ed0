"""``sixparty serve``: run the websocket game server until SIGTERM or Ctrl-C."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import socket
import sys
from pathlib import Path
from typing import Any

from game.cli import positive_float, positive_int
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
        metavar="[NAME=]SCENARIO",
        help="offer another scenario (repeatable): a path to a YAML file, offered by its file "
        "name or as NAME; or a library scenario's name (korea-2019), offered as it is or as "
        "NAME. The library's scenarios are always offered",
    )
    p.add_argument("--max-rooms", type=positive_int, default=1000, help="room limit (1000)")
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
    p.add_argument(
        "--rate", type=positive_float, default=20.0, help="messages/second per connection (20)"
    )
    p.add_argument("--burst", type=positive_float, default=60.0, help="burst per connection (60)")
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
    """``NAME=SCENARIO`` or ``SCENARIO`` -> name -> library name or absolute file (so
    that the server never looks a name up in the folder it was started from).

    A scenario is a path or a library name (:func:`~game.scenario.loader.find_scenario`);
    each is loaded once here, so a missing, unreadable or invalid file stops the server
    before it starts, with the file's own error.
    """
    from game.scenario.loader import find_scenario, is_scenario_path, load_scenario

    out: dict[str, str] = {}
    for spec in specs:
        name, sep, ref = spec.partition("=")
        if not sep:
            name, ref = (Path(spec).stem if is_scenario_path(spec) else spec), spec
        if not name or not ref:
            raise SixPartyError(f"--scenario {spec!r}: expected NAME=SCENARIO or SCENARIO")
        try:
            path = find_scenario(ref)
            load_scenario(path)
        except SixPartyError as exc:
            raise SixPartyError(f"--scenario {spec}: {exc}") from None
        out[name] = str(path.resolve()) if is_scenario_path(ref) else ref
    return out


def check_port(host: str, port: int) -> None:
    """Fail with one clear line if ``host:port`` cannot be listened on (taken, or not an
    address of this machine), before the server opens its database and resumes rooms."""
    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except OSError as exc:
        raise SixPartyError(f"--host {host}: not an address to listen on ({exc})") from None
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as sock:
            if os.name == "posix":  # as asyncio's server does: no TIME_WAIT false alarm
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                reason = (
                    "the port is in use (another 'sixparty serve'? choose another --port)"
                    if exc.errno == errno.EADDRINUSE
                    else (exc.strerror or str(exc)).lower()
                )
                raise SixPartyError(f"cannot listen on {host}:{port}: {reason}") from None


def run(args: argparse.Namespace) -> int:
    """Start the server; stop gracefully on SIGTERM/SIGINT."""
    from server.app import ServerConfig
    from server.auth import new_token
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
    scenarios = parse_scenarios(args.scenario)
    check_port(args.host, args.port)
    admin_token = os.environ.get("SIXPARTY_ADMIN_TOKEN") or None
    if args.rooms_need_token and admin_token is None:
        admin_token = new_token()
        print(f"admin token (create rooms with it): {admin_token}", file=sys.stderr, flush=True)
    config = ServerConfig(
        host=args.host,
        port=args.port,
        db=args.db or default_db_path(),
        scenarios=scenarios,
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
