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
