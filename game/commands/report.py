"""``sixparty report GAME``: write the classroom debrief of a finished (or running) game.

``GAME`` is a saved game record (``sixparty simulate --save``, a client's save) or a
room code in the server's database. The debrief is ``NAME-debrief.html`` (one
self-contained file to project and print), ``NAME-debrief.json`` and one
``NAME-TABLE.csv`` per table, written into ``--out``.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.errors import SixPartyError

if TYPE_CHECKING:
    from game.scenario.compile import Rules

FORMATS = ("html", "csv", "json")


@dataclass
class Source:
    """A game to report on: its rules, seed, log and the names it is known by."""

    rules: Rules
    seed: int
    log: list[dict[str, Any]]
    scenario_ref: str
    name: str
    title: str


def register(sub: Any) -> None:
    """Add the ``report`` subcommand."""
    p = sub.add_parser(
        "report",
        help="write the debrief of a game (HTML to project and print, CSV, JSON)",
        description=(
            "Write the classroom debrief of a game: the timeline, charts, deals, what each "
            "team knew, the whole message archive, objectives and the comparison with "
            "history. GAME is a saved game record or a room code in the server database."
        ),
    )
    p.add_argument("game", metavar="GAME", help="a game record file, or a room code")
    p.add_argument(
        "--db",
        metavar="PATH",
        help="the server database to look room codes up in (default: the server's default)",
    )
    p.add_argument("--out", metavar="DIR", default=".", help="output folder (default: here)")
    p.add_argument(
        "--format",
        default="html,csv,json",
        help="comma-separated: html, csv, json (default: all three)",
    )
    p.set_defaults(func=run)


def parse_formats(spec: str) -> list[str]:
    """Turn ``html,csv`` into a list of formats; unknown ones are an error."""
    parts = [p.strip().lower() for p in spec.split(",") if p.strip()]
    if not parts:
        raise SixPartyError("--format is empty; give html, csv and/or json")
    for p in parts:
        if p not in FORMATS:
            raise SixPartyError(f"--format: unknown format '{p}'; known: {', '.join(FORMATS)}")
    return list(dict.fromkeys(parts))


def from_record(path: Path) -> Source:
    """Read a saved game record; every problem is one clear :class:`SixPartyError`."""
    from game.records import FORMAT as RECORD_FORMAT
    from game.scenario.loader import load_scenario

    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SixPartyError(f"{path}: cannot read game record: {exc}") from None
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise SixPartyError(f"{path}: not a Six-Party game record (expected {RECORD_FORMAT})")
    for key, kind in (("scenario", str), ("seed", int), ("log", list)):
        if not isinstance(record.get(key), kind):
            raise SixPartyError(f"{path}: corrupt game record: '{key}' is missing or malformed")
    from game.report.replay import replay_steps

    try:
        rules = load_scenario(record["scenario"])
    except SixPartyError as exc:
        raise SixPartyError(f"{path}: scenario of the record: {exc}") from None
    try:
        game = replay_steps(rules, record["seed"], record["log"]).game
    except SixPartyError as exc:
        raise SixPartyError(f"{path}: {exc}") from None
    expected = record.get("state_hash")
    if expected and game.state_hash() != expected:
        raise SixPartyError(
            f"{path}: replay does not reproduce the recorded state hash (scenario changed?)"
        )
    return Source(
        rules,
        record["seed"],
        record["log"],
        record["scenario"],
        path.stem,
        f"Debrief of {path.stem} — {rules.name}",
    )


def from_room(code: str, db: Path) -> Source:
    """Read a room's scenario, seed and log from the server database."""
    from game.scenario.loader import load_scenario

    if not db.is_file():
        raise SixPartyError(
            f"'{code}' is not a file, and there is no server database at {db} "
            "to look it up as a room code (use --db PATH)"
        )
    from server.store import read_rooms

    rooms = read_rooms(db)
    room = next((r for r in rooms if r.code.upper() == code.upper()), None)
    if room is None:
        known = ", ".join(r.code for r in rooms[-10:]) or "none"
        raise SixPartyError(f"no room '{code}' in {db} (rooms: {known})")
    seed = room.options.get("seed", 0)
    if not isinstance(seed, int):
        raise SixPartyError(f"room {room.code}: malformed seed {seed!r} in {db}")
    rules = load_scenario(room.scenario)
    label = str(room.options.get("name") or "")
    title = f"Debrief of room {room.code}" + (f" ({label})" if label else "") + f" — {rules.name}"
    return Source(rules, seed, room.log, room.scenario, room.code, title)


def find_source(game: str, db: str | None) -> Source:
    """A record file if ``game`` names one; otherwise a room code in the database."""
    path = Path(game)
    if path.is_file():
        return from_record(path)
    if path.suffix.lower() == ".json" or "/" in game or "\\" in game:
        raise SixPartyError(f"{game}: no such game record file")
    if db is None:
        from server.store import default_db_path

        db_path = default_db_path()
    else:
        db_path = Path(db)
    return from_room(game, db_path)


def write_report(source: Source, out: Path, formats: list[str]) -> list[Path]:
    """Write the requested formats into ``out``; return the paths written."""
    from game.report.data import debrief_data
    from game.report.exports import debrief_csv_files, to_json
    from game.report.render import render_debrief

    data = debrief_data(
        source.rules,
        source.seed,
        source.log,
        scenario_ref=source.scenario_ref,
        title=source.title,
    )
    files: dict[str, str] = {}
    if "html" in formats:
        files[f"{source.name}-debrief.html"] = render_debrief(data)
    if "json" in formats:
        files[f"{source.name}-debrief.json"] = to_json(data)
    if "csv" in formats:
        for name, text in debrief_csv_files(data).items():
            files[f"{source.name}-{name}"] = text
    try:
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, text in files.items():
            path = out / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    except OSError as exc:
        raise SixPartyError(f"--out {out}: cannot write the report: {exc}") from None
    return paths


def run(args: argparse.Namespace) -> int:
    """Write the report and print the paths of the files written."""
    formats = parse_formats(args.format)
    source = find_source(args.game, args.db)
    for path in write_report(source, Path(args.out), formats):
        print(path)
    return 0
