"""The proposal composer: a window that builds a structured deal, or a message with terms.

Parties, commitments (who sets which lever to which option, exactly / at most / at
least, from which month, for how long), inspections, a summit, talks, and a note. It
sends a ``propose`` action (``counter_to`` when countering). The action space it offers
comes from ``legal_actions``' ``commitment_levers``; the engine judges legality.

Opened from the chat (``intent_to``), the same window writes a *message* with an intent:
what kind (offer, request, warn, promise, accept, reject), the terms picked the same way,
inspections and a summit, and the words, which stay free. It sends a ``message`` action
whose ``intent`` bots read and answer (see docs/protocol.md, "Intents").
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextEntryLine, UIWindow

from game.client import theme
from game.client.model import ClientModel
from game.client.ui import on_click, place_list

COMPARE = (("exactly", "exactly"), ("at_most", "at most"), ("at_least", "at least"))
INTENTS = (
    ("offer", "Offer", "I would agree to these terms."),
    ("request", "Request", "I want you to do this."),
    ("warn", "Warn", "Don't do this: the terms are what you warn against."),
    ("promise", "Promise", "I will do this (a promise, not a signed deal)."),
    ("accept", "Accept", "Yes to these terms."),
    ("reject", "Reject", "No to these terms."),
)
"""The kinds of intent a message can carry: (id, button label, tooltip)."""


class Composer:
    """The state of a proposal being written, and its window."""

    def __init__(
        self,
        app: Any,
        counter: dict[str, Any] | None = None,
        intent_to: list[str] | None = None,
    ) -> None:
        self.app = app
        self.model: ClientModel = app.model
        m = self.model
        self.counter_to: int | None = counter["id"] if counter else None
        # A message with an intent (opened from the chat) instead of a proposal.
        self.intent: str | None = "offer" if intent_to is not None else None
        self.to: list[str] = list(intent_to or [])
        self.commitments: list[dict[str, Any]] = []
        self.flags = {"inspections": False, "summit": False, "talks": False}
        self.text = ""
        if counter:
            self.to = [a for a in counter["parties"] if a != m.you]
            self.commitments = [  # the lever terms: the others are not edited here
                dict(c) for c in counter.get("commitments", []) if "lever" in c
            ]
            self.flags = {f: bool(counter.get(f)) for f in self.flags}
        self.window: UIWindow | None = None
        self.widgets: dict[str, Any] = {}
        self.rows: dict[Any, tuple[int, str]] = {}
        self.open()

    # ------------------------------------------------------------ state
    def parties(self) -> list[str]:
        """You plus the chosen partners, in scenario order."""
        m = self.model
        chosen = {m.you, *self.to}
        return [a for a in m.actor_ids if a in chosen]

    def levers_of(self, actor: str) -> dict[str, list[str]]:
        """Levers (and options) an actor could commit to."""
        levers: dict[str, list[str]] = self.model.legal.get("commitment_levers", {}).get(actor, {})
        return levers

    def add_commitment(self) -> None:
        """Add a commitment row (the first partner's first lever, by default)."""
        m = self.model
        who = next((a for a in self.parties() if a != m.you and self.levers_of(a)), None) or m.you
        levers = self.levers_of(who or "")
        if not levers:
            m.error("No lever can be committed to right now.")
            return
        lid = next(iter(levers))
        self.commitments.append(
            {
                "actor": who,
                "lever": lid,
                "option": levers[lid][0],
                "compare": "exactly",
                "start": int((m.view or {}).get("month", 1)),
                "months": 3,
            }
        )
        self.rebuild()

    def set_field(self, row: int, field: str, value: Any) -> None:
        """Change one field of a commitment, keeping the row consistent."""
        c = self.commitments[row]
        c[field] = value
        levers = self.levers_of(c["actor"])
        if c["lever"] not in levers and levers:
            c["lever"] = next(iter(levers))
        if levers and c["option"] not in levers.get(c["lever"], []):
            c["option"] = levers[c["lever"]][0]
        self.rebuild()

    def action(self) -> dict[str, Any]:
        """The ``propose`` action this composer describes (a ``message`` with an
        ``intent`` when it was opened from the chat)."""
        if self.intent is not None:
            return {
                "type": "message",
                "to": list(self.to),
                "text": self.text,
                "intent": {
                    "kind": self.intent,
                    "terms": [dict(c) for c in self.commitments],
                    "inspections": self.flags["inspections"],
                    "summit": self.flags["summit"],
                },
            }
        act: dict[str, Any] = {
            "type": "propose",
            "to": list(self.to),
            "commitments": [dict(c) for c in self.commitments],
            **self.flags,
            "text": self.text,
        }
        if self.counter_to is not None:
            act["counter_to"] = self.counter_to
        return act

    def send(self) -> None:
        """Send the proposal and close the window (the server's answer shows as an error or a view)."""
        entry = self.widgets.get("text")
        if entry is not None:
            self.text = entry.get_text()
        if self.intent is not None and not self.text.strip():
            self.model.error("Write what you want to say: the terms go with your words.")
            return
        if not self.to and self.intent is None:
            self.model.error("Choose at least one partner for the proposal.")
            return
        self.app.conn.send(self.action())
        self.close()

    # ------------------------------------------------------------ window
    def open(self) -> None:
        """Create the window, centred."""
        w, h = self.app.size
        ww, wh = min(760, w - 40), min(600, h - 40)
        title = f"Counter-proposal to #{self.counter_to}" if self.counter_to else "New proposal"
        if self.intent is not None:
            title = "Message with terms"
        self.window = UIWindow(
            pygame.Rect((w - ww) // 2, (h - wh) // 2, ww, wh),
            self.app.manager,
            window_display_title=title,
            object_id="#composer",
            resizable=False,
        )
        self.rebuild()

    def close(self) -> None:
        """Close the window."""
        if self.window is not None:
            self.window.kill()  # type: ignore[no-untyped-call]
        self.window = None
        self.app.composer = None

    def rebuild(self) -> None:
        """Recreate the window's contents from the state."""
        win = self.window
        if win is None:
            return
        entry = self.widgets.get("text")
        if entry is not None and entry.alive():
            self.text = entry.get_text()
        dead: set[int] = set()
        for wgt in list(self.widgets.values()):
            for x in wgt if isinstance(wgt, list) else [wgt]:
                if id(x) not in dead:
                    dead.add(id(x))
                    x.kill()
        self.widgets, self.rows = {}, {}
        m, mgr = self.model, self.app.manager
        cw = win.get_container().get_rect().w
        small = theme.font(13)
        made: list[Any] = []
        y = 8
        made.append(UILabel(pygame.Rect(8, y, 90, 28), "Partners:", mgr, container=win))
        others = [a for a in m.actor_ids if a != m.you]
        bw = (cw - 110) // max(1, len(others))
        for i, a in enumerate(others):
            b = UIButton(
                pygame.Rect(100 + i * bw, y, bw - 4, 28),
                theme.fit(m.name(a), small, bw - 14),
                mgr,
                container=win,
                object_id=f"#party-{a}",
                command=on_click(self.toggle_party, a),
            )
            if a in self.to:
                b.select()  # type: ignore[no-untyped-call]
            made.append(b)
            self.widgets[f"party.{a}"] = b
        y += 38
        if self.intent is not None:
            made.append(UILabel(pygame.Rect(8, y, 90, 28), "You:", mgr, container=win))
            iw = (cw - 110) // len(INTENTS)
            for i, (kind, label, tip) in enumerate(INTENTS):
                b = UIButton(
                    pygame.Rect(100 + i * iw, y, iw - 4, 28),
                    label,
                    mgr,
                    container=win,
                    object_id=f"#intent-{kind}",
                    tool_tip_text=tip,
                    command=on_click(self.set_intent, kind),
                )
                if kind == self.intent:
                    b.select()  # type: ignore[no-untyped-call]
                made.append(b)
                self.widgets[f"intent.{kind}"] = b
            y += 38
        made.append(
            UILabel(
                pygame.Rect(8, y, cw - 180, 26),
                "Terms (who sets which lever to what):"
                if self.intent is not None
                else "Commitments (who sets which lever to what):",
                mgr,
                container=win,
            )
        )
        add = UIButton(
            pygame.Rect(cw - 168, y, 160, 28),
            "+ Add commitment",
            mgr,
            container=win,
            object_id="#add_commitment",
            command=on_click(self.add_commitment),
        )
        self.widgets["add"] = add
        y += 34
        months = m.info.get("months", [])
        now = int((m.view or {}).get("month", 1))
        max_months = int(m.info.get("max_deal_months", 12))
        # each commitment on two lines, every entry whole: who, which lever, which option;
        # then how (exactly / at most / at least), from which month, for how long
        first = (150, (cw - 16 - 150) // 2, (cw - 16 - 150) // 2)
        second = (120, 200, 160)
        for row, c in enumerate(self.commitments):
            parties = self.parties()
            actors = [(m.name(a), f"#{a}") for a in parties if self.levers_of(a)]
            levers = self.levers_of(c["actor"])
            specs: list[tuple[str, list[tuple[str, str]], str]] = [
                ("actor", actors, f"#{c['actor']}"),
                ("lever", [(m.lever(lv)["name"], f"#{lv}") for lv in levers], f"#{c['lever']}"),
                (
                    "option",
                    [(m.option_name(c["lever"], o), f"#{o}") for o in levers.get(c["lever"], [])],
                    f"#{c['option']}",
                ),
                ("compare", [(label, f"#{cid}") for cid, label in COMPARE], f"#{c['compare']}"),
                (
                    "start",
                    [
                        (
                            f"from {months[i - 1]}" if i <= len(months) else f"from month {i}",
                            f"#{i}",
                        )
                        for i in range(now, max(now, len(months)) + 1)
                    ],
                    f"#{c['start']}",
                ),
                (
                    "months",
                    [(f"for {n} month{'s' * (n > 1)}", f"#{n}") for n in range(1, max_months + 1)],
                    f"#{c['months']}",
                ),
            ]
            x = 8
            for k, (field, options, current) in enumerate(specs):
                if k == 3:  # the second line, under the first, a little indented
                    x, y = 32, y + 34
                width = (first + second)[k]
                if not options:
                    x += width
                    continue
                start = next((o for o in options if o[1] == current), options[0])
                menu_options: list[str | tuple[str, str]] = list(options)
                dd = UIDropDownMenu(
                    menu_options,
                    start,
                    pygame.Rect(x, y, width - 6, 28),
                    mgr,
                    container=win,
                    object_id=f"#c{row}-{field}",
                )
                place_list(dd)
                self.rows[dd] = (row, field)
                made.append(dd)
                x += width
            rm = UIButton(
                pygame.Rect(cw - 42, y, 34, 28),
                "×",  # U+00D7: in the bundled Noto Sans, unlike ✕
                mgr,
                container=win,
                object_id=f"#remove-{row}",
                tool_tip_text="Remove this commitment",
                command=on_click(self.remove, row),
            )
            made.append(rm)
            y += 42
        if not self.commitments:
            made.append(
                UILabel(
                    pygame.Rect(8, y, cw - 16, 26),
                    "None yet: your words can stand alone."
                    if self.intent is not None
                    else "None yet: a deal may also be just a summit or talks.",
                    mgr,
                    container=win,
                )
            )
            y += 30
        y += 6
        shown = [f for f in self.flags if self.intent is None or f != "talks"]
        fw = (cw - 16) // len(shown)
        tips = {
            "inspections": "Inspectors verify commitments: breaches are then always observed.",
            "summit": "A leaders' summit: prestige and calmer tension; a summit with no deal costs.",
            "talks": "Working-level talks this month; either side can stand the other up.",
        }
        for i, f in enumerate(shown):
            b = UIButton(
                pygame.Rect(8 + i * fw, y, fw - 6, 30),
                f.capitalize(),
                mgr,
                container=win,
                object_id=f"#flag-{f}",
                tool_tip_text=tips[f],
                command=on_click(self.toggle_flag, f),
            )
            if self.flags[f]:
                b.select()  # type: ignore[no-untyped-call]
            made.append(b)
            self.widgets[f"flag.{f}"] = b
        y += 40
        words = "Message:" if self.intent is not None else "Note:"
        made.append(UILabel(pygame.Rect(8, y, 90, 30), words, mgr, container=win))
        entry = UITextEntryLine(
            pygame.Rect(100, y, cw - 108, 30),
            mgr,
            container=win,
            object_id="#intent_text" if self.intent is not None else "#proposal_text",
            placeholder_text="what you say (the terms go with it)"
            if self.intent is not None
            else "optional words that go with the deal",
        )
        entry.set_text(self.text)
        self.widgets["text"] = entry
        y += 44
        send = UIButton(
            pygame.Rect(cw - 330, y, 160, 34),
            "Send message" if self.intent is not None else "Send proposal",
            mgr,
            container=win,
            object_id="#send_message" if self.intent is not None else "#send_proposal",
            command=on_click(self.send),
        )
        cancel = UIButton(
            pygame.Rect(cw - 164, y, 156, 34),
            "Cancel (Esc)",
            mgr,
            container=win,
            object_id="#cancel_proposal",
            command=on_click(self.close),
        )
        self.widgets["send"], self.widgets["cancel"] = send, cancel
        self.widgets["_made"] = made

    def toggle_party(self, actor: str) -> None:
        """Add or remove a partner."""
        if actor in self.to:
            self.to.remove(actor)
            self.commitments = [c for c in self.commitments if c["actor"] != actor]
        else:
            self.to.append(actor)
        self.rebuild()

    def set_intent(self, kind: str) -> None:
        """Choose what the message says: offer, request, warn, promise, accept, reject."""
        self.intent = kind
        self.rebuild()

    def toggle_flag(self, flag: str) -> None:
        """Switch inspections, summit or talks."""
        self.flags[flag] = not self.flags[flag]
        self.rebuild()

    def remove(self, row: int) -> None:
        """Remove one commitment."""
        del self.commitments[row]
        self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        """Dropdown changes, Esc and the window's close button."""
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.rows:
            row, field = self.rows[event.ui_element]
            value: Any = str(event.selected_option_id).lstrip("#")
            if field in ("start", "months"):
                value = int(value)
            self.set_field(row, field, value)
            return True
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            self.window = None
            self.app.composer = None
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return True
        return False
