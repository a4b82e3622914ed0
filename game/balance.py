"""Balance check: play a scenario many times with built-in bots and summarise the outcomes.

>>> from game.scenario.loader import load_scenario
>>> report = run_balance(load_scenario("tests/fixtures/mini.yaml"), games=4, bots=["random"])
>>> report.games, sorted(report.scores) == sorted(report.actors)
(4, True)

Seats rotate: in game ``g`` the actor at index ``j`` is played by ``bots[(g + j) % len(bots)]``,
so with ``games`` a multiple of the number of bots every actor meets every bot equally often.
Lever use is read from the policy in force after each month (what each actor actually
played, covert choices included).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from game.bots import BOTS, make_bot
from game.bots.base import Action, Bot, Context
from game.bots.runner import play_game
from game.engine.game import Game
from game.engine.scoring import against_history, on_par_scale
from game.errors import SixPartyError
from game.scenario.compile import Rules

PERSONAS = ("hawk", "dove", "reciprocator")


def default_bots() -> list[str]:
    """The planner bot if it is installed, else the persona bots and random."""
    if "planner" in BOTS:
        return ["planner"]
    return [b for b in (*PERSONAS, "random") if b in BOTS]


@dataclass(frozen=True)
class Spread:
    """Summary of a list of scores."""

    n: int
    mean: float
    sd: float
    min: float
    max: float

    @classmethod
    def of(cls, xs: Sequence[float]) -> Spread:
        """Mean, sample standard deviation (0 for one value), min and max."""
        if not xs:
            return cls(0, 0.0, 0.0, 0.0, 0.0)
        sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
        return cls(len(xs), statistics.fmean(xs), sd, min(xs), max(xs))


@dataclass
class LeverUse:
    """How often one bot, playing one actor, had each option of a lever in force."""

    bot: str
    actor: str
    lever: str
    default: str
    options: tuple[str, ...]
    months: Counter[str] = field(default_factory=Counter)

    @property
    def never_chosen(self) -> list[str]:
        """Options never in force."""
        return [o for o in self.options if self.months[o] == 0]

    @property
    def never_moved(self) -> bool:
        """True if the bot never moved this lever off its default."""
        return set(self.months) <= {self.default}


@dataclass
class BalanceReport:
    """What ``games`` games of a scenario looked like."""

    scenario: str
    actors: tuple[str, ...]
    bots: list[str]
    games: int = 0
    scores: dict[str, list[float]] = field(default_factory=dict)
    bot_scores: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    wars: int = 0
    war_months: list[int] = field(default_factory=list)
    deadlines: dict[str, Counter[str]] = field(default_factory=dict)
    deadline_names: dict[str, str] = field(default_factory=dict)
    usage: dict[tuple[str, str, str], LeverUse] = field(default_factory=dict)
    faults: Counter[str] = field(default_factory=Counter)
    par: dict[str, float] = field(default_factory=dict)  # the scenario's par per role
    #: lowest and highest value each tracked number took at the end of any month
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: each objective's 0..1 score at the end of each game, by (actor, objective id)
    objective_scores: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    #: the bot that played each actor, per game
    lineups: list[dict[str, str]] = field(default_factory=list)
    #: each game's raw scores, in order (to compare games: who topped which)
    game_scores: list[dict[str, float]] = field(default_factory=list)
    #: the games ended war (in order)
    game_wars: list[bool] = field(default_factory=list)
    interrupted: bool = False  # stopped early (Ctrl-C): the figures cover ``games`` games

    def beat_history(self, actor: str) -> float:
        """Share of games in which the actor's raw score beat its par (0 without a par)."""
        p = self.par.get(actor)
        xs = self.scores.get(actor, [])
        if p is None or not xs:
            return 0.0
        return sum(1 for x in xs if against_history(x, p) == "beat history") / len(xs)

    def spread(self, actor: str, bot: str | None = None) -> Spread:
        """Score spread of an actor, over all games or only those ``bot`` played it in."""
        if bot is None:
            return Spread.of(self.scores.get(actor, []))
        return Spread.of(self.bot_scores.get((actor, bot), []))

    @property
    def war_rate(self) -> float:
        """Share of games that ended in war."""
        return self.wars / self.games if self.games else 0.0

    def par_scale_mean(self, actor: str) -> float | None:
        """The actor's mean score on the scale where par is 50 (None without a par)."""
        p = self.par.get(actor)
        xs = self.scores.get(actor, [])
        if p is None or not xs:
            return None
        return statistics.fmean(on_par_scale(x, p) for x in xs)

    def unused(self, bot: str) -> list[LeverUse]:
        """Levers ``bot`` left at their default, or with options it never chose."""
        return [
            u
            for (b, _a, _l), u in sorted(self.usage.items())
            if b == bot and (u.never_moved or u.never_chosen)
        ]


class _Forced(Bot):
    """A bot whose orders always set one lever to one option (a single-lever policy)."""

    def __init__(self, inner: Bot, lever: str, option: str) -> None:
        super().__init__(inner.actor, 0)
        self.inner = inner
        self.lever = lever
        self.option = option
        self.name = inner.name

    def negotiate(self, ctx: Context) -> list[Action]:
        """As the inner bot."""
        return self.inner.negotiate(ctx)

    def orders(self, ctx: Context) -> Action:
        """The inner bot's orders with the forced lever set."""
        order = dict(self.inner.orders(ctx))
        order["levers"] = {**order.get("levers", {}), self.lever: self.option}
        return order


def run_balance(
    rules: Rules,
    games: int,
    bots: Sequence[str] | None = None,
    *,
    seed: int = 0,
    on_game: Callable[[int], None] | None = None,
    force: tuple[str, str, str] | None = None,
    stop_on_interrupt: bool = False,
) -> BalanceReport:
    """Play ``games`` seeded games (seeds ``seed .. seed+games-1``) and summarise them.

    ``force`` = (actor, lever, option) plays that actor's lever fixed at that option all
    game (the rest of its play is its bot's). With ``stop_on_interrupt``, Ctrl-C stops
    after the games played so far and returns their figures (``interrupted`` is set).
    """
    made: list[BalanceReport] = []
    try:
        return _run(rules, games, bots, seed, on_game, force, made)
    except KeyboardInterrupt:
        if not stop_on_interrupt or not made:
            raise
        made[0].interrupted = True
        return made[0]


def _run(
    rules: Rules,
    games: int,
    bots: Sequence[str] | None,
    seed: int,
    on_game: Callable[[int], None] | None,
    force: tuple[str, str, str] | None,
    made: list[BalanceReport],
) -> BalanceReport:
    names = list(bots) if bots else default_bots()
    for name in names:
        if name not in BOTS:
            from game.scenario.loader import suggest

            raise SixPartyError(
                f"unknown bot '{name}'{suggest(name, list(BOTS))}; known: {', '.join(sorted(BOTS))}"
            )
    if games < 1:
        raise SixPartyError("--games must be at least 1")
    actors = rules.actor_ids
    report = BalanceReport(rules.id, actors, names, par=dict(rules.par))
    report.scores = {a: [] for a in actors}
    report.deadlines = {d.id: Counter() for d in rules.deadlines}
    report.deadline_names = {d.id: d.name for d in rules.deadlines}
    report.ranges = {k: (x, x) for k, x in rules.initial.items() if k in rules.keys}
    made.append(report)  # the caller returns it as it stands if Ctrl-C stops the run
    for g in range(games):
        game_seed = seed + g
        lineup = {a: names[(g + j) % len(names)] for j, a in enumerate(actors)}
        players = {a: make_bot(n, a, game_seed) for a, n in lineup.items()}
        if force is not None:
            who, lever_id, option = force
            players[who] = _Forced(players[who], lever_id, option)
        for a, bot in lineup.items():
            for lever in rules.holder_levers[a]:
                key = (bot, a, lever.id)
                if key not in report.usage:
                    report.usage[key] = LeverUse(
                        bot, a, lever.id, lever.default[a], tuple(o.id for o in lever.options)
                    )

        def record(game: Game, lineup: dict[str, str] = lineup) -> None:
            for a, bot in lineup.items():
                for lever_id, option in game.policy[a].items():
                    report.usage[(bot, a, lever_id)].months[option] += 1
            for key in rules.keys:
                x = game.v[key]
                lo, hi = report.ranges.get(key, (x, x))
                report.ranges[key] = (min(lo, x), max(hi, x))

        result = play_game(rules, game_seed, players, on_month=record)
        outcome = result.game.outcome() or {}
        report.games += 1
        report.lineups.append(lineup)
        report.game_scores.append({a: float(x) for a, x in outcome.get("scores", {}).items()})
        report.game_wars.append(bool(outcome.get("war")))
        for a, objs in rules.objectives.items():
            for o in objs:
                x = max(0.0, min(1.0, float(o.score(result.game.v))))
                report.objective_scores.setdefault((a, o.id), []).append(x)
        for a, s in outcome.get("scores", {}).items():
            report.scores[a].append(float(s))
            report.bot_scores.setdefault((a, lineup[a]), []).append(float(s))
        if outcome.get("war"):
            report.wars += 1
            report.war_months.append(int(outcome.get("month", 0)))
        for d_id, met in outcome.get("deadlines", {}).items():
            report.deadlines[d_id][
                "met" if met else "missed" if met is False else "not reached"
            ] += 1
        for fault in result.faults:
            report.faults[f"{fault.bot}: {fault.kind}"] += 1
        if on_game is not None:
            on_game(g)
    return report
