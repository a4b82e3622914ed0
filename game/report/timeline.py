"""The month-by-month timeline: news, facilitator actions, every actor's orders and signals.

It is the debrief, so nothing is hidden: covert choices are shown (with who detected
them), private intelligence is marked as such, and what the facilitator did (injects,
announcements, pauses, phase changes, the end) is marked as the facilitator's.
"""

from __future__ import annotations

from typing import Any

from game.engine.game import FACILITATOR
from game.report.labels import (
    actor_name,
    lever_name,
    month_label,
    news_text,
    option_name,
    signal_name,
)
from game.report.replay import Action, Replayed

FACILITATOR_NEWS = ("inject", "announcement")


def facilitator_actions(run: Replayed) -> list[dict[str, Any]]:
    """Every facilitator action in log order: ``{index, month, label, phase, type, by,
    text}``; ``by`` is "timer" for a phase the server's timer ended, else "facilitator"."""
    rules = run.game.rules
    out = []
    for step in run.steps:
        a = step.action
        if a.get("actor") != FACILITATOR:
            continue
        kind = str(a.get("type"))
        if kind == "inject" and a.get("event") is not None:
            ev = rules.injects.get(str(a["event"]))
            text = f"Inject: {ev.name} — {ev.news}" if ev is not None else f"Inject {a['event']}"
        elif kind == "inject":
            effects = a.get("effects") or {}
            shown = ", ".join(f"{k} {float(v):+g}" for k, v in effects.items())
            text = f"Inject: {a.get('news', '')}" + (f" (effects: {shown})" if shown else "")
        elif kind == "announce":
            text = f"Announcement: {a.get('text', '')}"
        else:
            text = _control_text(kind, step.phase, a)
        out.append(
            {
                "index": step.index,
                "month": step.month,
                "label": month_label(rules, step.month),
                "phase": step.phase,
                "type": kind,
                "by": "timer" if a.get("by") == "timer" else "facilitator",
                "text": text,
            }
        )
    return out


def _control_text(kind: str, phase: str, a: Action) -> str:
    """A facilitator control in words (unknown kinds by their type)."""
    if kind == "advance" and a.get("by") == "timer":
        return f"Time ran out: the {phase} phase ended"
    if kind == "advance":
        return (
            "Skipped to resolution" if a.get("to") == "resolution" else f"Ended the {phase} phase"
        )
    if kind == "extend":
        seconds = a.get("seconds")
        if isinstance(seconds, int | float):
            verb = "Extended" if seconds >= 0 else "Shortened"
            return f"{verb} the {phase} phase by {abs(seconds):g} s"
        return f"Changed the time of the {phase} phase"
    if kind == "seat":
        bot = a.get("bot")
        return (
            f"Handed {a.get('seat')} to the {bot} bot"
            if bot
            else f"Gave {a.get('seat')} back to people"
        )
    if kind == "lock":
        return "Locked the room" if a.get("locked", True) else "Opened the room again"
    if kind == "move":
        who = a.get("name") or f"player {a.get('player')}"
        return f"Moved {who} to {a.get('seat')}"
    fixed = {
        "pause": "Paused the game",
        "resume": "Resumed the game",
        "end": "Ended the game",
        "start": "Started the game",
    }
    return fixed.get(kind, kind)


def _named_deal(run: Replayed, n: dict[str, Any]) -> str:
    return news_text(run.game.rules, run.game.agreements, n)


def _news_item(run: Replayed, n: dict[str, Any], index: int) -> dict[str, Any]:
    rules = run.game.rules
    to = list(n.get("to") or [])
    if index in run.facilitator_news or n["kind"] in FACILITATOR_NEWS:
        source = "facilitator"
    elif to:
        source = "intel"
    else:
        source = "chronicle"
    return {
        "kind": n["kind"],
        "source": source,
        "text": _named_deal(run, n),
        "to": to,
        "to_names": [actor_name(rules, a) for a in to],
    }


def _orders(run: Replayed) -> dict[int, dict[str, Any]]:
    """Month -> complete orders of every actor (covert ones included)."""
    out: dict[int, dict[str, Any]] = {}
    for r in run.game.revealed:
        orders: dict[str, dict[str, Any]] = {
            a: {"levers": dict(o["levers"]), "signals": list(o["signals"])}
            for a, o in r["orders"].items()
        }
        covert: dict[tuple[str, str], list[str]] = {}
        for c in r["covert"]:
            orders[c["actor"]]["levers"][c["lever"]] = c["option"]
            covert[(c["actor"], c["lever"])] = list(c["detected_by"])
        out[r["month"]] = {"orders": orders, "covert": covert}
    return out


def timeline(run: Replayed) -> list[dict[str, Any]]:
    """One entry per month played, oldest first (see the module docstring)."""
    game = run.game
    rules = game.rules
    news = game.news
    orders = _orders(run)
    fac = facilitator_actions(run)
    previous = {a: {lv.id: lv.default[a] for lv in rules.holder_levers[a]} for a in rules.actor_ids}
    rows = {m.month: m for m in run.months}
    out = []
    for month in range(1, game.month + 1):
        row = rows.get(month)
        if row is None:
            continue
        month_orders = orders.get(month, {"orders": {}, "covert": {}})
        actors = []
        for a in rules.actor_ids:
            o = month_orders["orders"].get(a)
            if o is None:
                continue
            levers = []
            for lid, opt in o["levers"].items():
                detected = month_orders["covert"].get((a, lid))
                levers.append(
                    {
                        "lever": lid,
                        "lever_name": lever_name(rules, lid),
                        "option": opt,
                        "option_name": option_name(rules, lid, opt),
                        "changed": previous[a].get(lid) != opt,
                        "hidden": detected is not None,
                        "detected_by": detected or [],
                    }
                )
                previous[a][lid] = opt
            signals = [
                {
                    "signal": s["signal"],
                    "name": signal_name(rules, s["signal"]),
                    "target": s["target"],
                    "target_name": actor_name(rules, s["target"]),
                }
                for s in o["signals"]
            ]
            actors.append(
                {"actor": a, "name": actor_name(rules, a), "levers": levers, "signals": signals}
            )
        value = row.values[rules.tension_key]
        rung_id, rung_name = rules.rung_of(value)
        out.append(
            {
                "month": month,
                "label": row.label,
                "partial": row.partial,
                "tension": round(value, 2),
                "rung": rung_id,
                "rung_name": rung_name,
                "news": [_news_item(run, n, i) for i, n in enumerate(news) if n["month"] == month],
                "facilitator": [f for f in fac if f["month"] == month],
                "orders": actors,
                "agreements_made": [ag["id"] for ag in game.agreements if ag["month"] == month],
            }
        )
    return out
