"""The game screen: top bar, situation, sanctions, map, orders, chat, deals and news.

Layout (1280x800; everything scales with the window)::

    +--------------------------------------------------------------------+
    | country, month, phase, deadlines        | tension track | [Ready]  |
    |                                         |               | 7:59 left|
    +------------+---------------------------------+---------------------+
    | situation  |  map (signals, summits,         | [Chat][Deals][News] |
    | (you, and  |   sanctions pressure)           |                     |
    |  estimates)+---------------------------------+  tab content        |
    | sanctions  |  your orders: one row per lever |                     |
    | picture    |  (options with tooltips)        |                     |
    +------------+---------------------------------+---------------------+

Every text is shown whole at 1280x800 and at the smallest window, 1024x640: the orders
take the height their rows need (the map what is left, within bounds), a choice that
does not fit its row wraps to the next line rather than being shortened, a label wider
than the label column sits above its choices, the deadlines take a line each when they
do not fit on one, and the lines the screen draws itself are noted in :attr:`drawn` so
tests can check that none leaves its panel or runs into another (tests/client/test_fit.py).

The orders never need scrolling: when a seat's rows of buttons (with the longest
addressee row its signals can bring) do not fit beside the smallest map, the orders
turn *compact*: the signal and its addressee become two drop-down menus (on one line
when both fit, "Public condemnation", "to North Korea"), and the rows are a little lower (tests/client/test_fit.py checks every seat of
Korea 2019 at both sizes for a scroll bar).

Widgets are rebuilt when the view changes or the window is resized; drawing a frame
only blits cached surfaces, so it stays cheap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UIScrollingContainer,
    UITextBox,
    UITextEntryLine,
)

from game.client import theme
from game.client.model import PUBLIC, clock
from game.client.ui import Screen, esc, oid, on_click, place_list, signed

TOP = 70
TABS = ("chat", "deals", "news")
INTENT_WORDS = {
    "offer": "offers",
    "request": "asks",
    "warn": "warns against",
    "promise": "promises",
    "accept": "accepts",
    "reject": "rejects",
}
"""How a message's intent reads under its words in the chat."""
HEADING_H = 28  # the orders' heading line
ROW = 30  # one row of choices in the orders
HEAD = 28  # a label on its own line above its choices
COMPACT_ROW = 26  # the same, in compact orders
COMPACT_HEAD = 24
PAD = 16  # room a button keeps around its text (border and breathing space)
MENU_PAD = 44  # room a drop-down menu keeps around its text (its arrow button)
MENU_H = 28  # a drop-down menu's height (its text needs 20px inside border and shadow)
MIN_MAP = 0.30  # the map keeps at least this share of the body's height
Command = Callable[[], None]


@dataclass
class OrderRow:
    """One labelled set of choices in the orders: a lever, the signal, the addressee.

    ``items`` are (object id, text, tooltip, command); a row without items is a heading;
    a ``menu`` row shows its items as one drop-down menu instead of a button each.
    """

    key: str
    label: str
    tip: str
    items: list[tuple[str, str, str, Command]]
    menu: bool = False


Placed = tuple[str, str, str, str, pygame.Rect, Command | None]


def place_rows(
    rows: list[OrderRow], inner_w: int, row_h: int = ROW, head_h: int = HEAD
) -> tuple[list[Placed], int]:
    """Where each label and choice of ``rows`` goes in a panel ``inner_w`` wide, every
    text whole: a label sits left of its choices when it fits the label column, else on
    its own line above them; choices wrap onto more lines rather than being shortened.
    Returns (kind, object id, text, tooltip, rectangle, command) per button, kind
    ``label``, ``choice`` or ``menu`` (a drop-down of the row's items, object id the
    row's key), and the height used. ``row_h`` and ``head_h`` are the heights of a line
    of choices and of a label above its choices."""
    small = theme.font(13)
    widths = [small.size(r.label)[0] + PAD + 8 for r in rows if r.items]
    label_w = min(max(widths, default=120), int(inner_w * 0.36))
    out: list[Placed] = []
    y = 4
    after: pygame.Rect | None = None  # the menu just placed, which a next one may follow
    for r in rows:
        if r.menu and after is not None:  # a second menu on the first's line when it fits
            menu_w = max(theme.font(14).size(text)[0] for _, text, _, _ in r.items) + MENU_PAD
            if after.right + 4 + menu_w <= inner_w:
                out.append(("menu", r.key, "", r.tip, after.move(after.w + 4, 0), None))
                out[-1][4].w = menu_w - 4
                after = None
                continue
        after = None
        if not r.items:
            out.append(
                ("label", r.key, r.label, r.tip, pygame.Rect(0, y, inner_w, head_h - 4), None)
            )
            y += head_h
            continue
        if r.menu:  # one drop-down as wide as its longest entry, beside its label if it fits
            menu_w = max(theme.font(14).size(text)[0] for _, text, _, _ in r.items) + MENU_PAD
            beside = small.size(r.label)[0] + PAD + 8 <= label_w
            if beside and menu_w <= inner_w - label_w:
                cell = pygame.Rect(0, y, label_w - 6, max(row_h, MENU_H + 4) - 4)
                out.append(("label", r.key, r.label, r.tip, cell, None))
                x0 = label_w
            else:
                out.append(
                    ("label", r.key, r.label, r.tip, pygame.Rect(0, y, inner_w, head_h - 4), None)
                )
                y += head_h
                x0 = 0
            cell = pygame.Rect(x0, y, min(menu_w, inner_w - x0) - 4, MENU_H)
            out.append(("menu", r.key, "", r.tip, cell, None))
            after = cell
            y += max(row_h, MENU_H + 4)
            continue
        need = max(small.size(text)[0] for _, text, _, _ in r.items) + PAD
        n = len(r.items)

        def shape(area: int, need: int = need, n: int = n) -> tuple[int, int]:
            cols = max(1, min(n, area // need))
            return cols, -(-n // cols)

        side_cols, side_rows = shape(inner_w - label_w)
        full_cols, full_rows = shape(inner_w)
        fits = small.size(r.label)[0] + PAD + 8 <= label_w and side_cols * need <= inner_w - label_w
        if fits and side_rows * row_h <= head_h + full_rows * row_h:
            x0, area, cols, lines = label_w, inner_w - label_w, side_cols, side_rows
            cell = pygame.Rect(0, y, label_w - 6, lines * row_h - 4)
            out.append(("label", r.key, r.label, r.tip, cell, None))
        else:
            cell = pygame.Rect(0, y, inner_w, head_h - 4)
            out.append(("label", r.key, r.label, r.tip, cell, None))
            y += head_h
            x0, area, cols, lines = 0, inner_w, full_cols, full_rows
        ow = area // cols
        for i, (key, text, tip, command) in enumerate(r.items):
            row, col = divmod(i, cols)
            cell = pygame.Rect(x0 + col * ow, y + row * row_h, ow - 4, row_h - 4)
            out.append(("choice", key, text, tip, cell, command))
        y += lines * row_h
    return out, y


class GameScreen(Screen):
    """The main screen while a game is running."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.tab = "chat"
        self.chat_entry: UITextEntryLine | None = None
        self.chat_text = ""
        self.chat_focus = False
        self.ready_button: UIButton | None = None
        self.option_buttons: dict[tuple[str, str], UIButton] = {}
        self.signal_buttons: dict[str, UIButton] = {}
        self.target_buttons: dict[str, UIButton] = {}
        self.stand_up_buttons: dict[str, UIButton] = {}
        self.channel_buttons: dict[str, UIButton] = {}
        self.tab_buttons: dict[str, UIButton] = {}
        self.deal_buttons: dict[tuple[str, int], UIButton] = {}
        self.unsc_buttons: dict[tuple[str, Any], UIButton] = {}
        self.unsc_open = False
        self.propose_button: UIButton | None = None
        self.briefing_button: UIButton | None = None
        self.back_button: UIButton | None = None  # in the tutorial: back to the class
        self.news_box: UITextBox | None = None
        self.chat_box: UITextBox | None = None
        self._left: pygame.Surface | None = None
        self._left_key: tuple[Any, ...] = ()
        self._top: pygame.Surface | None = None
        self.timer_text = ""  # the countdown as last drawn ('' without a timer)
        self._top_key: tuple[Any, ...] = ()
        self.pending_target: str | None = None
        self._option_keys: dict[str, tuple[str, str]] = {}
        self._plan_key: tuple[Any, ...] = ()
        self._plan: tuple[list[OrderRow], list[Placed], int, bool] = ([], [], 0, False)
        self.compact = False  # the orders as last built: signal menus, lower rows
        self.signal_menu: UIDropDownMenu | None = None  # in compact orders
        self.target_menu: UIDropDownMenu | None = None
        self._menu_rows: dict[Any, OrderRow] = {}
        self.orders_box: UIScrollingContainer | None = None  # the orders' rows, as built
        self._sanctions_key: tuple[Any, ...] = ()
        self._sanctions_h = 0
        self._drawn: dict[str, list[tuple[str, pygame.Rect, pygame.Rect]]] = {}

    # ------------------------------------------------------------ layout
    def layout(self) -> dict[str, pygame.Rect]:
        """The screen's regions for the current window size: the orders take the height
        their rows need (the map what is left, within bounds), the sanctions picture
        the height its rows need."""
        w, h = self.app.size
        left_w = 290 if w >= 1200 else 240
        right_w = 340 if w >= 1200 else 250
        body = h - TOP
        center_w = w - left_w - right_w
        need = HEADING_H + self.orders_plan(center_w - 28, body)[2] + 12
        map_h = max(int(body * MIN_MAP), min(int(body * 0.55), body - need))
        sanction_h = min(int(body * 0.6), self._sanctions_height(left_w))
        return {
            "top": pygame.Rect(0, 0, w, TOP),
            "situation": pygame.Rect(0, TOP, left_w, body - sanction_h),
            "sanctions": pygame.Rect(0, h - sanction_h, left_w, sanction_h),
            "map": pygame.Rect(left_w, TOP, center_w, map_h),
            "orders": pygame.Rect(left_w, TOP + map_h, center_w, body - map_h),
            "right": pygame.Rect(w - right_w, TOP, right_w, body),
        }

    def orders_plan(
        self, inner_w: int, body: int
    ) -> tuple[list[OrderRow], list[Placed], int, bool]:
        """The orders' rows, where their buttons go, the height they take in a panel
        ``inner_w`` wide, and whether they are compact (cached). Compact when the rows of
        buttons, with the longest addressee row the seat's signals can bring, would not
        fit above the bottom of a window ``body`` high beside the smallest map: then the
        signal and its addressee are drop-down menus and the rows lower."""
        m = self.app.model
        key = ("orders", inner_w, body, m.revision, id(m.view))
        if key != self._plan_key:
            self._plan_key = key
            room = body - int(body * MIN_MAP) - HEADING_H - 12
            compact = place_rows(self.order_rows(worst=True), inner_w)[1] > room
            rows = self.order_rows(compact=compact)
            heights = (COMPACT_ROW, COMPACT_HEAD) if compact else (ROW, HEAD)
            placed, height = place_rows(rows, inner_w, *heights)
            self._plan = (rows, placed, height, compact)
        return self._plan

    def _sanctions_height(self, w: int) -> int:
        """The height the sanctions picture needs at width ``w`` (cached)."""
        key = (w, self.app.model.revision, id(self.app.model.view))
        if key != self._sanctions_key:
            self._sanctions_key = key
            self._sanctions_h = self._render_sanctions(pygame.Rect(0, 0, w, 2000), [])[1]
        return self._sanctions_h

    @property
    def drawn(self) -> list[tuple[str, pygame.Rect, pygame.Rect]]:
        """Text the screen drew itself (not its widgets) on the last fresh frame:
        (text, where, the region it must stay in), in window coordinates."""
        return [d for part in self._drawn.values() for d in part]

    def key(self) -> tuple[Any, ...]:
        m = self.app.model
        return (self.app.size, m.revision, self.tab, m.channel)

    # ------------------------------------------------------------ widgets
    def build(self) -> None:
        if self.chat_entry is not None and self.chat_entry.alive():  # type: ignore[no-untyped-call]
            self.chat_text = self.chat_entry.get_text()
            self.chat_focus = self.chat_entry.is_focused
        self.chat_entry = None
        self.option_buttons, self.signal_buttons, self.target_buttons = {}, {}, {}
        self.signal_menu = self.target_menu = None
        self._menu_rows = {}
        self.stand_up_buttons = {}
        self.channel_buttons, self.tab_buttons, self.deal_buttons = {}, {}, {}
        self.unsc_buttons = {}
        r = self.layout()
        self._build_top(r["top"])
        self._build_situation(r["situation"])
        self._build_orders(r["orders"])
        self._build_right(r["right"])

    def _build_top(self, rect: pygame.Rect) -> None:
        m = self.app.model
        view = m.view or {}
        phase = view.get("phase")
        you = m.you
        text, enabled = "Ready for orders", m.can("ready")
        if phase == "negotiation" and you in view.get("ready", []):
            text, enabled = "Waiting for others…", False
        elif phase == "orders":
            text = "Submit orders"
            if you in view.get("submitted", []):
                text, enabled = "Orders sent — waiting", False
        elif phase == "over":
            text, enabled = "See the results", True
        self.ready_button = self.keep(
            UIButton(
                self._ready_rect(rect),
                text,
                self.manager,
                object_id=oid("@ready", "#ready"),
                tool_tip_text="End your part of this phase (Ctrl+Enter): Ready for orders "
                "ends your talks; Submit orders makes your drafted orders final.",
                command=on_click(self.press_ready),
            )
        )
        if not enabled:
            self.ready_button.disable()

    def _build_situation(self, rect: pygame.Rect) -> None:
        self.briefing_button = self.keep(
            UIButton(
                pygame.Rect(rect.x + 4, rect.y + 4, rect.w - 8, 28),
                "Your briefing (F4)",
                self.manager,
                object_id="#briefing-open",
                tool_tip_text="Read your public and secret briefing and your objectives again; "
                "print them",
                command=on_click(self.app.open_briefing),
            )
        )
        top = 36
        self.back_button = None
        if self.app.return_to is not None:  # the tutorial, taken from a class's room
            self.back_button = self.keep(
                UIButton(
                    pygame.Rect(rect.x + 4, rect.y + 36, rect.w - 8, 28),
                    self.app.back_label,
                    self.manager,
                    object_id=oid("@ready", "#back_to_class"),
                    tool_tip_text="Leave the tutorial for the room you came from: join your "
                    "team there",
                    command=on_click(self.app.back_to_class),
                )
            )
            top += 32
        self.keep(
            UITextBox(
                self.situation_html(),
                pygame.Rect(rect.x + 4, rect.y + top, rect.w - 8, rect.h - top - 4),
                self.manager,
                object_id=oid("@situation", "#situation"),
            )
        )

    def _build_orders(self, rect: pygame.Rect) -> None:
        m = self.app.model
        view = m.view or {}
        submitted = m.you in view.get("submitted", []) or view.get("phase") == "over"
        locked = submitted or "orders" not in m.legal.get("types", [])
        inner_w = rect.w - 28
        box = self.keep(
            UIScrollingContainer(
                pygame.Rect(rect.x + 4, rect.y + HEADING_H, rect.w - 8, rect.h - HEADING_H - 4),
                self.manager,
                allow_scroll_x=False,
            )
        )
        self.orders_box = box
        rows, placed, height, self.compact = self.orders_plan(inner_w, self.app.size[1] - TOP)
        scrolls = height + 8 > rect.h - HEADING_H - 4  # as the box's area is set below
        for kind, key, text, tip, cell, command in placed:
            if kind == "menu":
                row = next(r for r in rows if r.key == key)
                self._build_menu(row, cell, box, scrolls, locked)
                continue
            b = UIButton(
                cell,
                text,
                self.manager,
                container=box,
                object_id=oid("@lever_label" if kind == "label" else "@option", key),
                tool_tip_text=tip or None,
                command=command,
            )
            if kind == "label":
                b.disable()  # type: ignore[no-untyped-call]
                continue
            self._register(key, b, locked)
        box.set_scrollable_area_dimensions((inner_w, max(rect.h - HEADING_H - 12, height + 8)))

    def _build_menu(
        self, row: OrderRow, cell: pygame.Rect, box: Any, scrolls: bool, locked: bool
    ) -> None:
        """A compact row's drop-down menu (the signal, its addressee) at ``cell`` of the
        orders' ``box``. Outside the box when the orders do not scroll, so its opened
        list is not clipped by the box; it opens upwards in the lower half of the window."""
        m = self.app.model
        chosen = m.draft_signals()
        keys = [k for k, _, _, _ in row.items]
        if row.key == "#lever-signal":
            current = f"#signal-{chosen[0]['signal'] if chosen else 'none'}"
        else:
            current = f"#target-{chosen[0].get('target') if chosen else ''}"
        current = current if current in keys else keys[0]
        options = [(text, k) for k, text, _, _ in row.items]
        start = next(o for o in options if o[1] == current)
        where = cell if scrolls else cell.move(box.get_container().get_rect().topleft)
        menu = UIDropDownMenu(
            options,  # type: ignore[arg-type]
            start,
            where,
            self.manager,
            container=box if scrolls else None,
            object_id=oid("@order_menu", row.key.replace("#lever-", "#menu-")),
        )
        place_list(menu, None if scrolls else pygame.Rect((0, 0), self.app.size))
        if not scrolls:
            self.keep(menu)
        self._menu_rows[menu] = row
        if row.key == "#lever-signal":
            self.signal_menu = menu
        else:
            self.target_menu = menu
        if locked:
            menu.disable()  # type: ignore[no-untyped-call]

    def _register(self, key: str, b: UIButton, locked: bool) -> None:
        """File a choice button under its kind, selected if drafted, disabled if locked."""
        m = self.app.model
        chosen = m.draft_signals()
        chosen_id = chosen[0]["signal"] if chosen else None
        if key.startswith("#option-"):
            lid, opt = self._option_keys[key]
            self.option_buttons[(lid, opt)] = b
            selected = opt == m.current_option(lid)
        elif key.startswith("#signal-"):
            sid = key.removeprefix("#signal-")
            self.signal_buttons["" if sid == "none" else sid] = b
            selected = sid == (chosen_id or "none")
        elif key.startswith("#target-"):
            t = key.removeprefix("#target-")
            self.target_buttons[t] = b
            selected = bool(chosen) and t == chosen[0].get("target")
        else:
            a = key.removeprefix("#stand_up-")
            self.stand_up_buttons[a] = b
            selected = a in m.draft_stand_up()
        if selected:
            b.select()  # type: ignore[no-untyped-call]
        if locked:
            b.disable()  # type: ignore[no-untyped-call]

    def order_rows(self, compact: bool = False, worst: bool = False) -> list[OrderRow]:
        """The orders as rows of choices: your levers (sanctions grouped by sector under one
        heading), this month's signal and its addressee, the talks you may stand up.
        ``compact``: the signal and its addressee as menus; ``worst``: the addressee row of
        the signal with the most addressees, whichever signal is chosen."""
        m = self.app.model
        view = m.view or {}
        legal = m.legal
        levers = legal.get("levers")
        if levers is None:  # not allowed to order now: show the standing policy
            levers = {
                lid: [o["id"] for o in m.lever(lid)["options"]] for lid in view.get("policy", {})
            }
        sectors = {
            s["lever"]: s["name"] for s in (m.info.get("sanctions") or {}).get("sectors", [])
        }
        self._option_keys = {}
        rows: list[OrderRow] = []
        sanction_rows: list[OrderRow] = []
        for lid, options in levers.items():
            lever = m.lever(lid)
            items = []
            for opt in options:
                desc = next(
                    (o for o in lever["options"] if o["id"] == opt), {"name": opt, "explain": ""}
                )
                covert = " (covert)" if desc.get("covert") else ""
                key = f"#option-{lid}-{opt}"
                self._option_keys[key] = (lid, opt)
                items.append(
                    (
                        key,
                        desc["name"],
                        f"<b>{esc(desc['name'])}</b>{covert}: {esc(desc.get('explain', ''))}",
                        on_click(self.set_lever, lid, opt),
                    )
                )
            tip = lever.get("explain") or lever["name"]
            if lid in sectors:
                sanction_rows.append(OrderRow(f"#lever-{lid}", sectors[lid], tip, items))
            else:
                rows.append(OrderRow(f"#lever-{lid}", lever["name"], tip, items))
        if sanction_rows:
            rows.append(
                OrderRow(
                    "#lever-sanctions",
                    "Sanctions enforcement, sector by sector",
                    "How hard you enforce the sanctions on North Korea's trade in each sector: "
                    "your share of that trade decides how much your choice weighs.",
                    [],
                )
            )
            rows += sanction_rows
        rows += self._signal_rows(compact, worst)
        stand_up = legal.get("stand_up") or []
        if stand_up:
            rows.append(
                OrderRow(
                    "#lever-stand_up",
                    "Stand up talks with",
                    "You agreed to talks this month. Standing a partner up skips them: "
                    "they see it, and it costs trust.",
                    [
                        (
                            f"#stand_up-{a}",
                            m.name(a),
                            f"Stand up the talks with {esc(m.name(a))} (click again to attend)",
                            on_click(self.toggle_stand_up, a),
                        )
                        for a in stand_up
                    ],
                )
            )
        return rows

    def _signal_rows(self, compact: bool = False, worst: bool = False) -> list[OrderRow]:
        """The signal choices (None first), then the addressees of the chosen one (a menu
        each when ``compact``; with ``worst``, the longest list of addressees)."""
        m = self.app.model
        signals = m.legal.get("signals", {})
        if not signals:
            return []
        chosen = m.draft_signals()
        chosen_id = chosen[0]["signal"] if chosen else None
        items = []
        for sid in [None, *signals]:
            sig = m.info.get("signals", {}).get(sid, {}) if sid else {}
            label = sig.get("name", sid) if sid else "None"
            tip = (
                f"<b>{esc(label)}</b>: {esc(sig.get('explain', ''))}"
                + (
                    f" Escalation {signed(sig.get('escalation', 0))}."
                    if sig.get("escalation")
                    else ""
                )
                + (" Breaks the moratorium." if sig.get("breaks_moratorium") else "")
                if sid
                else "Send no signal this month."
            )
            items.append((f"#signal-{sid or 'none'}", label, tip, on_click(self.set_signal, sid)))
        tip = "A public act on the escalation ladder. Everyone sees it after the month."
        if compact:  # the menu's entries have no tooltips: the label says what is chosen
            now = next((t for k, _, t, _ in items if k == f"#signal-{chosen_id or 'none'}"), "")
            tip += f"<br><br>Chosen: {now}"
        rows = [OrderRow("#lever-signal", "Signal this month", tip, items, menu=compact)]
        targets = signals.get(chosen_id, []) if chosen_id else []
        if worst:
            targets = max(signals.values(), key=len)
        if targets:
            rows.append(
                OrderRow(
                    "#lever-addressed",
                    "Addressed" if compact else "Addressed to",  # the menu says "to …"
                    "Who the signal is aimed at: its trust and approval effects fall on them.",
                    [
                        (
                            f"#target-{t}",
                            f"to {m.name(t)}" if compact else m.name(t),
                            "",
                            on_click(self.set_signal, chosen_id, t),
                        )
                        for t in targets
                    ],
                    menu=compact,
                )
            )
        return rows

    def _build_right(self, rect: pygame.Rect) -> None:
        m = self.app.model
        counts = {
            "chat": sum(m.unread(c) for c in m.channels()),
            "deals": m.new_proposals(),
            "news": m.new_news() if self.tab != "news" else 0,
        }
        names = {"chat": "Chat", "deals": "Deals", "news": "News"}
        tw = (rect.w - 8) // len(TABS)
        for i, t in enumerate(TABS):
            label = names[t] + (f" ({counts[t]})" if counts[t] else "")
            b = self.keep(
                UIButton(
                    pygame.Rect(rect.x + 4 + i * tw, rect.y + 4, tw - 4, 32),
                    label,
                    self.manager,
                    object_id=oid("@tab", f"#tab-{t}"),
                    tool_tip_text=f"{names[t]} (F{i + 1})",
                    command=on_click(self.set_tab, t),
                )
            )
            if t == self.tab:
                b.select()
            self.tab_buttons[t] = b
        body = pygame.Rect(rect.x + 4, rect.y + 42, rect.w - 8, rect.h - 46)
        if self.tab == "chat":
            self._build_chat(body)
        elif self.tab == "deals":
            self._build_deals(body)
        else:
            self._build_news(body)

    def _build_chat(self, rect: pygame.Rect) -> None:
        m = self.app.model
        channels = m.channels()
        if m.channel not in channels:
            m.channel = PUBLIC
        m.mark_read(m.channel)
        small = theme.font(13)
        cw = max(small.size(m.channel_label(c))[0] for c in channels) + 52
        cw = min(cw, rect.w // 2)
        for i, c in enumerate(channels):
            n = m.unread(c)
            label = theme.fit(m.channel_label(c), small, cw - 40) + (f" ({n})" if n else "")
            b = self.keep(
                UIButton(
                    pygame.Rect(rect.x, rect.y + i * 30, cw - 4, 28),
                    label,
                    self.manager,
                    object_id=oid("@channel", f"#channel-{c}"),
                    tool_tip_text=f"Messages with {esc(m.channel_label(c))}",
                    command=on_click(self.set_channel, c),
                )
            )
            if c == m.channel:
                b.select()
            self.channel_buttons[c] = b
        lines = []
        for msg in m.messages(m.channel):
            who = m.name(msg["from"])
            col = m.colour(msg["from"])
            line = f"<font color='{col}'><b>{esc(who)}</b></font>: {esc(msg['text'])}"
            intent = msg.get("intent")
            if intent:  # the terms, in the engine's words, under what was said
                terms = "; ".join(str(t.get("text", "")) for t in intent.get("terms", []))
                extra = [x for x in ("inspections", "summit") if intent.get(x)]
                tail = f" ({', '.join(extra)})" if extra else ""
                line += f"<br><i>{esc(INTENT_WORDS.get(intent['kind'], intent['kind']))}"
                line += f"{': ' + esc(terms) if terms else ''}{esc(tail)}</i>"
            lines.append(line)
        html = (
            "<br>".join(lines) or f"<i>No messages with {esc(m.channel_label(m.channel))} yet.</i>"
        )
        # the entry, Terms and Send on one line; in a narrow panel the entry on its own
        # line above the two buttons, so what it says can be read
        narrow = rect.w < 300
        entry_rect = pygame.Rect(rect.x, rect.bottom - 36, rect.w - 150, 34)
        terms_rect = pygame.Rect(rect.right - 146, rect.bottom - 36, 78, 34)
        send_rect = pygame.Rect(rect.right - 66, rect.bottom - 36, 66, 34)
        if narrow:
            entry_rect = pygame.Rect(rect.x, rect.bottom - 74, rect.w, 34)
            half = (rect.w - 4) // 2
            terms_rect = pygame.Rect(rect.x, rect.bottom - 36, half, 34)
            send_rect = pygame.Rect(rect.right - half, rect.bottom - 36, half, 34)
        box = pygame.Rect(rect.x + cw, rect.y, rect.w - cw, entry_rect.y - rect.y - 6)
        self.chat_box = self.keep(UITextBox(html, box, self.manager, object_id="#chat_log"))
        if self.chat_box.scroll_bar is not None:
            self.chat_box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self.chat_entry = self.keep(
            UITextEntryLine(
                entry_rect,
                self.manager,
                object_id="#chat_entry",
                placeholder_text=f"Message to {m.channel_label(m.channel)}",
            )
        )
        self.chat_entry.length_limit = int(m.info.get("max_message_chars", 2000))
        self.chat_entry.set_text(self.chat_text)
        if self.chat_focus:
            self.chat_entry.focus()
        self.keep(
            UIButton(
                terms_rect,
                "Terms…",
                self.manager,
                object_id="#chat_terms",
                tool_tip_text="Add terms_rect to a message: offer, request, warn, promise, "
                "accept or reject",
                command=on_click(self.app.open_intent, m.channel_to(m.channel)),
            )
        )
        self.keep(
            UIButton(
                send_rect,
                "Send",
                self.manager,
                object_id="#chat_send",
                command=on_click(self.send_chat),
            )
        )

    def _card(self, box: Any, y: int, w: int, html: str) -> int:
        tb = UITextBox(
            html, pygame.Rect(0, y, w, -1), self.manager, container=box, object_id="@card"
        )
        return int(tb.rect.h)

    def _build_deals(self, rect: pygame.Rect) -> None:
        m = self.app.model
        view = m.view or {}
        self.propose_button = self.keep(
            UIButton(
                pygame.Rect(rect.x, rect.y, rect.w, 32),
                "New proposal…  (Ctrl+P)",
                self.manager,
                object_id="#propose",
                tool_tip_text="Build a structured deal: who commits to what, for how long, with "
                "or without inspections, a summit or talks.",
                command=on_click(self.app.open_composer, None),
            )
        )
        if not m.can("propose"):
            self.propose_button.disable()
        box = self.keep(
            UIScrollingContainer(
                pygame.Rect(rect.x, rect.y + 38, rect.w, rect.h - 38),
                self.manager,
                allow_scroll_x=False,
            )
        )
        w = rect.w - 24
        y = 0
        awaiting = {p["id"] for p in m.awaiting_me()}
        m.seen_proposals |= awaiting
        mine = set(m.legal.get("withdraw", []))
        sections: list[tuple[str, list[dict[str, Any]]]] = [
            (
                "Waiting for your answer",
                [p for p in view.get("proposals", []) if p["id"] in awaiting],
            ),
            ("Your open proposals", [p for p in view.get("proposals", []) if p["id"] in mine]),
            (
                "Other open proposals",
                [
                    p
                    for p in view.get("proposals", [])
                    if p["status"] == "open" and p["id"] not in awaiting and p["id"] not in mine
                ],
            ),
        ]
        for title, props in sections:
            if not props:
                continue
            y += self._card(box, y, w, f"<font color='#E69F00'><b>{esc(title)}</b></font>") + 2
            for p in props:
                head = f"<b>#{p['id']} from {esc(m.name(p['proposer']))}</b> to " + esc(
                    ", ".join(m.name(a) for a in p["parties"] if a != p["proposer"])
                )
                answers = ", ".join(
                    f"{esc(m.name(a))}: {esc(r)}" for a, r in p.get("responses", {}).items()
                )
                body = "<br>".join("• " + esc(line) for line in m.proposal_lines(p))
                y += self._card(box, y, w, f"{head}<br>{body}<br><i>{answers}</i>") + 2
                buttons: list[tuple[str, str, Any]] = []
                if p["id"] in awaiting:
                    buttons = [
                        ("accept", "Accept", partial(self.respond, p["id"], True)),
                        ("reject", "Reject", partial(self.respond, p["id"], False)),
                        ("counter", "Counter…", partial(self.app.open_composer, p)),
                    ]
                elif p["id"] in mine:
                    buttons = [("withdraw", "Withdraw", partial(self.withdraw, p["id"]))]
                bw = w // 3
                for i, (kind, label, cmd) in enumerate(buttons):
                    b = UIButton(
                        pygame.Rect(i * bw, y, bw - 4, 28),
                        label,
                        self.manager,
                        container=box,
                        object_id=f"#deal-{kind}-{p['id']}",
                        command=on_click(cmd),
                    )
                    self.deal_buttons[(kind, p["id"])] = b
                y += 34 if buttons else 4
        agreements = view.get("agreements", [])
        y += self._card(box, y, w, "<font color='#E69F00'><b>Agreements</b></font>") + 2
        if not agreements:
            y += self._card(box, y, w, "<i>No agreements yet.</i>") + 2
        for ag in agreements:
            status = ag.get("status", "active")
            breaches = ag.get("breaches", [])
            comp = (
                "kept so far"
                if not breaches
                else "; ".join(
                    f"{esc(m.name(b.get('actor')))} broke it"
                    + (" (seen)" if b.get("visible", True) else "")
                    for b in breaches
                )
            )
            ends = ag.get("end")
            months = m.info.get("months", [])
            until = (
                f", until {months[ends - 2]}"
                if isinstance(ends, int) and 1 < ends <= len(months) + 1
                else ""
            )
            head = (
                f"<b>#{ag['id']}: {esc(', '.join(m.name(a) for a in ag['parties']))}</b> — "
                f"{esc(status)}{esc(until)}"
            )
            body = "<br>".join("• " + esc(line) for line in m.proposal_lines(ag))
            y += self._card(box, y, w, f"{head}<br>{body}<br>Compliance: {comp}") + 2
        y = self._build_unsc(box, y, w)
        box.set_scrollable_area_dimensions((w, max(y + 4, rect.h - 40)))

    def _build_unsc(self, box: Any, y: int, w: int) -> int:
        """The Security Council: open drafts and their votes, your vote, a new draft."""
        m = self.app.model
        view = m.view or {}
        drafts = view.get("unsc_drafts", [])
        if not (m.info.get("unsc") or drafts or m.can("unsc_draft")):
            return y
        month = int(view.get("month", 1))
        recent = [d for d in drafts if d["status"] == "open" or d.get("month", 0) >= month - 2]
        y += self._card(box, y, w, "<font color='#E69F00'><b>Security Council</b></font>") + 2
        can_vote = set(m.legal.get("unsc_vote", []))
        if not recent:
            y += self._card(box, y, w, "<i>No draft resolution on the table.</i>") + 2
        for d in reversed(recent):
            y += self._card(box, y, w, unsc_card(m, d)) + 2
            if d["id"] in can_vote:
                bw = w // 3
                for i, (vote, label) in enumerate(
                    (("yes", "Vote yes"), ("no", "Veto (no)"), ("abstain", "Abstain"))
                ):
                    self.unsc_buttons[(vote, d["id"])] = UIButton(
                        pygame.Rect(i * bw, y, bw - 4, 28),
                        label,
                        self.manager,
                        container=box,
                        object_id=f"#unsc-{vote}-{d['id']}",
                        tool_tip_text="A resolution passes at the month's end with at least "
                        "one yes and no veto from a permanent member.",
                        command=on_click(self.unsc_vote, d["id"], vote),
                    )
                y += 34
        if m.can("unsc_draft"):
            self.unsc_buttons[("open", 0)] = UIButton(
                pygame.Rect(0, y, w, 28),
                "Hide the new draft" if self.unsc_open else "Table a draft resolution…",
                self.manager,
                container=box,
                object_id="#unsc-new",
                tool_tip_text="As a permanent member you may ask the Council to tighten or "
                "relax the UN sanctions on one sector.",
                command=on_click(self.toggle_unsc),
            )
            y += 34
            if self.unsc_open:
                names = {s["id"]: s["name"] for s in m.info.get("sanctions", {}).get("sectors", [])}
                small = theme.font(13)
                label_w = int(w * 0.46)
                bw = (w - label_w) // 2
                for sector in m.legal.get("unsc_sectors", []):
                    name = names.get(sector, sector)
                    head = UIButton(
                        pygame.Rect(0, y, label_w - 4, 28),
                        theme.fit(name, small, label_w - 14),
                        self.manager,
                        container=box,
                        object_id=oid("@lever_label", f"#unsc-sector-{sector}"),
                    )
                    head.disable()  # type: ignore[no-untyped-call]
                    for i, direction in enumerate(("tighten", "relax")):
                        self.unsc_buttons[(direction, sector)] = UIButton(
                            pygame.Rect(label_w + i * bw, y, bw - 4, 28),
                            direction.capitalize(),
                            self.manager,
                            container=box,
                            object_id=f"#unsc-{direction}-{sector}",
                            tool_tip_text=f"Table a draft to {direction} the UN sanctions on "
                            f"{esc(name.lower())}",
                            command=on_click(self.unsc_draft, sector, direction),
                        )
                    y += 32
        return y

    def _build_news(self, rect: pygame.Rect) -> None:
        m = self.app.model
        view = m.view or {}
        news = view.get("news", [])
        m.seen_news = len(news)
        months = view.get("months", [])
        by_month: dict[int, list[dict[str, Any]]] = {}
        for n in news:
            by_month.setdefault(int(n.get("month", 0)), []).append(n)
        parts = []
        resolved = int(view.get("month", 1)) - (view.get("phase") != "over")
        for month in range(1, resolved + 1):  # a month with no news is still a month
            by_month.setdefault(month, [])
        for month in sorted(by_month, reverse=True):
            label = months[month - 1] if 0 < month <= len(months) else f"Month {month}"
            parts.append(f"<font color='#E69F00'><b>{esc(label)}</b></font>")
            if not by_month[month]:
                parts.append("<i>A quiet month: no news.</i>")
            for n in by_month[month]:
                if n.get("to"):
                    parts.append(
                        f"<font color='#CC79A7'><b>[INTEL — private]</b></font> {esc(n['text'])}"
                    )
                elif n.get("kind") == "announcement":
                    parts.append(f"<b>[Announcement]</b> {esc(n['text'])}")
                else:
                    parts.append(f"• {esc(n['text'])}")
            parts.append("")
        html = (
            "<br>".join(parts)
            or "<i>No news yet: the first chronicle comes after the month is resolved.</i>"
        )
        self.news_box = self.keep(UITextBox(html, rect, self.manager, object_id="#news"))

    # ------------------------------------------------------------ text
    def situation_html(self) -> str:
        """Your key variables, and what you know of the others (ranges for estimates)."""
        m = self.app.model
        view = m.view or {}
        values = view.get("variables", {})
        owners = m.info.get("owners", {})
        you = m.you
        skip = ("un.", "pressure", "trust.")
        values = {k: v for k, v in values.items() if m.shown(k)}  # no bookkeeping

        def show(key: str) -> str:
            v = values[key]
            est = " <i>(est.)</i>" if isinstance(v, dict) else ""
            return esc(m.value_text(key, v)) + est

        def owner(key: str) -> str | None:
            o = owners.get(key)
            if o:
                return str(o)
            parts = key.split(".")
            return parts[1] if len(parts) == 2 and parts[1] in m.actor_ids else None

        def short(key: str) -> str:
            name: str = m.var_name(key)
            o = owner(key)
            if o:
                name = name.replace(f" ({m.name(o)})", "").replace(f"({m.name(o)})", "")
            return name

        world = [k for k in values if not owner(k) and not k.startswith(skip)]
        mine = [k for k in values if owner(k) == you and not k.startswith(skip)]
        out = [f"<font color='#E69F00'><b>{esc(m.name(you))}</b></font>"]
        out += [f"{esc(short(k))}: <b>{show(k)}</b>" for k in mine]
        trust = [k for k in values if k.startswith(f"trust.{you}.")]
        if trust:
            out.append(
                "Your trust: "
                + ", ".join(f"{esc(m.name(k.split('.')[2]))} {show(k)}" for k in trust)
            )
        out.append("<font color='#E69F00'><b>World</b></font>")
        out += [f"{esc(m.var_name(k))}: <b>{show(k)}</b>" for k in world]
        for a in m.actor_ids:
            if a == you:
                continue
            keys = [k for k in values if owner(k) == a and not k.startswith(skip)]
            if not keys:
                continue
            out.append(f"<font color='{m.colour(a)}'><b>{esc(m.name(a))}</b></font>")
            out += [f"{esc(short(k))}: {show(k)}" for k in keys]
        if view.get("secret_briefing"):
            out.append("<font color='#E69F00'><b>Your secret briefing</b></font>")
            out.append(f"<i>{esc(view['secret_briefing'])}</i>")
        return "<br>".join(out)

    # ------------------------------------------------------------ actions
    def send(self, action: dict[str, Any]) -> None:
        """Send an action through the connection."""
        self.app.conn.send(action)

    def set_lever(self, lever: str, option: str) -> None:
        """Draft one lever's option (final when you press Submit orders)."""
        view = self.app.model.view or {}
        for (lid, opt), b in self.option_buttons.items():
            if lid == lever:
                (b.select if opt == option else b.unselect)()  # type: ignore[no-untyped-call]
        self.send(
            {
                "type": "orders",
                "month": view.get("month"),
                "levers": {lever: option},
                "final": False,
            }
        )

    def toggle_stand_up(self, actor: str) -> None:
        """Stand up (or attend again) this month's talks with ``actor``."""
        m = self.app.model
        chosen = m.draft_stand_up()
        chosen = [a for a in chosen if a != actor] if actor in chosen else [*chosen, actor]
        self.send(
            {
                "type": "orders",
                "month": (m.view or {}).get("month"),
                "stand_up": chosen,
                "final": False,
            }
        )

    def set_signal(self, signal: str | None, target: str | None = None) -> None:
        """Draft this month's signal (None for none)."""
        m = self.app.model
        view = m.view or {}
        signals = []
        if signal:
            targets = m.legal.get("signals", {}).get(signal, [])
            if targets and target is None:
                target = targets[0]
            signals = [{"signal": signal, "target": target if targets else None}]
        self.send(
            {"type": "orders", "month": view.get("month"), "signals": signals, "final": False}
        )

    def press_ready(self) -> None:
        """Ready (negotiation) or make the orders final (orders); results at the end."""
        m = self.app.model
        view = m.view or {}
        if view.get("phase") == "over":
            self.app.show_end()
            return
        if not m.can("ready"):
            m.error("Nothing to be ready for right now.")
            return
        self.send({"type": "ready", "month": view.get("month"), "phase": view.get("phase")})

    def send_chat(self) -> None:
        """Send what is in the chat entry to the current channel."""
        if self.chat_entry is None:
            return
        text = self.chat_entry.get_text().strip()
        if not text:
            return
        m = self.app.model
        self.send({"type": "message", "to": m.channel_to(m.channel), "text": text})
        self.chat_entry.set_text("")
        self.chat_text = ""

    def respond(self, pid: int, accept: bool) -> None:
        """Accept or reject a proposal."""
        self.send({"type": "respond", "proposal": pid, "accept": accept})

    def toggle_unsc(self) -> None:
        """Show or hide the sectors to table a Security Council draft on."""
        self.unsc_open = not self.unsc_open
        self.app.model.revision += 1

    def unsc_draft(self, sector: str, direction: str) -> None:
        """Table a Security Council draft on ``sector`` (tighten or relax)."""
        month = (self.app.model.view or {}).get("month")
        self.send({"type": "unsc_draft", "month": month, "sector": sector, "direction": direction})
        self.unsc_open = False

    def unsc_vote(self, draft: int, vote: str) -> None:
        """Vote yes, no (a veto) or abstain on a Security Council draft."""
        month = (self.app.model.view or {}).get("month")
        self.send({"type": "unsc_vote", "month": month, "draft": draft, "vote": vote})

    def withdraw(self, pid: int) -> None:
        """Withdraw your own proposal."""
        self.send({"type": "withdraw", "proposal": pid})

    def set_tab(self, tab: str) -> None:
        """Show the chat, deals or news tab."""
        self.tab = tab

    def set_channel(self, channel: str) -> None:
        """Show one chat channel."""
        self.app.model.channel = channel
        self.tab = "chat"

    # ------------------------------------------------------------ events
    def handle(self, event: pygame.event.Event) -> bool:
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element in self._menu_rows
        ):
            row = self._menu_rows[event.ui_element]
            command = next((c for k, _, _, c in row.items if k == event.selected_option_id), None)
            if command is not None:
                command()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.chat_entry:
            self.send_chat()
            return True
        if event.type == pygame.KEYDOWN:
            ctrl = event.mod & pygame.KMOD_CTRL
            if ctrl and event.key == pygame.K_RETURN:
                self.press_ready()
                return True
            if ctrl and event.key == pygame.K_p:
                self.app.open_composer(None)
                return True
            for i, t in enumerate(TABS):
                if event.key == pygame.K_F1 + i:
                    self.set_tab(t)
                    return True
        return False

    # ------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        r = self.layout()
        m = self.app.model
        key = (r["top"].size, r["sanctions"].size, m.revision)
        if self._top is None or key != self._top_key:
            top: list[tuple[str, pygame.Rect, pygame.Rect]] = []
            left: list[tuple[str, pygame.Rect, pygame.Rect]] = []
            self._top = self._render_top(r["top"], top)
            self._left = self._render_sanctions(r["sanctions"], left)[0]
            self._drawn["top"], self._drawn["sanctions"] = top, left
            self._top_key = key
        surface.blit(self._top, r["top"].topleft)
        self._draw_timer(surface, r["top"])
        assert self._left is not None
        surface.blit(self._left, r["sanctions"].topleft)
        self.app.map.draw(surface, r["map"], m)
        o = r["orders"]
        pygame.draw.rect(surface, theme.PANEL, o)
        heading: list[tuple[str, pygame.Rect, pygame.Rect]] = []
        title = self.orders_title()
        size = 14 if theme.font(14, True).size(title)[0] <= o.w - 16 else 13
        put(surface, (0, 0), o, heading, title, size, theme.ORANGE, True, (o.x + 8, o.y + 5))
        self._drawn["orders"] = heading
        rr = r["right"]
        pygame.draw.rect(surface, theme.PANEL, rr)

    def orders_title(self) -> str:
        """The orders' heading, in the words of the button that sends them."""
        m = self.app.model
        view = m.view or {}
        month = view.get("month_label", "")
        if view.get("phase") == "over":
            return "Your last orders"
        if m.you in view.get("submitted", []):
            return f"Your orders for {month}: sent"
        if "orders" in m.legal.get("types", []):
            return f"Your orders for {month}: a draft until you press Submit orders"
        return f"Your orders for {month}: you set them after the talks"

    def _ready_rect(self, rect: pygame.Rect) -> pygame.Rect:
        """The Ready button, at the right of the top bar (the countdown below it)."""
        return pygame.Rect(rect.right - READY_W - 10, rect.y + 6, READY_W, 38)

    def _draw_timer(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The phase countdown, under the Ready button (every frame)."""
        left = self.app.model.time_left(time.monotonic())
        if left is None:
            self.timer_text = ""
            return
        self.timer_text = f"{clock(left)} left"
        colour = theme.VERMILION if left < 30 else theme.YELLOW
        label = theme.text(self.timer_text, 14, colour, True)
        button = self._ready_rect(rect)
        surface.blit(label, label.get_rect(midtop=(button.centerx, button.bottom + 2)))

    def _render_top(
        self, rect: pygame.Rect, drawn: list[tuple[str, pygame.Rect, pygame.Rect]]
    ) -> pygame.Surface:
        m = self.app.model
        view = m.view or {}
        surf = pygame.Surface(rect.size)
        surf.fill(theme.PANEL)
        pygame.draw.line(surf, theme.PANEL_EDGE, (0, rect.h - 1), (rect.w, rect.h - 1))
        track_w = min(420, max(350, rect.w // 3))
        track_x = rect.w - READY_W - 30 - track_w
        text_w = track_x - 20

        def say(s: str, size: int, colour: tuple[int, int, int], bold: bool, at: Any) -> None:
            put(surf, rect.topleft, rect, drawn, s, size, colour, bold, at)

        months = view.get("months", [])
        month = min(int(view.get("month", 1)), len(months) or 1)
        phase = str(view.get("phase", "")).capitalize()
        paused = " (paused)" if view.get("paused") else ""
        where = f"{m.name(m.you)} — {view.get('month_label', '')} ({month} of {len(months)})"
        line1, size = f"{where} — {phase}{paused}", 15
        for line1, size in (
            (f"{where} — {phase} phase{paused}", 17),
            (f"{where} — {phase}{paused}", 17),
            (f"{where} — {phase}{paused}", 15),
        ):
            if theme.font(size, True).size(line1)[0] <= text_w:
                break
        say(line1, size, theme.TEXT, True, (10, 6))
        for i, line in enumerate(deadline_lines(m.deadlines(), theme.font(14), text_w)[:2]):
            say(line, 14, theme.YELLOW, False, (10, 30 + 20 * i))
        # tension track
        t = view.get("tension", {})
        value = float(t.get("value", 0))
        rungs = (m.info.get("tension") or {}).get("rungs", [])
        bar = pygame.Rect(track_x, 26, track_w, 16)
        for i, rung in enumerate(rungs):
            start = float(rung["start"])
            end = float(rungs[i + 1]["start"]) if i + 1 < len(rungs) else 100.0
            seg = pygame.Rect(
                bar.x + bar.w * start / 100, bar.y, max(1, bar.w * (end - start) / 100), bar.h
            )
            col = theme.rung_colour(i, len(rungs))
            pygame.draw.rect(surf, col, seg)
            pygame.draw.rect(surf, theme.PANEL, seg, 1)
            size = 11 if theme.font(11).size(rung["name"])[0] <= seg.w - 3 else 10
            say(rung["name"], size, theme.TEXT, False, (seg.x + 2, bar.bottom + 2))
        x = bar.x + bar.w * max(0.0, min(100.0, value)) / 100
        pygame.draw.polygon(surf, theme.TEXT, [(x - 6, bar.y - 8), (x + 6, bar.y - 8), (x, bar.y)])
        pygame.draw.line(surf, theme.TEXT, (x, bar.y), (x, bar.bottom), 3)
        say(f"Tension {value:.0f} — {t.get('rung_name', '')}", 14, theme.TEXT, True, (track_x, 2))
        return surf

    def _render_sanctions(
        self, rect: pygame.Rect, drawn: list[tuple[str, pygame.Rect, pygame.Rect]]
    ) -> tuple[pygame.Surface, int]:
        """Who enforces what, sector by sector, as far as you know; and the height used."""
        m = self.app.model
        view = m.view or {}
        surf = pygame.Surface(rect.size)
        surf.fill(theme.PANEL)
        pygame.draw.line(surf, theme.PANEL_EDGE, (0, 0), (rect.w, 0))

        def say(s: str, size: int, colour: tuple[int, int, int], bold: bool, at: Any) -> None:
            put(surf, rect.topleft, rect, drawn, s, size, colour, bold, at)

        sanctions = m.info.get("sanctions") or {}
        sectors = sanctions.get("sectors", [])
        enforcers = sanctions.get("enforcers", [])
        y = 4
        for line in theme.wrap("Sanctions, as you know them", theme.font(14, True), rect.w - 16):
            say(line, 14, theme.ORANGE, True, (8, y))
            y += theme.font(14, True).get_height()
        if not sectors:
            say("No sanctions in this scenario.", 13, theme.MUTED, False, (8, y + 4))
            return surf, y + 26
        known: dict[str, dict[str, str]] = {}
        for month in view.get("orders", []):  # the latest revealed choice of each lever
            for a, o in month.get("orders", {}).items():
                known.setdefault(a, {}).update(o.get("levers", {}))
        values = view.get("variables", {})
        fnt = theme.font(11)
        lh = fnt.get_height()  # one line of the grid's small text
        press_w = fnt.size("100–100")[0] + 4
        widest = max(fnt.size(w)[0] for s in sectors for w in s["name"].split())
        spare = rect.w - 34 - press_w - widest
        col_w = max(16, min(26, spare // max(1, len(enforcers))))
        press_x = rect.w - press_w - 6
        grid_x = press_x - 6 - col_w * len(enforcers)
        name_w = grid_x - 14
        # column heads: a country's name when it is one word, else its id (US, ROK);
        # on two staggered lines when neighbours would touch
        heads = [m.name(a) if " " not in m.name(a) else a.upper() for a in enforcers]
        stagger = any(fnt.size(h)[0] > col_w - 2 for h in heads)
        for i, (a, head) in enumerate(zip(enforcers, heads, strict=True)):
            hw = fnt.size(head)[0]
            cx = grid_x + i * col_w + (col_w - 3) // 2
            hx = max(grid_x - 6, min(cx - hw // 2, press_x - 8 - hw))
            hy = y + (lh * (i % 2) if stagger else 0)
            say(head, 11, theme.hex_colour(m.colour(a)), True, (hx, hy))
        pw = fnt.size("Pressure")[0]
        row = len(enforcers) % 2 if stagger else 0
        say("Pressure", 11, theme.MUTED, False, (rect.w - 6 - pw, y + lh * row))
        y += 2 * lh + 1 if stagger else lh + 1
        levels = 1
        for s in sectors:
            lever = m.lever(s["lever"])
            levels = max(levels, len(lever.get("options", [])))
            lines = theme.wrap(s["name"], fnt, name_w)
            row_h = max(20, lh * len(lines) + 4)
            for j, line in enumerate(lines):
                say(line, 11, theme.TEXT, False, (8, y + 2 + lh * j))
            for i, a in enumerate(enforcers):
                if a == m.you:
                    opt = m.current_option(s["lever"])
                else:
                    opt = known.get(a, {}).get(s["lever"])
                ids = [o["id"] for o in lever.get("options", [])]
                cell = pygame.Rect(grid_x + i * col_w, y, col_w - 3, row_h - 3)
                if a not in lever.get("holders", [a]):  # not a lever this actor holds
                    pygame.draw.rect(surf, theme.PANEL_EDGE, cell, 1)
                    txt = theme.text("–", 12, theme.MUTED, True)
                elif opt in ids:
                    lvl = ids.index(opt)
                    pygame.draw.rect(surf, theme.rung_colour(len(ids) - 1 - lvl, len(ids)), cell)
                    txt = theme.text(str(lvl), 12, theme.BLACK, True)
                else:
                    pygame.draw.rect(surf, theme.PANEL_EDGE, cell)
                    txt = theme.text("?", 12, theme.MUTED, True)
                surf.blit(txt, txt.get_rect(center=cell.center))
            p = values.get(f"pressure.{s['id']}")
            if p is not None:
                ptxt = f"{p['low']:.0f}–{p['high']:.0f}" if isinstance(p, dict) else f"{p:.0f}"
                say(ptxt, 11, theme.TEXT, False, (press_x, y + 2))
            y += row_h
        opts = m.lever(sectors[0]["lever"]).get("options", [])
        legend = "  ".join(f"{i} {o['name']}" for i, o in enumerate(opts)) + "   ? not known yet"
        if any(
            a not in m.lever(s["lever"]).get("holders", [a]) for s in sectors for a in enforcers
        ):
            legend += "   – not theirs to enforce"
        for line in theme.wrap(legend, fnt, rect.w - 16):
            say(line, 11, theme.MUTED, False, (8, y + 4))
            y += lh
        return surf, y + 8


READY_W = 180


def put(
    surf: pygame.Surface,
    origin: tuple[int, int],
    region: pygame.Rect,
    drawn: list[tuple[str, pygame.Rect, pygame.Rect]],
    s: str,
    size: int,
    colour: tuple[int, int, int],
    bold: bool,
    at: tuple[int, int],
) -> None:
    """Draw a line of text on ``surf`` at ``at`` and note where it went in the window
    (``surf`` sits at ``origin``) and the ``region`` it belongs to."""
    label = theme.text(s, size, colour, bold)
    surf.blit(label, at)
    drawn.append((s, label.get_rect(topleft=at).move(origin), region))


def deadline_lines(
    deadlines: list[tuple[str, str]], fnt: pygame.font.Font, width: int
) -> list[str]:
    """The deadlines as lines of the top bar: all on one line after 'Deadlines —' when
    they fit, else as many per line as fit (each whole)."""
    if not deadlines:
        return ["No deadlines"]
    parts = [f"{n}: {due}" for n, due in deadlines]
    one = "Deadlines — " + "   ·   ".join(parts)
    if fnt.size(one)[0] <= width:
        return [one]
    lines: list[str] = []
    for part in parts:
        trial = f"{lines[-1]}   ·   {part}" if lines else part
        if lines and fnt.size(trial)[0] <= width:
            lines[-1] = trial
        else:
            lines.append(part)
    return lines


def unsc_card(m: Any, d: dict[str, Any]) -> str:
    """A Security Council draft in words: who tabled what, its status, each member's vote."""
    names = {s["id"]: s["name"] for s in m.info.get("sanctions", {}).get("sectors", [])}
    sector = names.get(d["sector"], d["sector"])
    status = {"open": "open: votes are counted at the month's end"}.get(d["status"], d["status"])
    votes = d.get("votes", {})
    members = m.info.get("p5") or list(votes)
    words = {"yes": "yes", "no": "<b>veto</b>", "abstain": "abstains"}
    tally = ", ".join(
        f"{esc(m.name(a))} {words.get(votes[a], esc(votes[a])) if a in votes else 'not yet'}"
        for a in members
    )
    return (
        f"<b>Draft #{d['id']}</b> by {esc(m.name(d['drafter']))}: {esc(d['direction'])} "
        f"sanctions on {esc(sector.lower())} — <i>{esc(status)}</i><br>Votes: {tally}"
    )
