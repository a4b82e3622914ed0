"""The proposal composer: a window that builds a structured deal, or a message with terms.

Parties, commitments, inspections, a summit, talks, and a note. A commitment row binds
one party to one kind of term (the row's second drop-down, "what"):

- a lever: set it to an option, exactly / at most / at least;
- a test moratorium: no signal from a rung of the ladder up (picked by the signals' names);
- a Security Council vote: on drafts to tighten or relax sanctions on a sector (or any),
  vote yes or just not veto (only for permanent members, when the scenario has a Council);
- attending the talks the deal sets (only when Talks is ticked);

from which month, for how long, or phased: "after N", due once the other side's term N
has been kept a month (action for action: the engine's ``after``). Each row is shown in
words under it. A row takes two lines (who, what, which option; then how, from when, for
how long) so that every menu entry reads whole, also at 1024x640. Rows that do not fit
above the flags, the note and Send scroll (only they), so Send is always shown. It sends a ``propose`` action (``counter_to`` when countering). What it
offers comes from ``legal_actions``' ``commitment_levers`` and the scenario's public
description (signals and their rungs, sectors, the Council's members); the engine judges
legality.

Opened from the chat (``intent_to``), the same window writes a *message* with an intent:
what kind (offer, request, warn, promise, accept, reject), the terms picked the same way,
inspections and a summit, and the words, which stay free. It sends a ``message`` action
whose ``intent`` bots read and answer (see docs/protocol.md, "Intents").
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UILabel,
    UIScrollingContainer,
    UITextEntryLine,
    UIWindow,
)

from game.client import theme
from game.client.model import ClientModel
from game.client.ui import ENTRY_H, oid, on_click, place_list

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

TERM_FIELDS = frozenset(
    {"kind", "actor", "lever", "option", "compare", "rung", "signals", "sector", "direction"}
    | {"vote", "start", "months", "after"}
)
"""The fields of a term as the engine takes them (its notes, words and tags left out)."""

KINDS = (
    ("signals", "Test moratorium"),
    ("unsc", "Council vote"),
    ("attend", "Attend the talks"),
)
"""The kinds of term besides levers, as the "what" drop-down lists them (after the levers)."""
VOTES = (("no_veto", "no veto"), ("yes", "yes"))
FOOTER_H = 132
"""The height under the term rows: the flags, the note, Send and Cancel, a margin."""


class RowMenu(UIDropDownMenu):
    """A term row's drop-down. In the scrolling rows (``view``, the box) its list opens,
    when clicked, within the part of the rows shown then (pygame_gui would clip it)."""

    view: Any = None

    def update(self, time_delta: float) -> None:
        """Aim the list at the room the box shows around the menu (the arrow says which
        way it opens), also in the frame the click opens it."""
        state = self.current_state
        if self.view is not None and state is not None and state is self.menu_states.get("closed"):
            if not state.should_transition:
                place_list(self, self.view.rect)
            else:  # opening now: no restart of the closed state, which would cancel it
                holder = self.view.rect
                need = ENTRY_H * len(self.options_list) + 8
                below = holder.bottom - self.rect.bottom - 4
                above = self.rect.top - holder.top - 4
                up = need > below and above > below
                self.expansion_height_limit = max(ENTRY_H + 8, above if up else below)
                self.expand_direction = "up" if up else "down"
                for s in self.menu_states.values():
                    s.expand_direction = self.expand_direction
        super().update(time_delta)


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
            self.commitments = [  # every term, as the engine records it, less its notes
                {k: v for k, v in c.items() if k in TERM_FIELDS}
                for c in counter.get("commitments", [])
            ]
            self.flags = {f: bool(counter.get(f)) for f in self.flags}
        self.window: UIWindow | None = None
        self.widgets: dict[str, Any] = {}
        self.rows: dict[Any, tuple[int, str]] = {}
        self.scroll_to = 0.0  # where the scrolling rows show, from 0 (top) to 1 (the end)
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

    def kinds_of(self, actor: str) -> list[tuple[str, str]]:
        """What ``actor`` can commit to, as the "what" drop-down lists it: (id, label) for
        each lever it holds (the lever's id), then ``@signals`` (a moratorium: it has a
        signal above rung 0), ``@unsc`` (a Council vote: the scenario has one and ``actor``
        is a permanent member), ``@attend`` (a proposal with talks)."""
        m = self.model
        out = [(lv, str(m.lever(lv)["name"])) for lv in self.levers_of(actor)]
        if actor not in m.actor_ids:
            return out
        for kind, label in KINDS:
            if kind == "signals" and not m.moratorium_rungs(actor):
                continue
            if kind == "unsc" and not (m.info.get("unsc") and actor in m.info.get("p5", [])):
                continue
            if kind == "attend" and (self.intent is not None or not self.flags["talks"]):
                continue
            out.append((f"@{kind}", label))
        return out

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
        self.scroll_to = 1.0  # the new row shown
        self.rebuild()

    def set_kind(self, c: dict[str, Any], what: str) -> dict[str, Any]:
        """Term ``c`` turned into ``what`` (a lever id, or ``@signals``, ``@unsc``,
        ``@attend``), keeping who, when and for how long, with the kind's defaults."""
        m = self.model
        keep: dict[str, Any] = {k: c[k] for k in ("actor", "start", "months", "after") if k in c}
        if what == "@signals":
            rungs = m.moratorium_rungs(c["actor"])
            breaks = [  # the scenario's own moratorium line, when it draws one
                int(s["rung"])
                for s in m.info.get("signals", {}).values()
                if c["actor"] in s.get("actors", []) and s.get("breaks_moratorium")
            ]
            rung = min(breaks) if breaks else rungs[-1]
            return {"kind": "signals", **keep, "rung": rung, "signals": []}
        if what == "@unsc":
            return {"kind": "unsc", **keep, "sector": None, "direction": "relax", "vote": "no_veto"}
        if what == "@attend":
            return {"kind": "attend", **keep}
        levers = self.levers_of(c["actor"])
        return {**keep, "lever": what, "option": levers[what][0], "compare": "exactly"}

    def what(self, c: dict[str, Any]) -> str:
        """The "what" drop-down's id for term ``c``."""
        kind = c.get("kind", "lever")
        return str(c["lever"]) if kind == "lever" else f"@{kind}"

    def tidy(self) -> None:
        """Keep every row something its party can commit to (a lever it holds, a kind it
        may offer, an option of that lever, a rung it can reach), and every phased row's
        ``after`` pointing at another party's row (dropped when that row is gone)."""
        rows = []
        for c in self.commitments:
            kinds = [k for k, _ in self.kinds_of(c["actor"])]
            if not kinds:
                continue
            if self.what(c) not in kinds:
                c = self.set_kind(c, kinds[0])
            if c.get("kind", "lever") == "lever":
                options = self.levers_of(c["actor"]).get(c["lever"], [])
                if c.get("option") not in options:
                    c["option"] = options[0]
            elif c["kind"] == "signals":
                rungs = self.model.moratorium_rungs(c["actor"])
                if c.get("rung") not in rungs:
                    c["rung"] = rungs[-1]
            rows.append(c)
        self.commitments = rows
        for i, c in enumerate(rows):
            after = c.get("after")
            if after is None:
                continue
            j = after["term"]
            if not 0 <= j < len(rows) or j == i or rows[j]["actor"] == c["actor"]:
                del c["after"]

    def forget(self, gone: list[int]) -> None:
        """Rows ``gone`` (indices) were removed: renumber the ``after`` of the rest, and
        drop it where it pointed at a removed row."""
        for c in self.commitments:
            after = c.get("after")
            if after is None:
                continue
            if after["term"] in gone:
                del c["after"]
            else:
                after["term"] -= sum(1 for g in gone if g < after["term"])

    def set_field(self, row: int, field: str, value: Any) -> None:
        """Change one field of a commitment, keeping the row consistent."""
        c = self.commitments[row]
        if field == "lever":  # the "what" drop-down: a lever, or another kind of term
            c = self.commitments[row] = self.set_kind(c, str(value))
        elif field == "draft":  # a Council term's drafts: "relax:coal", "tighten:*"
            direction, _, sector = str(value).partition(":")
            c["direction"], c["sector"] = direction, (None if sector == "*" else sector)
        elif field == "start" and str(value).startswith("after"):
            c["after"] = {"term": int(str(value)[5:]), "months": 1}
        elif field == "start":
            c.pop("after", None)
            c["start"] = int(value)
        elif field in ("months", "rung"):
            c[field] = int(value)
        else:
            c[field] = value
        self.tidy()
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
        old = self.widgets.get("rows_box")
        bar = old.vert_scroll_bar if old is not None else None
        scroll = self.scroll_to if bar is None or self.scroll_to else bar.start_percentage
        self.scroll_to = 0.0
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
        # the term rows: in the window as they are when they leave room for the flags, the
        # note and Send below them; else in a scrolling area of the height that is left
        bottom = win.get_container().get_rect().h - FOOTER_H
        rows_made: list[Any] = []
        end = self.build_rows(win, y, cw, rows_made, None)
        if end > bottom and self.commitments:
            for x in rows_made:
                x.kill()
            self.rows = {}
            for k in [k for k in self.widgets if k.startswith("words.")]:
                del self.widgets[k]
            box = UIScrollingContainer(
                pygame.Rect(0, y, cw, bottom - y),
                mgr,
                container=win,
                object_id="#composer_rows",
                allow_scroll_x=False,
            )
            made.append(box)
            self.widgets["rows_box"] = box
            rows_made = []
            height = self.build_rows(box, 0, cw - 20, rows_made, box)
            box.set_scrollable_area_dimensions((cw - 20, height))
            if box.vert_scroll_bar is not None and scroll:
                box.vert_scroll_bar.set_scroll_from_start_percentage(scroll)
            y = bottom
        else:
            y = end
        made += rows_made
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

    def build_rows(self, holder: Any, y: int, cw: int, made: list[Any], box: Any) -> int:
        """Make the term rows in ``holder`` (the window, or the scrolling ``box`` of the
        rows) from height ``y``, ``cw`` wide; returns the height under the last row."""
        m, mgr = self.model, self.app.manager
        small = theme.font(13)
        months = m.info.get("months", [])
        now = int((m.view or {}).get("month", 1))
        max_months = int(m.info.get("max_deal_months", 12))
        # each row on two lines, every entry whole: who, what, which option (or rung,
        # or draft); then how (exactly / at most / at least, or the vote), from which
        # month or "after term N" (a phased term), for how long
        half = (cw - 16 - 150) // 2
        widths = (150, half, half, 120, 200, 160)
        for row, c in enumerate(self.commitments):
            parties = self.parties()
            actors = [(m.name(a), f"#{a}") for a in parties if self.kinds_of(a)]
            kind = c.get("kind", "lever")
            after = c.get("after")
            # phased: due once another party's term has been kept (action for action)
            afters = [
                (f"after term {j + 1}", f"#after{j}")
                for j, other in enumerate(self.commitments)
                if j != row and other["actor"] != c["actor"]
            ]
            specs: list[tuple[str, list[tuple[str, str]], str]] = [
                ("actor", actors, f"#{c['actor']}"),
                (
                    "lever",
                    [(label, f"#{k}") for k, label in self.kinds_of(c["actor"])],
                    f"#{self.what(c)}",
                ),
            ]
            if kind == "lever":
                specs += [
                    (
                        "option",
                        [
                            (m.option_name(c["lever"], o), f"#{o}")
                            for o in self.levers_of(c["actor"]).get(c["lever"], [])
                        ],
                        f"#{c['option']}",
                    ),
                    ("compare", [(label, f"#{cid}") for cid, label in COMPARE], f"#{c['compare']}"),
                ]
            elif kind == "signals":
                specs += [
                    (
                        "rung",
                        [
                            (m.rung_signals(c["actor"], r)[0] + " and up", f"#{r}")
                            for r in m.moratorium_rungs(c["actor"])
                        ],
                        f"#{c['rung']}",
                    ),
                    ("", [], ""),
                ]
            elif kind == "unsc":
                sectors = [(None, "any sector")] + [
                    (x["id"], str(x["name"]))
                    for x in m.info.get("sanctions", {}).get("sectors", [])
                ]
                specs += [
                    (
                        "draft",
                        [
                            (f"{d} {name.lower()}", f"#{d}:{sid or '*'}")
                            for d in ("relax", "tighten")
                            for sid, name in sectors
                        ],
                        f"#{c['direction']}:{c['sector'] or '*'}",
                    ),
                    ("vote", [(label, f"#{v}") for v, label in VOTES], f"#{c['vote']}"),
                ]
            if kind != "attend":
                specs += [
                    (
                        "start",
                        [
                            (f"from {months[i - 1]}" if i <= len(months) else f"from {i}", f"#{i}")
                            for i in range(now, max(now, len(months)) + 1)
                        ]
                        + afters,
                        f"#after{after['term']}" if after else f"#{c['start']}",
                    ),
                    (
                        "months",
                        [
                            (f"for {n} month{'s' * (n > 1)}", f"#{n}")
                            for n in range(1, max_months + 1)
                        ],
                        f"#{c['months']}",
                    ),
                ]
            x, top = 8, y
            for k, (field, options, current) in enumerate(specs):
                if k == 3:  # the second line, under the first, a little indented
                    x, y = 32, y + 32
                if not options:
                    x += widths[k]
                    continue
                start = next((o for o in options if o[1] == current), options[0])
                menu_options: list[str | tuple[str, str]] = list(options)
                dd = RowMenu(
                    menu_options,
                    start,
                    pygame.Rect(x, y, widths[k] - 6, 28),
                    mgr,
                    container=holder,
                    object_id=f"#c{row}-{field}",
                )
                place_list(dd)
                dd.view = box
                self.rows[dd] = (row, field)
                made.append(dd)
                x += widths[k]
            if y == top and x > cw - 50:  # one line that the remove button would cover
                y += 32
            rm = UIButton(
                pygame.Rect(cw - 42, y, 34, 28),
                "×",  # U+00D7: in the bundled Noto Sans, unlike ✕
                mgr,
                container=holder,
                object_id=f"#remove-{row}",
                tool_tip_text="Remove this commitment",
                command=on_click(self.remove, row),
            )
            made.append(rm)
            y += 30
            # the row in words, numbered (the number is what "after N" points at)
            for said in theme.wrap(f"{row + 1}. {m.commitment_text(c)}", small, cw - 48):
                said_label = UILabel(
                    pygame.Rect(24, y, cw - 32, 24),
                    said,
                    mgr,
                    container=holder,
                    object_id=oid("@term_words", f"#c{row}-words"),
                )
                made.append(said_label)
                self.widgets.setdefault(f"words.{row}", []).append(said_label)
                y += 22
            y += 6
        return y

    def toggle_party(self, actor: str) -> None:
        """Add or remove a partner."""
        if actor in self.to:
            self.to.remove(actor)
            self.drop([i for i, c in enumerate(self.commitments) if c["actor"] == actor])
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
        if flag == "talks" and not self.flags[flag]:  # no talks: no one to attend them
            self.drop([i for i, c in enumerate(self.commitments) if c.get("kind") == "attend"])
        self.rebuild()

    def remove(self, row: int) -> None:
        """Remove one commitment."""
        self.drop([row])
        self.rebuild()

    def drop(self, rows: list[int]) -> None:
        """Remove commitments ``rows`` (indices), renumbering the phased rows' ``after``."""
        self.commitments = [c for i, c in enumerate(self.commitments) if i not in rows]
        self.forget(rows)
        self.tidy()

    def handle(self, event: pygame.event.Event) -> bool:
        """Dropdown changes, Esc and the window's close button."""
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.rows:
            row, field = self.rows[event.ui_element]
            self.set_field(row, field, str(event.selected_option_id).lstrip("#"))
            return True
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            self.window = None
            self.app.composer = None
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return True
        return False
