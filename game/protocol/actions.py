"""The game actions a client may send inside an ``action`` message, one model per type.

These mirror the engine's action handlers (:mod:`game.engine.actions`): the models
check shapes and types at the edge (a wrong field type names the field), the engine
checks the rules (a lever that is not yours, a past month). A client never sends
``actor``: the server fills it in from the seat the connection authenticated for; if a
client does send it, it must be its own seat.

>>> parse_action({"type": "ready", "month": 2}).type
'ready'
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


class _Strict(BaseModel):
    """Strict, closed models: no coercion of "5" to 5, no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


class _ActionBase(_Strict):
    actor: str | None = Field(
        default=None,
        description="Leave out: the server sets it from your seat. If given, it must be your seat.",
    )
    month: int | None = Field(
        default=None,
        description="The month this action is meant for; a past month is rejected as 'stale'.",
    )


class After(_Strict):
    """Sequencing: a term is due only once another party's term has been kept (and seen
    kept) for ``months`` months."""

    term: int = Field(description="Index of the other party's term in this proposal.")
    months: int = 1


class Commitment(_Strict):
    """One term of a proposal. ``kind`` lever (default): ``actor`` sets ``lever`` to
    ``option``; signals: no signal at or above ``rung`` nor any of ``signals`` (a
    moratorium); unsc: on drafts to ``direction`` sanctions on ``sector`` (any if null),
    ``vote`` yes or no_veto; attend: turn up at the deal's talks. See docs/rules.md."""

    kind: Literal["lever", "signals", "unsc", "attend"] | None = None
    actor: str
    lever: str | None = None
    option: str | None = None
    compare: Literal["exactly", "at_most", "at_least"] = "exactly"
    rung: int | None = None
    signals: list[str] | None = None
    sector: str | None = None
    direction: Literal["tighten", "relax"] | None = None
    vote: Literal["yes", "no_veto"] | None = None
    start: int | None = Field(default=None, description="First month (default: this month).")
    months: int = 3
    after: After | None = None


class _IntentBase(_Strict):
    terms: list[Commitment] = Field(
        default_factory=list,
        description="The terms the intent is about, written as a proposal's commitments.",
    )
    proposal: int | None = Field(
        default=None, description="The proposal this answers or refers to (one you are party to)."
    )
    inspections: bool = Field(default=False, description="The terms come with inspections.")
    summit: bool = Field(default=False, description="The terms come with a leaders' summit.")


class OfferIntent(_IntentBase):
    """ "I would agree to these terms": a deal the sender would sign if tabled."""

    kind: Literal["offer"]


class RequestIntent(_IntentBase):
    """ "I want you to do this": terms the sender asks of the addressee."""

    kind: Literal["request"]


class WarnIntent(_IntentBase):
    """ "Don't do this": the terms name what the sender warns against."""

    kind: Literal["warn"]


class PromiseIntent(_IntentBase):
    """ "I will do this": a unilateral promise (not binding: only agreements are checked)."""

    kind: Literal["promise"]


class AcceptIntent(_IntentBase):
    """ "Yes": to ``proposal`` or to the terms of an offer or request."""

    kind: Literal["accept"]


class RejectIntent(_IntentBase):
    """ "No": to ``proposal`` or to the terms of an offer or request."""

    kind: Literal["reject"]


Intent = Annotated[
    OfferIntent | RequestIntent | WarnIntent | PromiseIntent | AcceptIntent | RejectIntent,
    Field(discriminator="kind"),
]
"""A message's structured intent, discriminated by ``kind`` (see docs/protocol.md)."""


class MessageAction(_ActionBase):
    """Chat: ``to`` = [] is public; a list of actor ids is private or group. ``text`` is
    free; ``intent`` (optional) says the same for machines: offer, request, warn, promise,
    accept or reject, with the terms. Only those who see the message see its intent."""

    type: Literal["message"]
    to: list[str] = Field(default_factory=list)
    text: str
    intent: Intent | None = None


class ProposeAction(_ActionBase):
    """Table a structured proposal to the actors in ``to`` (and those it commits)."""

    type: Literal["propose"]
    to: list[str] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    inspections: bool = False
    summit: bool = False
    talks: bool = False
    text: str = ""
    counter_to: int | None = None


class RespondAction(_ActionBase):
    """Accept or reject an open proposal you are party to."""

    type: Literal["respond"]
    proposal: int
    accept: bool


class WithdrawAction(_ActionBase):
    """Withdraw your own open proposal."""

    type: Literal["withdraw"]
    proposal: int


class UnscDraftAction(_ActionBase):
    """A permanent member tables a Security Council draft for a sanctions sector."""

    type: Literal["unsc_draft"]
    sector: str
    direction: Literal["tighten", "relax"]


class UnscVoteAction(_ActionBase):
    """A permanent member votes on an open draft (``no`` is a veto)."""

    type: Literal["unsc_vote"]
    draft: int
    vote: Literal["yes", "no", "abstain"]


class SignalOrder(_Strict):
    """One signal in your orders; ``target`` only for signals with an addressee."""

    signal: str
    target: str | None = None


class OrdersAction(_ActionBase):
    """Set levers and signals. In negotiation a draft; in the orders phase final by default.

    Leave ``signals`` / ``stand_up`` out to keep your current draft's; levers you leave
    out keep last month's policy.
    """

    type: Literal["orders"]
    levers: dict[str, str] = Field(default_factory=dict)
    signals: list[SignalOrder] | None = None
    stand_up: list[str] | None = None
    final: bool | None = None


class ReadyAction(_ActionBase):
    """Done with negotiation (negotiation phase) or make your orders final (orders phase).

    ``phase`` (optional, recommended) names the phase the sender means: a ``ready`` for a
    negotiation that has already ended is then refused as stale instead of making the
    seat's orders final."""

    type: Literal["ready"]
    phase: Literal["negotiation", "orders"] | None = None


class AdvanceAction(_ActionBase):
    """Facilitator: end the current phase now (``phase``/``month`` guard against races).

    ``to: "resolution"`` skips to resolution: negotiation and orders end in one go (seats
    without final orders keep last month's policy).
    """

    type: Literal["advance"]
    phase: str | None = None
    to: Literal["resolution"] | None = None


class PauseAction(_ActionBase):
    """Facilitator: pause the room; phase timers stop."""

    type: Literal["pause"]


class ResumeAction(_ActionBase):
    """Facilitator: resume; timers continue with the time that was left."""

    type: Literal["resume"]


class InjectAction(_ActionBase):
    """Facilitator: fire a scenario inject by ``event`` id, or a custom ``news`` item."""

    type: Literal["inject"]
    event: str | None = None
    news: str | None = None
    effects: dict[str, float] | None = None


class AnnounceAction(_ActionBase):
    """Facilitator: broadcast an announcement to everyone."""

    type: Literal["announce"]
    text: str


class EndAction(_ActionBase):
    """Facilitator: end the game now; scores are taken as they stand."""

    type: Literal["end"]


class StartAction(_ActionBase):
    """Facilitator: start a room created with ``wait_for_start`` (briefing time is over)."""

    type: Literal["start"]


class ExtendAction(_ActionBase):
    """Facilitator: add ``seconds`` to the current phase (negative: shorten it; the time
    left never drops below the server's floor, 5 s)."""

    type: Literal["extend"]
    seconds: int


class SeatAction(_ActionBase):
    """Facilitator: hand ``seat`` to the built-in bot ``bot``, or back to people (null)."""

    type: Literal["seat"]
    seat: str
    bot: str | None


class LockAction(_ActionBase):
    """Facilitator: refuse new joins (``locked``: true) or accept them again."""

    type: Literal["lock"]
    locked: bool


class MoveAction(_ActionBase):
    """Facilitator: move the joined player ``player`` (an id from the room's seats) to
    ``seat``; their token now gives that seat, and only it."""

    type: Literal["move"]
    player: str
    seat: str


PLAYER_ACTIONS = frozenset(
    {"message", "propose", "respond", "withdraw", "unsc_draft", "unsc_vote", "orders", "ready"}
)
FACILITATOR_ACTIONS = frozenset(
    {
        "advance",
        "pause",
        "resume",
        "inject",
        "announce",
        "end",
        "start",
        "extend",
        "seat",
        "lock",
        "move",
    }
)

Action = Annotated[
    MessageAction
    | ProposeAction
    | RespondAction
    | WithdrawAction
    | UnscDraftAction
    | UnscVoteAction
    | OrdersAction
    | ReadyAction
    | AdvanceAction
    | PauseAction
    | ResumeAction
    | InjectAction
    | AnnounceAction
    | EndAction
    | StartAction
    | ExtendAction
    | SeatAction
    | LockAction
    | MoveAction,
    Field(discriminator="type"),
]
"""Any game action, discriminated by ``type``."""

_ACTION = TypeAdapter(Action)


def parse_action(data: dict[str, Any]) -> BaseModel:
    """Validate one action dict (raises :class:`pydantic.ValidationError`)."""
    return _ACTION.validate_python(data)


def to_engine(action: BaseModel, actor: str) -> dict[str, Any]:
    """The plain dict the engine takes: unset optional fields dropped, ``actor`` set."""
    data = action.model_dump(exclude_none=True)
    if isinstance(action, SeatAction):
        data["bot"] = action.bot  # null is meaningful: the seat goes back to people
    data["actor"] = actor
    return data
