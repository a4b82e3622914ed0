"""Replaying a logged game step by step, keeping what a debrief needs at each month's end.

The engine is not touched: every logged action is applied, one at a time, to a fresh
:class:`~game.engine.game.Game`. Before each action the month and phase are noted (so
a message can be placed in its phase); after each resolution (a new monthly snapshot)
the true values, the scores "as if the game ended here", each actor's view of the
hidden variables and the agreements' statuses are kept.

>>> from game import load_scenario
>>> rules = load_scenario("korea-2019")
>>> run = replay_steps(rules, 7, [{"type": "advance", "actor": "facilitator"}] * 2)
>>> [m.month for m in run.months]
[0, 1]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from game.engine.game import FACILITATOR, Game
from game.errors import SixPartyError
from game.scenario.compile import Rules

Action = dict[str, Any]
_NEWSWORTHY = ("inject", "announce", "end")  # facilitator actions that publish news


@dataclass
class MonthEnd:
    """The state of the game at the end of one month (month 0: before the first one).

    ``partial`` marks the last row of a game the facilitator ended before resolving
    its month: the values are those standing when it ended.
    """

    month: int
    label: str
    values: dict[str, float]
    scores: dict[str, float]
    estimates: dict[str, dict[str, dict[str, float]]]  # actor -> key -> {low, high}
    intel: dict[str, list[dict[str, Any]]]  # actor -> private news received this month
    agreements: dict[int, str]  # agreement id -> status after this month
    partial: bool = False


@dataclass
class Step:
    """One logged action and when it was applied (the month and phase before it)."""

    index: int
    month: int
    phase: str
    action: Action


@dataclass
class Replayed:
    """A replayed game: the final game, the month ends, and every step's timing."""

    game: Game
    months: list[MonthEnd]
    steps: list[Step] = field(default_factory=list)
    facilitator_news: set[int] = field(default_factory=set)  # indices into game.news

    @property
    def ended_early(self) -> bool:
        """True if the facilitator ended the game before its last month was resolved."""
        return bool(self.months) and self.months[-1].partial


def _month_end(game: Game, month: int, label: str, seen_news: int, partial: bool) -> MonthEnd:
    rules = game.rules
    estimates: dict[str, dict[str, dict[str, float]]] = {}
    intel: dict[str, list[dict[str, Any]]] = {}
    news = game.news
    fresh = news[seen_news:]
    for actor in rules.actor_ids:
        view = game.view_for(actor)
        estimates[actor] = {
            key: {"low": float(x["low"]), "high": float(x["high"])}
            for key, x in view["variables"].items()
            if isinstance(x, dict)
        }
        intel[actor] = [dict(n) for n in fresh if actor in n["to"]]
    return MonthEnd(
        month=month,
        label=label,
        values={k: float(game.v[k]) for k in rules.keys},
        scores=dict(game.scores()),
        estimates=estimates,
        intel=intel,
        agreements={a["id"]: a["status"] for a in game.agreements},
        partial=partial,
    )


def replay_steps(rules: Rules, seed: int, log: Iterable[Action]) -> Replayed:
    """Apply ``log`` one action at a time to a fresh game, keeping each month's end.

    Raises :class:`~game.errors.SixPartyError` naming the first action the rules refuse
    (a corrupt or foreign log).
    """
    game = Game(rules, int(seed))
    months = [_month_end(game, 0, "Start", 0, False)]
    steps: list[Step] = []
    facilitator_news: set[int] = set()
    seen_news = len(game.news)
    for i, action in enumerate(log):
        if not isinstance(action, dict):
            raise SixPartyError(f"log entry {i}: not an action object: {action!r}"[:200])
        steps.append(Step(i, game.month, game.phase, action))
        before = len(game.snapshots)
        by_facilitator = action.get("actor") == FACILITATOR and action.get("type") in _NEWSWORTHY
        news_before = len(game.news) if by_facilitator else 0
        try:
            game.apply(action)
        except SixPartyError as exc:
            raise SixPartyError(
                f"log entry {i} ({action.get('type')!r} by {action.get('actor')!r}) "
                f"does not replay: {exc}"
            ) from None
        if by_facilitator:
            facilitator_news.update(range(news_before, len(game.news)))
        if len(game.snapshots) > before:
            month = len(game.snapshots) - 1
            months.append(_month_end(game, month, rules.months[month - 1], seen_news, False))
            seen_news = len(game.news)
    resolved = len(game.snapshots) - 1
    if game.over and resolved < game.month:
        # Ended by the facilitator during a month: keep where things stood.
        label = f"{rules.months[game.month - 1]} (ended)"
        months.append(_month_end(game, game.month, label, seen_news, True))
    return Replayed(game, months, steps, facilitator_news)
