"""The game actions a client may send inside an ``action`` message, one model per type.

Each model is the message side of one action spec (:mod:`game.engine.specs`, the one
registry of action types, which says who may send each): the models check shapes and
types at the edge (a wrong field type names the field), the engine checks the rules (a
lever that is not yours, a past month). Every subclass of :class:`ActionModel` here is
an action's model, found by its ``type``; a spec without a model (or a model without a
spec) stops the import. A client never sends
``actor``: the server fills it in from the seat the connection authenticated for; if a
client does send it, it must be its own seat.

>>> parse_action({"type": "ready", "month": 2}).type
'ready'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.engine.specs import PLAYER, SPECS
from game.engine.state import FACILITATOR


class _Strict(BaseModel):
    """Strict, closed models: no coercion of "5" to 5, no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


class ActionModel(_Strict):
    """The message model of an action: a subclass per action type, with
    ``type: Literal["..."]`` naming its spec in :data:`game.engine.specs.SPECS`."""

    if TYPE_CHECKING:  # each model's own field: Literal["its type"]
        type: str

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


class MessageAction(ActionModel):
    """Chat: ``to`` = [] is public; a list of actor ids is private or group. ``text`` is
    free; ``intent`` (optional) says the same for machines: offer, request, warn, promise,
    accept or reject, with the terms. Only those who see the message see its intent."""

    type: Literal["message"]
    to: list[str] = Field(default_factory=list)
    text: str
    intent: Intent | None = None


class ProposeAction(ActionModel):
    """Table a structured proposal to the actors in ``to`` (and those it commits)."""

    type: Literal["propose"]
    to: list[str] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    inspections: bool = False
    summit: bool = False
    talks: bool = False
    text: str = ""
    counter_to: int | None = None


class RespondAction(ActionModel):
    """Accept or reject an open proposal you are party to."""

    type: Literal["respond"]
    proposal: int
    accept: bool


class WithdrawAction(ActionModel):
    """Withdraw your own open proposal."""

    type: Literal["withdraw"]
    proposal: int


class UnscDraftAction(ActionModel):
    """A permanent member tables a Security Council draft for a sanctions sector."""

    type: Literal["unsc_draft"]
    sector: str
    direction: Literal["tighten", "relax"]


class UnscVoteAction(ActionModel):
    """A permanent member votes on an open draft (``no`` is a veto)."""

    type: Literal["unsc_vote"]
    draft: int
    vote: Literal["yes", "no", "abstain"]


class SignalOrder(_Strict):
    """One signal in your orders; ``target`` only for signals with an addressee."""

    signal: str
    target: str | None = None


class OrdersAction(ActionModel):
    """Set levers and signals. In negotiation a draft; in the orders phase final by default.

    Leave ``signals`` / ``stand_up`` out to keep your current draft's; levers you leave
    out keep last month's policy.
    """

    type: Literal["orders"]
    levers: dict[str, str] = Field(default_factory=dict)
    signals: list[SignalOrder] | None = None
    stand_up: list[str] | None = None
    final: bool | None = None


class ReadyAction(ActionModel):
    """Done with negotiation (negotiation phase) or make your orders final (orders phase).

    ``phase`` (optional, recommended) names the phase the sender means: a ``ready`` for a
    negotiation that has already ended is then refused as stale instead of making the
    seat's orders final."""

    type: Literal["ready"]
    phase: Literal["negotiation", "orders"] | None = None


class AdvanceAction(ActionModel):
    """Facilitator: end the current phase now (``phase``/``month`` guard against races).

    ``to: "resolution"`` skips to resolution: negotiation and orders end in one go (seats
    without final orders keep last month's policy).
    """

    type: Literal["advance"]
    phase: str | None = None
    to: Literal["resolution"] | None = None


class PauseAction(ActionModel):
    """Facilitator: pause the room; phase timers stop."""

    type: Literal["pause"]


class ResumeAction(ActionModel):
    """Facilitator: resume; timers continue with the time that was left."""

    type: Literal["resume"]


class InjectAction(ActionModel):
    """Facilitator: fire a scenario inject by ``event`` id, or a custom ``news`` item."""

    type: Literal["inject"]
    event: str | None = None
    news: str | None = None
    effects: dict[str, float] | None = None


class AnnounceAction(ActionModel):
    """Facilitator: broadcast an announcement to everyone."""

    type: Literal["announce"]
    text: str


class EndAction(ActionModel):
    """Facilitator: end the game now; scores are taken as they stand."""

    type: Literal["end"]


class StartAction(ActionModel):
    """Facilitator: start a room created with ``wait_for_start`` (briefing time is over)."""

    type: Literal["start"]


class ExtendAction(ActionModel):
    """Facilitator: add ``seconds`` to the current phase (negative: shorten it; the time
    left never drops below the server's floor, 5 s)."""

    type: Literal["extend"]
    seconds: int


class SeatAction(ActionModel):
    """Facilitator: hand ``seat`` to the built-in bot ``bot``, or back to people (null)."""

    type: Literal["seat"]
    seat: str
    bot: str | None


class LockAction(ActionModel):
    """Facilitator: refuse new joins (``locked``: true) or accept them again."""

    type: Literal["lock"]
    locked: bool


class MoveAction(ActionModel):
    """Facilitator: move the joined player ``player`` (an id from the room's seats) to
    ``seat``; their token now gives that seat, and only it."""

    type: Literal["move"]
    player: str
    seat: str


def action_type(model: type[BaseModel]) -> str:
    """The ``type`` an action model stands for (its ``type`` field's one literal)."""
    field = model.model_fields.get("type")
    args = get_args(field.annotation) if field is not None else ()
    if len(args) != 1 or not isinstance(args[0], str):
        raise TypeError(f"{model.__name__}.type must be Literal['<action type>']")
    return args[0]


MODELS: dict[str, type[ActionModel]] = {
    action_type(m): m for m in ActionModel.__subclasses__() if m.__module__ == __name__
}
"""Every action type's message model, in the order of the models above (the order of
the union and of the published schemas)."""


def registry_problems() -> list[str]:
    """What does not match between the engine's specs and the models here ([] if all do)."""
    problems = [f"action spec {t!r} has no model in {__name__}" for t in SPECS if t not in MODELS]
    problems += [
        f"model {m.__name__} has no action spec" for t, m in MODELS.items() if t not in SPECS
    ]
    return problems


if registry_problems():
    raise RuntimeError("; ".join(registry_problems()))


def register_model(model: type[ActionModel]) -> None:
    """Accept a new action's message model in :func:`parse_action` (its spec must be
    registered first: :func:`game.engine.specs.register`). The :data:`Action` union of
    the published schemas keeps the models defined here."""
    kind = action_type(model)
    if kind not in SPECS:
        raise ValueError(f"model {model.__name__} has no action spec {kind!r}")
    MODELS[kind] = model
    _adapter.cache.clear()


def sender_of(kind: str) -> str | None:
    """Who may send actions of type ``kind`` (``"player"`` or ``"facilitator"``), or
    ``None`` for an unknown type."""
    spec = SPECS.get(kind)
    return spec.sender if spec is not None else None


PLAYER_ACTIONS = frozenset(t for t, s in SPECS.items() if s.sender == PLAYER)
"""The action types a seat sends (from the specs)."""
FACILITATOR_ACTIONS = frozenset(t for t, s in SPECS.items() if s.sender == FACILITATOR)
"""The action types only the facilitator sends (from the specs)."""

if TYPE_CHECKING:  # to type checkers, any action model
    Action = ActionModel
else:
    Action = Annotated[Union[tuple(MODELS.values())], Field(discriminator="type")]  # noqa: UP007
"""Any game action, discriminated by ``type``."""


class _Adapter:
    """The validator of every registered model, rebuilt when a model is registered."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, ...], TypeAdapter[Any]] = {}

    def __call__(self) -> TypeAdapter[Any]:
        key = tuple(MODELS)
        found = self.cache.get(key)
        if found is None:
            union: Any = Union[tuple(MODELS.values())]  # noqa: UP007
            found = self.cache[key] = TypeAdapter(Annotated[union, Field(discriminator="type")])
        return found


_adapter = _Adapter()


def parse_action(data: dict[str, Any]) -> BaseModel:
    """Validate one action dict (raises :class:`pydantic.ValidationError`)."""
    model: BaseModel = _adapter().validate_python(data)
    return model


def to_engine(action: BaseModel, actor: str) -> dict[str, Any]:
    """The plain dict the engine takes: unset optional fields dropped, ``actor`` set."""
    data = action.model_dump(exclude_none=True)
    if isinstance(action, SeatAction):
        data["bot"] = action.bot  # null is meaningful: the seat goes back to people
    data["actor"] = actor
    return data
