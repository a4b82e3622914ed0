"""Tournament statistics: means with standard errors and 95% confidence intervals per
bot and per bot x role, win, deal, war and deadline rates, and openskill Plackett-Luce
ratings. Only finished games (``status == "ok"``) count.

Each seat of each game is one observation of its bot. A win is a seat with the game's
top score; a tie for the top splits the win evenly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

# Two-sided 95% Student t quantiles for small samples (df -> t); 1.96 beyond.
_T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26}
_T95.update({10: 2.23, 12: 2.18, 15: 2.13, 20: 2.09, 25: 2.06, 30: 2.04, 60: 2.00, 120: 1.98})


def t95(df: int) -> float:
    """The two-sided 95% t quantile for ``df`` degrees of freedom (conservative lookup)."""
    if df <= 0:
        return math.inf
    for k in sorted(_T95):
        if df <= k:
            return _T95[k]
    return 1.96


@dataclass
class Summary:
    """Mean, standard error and 95% confidence interval of a sample."""

    n: int
    mean: float
    sd: float
    se: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        """JSON-able form, rounded."""
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}


def summarise(xs: list[float]) -> Summary:
    """Mean ± SE and a t-based 95% CI (infinite width for fewer than two values)."""
    n = len(xs)
    if n == 0:
        return Summary(0, math.nan, math.nan, math.nan, math.nan, math.nan)
    mean = sum(xs) / n
    if n < 2:
        return Summary(n, mean, math.nan, math.nan, -math.inf, math.inf)
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1))
    se = sd / math.sqrt(n)
    half = t95(n - 1) * se
    return Summary(n, mean, sd, se, mean - half, mean + half)


def stratified(groups: list[list[float]]) -> Summary:
    """Mean and 95% CI of the average of group means, with the spread within groups
    only: the stratified estimator, for a design that fixes how many observations each
    group gets (role rotation gives every bot the same seats in every role, so the
    spread between roles is the design, not chance).

    The mean is the average of the group means (equal to the plain mean when groups are
    equal in size); its SE is ``sqrt(sum(s_g^2 / n_g)) / G``, with a t quantile on
    ``sum(n_g - 1)`` degrees of freedom. Groups of fewer than two values give an
    infinite interval.
    """
    groups = [g for g in groups if g]
    if not groups:
        return Summary(0, math.nan, math.nan, math.nan, math.nan, math.nan)
    parts = [summarise(g) for g in groups]
    k = len(parts)
    mean = sum(p.mean for p in parts) / k
    n = sum(p.n for p in parts)
    if any(p.n < 2 for p in parts):
        return Summary(n, mean, math.nan, math.nan, -math.inf, math.inf)
    se = math.sqrt(sum(p.sd**2 / p.n for p in parts)) / k
    half = t95(n - k) * se
    return Summary(n, mean, se * math.sqrt(n), se, mean - half, mean + half)


@dataclass
class BotStats:
    """Everything the report says about one bot."""

    bot: str
    score: Summary
    wins: float
    seats: int
    games: int
    deal_seats: int
    war_games: int
    deadlines_met: int
    deadlines_total: int
    faults: int
    by_role: dict[str, Summary] = field(default_factory=dict)
    rating: dict[str, float] = field(default_factory=dict)
    within_roles: Summary | None = None
    """The mean score with a role-stratified 95% CI (see :func:`stratified`)."""

    @property
    def win_rate(self) -> float:
        """Share of its seats that won (ties split)."""
        return self.wins / self.seats if self.seats else math.nan

    @property
    def deal_rate(self) -> float:
        """Share of its seats that were party to at least one agreement."""
        return self.deal_seats / self.seats if self.seats else math.nan

    @property
    def war_rate(self) -> float:
        """Share of the games it played in that ended in war."""
        return self.war_games / self.games if self.games else math.nan

    @property
    def deadline_rate(self) -> float:
        """Share of deadlines met in the games it played in."""
        return self.deadlines_met / self.deadlines_total if self.deadlines_total else math.nan


def finished(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The finished games, latest record per id, in id order."""
    latest: dict[str, dict[str, Any]] = {}
    for r in records:
        latest[r["id"]] = r
    return [latest[k] for k in sorted(latest) if latest[k]["status"] == "ok"]


def openskill_ratings(games: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Plackett-Luce ratings from each game's ranking by score (ties are ties).

    Every seat is a one-player team. When a bot holds several seats of one game (copies
    of a baseline) each copy is rated from the bot's rating before the game and the bot
    moves by the average of its copies' updates.
    """
    from openskill.models import PlackettLuce

    model = PlackettLuce()
    ratings: dict[str, Any] = {}
    for g in games:
        seats = sorted(g["seating"].items())
        for _, bot in seats:
            if bot not in ratings:
                ratings[bot] = model.rating(name=bot)
        teams = [[model.rating(mu=ratings[b].mu, sigma=ratings[b].sigma)] for _, b in seats]
        scores = [float(g["scores"][role]) for role, _ in seats]
        new = model.rate(teams, scores=scores)
        moves: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for (_, bot), team in zip(seats, new, strict=True):
            moves[bot].append((team[0].mu, team[0].sigma))
        for bot, ms in moves.items():
            mu = sum(m for m, _ in ms) / len(ms)
            sigma = sum(s for _, s in ms) / len(ms)
            ratings[bot] = model.rating(mu=mu, sigma=sigma, name=bot)
    return {
        b: {
            "mu": r.mu,
            "sigma": r.sigma,
            "ordinal": r.ordinal(),
            "low": r.mu - 1.96 * r.sigma,
            "high": r.mu + 1.96 * r.sigma,
        }
        for b, r in ratings.items()
    }


def bot_stats(records: list[dict[str, Any]]) -> dict[str, BotStats]:
    """Per-bot statistics over the finished games of ``records``."""
    games = finished(records)
    scores: dict[str, list[float]] = defaultdict(list)
    by_role: dict[tuple[str, str], list[float]] = defaultdict(list)
    wins: dict[str, float] = defaultdict(float)
    deal_seats: dict[str, int] = defaultdict(int)
    played: dict[str, int] = defaultdict(int)
    wars: dict[str, int] = defaultdict(int)
    met: dict[str, int] = defaultdict(int)
    total_dl: dict[str, int] = defaultdict(int)
    faults: dict[str, int] = defaultdict(int)
    for g in games:
        top = max(g["scores"].values())
        winners = [r for r, s in g["scores"].items() if s == top]
        deadlines = [v for v in g.get("deadlines", {}).values() if v is not None]
        for role, bot in g["seating"].items():
            s = float(g["scores"][role])
            scores[bot].append(s)
            by_role[(bot, role)].append(s)
            if role in winners:
                wins[bot] += 1.0 / len(winners)
            if g.get("deals", {}).get(role, 0) > 0:
                deal_seats[bot] += 1
        for bot in set(g["seating"].values()):
            played[bot] += 1
            wars[bot] += int(bool(g.get("war")))
            met[bot] += sum(1 for v in deadlines if v)
            total_dl[bot] += len(deadlines)
        for f in g.get("faults", []):
            faults[f.get("bot", "?")] += 1
    ratings = openskill_ratings(games) if games else {}
    out = {}
    for bot in sorted(scores):
        out[bot] = BotStats(
            bot=bot,
            score=summarise(scores[bot]),
            wins=wins[bot],
            seats=len(scores[bot]),
            games=played[bot],
            deal_seats=deal_seats[bot],
            war_games=wars[bot],
            deadlines_met=met[bot],
            deadlines_total=total_dl[bot],
            faults=faults[bot],
            by_role={r: summarise(v) for (b, r), v in sorted(by_role.items()) if b == bot},
            rating=ratings.get(bot, {}),
            within_roles=stratified([v for (b, _), v in sorted(by_role.items()) if b == bot]),
        )
    return out


def overall(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts by status, and war, deal and deadline rates over finished games."""
    latest: dict[str, dict[str, Any]] = {}
    for r in records:
        latest[r["id"]] = r
    status: dict[str, int] = defaultdict(int)
    for r in latest.values():
        status[r["status"]] += 1
    games = finished(records)
    n = len(games)
    deadlines = [v for g in games for v in g.get("deadlines", {}).values() if v is not None]
    return {
        "games": len(latest),
        "status": dict(sorted(status.items())),
        "war_rate": sum(bool(g.get("war")) for g in games) / n if n else math.nan,
        "deal_rate": (
            sum(1 for g in games if g.get("agreements", {}).get("made", 0) > 0) / n
            if n
            else math.nan
        ),
        "deadline_rate": sum(deadlines) / len(deadlines) if deadlines else math.nan,
        "faults": sum(len(g.get("faults", [])) for g in games),
    }


def paired_difference(records: list[dict[str, Any]], a: str, b: str) -> Summary:
    """Bot ``a``'s mean score minus bot ``b``'s, paired by block (the games that share a
    seed): in each block where both bots sat in the same roles (role rotation gives every
    bot every role once per block), the difference of their mean seat scores; then the
    mean and t-based 95% CI of those differences. Pairing removes the role and seed
    effects both bots met alike, so it is the sharper test of which bot is stronger."""
    seats: dict[Any, dict[str, list[tuple[str, float]]]] = defaultdict(lambda: defaultdict(list))
    for g in finished(records):
        block = g.get("block", g.get("seed"))
        for role, bot in g["seating"].items():
            if bot in (a, b):
                seats[block][bot].append((role, float(g["scores"][role])))
    diffs = []
    for by_bot in seats.values():
        xa, xb = by_bot.get(a), by_bot.get(b)
        if not xa or not xb or sorted(r for r, _ in xa) != sorted(r for r, _ in xb):
            continue
        diffs.append(sum(v for _, v in xa) / len(xa) - sum(v for _, v in xb) / len(xb))
    return summarise(diffs)


def separated(a: Summary, b: Summary) -> bool:
    """True when ``a``'s 95% CI lies entirely above ``b``'s."""
    return a.low > b.high
