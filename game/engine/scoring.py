"""Scores: each actor's weighted objectives over the state, 0..100; war caps them all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario.compile import ObjectiveRule

if TYPE_CHECKING:
    from game.engine.game import Game


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


def scores(game: Game) -> dict[str, float]:
    """Every actor's score (0..100), capped after a war."""
    return {a: score_of(game, a) for a in game.rules.actor_ids}


def outcome(game: Game) -> dict[str, Any]:
    """The end of a game: scores, breakdowns, war, deadlines, agreements."""
    v = game.v
    return {
        "scores": scores(game),
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
