"""The balance verdict: a :class:`~game.balance.BalanceReport` judged against the
scenario's targets (``balance:`` in the file, with defaults), and, for each figure off
target, the knobs of the file that move it, found by trying them.

Checks (``check``: the figure it judges):

* ``role-spread``: each role's mean score on the par scale lies in ``par_scale`` (without
  a par: the gap between the highest and lowest mean raw score is at most ``max_gap``);
* ``win-rate``: each role tops the game (par scale if there is a par) in a share of games
  within ``win_rate``;
* ``war-rate``: the share of games ending in war lies in ``war_rate[bot]`` (one bot in
  every seat) or ``war_rate_other``;
* ``deadline-rate``: each deadline is met in a share of games within ``deadline_met``;
* ``lever-never-used``: a lever its holder never moved from the default in any game;
* ``variable-never-moves``: a declared variable that kept its starting value all along;
* ``objective-never-moves``: an objective whose score was the same at the end of every game
  (knobs are searched on the spread of its end score);
* ``dominant-policy``: a role that scores ``dominant_margin`` points more than its bot's
  own play by keeping one lever at one option all game.

Knobs are the plain numbers of the file: effects (levers, signals, events, deadlines,
dynamics, deals, ...), variables' starting values, objective weights, event chances, the tension drift and the war
chance, and the constants compared against in conditions (``trade >= 45`` in a deadline's
``condition`` or an event's or dynamic's ``when``). Each is tried at half and at double
its value over a few seeded games (a threshold: lowered and raised, so the condition gets
easier one way and harder the other); when neither lands a figure inside its band
without putting a met one out, finer steps follow (bisecting towards the value that jumped over the band, or walking on from
the one that got part way). The ones that bring a failing figure closest to its target
(mid-band first), then those that move it most, are reported with file:line, and so is
the one knob and value that brings the most missed figures inside at once while putting
the fewest met ones out.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from game.balance import BalanceReport, run_balance
from game.engine.scoring import on_par_scale
from game.scenario import model as m
from game.scenario.compile import Rules, compile_scenario
from game.scenario.expr import ExprError, names, parse

Loc = tuple[int | str, ...]
Locator = Callable[[Loc], str]
Measure = Callable[[BalanceReport], float]
Progress = Callable[[str], None]

CHECKS = (
    "role-spread",
    "win-rate",
    "war-rate",
    "deadline-rate",
    "lever-never-used",
    "variable-never-moves",
    "objective-never-moves",
    "dominant-policy",
)


@dataclass(frozen=True)
class Knob:
    """A number of the scenario file that can be turned."""

    loc: Loc
    value: float
    where: str
    path: str = ""  # the dotted path with item ids (levers.customs.options.cooperate...)
    span: tuple[int, int] | None = None  # a constant inside a condition string: its slice

    def apply(self, old: Any, value: float) -> Any:
        """The field's new content when this knob is set to ``value``: the number itself,
        or the condition text with the constant at ``span`` replaced."""
        if self.span is None:
            return value
        a, b = self.span
        return f"{old[:a]}{_g(value) if value != int(value) else int(value)}{old[b:]}"


def _id_path(model: m.Scenario, loc: Loc) -> str:
    """``levers.1.options.0.effects.x`` -> ``levers.customs.options.ignore.effects.x``."""
    parts: list[str] = []
    node: Any = model
    for part in loc:
        try:
            node = getattr(node, str(part)) if isinstance(node, BaseModel) else node[part]
        except (AttributeError, KeyError, IndexError, TypeError):
            node = None
        item_id = getattr(node, "id", None) if isinstance(part, int) else None
        parts.append(str(item_id) if isinstance(item_id, str) else str(part))
    return ".".join(parts)


@dataclass(frozen=True)
class Trial:
    """One knob at one new value, and the figure it gave."""

    knob: Knob
    value: float
    before: float
    after: float
    refined: bool = False  # found by stepping between two tried values (not half/double)
    inside: bool = False  # the figure it gave lies inside the target
    clean: bool = True  # it put no met figure out of its target

    def __str__(self) -> str:
        tail = " (inside the target)" if self.inside else ""
        if self.refined:
            what = "the threshold in " if self.knob.span is not None else ""
            return (
                f"set {what}{self.knob.path} {_g(self.knob.value)} -> {_g(self.value)} "
                f"({self.knob.where}): moves it from {_g(self.before)} to "
                f"{_g(self.after)}{tail}"
            )
        how = "doubling" if self.value == 2 * self.knob.value else "halving"
        if self.knob.span is not None:
            how = "raising" if self.value > self.knob.value else "lowering"
            how += " the threshold in"
        return (
            f"{how} {self.knob.path} ({_g(self.knob.value)} -> {_g(self.value)}, "
            f"{self.knob.where}) moves it from {_g(self.before)} to {_g(self.after)}{tail}"
        )


@dataclass(frozen=True)
class Turn:
    """One knob at one value, judged on every figure at once: the missed ones it brings
    inside their targets and the met ones it puts out (on the knob search's seeds)."""

    knob: Knob
    value: float
    refined: bool
    fixed: list[str]
    broken: list[str]
    missed: int
    room: float = 0.0  # how far inside their bands the figures land, summed (band widths)

    def __str__(self) -> str:
        what = "the threshold in " if self.knob.span is not None else ""
        out = f"; puts {', '.join(self.broken)} out" if self.broken else "; puts none out"
        return (
            f"set {what}{self.knob.path} {_g(self.knob.value)} -> {_g(self.value)} "
            f"({self.knob.where}): {len(self.fixed)} of the {self.missed} missed figures it "
            f"measures land inside{out} (on the knob search's seeds)"
        )


@dataclass
class Finding:
    """One judged figure."""

    check: str
    subject: str
    figure: str
    value: float | None
    target: str
    ok: bool
    band: tuple[float, float] | None = None
    measure: Measure | None = None
    reads: frozenset[str] = frozenset()  # variable heads the figure depends on
    knobs: list[Trial] = field(default_factory=list)
    tried: int = 0
    unfed: frozenset[str] = frozenset()  # what it reads that no knob of the file touches
    condition: str = ""  # a deadline's condition, as written
    measured: str = ""  # what the knob trials measure, if not ``figure``

    def margin(self, x: float) -> float:
        """How far inside the band ``x`` lies (0 outside or without a band): a knob that
        lands a figure mid-band is safer than one that lands it on the edge."""
        if self.band is None:
            return 0.0
        lo, hi = self.band
        return max(min(x - lo, hi - x), 0.0)

    def distance(self, x: float) -> float:
        """How far ``x`` lies outside the target band (0 inside)."""
        if self.band is None:
            return 0.0
        lo, hi = self.band
        return max(lo - x, 0.0, x - hi)


def _g(x: float) -> str:
    if x == int(x) and abs(x) < 1e9:
        return str(int(x))
    return f"{x:.2f}".rstrip("0").rstrip(".") if abs(x) < 10 else f"{x:.1f}"


def _band(b: tuple[float, float], pct: bool = False) -> str:
    if pct:
        return f"{100 * b[0]:.0f}-{100 * b[1]:.0f}%"
    return f"{_g(b[0])}-{_g(b[1])}"


def _reads(value: m.Expr) -> set[str]:
    if not isinstance(value, str):
        return set()
    try:
        return {n.split(".")[0] for n in names(parse(value))}
    except ExprError:
        return set()


def _top_share(report: BalanceReport, actor: str) -> float:
    """Share of games in which ``actor`` had the top score (par scale if any; ties count)."""
    if not report.game_scores:
        return 0.0
    wins = 0
    for scores in report.game_scores:
        scaled = {
            a: on_par_scale(x, report.par[a]) if a in report.par else x for a, x in scores.items()
        }
        if scaled and scaled.get(actor, -1e9) >= max(scaled.values()) - 1e-6:
            wins += 1
    return wins / len(report.game_scores)


def _met_share(report: BalanceReport, deadline: str) -> float:
    counts = report.deadlines.get(deadline)
    return counts["met"] / report.games if counts is not None and report.games else 0.0


def _measure(fn: Callable[[BalanceReport, str], float], subject: str) -> Measure:
    def measure(report: BalanceReport) -> float:
        return fn(report, subject)

    return measure


def _objective_range(report: BalanceReport, key: str) -> float:
    """How far an objective's end score varies over the games (``actor\\0objective``)."""
    a, oid = key.split("\0")
    xs = report.objective_scores.get((a, oid), [])
    return max(xs) - min(xs) if xs else 0.0


def _role_mean(report: BalanceReport, actor: str) -> float:
    scaled = report.par_scale_mean(actor)
    return scaled if scaled is not None else report.spread(actor).mean


def judge(rules: Rules, report: BalanceReport) -> list[Finding]:
    """Every check of the targets on a report (knobs not yet searched)."""
    t = rules.model.balance
    out: list[Finding] = []
    sc = rules.model
    obj_reads = {
        a: frozenset(h for o in objs for h in _reads(o.score)) for a, objs in sc.objectives.items()
    }
    # role spread
    if report.par and all(a in report.par for a in report.actors):
        for a in report.actors:
            x = _role_mean(report, a)
            lo, hi = t.par_scale
            out.append(
                Finding(
                    "role-spread",
                    a,
                    "mean on the par scale",
                    x,
                    _band(t.par_scale),
                    lo <= x <= hi,
                    t.par_scale,
                    _measure(_role_mean, a),
                    obj_reads.get(a, frozenset()),
                )
            )
    else:
        means = {a: report.spread(a).mean for a in report.actors}
        gap = max(means.values()) - min(means.values()) if means else 0.0
        hi_a = max(means, key=means.__getitem__) if means else ""
        lo_a = min(means, key=means.__getitem__) if means else ""
        out.append(
            Finding(
                "role-spread",
                f"{hi_a} vs {lo_a}",
                "gap between mean raw scores",
                gap,
                f"at most {_g(t.max_gap)}",
                gap <= t.max_gap,
                (0.0, t.max_gap),
                lambda r: (
                    max(r.spread(a).mean for a in r.actors)
                    - min(r.spread(a).mean for a in r.actors)
                ),
                obj_reads.get(hi_a, frozenset()) | obj_reads.get(lo_a, frozenset()),
            )
        )
    # win rate
    for a in report.actors:
        x = _top_share(report, a)
        out.append(
            Finding(
                "win-rate",
                a,
                "share of games it tops",
                x,
                _band(t.win_rate, pct=True),
                t.win_rate[0] <= x <= t.win_rate[1],
                t.win_rate,
                _measure(_top_share, a),
                obj_reads.get(a, frozenset()),
            )
        )
    # war rate
    bots = sorted(set(report.bots))
    band = t.war_rate.get(bots[0], t.war_rate_other) if len(bots) == 1 else t.war_rate_other
    label = bots[0] if len(bots) == 1 else "mixed bots"
    out.append(
        Finding(
            "war-rate",
            label,
            "share of games ending in war",
            report.war_rate,
            _band(band, pct=True),
            band[0] <= report.war_rate <= band[1],
            band,
            lambda r: r.war_rate,
            frozenset({rules.tension_key}) | frozenset(_reads(sc.tension.war.chance)),
        )
    )
    # deadlines
    for d in sc.deadlines:
        x = _met_share(report, d.id)
        out.append(
            Finding(
                "deadline-rate",
                d.id,
                "share of games meeting it",
                x,
                _band(t.deadline_met, pct=True),
                t.deadline_met[0] <= x <= t.deadline_met[1],
                t.deadline_met,
                _measure(_met_share, d.id),
                frozenset(_reads(d.condition)),
                condition=str(d.condition),
            )
        )
    # levers never moved by any bot
    moved: dict[tuple[str, str], bool] = {}
    for (_b, a, lever), use in report.usage.items():
        moved[(a, lever)] = moved.get((a, lever), False) or not use.never_moved
    for (a, lever), ok in sorted(moved.items()):
        if not ok:
            out.append(
                Finding(
                    "lever-never-used", f"{a}: {lever}", "moved off its default", 0, "ever", False
                )
            )
    # variables that never move
    declared = {v.id for v in sc.variables}
    for key, (lo, hi) in sorted(report.ranges.items()):
        if key.split(".")[0] in declared and lo == hi:
            out.append(
                Finding(
                    "variable-never-moves",
                    key,
                    "range over all months",
                    0.0,
                    "moves",
                    False,
                )
            )
    # objectives nobody moves
    obj_score_reads = {
        (a, o.id): frozenset(_reads(o.score)) for a, objs in sc.objectives.items() for o in objs
    }
    for (a, oid), xs in sorted(report.objective_scores.items()):
        if len(xs) > 1 and max(xs) == min(xs):
            out.append(
                Finding(
                    "objective-never-moves",
                    f"{a}: {oid}",
                    "score at the end of every game",
                    xs[0],
                    "varies",
                    False,
                    (0.01, 1.0),
                    _measure(_objective_range, f"{a}\0{oid}"),
                    obj_score_reads.get((a, oid), frozenset()),
                    measured="its score's range over the games, highest minus lowest",
                )
            )
    return [f for f in out if f.check not in t.ignore]


def probe_policies(
    rules: Rules,
    report: BalanceReport,
    games: int,
    seed: int = 0,
    progress: Progress | None = None,
) -> list[Finding]:
    """Single-lever policies: each actor keeps one option of one lever all game, over the
    first ``games`` seeds; a policy beating the actor's free play by ``dominant_margin``
    is dominant."""
    t = rules.model.balance
    if "dominant-policy" in t.ignore or games < 1 or not report.game_scores:
        return []
    games = min(games, len(report.game_scores))
    out: list[Finding] = []
    for a in rules.actor_ids:
        base = statistics.fmean(s[a] for s in report.game_scores[:games])
        best: tuple[float, str, str] | None = None
        for lever in rules.holder_levers[a]:
            for opt in lever.options:
                if progress:
                    progress(f"probing {a} keeping {lever.id} at {opt.id}")
                probe = run_balance(
                    rules, games, report.bots, seed=seed, force=(a, lever.id, opt.id)
                )
                x = probe.spread(a).mean
                if best is None or x > best[0]:
                    best = (x, lever.id, opt.id)
        if best is None:
            continue
        gain = best[0] - base
        out.append(
            Finding(
                "dominant-policy",
                f"{a}: {best[1]} always {best[2]}",
                "points over its bot's own play",
                gain,
                f"under {_g(t.dominant_margin)}",
                gain < t.dominant_margin,
                (-1e9, t.dominant_margin),
            )
        )
    return out


_THRESHOLD = re.compile(r"(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\b")


def threshold_knobs(model: m.Scenario, where: Locator) -> Iterator[tuple[Knob, frozenset[str]]]:
    """The constants compared against in conditions (deadlines' ``condition``, events' and
    dynamics' ``when``): ``trade >= 45`` gives a knob at 45, touching ``trade``."""
    fields: list[tuple[Loc, Any]] = []
    for i, d in enumerate(model.deadlines):
        fields.append((("deadlines", i, "condition"), d.condition))
    for i, ev in enumerate(model.events):
        fields.append((("events", i, "when"), getattr(ev, "when", None)))
    for i, dyn in enumerate(model.dynamics):
        fields.append((("dynamics", i, "when"), getattr(dyn, "when", None)))
    for loc, text in fields:
        if not isinstance(text, str):
            continue
        reads = frozenset(_reads(text))
        for match in _THRESHOLD.finditer(text):
            value = float(match.group(2))
            if not value:
                continue
            yield (
                Knob(loc, value, where(loc), _id_path(model, loc), match.span(2)),
                reads,
            )


def knobs(model: m.Scenario, where: Locator) -> Iterator[tuple[Knob, frozenset[str]]]:
    """Every plain number of the file that can be turned, with the variable heads it
    touches (an objective weight touches its actor's objectives), and the thresholds of
    its conditions (:func:`threshold_knobs`)."""
    from game.scenario.lint import _Linter  # the effects walk is shared with lint

    yield from threshold_knobs(model, where)
    rules = compile_scenario(model, where)
    linter = _Linter(rules, where)
    for at, effs in linter._effect_maps():
        for path, value in effs.items():
            if isinstance(value, int | float) and not isinstance(value, bool) and value:
                full = (*at, path)
                yield (
                    Knob(full, float(value), where(full), _id_path(model, full)),
                    frozenset({path.split(".")[0]}),
                )
    for i, var in enumerate(model.variables):  # where a number starts
        if isinstance(var.initial, int | float) and var.initial:
            start: Loc = ("variables", i, "initial")
            yield (
                Knob(start, float(var.initial), where(start), _id_path(model, start)),
                frozenset({var.id}),
            )
    for actor, objs in model.objectives.items():
        for i, o in enumerate(objs):
            loc: Loc = ("objectives", actor, i, "weight")
            yield (
                Knob(loc, float(o.weight), where(loc), _id_path(model, loc)),
                frozenset(_reads(o.score)),
            )
    for i, ev in enumerate(model.events):
        if isinstance(ev.chance, int | float) and 0 < ev.chance < 1:
            loc = ("events", i, "chance")
            yield (
                Knob(loc, float(ev.chance), where(loc), _id_path(model, loc)),
                frozenset(ev.effects),
            )
    tension = model.tension.variable
    if isinstance(model.tension.drift, int | float) and model.tension.drift:
        loc = ("tension", "drift")
        yield (
            Knob(loc, float(model.tension.drift), where(loc), "tension.drift"),
            frozenset({tension}),
        )
    if isinstance(model.tension.war.chance, int | float) and model.tension.war.chance:
        loc = ("tension", "war", "chance")
        yield (
            Knob(loc, float(model.tension.war.chance), where(loc), "tension.war.chance"),
            frozenset({tension}),
        )


def turned(model: m.Scenario, knob: Knob, value: float) -> m.Scenario:
    """A deep copy of the model with ``knob`` set to ``value``."""
    copy = model.model_copy(deep=True)
    node: Any = copy
    loc = knob.loc
    for part in loc[:-1]:
        node = getattr(node, str(part)) if isinstance(node, BaseModel) else node[part]
    last = loc[-1]
    if isinstance(node, BaseModel):
        setattr(node, str(last), knob.apply(getattr(node, str(last)), value))
    else:
        node[last] = knob.apply(node[last], value)
    return copy


def search_knobs(
    rules: Rules,
    where: Locator,
    findings: list[Finding],
    bots: list[str],
    *,
    games: int = 4,
    budget: int = 12,
    seed: int = 0,
    progress: Progress | None = None,
    refine: int = 6,
) -> list[Turn]:
    """For each failing finding with a measurable figure, try the knobs most likely to move
    it (those touching what the figure reads first) at half and double their value, and
    keep the three that bring it closest to its target (in ``finding.knobs``).

    A figure that moves in steps (a deadline met in 0, 67 or 100% of a few games) can jump
    over its band between half and double: then the knob is set between its value and the
    one that overshot, halving the gap (whole numbers stay whole) until the figure lands
    inside, within ``refine`` more runs of ``games`` games in all.

    Returns the single turn (knob and value) that brings the most missed figures inside
    while putting the fewest met ones out, if one brings more in than it puts out."""
    failing = [f for f in findings if not f.ok and f.measure is not None]
    if not failing or budget < 1 or games < 1:
        return []
    met = [f for f in findings if f.ok and f.measure is not None]
    turns: list[Turn] = []
    model = rules.model
    candidates = list(knobs(model, where))
    wanted = frozenset().union(*(f.reads for f in failing))

    # the conditions of the failing deadlines: their thresholds are tried first
    own = {
        ("deadlines", i, "condition")
        for i, d in enumerate(model.deadlines)
        if any(f.check == "deadline-rate" and f.subject == d.id for f in failing)
    }

    def rank(item: tuple[Knob, frozenset[str]]) -> tuple[int, int, float]:
        knob, touches = item
        if knob.span is not None:  # a threshold: its size says nothing of its reach
            return (0 if knob.loc in own else 2 if touches & wanted else 4, 0, 0.0)
        start = knob.loc[0] == "variables"  # a starting value: after the effects on it
        return (1 if touches & wanted else 3, int(start), -abs(knob.value))

    chosen = [k for k, _t in sorted(candidates, key=rank)[:budget]]
    base = run_balance(rules, games, bots, seed=seed)
    before = {id(f): f.measure(base) for f in failing if f.measure}
    trials: dict[int, list[Trial]] = {id(f): [] for f in failing}

    def trial(knob: Knob, value: float, refined: bool = False) -> BalanceReport | None:
        try:
            variant = compile_scenario(turned(model, knob, value), where)
        except ValueError:  # a value the file cannot take (e.g. a chance over 1)
            return None
        rep = run_balance(variant, games, bots, seed=seed)
        broken = [
            f"{f.check} {f.subject}" for f in met if f.measure and f.distance(f.measure(rep)) > 0
        ]
        fixed: list[str] = []
        room = 0.0
        for f in failing:
            if f.measure is not None:
                x = f.measure(rep)
                inside = f.distance(x) == 0
                trials[id(f)].append(
                    Trial(knob, value, before[id(f)], x, refined, inside, not broken)
                )
                if inside:
                    fixed.append(f"{f.check} {f.subject}")
                room += _room(f, x)
        room += sum(_room(f, f.measure(rep)) for f in met if f.measure)
        turns.append(Turn(knob, value, refined, fixed, broken, len(failing), room))
        return rep

    for n, knob in enumerate(chosen, 1):
        for factor in (0.5, 2.0):
            value = knob.value * factor
            if progress:
                progress(f"knob {n}/{len(chosen)}: {knob.path} = {_g(value)}")
            trial(knob, value)
    spent = 0
    for f in sorted(failing, key=lambda f: f.check != "deadline-rate"):
        spent += _refine(f, trials[id(f)], before[id(f)], trial, refine - spent, progress)
    touched = frozenset().union(*(t for _k, t in candidates))
    for f in failing:
        f.tried = len(chosen)
        f.unfed = frozenset(f.reads - touched)
        moved = [tr for tr in trials[id(f)] if f.distance(tr.after) < f.distance(tr.before)]
        moved.sort(
            key=lambda tr: (
                f.distance(tr.after),
                -f.margin(tr.after),
                not tr.refined,
                -abs(tr.after - tr.before),
            )
        )
        best: list[Trial] = []
        for tr in moved:  # one line per knob: its best value
            if all(tr.knob != b.knob for b in best):
                best.append(tr)
        f.knobs = best[:3]
    turns.sort(key=lambda t: (len(t.broken) - len(t.fixed), len(t.broken), -t.room))
    return [t for t in turns if len(t.fixed) > len(t.broken)][:1]


def _room(f: Finding, x: float) -> float:
    """How far inside its band ``x`` lies, as a share of the band's width (capped: a
    band open on one side counts as one width)."""
    if f.band is None:
        return 0.0
    width = min(f.band[1] - f.band[0], 1e6)
    return min(f.margin(x) / width, 1.0) if width > 0 else 0.0


def _refine(
    f: Finding,
    tried: list[Trial],
    before: float,
    trial: Callable[[Knob, float, bool], BalanceReport | None],
    runs: int,
    progress: Progress | None,
) -> int:
    """Finer steps for ``f`` when no half or double landed it inside without putting a
    met figure out (a knob that lands it there only by undoing another target, such as
    raising a deadline's threshold until the deadline is never met, is no answer): bisect
    the knobs whose half or double jumped the figure over its band; failing any, walk on
    the knob that came closest (same step again, then bisect if that overshoots). Stops
    when the figure lands inside; returns the runs spent (at most ``runs``)."""
    if f.band is None or f.measure is None or runs < 1:
        return 0
    if any(f.distance(tr.after) == 0 and tr.clean for tr in tried):
        return 0  # a half or a double already lands it inside, putting nothing out
    measure = f.measure
    lo, hi = f.band
    low_side = before < lo  # the figure is under its band (else over it)

    def overshot(x: float) -> bool:
        return x > hi if low_side else x < lo

    spent = 0

    def run(knob: Knob, value: float) -> float | None:
        nonlocal spent
        if progress:
            progress(f"finer step for {f.subject}: {knob.path} = {_g(value)}")
        rep = trial(knob, value, True)
        spent += 1
        return None if rep is None else measure(rep)

    def bisect(knob: Knob, near: float, far: float) -> bool:
        whole = knob.value == int(knob.value)
        while spent < runs:
            mid = (near + far) / 2
            if whole and abs(far - near) >= 2:
                mid = float(round(mid))
            if mid in (near, far) or abs(far - near) < 1e-3 * max(1.0, abs(knob.value)):
                return False
            x = run(knob, mid)
            if x is None:
                return False
            if f.distance(x) == 0:
                return tried[-1].clean  # inside, but by putting a met figure out: next knob
            if overshot(x):
                far = mid
            else:
                near = mid
        return False

    jumps = sorted((tr for tr in tried if overshot(tr.after)), key=lambda tr: f.distance(tr.after))
    for jump in jumps[:2]:
        if bisect(jump.knob, jump.knob.value, jump.value):
            return spent
    if jumps:
        return spent
    toward = [tr for tr in tried if f.distance(tr.after) < f.distance(before)]
    if not toward:
        return spent
    best = min(toward, key=lambda tr: f.distance(tr.after))
    knob, near, step = best.knob, best.value, best.value - best.knob.value
    while spent < runs:
        far = near + step
        if knob.span is None and far * knob.value <= 0:
            break  # an effect would vanish or change sign: that is a different design
        x = run(knob, far)
        if x is None:
            break
        if f.distance(x) == 0:
            break
        if overshot(x):
            bisect(knob, near, far)
            break
        near = far
    return spent


def verdict_json(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as JSON-able data."""
    return [
        {
            "check": f.check,
            "subject": f.subject,
            "figure": f.figure,
            "value": f.value,
            "target": f.target,
            "ok": f.ok,
            "unfed": sorted(f.unfed),
            "knobs": [
                {
                    "path": tr.knob.path,
                    "where": tr.knob.where,
                    "from": tr.knob.value,
                    "to": tr.value,
                    "figure_before": tr.before,
                    "figure_after": tr.after,
                    "finer_step": tr.refined,
                    "inside": tr.inside,
                }
                for tr in f.knobs
            ],
        }
        for f in findings
    ]
