"""``sixparty room create``: set up a classroom room on a running server.

Connects to the server with the protocol's ``create_room`` message (through
:func:`game.netclient.create_room`) and prints the join code, the facilitator token and
what students type::

    sixparty room create --server ws://192.168.1.20:8765 --scenario korea-2019 \\
        --timers negotiation=8m,orders=2m --bots china=planner,russia=hawk

The room waits for the facilitator's ``start`` (briefing time) unless ``--start now``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from game.errors import SixPartyError

PHASES = ("negotiation", "orders")
_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s?)?$")


def register(sub: Any) -> None:
    """Add the ``room`` subcommand (``room create``)."""
    p = sub.add_parser(
        "room",
        help="create a classroom room on a running server",
        description="Manage rooms on a running Six-Party server (see docs/classroom.md).",
    )
    rooms = p.add_subparsers(
        dest="room_command", metavar="ACTION", help="create (sixparty room create --help)"
    )
    c = rooms.add_parser(
        "create",
        help="create a room; print its join code, the facilitator token and what students type",
        description="Create a room on a running server (sixparty serve) and print its join "
        "code, the facilitator token and the command students type.",
    )
    c.add_argument("--server", required=True, help="the server, e.g. ws://192.168.1.20:8765")
    c.add_argument(
        "--scenario",
        default="korea-2019",
        metavar="NAME|PATH",
        help="a scenario the server offers, by name (korea-2019, the default); a path to a "
        "YAML file is checked here and asked for by its file name, so start the server with "
        "'sixparty serve --scenario PATH'",
    )
    c.add_argument(
        "--timers",
        default=None,
        metavar="PHASE=TIME,...",
        help="phase lengths, e.g. negotiation=8m,orders=2m (units h, m, s; plain numbers are "
        "seconds); PHASE=none for no timer on that phase, or just 'none' for no timer at all "
        "(a phase then ends when every team is ready or the facilitator ends it). "
        "Default: the server's (10m, 3m)",
    )
    c.add_argument(
        "--bots",
        default="",
        metavar="SEAT=BOT,...",
        help="bots for seats nobody plays, e.g. china=planner,russia=hawk; all=dove puts "
        "that bot on every seat not named",
    )
    c.add_argument("--name", default="", help="a label for the room, e.g. 'Period 3'")
    c.add_argument("--seed", type=int, default=0, help="the game's seed (0)")
    c.add_argument(
        "--press",
        choices=("full", "public", "none"),
        default="full",
        help="chat allowed: full (public and private), public, none",
    )
    c.add_argument(
        "--start",
        choices=("facilitator", "now"),
        default="facilitator",
        help="facilitator (default): the game waits, timers stopped, until the facilitator "
        "sends start (briefing time); now: the clock runs at once",
    )
    c.add_argument("--json", action="store_true", help="print the result as JSON")
    c.set_defaults(func=run_create)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


# ---------------------------------------------------------------------- parsing
def parse_duration(text: str, where: str) -> float | None:
    """``90``, ``90s``, ``8m``, ``1h30m``, ``2.5m`` -> seconds; ``none``/``off`` -> None."""
    value = text.strip().lower()
    if value in ("none", "off", "no"):
        return None
    match = _DURATION.match(value)
    if not value or match is None or not any(match.groups()):
        raise SixPartyError(
            f"--timers {where}: {text!r} is not a duration; use e.g. 90s, 8m, 1h30m or none"
        )
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise SixPartyError(f"--timers {where}: a phase must last more than 0 seconds")
    return total


def parse_timers(spec: str) -> dict[str, float | None]:
    """``negotiation=8m,orders=2m`` -> ``{"negotiation": 480.0, "orders": 120.0}``;
    ``none`` (or ``off``) alone -> no timer on any phase."""
    if spec.strip().lower() in ("none", "off"):
        return dict.fromkeys(PHASES)
    out: dict[str, float | None] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        phase, sep, value = part.partition("=")
        phase = phase.strip()
        if not sep:
            raise SixPartyError(f"--timers {part}: expected PHASE=TIME, e.g. negotiation=8m")
        if phase not in PHASES:
            raise SixPartyError(
                f"--timers {part}: unknown phase {phase!r}; phases: {', '.join(PHASES)}"
            )
        out[phase] = parse_duration(value, part)
    return out


def parse_bots(spec: str, seats: tuple[str, ...] | None = None) -> dict[str, str]:
    """``china=planner,russia=hawk`` -> seat -> bot; ``all=BOT`` fills every seat not
    named (needs ``seats``: the scenario's actor ids)."""
    named: dict[str, str] = {}
    everyone: str | None = None
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        seat, sep, bot = (x.strip() for x in part.partition("="))
        if not sep or not seat or not bot:
            raise SixPartyError(f"--bots {part}: expected SEAT=BOT, e.g. china=planner")
        if seat == "all":
            everyone = bot
        else:
            named[seat] = bot
    if everyone is not None:
        if seats is None:
            raise SixPartyError(
                "--bots all=...: the scenario is not known here, so its seats are not; "
                "name the seats instead (SEAT=BOT,...)"
            )
        return {s: named.get(s, everyone) for s in seats}
    return named


def server_url(text: str) -> str:
    """``ws://host:port`` (``host:port`` gets ``ws://``); refuses other schemes."""
    from game.netclient import server_url as check

    return check(text, "--server")


def _local_seats(scenario: str) -> tuple[str, ...] | None:
    try:
        from game.scenario.loader import load_scenario

        return tuple(load_scenario(scenario).actor_ids)
    except (SixPartyError, OSError):
        return None


def scenario_request(spec: str) -> tuple[str, str | None]:
    """The name to ask the server for, and the scenario's title if ``spec`` is a path.

    A name goes to the server as it is (the server checks it); a path is loaded here,
    so a missing, unreadable or invalid file is a clear error before any connection,
    and is asked for by its file name, as ``sixparty serve --scenario PATH`` offers it.
    """
    from game.scenario.loader import is_scenario_path, load_scenario

    if not is_scenario_path(spec):
        return spec, None
    rules = load_scenario(spec)
    return Path(spec).stem, str(rules.name)


def _duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "no timer"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes and secs:
        return f"{minutes}m{secs:02d}s"
    return f"{minutes}m" if minutes else f"{secs}s"


# ---------------------------------------------------------------------- the browser page
def page_address(url: str, code: str, page: str = "join") -> str:
    """The browser page of a room on the server at ``url`` (the same host and port):
    ``ws://10.0.0.5:8765`` -> ``http://10.0.0.5:8765/join/CODE`` (``page``: ``join`` for
    students, ``projector`` for the projector)."""
    parts = urlsplit(url)
    scheme = "https" if parts.scheme == "wss" else "http"
    return f"{scheme}://{parts.netloc}/{page}/{code}"


def qr_text(text: str) -> str | None:
    """A QR code of ``text`` drawn with block characters for a terminal, or None when this
    terminal cannot print them (the address is printed anyway)."""
    import io

    import segno

    out = io.StringIO()
    segno.make(text, error="l").terminal(out=out, compact=True, border=2)
    drawn = out.getvalue().rstrip("\n")
    try:
        drawn.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return None
    return drawn


def browser_lines(url: str, code: str) -> list[str]:
    """What ``room create`` prints for browsers: the students' address, its QR code (for
    another machine's address when ``url`` is this computer's loopback), the projector."""
    page = page_address(url, code)
    host = urlsplit(url).hostname or ""
    scan = page
    lines = ["", "Students in a browser (nothing to install) open:", f"  {page}"]
    if host in ("localhost", "127.0.0.1", "::1"):
        from game.netclient import lan_address

        lan = lan_address()
        if lan:
            port = urlsplit(url).port or 8765
            scan = page_address(f"ws://{lan}:{port}", code)
            lines.append(f"  from other machines: {scan} (with 'sixparty serve --host 0.0.0.0')")
    drawn = qr_text(scan)
    if drawn:
        lines += [f"  or scan ({scan}):", *("  " + row for row in drawn.splitlines())]
    lines += [
        "Projector page (join code, teams, countdown):",
        f"  {page_address(url, code, 'projector')}",
    ]
    return lines


def summary(url: str, welcome: dict[str, Any], start: str) -> str:
    """What ``room create`` prints: the code, the token, what students type."""
    room = welcome["room"]
    code, token = room["code"], welcome["token"]
    base = url.rstrip("/")
    timers = room.get("timers", {})
    lines = [
        f"Room {code} created on {base}: {room['scenario_name']}"
        + (f" - {room['name']}" if room.get("name") else ""),
        "  timers: "
        + ", ".join(f"{phase} {_duration_text(timers.get(phase))}" for phase in PHASES),
        "  start: "
        + (
            "the game waits for the facilitator's start (students read their briefings)"
            if start == "facilitator"
            else "the clock is running"
        ),
        "  seats:",
    ]
    for seat in room["seats"]:
        who = f"bot ({seat['bot']})" if seat.get("bot") else "open for students"
        lines.append(f"    {seat['id']:<12} {seat['name']:<24} {who}")
    lines += [
        "",
        "Students type:",
        f"  sixparty join {base} --room {code}",
        f"  (or in any client: server {base}, room code {code})",
    ]
    host = urlsplit(url).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1"):
        from game.netclient import lan_address

        lan = lan_address()
        port = urlsplit(url).port or 8765
        hint = f"ws://{lan}:{port}" if lan else "ws://THIS-COMPUTER'S-ADDRESS:PORT"
        lines.append(
            f"  note: {host} works only on this computer; students on other machines use "
            f"{hint} (start the server with 'sixparty serve --host 0.0.0.0')"
        )
    lines += browser_lines(url, code)
    lines += [
        "",
        "Facilitator token (keep it secret: it controls the room):",
        f"  {token}",
        f"  sixparty join {base} --facilitator {token}",
    ]
    return "\n".join(lines)


def run_create(args: argparse.Namespace) -> int:
    """Create the room and print how to use it."""
    url = server_url(args.server)
    scenario, title = scenario_request(args.scenario)
    options: dict[str, Any] = {
        "scenario": scenario,
        "seed": args.seed,
        "press": args.press,
        "name": args.name,
        "wait_for_start": args.start == "facilitator",
    }
    if args.timers is not None:
        options["timers"] = parse_timers(args.timers)
    if args.bots:
        seats = _local_seats(args.scenario) if "all" in args.bots else None
        options["bots"] = parse_bots(args.bots, seats)
    import asyncio

    from game.netclient import ServerRefused, create_room

    try:
        welcome = asyncio.run(create_room(url, options))
    except ServerRefused as exc:
        if title is None or exc.code != "unknown_scenario" or "is invalid" in str(exc):
            raise
        raise SixPartyError(
            f"the server at {url} does not offer {args.scenario}; start it with "
            f"'sixparty serve --scenario {args.scenario}' (it is then offered as {scenario!r})"
        ) from None
    offered = welcome["room"].get("scenario_name")
    if title is not None and offered != title:
        print(
            f"sixparty: warning: the server's scenario {scenario!r} is {offered!r}, "
            f"not {title!r} as in {args.scenario}",
            file=sys.stderr,
        )
    if args.json:
        room = welcome["room"]
        out = {
            "server": url,
            "code": room["code"],
            "facilitator_token": welcome["token"],
            "join": f"sixparty join {url.rstrip('/')} --room {room['code']}",
            "page": page_address(url, room["code"]),
            "projector": page_address(url, room["code"], "projector"),
            "room": room,
        }
        print(json.dumps(out, indent=2))
    else:
        print(summary(url, welcome, args.start))
    sys.stdout.flush()
    return 0
