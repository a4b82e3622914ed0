"""The facilitator's classroom controls: start, extend, seat, lock, move, and skipping to
resolution.

These are actions like any other — applied by :meth:`Game.apply`, appended to the log,
replayed by :meth:`Game.replay` — so a server that restarts from the log rebuilds its
room (who plays which seat, whether the room is locked, whether it started) from the
same record as the game. Most of them concern only the server (timers, seats, joins):
their handlers check the action's shape against the rules (an unknown seat is refused,
naming the field) and change no game variable, so the state hash is unaffected.

>>> from game import Game, load_scenario
>>> g = Game(load_scenario("korea-2019"), seed=1)
>>> g.apply({"type": "seat", "actor": "facilitator", "seat": "china", "bot": "hawk"})
>>> g.apply({"type": "advance", "actor": "facilitator", "to": "resolution"})
>>> g.month, g.phase
(2, 'negotiation')
"""

from __future__ import annotations

from typing import Any

from game.engine import actions as _actions
from game.engine.state import Action, State
from game.errors import IllegalAction
from game.scenario.compile import Rules, memo

MAX_EXTEND_SECONDS = 24 * 3600
"""The largest change of a phase's remaining time one ``extend`` may ask for."""


def _seat(game: State, action: Action, field: str = "seat") -> str:
    seat = action.get(field)
    if not isinstance(seat, str) or seat not in game.rules.actors:
        seats = ", ".join(game.rules.actor_ids)
        raise IllegalAction(f"no seat {seat!r}; seats: {seats}", "unknown_seat", field)
    return seat


def advance(game: State, action: Action) -> None:
    """End the current phase now; with ``to: "resolution"``, end negotiation and orders
    in one go (seats without final orders keep last month's policy)."""
    to = action.get("to")
    if to is not None and to != "resolution":
        raise IllegalAction("'to' must be \"resolution\" (or left out)", "bad_field", "to")
    month = game.month
    _actions.end_phase(game, action)
    if to == "resolution" and game.phase == "orders" and game.month == month:
        _actions.end_phase(game, {"type": "advance", "actor": action.get("actor")})


def start(game: State, action: Action) -> None:
    """Start a room that waited for its facilitator (briefing time is over).

    Changes no game variable; the server starts the phase timer. A game starts once.
    """
    for earlier in game.log:
        if earlier.get("type") == "start":
            raise IllegalAction("the game has already started", "already_started", "type")


def extend(game: State, action: Action) -> None:
    """Lengthen (``seconds`` > 0) or shorten (< 0) the current phase; the server keeps
    its timer and its floor. Changes no game variable."""
    seconds = action.get("seconds")
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds == 0:
        raise IllegalAction("'seconds' must be a whole number, not 0", "bad_field", "seconds")
    if abs(seconds) > MAX_EXTEND_SECONDS:
        raise IllegalAction(
            f"'seconds' must be within ±{MAX_EXTEND_SECONDS}", "bad_field", "seconds"
        )


def seat(game: State, action: Action) -> None:
    """Hand ``seat`` to the built-in bot ``bot``, or back to people (``bot``: null).

    The server knows the bots and runs them; the engine checks the seat exists.
    """
    _seat(game, action)
    bot = action.get("bot")
    if bot is not None and (not isinstance(bot, str) or not bot.strip()):
        raise IllegalAction("'bot' must be a bot's name or null", "bad_field", "bot")


def lock(game: State, action: Action) -> None:
    """Lock the room against new joins (``locked``: true) or open it again."""
    if not isinstance(action.get("locked"), bool):
        raise IllegalAction("'locked' must be true or false", "bad_field", "locked")


def move(game: State, action: Action) -> None:
    """Move a joined ``player`` (the server's player id) to another ``seat``."""
    player = action.get("player")
    if not isinstance(player, str) or not player.strip():
        raise IllegalAction("'player' must be a player id", "bad_field", "player")
    _seat(game, action)


def menu(game: State) -> dict[str, Any]:
    """What a facilitator's inject menu offers: the scenario's injects and the variables a
    custom inject may change, with their bounds (cached per rules; do not mutate).

    ``{"injects": [{"id", "title", "news"}], "variables": [{"id", "name", "min", "max"}]}``
    """
    return _MENU(game.rules)


def _menu_of(rules: Rules) -> dict[str, Any]:
    return {
        "injects": [
            {"id": ev.id, "title": ev.name, "news": ev.news} for ev in rules.injects.values()
        ],
        "variables": [
            {
                "id": key,
                "name": rules.var_names.get(key, key),
                "min": rules.bounds[key][0],
                "max": rules.bounds[key][1],
            }
            for key in rules.keys
        ],
    }


_MENU = memo(_menu_of)
