"""The Six-Party wire protocol: every message, client to server and back.

One JSON object per websocket text frame, discriminated by ``type``. Every client
message may carry a ``request_id`` (a string or integer of the client's choosing); the
server echoes it in the reply (``welcome``, ``ack``, ``view`` after ``sync``, ``pong``,
``error``). Pushed ``view`` messages carry ``request_id: null``.

The conversation (see docs/protocol.md for the whole story):

1. connect to ``ws://HOST:PORT/``;
2. the first message authenticates: ``create_room`` (you become its facilitator),
   ``join`` (with a room's join code; you get a seat token) or ``auth`` (with a token);
3. the server replies ``welcome`` and pushes a ``view``, then a new ``view`` whenever
   the room changes (or, for a connection that asked for ``deltas``, a ``view_delta``
   carrying only what changed since the view it last received);
4. send ``action`` messages; each gets an ``ack`` (written to disk first) or an ``error``.

>>> parse_client('{"type": "ping", "request_id": 1}').type
'ping'
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.protocol.actions import Action

PROTOCOL_VERSION = 1
"""Bumped on any incompatible change; the server refuses other versions."""

MAX_MESSAGE_BYTES = 64 * 1024
"""Largest client message the server accepts; a bigger one closes the connection (1009)."""

RequestId = str | int | None


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


class _ClientBase(_Strict):
    request_id: RequestId = Field(
        default=None, description="Any string or integer; echoed in the reply."
    )


# --------------------------------------------------------------------- room options
class PhaseTimers(_Strict):
    """Seconds each phase lasts before the server ends it (``null``: no timer)."""

    negotiation: float | None = Field(default=600.0, gt=0)
    orders: float | None = Field(default=180.0, gt=0)


class RoomOptions(_Strict):
    """How a room is set up: scenario, seed, timers, bots per seat, press."""

    scenario: str = Field(
        default="korea-2019", description="A scenario name the server offers, e.g. korea-2019."
    )
    seed: int = 0
    timers: PhaseTimers = Field(default_factory=PhaseTimers)
    bots: dict[str, str] = Field(
        default_factory=dict,
        description="Seat (actor id) -> built-in bot name (random, historical, ...). "
        "Bot seats are played by the server; people cannot join them.",
    )
    press: Literal["full", "public", "none"] = Field(
        default="full",
        description="full: public and private chat; public: public chat only; none: no chat.",
    )
    name: str = Field(default="", max_length=100, description="A label for the room.")
    archive: Literal["private", "open"] = Field(
        default="private",
        description="The debrief report after the game: private (each player's report "
        "holds what that player could see, an observer's what was public; the "
        "facilitator's holds everything) or open (everyone's holds the whole archive, "
        "private messages and deals included). The facilitator can change it with an "
        "'archive' message.",
    )
    wait_for_start: bool = Field(
        default=False,
        description="Briefing time: the game waits in its first negotiation phase, timers "
        "stopped and players unable to act, until the facilitator sends 'start'.",
    )


# --------------------------------------------------------------------- client -> server
class CreateRoom(_ClientBase):
    """Create a room; the connection becomes its facilitator (token in ``welcome``)."""

    type: Literal["create_room"]
    protocol: int = PROTOCOL_VERSION
    deltas: bool = Field(
        default=False,
        description="Receive view_delta messages (only what changed) after the first full "
        "view instead of a full view after every change.",
    )
    options: RoomOptions = Field(default_factory=RoomOptions)
    admin_token: str | None = Field(
        default=None,
        max_length=200,
        description="The server's admin token, where it has one: rooms beyond the "
        "per-address limit, and the only way to create rooms on a server started with "
        "--rooms-need-token.",
    )


class Join(_ClientBase):
    """Join a room by its code as a player of ``seat`` or as an observer."""

    type: Literal["join"]
    protocol: int = PROTOCOL_VERSION
    deltas: bool = Field(
        default=False,
        description="Receive view_delta messages (only what changed) after the first full "
        "view instead of a full view after every change.",
    )
    code: str = Field(description="The room's join code, e.g. K7QX2M (case-insensitive).")
    role: Literal["player", "observer"] = "player"
    seat: str | None = Field(default=None, description="Actor id; required for players.")
    name: str = Field(default="", max_length=60, description="Your display name.")


class Auth(_ClientBase):
    """Authenticate with a token from an earlier ``welcome`` (reconnect)."""

    type: Literal["auth"]
    protocol: int = PROTOCOL_VERSION
    deltas: bool = Field(
        default=False,
        description="Receive view_delta messages (only what changed) after the first full "
        "view instead of a full view after every change.",
    )
    token: str


class ActionMessage(_ClientBase):
    """Play one game action (see :mod:`game.protocol.actions`)."""

    type: Literal["action"]
    action: Action


class Sync(_ClientBase):
    """Ask for a full view now. ``viewer``: only the facilitator may name another."""

    type: Literal["sync"]
    viewer: str | None = Field(
        default=None,
        description="Whose view: default your own. Facilitators may ask for any actor, "
        "'spectator' or 'omniscient'; anyone else only for their own.",
    )


class Ping(_ClientBase):
    """Liveness check; answered by ``pong``."""

    type: Literal["ping"]


class Replay(_ClientBase):
    """Ask for the view as it stood at the end of ``month`` (after its news); answered by
    ``replay``. Month 0 is the situation before the first month. For everyone once the
    game is over; for the facilitator at any time (months already resolved)."""

    type: Literal["replay"]
    month: int = Field(ge=0)
    viewer: str | None = Field(
        default=None,
        description="Whose view: default your own. Facilitators may name an actor, "
        "'spectator' or 'omniscient'.",
    )


class Report(_ClientBase):
    """Ask for the debrief report (a self-contained HTML page); answered by ``report``.
    For the facilitator at any time; for players and observers once the game is over."""

    type: Literal["report"]


class Archive(_ClientBase):
    """Facilitator: open the whole archive (private messages and deals included) to
    every player's and observer's report once the game is over, or close it again.
    Answered by ``archive``."""

    type: Literal["archive"]
    open: bool


class RoomRequest(_ClientBase):
    """Ask for the room's public facts (seats and who plays them) and, unless
    ``scenario`` is false, its scenario's public description (names and one-sentence
    explanations of actors, levers, options, signals, deadlines...); answered by ``room``.
    What a client needs to label views when it does not have the scenario file."""

    type: Literal["room"]
    scenario: bool = Field(default=True, description="Include the scenario's description.")


ClientMessage = Annotated[
    CreateRoom
    | Join
    | Auth
    | ActionMessage
    | Sync
    | Ping
    | Replay
    | Report
    | Archive
    | RoomRequest,
    Field(discriminator="type"),
]
"""Any message a client sends."""

AUTH_TYPES = frozenset({"create_room", "join", "auth"})


# --------------------------------------------------------------------- server -> client
class _ServerBase(BaseModel):
    request_id: RequestId = None


class PlayerInfo(BaseModel):
    """One person who joined a seat: a stable short ``id`` (for ``move``), the name they
    gave, and how many connections they have open now."""

    id: str
    name: str
    connected: int = 0


class SeatInfo(BaseModel):
    """One seat of a room: the actor, who plays it, how many are connected."""

    id: str
    name: str
    colour: str
    bot: str | None = None
    players: list[str] = Field(
        default_factory=list, description="The names of the players of this seat."
    )
    members: list[PlayerInfo] = Field(
        default_factory=list, description="The players of this seat with their ids."
    )
    connected: int = 0


class RoomInfo(BaseModel):
    """Public facts about a room."""

    code: str
    name: str
    scenario: str
    scenario_name: str
    months: list[str]
    timers: PhaseTimers
    press: str
    seats: list[SeatInfo]
    locked: bool = Field(default=False, description="New joins are refused.")
    started: bool = Field(
        default=True, description="False while a wait_for_start room waits for 'start'."
    )
    archive: Literal["private", "open"] = Field(
        default="private",
        description="Whether players' and observers' reports hold the whole archive once "
        "the game is over (open) or only what each could see (private).",
    )


class Welcome(_ServerBase):
    """Reply to ``create_room``/``join``/``auth``: who you are, and your token.

    ``token`` is set after ``create_room`` (facilitator token) and ``join`` (seat
    token): keep it to reconnect with ``auth``.
    """

    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    role: Literal["player", "observer", "facilitator"]
    seat: str | None = None
    name: str = ""
    token: str | None = None
    room: RoomInfo


class View(_ServerBase):
    """Everything the connection may know, and what it may do now.

    ``view`` is the engine's ``view_for`` (see docs/protocol.md); ``legal`` the action
    space; ``seq`` counts the accepted actions that changed this viewer's view (every
    action for the facilitator's omniscient view: docs/protocol.md "Numbering");
    ``deadline`` is the phase end as Unix time (``remaining`` in seconds), ``null``
    without a timer or when paused.
    """

    type: Literal["view"] = "view"
    room: str
    seq: int = Field(
        description="This viewer's own count of the actions that changed its view (the "
        "facilitator's: of every action); it never counts what the viewer cannot see.",
    )
    version: int = Field(
        default=0,
        description="Numbers this viewer's frames (one more with each new frame of it; "
        "again from 1 after a server restart); a view_delta names the version it "
        "applies to.",
    )
    viewer: str
    view: dict[str, Any]
    legal: dict[str, Any]
    deadline: float | None = None
    remaining: float | None = None
    state_hash: str | None = Field(default=None, description="Facilitators only.")
    started: bool = Field(
        default=True,
        description="False during briefing time (a wait_for_start room before 'start'): "
        "players may read but not act.",
    )
    paused_remaining: float | None = Field(
        default=None,
        description="While paused: the seconds the phase will have when it resumes "
        "(deadline and remaining are null then).",
    )


class ViewDelta(_ServerBase):
    """What changed since the view this connection last received (``deltas`` only).

    Apply it only to the view whose ``version`` equals ``base_version``: replace each
    key of ``view``, extend each list of ``append`` with its items, delete the keys in
    ``removed``; replace ``legal`` unless it is ``null`` (unchanged); take ``seq``,
    ``version`` and the timer fields as they are. The result equals the full ``view``
    the server would have sent. Otherwise (a view missed) ask for a full one with
    ``sync``. Pushed only, so ``request_id`` is always ``null``.
    """

    type: Literal["view_delta"] = "view_delta"
    room: str
    seq: int = Field(description="The viewer's own seq after the change (see view).")
    version: int
    base_version: int = Field(description="The version of the view this delta applies to.")
    viewer: str
    view: dict[str, Any] = Field(
        default_factory=dict, description="Top-level view keys with their new values."
    )
    append: dict[str, list[Any]] = Field(
        default_factory=dict,
        description="Top-level list keys that only grew: the new items, to add at the end.",
    )
    removed: list[str] = Field(
        default_factory=list, description="Top-level view keys that are gone."
    )
    legal: dict[str, Any] | None = Field(default=None, description="null: unchanged.")
    deadline: float | None = None
    remaining: float | None = None
    state_hash: str | None = Field(default=None, description="Facilitators only.")
    started: bool = True
    paused_remaining: float | None = None


class ReplayView(_ServerBase):
    """Reply to ``replay``: ``viewer``'s view at the end of ``month`` (after its news).

    ``seq`` is the replayed viewer's own ``seq`` at that moment (for the omniscient view,
    the number of the room's actions up to then).
    """

    type: Literal["replay"] = "replay"
    room: str
    month: int
    seq: int
    viewer: str
    view: dict[str, Any]


class ReportPage(_ServerBase):
    """Reply to ``report``: the debrief as one self-contained HTML document."""

    type: Literal["report"] = "report"
    filename: str = Field(description="A suggested file name, e.g. sixparty-K7QX2M.html.")
    html: str
    audience: Literal["full", "seat", "observer"] = Field(
        default="full",
        description="Whose report it is: full (the whole archive: the facilitator's, or "
        "anyone's once the archive is open), seat (what that player could see) or "
        "observer (what was public). The page says it too.",
    )


class ArchiveState(_ServerBase):
    """Reply to ``archive``: whether the room's reports now hold the whole archive."""

    type: Literal["archive"] = "archive"
    archive: Literal["private", "open"]


class RoomPage(_ServerBase):
    """Reply to ``room``: the room as ``welcome`` describes it, now, and the scenario's
    public description (``null`` when not asked for)."""

    type: Literal["room"] = "room"
    room: RoomInfo
    scenario: dict[str, Any] | None = None


class Ack(_ServerBase):
    """An action was accepted and written to disk; ``action`` is what was recorded."""

    type: Literal["ack"] = "ack"
    seq: int = Field(
        description="The acting viewer's own seq right after the action (a seat's own "
        "count; the facilitator's is the action's place in the log): a view of yours "
        "with this seq or more includes it.",
    )
    action: dict[str, Any]
    month: int
    phase: str


class Error(_ServerBase):
    """Something was refused: a machine ``code``, a human ``message``, the ``field``."""

    type: Literal["error"] = "error"
    code: str
    message: str
    field: str | None = None


class Pong(_ServerBase):
    """Reply to ``ping``; ``time`` is the server's Unix time."""

    type: Literal["pong"] = "pong"
    time: float


ServerMessage = Annotated[
    Welcome
    | View
    | ViewDelta
    | Ack
    | Error
    | Pong
    | ReplayView
    | ReportPage
    | ArchiveState
    | RoomPage,
    Field(discriminator="type"),
]
"""Any message the server sends."""

_CLIENT = TypeAdapter(ClientMessage)
_SERVER = TypeAdapter(ServerMessage)


def parse_client(raw: str | bytes) -> BaseModel:
    """Validate one client frame (raises :class:`pydantic.ValidationError`)."""
    return _CLIENT.validate_json(raw)


def parse_server(raw: str | bytes) -> BaseModel:
    """Validate one server frame (raises :class:`pydantic.ValidationError`)."""
    return _SERVER.validate_json(raw)


def client_schema() -> dict[str, Any]:
    """JSON Schema of every client message."""
    return _CLIENT.json_schema()


def server_schema() -> dict[str, Any]:
    """JSON Schema of every server message."""
    return _SERVER.json_schema()
