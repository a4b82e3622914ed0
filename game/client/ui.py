"""Small helpers around pygame_gui: a screen base class and HTML-safe text."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme


def esc(s: Any) -> str:
    """Text made safe for a pygame_gui text box."""
    return html.escape(str(s), quote=False)


def signed(x: float) -> str:
    """A change with its sign, as a reader writes it: '+5', '−2' (a minus sign), '0'.

    >>> signed(5), signed(-2), signed(0), signed(0.5)
    ('+5', '−2', '0', '+0.5')
    """
    if x > 0:
        return f"+{x:g}"
    if x < 0:
        return f"\u2212{-x:g}"
    return "0"


def oid(class_id: str | None = None, object_id: str | None = None) -> ObjectID:
    """A theme object id, e.g. ``oid('@option', '#lever.aid.food')``."""
    return ObjectID(class_id=class_id, object_id=object_id)


def on_click(fn: Callable[..., Any], *args: Any) -> Callable[[], None]:
    """A button command that calls ``fn(*args)``, and only that.

    pygame_gui hands a command that takes one parameter its event data
    (``{'mouse_button': 1}``), so ``partial(set_signal, 'srbm_test')`` of a
    ``set_signal(signal, target=None)`` was called with that dict as the target. Every
    button of the client goes through this helper: its command takes no parameter, so
    pygame_gui never passes it anything.
    """

    def command() -> None:
        fn(*args)

    return command


IdLists = list[str | None] | None


class Theme(UIAppearanceTheme):
    """pygame_gui's theme, with the theme ids of an element looked up by its id lists.

    pygame_gui keys that look-up by ``str(a).join(str(b).join(str(c)).join(str(d)))``, a
    string as long as the product of the four lists' lengths: megabytes for a button a few
    containers deep, built and hashed for every element made, which was 40% of the time
    of rebuilding the composer. The lists returned are pygame_gui's own, made once per
    distinct hierarchy.
    """

    def __init__(self, resource_loader: Any, locale: str) -> None:
        super().__init__(resource_loader, locale)
        self._ids_by_lists: dict[tuple[Any, ...], list[str]] = {}

    def build_all_combined_ids(
        self,
        element_base_ids: IdLists,
        element_ids: list[str] | None,
        class_ids: IdLists,
        object_ids: IdLists,
    ) -> list[str]:
        """The element's combined ids, most specific first (as pygame_gui's)."""
        key = tuple(
            None if ids is None else tuple(ids)
            for ids in (element_base_ids, element_ids, class_ids, object_ids)
        )
        found = self._ids_by_lists.get(key)
        if found is None:
            found = super().build_all_combined_ids(
                element_base_ids, element_ids, class_ids, object_ids
            )
            self._ids_by_lists[key] = found
        return found


class Manager(pygame_gui.UIManager):
    """pygame_gui's UI manager with the :class:`Theme` above."""

    def create_new_theme(self, theme_path: Any = None) -> UIAppearanceTheme:
        """A new :class:`Theme`, loaded from ``theme_path`` when given."""
        theme = Theme(self.resource_loader, self.get_locale())  # type: ignore[no-untyped-call]
        if theme_path is not None:
            theme.load_theme(theme_path)
        return theme


ENTRY_H = 20  # the height of one entry of an opened drop-down list (pygame_gui's)


def place_list(menu: Any, holder: pygame.Rect | None = None) -> None:
    """Make a drop-down menu open its list where it has room in ``holder`` (the window or
    panel that would clip it; by default the container the menu sits in): downwards when
    the whole list fits below, else on the side with more room, as tall as that room."""
    if holder is None:
        holder = menu.ui_container.get_container().get_rect()
    need = ENTRY_H * len(menu.options_list) + 8
    below = holder.bottom - menu.rect.bottom - 4
    above = menu.rect.top - holder.top - 4
    up = need > below and above > below
    menu.expansion_height_limit = max(ENTRY_H + 8, above if up else below)
    direction = "up" if up else "down"
    if menu.expand_direction != direction:
        menu.expand_direction = direction
        for state in menu.menu_states.values():
            state.expand_direction = direction
        menu.current_state.finish()
        menu.current_state.start()


def menu_open(manager: pygame_gui.UIManager) -> bool:
    """Whether a drop-down menu of the window has its list open (a rebuild would close it
    under the user's mouse)."""
    from pygame_gui.elements import UIDropDownMenu

    return any(
        isinstance(el, UIDropDownMenu)
        and el.alive()  # type: ignore[no-untyped-call]
        and el.current_state is el.menu_states["expanded"]
        for el in manager.get_sprite_group().sprites()
    )


class Screen:
    """A screen owns the pygame_gui elements it creates and rebuilds them on demand."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.manager: pygame_gui.UIManager = app.manager
        self.elements: list[Any] = []
        self.built_for: tuple[Any, ...] = ()

    bottom_margin = 0
    """Pixels kept free at the bottom for the screen's buttons (messages go above)."""

    def keep(self, element: Any) -> Any:
        """Remember an element so :meth:`clear` kills it."""
        self.elements.append(element)
        return element

    def clear(self) -> None:
        """Kill every element this screen made."""
        for e in self.elements:
            e.kill()
        self.elements = []

    def key(self) -> tuple[Any, ...]:
        """What the widgets depend on; a change rebuilds them."""
        return (self.app.size,)

    def refresh(self) -> None:
        """Rebuild the widgets if what they show changed."""
        key = self.key()
        if key != self.built_for:
            if key[:1] == self.built_for[:1] and menu_open(self.manager):
                return  # the same window: built again once the open list is closed
            self.save()
            self.clear()
            self.build()
            self.built_for = key

    def save(self) -> None:
        """Keep what the user typed before the widgets are rebuilt."""

    def build(self) -> None:
        """Create the widgets."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget (called before the widgets are drawn)."""

    def handle(self, event: pygame.event.Event) -> bool:
        """Handle an event; True if used."""
        return False

    def close(self) -> None:
        """Leave the screen."""
        self.clear()
