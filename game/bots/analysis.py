"""What the built-in bots know about a scenario, measured with the engine itself.

Nothing here is specific to one scenario: for every lever option and every signal, the
engine plays a few quiet games in which only that choice differs from the scenario's
defaults, and records how it moves each actor's *public* objectives, tension, sanctions
pressure and others' trust in the chooser. From that the bots read

* ``delta``: how much a choice is worth to each actor (score points, 0..100 scale);
* ``hawk``: how hawkish a choice is (0 = most dovish of its lever, 1 = most hawkish),
  from its measured effect on tension, pressure and trust, its sanctions level and its
  tags (``freeze``, ``relief``, ``pressure``...), never from actor or lever ids.

The profile is computed once per process per scenario (about a second for a large one)
and cached: :func:`profile_of`.

>>> from game.scenario.loader import load_scenario
>>> prof = profile_of(load_scenario("tests/fixtures/mini.yaml"))
>>> 0.0 <= prof.hawk[("beta", "program", "continue")] <= 1.0
True
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.engine.game import Game
from game.scenario.compile import Rules

if TYPE_CHECKING:
    from game.bots.base import Context

Choice = tuple[str, str, str]  # (actor, lever or "signal", option or signal id)
NO_SIGNAL = "none"

HAWK_WORDS = frozenset(
    "pressure coercion coerce escalate escalation military sanction sanctions test tests strike "
    "exercise exercises hardline hard maximum max threat force forces show_of_force tighten "
    "enforce blockade interdiction evasion build continue expand".split()
)
DOVE_WORDS = frozenset(
    "freeze relief aid engagement engage dialogue talks concession cooperation cooperate "
    "humanitarian peace summit moratorium suspend pause relax ease lift halt dismantle "
    "inspections diplomacy soft".split()
)
SEEDS = (11, 23, 37)


def public_score(rules: Rules, v: dict[str, float], actor: str) -> float:
    """``actor``'s score (0..100) over its public objectives only, war cap applied.

    This is what any other actor may compute about ``actor``: secret objectives are not
    counted.
    """
    objs = rules.objectives.get(actor, ())
    total = sum(o.weight for o in objs) or 1.0
    s = 0.0
    for o in objs:
        x = o.score(v)
        s += o.weight * (0.0 if x < 0 else 1.0 if x > 1 else x)
    cap = rules.war_cap if v.get("war", 0.0) else 100.0
    return min(cap, 100.0 * s / total)


@dataclass
class Profile:
    """Measured effects of every choice in a scenario (see the module docstring)."""

    rules: Rules
    base: dict[str, float]
    delta: dict[Choice, dict[str, float]] = field(default_factory=dict)
    hawk: dict[Choice, float] = field(default_factory=dict)
    raw: dict[Choice, dict[str, float]] = field(default_factory=dict)

    def gain(self, chooser: str, lever: str, option: str, current: str, to: str) -> float:
        """Points ``to`` gains when ``chooser`` moves ``lever`` from ``current`` to ``option``."""
        return self.delta[(chooser, lever, option)][to] - self.delta[(chooser, lever, current)][to]

    def best_for(self, chooser: str, lever: str, to: str) -> str:
        """The option of ``chooser``'s ``lever`` that is worth most to ``to``."""
        lv = self.rules.lever_by_id[lever]
        return max(lv.options, key=lambda o: self.delta[(chooser, lever, o.id)][to]).id


def _words(*texts: str) -> set[str]:
    out: set[str] = set()
    for t in texts:
        for w in t.lower().replace("-", "_").replace(" ", "_").split("_"):
            if w:
                out.add(w)
        out.add(t.lower())
    return out


def _tag_bias(tags: tuple[str, ...], *names: str) -> float:
    words = _words(*tags, *names)
    return float(len(words & HAWK_WORDS)) - float(len(words & DOVE_WORDS))


def _play_quiet(
    rules: Rules,
    seed: int,
    force: dict[str, dict[str, str]] | None = None,
    signal: tuple[str, str, str | None] | None = None,
) -> dict[str, float]:
    """A game with no talk and default policies, except ``force``; one ``signal`` in month 1.

    Returns each actor's final public score plus mean tension, mean pressure and the mean
    final trust of others in each actor (pair variables), keyed ``score.A``,
    ``tension``, ``pressure``, ``trust.A``.
    """
    g = Game(rules, seed)
    for a, levers in (force or {}).items():
        g.policy[a].update(levers)
    tk = rules.tension_key
    tension = pressure = 0.0
    months = 0
    while not g.over:
        g.advance()
        if signal is not None and g.month == 1:
            sender, sid, target = signal
            g.drafts[sender] = {
                "levers": {},
                "signals": [{"signal": sid, "target": target}],
                "stand_up": [],
            }
        g.advance()
        tension += g.v[tk]
        pressure += g.v.get("pressure", 0.0)
        months += 1
    out = {f"score.{a}": public_score(rules, g.v, a) for a in rules.actor_ids}
    out["tension"] = tension / max(1, months)
    out["pressure"] = pressure / max(1, months)
    pairs = _pair_vars(rules)
    for a in rules.actor_ids:
        vals = [g.v[f"{p}.{o}.{a}"] for p in pairs for o in rules.actor_ids if o != a]
        out[f"trust.{a}"] = sum(vals) / len(vals) if vals else 0.0
    return out


def _pair_vars(rules: Rules) -> list[str]:
    return [v.id for v in rules.model.variables if v.scope == "pair"]


def _mean(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: sum(r[k] for r in runs) / len(runs) for k in runs[0]}


def _normalise(values: dict[str, float], floor: float = 1.0) -> dict[str, float]:
    """Map to 0..1 around 0.5; spreads smaller than ``floor`` stay near the middle."""
    lo, hi = min(values.values()), max(values.values())
    mid, span = (lo + hi) / 2.0, max(hi - lo, floor)
    return {k: 0.5 + (x - mid) / span for k, x in values.items()}


def _others_gain(prof: Profile, choice: Choice) -> float:
    d = prof.delta[choice]
    others = [x for a, x in d.items() if a != choice[0]]
    return sum(others) / len(others) if others else 0.0


def build_profile(rules: Rules, seeds: tuple[int, ...] = SEEDS) -> Profile:
    """Measure every lever option and signal of ``rules`` (uncached; see :func:`profile_of`)."""
    base_runs = [_play_quiet(rules, s) for s in seeds]
    base = _mean(base_runs)
    prof = Profile(rules, {a: base[f"score.{a}"] for a in rules.actor_ids})
    actors = rules.actor_ids

    def record(choice: Choice, runs: list[dict[str, float]]) -> None:
        m = _mean(runs)
        prof.delta[choice] = {a: m[f"score.{a}"] - base[f"score.{a}"] for a in actors}
        prof.raw[choice] = {
            "tension": m["tension"] - base["tension"],
            "pressure": m["pressure"] - base["pressure"],
            "trust": m[f"trust.{choice[0]}"] - base[f"trust.{choice[0]}"],
        }

    for lever in rules.levers:
        for holder in lever.holders:
            hawk_raw: dict[str, float] = {}
            for opt in lever.options:
                choice = (holder, lever.id, opt.id)
                if opt.id == lever.default[holder]:
                    record(choice, base_runs)
                else:
                    record(
                        choice,
                        [_play_quiet(rules, s, force={holder: {lever.id: opt.id}}) for s in seeds],
                    )
                r = prof.raw[choice]
                hawk_raw[opt.id] = (
                    r["tension"]
                    + 0.3 * r["pressure"]
                    - r["trust"]
                    - 0.3 * _others_gain(prof, choice)
                    + 2.0 * _tag_bias(opt.tags, opt.id, opt.name)
                    + (opt.level if lever.sector is not None else 0.0) * 5.0
                    + 1e-3 * opt.level
                )
            for oid, h in _normalise(hawk_raw).items():
                prof.hawk[(holder, lever.id, oid)] = h
    for actor in actors:
        sigs = rules.actor_signals[actor]
        hawk_raw = {NO_SIGNAL: 0.0}
        prof.delta[(actor, "signal", NO_SIGNAL)] = {a: 0.0 for a in actors}
        prof.raw[(actor, "signal", NO_SIGNAL)] = {"tension": 0.0, "pressure": 0.0, "trust": 0.0}
        for sig in sigs:
            target = next((o for o in actors if o != actor), None) if sig.addressee else None
            choice = (actor, "signal", sig.id)
            record(choice, [_play_quiet(rules, s, signal=(actor, sig.id, target)) for s in seeds])
            r = prof.raw[choice]
            hawk_raw[sig.id] = (
                r["tension"]
                + sig.escalation
                + 2.0 * sig.rung
                - r["trust"]
                + (10.0 if sig.breaks_moratorium else 0.0)
                - 0.3 * _others_gain(prof, choice)
                + 2.0 * _tag_bias((), sig.id, sig.name)
            )
        for sid, h in _normalise(hawk_raw).items():
            prof.hawk[(actor, "signal", sid)] = h
    return prof


_CACHE: dict[int, tuple[Rules, Profile]] = {}
_BUILDING = threading.Lock()
"""Bots of one server room think in worker threads: one of them builds a scenario's
profile while the others wait for it, instead of each building its own at once."""


def profile_of(rules: Rules) -> Profile:
    """The profile of ``rules``, computed on first use in this process and then cached."""
    hit = _CACHE.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    with _BUILDING:
        hit = _CACHE.get(id(rules))
        if hit is not None and hit[0] is rules:
            return hit[1]
        prof = build_profile(rules)
        _CACHE[id(rules)] = (rules, prof)
    return prof


class UsesProfile:
    """For bots that read the scenario profile: ``self.profile(ctx)``."""

    def profile(self, ctx: Context) -> Profile:
        """The profile of ``ctx.rules`` (built once per process: :func:`profile_of`)."""
        return profile_of(ctx.rules)


def describe(prof: Profile, actor: str) -> list[dict[str, Any]]:
    """A readable table of ``actor``'s choices: value to itself and hawkishness."""
    rows = []
    for (who, lever, option), d in sorted(prof.delta.items()):
        if who == actor:
            rows.append(
                {
                    "lever": lever,
                    "option": option,
                    "self": round(d[actor], 2),
                    "hawk": round(prof.hawk[(who, lever, option)], 2),
                }
            )
    return rows
