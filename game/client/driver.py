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
    click(app, menu.current_state.selected_option_button)
    step_until(app, lambda: menu.current_state is menu.menu_states["expanded"])
    item = menu.current_state.options_selection_list.item_list[index]
    click(app, item["button_element"])
    for _ in range(30):  # the list closes before the next click (it covers what is below)
        if not menu.alive() or menu.current_state is not menu.menu_states["expanded"]:
            break
        app.step()
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
