"""The briefing screen: a team's public and secret briefing, its objectives, the others.

Shown before the first month, and at any time with F4 (or the "Briefing" button). For
the facilitator it holds every team's public and secret briefing. "Print" writes the
page as HTML (the user's data dir, else the current directory) and opens it in the
browser when there is a real display.
"""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIButton, UITextBox

from game.client import theme
from game.client.files import open_page, save_page
from game.client.pages import briefing_page, briefing_parts
from game.client.ui import Screen, esc, oid, on_click

KIND_COLOURS = {"public": "#56B4E9", "secret": "#E69F00", "other": "#CCCCCC"}


def briefing_html(view: dict[str, Any], info: dict[str, Any], actor: str | None) -> str:
    """The briefing as pygame_gui text-box HTML (wrapped by the box, which scrolls)."""
    out: list[str] = []
    if info.get("summary"):
        out.append(f"<i>{esc(info['summary'])}</i><br>")
    others = False
    for kind, heading, text in briefing_parts(view, info, actor):
        if kind == "other" and not others:
            out.append("<br><font color='#E69F00' size=5><b>The other teams</b></font><br>")
            others = True
        size = 4 if kind == "other" else 5
        out.append(f"<br><font color='{KIND_COLOURS[kind]}' size={size}><b>{esc(heading)}</b>")
        out.append("</font><br>")
        out.append(esc(text).replace("\n\n", "<br><br>").replace("\n", " "))
        out.append("<br>")
        if kind == "secret" and actor is not None:
            out += objectives_lines(view, info, actor)
    deadlines = info.get("deadlines", [])
    if deadlines:
        out.append("<br><font color='#E69F00' size=5><b>Deadlines</b></font><br>")
        for d in deadlines:
            date = f" ({esc(d['date'])})" if d.get("date") else ""
            out.append(f"• <b>{esc(d['name'])}</b>{date}: {esc(d.get('explain', ''))}<br>")
    return "".join(out)


def objectives_lines(view: dict[str, Any], info: dict[str, Any], actor: str) -> list[str]:
    """Your objectives and the secret ones you were dealt, as text-box HTML lines."""
    out = []
    public = info.get("objectives", {}).get(actor, [])
    if public:
        out.append("<br><b>Your objectives</b> (everyone knows them)<br>")
        out += [
            f"• <b>{esc(o['name'])}</b> (weight {o['weight']:g}): {esc(o['explain'])}<br>"
            for o in public
        ]
    pool = info.get("secret_objectives", {}).get(actor, {})
    dealt = list(view.get("secret_objectives", []))
    if dealt:
        out.append("<br><b>Your secret objectives</b> (your team only)<br>")
        for sid in dealt:
            o = pool.get(sid, {"name": sid.replace("_", " ").capitalize(), "explain": ""})
            out.append(f"• <b>{esc(o['name'])}</b>: {esc(o.get('explain', ''))}<br>")
    return out


class BriefingScreen(Screen):
    """Your briefing in a scrolling box, with Print and a way back to the game."""

    bottom_margin = 64

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.box: UITextBox | None = None
        self.print_button: UIButton | None = None
        self.close_button: UIButton | None = None
        self.saved: Any = None  # the path of the last printed page

    def key(self) -> tuple[Any, ...]:
        view = self.app.model.view or {}
        return (self.app.size, self.app.model.you, view.get("scenario"), view.get("month"))

    def column(self) -> pygame.Rect:
        """The reading column (at most 900 px wide, centred)."""
        w, h = self.app.size
        cw = min(900, w - 80)
        return pygame.Rect((w - cw) // 2, 64, cw, h - 64 - 70)

    def build(self) -> None:
        m = self.app.model
        col = self.column()
        self.box = self.keep(
            UITextBox(
                briefing_html(m.view or {}, m.info, m.you),
                col,
                self.manager,
                object_id=oid("@briefing", "#briefing"),
            )
        )
        h = self.app.size[1]
        self.print_button = self.keep(
            UIButton(
                pygame.Rect(col.x, h - 58, 220, 44),
                "Print (save as a page)",
                self.manager,
                object_id="#briefing-print",
                tool_tip_text="Save this briefing as a web page to print or hand out",
                command=on_click(self.print_page),
            )
        )
        first = (m.view or {}).get("month") == 1 and not (m.view or {}).get("orders")
        label = "Start playing" if first and m.role == "player" else "Back (Esc)"
        self.close_button = self.keep(
            UIButton(
                pygame.Rect(col.right - 220, h - 58, 220, 44),
                label,
                self.manager,
                object_id=oid("@ready", "#briefing-close"),
                tool_tip_text="Close the briefing (Esc); F4 opens it again",
                command=on_click(self.app.close_briefing),
            )
        )

    def print_page(self) -> None:
        """Save the printable page and say where; open it when a display is present."""
        m = self.app.model
        who = m.you or "facilitator"
        try:
            path = save_page(
                f"briefing-{m.room or 'game'}-{who}.html",
                briefing_page(m.view or {}, m.info, m.you),
                self.app.pages_dir,
            )
        except OSError as exc:
            m.error(f"could not save the briefing: {exc}")
            return
        self.saved = path
        opened = open_page(path)
        self.app.notice_text(f"Briefing saved to {path}" + (" (opened)" if opened else ""))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F4):
            self.app.close_briefing()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        m = self.app.model
        col = self.column()
        surface.fill(theme.BG)
        who = m.name(m.you) if m.you else "Facilitator — every team"
        title = f"{m.info.get('name', 'Six-Party')}: briefing — {who}"
        surface.blit(
            theme.text(theme.fit(title, theme.font(22, True), col.w), 22, theme.TEXT, True),
            (col.x, 18),
        )
