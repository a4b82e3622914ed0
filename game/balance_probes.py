"""Balance probes: the measured targets of a scenario, any scenario.

:func:`run_probes` plays a scenario under several line-ups and returns a
:class:`ProbeReport` with:

- **role balance**: each role's mean score on the par scale (par = 50) with its 95%
  confidence interval, and its win rate (share of games in which it tops the par scale),
  over the persona bots in rotation and over the persona bots with the planner in rotation;
- **escalation probes** (final tension counts a war as the top of the track): the target of the scenario's sanctions (North Korea in Korea 2019)
  held to one signal every month (none, and each escalating signal chosen by rung) against
  each mix of opponents (all dove, all hawk, mixed personas, planner): final tension and
  its par-scaled score, with 95% intervals;
- **deal spam**: each role played by a bot that signs every trivial deal (empty summits)
  against one that signs none, the others personas: final tension and the role's score;
- **deadlines**: the share of persona and planner games meeting each deadline;
- **war**: the share of games ending in war with random bots in every seat, and with the
  planner in every seat.

:func:`verdict` judges the report against the targets (a scenario's ``balance:`` section
sets the role band, the win rate, the deadline band and the war bands; the escalation and
spam checks are fixed). The number of games is a parameter of every part; the planner is
slow (seconds per game), so it plays few.

>>> from game.scenario.loader import load_scenario
>>> rep = run_probes(load_scenario("tests/fixtures/mini.yaml"), ProbeConfig.tiny())
>>> sorted(rep.roles["personas"]) == sorted(rep.actors)
True
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.bots import BOTS, make_bot
from game.bots.base import Bot
from game.bots.probes import DealAbstainer, DealSpammer, FixedSignals
from game.bots.runner import play_game
from game.engine.scoring import on_par_scale
from game.scenario.compile import Rules

PERSONAS = ("hawk", "dove", "reciprocator")

# two-sided 95% quantiles of Student's t for 1..30 degrees of freedom
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


@dataclass(frozen=True)
class Interval:
    """A mean with its 95% confidence interval (Student's t; 0 wide for one value)."""

    n: int
    mean: float
    lo: float
    hi: float

    @classmethod
    def of(cls, xs: Sequence[float]) -> Interval:
        """The mean of ``xs`` and its 95% interval.

        >>> Interval.of([1.0, 2.0, 3.0])
        Interval(n=3, mean=2.0, lo=-0.484, hi=4.484)
        """
        n = len(xs)
        if n == 0:
            return cls(0, 0.0, 0.0, 0.0)
        mean = statistics.fmean(xs)
        if n == 1:
            return cls(1, round(mean, 3), round(mean, 3), round(mean, 3))
        t = _T95[n - 2] if n - 1 <= len(_T95) else 1.96
        half = t * statistics.stdev(xs) / math.sqrt(n)
        return cls(n, round(mean, 3), round(mean - half, 3), round(mean + half, 3))

    def __str__(self) -> str:
        return f"{self.mean:.1f} [{self.lo:.1f}, {self.hi:.1f}]"


def wilson(k: int, n: int) -> tuple[float, float]:
    """95% Wilson interval of a share ``k / n``.

    >>> wilson(0, 10)[0], round(wilson(0, 10)[1], 3)
    (0.0, 0.278)
    """
    if n == 0:
        return (0.0, 0.0)
    z = 1.96
    p = k / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, mid - half), min(1.0, mid + half))


@dataclass(frozen=True)
class ProbeConfig:
    """How many games each part of the probes plays (small by default: minutes)."""

    persona_games: int = 60
    planner_mix_games: int = 8
    escalation_games: int = 12
    escalation_planner_games: int = 2
    spam_games: int = 12
    random_games: int = 60
    planner_games: int = 2
    seed: int = 0
    #: the bot that plays the probed actor's levers and deals in the escalation probes
    inner: str = "reciprocator"

    @classmethod
    def from_counts(
        cls, games: int, planner_games: int, seed: int, escalation_planner_games: int | None = None
    ) -> ProbeConfig:
        """The counts the command line's ``--games`` and ``--planner-games`` ask for:
        ``games`` persona and random games, a fifth of them (at least 2) per escalation
        and deal-spam cell, ``planner_games`` all-planner games and four times as many
        mixed ones; the escalation column against the planner plays
        ``escalation_planner_games`` (default: ``planner_games``)."""
        n, k = games, planner_games
        return cls(
            persona_games=n,
            planner_mix_games=4 * k,
            escalation_games=max(2, n // 5),
            escalation_planner_games=k
            if escalation_planner_games is None
            else escalation_planner_games,
            spam_games=max(2, n // 5),
            random_games=n,
            planner_games=k,
            seed=seed,
        )

    @classmethod
    def tiny(cls) -> ProbeConfig:
        """A handful of games per part and no planner (for tests)."""
        return cls(3, 0, 2, 0, 2, 4, 0)

    def scaled(self, factor: float) -> ProbeConfig:
        """Every count of games times ``factor`` (at least 1 where it was non-zero)."""

        def s(n: int) -> int:
            return max(1, round(n * factor)) if n else 0

        return ProbeConfig(
            s(self.persona_games),
            s(self.planner_mix_games),
            s(self.escalation_games),
            s(self.escalation_planner_games),
            s(self.spam_games),
            s(self.random_games),
            s(self.planner_games),
            self.seed,
            self.inner,
        )


@dataclass
class Pool:
    """The games of one line-up: per game, raw scores, war and deadlines met."""

    name: str
    scores: list[dict[str, float]] = field(default_factory=list)
    tension: list[float] = field(default_factory=list)
    wars: list[bool] = field(default_factory=list)
    deadlines: list[dict[str, bool | None]] = field(default_factory=list)

    @property
    def games(self) -> int:
        """Games played."""
        return len(self.scores)


@dataclass
class RoleRow:
    """One role in one pool: par-scaled mean with interval, and win rate."""

    scaled: Interval
    wins: int
    games: int

    @property
    def win_rate(self) -> float:
        """Share of games the role topped the par scale."""
        return self.wins / self.games if self.games else 0.0


@dataclass
class EscalationCell:
    """One policy against one mix: final tension and the probed actor's scaled score."""

    policy: str
    mix: str
    tension: Interval
    score: Interval
    raw: Interval
    wars: int
    breaks_moratorium: bool
    rung: int


@dataclass
class SpamRow:
    """One role played by the spammer and by the abstainer."""

    actor: str
    spam_tension: Interval
    none_tension: Interval
    spam_score: Interval
    none_score: Interval
    spam_deals: float  # mean agreements the spammer was party to
    none_deals: float
    #: spam minus none, game by game on the same seeds
    tension_diff: Interval = Interval(0, 0.0, 0.0, 0.0)
    score_diff: Interval = Interval(0, 0.0, 0.0, 0.0)


@dataclass
class ProbeReport:
    """Everything :func:`run_probes` measured."""

    scenario: str
    actors: tuple[str, ...]
    par: dict[str, float]
    config: ProbeConfig
    prober: str | None = None  # the actor the escalation probes hold fixed
    roles: dict[str, dict[str, RoleRow]] = field(default_factory=dict)
    pools: dict[str, Pool] = field(default_factory=dict)
    escalation: list[EscalationCell] = field(default_factory=list)
    spam: list[SpamRow] = field(default_factory=list)
    deadline_names: dict[str, str] = field(default_factory=dict)

    def deadline_rate(self, pool: str, deadline: str) -> tuple[int, int]:
        """(games meeting it, games) in one pool."""
        p = self.pools.get(pool)
        if p is None:
            return (0, 0)
        met = sum(1 for d in p.deadlines if d.get(deadline))
        return (met, p.games)

    def war_rate(self, pool: str) -> tuple[int, int]:
        """(games ending in war, games) in one pool."""
        p = self.pools.get(pool)
        return (sum(p.wars), p.games) if p else (0, 0)


def _scaled(rules: Rules, actor: str, raw: float) -> float:
    par = rules.par.get(actor)
    return on_par_scale(raw, par) if par is not None else raw


def _play(
    rules: Rules,
    seed: int,
    players: dict[str, Bot],
    pool: Pool | None = None,
) -> dict[str, Any]:
    result = play_game(rules, seed, players)
    game = result.game
    outcome = game.outcome() or {}
    scores = {a: float(x) for a, x in outcome.get("scores", {}).items()}
    war = bool(outcome.get("war"))
    # A war ends the game at whatever tension it broke out at: count it as the top of the
    # track, so an earlier war never reads as a calmer ending.
    top = rules.bounds.get(rules.tension_key, (0.0, 100.0))[1]
    tension = top if war else float(game.v.get(rules.tension_key, 0.0))
    deadlines: dict[str, bool | None] = dict(outcome.get("deadlines", {}))
    row: dict[str, Any] = {
        "scores": scores,
        "tension": tension,
        "war": bool(outcome.get("war")),
        "deadlines": dict(outcome.get("deadlines", {})),
        "deals": {a: sum(1 for ag in game.agreements if a in ag["parties"]) for a in scores},
    }
    if pool is not None:
        pool.scores.append(scores)
        pool.tension.append(tension)
        pool.wars.append(war)
        pool.deadlines.append(deadlines)
    return row


def _rotation(rules: Rules, names: Sequence[str], g: int) -> dict[str, str]:
    return {a: names[(g + j) % len(names)] for j, a in enumerate(rules.actor_ids)}


def _role_rows(rules: Rules, pool: Pool) -> dict[str, RoleRow]:
    rows: dict[str, RoleRow] = {}
    scaled = [{a: _scaled(rules, a, x) for a, x in s.items()} for s in pool.scores]
    for a in rules.actor_ids:
        xs = [s[a] for s in scaled if a in s]
        wins = sum(1 for s in scaled if s and s.get(a, -1) >= max(s.values()) - 1e-9)
        rows[a] = RoleRow(Interval.of(xs), wins, len(xs))
    return rows


def prober_of(rules: Rules) -> str | None:
    """The actor the escalation probes hold fixed: the sanctions target if it sends
    escalating signals, else the actor with the most escalating signals."""
    senders: dict[str, int] = {}
    for s in rules.model.signals:
        if s.escalation > 0:
            for a in s.actors:
                senders[a] = senders.get(a, 0) + 1
    target = rules.model.sanctions.target if rules.model.sanctions else None
    if target in senders:
        return target
    return max(senders, key=lambda a: senders[a]) if senders else None


def escalation_policies(rules: Rules, actor: str) -> list[tuple[str, str | None]]:
    """(label, signal id) for the probes: no signals; the mildest escalating signal from
    rung 2 up (a short-range test: lowest rung, then lowest escalation); the strongest that
    keeps the moratorium (an IRBM: highest rung, then highest escalation); the mildest that
    breaks it (an ICBM). Missing kinds are left out."""
    mine = [
        s for s in rules.model.signals if actor in s.actors and s.escalation > 0 and s.rung >= 2
    ]
    mine.sort(key=lambda s: (s.rung, -s.escalation))
    keeps = [s for s in mine if not s.breaks_moratorium]
    breaks = [s for s in mine if s.breaks_moratorium]
    picks = []
    if keeps:
        picks.append(min(keeps, key=lambda s: (s.rung, s.escalation)))
        top = max(keeps, key=lambda s: (s.rung, s.escalation))
        if top.id != picks[0].id:
            picks.append(top)
    if breaks:
        picks.append(breaks[0])
    return [("no tests", None)] + [(f"monthly {s.name}", s.id) for s in picks]


#: points of slack in the deal-spam check (same seeds, so the difference is paired)
SPAM_SLACK = 1.0

MIXES = ("all dove", "all hawk", "mixed personas", "planner")


def _mix_bots(mix: str, rules: Rules, prober: str, g: int, seed: int) -> dict[str, Bot]:
    others = [a for a in rules.actor_ids if a != prober]
    if mix == "all dove":
        names = {a: "dove" for a in others}
    elif mix == "all hawk":
        names = {a: "hawk" for a in others}
    elif mix == "planner":
        names = {a: "planner" for a in others}
    else:
        names = {a: PERSONAS[(g + j) % len(PERSONAS)] for j, a in enumerate(others)}
    return {a: make_bot(n, a, seed) for a, n in names.items()}


def run_probes(
    rules: Rules,
    config: ProbeConfig | None = None,
    *,
    on_step: Callable[[str], None] | None = None,
) -> ProbeReport:
    """Play every probe of ``config`` on ``rules`` and return the figures."""
    cfg = config or ProbeConfig()
    step = on_step or (lambda _text: None)
    rep = ProbeReport(rules.id, rules.actor_ids, dict(rules.par), cfg)
    rep.deadline_names = {d.id: d.name for d in rules.deadlines}
    planner = "planner" in BOTS

    # --- role balance ------------------------------------------------------------------
    lineups: list[tuple[str, Sequence[str], int]] = [("personas", PERSONAS, cfg.persona_games)]
    if planner and cfg.planner_mix_games:
        lineups.append(("personas+planner", (*PERSONAS, "planner"), cfg.planner_mix_games))
    for name, bots, n in lineups:
        pool = Pool(name)
        for g in range(n):
            step(f"{name}: game {g + 1}/{n}")
            seed = cfg.seed + g
            lineup = _rotation(rules, bots, g)
            _play(rules, seed, {a: make_bot(b, a, seed) for a, b in lineup.items()}, pool)
        rep.pools[name] = pool
        rep.roles[name] = _role_rows(rules, pool)
    if len(lineups) > 1:
        both = Pool("all")
        for name, _b, _n in lineups:
            p = rep.pools[name]
            both.scores += p.scores
            both.tension += p.tension
            both.wars += p.wars
            both.deadlines += p.deadlines
        rep.roles["all"] = _role_rows(rules, both)

    # --- war: random everywhere, planner everywhere -------------------------------------
    for name, bot, n in (
        ("random", "random", cfg.random_games),
        ("planner", "planner", cfg.planner_games),
    ):
        if n and bot in BOTS:
            pool = Pool(name)
            for g in range(n):
                step(f"{name} in every seat: game {g + 1}/{n}")
                seed = cfg.seed + g
                _play(rules, seed, {a: make_bot(bot, a, seed) for a in rules.actor_ids}, pool)
            rep.pools[name] = pool

    # --- escalation ----------------------------------------------------------------------
    prober = prober_of(rules)
    rep.prober = prober
    if prober is not None:
        for label, signal in escalation_policies(rules, prober):
            sig = rules.signal_by_id[signal] if signal else None
            for mix in MIXES:
                n = cfg.escalation_planner_games if mix == "planner" else cfg.escalation_games
                if n == 0 or (mix == "planner" and not planner):
                    continue
                tens, scaled, raw, wars = [], [], [], 0
                for g in range(n):
                    step(f"escalation: {label} against {mix}: game {g + 1}/{n}")
                    seed = cfg.seed + g
                    players = _mix_bots(mix, rules, prober, g, seed)
                    players[prober] = FixedSignals(make_bot(cfg.inner, prober, seed), signal)
                    row = _play(rules, seed, players)
                    tens.append(row["tension"])
                    x = row["scores"].get(prober, 0.0)
                    raw.append(x)
                    scaled.append(_scaled(rules, prober, x))
                    wars += row["war"]
                rep.escalation.append(
                    EscalationCell(
                        label,
                        mix,
                        Interval.of(tens),
                        Interval.of(scaled),
                        Interval.of(raw),
                        wars,
                        bool(sig and sig.breaks_moratorium),
                        sig.rung if sig else -1,
                    )
                )

    # --- deal spam -----------------------------------------------------------------------
    if cfg.spam_games:
        for a in rules.actor_ids:
            got: dict[str, tuple[list[float], list[float], list[float]]] = {}
            for kind, wrap in (("spam", DealSpammer), ("none", DealAbstainer)):
                tens, scores, deals = [], [], []
                for g in range(cfg.spam_games):
                    step(f"deal spam: {a} {kind}: game {g + 1}/{cfg.spam_games}")
                    seed = cfg.seed + g
                    lineup = _rotation(rules, PERSONAS, g)
                    players = {b: make_bot(n, b, seed) for b, n in lineup.items()}
                    players[a] = wrap(make_bot(lineup[a], a, seed))
                    row = _play(rules, seed, players)
                    tens.append(row["tension"])
                    scores.append(_scaled(rules, a, row["scores"].get(a, 0.0)))
                    deals.append(float(row["deals"].get(a, 0)))
                got[kind] = (tens, scores, deals)
            rep.spam.append(
                SpamRow(
                    a,
                    Interval.of(got["spam"][0]),
                    Interval.of(got["none"][0]),
                    Interval.of(got["spam"][1]),
                    Interval.of(got["none"][1]),
                    statistics.fmean(got["spam"][2]),
                    statistics.fmean(got["none"][2]),
                    Interval.of(
                        [x - y for x, y in zip(got["spam"][0], got["none"][0], strict=True)]
                    ),
                    Interval.of(
                        [x - y for x, y in zip(got["spam"][1], got["none"][1], strict=True)]
                    ),
                )
            )
    return rep


@dataclass(frozen=True)
class Check:
    """One target judged: ``ok``, what was measured, and the target in words."""

    ok: bool
    name: str
    measured: str
    target: str
    #: False where the scenario has nothing the target can judge (printed "n/a", never missed)
    applies: bool = True

    @property
    def mark(self) -> str:
        """``ok``, ``MISSED`` or ``n/a``."""
        return "n/a" if not self.applies else "ok" if self.ok else "MISSED"


def _band(rules: Rules, key: str, default: Any) -> Any:
    bal = rules.model.balance
    val = getattr(bal, key, None) if bal is not None else None
    return default if val is None else val


def verdict(rules: Rules, rep: ProbeReport) -> list[Check]:
    """Judge the report against the targets (the scenario's ``balance:`` bands where it
    sets them, else the Korea 2019 defaults)."""
    out: list[Check] = []
    lo, hi = _band(rules, "par_scale", (40.0, 60.0))
    wlo, _whi = _band(rules, "win_rate", (0.10, 0.70))
    pool = "all" if "all" in rep.roles else "personas"
    for a, row in rep.roles.get(pool, {}).items():
        m = row.scaled.mean
        out.append(
            Check(lo <= m <= hi, f"role {a}", f"mean {row.scaled} ({pool})", f"{lo:g}-{hi:g}")
        )
        out.append(
            Check(
                row.win_rate >= wlo,
                f"wins {a}",
                f"tops {row.wins}/{row.games} ({row.win_rate:.0%})",
                f"at least {wlo:.0%}",
            )
        )
    cells = {(c.policy, c.mix): c for c in rep.escalation}
    mixes = sorted({c.mix for c in rep.escalation}, key=MIXES.index)
    for mix in mixes:
        base = cells.get(("no tests", mix))
        if base is None:
            continue
        for c in rep.escalation:
            if c.mix != mix or c.policy == "no tests":
                continue
            out.append(
                Check(
                    c.tension.mean > base.tension.mean,
                    f"tension {c.policy} vs {mix}",
                    f"{c.tension.mean:.1f} against {base.tension.mean:.1f} with no tests",
                    "higher than no tests",
                )
            )
            if c.breaks_moratorium:
                best = max(
                    (
                        x.score.mean
                        for x in rep.escalation
                        if x.mix == mix and not x.breaks_moratorium
                    ),
                    default=0.0,
                )
                out.append(
                    Check(
                        c.score.mean < best,
                        f"moratorium-breaking never best vs {mix}",
                        f"{c.policy} {c.score.mean:.1f}, best policy within it {best:.1f}",
                        "below the best policy that keeps the moratorium",
                    )
                )
            elif mix in ("all hawk", "planner") and c.rung == min(
                (x.rung for x in rep.escalation if x.rung >= 0), default=-1
            ):
                out.append(
                    Check(
                        c.score.mean <= base.score.mean,
                        f"short-range coercion vs {mix}",
                        f"{c.score.mean:.1f} against {base.score.mean:.1f} with no tests",
                        "no better than no tests",
                    )
                )
    if rep.prober is None:
        out.append(
            Check(True, "escalation", "no actor sends escalating signals", "tests cost", False)
        )
    elif not any(s.breaks_moratorium for s in rules.actor_signals[rep.prober]):
        out.append(
            Check(
                True,
                "moratorium-breaking never best",
                f"no signal of {rep.prober} breaks a moratorium",
                "below the best policy that keeps the moratorium",
                False,
            )
        )
    for s in rep.spam:
        out.append(
            Check(
                s.tension_diff.mean >= -SPAM_SLACK and s.score_diff.mean <= SPAM_SLACK,
                f"deal spam {s.actor}",
                f"tension {s.spam_tension.mean:.1f} vs {s.none_tension.mean:.1f} "
                f"(paired difference {s.tension_diff}), score {s.spam_score.mean:.1f} vs "
                f"{s.none_score.mean:.1f} (paired difference {s.score_diff})",
                f"tension no lower, score no higher than signing none (within {SPAM_SLACK:g})",
            )
        )
    dlo, dhi = _band(rules, "deadline_met", (0.20, 0.80))
    for d in rep.deadline_names:
        met = games = 0
        for p in ("personas", "personas+planner", "planner"):
            k, n = rep.deadline_rate(p, d)
            met, games = met + k, games + n
        if games:
            r = met / games
            out.append(
                Check(
                    dlo <= r <= dhi,
                    f"deadline {d}",
                    f"met {met}/{games} ({r:.0%})",
                    f"{dlo:.0%}-{dhi:.0%}",
                )
            )
    war_bands = _band(rules, "war_rate", {"random": (0.05, 0.20), "planner": (0.0, 0.05)})
    for p in ("random", "planner"):
        k, n = rep.war_rate(p)
        if n and p in war_bands:
            blo, bhi = war_bands[p]
            out.append(
                Check(
                    blo <= k / n <= bhi,
                    f"war {p}",
                    f"{k}/{n} ({k / n:.0%})",
                    f"{blo:.0%}-{bhi:.0%}",
                )
            )
    return out


Table = tuple[str, list[str], list[list[str]]]


def _pct(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k}/{n} ({k / n:.0%}) [{lo:.0%}, {hi:.0%}]" if n else "-"


def tables(rep: ProbeReport) -> list[Table]:
    """The report as (title, headers, rows) tables of text, for a terminal or Markdown."""
    out: list[Table] = []
    for pool, rows in rep.roles.items():
        n = next(iter(rows.values())).games if rows else 0
        title = f"Role balance: {pool} in rotation ({n} games); par-scaled score, par = 50"
        out.append(
            (
                title,
                ["role", "par", "mean [95% CI]", "tops the par scale"],
                [
                    [a, f"{rep.par.get(a, float('nan')):.1f}", str(r.scaled), _pct(r.wins, r.games)]
                    for a, r in rows.items()
                ],
            )
        )
    if rep.escalation:
        who = rep.prober or "?"
        out.append(
            (
                f"Escalation probes: {who} held to one signal a month (its levers and deals: "
                f"{rep.config.inner}); final tension and {who}'s par-scaled score, 95% CI",
                ["policy", "opponents", "games", "final tension", f"{who} score", "wars"],
                [
                    [c.policy, c.mix, str(c.tension.n), str(c.tension), str(c.score), str(c.wars)]
                    for c in rep.escalation
                ],
            )
        )
    if rep.spam:
        n = rep.spam[0].spam_tension.n
        out.append(
            (
                f"Deal spam: each role signs every empty deal it can, or none ({n} games each, "
                "others personas); final tension and the role's par-scaled score",
                [
                    "role",
                    "tension: spam",
                    "tension: none",
                    "score: spam",
                    "score: none",
                    "score: spam - none",
                    "deals",
                ],
                [
                    [
                        s.actor,
                        str(s.spam_tension),
                        str(s.none_tension),
                        str(s.spam_score),
                        str(s.none_score),
                        str(s.score_diff),
                        f"{s.spam_deals:.1f} vs {s.none_deals:.1f}",
                    ]
                    for s in rep.spam
                ],
            )
        )
    pools = [p for p in ("personas", "personas+planner", "planner", "random") if p in rep.pools]
    if rep.deadline_names and pools:
        out.append(
            (
                "Deadlines met (95% Wilson interval)",
                ["deadline", *pools],
                [
                    [name, *(_pct(*rep.deadline_rate(p, d)) for p in pools)]
                    for d, name in rep.deadline_names.items()
                ],
            )
        )
    if pools:
        out.append(
            (
                "Games ending in war (95% Wilson interval)",
                ["line-up", "wars"],
                [[p, _pct(*rep.war_rate(p))] for p in pools],
            )
        )
    return out


def markdown(rep: ProbeReport, checks: Sequence[Check]) -> str:
    """The tables and the verdict as Markdown."""
    lines: list[str] = []
    for title, headers, rows in tables(rep):
        lines += [f"**{title}**", "", "| " + " | ".join(headers) + " |"]
        lines.append("|" + "---|" * len(headers))
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        lines.append("")
    lines += ["**Verdict**", ""]
    lines += [f"- {c.mark} {c.name}: {c.measured} (target {c.target})" for c in checks]
    return "\n".join(lines) + "\n"
