"""The :class:`Game`: one pure, deterministic game of a scenario.

>>> from game import Game, load_scenario
>>> g = Game(load_scenario("korea-2019"), seed=7)
>>> g.phase, g.month
('negotiation', 1)
>>> g.apply({"type": "message", "actor": "us", "to": [], "text": "Hello, region."})
>>> g.advance(); g.phase
'orders'

Actions are plain dicts with a ``type`` and an ``actor``; every accepted action is
appended to :attr:`Game.log`, and ``Game.replay(rules, seed, log)`` rebuilds the same
game (same :meth:`state_hash`). Illegal actions raise :class:`~game.errors.IllegalAction`
saying why, and change nothing.
"""

from __future__ import annotations

import copy
import hashlib
import json
import marshal
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from game.errors import IllegalAction
from game.scenario.compile import Rules

Action = dict[str, Any]
T = TypeVar("T")
FACILITATOR = "facilitator"
PHASES = ("negotiation", "orders", "over")
ID_BLOCK = 10**9
"""Ids of private records (messages, proposals) are ``mask * ID_BLOCK + n``: see
:meth:`Game._id`."""


class _Records(Generic[T]):
    """A record list of a game (``news``, ``snapshots``, ``revealed``) that resolution
    writes as compact tuples to ``_NAME_pending`` (cheap to make, invisible to the garbage
    collector, which matters when many finished games are kept) and that becomes its
    dicts in ``_NAME`` when first read; ``unpack(game, tuples)`` makes them. Setting the
    attribute replaces the list and drops anything pending."""

    def __init__(
        self, unpack: Callable[[Game, list[tuple[Any, ...]]], Iterable[T]], doc: str
    ) -> None:
        self.unpack = unpack
        self.__doc__ = doc
        self.done = self.pending = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.done, self.pending = f"_{name}", f"_{name}_pending"

    @overload
    def __get__(self, game: None, owner: type) -> _Records[T]: ...
    @overload
    def __get__(self, game: Game, owner: type | None = None) -> list[T]: ...
    def __get__(self, game: Game | None, owner: type | None = None) -> _Records[T] | list[T]:
        if game is None:
            return self
        rows: list[T] = getattr(game, self.done)  # an archived game unpacks it here
        pending = getattr(game, self.pending)
        if pending:
            rows += self.unpack(game, pending)
            setattr(game, self.pending, [])
        return rows

    def __set__(self, game: Game, rows: list[T]) -> None:
        setattr(game, self.done, rows)
        setattr(game, self.pending, [])


def _live_copy(agreement: dict[str, Any]) -> dict[str, Any]:
    """A copy of an agreement in force: its own breaches (and months kept, if sequenced)."""
    clone = {**agreement, "breaches": list(agreement["breaches"])}
    if "kept_months" in agreement:
        clone["kept_months"] = list(agreement["kept_months"])
    return clone


class Game:
    """A game of a scenario, from a seed. Pure: no I/O, deterministic given its log."""

    # Set by track_changes(): per part of the state (see PARTS), the length of the log
    # when an action last changed it (or may have), which lets a view's unchanged keys
    # be skipped. For the parts some changes of which only some actors see
    # (PRIVATE_PARTS): the stamp of the last change everyone sees, and per actor of the
    # last one that actor sees; ``stamps`` itself moves with every change (the
    # omniscient view sees them all).
    stamps: dict[str, int]
    public_stamps: dict[str, int]
    private_stamps: dict[str, dict[str, int]]

    def __init__(self, rules: Rules, seed: int = 0) -> None:
        self.rules = rules
        self.seed = int(seed)
        self.rng = random.Random(self.seed)
        self.month = 1
        self.phase = "negotiation"
        start = rules.cache.get("start")
        if start is None:  # the starting values and policies, built once per rules
            values = dict(rules.initial)
            for key, value in rules.initial.items():
                values["initial." + key] = value
            values["month"] = 1.0
            values["months"] = float(rules.turns)
            policy = {
                a: {lv.id: lv.default[a] for lv in rules.holder_levers[a]} for a in rules.actor_ids
            }
            start = rules.cache["start"] = (values, policy)
        self.v: dict[str, float] = dict(start[0])
        self.policy: dict[str, dict[str, str]] = {a: dict(p) for a, p in start[1].items()}
        self.drafts: dict[str, dict[str, Any]] = {}
        self.ready: set[str] = set()
        self.submitted: set[str] = set()
        self.messages: list[dict[str, Any]] = []
        self.proposals: dict[int, dict[str, Any]] = {}
        self.open_ids: list[int] = []  # ids of open proposals, oldest first
        self.agreements: list[dict[str, Any]] = []
        self.unsc_drafts: list[dict[str, Any]] = []
        # News and past orders are written by resolution as compact tuples (cheap to make,
        # invisible to the garbage collector, which matters when many finished games are
        # kept) and turned into their dicts when first read: see :class:`_Records`.
        self._news: list[dict[str, Any]] = []
        self._news_pending: list[tuple[Any, ...]] = []
        self._revealed: list[dict[str, Any]] = []
        self._revealed_pending: list[tuple[Any, ...]] = []
        self.detections: dict[str, list[dict[str, Any]]] = {a: [] for a in rules.actor_ids}
        # Monthly snapshots, like news: kept as tuples of values (in ``rules.keys``
        # order) until first read, then as dicts (see the ``snapshots`` property).
        self._snapshots: list[dict[str, float]] = []
        self._snapshots_pending: list[tuple[float, ...]] = []
        self.fired: set[str] = set()
        self.scratch_keys: list[str] = []  # this month's chose.*/signal.* entries
        self.deal_keys: list[str] = []  # deal.*/deals.ACTOR entries of agreements in force
        self.log: list[Action] = []
        # Ids: one counter per audience (see :meth:`_id`), so that an id tells nobody
        # how much private business went on among others.
        self.id_counters: dict[int, int] = {}
        self.secret: dict[str, list[str]] = {}
        for a in rules.actor_ids:
            pool = [o.id for o in rules.secret_pool.get(a, ())]
            k = min(rules.secret_dealt, len(pool))
            self.secret[a] = sorted(self.rng.sample(pool, k)) if k else []
        self.paused = False
        # Pack the records at the end (see _archive): for games that are kept. Copies
        # (a search's throwaway games) skip it.
        self.pack_when_over = True
        # The change stamps (``stamps``, ``public_stamps``, ``private_stamps``) exist
        # only once track_changes() is called.
        self.tracking = False
        _resolution.recompute_pressure(self)
        self.snapshots.append(self._snapshot())

    # ------------------------------------------------------------------ basics
    @classmethod
    def replay(cls, rules: Rules, seed: int, log: Iterable[Action]) -> Game:
        """Rebuild a game by applying every action of ``log`` in order."""
        game = cls(rules, seed)
        for action in log:
            game.apply(action)
        return game

    def copy(self) -> Game:
        """An independent copy (for search); shares the immutable rules."""
        self._unarchive()
        clone = copy.copy(self)
        clone.rng = random.Random()
        clone.rng.setstate(self.rng.getstate())
        clone.v = dict(self.v)
        clone.policy = {a: dict(p) for a, p in self.policy.items()}
        # What can still change is copied, what cannot is shared (the dicts of closed
        # proposals, of agreements no longer in force, of Security Council drafts voted
        # on): a search that copies the game thousands of times spent most of its time
        # deep-copying records that never change again.
        clone.drafts = {a: {**d, "levers": dict(d["levers"])} for a, d in self.drafts.items()}
        clone.ready = set(self.ready)
        clone.submitted = set(self.submitted)
        clone.messages = list(self.messages)
        clone.proposals = dict(self.proposals)
        for pid in self.open_ids:  # only open proposals take responses and a status
            p = self.proposals[pid]
            clone.proposals[pid] = {**p, "responses": dict(p["responses"])}
        clone.open_ids = list(self.open_ids)
        clone.agreements = [  # only agreements in force take breaches and a status
            _live_copy(a) if a["status"] == "active" else a for a in self.agreements
        ]
        clone.unsc_drafts = [  # only open drafts take votes and a status
            {**d, "votes": dict(d["votes"])} if d["status"] == "open" else d
            for d in self.unsc_drafts
        ]
        clone._news = list(self._news)
        clone._news_pending = list(self._news_pending)
        clone._revealed = list(self._revealed)
        clone._revealed_pending = list(self._revealed_pending)
        clone.detections = {a: list(d) for a, d in self.detections.items()}
        clone.snapshots = list(self.snapshots)  # the same dicts: view memos stay valid
        clone.fired = set(self.fired)
        clone.scratch_keys = list(self.scratch_keys)
        clone.deal_keys = list(self.deal_keys)
        clone.log = list(self.log)
        clone.secret = dict(self.secret)
        clone.id_counters = dict(self.id_counters)
        if self.tracking:
            clone.stamps = dict(self.stamps)
            clone.public_stamps = dict(self.public_stamps)
            clone.private_stamps = {a: dict(p) for a, p in self.private_stamps.items()}
        clone.__dict__.pop("_messages_cache", None)  # memos of this game's own list
        clone.pack_when_over = False
        return clone

    news = _Records[dict[str, Any]](
        lambda game, rows: map(_resolution.news_item, rows),
        """Every news item so far, oldest first: ``{"month", "kind", "text", "to", ...}``.""",
    )
    snapshots = _Records[dict[str, float]](
        lambda game, rows: [dict(zip(game.rules.keys, row, strict=True)) for row in rows],
        """Every variable's value at the start and after each resolved month:
        ``snapshots[m]`` is the table after month ``m`` (``snapshots[0]``: the start).""",
    )
    revealed = _Records[dict[str, Any]](
        lambda game, rows: map(_resolution.revealed_month, rows),
        """Each resolved month's orders: ``{"month", "orders": {actor: {"levers",
        "signals"}}, "covert": [{"actor", "lever", "option", "detected_by"}]}``.""",
    )

    @property
    def over(self) -> bool:
        """True once the last month is resolved or war broke out."""
        return self.phase == "over"

    @property
    def month_label(self) -> str:
        """The current month's label, e.g. 'April 2019'."""
        return self.rules.months[min(self.month, self.rules.turns) - 1]

    def _snapshot(self) -> dict[str, float]:
        return _resolution.snapshot(self)

    def state(self) -> dict[str, Any]:
        """The whole state as plain JSON-able data (omniscient)."""
        return {
            "scenario": self.rules.id,
            "seed": self.seed,
            "month": self.month,
            "phase": self.phase,
            "values": self.v,
            "policy": self.policy,
            "drafts": self.drafts,
            "ready": sorted(self.ready),
            "submitted": sorted(self.submitted),
            "messages": self.messages,
            "proposals": [self.proposals[k] for k in sorted(self.proposals)],
            "agreements": self.agreements,
            "unsc_drafts": self.unsc_drafts,
            "news": self.news,
            "revealed": self.revealed,
            "detections": self.detections,
            "fired": sorted(self.fired),
            "secret": self.secret,
            "rng": self.rng.getstate()[1][:8],
        }

    def state_hash(self) -> str:
        """A SHA-256 of the canonical state: equal for equal games, always."""
        text = json.dumps(self.state(), sort_keys=True, separators=(",", ":"), default=sorted)
        return hashlib.sha256(text.encode()).hexdigest()

    def close_proposal(self, proposal: dict[str, Any], status: str) -> None:
        """Give an open proposal its final status (accepted, rejected, expired, ...)."""
        proposal["status"] = status
        self.open_ids.remove(proposal["id"])

    def _id(self, audience: Iterable[str] = ()) -> int:
        """A new id for a record seen by ``audience`` (actor ids; empty for public ones).

        Each audience (the set of actors who see the record: a message's sender and
        addressees, a proposal's parties; nobody in particular for public records) counts
        on its own counter. A public record's id is its number ``n`` (1, 2, 3, ...); a
        private one's is ``mask * ID_BLOCK + n``, ``mask`` having one bit per actor of the
        audience (in the scenario's order). So ids are unique in the game and increase
        within one conversation, while no id counts records its viewer is not party to."""
        mask = 0
        if audience:
            rank = _actions._tables(self.rules).rank
            for a in audience:
                mask |= 1 << rank[a]
        n = self.id_counters.get(mask, 0) + 1  # < ID_BLOCK: a billion is never reached
        self.id_counters[mask] = n
        return mask * ID_BLOCK + n

    # ------------------------------------------------------------------ actions
    def apply(self, action: Action) -> None:
        """Apply one action, or raise :class:`IllegalAction` and change nothing."""
        kind = action.get("type")
        handler = _HANDLERS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            raise IllegalAction(
                f"unknown action type {kind!r}; expected one of {', '.join(sorted(_HANDLERS))}",
                "unknown_type",
                "type",
            )
        actor = action.get("actor")
        if kind in _FACILITATOR_ONLY:
            if actor != FACILITATOR:
                raise IllegalAction(f"only the facilitator may {kind}", "not_facilitator", "actor")
        elif not isinstance(actor, str) or actor not in self.rules.actors:
            raise IllegalAction(f"unknown actor {actor!r}", "unknown_actor", "actor")
        phase = self.phase
        if phase == "over" and kind != "note":
            raise IllegalAction("the game is over", "game_over", "type")
        month = self.month
        handler(self, action)
        log = self.log
        log.append(action)
        # Inlined _maybe_advance: this runs after every action.
        if not self.paused:
            n = len(self.rules.actor_ids)
            if len(self.ready) == n and self.phase == "negotiation":
                self._enter_orders()
            if len(self.submitted) == n and self.phase == "orders":
                self._resolve()
        if self.tracking:
            self._stamp(kind, action, phase, month)  # type: ignore[arg-type]  # a str
        if self.phase == "over" and self.pack_when_over:
            self._archive()

    # ------------------------------------------------------------------ change stamps
    def track_changes(self) -> None:
        """Keep the stamps of :meth:`part_stamps` up to date with every action from now
        on: what lets a server rebuild only the view keys an action changed. Off by
        default, so that games only played or replayed (bots, tournaments) skip the
        bookkeeping; untracked, every part counts as changed by every action."""
        self.private_stamps = {a: dict.fromkeys(PRIVATE_PARTS, 0) for a in self.rules.actor_ids}
        self._stamp_all(len(self.log))
        self.tracking = True

    def _stamp_all(self, seq: int) -> None:
        """Stamp every part as changed, for everyone, by the ``seq``-th action (a public
        stamp at ``seq`` outweighs every earlier private one)."""
        self.stamps = dict.fromkeys(PARTS, seq)
        self.public_stamps = dict.fromkeys(PRIVATE_PARTS, seq)

    def _stamp(self, kind: str, action: Action, phase: str, month: int) -> None:
        """Stamp the parts ``action`` (just applied, in ``phase`` of ``month``) changed."""
        touched = _TOUCHES.get(kind)
        seq = len(self.log)
        if touched is None or self.month != month or self.phase == "over":
            self._stamp_all(seq)
            return
        if not isinstance(touched, tuple):
            touched = touched(self, action)
        stamps = self.stamps
        public, private, audience = touched
        for part in public:
            stamps[part] = seq
            if part in PRIVATE_PARTS:
                self.public_stamps[part] = seq
        if private:
            seen = self.private_stamps
            for who in audience:
                mine = seen[who]
                for part in private:
                    mine[part] = seq
            for part in private:
                stamps[part] = seq
        if self.phase != phase:  # into orders: a new phase, nobody ready or done yet
            stamps["phase"] = stamps["ready"] = seq

    # ------------------------------------------------------------------ finished games
    def _archive(self) -> None:
        """Keep a finished game's growing records (log, messages, proposals, ...) packed.

        Programs often keep many finished games (tournaments, analyses, a server's
        rooms); as live dicts and lists their records are thousands of objects the
        garbage collector rescans at every full collection. Packed (``marshal``, which
        keeps values, types, order and shared references exactly) they are one bytes
        object; they come back, equal, on first use. A packed game is an instance of
        :class:`_Archived` (a ``Game`` whose missing attributes unpack the records), so
        that the ``Game`` class itself has no ``__getattr__``, which would slow every
        attribute access of live games. Records holding anything ``marshal`` cannot pack,
        and games of subclasses, stay as they are.
        """
        d = self.__dict__
        for name in _CACHES:  # view_for's memos: rebuilt if ever needed again
            d.pop(name, None)
        if "_packed" in d or type(self) is not Game:
            return
        try:
            packed = marshal.dumps(tuple(d[name] for name in _ARCHIVED))
        except (ValueError, KeyError):
            return
        for name in _ARCHIVED:
            del d[name]
        d["_packed"] = packed
        self.__class__ = _Archived

    def _unarchive(self) -> None:
        """Unpack the records :meth:`_archive` packed (attributes set since then are kept)."""
        d = self.__dict__
        packed = d.pop("_packed", None)
        if packed is not None:
            for name, value in zip(_ARCHIVED, marshal.loads(packed), strict=True):
                d.setdefault(name, value)
        if type(self) is _Archived:
            self.__class__ = Game  # type: ignore[assignment]  # back to a live game

    def _maybe_advance(self) -> None:
        if self.paused:
            return
        actors = self.rules.actor_ids
        if self.phase == "negotiation" and len(self.ready) == len(actors):
            self._enter_orders()
        if self.phase == "orders" and len(self.submitted) == len(actors):
            self._resolve()

    def advance(self) -> None:
        """End the current phase now (a timer ran out, or the facilitator said so)."""
        self.apply(
            {"type": "advance", "actor": FACILITATOR, "phase": self.phase, "month": self.month}
        )

    def _enter_orders(self) -> None:
        self.phase = "orders"
        self.submitted = set()
        self.ready = set()

    def _resolve(self) -> None:
        _resolution.resolve_month(self)

    # ------------------------------------------------------------------ queries
    def guard_phase(self, action: Action) -> None:
        """Raise ``stale`` when the action names a ``phase`` that is no longer current (a
        ``ready`` or ``advance`` sent just before the phase changed)."""
        meant = action.get("phase")
        if meant is not None and meant != self.phase:
            raise IllegalAction(
                f"this '{action['type']}' is for the {meant} phase, but the game is in the "
                f"{self.phase} phase of {self.month_label}",
                "stale",
                "phase",
            )

    def need(self, phase: str, action: Action) -> None:
        """Raise unless the game is in ``phase`` (and the action names this month)."""
        if self.phase != phase:
            raise IllegalAction(
                f"'{action['type']}' belongs to the {phase} phase, but the game is in the "
                f"{self.phase} phase of {self.month_label}",
                "wrong_phase",
                "type",
            )
        self.guard_month(action)

    def guard_month(self, action: Action) -> None:
        """Raise ``stale`` when the action names a ``month`` that is not the current one
        (sent before the month ended)."""
        month = action.get("month")
        if month is not None and month != self.month:
            raise IllegalAction(
                f"this action is for month {month}, but the game is in month "
                f"{self.month} ({self.month_label})",
                "stale",
                "month",
            )

    def legal_actions(self, actor: str) -> dict[str, Any]:
        """What ``actor`` may do now, as an action space.

        Keys: ``types`` (action types allowed now), ``levers`` (lever -> option ids),
        ``signals`` (signal -> allowed addressees, [] when none), ``respond`` (open
        proposal ids awaiting this actor), ``withdraw`` (own open proposals),
        ``unsc_vote`` (open draft ids), ``unsc_sectors``, ``partners`` (other actors),
        ``stand_up`` (talks partners this month).
        """
        return _legal.legal_actions(self, actor)

    def legal_stamp(self, actor: str | None = None) -> tuple[int, ...]:
        """A stamp that changes whenever ``actor``'s :meth:`legal_actions` may have
        changed (the stamps of the parts of the state they depend on, as ``actor`` sees
        them); without ``actor``, whenever any actor's may have."""
        stamps = self.part_stamps(actor if actor is not None else "omniscient")
        return tuple([stamps[part] for part in _LEGAL_PARTS])

    def view_keys(self, viewer: str) -> tuple[str, ...]:
        """The keys of ``viewer``'s view now, in order; each shows one part of the state
        (``game.engine.view.KEY_PART``), and moves only when :meth:`part_stamps` says
        that part did (this is what :meth:`view_stamps` spells out per key)."""
        from game.engine.view import view_keys

        return view_keys(self, viewer)

    def part_stamps(self, viewer: str) -> dict[str, int]:
        """Each part of the state (:data:`PARTS`) with the length of the log when it last
        changed in a way ``viewer`` (an actor, ``spectator`` or ``omniscient``) can see:
        a private message or a proposal moves only its parties' stamps. Untracked (see
        :meth:`track_changes`), every part is stamped with the log's length."""
        if not self.tracking:
            return dict.fromkeys(PARTS, len(self.log))
        mine = dict(self.stamps)
        if viewer not in self.rules.actors and viewer != "spectator":
            return mine  # the omniscient view sees every change
        private = self.private_stamps.get(viewer)  # the spectator sees no private change
        for part, public in self.public_stamps.items():
            mine[part] = public if private is None else max(public, private[part])
        return mine

    def view_for(
        self,
        actor: str,
        only: Iterable[str] | None = None,
        held: Mapping[str, int] | None = None,
    ) -> dict[str, Any]:
        """What ``actor`` knows: the one choke point for hidden information.

        ``actor`` may also be ``"spectator"`` (public only) or ``"omniscient"``. With
        ``only``, just those keys of the view (see :meth:`view_stamps`); with ``held``
        (key -> count, for lists that only grow: ``game.engine.view.GROWS_ONLY``), just
        the items of those keys after the ones the caller holds.
        """
        from game.engine.view import view_for

        return view_for(self, actor, only, held)

    def view_stamps(self, actor: str) -> dict[str, int]:
        """Each key of ``actor``'s view with a stamp that changes whenever the key's
        value may have changed: a caller keeping an earlier view asks :meth:`view_for`
        for the keys whose stamps moved, and keeps the rest."""
        from game.engine.view import view_stamps

        return view_stamps(self, actor)

    def scores(self) -> dict[str, float]:
        """Each actor's score now (0..100), as if the game ended here."""
        from game.engine.scoring import scores

        return scores(self)

    def outcome(self) -> dict[str, Any] | None:
        """``None`` while playing; at the end, scores, breakdowns, war and deadlines."""
        if not self.over:
            return None
        memo = self.__dict__.get("_outcome")
        if memo is None:  # a finished game no longer changes: computed once
            from game.engine.scoring import outcome

            memo = self.__dict__["_outcome"] = outcome(self)
        return memo


class _Archived(Game):
    """A finished game whose records are packed (see :meth:`Game._archive`)."""

    if not TYPE_CHECKING:  # a dynamic fallback; the attributes' types are set on Game

        def __getattr__(self, name: str) -> Any:
            # Only called when normal lookup fails: a packed record being read.
            if name in _ARCHIVED and "_packed" in self.__dict__:
                self._unarchive()
                return self.__dict__[name]
            raise AttributeError(f"'Game' object has no attribute {name!r}")


PARTS = (
    "phase", "history", "values", "messages", "proposals", "agreements", "unsc", "ready",
    "drafts", "news",
)  # fmt: skip
"""The parts of a game's state :attr:`Game.stamps` tracks: ``phase`` (month, phase,
pause, and what changes only between phases: past orders, detections, policy, the
outcome), ``history`` (the monthly values: only when a month is resolved), ``values``
(the variables, hence tension and scores), ``messages``, ``proposals``,
``agreements``, ``unsc`` (Security Council drafts), ``ready`` (who is ready, whose
orders are final), ``drafts`` (this month's draft orders) and ``news``."""
PRIVATE_PARTS = ("messages", "proposals", "agreements", "drafts")
"""The parts of which a change may be seen by only some actors (and the omniscient
view): private messages, proposals and agreements (their parties), draft orders (their
author). See :meth:`Game.part_stamps`."""

Touch = tuple[tuple[str, ...], tuple[str, ...], Sequence[str]]
"""What an action changed: parts everyone sees change, parts only an audience sees
change, and that audience (actors)."""


def _touch_message(game: Game, action: Action) -> Touch:
    to = action.get("to")
    if not to:
        return (("messages",), (), ())
    return ((), ("messages",), (action["actor"], *to))


def _touch_propose(game: Game, action: Action) -> Touch:
    parties = game.proposals[game.open_ids[-1]]["parties"]  # the new proposal's
    counter = action.get("counter_to")
    if counter is not None:  # the countered proposal closed: its parties see that too
        parties = [*parties, *game.proposals[counter]["parties"]]
    return ((), ("proposals",), parties)


def _touch_respond(game: Game, action: Action) -> Touch:
    prop = game.proposals[action["proposal"]]
    if prop["status"] == "accepted":  # an agreement: deals move values everyone sees
        return (("values",), ("proposals", "agreements"), prop["parties"])
    return ((), ("proposals",), prop["parties"])


def _touch_withdraw(game: Game, action: Action) -> Touch:
    return ((), ("proposals",), game.proposals[action["proposal"]]["parties"])


def _touch_orders(game: Game, action: Action) -> Touch:
    return (("ready",), ("drafts",), (action["actor"],))


_TOUCHES: dict[str, Touch | Callable[[Game, Action], Touch]] = {
    "message": _touch_message,
    "propose": _touch_propose,
    "respond": _touch_respond,
    "withdraw": _touch_withdraw,
    "unsc_draft": (("unsc",), (), ()),
    "unsc_vote": (("unsc",), (), ()),
    "orders": _touch_orders,
    "ready": (("ready",), (), ()),
}
"""What each player action changed (a :data:`Touch`, or a function of the game after
the action and the action that gives one). Any other action (the facilitator's
controls), and any action that ends a phase, counts as changing every part for
everyone."""
_LEGAL_PARTS = ("phase", "ready", "proposals", "agreements", "unsc")
"""The parts of the state :meth:`Game.legal_actions` reads."""

_FACILITATOR_ONLY = frozenset({"advance", "pause", "resume", "inject", "announce", "end"})
_ARCHIVED = (
    "log",
    "messages",
    "proposals",
    "agreements",
    "unsc_drafts",
    "detections",
    "_news",
    "_revealed",
)
"""The records a finished game keeps packed (see :meth:`Game._archive`)."""
_CACHES = ("_noise_cache", "_values_cache", "_orders_cache", "_messages_cache")
"""Memos kept in a game's ``__dict__`` by :mod:`game.engine.view`; dropped at the end
(the history rows, kept packed, stay: the final views show them again)."""

from game.engine import actions as _actions  # noqa: E402  (handlers need Game defined)
from game.engine import legal as _legal  # noqa: E402
from game.engine import resolution as _resolution  # noqa: E402

_HANDLERS: dict[str, Any] = {
    "message": _actions.message,
    "propose": _actions.propose,
    "respond": _actions.respond,
    "withdraw": _actions.withdraw,
    "unsc_draft": _actions.unsc_draft,
    "unsc_vote": _actions.unsc_vote,
    "orders": _actions.orders,
    "ready": _actions.ready,
    "advance": _actions.advance,
    "pause": _actions.pause,
    "resume": _actions.resume,
    "inject": _actions.inject,
    "announce": _actions.announce,
    "end": _actions.end,
}

from game.engine import facilitation as _facilitation  # noqa: E402

_HANDLERS.update(_facilitation.HANDLERS)  # classroom controls (start, extend, seat, ...)
_FACILITATOR_ONLY = _FACILITATOR_ONLY | _facilitation.TYPES
