"""Printable briefing pages: for each team its public and secret briefing, its objectives
and the secret objectives it may be dealt (with weights), its levers and signals, the
deadlines and the calendar. One team per printed page; a teacher prints the pack and
cuts it per team.
"""

from __future__ import annotations

from html import escape
from typing import Any

from game.errors import SixPartyError
from game.report.style import CSS
from game.scenario.compile import Rules
from game.scenario.loader import suggest


def _e(x: Any) -> str:
    return escape(str(x))


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


def _objectives_table(items: list[Any], total: float, mark_top: bool = True) -> str:
    top = max((o.weight for o in items), default=0)
    rows = "".join(
        f"<tr><td><strong>{_e(o.name)}</strong>"
        + (
            ' <span class="tag broken">red line</span>'
            if mark_top and o.weight == top and top > 1
            else ""
        )
        + f" — <span class='muted explain'>{_e(o.explain)}</span></td>"
        f"<td class='num'>{o.weight:g}</td>"
        f"<td class='num'>{100 * o.weight / total:.0f}%</td></tr>"
        for o in items
    )
    return (
        "<table><tr><th>Objective</th><th class='num'>Weight</th>"
        f"<th class='num'>Share</th></tr>{rows}</table>"
    )


def _levers(rules: Rules, actor: str) -> str:
    """The levers a team holds; the sanctions sectors (same options) on one line."""
    items = []
    sectors = []
    for lv in rules.holder_levers[actor]:
        start = lv.by_id[lv.default[actor]].name
        if lv.sector is not None:
            name = next((s.name for s in rules.sectors if s.id == lv.sector), lv.sector)
            sectors.append((name, start, lv))
            continue
        items.append(
            f"<li><strong>{_e(lv.name)}</strong>: "
            + " · ".join(_e(o.name) for o in lv.options)
            + f" <span class='muted'>(now: {_e(start)})</span></li>"
        )
    if sectors:
        levels = " · ".join(_e(o.name) for o in sectors[0][2].options)
        starts = {start for _, start, _ in sectors}
        if len(starts) == 1:
            now = f"{_e(starts.pop())} in every sector"
        else:
            now = "; ".join(f"{_e(name)}: {_e(start)}" for name, start, _ in sectors)
        items.append(
            f"<li><strong>Sanctions enforcement</strong>, per sector: {levels} "
            f"<span class='muted'>(now: {now})</span></li>"
        )
    return "".join(items)


def _team_page(rules: Rules, actor: str, months: list[dict[str, Any]]) -> str:
    a = rules.actors[actor]
    model = rules.model
    public = model.objectives.get(actor, [])
    secret = model.secret_objectives.get(actor, [])
    dealt = min(rules.secret_dealt, len(secret))
    total = sum(o.weight for o in public) or 1.0
    levers = _levers(rules, actor)
    signals = ", ".join(_e(s.name) for s in rules.actor_signals[actor])
    deadlines = "".join(
        f"<li><strong>{_e(d.name)}</strong> ({_e(d.date or rules.months[d.month - 1])}): "
        f"{_e(d.explain)}</li>"
        for d in rules.deadlines
    )
    cal = "".join(
        f"<li><strong>{_e(m['label'])}</strong>: "
        + "; ".join(
            [
                *(f"<strong>Deadline: {_e(x)}</strong>" for x in m["deadlines"]),
                *map(_e, m["events"]),
            ]
        )
        + "</li>"
        for m in months
        if m["deadlines"] or m["events"]
    )
    if secret and dealt:
        secret_html = (
            f"<p>You are dealt <strong>{dealt}</strong> of these {len(secret)} at the start "
            "(your screen shows which); it counts toward your score like the others.</p>"
            + _objectives_table(secret, total + max(o.weight for o in secret), mark_top=False)
        )
    else:
        secret_html = "<p>None.</p>"
    others = ", ".join(_e(rules.actors[b].name) for b in rules.actor_ids if b != actor)
    signal_html = f"<p><strong>Signals you can send:</strong> {signals}.</p>" if signals else ""
    return (
        f'<section class="page team" id="team-{_e(actor)}" style="--team:{_e(a.colour)}">'
        f'<h1 class="team-head"><span class="chip" style="background:{_e(a.colour)}"></span>'
        f"{_e(a.name)}</h1>"
        f'<p class="lede">{_e(model.name)} · your team\'s briefing · '
        f"{len(rules.months)} months: {_e(rules.months[0])} to {_e(rules.months[-1])} · "
        f"the other teams: {others}</p>"
        f"<h3>What everyone knows about you</h3><blockquote>{_e(a.briefing.public)}</blockquote>"
        f'<h3><span class="tag secret">secret</span> For your team only</h3>'
        f'<blockquote class="secret">{_e(a.briefing.secret)}</blockquote>'
        f"<h3>Your objectives</h3>{_objectives_table(public, total)}"
        f'<h3><span class="tag secret">secret</span> Secret objectives</h3>{secret_html}'
        "<div class='cols small'><div>"
        f"<h3>What you control</h3><ul>{levers}</ul>{signal_html}"
        f"</div><div><h3>Calendar</h3><ul>{cal or '<li>No fixed dates.</li>'}</ul>"
        + (f"<h3>Deadlines</h3><ul>{deadlines}</ul>" if deadlines else "")
        + "</div></div></section>"
    )


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
    months = calendar(rules)
    pages = "".join(_team_page(rules, a, months) for a in actors)
    title = f"{rules.name}: briefing" + (f" for {rules.actors[actor].name}" if actor else "s")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>"
        f"<body><main>{pages}</main></body></html>\n"
    )
