"""What each team knew and when: its estimates of hidden variables beside the true values,
and the private intelligence it received, month by month (from ``view_for`` at each
month's end, as the team saw it then)."""

from __future__ import annotations

from typing import Any

from game.report.labels import actor_name, news_text, variable_name
from game.report.replay import Replayed


def knowledge(run: Replayed) -> list[dict[str, Any]]:
    """One entry per (month end, actor): ``estimates`` (key, name, low, high, true, error)
    and ``intel`` (texts of private news received that month)."""
    rules = run.game.rules
    out = []
    for row in run.months:
        for actor in rules.actor_ids:
            estimates = []
            for key, rng in row.estimates[actor].items():
                true = row.values[key]
                mid = (rng["low"] + rng["high"]) / 2.0
                estimates.append(
                    {
                        "key": key,
                        "name": variable_name(rules, key),
                        "low": rng["low"],
                        "high": rng["high"],
                        "true": round(true, 2),
                        "error": round(mid - true, 2),
                    }
                )
            out.append(
                {
                    "month": row.month,
                    "label": row.label,
                    "actor": actor,
                    "name": actor_name(rules, actor),
                    "estimates": estimates,
                    "intel": [news_text(rules, run.game.agreements, n) for n in row.intel[actor]],
                }
            )
    return out
