"""Scores: each actor's weighted objectives over the state, 0..100; war caps them all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario.compile import ObjectiveRule

if TYPE_CHECKING:
    from game.engine.state import State as Game  # the data scores read


def objectives_of(game: Game, actor: str) -> list[tuple[ObjectiveRule, bool]]:
    """The actor's public objectives and its dealt secret ones (flagged True)."""
    rules = game.rules
    out = [(o, False) for o in rules.objectives.get(actor, ())]
    dealt = set(game.secret.get(actor, ()))
    out += [(o, True) for o in rules.secret_pool.get(actor, ()) if o.id in dealt]
    return out


def breakdown(game: Game, actor: str) -> list[dict[str, Any]]:
    """Each objective's progress (0..1), weight and share of the score."""
    objs = objectives_of(game, actor)
    total = sum(o.weight for o, _ in objs) or 1.0
    rows = []
    for o, secret in objs:
        x = o.score(game.v)
        x = 0.0 if x < 0 else 1.0 if x > 1 else x
        rows.append(
            {
                "id": o.id,
                "name": o.name,
                "explain": o.explain,
                "weight": o.weight,
                "secret": secret,
                "progress": round(x, 4),
                "points": round(100.0 * o.weight * x / total, 2),
            }
        )
    return rows


def score_of(game: Game, actor: str) -> float:
    """One actor's score (0..100), capped after a war: ``scores(game)[actor]``."""
    cap = game.rules.war_cap if game.v.get("war", 0.0) else 100.0
    objs = objectives_of(game, actor)
    total = sum(o.weight for o, _ in objs) or 1.0
    s = 0.0
    for o, _ in objs:
        x = o.score(game.v)
        s += o.weight * (0.0 if x < 0 else 1.0 if x > 1 else x)
    return round(min(cap, 100.0 * s / total), 2)


def on_par_scale(raw: float, par: float) -> float:
    """A raw score (0..100) on the scale where ``par`` is 50, 0 stays 0 and 100 stays 100
    (linear on each side of par).

    >>> on_par_scale(37.0, 37.0), on_par_scale(18.5, 37.0), on_par_scale(100.0, 37.0)
    (50.0, 25.0, 100.0)
    """
    if raw <= par:
        return round(50.0 * raw / par, 2) if par > 0 else 50.0
    return round(50.0 + 50.0 * (raw - par) / (100.0 - par), 2) if par < 100 else 100.0


def against_history(raw: float, par: float) -> str:
    """In words: 'beat history', 'matched history' (within half a point) or 'fell short of
    history'."""
    if raw > par + 0.5:
        return "beat history"
    if raw < par - 0.5:
        return "fell short of history"
    return "matched history"


def par_scores(game: Game, raw: dict[str, float] | None = None) -> dict[str, dict[str, Any]]:
    """For each role with a par: ``{raw, par, scaled, history}`` (``scaled``: par = 50;
    ``history``: :func:`against_history`)."""
    raw = scores(game) if raw is None else raw
    return {
        a: {
            "raw": raw[a],
            "par": p,
            "scaled": on_par_scale(raw[a], p),
            "history": against_history(raw[a], p),
        }
        for a, p in game.rules.par.items()
    }


def scores(game: Game) -> dict[str, float]:
    """Every actor's score (0..100), capped after a war."""
    return {a: score_of(game, a) for a in game.rules.actor_ids}


def outcome(game: Game) -> dict[str, Any]:
    """The end of a game: scores, breakdowns, war, deadlines, agreements."""
    v = game.v
    raw = scores(game)
    return {
        "scores": raw,
        "par": par_scores(game, raw),
        "war": bool(v.get("war", 0.0)),
        "month": game.month,
        "breakdown": {a: breakdown(game, a) for a in game.rules.actor_ids},
        "deadlines": {
            d.id: (
                True if v.get(f"deadline.{d.id}") else False if v.get(f"missed.{d.id}") else None
            )
            for d in game.rules.deadlines
        },
        "agreements": {
            "made": int(v.get("deals.made", 0.0)),
            "broken": int(v.get("deals.broken", 0.0)),
        },
    }


def final_outcome(game: Game) -> dict[str, Any] | None:
    """``None`` while playing; at the end, :func:`outcome`, computed once (a finished
    game no longer changes)."""
    if game.phase != "over":
        return None
    memo: dict[str, Any] | None = game.__dict__.get("_outcome")
    if memo is None:
        memo = game.__dict__["_outcome"] = outcome(game)
    return memo
