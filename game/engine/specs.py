"""One spec per action type: its handler, what it changes, and who may send it.

This table is the only place an action type is registered. :meth:`Game.apply` finds
the handler and the sender here, :meth:`Game.part_stamps` what it changed; the protocol
(:mod:`game.protocol.actions`) derives the player and facilitator sets from it and
requires one message model per spec (its import fails otherwise); the server asks it
who may send an action (``server/session.py``) and which controls a facilitator has
(``server/controls.py``); the clients list no action types of their own: they show what
the server's legal actions and controls offer.

How to add an action (say ``wave``, a player's greeting):

1. write its handler ``wave(game, action)`` in :mod:`game.engine.actions` (check
   everything first, then change the state: a refused action changes nothing);
2. add its spec to :data:`SPECS` below: ``ActionSpec("wave", actions.wave, PLAYER,
   (("messages",), (), ()))`` (a public message: everyone's ``messages`` part moves);
3. add its message model to :mod:`game.protocol.actions`: ``class WaveAction(ActionModel)``
   with ``type: Literal["wave"]`` and its fields.

``tests/engine/test_specs.py`` checks that the three agree (a spec without a model, a
model without a spec, an unknown ``touches`` part all fail), and shows that a spec and
a model added in a test are accepted from the protocol to the engine's replay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from game.engine import actions, facilitation
from game.engine.state import FACILITATOR, PARTS, Action, State

PLAYER: Final = "player"
"""Sent by the seat of an actor (the action's ``actor`` is that actor)."""
Sender = Literal["player", "facilitator"]

Touch = tuple[tuple[str, ...], tuple[str, ...], Sequence[str]]
"""What an action changed: parts everyone sees change, parts only an audience sees
change, and that audience (actors)."""
Handler = Callable[[State, Action], None]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """Everything the program knows of one action type but its message model.

    ``type``: the action's ``type``; ``handler(game, action)`` checks it and changes the
    game (or raises :class:`~game.errors.IllegalAction` and changes nothing);
    ``sender``: ``"player"`` or ``"facilitator"``; ``touches``: the parts of the state
    (:data:`~game.engine.state.PARTS`) it changes, as a :data:`Touch` or a function of
    the game after the action and the action giving one; ``None`` counts as changing
    every part for everyone (the facilitator's controls). ``after_over``: accepted once
    the game is over (no action is, today)."""

    type: str
    handler: Handler
    sender: Sender
    touches: Touch | Callable[[State, Action], Touch] | None = None
    after_over: bool = False


def _touch_message(game: State, action: Action) -> Touch:
    to = action.get("to")
    if not to:
        return (("messages",), (), ())
    return ((), ("messages",), (action["actor"], *to))


def _touch_propose(game: State, action: Action) -> Touch:
    parties = game.proposals[game.open_ids[-1]]["parties"]  # the new proposal's
    counter = action.get("counter_to")
    if counter is not None:  # the countered proposal closed: its parties see that too
        parties = [*parties, *game.proposals[counter]["parties"]]
    return ((), ("proposals",), parties)


def _touch_respond(game: State, action: Action) -> Touch:
    prop = game.proposals[action["proposal"]]
    if prop["status"] == "accepted":  # an agreement: deals move values everyone sees
        return (("values",), ("proposals", "agreements"), prop["parties"])
    return ((), ("proposals",), prop["parties"])


def _touch_withdraw(game: State, action: Action) -> Touch:
    return ((), ("proposals",), game.proposals[action["proposal"]]["parties"])


def _touch_orders(game: State, action: Action) -> Touch:
    return (("ready",), ("drafts",), (action["actor"],))


SPECS: dict[str, ActionSpec] = {
    s.type: s
    for s in (
        ActionSpec("message", actions.message, PLAYER, _touch_message),
        ActionSpec("propose", actions.propose, PLAYER, _touch_propose),
        ActionSpec("respond", actions.respond, PLAYER, _touch_respond),
        ActionSpec("withdraw", actions.withdraw, PLAYER, _touch_withdraw),
        ActionSpec("unsc_draft", actions.unsc_draft, PLAYER, (("unsc",), (), ())),
        ActionSpec("unsc_vote", actions.unsc_vote, PLAYER, (("unsc",), (), ())),
        ActionSpec("orders", actions.orders, PLAYER, _touch_orders),
        ActionSpec("ready", actions.ready, PLAYER, (("ready",), (), ())),
        ActionSpec("advance", facilitation.advance, FACILITATOR),
        ActionSpec("pause", actions.pause, FACILITATOR),
        ActionSpec("resume", actions.resume, FACILITATOR),
        ActionSpec("inject", actions.inject, FACILITATOR),
        ActionSpec("announce", actions.announce, FACILITATOR),
        ActionSpec("end", actions.end, FACILITATOR),
        ActionSpec("start", facilitation.start, FACILITATOR),
        ActionSpec("extend", facilitation.extend, FACILITATOR),
        ActionSpec("seat", facilitation.seat, FACILITATOR),
        ActionSpec("lock", facilitation.lock, FACILITATOR),
        ActionSpec("move", facilitation.move, FACILITATOR),
    )
}
"""Every action type's spec, by type, in the protocol's order."""


def register(spec: ActionSpec) -> None:
    """Add (or replace) an action type: the engine accepts it from now on. The protocol
    needs its message model too (see the module's docstring)."""
    problem = spec_problem(spec)
    if problem:
        raise ValueError(f"action spec {spec.type!r}: {problem}")
    SPECS[spec.type] = spec


def spec_problem(spec: ActionSpec) -> str | None:
    """What is wrong with ``spec`` (a missing handler, an unknown sender or part), or None."""
    if not spec.type or not spec.type.isidentifier():
        return "its type must be a name (letters, digits, _)"
    if not callable(spec.handler):
        return "its handler is not callable"
    if spec.sender not in (PLAYER, FACILITATOR):
        return f"sender must be {PLAYER!r} or {FACILITATOR!r}, not {spec.sender!r}"
    touches = spec.touches
    if isinstance(touches, tuple):
        if len(touches) != 3:
            return "touches must be (public parts, private parts, audience)"
        unknown = sorted((set(touches[0]) | set(touches[1])) - set(PARTS))
        if unknown:
            return f"touches unknown parts {unknown}; parts: {', '.join(PARTS)}"
    elif touches is not None and not callable(touches):
        return "touches must be a Touch, a function giving one, or None"
    return None


def senders(sender: Sender) -> frozenset[str]:
    """The action types ``sender`` (``"player"`` or ``"facilitator"``) may send now."""
    return frozenset(t for t, s in SPECS.items() if s.sender == sender)
