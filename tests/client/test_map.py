"""The map after North Korea's missile test, at 1280x800 and 1024x640: every label can be
read (none covers another, all inside the map), the United States has a labelled box at
the edge toward it, and the countries that are not actors are named too."""

from __future__ import annotations

import itertools
from typing import Any

import pygame

from game.client import theme


def test_the_map_labels_cover_each_other_nowhere(play: Any, ui: Any) -> None:
    app = play("dprk", bot="historical")
    m = app.model
    ui.past_briefing(app)
    ui.click(app, app.game.ready_button)
    ui.step_until(
        app, lambda: m.view["phase"] == "orders" and "srbm_test" in app.game.signal_buttons
    )
    ui.click(app, app.game.signal_buttons["srbm_test"])
    ui.step_until(app, lambda: "japan" in app.game.target_buttons)
    ui.click(app, app.game.target_buttons["japan"])
    ui.step_until(app, lambda: m.draft_signals() == [{"signal": "srbm_test", "target": "japan"}])
    ui.click(app, app.game.ready_button)
    ui.step_until(app, lambda: m.view["month"] == 2, 30)
    # the month's summary opens over the screen: read, then closed
    ui.step_until(app, lambda: app.interrupts.window is not None)
    ui.click(app, app.interrupts.window.dismiss_button)
    ui.step_until(app, lambda: not app.interrupts.open_windows())
    for size in ((1280, 800), (1024, 640)):
        app.resize(size)
        app.model.revision += 1
        for _ in range(3):
            app.step()
        mv = app.map
        labels = mv.label_rects
        # the names, the US box, the sanctions pressure and the missile test's label
        assert len(mv.overlay_rects) >= 2, size
        assert len(labels) >= len(m.actor_ids) + 2, size
        for a, b in itertools.combinations(labels, 2):
            assert not a.colliderect(b), f"{size}: label {a} covers {b}"
        for r in labels:
            assert mv.rect.contains(r), f"{size}: label {r} leaves the map {mv.rect}"
        assert "Mongolia" in mv.label_texts
        assert "United States" in mv.label_texts and "USA" in mv.insets
        box = mv.insets["USA"].move(mv.rect.topleft)
        # the box is drawn in the US colour: its border pixels are the actor's colour
        border = app.surface.get_at((box.centerx, box.top))[:3]
        assert border == theme.hex_colour(m.colour("us")), (size, border)
        # China's fill is its colour darkened, not mixed with the grey of other land
        x, y = app.map._projector(mv.rect)(112.0, 34.0)  # inland China
        assert app.surface.get_at((x, y))[:3] == theme.map_fill(m.colour("china"))
    pygame.event.clear()
