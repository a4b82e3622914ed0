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
import marshal
import random
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from game.engine import legal as _legal
from game.engine import resolution as _resolution
from game.engine import scoring as _scoring
from game.engine import view as _view
from game.engine.actions import enter_orders
from game.engine.specs import SPECS, Touch
from game.engine.state import (
    FACILITATOR,
    ID_BLOCK,
    PARTS,
    PHASES,
    PRIVATE_PARTS,
    Action,
    State,
)
from game.errors import IllegalAction
from game.scenario.compile import Rules

__all__ = ["FACILITATOR", "ID_BLOCK", "PARTS", "PHASES", "PRIVATE_PARTS", "Action", "Game"]


def _live_copy(agreement: dict[str, Any]) -> dict[str, Any]:
    """A copy of an agreement in force: its own breaches (and months kept, if sequenced)."""
    clone = {**agreement, "breaches": list(agreement["breaches"])}
    if "kept_months" in agreement:
        clone["kept_months"] = list(agreement["kept_months"])
    return clone


class Game(State):
    """A game of a scenario, from a seed. Pure: no I/O, deterministic given its log.

    The verbs of a game over its :class:`~game.engine.state.State`: :meth:`apply` (one
    way in for every action), :meth:`replay`, :meth:`copy`, the views and the scores.
    """

    def __init__(self, rules: Rules, seed: int = 0) -> None:
        super().__init__(rules, seed)
        _resolution.recompute_pressure(self)
        self.snapshots.append(_resolution.snapshot(self))

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
        clone.__dict__.pop("_frozen_rows", None)  # a search's copies keep no bot memos
        clone.pack_when_over = False
        return clone

    # ------------------------------------------------------------------ actions
    def apply(self, action: Action) -> None:
        """Apply one action, or raise :class:`IllegalAction` and change nothing."""
        kind = action.get("type")
        spec = SPECS.get(kind) if isinstance(kind, str) else None
        if spec is None:
            raise IllegalAction(
                f"unknown action type {kind!r}; expected one of {', '.join(sorted(SPECS))}",
                "unknown_type",
                "type",
            )
        actor = action.get("actor")
        if spec.sender == FACILITATOR:
            if actor != FACILITATOR:
                raise IllegalAction(f"only the facilitator may {kind}", "not_facilitator", "actor")
        elif not isinstance(actor, str) or actor not in self.rules.actors:
            raise IllegalAction(f"unknown actor {actor!r}", "unknown_actor", "actor")
        phase = self.phase
        if phase == "over" and not spec.after_over:
            raise IllegalAction("the game is over", "game_over", "type")
        month = self.month
        spec.handler(self, action)
        log = self.log
        log.append(action)
        # Inlined actions.end_phase_when_done: this runs after every action.
        if not self.paused:
            n = len(self.rules.actor_ids)
            if len(self.ready) == n and self.phase == "negotiation":
                enter_orders(self)
            if len(self.submitted) == n and self.phase == "orders":
                _resolution.resolve_month(self)
        if self.tracking:
            self._stamp(spec.touches, action, phase, month)
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

    def _stamp(
        self, touched: Touch | Callable[[State, Action], Touch] | None, action: Action,
        phase: str, month: int,
    ) -> None:  # fmt: skip
        """Stamp the parts ``action`` (just applied, in ``phase`` of ``month``) changed:
        ``touched`` is its spec's ``touches``."""
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

    def advance(self) -> None:
        """End the current phase now (a timer ran out, or the facilitator said so)."""
        self.apply(
            {"type": "advance", "actor": FACILITATOR, "phase": self.phase, "month": self.month}
        )

    # ------------------------------------------------------------------ queries
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
        return _view.view_keys(self, viewer)

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
        return _view.view_for(self, actor, only, held)

    def view_stamps(self, actor: str) -> dict[str, int]:
        """Each key of ``actor``'s view with a stamp that changes whenever the key's
        value may have changed: a caller keeping an earlier view asks :meth:`view_for`
        for the keys whose stamps moved, and keeps the rest."""
        return _view.view_stamps(self, actor)

    def scores(self) -> dict[str, float]:
        """Each actor's score now (0..100), as if the game ended here."""
        return _scoring.scores(self)

    def outcome(self) -> dict[str, Any] | None:
        """``None`` while playing; at the end, scores, breakdowns, war and deadlines."""
        return _scoring.final_outcome(self)


class _Archived(Game):
    """A finished game whose records are packed (see :meth:`Game._archive`)."""

    if not TYPE_CHECKING:  # a dynamic fallback; the attributes' types are set on Game

        def __getattr__(self, name: str) -> Any:
            # Only called when normal lookup fails: a packed record being read.
            if name in _ARCHIVED and "_packed" in self.__dict__:
                self._unarchive()
                return self.__dict__[name]
            raise AttributeError(f"'Game' object has no attribute {name!r}")


_LEGAL_PARTS = ("phase", "ready", "proposals", "agreements", "unsc")
"""The parts of the state :meth:`Game.legal_actions` reads."""

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
_CACHES = (
    "_noise_cache", "_values_cache", "_orders_cache", "_messages_cache", "_frozen_rows",
)  # fmt: skip
"""Memos kept in a game's ``__dict__`` by :mod:`game.engine.view` (and the bots' frozen
views, :mod:`game.bots.base`); dropped at the end
(the history rows, kept packed, stay: the final views show them again)."""
