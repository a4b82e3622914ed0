"""Each team's objectives, public and secret, and how far it got: the objective shares of
its final score (or of its score now, for a game still in play)."""

from __future__ import annotations

from typing import Any

from game.engine.scoring import breakdown, par_scores
from game.report.labels import actor_name
from game.report.replay import Replayed


def objectives(run: Replayed) -> list[dict[str, Any]]:
    """Per actor: score, and each objective's weight, progress (0..1) and points."""
    game = run.game
    rules = game.rules
    outcome = game.outcome()
    scores = outcome["scores"] if outcome is not None else game.scores()
    par = par_scores(game, scores)  # roles with a par: raw, par, scaled, history
    out = []
    for a in rules.actor_ids:
        rows = outcome["breakdown"][a] if outcome is not None else breakdown(game, a)
        out.append(
            {
                "actor": a,
                "name": actor_name(rules, a),
                "colour": rules.actors[a].colour,
                "score": scores[a],
                "par": par.get(a),
                "objectives": [dict(r) for r in rows],
                "secret_dealt": list(game.secret.get(a, [])),
            }
        )
    return out


def result(run: Replayed) -> dict[str, Any]:
    """How the game ended: war, deadlines met or missed, deals made and broken."""
    game = run.game
    rules = game.rules
    v = game.v
    deadlines = []
    for d in rules.deadlines:
        met = True if v.get(f"deadline.{d.id}") else False if v.get(f"missed.{d.id}") else None
        deadlines.append({"id": d.id, "name": d.name, "date": d.date, "month": d.month, "met": met})
    return {
        "over": game.over,
        "war": bool(v.get("war", 0.0)),
        "month": game.month,
        "phase": game.phase,
        "ended_early": run.ended_early,
        "deadlines": deadlines,
        "deals_made": int(v.get("deals.made", 0.0)),
        "deals_broken": int(v.get("deals.broken", 0.0)),
    }
