"""The replay: step through a finished game month by month (Left/Right, or the buttons).

Each month shows the map, the tension track and the month's news as they stood at the
end of that month. The screen asks the server for the exact view (a ``replay``
request); until it comes, or when the connection cannot answer, it shows the month cut
out of the final view (its history, news and orders up to that month).
"""

from __future__ import annotations

import copy
from typing import Any

import pygame
from pygame_gui.elements import UIButton, UITextBox

from game.client import theme
from game.client.charts import draw_chart, series
from game.client.ui import Screen, esc, on_click


def month_view(final: dict[str, Any], month: int, tension_key: str) -> dict[str, Any]:
    """The viewer's view at the end of ``month`` (0: before the first), cut out of the
    view of the finished game."""
    months = list(final.get("months", []))
    history = list(final.get("history", []))
    month = max(0, min(month, len(months), len(history) - 1 if history else 0))
    values = history[month] if history else final.get("variables", {})
    t = values.get(tension_key, final.get("tension", {}).get("value", 0))
    value = (t["low"] + t["high"]) / 2 if isinstance(t, dict) else float(t)
    over = month >= len(months)
    view = {
        **final,
        "month": month if over else month + 1,
        "month_label": months[month - 1] if month else "",
        "phase": "over" if over else "negotiation",
        "variables": values,
        "history": history[: month + 1],
        "tension": {"value": value, "rung_name": final.get("tension", {}).get("rung_name", "")},
        "news": [n for n in final.get("news", []) if int(n.get("month", 0)) <= month],
        "orders": [o for o in final.get("orders", []) if int(o.get("month", 0)) <= month],
        "agreements": [a for a in final.get("agreements", []) if a.get("month", 0) <= month],
        "messages": [x for x in final.get("messages", []) if x.get("month", 0) <= month],
    }
    if not over:
        view.pop("outcome", None)
    return view


class ReplayScreen(Screen):
    """One month of a finished game at a time."""

    bottom_margin = 64

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.month = 0
        self.exact: dict[int, dict[str, Any]] = {}  # month -> the server's replay view
        self.asked: set[int] = set()
        self.news_box: UITextBox | None = None
        self.prev_button: UIButton | None = None
        self.next_button: UIButton | None = None
        self._shadow = copy.copy(app.model)

    @property
    def last(self) -> int:
        """The last month (the game's end)."""
        return len((self.app.model.view or {}).get("months", []))

    def start(self) -> None:
        """Open on the first month."""
        self.month = 1 if self.last else 0
        self._ask()

    def _ask(self) -> None:
        conn = self.app.conn
        if "replay" in getattr(conn, "requests", ()) and self.month not in self.asked:
            self.asked.add(self.month)
            conn.request({"type": "replay", "month": self.month})

    def take(self, reply: dict[str, Any]) -> None:
        """A ``replay`` reply from the server."""
        if isinstance(reply.get("month"), int) and isinstance(reply.get("view"), dict):
            self.exact[reply["month"]] = reply["view"]
            self.app.model.revision += 1

    def view(self) -> dict[str, Any]:
        """The view shown: the server's when it came, else cut from the final view."""
        if self.month in self.exact:
            return self.exact[self.month]
        key = (self.app.model.info.get("tension") or {}).get("key", "tension")
        return month_view(self.app.model.view or {}, self.month, key)

    def step_month(self, delta: int) -> None:
        """Go ``delta`` months forward (or back)."""
        self.month = max(0, min(self.last, self.month + delta))
        self._ask()
        self.app.model.revision += 1

    def key(self) -> tuple[Any, ...]:
        return (self.app.size, self.month, self.month in self.exact)

    def build(self) -> None:
        w, h = self.app.size
        view = self.view()
        months = view.get("months", [])
        parts = []
        for n in view.get("news", []):
            if int(n.get("month", 0)) != self.month:
                continue
            mark = "<font color='#CC79A7'><b>[INTEL — private]</b></font> " if n.get("to") else ""
            parts.append(f"{mark}• {esc(n['text'])}")
        label = months[self.month - 1] if 0 < self.month <= len(months) else "the start"
        html = "<br>".join(parts) or f"<i>No news in {esc(label)}.</i>"
        self.news_box = self.keep(
            UITextBox(
                html, pygame.Rect(int(w * 0.56), 60, w - int(w * 0.56) - 16, h - 140), self.manager
            )
        )
        self.prev_button = self.keep(
            UIButton(
                pygame.Rect(16, h - 58, 190, 44),
                "‹ Previous month",
                self.manager,
                object_id="#replay-prev",
                tool_tip_text="Left arrow",
                command=on_click(self.step_month, -1),
            )
        )
        self.next_button = self.keep(
            UIButton(
                pygame.Rect(216, h - 58, 190, 44),
                "Next month ›",
                self.manager,
                object_id="#replay-next",
                tool_tip_text="Right arrow",
                command=on_click(self.step_month, 1),
            )
        )
        if self.month <= 0:
            self.prev_button.disable()
        if self.month >= self.last:
            self.next_button.disable()
        self.keep(
            UIButton(
                pygame.Rect(w - 206, h - 58, 190, 44),
                "Back to the scores",
                self.manager,
                object_id="#replay-back",
                tool_tip_text="Esc",
                command=on_click(self.app.close_replay),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_LEFT:
                self.step_month(-1)
                return True
            if event.key == pygame.K_RIGHT:
                self.step_month(1)
                return True
            if event.key == pygame.K_ESCAPE:
                self.app.close_replay()
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        m = self.app.model
        w, h = self.app.size
        view = self.view()
        months = view.get("months", [])
        surface.fill(theme.BG)
        label = (
            months[self.month - 1] if 0 < self.month <= len(months) else "Before the first month"
        )
        source = "" if self.month in self.exact else "  (from your final view)"
        title = f"Replay — {label}: month {self.month} of {len(months)}{source}"
        surface.blit(
            theme.text(theme.fit(title, theme.font(22, True), w - 32), 22, theme.TEXT, True),
            (16, 14),
        )
        map_rect = pygame.Rect(16, 60, int(w * 0.56) - 32, int((h - 140) * 0.58))
        self._shadow.__dict__.update(m.__dict__)
        self._shadow.view = view
        self.app.map.draw(surface, map_rect, self._shadow)
        t = view.get("tension", {})
        tinfo = m.info.get("tension", {})
        rungs = tinfo.get("rungs", [])
        bands = [
            (float(r["start"]), r["name"], theme.rung_colour(i, len(rungs)))
            for i, r in enumerate(rungs)
        ]
        history = view.get("history", [])
        chart = pygame.Rect(16, map_rect.bottom + 8, map_rect.w, h - 70 - map_rect.bottom - 8)
        labels = ["Start", *months][: max(2, len(months) + 1)]
        values = series(history, tinfo.get("key", "tension"))
        values += [None] * (len(labels) - len(values))
        draw_chart(
            surface,
            chart,
            f"Tension {float(t.get('value', 0)):.0f} at the end of the month",
            values,
            labels,
            theme.VERMILION,
            bands,
        )
        surface.blit(theme.text("The month's news", 16, theme.ORANGE, True), (int(w * 0.56), 36))
