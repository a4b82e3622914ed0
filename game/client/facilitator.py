"""The facilitator's screen: the omniscient view and the controls of the room.

Layout (1280x800)::

    +---------------------------------------------------------------------+
    | room, month, phase, timer, tension                                   |
    +--------------+--------------------------------------+---------------+
    | controls     | [Orders][Messages][Deals][Truth][News]| the scenario's|
    | (start, pause| the orders as a table (team, lever,   |  news injects |
    |  extend, ...)| order, public or covert, changed);    |               |
    | seats, move  | every message, every proposal, the    | announce      |
    |              | true values; News: write an inject    |               |
    +--------------+--------------------------------------+---------------+

Every control is an ``action`` of the protocol (``pause``, ``extend``, ``seat``, ...)
and is shown only when the server's ``legal`` lists its type: no dead buttons. Every
text is whole at 1280x800 and 1024x640, drop-down entries included (the written news
inject sits under the News tab, where its variable menu is wide enough for the longest
variable's name; tests/client/test_fit.py opens each menu).
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UIImage,
    UIScrollingContainer,
    UITextBox,
    UITextEntryLine,
)

from game.client import theme
from game.client.model import channel_of
from game.client.projector import timer_text
from game.client.ui import Screen, esc, oid, on_click, place_list, signed

TOP = 56
TABS = ("orders", "messages", "deals", "truth", "news")
TAB_NAMES = {
    "orders": "Orders",
    "messages": "Messages",
    "deals": "Deals",
    "truth": "True values",
    "news": "News",
}


def injects_of(legal: dict[str, Any], info: dict[str, Any]) -> list[dict[str, str]]:
    """The scenario's injects as ``{id, title, news}`` (from ``legal``, named from info)."""
    named = info.get("injects", {})
    out = []
    for item in legal.get("injects", []):
        if isinstance(item, dict):
            out.append({"id": item["id"], "title": item.get("title", item["id"]), **item})
        else:
            desc = named.get(item, {})
            out.append({"id": item, "title": desc.get("name", item), "news": desc.get("news", "")})
    return out


def variables_of(legal: dict[str, Any], m: Any) -> list[tuple[str, str]]:
    """(id, name) of the variables a written inject may change."""
    found = legal.get("variables")
    if found:
        return [(v["id"], m.var_name(v["id"])) for v in found]
    return [(k, m.var_name(k)) for k in m.info.get("variables", {})]


def kept(options: list[tuple[str, str]], value: str | None) -> tuple[str, str]:
    """The menu entry whose value is ``value`` (picked before the screen was built
    again), else the first entry."""
    return next((o for o in options if o[1] == value), options[0])


class FacilitatorScreen(Screen):
    """Everything every team does, and the room's controls."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.tab = "orders"
        self.buttons: dict[str, UIButton] = {}
        self.content: UITextBox | None = None
        self.news_entry: UITextEntryLine | None = None
        self.amount_entry: UITextEntryLine | None = None
        self.announce_entry: UITextEntryLine | None = None
        self.var_menu: UIDropDownMenu | None = None
        self.bot_menu: UIDropDownMenu | None = None
        self.move_player: UIDropDownMenu | None = None
        self.move_seat: UIDropDownMenu | None = None
        self.effects: dict[str, float] = {}
        self.seat_rows: list[tuple[str, int, int]] = []  # (team, y, height) as built
        self.teams_y = self.bot_label_y = 0
        self.table: UIImage | None = None  # the orders tab's table, as last built
        self.table_box: UIScrollingContainer | None = None
        self.table_drawn: list[tuple[str, pygame.Rect, pygame.Rect]] = []
        self.confirm_end = False
        self.texts = {"news": "", "announce": "", "amount": "5"}
        self.bot = ""
        # the menus' picks (Move's student and team, the inject's variable), kept when
        # the screen is built again for a new view
        self.moving: dict[str, str] = {}

    # ------------------------------------------------------------ layout
    def layout(self) -> dict[str, pygame.Rect]:
        """The screen's regions for the current window size."""
        w, h = self.app.size
        left_w = 300 if w >= 1200 else 250
        right_w = 340 if w >= 1200 else 270
        return {
            "top": pygame.Rect(0, 0, w, TOP),
            "left": pygame.Rect(0, TOP, left_w, h - TOP),
            "center": pygame.Rect(left_w, TOP, w - left_w - right_w, h - TOP),
            "right": pygame.Rect(w - right_w, TOP, right_w, h - TOP),
        }

    def key(self) -> tuple[Any, ...]:
        return (self.app.size, self.app.model.revision, self.tab, self.confirm_end)

    def can(self, kind: str) -> bool:
        """Whether the server offers the control ``kind`` now."""
        return bool(self.app.model.can(kind))

    # ------------------------------------------------------------ widgets
    def save(self) -> None:
        self._keep_texts()

    def build(self) -> None:
        self.buttons = {}
        self.news_entry = self.amount_entry = self.announce_entry = None
        self.var_menu = self.bot_menu = self.move_player = self.move_seat = None
        self.editor_rect: pygame.Rect | None = None
        r = self.layout()
        self._build_controls(r["left"])
        self._build_center(r["center"])
        self._build_right(r["right"])

    def _keep_texts(self) -> None:
        for name, entry in (
            ("news", self.news_entry),
            ("announce", self.announce_entry),
            ("amount", self.amount_entry),
        ):
            if entry is not None and entry.alive():  # type: ignore[no-untyped-call]
                self.texts[name] = entry.get_text()
        if self.bot_menu is not None and self.bot_menu.alive():  # type: ignore[no-untyped-call]
            self.bot = self.bot_menu.selected_option[1]
        for what, menu in (
            ("player", self.move_player),
            ("seat", self.move_seat),
            ("variable", self.var_menu),
        ):
            if menu is not None and menu.alive():  # type: ignore[no-untyped-call]
                self.moving[what] = menu.selected_option[1]

    def _button(
        self, name: str, rect: pygame.Rect, text: str, command: Any, tip: str = "", **kw: Any
    ) -> UIButton:
        b: UIButton = self.keep(
            UIButton(
                rect,
                theme.fit(text, theme.font(kw.get("size", 14)), rect.w - 10),
                self.manager,
                object_id=kw.get("object_id", f"#fac-{name}"),
                tool_tip_text=tip or None,
                command=on_click(command),
                container=kw.get("container"),
            )
        )
        self.buttons[name] = b
        return b

    def _row(self, rect: pygame.Rect, y: int, items: list[tuple[str, str, Any, str]]) -> int:
        """A row of equal buttons (name, label, command, tooltip); the next row's y."""
        if not items:
            return y
        fnt = theme.font(14)
        cols = len(items)  # fewer per row until every label fits whole
        while cols > 1 and any(
            fnt.size(label)[0] + 16 > (rect.w - 8) // cols - 4 for _, label, _, _ in items
        ):
            cols -= 1
        bw = (rect.w - 8) // cols
        step = 36 if self.app.size[1] >= 720 else 33  # a little tighter in a low window
        for i, (name, label, cmd, tip) in enumerate(items):
            row, col = divmod(i, cols)
            cell = pygame.Rect(rect.x + 4 + col * bw, y + step * row, bw - 4, step - 4)
            self._button(name, cell, label, cmd, tip)
        return y + step * -(-len(items) // cols)

    def _build_controls(self, rect: pygame.Rect) -> None:
        m = self.app.model
        legal = m.legal
        y = rect.y + 8
        row: list[tuple[str, str, Any, str]] = []
        if self.can("start"):
            row.append(("start", "Start the game", self.start, "Briefing time is over: go"))
        if self.can("pause"):
            row.append(("pause", "Pause", partial(self.act, {"type": "pause"}), "Stop the clock"))
        if self.can("resume"):
            row.append(("resume", "Resume", partial(self.act, {"type": "resume"}), ""))
        y = self._row(rect, y, row)
        row = []
        if self.can("advance"):
            row.append(("advance", "End this phase", self.advance, "End the phase now"))
            if "resolution" in legal.get("advance_to", []):
                row.append(
                    (
                        "resolution",
                        "Skip to resolution",
                        self.skip,
                        "End negotiation and orders now; missing orders keep last month's",
                    )
                )
        y = self._row(rect, y, row)
        if self.can("extend"):
            y = self._row(
                rect,
                y,
                [
                    ("extend-60", "−1 min", partial(self.extend, -60), "Shorten this phase"),
                    ("extend+60", "+1 min", partial(self.extend, 60), "Lengthen this phase"),
                    ("extend+300", "+5 min", partial(self.extend, 300), "Lengthen this phase"),
                ],
            )
        row = []
        if self.can("lock"):
            locked = bool(legal.get("locked"))
            row.append(
                (
                    "lock",
                    "Unlock the room" if locked else "Lock the room",
                    partial(self.act, {"type": "lock", "locked": not locked}),
                    "Refuse (or accept again) new students; tokens still work",
                )
            )
        if self.can("end"):
            row.append(
                (
                    "end",
                    "Really end it?" if self.confirm_end else "End the game",
                    self.end_game,
                    "Scores are taken as they stand (click twice)",
                )
            )
        y = self._row(rect, y, row)
        y = self._row(
            rect,
            y,
            [
                ("briefing", "Briefings (F4)", self.app.open_briefing, "Every team's briefing"),
                (
                    "projector",
                    "Projector view",
                    self.app.open_projector,
                    "For the wall: code, teams, clock, tension, map (Esc comes back)",
                ),
            ],
        )
        y = self._build_seats(rect, y + 24)

    def _build_seats(self, rect: pygame.Rect, y: int) -> int:
        m = self.app.model
        self.teams_y = y - 22
        legal = m.legal
        bots = list(legal.get("bots", []))
        if self.can("seat") and bots:
            if self.bot not in bots:
                self.bot = "historical" if "historical" in bots else bots[0]
            self.bot_label_y = y + 6  # "Bot:" left of the menu
            self.bot_menu = self.keep(
                UIDropDownMenu(
                    bots,
                    self.bot,
                    pygame.Rect(rect.x + 44, y, rect.w - 48, 28),
                    self.manager,
                    object_id="#fac-bot",
                )
            )
            place_list(self.bot_menu, self.app_rect())
            y += 32
        seats = {s["id"]: s for s in legal.get("seats", [])}
        row_h = 44 if self.app.size[1] >= 720 else 40
        self.seat_rows = []
        for a in m.actor_ids:
            self.seat_rows.append((a, y, row_h))
            seat = seats.get(a, {})
            if self.can("seat"):
                if seat.get("bot"):
                    label, cmd = "People", partial(self.seat, a, None)
                else:
                    label, cmd = "Bot", partial(self.seat, a, "")
                self._button(
                    f"seat-{a}",
                    pygame.Rect(rect.right - 74, y + 1, 70, 24),
                    label,
                    cmd,
                    "Hand this seat to the bot chosen above"
                    if label == "Bot"
                    else "Take the seat back from its bot",
                )
            y += row_h
        if self.can("move"):
            room = rect.w - 8 - 44  # the menu's text room (its arrow button aside)
            fnt = theme.font(14)
            players = []
            for s in legal.get("seats", []):
                for p in s.get("players", []):
                    label = f"{p['name'] or p['id']} ({m.name(s['id'])})"
                    if fnt.size(label)[0] > room:  # the team is in the roster above
                        label = str(p["name"] or p["id"])
                    players.append((label, p["id"]))
            if players:  # the student on one line, the team and Move on the next
                y += 6
                self.move_player = self.keep(
                    UIDropDownMenu(
                        players,  # type: ignore[arg-type]
                        kept(players, self.moving.get("player")),
                        pygame.Rect(rect.x + 4, y, rect.w - 8, 28),
                        self.manager,
                        object_id="#fac-move-player",
                    )
                )
                place_list(self.move_player, self.app_rect())
                y += 32
                seats_menu = [(f"to {m.name(a)}", a) for a in m.actor_ids]
                self.move_seat = self.keep(
                    UIDropDownMenu(
                        seats_menu,  # type: ignore[arg-type]
                        kept(seats_menu, self.moving.get("seat")),
                        pygame.Rect(rect.x + 4, y, rect.w - 84, 28),
                        self.manager,
                        object_id="#fac-move-seat",
                    )
                )
                place_list(self.move_seat, self.app_rect())
                self._button(
                    "move",
                    pygame.Rect(rect.right - 76, y, 72, 28),
                    "Move",
                    self.move,
                    "Move this student to that team",
                )
                y += 32
        self.seats_top = y
        return y

    def _build_center(self, rect: pygame.Rect) -> None:
        tw = (rect.w - 8) // len(TABS)
        for i, t in enumerate(TABS):
            b = self._button(
                f"tab-{t}",
                pygame.Rect(rect.x + 4 + i * tw, rect.y + 6, tw - 4, 30),
                TAB_NAMES[t],
                partial(self.set_tab, t),
                object_id=oid("@tab", f"#fac-tab-{t}"),
            )
            if t == self.tab:
                b.select()  # type: ignore[no-untyped-call]
        body = pygame.Rect(rect.x + 4, rect.y + 42, rect.w - 8, rect.h - 46)
        self.content = None
        self.table = None
        if self.tab == "orders":
            self._build_table(body)
            return
        if self.tab == "news" and self.can("inject"):
            editor_h = self._editor_height()
            self._build_editor(pygame.Rect(body.x, body.bottom - editor_h, body.w, editor_h))
            body.h -= editor_h + 6
        html = {
            "messages": messages_html,
            "deals": deals_html,
            "truth": truth_html,
            "news": news_html,
        }[self.tab](self.app.model)
        self.content = self.keep(
            UITextBox(html, body, self.manager, object_id=oid("@situation", "#fac-content"))
        )

    def app_rect(self) -> pygame.Rect:
        """The window, which an opened menu's list must stay in."""
        return pygame.Rect((0, 0), self.app.size)

    def _build_table(self, rect: pygame.Rect) -> None:
        """The orders tab: every team's orders as a table, in a scrolling panel."""
        surf, drawn = orders_table(self.app.model, rect.w - 24)
        box = self.keep(UIScrollingContainer(rect, self.manager, allow_scroll_x=False))
        box.set_scrollable_area_dimensions((rect.w - 24, max(surf.get_height(), rect.h - 8)))
        self.table = UIImage(
            pygame.Rect((0, 0), surf.get_size()),
            surf,
            self.manager,
            container=box,
            object_id="#fac-orders-table",
        )
        self.table_drawn = drawn
        self.table_box = box

    @property
    def drawn(self) -> list[tuple[str, pygame.Rect, pygame.Rect]]:
        """Lines of the orders table as last built: (text, where, its cell), in the
        table's coordinates (tests check each stays in its cell)."""
        return list(self.table_drawn) if self.tab == "orders" else []

    def _editor_height(self) -> int:
        return 26 + 34 + 34 + 34 + 22 * max(1, len(self.effects)) + 36

    def _build_editor(self, rect: pygame.Rect) -> None:
        """The written news inject, under the News tab: the news, each effect's variable
        (a menu as wide as the column) and change, and Send."""
        m = self.app.model
        self.editor_rect = rect
        y = rect.y + 26
        self.news_entry = self.keep(
            UITextEntryLine(
                pygame.Rect(rect.x, y, rect.w, 30),
                self.manager,
                object_id="#fac-news",
                placeholder_text="Write a news item…",
            )
        )
        self.news_entry.set_text(self.texts["news"])
        y += 34
        names = variables_of(m.legal, m)
        if names:
            options = [(n, k) for k, n in names]
            self.var_menu = self.keep(
                UIDropDownMenu(
                    options,  # type: ignore[arg-type]
                    kept(options, self.moving.get("variable")),
                    pygame.Rect(rect.x, y, rect.w, 30),
                    self.manager,
                    object_id="#fac-variable",
                )
            )
            place_list(self.var_menu, self.app_rect())
            y += 34
            self.change_y = y
            self.amount_entry = self.keep(
                UITextEntryLine(
                    pygame.Rect(rect.x + 90, y, 70, 30),
                    self.manager,
                    object_id="#fac-amount",
                )
            )
            self.amount_entry.set_text(self.texts["amount"])
            self._button(
                "add-effect",
                pygame.Rect(rect.x + 166, y, 150, 30),
                "Add this effect",
                self.add_effect,
                "Add this change to the news item's effects",
            )
            y += 34
        self.effects_y = y
        y += 22 * max(1, len(self.effects))
        self._button(
            "send-news",
            pygame.Rect(rect.x, y + 2, rect.w, 32),
            "Send the news inject",
            self.send_news,
            "Publish the news item with its effects",
        )

    def _build_right(self, rect: pygame.Rect) -> None:
        m = self.app.model
        y = rect.y + 30
        if self.can("inject"):
            injects = injects_of(m.legal, m.info)
            list_h = min(36 * len(injects) + 4, int(rect.h * 0.55))
            box = self.keep(
                UIScrollingContainer(
                    pygame.Rect(rect.x + 4, y, rect.w - 8, list_h),
                    self.manager,
                    allow_scroll_x=False,
                )
            )
            inner = rect.w - 30
            box.set_scrollable_area_dimensions((inner, 36 * len(injects)))
            for i, inj in enumerate(injects):
                self._button(
                    f"inject-{inj['id']}",
                    pygame.Rect(0, i * 36, inner, 32),
                    inj["title"],
                    partial(self.act, {"type": "inject", "event": inj["id"]}),
                    esc(inj.get("news", "")),
                    container=box,
                    object_id=oid("@inject", f"#fac-inject-{inj['id']}"),
                    size=12,
                )
            y += list_h + 8
            hint = "Write your own under the News tab."
            self._button(
                "write-news",
                pygame.Rect(rect.x + 4, y, rect.w - 8, 30),
                hint if theme.font(14).size(hint)[0] + 16 <= rect.w - 8 else "Write your own…",
                partial(self.set_tab, "news"),
                "A news item of your own, with effects on the variables you choose",
            )
            y += 46
        if self.can("announce"):
            self.announce_y = y
            y += 24
            self.announce_entry = self.keep(
                UITextEntryLine(
                    pygame.Rect(rect.x + 4, y, rect.w - 8, 32),
                    self.manager,
                    object_id="#fac-announce",
                    placeholder_text="An announcement to every team…",
                )
            )
            self.announce_entry.set_text(self.texts["announce"])
            y += 36
            self._button(
                "announce",
                pygame.Rect(rect.x + 4, y, rect.w - 8, 32),
                "Broadcast",
                self.announce,
                "Every team sees it in its news",
            )

    # ------------------------------------------------------------ actions
    def act(self, action: dict[str, Any]) -> None:
        """Send a control (with the month it is meant for)."""
        month = (self.app.model.view or {}).get("month")
        self.app.conn.send({**action, "month": month})

    def start(self) -> None:
        """Start the game (briefing time is over)."""
        self.act({"type": "start"})

    def advance(self) -> None:
        """End the current phase now."""
        self.act({"type": "advance", "phase": (self.app.model.view or {}).get("phase")})

    def skip(self) -> None:
        """Skip to the month's resolution."""
        self.act({"type": "advance", "to": "resolution"})

    def extend(self, seconds: int) -> None:
        """Lengthen (or shorten) the current phase."""
        self.act({"type": "extend", "seconds": seconds})

    def seat(self, actor: str, bot: str | None) -> None:
        """Hand a seat to the chosen bot (``bot`` ''), or back to people (None)."""
        if bot == "":
            self._keep_texts()
            bot = self.bot or "historical"
        self.act({"type": "seat", "seat": actor, "bot": bot})

    def move(self) -> None:
        """Move the chosen student to the chosen team."""
        if self.move_player is None or self.move_seat is None:
            return
        player = self.move_player.selected_option[1]
        seat = self.move_seat.selected_option[1]
        self.act({"type": "move", "player": player, "seat": seat})

    def end_game(self) -> None:
        """End the game (the first click asks again)."""
        if not self.confirm_end:
            self.confirm_end = True
            return
        self.confirm_end = False
        self.act({"type": "end"})

    def add_effect(self) -> None:
        """Add the chosen variable's change to the written inject."""
        if self.var_menu is None or self.amount_entry is None:
            return
        key = self.var_menu.selected_option[1]
        try:
            amount = float(self.amount_entry.get_text().strip())
        except ValueError:
            self.app.model.error(
                f"the change must be a number, not {self.amount_entry.get_text()!r}"
            )
            return
        self.effects[key] = amount
        self.app.model.revision += 1

    def send_news(self) -> None:
        """Publish the written news item with its effects."""
        self._keep_texts()
        text = self.texts["news"].strip()
        if not text:
            self.app.model.error("write the news item first")
            return
        self.act({"type": "inject", "news": text, "effects": dict(self.effects)})
        self.effects = {}
        self.texts["news"] = ""
        if self.news_entry is not None:
            self.news_entry.set_text("")

    def announce(self) -> None:
        """Broadcast the announcement."""
        self._keep_texts()
        text = self.texts["announce"].strip()
        if not text:
            self.app.model.error("write the announcement first")
            return
        self.act({"type": "announce", "text": text})
        self.texts["announce"] = ""
        if self.announce_entry is not None:
            self.announce_entry.set_text("")

    def set_tab(self, tab: str) -> None:
        """Show one tab of the omniscient view."""
        self.tab = tab

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.announce_entry:
                self.announce()
                return True
            if event.ui_element is self.news_entry:
                self.send_news()
                return True
        return False

    # ------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        m = self.app.model
        view = m.view or {}
        r = self.layout()
        top = r["top"]
        pygame.draw.rect(surface, theme.PANEL, top)
        months = view.get("months", [])
        phase = str(view.get("phase", "")).capitalize()
        flags = []
        if view.get("paused"):
            flags.append("paused")
        if m.legal.get("started") is False:
            flags.append("briefing time: not started")
        if m.legal.get("locked"):
            flags.append("locked")
        extra = f" ({', '.join(flags)})" if flags else ""
        line = (
            f"Facilitator — room {m.room} — {view.get('month_label', '')}, month "
            f"{view.get('month', 1)} of {len(months)} — {phase} phase{extra}"
        )
        timer, left = timer_text(m)  # the set time before the start, not "no timer"
        t = view.get("tension", {})
        tension = f"Tension {float(t.get('value', 0)):.0f} — {t.get('rung_name', '')}"
        right = f"{timer}   ·   {tension}"
        rw = theme.font(16, True).size(right)[0]
        surface.blit(
            theme.text(
                theme.fit(line, theme.font(17, True), top.w - rw - 40), 17, theme.TEXT, True
            ),
            (10, 16),
        )
        colour = theme.VERMILION if left is not None and left < 30 else theme.YELLOW
        surface.blit(theme.text(right, 16, colour, True), (top.right - rw - 10, 18))
        for name in ("left", "center", "right"):
            pygame.draw.rect(surface, theme.PANEL, r[name])
            pygame.draw.rect(surface, theme.PANEL_EDGE, r[name], 1)
        self._draw_seats(surface, r["left"])
        self._draw_right(surface, r["right"])
        self._draw_editor(surface)

    def _draw_seats(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        m = self.app.model
        view = m.view or {}
        legal = m.legal
        seats = {s["id"]: s for s in legal.get("seats", [])}
        rows = getattr(self, "seat_rows", [])
        if not rows:
            return
        surface.blit(theme.text("Teams", 15, theme.ORANGE, True), (rect.x + 8, self.teams_y))
        if self.bot_menu is not None and self.can("seat"):
            surface.blit(theme.text("Bot:", 13, theme.MUTED), (rect.x + 8, self.bot_label_y))
        scores = view.get("scores", {})
        fnt = theme.font(12)
        for a, top, row_h in rows:
            seat = seats.get(a, {})
            col = theme.hex_colour(m.colour(a))
            pygame.draw.rect(surface, col, (rect.x + 6, top + 3, 5, row_h - 6))
            state = (
                "submitted"
                if a in view.get("submitted", [])
                else "ready"
                if a in view.get("ready", [])
                else "working"
            )
            score = f" · {scores[a]:.0f} pts" if a in scores else ""
            surface.blit(
                theme.text(
                    theme.fit(m.name(a), theme.font(14, True), rect.w - 100), 14, theme.TEXT, True
                ),
                (rect.x + 16, top + 2),
            )
            room = rect.w - 24  # the second line runs under the seat's button
            if seat.get("bot"):
                who = f"bot: {seat['bot']}"
                if fnt.size(f"{who} · {state}{score}")[0] > room:
                    who = "bot"
            else:
                people = seat.get("players", [])
                names = ", ".join(
                    p["name"] + ("" if p.get("connected") else " (away)") for p in people
                )
                who = names or ("no one yet" if seats else "")
            line = f"{who} · {state}{score}" if who else f"{state}{score}"
            if who == "no one yet":  # an empty seat is not working at anything
                line = f"{who}{score}"
            elif fnt.size(line)[0] > room and who:  # long names: the score is in the report
                line = f"{who} · {state}"
            size = 12 if fnt.size(line)[0] <= room else 11
            surface.blit(
                theme.text(theme.fit(line, theme.font(size), room), size, theme.MUTED),
                (rect.x + 16, top + 24),
            )

    def _draw_right(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        if self.can("inject"):
            surface.blit(
                theme.text("News injects", 15, theme.ORANGE, True), (rect.x + 8, rect.y + 8)
            )
        if self.can("announce"):
            ay = getattr(self, "announce_y", rect.y)
            surface.blit(theme.text("Announcement", 15, theme.ORANGE, True), (rect.x + 8, ay))

    def _draw_editor(self, surface: pygame.Surface) -> None:
        """The written inject's heading, its 'change by' and its effects (News tab)."""
        m = self.app.model
        rect = getattr(self, "editor_rect", None)
        if rect is None or self.tab != "news" or not self.can("inject"):
            return
        pygame.draw.line(surface, theme.PANEL_EDGE, (rect.x, rect.y - 3), (rect.right, rect.y - 3))
        surface.blit(
            theme.text("Write a news item of your own", 15, theme.ORANGE, True),
            (rect.x + 2, rect.y + 2),
        )
        if self.var_menu is not None:
            cy = getattr(self, "change_y", rect.y)
            surface.blit(theme.text("Change by", 13, theme.MUTED), (rect.x + 2, cy + 6))
        ey = getattr(self, "effects_y", rect.y)
        if not self.effects:
            surface.blit(
                theme.text("No effects yet: news only.", 13, theme.MUTED), (rect.x + 2, ey + 2)
            )
        for i, (k, v) in enumerate(self.effects.items()):
            line = theme.fit(f"Effect: {m.var_name(k)} {signed(v)}", theme.font(13), rect.w - 4)
            surface.blit(theme.text(line, 13, theme.TEXT), (rect.x + 2, ey + 2 + 22 * i))


# ------------------------------------------------------------ the omniscient view in words
def _head(text: str) -> str:
    return f"<font color='#E69F00'><b>{esc(text)}</b></font>"


TABLE_HEADS = ("Team", "Lever", "Order", "Seen", "Changed")
"""The orders table's columns."""


def orders_rows(m: Any) -> list[tuple[str, str, str, str, bool]]:
    """Every team's orders as table rows: (team id, lever, order, how others see it,
    changed this month). The first row of a team carries its id, the next ones ''.
    "covert" orders are seen by others only if detected; the rest after the month."""
    view = m.view or {}
    drafts = view.get("drafts", {})
    policy = view.get("policy", {})
    rows: list[tuple[str, str, str, str, bool]] = []
    for a in m.actor_ids:
        draft = drafts.get(a) or {}
        levers = {**policy.get(a, {}), **(draft.get("levers") or {})}
        changed = {
            lid
            for lid, opt in (draft.get("levers") or {}).items()
            if policy.get(a, {}).get(lid) != opt
        }
        mine: list[tuple[str, str, str, bool]] = []
        for lid, opt in levers.items():
            options = {o["id"]: o for o in m.lever(lid).get("options", [])}
            seen = "covert" if options.get(opt, {}).get("covert") else "public"
            mine.append((m.lever(lid)["name"], m.option_name(lid, opt), seen, lid in changed))
        for sig in draft.get("signals") or []:
            name = m.info.get("signals", {}).get(sig["signal"], {}).get("name", sig["signal"])
            to = f" to {m.name(sig['target'])}" if sig.get("target") else ""
            mine.append(("Signal", f"{name}{to}", "public", True))
        if draft.get("stand_up"):
            who = ", ".join(m.name(x) for x in draft["stand_up"])
            mine.append(("Talks", f"stands up {who}", "public", True))
        if not mine:
            mine.append(("", "no levers", "", False))
        rows += [(a if i == 0 else "", *r) for i, r in enumerate(mine)]
    return rows


def orders_table(
    m: Any, width: int
) -> tuple[pygame.Surface, list[tuple[str, pygame.Rect, pygame.Rect]]]:
    """The orders tab drawn as a table ``width`` wide: a head row, then each team's rows
    (its name, coloured, and whether its orders are a draft or final, in the first
    column). Every cell's text is wrapped to its column, never cut. Returns the surface
    and each line drawn with the cell it must stay in."""
    view = m.view or {}
    fnt, bold = theme.font(13), theme.font(13, True)
    lh = fnt.get_linesize()
    # the short columns as wide as their words, the team a fifth, lever and order the rest
    seen_w = max(bold.size(w)[0] for w in ("Seen", "covert", "public")) + 12
    new_w = max(bold.size("Changed")[0], fnt.size("changed")[0]) + 12
    team_w = max(int(width * 0.2), max(bold.size(w)[0] for w in ("Team", "draft", "final")) + 12)
    rest = width - seen_w - new_w - team_w
    lever_w = rest * 11 // 20  # lever names run longer than the options
    xs = [0, team_w, team_w + lever_w, width - seen_w - new_w, width - new_w, width]
    rows = orders_rows(m)
    cells: list[list[tuple[list[str], tuple[int, int, int], bool]]] = []
    heights: list[int] = []
    for team, lever, order, seen, changed in rows:
        state = ""
        if team:
            state = "final" if team in view.get("submitted", []) else "draft"
        texts = [
            (
                m.name(team) if team else "",
                theme.hex_colour(m.colour(team)) if team else theme.TEXT,
                True,
            ),
            (lever, theme.TEXT, False),
            (order, theme.TEXT, changed),
            (seen, theme.VERMILION if seen == "covert" else theme.MUTED, seen == "covert"),
            ("changed" if changed else "", theme.ORANGE, False),
        ]
        row = []
        for k, (text, colour, is_bold) in enumerate(texts):
            lines = (
                theme.wrap(text, bold if is_bold else fnt, xs[k + 1] - xs[k] - 10) if text else []
            )
            if k == 0 and team:
                lines.append(state)
            row.append((lines, colour, is_bold))
        cells.append(row)
        heights.append(max(1, *(len(c[0]) for c in row)) * lh + 8)
    head_h = lh + 10
    surf = pygame.Surface((width, head_h + sum(heights) + 4))
    surf.fill(theme.PANEL)
    drawn: list[tuple[str, pygame.Rect, pygame.Rect]] = []

    def put(
        text: str, colour: tuple[int, int, int], is_bold: bool, cell: pygame.Rect, j: int
    ) -> None:
        label = theme.text(text, 13, colour, is_bold)
        at = (cell.x + 5, cell.y + 4 + j * lh)
        surf.blit(label, at)
        drawn.append((text, label.get_rect(topleft=at), cell))

    pygame.draw.rect(surf, theme.PANEL_EDGE, (0, 0, width, head_h))
    for k, head in enumerate(TABLE_HEADS):
        put(head, theme.ORANGE, True, pygame.Rect(xs[k], 0, xs[k + 1] - xs[k], head_h), 0)
    y = head_h
    band = False
    for (team, *_), row, h in zip(rows, cells, heights, strict=True):
        if team:
            band = not band
            pygame.draw.line(surf, theme.PANEL_EDGE, (0, y), (width, y))
        if band:
            pygame.draw.rect(surf, (31, 38, 48), (0, y + 1, width, h - 1))
        for k, (lines, colour, is_bold) in enumerate(row):
            cell = pygame.Rect(xs[k], y, xs[k + 1] - xs[k], h)
            for j, line in enumerate(lines):
                col = theme.MUTED if k == 0 and j == len(lines) - 1 and team else colour
                put(line, col, is_bold and not (k == 0 and j == len(lines) - 1), cell, j)
        y += h
    return surf, drawn


def messages_html(m: Any) -> str:
    """Every message on every channel, newest last."""
    view = m.view or {}
    msgs = view.get("messages", [])
    if not msgs:
        return "<i>No messages yet.</i>"
    months = view.get("months", [])
    out = []
    last = None
    for msg in msgs:
        if msg.get("month") != last:
            last = msg.get("month")
            label = months[last - 1] if isinstance(last, int) and 0 < last <= len(months) else ""
            out.append(_head(label))
        to = "everyone" if channel_of(msg) == "public" else ", ".join(m.name(a) for a in msg["to"])
        out.append(
            f"<font color='{m.colour(msg['from'])}'><b>{esc(m.name(msg['from']))}</b></font>"
            f" to {esc(to)}: {esc(msg['text'])}"
        )
    return "<br>".join(out)


def deals_html(m: Any) -> str:
    """Every proposal (with its answers), every agreement, every Security Council draft."""
    view = m.view or {}
    out = [_head("Proposals")]
    for p in view.get("proposals", []):
        answers = ", ".join(f"{m.name(a)}: {r}" for a, r in p.get("responses", {}).items())
        parties = ", ".join(m.name(a) for a in p["parties"] if a != p["proposer"])
        out.append(
            f"<b>#{p['id']} {esc(m.name(p['proposer']))} to {esc(parties)}</b> ({esc(p['status'])})"
            + (f" <i>{esc(answers)}</i>" if answers else "")
        )
        out += ["• " + esc(line) for line in m.proposal_lines(p)]
    if len(out) == 1:
        out.append("<i>None yet.</i>")
    out.append(_head("Agreements"))
    for ag in view.get("agreements", []):
        breaches = ", ".join(m.name(b.get("actor")) for b in ag.get("breaches", []))
        out.append(
            f"<b>#{ag['id']} {esc(', '.join(m.name(a) for a in ag['parties']))}</b> "
            f"({esc(ag.get('status', ''))})" + (f" broken by {esc(breaches)}" if breaches else "")
        )
        out += ["• " + esc(line) for line in m.proposal_lines(ag)]
    if not view.get("agreements"):
        out.append("<i>None yet.</i>")
    drafts = view.get("unsc_drafts", [])
    if drafts:
        from game.client.game_screen import unsc_card

        out.append(_head("Security Council"))
        out += [unsc_card(m, d) for d in drafts]
    return "<br>".join(out)


def truth_html(m: Any) -> str:
    """Every variable's true value (what players see only as estimates)."""
    view = m.view or {}
    values = view.get("variables", {})
    vis = m.info.get("visibility", {})
    out = [_head("True values (players see estimated ones as ranges)")]
    for k, v in values.items():
        mark = " <i>(estimated by others)</i>" if vis.get(k) == "estimated" else ""
        shown = f"{v:.1f}" if isinstance(v, int | float) else esc(v)
        if k in m.info.get("display", {}) and isinstance(v, int | float):
            shown += f" ({esc(m.value_text(k, v))})"
        if not m.shown(k):
            mark += " <i>(bookkeeping: players do not see it)</i>"
        out.append(f"{esc(m.var_name(k))}: <b>{shown}</b>{mark}")
    secret = view.get("secret_objectives", {})
    if secret:
        out.append(_head("Secret objectives dealt"))
        pool = m.info.get("secret_objectives", {})
        for a, ids in secret.items():
            names = [pool.get(a, {}).get(i, {}).get("name", i) for i in ids]
            out.append(f"{esc(m.name(a))}: {esc(', '.join(names) or 'none')}")
    return "<br>".join(out)


def news_html(m: Any) -> str:
    """Every news item, intelligence included (marked with who got it)."""
    view = m.view or {}
    months = view.get("months", [])
    out = []
    for n in sorted(view.get("news", []), key=lambda n: -int(n.get("month", 0))):
        month = int(n.get("month", 0))
        label = months[month - 1] if 0 < month <= len(months) else ""
        who = (
            f" <i>[intel for {esc(', '.join(m.name(a) for a in n['to']))}]</i>"
            if n.get("to")
            else ""
        )
        out.append(f"<b>{esc(label)}</b>{who}: {esc(n['text'])}")
    return "<br>".join(out) or "<i>No news yet.</i>"
