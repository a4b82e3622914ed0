"""What the client knows, derived from connection updates (no pygame, no rules).

:class:`ClientModel` keeps the latest view and action space, the scenario's public
description, chat channels with unread counts and the errors to show, and turns the
engine's dicts into words (a proposal's terms, a deadline's countdown). The screens
only read it.
"""

from __future__ import annotations

import time
from typing import Any, NamedTuple

from game.client.connection import Update

PUBLIC = "public"
ERROR_TTL = 6.0  # seconds an error stays on screen
ERROR_MIN = 2.0  # ... at least, even when the next action succeeds at once
ERROR_SLOTS = 3  # errors shown at once; the rest wait their turn


class Refusal(NamedTuple):
    """One ``error`` the connection reported: its machine code, the field at fault, words."""

    code: str | None
    field: str | None
    message: str


CLIENT_FAULTS = frozenset(
    {
        "invalid",  # a field missing or of the wrong type (the protocol's validation)
        "bad_json",
        "bad_frame",
        "unknown_type",
        "bad_action",  # the local game could not read the action
        "bad_field",
        "unknown_actor",
        "unknown_lever",
        "unknown_option",
        "unknown_signal",
        "unknown_sector",
        "unknown_variable",
        "not_your_lever",
        "not_your_seat",
    }
)
"""Refusal codes whose cause is the client (a malformed action, or one it was never offered),
not the player or the moment: a click must never produce one."""


class ShownError:
    """An error message and its time on screen."""

    def __init__(self, message: str, arrived: float) -> None:
        self.message = message
        self.arrived = arrived
        self.shown: float | None = None  # when first drawn (None: still waiting)
        self.resolved = False  # an action succeeded after it

    def gone(self, now: float) -> bool:
        """Whether it has been on screen long enough."""
        if self.shown is None:
            return False
        age = now - self.shown
        return age >= ERROR_TTL or (self.resolved and age >= ERROR_MIN)


def clock(seconds: float) -> str:
    """A countdown as m:ss (h:mm:ss from an hour), rounded up: 61.2 → '1:02'."""
    total = max(0, int(-(-seconds // 1)))
    h, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    return f"{h}:{mins:02d}:{secs:02d}" if h else f"{mins}:{secs:02d}"


def channel_of(msg: dict[str, Any]) -> str:
    """The channel key of a message: 'public', or the sorted participants joined by '+'."""
    if not msg["to"]:
        return PUBLIC
    return "+".join(sorted({msg["from"], *msg["to"]}))


class ClientModel:
    """The client's picture of the game, updated from :class:`Update` records."""

    def __init__(self) -> None:
        self.info: dict[str, Any] = {}
        self.you: str | None = None
        self.room = ""
        self.view: dict[str, Any] | None = None
        self.legal: dict[str, Any] = {}
        self.lobby: dict[str, Any] | None = None
        self.errors: list[ShownError] = []  # errors on screen or waiting to be shown
        self.error_log: list[str] = []  # every error of the session, never dropped
        self.refusals: list[Refusal] = []  # every ``error`` update, with its code and field
        self.role = "player"  # player, observer or facilitator (from ``welcome``)
        self.room_info: dict[str, Any] = {}  # the room as ``welcome`` described it
        self.views = 0  # how many views arrived (a reconnect brings a fresh one)
        self.acks = 0  # how many of your actions were accepted
        self.replies: dict[str, dict[str, Any]] = {}  # the latest reply of each other kind
        self.state = "connecting"
        self.state_detail = ""
        self.seen: dict[str, int] = {}
        self.channel = PUBLIC
        self.extra_channels: list[str] = []
        self.revision = 0  # bumps on every change the screens must redraw for
        self.seen_news = 0
        self.seen_proposals: set[int] = set()
        self.remaining: float | None = None  # seconds left in the phase, as last sent
        self.remaining_at = 0.0  # time.monotonic() when it was sent

    # ------------------------------------------------------------ updates
    def apply(self, update: Update) -> None:
        """Take one update from the connection."""
        d = update.data
        if update.kind == "welcome":
            self.info = d.get("info") or self.info
            self.you = d.get("you", self.you)
            self.room = d.get("room", self.room)
            self.role = d.get("role") or self.role
            self.room_info = d.get("room_info") or self.room_info
        elif update.kind == "view":
            self.views += 1
            self.view = d["view"]
            self.legal = d.get("legal", {})
            self.you = self.view.get("you", self.you)
            left = d.get("remaining")
            self.remaining = None if left is None else float(left)
            self.remaining_at = time.monotonic()
        elif update.kind == "lobby":
            self.lobby = d
            self.room = d.get("room", self.room)
        elif update.kind == "error":
            self.refusals.append(Refusal(d.get("code"), d.get("field"), str(d.get("message"))))
            self.error(str(d.get("message") or d.get("code") or "unknown error from the server"))
        elif update.kind == "ack":
            self.acks += 1
            self.resolve_errors()
        elif update.kind == "reply":
            self.replies[str(d.get("type"))] = d
        elif update.kind == "status":
            self.state = d.get("state", self.state)
            self.state_detail = d.get("detail", "")
        self.revision += 1

    def error(self, message: str, now: float | None = None) -> None:
        """Show an error to the user, in words.

        It stays on screen for :data:`ERROR_TTL` seconds, or until one of your actions
        succeeds (but never less than :data:`ERROR_MIN` seconds). At most
        :data:`ERROR_SLOTS` are shown at once; later ones wait their turn, and every
        error is kept in :attr:`error_log`.
        """
        now = time.monotonic() if now is None else now
        self.errors.append(ShownError(message, now))
        self.error_log.append(message)
        self.revision += 1

    def resolve_errors(self) -> None:
        """One of your actions succeeded: the errors on screen go after their minimum time."""
        for e in self.errors:
            e.resolved = True

    def dismiss_errors(self) -> None:
        """The user closed the errors on screen (a click on them)."""
        self.errors = [e for e in self.errors if e.shown is None]
        self.revision += 1

    def time_left(self, now: float) -> float | None:
        """Seconds left in the phase at ``now`` (monotonic), never below 0; None: no timer."""
        if self.remaining is None:
            return None
        return max(0.0, self.remaining - (now - self.remaining_at))

    def live_errors(self, now: float) -> list[str]:
        """The errors to show now, oldest first (expired ones are forgotten)."""
        keep = []
        for e in self.errors:
            if e.shown is not None and e.gone(now):
                continue
            keep.append(e)
        self.errors = keep
        out = []
        for e in self.errors[:ERROR_SLOTS]:
            if e.shown is None:
                e.shown = now  # its time on screen starts when it is first shown
            out.append(e.message)
        return out

    # ------------------------------------------------------------ names
    @property
    def actor_ids(self) -> list[str]:
        """Actor ids in scenario order."""
        return [a["id"] for a in self.info.get("actors", [])]

    def name(self, actor: str | None) -> str:
        """An actor's display name."""
        for a in self.info.get("actors", []):
            if a["id"] == actor:
                return str(a["name"])
        return str(actor)

    def colour(self, actor: str) -> str:
        """An actor's hex colour."""
        for a in self.info.get("actors", []):
            if a["id"] == actor:
                return str(a["colour"])
        return "#999999"

    def lever(self, lever_id: str) -> dict[str, Any]:
        """A lever's description."""
        lever: dict[str, Any] = self.info.get("levers", {}).get(
            lever_id, {"name": lever_id, "options": []}
        )
        return lever

    def option_name(self, lever_id: str, option: str) -> str:
        """An option's display name."""
        for o in self.lever(lever_id).get("options", []):
            if o["id"] == option:
                return str(o["name"])
        return option

    def var_name(self, key: str) -> str:
        """A variable's display name, with actor ids replaced by names."""
        name: str = self.info.get("variables", {}).get(key, key)
        for a in self.actor_ids:
            name = name.replace(f"({a})", f"({self.name(a)})")
        return name

    def shown(self, key: str) -> bool:
        """Whether a variable is shown to players (not scenario bookkeeping)."""
        return key not in self.info.get("hidden", [])

    def value_text(self, key: str, value: Any) -> str:
        """A variable's value as players read it: the scenario's words for it ('in force'),
        else the number; an estimate as a range ('40–55', 'lapsed to in force')."""
        if isinstance(value, dict):
            low, high = self.value_text(key, value["low"]), self.value_text(key, value["high"])
            if low == high:
                return low
            joint = " to " if key in self.info.get("display", {}) else "–"
            return f"{low}{joint}{high}"
        forms = self.info.get("display", {}).get(key)
        if forms:
            words = [w for v, w in forms if float(v) <= float(value) + 1e-9]
            return str(words[-1] if words else forms[0][1])
        return f"{float(value):.0f}"

    # ------------------------------------------------------------ channels
    def channels(self) -> list[str]:
        """Public, each pair with you, and every group you have messages in."""
        out = [PUBLIC]
        if self.you:
            out += ["+".join(sorted({self.you, a})) for a in self.actor_ids if a != self.you]
        for m in (self.view or {}).get("messages", []):
            key = channel_of(m)
            if key not in out:
                out.append(key)
        out += [c for c in self.extra_channels if c not in out]
        return out

    def channel_label(self, key: str) -> str:
        """'Public', or the other participants' names."""
        if key == PUBLIC:
            return "Public"
        others = [a for a in key.split("+") if a != self.you]
        return ", ".join(self.name(a) for a in others)

    def channel_to(self, key: str) -> list[str]:
        """The ``to`` field of a message sent on a channel."""
        if key == PUBLIC:
            return []
        return [a for a in key.split("+") if a != self.you]

    def messages(self, key: str) -> list[dict[str, Any]]:
        """The messages of one channel, oldest first."""
        return [m for m in (self.view or {}).get("messages", []) if channel_of(m) == key]

    def unread(self, key: str) -> int:
        """Messages on a channel from others that arrived since you last looked."""
        last = self.seen.get(key, 0)
        return sum(1 for m in self.messages(key) if m["id"] > last and m["from"] != self.you)

    def mark_read(self, key: str) -> None:
        """You looked at a channel."""
        msgs = self.messages(key)
        if msgs:
            self.seen[key] = max(m["id"] for m in msgs)

    # ------------------------------------------------------------ orders
    def current_option(self, lever_id: str) -> str | None:
        """The option your draft sets for a lever, else your standing policy."""
        view = self.view or {}
        draft = (view.get("draft") or {}).get("levers", {})
        option: str | None = draft.get(lever_id, (view.get("policy") or {}).get(lever_id))
        return option

    def draft_stand_up(self) -> list[str]:
        """The talks partners your draft orders stand up this month."""
        return list(((self.view or {}).get("draft") or {}).get("stand_up", []))

    def draft_signals(self) -> list[dict[str, Any]]:
        """The signals in your draft orders."""
        return list(((self.view or {}).get("draft") or {}).get("signals", []))

    def can(self, kind: str) -> bool:
        """Whether the action type is legal now."""
        return kind in self.legal.get("types", [])

    # ------------------------------------------------------------ words
    def deadlines(self) -> list[tuple[str, str]]:
        """(name, countdown) for each deadline, e.g. ('UN workers deadline', '3 months')."""
        month = (self.view or {}).get("month", 1)
        out = []
        for d in self.info.get("deadlines", []):
            left = int(d["month"]) - int(month)
            when = f" ({d['date']})" if d.get("date") else ""
            if left > 1:
                due = f"{left} months left"
            elif left == 1:
                due = "next month"
            elif left == 0:
                due = "this month"
            else:
                due = "passed"
            out.append((f"{d['name']}{when}", due))
        return out

    def commitment_text(self, c: dict[str, Any]) -> str:
        """One commitment in words: the engine's words when it sent some (a moratorium, a
        vote, attendance, a phased term), else the client's own (a lever term, or a term
        still being written in the composer, of any kind)."""
        if "text" in c:
            return str(c.get("text", ""))
        who = self.name(c["actor"])
        kind = c.get("kind", "lever")
        if kind == "attend":
            return f"{who}: attend the talks the deal sets"
        months = self.info.get("months", [])
        start = c.get("start", 1)
        label = months[start - 1] if 0 < start <= len(months) else f"month {start}"
        n = c.get("months", 1)
        span = f"from {label} for {n} month{'s' if n != 1 else ''}"
        after = c.get("after")
        if after:
            k = after.get("months", 1)
            span = (
                f"once term {after['term'] + 1} has been kept {k} month{'s' if k != 1 else ''},"
                f" for {n} month{'s' if n != 1 else ''}"
            )
        if kind == "signals":
            return f"{who}: {self.moratorium_words(c['actor'], c.get('rung'))}, {span}"
        if kind == "unsc":
            return f"{who}: {self.vote_words(c)}, {span}"
        compare = {"exactly": "", "at_most": "at most ", "at_least": "at least "}.get(
            c.get("compare", "exactly"), ""
        )
        return (
            f"{who}: {self.lever(c['lever'])['name']} = {compare}"
            f"{self.option_name(c['lever'], c['option'])}, {span}"
        )

    def moratorium_rungs(self, actor: str) -> list[int]:
        """The rungs of the signal ladder a moratorium by ``actor`` can start at: those of
        its signals above rung 0 (statements and gestures are not tests), lowest first."""
        return sorted(
            {
                int(s["rung"])
                for s in self.info.get("signals", {}).values()
                if actor in s.get("actors", []) and int(s.get("rung", 0)) > 0
            }
        )

    def rung_signals(self, actor: str, rung: int | None) -> list[str]:
        """The names of ``actor``'s signals at exactly ``rung``."""
        return [
            str(s["name"])
            for s in self.info.get("signals", {}).values()
            if actor in s.get("actors", []) and s.get("rung") == rung
        ]

    def moratorium_words(self, actor: str, rung: int | None) -> str:
        """A moratorium from ``rung`` up, in the ladder's words: 'no ICBM test or anything
        higher (a moratorium)'."""
        names = self.rung_signals(actor, rung)
        if not names:
            return f"no signal at rung {rung} or above (a moratorium)"
        higher = [r for r in self.moratorium_rungs(actor) if rung is not None and r > rung]
        return f"no {' or '.join(names)}{' or anything higher' if higher else ''} (a moratorium)"

    def sector_name(self, sector: str | None) -> str:
        """A sanctions sector's name ('any sector' for none)."""
        for s in self.info.get("sanctions", {}).get("sectors", []):
            if s["id"] == sector:
                return str(s["name"]).lower()
        return "any sector" if sector is None else str(sector)

    def vote_words(self, c: dict[str, Any]) -> str:
        """A Security Council term's promise in words."""
        how = "vote yes on" if c.get("vote") == "yes" else "not veto"
        return (
            f"{how} Security Council drafts to {c.get('direction', 'tighten')} sanctions "
            f"({self.sector_name(c.get('sector'))})"
        )

    def proposal_lines(self, p: dict[str, Any]) -> list[str]:
        """A proposal or agreement in words, one line per term."""
        lines = [self.commitment_text(c) for c in p.get("commitments", [])]
        extras = [x for x in ("summit", "talks", "inspections") if p.get(x)]
        if extras:
            lines.append("With " + ", ".join(extras))
        if p.get("text"):
            lines.append(f"“{p['text']}”")
        return lines or ["(no terms)"]

    def awaiting_me(self) -> list[dict[str, Any]]:
        """Open proposals that wait for your answer."""
        ids = set(self.legal.get("respond", []))
        return [p for p in (self.view or {}).get("proposals", []) if p["id"] in ids]

    def new_news(self) -> int:
        """News items you have not looked at."""
        return max(0, len((self.view or {}).get("news", [])) - self.seen_news)

    def new_proposals(self) -> int:
        """Proposals awaiting you that you have not looked at."""
        return sum(1 for p in self.awaiting_me() if p["id"] not in self.seen_proposals)

    def economy_key(self) -> str | None:
        """The sanctions target's economy variable, for the end screen's chart."""
        target = (self.info.get("sanctions") or {}).get("target")
        owners = self.info.get("owners", {})
        keys: list[str] = list(self.info.get("variables", {}))
        for k in keys:
            if "economy" in k and (owners.get(k) == target or target is None):
                return k
        return next((k for k in keys if owners.get(k) == target), None)
