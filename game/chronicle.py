"""The month-by-month chronicle of a game, as plain text (deterministic)."""

from __future__ import annotations

from typing import Any

from game.engine.game import Game


def chronicle(game: Game, viewer: str = "spectator") -> str:
    """Signals, deals, sanctions moves, events, deadlines and final scores, month by month.

    ``viewer`` filters the news: ``spectator`` for the public chronicle, an actor id to
    include its intelligence, ``omniscient`` for everything.
    """
    rules = game.rules
    view = game.view_for(viewer)
    lines = [f"{rules.name} - seed {game.seed}", ""]
    news_by_month: dict[int, list[dict[str, Any]]] = {}
    for n in view["news"]:
        news_by_month.setdefault(n["month"], []).append(n)
    orders_by_month = {o["month"]: o["orders"] for o in view["orders"]}
    previous = {a: {lv.id: lv.default[a] for lv in rules.holder_levers[a]} for a in rules.actor_ids}
    for month in range(1, game.month + 1):
        if month not in news_by_month and month not in orders_by_month:
            continue
        snap = game.snapshots[month] if month < len(game.snapshots) else game.snapshots[-1]
        tension = snap[rules.tension_key]
        rung = rules.rung_of(tension)[1]
        lines.append(f"== {rules.months[month - 1]} == tension {int(tension)} ({rung})")
        for a, o in orders_by_month.get(month, {}).items():
            for lid, opt in o["levers"].items():
                if previous[a].get(lid) != opt:
                    lever = rules.lever_by_id[lid]
                    lines.append(
                        f"  policy  {rules.actors[a].name}: {lever.name} -> {lever.by_id[opt].name}"
                    )
                    previous[a][lid] = opt
        for ag in game.agreements:
            if ag["month"] == month and (
                viewer == "omniscient" or viewer in ag["parties"] or ag["summit"]
            ):
                who = ", ".join(rules.actors[p].name for p in ag["parties"])
                terms = "; ".join(
                    f"{rules.actors[c['actor']].name} {c['compare'].replace('_', ' ')} "
                    f"{rules.lever_by_id[c['lever']].by_id[c['option']].name} ({rules.lever_by_id[c['lever']].name}) for {c['months']} mo"
                    if "text" not in c
                    else c["text"]
                    for c in ag["commitments"]
                )
                extra = [x for x in ("summit", "talks", "inspections") if ag[x]]
                lines.append(
                    f"  deal    {who}: {terms or 'no commitments'}{' [' + ', '.join(extra) + ']' if extra else ''}"
                )
        for n in news_by_month.get(month, []):
            tag = "intel" if n["to"] else n["kind"]
            lines.append(f"  {tag:<7} {n['text']}")
        lines.append("")
    outcome = game.outcome()
    if outcome is not None:
        lines.append(
            "== Final scores ==" + ("  (WAR: every score capped)" if outcome["war"] else "")
        )
        par = outcome.get("par", {})
        for a, s in outcome["scores"].items():
            p = par.get(a)
            against = (
                f"   par {p['par']:.1f}: {p['scaled']:5.1f} on the par scale, {p['history']}"
                if p
                else ""
            )
            lines.append(f"  {rules.actors[a].name:<16} {s:6.2f}{against}")
        for d in rules.deadlines:
            state = outcome["deadlines"][d.id]
            lines.append(
                f"  deadline {d.name}: {'met' if state else 'missed' if state is False else 'not reached'}"
            )
    return "\n".join(lines) + "\n"
