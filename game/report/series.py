"""Month-by-month series (every scenario variable and every score) and the choice of charts.

Charts are picked from what the scenario declares, never from hard-coded ids: the
tension track (with its named rungs and the war threshold), the sanctions pressure if
the scenario has sanctions, one chart per owner of global indicators (the sanctions
target's economy, reserves, capabilities... in Korea 2019), one per per-actor variable
(one line per actor, in the actors' colours), and the scores as if the game had ended
each month. Variables that only switch (0..1) are listed as switches, not charted;
pair variables (trust) are in the data and the CSV only.
"""

from __future__ import annotations

from typing import Any

from game.report.labels import actor_name, variable_name
from game.report.replay import Replayed

# Colour-blind-safe palette (Okabe-Ito) for lines that are not actors.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 2", "12 2")


def series(run: Replayed) -> dict[str, Any]:
    """``{"months": [...], "variables": [...], "scores": [...]}`` (one value per month)."""
    rules = run.game.rules
    months = [{"month": m.month, "label": m.label, "partial": m.partial} for m in run.months]
    variables = []
    for key in rules.keys:
        lo, hi = rules.bounds[key]
        vis, owner, _ = rules.visibility[key]
        variables.append(
            {
                "key": key,
                "name": variable_name(rules, key),
                "min": lo,
                "max": hi,
                "visibility": vis,
                "owner": owner,
                "values": [round(m.values[key], 2) for m in run.months],
            }
        )
    scores = [
        {
            "actor": a,
            "name": actor_name(rules, a),
            "colour": rules.actors[a].colour,
            "values": [m.scores[a] for m in run.months],
        }
        for a in rules.actor_ids
    ]
    return {"months": months, "variables": variables, "scores": scores}


def charts(run: Replayed, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Chart specifications over ``data`` (the output of :func:`series`).

    Each: ``{"id", "title", "note", "min", "max", "lines": [{"name", "colour", "dash",
    "values"}], "bands": [{"from", "to", "name"}], "threshold": {...} | None}``.
    """
    rules = run.game.rules
    by_key = {v["key"]: v for v in data["variables"]}
    out: list[dict[str, Any]] = []

    tk = rules.tension_key
    tension = by_key[tk]
    starts = [r[0] for r in rules.rungs]
    bands = [
        {
            "from": start,
            "to": starts[i + 1] if i + 1 < len(starts) else tension["max"],
            "name": name,
        }
        for i, (start, _rid, name) in enumerate(rules.rungs)
    ]
    out.append(
        {
            "id": "tension",
            "title": tension["name"],
            "note": f"Named rungs shaded; war can break out at {rules.war_threshold:g} or above.",
            "min": tension["min"],
            "max": tension["max"],
            "lines": [_line(tension["name"], "#000000", "", tension["values"], key=tk)],
            "bands": bands,
            "threshold": {"value": rules.war_threshold, "name": "war risk"},
        }
    )

    if rules.sectors:
        lines = [
            _line(
                "All sectors (weighted)",
                "#000000",
                "",
                by_key["pressure"]["values"],
                key="pressure",
            )
        ]
        for i, s in enumerate(rules.sectors):
            lines.append(
                _line(
                    s.name,
                    PALETTE[i % len(PALETTE)],
                    DASHES[(i + 1) % len(DASHES)],
                    by_key[f"pressure.{s.id}"]["values"],
                    width=2.5,
                    key=f"pressure.{s.id}",
                )
            )
        target = actor_name(rules, rules.sanction_target)
        out.append(
            {
                "id": "pressure",
                "title": "Sanctions pressure",
                "note": f"Effective pressure on {target}, by sector (0–100).",
                "min": 0.0,
                "max": 100.0,
                "lines": lines,
                "bands": [],
                "threshold": None,
            }
        )

    # Global indicators, grouped by owner (unowned ones together).
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for v in rules.model.variables:
        if v.scope != "global" or v.id == tk or v.max - v.min <= 1:
            continue
        groups.setdefault(v.owner, []).append(by_key[v.id])
    for owner, items in groups.items():
        title = f"{actor_name(rules, owner)}: indicators" if owner else "Other indicators"
        out.append(
            {
                "id": f"indicators-{owner or 'global'}",
                "title": title,
                "note": "True values (the debrief shows what was hidden during play).",
                "min": min(x["min"] for x in items),
                "max": max(x["max"] for x in items),
                "lines": [
                    _line(
                        x["name"],
                        PALETTE[i % len(PALETTE)],
                        DASHES[i % len(DASHES)],
                        x["values"],
                        key=x["key"],
                    )
                    for i, x in enumerate(items)
                ],
                "bands": [],
                "threshold": None,
            }
        )

    # Per-actor variables: one line per actor in its colour.
    for v in rules.model.variables:
        if v.scope != "actor":
            continue
        out.append(
            {
                "id": f"actor-{v.id}",
                "title": f"{v.name}, by country",
                "note": v.explain,
                "min": v.min,
                "max": v.max,
                "lines": [
                    _line(
                        actor_name(rules, a),
                        rules.actors[a].colour,
                        DASHES[i % len(DASHES)],
                        by_key[f"{v.id}.{a}"]["values"],
                        key=f"{v.id}.{a}",
                    )
                    for i, a in enumerate(rules.actor_ids)
                ],
                "bands": [],
                "threshold": None,
            }
        )

    out.append(
        {
            "id": "scores",
            "title": "Scores over time",
            "note": "Each country's score (0–100) as if the game had ended that month.",
            "min": 0.0,
            "max": 100.0,
            "lines": [
                _line(
                    s["name"],
                    s["colour"],
                    DASHES[i % len(DASHES)],
                    s["values"],
                    key=f"score.{s['actor']}",
                )
                for i, s in enumerate(data["scores"])
            ],
            "bands": [],
            "threshold": None,
        }
    )
    return out


def switches(run: Replayed, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Global variables that only switch (range of at most 1), with their monthly values."""
    by_key = {v["key"]: v for v in data["variables"]}
    return [
        {"key": v.id, "name": v.name, "values": by_key[v.id]["values"]}
        for v in run.game.rules.model.variables
        if v.scope == "global" and v.max - v.min <= 1 and v.id in by_key
    ]


def _line(
    name: str, colour: str, dash: str, values: list[float], width: float = 3, key: str = ""
) -> dict[str, Any]:
    """One line of a chart; ``key`` names the series it draws (a variable key, or
    ``score.ACTOR``), so a report for one viewer can keep only what it saw."""
    return {
        "name": name,
        "colour": colour,
        "dash": dash,
        "width": width,
        "values": values,
        "key": key,
    }
