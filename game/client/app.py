"""The client application: window, frame loop, screens, banner, errors, screenshots.

The frame loop never waits on the network: each frame it takes whatever updates the
connection has queued, handles input, and draws. A lost connection shows a banner
while the connection reconnects by itself; every error the server sends is shown in
words for a few seconds at the bottom of the window.

Keys: Ctrl+Enter ready / submit orders, Ctrl+P new proposal, F1-F3 chat / deals /
news, F4 the briefing, F5 the facilitator's projector view, Esc closes the composer (or leaves the end screen or the
briefing), F12 saves a screenshot.

The first frame drawn with a game on it (the briefing, the game, the facilitator's or
the end screen: any frame after the first view) writes one line to stderr,
``sixparty: first game frame drawn (...)``. Two environment variables serve scripts and
tests that run the real window: ``SIXPARTY_SCREENSHOT=PATH`` saves that frame as a PNG,
and ``SIXPARTY_QUIT_AFTER_FIRST_FRAME=1`` closes the window right after it (exit code 0).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pygame

from game.client import theme
from game.client.briefing import BriefingScreen
from game.client.composer import Composer
from game.client.connection import Connection
from game.client.end_screen import EndScreen
from game.client.facilitator import FacilitatorScreen
from game.client.game_screen import GameScreen
from game.client.lobby import LobbyScreen
from game.client.mapview import MapView, load_map
from game.client.model import ClientModel
from game.client.month_summary import Interrupts
from game.client.onboarding import FirstMonthHints, TutorialOffer, tutorial_connection
from game.client.projector import ProjectorScreen
from game.client.schematic import MapSwitch
from game.client.ui import Manager, Screen

DEFAULT_SIZE = (1280, 800)
MIN_SIZE = (1024, 640)
FIRST_FRAME_LINE = "sixparty: first game frame drawn"
"""The start of the line written to stderr when the first game frame is on screen."""
SCREENSHOT_ENV = "SIXPARTY_SCREENSHOT"
"""Environment variable: save the first game frame as a PNG at this path."""
QUIT_ENV = "SIXPARTY_QUIT_AFTER_FIRST_FRAME"
"""Environment variable: ``1`` closes the window right after the first game frame."""


class App:
    """One client window playing through one connection."""

    def __init__(
        self,
        conn: Connection,
        size: tuple[int, int] = DEFAULT_SIZE,
        name: str = "",
        screenshot_dir: str | Path | None = None,
        offer_tutorial: bool = False,
    ) -> None:
        self.started = time.perf_counter()
        pygame.init()
        theme.reset_caches()  # fonts made before an earlier pygame.quit() are invalid
        pygame.display.set_caption("Six-Party")
        self.size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        self.surface = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.manager = Manager(self.size, str(theme.THEME), enable_live_theme_updates=False)
        fonts: list[dict[str, str | int | float]] = [
            {"name": "noto_sans", "point_size": size, "style": style, "antialiased": "1"}
            for size in (13, 14)
            for style in ("italic", "bold_italic")
        ]
        fonts.append({"name": "noto_sans", "point_size": 18, "style": "bold", "antialiased": "1"})
        self.manager.preload_fonts(fonts)
        self.conn = conn
        self.model = ClientModel()
        self.map = MapSwitch(MapView(load_map()))  # a schematic one for other places
        self.screenshot_dir = Path(screenshot_dir or os.getcwd())
        self.lobby = LobbyScreen(self, name)
        self.game = GameScreen(self)
        self.end = EndScreen(self)
        self.briefing = BriefingScreen(self)
        self.facilitator = FacilitatorScreen(self)
        self.interrupts = Interrupts(self)  # the month's summary, announcements: dialogs
        self.hints = FirstMonthHints(self)  # what to look at and do in the first month
        self.offer_tutorial = offer_tutorial  # "New here?" once the first view is in
        self.return_to: Any = None  # in the tutorial: makes the connection to the class left
        self.back_label = "Back to your class"  # the button that calls back_to_class
        self.tutorial_offer: TutorialOffer | None = None
        self.projector = ProjectorScreen(self)
        self.projector_open = False  # the facilitator's projector view (F5)
        self.replay: Any = None  # the replay screen, made when first opened
        self.replay_open = False
        self.briefing_open = False
        self.briefing_shown = False  # opened once by itself before the first month
        self.pages_dir: Path | None = None  # where pages are saved (None: the data dir)
        self.report_path: Path | None = None  # the last debrief report saved
        self.screen: Screen | None = None
        self.composer: Composer | None = None
        self.end_dismissed = False
        self.running = True
        self.clock = pygame.time.Clock()
        self.first_frame: float | None = None
        self.first_game_frame: float | None = None  # seconds from launch to a game on screen
        self.frames = 0
        self.notice: tuple[float, str] | None = None
        self.error_rects: list[pygame.Rect] = []  # the message boxes, as last drawn
        self.banner_text = ""  # the connection banner, as last drawn ('' when none)

    # ------------------------------------------------------------ screens
    def _switch(self, screen: Screen) -> None:
        if self.screen is not screen:
            if self.screen is not None:
                self.screen.close()
            screen.built_for = ()
            self.screen = screen

    def choose_screen(self) -> None:
        """Lobby before the game, the game while it runs, the end screen after it."""
        view = self.model.view
        if view is None:
            if self.model.lobby is not None:
                self._switch(self.lobby)
            return
        if not self.briefing_shown and self.model.role == "player":
            self.briefing_shown = True  # before the first month, each team reads its brief
            if view.get("month") == 1 and not view.get("orders") and view.get("phase") != "over":
                self.briefing_open = True
        if self.briefing_open:
            if self.composer:
                self.composer.close()
            self._switch(self.briefing)
            return
        if self.replay_open and self.replay is not None:
            self._switch(self.replay)
            return
        if view.get("phase") == "over" and not self.end_dismissed:
            if self.composer:
                self.composer.close()
            self._switch(self.end)
        elif self.model.role == "facilitator":
            self._switch(self.projector if self.projector_open else self.facilitator)
        else:
            self._switch(self.game)

    def show_end(self) -> None:
        """Show the end screen (when the game is over)."""
        self.end_dismissed = False

    def show_game(self) -> None:
        """Go back to the game screen from the end screen."""
        self.end_dismissed = True

    def open_briefing(self) -> None:
        """Show the briefing screen (F4)."""
        self.briefing_open = True

    def open_replay(self) -> None:
        """Step through the finished game month by month."""
        from game.client.replay import ReplayScreen

        if self.replay is None:
            self.replay = ReplayScreen(self)
        self.replay.start()
        self.replay_open = True

    def close_replay(self) -> None:
        """Leave the replay for the end screen."""
        self.replay_open = False

    def open_projector(self) -> None:
        """Show the facilitator's projector view (F5)."""
        self.projector_open = True

    def close_projector(self) -> None:
        """Back from the projector view to the facilitator's controls."""
        self.projector_open = False

    def close_briefing(self) -> None:
        """Leave the briefing screen for the game."""
        self.briefing_open = False

    def notice_text(self, text: str) -> None:
        """Show a message (not an error) at the bottom of the window for a few seconds."""
        self.notice = (time.monotonic(), text)

    def open_composer(self, counter: dict[str, Any] | None) -> None:
        """Open the proposal composer (a counter-proposal when ``counter`` is given)."""
        if not self.model.can("propose"):
            self.model.error("Proposals can be made only in the negotiation phase.")
            return
        if self.composer is not None:
            self.composer.close()
        self.composer = Composer(self, counter)

    def open_intent(self, to: list[str]) -> None:
        """Open the composer for a chat message with terms (an intent) to ``to``."""
        if not self.model.can("message"):
            self.model.error("Messages can be sent only while negotiating or giving orders.")
            return
        if self.composer is not None:
            self.composer.close()
        self.composer = Composer(self, None, intent_to=to)

    def take_replies(self) -> None:
        """Replies to requests: a month of the replay, the debrief report."""
        replay = self.model.replies.pop("replay", None)
        if replay is not None and self.replay is not None:
            self.replay.take(replay)
        report = self.model.replies.pop("report", None)
        if report is not None and isinstance(report.get("html"), str):
            self.save_report(str(report.get("filename") or "sixparty-report.html"), report["html"])

    def request_report(self) -> None:
        """Ask the server for the debrief report; without one, write the client's own."""
        if "report" in self.conn.requests:
            self.conn.request({"type": "report"})
            self.notice_text("Asking the server for the debrief report…")
            return
        from game.client.pages import debrief_page

        m = self.model
        name = f"sixparty-debrief-{m.room or 'game'}-{m.you or 'facilitator'}.html"
        self.save_report(name, debrief_page(m.view or {}, m.info, m.you))

    def save_report(self, name: str, html: str) -> None:
        """Write a debrief page, say where, open it when there is a real display."""
        from game.client.files import open_page, save_page

        try:
            path = save_page(name, html, self.pages_dir)
        except OSError as exc:
            self.model.error(f"could not save the report: {exc}")
            return
        self.report_path = path
        opened = open_page(path)
        self.notice_text(f"Debrief report saved to {path}" + (" (opened)" if opened else ""))

    def play_tutorial(self) -> None:
        """Leave this game (or room) for a new tutorial game played in-process; the way
        back to the room left (its lobby, or the seat taken) is kept for
        :meth:`back_to_class`."""
        old = self.conn
        reopen = getattr(old, "reopen", None)
        self.return_to = reopen if callable(reopen) else None
        self.back_label = (
            "Back to your game" if getattr(old, "token", None) else "Back to your class"
        )
        self._use(tutorial_connection())

    def back_to_class(self) -> None:
        """Leave the tutorial for the room it was taken from: its lobby, where the
        student joins a team, or the seat the student had (the tutorial's end screen and
        game screen have the button)."""
        if self.return_to is None:
            return
        reopen, self.return_to = self.return_to, None
        try:
            conn = reopen()
        except (OSError, ValueError) as exc:
            self.model.error(f"could not go back to the class: {exc}")
            self.return_to = reopen
            return
        self._use(conn)

    def _use(self, conn: Connection) -> None:
        """Play through ``conn`` from now on: the old connection closed, every screen,
        dialog and hint of the old game forgotten."""
        old = self.conn
        self.conn = conn
        old.close()
        if self.composer is not None:
            self.composer.close()
            self.composer = None
        if self.screen is not None:
            self.screen.close()
        self.screen = None
        self.model = ClientModel()
        self.replay, self.replay_open = None, False
        self.briefing_open = self.briefing_shown = self.end_dismissed = False
        for window in self.interrupts.open_windows():
            window.kill()
        if self.tutorial_offer is not None and self.tutorial_offer.alive():
            self.tutorial_offer.close()
        self.interrupts = Interrupts(self)
        self.hints.dismiss()
        self.hints = FirstMonthHints(self)

    def quit(self) -> None:
        """Close the window at the end of this frame."""
        self.running = False

    # ------------------------------------------------------------ frame
    def step(self, dt: float = 1 / 60) -> None:
        """One frame: network updates, input, drawing."""
        for update in self.conn.poll():
            self.model.apply(update)
        if self.model.replies:
            self.take_replies()
        self.choose_screen()
        self.interrupts.update()
        self.hints.update()
        if self.offer_tutorial and self.model.view is not None:
            self.offer_tutorial = False
            self.tutorial_offer = TutorialOffer(self)
        for event in pygame.event.get():
            self.handle(event)
        if self.screen is not None:
            self.screen.refresh()
        self.manager.update(dt)
        self.draw()
        pygame.display.flip()
        self.frames += 1
        if self.first_frame is None:
            self.first_frame = time.perf_counter() - self.started
        if self.first_game_frame is None and self.model.view is not None and self.screen:
            self.first_game_frame = time.perf_counter() - self.started
            self._first_game_frame_drawn()

    def _first_game_frame_drawn(self) -> None:
        """Say so on stderr; save it ($SIXPARTY_SCREENSHOT); quit ($SIXPARTY_QUIT_AFTER_...)."""
        assert self.screen is not None and self.first_game_frame is not None
        m = self.model
        screen = type(self.screen).__name__.removesuffix("Screen").lower()
        who = m.name(m.you) if m.you else m.role
        month = (m.view or {}).get("month_label", "")
        print(
            f"{FIRST_FRAME_LINE} ({screen} screen, {who}, {month}) "
            f"{self.first_game_frame:.2f} s after launch",
            file=sys.stderr,
            flush=True,
        )
        path = os.environ.get(SCREENSHOT_ENV)
        if path:
            try:
                saved = self.screenshot(path)
            except (OSError, pygame.error) as exc:
                print(f"sixparty: {SCREENSHOT_ENV}: cannot save {path}: {exc}", file=sys.stderr)
            else:
                print(f"sixparty: first game frame saved to {saved}", file=sys.stderr, flush=True)
        if os.environ.get(QUIT_ENV) == "1":
            self.quit()

    def handle(self, event: pygame.event.Event) -> None:
        """Route one event: window, screenshot, composer, screen, widgets."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F12:
            self.screenshot()
            return
        if (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_F5
            and self.model.role == "facilitator"
            and not self.projector_open
        ):
            self.open_projector()  # F5 again (or Esc) comes back: the projector's keys
            return
        if (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_F4
            and not self.briefing_open
            and self.model.view is not None
        ):
            self.open_briefing()
            return
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and getattr(event, "button", 1) == 1
            and any(r.collidepoint(event.pos) for r in self.error_rects)
        ):
            self.model.dismiss_errors()  # a click on a message closes it
            return
        if self.composer is not None and self.composer.handle(event):
            return
        if self.screen is not None and self.screen.handle(event):
            return
        self.manager.process_events(event)

    def resize(self, size: tuple[int, int]) -> None:
        """Follow the window's new size (never below the minimum)."""
        self.size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        self.surface = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.manager.set_window_resolution(self.size)
        if self.composer is not None:
            self.composer.close()

    def draw(self) -> None:
        """Draw the screen, the widgets, the banner and the errors."""
        self.surface.fill(theme.BG)
        if self.screen is not None:
            self.screen.draw(self.surface)
        else:
            msg = "Connecting…" if self.model.state != "closed" else "Disconnected."
            label = theme.text(msg, 22, theme.TEXT, True)
            self.surface.blit(label, label.get_rect(center=(self.size[0] // 2, self.size[1] // 2)))
        self.manager.draw_ui(self.surface)
        self.hints.draw(self.surface)
        self._draw_banner()
        self._draw_errors()

    def _draw_banner(self) -> None:
        state = self.model.state
        self.banner_text = ""
        if state not in ("reconnecting", "closed") or self.screen is None:
            return
        text = (
            "Connection lost — reconnecting…"
            if state == "reconnecting"
            else "Disconnected from the server"
        )
        if self.model.state_detail:
            text += f" ({self.model.state_detail})"
        self.banner_text = text
        w = self.size[0]
        pygame.draw.rect(self.surface, theme.VERMILION, (0, 0, w, 30))
        label = theme.text(theme.fit(text, theme.font(16, True), w - 20), 16, theme.TEXT, True)
        self.surface.blit(label, label.get_rect(center=(w // 2, 15)))

    def _draw_errors(self) -> None:
        now = time.monotonic()
        messages = [("error", m) for m in self.model.live_errors(now)]
        waiting = len(self.model.errors) - len(messages)
        if waiting > 0:
            messages.append(("notice", f"{waiting} more message{'s' * (waiting > 1)} to come"))
        if self.notice and now - self.notice[0] < 5:
            messages.append(("notice", self.notice[1]))
        self.error_rects = []
        w, h = self.size
        box_w = min(760, w - 40)
        y = h - 16 - (self.screen.bottom_margin if self.screen is not None else 0)
        fnt = theme.font(14)
        for kind, text in reversed(messages):
            lines = theme.wrap(("" if kind == "notice" else "Refused: ") + text, fnt, box_w - 24)[
                :3
            ]
            bh = 12 + 18 * len(lines)
            y -= bh + 6
            rect = pygame.Rect((w - box_w) // 2, y, box_w, bh)
            if kind == "error":
                self.error_rects.append(rect)
            pygame.draw.rect(self.surface, (60, 24, 8) if kind == "error" else (8, 40, 60), rect)
            pygame.draw.rect(
                self.surface, theme.VERMILION if kind == "error" else theme.SKY, rect, 2
            )
            for j, line in enumerate(lines):
                self.surface.blit(
                    theme.text(line, 14, theme.TEXT), (rect.x + 12, rect.y + 6 + 18 * j)
                )

    def screenshot(self, path: str | Path | None = None) -> Path:
        """Save the window as a PNG (F12); returns the file's path."""
        announce = path is None
        if path is None:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            self.screenshot_dir.mkdir(parents=True, exist_ok=True)
            path = self.screenshot_dir / f"sixparty-{stamp}-{self.frames}.png"
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.surface, str(path))
        if announce:
            self.notice = (time.monotonic(), f"Screenshot saved to {path}")
        return path

    def run(self, fps: int = 60) -> int:
        """The frame loop, until the window is closed; returns an exit code."""
        try:
            while self.running:
                dt = self.clock.tick(fps) / 1000.0
                self.step(dt)
        finally:
            self.conn.close()
            pygame.quit()
        return 0
