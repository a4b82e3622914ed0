"""The debrief's summary (the first printed pages): scores against history (and against
par, once the scenario declares it), the year month by month in a line or two each,
the two or three turning points, and the deals.

Built from a debrief's data *after* it was cut down to its audience
(:func:`game.report.privacy.redact`), so it never shows more than the rest of the
report; no I/O, no HTML (the templates lay it out).
"""

from __future__ import annotations

from typing import Any

ITEMS_PER_MONTH = 4
"""The most happenings a month's line lists before '+N more'."""

TURNING_POINTS = 3

# What the summary lists of a month's public news, most important first.
KIND_ORDER = ("breach", "deadline", "war", "moratorium", "unsc", "summit", "signal")


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """``{"scores_title", "scores", "months", "turning_points", "deals"}`` of a debrief's data."""
    months = _months(data)
    return {
        "scores_title": scores_title(data),
        "scores": _scores(data),
        "months": months,
        "turning_points": _turning_points(data, months),
        "deals": _deals(data),
    }


def scores_title(data: dict[str, Any]) -> str:
    """'Final scores' for a game that is over; 'Scores so far, June 2019' for one in play."""
    r = data["result"]
    if r["over"]:
        return "Final scores"
    played = [t for t in data["timeline"] if not t["partial"]]
    label = played[-1]["label"] if played else "before the first month"
    return f"Scores so far, {label}"


def _scores(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per country, best first: score, the record's game's score, and par when
    the scenario declares it (``{raw, par, scaled, history}`` from
    :func:`game.engine.scoring.par_scores`)."""
    hist = data.get("history_scores") or {}
    rows = []
    for o in sorted(data["objectives"], key=lambda o: -o["score"]):
        real = hist.get("scores", {}).get(o["actor"])
        rows.append(
            {
                "actor": o["actor"],
                "score": o["score"],
                "history": real,
                "vs_history": None if real is None else round(o["score"] - real, 1),
                "par": o.get("par"),
            }
        )
    return rows


def _deal_names(data: dict[str, Any]) -> dict[int, str]:
    """Agreement id -> its name without the month (the summary's row says the month)."""
    return {
        a["id"]: a["name"].removesuffix(", " + a["label"].split(" ")[0])
        for a in data["deals"]["agreements"]
    }


def _months(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each month played: tension and its change, and what happened, in a few items."""
    names = _deal_names(data)
    broken: dict[int, list[str]] = {}
    for ag in data["deals"]["agreements"]:
        for c in ag["compliance"]:
            if c["state"] == "broken":
                broken.setdefault(c["month"], []).append(f"Broken: {ag['name']}")
    out = []
    previous: float | None = None
    for t in data["timeline"]:
        items = [f"Deal: {names[i]}" for i in t["agreements_made"] if i in names]
        items += broken.get(t["month"], [])
        news = [n for n in t["news"] if n["source"] == "chronicle" and n["kind"] in KIND_ORDER]
        news.sort(key=lambda n: KIND_ORDER.index(n["kind"]))
        for n in news:
            if n["kind"] == "summit" and items:
                continue  # the deal it signed is listed by name
            text = n["text"] if n["kind"] != "deadline" else n["text"].split(":")[0]
            text = text.rstrip(".")
            items.append(text if len(text) <= 110 else text[:108].rstrip() + "…")
        delta = None if previous is None else round(t["tension"] - previous, 1)
        previous = t["tension"]
        out.append(
            {
                "month": t["month"],
                "label": t["label"],
                "tension": t["tension"],
                "rung_name": t["rung_name"],
                "delta": delta,
                "happened": items[:ITEMS_PER_MONTH],
                "more": max(0, len(items) - ITEMS_PER_MONTH),
            }
        )
    return out


def _turning_points(data: dict[str, Any], months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The months that moved the game most: the largest change of tension plus the largest
    swings of the scores shown, at most :data:`TURNING_POINTS`, in calendar order."""
    series = data["series"]
    index = {m["month"]: i for i, m in enumerate(series["months"])}
    names = {a["id"]: a["name"] for a in data["actors"]}
    scored = []
    for m in months:
        i = index.get(m["month"])
        if i is None or i == 0 or m["delta"] is None:
            continue
        moves = sorted(
            (
                (round(s["values"][i] - s["values"][i - 1], 1), s["actor"])
                for s in series["scores"]
                if len(s["values"]) > i
            ),
            key=lambda x: -abs(x[0]),
        )
        weight = abs(m["delta"]) + sum(abs(d) for d, _ in moves) / 2
        if weight <= 0:
            continue
        scored.append(
            (
                weight,
                {
                    **m,
                    "from": round(m["tension"] - m["delta"], 1),
                    "moves": [
                        {"actor": a, "name": names.get(a, a), "delta": d} for d, a in moves[:3] if d
                    ],
                },
            )
        )
    top = sorted(scored, key=lambda x: -x[0])[:TURNING_POINTS]
    return sorted((p for _, p in top), key=lambda p: p["month"])


def _deals(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every agreement by name: its parties, when, and how it ended."""
    out = []
    for ag in data["deals"]["agreements"]:
        states = [c["state"] for c in ag["compliance"]]
        out.append(
            {
                "name": ag["name"],
                "parties": ag["parties"],
                "status": ag["status"],
                "kept": states.count("kept"),
                "checked": len(states),
                "unseen": states.count("breached unseen"),
            }
        )
    return out
