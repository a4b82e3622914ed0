"""Printable HTML pages the client writes from what its view contains (no pygame, no rules).

:func:`briefing_page` is a team's briefing (public and secret, objectives, the other
teams' public briefings) — or, for the facilitator, every team's. :func:`debrief_page`
is a plain debrief of a finished game from the viewer's own view (scores, the
month-by-month news, agreements, the messages it could read): what the client saves
when the server cannot send its full report. Both are self-contained HTML with print
styles, no scripts, no external files.
"""

from __future__ import annotations

import html
from typing import Any

STYLE = """
body { font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; max-width: 46em;
       margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em;
     border-bottom: 1px solid #999; } h3 { font-size: 1.05em; margin-bottom: 0.2em; }
.secret { border: 2px solid #D55E00; padding: 0.6em 1em; }
.secret h2 { border: none; margin-top: 0.2em; color: #D55E00; }
.muted { color: #555; } table { border-collapse: collapse; }
td, th { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; }
@media print { body { margin: 0; max-width: none; } .team { page-break-before: always; } }
"""


def esc(text: Any) -> str:
    """Text made safe for HTML."""
    return html.escape(str(text))


def _doc(title: str, body: list[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _paras(text: str) -> str:
    return "".join(f"<p>{esc(p.strip())}</p>" for p in str(text).split("\n\n") if p.strip())


def _name(info: dict[str, Any], actor: str) -> str:
    for a in info.get("actors", []):
        if a["id"] == actor:
            return str(a["name"])
    return actor


def objectives_html(info: dict[str, Any], actor: str, secret_ids: list[str]) -> str:
    """An actor's objectives (and the secret ones it was dealt) as HTML lists."""
    out = []
    public = info.get("objectives", {}).get(actor, [])
    if public:
        out.append("<h3>Objectives (everyone knows them)</h3><ul>")
        out += [
            f"<li><b>{esc(o['name'])}</b> — {esc(o['explain'])} "
            f"<span class='muted'>(weight {o['weight']:g})</span></li>"
            for o in public
        ]
        out.append("</ul>")
    pool = info.get("secret_objectives", {}).get(actor, {})
    if secret_ids:
        out.append("<h3>Secret objectives (your team only)</h3><ul>")
        for sid in secret_ids:
            o = pool.get(sid, {"name": sid.replace("_", " ").capitalize(), "explain": ""})
            weight = (
                f" <span class='muted'>(weight {o['weight']:g})</span>" if "weight" in o else ""
            )
            out.append(f"<li><b>{esc(o['name'])}</b> — {esc(o['explain'])}{weight}</li>")
        out.append("</ul>")
    return "".join(out)


def briefing_parts(
    view: dict[str, Any], info: dict[str, Any], actor: str | None
) -> list[tuple[str, str, str]]:
    """The briefing as (kind, heading, text) sections: kind is public, secret or other.

    For a player ``actor`` is its seat; for the facilitator (``None``) every team's
    public and secret briefing, as the facilitator's view holds them.
    """
    briefings: dict[str, str] = view.get("briefings", {})
    secrets: dict[str, str] = view.get("secret_briefings", {})
    ids = [a["id"] for a in info.get("actors", [])] or list(briefings)
    parts: list[tuple[str, str, str]] = []
    if actor is not None:
        parts.append(("public", "What everyone knows about you", briefings.get(actor, "")))
        if view.get("secret_briefing"):
            parts.append(("secret", "For your team only", view["secret_briefing"]))
        for a in ids:
            if a != actor and briefings.get(a):
                parts.append(("other", _name(info, a), briefings[a]))
    else:
        for a in ids:
            parts.append(("public", f"{_name(info, a)} — public", briefings.get(a, "")))
            if secrets.get(a):
                parts.append(("secret", f"{_name(info, a)} — secret", secrets[a]))
    return parts


def briefing_page(view: dict[str, Any], info: dict[str, Any], actor: str | None) -> str:
    """A printable briefing page for ``actor`` (every team's for the facilitator)."""
    scenario = info.get("name") or view.get("scenario", "Six-Party")
    who = _name(info, actor) if actor else "Facilitator"
    body = [f"<h1>{esc(scenario)}: briefing — {esc(who)}</h1>"]
    if info.get("summary"):
        body.append(f"<p class='muted'>{esc(info['summary'])}</p>")
    months = view.get("months", [])
    if months:
        body.append(
            f"<p class='muted'>{len(months)} months, {esc(months[0])} to {esc(months[-1])}.</p>"
        )
    others_started = False
    for kind, heading, text in briefing_parts(view, info, actor):
        if kind == "other" and not others_started:
            body.append("<h2 class='team'>The other teams (public briefings)</h2>")
            others_started = True
        if kind == "secret":
            body.append(f"<div class='secret'><h2>{esc(heading)}</h2>{_paras(text)}")
            if actor is not None:
                body.append(objectives_html(info, actor, list(view.get("secret_objectives", []))))
            body.append("</div>")
        elif kind == "other":
            body.append(f"<h3>{esc(heading)}</h3>{_paras(text)}")
        else:
            body.append(f"<h2>{esc(heading)}</h2>{_paras(text)}")
    deadlines = info.get("deadlines", [])
    if deadlines:
        body.append("<h2>Deadlines</h2><ul>")
        body += [
            f"<li><b>{esc(d['name'])}</b>"
            + (f" ({esc(d['date'])})" if d.get("date") else "")
            + (f" — {esc(d['explain'])}" if d.get("explain") else "")
            + "</li>"
            for d in deadlines
        ]
        body.append("</ul>")
    return _doc(f"Briefing — {who}", body)


def debrief_page(view: dict[str, Any], info: dict[str, Any], actor: str | None) -> str:
    """A plain debrief of a finished game from the viewer's view (no server report)."""
    scenario = info.get("name") or view.get("scenario", "Six-Party")
    months = view.get("months", [])
    out = view.get("outcome") or {}
    body = [f"<h1>Debrief — {esc(scenario)}</h1>"]
    if actor:
        body.append(f"<p class='muted'>As seen by {esc(_name(info, actor))}.</p>")
    scores = out.get("scores", {})
    if scores:
        body.append(
            "<h2>Final scores</h2><table><tr><th>Country</th><th>Score</th><th>Objectives</th></tr>"
        )
        for a in sorted(scores, key=lambda x: -scores[x]):
            objs = ", ".join(
                f"{esc(o['name'])} {float(o.get('points', 0)):.0f}"
                for o in out.get("breakdown", {}).get(a, [])
            )
            body.append(
                f"<tr><td>{esc(_name(info, a))}</td><td>{scores[a]:.1f}</td><td>{objs}</td></tr>"
            )
        body.append("</table>")
    history = view.get("history", [])
    tkey = (info.get("tension") or {}).get("key", "tension")
    body.append("<h2>Month by month</h2>")
    by_month: dict[int, list[dict[str, Any]]] = {}
    for n in view.get("news", []):
        by_month.setdefault(int(n.get("month", 0)), []).append(n)
    for i, label in enumerate(months, start=1):
        t = history[i].get(tkey) if i < len(history) else None
        tension = f" — tension {t:.0f}" if isinstance(t, int | float) else ""
        body.append(f"<h3>{esc(label)}{tension}</h3><ul>")
        body += [
            f"<li>{'<b>[private]</b> ' if n.get('to') else ''}{esc(n['text'])}</li>"
            for n in by_month.get(i, [])
        ]
        body.append("</ul>")
    agreements = view.get("agreements", [])
    if agreements:
        body.append("<h2>Agreements</h2><ul>")
        for ag in agreements:
            parties = ", ".join(_name(info, a) for a in ag.get("parties", []))
            broken = "; broken" if ag.get("breaches") else ""
            body.append(
                f"<li>#{ag['id']} {esc(parties)}: {esc(ag.get('text') or '')} "
                f"({esc(ag.get('status', ''))}{broken})</li>"
            )
        body.append("</ul>")
    messages = view.get("messages", [])
    if messages:
        body.append(
            "<h2>Messages</h2><table><tr><th>Month</th><th>From</th><th>To</th><th>Text</th></tr>"
        )
        for msg in messages:
            to = ", ".join(_name(info, a) for a in msg.get("to", [])) or "everyone"
            month = months[msg["month"] - 1] if 0 < msg.get("month", 0) <= len(months) else ""
            body.append(
                f"<tr><td>{esc(month)}</td><td>{esc(_name(info, msg['from']))}</td>"
                f"<td>{esc(to)}</td><td>{esc(msg['text'])}</td></tr>"
            )
        body.append("</table>")
    return _doc(f"Debrief — {scenario}", body)
