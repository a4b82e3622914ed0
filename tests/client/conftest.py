"""Headless pygame for the client tests: dummy video and audio drivers, helpers to click."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.client.driver import (  # noqa: E402
    click,
    key,
    pick,
    screen_text,
    step_until,
    type_text,
)


@pytest.fixture(autouse=True)
def fonts_of_this_pygame() -> None:
    """Fonts cached before another test's ``pygame.quit()`` are invalid; the app forgets
    them when it starts, and a test that draws without an app starts without them too."""
    from game.client import theme

    theme.reset_caches()


def past_briefing(app: Any) -> None:
    """Wait for the briefing shown before the first month, and close it (Esc)."""
    step_until(app, lambda: app.model.view is not None and app.screen is app.briefing)
    key(app, pygame.K_ESCAPE)
    step_until(app, lambda: app.screen is app.game)


def client_faults(app: Any) -> list[Any]:
    """Every refusal the model received whose cause is the client (a wrong type, a missing
    field, an option it was never offered): a click must never produce one."""
    from game.client.model import CLIENT_FAULTS

    return [r for r in app.model.refusals if r.code in CLIENT_FAULTS]


def _scroller_of(app: Any, element: Any) -> Any:
    """The scrolling container an element sits in (None when it sits in none)."""
    from pygame_gui.elements import UIScrollingContainer

    for el in app.manager.get_sprite_group().sprites():
        if isinstance(el, UIScrollingContainer) and el.get_container() is element.ui_container:
            return el
    return None


def scroll_into_view(app: Any, element: Any, find: Callable[[], Any]) -> Any:
    """Hold the mouse on a scroll bar's arrow until ``find()`` (the element, rebuilt or not)
    can be clicked at its centre, as a user scrolls; returns it."""
    for _ in range(2):
        if element.hover_point(*element.rect.center):
            return element
        box = _scroller_of(app, element)
        bar = box.vert_scroll_bar if box is not None else None
        if bar is None:
            return element
        arrow = bar.bottom_button if element.rect.y > box.rect.centery else bar.top_button
        pos = arrow.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        end = time.monotonic() + 5
        while time.monotonic() < end:
            app.step()
            element = find() or element
            if element.alive() and element.hover_point(*element.rect.center):
                break
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        app.step()
        element = find() or element
    return element


def clickable(app: Any) -> list[Any]:
    """Every button a user can click now: alive, shown, enabled; scroll bars and the parts
    of drop-down menus left out (they are scrolled and opened, not pressed for an action)."""
    from pygame_gui.elements import UIButton

    out = []
    for el in app.manager.get_sprite_group().sprites():
        if not isinstance(el, UIButton) or not el.alive() or not el.visible:
            continue
        name = el.most_specific_combined_id
        if not el.is_enabled or "scroll_bar" in name or "drop_down" in name:
            continue
        out.append(el)
    return out


def sweep(
    app: Any,
    on_screen: Callable[[], bool],
    restore: Callable[[], None] = lambda: None,
    order: Callable[[Any], float] = lambda b: 0,
    skip: Callable[[Any], bool] = lambda b: False,
    until: Callable[[], bool] = lambda: False,
) -> list[str]:
    """Click every button on a screen, one at a time, with real mouse events at its centre.

    After each click that sent something, the app runs until the connection answers it
    (an ``ack`` or a refusal); a click that took the app off the screen is
    followed by ``restore()``. Buttons are clicked by ``order`` (low first; a button
    that ends a phase goes last), ``skip`` leaves some out; the sweep ends when every
    button was clicked, or when ``until()`` holds (a click that leaves for good). Fails if a button's command
    did not run, or the connection refused what a click sent for a reason that is the
    client's fault. Returns the ids of the buttons clicked, in order.
    """

    conn = app.conn
    sent: list[dict[str, Any]] = []
    real_send = conn.send

    def send(action: dict[str, Any]) -> None:  # a spy: what each click sends
        sent.append(action)
        real_send(action)

    conn.send = send
    try:
        return _sweep(app, on_screen, restore, order, skip, until, sent)
    finally:
        conn.send = real_send


def _sweep(
    app: Any,
    on_screen: Callable[[], bool],
    restore: Callable[[], None],
    order: Callable[[Any], float],
    skip: Callable[[Any], bool],
    until: Callable[[], bool],
    sent: list[dict[str, Any]],
) -> list[str]:
    from pygame_gui import UI_BUTTON_PRESSED

    done: list[str] = []
    while True:
        if until():
            return done
        if not on_screen():
            restore()
            step_until(app, on_screen)
        todo = [b for b in clickable(app) if b.most_specific_combined_id not in done]
        todo = [b for b in todo if not skip(b)]
        if not todo:
            return done
        button = min(todo, key=order)
        name = button.most_specific_combined_id
        done.append(name)

        def find(name: str = name) -> Any:
            return next((b for b in clickable(app) if b.most_specific_combined_id == name), None)

        m = app.model
        t0 = time.monotonic()
        for _attempt in range(3):  # a view may rebuild the widgets mid-click: click the new one
            button = scroll_into_view(app, button, find)
            if not button.alive():
                break  # gone (a rebuild without it)
            ran: list[str] = []
            handler = button._handler.get(UI_BUTTON_PRESSED)
            if handler is not None:  # a spy: the command still runs through pygame_gui

                def spy(data: Any, h: Any = handler, ran: list[str] = ran, n: str = name) -> None:
                    ran.append(n)
                    h(data)

                button._handler[UI_BUTTON_PRESSED] = spy
            before = (m.acks, len(m.refusals))
            n_sent = len(sent)
            click(app, button)
            end = time.monotonic() + 5  # what it sent is answered: accepted or refused
            while len(sent) > n_sent and time.monotonic() < end:
                if (m.acks, len(m.refusals)) != before:
                    break
                app.step()
                time.sleep(0.005)
            for _ in range(3):
                app.step()
            if handler is None or ran:
                break
            assert not button.alive(), f"the click on {name} did not reach it"
            button = find()
            if button is None:
                break
        if os.environ.get("SIXPARTY_SWEEP_LOG"):  # each click and its time, to see slow ones
            print(f"{time.monotonic() - t0:6.2f} {name}", flush=True)
        faults = client_faults(app)
        assert not faults, f"after a click on {name}: {faults}"


class Driver:
    """The helpers above, as a fixture (test modules cannot import conftest)."""

    step_until = staticmethod(step_until)
    click = staticmethod(click)
    key = staticmethod(key)
    past_briefing = staticmethod(past_briefing)
    client_faults = staticmethod(client_faults)
    screen_text = staticmethod(screen_text)
    clickable = staticmethod(clickable)
    sweep = staticmethod(sweep)
    pick = staticmethod(pick)
    type_text = staticmethod(type_text)


@pytest.fixture
def ui() -> type[Driver]:
    """Helpers that drive the client: step_until, click, key."""
    return Driver


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Check that a screen shows what it was meant to, then save it as a PNG.

    ``shots(app, name, *expected, banner="")``: every ``expected`` text is on screen
    (drawn by the screen or shown by a widget, :func:`game.client.driver.screen_text`);
    no refusal is shown at the bottom of the window; the connection banner says
    ``banner`` (no banner when empty); and the PNG holds exactly the frame drawn. Saved
    for a person to look at in $SIXPARTY_SCREENS_DIR, else a temporary folder (never in
    the repository; ``scripts/screenshots.py`` makes the documentation's).
    """
    out = Path(os.environ.get("SIXPARTY_SCREENS_DIR") or tmp_path_factory.mktemp("screens"))

    def save(app: Any, name: str, *expected: str, banner: str = "") -> Path:
        text = screen_text(app)
        missing = [e for e in expected if e not in text]
        assert not missing, f"{name}: not on screen: {missing}\n--- on screen:\n{text}"
        assert not app.error_rects, f"{name}: a refusal is shown: {app.model.error_log[-3:]}"
        assert "Refused:" not in text, name
        if banner:
            assert banner in app.banner_text, (name, app.banner_text)
        else:
            assert app.banner_text == "", (name, app.banner_text)
        out.mkdir(parents=True, exist_ok=True)
        path = app.screenshot(out / f"{name}.png")
        saved = pygame.image.load(str(path))
        assert saved.get_size() == app.surface.get_size()
        assert pygame.image.tobytes(saved, "RGB") == pygame.image.tobytes(app.surface, "RGB")
        return path

    return save


@pytest.fixture
def untimed_room() -> Any:
    """A real server in a thread with a Korea 2019 room (seed 6) whose phases have no
    timer, so the negotiation stays open until the people say ready.
    ``untimed_room(people, bot)`` puts ``bot`` on every seat not in ``people`` and
    returns ``(rules, handle, room)``; the room has ``code`` and ``facilitator_token``."""
    from game.scenario.loader import load_scenario
    from server.embed import serve_in_thread

    started: list[Any] = []

    def start(people: tuple[str, ...], bot: str = "historical") -> tuple[Any, Any, Any]:
        rules = load_scenario("korea-2019")
        handle = serve_in_thread(port=0, scenarios={rules.id: "korea-2019"})
        started.append(handle)
        made = handle.create_room(
            scenario=rules.id,
            seed=6,
            bots={a: bot for a in rules.actor_ids if a not in people},
            timers={"negotiation": None, "orders": None},
        )
        return rules, handle, made

    yield start
    pygame.quit()
    for handle in started:
        handle.stop()


@pytest.fixture
def play() -> Any:
    """Open a window as ``sixparty play`` does: a real server in a thread, bots on every
    other seat, the window connected with the seat token. Call ``play(country)``."""
    from game.client.app import App
    from game.client.info import scenario_info
    from game.client.net import NetConnection
    from game.scenario.loader import load_scenario
    from server.embed import serve_in_thread

    opened: list[tuple[Any, Any, Any]] = []

    def start(
        country: str, seed: int = 0, bot: str = "historical", scenario: str = "korea-2019"
    ) -> Any:
        rules = load_scenario(scenario)
        handle = serve_in_thread(port=0, scenarios={rules.id: scenario})
        _, token = handle.bot_room(country, scenario=rules.id, seed=seed, bot=bot)
        conn = NetConnection(handle.url, token=token, info=scenario_info(rules))
        app = App(conn)
        opened.append((handle, conn, app))
        return app

    yield start
    for handle, conn, _app in opened:
        conn.close()
        handle.stop()
    pygame.quit()
