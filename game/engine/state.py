"""The state of one game as data: what every rule reads and writes, and nothing else.

:class:`State` holds a game's variables, records and stamps, with the small queries and
guards every rule shares (the phase guards, ids, a proposal's closing). The rules
(:mod:`~game.engine.actions`, :mod:`~game.engine.resolution`, :mod:`~game.engine.view`,
...) import this module; it imports none of them: dependencies run one way, to here.
:class:`game.engine.game.Game` is the front that adds the verbs (``apply``, ``copy``,
``view_for``, ...) on top, importing the rules at the top of its file.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterable
from typing import Any, Final, Generic, TypeVar, overload

from game.engine.records import (
    AGREEMENT_MOVES,
    DRAFT_MOVES,
    PROPOSAL_MOVES,
    AgreementStatus,
    DraftStatus,
    ProposalStatus,
)
from game.engine.tables import tables
from game.errors import IllegalAction
from game.scenario.compile import Rules, memo

Action = dict[str, Any]
T = TypeVar("T")
FACILITATOR: Final = "facilitator"
PHASES = ("negotiation", "orders", "over")
ID_BLOCK = 10**9
"""Ids of private records (messages, proposals) are ``mask * ID_BLOCK + n``: see
:meth:`State._id`."""

PARTS = (
    "phase", "history", "values", "messages", "proposals", "agreements", "unsc", "ready",
    "drafts", "news",
)  # fmt: skip
"""The parts of a game's state :attr:`State.stamps` tracks: ``phase`` (month, phase,
pause, and what changes only between phases: past orders, detections, policy, the
outcome), ``history`` (the monthly values: only when a month is resolved), ``values``
(the variables, hence tension and scores), ``messages``, ``proposals``,
``agreements``, ``unsc`` (Security Council drafts), ``ready`` (who is ready, whose
orders are final), ``drafts`` (this month's draft orders) and ``news``."""
PRIVATE_PARTS = ("messages", "proposals", "agreements", "drafts")
"""The parts of which a change may be seen by only some actors (and the omniscient
view): private messages, proposals and agreements (their parties), draft orders (their
author). See :meth:`State.part_stamps`."""


def _start_of(rules: Rules) -> tuple[dict[str, float], dict[str, dict[str, str]]]:
    """The starting values and policies of a game of ``rules``."""
    values = dict(rules.initial)
    for key, value in rules.initial.items():
        values["initial." + key] = value
    values["month"] = 1.0
    values["months"] = float(rules.turns)
    policy = {a: {lv.id: lv.default[a] for lv in rules.holder_levers[a]} for a in rules.actor_ids}
    return values, policy


_START = memo(_start_of)


class _Records(Generic[T]):
    """A record list of a game (``news``, ``snapshots``, ``revealed``) that resolution
    writes as compact tuples to ``_NAME_pending`` (cheap to make, invisible to the garbage
    collector, which matters when many finished games are kept) and that becomes its
    dicts in ``_NAME`` when first read; ``unpack(game, tuples)`` makes them. Setting the
    attribute replaces the list and drops anything pending."""

    def __init__(
        self, unpack: Callable[[State, list[tuple[Any, ...]]], Iterable[T]], doc: str
    ) -> None:
        self.unpack = unpack
        self.__doc__ = doc
        self.done = self.pending = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.done, self.pending = f"_{name}", f"_{name}_pending"

    @overload
    def __get__(self, game: None, owner: type) -> _Records[T]: ...
    @overload
    def __get__(self, game: State, owner: type | None = None) -> list[T]: ...
    def __get__(self, game: State | None, owner: type | None = None) -> _Records[T] | list[T]:
        if game is None:
            return self
        rows: list[T] = getattr(game, self.done)  # an archived game unpacks it here
        pending = getattr(game, self.pending)
        if pending:
            rows += self.unpack(game, pending)
            setattr(game, self.pending, [])
        return rows

    def __set__(self, game: State, rows: list[T]) -> None:
        setattr(game, self.done, rows)
        setattr(game, self.pending, [])


def news_item(record: tuple[Any, ...]) -> dict[str, Any]:
    """The news dict of a compact record ``(month, kind, text, to, ((key, value), ...))``."""
    month, kind, text, to, more = record
    item = {"month": month, "kind": kind, "text": text, "to": list(to)}
    for key, x in more:
        item[key] = list(x) if isinstance(x, tuple) else x
    return item


def revealed_month(record: tuple[Any, ...]) -> dict[str, Any]:
    """The past-orders dict of a compact record of one month (see step 2 of resolution)."""
    month, orders, covert = record
    return {
        "month": month,
        "orders": {
            a: {
                "levers": {
                    lever: option
                    for lever, option in zip(lever_ids, options, strict=True)
                    if lever not in hidden
                },
                "signals": [{"signal": sid, "target": target} for sid, target in signals],
            }
            for a, lever_ids, options, hidden, signals in orders
        },
        "covert": [
            {"actor": a, "lever": lever, "option": option, "detected_by": list(found_by)}
            for a, lever, option, found_by in covert
        ],
    }


class State:
    """One game's state, from a seed: data and the guards every rule shares. Pure."""

    # Set by Game.track_changes(): per part of the state (see PARTS), the length of the
    # log when an action last changed it (or may have), which lets a view's unchanged
    # keys be skipped. For the parts some changes of which only some actors see
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
        start = _START(rules)  # the starting values and policies, built once per rules
        self.v: dict[str, float] = dict(start[0])
        self.policy: dict[str, dict[str, str]] = {a: dict(p) for a, p in start[1].items()}
        # The records (their shapes: game.engine.records) are typed as plain dicts here
        # until every reader names their record types (resolution, substance, reports).
        self.drafts: dict[str, dict[str, Any]] = {}  # Draft
        self.ready: set[str] = set()
        self.submitted: set[str] = set()
        self.messages: list[dict[str, Any]] = []  # Message
        self.proposals: dict[int, dict[str, Any]] = {}  # Proposal
        self.open_ids: list[int] = []  # ids of open proposals, oldest first
        self.agreements: list[dict[str, Any]] = []  # Agreement
        self.unsc_drafts: list[dict[str, Any]] = []  # UnscDraft
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
        # Pack the records at the end (see Game._archive): for games that are kept.
        # Copies (a search's throwaway games) skip it.
        self.pack_when_over = True
        # The change stamps (``stamps``, ``public_stamps``, ``private_stamps``) exist
        # only once Game.track_changes() is called.
        self.tracking = False

    news = _Records[dict[str, Any]](
        lambda game, rows: map(news_item, rows),
        """Every news item so far, oldest first: ``{"month", "kind", "text", "to", ...}``.""",
    )
    snapshots = _Records[dict[str, float]](
        lambda game, rows: [dict(zip(game.rules.keys, row, strict=True)) for row in rows],
        """Every variable's value at the start and after each resolved month:
        ``snapshots[m]`` is the table after month ``m`` (``snapshots[0]``: the start).""",
    )
    revealed = _Records[dict[str, Any]](
        lambda game, rows: map(revealed_month, rows),
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

    # ------------------------------------------------------------------ records' status
    def close_proposal(self, proposal: dict[str, Any], status: ProposalStatus) -> None:
        """Give an open proposal its final status (accepted, rejected, expired, ...)."""
        _move(PROPOSAL_MOVES, "proposal", proposal, status)
        proposal["status"] = status
        self.open_ids.remove(proposal["id"])

    def answer(self, proposal: dict[str, Any], actor: str, accept: bool) -> None:
        """Record ``actor``'s answer to an open proposal (it stays open: see
        :meth:`close_proposal`)."""
        if proposal["status"] != "open":
            raise ValueError(f"proposal {proposal['id']} is {proposal['status']}: no answers")
        proposal["responses"][actor] = "accept" if accept else "reject"

    def end_agreement(self, agreement: dict[str, Any], status: AgreementStatus) -> None:
        """An agreement in force ends: ``broken`` or ``expired``."""
        _move(AGREEMENT_MOVES, "agreement", agreement, status)
        agreement["status"] = status

    def vote(self, draft: dict[str, Any], member: str, vote: str) -> None:
        """Record a member's vote on an open Security Council draft."""
        if draft["status"] != "open":
            raise ValueError(f"draft {draft['id']} is {draft['status']}: no votes")
        draft["votes"][member] = vote

    def close_draft(self, draft: dict[str, Any], status: DraftStatus) -> None:
        """An open Security Council draft is decided: ``passed``, ``vetoed`` or ``lapsed``."""
        _move(DRAFT_MOVES, "draft", draft, status)
        draft["status"] = status

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
            rank = tables(self.rules).rank
            for a in audience:
                mask |= 1 << rank[a]
        n = self.id_counters.get(mask, 0) + 1  # < ID_BLOCK: a billion is never reached
        self.id_counters[mask] = n
        return mask * ID_BLOCK + n

    # ------------------------------------------------------------------ guards
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

    # ------------------------------------------------------------------ change stamps
    def part_stamps(self, viewer: str) -> dict[str, int]:
        """Each part of the state (:data:`PARTS`) with the length of the log when it last
        changed in a way ``viewer`` (an actor, ``spectator`` or ``omniscient``) can see:
        a private message or a proposal moves only its parties' stamps. Untracked (see
        :meth:`Game.track_changes`), every part is stamped with the log's length."""
        if not self.tracking:
            return dict.fromkeys(PARTS, len(self.log))
        mine = dict(self.stamps)
        if viewer not in self.rules.actors and viewer != "spectator":
            return mine  # the omniscient view sees every change
        private = self.private_stamps.get(viewer)  # the spectator sees no private change
        for part, public in self.public_stamps.items():
            mine[part] = public if private is None else max(public, private[part])
        return mine


def _move(
    moves: dict[str, frozenset[str]],
    what: str,
    record: dict[str, Any],
    status: str,
) -> None:
    """Raise unless a ``what`` record may move from its status to ``status`` (a
    programming error: the rules never ask for a move the record does not allow)."""
    if status not in moves.get(record["status"], ()):
        raise ValueError(f"{what} {record['id']} cannot go from {record['status']} to {status}")
