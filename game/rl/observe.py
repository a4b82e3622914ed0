"""RL observations: one float32 vector per agent, built from what that agent may know.

Two builders of the same vector:

* :class:`Observer` reads the engine's state directly (fast: what the environments use)
  and applies, field by field, the visibility rules of ``view_for``: the variables
  through :func:`game.engine.view.visible_values` (exact, estimated or hidden per
  viewer), proposals and agreements only where the agent is a party, messages only
  when public or addressed to it, others' orders only as revealed after resolution
  (covert ones only if detected), its own policy only.
* :func:`from_view` builds it from ``game.view_for(agent)``: the reference. A test
  checks that both agree on many states, so the fast path cannot see more than the view.

It must not read anything ``view_for`` would hide, and must not change the game.

The layout (:class:`Layout`, the same for every agent of a scenario; ``-1`` means
"unknown" or "none" where noted, every value is in ``[-1, 1]``):

==============  ===================  ===================================================
section         size                 content
==============  ===================  ===================================================
``variables``   one per variable     scaled to 0..1 by its bounds; an estimate: the
                                     middle of the shown range; hidden: -1
``clock``       4                    month (0..1), negotiation phase, orders phase,
                                     negotiation round (0..1)
``me``          actors               one-hot of the observing agent
``known``       (actor, lever) pairs the option in force (own levers) or last revealed
                                     (others' levers), as index / (options - 1); -1
``awaiting``    SLOTS × (1 + D)      proposals awaiting my answer, oldest first:
                                     present, then the proposal (D, below)
``own``         1                    my own open proposals / SLOTS (at most 1)
``agreements``  2 + actors + T       agreements in force I am party to: count / 4 (at
                                     most 1), any with inspections, partners, then their
                                     terms (T, below; the latest agreement's wins)
``offers``      actors × (6 + D)     per other actor, its latest proposal to me made
                                     this month or last: present, open, accepted,
                                     rejected, otherwise closed, made this month, D
``intents``     actors × INTENTS     per other actor, the last intent it sent me (or
                                     everyone) this month, one-hot
``unsc``        UNSC_SLOTS × (2 + S) open Security Council drafts I have not voted on:
                                     present, sector one-hot, tighten (1) or relax (0)
==============  ===================  ===================================================

A proposal (D = actors + 3 + T): proposer one-hot, inspections, summit, talks, then its
terms (T = pairs + 3 × actors): per (actor, lever) pair the option it commits to
(index / (options - 1)); per actor a moratorium (lowest rung ruled out / highest rung),
a Security Council vote term (1 tighten, 0 relax), attendance (1); -1 where none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from game.rl.estimates import Estimates
from game.rl.menu import INTENT_BY_TEXT, INTENTS, SLOTS, UNSC_SLOTS

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.compile import Rules

Encode = Callable[[Mapping[str, Any]], np.ndarray]
"""A function giving a proposal's D values (:meth:`Layout.proposal`, or a memo of it)."""
_STATUS = {"open": 1, "accepted": 2, "rejected": 3}
"""Where a proposal's status sits in an offer's entry (anything else: 4)."""


class Layout:
    """Where each part of the observation sits, for one scenario (see the module)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        actors = self.actors = rules.actor_ids
        n = self.n = len(actors)
        self.actor_index = {a: i for i, a in enumerate(actors)}
        self.keys = rules.keys
        self.lows = [rules.bounds[k][0] for k in rules.keys]
        self.spans = [rules.bounds[k][1] - rules.bounds[k][0] for k in rules.keys]
        self.key_index = {k: i for i, k in enumerate(rules.keys)}
        self._scaling = tuple(zip(self.keys, self.lows, self.spans, strict=True))
        self.low_arr = np.array(self.lows, dtype=np.float64)
        self.span_arr = np.array(self.spans, dtype=np.float64)
        self.pairs = [(a, lv.id) for a in actors for lv in rules.holder_levers[a]]
        self.pair_index = {p: i for i, p in enumerate(self.pairs)}
        # (actor, lever) -> option -> the option's place scaled to 0..1
        self.scale: dict[tuple[str, str], dict[str, float]] = {}
        for a in actors:
            for lv in rules.holder_levers[a]:
                last = max(1, len(lv.options) - 1)
                self.scale[a, lv.id] = {o.id: i / last for i, o in enumerate(lv.options)}
        # actor -> ((pair index, lever id), ...) of its levers
        self.pairs_of = {
            a: tuple((self.pair_index[a, lv.id], lv.id) for lv in rules.holder_levers[a])
            for a in actors
        }
        self.sectors = {s.id: i for i, s in enumerate(rules.sectors)}
        p = len(self.pairs)
        self.t = p + 3 * n  # a block of terms: lever pairs, then per actor its other kinds
        self.max_rung = max((s.rung for s in rules.signals), default=1) or 1
        self.d = n + 3 + self.t
        sizes = (
            ("variables", len(rules.keys)),
            ("clock", 4),
            ("me", n),
            ("known", p),
            ("awaiting", SLOTS * (1 + self.d)),
            ("own", 1),
            ("agreements", 2 + n + self.t),
            ("offers", n * (6 + self.d)),
            ("intents", n * len(INTENTS)),
            ("unsc", UNSC_SLOTS * (2 + len(self.sectors))),
        )
        self.at: dict[str, int] = {}
        at = 0
        for name, size in sizes:
            self.at[name] = at
            at += size
        self.size = at
        self.sizes = dict(sizes)
        template = np.zeros(at, dtype=np.float32)
        template[self.at["known"] : self.at["known"] + p] = -1.0
        for j in range(SLOTS):
            start = self.at["awaiting"] + j * (1 + self.d) + 1 + n + 3
            template[start : start + self.t] = -1.0
        start = self.at["agreements"] + 2 + n
        template[start : start + self.t] = -1.0
        for i in range(n):
            start = self.at["offers"] + i * (6 + self.d) + 6 + n + 3
            template[start : start + self.t] = -1.0
        self.template = template
        self.proposal_template = np.zeros(self.d, dtype=np.float32)
        self.proposal_template[n + 3 :] = -1.0  # the terms block
        self.get_values = itemgetter(*rules.keys) if len(rules.keys) > 1 else None

    def section(self, vec: np.ndarray, name: str) -> np.ndarray:
        """The slice of ``vec`` holding section ``name`` (a view, not a copy)."""
        start = self.at[name]
        return vec[start : start + self.sizes[name]]

    # -------------------------------------------------------------- shared encoders
    def put_variables(self, vec: np.ndarray, seen: Mapping[str, Any]) -> None:
        """Write the variables section from a ``visible_values`` table."""
        vec[: len(self.keys)] = self.scaled_variables(seen)

    def scaled_variables(self, seen: Mapping[str, Any]) -> list[float]:
        """The variables section's values from a ``visible_values`` table."""
        out = []
        get = seen.get
        for key, low, span in self._scaling:
            x = get(key)
            if x is None:
                out.append(-1.0)
                continue
            if type(x) is dict:
                x = (x["low"] + x["high"]) / 2.0
            y = 0.0 if span <= 0 else (x - low) / span
            out.append(0.0 if y < 0.0 else 1.0 if y > 1.0 else y)
        return out

    def put_clock(self, vec: np.ndarray, month: int, phase: str, round_frac: float) -> None:
        """Write the clock section."""
        at = self.at["clock"]
        turns = self.rules.turns
        vec[at] = min(1.0, (month - 1) / max(1, turns - 1))
        vec[at + 1] = phase == "negotiation"
        vec[at + 2] = phase == "orders"
        vec[at + 3] = round_frac

    def proposal(self, prop: Mapping[str, Any]) -> np.ndarray:
        """Proposal ``prop`` as its D values (a fresh array)."""
        n = self.n
        vec = self.proposal_template.copy()
        vec[self.actor_index[prop["proposer"]]] = 1.0
        vec[n] = bool(prop.get("inspections"))
        vec[n + 1] = bool(prop.get("summit"))
        vec[n + 2] = bool(prop.get("talks"))
        self.put_terms(vec, n + 3, prop.get("commitments", ()))
        return vec

    def put_terms(self, vec: np.ndarray, at: int, commitments: Sequence[Mapping[str, Any]]) -> None:
        """Write a block of terms (T values) from ``at``: per (actor, lever) pair the
        option committed to; then per actor a moratorium (the lowest rung ruled out /
        the highest rung; 0 when it names signals only), a Security Council vote term
        (1: on drafts to tighten, 0: to relax) and attendance (1). -1: no such term."""
        n = self.n
        rest = at + len(self.pairs)
        index = self.actor_index
        for c in commitments:
            kind = c.get("kind", "lever")
            if kind == "lever":
                pair = (c["actor"], c["lever"])
                where = self.pair_index.get(pair)
                if where is not None:
                    vec[at + where] = self.scale[pair][c["option"]]
                continue
            who = index.get(c["actor"])
            if who is None:
                continue
            if kind == "signals":
                rung = c.get("rung")
                vec[rest + who] = 0.0 if rung is None else min(1.0, rung / self.max_rung)
            elif kind == "unsc":
                vec[rest + n + who] = c.get("direction") == "tighten"
            elif kind == "attend":
                vec[rest + 2 * n + who] = 1.0

    def put_known(self, vec: np.ndarray, actor: str, levers: Mapping[str, str]) -> None:
        """Write what is known of ``actor``'s options (lever -> option)."""
        at = self.at["known"]
        scale = self.scale
        for where, lever in self.pairs_of[actor]:
            option = levers.get(lever)
            if option is not None:
                vec[at + where] = scale[actor, lever][option]

    def put_agreements(self, vec: np.ndarray, me: str, ags: Sequence[Mapping[str, Any]]) -> None:
        """Write the agreements-in-force section from ``ags`` (in force, mine, in order)."""
        at = self.at["agreements"]
        vec[at] = min(1.0, len(ags) / 4.0)
        vec[at + 1] = any(a.get("inspections") for a in ags)
        index = self.actor_index
        for ag in ags:
            for p in ag["parties"]:
                if p != me:
                    vec[at + 2 + index[p]] = 1.0
            self.put_terms(vec, at + 2 + self.n, ag.get("commitments", ()))

    def put_offer(
        self, vec: np.ndarray, sender: str, prop: Mapping[str, Any], month: int, encoded: Encode
    ) -> None:
        """Write ``sender``'s latest offer to me (``encoded``: its :meth:`proposal`)."""
        at = self.at["offers"] + self.actor_index[sender] * (6 + self.d)
        vec[at] = 1.0
        vec[at + _STATUS.get(prop["status"], 4)] = 1.0
        vec[at + 5] = prop["month"] == month
        vec[at + 6 : at + 6 + self.d] = encoded(prop)

    def put_awaiting(
        self, vec: np.ndarray, props: Sequence[Mapping[str, Any]], encoded: Encode
    ) -> None:
        """Write the proposals awaiting my answer (oldest first, at most SLOTS)."""
        at = self.at["awaiting"]
        d = self.d
        for j, prop in enumerate(props[:SLOTS]):
            start = at + j * (1 + d)
            vec[start] = 1.0
            vec[start + 1 : start + 1 + d] = encoded(prop)

    def put_intent(self, vec: np.ndarray, sender: str, kind: int) -> None:
        """Write that ``sender`` last sent intent ``kind`` this month."""
        at = self.at["intents"] + self.actor_index[sender] * len(INTENTS)
        vec[at + kind] = 1.0

    def put_unsc(self, vec: np.ndarray, drafts: Sequence[Mapping[str, Any]]) -> None:
        """Write the open drafts I have not voted on (at most UNSC_SLOTS)."""
        at = self.at["unsc"]
        width = 2 + len(self.sectors)
        for j, d in enumerate(drafts[:UNSC_SLOTS]):
            start = at + j * width
            vec[start] = 1.0
            vec[start + 1 + self.sectors[d["sector"]]] = 1.0
            vec[start + width - 1] = d["direction"] == "tighten"


def from_view(layout: Layout, view: Mapping[str, Any], round_frac: float = 0.0) -> np.ndarray:
    """The observation vector derived from ``view`` (an actor's ``view_for``): the
    reference the fast :class:`Observer` must equal. ``round_frac`` is the negotiation
    round (0..1), which the view does not hold."""
    me = view["you"]
    vec = layout.template.copy()
    layout.put_variables(vec, view["variables"])
    layout.put_clock(vec, view["month"], view["phase"], round_frac)
    vec[layout.at["me"] + layout.actor_index[me]] = 1.0
    layout.put_known(vec, me, view["policy"])
    if view["orders"]:
        for actor, order in view["orders"][-1]["orders"].items():
            if actor != me:
                layout.put_known(vec, actor, order["levers"])
    month = view["month"]
    props = view["proposals"]
    awaiting = [
        p
        for p in props
        if p["status"] == "open" and me in p["parties"] and me not in p["responses"]
    ]
    layout.put_awaiting(vec, awaiting, layout.proposal)
    own = sum(1 for p in props if p["status"] == "open" and p["proposer"] == me)
    vec[layout.at["own"]] = min(1.0, own / SLOTS)
    layout.put_agreements(vec, me, [a for a in view["agreements"] if a["status"] == "active"])
    latest: dict[str, Mapping[str, Any]] = {}
    for p in props:
        if p["proposer"] != me:
            latest[p["proposer"]] = p
    for sender, p in latest.items():
        if p["month"] >= month - 1:
            layout.put_offer(vec, sender, p, month, layout.proposal)
    intents: dict[str, int] = {}
    for m in view["messages"]:
        kind = INTENT_BY_TEXT.get(m["text"])
        if kind is not None and m["from"] != me and m["month"] == month:
            intents[m["from"]] = kind
    for sender, kind in intents.items():
        layout.put_intent(vec, sender, kind)
    drafts = [d for d in view["unsc_drafts"] if d["status"] == "open" and me not in d["votes"]]
    layout.put_unsc(vec, drafts)
    return vec


class Observer:
    """The fast observation builder over one game at a time (see the module docstring).

    It keeps small memos of what only grows (messages, proposals) and of what changes
    once a month (known orders, variables), checked against the game each call.
    """

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.estimates = Estimates(layout.keys)
        self._game: Game | None = None

    def _start(self, game: Game) -> None:
        self._game = game
        self._n_props = 0
        self._proposals: dict[int, np.ndarray] = {}
        self._n_msgs = 0
        self._messages: list[dict[str, Any]] | None = None
        # viewer -> sender -> its latest proposal to which the viewer is a party
        self._offers: dict[str, dict[str, dict[str, Any]]] = {a: {} for a in self.layout.actors}
        # viewer -> sender -> (month, intent) of the last intent it could see
        self._intents: dict[str, dict[str, tuple[int, int]]] = {a: {} for a in self.layout.actors}
        # viewer -> (month, values, variables section)
        self._vars: dict[str, tuple[int, tuple[float, ...], np.ndarray]] = {}
        # viewer -> ((month, over), known section)
        self._known: dict[str, tuple[tuple[int, bool], np.ndarray]] = {}
        # (stamp, known section of every actor's public revealed orders, detected covert)
        self._public_known: tuple[tuple[int, bool], np.ndarray, list[Any]] | None = None

    def _encoded(self, prop: Mapping[str, Any]) -> np.ndarray:
        """:meth:`Layout.proposal`, memoised per proposal: what a proposal says never
        changes once tabled (only its status and responses do, read each time)."""
        found = self._proposals.get(prop["id"])
        if found is None:
            found = self._proposals[prop["id"]] = self.layout.proposal(prop)
        return found

    def _known_part(self, game: Game, me: str, stamp: tuple[int, bool]) -> np.ndarray:
        """The known section for ``me``: its own policy; for the others, last month's
        revealed orders (public levers, built once for every viewer), with the covert
        options ``me`` detected."""
        layout = self.layout
        public = self._public_known
        if public is None or public[0] != stamp:
            part = layout.template.copy()
            detected: list[tuple[str, str, str, list[str]]] = []
            revealed = game.revealed
            if revealed:
                last = revealed[-1]
                for actor, order in last["orders"].items():
                    layout.put_known(part, actor, order["levers"])
                detected = [
                    (c["actor"], c["lever"], c["option"], c["detected_by"])
                    for c in last["covert"]
                    if c["detected_by"]
                ]
            public = self._public_known = (stamp, part, detected)
        part = public[1].copy()
        start = layout.at["known"]
        for where, _ in layout.pairs_of[me]:
            part[start + where] = -1.0  # its own last orders: replaced by its policy
        layout.put_known(part, me, game.policy[me])
        for actor, lever, option, found_by in public[2]:
            if actor != me and me in found_by:
                layout.put_known(part, actor, {lever: option})
        return layout.section(part, "known").copy()

    def variables(self, game: Game, me: str) -> np.ndarray:
        """The variables section: what :func:`game.engine.view.visible_values` (the
        view's own filter) shows ``me`` now, scaled as :meth:`Layout.scaled_variables`
        scales it (computed for the whole table at once: :mod:`game.rl.estimates`)."""
        layout = self.layout
        get = layout.get_values
        values = np.array(get(game.v) if get is not None else (game.v[layout.keys[0]],))
        shown = self.estimates.table(game, me, values)
        if isinstance(shown, dict):
            return np.array(layout.scaled_variables(shown), dtype=np.float32)
        spans = layout.span_arr
        y = np.divide(shown - layout.low_arr, spans, out=np.zeros_like(shown), where=spans > 0)
        y = np.clip(y, 0.0, 1.0)
        y[np.isnan(shown)] = -1.0
        out: np.ndarray = y.astype(np.float32)
        return out

    def observe(self, game: Game, me: str, round_frac: float = 0.0) -> np.ndarray:
        """``me``'s observation vector now (a fresh array)."""
        if game is not self._game:
            self._start(game)
        layout = self.layout
        vec = layout.template.copy()
        month = game.month
        phase = game.phase
        # variables: visible_values, memoised while no value changes
        get = layout.get_values
        now = get(game.v) if get is not None else (game.v[layout.keys[0]],)
        hit = self._vars.get(me)
        if hit is None or hit[0] != month or hit[1] != now:
            hit = self._vars[me] = (month, now, self.variables(game, me))
        vec[: len(layout.keys)] = hit[2]
        layout.put_clock(vec, month, phase, round_frac)
        vec[layout.at["me"] + layout.actor_index[me]] = 1.0
        # known options: own policy, others' last revealed orders (covert: if detected)
        stamp = (month, phase == "over")  # orders are revealed, policies change, at month ends
        known = self._known.get(me)
        if known is None or known[0] != stamp:
            known = self._known[me] = (stamp, self._known_part(game, me, stamp))
        start = layout.at["known"]
        vec[start : start + len(known[1])] = known[1]
        # proposals: awaiting my answer, my own open ones, the latest offers to me
        proposals = game.proposals
        encoded = self._encoded
        awaiting = []
        own = 0
        for i in game.open_ids:  # one pass: what awaiting_answer and the own count read
            p = proposals[i]
            if p["proposer"] == me:
                own += 1
            elif me in p["parties"] and me not in p["responses"]:
                awaiting.append(p)
        if awaiting:
            layout.put_awaiting(vec, awaiting, encoded)
        if own:
            vec[layout.at["own"]] = min(1.0, own / SLOTS)
        if len(proposals) != self._n_props:
            offers = self._offers
            for p in islice(proposals.values(), self._n_props, None):
                sender = p["proposer"]
                for party in p["parties"]:
                    if party != sender:
                        offers[party][sender] = p
            self._n_props = len(proposals)
        for sender, p in self._offers[me].items():
            if p["month"] >= month - 1:
                layout.put_offer(vec, sender, p, month, encoded)
        layout.put_agreements(
            vec,
            me,
            [a for a in game.agreements if a["status"] == "active" and me in a["parties"]],
        )
        # intents: messages only grow; each viewer's last intent per sender
        messages = game.messages
        if messages is not self._messages:
            self._messages, self._n_msgs = messages, 0
            self._intents = {a: {} for a in layout.actors}
        if len(messages) != self._n_msgs:
            everyone = layout.actors
            for m in messages[self._n_msgs :]:
                kind = INTENT_BY_TEXT.get(m["text"])
                if kind is None:
                    continue
                sender = m["from"]
                for viewer in m["to"] or everyone:
                    if viewer != sender:
                        self._intents[viewer][sender] = (m["month"], kind)
            self._n_msgs = len(messages)
        for sender, (when, kind) in self._intents[me].items():
            if when == month:
                layout.put_intent(vec, sender, kind)
        if game.unsc_drafts:
            layout.put_unsc(
                vec,
                [d for d in game.unsc_drafts if d["status"] == "open" and me not in d["votes"]],
            )
        return vec
