"""The end screen: final scores with each objective's share, and the charts."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIButton

from game.client import theme
from game.client.charts import draw_chart, series
from game.client.ui import Screen, on_click

OBJ_COLOURS = theme.OKABE_ITO
LEGEND_FONTS = ((12, 17), (11, 15), (10, 13))  # (size, line height), tried in turn
SWATCH = 14  # colour square plus gap before a label
GAP = 16  # space between two labels on a line
LEGEND_INDENT = 12  # the legend starts a little right of the country's name
BAR_ROW = 30  # name, bar and score
ROW_GAP = 8  # between countries


def objective_label(obj: dict[str, Any]) -> str:
    """An objective's legend text: its name, '(secret)' if so, and its points."""
    secret = " (secret)" if obj.get("secret") else ""
    return f"{obj['name']}{secret} {float(obj.get('points', 0)):.0f}"


def legend_lines(
    entries: list[tuple[str, tuple[int, int, int]]], fnt: pygame.font.Font, width: int
) -> list[list[tuple[int, str, tuple[int, int, int]]]]:
    """Lay legend entries out in lines no wider than ``width``.

    Each line is a list of ``(x offset, label, colour)``; an entry starts a new line when
    it does not fit on the current one, and a label too long for a whole line is cut
    with an ellipsis. Every entry fits within ``width`` including its colour swatch.
    """
    lines: list[list[tuple[int, str, tuple[int, int, int]]]] = []
    line: list[tuple[int, str, tuple[int, int, int]]] = []
    x = 0
    for label, colour in entries:
        label = theme.fit(label, fnt, width - SWATCH)
        need = SWATCH + fnt.size(label)[0]
        if line and x + need > width:
            lines.append(line)
            line, x = [], 0
        line.append((x, label, colour))
        x += need + GAP
    if line:
        lines.append(line)
    return lines


class EndScreen(Screen):
    """Scores (a stacked bar of objectives per country), tension and economy over time."""

    bottom_margin = 64

    scores_rect = pygame.Rect(0, 0, 0, 0)  # the scores column, as last drawn
    legend_rects: list[pygame.Rect] = []  # the objective labels, as last drawn

    def key(self) -> tuple[Any, ...]:
        return (self.app.size, self.app.model.revision)

    back_button: UIButton | None = None  # after the tutorial: back to the class left

    def build(self) -> None:
        w, h = self.app.size
        bw = 180 if w >= 1200 else 150
        self.back_button = None
        if self.app.return_to is not None:
            label = self.app.back_label
            self.back_button = self.keep(
                UIButton(
                    pygame.Rect(10, h - 50, max(bw, theme.font(15, True).size(label)[0] + 28), 40),
                    label,
                    self.manager,
                    object_id=theme_id("@ready", "#back_to_class"),
                    tool_tip_text="Leave the tutorial for the room you came from: join your "
                    "team there",
                    command=on_click(self.app.back_to_class),
                )
            )
        self.replay_button = self.keep(
            UIButton(
                pygame.Rect(w - 4 * (bw + 10), h - 50, bw, 40),
                "Replay",
                self.manager,
                object_id="#replay",
                tool_tip_text="Step through the game month by month (Left/Right)",
                command=on_click(self.app.open_replay),
            )
        )
        self.report_button = self.keep(
            UIButton(
                pygame.Rect(w - 3 * (bw + 10), h - 50, bw, 40),
                "Debrief report",
                self.manager,
                object_id="#report",
                tool_tip_text="Save the debrief as a web page to project or print",
                command=on_click(self.app.request_report),
            )
        )
        self.keep(
            UIButton(
                pygame.Rect(w - 2 * (bw + 10), h - 50, bw, 40),
                "Back to the map",
                self.manager,
                object_id="#back",
                tool_tip_text="Look at the final month's map, news and chat (Esc)",
                command=on_click(self.app.show_game),
            )
        )
        self.keep(
            UIButton(
                pygame.Rect(w - (bw + 10), h - 50, bw, 40),
                "Quit",
                self.manager,
                object_id=theme_id("@danger", "#quit"),
                command=on_click(self.app.quit),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.show_game()
            return True
        return False

    def draw_scores(
        self,
        surface: pygame.Surface,
        left: pygame.Rect,
        scores: dict[str, float],
        breakdown: dict[str, list[dict[str, Any]]],
    ) -> list[pygame.Rect]:
        """Each country's name, stacked bar and score, with its objectives listed below.

        Returns the rectangles of the legend labels drawn (for tests: none overlap).
        """
        m = self.app.model
        rows = [a for a in m.actor_ids if a in scores]
        name_w = min(
            190, max([theme.font(15, True).size(m.name(a) + " (you)")[0] for a in rows] or [0]) + 16
        )
        bar_w = left.w - name_w - 70
        legend_w = left.w - LEGEND_INDENT
        entries = {
            a: [
                (objective_label(obj), OBJ_COLOURS[j % len(OBJ_COLOURS)])
                for j, obj in enumerate(breakdown.get(a, []))
            ]
            for a in rows
        }
        # the largest legend font whose lines all fit; the smallest one otherwise
        for size, line_h in LEGEND_FONTS:
            fnt = theme.font(size)
            layouts = {a: legend_lines(entries[a], fnt, legend_w) for a in rows}
            need = sum(BAR_ROW + ROW_GAP + line_h * len(layouts[a]) for a in rows)
            if need <= left.h:
                break
        max_lines = max([len(v) for v in entries.values()] or [0])
        if need > left.h:  # still too tall: each country gets an equal share of lines
            spare = left.h - sum(BAR_ROW + ROW_GAP for _ in rows)
            max_lines = max(1, spare // max(1, len(rows)) // line_h)
        drawn: list[pygame.Rect] = []
        y = left.y
        for a in rows:
            col = theme.hex_colour(m.colour(a))
            you = " (you)" if a == m.you else ""
            surface.blit(
                theme.text(
                    theme.fit(m.name(a) + you, theme.font(15, True), name_w - 8), 15, col, True
                ),
                (left.x, y + 2),
            )
            surface.blit(
                theme.text(f"{scores[a]:.1f}", 18, theme.TEXT, True),
                (left.x + name_w + bar_w + 8, y),
            )
            x = float(left.x + name_w)
            pygame.draw.rect(surface, theme.PANEL_EDGE, (x, y + 4, bar_w, 22), 1)
            for j, obj in enumerate(breakdown.get(a, [])):
                seg = bar_w * float(obj.get("points", 0)) / 100
                if seg >= 1:
                    c = OBJ_COLOURS[j % len(OBJ_COLOURS)]
                    pygame.draw.rect(surface, c, (x, y + 4, seg, 22))
                    pygame.draw.rect(surface, theme.BG, (x, y + 4, seg, 22), 1)
                x += seg
            lines = layouts[a]
            if len(lines) > max_lines:
                lines = lines[:max_lines]
            ly = y + BAR_ROW
            for line in lines:
                for dx, label, c in line:
                    lx = left.x + LEGEND_INDENT + dx
                    pygame.draw.rect(surface, c, (lx, ly + line_h // 2 - 5, 10, 10))
                    surf = theme.text(label, size, theme.MUTED)
                    surface.blit(surf, (lx + SWATCH, ly))
                    drawn.append(pygame.Rect(lx, ly, SWATCH + surf.get_width(), line_h))
                ly += line_h
            y = ly + ROW_GAP
        return drawn

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
        self.scores_rect = left
        self.legend_rects = self.draw_scores(surface, left, scores, breakdown)
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
        par = (out.get("par") or {}).get(m.you)
        if par:  # the scenario states a par: say how this team did against history
            texts.append(
                f"You {par['history']}: {par['raw']:.1f} against a par of {par['par']:.1f}"
                f" ({par['scaled']:.0f} on a scale where history is 50)"
            )
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
        for j, part in enumerate(
            theme.wrap(line, theme.font(14), w - 4 * (180 if w >= 1200 else 150) - 80)[:3]
        ):
            surface.blit(theme.text(part, 14, theme.YELLOW), (16, h - 56 + j * 17))


def theme_id(class_id: str, object_id: str) -> Any:
    """A themed object id."""
    from game.client.ui import oid

    return oid(class_id, object_id)
