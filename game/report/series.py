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

# Dash patterns (SVG/matplotlib on-off lengths): lines are told apart without colour.
DASHES = ("", "8 4", "2 3", "10 3 2 3")


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

    Each: ``{"id", "title", "note", "unit", "min", "max", "lines": [{"name", "colour",
    "dash", "marker", "values", "key"}], "bands": [{"from", "to", "name"}],
    "threshold": {...} | None}``. A chart holds at most :data:`MAX_LINES` lines of one
    unit (variables share a chart only when they share a range, so workers in thousands
    never share an axis with 0–100 indices); countries' lines are in their colours,
    every other line in a neutral ink told apart by its dash and marker.
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
        _chart(
            "tension",
            tension["name"],
            f"Named rungs shaded; war can break out at {rules.war_threshold:g} or above.",
            _unit(tension["min"], tension["max"]),
            tension["min"],
            tension["max"],
            [_neutral(0, tension["name"], tension["values"], tk)],
            bands=bands,
            threshold={"value": rules.war_threshold, "name": "war risk"},
        )
    )

    if rules.sectors:
        target = actor_name(rules, rules.sanction_target)
        sectors = [("All sectors (weighted)", "pressure")] + [
            (s.name, f"pressure.{s.id}") for s in rules.sectors
        ]
        sector_parts = _chunks(sectors)
        for n, sector_part in enumerate(sector_parts):
            out.append(
                _chart(
                    "pressure" if n == 0 else f"pressure-{n + 1}",
                    "Sanctions pressure" + _part(n, len(sector_parts)),
                    f"Effective pressure on {target}, by sector (0–100).",
                    "0–100",
                    0.0,
                    100.0,
                    [
                        _neutral(i, name, by_key[key]["values"], key)
                        for i, (name, key) in enumerate(sector_part)
                    ],
                )
            )

    # Global indicators, grouped by owner (unowned ones together), then by unit (range).
    groups: dict[tuple[str | None, float, float], list[dict[str, Any]]] = {}
    for v in rules.model.variables:
        if v.scope != "global" or v.id == tk or v.max - v.min <= 1:
            continue
        groups.setdefault((v.owner, v.min, v.max), []).append(by_key[v.id])
    units_per_owner: dict[str | None, int] = {}
    for owner, _lo, _hi in groups:
        units_per_owner[owner] = units_per_owner.get(owner, 0) + 1
    seen: dict[str | None, int] = {}
    for (owner, lo, hi), items in groups.items():
        title = f"{actor_name(rules, owner)}: indicators" if owner else "Other indicators"
        parts = _chunks(items)
        for n, part in enumerate(parts):
            k = seen.get(owner, 0)
            seen[owner] = k + 1
            base = f"indicators-{owner or 'global'}"
            unit = _unit(lo, hi)
            out.append(
                _chart(
                    base if k == 0 else f"{base}-{k + 1}",
                    title
                    + (f" ({unit})" if units_per_owner[owner] > 1 else "")
                    + _part(n, len(parts)),
                    "True values (the debrief shows what was hidden during play).",
                    unit,
                    lo,
                    hi,
                    [_neutral(i, x["name"], x["values"], x["key"]) for i, x in enumerate(part)],
                )
            )

    # Per-actor variables: one line per actor in its colour, a few actors per chart.
    actors = list(rules.actor_ids)
    for v in rules.model.variables:
        if v.scope != "actor":
            continue
        parts = _chunks(actors)
        for n, part in enumerate(parts):
            out.append(
                _chart(
                    f"actor-{v.id}" if n == 0 else f"actor-{v.id}-{n + 1}",
                    f"{v.name}, by country" + _part(n, len(parts)),
                    v.explain,
                    _unit(v.min, v.max),
                    v.min,
                    v.max,
                    [
                        _country(rules, a, i, by_key[f"{v.id}.{a}"]["values"], f"{v.id}.{a}")
                        for i, a in enumerate(part)
                    ],
                )
            )

    parts = _chunks(data["scores"])
    for n, part in enumerate(parts):
        out.append(
            _chart(
                "scores" if n == 0 else f"scores-{n + 1}",
                "Scores over time" + _part(n, len(parts)),
                "Each country's score (0–100) as if the game had ended that month.",
                "score, 0–100",
                0.0,
                100.0,
                [
                    _country(rules, s["actor"], i, s["values"], f"score.{s['actor']}")
                    for i, s in enumerate(part)
                ],
            )
        )
    return out


MAX_LINES = 4
"""The most lines a chart holds (more are split over charts of even size)."""

NEUTRAL = ("#222222", "#555555", "#222222", "#555555")
"""Inks for lines that are not countries (told apart by dash and marker, not hue)."""

MARKERS = ("o", "s", "^", "D")


def _chunks(items: list[Any]) -> list[list[Any]]:
    """``items`` split into as few parts of at most :data:`MAX_LINES` as possible, of even
    size (seven lines: four and three; six: three and three)."""
    if not items:
        return []
    n = -(-len(items) // MAX_LINES)
    size = -(-len(items) // n)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _part(n: int, of: int) -> str:
    return f" ({n + 1} of {of})" if of > 1 else ""


def _unit(lo: float, hi: float) -> str:
    """A range as a unit label: '0–100' (an index) or '0–120'."""
    return f"{lo:g}–{hi:g}"


def _chart(
    cid: str,
    title: str,
    note: str,
    unit: str,
    lo: float,
    hi: float,
    lines: list[dict[str, Any]],
    bands: list[dict[str, Any]] | None = None,
    threshold: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": cid,
        "title": title,
        "note": note,
        "unit": unit,
        "min": lo,
        "max": hi,
        "lines": lines,
        "bands": bands or [],
        "threshold": threshold,
    }


def _neutral(i: int, name: str, values: list[float], key: str) -> dict[str, Any]:
    """A line that is not a country's: neutral ink, its own dash and marker."""
    return _line(name, NEUTRAL[i % 4], DASHES[i % 4], values, key=key, marker=MARKERS[i % 4])


def _country(rules: Any, actor: str, i: int, values: list[float], key: str) -> dict[str, Any]:
    """A country's line, in its colour (and a dash and marker, never colour alone)."""
    return _line(
        actor_name(rules, actor),
        rules.actors[actor].colour,
        DASHES[i % 4],
        values,
        key=key,
        marker=MARKERS[i % 4],
    )


def switches(run: Replayed, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Global variables that only switch (range of at most 1), with their monthly values."""
    by_key = {v["key"]: v for v in data["variables"]}
    return [
        {"key": v.id, "name": v.name, "values": by_key[v.id]["values"]}
        for v in run.game.rules.model.variables
        if v.scope == "global" and v.max - v.min <= 1 and v.id in by_key
    ]


def _line(
    name: str,
    colour: str,
    dash: str,
    values: list[float],
    width: float = 3,
    key: str = "",
    marker: str = "o",
) -> dict[str, Any]:
    """One line of a chart; ``key`` names the series it draws (a variable key, or
    ``score.ACTOR``), so a report for one viewer can keep only what it saw."""
    return {
        "name": name,
        "colour": colour,
        "dash": dash,
        "width": width,
        "marker": marker,
        "values": values,
        "key": key,
    }
