"""Protocol error codes, and turning validation failures into ``error`` messages.

Codes coming from the rules engine (``wrong_phase``, ``stale``, ``not_your_lever``,
``unknown_option``, ...) pass through unchanged; see ``IllegalAction`` in
:mod:`game.errors`. The codes below are the server's own.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from game.errors import SixPartyError
from game.protocol.actions import FACILITATOR_ACTIONS, PLAYER_ACTIONS
from game.protocol.messages import Error, RequestId

ACTION_TYPES = PLAYER_ACTIONS | FACILITATOR_ACTIONS
MESSAGE_TYPES = frozenset(
    {"create_room", "join", "auth", "action", "sync", "ping", "replay", "report", "archive"}
)

SERVER_CODES: dict[str, str] = {
    "bad_json": "the frame is not valid JSON (the connection stays open)",
    "bad_number": "NaN, Infinity, -Infinity or a number beyond a double, anywhere in a frame",
    "too_deep": "the frame nests arrays/objects deeper than 32; refused before parsing",
    "duplicate_request": "this request_id was used for a different action within 10 minutes",
    "bad_frame": "a binary frame; send JSON as text",
    "unknown_type": "no message (or action) of that 'type'",
    "invalid": "a field is missing, has the wrong type, or is not allowed; 'field' names it",
    "protocol_version": "the client speaks another protocol version; the connection closes",
    "auth_required": "the first message must be create_room, join or auth",
    "already_authenticated": "this connection is already authenticated",
    "bad_token": "the token is unknown (too many failures close the connection)",
    "unknown_room": "no room has that join code",
    "unknown_seat": "the room has no such seat (actor id)",
    "seat_is_bot": "a bot plays that seat",
    "seat_full": "the seat has as many players as a team may have",
    "unknown_scenario": "the server offers no such scenario",
    "unknown_bot": "no built-in bot of that name",
    "too_many_rooms": "the server's limit of rooms in play is reached (finished rooms do "
    "not count)",
    "room_quota": "this address created as many rooms as it may this hour",
    "admin_token_required": "this server creates rooms only for holders of its admin token",
    "not_your_seat": "the action names another actor than your seat",
    "not_facilitator": "only the room's facilitator may do that",
    "not_a_player": "the facilitator steers the room but plays no seat",
    "observer": "observers cannot act",
    "forbidden_view": "you may only see your own view",
    "press_public_only": "this room allows public chat only",
    "press_none": "this room allows no chat",
    "rate_limited": "too many messages; the connection closes (1008)",
    "room_locked": "the facilitator locked the room: no new joins (tokens still work)",
    "not_started": "briefing time: the facilitator has not started the game yet",
    "already_started": "the game has already started",
    "no_timer": "the current phase has no timer to extend or shorten",
    "timer_floor": "the phase cannot be shortened below the floor (5 s left)",
    "unknown_player": "no player with that id in this room",
    "game_not_over": "replays and reports open to players when the game is over",
    "unknown_month": "no such month to replay (yet)",
    "report_unavailable": "this server cannot make debrief reports",
    "storage_failed": "the action could not be written to disk, so it was not accepted",
    "server_error": "an unexpected server fault; the action was not accepted",
}
"""Every server-side error code and what it means."""


class ProtocolError(SixPartyError):
    """A request was refused: ``code`` (machine), the message (human), ``field`` at fault.

    The server raises it to answer with an ``error`` message; the client helper raises
    it when an ``error`` comes back.
    """

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(message)

    def to_message(self, request_id: RequestId = None) -> Error:
        """The ``error`` message for this refusal."""
        return Error(request_id=request_id, code=self.code, message=str(self), field=self.field)


_TAG_ERRORS = {"union_tag_invalid", "union_tag_not_found"}


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def validation_error(exc: ValidationError, request_id: RequestId = None) -> Error:
    """The ``error`` for a client frame that failed validation (first problem first).

    The discriminator tags pydantic puts in error paths are dropped, so the field reads
    as in the message: ``action.proposal``, not ``action.action.respond.proposal``.
    """
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    kind = first["type"]
    if kind == "json_invalid":
        return Error(
            request_id=request_id,
            code="bad_json",
            message=f"not valid JSON: {first['msg'].removeprefix('Invalid JSON: ')}",
        )
    if kind in _TAG_ERRORS:
        # loc is () for the message, or (tag, "action") for the nested action
        where = "action.type" if len(loc) >= 2 else "type"
        got = first.get("input")
        tag = got.get("type") if isinstance(got, dict) else None
        what = "action" if where == "action.type" else "message"
        expected = ", ".join(sorted(ACTION_TYPES if what == "action" else MESSAGE_TYPES))
        if tag is None:
            text = f"the {what} has no 'type'; expected one of {expected}"
        else:
            text = f"unknown {what} type {tag!r}; expected one of {expected}"
        return Error(request_id=request_id, code="unknown_type", message=text, field=where)
    parts = list(loc[1:])  # drop the message tag
    if parts[:1] == ["action"] and len(parts) >= 2:
        del parts[1]  # drop the action tag
    if kind in ("model_type", "dict_type") and not parts:
        return Error(
            request_id=request_id, code="invalid", message="a message must be a JSON object"
        )
    if parts[:1] == ["request_id"]:  # a union: pydantic names its member (request_id.str)
        return Error(
            request_id=None,
            code="invalid",
            message=f"request_id must be a string or an integer, got {first.get('input')!r}"[:120],
            field="request_id",
        )
    field = _dotted(tuple(parts)) or None
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    text = f"{field or 'message'}: {first['msg']}"
    if kind not in ("missing", "extra_forbidden") and "input" in first:
        text += f", got {first['input']!r}"[:120]
    return Error(request_id=request_id, code="invalid", message=text + more, field=field)
