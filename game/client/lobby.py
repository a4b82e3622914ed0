"""The lobby: the room, free and taken countries, who is on each team; pick and wait."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIButton, UITextEntryLine

from game.client import theme
from game.client.ui import Screen, oid, on_click


class LobbyScreen(Screen):
    """Shows the lobby update of the connection; a button per country."""

    def __init__(self, app: Any, name: str = "") -> None:
        super().__init__(app)
        self.name = name
        self.seat_buttons: dict[str, UIButton] = {}
        self.name_entry: UITextEntryLine | None = None
        self.start_button: UIButton | None = None
        self.tutorial_button: UIButton | None = None
        self.name_focus = False

    def save(self) -> None:
        """Keep the name being typed (and the focus) across the lobby's refreshes."""
        if self.name_entry is not None and self.name_entry.alive():  # type: ignore[no-untyped-call]
            self.name = self.name_entry.get_text()
            self.name_focus = self.name_entry.is_focused

    def key(self) -> tuple[Any, ...]:
        return (self.app.size, self.app.model.revision)

    def lobby(self) -> dict[str, Any]:
        """The latest lobby data."""
        return self.app.model.lobby or {}

    def build(self) -> None:
        m = self.app.model
        w, h = self.app.size
        lobby = self.lobby()
        seats = lobby.get("seats", {})
        mine = lobby.get("you")
        self.seat_buttons = {}
        cw = min(900, w - 80)
        x0 = (w - cw) // 2
        self.name_entry = self.keep(
            UITextEntryLine(
                pygame.Rect(x0 + 130, 110, 260, 34),
                self.manager,
                object_id="#name",
                placeholder_text="your name",
            )
        )
        self.name_entry.set_text(self.name)
        if m.info.get("id") != "tutorial":
            self.tutorial_button = self.keep(
                UIButton(
                    pygame.Rect(x0 + cw - 280, 106, 280, 40),
                    "New here? Play the tutorial",
                    self.manager,
                    object_id="#tutorial",
                    tool_tip_text="A ten-minute practice game against bots, with hints; "
                    "it leaves this room",
                    command=on_click(self.app.play_tutorial),
                )
            )
        if self.name_focus:
            self.name_entry.focus()
        y = 200
        for a in m.actor_ids:
            people = seats.get(a, [])
            taken = bool(people) and a != mine
            label = (
                "You are here" if a == mine else ("Join this team" if people else "Take this seat")
            )
            b = self.keep(
                UIButton(
                    pygame.Rect(x0 + cw - 200, y, 200, 40),
                    label,
                    self.manager,
                    object_id=oid("@option", f"#seat-{a}"),
                    tool_tip_text=f"Play {m.name(a)}"
                    + (" with " + ", ".join(people) if taken else ""),
                    command=on_click(self.choose, a),
                )
            )
            if a == mine:
                b.select()
            if a in lobby.get("bots", []):
                b.set_text("Played by a bot")
                b.disable()
            self.seat_buttons[a] = b
            y += 52
        if lobby.get("can_start"):
            self.start_button = self.keep(
                UIButton(
                    pygame.Rect(x0 + cw - 200, y + 10, 200, 44),
                    "Start the game",
                    self.manager,
                    object_id=oid("@ready", "#start"),
                    command=on_click(self.app.conn.start_game),
                )
            )

    def choose(self, actor: str) -> None:
        """Ask the connection for a seat."""
        name = self.name_entry.get_text().strip() if self.name_entry else self.name
        self.name = name
        self.app.conn.choose_seat(actor, name)

    def draw(self, surface: pygame.Surface) -> None:
        m = self.app.model
        w, h = self.app.size
        lobby = self.lobby()
        cw = min(900, w - 80)
        x0 = (w - cw) // 2
        surface.fill(theme.BG)
        title = f"{m.info.get('name', 'Six-Party')} — room {lobby.get('room') or m.room or '?'}"
        surface.blit(
            theme.text(theme.fit(title, theme.font(24, True), cw), 24, theme.TEXT, True), (x0, 30)
        )
        summary = m.info.get("summary", "")
        for j, line in enumerate(theme.wrap(summary, theme.font(14), cw)[:2]):
            surface.blit(theme.text(line, 14, theme.MUTED), (x0, 66 + j * 18))
        surface.blit(theme.text("Your name:", 15, theme.TEXT), (x0, 116))
        surface.blit(theme.text("Countries", 16, theme.ORANGE, True), (x0, 168))
        seats = lobby.get("seats", {})
        y = 200
        for a in m.actor_ids:
            people = seats.get(a, [])
            col = theme.hex_colour(m.colour(a))
            pygame.draw.rect(surface, theme.PANEL, (x0, y, cw - 210, 40))
            pygame.draw.rect(surface, col, (x0, y, 8, 40))
            surface.blit(
                theme.text(theme.fit(m.name(a), theme.font(16, True), 220), 16, theme.TEXT, True),
                (x0 + 16, y + 9),
            )
            who = ", ".join(people) if people else "free"
            if lobby.get("bots") and a in lobby["bots"] and not people:
                who = "free (a bot will play it)"
            surface.blit(
                theme.text(
                    theme.fit(who, theme.font(14), cw - 460),
                    14,
                    theme.TEXT if people else theme.MUTED,
                ),
                (x0 + 240, y + 11),
            )
            y += 52
        status = lobby.get("status") or (
            f"Seated as {m.name(lobby['you'])}: waiting for the game to start…"
            if lobby.get("you")
            else "Pick a country."
        )
        surface.blit(
            theme.text(theme.fit(status, theme.font(16, True), cw), 16, theme.YELLOW, True),
            (x0, y + 20),
        )
