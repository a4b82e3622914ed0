"""Palette, fonts and text fitting shared by every screen.

Colours are the Okabe-Ito palette (safe for the common forms of colour blindness);
meaning is never carried by colour alone (intel is also marked with a word, tension by
the rung's name). Text is always fitted to its box: :func:`fit` shortens it with an
ellipsis and :func:`wrap` breaks it into lines that fit a width.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pygame

from game.resources import data_dir

ASSETS = data_dir("assets")
THEME = ASSETS / "theme.json"
MAP = ASSETS / "map_northeast_asia.json"

# Okabe-Ito
BLACK = (0, 0, 0)
ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILION = (213, 94, 0)
PURPLE = (204, 121, 167)
OKABE_ITO = (ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILION, PURPLE)

BG = (17, 21, 27)
PANEL = (27, 33, 42)
PANEL_EDGE = (43, 51, 64)
TEXT = (235, 238, 242)
MUTED = (150, 160, 172)
SEA = (22, 36, 52)
LAND = (52, 60, 70)
LAND_EDGE = (90, 100, 112)

# Tension rungs from calm to brink: a sequential scale (luminance also changes).
RUNG_COLOURS = (GREEN, SKY, YELLOW, ORANGE, VERMILION)


def hex_colour(text: str, default: tuple[int, int, int] = MUTED) -> tuple[int, int, int]:
    """'#0072B2' -> (0, 114, 178); a bad string gives ``default``."""
    try:
        value = text.lstrip("#")
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except (ValueError, IndexError, AttributeError):
        return default


MAP_SHADE = 0.72
"""How much of an actor's colour its country's fill keeps on the map: the same hue,
darker, never mixed with the grey of other land (orange mixed with grey reads olive)."""


def map_fill(colour: str) -> tuple[int, int, int]:
    """The fill of an actor's country on the map: its colour darkened, hue kept.

    >>> map_fill("#E69F00")
    (174, 120, 6)
    """
    r, g, b = hex_colour(colour)
    return (round(r * MAP_SHADE + 8), round(g * MAP_SHADE + 6), round(b * MAP_SHADE + 6))


def rung_colour(index: int, count: int) -> tuple[int, int, int]:
    """The colour of rung ``index`` of ``count`` (spread over the calm..brink scale)."""
    if count <= 1:
        return RUNG_COLOURS[0]
    pos = round(index * (len(RUNG_COLOURS) - 1) / (count - 1))
    return RUNG_COLOURS[pos]


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """The UI font (Noto Sans, shipped with pygame_gui; pygame's default otherwise)."""
    import pygame_gui

    data = Path(pygame_gui.__file__).parent / "data"
    path = data / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
    try:
        return pygame.font.Font(str(path), size)
    except (FileNotFoundError, OSError):
        return pygame.font.Font(None, size + 4)


def fit(text: str, fnt: pygame.font.Font, width: int) -> str:
    """``text`` shortened with an ellipsis so that it renders within ``width`` pixels."""
    if width <= 0:
        return ""
    if fnt.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fnt.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…" if lo else ""


def wrap(text: str, fnt: pygame.font.Font, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (long words are cut)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if fnt.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while fnt.size(word)[0] > width and len(word) > 1:
                cut = len(fit(word, fnt, width).rstrip("…")) or 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


_TEXT_CACHE: dict[tuple[str, int, bool, tuple[int, int, int]], pygame.Surface] = {}


def text(
    s: str, size: int = 14, colour: tuple[int, int, int] = TEXT, bold: bool = False
) -> pygame.Surface:
    """A rendered (and cached) line of text."""
    key = (s, size, bold, colour)
    surf = _TEXT_CACHE.get(key)
    if surf is None:
        if len(_TEXT_CACHE) > 4000:
            _TEXT_CACHE.clear()
        surf = font(size, bold).render(s, True, colour)
        _TEXT_CACHE[key] = surf
    return surf


def reset_caches() -> None:
    """Forget cached fonts and text (after ``pygame.quit``)."""
    font.cache_clear()
    _TEXT_CACHE.clear()
