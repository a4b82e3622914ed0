"""Game records: the scenario, the seed and the event log, enough to replay a game."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.engine.game import Game
from game.errors import SixPartyError
from game.scenario.compile import Rules
from game.scenario.loader import load_scenario

FORMAT = "sixparty-record/1"


def record_of(
    game: Game, scenario_ref: str, bots: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    """The JSON-able record of a game."""
    return {
        "format": FORMAT,
        "scenario": scenario_ref,
        "scenario_id": game.rules.id,
        "seed": game.seed,
        "bots": bots or {},
        "log": game.log,
        "state_hash": game.state_hash(),
        "outcome": game.outcome(),
        **extra,
    }


def save_record(path: str | Path, record: dict[str, Any]) -> None:
    """Write a record as JSON."""
    Path(path).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_record(path: str | Path) -> tuple[Rules, Game, dict[str, Any]]:
    """Read a record, replay it and check the hash; return rules, game and the record."""
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SixPartyError(f"{path}: cannot read game record: {exc}") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise SixPartyError(f"{path}: not a Six-Party game record (expected format {FORMAT})")
    rules = load_scenario(record["scenario"])
    game = Game.replay(rules, record["seed"], record["log"])
    if record.get("state_hash") and game.state_hash() != record["state_hash"]:
        raise SixPartyError(
            f"{path}: replay does not reproduce the recorded state hash (scenario changed?)"
        )
    return rules, game, record
