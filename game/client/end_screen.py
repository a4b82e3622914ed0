"""The end screen: final scores with each objective's share, and the charts."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIButton

from game.client import theme
from game.client.charts import draw_chart, series
from game.client.ui import Screen

OBJ_COLOURS = theme.OKABE_ITO


class EndScreen(Screen):
    """Scores (a stacked bar of objectives per country), tension and economy over time."""

    def key(self) -> tuple[Any, ...]:
        return (self.app.size, self.app.model.revision)

    def build(self) -> None:
        w, h = self.app.size
        self.keep(
            UIButton(
                pygame.Rect(w - 380, h - 50, 180, 40),
                "Back to the map",
                self.manager,
                object_id="#back",
                tool_tip_text="Look at the final month's map, news and chat (Esc)",
                command=self.app.show_game,
            )
        )
        self.keep(
            UIButton(
                pygame.Rect(w - 190, h - 50, 180, 40),
                "Quit",
                self.manager,
                object_id=theme_id("@danger", "#quit"),
                command=self.app.quit,
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.show_game()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        m = self.app.model
        view = m.view or {}
        out = view.get("outcome") or {}
        w, h = self.app.size
        surface.fill(theme.BG)
        war = " — WAR: every score capped" if out.get("war") else ""
        title = f"{m.info.get('name', 'Six-Party')}: final scores{war}"
        surface.blit(
            theme.text(theme.fit(title, theme.font(22, True), w - 20), 22, theme.TEXT, True),
            (16, 12),
        )
        scores = out.get("scores", {})
        breakdown = out.get("breakdown", {})
        left = pygame.Rect(16, 52, int(w * 0.52), h - 120)
        rows = [a for a in m.actor_ids if a in scores]
        row_h = max(40, min(90, left.h // max(1, len(rows))))
        name_w = 190
        bar_w = left.w - name_w - 70
        fnt = theme.font(12)
        line_used: dict[str, int] = {}
        for i, a in enumerate(rows):
            y = left.y + i * row_h
            col = theme.hex_colour(m.colour(a))
            you = " (you)" if a == m.you else ""
            surface.blit(
                theme.text(
                    theme.fit(m.name(a) + you, theme.font(15, True), name_w - 8), 15, col, True
                ),
                (left.x, y + 4),
            )
            surface.blit(
                theme.text(f"{scores[a]:.1f}", 18, theme.TEXT, True),
                (left.x + name_w + bar_w + 8, y + 2),
            )
            x = left.x + name_w
            pygame.draw.rect(surface, theme.PANEL_EDGE, (x, y + 4, bar_w, 22), 1)
            legend_x = x
            for j, obj in enumerate(breakdown.get(a, [])):
                seg = bar_w * float(obj.get("points", 0)) / 100
                c = OBJ_COLOURS[j % len(OBJ_COLOURS)]
                if seg >= 1:
                    pygame.draw.rect(surface, c, (x, y + 4, seg, 22))
                    pygame.draw.rect(surface, theme.BG, (x, y + 4, seg, 22), 1)
                x += seg
                secret = " (secret)" if obj.get("secret") else ""
                label = f"{obj['name']}{secret} {obj.get('points', 0):.0f}"
                lw = fnt.size(label)[0] + 18
                line = 0
                if legend_x + lw > left.x + name_w + bar_w + 60:
                    legend_x, line = left.x + name_w, 1
                    legend_y = y + 16
                else:
                    legend_y = y + 16 * (1 if line_used.get(a) else 0)
                line_used[a] = line_used.get(a, 0) or line
                pygame.draw.rect(surface, c, (legend_x, legend_y + 15, 10, 10))
                surface.blit(theme.text(label, 12, theme.MUTED), (legend_x + 13, legend_y + 12))
                legend_x += lw
        right = pygame.Rect(left.right + 16, 52, w - left.right - 32, (h - 130) // 2)
        history = view.get("history", [])
        months = list(view.get("months", []))
        labels = ["Start", *months][: len(history)]
        tinfo = m.info.get("tension", {})
        rungs = tinfo.get("rungs", [])
        bands = [
            (float(r["start"]), r["name"], theme.rung_colour(i, len(rungs)))
            for i, r in enumerate(rungs)
        ]
        draw_chart(
            surface,
            right,
            "Tension over the months",
            series(history, tinfo.get("key", "tension")),
            labels,
            theme.VERMILION,
            bands,
        )
        econ = m.economy_key()
        second = right.move(0, right.h + 10)
        if econ:
            draw_chart(
                surface,
                second,
                f"{m.var_name(econ)} (your estimate)",
                series(history, econ),
                labels,
                theme.SKY,
            )
        deadlines = out.get("deadlines", {})
        texts = []
        for d in m.info.get("deadlines", []):
            state = deadlines.get(d["id"])
            texts.append(
                f"{d['name']}: {'met' if state else 'missed' if state is False else 'not reached'}"
            )
        agreements = out.get("agreements", {})
        texts.append(
            f"Agreements made {agreements.get('made', 0)}, broken {agreements.get('broken', 0)}"
        )
        line = "   ·   ".join(texts)
        for j, part in enumerate(theme.wrap(line, theme.font(14), w - 420)[:2]):
            surface.blit(theme.text(part, 14, theme.YELLOW), (16, h - 52 + j * 18))


def theme_id(class_id: str, object_id: str) -> Any:
    """A themed object id."""
    from game.client.ui import oid

    return oid(class_id, object_id)
