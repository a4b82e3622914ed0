"""The records of a game, typed: messages, proposals and their terms, agreements and
their breaches, Security Council drafts, draft orders.

They are typed dicts: plain ``dict`` at run time (the hot path and the state hash stay
as they were, and a view can show a record as it is), checked by the type checker
everywhere they are built or read. A record's ``status`` changes only through the
methods of :class:`~game.engine.state.State` (``close_proposal``, ``answer``,
``end_agreement``, ``close_draft``, ``vote``), which check the move is one the record
allows. Data only: this module imports nothing of the engine.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

ProposalStatus = Literal["open", "accepted", "rejected", "withdrawn", "countered", "expired"]
AgreementStatus = Literal["active", "broken", "expired"]
DraftStatus = Literal["open", "passed", "vetoed", "lapsed"]

Message = TypedDict(
    "Message",
    {
        "id": int,
        "month": int,
        "from": str,
        "to": list[str],
        "text": str,
        "intent": NotRequired["Intent"],
    },
)
"""A chat message: ``to`` is [] for a public one; ``intent`` only when it carries one."""


class After(TypedDict):
    """Sequencing of a term: due once term ``term`` has been kept (and seen) ``months``."""

    term: int
    months: int


class Term(TypedDict, total=False):
    """One commitment of a proposal or an agreement (see docs/rules.md): ``kind`` lever
    (absent), ``signals``, ``unsc`` or ``attend``, with that kind's fields."""

    kind: str
    actor: str
    lever: str
    option: str
    compare: str
    rung: int | None
    signals: list[str]
    sector: str | None
    direction: str
    vote: str
    start: int
    months: int
    after: After
    text: str
    counts_as: list[str]


class Intent(TypedDict):
    """A message's structured intent (docs/protocol.md, "Intents"): ``kind`` offer,
    request, warn, promise, accept or reject; the terms; the proposal it answers."""

    kind: str
    terms: list[Term]
    proposal: int | None
    inspections: bool
    summit: bool


class Proposal(TypedDict):
    """A tabled proposal; ``responses``: party -> ``accept``/``reject``."""

    id: int
    month: int
    proposer: str
    parties: list[str]
    commitments: list[Term]
    inspections: bool
    summit: bool
    talks: bool
    text: str
    counter_to: int | None
    responses: dict[str, str]
    status: ProposalStatus


class Breach(TypedDict, total=False):
    """A breach of a term: who, when, of what, and whether the partners saw it."""

    month: int
    actor: str
    kind: str
    lever: str
    option: str
    signal: str
    draft: int
    vote: str
    observed: bool


class Agreement(TypedDict):
    """A proposal every party accepted; in force until ``end`` unless broken."""

    id: int
    month: int
    parties: list[str]
    commitments: list[Term]
    inspections: bool
    summit: bool
    talks: bool
    text: str
    end: int
    status: AgreementStatus
    breaches: list[Breach]
    kept_months: NotRequired[list[int]]
    changes: int
    hollow: bool


class UnscDraft(TypedDict):
    """A Security Council draft; ``votes``: member -> ``yes``/``no``/``abstain``."""

    id: int
    month: int
    drafter: str
    sector: str
    direction: str
    votes: dict[str, str]
    status: DraftStatus


class SignalOrder(TypedDict):
    """One signal of an actor's orders."""

    signal: str
    target: str | None


class Draft(TypedDict):
    """An actor's orders of this month so far (final once it is in ``submitted``)."""

    levers: dict[str, str]
    signals: list[SignalOrder]
    stand_up: list[str]


PROPOSAL_MOVES: dict[str, frozenset[str]] = {
    "open": frozenset({"accepted", "rejected", "withdrawn", "countered", "expired"}),
}
"""The status a proposal may move to, from each status (a closed one moves no more)."""
AGREEMENT_MOVES: dict[str, frozenset[str]] = {"active": frozenset({"broken", "expired"})}
"""The status an agreement may move to, from each status."""
DRAFT_MOVES: dict[str, frozenset[str]] = {"open": frozenset({"passed", "vetoed", "lapsed"})}
"""The status a Security Council draft may move to, from each status."""
