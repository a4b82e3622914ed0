"""Onboarding: the tutorial offered to newcomers, and hints through the first month.

- :func:`first_run` / :func:`remember_first_run`: whether ``sixparty play`` runs for the
  first time on this account (a marker file in the user's config folder:
  ``$SIXPARTY_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/sixparty``, else ``~/.config/sixparty``).
- :func:`tutorial_connection`: the tutorial scenario in-process, bots on the other seats.
- :class:`TutorialOffer`: a dialog, "New here? Play the tutorial", with two buttons.
- :class:`FirstMonthHints`: dismissible hints during the first month of any game, one
  after another, each pointing at a part of the game screen (what to look at, what to
  do, when to press Ready). They sit over the map, which has no buttons, so they never
  hide a control.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pygame
from pygame_gui.elements import UIButton, UITextBox, UIWindow

from game.client import theme
from game.client.ui import oid, on_click

TUTORIAL = "tutorial"
"""The tutorial scenario's name."""
MARKER = "played"
"""The file in the config folder whose presence means sixparty play ran before."""


def config_dir() -> Path:
    """The user's config folder for Six-Party (not created here)."""
    given = os.environ.get("SIXPARTY_CONFIG_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sixparty"


def first_run() -> bool:
    """Whether ``sixparty play`` has never run for this user."""
    return not (config_dir() / MARKER).exists()


def remember_first_run() -> None:
    """Note that ``sixparty play`` ran (a folder that cannot be written is not an error:
    the offer then comes again next time)."""
    try:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MARKER).write_text("sixparty play ran here\n", encoding="utf-8")
    except OSError:
        pass


def tutorial_connection(seed: int = 0) -> Any:
    """A connection to a new tutorial game played in-process: you play its first
    country, historical bots the others."""
    from game.bots import make_bot
    from game.client.local import LocalConnection
    from game.scenario.loader import load_scenario

    rules = load_scenario(TUTORIAL)
    you = rules.actor_ids[0]
    bots = {a: make_bot("historical", a, seed) for a in rules.actor_ids if a != you}
    return LocalConnection(rules, seed, you, bots)


class TutorialOffer:
    """The first-run dialog: play the tutorial, or go on with the game as started."""

    def __init__(self, app: Any) -> None:
        self.app = app
        w, h = app.size
        self.rect = pygame.Rect((w - 580) // 2, (h - 280) // 2, 580, 280)
        m = app.manager
        self.window = UIWindow(
            self.rect, m, window_display_title="Welcome to Six-Party", object_id="#tutorial_offer"
        )
        inner = self.window.get_container().get_rect()
        self.box = UITextBox(
            "<b>New here? Play the tutorial.</b><br>Ten minutes, three months, three teams: "
            "you set a lever, send a signal and make a deal, with a hint at each step. "
            "You can play the full game afterwards with <b>sixparty play</b>.",
            pygame.Rect(0, 0, inner.w, inner.h - 60),
            m,
            container=self.window,
        )
        self.yes = UIButton(
            pygame.Rect(16, inner.h - 52, 250, 40),
            "Play the tutorial",
            m,
            container=self.window,
            object_id=oid("@ready", "#play_tutorial"),
            command=on_click(self.take),
        )
        self.no = UIButton(
            pygame.Rect(inner.w - 266, inner.h - 52, 250, 40),
            "No thanks, play this game",
            m,
            container=self.window,
            object_id="#skip_tutorial",
            command=on_click(self.close),
        )

    def alive(self) -> bool:
        """Whether the dialog is on screen."""
        return bool(self.yes.alive())  # type: ignore[no-untyped-call]

    def take(self) -> None:
        """Leave this game for the tutorial."""
        self.close()
        self.app.play_tutorial()

    def close(self) -> None:
        """Close the dialog."""
        self.window.kill()  # type: ignore[no-untyped-call]


HINTS: tuple[tuple[str, str], ...] = (
    (
        "situation",
        "Look left: your country's numbers and the world's. Ranges like 40–55 are "
        "estimates of what others hide. Read your briefing with F4.",
    ),
    (
        "top",
        "The top bar: the month, the phase, the deadlines, and the tension bar — at the "
        "Brink, war can break out and everyone loses.",
    ),
    (
        "right",
        "Talk first: Chat with the other teams, table a proposal under Deals, and read "
        "what happened under News.",
    ),
    (
        "orders",
        "Then your orders, below: pick an option for each lever and any signal. They stay "
        "secret until the month is resolved; what you leave keeps last month's policy.",
    ),
    (
        "ready",
        "When your team has finished talking, press Ready (top right). Once every team "
        "is ready, set your orders and press the same button to submit them.",
    ),
)
"""(the part of the game screen a hint points at, its words), in the order shown."""


class FirstMonthHints:
    """Hints through the first month: each points at a part of the screen; Next / Got it.

    Call :meth:`update` each frame; they open on the game screen in the first month of a
    player's game, and never come back once dismissed."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.step = 0
        self.done = False
        self.window: UIWindow | None = None
        self.box: UITextBox | None = None
        self.next: UIButton | None = None
        self.skip: UIButton | None = None
        self.target: pygame.Rect | None = None
        self.shown_for: tuple[Any, ...] = ()

    def wanted(self) -> bool:
        """Whether a hint should be on screen now."""
        app = self.app
        view = app.model.view or {}
        return (
            not self.done
            and app.model.role == "player"
            and app.screen is app.game
            and app.composer is None
            and view.get("month") == 1
            and view.get("phase") != "over"
        )

    def update(self) -> None:
        """Show, move or hide the hint."""
        if not self.wanted():
            self._kill()
            return
        key = (self.step, self.app.size)
        if key != self.shown_for or self.box is None:
            self._build()
            self.shown_for = key

    def text(self) -> str:
        """The words of the hint on screen (empty when none)."""
        return HINTS[self.step][1] if self.box is not None and not self.done else ""

    def _build(self) -> None:
        self._kill()
        app = self.app
        r = app.game.layout()
        where, words = HINTS[self.step]
        if where == "ready":
            button = app.game.ready_button
            self.target = button.rect.copy() if button is not None else r["top"].copy()
        else:
            self.target = r[where].copy()
        area = r["map"]
        w = min(460, area.w - 20)
        box = pygame.Rect(area.centerx - w // 2, area.y + 12, w, 210)
        n = len(HINTS)
        self.window = UIWindow(
            box,
            app.manager,
            window_display_title=f"First month — hint {self.step + 1} of {n}",
            object_id="#hint",
        )
        inner = self.window.get_container().get_rect()
        self.box = UITextBox(
            words,
            pygame.Rect(0, 0, inner.w, inner.h - 46),
            app.manager,
            container=self.window,
        )
        last = self.step == n - 1
        self.next = UIButton(
            pygame.Rect(10, inner.h - 42, 140, 34),
            "Got it" if last else "Next hint",
            app.manager,
            container=self.window,
            object_id="#hint_next",
            command=on_click(self.advance),
        )
        self.skip = UIButton(
            pygame.Rect(inner.w - 150, inner.h - 42, 140, 34),
            "Hide hints",
            app.manager,
            container=self.window,
            object_id="#hint_skip",
            command=on_click(self.dismiss),
        )
        self.rect = box

    def advance(self) -> None:
        """The next hint (the last one closes them)."""
        if self.step >= len(HINTS) - 1:
            self.dismiss()
        else:
            self.step += 1
            self.shown_for = ()

    def dismiss(self) -> None:
        """No more hints in this game."""
        self.done = True
        self._kill()

    def _kill(self) -> None:
        if self.window is not None:
            self.window.kill()  # type: ignore[no-untyped-call]
        self.window = None
        self.box = self.next = self.skip = None
        self.target = None

    def draw(self, surface: pygame.Surface) -> None:
        """Outline what the hint points at (drawn over the screen, under the widgets)."""
        if self.target is None or self.box is None:
            return
        pygame.draw.rect(surface, theme.ORANGE, self.target.inflate(-4, -4), 3, border_radius=6)
