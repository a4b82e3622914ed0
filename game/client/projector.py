"""The facilitator's projector view: what a room reads on the wall, from the back.

The join code and the countdown in letters a fifth of the window high, the roster of
who joined which team, the month and phase, the tension track with its rungs, the
deadlines, the latest announcement and the map. It reads the model only and holds no
controls but "Back to the controls" (Esc or F5 also go back).

:func:`timer_text` is also the facilitator screen's clock: before the start (or while
paused) it gives the phase's set time, not "no timer".
"""

from __future__ import annotations

import time
from typing import Any

import pygame
from pygame_gui.elements import UIButton

from game.client import theme
from game.client.model import ClientModel, clock
from game.client.ui import Screen, on_click


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
        self.sizes = {"code": big, "clock": big}
        pad = 20
        cx = w * 2 // 5  # the clock's column
        # the join code, the clock, the month
        self._blit(surface, "Join code", 22, theme.MUTED, (pad, 8), w // 3)
        self._blit(surface, m.room or "—", big, theme.YELLOW, (pad, 34), cx - 2 * pad)
        words, left = timer_text(m)
        colour = theme.VERMILION if left is not None and left < 30 else theme.TEXT
        phase = str(view.get("phase", "")).capitalize()
        self._blit(surface, f"{phase} phase", 22, theme.MUTED, (cx, 8), w // 3)
        given = set_timer(m)
        if left is not None:
            self._blit(surface, clock(left), big, colour, (cx, 34), w // 3)
        elif given is not None:  # not running yet (or paused): the set time, dimmed
            self._blit(surface, clock(given), big, theme.MUTED, (cx, 34), w // 3)
            self._blit(surface, words, 20, theme.MUTED, (cx, 36 + big), w // 3, False)
        else:
            self._blit(surface, words, 40, theme.TEXT, (cx, 34 + big // 4), w // 3)
        months = view.get("months", [])
        rx = 2 * w // 3 + pad
        self._blit(
            surface, str(view.get("month_label", "")), 30, theme.TEXT, (rx, 54), w // 3 - 2 * pad
        )
        self._blit(
            surface,
            f"month {view.get('month', 1)} of {len(months)}",
            22,
            theme.MUTED,
            (rx, 94),
            w // 3 - 2 * pad,
            False,
        )
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
