"""Text the client draws: every character exists in the bundled font, axis labels fit."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.client import theme
from game.client.charts import draw_band_labels, ticks

CLIENT = Path(__file__).resolve().parents[2] / "game" / "client"


@pytest.fixture(autouse=True)
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    theme.reset_caches()


def drawn_strings() -> Iterator[tuple[str, str]]:
    """(file, text) of every string literal in the client that is not a docstring."""
    for path in sorted(CLIENT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                yield path.name, node.value


def test_every_character_the_client_writes_is_in_the_bundled_font() -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")
    import pygame_gui

    data = Path(pygame_gui.__file__).parent / "data"
    for face in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        cmap = ttlib.TTFont(str(data / face)).getBestCmap()
        missing = {
            (name, ch)
            for name, text in drawn_strings()
            for ch in text
            if ord(ch) > 127 and ord(ch) not in cmap
        }
        assert not missing, f"{face} has no glyph for {sorted(missing)}"


def test_the_first_axis_label_reads_start_in_full() -> None:
    labels = ["Start", "April 2019", "May 2019", "June 2019", "July 2019"]
    shown = ticks(labels, theme.font(11), 600)
    assert shown[0] == (0, "Start")
    assert [t for _, t in shown] == ["Start", "April", "May", "June", "July"]


@pytest.mark.parametrize("width", [200, 400, 700])
def test_axis_labels_never_overlap(width: int) -> None:
    months = ["Start"] + [f"{m} 2019" for m in ("April", "May", "June", "July", "August")]
    months += [f"{m} 2019" for m in ("September", "October", "November", "December")]
    fnt = theme.font(11)
    shown = ticks(months, fnt, width)
    gap = width / (len(months) - 1)
    spans = [(i * gap - fnt.size(t)[0] / 2, i * gap + fnt.size(t)[0] / 2) for i, t in shown]
    assert shown[0] == (0, "Start")
    for (_, right), (left, _) in zip(spans, spans[1:], strict=False):
        assert right < left


def test_band_names_move_off_the_data_line() -> None:
    screen = pygame.Surface((400, 300))
    plot = pygame.Rect(40, 30, 340, 240)
    bands = [(40.0, "Crisis", (200, 200, 0)), (80.0, "Brink", (200, 0, 0))]
    # The line ends right on the "Crisis" line, under where its name would go.
    y40 = plot.bottom - plot.h * 0.4
    line = [(float(plot.x), y40 + 30), (float(plot.right), y40 - 3)]
    crisis, brink = draw_band_labels(screen, plot, bands, line, 100.0)
    assert crisis.x == plot.x + 2  # moved to the left end
    assert not any(crisis.clipline(a, b) for a, b in zip(line, line[1:], strict=False))
    assert brink.right == plot.right  # nothing in the way: stays at the right end
    assert crisis.bottom <= y40 and brink.bottom <= plot.bottom - plot.h * 0.8
