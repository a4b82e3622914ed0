"""What happened to you last month, told at the start of the next one; announcements.

:func:`summarise` reads two views of one seat (the first of last month, when the client
saw it, and the first of this month) and says in words what became of your proposals
(accepted, rejected, expired, withdrawn, countered), your deals (made, kept, broken),
what you detected, what the others did that you can see, the news, and how your score
moved objective by objective (each one's points, its share of your score, and why: the
values it reads that moved, the signals and orders it counts, your deals; the objectives
that rest on what you cannot see exactly, together). It holds no rules: everything comes from
the seat's view and the scenario's public description (:class:`ClientModel`).

:class:`Interrupts` watches the model each frame and opens a dialog (a pygame_gui
message window) with that summary when a new month starts, and one for every facilitator
announcement as it arrives, so neither hides behind a badge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from game.client.model import ClientModel

if TYPE_CHECKING:
    import pygame_gui

FATES = {
    "accepted": "accepted by every party: it is now a deal",
    "rejected": "rejected",
    "expired": "expired at the month's end without every party's yes",
    "withdrawn": "withdrawn",
    "countered": "answered with a counter-proposal",
}
"""A closed proposal's status in words."""


@dataclass
class MonthSummary:
    """The summary of one resolved month for one seat: a title and sections of lines."""

    title: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def text(self) -> str:
        """The summary as plain text (a heading, then its lines)."""
        out = [self.title]
        for head, lines in self.sections:
            out.append(head)
            out += [f"- {line}" for line in lines]
        return "\n".join(out)

    def html(self) -> str:
        """The summary as the HTML subset pygame_gui's text boxes draw."""
        parts = []
        for head, lines in self.sections:
            parts.append(f"<font color='#E69F00'><b>{escape(head, quote=False)}</b></font>")
            parts += [f"• {escape(line, quote=False)}" for line in lines]
        return "<br>".join(parts)


def _label(m: ClientModel, view: dict[str, Any], month: int) -> str:
    months = view.get("months") or m.info.get("months") or []
    return str(months[month - 1]) if 0 < month <= len(months) else f"month {month}"


def _proposal_lines(
    m: ClientModel, before: dict[str, Any] | None, view: dict[str, Any], you: str, last: int
) -> list[str]:
    was_open = set()
    known = set()
    if before is not None:
        for p in before.get("proposals", []):
            known.add(p["id"])
            if p["status"] == "open":
                was_open.add(p["id"])
    out = []
    for p in view.get("proposals", []):
        status = p["status"]
        if status == "open":
            continue
        fresh = p["id"] not in known and int(p["month"]) >= last
        if not (p["id"] in was_open or fresh):
            continue
        mine = p["proposer"] == you
        whose = "Your proposal" if mine else f"{m.name(p['proposer'])}'s proposal"
        with_ = [m.name(a) for a in p["parties"] if a != p["proposer"]]
        what = whose + (f" to {', '.join(with_)}" if with_ else "")
        fate = FATES.get(status, status)
        if status == "rejected":
            no = [m.name(a) for a, r in p.get("responses", {}).items() if r == "reject"]
            fate += f" by {', '.join(no)}" if no else ""
        elif status == "expired":
            silent = [
                m.name(a) for a in p["parties"] if a != p["proposer"] and a not in p["responses"]
            ]
            if silent:
                fate += f" (no answer from {', '.join(silent)})"
        terms = m.proposal_lines(p)[0]
        out.append(f"{what} ({terms}): {fate}.")
    return out


def _deal_lines(m: ClientModel, view: dict[str, Any], you: str, last: int) -> list[str]:
    out = []
    for a in view.get("agreements", []):
        others = ", ".join(m.name(x) for x in a["parties"] if x != you)
        name = f"Your deal with {others}" + (f" (“{a['text']}”)" if a.get("text") else "")
        if int(a["month"]) == last:
            out.append(f"{name} was made.")
        for b in a.get("breaches", []):
            if int(b.get("month", 0)) != last:
                continue
            who = "You" if b["actor"] == you else m.name(b["actor"])
            seen = "" if b.get("observed", True) else " (nobody saw it)"
            out.append(f"{name}: {who} broke a commitment{seen}.")
        if last in a.get("kept_months", []):
            out.append(f"{name}: every party kept its commitments.")
        if a["status"] == "expired" and int(a.get("end", 0)) == last:
            out.append(f"{name} ran its course and ended.")
    return out


def _detection_lines(m: ClientModel, view: dict[str, Any], you: str, last: int) -> list[str]:
    out = []
    for d in view.get("detections", []):
        if int(d.get("month", 0)) != last or d.get("actor") == you:
            continue
        lever = m.lever(d["lever"])["name"]
        option = m.option_name(d["lever"], d["option"])
        out.append(f"You detected {m.name(d['actor'])}'s covert order: {lever} = {option}.")
    return out


def _orders_lines(m: ClientModel, view: dict[str, Any], you: str, last: int) -> list[str]:
    rows = [r for r in view.get("orders", []) if int(r.get("month", 0)) <= last]
    if not rows or int(rows[-1]["month"]) != last:
        return []
    now = rows[-1]["orders"]
    then = rows[-2]["orders"] if len(rows) > 1 else {}
    signals = m.info.get("signals", {})
    out = []
    for actor in m.actor_ids:
        if actor == you or actor not in now:
            continue
        acts = []
        for s in now[actor].get("signals", []):
            name = signals.get(s["signal"], {}).get("name", s["signal"])
            target = f" at {m.name(s['target'])}" if s.get("target") else ""
            acts.append(f"{name}{target}")
        before = then.get(actor, {}).get("levers", {})
        for lever_id, option in now[actor].get("levers", {}).items():
            if before and before.get(lever_id) != option:
                acts.append(f"{m.lever(lever_id)['name']}: now {m.option_name(lever_id, option)}")
        if acts:
            out.append(f"{m.name(actor)}: {'; '.join(acts)}.")
    return out


def _number(value: Any) -> float | None:
    if isinstance(value, dict):
        return (float(value["low"]) + float(value["high"])) / 2
    return float(value) if isinstance(value, int | float) else None


def apportion(values: list[float], total: int) -> list[int]:
    """Whole numbers near ``values`` that add up to ``total`` (largest remainder): each
    value rounded down, then one more to those with the largest fractions.

    >>> apportion([33.4, 33.3, 33.3], 100)
    [34, 33, 33]
    >>> apportion([2.6, -1.3, 0.4], 2)
    [3, -1, 0]
    >>> apportion([-2.6, -0.7], -3)
    [-2, -1]
    """
    base = [math.floor(v) for v in values]
    extra = total - sum(base)
    order = sorted(range(len(values)), key=lambda i: base[i] - values[i])
    if extra >= 0:
        for i in order[:extra]:  # the largest fractions first
            base[i] += 1
    else:
        for i in order[extra:]:  # the smallest fractions, when ``total`` asks for less
            base[i] -= 1
    return base


def _lower_first(text: str) -> str:
    """'Short-range missile test' -> 'short-range missile test'; 'ICBM test' unchanged."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _signed(n: int) -> str:
    """``+4``, ``−2`` (a real minus sign), ``0``."""
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "0"


def _key_name(m: ClientModel, key: str) -> str:
    """A variable's name for a sentence: 'Trust: South Korea in United States'."""
    name = m.var_name(key)
    parts = key.split(".")
    if len(parts) == 3 and name.endswith(f"({parts[1]}.{parts[2]})"):
        base = name[: -len(f" ({parts[1]}.{parts[2]})")]
        return f"{base}: {m.name(parts[1])} in {m.name(parts[2])}"
    return name


def _value_reason(m: ClientModel, key: str, old: Any, new: Any) -> str | None:
    """How a visible value moved, in words ('Testing moratorium lapsed', 'Tension down to
    30', 'Sanctions pressure up (about 45–60)'); None when it did not move."""
    name = _key_name(m, key)
    if key in m.info.get("display", {}):
        was, now = m.value_text(key, old), m.value_text(key, new)
        return None if was == now else f"{name} {now}"
    a, b = _number(old), _number(new)
    if a is None or b is None or abs(b - a) < 0.5:
        return None
    way = "up" if b > a else "down"
    if isinstance(new, dict):
        return f"{name} {way} (about {m.value_text(key, new)})"
    return f"{name} {way} to {m.value_text(key, new)}"


def _order_rows(view: dict[str, Any], last: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The orders of month ``last`` and of the month before it, as the view shows them."""
    rows = {int(r.get("month", 0)): r["orders"] for r in view.get("orders", [])}
    return rows.get(last, {}), rows.get(last - 1, {})


DEAL_NAMES = ("deal", "deals", "summits", "summits_failed", "talks")
"""First parts of the names an objective reads that count deals, summits and talks."""


def _deal_reasons(m: ClientModel, view: dict[str, Any], you: str, last: int) -> list[str]:
    """Your deals made, broken or ended in month ``last``, in a few words each."""
    out = []
    for a in view.get("agreements", []):
        others = " and ".join(m.name(x) for x in a["parties"] if x != you)
        if int(a["month"]) == last:
            what = "summit" if a.get("summit") else "talks" if a.get("talks") else "deal"
            out.append(f"your {what} with {others} agreed")
        elif any(int(b.get("month", 0)) == last for b in a.get("breaches", [])):
            out.append(f"your deal with {others} broken")
        elif a["status"] == "expired" and int(a.get("end", 0)) == last:
            out.append(f"your deal with {others} ended")
    return out


def _reasons(
    m: ClientModel,
    row: dict[str, Any],
    then: dict[str, Any],
    view: dict[str, Any],
    you: str,
    last: int,
) -> list[str]:
    """Why an objective's points moved, from what the seat's view shows: the visible
    values its score reads that moved, the signals and orders it counts, your deals."""
    now_values = view.get("variables", {})
    orders, before = _order_rows(view, last)
    signals = m.info.get("signals", {})
    out: list[str] = []
    deals = False
    for name in row.get("reads", []):
        parts = name.split(".")
        if name in now_values and name in then and m.shown(name):
            why = _value_reason(m, name, then[name], now_values[name])
        elif parts[0] == "count" and len(parts) == 3:
            sent = orders.get(parts[1], {}).get("signals", [])
            hit = any(x.get("signal") == parts[2] for x in sent)
            sig = signals.get(parts[2], {}).get("name", parts[2])
            who = "your" if parts[1] == you else f"{m.name(parts[1])}'s"
            why = f"{who} {_lower_first(sig)}" if hit else None
        elif parts[0] == "chose" and len(parts) == 4:
            _, actor, lever, option = parts
            now = orders.get(actor, {}).get("levers", {}).get(lever)
            was = before.get(actor, {}).get("levers", {}).get(lever)
            who = "you" if actor == you else m.name(actor)
            opt = m.option_name(lever, option)
            lname = m.lever(lever)["name"]
            if now == option and was != option:
                why = f"{who} chose “{opt}” ({lname})"
            elif was == option and now is not None and now != option:
                why = f"{who} dropped “{opt}” ({lname})"
            else:
                why = None
        else:
            deals = deals or parts[0] in DEAL_NAMES
            why = None
        if why and why not in out:
            out.append(why)
    if deals:
        out += [d for d in _deal_reasons(m, view, you, last) if d not in out]
    return out[:3]


UNSEEN = "objectives that rest on what you can't see exactly"
"""How the summary names the objectives the view gives no points of their own (see
``score_breakdown`` in docs/protocol.md): their points are told together."""


def breakdown_rows(view: dict[str, Any] | None) -> tuple[list[dict[str, Any]], float | None]:
    """The seat's objectives and the points of those it cannot see exactly, together
    (``score_breakdown``'s ``objectives`` and ``unseen_points``)."""
    b = (view or {}).get("score_breakdown") or {}
    return list(b.get("objectives") or []), b.get("unseen_points")


def _score_lines(
    m: ClientModel, before: dict[str, Any] | None, view: dict[str, Any], you: str, last: int
) -> list[str]:
    """Your score and how it moved, objective by objective: each objective that moved
    (its points, its share of your score, and why), the others as steady; the points add
    up to the change of the score and the shares to 100%. Objectives that read what the
    seat sees only as an estimate, or not at all, have no points of their own in the
    view: they are told together, as one line."""
    score = float((view.get("scores") or {})[you])
    rows, unseen = breakdown_rows(view)
    was_score = (before or {}).get("scores", {}).get(you)
    line = f"Your score: {score:.0f}"
    change = None if was_score is None else round(score - float(was_score))
    if change is not None:
        line += f" ({_signed(change)} over the month)"
    lines = [line + "."]
    if not rows:
        return lines
    shares = apportion([100 * r["weight"] / sum(x["weight"] for x in rows) for r in rows], 100)
    labels = [
        f"{r['name']} ({'secret, ' if r.get('secret') else ''}{share}%"
        for r, share in zip(rows, shares, strict=True)
    ]  # closed with ' of your score)' where the line is about that objective
    exact = [i for i, r in enumerate(rows) if "points" in r]
    hidden = [i for i, r in enumerate(rows) if "points" not in r]
    together = ", ".join(labels[i] + ")" for i in hidden)
    was_rows, was_unseen = breakdown_rows(before)
    same = [(r["name"], r.get("secret"), "points" in r) for r in was_rows] == [
        (r["name"], r.get("secret"), "points" in r) for r in rows
    ]
    if change is None or was_score is None or not same:
        points: list[float] = [float(rows[i]["points"]) for i in exact]
        if hidden:
            points.append(float(unseen or 0.0))
        if abs(sum(points) - score) < 0.05:  # (a war's cap aside) points that add up
            points = [float(p) for p in apportion(points, round(score))]
        parts = [f"{labels[i]}): {p:.0f}" for i, p in zip(exact, points, strict=False)]
        if hidden:
            parts.append(f"{UNSEEN} ({together}): {points[-1]:.0f} together")
        lines.append("Where it comes from: " + "; ".join(parts) + ".")
        return lines
    moves = [rows[i]["points"] - was_rows[i]["points"] for i in exact]
    if hidden:
        moves.append(float(unseen or 0.0) - float(was_unseen or 0.0))
    # What a war's cap took: the points no longer add up to the score (by more than the
    # hundredths each is rounded to)
    capped = (score - float(was_score)) - sum(moves)
    items = moves + ([capped] if abs(capped) >= 0.5 else [])
    whole = apportion(items, change)
    history = view.get("history") or []
    then = (before or {}).get("variables") or (history[-2] if len(history) > 1 else {})
    moved = sorted((k for k in range(len(exact)) if whole[k]), key=lambda k: (-abs(whole[k]), k))
    for k in moved:
        i = exact[k]
        why = _reasons(m, rows[i], then, view, you, last)
        head = f"{_signed(whole[k])} {labels[i]} of your score)"
        lines.append(head + (f": {'; '.join(why)}" if why else ""))
    if hidden:
        lump = whole[len(exact)]
        why = []
        for i in hidden:
            why += [w for w in _reasons(m, rows[i], then, view, you, last) if w not in why]
        seen = f" (what you saw move: {'; '.join(why[:3])})" if why and lump else ""
        if lump:
            lines.append(f"{_signed(lump)} from {UNSEEN}: {together}{seen}")
        else:
            lines.append(f"No change, together, from {UNSEEN}: {together}")
    if len(whole) > len(moves) and whole[-1]:
        lines.append(f"{_signed(whole[-1])} the war: it caps every score")
    steady = [labels[exact[k]] + ")" for k in range(len(exact)) if not whole[k]]
    if steady:
        lines.append("Steady: " + ", ".join(steady))
    return lines


def summarise(
    m: ClientModel, before: dict[str, Any] | None, view: dict[str, Any]
) -> MonthSummary | None:
    """What happened to ``m.you`` in the month before ``view``'s; None in the first month.

    ``before``: the first view the client held of that month (None when it joined later:
    the summary then reads only what the current view dates)."""
    you = m.you or view.get("you")
    month = int(view.get("month", 1))
    if not you or month <= 1:
        return None
    last = month - 1
    title = f"What happened in {_label(m, view, last)}"
    s = MonthSummary(title)
    if you in (view.get("scores") or {}):
        s.sections.append(("Score", _score_lines(m, before, view, you, last)))
    props = _proposal_lines(m, before, view, you, last)
    s.sections.append(("Proposals", props or ["No proposal of yours or to you closed."]))
    deals = _deal_lines(m, view, you, last)
    if deals:
        s.sections.append(("Deals", deals))
    seen = _detection_lines(m, view, you, last)
    if seen:
        s.sections.append(("Intelligence", seen))
    others = _orders_lines(m, view, you, last)
    quiet = "No signal, and no change in the orders you can see."
    s.sections.append(("What the others did", others or [quiet]))
    news = [n["text"] for n in view.get("news", []) if int(n.get("month", 0)) == last]
    s.sections.append(("News", news or ["A quiet month: no news."]))
    return s


def announcements(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The facilitator's announcements in a view's news, oldest first."""
    return [n for n in view.get("news", []) if n.get("kind") == "announcement"]


class Interrupts:
    """Dialogs that interrupt the screen: the month's summary, facilitator announcements.

    Call :meth:`update` once a frame after the model took the connection's updates."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.month: int | None = None  # the month of the last view seen
        self.first_of_month: dict[str, Any] | None = None  # the first view of that month
        self.announced: int | None = None  # announcements already shown (None: not yet read)
        self.summary: MonthSummary | None = None  # the last summary opened
        self.window: pygame_gui.windows.UIMessageWindow | None = None
        self.announcement_window: pygame_gui.windows.UIMessageWindow | None = None
        self.shown_text: list[str] = []  # every dialog's text, as opened (for tests and logs)

    def update(self) -> None:
        """Open a dialog for a new month or a new announcement."""
        m = self.app.model
        view = m.view
        if view is None or m.role != "player":
            return
        if view.get("phase") == "over":  # the end screen tells the year: no dialog on it
            for window in self.open_windows():
                window.kill()
        news = announcements(view)
        if self.announced is None:
            self.announced = len(news)  # joined mid-game: old announcements are in News
        elif len(news) > self.announced:
            for n in news[self.announced :]:
                self._open_announcement(str(n["text"]))
            self.announced = len(news)
        month = int(view.get("month", 1))
        if month != self.month:
            before = self.first_of_month if self.month == month - 1 else None
            if self.month is not None and view.get("phase") != "over":
                summary = summarise(m, before, view)
                if summary is not None:
                    self._open_summary(summary)
            self.month = month
            self.first_of_month = view

    def _rect(self, share: float) -> Any:
        """Where a dialog goes: over the game screen's map (which has no controls, so a
        dialog left open hides none), ``share`` of its height from the top."""
        area = self.app.game.layout()["map"]
        return area.inflate(-8, -8).clip(area.x, area.y, area.w, max(200, int(area.h * share)))

    def _open_summary(self, summary: MonthSummary) -> None:
        from pygame_gui.windows import UIMessageWindow

        if self.window is not None:
            self.window.kill()  # type: ignore[no-untyped-call]
        self.summary = summary
        self.shown_text.append(summary.text())
        self.window = UIMessageWindow(
            self._rect(1.0),
            summary.html(),
            self.app.manager,
            window_title=summary.title,
            object_id="#month_summary",
        )

    def _open_announcement(self, text: str) -> None:
        from pygame_gui.windows import UIMessageWindow

        self.shown_text.append(f"Announcement: {text}")
        if self.announcement_window is not None:
            self.announcement_window.kill()  # type: ignore[no-untyped-call]
        self.announcement_window = UIMessageWindow(
            self._rect(0.6),
            f"<b>{escape(text, quote=False)}</b>",
            self.app.manager,
            window_title="Announcement from the facilitator",
            object_id="#announcement",
        )

    def open_windows(self) -> list[Any]:
        """The dialogs open now."""
        windows = (self.window, self.announcement_window)
        return [w for w in windows if w is not None and w.alive()]  # type: ignore[no-untyped-call]
