"""The bot interface: a bot sees only its actor's view and the legal actions.

A new bot is one class in one file::

    from game.bots.base import Bot, Context

    class Stubborn(Bot):
        name = "stubborn"

        def negotiate(self, ctx: Context) -> list[dict]:
            return []                     # says nothing, accepts nothing

        def orders(self, ctx: Context) -> dict:
            return {"levers": {}}         # keeps last month's policy

Register it in :data:`game.bots.BOTS` (or pass an instance to the runner).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from game.engine.readonly import ReadOnlyDict, ReadOnlyList, frozen
from game.engine.substance import (
    acceptance_problem,
    contradiction,
    contradicts,
    forbidden_signals,
)

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.compile import Rules

Action = dict[str, Any]


def pending_intents(game: Game, actor: str) -> list[dict[str, Any]]:
    """This month's messages to ``actor`` that carry an intent and that ``actor`` has not
    answered yet (sent nothing to their sender since), oldest first."""
    month = game.month
    out: list[dict[str, Any]] = []
    for m in game.messages:
        if m["month"] < month:
            continue
        if m["from"] == actor:
            out = [x for x in out if x["from"] not in m["to"]]
        elif "intent" in m and actor in m["to"]:
            out.append(m)
    return out


_SETTLED_ROWS = frozenset({"history", "orders", "news"})
"""View keys whose items, once listed, never change (a resolved month's values and
orders, a news item): each is frozen once per game and viewer, and shared by later views."""


def _frozen_view(game: Game, viewer: str, view: dict[str, Any]) -> ReadOnlyDict:
    """A read-only copy of ``view`` (see :mod:`game.engine.readonly`), reusing the frozen
    copies of the settled rows made for earlier views of this game: one memo entry per
    (key, viewer, row), checked by the row's identity or, for rows a view builds afresh
    (the history), its value. The memo is dropped with the game's view memos at the end."""
    memo: dict[tuple[str, str, int], tuple[Any, Any]]
    memo = game.__dict__.setdefault("_frozen_rows", {})
    out: dict[str, Any] = {}
    for key, value in view.items():
        if key in _SETTLED_ROWS:
            rows = []
            for i, row in enumerate(value):
                hit = memo.get((key, viewer, i))
                if hit is None or (hit[0] is not row and hit[0] != row):
                    hit = memo[(key, viewer, i)] = (row, frozen(row))
                rows.append(hit[1])
            out[key] = ReadOnlyList(rows)
        else:
            out[key] = frozen(value)
    return ReadOnlyDict(out)


def _frozen_row(game: Game, kind: str, row: dict[str, Any]) -> Any:
    """A read-only copy of a record the game changes in place (an agreement: its status,
    breaches, kept months), shared by every context while the record compares equal to
    it (a C-level comparison, cheaper than copying again). The memo is the game's frozen
    rows memo (:func:`_frozen_view`'s, keyed apart), dropped with it."""
    memo: dict[Any, Any] = game.__dict__.setdefault("_frozen_rows", {})
    key = (kind, row["id"])
    hit = memo.get(key)
    if hit is None or hit != row:
        hit = memo[key] = frozen(row)
    return hit


class Context:
    """What a bot may look at when it decides: its view, its legal actions, the rules.

    ``view`` and ``legal`` are computed on first use, so a bot that needs neither
    costs nothing. Nothing a context hands out writes back into the game: the view and
    the records (:meth:`open_proposals`, :meth:`agreements`, :meth:`unsc_drafts`) are
    read-only copies (:mod:`game.engine.readonly`: changing them raises ``TypeError``),
    ``legal`` and ``policy`` fresh dicts whose shared parts are read-only.
    """

    # A context is made for every decision of every bot: slots make that cheap.
    __slots__ = (
        "_game",
        "actor",
        "round",
        "rng",
        "rules",
        "month",
        "phase",
        "_view",
        "_legal",
        "_ags",
    )

    def __init__(self, game: Game, actor: str, round_no: int, rng: random.Random) -> None:
        self._game = game
        self.actor = actor
        self.round = round_no
        self.rng = rng
        self.rules: Rules = game.rules
        self.month = game.month
        self.phase = game.phase
        self._view: ReadOnlyDict | None = None
        self._legal: dict[str, Any] | None = None
        # Frozen agreements, by ``active_only``: a context serves one decision, during
        # which the game does not change, so they are copied once.
        self._ags: dict[bool, list[dict[str, Any]]] = {}

    @property
    def view(self) -> ReadOnlyDict:
        """``view_for(actor)``: everything this actor knows (computed once; read-only)."""
        if self._view is None:
            self._view = _frozen_view(self._game, self.actor, self._game.view_for(self.actor))
        return self._view

    @property
    def legal(self) -> dict[str, Any]:
        """``legal_actions(actor)``: what this actor may do now (computed once)."""
        if self._legal is None:
            self._legal = self._game.legal_actions(self.actor)
        return self._legal

    def open_proposals(self) -> list[dict[str, Any]]:
        """Open proposals awaiting this actor's answer (cheap: no full view needed;
        read-only)."""
        game = self._game
        return [
            frozen(p)
            for p in game.proposals.values()  # oldest first
            if p["status"] == "open"
            and self.actor in p["parties"]
            and self.actor not in p["responses"]
        ]

    def unsc_drafts(self, open_only: bool = True) -> list[dict[str, Any]]:
        """Security Council drafts (public), by default only those still open (read-only)."""
        return [frozen(d) for d in self._game.unsc_drafts if not open_only or d["status"] == "open"]

    @property
    def policy(self) -> dict[str, str]:
        """This actor's own levers as they stand (lever -> option); a copy."""
        return dict(self._game.policy[self.actor])

    def can_accept(
        self,
        proposal_id: int,
        also: list[dict[str, Any]] = (),  # type: ignore[assignment]
    ) -> bool:
        """False if accepting the proposal would be refused because a term contradicts an
        agreement in force (see :func:`game.engine.substance.acceptance_problem`), or
        contradicts one of ``also``: terms of proposals this bot is accepting now."""
        game = self._game
        prop = game.proposals[proposal_id]
        rules = game.rules
        if also and any(contradicts(rules, c, x) for c in prop["commitments"] for x in also):
            return False
        if not game.v.get("deals"):  # no agreement in force
            return True
        return acceptance_problem(game, self.actor, prop) is None

    def proposal_problem(
        self,
        commitments: list[dict[str, Any]],
        also: list[dict[str, Any]] = (),  # type: ignore[assignment]
    ) -> str | None:
        """Why a proposal of ``commitments`` by this actor would be refused as a
        contradiction (within itself, or against an agreement in force this actor is party
        to), or None. Terms take the engine's defaults (``exactly``, from this month).
        ``also``: terms about to be in force (of proposals this bot is accepting now)."""
        game = self._game
        if not also and len(commitments) < 2 and not game.v.get("deals"):
            return None  # nothing it could contradict
        month = game.month
        terms: list[dict[str, Any]] = []
        for i, c in enumerate(commitments):
            term = {"compare": "exactly", "start": month, "months": 3, **c}
            problem = contradiction(
                game, term, [*also, *terms], f"commitments.{i}", self.actor, True
            )
            if problem:
                return problem
            terms.append(term)
        return None

    def agreements(self, active_only: bool = True) -> list[dict[str, Any]]:
        """Agreements this actor is party to (as in its view), by default only active ones.

        Each breach listed has ``observed``; a bot should only react to observed ones.
        Read-only copies (made once per context).
        """
        got = self._ags.get(active_only)
        if got is None:
            got = self._ags[active_only] = [
                _frozen_row(self._game, "agreement", a) for a in self._agreements(active_only)
            ]
        return list(got)

    def _agreements(self, active_only: bool = True) -> list[dict[str, Any]]:
        """:meth:`agreements` as the game holds them, for this class's own reading."""
        return [
            a
            for a in self._game.agreements
            if self.actor in a["parties"] and (not active_only or a["status"] == "active")
        ]

    def commitments_now(self) -> dict[str, str]:
        """What this actor promised for the current month: lever -> option (``exactly``
        commitments only; ``at_most``/``at_least`` ones are in :meth:`agreements`)."""
        out: dict[str, str] = {}
        month = self.month
        for ag in self._agreements():
            for c in ag["commitments"]:
                if (
                    "lever" in c
                    and c["actor"] == self.actor
                    and c["start"] <= month < c["start"] + c["months"]
                ):
                    out[c["lever"]] = c["option"]
        return out

    def signals_ruled_out(self) -> frozenset[str]:
        """The signals this actor promised not to send this month (moratorium terms of its
        agreements in force)."""
        out: frozenset[str] = frozenset()
        month = self.month
        for ag in self._agreements():
            for c in ag["commitments"]:
                if (
                    c.get("kind") == "signals"
                    and c["actor"] == self.actor
                    and c["start"] <= month < c["start"] + c["months"]
                ):
                    out |= forbidden_signals(self.rules, c)
        return out

    def observed_breaches(self) -> dict[str, int]:
        """How many observed breaches each other actor committed in deals with this actor."""
        out: dict[str, int] = {}
        for ag in self._agreements(active_only=False):
            for b in ag["breaches"]:
                if b["observed"] and b["actor"] != self.actor:
                    out[b["actor"]] = out.get(b["actor"], 0) + 1
        return out

    def value(self, key: str) -> float | None:
        """One variable as this actor sees it: exact if public or its own, the middle of
        its estimated range if estimated, ``None`` if hidden. Cheaper than ``view``."""
        from game.engine.view import _estimate

        game = self._game
        vis, owner, _ = self.rules.visibility[key]
        if vis == "public" or owner == self.actor:
            return game.v[key]
        if vis == "private":
            return None
        shown = _estimate(game, self.actor, key, game.month, game.v[key])
        return (shown["low"] + shown["high"]) / 2.0

    def secret(self) -> tuple[str, ...]:
        """The ids of this actor's own secret objectives (dealt at the start)."""
        return tuple(self._game.secret.get(self.actor, ()))

    def inbox(self, since_month: int | None = None) -> list[dict[str, Any]]:
        """Messages others sent this actor directly (private or group, not public), this
        month by default, oldest first. Cheap: no full view needed."""
        month = self.month if since_month is None else since_month
        me = self.actor
        return [
            frozen(m)
            for m in self._game.messages
            if m["month"] >= month and m["from"] != me and me in m["to"]
        ]

    def pending_intents(self) -> list[dict[str, Any]]:
        """Intents sent to this actor this month that it has not answered yet (read-only
        copies)."""
        return [frozen(m) for m in pending_intents(self._game, self.actor)]

    def outbox(self) -> list[dict[str, Any]]:
        """Messages this actor sent this month, oldest first (read-only copies)."""
        me, month = self.actor, self.month
        return [frozen(m) for m in self._game.messages if m["month"] >= month and m["from"] == me]

    def last_orders(self) -> dict[str, dict[str, Any]]:
        """Last month's orders of every actor as this actor saw them (public levers and
        signals, plus covert levers it detected); ``{}`` in the first month."""
        game = self._game
        if not game.revealed:
            return {}
        r = game.revealed[-1]
        orders: dict[str, dict[str, Any]] = {
            a: {"levers": dict(o["levers"]), "signals": list(o["signals"])}
            for a, o in r["orders"].items()
        }
        for c in r["covert"]:
            if self.actor == c["actor"] or self.actor in c["detected_by"]:
                orders[c["actor"]]["levers"][c["lever"]] = c["option"]
        return orders

    def sample_game(self, rng: random.Random | None = None) -> Game:
        """A copy of the game consistent with this actor's view, for search.

        Values the actor cannot see are replaced by draws inside its estimated ranges
        (or by their starting values when it has no estimate); others' drafts, the
        proposals, agreements and messages it is not party to, others' detections and
        undetected covert choices, and others' secret objectives are replaced or dropped.
        The real hidden state never leaks into the copy.
        """
        from game.engine.resolution import refresh_deal_flags
        from game.engine.view import visible_values

        rng = rng or self.rng
        game = self._game
        me = self.actor
        clone = game.copy()
        seen = visible_values(game, me, game.v, game.month)
        for key in self.rules.keys:
            shown = seen.get(key)
            if isinstance(shown, dict):
                clone.v[key] = rng.uniform(shown["low"], shown["high"])
            elif shown is None:
                clone.v[key] = self.rules.initial[key]
        clone.drafts = {a: d for a, d in clone.drafts.items() if a == me}
        # Others' levers: what this actor saw them choose last, else the scenario default.
        seen_orders = self.last_orders()
        for other in self.rules.actor_ids:
            if other == me:
                continue
            known = seen_orders.get(other, {}).get("levers", {})
            clone.policy[other] = {
                lv.id: known.get(lv.id, lv.default[other]) for lv in self.rules.holder_levers[other]
            }
        clone.proposals = {k: p for k, p in clone.proposals.items() if me in p["parties"]}
        if hasattr(clone, "open_ids"):
            clone.open_ids = [i for i in clone.open_ids if i in clone.proposals]
        clone.agreements = [a for a in clone.agreements if me in a["parties"]]
        clone.messages = [
            m for m in clone.messages if not m["to"] or me == m["from"] or me in m["to"]
        ]
        clone.detections = {a: (d if a == me else []) for a, d in clone.detections.items()}
        clone.revealed = []
        for other in self.rules.actor_ids:
            if other != me:
                pool = [o.id for o in self.rules.secret_pool.get(other, ())]
                k = min(self.rules.secret_dealt, len(pool))
                clone.secret[other] = sorted(rng.sample(pool, k)) if k else []
        refresh_deal_flags(clone)
        clone.rng = random.Random(rng.random())
        return clone


def least_trusted(ctx: Context, actor: str) -> str:
    """The other actor ``actor`` trusts least now (by the scenario's first pair variable,
    as ``ctx`` shows it), else the first other actor."""
    others = [a for a in ctx.rules.actor_ids if a != actor]
    pairs = [v.id for v in ctx.rules.model.variables if v.scope == "pair"]
    if not pairs:
        return others[0]

    def trust(a: str) -> float:
        x = ctx.value(f"{pairs[0]}.{actor}.{a}")
        return x if x is not None else 0.0

    return min(others, key=trust)


class Bot:
    """Base class of all bots. Override :meth:`negotiate` and :meth:`orders`."""

    name = "bot"

    def __init__(self, actor: str, seed: int = 0) -> None:
        self.actor = actor
        self.seed = seed

    def negotiate(self, ctx: Context) -> list[Action]:
        """Messages, proposals, responses, UN drafts and votes for one negotiation round.

        Return action dicts without ``actor`` (the runner fills it in).
        """
        return []

    def orders(self, ctx: Context) -> Action:
        """This month's orders: ``{"levers": {...}, "signals": [...], "stand_up": [...]}``."""
        return {"levers": {}}
