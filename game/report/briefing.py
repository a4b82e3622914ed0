"""Printable briefing pages: for each team its public and secret briefing, its objectives
and the secret objectives it may be dealt (with weights), its levers and signals, the
deadlines and the calendar. One team per printed page; a teacher prints the pack and
cuts it per team. The page's structure is the template ``templates/briefing.html``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from game.errors import SixPartyError
from game.report.render import environment
from game.report.style import CSS
from game.scenario.compile import Rules
from game.scenario.loader import suggest


def calendar(rules: Rules) -> list[dict[str, Any]]:
    """Each month with the deadlines judged in it and the public events certain to happen
    (scheduled for the month, no condition, no chance, not private intelligence)."""
    out = []
    for i, label in enumerate(rules.months, start=1):
        events = [
            ev.name
            for ev in rules.model.events
            if ev.month == i
            and ev.when is True
            and not isinstance(ev.chance, str)
            and float(ev.chance) >= 1
            and not ev.intel_for
        ]
        deadlines = [
            f"{d.name} ({d.date})" if d.date else d.name for d in rules.deadlines if d.month == i
        ]
        out.append({"month": i, "label": label, "events": events, "deadlines": deadlines})
    return out


def shares(weights: list[float]) -> list[int]:
    """Whole-percent shares of ``weights`` that add up to exactly 100 (largest remainder:
    rounding each on its own gave 99%).

    >>> shares([3, 3, 2, 1, 1, 1, 2])
    [23, 23, 15, 8, 8, 8, 15]
    >>> sum(shares([1, 1, 1]))
    100
    """
    total = sum(weights)
    if total <= 0:
        return [0 for _ in weights]
    exact = [100.0 * w / total for w in weights]
    out = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: 100 - sum(out)]:
        out[i] += 1
    return out


def _levers(rules: Rules, actor: str) -> list[dict[str, Any]]:
    """The levers a team holds; the sanctions sectors (same options) as one entry."""
    items: list[dict[str, Any]] = []
    sectors = []
    for lv in rules.holder_levers[actor]:
        start = lv.by_id[lv.default[actor]].name
        if lv.sector is not None:
            name = next((s.name for s in rules.sectors if s.id == lv.sector), lv.sector)
            sectors.append((name, start, lv))
            continue
        items.append({"name": lv.name, "options": [o.name for o in lv.options], "now": start})
    if sectors:
        starts = {start for _, start, _ in sectors}
        if len(starts) == 1:
            now = f"{starts.pop()} in every sector"
        else:
            now = "; ".join(f"{name}: {start}" for name, start, _ in sectors)
        items.append(
            {
                "name": "Sanctions enforcement, per sector",
                "options": [o.name for o in sectors[0][2].options],
                "now": now,
            }
        )
    return items


def _team(rules: Rules, actor: str) -> dict[str, Any]:
    """One team's page as values for the template; objective shares add up to 100%,
    counting the secret objective the team is dealt."""
    a = rules.actors[actor]
    model = rules.model
    public = model.objectives.get(actor, [])
    secret = model.secret_objectives.get(actor, [])
    dealt = min(rules.secret_dealt, len(secret))
    top = max((o.weight for o in public), default=0)
    secret_weights = sorted((o.weight for o in secret), reverse=True)
    secret_weight = sum(secret_weights[:dealt])
    weights = [o.weight for o in public] + ([secret_weight] if dealt else [])
    share = shares(weights)
    public_total = sum(o.weight for o in public)
    return {
        "id": actor,
        "name": a.name,
        "colour": a.colour,
        "others": [rules.actors[b].name for b in rules.actor_ids if b != actor],
        "public": a.briefing.public,
        "secret": a.briefing.secret,
        "objectives": [
            {
                "name": o.name,
                "explain": o.explain,
                "weight": o.weight,
                "share": share[i],
                "red_line": o.weight == top and top > 1,
            }
            for i, o in enumerate(public)
        ],
        "secret_row": {"weight": secret_weight, "share": share[-1]} if dealt else None,
        "uneven": len(set(secret_weights)) > 1,
        "total_weight": sum(weights),
        "total_share": sum(share),
        "dealt": dealt,
        "secrets": [
            {
                "name": o.name,
                "explain": o.explain,
                "weight": o.weight,
                "share": shares([public_total, o.weight])[1],
            }
            for o in secret
        ]
        if dealt
        else [],
        "levers": _levers(rules, actor),
        "signals": [s.name for s in rules.actor_signals[actor]],
    }


def briefing_html(rules: Rules, actor: str | None = None) -> str:
    """The printable briefing pages: one team (``actor``) or every team (``None``).

    Raises :class:`~game.errors.SixPartyError` for an actor the scenario does not have.
    """
    if actor is not None and actor not in rules.actors:
        known = ", ".join(rules.actor_ids)
        raise SixPartyError(
            f"unknown country '{actor}'{suggest(actor, list(rules.actor_ids))}; known: {known}"
        )
    actors = [actor] if actor is not None else list(rules.actor_ids)
    title = f"{rules.name}: briefing" + (f" for {rules.actors[actor].name}" if actor else "s")
    deadlines = [
        {"name": d.name, "date": d.date or rules.months[d.month - 1], "explain": d.explain}
        for d in rules.deadlines
    ]
    page = (
        environment()
        .get_template("briefing.html")
        .render(
            title=title,
            css=Markup(CSS),
            scenario=rules.model.name,
            months=list(rules.months),
            teams=[_team(rules, a) for a in actors],
            calendar=calendar(rules),
            deadlines=deadlines,
        )
    )
    return page + "\n"
