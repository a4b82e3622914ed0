"""The facilitator's controls, as far as the room (not the rules) is concerned.

The engine checks each control's shape (:mod:`game.engine.facilitation`); here the
server checks what only it knows — is the game started, is there a clock to extend,
does that player or bot exist — and says what the facilitator may do now
(:func:`facilitator_legal`, the ``legal`` of the facilitator's view).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.bots import BOTS
from game.engine.facilitation import MAX_EXTEND_SECONDS, menu
from game.engine.specs import senders
from game.engine.state import FACILITATOR
from game.errors import IllegalAction
from game.scenario.loader import suggest

if TYPE_CHECKING:
    from game.engine.game import Game
    from server.room import Room

EXTEND_FLOOR = 5.0
"""Seconds: ``extend`` with a negative number never leaves a phase less time than this."""
MAX_PLAYERS_PER_SEAT = 12
"""How many people may share one seat (a team)."""

Clock = tuple[float | None, float | None]
"""(deadline as Unix time, seconds left while paused): at most one is set."""


@dataclass
class Member:
    """A person who joined a seat: their player id, name and current seat."""

    id: str
    name: str
    seat: str


@dataclass(frozen=True)
class Status:
    """The room's own state that views and legal spaces need (a snapshot, safe to hand
    to the view thread)."""

    started: bool = True
    locked: bool = False
    paused_remaining: float | None = None
    """Seconds the phase has left while the room is paused (its clock is stopped)."""
    timer: bool = False
    """The current phase has a clock (running or paused) that ``extend`` can change."""
    seats: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    """Per seat: ``{"id", "bot", "players": [{"id", "name", "connected"}]}``."""


def facilitator_legal(game: Game, status: Status) -> dict[str, Any]:
    """The facilitator's controls now, and the menus to build them from."""
    types = set(senders(FACILITATOR))  # every control the specs declare, less those not now
    if not any(s["players"] for s in status.seats):
        types.discard("move")
    if status.started:
        types.discard("start")
        types.discard("pause" if game.paused else "resume")
    else:
        types -= {"advance", "pause", "resume", "extend"}
    if not status.timer:
        types.discard("extend")
    options = menu(game)
    return {
        "types": sorted(types),
        "advance_to": ["resolution"] if status.started else [],
        "injects": options["injects"],
        "variables": options["variables"],
        "bots": sorted(BOTS),
        "seats": [dict(s) for s in status.seats],
        "started": status.started,
        "locked": status.locked,
        "paused": game.paused,
        "extend": {"floor": EXTEND_FLOOR, "max": MAX_EXTEND_SECONDS} if status.timer else None,
    }


def check_control(room: Room, action: dict[str, Any]) -> Clock | None:
    """Refuse a facilitator control the room cannot take now (before the engine sees
    it); return the new clock for ``start`` and ``extend``."""
    kind = action.get("type")
    if kind == "start":
        if room.started:
            raise IllegalAction("the game has already started", "already_started", "type")
        return room.fresh_timer()
    if not room.started and kind in ("advance", "pause", "resume", "extend"):
        raise IllegalAction(
            f"the game has not started: send 'start' before '{kind}'", "not_started", "type"
        )
    if kind == "extend":
        return _extended(room, action.get("seconds"))
    if kind == "seat":
        bot = action.get("bot")
        if action.get("seat") in room.rules.actors and bot is not None and bot not in BOTS:
            raise IllegalAction(
                f"no bot {bot!r}{suggest(str(bot), list(BOTS))}; bots: {', '.join(sorted(BOTS))}",
                "unknown_bot",
                "bot",
            )
    elif kind == "move":
        _check_move(room, action)
    return None


def _extended(room: Room, seconds: Any) -> Clock | None:
    if not isinstance(seconds, int) or isinstance(seconds, bool):
        return None  # the engine names the bad field
    if room.game.over or (room.deadline is None and room.paused_remaining is None):
        raise IllegalAction(
            f"the {room.game.phase} phase has no timer to change", "no_timer", "type"
        )
    now = time.time()
    paused = room.deadline is None
    left = room.paused_remaining if paused else room.deadline - now  # type: ignore[operator]
    assert left is not None
    if seconds < 0 and left <= EXTEND_FLOOR:
        raise IllegalAction(
            f"only {left:.0f} s left: a phase cannot be shortened below {EXTEND_FLOOR:g} s",
            "timer_floor",
            "seconds",
        )
    left = max(EXTEND_FLOOR, left + seconds)
    return (None, left) if paused else (now + left, None)


def _check_move(room: Room, action: dict[str, Any]) -> None:
    player, seat = action.get("player"), action.get("seat")
    if seat not in room.rules.actors:
        return  # the engine names the unknown seat
    member = room.members.get(player) if isinstance(player, str) else None
    if member is None:
        known = ", ".join(f"{m.id} ({m.name}, {m.seat})" for m in room.members.values())
        raise IllegalAction(
            f"no player {player!r} in this room; players: {known or 'none'}",
            "unknown_player",
            "player",
        )
    if member.seat == seat:
        raise IllegalAction(f"{member.name} already plays {seat!r}", "bad_field", "seat")
    if seat in room.bots:
        raise IllegalAction(
            f"seat {seat!r} is played by a bot: take it back first ('seat' with bot null)",
            "seat_is_bot",
            "seat",
        )
    if len(room.players[seat]) >= MAX_PLAYERS_PER_SEAT:
        raise IllegalAction(
            f"seat {seat!r} already has {MAX_PLAYERS_PER_SEAT} players", "seat_full", "seat"
        )
    action["name"] = member.name  # logged, so the debrief can say who moved
