"""Who a debrief is for: the whole archive, or what one seat (or an observer) could see.

By default a player's report holds what that player could see during the game, an
observer's what was public; the facilitator's holds everything, and the facilitator
may open the whole archive to everyone once the game is over (ICONS-style debriefs).
:func:`redact` cuts a debrief's data (:func:`game.report.data.debrief_data`) down to one
viewer, the way :func:`game.engine.view.view_for` cuts a game:

* messages, proposals and agreements only where the viewer was sender, addressee or
  party (and no ``counter_to`` pointing at someone else's proposal); a partner's breach
  only when it was observed;
* news only when public or addressed to the viewer;
* others' covert choices only when the viewer detected them;
* variables only where the viewer saw them exactly (public ones and its own); its own
  estimates of the rest, without the true values; its own scores month by month;
* counts of what it could not see (logged actions, proposals in the summary) dropped
  or recounted over what remains.

What the rules make public at the end stays: the final scores with their breakdowns
(secret objectives included), the outcome's counts of deals made and broken.

>>> audience("omniscient")["scope"], audience("us")["scope"], audience("spectator")["scope"]
('full', 'seat', 'observer')
"""

from __future__ import annotations

import copy
from typing import Any

from game.engine.view import OMNISCIENT, SPECTATOR
from game.report.replay import Replayed

SCOPES = {
    "full": "Every message, proposal and covert choice, private ones included.",
    "seat": "What {name} could see during the game: its own messages and deals, public news "
    "and its own intelligence. The facilitator can open the whole archive to everyone.",
    "observer": "What an observer could see: public messages, news and orders. The "
    "facilitator can open the whole archive to everyone.",
}


def audience(viewer: str, name: str = "", opened: bool = False) -> dict[str, Any]:
    """The ``audience`` entry of a debrief: ``{"viewer", "scope", "note", "opened"}``.

    ``scope`` is ``full`` (the facilitator's, or anyone's once the archive is opened),
    ``seat`` or ``observer``; ``note`` says it in a sentence for the page."""
    if viewer == OMNISCIENT or opened:
        scope = "full"
    elif viewer == SPECTATOR:
        scope = "observer"
    else:
        scope = "seat"
    note = SCOPES[scope].format(name=name or viewer)
    if opened and viewer != OMNISCIENT:
        note += " The facilitator opened the archive to everyone."
    return {"viewer": viewer, "scope": scope, "note": note, "opened": opened}


def _sees_exactly(run: Replayed, viewer: str, key: str) -> bool:
    vis = run.game.rules.visibility.get(key)
    if vis is None:
        return True  # derived series (pressure) are computed from public levels
    return vis[0] == "public" or vis[1] == viewer


def _sees_item(viewer: str, to: list[str], *senders: str) -> bool:
    return not to or viewer in to or viewer in senders


def redact(data: dict[str, Any], run: Replayed, viewer: str) -> dict[str, Any]:
    """A copy of debrief ``data`` holding only what ``viewer`` (an actor id or
    ``spectator``) could see; ``omniscient`` gets it whole."""
    if viewer == OMNISCIENT:
        return data
    out = copy.deepcopy(data)
    actor = viewer if viewer in run.game.rules.actors else None
    out["actions"] = None  # the log's length counts others' private actions

    # Messages, proposals, agreements.
    out["messages"] = [m for m in out["messages"] if _sees_item(viewer, m["to"], m["from"])]
    deals = out["deals"]
    mine = {p["id"] for p in deals["proposals"] if viewer in p["parties"]}
    deals["proposals"] = [p for p in deals["proposals"] if p["id"] in mine]
    for p in deals["proposals"]:
        if p["counter_to"] is not None and p["counter_to"] not in mine:
            p["counter_to"] = None
    deals["agreements"] = [a for a in deals["agreements"] if viewer in a["parties"]]
    for a in deals["agreements"]:
        a["breaches"] = [b for b in a["breaches"] if b["observed"] or b["actor"] == viewer]
        for c in a["compliance"]:
            if c["state"] == "breached unseen" and viewer not in c["breakers"]:
                c["state"], c["breakers"] = "kept", []
    deals["summary"] = {
        "proposals": len(deals["proposals"]),
        "agreements": len(deals["agreements"]),
        "broken": sum(1 for a in deals["agreements"] if a["status"] == "broken"),
        "breached_unseen": sum(
            1 for a in deals["agreements"] if any(not b["observed"] for b in a["breaches"])
        ),
    }
    agreements = {a["id"] for a in deals["agreements"]}

    # The month by month story: news, orders (covert ones only when seen), deals made.
    hidden: set[tuple[int, str, str]] = set()  # (month, actor, lever) the viewer missed
    for month in out["timeline"]:
        month["news"] = [n for n in month["news"] if _sees_item(viewer, n["to"])]
        month["agreements_made"] = [i for i in month["agreements_made"] if i in agreements]
        for orders in month["orders"]:
            kept = []
            for lever in orders["levers"]:
                if (
                    lever["hidden"]
                    and orders["actor"] != viewer
                    and viewer not in lever["detected_by"]
                ):
                    hidden.add((month["month"], orders["actor"], lever["lever"]))
                    continue
                if orders["actor"] != viewer:
                    lever["detected_by"] = [a for a in lever["detected_by"] if a == viewer]
                kept.append(lever)
            orders["levers"] = kept
    out["facilitator"] = [f for f in out["facilitator"] if f["type"] != "note"]
    for month in out["timeline"]:
        month["facilitator"] = [f for f in month["facilitator"] if f.get("type") != "note"]

    # Values: what the viewer saw exactly; its own estimates (without the truth).
    series = out["series"]
    series["variables"] = [v for v in series["variables"] if _sees_exactly(run, viewer, v["key"])]
    series["scores"] = [s for s in series["scores"] if s["actor"] == actor]
    shown = {v["key"] for v in series["variables"]} | {f"score.{actor}"}
    charts = []
    for chart in out["charts"]:
        chart["lines"] = [line for line in chart["lines"] if line.get("key") in shown]
        if chart["lines"]:
            charts.append(chart)
    out["charts"] = charts
    out["switches"] = [s for s in out["switches"] if s["key"] in shown]
    knowledge = [k for k in out["knowledge"] if k["actor"] == actor]
    for row in knowledge:
        for est in row["estimates"]:
            est.pop("true", None)
            est.pop("error", None)
    out["knowledge"] = knowledge

    # The comparison with history: the class's choices the viewer could see.
    history = out["history"]
    if history.get("available"):
        news_by_month = {m["month"]: m["news"] for m in out["timeline"]}
        totals: dict[str, dict[str, int]] = {}
        for month in history["months"]:
            month["class_news"] = [
                n["text"]
                for n in news_by_month.get(month["month"], [])
                if n["source"] == "chronicle"
            ]
            for row in month["actors"]:
                row["real_levers"] = [
                    lv
                    for lv in row["real_levers"]
                    if (month["month"], row["actor"], lv["lever"]) not in hidden
                ]
                t = totals.setdefault(row["actor"], {"same": 0, "of": 0})
                t["same"] += sum(1 for lv in row["real_levers"] if lv.get("match"))
                t["of"] += len(row["real_levers"])
        history["match"] = totals
    return out
