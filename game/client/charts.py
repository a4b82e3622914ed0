"""Line charts drawn with pygame: a value (or an estimated range) over the months."""

from __future__ import annotations

from typing import Any

import pygame

from game.client import theme


def series(history: list[dict[str, Any]], key: str) -> list[tuple[float, float] | None]:
    """(low, high) per month of ``key`` in a view's history; None where unknown."""
    out: list[tuple[float, float] | None] = []
    for snap in history:
        v = snap.get(key)
        if isinstance(v, dict):
            out.append((float(v["low"]), float(v["high"])))
        elif isinstance(v, int | float):
            out.append((float(v), float(v)))
        else:
            out.append(None)
    return out


def draw_chart(
    screen: pygame.Surface,
    rect: pygame.Rect,
    title: str,
    values: list[tuple[float, float] | None],
    labels: list[str],
    colour: tuple[int, int, int],
    bands: list[tuple[float, str, tuple[int, int, int]]] | None = None,
    top: float = 100.0,
) -> None:
    """A titled line chart in ``rect``; ranges are drawn as a shaded band."""
    pygame.draw.rect(screen, theme.PANEL, rect)
    pygame.draw.rect(screen, theme.PANEL_EDGE, rect, 1)
    screen.blit(
        theme.text(theme.fit(title, theme.font(14, True), rect.w - 16), 14, theme.TEXT, True),
        (rect.x + 8, rect.y + 6),
    )
    plot = pygame.Rect(rect.x + 40, rect.y + 30, rect.w - 56, rect.h - 56)
    if plot.w < 20 or plot.h < 20:
        return
    for start, _name, col in bands or []:
        y = plot.bottom - plot.h * start / top
        pygame.draw.line(screen, col, (plot.x, y), (plot.right, y), 1)
    for tick in (0, top / 2, top):
        y = plot.bottom - plot.h * tick / top
        screen.blit(theme.text(f"{tick:.0f}", 11, theme.MUTED), (rect.x + 6, y - 7))
    pygame.draw.line(screen, theme.MUTED, plot.bottomleft, plot.bottomright)
    pygame.draw.line(screen, theme.MUTED, plot.bottomleft, plot.topleft)
    n = max(2, len(values))

    def xy(i: int, v: float) -> tuple[float, float]:
        return (plot.x + plot.w * i / (n - 1), plot.bottom - plot.h * max(0.0, min(top, v)) / top)

    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) >= 2 and any(lo != hi for _, (lo, hi) in known):
        band = [xy(i, hi) for i, (lo, hi) in known] + [xy(i, lo) for i, (lo, hi) in reversed(known)]
        shade = pygame.Surface(screen.get_size(), pygame.SRCALPHA)
        pygame.draw.polygon(shade, (*colour, 70), band)
        screen.blit(shade, (0, 0))
    mids = [xy(i, (lo + hi) / 2) for i, (lo, hi) in known]
    if len(mids) >= 2:
        pygame.draw.lines(screen, colour, False, mids, 3)
    for p in mids:
        pygame.draw.circle(screen, colour, p, 4)
    draw_band_labels(screen, plot, bands or [], mids, top)
    for i, short in ticks(labels, theme.font(11), plot.w, n):
        surf = theme.text(short, 11, theme.MUTED)
        x, _ = xy(i, 0)
        left = max(rect.x + 2, min(rect.right - 2 - surf.get_width(), x - surf.get_width() // 2))
        screen.blit(surf, (left, plot.bottom + 4))


def draw_band_labels(
    screen: pygame.Surface,
    plot: pygame.Rect,
    bands: list[tuple[float, str, tuple[int, int, int]]],
    line: list[tuple[float, float]],
    top: float,
) -> list[pygame.Rect]:
    """Each band's name just above its line, on a panel-coloured chip, at the right end of
    the plot, or at the left end when the data line passes the right-hand spot (so a name
    never hides the line or is hidden by it). Returns the chips drawn."""
    chips = []
    for start, name, col in bands:
        surf = theme.text(name, 11, col)
        y = plot.bottom - plot.h * start / top - surf.get_height() - 1
        chip = pygame.Rect(
            plot.right - surf.get_width() - 4, y, surf.get_width() + 4, surf.get_height()
        )
        if any(chip.inflate(8, 8).collidepoint(p) for p in line) or _crosses(chip, line):
            chip.x = plot.x + 2
        pygame.draw.rect(screen, theme.PANEL, chip)
        screen.blit(surf, (chip.x + 2, chip.y))
        chips.append(chip)
    return chips


def _crosses(chip: pygame.Rect, line: list[tuple[float, float]]) -> bool:
    """Whether a segment of ``line`` passes through ``chip``."""
    return any(chip.clipline(a, b) for a, b in zip(line, line[1:], strict=False))


def ticks(
    labels: list[str], fnt: pygame.font.Font, width: int, points: int | None = None
) -> list[tuple[int, str]]:
    """(index, text) of the x-axis labels to draw: each label's first word ('Start',
    'April'), every ``step``-th one so that no two overlap on an axis ``width`` wide."""
    if not labels:
        return []
    words = [lab.split(" ")[0] for lab in labels]
    gap = width / max(1, (points or len(labels)) - 1)
    widest = max(fnt.size(w)[0] for w in words) + 8
    step = 1
    while step < len(words) and gap * step < widest:
        step += 1
    return [(i, w) for i, w in enumerate(words) if i % step == 0]
