"""Playing one tournament game, in whatever process or thread an executor chose.

:func:`play_spec` never raises: a game that fails is returned as a record with
``status`` ``error`` (or ``timeout`` when it ran past its ``timeout``), so one bad game
never takes a tournament down.
"""

from __future__ import annotations

import time
import traceback
from typing import Any

from game.bots import make_bot
from game.bots.runner import play_game
from game.engine.game import Game
from game.scenario.compile import Rules
from game.scenario.loader import load_scenario

_RULES: dict[str, Rules] = {}


class GameTimeout(Exception):
    """A game ran past its wall-clock limit (checked after each month)."""


def rules_for(scenario: str) -> Rules:
    """Load a scenario once per process."""
    rules = _RULES.get(scenario)
    if rules is None:
        rules = _RULES[scenario] = load_scenario(scenario)
    return rules


def failed_record(spec: dict[str, Any], status: str, error: str, seconds: float) -> dict[str, Any]:
    """The record of a game that did not finish (``error``, ``timeout`` or ``crashed``)."""
    return {
        "id": spec["id"],
        "block": spec["block"],
        "seed": spec["seed"],
        "seating": spec["seating"],
        "status": status,
        "error": error,
        "seconds": round(seconds, 4),
    }


def result_record(
    spec: dict[str, Any], game: Game, faults: list[dict[str, Any]], seconds: float
) -> dict[str, Any]:
    """The record of a finished game: scores, war, agreements, deadlines, faults."""
    out = game.outcome() or {}
    deals = {a: 0 for a in game.rules.actor_ids}
    for ag in game.agreements:
        for p in ag["parties"]:
            deals[p] += 1
    return {
        "id": spec["id"],
        "block": spec["block"],
        "seed": spec["seed"],
        "seating": spec["seating"],
        "status": "ok",
        "scores": out.get("scores", game.scores()),
        "par": out.get("par", {}),  # per role with a par: raw, par, scaled, history
        "war": bool(out.get("war", False)),
        "months": game.month,
        "agreements": out.get("agreements", {}),
        "deals": deals,
        "deadlines": out.get("deadlines", {}),
        "faults": faults,
        "state_hash": game.state_hash(),
        "seconds": round(seconds, 4),
    }


def play_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Play the game ``spec`` describes; return its record (never raises).

    ``spec``: ``id``, ``block``, ``seed``, ``seating`` (role -> bot), ``scenario``, and
    optionally ``budget`` (seconds per decision) and ``timeout`` (seconds per game).
    """
    start = time.perf_counter()
    timeout = spec.get("timeout")
    try:
        rules = rules_for(spec["scenario"])
        bots = {
            role: make_bot(name, role, spec["seed"] + i)
            for i, (role, name) in enumerate(sorted(spec["seating"].items()))
        }

        def check_clock(_game: Game) -> None:
            if timeout is not None and time.perf_counter() - start > timeout:
                raise GameTimeout(f"game ran past its {timeout}s limit")

        result = play_game(
            rules, spec["seed"], bots, budget=spec.get("budget"), on_month=check_clock
        )
        faults = [f.as_dict() for f in result.faults]
        return result_record(spec, result.game, faults, time.perf_counter() - start)
    except GameTimeout as exc:
        return failed_record(spec, "timeout", str(exc), time.perf_counter() - start)
    except Exception as exc:  # a crashing game is recorded, never fatal
        detail = f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=4)
        return failed_record(spec, "error", detail[-2000:], time.perf_counter() - start)
