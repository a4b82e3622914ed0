"""A schematic map drawn from the scenario's own data, for scenarios the geographic map
does not know (the tutorial's Lighthouse Islands are not in Northeast Asia).

Each actor is an island in its colour, placed round a ring in the scenario's order and
named; in the middle, the tension and its rung. Last month's signals are arrows from
the sender toward the addressee (or a label under the sender), deals in force are lines
between their parties. :class:`MapSwitch` picks, per scenario, the geographic map when
most actors are on it and this schematic otherwise. It reads the model only.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.client import theme
from game.client.mapview import MapView
from game.client.model import ClientModel


class SchematicMap:
    """Actors as named islands round a ring, with last month's signals and the deals."""

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.name_rects: list[pygame.Rect] = []  # the actors' name labels, screen coords
        self.labels: list[str] = []  # every text drawn, as last drawn

    def centres(self, rect: pygame.Rect, actors: list[str]) -> dict[str, tuple[int, int]]:
        """Where each actor's island sits in ``rect``."""
        n = max(1, len(actors))
        rx, ry = rect.w * 0.34, rect.h * 0.32
        out = {}
        for i, a in enumerate(actors):
            angle = -math.pi / 2 + 2 * math.pi * i / n
            out[a] = (
                round(rect.centerx + rx * math.cos(angle)),
                round(rect.centery + 18 + ry * math.sin(angle)),
            )
        return out

    def _text(
        self,
        screen: pygame.Surface,
        text: str,
        size: int,
        colour: Any,
        at: tuple[int, int],
        bold: bool = False,
        width: int = 400,
    ) -> pygame.Rect:
        text = theme.fit(text, theme.font(size, bold), width)
        label = theme.text(text, size, colour, bold)
        box = label.get_rect(center=at)
        screen.blit(label, box)
        self.labels.append(text)
        return box

    def draw(self, screen: pygame.Surface, rect: pygame.Rect, model: ClientModel) -> None:
        """Draw the schematic map into ``rect``."""
        self.rect = rect
        self.labels = []
        self.name_rects = []
        view = model.view or {}
        pygame.draw.rect(screen, (22, 52, 78), rect)
        pygame.draw.rect(screen, theme.PANEL, rect, 1)
        self._text(
            screen,
            f"Schematic map — {model.info.get('name', '')}",
            14,
            theme.MUTED,
            (rect.centerx, rect.y + 14),
            width=rect.w - 20,
        )
        actors = model.actor_ids
        at = self.centres(rect, actors)
        iw, ih = max(90, min(190, rect.w // 4)), max(44, min(70, rect.h // 6))
        # deals in force: lines between their parties
        for ag in view.get("agreements", []):
            if ag.get("status") != "active":
                continue
            pts = [at[p] for p in ag.get("parties", []) if p in at]
            for i in range(len(pts) - 1):
                pygame.draw.line(screen, theme.SKY, pts[i], pts[i + 1], 4)
            if len(pts) >= 2:
                mid = ((pts[0][0] + pts[1][0]) // 2, (pts[0][1] + pts[1][1]) // 2 + 14)
                self._text(screen, "Deal in force", 13, theme.SKY, mid, True)
        tension = view.get("tension") or {}
        if tension:
            value = float(tension.get("value", 0))
            colour = theme.ORANGE if value >= 60 else theme.YELLOW if value >= 35 else theme.SKY
            pygame.draw.circle(screen, colour, (rect.centerx, rect.centery + 18), 34, 3)
            self._text(screen, f"{value:.0f}", 20, colour, (rect.centerx, rect.centery + 10), True)
            self._text(
                screen,
                f"Tension: {tension.get('rung_name', '')}",
                13,
                colour,
                (rect.centerx, rect.centery + 36),
                True,
            )
        for a in actors:
            x, y = at[a]
            island = pygame.Rect(0, 0, iw, ih)
            island.center = (x, y)
            pygame.draw.ellipse(screen, theme.hex_colour(model.colour(a)), island)
            if a == model.you:
                pygame.draw.ellipse(screen, theme.TEXT, island.inflate(8, 8), 3)
            name = model.name(a) + (" (you)" if a == model.you else "")
            self.name_rects.append(self._text(screen, name, 16, theme.TEXT, (x, y), True, iw + 40))
        self._draw_signals(screen, at, ih, model)

    def _draw_signals(
        self, screen: pygame.Surface, at: dict[str, tuple[int, int]], ih: int, model: ClientModel
    ) -> None:
        view = model.view or {}
        month = int(view.get("month", 1)) - (0 if view.get("phase") == "over" else 1)
        signals = model.info.get("signals", {})
        below: dict[str, int] = {}
        for item in view.get("news", []):
            if item.get("kind") != "signal" or item.get("month") != month:
                continue
            actor, target = item.get("actor"), item.get("target")
            if actor not in at:
                continue
            name = signals.get(item.get("signal"), {}).get("name", "signal")
            if target in at:
                a, b = at[actor], at[target]
                # from the sender's edge to short of the target's island
                ax, ay = a[0] + (b[0] - a[0]) * 0.25, a[1] + (b[1] - a[1]) * 0.25
                bx, by = a[0] + (b[0] - a[0]) * 0.7, a[1] + (b[1] - a[1]) * 0.7
                pygame.draw.line(screen, theme.ORANGE, (ax, ay), (bx, by), 3)
                ang = math.atan2(by - ay, bx - ax)
                head = [
                    (bx, by),
                    (bx - 12 * math.cos(ang - 0.4), by - 12 * math.sin(ang - 0.4)),
                    (bx - 12 * math.cos(ang + 0.4), by - 12 * math.sin(ang + 0.4)),
                ]
                pygame.draw.polygon(screen, theme.ORANGE, head)
                self._text(
                    screen,
                    name,
                    13,
                    theme.ORANGE,
                    (round((ax + bx) / 2), round((ay + by) / 2) - 12),
                    True,
                )
            else:
                n = below.get(actor, 0)
                below[actor] = n + 1
                x, y = at[actor]
                self._text(screen, name, 13, theme.ORANGE, (x, y + ih // 2 + 12 + 16 * n), True)


class MapSwitch:
    """The map a scenario gets: the geographic one when most of its actors are on it, the
    schematic one otherwise. Other attributes are the geographic map's."""

    def __init__(self, geographic: MapView) -> None:
        self.geographic = geographic
        self.schematic = SchematicMap()

    def for_model(self, model: ClientModel) -> MapView | SchematicMap:
        """The map that draws this scenario."""
        actors = model.actor_ids
        on_map = self.geographic.iso_of(model)
        if actors and 2 * len(on_map) < len(actors):
            return self.schematic
        return self.geographic

    def draw(self, screen: pygame.Surface, rect: pygame.Rect, model: ClientModel) -> None:
        """Draw this scenario's map into ``rect``."""
        self.for_model(model).draw(screen, rect, model)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.geographic, name)
