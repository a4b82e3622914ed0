"""The map of Northeast Asia, drawn from the Natural Earth asset, with signals on it.

The base map (sea, countries, borders, capitals) is rendered once per size and cached;
each frame blits it and draws the overlays: a missile test's arc from a launch site
toward the sea, a summit's line between two capitals, sanctions pressure as a border
whose width grows with the pressure. Countries are matched to actors by the asset's
``actor_iso`` table or by name, so a scenario with other actors still gets a map.

Every label is placed where it covers no other: the countries' names (actors' in white,
the rest muted), an actor whose country lies off the map in a labelled box at the edge
toward it (the United States, across the Pacific), and the overlays' labels.
``label_rects`` holds them all as last drawn.
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
        self.insets: dict[str, pygame.Rect] = {}  # ISO -> box of an off-map actor, map-local
        self.overlay_rects: list[pygame.Rect] = []  # the overlays' labels, as last drawn
        self.label_texts: list[str] = []  # the base map's labels' texts
        self._names: list[tuple[pygame.Surface, pygame.Rect]] = []  # name labels, map-local

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
        on_map = {c["iso"] for c in self.asset["countries"]}
        for c in self.asset["countries"]:
            actor = owners.get(c["iso"])
            fill = theme.map_fill(model.colour(actor)) if actor else theme.LAND
            for ring in c["rings"]:
                pts = [project(x, y) for x, y in ring]
                if len(pts) >= 3:
                    pygame.draw.polygon(surf, fill, pts)
                    pygame.draw.polygon(surf, theme.LAND_EDGE, pts, 1)
        self.name_rects, self.insets, self.label_texts, self._names = [], {}, [], []
        taken: list[pygame.Rect] = []
        # actors off the map: a labelled box at the edge toward them
        for iso, actor in owners.items():
            pos = self.anchor(iso)
            if iso in on_map or pos is None:
                continue
            box = self._inset(surf, local, project(*pos), model, actor, iso)
            self.insets[iso] = box
            taken.append(box)
        # capitals first (the dots), then the names where they cover nothing
        names = {c["iso"]: c["name"] for c in self.asset["countries"]}
        labels = [(iso, model.name(a), theme.TEXT) for iso, a in owners.items() if iso in on_map]
        labels += [
            (iso, names[iso], theme.MUTED)
            for iso in self.asset.get("anchors", {})
            if iso in on_map and iso not in owners and iso in names
        ]
        dots = []
        for iso, _, _ in labels:
            pos = self.anchor(iso)
            if pos is not None:
                x, y = project(*pos)
                pygame.draw.circle(surf, theme.TEXT, (x, y), 3)
                dots.append(pygame.Rect(x - 3, y - 3, 7, 7))
        for iso, name, colour in labels:
            pos = self.anchor(iso)
            if pos is None:
                continue
            x, y = project(*pos)
            label = theme.text(name, 12, colour)
            box = label.get_rect(bottomleft=(x + 5, y - 2)).inflate(4, 0)
            box = place(box, (x, y), local, taken + dots)
            backing = pygame.Surface(box.size, pygame.SRCALPHA)
            backing.fill((*theme.SEA, 170))
            backing.blit(label, label.get_rect(center=backing.get_rect().center))
            self._names.append((backing, box))  # drawn over the overlays, each frame
            taken.append(box)
            self.name_rects.append(box)
            self.label_texts.append(name)
        return surf

    def _inset(
        self,
        surf: pygame.Surface,
        local: pygame.Rect,
        at: tuple[int, int],
        model: ClientModel,
        actor: str,
        iso: str,
    ) -> pygame.Rect:
        """Draw the box of an actor whose country is off the map, at the map's edge nearest
        its anchor: a swatch of its colour, its name, and where it lies (the asset's
        anchor name, 'to Washington'). Returns the box, map-local."""
        name = theme.text(model.name(actor), 12, theme.TEXT, True)
        where = str(self.asset.get("anchors", {}).get(iso, {}).get("name", ""))
        sub = theme.text(where, 11, theme.MUTED) if where else None
        w = max(name.get_width(), sub.get_width() if sub else 0) + 26
        h = 36 if sub else 22
        box = pygame.Rect(0, 0, w, h)
        box.center = at
        box = box.clamp(local.inflate(-8, -8))
        pygame.draw.rect(surf, theme.PANEL, box, border_radius=4)
        pygame.draw.rect(surf, theme.hex_colour(model.colour(actor)), box, 2, border_radius=4)
        swatch = pygame.Rect(box.x + 6, box.y + 6, 10, 10)
        pygame.draw.rect(surf, theme.map_fill(model.colour(actor)), swatch)
        surf.blit(name, (box.x + 20, box.y + 3))
        self.label_texts.append(model.name(actor))
        if sub:
            surf.blit(sub, (box.x + 20, box.y + 19))
            self.label_texts.append(where)
        return box

    def point_of(self, iso: str, project: Any) -> tuple[int, int] | None:
        """Where arcs and lines to a country start or end: its capital, or the middle of
        its box when it is off the map."""
        box = self.insets.get(iso)
        if box is not None:
            return box.move(self.rect.topleft).center
        pos = self.anchor(iso)
        return project(*pos) if pos else None

    @property
    def label_rects(self) -> list[pygame.Rect]:
        """Every label on the map as last drawn (names, boxes, overlays), in window
        coordinates."""
        base = [r.move(self.rect.topleft) for r in [*self.name_rects, *self.insets.values()]]
        return base + list(self.overlay_rects)

    def draw(self, screen: pygame.Surface, rect: pygame.Rect, model: ClientModel) -> None:
        """Blit the cached base map and this month's overlays into ``rect``."""
        key = (rect.size, tuple(self.iso_of(model).items()))
        if self._base is None or key != self._base_key:
            self._base = self._render_base(rect, model)
            self._base_key = key
        self.rect = rect
        self.overlay_rects = []
        screen.blit(self._base, rect.topleft)
        project = self._projector(rect)
        prev = screen.get_clip()
        screen.set_clip(rect)
        try:
            self._draw_pressure(screen, project, model)
            self._draw_signals(screen, project, model)
            self._draw_summits(screen, project, model)
            for label, box in self._names:  # names stay readable over arcs and lines
                screen.blit(label, box.move(rect.topleft))
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
            self.overlay_rects.append(box)

    def free_spot(self, box: pygame.Rect, at: Point) -> pygame.Rect:
        """``box`` moved near the screen point ``at`` where it covers no other label (the
        countries' names, the off-map boxes, the overlays drawn before it), inside the map."""
        x, y = int(at[0]), int(at[1])
        return place(box.move(x - box.x, y - box.y), (x, y), self.rect, self.label_rects)

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
            a = project(*start_ll)
            target = self.point_of(isos.get(item.get("target") or "", ""), project) or (
                project(start_ll[0] + 9, start_ll[1] - 1)
            )
            # toward the target, but the arc lands in the sea part-way there
            reach = min(0.55, 0.12 + 0.08 * sig.get("rung", 1))
            east = project(start_ll[0] + 2.0, start_ll[1])[0] - a[0]
            b = (
                round(a[0] + (target[0] - a[0]) * reach + east),
                round(a[1] + (target[1] - a[1]) * reach),
            )
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
            box = self.free_spot(label.get_rect().inflate(6, 2), pts[10])
            apex = (round(pts[10][0]), round(pts[10][1]))
            if not box.collidepoint(apex):  # a leader from the label to its arc
                edge = (
                    max(box.left, min(apex[0], box.right)),
                    max(box.top, min(apex[1], box.bottom)),
                )
                pygame.draw.line(screen, theme.ORANGE, edge, apex, 1)
            pygame.draw.rect(screen, theme.SEA, box)
            screen.blit(label, label.get_rect(center=box.center))
            self.overlay_rects.append(box)
            n += 1

    def _draw_summits(self, screen: pygame.Surface, project: Any, model: ClientModel) -> None:
        view = model.view or {}
        month = int(view.get("month", 1))
        isos = self.iso_of(model)
        for ag in view.get("agreements", []):
            if not ag.get("summit") or ag.get("month") not in (month, month - 1):
                continue
            points = [self.point_of(isos.get(p, ""), project) for p in ag["parties"]]
            pts = [pt for pt in points if pt]
            for i in range(len(pts) - 1):
                pygame.draw.line(screen, theme.SKY, pts[i], pts[i + 1], 3)
            if len(pts) >= 2:
                mid = ((pts[0][0] + pts[1][0]) // 2, (pts[0][1] + pts[1][1]) // 2)
                label = theme.text("Summit", 12, theme.SKY, True)
                box = self.free_spot(label.get_rect().inflate(6, 2), mid)
                pygame.draw.rect(screen, theme.SEA, box)
                screen.blit(label, label.get_rect(center=box.center))
                self.overlay_rects.append(box)


def place(
    box: pygame.Rect, at: tuple[int, int], inside: pygame.Rect, taken: list[pygame.Rect]
) -> pygame.Rect:
    """``box`` moved near the point ``at`` (right-above, right, above, below, left, then
    further out) to the first spot inside ``inside`` that overlaps nothing in ``taken``;
    the first spot when none is free."""
    x, y = at
    w, h = box.size
    spots = []
    for d in (0, 10, 22, 36):
        spots += [
            (x + 5 + d, y - h - 2),
            (x + 6 + d, y - h // 2),
            (x - w // 2, y - h - 8 - d),
            (x - w // 2, y + 6 + d),
            (x - w - 6 - d, y - h // 2),
            (x - w - 5 - d, y - h - 2),
            (x + 5 + d, y + 4),
            (x - w - 5 - d, y + 4),
        ]
    rects = [pygame.Rect(cx, cy, w, h).clamp(inside.inflate(-4, -4)) for cx, cy in spots]
    for r in rects:
        if r.collidelist(taken) == -1:
            return r
    return rects[0]
