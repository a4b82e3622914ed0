"""The client's pygame_gui theme finds each widget's theme ids by its id lists (pygame_gui's
own key was a string of megabytes per widget): every widget of the game screen and of
the proposal composer gets the ids pygame_gui itself builds for it."""

from __future__ import annotations

from typing import Any

from pygame_gui.core.resource_loaders import BlockingThreadedResourceLoader
from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme

from game.client.driver import find_button
from game.client.ui import Theme


def test_every_widget_gets_the_ids_pygame_gui_builds(play: Any, ui: Any) -> None:
    app = play("us")
    ui.past_briefing(app)
    ui.click(app, app.game.tab_buttons["deals"])
    ui.click(app, find_button(app, "#propose"))
    ui.step_until(app, lambda: app.composer is not None)
    theme = app.manager.get_theme()
    assert isinstance(theme, Theme)
    plain = UIAppearanceTheme(BlockingThreadedResourceLoader(), "en")
    widgets = [el for el in app.manager.get_sprite_group().sprites() if hasattr(el, "class_ids")]
    assert len(widgets) > 50
    for el in widgets:
        ids = (el.element_base_ids, el.element_ids, el.class_ids, el.object_ids)
        assert el.combined_element_ids == plain.build_all_combined_ids(*ids), ids
        assert theme.build_all_combined_ids(*ids) == el.combined_element_ids
    # a hierarchy seen again is found again; a different one is not mistaken for it
    ids = (["button"], ["button"], ["@a"], ["#b"])
    first = theme.build_all_combined_ids(*ids)
    assert theme.build_all_combined_ids(["button"], ["button"], ["@a"], ["#b"]) is first
    other = theme.build_all_combined_ids(["button"], ["button"], ["@a"], ["#c"])
    assert other == plain.build_all_combined_ids(["button"], ["button"], ["@a"], ["#c"])
    assert first == plain.build_all_combined_ids(*ids)
