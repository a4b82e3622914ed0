"""What happened to you last month, told at the start of the next one; announcements.

:func:`summarise` reads two views of one seat (the first of last month, when the client
saw it, and the first of this month) and says in words what became of your proposals
(accepted, rejected, expired, withdrawn, countered), your deals (made, kept, broken),
what you detected, what the others did that you can see, the news and how your score
moved and with it the values that moved most. It holds no rules: everything comes from
the seat's view and the scenario's public description (:class:`ClientModel`).

:class:`Interrupts` watches the model each frame and opens a dialog (a pygame_gui
message window) with that summary when a new month starts, and one for every facilitator
announcement as it arrives, so neither hides behind a badge.
"""

from __future__ import annotations

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
                acts.append(f"{m.lever(lever_id)['name']} → {m.option_name(lever_id, option)}")
        if acts:
            out.append(f"{m.name(actor)}: {'; '.join(acts)}.")
    return out


def _number(value: Any) -> float | None:
    if isinstance(value, dict):
        return (float(value["low"]) + float(value["high"])) / 2
    return float(value) if isinstance(value, int | float) else None


def _moves(m: ClientModel, view: dict[str, Any], you: str) -> list[str]:
    """The visible values that moved most over the month (your own and the public ones)."""
    history = view.get("history") or []
    if len(history) < 2:
        return []
    old, new = history[-2], history[-1]
    owners = m.info.get("owners", {})
    names = m.info.get("variables", {})
    moved = []
    for key, value in new.items():
        if key not in names or owners.get(key) not in (None, you):
            continue
        a, b = _number(old.get(key)), _number(value)
        if a is None or b is None or abs(b - a) < 0.5:
            continue
        moved.append((abs(b - a), key, b - a))
    moved.sort(reverse=True)
    out: list[str] = []
    for _, k, d in moved:
        name = m.var_name(k)
        if any(c in name for c in "._") or any(o.startswith(name + " ") for o in out):
            continue  # an id with no display name, or a name already given
        out.append(f"{name} {d:+.0f}")
    return out[:4]


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
    score = (view.get("scores") or {}).get(you)
    if score is not None:
        was = (before or {}).get("scores", {}).get(you) if before else None
        line = f"Your score: {float(score):.0f}"
        if was is not None:
            line += f" ({float(score) - float(was):+.0f} over the month)"
        moves = _moves(m, view, you)
        lines = [line + "."]
        if moves:
            lines.append("What moved most: " + ", ".join(moves) + ".")
        s.sections.append(("Score", lines))
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
