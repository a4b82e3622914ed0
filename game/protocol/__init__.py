"""The wire protocol shared by the server and its clients: pydantic message models.

>>> from game.protocol import PROTOCOL_VERSION, parse_client
>>> parse_client('{"type": "auth", "token": "abc"}').token
'abc'
"""

from game.protocol.actions import FACILITATOR_ACTIONS, PLAYER_ACTIONS, parse_action, to_engine
from game.protocol.errors import SERVER_CODES, ProtocolError, validation_error
from game.protocol.messages import (
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    Ack,
    Error,
    PhaseTimers,
    PlayerInfo,
    Pong,
    ReplayView,
    ReportPage,
    RoomInfo,
    RoomOptions,
    SeatInfo,
    View,
    ViewDelta,
    Welcome,
    parse_client,
    parse_server,
)

__all__ = [
    "FACILITATOR_ACTIONS",
    "MAX_MESSAGE_BYTES",
    "PLAYER_ACTIONS",
    "PROTOCOL_VERSION",
    "SERVER_CODES",
    "Ack",
    "Error",
    "PhaseTimers",
    "PlayerInfo",
    "Pong",
    "ReplayView",
    "ReportPage",
    "ProtocolError",
    "RoomInfo",
    "RoomOptions",
    "SeatInfo",
    "View",
    "ViewDelta",
    "Welcome",
    "parse_action",
    "parse_client",
    "parse_server",
    "to_engine",
    "validation_error",
]
