"""Drive a client window with real pygame events, for scripts and tests.

Nothing here calls a screen's handlers: a click is a mouse event posted at the centre of
a widget and handled by the app's own frame (:meth:`App.step`), a key is a ``KEYDOWN``
event, typing is ``TEXTINPUT`` events. :func:`screen_text` says in words what one frame
put on the screen, and :func:`problems` what a user would see go wrong (a refusal shown,
the connection banner). ``scripts/screenshots.py`` and ``tests/client`` use it.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import pygame

from game.client import theme


def step_until(
    app: Any,
    predicate: Callable[[], bool],
    timeout: float = 15.0,
    state: Callable[[], Any] | None = None,
) -> None:
    """Run frames until ``predicate()`` holds; fail after ``timeout`` seconds, saying
    ``state()`` (what was there instead) and the refusals the client received."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.step()
        if predicate():
            app.step()
            return
        time.sleep(0.005)
    seen = f"; instead: {state()!r}" if state is not None else ""
    refused = getattr(getattr(app, "model", None), "refusals", [])
    raise AssertionError(f"timed out waiting for {predicate}{seen}; refusals: {refused}")


def click(app: Any, element: Any) -> None:
    """A real left click at the centre of a widget: the mouse moves there, the button goes
    down and up. All three are handled in one frame, as a quick click is: a view arriving
    between them would rebuild the widgets and lose the click."""
    assert element.alive(), f"{element} is not on screen"
    pos = element.rect.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step()
    app.step()


def key(app: Any, k: int, mod: int = 0) -> None:
    """Press a key."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    app.step()


def type_text(app: Any, entry: Any, text: str) -> None:
    """Click into a text entry and type ``text`` (real TEXTINPUT events, as a keyboard)."""
    click(app, entry)
    assert entry.is_focused, f"{entry} did not take the focus"
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()
    app.step()


def pick(app: Any, menu: Any, index: int) -> str:
    """Open a drop-down menu with a click and click its ``index``-th entry; returns it."""
    menu = open_menu(app, menu)
    listing = menu.current_state.options_selection_list
    item = listing.item_list[index]
    pos = listing.rect.center
    for _ in range(60):  # an entry scrolled out of sight: the mouse wheel over the list
        button = item["button_element"]
        if button is not None and listing.rect.contains(button.rect):
            break
        shown = [i for i, x in enumerate(listing.item_list) if x["button_element"] is not None]
        down = -1 if index > max(shown, default=-1) - 1 else 1
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=down, flipped=False))
        app.step()
    click(app, item["button_element"])
    for _ in range(30):  # the list closes before the next click (it covers what is below)
        if not menu.alive() or menu.current_state is not menu.menu_states["expanded"]:
            break
        app.step()
    else:  # the entry already chosen: pygame_gui leaves the list open; a user closes it
        close_menu(app, menu)
    return str(item["text"])


def find_button(app: Any, object_id: str) -> Any:
    """The shown button whose most specific theme id ends with ``object_id`` (or None)."""
    from pygame_gui.elements import UIButton

    for el in app.manager.get_sprite_group().sprites():
        if isinstance(el, UIButton) and el.alive() and el.visible:  # type: ignore[no-untyped-call]
            if el.most_specific_combined_id.endswith(object_id):
                return el
    return None


_TAG = re.compile(r"<[^>]+>")


def screen_text(app: Any) -> str:
    """Every text one fresh frame puts on the screen, one per line: what the screen draws
    itself (``theme.text``) and what its widgets show (buttons, text boxes, entries)."""
    from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

    drawn: list[str] = []
    real = theme.text

    def spy(s: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        drawn.append(s)
        return real(s, *args, **kwargs)

    theme.text = spy
    try:
        app.model.revision += 1  # every cached surface and widget is made again
        app.step()
    finally:
        theme.text = real
    for el in app.manager.get_sprite_group().sprites():
        if not el.alive() or not el.visible:
            continue
        if isinstance(el, UITextBox):
            text = el.html_text.replace("<br>", "\n")
            drawn.append(html.unescape(_TAG.sub("", text)))
        elif isinstance(el, UIButton | UILabel):
            drawn.append(str(el.text))
        elif isinstance(el, UITextEntryLine):
            drawn.append(el.get_text())
    return "\n".join(drawn)


def problems(app: Any) -> list[str]:
    """What a user would see go wrong on the current frame: refusals shown at the bottom
    of the window, the connection banner, the refusals the connection reported."""
    out = []
    if app.error_rects:
        out.append(f"{len(app.error_rects)} refusal(s) shown: {app.model.error_log[-3:]}")
    if app.banner_text:
        out.append(f"banner: {app.banner_text}")
    out += [f"refused ({r.code}): {r.message}" for r in app.model.refusals]
    return out


def text_room(element: Any) -> tuple[int, int]:
    """The width and height a button's or label's text may take: its rectangle less the
    border, the shadow and the theme's horizontal text padding."""
    border = element.border_width
    if isinstance(border, dict):
        bw = int(border.get("left", 0)) + int(border.get("right", 0))
        bh = int(border.get("top", 0)) + int(border.get("bottom", 0))
    else:
        bw = bh = 2 * int(border or 0)
    shadow = 2 * int(getattr(element, "shadow_width", 0) or 0)
    pad = 2 * int(getattr(element, "text_horiz_alignment_padding", 0) or 0)
    return element.rect.w - bw - shadow - pad, element.rect.h - bh - shadow


def cut_texts(app: Any, refresh: bool = True) -> list[str]:
    """Every text one fresh frame does not show whole, in words: a button's or label's
    text wider or taller than its rectangle (measured with the widget's own font), and a
    text the screen shortened with :func:`theme.fit` to make it fit. An empty list when
    everything on the screen can be read in full. ``refresh=False`` measures the widgets
    as they are (an opened menu stays open)."""

    cut: list[str] = []
    if not refresh:
        return cut + _too_wide(app)
    real_fit = theme.fit

    def spy_fit(text: str, fnt: pygame.font.Font, width: int) -> str:
        out = real_fit(text, fnt, width)
        if out != text:
            cut.append(f"shortened to fit {width}px: {text!r} -> {out!r}")
        return out

    theme.fit = spy_fit
    try:
        app.model.revision += 1  # every cached surface and widget is made again
        app.step()
        app.step()
    finally:
        theme.fit = real_fit
    return cut + _too_wide(app)


def _too_wide(app: Any) -> list[str]:
    """The shown buttons and labels whose text is larger than their rectangle."""
    from pygame_gui.elements import UIButton, UILabel

    cut: list[str] = []
    for el in app.manager.get_sprite_group().sprites():
        if not isinstance(el, UIButton | UILabel) or not el.alive() or not el.visible:  # type: ignore[no-untyped-call]
            continue
        name = el.most_specific_combined_id
        if "scroll_bar" in name or "tool_tip" in name or el.font is None:
            continue
        text = str(el.text)
        if not text:
            continue
        w, h = el.font.size(text)
        room_w, room_h = text_room(el)
        if w > room_w or h > room_h:
            cut.append(f"{name}: {text!r} is {w}x{h}px in a {room_w}x{room_h}px button")
    return cut


def _under(app: Any, element: Any) -> list[str]:
    """The ids of the shown elements under the centre of ``element``."""
    return [
        e.most_specific_combined_id
        for e in app.manager.get_sprite_group().sprites()
        if e.alive() and e.visible and e.rect.collidepoint(element.rect.center)
    ]


def _opened_or_gone(menu: Any) -> bool:
    return not menu.alive() or menu.current_state is menu.menu_states["expanded"]


def open_menu(app: Any, menu: Any) -> Any:
    """Open a drop-down menu with a real click on it (its list shows); returns the menu
    opened (the same one made again, when a new view rebuilt the screen meanwhile)."""
    name = menu.most_specific_combined_id

    for _ in range(3):
        button = menu.current_state.selected_option_button
        click(app, button)
        step_until(app, partial(_opened_or_gone, menu), 5, partial(_under, app, button))
        if menu.alive():
            return menu
        again = [x for x in menus(app) if x.most_specific_combined_id == name]
        assert again, f"{name} went away"
        menu = again[0]
    raise AssertionError(f"{name} was rebuilt under every click")


def close_menu(app: Any, menu: Any) -> None:
    """Close an opened drop-down menu with a click on it, choosing nothing."""
    if menu.alive() and menu.current_state is menu.menu_states["expanded"]:
        click(app, menu.current_state.selected_option_button)
        step_until(app, lambda: menu.current_state is not menu.menu_states["expanded"])


def cut_menu_texts(app: Any, menu: Any) -> list[str]:
    """Open ``menu`` with a click and say, in words, what its list does not show whole:
    an entry whose text is wider or taller than its button (measured with the button's
    own font; entries scrolled out of sight are measured with the font and width of
    those shown), and a list that runs out of the window or out of the panel or window
    the menu sits in (where it would be clipped). The menu is closed again."""
    menu = open_menu(app, menu)
    name = menu.most_specific_combined_id
    out: list[str] = []
    try:
        state = menu.current_state
        listing = state.options_selection_list
        shown = [i["button_element"] for i in listing.item_list if i["button_element"] is not None]
        assert shown, f"{name}: the opened list shows no entry"
        model = shown[0]
        room_w, room_h = text_room(model)
        for item in listing.item_list:
            button = item["button_element"]
            fnt = button.font if button is not None else model.font
            w, h = fnt.size(str(item["text"]))
            rw, rh = text_room(button) if button is not None else (room_w, room_h)
            if w > rw or h > rh:
                out.append(f"{name}: entry {item['text']!r} is {w}x{h}px in a {rw}x{rh}px button")
        window = pygame.Rect((0, 0), app.size)
        holder = menu.ui_container.get_container().get_rect() if menu.ui_container else window
        for where, rect in (("the window", window), ("its panel", holder)):
            if not rect.contains(listing.rect):
                out.append(f"{name}: the opened list at {listing.rect} runs out of {where} {rect}")
        out += [p for p in _too_wide(app) if p.startswith(name)]
    finally:
        close_menu(app, menu)
    return out


def menus(app: Any) -> list[Any]:
    """Every drop-down menu shown in the window (alive, visible, enabled)."""
    from pygame_gui.elements import UIDropDownMenu

    return [
        el
        for el in app.manager.get_sprite_group().sprites()
        if isinstance(el, UIDropDownMenu) and el.alive() and el.visible and el.is_enabled  # type: ignore[no-untyped-call]
    ]
