"""Compiling a validated :class:`~game.scenario.model.Scenario` into engine rules.

Everything is resolved here, once: ``self`` and ``target`` are bound per actor, ``*`` is
expanded, every expression is parsed and compiled into a closure over the engine's flat
value table, and every name is checked. The engine's hot path then runs on plain Python
data. Errors carry the file:line:column of the offending text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar
from weakref import WeakKeyDictionary, ref

from game.errors import ScenarioError
from game.scenario import model as m
from game.scenario.expr import Compiled, ExprError, compile_value, constant_of
from game.scenario.loader import Loc, suggest


class Effect(NamedTuple):
    """One compiled effect, prepared for the engine: add (or, in a ``set``, assign)
    ``fn(values)`` to ``key``, clamped to ``lo..hi`` (the variable's bounds). ``const`` is
    the value ``fn`` always returns when the expression is a constant, else ``None``: the
    engine then adds it without calling ``fn`` (the same float either way)."""

    key: str
    lo: float
    hi: float
    const: float | None
    fn: Compiled


Effs = tuple[Effect, ...]
Pair = tuple[str, str]

# What a deal's terms can count as besides the scenario's own option tags (derived by
# game.engine.substance; kept here so expressions can name them).
DEAL_DERIVED = ("relief", "tightening", "moratorium", "attendance")

# Names of the deal being made or kept, readable in negotiation.deals.made / kept (besides
# this_deal.TAG for what its terms count as): see docs/rules.md.
THIS_DEAL = ("terms", "changes", "hollow", "inspections", "summit", "talks")

TOP_NAMES = (
    "initial month months chose level signal count escalation pressure un deals broken deal "
    "summits summits_failed talks stood_up unsc event deadline missed war this_deal reacted "
    "triggered"
).split()


@dataclass(frozen=True)
class OptionRule:
    """A compiled lever option."""

    id: str
    name: str
    explain: str
    level: float
    covert: bool
    detection: float
    tags: tuple[str, ...]
    effects: dict[str, Effs]
    exposed: dict[str, Effs]


@dataclass(frozen=True)
class LeverRule:
    """A compiled lever."""

    id: str
    name: str
    explain: str
    holders: tuple[str, ...]
    options: tuple[OptionRule, ...]
    by_id: dict[str, OptionRule]
    default: dict[str, str]
    sector: str | None = None


@dataclass(frozen=True)
class SignalRule:
    """A compiled signal: effects per (sender, addressee or '')."""

    id: str
    name: str
    explain: str
    actors: tuple[str, ...]
    rung: int
    escalation: float
    addressee: bool
    breaks_moratorium: bool
    effects: dict[Pair, Effs]


@dataclass(frozen=True)
class SectorRule:
    """A sanctioned sector."""

    id: str
    name: str
    weight: float
    shares: dict[str, float]
    lever: str


@dataclass(frozen=True)
class EventRule:
    """A compiled event or inject."""

    id: str
    name: str
    month: int | None
    when: Compiled
    chance: Compiled
    chance_const: float | None
    once: bool
    news: str
    effects: Effs
    sets: Effs
    intel_for: tuple[str, ...]
    summit: tuple[str, ...] = ()
    news_if: tuple[tuple[Compiled, str], ...] = ()
    """Sentences added to ``news`` when their condition holds as the event fires."""


@dataclass(frozen=True)
class ReactionRule:
    """A compiled reaction: its trigger, memory, condition and consequences.

    ``when``, ``effects`` and ``sets`` per (actor who can set it off, ``self``; the one
    its act was aimed at, ``target``, or ``''``): a ``targeted`` reaction (one that names
    ``target``) is compiled for every pair and set off only by acts aimed at someone, any
    other for ``(actor, '')``. ``levers`` per such actor: ((actor, lever, option), ...);
    ``draft``: (drafter or 'self', sector, direction).
    """

    id: str
    name: str
    rung: int | None
    signals: frozenset[str]
    breach: bool
    veto: bool
    lever: str | None
    options: frozenset[str]
    by: frozenset[str]
    times: str
    within: int | None
    when: dict[Pair, Compiled]
    news: str
    effects: dict[Pair, Effs]
    sets: dict[Pair, Effs]
    levers: dict[str, tuple[tuple[str, str, str], ...]]
    draft: tuple[str, str, str] | None
    targeted: bool = False


@dataclass(frozen=True)
class DeadlineRule:
    """A compiled deadline."""

    id: str
    name: str
    month: int
    date: str
    explain: str
    condition: Compiled
    met: tuple[str, Effs, Effs]
    missed: tuple[str, Effs, Effs]


@dataclass(frozen=True)
class ObjectiveRule:
    """A compiled objective."""

    id: str
    name: str
    explain: str
    weight: float
    score: Compiled


@dataclass(frozen=True, eq=False)
class Rules:
    """A scenario compiled for the engine. Immutable once built (frozen); shared by many
    games. Compared and hashed by identity. What a module derives from it once (lookup
    tables) lives in that module's own :class:`Memo`, not on the rules."""

    model: m.Scenario
    id: str
    name: str
    months: tuple[str, ...]
    actor_ids: tuple[str, ...]
    actors: dict[str, m.Actor]
    p5: tuple[str, ...]
    keys: tuple[str, ...]
    bounds: dict[str, tuple[float, float]]
    initial: dict[str, float]
    visibility: dict[str, tuple[str, str | None, float]]
    var_names: dict[str, str]
    levers: tuple[LeverRule, ...]
    lever_by_id: dict[str, LeverRule]
    holder_levers: dict[str, tuple[LeverRule, ...]]
    signals: tuple[SignalRule, ...]
    signal_by_id: dict[str, SignalRule]
    actor_signals: dict[str, tuple[SignalRule, ...]]
    max_signals: int
    sanction_target: str | None
    sanction_levels: int
    sectors: tuple[SectorRule, ...]
    sanction_detection: float
    sanction_exposed: dict[str, Effs]
    tension_key: str
    rungs: tuple[tuple[float, str, str], ...]
    drift: Compiled
    war_threshold: float
    war_chance: Compiled
    war_news: str
    moratorium_key: str | None
    moratorium_news: str
    moratorium_break: dict[str, Effs]
    deal_made: dict[str, Effs]
    deal_kept: dict[str, Effs]
    deal_breach: dict[str, Effs]
    breach_news: str
    summit_effects: dict[Pair, Effs]
    summit_no_deal: dict[Pair, Effs]
    talks_held: dict[Pair, Effs]
    talks_stood_up: dict[Pair, Effs]
    unsc: bool
    unsc_passed: dict[str, Effs]
    unsc_vetoed: dict[Pair, Effs]
    dynamics: tuple[tuple[str, Compiled, Effs], ...]
    events: tuple[EventRule, ...]
    injects: dict[str, EventRule]
    deadlines: tuple[DeadlineRule, ...]
    objectives: dict[str, tuple[ObjectiveRule, ...]]
    secret_pool: dict[str, tuple[ObjectiveRule, ...]]
    war_cap: float
    secret_dealt: int
    negotiation: m.Negotiation
    tags: frozenset[str]
    historical: dict[str, dict[int, m.HistoricalTurn]] = field(default_factory=dict)
    reads_this_deal: frozenset[str] = frozenset()  # "made" / "kept" if it reads this_deal.*
    this_deal_names: frozenset[str] = frozenset()  # the this_deal.* names it reads
    reactions: tuple[ReactionRule, ...] = ()
    par: dict[str, float] = field(default_factory=dict)  # actor -> raw score that is par
    tension_floor: Compiled | None = None  # None: no floor (a ratchet) on drift

    @property
    def turns(self) -> int:
        """Number of monthly turns."""
        return len(self.months)

    def rung_of(self, tension: float) -> tuple[str, str]:
        """The (id, name) of the tension rung a value falls in."""
        current = self.rungs[0]
        for rung in self.rungs:
            if tension >= rung[0]:
                current = rung
        return current[1], current[2]


T = TypeVar("T")


def memo(build: Callable[[Rules], T]) -> Callable[[Rules], T]:
    """One module's typed memo of what it derives from a :class:`Rules`: a function that
    gives ``build(rules)``, built on first use and kept while the rules live (the rules
    themselves stay frozen). A plain function, not an object with ``__call__``: the
    engine asks for its tables many times a month, and a function call is the cheaper.

    >>> from game import load_scenario
    >>> names = memo(lambda rules: {a: rules.actors[a].name for a in rules.actor_ids})
    >>> rules = load_scenario("korea-2019")
    >>> names(rules)["us"]
    'United States'
    >>> names(rules) is names(rules)
    True
    """
    found: WeakKeyDictionary[Rules, T] = WeakKeyDictionary()
    # The last rules asked for (a weak reference) and what was built for them: the
    # common case answered with two cell reads and a call of a weak reference.
    last_rules: Callable[[], Rules | None] = _nothing
    last_value: Any = None

    def get(rules: Rules) -> T:
        nonlocal last_rules, last_value
        if last_rules() is rules:
            return last_value  # type: ignore[no-any-return]
        value = found.get(rules)
        if value is None:
            value = found[rules] = build(rules)
        last_rules = ref(rules)
        last_value = value
        return value

    get.__doc__ = build.__doc__
    return get


def _nothing() -> None:
    return None


class _Compiler:
    """Holds the scenario's names while compiling; collects every problem."""

    def __init__(self, sc: m.Scenario, where: Callable[[Loc], str]) -> None:
        self.sc = sc
        self.where = where
        self.problems: list[str] = []
        self.actors = [a.id for a in sc.actors]
        self.actor_set = set(self.actors)
        self.vars: dict[str, m.Variable] = {v.id: v for v in sc.variables}
        self.levers: dict[str, m.Lever] = {lv.id: lv for lv in sc.levers}
        self.sectors: list[str] = [s.id for s in sc.sanctions.sectors] if sc.sanctions else []
        self.n_levels = len(sc.sanctions.levels) if sc.sanctions else 0
        if sc.sanctions:
            for sector in sc.sanctions.sectors:
                self.levers[f"sanctions_{sector.id}"] = _sanction_lever(sc.sanctions, sector)
        self.signals = {s.id: s for s in sc.signals}
        self.tags = {t for lv in self.levers.values() for o in lv.options for t in o.tags}
        self.events = {e.id for e in [*sc.events, *sc.injects]}
        self.deadlines = {d.id for d in sc.deadlines}
        self.reactions = {r.id for r in sc.reactions}
        self.keys: list[str] = []
        self.derived: set[str] = {"pressure"} | {f"pressure.{s}" for s in self.sectors}
        self.in_deal = ""  # compiling deals.made / kept ("made", "kept"): this_deal.* is readable
        self.reads_this_deal: set[str] = set()
        self.this_deal_names: set[str] = set()

    # ---- problems -------------------------------------------------------------------
    def fail(self, loc: Loc, message: str) -> None:
        dotted = ".".join(str(p) for p in loc)
        self.problems.append(f"{self.where(loc)}: {dotted}: {message}")

    def check_actor(self, loc: Loc, actor: str, what: str = "actor") -> bool:
        if actor in self.actor_set:
            return True
        self.fail(loc, f"unknown {what} '{actor}'{suggest(actor, self.actors)}")
        return False

    # ---- names ----------------------------------------------------------------------
    def _actor(self, part: str, me: str | None, other: str | None) -> str:
        if part == "self":
            if me is None:
                raise KeyError("'self' has no meaning here")
            return me
        if part == "target":
            if other is None:
                raise KeyError("'target' has no meaning here")
            return other
        if part not in self.actor_set:
            raise KeyError(f"unknown actor '{part}'{suggest(part, self.actors)}")
        return part

    def var_key(self, parts: list[str], me: str | None, other: str | None) -> str:
        """Resolve a variable path to its key, or raise KeyError with a reason."""
        head = parts[0]
        if head in self.derived or ".".join(parts) in self.derived:
            return ".".join(parts)
        if head == "un" and len(parts) == 2 and parts[1] in self.sectors:
            return f"un.{parts[1]}"
        var = self.vars.get(head)
        if var is None:
            names = [*self.vars, *TOP_NAMES]
            raise KeyError(f"unknown name '{'.'.join(parts)}'{suggest(head, names)}")
        need = {"global": 1, "actor": 2, "pair": 3}[var.scope]
        if len(parts) != need:
            shape = {1: head, 2: f"{head}.ACTOR", 3: f"{head}.ACTOR.ACTOR"}[need]
            raise KeyError(f"'{'.'.join(parts)}' should be written {shape}")
        return ".".join([head, *(self._actor(p, me, other) for p in parts[1:])])

    def resolver(self, me: str | None = None, other: str | None = None) -> Callable[[str], str]:
        """A name resolver for expressions, with ``self``/``target`` bound."""

        def resolve(name: str) -> str:
            parts = name.split(".")
            head, rest = parts[0], parts[1:]
            n = len(rest)
            if head in ("month", "months", "escalation", "war") and n == 0:
                return head
            if head == "initial" and n >= 1:
                return "initial." + self.var_key(rest, me, other)
            if head == "chose" and n == 3:
                actor = self._actor(rest[0], me, other)
                lever = self._lever(rest[1], actor)
                if rest[2] not in {o.id for o in lever.options}:
                    opts = [o.id for o in lever.options]
                    raise KeyError(
                        f"lever '{lever.id}' has no option '{rest[2]}'{suggest(rest[2], opts)}"
                    )
                return f"chose.{actor}.{lever.id}.{rest[2]}"
            if head == "level" and n == 2:
                actor = self._actor(rest[0], me, other)
                return f"level.{actor}.{self._lever(rest[1], actor).id}"
            if head in ("signal", "count") and n in (1, 2):
                sig = rest[-1]
                if sig not in self.signals:
                    raise KeyError(f"unknown signal '{sig}'{suggest(sig, list(self.signals))}")
                if n == 2:
                    return f"{head}.{self._actor(rest[0], me, other)}.{sig}"
                return f"{head}.{sig}"
            if head == "deals" and n == 1 and rest[0] in ("made", "broken", "hollow"):
                return name
            if head == "deals" and n <= 1:
                return "deals" if n == 0 else f"deals.{self._actor(rest[0], me, other)}"
            if head == "deal" and n in (1, 2):
                tag = rest[0]
                if tag == "sanctions":
                    raise KeyError(
                        "'deal.sanctions' counted any sanctions term, in either direction; "
                        "say which: 'deal.relief' or 'deal.tightening'"
                    )
                if tag == "inspections" and n == 1:
                    return name
                if tag not in DEAL_DERIVED and tag not in self.tags:
                    known = ["inspections", *DEAL_DERIVED, *sorted(self.tags)]
                    raise KeyError(f"no option is tagged '{tag}'{suggest(tag, known)}")
                if n == 2:
                    return f"deal.{tag}.{self._actor(rest[1], me, other)}"
                return name
            if head == "this_deal" and n == 1:
                if not self.in_deal:
                    raise KeyError(
                        f"'{name}' describes the deal being made or kept: it can be read "
                        "only in negotiation.deals.made and negotiation.deals.kept"
                    )
                known = [*THIS_DEAL, *DEAL_DERIVED, *sorted(self.tags)]
                if rest[0] not in known:
                    raise KeyError(f"unknown name '{name}'{suggest(rest[0], known)}")
                self.reads_this_deal.add(self.in_deal)
                self.this_deal_names.add(name)
                return name
            if head == "summits" and n == 0:
                return head
            if head in ("broken", "summits", "summits_failed", "talks", "stood_up") and n == 1:
                return f"{head}.{self._actor(rest[0], me, other)}"
            if head == "unsc" and n == 1 and rest[0] in ("passed", "vetoed"):
                return name
            if head == "event" and n == 1:
                if rest[0] not in self.events:
                    raise KeyError(
                        f"unknown event '{rest[0]}'{suggest(rest[0], sorted(self.events))}"
                    )
                return name
            if head in ("reacted", "triggered") and n == 1:
                if rest[0] not in self.reactions:
                    known = sorted(self.reactions)
                    raise KeyError(f"unknown reaction '{rest[0]}'{suggest(rest[0], known)}")
                return name
            if head in ("deadline", "missed") and n == 1:
                if rest[0] not in self.deadlines:
                    known = sorted(self.deadlines)
                    raise KeyError(f"unknown deadline '{rest[0]}'{suggest(rest[0], known)}")
                return name
            return self.var_key(parts, me, other)

        return resolve

    def _lever(self, lever_id: str, actor: str) -> m.Lever:
        lever = self.levers.get(lever_id)
        if lever is None:
            raise KeyError(f"unknown lever '{lever_id}'{suggest(lever_id, list(self.levers))}")
        if actor not in lever.holders:
            raise KeyError(f"'{actor}' does not hold lever '{lever_id}'")
        return lever

    # ---- expressions and effects --------------------------------------------------
    def expr(
        self, loc: Loc, value: m.Expr, me: str | None = None, other: str | None = None
    ) -> Compiled:
        """Compile one expression; on error record it and return a zero closure."""
        try:
            return compile_value(value, self.resolver(me, other))
        except (ExprError, KeyError) as exc:
            msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
            self.fail(loc, f"{msg} in expression {value!r}")
            return _zero

    def targets(self, path: str, me: str | None, other: str | None) -> list[str]:
        """Expand an effect target path (with self/target/*) to variable keys."""
        parts = path.split(".")
        if "*" not in parts:
            key = self.var_key(parts, me, other)
            # An actor's trust in itself does not exist: such effects are no-ops.
            return [] if _self_pair(key, self.vars) else [key]
        keys: list[str] = []
        star = parts.index("*")
        for actor in self.actors:
            if actor == me:
                continue
            expanded = [*parts[:star], actor, *parts[star + 1 :]]
            if "*" in expanded:
                raise KeyError(f"only one '*' is allowed in '{path}'")
            key = self.var_key(expanded, me, other)
            if not _self_pair(key, self.vars):
                keys.append(key)
        return keys

    def effects(
        self, loc: Loc, effs: dict[str, m.Expr], me: str | None = None, other: str | None = None
    ) -> Effs:
        """Compile an effects mapping for one binding of self/target."""
        out: list[Effect] = []
        for path, value in effs.items():
            try:
                keys = self.targets(path, me, other)
            except KeyError as exc:
                self.fail((*loc, path), f"{exc.args[0]} (effect target)")
                continue
            for key in keys:
                if key in self.derived:
                    self.fail(
                        (*loc, path), f"'{key}' is computed by the engine and cannot be changed"
                    )
                    continue
                fn = self.expr((*loc, path), value, me, other)
                out.append(Effect(key, *self.bounds(key), constant_of(fn), fn))
        return tuple(out)

    def bounds(self, key: str) -> tuple[float, float]:
        """The bounds of an effect's target (the very values :attr:`Rules.bounds` holds)."""
        head = key.split(".")[0]
        if head == "un":
            return (0, self.n_levels - 1)
        var = self.vars[head]
        return (var.min, var.max)

    def per_actor(
        self, loc: Loc, effs: dict[str, m.Expr], actors: Iterable[str]
    ) -> dict[str, Effs]:
        return {a: self.effects(loc, effs, a) for a in actors}

    def per_pair(self, loc: Loc, effs: dict[str, m.Expr]) -> dict[Pair, Effs]:
        if not effs:
            return {}
        # Compile once per pair; report problems only once (for the first pair).
        out: dict[Pair, Effs] = {}
        for a in self.actors:
            for b in self.actors:
                if a != b:
                    before = len(self.problems)
                    out[(a, b)] = self.effects(loc, effs, a, b)
                    if len(self.problems) > before:
                        return out
        return out


def _self_pair(key: str, variables: dict[str, m.Variable]) -> bool:
    """True for a pair variable of an actor with itself (``trust.us.us``)."""
    parts = key.split(".")
    var = variables.get(parts[0])
    return var is not None and var.scope == "pair" and len(parts) == 3 and parts[1] == parts[2]


def _zero(env: Any) -> float:
    return 0.0


def _sanction_lever(sanctions: m.Sanctions, sector: m.Sector) -> m.Lever:
    options = [
        m.Option(id=lv.id, name=lv.name, explain=lv.explain, level=i)
        for i, lv in enumerate(sanctions.levels)
    ]
    holders = sector.enforcers or sanctions.enforcers
    default = {
        e: sanctions.levels[min(sector.start.get(e, sector.un_level), len(options) - 1)].id
        for e in holders
    }
    return m.Lever(
        id=f"sanctions_{sector.id}",
        name=f"Sanctions: {sector.name}",
        explain=sector.explain
        or f"How strictly you enforce UN sanctions on {sector.name.lower()}.",
        holders=list(holders),
        options=options,
        default=default,
    )


def compile_scenario(sc: m.Scenario, where: Callable[[Loc], str]) -> Rules:
    """Compile a validated scenario; raise :class:`ScenarioError` listing every problem."""
    c = _Compiler(sc, where)
    actors = c.actors
    _check_unique(c, "actors", actors)
    _check_unique(c, "variables", [v.id for v in sc.variables])
    _check_unique(c, "levers", [lv.id for lv in sc.levers])
    _check_unique(c, "signals", [s.id for s in sc.signals])

    # Variables -------------------------------------------------------------------------
    keys: list[str] = []
    bounds: dict[str, tuple[float, float]] = {}
    initial: dict[str, float] = {}
    visibility: dict[str, tuple[str, str | None, float]] = {}
    names: dict[str, str] = {}
    for i, var in enumerate(sc.variables):
        loc: Loc = ("variables", i)
        if var.min > var.max:
            c.fail((*loc, "min"), f"min {var.min} is above max {var.max}")
        if var.owner is not None:
            if var.scope != "global":
                c.fail((*loc, "owner"), "only global variables take an owner")
            c.check_actor((*loc, "owner"), var.owner)
        instances: list[tuple[str, str | None, str]] = []
        if var.scope == "global":
            instances.append((var.id, var.owner, ""))
        elif var.scope == "actor":
            instances += [(f"{var.id}.{a}", a, a) for a in actors]
        else:
            instances += [
                (f"{var.id}.{a}.{b}", a, f"{a}.{b}") for a in actors for b in actors if a != b
            ]
        if isinstance(var.initial, dict):
            for k in var.initial:
                valid = {inst[2] for inst in instances} | {"default"}
                if k not in valid:
                    c.fail((*loc, "initial", k), f"unknown key '{k}'{suggest(k, sorted(valid))}")
        for key, owner, sub in instances:
            if isinstance(var.initial, dict):
                start = var.initial.get(sub, var.initial.get("default"))
                if start is None:
                    c.fail(
                        (*loc, "initial"),
                        f"no initial value for '{key}' (add '{sub}' or 'default')",
                    )
                    start = var.min
            else:
                start = var.initial
            if not var.min <= start <= var.max:
                c.fail(
                    (*loc, "initial"),
                    f"initial value {start} of '{key}' is outside {var.min}..{var.max}",
                )
            keys.append(key)
            bounds[key] = (var.min, var.max)
            initial[key] = float(start)
            visibility[key] = (var.visibility, owner, var.noise)
            names[key] = var.name + (f" ({sub})" if sub else "")

    # Levers -----------------------------------------------------------------------------
    levers: list[LeverRule] = []
    for lid, lever in c.levers.items():
        is_sector = lid.startswith("sanctions_") and lid[len("sanctions_") :] in c.sectors
        li = [x.id for x in sc.levers].index(lid) if not is_sector else None
        loc = ("levers", li) if li is not None else ("sanctions",)
        holders = [h for h in lever.holders if c.check_actor((*loc, "holders"), h, "holder")]
        _check_unique(c, f"{'.'.join(map(str, loc))}.options", [o.id for o in lever.options])
        option_ids = [o.id for o in lever.options]
        defaults = (
            lever.default
            if isinstance(lever.default, dict)
            else {h: lever.default for h in holders}
        )
        for default_id in defaults.values():
            if default_id not in option_ids:
                c.fail(
                    (*loc, "default"),
                    f"unknown option '{default_id}'{suggest(default_id, option_ids)}",
                )
        for h in holders:
            if h not in defaults:
                c.fail((*loc, "default"), f"no default option for holder '{h}'")
        options = []
        for oi, opt in enumerate(lever.options):
            oloc: Loc = (*loc, "options", oi)
            effs = {**opt.effects}
            for k, v in opt.costs.items():
                effs[k] = v if k not in effs else f"({effs[k]}) + ({v})"
            options.append(
                OptionRule(
                    id=opt.id,
                    name=opt.name,
                    explain=opt.explain,
                    level=float(opt.level if opt.level is not None else oi),
                    covert=opt.covert,
                    detection=opt.detection,
                    tags=tuple(opt.tags),
                    effects=c.per_actor((*oloc, "effects"), effs, holders),
                    exposed=c.per_actor((*oloc, "exposed"), opt.exposed, holders),
                )
            )
        levers.append(
            LeverRule(
                id=lid,
                name=lever.name,
                explain=lever.explain,
                holders=tuple(holders),
                options=tuple(options),
                by_id={o.id: o for o in options},
                default={h: defaults.get(h, option_ids[0]) for h in holders},
                sector=lid[len("sanctions_") :] if is_sector else None,
            )
        )
    lever_by_id = {lv.id: lv for lv in levers}

    # Sanctions --------------------------------------------------------------------------
    sectors: list[SectorRule] = []
    n_levels = 0
    sanction_exposed: dict[str, Effs] = {}
    if sc.sanctions:
        s = sc.sanctions
        c.check_actor(("sanctions", "target"), s.target)
        for e in s.enforcers:
            c.check_actor(("sanctions", "enforcers"), e, "enforcer")
        n_levels = len(s.levels)
        for si, sector in enumerate(s.sectors):
            loc = ("sanctions", "sectors", si)
            for who in sector.enforcers:
                if who not in s.enforcers:
                    c.fail((*loc, "enforcers"), f"'{who}' is not one of sanctions.enforcers")
            for who in sector.trade_share:
                if who != "rest" and who not in (sector.enforcers or s.enforcers):
                    c.fail((*loc, "trade_share", who), f"'{who}' is not an enforcer (or 'rest')")
            for who, lvl in sector.start.items():
                if who not in s.enforcers:
                    c.fail((*loc, "start", who), f"'{who}' is not an enforcer")
                if not 0 <= lvl < n_levels:
                    c.fail((*loc, "start", who), f"level {lvl} outside 0..{n_levels - 1}")
            if not 0 <= sector.un_level < n_levels:
                c.fail((*loc, "un_level"), f"level {sector.un_level} outside 0..{n_levels - 1}")
            key = f"un.{sector.id}"
            keys.append(key)
            bounds[key] = (0, n_levels - 1)
            initial[key] = float(sector.un_level)
            visibility[key] = ("public", None, 0)
            names[key] = f"UN-required enforcement: {sector.name}"
            sectors.append(
                SectorRule(
                    sector.id,
                    sector.name,
                    sector.weight,
                    dict(sector.trade_share),
                    f"sanctions_{sector.id}",
                )
            )
        for key, nm in [
            *((f"pressure.{x.id}", f"Sanctions pressure: {x.name}") for x in sectors),
            ("pressure", "Sanctions pressure"),
        ]:
            keys.append(key)
            bounds[key] = (0, 100)
            initial[key] = 0.0
            visibility[key] = ("estimated", None, 15)
            names[key] = nm
        sanction_exposed = c.per_actor(("sanctions", "exposed"), s.exposed, s.enforcers)

    # Signals ----------------------------------------------------------------------------
    signals: list[SignalRule] = []
    for i, sig in enumerate(sc.signals):
        loc = ("signals", i)
        senders = [a for a in sig.actors if c.check_actor((*loc, "actors"), a)]
        effects: dict[Pair, Effs] = {}
        for a in senders:
            if sig.addressee:
                for b in actors:
                    if b != a:
                        before = len(c.problems)
                        effects[(a, b)] = c.effects((*loc, "effects"), sig.effects, a, b)
                        if len(c.problems) > before:
                            break
            effects[(a, "")] = (
                c.effects((*loc, "effects"), sig.effects, a, None) if not sig.addressee else ()
            )
        signals.append(
            SignalRule(
                sig.id,
                sig.name,
                sig.explain,
                tuple(senders),
                sig.rung,
                sig.escalation,
                sig.addressee,
                sig.breaks_moratorium,
                effects,
            )
        )

    # Tension, moratorium ---------------------------------------------------------------
    t = sc.tension
    try:
        tension_key = c.var_key([t.variable], None, None)
    except KeyError as exc:
        c.fail(("tension", "variable"), str(exc.args[0]))
        tension_key = t.variable
    rungs = tuple(sorted((r.start, r.id, r.name) for r in t.rungs))
    mor_key = None
    mor_break: dict[str, Effs] = {}
    if sc.moratorium:
        mo = sc.moratorium
        try:
            mor_key = c.var_key([mo.variable], None, None)
        except KeyError as exc:
            c.fail(("moratorium", "variable"), str(exc.args[0]))
        if c.check_actor(("moratorium", "holder"), mo.holder):
            mor_break = c.per_actor(("moratorium", "on_break"), mo.on_break, [mo.holder])

    # Negotiation ------------------------------------------------------------------------
    neg = sc.negotiation
    nloc: Loc = ("negotiation",)
    c.in_deal = "made"
    deal_made = c.per_actor((*nloc, "deals", "made"), neg.deals.made, actors)
    c.in_deal = "kept"
    deal_kept = c.per_actor((*nloc, "deals", "kept"), neg.deals.kept, actors)
    c.in_deal = ""

    # Events, deadlines, objectives ------------------------------------------------------
    def event(loc: Loc, ev: m.Event) -> EventRule:
        for a in ev.intel_for:
            c.check_actor((*loc, "intel_for"), a)
        if ev.month is not None and ev.month > len(sc.months):
            c.fail((*loc, "month"), f"month {ev.month} is after the last turn ({len(sc.months)})")
        chance_const = float(ev.chance) if not isinstance(ev.chance, str) else None
        return EventRule(
            ev.id,
            ev.name,
            ev.month,
            c.expr((*loc, "when"), ev.when),
            c.expr((*loc, "chance"), ev.chance),
            chance_const,
            ev.once,
            ev.news,
            c.effects((*loc, "effects"), ev.effects),
            c.effects((*loc, "set"), ev.set),
            tuple(ev.intel_for),
            tuple(a for a in ev.summit if c.check_actor((*loc, "summit"), a)),
            tuple(
                (c.expr((*loc, "news_if", j, "when"), line.when), line.news)
                for j, line in enumerate(ev.news_if)
            ),
        )

    _check_unique(c, "events", [e.id for e in [*sc.events, *sc.injects]])
    events = tuple(event(("events", i), ev) for i, ev in enumerate(sc.events))
    injects = {ev.id: event(("injects", i), ev) for i, ev in enumerate(sc.injects)}
    for i, ev in enumerate(sc.events):
        if len(ev.summit) == 1:
            c.fail(("events", i, "summit"), "a summit needs at least two actors")
    reactions = tuple(
        _reaction(c, ("reactions", i), r, lever_by_id) for i, r in enumerate(sc.reactions)
    )
    _check_unique(c, "reactions", [r.id for r in sc.reactions])
    deadlines = []
    for i, dl in enumerate(sc.deadlines):
        loc = ("deadlines", i)
        if dl.month > len(sc.months):
            c.fail((*loc, "month"), f"month {dl.month} is after the last turn ({len(sc.months)})")
        deadlines.append(
            DeadlineRule(
                dl.id,
                dl.name,
                dl.month,
                dl.date,
                dl.explain,
                c.expr((*loc, "condition"), dl.condition),
                (
                    dl.met.news,
                    c.effects((*loc, "met", "effects"), dl.met.effects),
                    c.effects((*loc, "met", "set"), dl.met.set),
                ),
                (
                    dl.missed.news,
                    c.effects((*loc, "missed", "effects"), dl.missed.effects),
                    c.effects((*loc, "missed", "set"), dl.missed.set),
                ),
            )
        )

    def objectives(
        section: str, table: dict[str, list[m.Objective]]
    ) -> dict[str, tuple[ObjectiveRule, ...]]:
        out: dict[str, tuple[ObjectiveRule, ...]] = {}
        for actor, objs in table.items():
            if not c.check_actor((section, actor), actor):
                continue
            out[actor] = tuple(
                ObjectiveRule(
                    o.id,
                    o.name,
                    o.explain,
                    o.weight,
                    c.expr((section, actor, i, "score"), o.score, actor),
                )
                for i, o in enumerate(objs)
            )
        return out

    objs = objectives("objectives", sc.objectives)
    for a in actors:
        if a not in objs or not objs[a]:
            c.fail(("objectives",), f"actor '{a}' has no objectives")
    secret = objectives("secret_objectives", sc.secret_objectives)

    for actor, turns in sc.historical.items():
        if not c.check_actor(("historical", actor), actor):
            continue
        for month, turn in turns.items():
            hloc: Loc = ("historical", actor, month)
            for lid, hist_opt in turn.levers.items():
                lv = lever_by_id.get(lid)
                if lv is None or actor not in lv.holders:
                    c.fail(
                        (*hloc, "levers", lid),
                        f"'{actor}' holds no lever '{lid}'{suggest(lid, list(lever_by_id))}",
                    )
                elif hist_opt not in lv.by_id:
                    c.fail(
                        (*hloc, "levers", lid),
                        f"unknown option '{hist_opt}'{suggest(hist_opt, list(lv.by_id))}",
                    )
            sector_ids = [x.id for x in sc.sanctions.sectors] if sc.sanctions else []
            p5 = {x.id for x in sc.actors if x.p5}
            for draft_text in turn.unsc_drafts:
                d_sector, _, d_dir = draft_text.partition(":")
                if (
                    actor not in p5
                    or not sc.unsc
                    or d_sector not in sector_ids
                    or d_dir
                    not in (
                        "relax",
                        "tighten",
                    )
                ):
                    c.fail(
                        (*hloc, "unsc_drafts"),
                        f"'{draft_text}' is not a draft '{actor}' can table: write SECTOR:relax "
                        f"or SECTOR:tighten (sectors: {', '.join(sector_ids) or 'none'}; P5 only)",
                    )
            for d_dir in turn.unsc_votes:
                if actor not in p5 or d_dir not in ("relax", "tighten"):
                    c.fail(
                        (*hloc, "unsc_votes", d_dir),
                        f"'{actor}' cannot vote on '{d_dir}' drafts: the keys are relax and "
                        "tighten, for P5 members",
                    )
            for sig_text in turn.signals:
                sig_id = sig_text.split(":")[0]
                if sig_id not in c.signals or actor not in c.signals[sig_id].actors:
                    c.fail(
                        (*hloc, "signals"),
                        f"'{actor}' cannot send signal '{sig_id}'{suggest(sig_id, list(c.signals))}",
                    )

    rules = Rules(
        model=sc,
        id=sc.id,
        name=sc.name,
        months=tuple(sc.months),
        actor_ids=tuple(actors),
        actors={a.id: a for a in sc.actors},
        p5=tuple(a.id for a in sc.actors if a.p5),
        keys=tuple(keys),
        bounds=bounds,
        initial=initial,
        visibility=visibility,
        var_names=names,
        levers=tuple(levers),
        lever_by_id=lever_by_id,
        holder_levers={a: tuple(lv for lv in levers if a in lv.holders) for a in actors},
        signals=tuple(signals),
        signal_by_id={s.id: s for s in signals},
        actor_signals={a: tuple(s for s in signals if a in s.actors) for a in actors},
        max_signals=sc.max_signals,
        sanction_target=sc.sanctions.target if sc.sanctions else None,
        sanction_levels=n_levels,
        sectors=tuple(sectors),
        sanction_detection=sc.sanctions.detection if sc.sanctions else 0.0,
        sanction_exposed=sanction_exposed,
        tension_key=tension_key,
        rungs=rungs,
        drift=c.expr(("tension", "drift"), t.drift),
        tension_floor=(None if t.floor in (0, False) else c.expr(("tension", "floor"), t.floor)),
        reactions=reactions,
        war_threshold=t.war.threshold,
        war_chance=c.expr(("tension", "war", "chance"), t.war.chance),
        war_news=t.war.news,
        moratorium_key=mor_key,
        moratorium_news=sc.moratorium.news if sc.moratorium else "",
        moratorium_break=mor_break,
        deal_made=deal_made,
        deal_kept=deal_kept,
        reads_this_deal=frozenset(c.reads_this_deal),
        this_deal_names=frozenset(c.this_deal_names),
        deal_breach=c.per_actor((*nloc, "deals", "breach"), neg.deals.breach, actors),
        breach_news=neg.deals.breach_news,
        summit_effects=c.per_pair((*nloc, "summits", "effects"), neg.summits.effects),
        summit_no_deal=c.per_pair((*nloc, "summits", "no_deal"), neg.summits.no_deal),
        talks_held=c.per_pair((*nloc, "talks", "held"), neg.talks.held),
        talks_stood_up=c.per_pair((*nloc, "talks", "stood_up"), neg.talks.stood_up),
        unsc=sc.unsc is not None and bool(sectors),
        unsc_passed=c.per_actor(("unsc", "passed"), sc.unsc.passed, actors) if sc.unsc else {},
        unsc_vetoed=c.per_pair(("unsc", "vetoed"), sc.unsc.vetoed) if sc.unsc else {},
        dynamics=tuple(
            (
                d.name,
                c.expr(("dynamics", i, "when"), d.when),
                c.effects(("dynamics", i, "effects"), d.effects),
            )
            for i, d in enumerate(sc.dynamics)
        ),
        events=events,
        injects=injects,
        deadlines=tuple(deadlines),
        objectives=objs,
        secret_pool=secret,
        war_cap=sc.scoring.war_cap,
        par=_par(c, sc.scoring.par),
        secret_dealt=sc.scoring.secret_dealt,
        negotiation=neg,
        tags=frozenset(c.tags),
        historical=dict(sc.historical),
    )
    if c.problems:
        raise ScenarioError(c.problems)
    return rules


def _reaction(
    c: _Compiler, loc: Loc, r: m.Reaction, lever_by_id: dict[str, LeverRule]
) -> ReactionRule:
    """Compile one reaction; every name it uses is checked."""
    on = r.trigger
    by = [a for a in on.by if c.check_actor((*loc, "trigger", "by"), a)] or list(c.actors)
    for sid in on.signals:
        if sid not in c.signals:
            c.fail(
                (*loc, "trigger", "signals"),
                f"unknown signal '{sid}'{suggest(sid, list(c.signals))}",
            )
    if on.lever is not None:
        lever = lever_by_id.get(on.lever)
        if lever is None:
            c.fail(
                (*loc, "trigger", "lever"),
                f"unknown lever '{on.lever}'{suggest(on.lever, list(lever_by_id))}",
            )
        else:
            for o in on.options:
                if o not in lever.by_id:
                    c.fail(
                        (*loc, "trigger", "options"),
                        f"lever '{lever.id}' has no option '{o}'{suggest(o, list(lever.by_id))}",
                    )
    elif on.options:
        c.fail((*loc, "trigger", "options"), "options need a lever")
    if on.rung is None and not on.signals and not on.breach and not on.veto and on.lever is None:
        c.fail((*loc, "trigger"), "say what sets it off: rung, signals, breach, veto or lever")
    levers: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for n, a in enumerate(by):  # problems are reported for the first actor only
        moved = []
        for who, table in r.levers.items():
            actor = a if who == "self" else who
            if who != "self" and actor not in c.actor_set:
                if n == 0:
                    c.check_actor((*loc, "levers", who), who)
                continue
            for lid, opt in table.items():
                lever = lever_by_id.get(lid)
                if lever is None or actor not in lever.holders:
                    if n == 0:
                        c.fail((*loc, "levers", who, lid), f"'{actor}' holds no lever '{lid}'")
                elif opt not in lever.by_id:
                    if n == 0:
                        c.fail(
                            (*loc, "levers", who, lid),
                            f"unknown option '{opt}'{suggest(opt, list(lever.by_id))}",
                        )
                else:
                    moved.append((actor, lid, opt))
        levers[a] = tuple(moved)
    before = len(c.problems)
    when: dict[Pair, Compiled] = {}
    effects: dict[Pair, Effs] = {}
    sets: dict[Pair, Effs] = {}
    targeted = _names_target(r)
    pairs = [(a, b) for a in by for b in c.actors if b != a] if targeted else [(a, "") for a in by]
    for a, b in pairs:
        when[a, b] = c.expr((*loc, "when"), r.when, a, b or None)
        effects[a, b] = c.effects((*loc, "effects"), r.effects, a, b or None)
        sets[a, b] = c.effects((*loc, "set"), r.set, a, b or None)
        if len(c.problems) > before:
            break
    try:
        r.news.format(actor="")
    except (KeyError, IndexError, ValueError) as exc:
        c.fail((*loc, "news"), f"news may use only {{actor}} (the actor who set it off): {exc}")
    draft = None
    if r.unsc_draft is not None:
        d = r.unsc_draft
        if not c.sc.unsc or not c.sectors:
            c.fail(
                (*loc, "unsc_draft"), "this scenario has no Security Council (unsc and sanctions)"
            )
        if d.sector not in c.sectors:
            c.fail(
                (*loc, "unsc_draft", "sector"),
                f"unknown sector '{d.sector}'{suggest(d.sector, c.sectors)}",
            )
        p5 = {a.id for a in c.sc.actors if a.p5}
        if d.drafter != "self" and d.drafter not in p5:
            c.fail((*loc, "unsc_draft", "drafter"), f"'{d.drafter}' is not a P5 member")
        draft = (d.drafter, d.sector, d.direction)
    return ReactionRule(
        id=r.id,
        name=r.name,
        rung=on.rung,
        signals=frozenset(on.signals),
        breach=on.breach,
        veto=on.veto,
        lever=on.lever,
        options=frozenset(on.options),
        by=frozenset(by),
        times=r.times,
        within=r.within,
        when=when,
        news=r.news,
        effects=effects,
        sets=sets,
        levers=levers,
        draft=draft,
        targeted=targeted,
    )


_TARGET = re.compile(r"\btarget\b")


def _names_target(r: m.Reaction) -> bool:
    """Whether a reaction's condition, effects or sets name ``target``."""
    texts = [str(r.when), *r.effects, *map(str, r.effects.values()), *r.set]
    texts += map(str, r.set.values())
    return any(_TARGET.search(t) for t in texts)


def _par(c: _Compiler, par: dict[str, float]) -> dict[str, float]:
    out = {}
    for actor, value in par.items():
        if not c.check_actor(("scoring", "par", actor), actor):
            continue
        if not 0 <= value <= 100:
            c.fail(("scoring", "par", actor), f"par {value} is outside 0..100")
            continue
        out[actor] = float(value)
    return out


def _check_unique(c: _Compiler, section: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            parts = tuple(int(p) if p.isdigit() else p for p in section.split("."))
            c.fail((*parts, i), f"duplicate id '{x}'")
        seen.add(x)
