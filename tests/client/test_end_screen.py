"""The end screen's objective legend: every label fits its line and none overlap."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.client import theme
from game.client.end_screen import GAP, SWATCH, legend_lines, objective_label

RED = (200, 0, 0)


@pytest.fixture(autouse=True)
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    theme.reset_caches()


def spans(lines: list[list[tuple[int, str, tuple[int, int, int]]]]) -> list[list[range]]:
    fnt = theme.font(12)
    return [[range(x, x + SWATCH + fnt.size(label)[0]) for x, label, _ in line] for line in lines]


@pytest.mark.parametrize("width", [180, 342, 520])
def test_labels_wrap_onto_lines_within_the_width_without_overlapping(width: int) -> None:
    entries = [(f"Objective number {i} with a longish name {i * 7}", RED) for i in range(6)]
    lines = legend_lines(entries, theme.font(12), width)
    assert sum(len(line) for line in lines) == len(entries)
    for line in spans(lines):
        for span in line:
            assert span.start >= 0 and span.stop <= width
        for a, b in zip(line, line[1:], strict=False):
            assert a.stop + GAP <= b.start


def test_short_labels_share_a_line_and_keep_their_order() -> None:
    entries = [("A 1", RED), ("B 2", RED), ("C 3", RED)]
    lines = legend_lines(entries, theme.font(12), 600)
    assert [[label for _, label, _ in line] for line in lines] == [["A 1", "B 2", "C 3"]]


def test_a_label_wider_than_a_line_is_cut_with_an_ellipsis() -> None:
    long = "An objective whose name goes on and on " * 4
    lines = legend_lines([(long, RED), ("Short 3", RED)], theme.font(12), 200)
    assert len(lines) == 2
    assert lines[0][0][1].endswith("…")
    assert lines[1][0][1] == "Short 3"


def test_an_objective_label_names_secret_objectives_and_rounds_points() -> None:
    assert objective_label({"name": "Prestige", "points": 4.6}) == "Prestige 5"
    assert objective_label({"name": "Lifeline", "points": 0, "secret": True}) == (
        "Lifeline (secret) 0"
    )
