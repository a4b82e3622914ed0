"""Lint: warnings a careful scenario author wants, on a scenario that already compiles.

Pure: takes the compiled :class:`~game.scenario.compile.Rules` (its ``model`` is the
validated file) and the locator that turns a field path into ``file:line:col``, and returns
a list of :class:`LintWarning`. It reads expressions with :func:`game.scenario.expr.parse`
and :func:`game.scenario.expr.names` to see which names each one depends on.

>>> from game.scenario.loader import load_model
>>> from game.scenario.compile import compile_scenario
>>> model, where = load_model("tests/fixtures/mini.yaml")
>>> [w.code for w in lint(compile_scenario(model, where), where)][:1]
['empty-text']

Checks (``code``: what it means):

* ``unchanged-variable``: no effect, event, deadline or engine rule ever changes a variable.
* ``inert-option``: a lever option with no effects, costs, exposure or tags that no
  expression reads (the lever's default is exempt: it is the status quo).
* ``lever-option-no-effect``: an option that does, for some holder, exactly what that
  holder's default does (the same non-zero effects, costs, exposure, tags, level and
  secrecy) and that no expression reads by name: only the status quo may do nothing.
* ``inert-lever``: no option of a lever does anything.
* ``event-never-fires``: a month after the last turn, a chance of 0, or a condition that is
  false and reads only names nothing changes.
* ``dynamic-never-applies``: the same for a monthly rule.
* ``objective-cannot-move``: a score that is constant or reads only names nothing changes.
* ``deadline-after-end`` / ``deadline-decided``: a deadline after the last turn, or a
  condition that cannot change.
* ``actor-without-levers``: an actor that holds no lever.
* ``empty-text``: a text field (name, explain, news, briefing, ...) left empty.
* ``duplicate-id``: two items of one list share an id (the engine keeps only one).
* ``reaction-never-fires``: no actor a reaction listens to can set it off (a rung above
  their signals, a lever they do not hold, ...), or its condition is always false.
* ``reaction-never-fires`` also: a reaction that names ``target`` when nothing that sets
  it off is aimed at anyone (a lever move, signals without an addressee).
* ``term-cannot-bind``: expressions read a kind of deal term nobody can agree to (a
  moratorium in a scenario without signals).
* ``term-never-broken``: a kind of commitment no actor could ever break: a term on a lever
  with one option, or one that counts as a tag every option of its levers carries.
* ``condition-never-holds``: a condition that the variables' bounds and the number of
  months make always false (``month >= 9`` in a six-month game, ``x >= 155`` on 0..100);
  reported as ``event-never-fires`` / ``dynamic-never-applies`` / ``deadline-decided``
  where those apply.
* ``sanctions-no-share``: an enforcer holds a sector's sanctions lever but has no trade
  share in it, so the lever does nothing (name the sector's ``enforcers``).
* ``explain-inherited``: a variant changes a deadline's month or condition but keeps the
  parent's ``explain`` text.
* ``per-party-global``: a large change to a global variable in ``deals.made`` or
  ``summits``, which applies once per party (so a four-party deal applies it four times).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from game.scenario import model as m
from game.scenario.bounds import ANY, Span, span
from game.scenario.compile import Rules
from game.scenario.expr import ExprError, compile_value, constant_value, names, parse

Loc = tuple[int | str, ...]
Locator = Callable[[Loc], str]

#: Name heads whose value the engine changes during play (never static).
DYNAMIC_HEADS = frozenset(
    "month chose level signal count escalation pressure deals broken deal summits "
    "summits_failed talks stood_up unsc event deadline missed war this_deal reacted triggered".split()
)
#: Text fields that may stay empty without a warning.
OPTIONAL_TEXT = frozenset({"capital", "note", "schema_", "extends"})


@dataclass(frozen=True)
class LintWarning:
    """One warning: where, which field, a short code and a plain message."""

    where: str
    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.path}: warning: {self.message} [{self.code}]"


class _Linter:
    def __init__(self, rules: Rules, where: Locator) -> None:
        self.rules = rules
        self.sc = rules.model
        self.where = where
        self.out: list[LintWarning] = []
        self.vars = {v.id: v for v in self.sc.variables}
        self.changed = self._changed_variables()

    def warn(self, loc: Loc, code: str, message: str) -> None:
        path = ".".join(str(p) for p in loc) or "(top level)"
        self.out.append(LintWarning(self.where(loc), path, code, message))

    # ---- what changes ------------------------------------------------------------
    def _effect_maps(self) -> Iterator[tuple[Loc, dict[str, m.Expr]]]:
        """Every effects mapping in the scenario, with its location."""
        sc = self.sc
        for li, lever in enumerate(sc.levers):
            for oi, opt in enumerate(lever.options):
                loc: Loc = ("levers", li, "options", oi)
                yield (*loc, "effects"), opt.effects
                yield (*loc, "costs"), opt.costs
                yield (*loc, "exposed"), opt.exposed
        if sc.sanctions:
            yield ("sanctions", "exposed"), sc.sanctions.exposed
        for i, sig in enumerate(sc.signals):
            yield ("signals", i, "effects"), sig.effects
        if sc.moratorium:
            yield ("moratorium", "on_break"), sc.moratorium.on_break
        neg = sc.negotiation
        yield ("negotiation", "deals", "made"), neg.deals.made
        yield ("negotiation", "deals", "kept"), neg.deals.kept
        yield ("negotiation", "deals", "breach"), neg.deals.breach
        yield ("negotiation", "summits", "effects"), neg.summits.effects
        yield ("negotiation", "summits", "no_deal"), neg.summits.no_deal
        yield ("negotiation", "talks", "held"), neg.talks.held
        yield ("negotiation", "talks", "stood_up"), neg.talks.stood_up
        if sc.unsc:
            yield ("unsc", "passed"), sc.unsc.passed
            yield ("unsc", "vetoed"), sc.unsc.vetoed
        for i, d in enumerate(sc.dynamics):
            yield ("dynamics", i, "effects"), d.effects
        for section, events in (("events", sc.events), ("injects", sc.injects)):
            for i, ev in enumerate(events):
                yield (section, i, "effects"), ev.effects
                yield (section, i, "set"), ev.set
        for i, dl in enumerate(sc.deadlines):
            for which, outcome in (("met", dl.met), ("missed", dl.missed)):
                yield ("deadlines", i, which, "effects"), outcome.effects
                yield ("deadlines", i, which, "set"), outcome.set
        for i, r in enumerate(sc.reactions):
            yield ("reactions", i, "effects"), r.effects
            yield ("reactions", i, "set"), r.set

    def _changed_variables(self) -> set[str]:
        changed = {self.sc.tension.variable}
        if self.sc.moratorium:
            changed.add(self.sc.moratorium.variable)
        for _loc, effs in self._effect_maps():
            for path, value in effs.items():
                if constant_value_of(value) != 0.0:
                    changed.add(path.split(".")[0])
        return changed

    def is_static(self, name: str) -> bool:
        """True if the engine never changes this name's value during a game."""
        head = name.split(".")[0]
        if head == "initial" or name == "months":
            return True
        if head == "un":
            return self.sc.unsc is None
        if head in self.vars:
            return head not in self.changed
        return head not in DYNAMIC_HEADS

    def reads(self, value: m.Expr) -> list[str] | None:
        """The names an expression reads ([] for a constant); None if it does not parse."""
        if not isinstance(value, str):
            return []
        try:
            return names(parse(value))
        except ExprError:
            return None

    def initial_value(self, value: m.Expr, me: str | None = None) -> float | None:
        """The expression's value at the start of a game, if every name is known then."""
        env: dict[str, float] = {"months": float(self.rules.turns), "month": 1.0}
        env.update(self.rules.initial)
        env.update({f"initial.{k}": x for k, x in self.rules.initial.items()})

        def resolve(name: str) -> str:
            parts = [me if p == "self" and me else p for p in name.split(".")]
            key = ".".join(parts)
            if key not in env:
                raise KeyError(key)
            return key

        try:
            return compile_value(value, resolve)(env)
        except (ExprError, KeyError):
            return None

    # ---- checks --------------------------------------------------------------------
    def unchanged_variables(self) -> None:
        for i, var in enumerate(self.sc.variables):
            if var.id not in self.changed:
                self.warn(
                    ("variables", i, "id"),
                    "unchanged-variable",
                    f"no effect ever changes variable '{var.id}': it stays at its initial value",
                )

    def inert_options(self) -> None:
        read_options: set[tuple[str, str]] = set()
        read_levers: set[str] = set()
        for text in self._expressions():
            for name in self.reads(text) or []:
                parts = name.split(".")
                if parts[0] == "chose" and len(parts) == 4:
                    read_options.add((parts[2], parts[3]))
                elif parts[0] == "level" and len(parts) == 3:
                    read_levers.add(parts[2])
        for li, lever in enumerate(self.sc.levers):
            defaults = (
                set(lever.default.values()) if isinstance(lever.default, dict) else {lever.default}
            )
            inert = [
                oi
                for oi, o in enumerate(lever.options)
                if not (o.effects or o.costs or o.exposed or o.tags)
                and (lever.id, o.id) not in read_options
                and lever.id not in read_levers
            ]
            if len(inert) == len(lever.options):
                self.warn(
                    ("levers", li, "id"),
                    "inert-lever",
                    f"no option of lever '{lever.id}' has any effect, tag or reader",
                )
                continue
            for oi in inert:
                opt = lever.options[oi]
                if opt.id in defaults:
                    continue
                self.warn(
                    ("levers", li, "options", oi, "id"),
                    "inert-option",
                    f"option '{opt.id}' of lever '{lever.id}' has no effect: no effects, costs or "
                    "tags, and no expression reads it",
                )
            if lever.id not in read_levers:
                self._same_as_status_quo(li, lever, inert, read_options)

    def _same_as_status_quo(
        self, li: int, lever: m.Lever, inert: list[int], read: set[tuple[str, str]]
    ) -> None:
        """``lever-option-no-effect``: an option that, for some holder, does exactly what
        that holder's default (the status quo) does — the same non-zero effects, costs and
        exposure, tags, level and secrecy — and that no expression tells apart by name. A
        real option must do something for its holder; only the status quo may do nothing."""
        by_id = {o.id: o for o in lever.options}
        for oi, opt in enumerate(lever.options):
            if oi in inert or (lever.id, opt.id) in read:
                continue  # inert-option already says so / an expression tells it apart
            same = [
                h
                for h in lever.holders
                if (d := _default_of(lever, h)) != opt.id
                and d in by_id
                and (lever.id, d) not in read
                and _what_it_does(by_id[d]) == _what_it_does(opt)
            ]
            if same:
                status_quo = _default_of(lever, same[0])
                self.warn(
                    ("levers", li, "options", oi, "id"),
                    "lever-option-no-effect",
                    f"option '{opt.id}' of lever '{lever.id}' does nothing for "
                    f"{', '.join(same)} that the status quo '{status_quo}' does not: give it an "
                    "effect, or remove it",
                )

    def _expressions(self) -> Iterator[m.Expr]:
        sc = self.sc
        for _loc, effs in self._effect_maps():
            yield from effs.values()
        yield sc.tension.drift
        yield sc.tension.war.chance
        for d in sc.dynamics:
            yield d.when
        for ev in (*sc.events, *sc.injects):
            yield ev.when
            yield ev.chance
        for dl in sc.deadlines:
            yield dl.condition
        for r in sc.reactions:
            yield r.when
        yield sc.tension.floor
        for table in (sc.objectives, sc.secret_objectives):
            for objs in table.values():
                for o in objs:
                    yield o.score

    def _never(self, value: m.Expr) -> str | None:
        """Why a condition/chance can never be true (None if it can)."""
        used = self.reads(value)
        if used is None:
            return None
        if not isinstance(value, str):
            return "it is always false" if float(value) <= 0 else None
        if all(self.is_static(n) for n in used):
            start = self.initial_value(value)
            if start is not None and start <= 0:
                if not used:
                    return "it is always false"
                return f"it reads only names nothing changes ({', '.join(used)}) and is false"
        return self._impossible(value, used)

    def known_spans(self, me: str | None = None) -> dict[str, Span]:
        """The span of every name whose range the rules bound (variables, month)."""
        known: dict[str, Span] = {"month": (1.0, float(self.rules.turns))}
        known["months"] = (float(self.rules.turns), float(self.rules.turns))
        for key, (lo, hi) in self.rules.bounds.items():
            known[key] = (float(lo), float(hi))
        return known

    def _name_span(self, name: str, known: dict[str, Span]) -> Span:
        if name in known:
            return known[name]
        head = name.split(".")[0]
        if head == "initial":
            head = name.split(".")[1] if "." in name else head
        var = self.vars.get(head)
        if var is not None:
            return float(var.min), float(var.max)
        return ANY

    def _impossible(self, value: m.Expr, used: list[str]) -> str | None:
        """Why a condition can never hold given the bounds (None if it may)."""
        if not isinstance(value, str):
            return None
        try:
            node = parse(value)
        except ExprError:
            return None
        base = self.known_spans()
        known = {n: self._name_span(n, base) for n in used}
        lo, hi = span(node, known)
        if hi > 0 or lo < 0:
            return None
        ranges = [
            f"{n} runs {_num(known[n][0])}..{_num(known[n][1])}" for n in used if known[n] != ANY
        ]
        if not ranges:
            return None
        return "can never hold: " + ", ".join(ranges)

    def events(self) -> None:
        turns = self.rules.turns
        for section, events in (("events", self.sc.events), ("injects", self.sc.injects)):
            for i, ev in enumerate(events):
                loc: Loc = (section, i)
                if ev.month is not None and ev.month > turns:
                    self.warn(
                        (*loc, "month"),
                        "event-never-fires",
                        f"event '{ev.id}' is set for month {ev.month}, after the last turn "
                        f"({turns})",
                    )
                    continue
                if section == "injects":
                    continue
                why = self._never(ev.when)
                if why:
                    self.warn(
                        (*loc, "when"),
                        "event-never-fires",
                        f"event '{ev.id}' can never fire: its condition {why}",
                    )
                    continue
                why = self._never(ev.chance)
                if why:
                    self.warn(
                        (*loc, "chance"),
                        "event-never-fires",
                        f"event '{ev.id}' can never fire: its chance {why.replace('false', '0')}",
                    )

    def dynamics(self) -> None:
        for i, d in enumerate(self.sc.dynamics):
            why = self._never(d.when)
            if why:
                self.warn(
                    ("dynamics", i, "when"),
                    "dynamic-never-applies",
                    f"monthly rule '{d.name}' never applies: its condition {why}",
                )

    def objectives(self) -> None:
        for section, table in (
            ("objectives", self.sc.objectives),
            ("secret_objectives", self.sc.secret_objectives),
        ):
            for actor, objs in table.items():
                for i, o in enumerate(objs):
                    used = self.reads(o.score)
                    if used is None:
                        continue
                    loc: Loc = (section, actor, i, "score")
                    if not used:
                        self.warn(
                            loc,
                            "objective-cannot-move",
                            f"objective '{o.id}' of '{actor}' cannot move: its score is constant",
                        )
                    elif all(self.is_static(n) for n in used):
                        self.warn(
                            loc,
                            "objective-cannot-move",
                            f"objective '{o.id}' of '{actor}' cannot move: its score reads only "
                            f"names nothing changes ({', '.join(used)})",
                        )

    def deadlines(self) -> None:
        turns = self.rules.turns
        for i, dl in enumerate(self.sc.deadlines):
            if dl.month > turns:
                self.warn(
                    ("deadlines", i, "month"),
                    "deadline-after-end",
                    f"deadline '{dl.id}' is in month {dl.month}, after the last turn ({turns})",
                )
                continue
            used = self.reads(dl.condition)
            never = self._impossible(dl.condition, used) if used else None
            if never:
                self.warn(
                    ("deadlines", i, "condition"),
                    "deadline-decided",
                    f"deadline '{dl.id}' can never be met: its condition {never}",
                )
                continue
            if used is not None and all(self.is_static(n) for n in used):
                self.warn(
                    ("deadlines", i, "condition"),
                    "deadline-decided",
                    f"deadline '{dl.id}' is decided in advance: its condition reads nothing "
                    "that changes during play",
                )

    def reactions(self) -> None:
        """A reaction none of whose triggers any actor it listens to can set off."""
        rules = self.rules
        for i, r in enumerate(rules.reactions):
            by = r.by
            signals = any(
                a in by and ((r.rung is not None and s.rung >= r.rung) or s.id in r.signals)
                for s in rules.signals
                for a in s.actors
            )
            lever = r.lever is not None and any(a in by for a in rules.lever_by_id[r.lever].holders)
            breach = r.breach and bool(rules.levers or rules.signals)
            veto = r.veto and rules.unsc and any(a in by for a in rules.p5)
            if not (signals or lever or breach or veto):
                self.warn(
                    ("reactions", i, "trigger"),
                    "reaction-never-fires",
                    f"reaction '{r.id}' can never be set off: no actor it listens to can send "
                    "such a signal, move that lever, break a term or veto a draft",
                )
            elif r.targeted and not self._aimed(r):
                self.warn(
                    ("reactions", i, "trigger"),
                    "reaction-never-fires",
                    f"reaction '{r.id}' names 'target' but can never be set off by an act "
                    "aimed at someone: its signals have no addressee and a lever move has no "
                    "target (trigger on a breach, a veto or a signal sent to someone)",
                )
            why = self._never(self.sc.reactions[i].when)
            if why:
                self.warn(
                    ("reactions", i, "when"),
                    "reaction-never-fires",
                    f"reaction '{r.id}' never fires: {why}",
                )

    def _aimed(self, r: Any) -> bool:
        """Whether some act that sets off reaction ``r`` is aimed at someone."""
        rules = self.rules
        signals = any(
            s.addressee and a in r.by
            for s in rules.signals
            if (r.rung is not None and s.rung >= r.rung) or s.id in r.signals
            for a in s.actors
        )
        breach = r.breach and len(rules.actor_ids) > 1 and bool(rules.levers or rules.signals)
        veto = r.veto and rules.unsc and len(rules.p5) > 1 and any(a in r.by for a in rules.p5)
        return bool(signals or breach or veto)

    def unbreakable_terms(self) -> None:
        """Kinds of commitment the scenario offers that no actor could ever break: a term on
        a lever with a single option, or a term that counts as one of the scenario's own
        tags when every option of every lever carrying the tag carries it."""
        for i, lever in enumerate(self.sc.levers):
            if len(lever.options) == 1:
                self.warn(
                    ("levers", i, "options"),
                    "term-never-broken",
                    f"a commitment on lever '{lever.id}' can never be broken: it has one "
                    "option, and every term allows it",
                )
        tagged: dict[str, list[int]] = {}
        for i, lever in enumerate(self.sc.levers):
            for tag in {t for o in lever.options for t in o.tags}:
                tagged.setdefault(tag, []).append(i)
        for tag, where in tagged.items():
            levers = [self.sc.levers[i] for i in where]
            if all(tag in o.tags for lv in levers for o in lv.options):
                self.warn(
                    ("levers", where[0], "options"),
                    "term-never-broken",
                    f"a commitment that counts as '{tag}' can never be broken: every option "
                    f"of {', '.join(repr(lv.id) for lv in levers)} is tagged '{tag}' (leave "
                    "it off the options that break it)",
                )

    def terms(self) -> None:
        """Kinds of deal term no actor can be held to in this scenario."""
        if not self.rules.signals:
            names = " ".join(str(v) for v in self._expressions())
            if "deal.moratorium" in names:
                self.warn(
                    ("signals",),
                    "term-cannot-bind",
                    "expressions read deal.moratorium, but no actor has signals: no moratorium "
                    "term can be made",
                )

    def actors(self) -> None:
        for i, actor in enumerate(self.sc.actors):
            if not self.rules.holder_levers.get(actor.id):
                self.warn(
                    ("actors", i, "id"),
                    "actor-without-levers",
                    f"actor '{actor.id}' holds no lever: its team can only talk and signal",
                )

    def empty_text(self) -> None:
        for loc, value in _text_fields(self.sc, ()):
            if not value.strip():
                self.warn(loc, "empty-text", f"'{loc[-1]}' is empty")

    def duplicates(self) -> None:
        sc = self.sc
        lists: list[tuple[Loc, Iterable[Any]]] = [
            (("actors",), sc.actors),
            (("variables",), sc.variables),
            (("levers",), sc.levers),
            (("signals",), sc.signals),
            (("deadlines",), sc.deadlines),
        ]
        if sc.sanctions:
            lists.append((("sanctions", "sectors"), sc.sanctions.sectors))
            lists.append((("sanctions", "levels"), sc.sanctions.levels))
        for section, table in (
            ("objectives", sc.objectives),
            ("secret_objectives", sc.secret_objectives),
        ):
            for actor, objs in table.items():
                lists.append(((section, actor), objs))
        for loc, items in lists:
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    self.warn((*loc, i, "id"), "duplicate-id", f"duplicate id '{item.id}'")
                seen.add(item.id)

    def sanctions_shares(self) -> None:
        """Enforcers who hold a sector's sanctions lever that does nothing: no share of the
        sector's trade, no expression reads their level, and no exposure for enforcing
        below the UN level."""
        s = self.sc.sanctions
        if s is None:
            return
        read = {n for text in self._expressions() for n in self.reads(text) or []}
        for si, sector in enumerate(s.sectors):
            holders = sector.enforcers or s.enforcers
            lever = f"sanctions_{sector.id}"
            idle = [
                e
                for e in holders
                if not sector.trade_share.get(e, 0.0)
                and not (s.exposed and s.detection > 0)
                and f"level.{e}.{lever}" not in read
                and not any(n.startswith(f"chose.{e}.{lever}") for n in read)
            ]
            for e in idle:
                self.warn(
                    ("sanctions", "sectors", si, "trade_share"),
                    "sanctions-no-share",
                    f"'{e}' holds the sanctions lever for sector '{sector.id}' but has no trade "
                    f"share in it, so the lever does nothing; give it a share, or list the "
                    f"sector's enforcers (enforcers: [{', '.join(x for x in holders if x not in idle)}])",
                )

    def inherited_explain(self) -> None:
        """A variant that moves a deadline or changes its condition but keeps its text."""
        if not self.sc.extends:
            return
        for i, dl in enumerate(self.sc.deadlines):
            # a merged item's mapping carries the variant's position; its untouched
            # fields keep the parent's
            mine = _file_of(self.where(("deadlines", i)))
            if _file_of(self.where(("deadlines", i, "explain"))) == mine:
                continue
            changed = [
                f
                for f in ("month", "condition")
                if _file_of(self.where(("deadlines", i, f))) == mine
            ]
            if changed:
                self.warn(
                    ("deadlines", i, changed[0]),
                    "explain-inherited",
                    f"this variant changes the {' and '.join(changed)} of deadline '{dl.id}' "
                    f'but keeps the parent\'s explain text ("{_short(dl.explain)}"), which '
                    "players read: write a new explain",
                )

    def flags_without_display(self) -> None:
        """A shown 0/1 variable with no words for its values: players would read '1'."""
        for i, var in enumerate(self.sc.variables):
            if var.min == 0 and var.max == 1 and not var.display and not var.hidden:
                self.warn(
                    ("variables", i, "id"),
                    "flag-without-display",
                    f"variable '{var.id}' is a flag (0 or 1) shown to players as a bare "
                    "number; give it words, e.g. 'display: {0: lapsed, 1: in force}', or "
                    "mark it 'hidden: true' if it is bookkeeping",
                )
            for value in var.display:
                if not var.min <= value <= var.max:
                    self.warn(
                        ("variables", i, "display"),
                        "display-out-of-range",
                        f"variable '{var.id}' has words for {_num(value)}, outside its "
                        f"range {_num(var.min)}..{_num(var.max)}: no value ever shows them",
                    )

    def per_party_globals(self) -> None:
        """Large global changes in effects applied once per party of a deal or summit."""
        neg = self.sc.negotiation
        n = len(self.sc.actors)
        for loc, effs, parties in (
            (("negotiation", "deals", "made"), neg.deals.made, n),
            (("negotiation", "summits", "effects"), neg.summits.effects, 2),
            (("negotiation", "summits", "no_deal"), neg.summits.no_deal, 2),
        ):
            for path, value in effs.items():
                var = self.vars.get(path.split(".")[0])
                if var is None or var.scope != "global" or "." in path:
                    continue
                amount = constant_value_of(value)
                if not amount or abs(amount * parties) < LARGE_SHARE * (var.max - var.min):
                    continue
                if loc[1] == "deals":
                    what = (
                        f"party to each deal made: a deal among all {n} actors changes {path} "
                        f"by {_num(amount * n)} (a two-party deal by {_num(2 * amount)})"
                    )
                else:
                    what = f"leader at each summit: one summit changes {path} by {_num(2 * amount)}"
                self.warn(
                    (*loc, path),
                    "per-party-global",
                    f"'{path}: {_num(amount)}' applies once per {what}, and again for every "
                    "further one in the same month; use a smaller amount or a per-actor "
                    "variable (self)",
                )


#: A per-party change to a global variable is linted when one deal among all actors (or
#: one summit) moves it by at least this share of its range.
LARGE_SHARE = 0.2


def _num(x: float) -> str:
    return f"{x:g}"


def _file_of(where: str) -> str:
    return where.rsplit(":", 2)[0]


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _default_of(lever: m.Lever, holder: str) -> str:
    """The option ``holder`` starts on (the lever's default, or its entry for them)."""
    d = lever.default
    return d.get(holder, lever.options[0].id) if isinstance(d, dict) else d


def _what_it_does(opt: m.Option) -> tuple[Any, ...]:
    """What choosing ``opt`` changes, to compare options: its non-zero effects, costs and
    exposure (expressions as written), tags, level and secrecy."""

    def nonzero(effs: dict[str, m.Expr]) -> frozenset[tuple[str, str]]:
        return frozenset((k, str(v)) for k, v in effs.items() if constant_value_of(v) != 0)

    return (
        nonzero(opt.effects),
        nonzero(opt.costs),
        nonzero(opt.exposed),
        frozenset(opt.tags),
        opt.level,
        opt.covert,
        opt.detection if opt.covert else 0.0,
    )


def constant_value_of(value: m.Expr) -> float | None:
    """The value of an expression that reads no name, else ``None``."""
    if isinstance(value, bool | int | float):
        return float(value)
    try:
        return constant_value(parse(value))
    except ExprError:
        return None


def _text_fields(obj: BaseModel, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every plain-text ``str`` field of the model tree (ids and expressions excluded)."""
    for name, info in type(obj).model_fields.items():
        if name in OPTIONAL_TEXT or name == "id":
            continue
        value = getattr(obj, name)
        key = info.alias or name
        if isinstance(value, str) and info.annotation is str:
            yield (*loc, key), value
        elif isinstance(value, BaseModel):
            yield from _text_fields(value, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _text_fields(item, (*loc, key, i))
        elif isinstance(value, dict):
            for k, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _text_fields(item, (*loc, key, k))
                elif isinstance(item, list):
                    for i, sub in enumerate(item):
                        if isinstance(sub, BaseModel):
                            yield from _text_fields(sub, (*loc, key, k, i))
                elif isinstance(item, dict):
                    for k2, sub in item.items():
                        if isinstance(sub, BaseModel):
                            yield from _text_fields(sub, (*loc, key, k, k2))


def lint(rules: Rules, where: Locator) -> list[LintWarning]:
    """Every warning for a compiled scenario, in file order of the checks."""
    linter = _Linter(rules, where)
    linter.duplicates()
    linter.empty_text()
    linter.actors()
    linter.unchanged_variables()
    linter.inert_options()
    linter.dynamics()
    linter.events()
    linter.deadlines()
    linter.objectives()
    linter.reactions()
    linter.terms()
    linter.unbreakable_terms()
    linter.sanctions_shares()
    linter.inherited_explain()
    linter.per_party_globals()
    linter.flags_without_display()
    return linter.out
