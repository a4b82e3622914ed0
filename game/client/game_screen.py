"""The game screen: top bar, situation, sanctions, map, orders, chat, deals and news.

Layout (1280x800; everything scales with the window)::

    +--------------------------------------------------------------------+
    | country, month, phase, deadlines        | tension track | [Ready]  |
    +------------+---------------------------------+---------------------+
    | situation  |  map (signals, summits,         | [Chat][Deals][News] |
    | (you, and  |   sanctions pressure)           |                     |
    |  estimates)+---------------------------------+  tab content        |
    | sanctions  |  your orders: one row per lever |                     |
    | picture    |  (options with tooltips)        |                     |
    +------------+---------------------------------+---------------------+

Widgets are rebuilt when the view changes or the window is resized; drawing a frame
only blits cached surfaces, so it stays cheap.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import (
    UIButton,
    UIScrollingContainer,
    UITextBox,
    UITextEntryLine,
)

from game.client import theme
from game.client.model import PUBLIC, clock
from game.client.ui import Screen, esc, oid, on_click

TOP = 70
TIMER_W = 120  # room kept for the phase countdown in the top bar
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
        self.news_box: UITextBox | None = None
        self.chat_box: UITextBox | None = None
        self._left: pygame.Surface | None = None
        self._left_key: tuple[Any, ...] = ()
        self._top: pygame.Surface | None = None
        self.timer_text = ""  # the countdown as last drawn ('' without a timer)
        self._top_key: tuple[Any, ...] = ()
        self.pending_target: str | None = None

    # ------------------------------------------------------------ layout
    def layout(self) -> dict[str, pygame.Rect]:
        """The screen's regions for the current window size."""
        w, h = self.app.size
        left_w = 300 if w >= 1200 else 250
        right_w = 410 if w >= 1200 else 320
        body = h - TOP
        center_w = w - left_w - right_w
        map_h = int(body * 0.46)
        sanction_h = min(280, int(body * 0.40))
        return {
            "top": pygame.Rect(0, 0, w, TOP),
            "situation": pygame.Rect(0, TOP, left_w, body - sanction_h),
            "sanctions": pygame.Rect(0, h - sanction_h, left_w, sanction_h),
            "map": pygame.Rect(left_w, TOP, center_w, map_h),
            "orders": pygame.Rect(left_w, TOP + map_h, center_w, body - map_h),
            "right": pygame.Rect(w - right_w, TOP, right_w, body),
        }

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
                pygame.Rect(rect.right - 190, rect.y + 12, 180, 46),
                text,
                self.manager,
                object_id=oid("@ready", "#ready"),
                tool_tip_text="End your part of this phase (Ctrl+Enter). In the orders phase "
                "this makes your drafted orders final.",
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
        self.keep(
            UITextBox(
                self.situation_html(),
                pygame.Rect(rect.x + 4, rect.y + 36, rect.w - 8, rect.h - 40),
                self.manager,
                object_id=oid("@situation", "#situation"),
            )
        )

    def _build_orders(self, rect: pygame.Rect) -> None:
        m = self.app.model
        view = m.view or {}
        legal = m.legal
        levers = legal.get("levers")
        submitted = m.you in view.get("submitted", []) or view.get("phase") == "over"
        if levers is None:  # not allowed to order now: show the standing policy
            levers = {
                lid: [o["id"] for o in m.lever(lid)["options"]] for lid in view.get("policy", {})
            }
        signals = legal.get("signals", {})
        inner_w = rect.w - 28
        row_h = 32
        stand_up = legal.get("stand_up") or []
        box = self.keep(
            UIScrollingContainer(
                pygame.Rect(rect.x + 4, rect.y + 28, rect.w - 8, rect.h - 32),
                self.manager,
                allow_scroll_x=False,
            )
        )
        label_w = max(110, int(inner_w * 0.32))
        y = 4
        small = theme.font(13)
        for lid, options in levers.items():
            lever = m.lever(lid)
            head = UIButton(
                pygame.Rect(0, y, label_w - 6, row_h - 4),
                theme.fit(lever["name"], small, label_w - 18),
                self.manager,
                container=box,
                object_id=oid("@lever_label", f"#lever-{lid}"),
                tool_tip_text=lever.get("explain") or lever["name"],
            )
            head.disable()  # type: ignore[no-untyped-call]
            current = m.current_option(lid)
            n = max(1, len(options))
            ow = (inner_w - label_w) // n
            for i, opt in enumerate(options):
                desc = next(
                    (o for o in lever["options"] if o["id"] == opt), {"name": opt, "explain": ""}
                )
                covert = " (covert)" if desc.get("covert") else ""
                b = UIButton(
                    pygame.Rect(label_w + i * ow, y, ow - 4, row_h - 4),
                    theme.fit(desc["name"], small, ow - 14),
                    self.manager,
                    container=box,
                    object_id=oid("@option", f"#option-{lid}-{opt}"),
                    tool_tip_text=f"<b>{esc(desc['name'])}</b>{covert}: {esc(desc.get('explain', ''))}",
                    command=on_click(self.set_lever, lid, opt),
                )
                if opt == current:
                    b.select()  # type: ignore[no-untyped-call]
                if submitted or "orders" not in legal.get("types", []):
                    b.disable()  # type: ignore[no-untyped-call]
                self.option_buttons[(lid, opt)] = b
            y += row_h
        if signals:
            y = self._build_signals(box, signals, y, label_w, inner_w, row_h, submitted)
        if stand_up:
            y = self._build_stand_up(box, stand_up, y, label_w, inner_w, row_h, submitted)
        box.set_scrollable_area_dimensions((inner_w, max(rect.h - 40, y + 8)))

    def _grid(
        self,
        box: Any,
        y: int,
        heading: str,
        items: list[tuple[str, str, str, Any]],
        geometry: tuple[int, int, int, int],
        tip: str = "",
    ) -> tuple[int, dict[str, UIButton]]:
        """A label and its choices (object id, label, tooltip, command), several per row
        so each name stays readable; returns the next row's y and the buttons by id."""
        label_w, inner_w, row_h, min_w = geometry
        area = inner_w - label_w
        cols = max(min(2, len(items)), min(len(items), area // min_w))
        rows = -(-len(items) // cols)
        head = UIButton(
            pygame.Rect(0, y, label_w - 6, rows * row_h - 4),
            heading,
            self.manager,
            container=box,
            object_id=oid("@lever_label", f"#lever-{heading.split()[0].lower()}"),
            tool_tip_text=tip or None,
        )
        head.disable()  # type: ignore[no-untyped-call]
        ow = area // cols
        small = theme.font(13)
        made: dict[str, UIButton] = {}
        for i, (key, label, tooltip, command) in enumerate(items):
            row, col = divmod(i, cols)
            made[key] = UIButton(
                pygame.Rect(label_w + col * ow, y + row * row_h, ow - 4, row_h - 4),
                theme.fit(label, small, ow - 14),
                self.manager,
                container=box,
                object_id=oid("@option", key),
                tool_tip_text=tooltip or None,
                command=command,
            )
        return y + rows * row_h, made

    def _build_signals(
        self,
        box: Any,
        signals: dict[str, list[str]],
        y: int,
        label_w: int,
        inner_w: int,
        row_h: int,
        submitted: bool,
    ) -> int:
        """The signal choices (None first), then the addressees of the chosen one."""
        m = self.app.model
        chosen = m.draft_signals()
        chosen_id = chosen[0]["signal"] if chosen else None
        items = []
        for sid in [None, *signals]:
            sig = m.info.get("signals", {}).get(sid, {}) if sid else {}
            label = sig.get("name", sid) if sid else "None"
            tip = (
                f"<b>{esc(label)}</b>: {esc(sig.get('explain', ''))}"
                + (f" Escalation +{sig.get('escalation', 0):g}." if sig.get("escalation") else "")
                + (" Breaks the moratorium." if sig.get("breaks_moratorium") else "")
                if sid
                else "Send no signal this month."
            )
            items.append((f"#signal-{sid or 'none'}", label, tip, on_click(self.set_signal, sid)))
        y, made = self._grid(
            box,
            y,
            "Signal this month",
            items,
            (label_w, inner_w, row_h, 170),
            "A public act on the escalation ladder. Everyone sees it after the month.",
        )
        for key, b in made.items():
            sid = key.removeprefix("#signal-")
            if sid == (chosen_id or "none"):
                b.select()  # type: ignore[no-untyped-call]
            if submitted or "orders" not in m.legal.get("types", []):
                b.disable()  # type: ignore[no-untyped-call]
            self.signal_buttons["" if sid == "none" else sid] = b
        targets = signals.get(chosen_id, []) if chosen_id else []
        if targets:
            current = chosen[0].get("target")
            items = [
                (f"#target-{t}", m.name(t), "", on_click(self.set_signal, chosen_id, t))
                for t in targets
            ]
            y, made = self._grid(box, y, "Addressed to", items, (label_w, inner_w, row_h, 120))
            for t in targets:
                b = made[f"#target-{t}"]
                if t == current:
                    b.select()  # type: ignore[no-untyped-call]
                if submitted or "orders" not in m.legal.get("types", []):
                    b.disable()  # type: ignore[no-untyped-call]
                self.target_buttons[t] = b
        return y

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
        cw = 124
        small = theme.font(13)
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
        box = pygame.Rect(rect.x + cw, rect.y, rect.w - cw, rect.h - 40)
        self.chat_box = self.keep(UITextBox(html, box, self.manager, object_id="#chat_log"))
        if self.chat_box.scroll_bar is not None:
            self.chat_box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self.chat_entry = self.keep(
            UITextEntryLine(
                pygame.Rect(rect.x + cw, rect.bottom - 36, rect.w - cw - 150, 34),
                self.manager,
                object_id="#chat_entry",
                placeholder_text=f"Message to {m.channel_label(m.channel)} (Enter)",
            )
        )
        self.chat_entry.length_limit = int(m.info.get("max_message_chars", 2000))
        self.chat_entry.set_text(self.chat_text)
        if self.chat_focus:
            self.chat_entry.focus()
        self.keep(
            UIButton(
                pygame.Rect(rect.right - 146, rect.bottom - 36, 78, 34),
                "Terms…",
                self.manager,
                object_id="#chat_terms",
                tool_tip_text="Add terms to a message: offer, request, warn, promise, "
                "accept or reject",
                command=on_click(self.app.open_intent, m.channel_to(m.channel)),
            )
        )
        self.keep(
            UIButton(
                pygame.Rect(rect.right - 66, rect.bottom - 36, 66, 34),
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
        for month in sorted(by_month, reverse=True):
            label = months[month - 1] if 0 < month <= len(months) else f"Month {month}"
            parts.append(f"<font color='#E69F00'><b>{esc(label)}</b></font>")
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

        def show(key: str) -> str:
            v = values[key]
            if isinstance(v, dict):
                return f"{v['low']:.0f}–{v['high']:.0f} <i>(est.)</i>"
            return f"{v:.0f}"

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
        """Draft one lever's option (final when you press Ready)."""
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

    def _build_stand_up(
        self,
        box: Any,
        partners: list[str],
        y: int,
        label_w: int,
        inner_w: int,
        row_h: int,
        submitted: bool,
    ) -> int:
        """A row of toggles: stand up this month's agreed talks with each partner."""
        m = self.app.model
        small = theme.font(13)
        stand_up_label = UIButton(
            pygame.Rect(0, y, label_w - 6, row_h - 4),
            "Stand up talks with",
            self.manager,
            container=box,
            object_id=oid("@lever_label", "#lever-stand_up"),
            tool_tip_text="You agreed to talks this month. Standing a partner up skips them: "
            "they see it, and it costs trust.",
        )
        stand_up_label.disable()  # type: ignore[no-untyped-call]
        chosen = set(m.draft_stand_up())
        ow = (inner_w - label_w) // max(1, len(partners))
        for i, a in enumerate(partners):
            b = UIButton(
                pygame.Rect(label_w + i * ow, y, ow - 4, row_h - 4),
                theme.fit(m.name(a), small, ow - 14),
                self.manager,
                container=box,
                object_id=oid("@option", f"#stand_up-{a}"),
                tool_tip_text=f"Stand up the talks with {esc(m.name(a))} (click again to attend)",
                command=on_click(self.toggle_stand_up, a),
            )
            if a in chosen:
                b.select()  # type: ignore[no-untyped-call]
            if submitted or "orders" not in m.legal.get("types", []):
                b.disable()  # type: ignore[no-untyped-call]
            self.stand_up_buttons[a] = b
        return y + row_h

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
        key = (r["top"].size, m.revision)
        if self._top is None or key != self._top_key:
            self._top = self._render_top(r["top"])
            self._left = self._render_sanctions(r["sanctions"])
            self._top_key = key
        surface.blit(self._top, r["top"].topleft)
        self._draw_timer(surface, r["top"])
        assert self._left is not None
        surface.blit(self._left, r["sanctions"].topleft)
        self.app.map.draw(surface, r["map"], m)
        o = r["orders"]
        pygame.draw.rect(surface, theme.PANEL, o)
        view = m.view or {}
        status = (
            "final" if m.you in view.get("submitted", []) else "draft — final when you press Ready"
        )
        title = f"Your orders for {view.get('month_label', '')} ({status})"
        surface.blit(
            theme.text(theme.fit(title, theme.font(14, True), o.w - 12), 14, theme.ORANGE, True),
            (o.x + 8, o.y + 5),
        )
        rr = r["right"]
        pygame.draw.rect(surface, theme.PANEL, rr)

    def _draw_timer(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The phase countdown, right of the first line of the top bar (every frame)."""
        left = self.app.model.time_left(time.monotonic())
        if left is None:
            self.timer_text = ""
            return
        self.timer_text = f"{clock(left)} left"
        colour = theme.VERMILION if left < 30 else theme.YELLOW
        label = theme.text(self.timer_text, 17, colour, True)
        x = rect.x + self._text_w(rect) + 10 - label.get_width()
        surface.blit(label, (x, rect.y + 8))

    def _text_w(self, rect: pygame.Rect) -> int:
        """Width of the text part of the top bar, left of the tension track."""
        track_w = min(360, rect.w // 3)
        return rect.w - 200 - track_w - 30

    def _render_top(self, rect: pygame.Rect) -> pygame.Surface:
        m = self.app.model
        view = m.view or {}
        surf = pygame.Surface(rect.size)
        surf.fill(theme.PANEL)
        pygame.draw.line(surf, theme.PANEL_EDGE, (0, rect.h - 1), (rect.w, rect.h - 1))
        track_w = min(360, rect.w // 3)
        track_x = rect.w - 200 - track_w - 10
        text_w = track_x - 20
        line1_w = text_w - (TIMER_W if m.remaining is not None else 0)
        months = view.get("months", [])
        month = int(view.get("month", 1))
        phase = str(view.get("phase", "")).capitalize()
        paused = " (paused)" if view.get("paused") else ""
        line1 = (
            f"{m.name(m.you)} — {view.get('month_label', '')}, month {min(month, len(months) or 1)} "
            f"of {len(months)} — {phase} phase{paused}"
        )
        surf.blit(
            theme.text(theme.fit(line1, theme.font(17, True), line1_w), 17, theme.TEXT, True),
            (10, 8),
        )
        dl = "   ·   ".join(f"{n}: {due}" for n, due in m.deadlines()) or "No deadlines"
        surf.blit(
            theme.text(theme.fit("Deadlines — " + dl, theme.font(14), text_w), 14, theme.YELLOW),
            (10, 38),
        )
        # tension track
        t = view.get("tension", {})
        value = float(t.get("value", 0))
        rungs = (m.info.get("tension") or {}).get("rungs", [])
        bar = pygame.Rect(track_x, 30, track_w, 16)
        for i, rung in enumerate(rungs):
            start = float(rung["start"])
            end = float(rungs[i + 1]["start"]) if i + 1 < len(rungs) else 100.0
            seg = pygame.Rect(
                bar.x + bar.w * start / 100, bar.y, max(1, bar.w * (end - start) / 100), bar.h
            )
            col = theme.rung_colour(i, len(rungs))
            pygame.draw.rect(surf, col, seg)
            pygame.draw.rect(surf, theme.PANEL, seg, 1)
            name = theme.fit(rung["name"], theme.font(11), seg.w - 4)
            surf.blit(theme.text(name, 11, theme.TEXT), (seg.x + 2, bar.bottom + 2))
        x = bar.x + bar.w * max(0.0, min(100.0, value)) / 100
        pygame.draw.polygon(surf, theme.TEXT, [(x - 6, bar.y - 8), (x + 6, bar.y - 8), (x, bar.y)])
        pygame.draw.line(surf, theme.TEXT, (x, bar.y), (x, bar.bottom), 3)
        label = f"Tension {value:.0f} — {t.get('rung_name', '')}"
        surf.blit(
            theme.text(theme.fit(label, theme.font(14, True), track_w), 14, theme.TEXT, True),
            (track_x, 6),
        )
        return surf

    def _render_sanctions(self, rect: pygame.Rect) -> pygame.Surface:
        """Who enforces what, sector by sector, as far as you know."""
        m = self.app.model
        view = m.view or {}
        surf = pygame.Surface(rect.size)
        surf.fill(theme.PANEL)
        pygame.draw.line(surf, theme.PANEL_EDGE, (0, 0), (rect.w, 0))
        sanctions = m.info.get("sanctions") or {}
        sectors = sanctions.get("sectors", [])
        enforcers = sanctions.get("enforcers", [])
        surf.blit(
            theme.text("Sanctions enforcement (as you know it)", 14, theme.ORANGE, True), (8, 6)
        )
        if not sectors:
            surf.blit(theme.text("No sanctions in this scenario.", 13, theme.MUTED), (8, 30))
            return surf
        known: dict[str, dict[str, str]] = {}
        for month in view.get("orders", []):  # the latest revealed choice of each lever
            for a, o in month.get("orders", {}).items():
                known.setdefault(a, {}).update(o.get("levers", {}))
        values = view.get("variables", {})
        name_w = int(rect.w * 0.34)
        col_w = max(24, (rect.w - name_w - 58) // max(1, len(enforcers)))
        fnt = theme.font(12)
        y = 28
        for i, a in enumerate(enforcers):
            label = theme.fit(a.upper(), fnt, col_w - 2)
            surf.blit(theme.text(label, 12, theme.hex_colour(m.colour(a))), (name_w + i * col_w, y))
        surf.blit(theme.text("Press.", 12, theme.MUTED), (rect.w - 54, y))
        y += 18
        row_h = max(18, min(26, (rect.h - y - 40) // max(1, len(sectors))))
        levels = 1
        for s in sectors:
            lever = m.lever(s["lever"])
            levels = max(levels, len(lever.get("options", [])))
            surf.blit(theme.text(theme.fit(s["name"], fnt, name_w - 8), 12, theme.TEXT), (8, y + 2))
            for i, a in enumerate(enforcers):
                if a == m.you:
                    opt = m.current_option(s["lever"])
                else:
                    opt = known.get(a, {}).get(s["lever"])
                ids = [o["id"] for o in lever.get("options", [])]
                cell = pygame.Rect(name_w + i * col_w, y, col_w - 3, row_h - 3)
                if opt in ids:
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
                surf.blit(
                    theme.text(theme.fit(ptxt, fnt, 54), 12, theme.TEXT), (rect.w - 54, y + 2)
                )
            y += row_h
        opts = m.lever(sectors[0]["lever"]).get("options", [])
        legend = "  ".join(f"{i} {o['name']}" for i, o in enumerate(opts)) + "   ? not known yet"
        for j, line in enumerate(theme.wrap(legend, fnt, rect.w - 16)[:3]):
            surf.blit(theme.text(line, 12, theme.MUTED), (8, y + 4 + j * 15))
        return surf


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
