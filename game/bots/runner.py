"""Playing a whole game headless with bots, in a fixed, deterministic order.

Each month: ``rounds`` negotiation rounds (actors in scenario order), then everyone is
ready; then each bot's orders. A bot that raises, overruns its time budget or returns
an illegal action is recorded as a fault; its actor keeps last month's policy and the
game goes on.

With a ``budget``, a decision that runs past it is interrupted (on the main thread of a
POSIX process, by a timer signal) or, where signals are unavailable, discarded when it
returns late. Either way it is a ``timeout`` fault.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from game.bots.base import Bot, Context
from game.engine.game import Game
from game.errors import IllegalAction
from game.scenario.compile import Rules


@dataclass
class Fault:
    """A bot misbehaved: what, when, and what the runner did about it."""

    actor: str
    bot: str
    month: int
    phase: str
    kind: str  # "error", "illegal", "timeout"
    detail: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "actor": self.actor,
            "bot": self.bot,
            "month": self.month,
            "phase": self.phase,
            "kind": self.kind,
            "detail": self.detail,
        }


@dataclass
class RunResult:
    """A finished game and the faults recorded on the way."""

    game: Game
    faults: list[Fault] = field(default_factory=list)


class BotTimeout(BaseException):
    """Raised inside a bot's decision when it runs past its budget.

    A ``BaseException`` so that a bot's own ``except Exception`` cannot swallow it.
    """


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _interrupt_after(seconds: float) -> Iterator[None]:
    """Raise :class:`BotTimeout` in this thread after ``seconds`` (POSIX main thread only)."""

    def on_alarm(signum: int, frame: Any) -> None:
        raise BotTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def standing_orders(game: Game, actor: str) -> dict[str, Any]:
    """The orders of a seat that gave no valid ones: last month's policy, no signals."""
    return {
        "type": "orders",
        "actor": actor,
        "levers": dict(game.policy[actor]),
        "signals": [],
        "stand_up": [],
        "final": True,
    }


def bot_rng(seed: int, index: int) -> random.Random:
    """The deterministic random generator of the bot in seat ``index``."""
    return random.Random(seed * 7919 + index * 104729 + 1)


def play_game(
    rules: Rules,
    seed: int,
    bots: Mapping[str, Bot],
    *,
    budget: float | None = None,
    on_month: Callable[[Game], None] | None = None,
) -> RunResult:
    """Play a whole game with one bot per actor; return the game and any faults.

    ``budget``: seconds a bot may take for one decision; a slower decision is
    interrupted (or its late answer discarded) and recorded as a ``timeout`` fault. Leave
    it ``None`` for reproducible research runs: a budget makes results depend on speed.
    ``on_month`` is called after each resolved month (it may raise to abort the game).
    """
    game = Game(rules, seed)
    faults: list[Fault] = []
    actors = rules.actor_ids
    rngs = {a: bot_rng(seed, i) for i, a in enumerate(actors)}
    rounds = rules.negotiation.rounds
    interrupt = budget is not None and _can_interrupt()

    def fault(actor: str, kind: str, detail: str) -> None:
        """Record that the bot playing ``actor`` misbehaved now."""
        faults.append(Fault(actor, bots[actor].name, game.month, game.phase, kind, detail))

    def call(actor: str, fn: Callable[[Context], Any], ctx: Context) -> Any:
        if budget is None:  # research runs: no clock, no timer
            try:
                return fn(ctx)
            except Exception as exc:  # a bot's crash must not end the game
                return fault(actor, "error", f"{type(exc).__name__}: {exc}")
        start = time.perf_counter()
        try:
            if interrupt:
                with _interrupt_after(budget):
                    result = fn(ctx)
            else:
                result = fn(ctx)
        except BotTimeout:
            return fault(actor, "timeout", f"interrupted after {budget}s")
        except Exception as exc:  # a bot's crash must not end the game
            return fault(actor, "error", f"{type(exc).__name__}: {exc}")
        if time.perf_counter() - start > budget:
            return fault(actor, "timeout", f"took longer than {budget}s")
        return result

    def submit(actor: str, action: Any) -> None:
        if not isinstance(action, dict):
            fault(actor, "illegal", f"not an action: {action!r}"[:200])
            return
        try:
            game.apply({**action, "actor": actor})
        except IllegalAction as exc:
            fault(actor, "illegal", str(exc))

    # Bound methods, looked up once: the loops below run for every decision.
    negotiators = [(a, bots[a].negotiate, rngs[a]) for a in actors]
    orderers = [(a, bots[a].orders, rngs[a]) for a in actors]
    apply = game.apply
    while not game.over:
        for r in range(rounds):
            for actor, negotiate, rng in negotiators:
                ctx = Context(game, actor, r, rng)
                if budget is None:  # research runs: no clock, no timer (call() inlined)
                    try:
                        moves: Any = negotiate(ctx)
                    except Exception as exc:  # a bot's crash must not end the game
                        fault(actor, "error", f"{type(exc).__name__}: {exc}")
                        continue
                else:
                    moves = call(actor, negotiate, ctx)
                if moves is None:
                    continue
                if not isinstance(moves, list):
                    moves = [moves]
                for move in moves:
                    if type(move) is dict:  # submit() inlined for plain dicts
                        try:
                            apply({**move, "actor": actor})
                        except IllegalAction as exc:
                            fault(actor, "illegal", str(exc))
                    else:
                        submit(actor, move)
        for actor in actors:
            if game.phase == "negotiation":
                apply({"type": "ready", "actor": actor})
        for actor, orders, rng in orderers:
            if game.phase != "orders":
                break
            ctx = Context(game, actor, 0, rng)
            if budget is None:
                try:
                    order: Any = orders(ctx)
                except Exception as exc:  # a bot's crash must not end the game
                    fault(actor, "error", f"{type(exc).__name__}: {exc}")
                    order = None
            else:
                order = call(actor, orders, ctx)
            if order is not None:
                if isinstance(order, dict):  # one merged copy: type, the order, final, actor
                    try:
                        game.apply({"type": "orders", **order, "final": True, "actor": actor})
                    except IllegalAction as exc:
                        fault(actor, "illegal", str(exc))
                else:
                    submit(actor, order)
            if game.phase == "orders" and actor not in game.submitted:
                game.apply(standing_orders(game, actor))
        if on_month is not None:
            on_month(game)
    return RunResult(game, faults)
