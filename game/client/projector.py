"""The facilitator's projector view: what a room reads on the wall, from the back.

The join code and the countdown in letters a fifth of the window high, the roster of
who joined which team, the month and phase, the tension track with its rungs, the
deadlines, the latest announcement and the map. It reads the model only and holds no
controls but "Back to the controls" (Esc or F5 also go back).

:func:`timer_text` is also the facilitator screen's clock: before the start (or while
paused) it gives the phase's set time, not "no timer".
"""

from __future__ import annotations

import string
import time
from typing import Any

import pygame
from pygame_gui.elements import UIButton

from game.client import theme
from game.client.model import ClientModel, clock
from game.client.ui import Screen, on_click

CODE_LENGTH = 6
"""Characters in a join code (``server.auth.CODE_LENGTH``; a test keeps them equal)."""
CODE_GLYPHS = string.ascii_uppercase + string.digits
"""Every character a join code could hold: the server's alphabet leaves out look-alikes,
so it is a part of this (a test checks that)."""


def code_width(size: int, length: int = CODE_LENGTH) -> int:
    """Pixels the widest join code of ``length`` (at least :data:`CODE_LENGTH`) characters
    takes in bold at ``size`` points: the widest of :data:`CODE_GLYPHS`, repeated. The
    code's column is that wide, so no code is cut and the layout does not move with it."""
    fnt = theme.font(size, True)
    return max(fnt.size(c)[0] for c in CODE_GLYPHS) * max(length, CODE_LENGTH)


def fit_size(text: str, size: int, width: int, bold: bool = True, least: int = 12) -> int:
    """The largest point size up to ``size`` (and not under ``least``) at which ``text``
    renders within ``width`` pixels: large type shrinks to fit rather than lose letters."""
    wide = theme.font(size, bold).size(text)[0]
    if wide <= width:
        return size
    size = max(least, min(size - 1, size * max(0, width) // max(1, wide)))
    while size > least and theme.font(size, bold).size(text)[0] > width:
        size -= 1
    return size


def set_timer(m: ClientModel) -> float | None:
    """Seconds the room's timer gives the current phase (None: that phase has none)."""
    phase = str((m.view or {}).get("phase", ""))
    timers = (m.room_info or {}).get("timers") or {}
    value = timers.get(phase)
    return float(value) if isinstance(value, int | float) else None


def timer_text(m: ClientModel, now: float | None = None) -> tuple[str, float | None]:
    """The clock in words and the seconds left (None when no clock runs)."""
    left = m.time_left(time.monotonic() if now is None else now)
    if left is not None:
        return f"{clock(left)} left", left
    given = set_timer(m)
    if given is None:
        return "no timer", None
    if m.legal.get("started") is False:
        return f"{clock(given)} per phase, from the start", None
    if (m.view or {}).get("paused"):
        return "paused", None
    return f"{clock(given)} per phase", None


class ProjectorScreen(Screen):
    """The room at a glance, in large type, for a projector."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.back_button: UIButton | None = None
        self.drawn: list[str] = []  # every text drawn in the last frame (for tests)
        self.sizes: dict[str, int] = {}  # the point size of the code and the clock
        self.columns: dict[str, pygame.Rect] = {}  # the code's, the clock's, the month's

    def key(self) -> tuple[Any, ...]:
        return (self.app.size,)

    def build(self) -> None:
        w, _ = self.app.size
        self.back_button = self.keep(
            UIButton(
                pygame.Rect(w - 230, 8, 220, 34),
                "Back to the controls (Esc)",
                self.manager,
                object_id="#projector-back",
                command=on_click(self.app.close_projector),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F5):
            self.app.close_projector()
            return True
        return False

    def _blit(
        self,
        surface: pygame.Surface,
        text: str,
        size: int,
        colour: Any,
        at: tuple[int, int],
        width: int,
        bold: bool = True,
    ) -> pygame.Rect:
        text = theme.fit(text, theme.font(size, bold), width)
        self.drawn.append(text)
        label = theme.text(text, size, colour, bold)
        return surface.blit(label, at)

    def draw(self, surface: pygame.Surface) -> None:
        m = self.app.model
        view = m.view or {}
        w, h = self.app.size
        self.drawn = []
        surface.fill(theme.BG)
        big = max(48, min(h // 7, w // 12))
        pad = 20
        gap = max(pad, big // 3)
        # the join code: a column as wide as the widest code could be, so none is cut
        code = m.room or "—"
        code_col = pygame.Rect(pad, 34, min(code_width(big, len(code)), w * 3 // 5), big)
        code_size = fit_size(code, big, code_col.w)
        # the month, under the back button: it gives way to the clock, not the clock to it
        label = str(view.get("month_label", ""))
        months = view.get("months", [])
        sub = f"month {view.get('month', 1)} of {len(months)}"
        month_w = max(theme.font(30, True).size(label)[0], theme.font(22).size(sub)[0])
        cx = code_col.right + gap  # the clock's column
        clock_need = theme.font(big, True).size("88:88")[0]
        mx = max(w - pad - month_w, min(cx + clock_need + gap, w - pad - 120))
        clock_col = pygame.Rect(cx, 34, max(0, mx - gap - cx), big)
        month_col = pygame.Rect(mx, 50, w - pad - mx, 68)
        self.columns = {"code": code_col, "clock": clock_col, "month": month_col}
        self._blit(surface, "Join code", 22, theme.MUTED, (pad, 8), code_col.w)
        self._blit(surface, code, code_size, theme.YELLOW, code_col.topleft, code_col.w)
        words, left = timer_text(m)
        colour = theme.VERMILION if left is not None and left < 30 else theme.TEXT
        phase = str(view.get("phase", "")).capitalize()
        self._blit(surface, f"{phase} phase", 22, theme.MUTED, (cx, 8), w - 230 - gap - cx)
        given = set_timer(m)
        shown = clock(left) if left is not None else clock(given) if given is not None else ""
        clock_size = fit_size(shown, big, clock_col.w) if shown else big
        self.sizes = {"code": code_size, "clock": clock_size}
        # the line under the clock runs on under the month when it is lower than the month
        month_bottom = month_col.y + 38 + theme.font(22).get_linesize()
        under = w - pad - cx if 36 + big >= month_bottom else clock_col.w
        if left is not None:
            self._blit(surface, shown, clock_size, colour, clock_col.topleft, clock_col.w)
        elif given is not None:  # not running yet (or paused): the set time, dimmed
            self._blit(surface, shown, clock_size, theme.MUTED, clock_col.topleft, clock_col.w)
            self._blit(surface, words, 20, theme.MUTED, (cx, 36 + big), under, False)
        else:
            size = fit_size(words, 40, clock_col.w)
            self._blit(surface, words, size, theme.TEXT, (cx, 34 + big // 4), clock_col.w)
        self._blit(
            surface,
            label,
            fit_size(label, 30, month_col.w, least=18),
            theme.TEXT,
            month_col.topleft,
            month_col.w,
        )
        self._blit(surface, sub, 22, theme.MUTED, (mx, month_col.y + 38), month_col.w, False)
        top = 34 + big + 64
        # the tension track
        track = pygame.Rect(pad, top, w - 2 * pad, 34)
        self._draw_tension(surface, track, m)
        body = pygame.Rect(pad, track.bottom + 36, w - 2 * pad, h - track.bottom - 36 - 70)
        roster = pygame.Rect(body.x, body.y, body.w * 9 // 20, body.h)
        self._draw_roster(surface, roster, m)
        map_rect = pygame.Rect(roster.right + pad, body.y, body.right - roster.right - pad, body.h)
        self.app.map.draw(surface, map_rect, m)
        # deadlines and the latest announcement
        y = h - 64
        dl = "   ·   ".join(f"{name}: {due}" for name, due in m.deadlines())
        if dl:
            self._blit(surface, "Deadlines — " + dl, 20, theme.YELLOW, (pad, y), w - 2 * pad, False)
        said = [n for n in view.get("news", []) if n.get("kind") == "announcement"]
        if said:
            self._blit(
                surface,
                "Announcement: " + str(said[-1]["text"]),
                22,
                theme.SKY,
                (pad, y + 28),
                w - 2 * pad,
            )

    def _draw_tension(self, surface: pygame.Surface, rect: pygame.Rect, m: ClientModel) -> None:
        view = m.view or {}
        tension = view.get("tension") or {}
        value = float(tension.get("value", 0))
        rungs = (m.info.get("tension") or {}).get("rungs") or []
        colours = [theme.GREEN, theme.SKY, theme.YELLOW, theme.ORANGE, theme.VERMILION]
        for i, rung in enumerate(rungs):
            start = float(rung["start"])
            end = float(rungs[i + 1]["start"]) if i + 1 < len(rungs) else 100.0
            x0 = rect.x + int(rect.w * start / 100)
            x1 = rect.x + int(rect.w * end / 100)
            part = pygame.Rect(x0, rect.y, x1 - x0 - 2, rect.h)
            pygame.draw.rect(surface, colours[min(i, len(colours) - 1)], part)
            self._blit(surface, str(rung["name"]), 16, theme.BG, (x0 + 6, rect.y + 6), part.w - 8)
        x = rect.x + int(rect.w * min(100.0, max(0.0, value)) / 100)
        pygame.draw.polygon(
            surface,
            theme.TEXT,
            [(x, rect.bottom + 2), (x - 10, rect.bottom + 16), (x + 10, rect.bottom + 16)],
        )
        pygame.draw.line(surface, theme.TEXT, (x, rect.y - 4), (x, rect.bottom), 4)
        self._blit(
            surface,
            f"Tension {value:.0f} — {tension.get('rung_name', '')}",
            20,
            theme.TEXT,
            (rect.x, rect.y - 28),
            rect.w,
        )

    def _draw_roster(self, surface: pygame.Surface, rect: pygame.Rect, m: ClientModel) -> None:
        view = m.view or {}
        seats = {s["id"]: s for s in m.legal.get("seats", [])}
        pygame.draw.rect(surface, theme.PANEL, rect)
        self._blit(surface, "Teams", 22, theme.ORANGE, (rect.x + 10, rect.y + 6), rect.w)
        actors = m.actor_ids
        row_h = max(40, min(72, (rect.h - 40) // max(1, len(actors))))
        name_size = 24 if row_h >= 60 else 18
        y = rect.y + 40
        for a in actors:
            seat = seats.get(a, {})
            pygame.draw.rect(
                surface, theme.hex_colour(m.colour(a)), (rect.x + 6, y + 4, 8, row_h - 10)
            )
            state = (
                "orders in"
                if a in view.get("submitted", [])
                else "ready"
                if a in view.get("ready", [])
                else ""
            )
            self._blit(surface, m.name(a), name_size, theme.TEXT, (rect.x + 22, y), rect.w // 2)
            if state:
                self._blit(surface, state, 18, theme.GREEN, (rect.x + rect.w - 120, y + 2), 110)
            if seat.get("bot"):
                who = "played by a bot"
            else:
                who = ", ".join(p["name"] for p in seat.get("players", [])) or "no one yet"
            self._blit(
                surface, who, 18, theme.MUTED, (rect.x + 22, y + name_size + 6), rect.w - 30, False
            )
            y += row_h
