"""A room: one game, its seats, its timers, its bots, and the connections watching it.

The room holds no rules. Every action — from a player, a server-side bot, the
facilitator or a timer — goes through :meth:`Room.submit`: the engine applies it (or
refuses it, changing nothing), the store writes it, and only then is it acknowledged.
After every change the room pushes a fresh view to each connection, coalesced over
``view_delay``: one ``view_for`` per watched viewer, encoded incrementally (only the keys
that changed are encoded again, see :mod:`server.views`), and sent whole or as a
``view_delta`` as each connection asked.

The room's own state — who plays which seat (people or a bot), whether it is locked,
whether it has started — is derived from its options and its log: the facilitator's
``seat``, ``lock``, ``move`` and ``start`` are logged actions like any other, so a
restarted server rebuilds it all by replaying the log. Only the clock (the phase
deadline, or the time left while paused) is stored beside the log.

Numbering is per viewer, so that no number counts what its reader cannot see. The log's
own numbering (an action's place in it, what the store keys actions by) stays inside
the server, and only the facilitator's omniscient view shows it. Every seat and the
observer have their own ``seq``: how many actions changed their view (``view_for``).
After each action the room builds each of those viewers' view content again (only the
keys whose engine stamps moved, see :meth:`Room._content_of`) and counts the action for
the viewers whose content changed; the set of them (a bit mask, one bit per seat in the
scenario's order and one for the observer) is stored with the action, so that the
numbers survive a restart and a repeated request gets the ``seq`` its first copy got.
``version`` numbers each viewer's frames (a new one whenever its view, its legal
actions or its clock changed) and starts again at 1 when the server does.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Container
from concurrent.futures import Executor
from typing import Any, Protocol

from game.bots import make_bot
from game.bots.base import Bot, Context, pending_intents
from game.bots.runner import bot_rng
from game.engine.game import FACILITATOR, Game
from game.engine.view import GROWS_ONLY, KEY_PART, SAME_FOR_ALL
from game.errors import IllegalAction, SixPartyError
from game.protocol.errors import ProtocolError
from game.protocol.messages import PlayerInfo, RoomInfo, RoomOptions, SeatInfo
from game.scenario.compile import Rules
from server.controls import (
    Member,
    Status,
    check_control,
    facilitator_legal,
)
from server.store import Store, StoredRequest
from server.views import Part, Rendered, SharedTexts, encode_part, encode_view, same_parts

log = logging.getLogger("sixparty.server")

SPECTATOR = "spectator"
OMNISCIENT = "omniscient"
EXTRA_BOT_TURNS = 3
"""Answer turns a bot that is ready gets each month for what other bots put to it (two
bots would otherwise counter each other forever). What people put to it is answered
whatever the count: people are held back by the server's rate limit."""
REQUEST_WINDOW = 600.0
"""Seconds an action's request_id is remembered per sender: a copy sent again within
them (a client unsure, after a reconnect, whether its action landed) gets the first
copy's ack and is not applied twice."""
"""How often a bot may come back to answer new proposals in one negotiation phase."""


class StorageFailed(SixPartyError):
    """The database refused to record an action; the action was rolled back."""


class Watcher(Protocol):
    """A connection watching a room: who it sees as, and where views go."""

    viewer: str
    player: str | None
    """The player id of a player's connection (``None`` for others)."""

    def deliver(self, rendered: Rendered) -> None:
        """Take the newest view of this watcher's viewer; a watcher drops views older
        than one it already has (by ``version``), and may skip unsent ones."""

    def reseat(self, seat: str) -> None:
        """The facilitator moved this connection's player to ``seat``."""


def legal_for(
    game: Game, viewer: str, bots: Container[str], status: Status | None = None
) -> dict[str, Any]:
    """What ``viewer`` may send now (the facilitator's controls for ``omniscient``)."""
    status = status or Status()
    if viewer in game.rules.actors:
        if viewer in bots or not status.started:
            return {"phase": game.phase, "month": game.month, "types": []}
        return game.legal_actions(viewer)
    space: dict[str, Any] = {"phase": game.phase, "month": game.month, "types": []}
    if viewer == OMNISCIENT and not game.over:
        space.update(facilitator_legal(game, status))
    return space


_STARTED = {True: Status(started=True), False: Status(started=False)}
"""What a seat's legal actions need of the room's status (see ``Room.render``)."""


def replay_to(rules: Rules, seed: int, log: list[dict[str, Any]], month: int) -> tuple[Game, int]:
    """The game as it stood at the end of ``month`` (after its news), and how many
    actions of ``log`` that took; month 0 is the game before any action."""
    game = Game(rules, seed)
    if month <= 0:
        return game, 0
    for i, action in enumerate(log):
        game.apply(action)
        if game.month > month or game.over:
            return game, i + 1
    return game, len(log)


class Room:
    """One game in play: seats, timers, bots, persistence and view pushes."""

    def __init__(
        self,
        code: str,
        scenario_ref: str,
        rules: Rules,
        options: RoomOptions,
        store: Store,
        executor: Executor | None = None,
        *,
        created: float | None = None,
        log_: list[dict[str, Any]] | None = None,
        bot_budget: float = 5.0,
        view_delay: float = 0.02,
        renderer: Executor | None = None,
        seen: list[int | None] | None = None,
    ) -> None:
        """``log_``: the actions so far (a restored room); ``seen``: the mask stored
        with each (which counted viewers saw it, see :attr:`counted`; ``None`` for an
        action stored before masks were, counted for everyone as it was then)."""
        self.code = code
        self.scenario_ref = scenario_ref
        self.rules = rules
        self.options = options
        self.store = store
        self.executor = executor
        self.created = time.time() if created is None else created
        self.bot_budget = bot_budget
        self.view_delay = view_delay
        self.renderer = renderer
        """Runs slow one-off jobs (replays, reports) off the event loop."""
        self._requests: dict[tuple[str, str | int], StoredRequest] = {}
        """(sender, request_id) -> the ack it got, for :data:`REQUEST_WINDOW` seconds."""
        self._views: dict[str, Rendered] = {}
        self._content: dict[str, tuple[int, dict[str, int], dict[str, Part]]] = {}
        """viewer -> (the log's length, the engine's stamps, the view's parts) when its
        view content was last built (see :meth:`_content_of`)."""
        self.counted: tuple[str, ...] = (*rules.actor_ids, SPECTATOR)
        """The viewers numbered by what they see (bit ``i`` of a mask is ``counted[i]``);
        the omniscient view sees every action and is numbered by the log."""
        self._masks: list[int] = []
        """Per action of the log, which of :attr:`counted` saw their view change."""
        self._seen: dict[str, int] = dict.fromkeys(self.counted, 0)
        """Per counted viewer, its ``seq`` now (how many actions changed its view)."""
        self._versions: dict[str, int] = {}
        self._texts = SharedTexts()  # items every viewer shares, encoded once per room
        self._common: dict[str, tuple[int, Part]] = {}  # SAME_FOR_ALL keys: (stamp, part)
        self._hash: tuple[int, str] | None = None
        self.game = Game.replay(rules, options.seed, log_ or [])
        self.game.track_changes()  # renders rebuild only the view keys an action changed
        everyone = (1 << len(self.counted)) - 1
        for mask in (seen or [])[: len(self.game.log)]:
            self._count(everyone if mask is None else mask)  # None: stored before masks
        while len(self._masks) < len(self.game.log):
            self._count(everyone)
        self.watchers: set[Watcher] = set()
        self.members: dict[str, Member] = {}
        self.deadline: float | None = None
        self.paused_remaining: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._flush_scheduled = False
        self.bots: dict[str, Bot] = {}
        self.bot_names: dict[str, str] = {}
        self._bot_rng: dict[str, Any] = {}
        self._bot_busy: set[str] = set()
        self._bot_extra: dict[str, int] = {}
        # Per bot, this phase: the proposals and intents it was already woken to answer.
        self._bot_asked: dict[str, set[tuple[str, int]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.started = not options.wait_for_start
        self.locked = False
        self._moves: dict[str, str] = {}
        for actor, name in options.bots.items():
            self._set_bot(actor, name)
        for action in self.game.log:
            if action.get("actor") == FACILITATOR:
                self._record(action)
        self.closed = False
        self.on_change: Callable[[Room], None] | None = None

    # ------------------------------------------------------------------ info
    @property
    def phase_key(self) -> tuple[int, str]:
        """(month, phase): changes exactly when a phase ends."""
        return (self.game.month, self.game.phase)

    @property
    def players(self) -> dict[str, list[str]]:
        """Seat -> the names of the people playing it now."""
        out: dict[str, list[str]] = {a: [] for a in self.rules.actor_ids}
        for m in self.members.values():
            out[m.seat].append(m.name)
        return out

    def add_member(self, player: str, name: str, seat: str) -> Member:
        """Register a player who joined ``seat`` (a move in the log may have moved them)."""
        member = Member(player, name, self._moves.get(player, seat))
        self.members[player] = member
        return member

    def next_player_id(self) -> str:
        """A fresh player id for this room: ``p1``, ``p2``, ..."""
        taken = [int(p[1:]) for p in self.members if p[1:].isdigit()]
        return f"p{max(taken, default=0) + 1}"

    def seat_of(self, player: str) -> str | None:
        """The seat a player id plays now (``None`` if unknown)."""
        member = self.members.get(player)
        return member.seat if member else None

    def status(self) -> Status:
        """A snapshot of the room's own state, for views and the facilitator's legal."""
        connected: dict[str, int] = {}
        for w in self.watchers:
            pid = getattr(w, "player", None)
            if pid is not None:
                connected[pid] = connected.get(pid, 0) + 1
        seats = tuple(
            {
                "id": a,
                "bot": self.bot_names.get(a),
                "players": [
                    {"id": m.id, "name": m.name, "connected": connected.get(m.id, 0)}
                    for m in self.members.values()
                    if m.seat == a
                ],
            }
            for a in self.rules.actor_ids
        )
        return Status(
            started=self.started,
            locked=self.locked,
            paused_remaining=self.paused_remaining,
            timer=not self.game.over
            and (self.deadline is not None or self.paused_remaining is not None),
            seats=seats,
        )

    def info(self) -> RoomInfo:
        """Public facts about the room (for ``welcome``)."""
        counts: dict[str, int] = {}
        for w in self.watchers:
            counts[w.viewer] = counts.get(w.viewer, 0) + 1
        status = self.status()
        seats = [
            SeatInfo(
                id=a,
                name=self.rules.actors[a].name,
                colour=self.rules.actors[a].colour,
                bot=self.bot_names.get(a),
                players=[p["name"] for p in seat["players"]],
                members=[PlayerInfo(**p) for p in seat["players"]],
                connected=counts.get(a, 0),
            )
            for a, seat in zip(self.rules.actor_ids, status.seats, strict=True)
        ]
        return RoomInfo(
            code=self.code,
            name=self.options.name,
            scenario=self.rules.id,
            scenario_name=self.rules.name,
            months=list(self.rules.months),
            timers=self.options.timers,
            press=self.options.press,
            seats=seats,
            locked=self.locked,
            started=self.started,
            archive=self.options.archive,
        )

    # ------------------------------------------------------------------ start / stop
    def start(self, deadline: float | None = None, paused_remaining: float | None = None) -> None:
        """Arm the timer (a restored deadline, or a fresh one) and set the bots going.

        A room waiting for its facilitator's ``start`` has no clock until then.
        """
        if self.game.over or not self.started:
            self.deadline = self.paused_remaining = None
        elif deadline is None and paused_remaining is None:
            self.deadline, self.paused_remaining = self.fresh_timer()
            self.store.set_timer(self.code, self.deadline, self.paused_remaining)
        else:
            self.deadline, self.paused_remaining = deadline, paused_remaining
        self._arm()
        self._wake_bots(new_phase=True)

    def close(self) -> None:
        """Stop timers and bots (the server is shutting down)."""
        self.closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        for task in list(self._tasks):
            task.cancel()

    # ------------------------------------------------------------------ numbering
    def _count(self, mask: int) -> None:
        """Number one more action of the log: seen by the counted viewers in ``mask``."""
        self._masks.append(mask)
        seen = self._seen
        for i, viewer in enumerate(self.counted):
            if mask >> i & 1:
                seen[viewer] += 1

    def _uncount(self) -> None:
        """Forget the numbering of the log's last action (its write failed)."""
        mask = self._masks.pop()
        for i, viewer in enumerate(self.counted):
            if mask >> i & 1:
                self._seen[viewer] -= 1

    def seq_of(self, viewer: str, at: int | None = None) -> int:
        """``viewer``'s ``seq`` after the first ``at`` actions of the log (default: all):
        how many of them changed its view; for the omniscient view, ``at`` itself."""
        if viewer not in self._seen:
            return len(self._masks) if at is None else at
        if at is None:
            return self._seen[viewer]
        bit = 1 << self.counted.index(viewer)
        return sum(1 for mask in self._masks[:at] if mask & bit)

    def _viewer_of(self, actor: Any) -> str:
        """Whose numbers an action of ``actor`` is acknowledged in (the facilitator's:
        the omniscient view's)."""
        return actor if actor in self.rules.actors else OMNISCIENT

    def _number(self) -> int:
        """After an action: build every counted viewer's view content again and count
        the action for those whose content changed. Returns their mask."""
        mask = 0
        for i, viewer in enumerate(self.counted):
            before = self._content[viewer][2]
            if not same_parts(self._content_of(viewer), before):
                mask |= 1 << i
        self._count(mask)
        return mask

    # ------------------------------------------------------------------ request ids
    def remember(self, requests: list[StoredRequest]) -> None:
        """Take back the request ids stored for this room (after a restart)."""
        for r in requests:
            self._requests[(r.sender, r.request_id)] = r

    def recall(
        self, sender: str, request_id: str | int, action: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The ``ack`` an earlier copy of this request got, when ``sender`` (a player id,
        or ``facilitator``) sent ``request_id`` within :data:`REQUEST_WINDOW` seconds;
        ``None`` for a new request. Raises :class:`ProtocolError` ``duplicate_request``
        when that id went with a different action."""
        hit = self._requests.get((sender, request_id))
        if hit is None:
            return None
        if hit.at < time.time() - REQUEST_WINDOW:
            del self._requests[(sender, request_id)]
            return None
        first = self.game.log[hit.seq - 1]
        seq = self.seq_of(self._viewer_of(first.get("actor")), hit.seq)  # as first acked
        if first != action:
            raise ProtocolError(
                "duplicate_request",
                f"request_id {request_id!r} was already used for another action "
                f"({first.get('type')}, seq {seq}) within {REQUEST_WINDOW:g} s; "
                "use a new id for a new action",
                "request_id",
            )
        return {
            "type": "ack",
            "request_id": request_id,
            "seq": seq,
            "action": first,
            "month": hit.month,
            "phase": hit.phase,
        }

    def _forget_old_requests(self, now: float) -> None:
        """Drop request ids older than the window (oldest first: dicts keep order)."""
        requests = self._requests
        while requests:
            key = next(iter(requests))
            if requests[key].at >= now - REQUEST_WINDOW:
                break
            del requests[key]

    # ------------------------------------------------------------------ the one path
    def submit(self, action: dict[str, Any], request: tuple[str, str | int] | None = None) -> int:
        """Apply, number, persist, then return the action's ``seq`` as its actor sees it
        (a seat's own ``seq`` after it; for the facilitator, the action's place in the
        log): what its ``ack`` says.

        ``request``: (sender, request_id) to remember with the action, so that a
        repeated copy is answered by :meth:`recall` instead of being applied again.
        Raises :class:`IllegalAction` (nothing changed) or :class:`StorageFailed`
        (the game is rolled back to before the action).
        """
        game = self.game
        actor = action.get("actor")
        game.guard_month(action)  # before the room's own checks: stale is the answer
        if actor in self.rules.actors:
            if not self.started:
                raise IllegalAction(
                    "briefing time: read your briefings; the facilitator has not started "
                    "the game yet",
                    "not_started",
                    "type",
                )
            if action.get("type") == "message":
                if self.options.press == "none":
                    raise IllegalAction("this room allows no chat", "press_none", "type")
                if self.options.press == "public" and action.get("to"):
                    raise IllegalAction(
                        "this room allows public chat only", "press_public_only", "to"
                    )
        control_timer = check_control(self, action) if actor == FACILITATOR else None
        for viewer in self.counted:  # what each saw before: the base of what it sees next
            self._content_of(viewer)
        before = (self.phase_key, game.paused)
        game.apply(action)
        seq = len(game.log)
        seen = self._number()
        timer: tuple[float | None, float | None] | None = None
        after = (self.phase_key, game.paused)
        new_phase = after[0] != before[0]
        if new_phase or after[1] != before[1]:
            timer = self._next_timer(new_phase, before[1])
        elif control_timer is not None:
            timer = control_timer
        now = time.time()
        stored = (
            None
            if request is None
            else StoredRequest(request[0], request[1], seq, game.month, game.phase, now)
        )
        try:
            self.store.append(
                self.code,
                seq,
                action,
                now,
                timer,
                "over" if game.over and new_phase else None,
                stored,
                seen,
            )
        except Exception as exc:
            log.exception("room %s: cannot store action %d", self.code, seq)
            self.game = Game.replay(self.rules, self.options.seed, game.log[:-1])
            self.game.track_changes()
            self._uncount()
            self._views.clear()  # rendered from a state that is gone
            self._content.clear()
            self._common.clear()
            self._hash = None
            raise StorageFailed(f"the action could not be written to disk: {exc}") from None
        if stored is not None:
            self._forget_old_requests(now)
            self._requests[(stored.sender, stored.request_id)] = stored
        if actor == FACILITATOR:
            self._record(action, live=True)
        if timer is not None:
            self.deadline, self.paused_remaining = timer
            self._arm()
        if new_phase:
            self._bot_extra.clear()
            self._bot_asked.clear()
        self.changed()
        self._wake_bots(new_phase=new_phase or action.get("type") in ("start", "seat"))
        return self.seq_of(self._viewer_of(actor))

    # ------------------------------------------------------------------ facilitator controls
    def _record(self, action: dict[str, Any], live: bool = False) -> None:
        """Bring the room's own state up to date with an accepted facilitator action."""
        kind = action.get("type")
        if kind == "start":
            self.started = True
        elif kind == "lock":
            self.locked = bool(action.get("locked"))
        elif kind == "seat":
            self._set_bot(action["seat"], action.get("bot"))
        elif kind == "move":
            player, seat = action["player"], action["seat"]
            self._moves[player] = seat
            member = self.members.get(player)
            if member is not None:
                member.seat = seat
            if live:
                for w in list(self.watchers):
                    if getattr(w, "player", None) == player:
                        w.reseat(seat)

    def _set_bot(self, seat: str, name: str | None) -> None:
        if name is None:
            self.bots.pop(seat, None)
            self.bot_names.pop(seat, None)
            return
        try:
            bot = make_bot(name, seat, self.options.seed)
        except SixPartyError as exc:  # a bot that no longer exists: the seat stays open
            log.error("room %s: seat %s: %s", self.code, seat, exc)
            return
        self.bots[seat] = bot
        self.bot_names[seat] = name
        self._bot_rng[seat] = bot_rng(self.options.seed, self.rules.actor_ids.index(seat))

    # ------------------------------------------------------------------ timers
    def _phase_seconds(self) -> float | None:
        if self.game.over:
            return None
        return getattr(self.options.timers, self.game.phase, None)

    def fresh_timer(self) -> tuple[float | None, float | None]:
        seconds = self._phase_seconds()
        if seconds is None:
            return (None, None)
        if self.game.paused:
            return (None, seconds)
        return (time.time() + seconds, None)

    def _next_timer(self, new_phase: bool, was_paused: bool) -> tuple[float | None, float | None]:
        if new_phase:
            return self.fresh_timer()
        now = time.time()
        if self.game.paused and not was_paused:  # pause: keep what was left
            left = None if self.deadline is None else max(0.0, self.deadline - now)
            return (None, left)
        if not self.game.paused and was_paused:  # resume
            left = self.paused_remaining
            return (None if left is None else now + left, None)
        return (self.deadline, self.paused_remaining)

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.deadline is None or self.closed:
            return
        loop = asyncio.get_running_loop()
        delay = max(0.0, self.deadline - time.time())
        self._timer = loop.call_later(delay, self._expire, self.phase_key)

    def _expire(self, key: tuple[int, str]) -> None:
        self._timer = None
        if self.closed or self.phase_key != key or self.game.paused or self.game.over:
            return
        month, phase = key
        try:
            # Tagged so the log and the debrief tell a timer from the facilitator's button.
            self.submit(
                {
                    "type": "advance",
                    "actor": FACILITATOR,
                    "phase": phase,
                    "month": month,
                    "by": "timer",
                }
            )
        except (IllegalAction, StorageFailed) as exc:
            log.warning("room %s: timer could not advance: %s", self.code, exc)

    # ------------------------------------------------------------------ views
    def changed(self) -> None:
        """Schedule one view push to every watcher, ``view_delay`` seconds from now.

        Changes within that window share one push (a burst of chat costs one render per
        viewer, and only the view keys that changed are encoded again).
        """
        if self._flush_scheduled or self.closed:
            return
        self._flush_scheduled = True
        asyncio.get_running_loop().call_later(self.view_delay, self._flush)

    def _flush(self) -> None:
        self._flush_scheduled = False
        if self.closed:
            return
        viewers = list(dict.fromkeys(w.viewer for w in self.watchers))
        for viewer in [v for v in self._views if v not in viewers]:
            del self._views[viewer]  # nobody watches it: keep no cache
        if self.game.over:  # numbered no more: keep only what is watched
            for viewer in [v for v in self._content if v not in viewers]:
                del self._content[viewer]
        self._push(viewers)

    def _push(self, viewers: list[str]) -> None:
        """Render and deliver the first of ``viewers``, then the rest in later turns of
        the event loop: a month's end in a big room is a few milliseconds of rendering,
        and other rooms' actions are read and answered in between. (A timer due at once,
        not ``call_soon``: asyncio runs due timers after the turn's I/O callbacks, so
        actions that arrived are answered before the next view is rendered.)"""
        if self.closed:
            return
        viewer = viewers.pop(0) if viewers else None
        if viewer is not None:
            rendered = self.render(viewer)
            for w in list(self.watchers):
                if w.viewer == viewer:
                    w.deliver(rendered)
        if viewers:
            asyncio.get_running_loop().call_later(0, self._push, viewers)
        elif self.on_change is not None:
            self.on_change(self)

    def _content_of(self, viewer: str) -> dict[str, Part]:
        """``viewer``'s view content now (the parts of ``view_for``), encoded.

        ``view_for`` is a function of the game's log, so while no action was applied
        since ``viewer``'s content was last built its encoded parts are reused as they
        are. Otherwise only the keys whose engine stamps moved (``view_stamps``) are
        rebuilt, and of those only the ones whose value changed are encoded again (see
        :func:`server.views.encode_view`; ``same_parts`` tells whether the content
        changed).
        """
        game = self.game
        at = len(game.log)
        held = self._content.get(viewer)
        if held is not None and held[0] == at:
            return held[2]
        stamps = game.part_stamps(viewer)
        keys = game.view_keys(viewer)
        # A finished game hands out its records anew (unpacked from its archive):
        # sharing their texts by identity would only encode them all again.
        shared = None if game.over else self._texts
        if held is None:
            before: dict[str, Part] = {}
            only = list(keys)
        else:
            was, before = held[1], held[2]
            moved = {part for part, stamp in stamps.items() if was.get(part) != stamp}
            only = [k for k in keys if KEY_PART[k] in moved or k not in before]
        if only or len(keys) != len(before):
            parts = self._encode(viewer, keys, stamps, only, before, shared)
        else:
            parts = before
        self._content[viewer] = (at, stamps, parts)
        return parts

    def render(self, viewer: str) -> Rendered:
        """``viewer``'s view now, encoded; the previous render itself when nothing in it
        changed (so watchers can tell by ``version`` there is nothing to send).

        The view content comes from :meth:`_content_of`; the legal actions are computed
        again only when what they depend on moved. A new render takes the viewer's next
        ``version``, and its ``seq`` (see :meth:`seq_of`). Runs on the event loop (no
        copy of the game is needed).
        """
        game = self.game
        old = self._views.get(viewer)
        parts = self._content_of(viewer)
        stamps = self._content[viewer][1]
        # What a seat may do moves only with the parts of the game it depends on, and
        # with the room's own state (seat handed to a bot, game started).
        legal_key = (
            (game.legal_stamp(viewer), viewer in self.bots, self.started)
            if viewer in self.rules.actors
            else None
        )
        if old is not None and legal_key is not None and old.legal_key == legal_key:
            legal = old.legal
        else:
            # A seat's legal actions read only whether the room started; the whole status
            # (seats, players: more than a seat's render costs) is for the facilitator's.
            status = self.status() if legal_key is None else _STARTED[self.started]
            legal = encode_part(
                legal_for(game, viewer, self.bots, status), old.legal if old is not None else None
            )
        deadline = self.deadline
        head = (
            deadline,
            self.state_hash() if viewer == OMNISCIENT else None,
            self.started,
            None if deadline is not None else self.paused_remaining,
        )
        if old is not None and old.same_as(parts, legal, head):
            return old
        version = self._versions[viewer] = self._versions.get(viewer, 0) + 1
        new = self._views[viewer] = Rendered(
            viewer, self.seq_of(viewer), stamps, version, parts, legal, legal_key, head
        )
        if game.over:  # nothing changes any more: keep the texts, not the game's objects
            new.forget_refs()
            self._texts = SharedTexts()
            self._common = {}
        return new

    def _encode(
        self,
        viewer: str,
        keys: tuple[str, ...],
        stamps: dict[str, int],
        only: list[str],
        before: dict[str, Part],
        shared: SharedTexts | None,
    ) -> dict[str, Part]:
        """``viewer``'s parts, with the keys in ``only`` built and encoded again (see
        :func:`encode_view`), except keys every viewer sees alike (``SAME_FOR_ALL``)
        that another viewer's render already encoded at the same stamp: those are
        shared as they are."""
        common = self._common
        taken: dict[str, Part] = {}
        build = []
        for key in only:
            hit = common.get(key) if key in SAME_FOR_ALL else None
            if hit is not None and hit[0] == stamps.get(KEY_PART[key], 0):
                taken[key] = hit[1]
            else:
                build.append(key)
        # Lists that only grow: the engine gives just the items after those held.
        held = {
            key: len(part.items)
            for key in GROWS_ONLY
            if (part := before.get(key)) is not None and part.items is not None
        }
        fresh = self.game.view_for(viewer, only=build, held=held) if build else {}
        parts = encode_view(
            keys, fresh, {**before, **taken} if taken else before, shared, tails=held
        )
        for key in fresh:
            if key in SAME_FOR_ALL:
                common[key] = (stamps.get(KEY_PART[key], 0), parts[key])
        return parts

    def state_hash(self) -> str:
        """The game's state hash, computed once per action (for omniscient views)."""
        seq = len(self.game.log)
        if self._hash is None or self._hash[0] != seq:
            self._hash = (seq, self.game.state_hash())
        return self._hash[1]

    def view_message(self, viewer: str, request_id: str | int | None = None) -> dict[str, Any]:
        """The ``view`` message for ``viewer`` now, as data."""
        return self.render(viewer).full_message(self.code, request_id)

    def prepare_replay(
        self, viewer: str, month: int, request_id: str | int | None = None
    ) -> Callable[[], dict[str, Any]]:
        """Check ``month`` can be replayed and return a function making the ``replay``
        message (``viewer``'s view at the end of ``month``). The function replays the log
        so far: run it off the event loop. Raises :class:`ProtocolError`
        ``unknown_month`` for a month not over yet."""
        game = self.game
        last = game.month if game.over else game.month - 1
        if month > last:
            raise ProtocolError(
                "unknown_month",
                f"month {month} cannot be replayed yet; months 0..{last} can",
                "month",
            )
        rules, seed, log_, code = self.rules, self.options.seed, list(game.log), self.code

        masks = list(self._masks)
        bit = 1 << self.counted.index(viewer) if viewer in self.counted else None

        def make() -> dict[str, Any]:
            past, at = replay_to(rules, seed, log_, month)
            # The viewer's own seq then (see seq_of): the actions that changed its view.
            seq = at if bit is None else sum(1 for m in masks[:at] if m & bit)
            return {
                "type": "replay",
                "request_id": request_id,
                "room": code,
                "month": month,
                "seq": seq,
                "viewer": viewer,
                "view": past.view_for(viewer),
            }

        return make

    def set_archive(self, opened: bool) -> str:
        """Open (or close) the whole archive to every report of the room once the game
        is over: the room option ``archive``, stored. Returns the new value."""
        value = "open" if opened else "private"
        if self.options.archive != value:
            self.options = self.options.model_copy(update={"archive": value})
            self.store.set_options(self.code, self.options.model_dump())
        return value

    def prepare_report(
        self, viewer: str = OMNISCIENT, opened: bool = False
    ) -> Callable[[], tuple[str, str, str]]:
        """A function making the debrief report of the game so far as ``viewer`` may
        read it (see :mod:`game.report.privacy`; ``opened``: the whole archive for
        anyone): (file name, self-contained HTML, audience scope). Slow: run it off the
        event loop. It raises :class:`ImportError` when :mod:`game.report` is missing."""
        rules, seed, log_ = self.rules, self.options.seed, list(self.game.log)
        ref, title = self.scenario_ref, self.options.name or None
        suffix = "" if viewer == OMNISCIENT or opened else f"-{viewer}"
        filename = f"sixparty-{rules.id}-{self.code}{suffix}.html"

        def make() -> tuple[str, str, str]:
            from game.report import render_debrief
            from game.report.data import debrief_data

            data = debrief_data(
                rules, seed, log_, scenario_ref=ref, title=title, viewer=viewer, opened=opened
            )
            return filename, render_debrief(data), str(data["audience"]["scope"])

        return make

    # ------------------------------------------------------------------ bots
    def _wake_bots(self, new_phase: bool) -> None:
        if self.closed or self.game.over or not self.bots or not self.started:
            return
        game = self.game
        for seat in self.bots:
            if seat in self._bot_busy:
                continue
            if game.phase == "negotiation":
                if seat not in game.ready:
                    self._spawn(seat, self._bot_negotiate(seat))
                elif self._wants_answer(seat):
                    self._spawn(seat, self._bot_answer(seat))
            elif game.phase == "orders" and seat not in game.submitted:
                self._spawn(seat, self._bot_orders(seat))

    def _wants_answer(self, seat: str) -> bool:
        """Whether the bot on ``seat``, ready this month, should think again to answer
        what was put to it since: always when a person proposed or sent it an intent it
        was not yet woken for; for what bots put to it, while its
        :data:`EXTRA_BOT_TURNS` last."""
        game = self.game
        pending = [
            (("proposal", i), game.proposals[i]["proposer"])
            for i in game.legal_actions(seat).get("respond") or ()
        ] + [(("message", m["id"]), m["from"]) for m in pending_intents(game, seat)]
        if not pending:
            return False
        asked = self._bot_asked.setdefault(seat, set())
        from_people = any(key not in asked and by not in self.bots for key, by in pending)
        if not from_people:
            if self._bot_extra.get(seat, 0) >= EXTRA_BOT_TURNS:
                return False
            self._bot_extra[seat] = self._bot_extra.get(seat, 0) + 1
        asked.update(key for key, _ in pending)
        return True

    def _spawn(self, seat: str, coro: Any) -> None:
        # The seat is busy from now, not from the task's first step: every submit and
        # every finished bot task wakes the bots, and a seat still free until its task
        # ran would be handed a second (third...) task meanwhile, each thinking again.
        self._bot_busy.add(seat)
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _think(self, seat: str, method: str, round_no: int) -> Any:
        """Run one bot decision in a worker thread, on a copy of the game."""
        bot = self.bots.get(seat)
        if bot is None:  # handed back to people meanwhile
            return None
        ctx = Context(self.game.copy(), seat, round_no, self._bot_rng[seat])
        fn = getattr(bot, method)
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(
                loop.run_in_executor(self.executor, fn, ctx), self.bot_budget
            )
        except TimeoutError:
            log.warning("room %s: bot %s (%s) timed out", self.code, seat, bot.name)
        except Exception:
            log.exception("room %s: bot %s (%s) failed", self.code, seat, bot.name)
        return None

    def _bot_submit(self, seat: str, action: Any, key: tuple[int, str]) -> bool:
        if self.closed or self.phase_key != key or not isinstance(action, dict):
            return False
        if seat not in self.bots:  # the facilitator took the seat back meanwhile
            return False
        try:
            self.submit({**action, "actor": seat, "month": key[0]})
        except IllegalAction as exc:
            log.info("room %s: bot %s: %s", self.code, seat, exc)
        except StorageFailed:
            return False
        return True

    async def _bot_negotiate(self, seat: str) -> None:
        self._bot_busy.add(seat)
        key = self.phase_key
        try:
            for r in range(self.rules.negotiation.rounds):
                moves = await self._think(seat, "negotiate", r)
                if self.phase_key != key:
                    return
                for move in moves if isinstance(moves, list) else [moves]:
                    self._bot_submit(seat, move, key)
            if seat not in self.game.ready:
                self._bot_submit(seat, {"type": "ready"}, key)
        finally:
            self._bot_busy.discard(seat)
            self._wake_bots(new_phase=False)

    async def _bot_answer(self, seat: str) -> None:
        self._bot_busy.add(seat)
        key = self.phase_key
        try:
            moves = await self._think(seat, "negotiate", self.rules.negotiation.rounds)
            for move in moves if isinstance(moves, list) else [moves]:
                self._bot_submit(seat, move, key)
        finally:
            self._bot_busy.discard(seat)
            self._wake_bots(new_phase=False)

    async def _bot_orders(self, seat: str) -> None:
        self._bot_busy.add(seat)
        key = self.phase_key
        try:
            order = await self._think(seat, "orders", 0)
            if isinstance(order, dict):
                self._bot_submit(seat, {**order, "type": "orders", "final": True}, key)
            if self.phase_key == key and seat not in self.game.submitted:
                self._bot_submit(seat, {"type": "ready"}, key)
        finally:
            self._bot_busy.discard(seat)
            self._wake_bots(new_phase=False)
