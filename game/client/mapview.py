"""The map of Northeast Asia, drawn from the Natural Earth asset, with signals on it.

The base map (sea, countries, borders, capitals) is rendered once per size and cached;
each frame blits it and draws the overlays: a missile test's arc from a launch site
toward the sea, a summit's line between two capitals, sanctions pressure as a border
whose width grows with the pressure. Countries are matched to actors by the asset's
``actor_iso`` table or by name, so a scenario with other actors still gets a map.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pygame

from game.client import theme
from game.client.model import ClientModel

Point = tuple[float, float]


def load_map(path: Any = None) -> dict[str, Any]:
    """Read the map asset (a JSON file written by assets/tools/make_map.py)."""
    try:
        asset: dict[str, Any] = json.loads((path or theme.MAP).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the map asset {path or theme.MAP}: {exc}") from None
    return asset


class MapView:
    """Draws the map asset into a rectangle, with actors' colours and this month's signals."""

    def __init__(self, asset: dict[str, Any]) -> None:
        self.asset = asset
        self._base: pygame.Surface | None = None
        self._base_key: tuple[Any, ...] = ()
        self.rect = pygame.Rect(0, 0, 1, 1)
        self._overlay: list[tuple[str, Any]] = []
        self.name_rects: list[pygame.Rect] = []  # countries' name labels, map-local
        self.pressure_rect: pygame.Rect | None = None  # the sanctions label, as last drawn

    # ------------------------------------------------------------ geometry
    def _projector(self, rect: pygame.Rect) -> Any:
        lon0, lat0, lon1, lat1 = self.asset.get("focus", self.asset["window"])
        k = math.cos(math.radians((lat0 + lat1) / 2))
        span_x, span_y = (lon1 - lon0) * k, lat1 - lat0
        scale = min(rect.w / span_x, rect.h / span_y)
        cx, cy = rect.centerx, rect.centery
        mid_lon, mid_lat = (lon0 + lon1) / 2, (lat0 + lat1) / 2

        def project(lon: float, lat: float) -> tuple[int, int]:
            return (round(cx + (lon - mid_lon) * k * scale), round(cy - (lat - mid_lat) * scale))

        return project

    def iso_of(self, model: ClientModel) -> dict[str, str]:
        """actor id -> ISO code of its country on the map (when it has one)."""
        table = self.asset.get("actor_iso", {})
        names = {c["name"].lower(): c["iso"] for c in self.asset["countries"]}
        out = {}
        for a in model.info.get("actors", []):
            iso = table.get(a["id"]) or names.get(a["name"].lower())
            if iso:
                out[a["id"]] = iso
        return out

    def anchor(self, iso: str) -> Point | None:
        """(lon, lat) of a country's capital (or stand-in) on this map."""
        a = self.asset.get("anchors", {}).get(iso)
        return (a["lon"], a["lat"]) if a else None

    # ------------------------------------------------------------ drawing
    def _render_base(self, rect: pygame.Rect, model: ClientModel) -> pygame.Surface:
        surf = pygame.Surface(rect.size)
        surf.fill(theme.SEA)
        local = pygame.Rect(0, 0, rect.w, rect.h)
        project = self._projector(local)
        owners = {iso: a for a, iso in self.iso_of(model).items()}
        for c in self.asset["countries"]:
            actor = owners.get(c["iso"])
            fill: tuple[int, ...] = theme.LAND
            if actor:
                col = theme.hex_colour(model.colour(actor))
                fill = tuple(int(0.45 * x + 0.55 * y) for x, y in zip(col, theme.LAND, strict=True))
            for ring in c["rings"]:
                pts = [project(x, y) for x, y in ring]
                if len(pts) >= 3:
                    pygame.draw.polygon(surf, fill, pts)
                    pygame.draw.polygon(surf, theme.LAND_EDGE, pts, 1)
        small = theme.font(12)
        self.name_rects = []
        for iso, actor in owners.items():
            pos = self.anchor(iso)
            if pos is None:
                continue
            x, y = project(*pos)
            pygame.draw.circle(surf, theme.TEXT, (x, y), 3)
            label = small.render(model.name(actor), True, theme.TEXT)
            lx = min(max(2, x + 5), rect.w - label.get_width() - 2)
            surf.blit(label, (lx, y - 15))
            self.name_rects.append(label.get_rect(topleft=(lx, y - 15)))
        return surf

    def draw(self, screen: pygame.Surface, rect: pygame.Rect, model: ClientModel) -> None:
        """Blit the cached base map and this month's overlays into ``rect``."""
        key = (rect.size, tuple(self.iso_of(model).items()))
        if self._base is None or key != self._base_key:
            self._base = self._render_base(rect, model)
            self._base_key = key
        self.rect = rect
        screen.blit(self._base, rect.topleft)
        project = self._projector(rect)
        prev = screen.get_clip()
        screen.set_clip(rect)
        try:
            self._draw_pressure(screen, project, model)
            self._draw_signals(screen, project, model)
            self._draw_summits(screen, project, model)
        finally:
            screen.set_clip(prev)
        pygame.draw.rect(screen, theme.PANEL_EDGE, rect, 1)

    def _draw_pressure(self, screen: pygame.Surface, project: Any, model: ClientModel) -> None:
        sanctions = model.info.get("sanctions") or {}
        target = sanctions.get("target")
        iso = self.iso_of(model).get(target or "")
        values = (model.view or {}).get("variables", {})
        p = values.get("pressure")
        if not iso or p is None:
            return
        low, high = (p["low"], p["high"]) if isinstance(p, dict) else (p, p)
        width = max(1, round((low + high) / 2 / 100 * 7))
        for c in self.asset["countries"]:
            if c["iso"] != iso:
                continue
            for ring in c["rings"]:
                pts = [project(x, y) for x, y in ring]
                pygame.draw.polygon(screen, theme.VERMILION, pts, width)
        pos = self.anchor(iso)
        if pos:
            rng = f"{low:.0f}" if low == high else f"{low:.0f}–{high:.0f}"
            label = theme.text(f"Sanctions pressure {rng}", 12, theme.VERMILION, True)
            box = self.free_spot(label.get_rect().inflate(6, 2), project(*pos))
            pygame.draw.rect(screen, theme.SEA, box)
            screen.blit(label, label.get_rect(center=box.center))
            self.pressure_rect = box

    def free_spot(self, box: pygame.Rect, at: Point) -> pygame.Rect:
        """``box`` moved near the screen point ``at`` where it covers no country's name.

        Tries below, above, right and left of the point (inside the map); the first spot
        that overlaps no name label wins, else the first one.
        """
        x, y = int(at[0]), int(at[1])
        names = [r.move(self.rect.topleft) for r in self.name_rects]
        w, h = box.size
        corners = [
            (x - w // 2, y + 8),
            (x - w // 2, y - 20 - h),
            (x + 12, y + 4),
            (x - 12 - w, y - h // 2),
            (x - w // 2, y + 26),
        ]
        spots = [pygame.Rect(cx, cy, w, h) for cx, cy in corners]
        spots = [r.clamp(self.rect.inflate(-4, -4)) for r in spots]
        for r in spots:
            if r.collidelist(names) == -1:
                return r
        return spots[0]

    def _last_month(self, model: ClientModel) -> int:
        view = model.view or {}
        return int(view.get("month", 1)) - (0 if view.get("phase") == "over" else 1)

    def _draw_signals(self, screen: pygame.Surface, project: Any, model: ClientModel) -> None:
        view = model.view or {}
        month = self._last_month(model)
        isos = self.iso_of(model)
        signals = model.info.get("signals", {})
        sites = list(self.asset.get("sites", {}).values())
        n = 0
        for item in view.get("news", []):
            if item.get("kind") != "signal" or item.get("month") != month:
                continue
            sig = signals.get(item.get("signal"), {})
            actor = item.get("actor")
            start_ll = self.anchor(isos.get(actor, ""))
            if start_ll is None or sig.get("rung", 0) < 1:
                continue
            if sites and isos.get(actor) == "PRK":
                site = sites[n % len(sites)]
                start_ll = (site["lon"], site["lat"])
            target_ll = self.anchor(isos.get(item.get("target") or "", "")) or (
                start_ll[0] + 9,
                start_ll[1] - 1,
            )
            # toward the target, but the arc lands in the sea part-way there
            reach = min(0.55, 0.12 + 0.08 * sig.get("rung", 1))
            end_ll = (
                start_ll[0] + (target_ll[0] - start_ll[0]) * reach + 2.0,
                start_ll[1] + (target_ll[1] - start_ll[1]) * reach,
            )
            a, b = project(*start_ll), project(*end_ll)
            height = 18 + 8 * sig.get("rung", 1)
            pts = []
            for i in range(21):
                t = i / 20
                x = a[0] + (b[0] - a[0]) * t
                y = a[1] + (b[1] - a[1]) * t - height * 4 * t * (1 - t)
                pts.append((x, y))
            pygame.draw.lines(screen, theme.ORANGE, False, pts, 3)
            pygame.draw.circle(screen, theme.YELLOW, b, 5, 2)
            label = theme.text(sig.get("name", "signal"), 12, theme.ORANGE, True)
            screen.blit(label, (pts[10][0] - label.get_width() // 2, pts[10][1] - 16))
            n += 1

    def _draw_summits(self, screen: pygame.Surface, project: Any, model: ClientModel) -> None:
        view = model.view or {}
        month = int(view.get("month", 1))
        isos = self.iso_of(model)
        for ag in view.get("agreements", []):
            if not ag.get("summit") or ag.get("month") not in (month, month - 1):
                continue
            anchors = [self.anchor(isos.get(p, "")) for p in ag["parties"]]
            pts = [project(*a) for a in anchors if a]
            for i in range(len(pts) - 1):
                pygame.draw.line(screen, theme.SKY, pts[i], pts[i + 1], 3)
            if len(pts) >= 2:
                mid = ((pts[0][0] + pts[1][0]) // 2, (pts[0][1] + pts[1][1]) // 2)
                label = theme.text("Summit", 12, theme.SKY, True)
                screen.blit(label, (mid[0] - label.get_width() // 2, mid[1] - 16))
