"""Resolution of a month: deterministic given the seed and the orders.

A month is :data:`STEPS`, one function per step, in the order docs/rules.md documents:
orders take effect, sanctions pressure, covert detection, signals and the moratorium,
talks and summits, compliance with agreements, Security Council votes, reactions, monthly
dynamics and tension drift, events, deadlines, war risk, close. All random draws come
from the game's one seeded generator, in this fixed order. Effects are applied by one
function, :func:`apply_effects`, on the prepared effects of the compiled rules.

Pure rules: no I/O; the only state changed is the game's.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from game.engine.substance import allowed_ids, forbidden_signals, this_deal_read
from game.scenario.compile import Effs, EventRule, Rules, memo
from game.scenario.expr import constant_of

if TYPE_CHECKING:
    from game.engine.state import State as Game  # the data the rules read


def apply_effects(v: dict[str, float], effects: Effs) -> None:
    """Add compiled effects to the values ``v``, clamped to each variable's bounds.

    Every effect is evaluated against the same values before any is added; a constant is
    added without calling its closure (the same float either way). The one path for
    effect arithmetic: every table of effects in :class:`Rules` is in this prepared form.
    """
    if len(effects) == 1:  # the common case: no need to hold the deltas
        ((key, lo, hi, const, fn),) = effects
        x = v[key] + (fn(v) if const is None else const)
        v[key] = lo if x < lo else hi if x > hi else x
        return
    deltas = []  # a loop, not a comprehension: no frame of its own
    for _, _, _, const, fn in effects:
        deltas.append(fn(v) if const is None else const)
    for (key, lo, hi, _, _), delta in zip(effects, deltas, strict=True):
        x = v[key] + delta
        v[key] = lo if x < lo else hi if x > hi else x


def set_values(v: dict[str, float], effects: Effs) -> None:
    """Set variables to the values of compiled effects (a ``set:``), clamped; every value
    is evaluated before any is set."""
    if not effects:
        return
    values = [(key, lo, hi, fn(v)) for key, lo, hi, _, fn in effects]
    for key, lo, hi, x in values:
        v[key] = lo if x < lo else hi if x > hi else x


def _commit(
    v: dict[str, float], bounds: dict[str, tuple[float, float]], acc: dict[str, float]
) -> None:
    """Add the summed deltas ``acc``, clamped (the orders step's simultaneous moves)."""
    for key, delta in acc.items():
        lo, hi = bounds[key]
        x = v[key] + delta
        v[key] = lo if x < lo else hi if x > hi else x


def _bump(v: dict[str, float], key: str, by: float = 1.0) -> None:
    v[key] = v.get(key, 0.0) + by


def recompute_pressure(game: Game) -> None:
    """Effective pressure per sector: each enforcer weighted by its share of the trade.

    ``pressure.SECTOR`` = 100 x sum over enforcers of share x level / top level, with the
    rest of the world enforcing at the UN-required level; ``pressure`` is the average
    over sectors weighted by each sector's share of the target's revenue.
    """
    rules = game.rules
    if not rules.sectors:
        return
    table = _plan(rules).pressure
    v = game.v
    policy = game.policy
    total = 0.0
    weights = 0.0
    for key, un_key, weight, rest, enforcers in table:
        p = rest * v[un_key]
        for who, lever_id, weighted in enforcers:
            p += weighted[policy[who][lever_id]]
        p = 100.0 * p
        p = 0.0 if p < 0.0 else 100.0 if p > 100.0 else p
        v[key] = p
        total += weight * p
        weights += weight
    v["pressure"] = total / weights if weights else 0.0


def _un_levels(v: dict[str, float], plan: _Plan) -> tuple[float, ...]:
    return tuple([v[key] for key in plan.un_keys])


def refresh_deal_flags(game: Game) -> None:
    """Recompute the deal.* and deals.* counters from agreements in force.

    ``deal.TAG`` (and ``deal.TAG.ACTOR``) is 1 while an agreement in force has a term (of
    that actor) that counts as TAG: see :mod:`game.engine.substance`."""
    v = game.v
    plan = _plan(game.rules)
    for key in game.deal_keys:
        v.pop(key, None)
    keys: list[str] = []
    game.deal_keys = keys
    active = [a for a in game.agreements if a["status"] == "active"]
    v["deals"] = float(len(active))
    deals_key = plan.deals_key
    tag_keys = plan.tag_keys
    hollow = 0.0
    for ag in active:
        if ag["hollow"]:
            hollow += 1.0
        for p in ag["parties"]:
            key = deals_key[p]
            v[key] = v.get(key, 0.0) + 1.0
            keys.append(key)
        if ag["inspections"]:
            keys.append("deal.inspections")
            v["deal.inspections"] = 1.0
        for c in ag["commitments"]:
            actor = c["actor"]
            for tag in c["counts_as"]:
                pair = tag_keys.get((tag, actor))
                if pair is None:
                    pair = tag_keys[tag, actor] = (f"deal.{tag}", f"deal.{tag}.{actor}")
                keys += pair
                v[pair[0]] = 1.0
                v[pair[1]] = 1.0
    v["deals.hollow"] = hollow


def hold_summit(
    game: Game, parties: list[str] | tuple[str, ...], deal: bool, news: bool = True
) -> None:
    """A summit of ``parties``' leaders: ``summits.effects`` for each leader of each pair
    (and ``no_deal`` when it ends without a deal); ``summits.ACTOR`` and ``summits`` count
    it. ``news``: publish the summit's own news (an event that holds one tells its own)."""
    rules = game.rules
    v = game.v
    pairs = [(p, q) for i, p in enumerate(parties) for q in parties[i + 1 :]]
    for p, q in pairs:
        for x, y in ((p, q), (q, p)):
            apply_effects(v, rules.summit_effects.get((x, y), ()))
            if not deal:
                apply_effects(v, rules.summit_no_deal.get((x, y), ()))
            _bump(v, f"summits.{x}")
            if not deal:
                _bump(v, f"summits_failed.{x}")
    _bump(v, "summits")
    if news:
        names = _plan(rules).names
        leaders = " and ".join(names[p] for p in parties)
        outcome = "and signed a deal" if deal else "but parted with no deal"
        _news(
            game,
            "summit",
            f"Summit: the leaders of {leaders} met {outcome}.",
            parties=tuple(parties),
        )


def fire_event(game: Game, ev: EventRule) -> None:
    """Apply an event's effects and publish its news (or private intelligence)."""
    if ev.effects:
        apply_effects(game.v, ev.effects)
    set_values(game.v, ev.sets)
    if ev.summit:
        hold_summit(game, ev.summit, deal=True, news=False)
    game.fired.add(ev.id)
    game.v[f"event.{ev.id}"] = 1.0
    text = " ".join([ev.news, *(line for when, line in ev.news_if if when(game.v))])
    game._news_pending.append((game.month, "event", text, ev.intel_for, (("event", ev.id),)))


def _news(game: Game, kind: str, text: str, to: list[str] | None = None, **extra: Any) -> None:
    """Publish a news item (kept compact until someone reads ``game.news``).

    ``extra`` values must be atomic or tuples (a tuple comes back as a list).
    """
    game._news_pending.append(
        (game.month, kind, text, tuple(to) if to else (), tuple(extra.items()))
    )


def _breach_news(game: Game, ag: dict[str, Any], breaker: str, breach: dict[str, Any]) -> None:
    """Publish a seen breach of agreement ``ag`` by ``breaker``.

    The deal's parties get the scenario's ``breach_news``, which may quote the deal's
    words (``{deal}``). Everyone else learns only what the breach itself showed: that
    ``breaker`` broke a commitment, and on what public act (a lever whose chosen option
    is not covert, a signal, a Security Council vote, talks); never the deal's text,
    terms, id or other parties."""
    rules = game.rules
    name = rules.actors[breaker].name
    text = rules.breach_news.format(actor=name, deal=ag["text"] or f"agreement {ag['id']}")
    _news(game, "breach", text, list(ag["parties"]), agreement=ag["id"])
    _news(
        game,
        "breach",
        f"{name} was seen breaking a commitment{_breach_seen(rules, breach)}.",
        actor=breaker,
    )


def _breach_seen(rules: Rules, breach: dict[str, Any]) -> str:
    """What a non-party saw of a breach, as `` (on what)``, or ``''`` for a covert act."""
    if "lever" in breach:
        lever = rules.lever_by_id[breach["lever"]]
        return "" if lever.by_id[breach["option"]].covert else f" ({lever.name})"
    kind = breach.get("kind")
    if kind == "signals":
        return f" ({rules.signal_by_id[breach['signal']].name})"
    if kind == "unsc":
        return " (a Security Council vote)"
    if kind == "attend":
        return " (talks it was to attend)"
    return ""


class _Choice(NamedTuple):
    """One actor's option on one lever, with everything resolution needs precomputed."""

    lever_id: str
    option_id: str
    chose_key: str  # chose.ACTOR.LEVER.OPTION
    level_key: str  # level.ACTOR.LEVER
    level: float
    effects: Effs  # the option's effects for this actor
    un_key: str | None  # un.SECTOR for a sanctions lever
    covert: bool
    seen: tuple[tuple[str, float], ...]  # (observer, chance it detects this covert option)
    exposed: Effs  # effects on this actor when the covert option is detected
    intel: str  # the news an observer gets when it detects this choice


class _Plan:
    """Per-scenario lookup tables for resolution, built once and cached on the rules."""

    def __init__(self, rules: Rules) -> None:
        self.names = names = {a: rules.actors[a].name for a in rules.actor_ids}
        intel = {a: rules.actors[a].intelligence for a in rules.actor_ids}
        # actor -> [(observer, intelligence)] of those who could detect its covert acts
        observers = {
            a: [(o, intel[o]) for o in rules.actor_ids if o != a and intel[o] > 0]
            for a in rules.actor_ids
        }
        # Per actor, in scenario order: (actor, its lever ids, {option id: choice} per
        # lever, (position, UN key or None) of the levers that can hide a choice:
        # sanctions levers and levers with a covert option).
        self.levers: tuple[
            tuple[
                str,
                tuple[str, ...],
                tuple[dict[str, _Choice], ...],
                tuple[tuple[int, str | None], ...],
            ],
            ...,
        ] = tuple(
            (
                a,
                tuple(lv.id for lv in rules.holder_levers[a]),
                tuple(
                    {
                        o.id: _Choice(
                            lv.id,
                            o.id,
                            f"chose.{a}.{lv.id}.{o.id}",
                            f"level.{a}.{lv.id}",
                            o.level,
                            o.effects[a],
                            f"un.{lv.sector}" if lv.sector is not None else None,
                            o.covert,
                            tuple((who, o.detection * q) for who, q in observers[a]),
                            o.exposed.get(a, ()),
                            f"Intelligence: {names[a]} chose '{o.name}' ({lv.name}).",
                        )
                        for o in lv.options
                    }
                    for lv in rules.holder_levers[a]
                ),
                tuple(
                    (i, f"un.{lv.sector}" if lv.sector is not None else None)
                    for i, lv in enumerate(rules.holder_levers[a])
                    if lv.sector is not None or any(o.covert for o in lv.options)
                ),
            )
            for a in rules.actor_ids
        )
        # Enforcing below the UN-required level is covert, whatever the option says.
        self.sanction_seen = {
            a: tuple((who, rules.sanction_detection * q) for who, q in observers[a])
            for a in rules.actor_ids
        }
        self.sanction_exposed = {a: rules.sanction_exposed.get(a, ()) for a in rules.actor_ids}
        # (actor, signal) -> (signal.S, signal.A.S, count.S, count.A.S)
        self.signal_keys = {
            (a, s.id): (
                f"signal.{s.id}",
                f"signal.{a}.{s.id}",
                f"count.{s.id}",
                f"count.{a}.{s.id}",
            )
            for s in rules.signals
            for a in s.actors
        }
        self.deals_key = {a: f"deals.{a}" for a in rules.actor_ids}
        # (tag, actor) -> (deal.TAG, deal.TAG.ACTOR), filled as tags come up
        self.tag_keys: dict[tuple[str, str], tuple[str, str]] = {}
        self.un_keys = tuple(f"un.{s.id}" for s in rules.sectors)
        self.rung_of = {s.id: s.rung for s in rules.signals}
        # The levers some reaction watches (their moves are collected in step 1).
        self.reaction_levers = frozenset(r.lever for r in rules.reactions if r.lever)
        # month -> the events that may fire in it, in scenario order
        self.events = {
            month: tuple(ev for ev in rules.events if ev.month is None or ev.month == month)
            for month in range(1, rules.turns + 1)
        }
        self.snapshot = _snapshotter(rules.keys)
        keys = rules.keys
        # The values of ``keys`` as a tuple (itemgetter of one key gives the value itself).
        self.snapshot_row: Callable[[dict[str, float]], tuple[float, ...]] = (
            itemgetter(*keys) if len(keys) > 1 else (lambda v: tuple([v[k] for k in keys]))
        )
        # A level.* key set every month: once it exists, all of them do.
        self.level_probe = next(
            (
                choice.level_key
                for _a, _l, tables, _r in self.levers
                for t in tables
                for choice in t.values()
            ),
            "",
        )
        self.dynamics = tuple(
            (when, constant_of(when), effects) for _name, when, effects in rules.dynamics
        )
        # Per reaction: the signals that set it off (of its rung or above, or named).
        self.reaction_signals = tuple(
            frozenset(
                s.id
                for s in rules.signals
                if (r.rung is not None and s.rung >= r.rung) or s.id in r.signals
            )
            for r in rules.reactions
        )
        # Sanctions pressure, per sector: (pressure.SECTOR, un.SECTOR, weight, the rest of
        # the world's share / top level, [(enforcer, lever, option -> share x level /
        # top level)]): the same products as multiplying at each use, computed once.
        top = float(rules.sanction_levels - 1)
        self.pressure = tuple(
            (
                f"pressure.{sector.id}",
                f"un.{sector.id}",
                sector.weight,
                sector.shares.get("rest", 0.0) / top,
                tuple(
                    (
                        who,
                        sector.lever,
                        {
                            o.id: (share / top) * o.level
                            for o in rules.lever_by_id[sector.lever].options
                        },
                    )
                    for who, share in sector.shares.items()
                    if who != "rest"
                ),
            )
            for sector in rules.sectors
        )
        # The sanctions levers (a reaction that moves one changes the pressure).
        self.sanction_levers = frozenset(s.lever for s in rules.sectors)


# Fields of a _Choice read in bulk (C-level getters).
_CHOSE_KEY = itemgetter(2)
_LEVEL_KEY = itemgetter(3)
_LEVEL = itemgetter(4)


def _snapshotter(keys: tuple[str, ...]) -> Callable[[dict[str, float]], dict[str, float]]:
    """A function copying ``keys`` out of a value table (itemgetter: one C call)."""
    if len(keys) < 2:  # itemgetter of one key returns the value itself, not a tuple
        return lambda v: {k: v[k] for k in keys}
    get = itemgetter(*keys)
    return lambda v: dict(zip(keys, get(v), strict=True))


_plan = memo(_Plan)


def snapshot(game: Game) -> dict[str, float]:
    """The values of every scenario variable now (one row of the history)."""
    return _plan(game.rules).snapshot(game.v)


Breach = tuple[dict[str, Any] | None, bool]  # (the breach or None, compliance seen)


def _lever_breach(game: Game, ag: dict[str, Any], c: dict[str, Any]) -> Breach:
    """A lever term against this month's policy. A breach is observed if the option is
    public (and, for sanctions, not below the UN level) or the deal has inspections;
    otherwise the other parties roll to detect it."""
    rules = game.rules
    lever = rules.lever_by_id[c["lever"]]
    chosen = lever.by_id[game.policy[c["actor"]][c["lever"]]]
    promised = lever.by_id[c["option"]]
    cmp = c["compare"]
    ok = (
        chosen.id == promised.id
        if cmp == "exactly"
        else chosen.level <= promised.level
        if cmp == "at_most"
        else chosen.level >= promised.level
    )
    hidden = chosen.covert or (
        lever.sector is not None and chosen.level < game.v[f"un.{lever.sector}"]
    )
    visible = not hidden or ag["inspections"]
    if ok:
        return None, visible
    breaker = c["actor"]
    if not visible:
        chance = chosen.detection if chosen.covert else rules.sanction_detection
        rng = game.rng
        visible = any(
            rng.random() < chance * rules.actors[o].intelligence
            for o in ag["parties"]
            if o != breaker
        )
    return {
        "month": game.month,
        "actor": breaker,
        "lever": c["lever"],
        "option": chosen.id,
        "observed": visible,
    }, True


def _signals_breach(
    game: Game,
    ag: dict[str, Any],
    c: dict[str, Any],
    signals: list[tuple[str, str, str | None]],
    stand_up: dict[str, list[str]],
) -> Breach:
    """A moratorium term: a signal it rules out, sent this month (signals are public)."""
    ruled_out = forbidden_signals(game.rules, c)
    actor = c["actor"]
    for a, sid, _target in signals:
        if a == actor and sid in ruled_out:
            breach = {"month": game.month, "actor": actor, "kind": "signals", "signal": sid}
            return {**breach, "observed": True}, True
    return None, True


def _unsc_breach(
    game: Game,
    ag: dict[str, Any],
    c: dict[str, Any],
    signals: list[tuple[str, str, str | None]],
    stand_up: dict[str, list[str]],
) -> Breach:
    """A Security Council term: this month's drafts of its sector and direction, against
    the actor's vote (votes are public)."""
    actor = c["actor"]
    for d in game.unsc_drafts:
        if d["status"] != "open" or d["direction"] != c["direction"]:
            continue
        if c["sector"] is not None and d["sector"] != c["sector"]:
            continue
        vote = d["votes"].get(actor)
        if vote == "no" or (c["vote"] == "yes" and vote != "yes"):
            breach = {"month": game.month, "actor": actor, "kind": "unsc", "draft": d["id"]}
            return {**breach, "vote": vote or "none", "observed": True}, True
    return None, True


def _attend_breach(
    game: Game,
    ag: dict[str, Any],
    c: dict[str, Any],
    signals: list[tuple[str, str, str | None]],
    stand_up: dict[str, list[str]],
) -> Breach:
    """An attendance term: standing up a partner at the deal's talks (this month's)."""
    actor = c["actor"]
    if ag["month"] == game.month and any(p in stand_up.get(actor, ()) for p in ag["parties"]):
        return {"month": game.month, "actor": actor, "kind": "attend", "observed": True}, True
    return None, True


# Compliance with each kind of term other than levers (see game.engine.actions._TERM_KINDS).
_BREACH: dict[str, Callable[..., Breach]] = {
    "signals": _signals_breach,
    "unsc": _unsc_breach,
    "attend": _attend_breach,
}


class _Month:
    """What one month's steps hand each other: this month's acts, as the steps find them."""

    __slots__ = (
        "breakers",
        "choices",
        "ending",
        "escalation",
        "every",
        "game",
        "moves",
        "plan",
        "rules",
        "signals",
        "stand_up",
        "v",
        "vetoers",
    )

    def __init__(self, game: Game) -> None:
        self.game = game
        self.rules = game.rules
        self.plan = _plan(game.rules)
        self.v = game.v
        # (actor, signal, addressee or None) sent this month, in actor order
        self.signals: list[tuple[str, str, str | None]] = []
        self.stand_up: dict[str, list[str]] = {}  # actor -> partners it stands up at talks
        # (actor, its options, its choices) per actor, and every choice in that order
        self.choices: list[tuple[str, list[str], list[_Choice]]] = []
        self.every: list[_Choice] = []
        self.moves: list[tuple[str, str, str]] = []  # (actor, lever, option) a reaction watches
        self.escalation = 0.0  # the month's total escalation of signals
        # (actor, the one its act was aimed at or ''): seen breaking a term this month (the
        # deal's first other party), and P5 members who vetoed a draft (its drafter)
        self.breakers: list[tuple[str, str]] = []
        self.vetoers: list[tuple[str, str]] = []
        self.ending: list[dict[str, Any]] = []  # agreements whose last month this is


def _orders(m: _Month) -> None:
    """1. Orders take effect; missing levers keep last month's policy; every option's
    effects, evaluated against the start-of-month values, are summed, then added.

    The engine's hot path: lookups are precomputed in the plan and done in bulk. Last
    month's chose.* and signal.* entries go; level.* entries are all overwritten.
    """
    game, plan, v = m.game, m.plan, m.v
    scratch_keys = game.scratch_keys
    if scratch_keys:
        list(map(v.pop, scratch_keys, repeat(None, len(scratch_keys))))
    drafts = game.drafts
    policies = game.policy
    signals = m.signals
    stand_up = m.stand_up
    choices = m.choices
    every = m.every
    moves = m.moves
    watch_levers = plan.reaction_levers
    for a, lever_ids, tables, _risky in plan.levers:
        policy = policies[a]
        draft = drafts.get(a)
        if draft:
            if watch_levers:
                moves += [
                    (a, lid, opt)
                    for lid, opt in draft["levers"].items()
                    if lid in watch_levers and policy[lid] != opt
                ]
            policy.update(draft["levers"])
            for s in draft["signals"]:
                signals.append((a, s["signal"], s["target"]))
            stand_up[a] = draft["stand_up"]
        # map() keeps these per-lever lookups in C (a comprehension costs a frame each)
        options = list(map(policy.__getitem__, lever_ids))
        mine = list(map(dict.__getitem__, tables, options))
        choices.append((a, options, mine))
        every += mine
    scratch: list[str] = list(map(_CHOSE_KEY, every))
    if plan.level_probe in v:  # every level.* key exists: setting them moves none
        v.update(zip(map(_LEVEL_KEY, every), map(_LEVEL, every), strict=True))
        v.update(zip(scratch, repeat(1.0)))  # noqa: B905 (repeat() never ends)
    else:  # the first month: insert in the same order as ever (level, chose, ...)
        for ch in every:
            v[ch.level_key] = ch.level
            v[ch.chose_key] = 1.0
    game.scratch_keys = scratch
    escalation = 0.0
    signal_keys = plan.signal_keys
    signal_by_id = m.rules.signal_by_id
    for a, sid, _target in signals:
        keys = signal_keys[a, sid]
        scratch.append(keys[0])
        scratch.append(keys[1])
        for key in keys:
            v[key] = v.get(key, 0.0) + 1.0
        escalation += signal_by_id[sid].escalation
    v["escalation"] = m.escalation = escalation

    # Every option's effects are evaluated against the same start-of-month values.
    acc: dict[str, float] = {}
    get = acc.get
    for ch in every:
        for key, _lo, _hi, const, fn in ch.effects:
            acc[key] = get(key, 0.0) + (fn(v) if const is None else const)
    _commit(v, m.rules.bounds, acc)


def _pressure(m: _Month) -> None:
    """2. Sanctions pressure from the enforcement levels now in force."""
    recompute_pressure(m.game)


def _covert(m: _Month) -> None:
    """3. Covert acts and detection: each observer rolls once per covert choice.

    Only sanctions levers and levers with a covert option can hide anything; enforcing
    below the UN-required level is covert whatever the option says. What others will see
    of this month's orders is recorded compactly (see :func:`revealed_month`).
    """
    game, plan, v = m.game, m.plan, m.v
    month = game.month
    rand = game.rng.random
    detections = game.detections
    news = game._news_pending
    drafts = game.drafts
    covert_acts: list[tuple[str, str, str, tuple[str, ...]]] = []
    orders: list[tuple[Any, ...]] = []
    for (a, lever_ids, _tables, risky), (_a, options, mine) in zip(
        plan.levers, m.choices, strict=True
    ):
        hidden: list[str] = []
        for i, un_key in risky:
            ch = mine[i]
            if un_key is not None and ch.level < v[un_key]:
                seen, exposed = plan.sanction_seen[a], plan.sanction_exposed[a]
            elif ch.covert:
                seen, exposed = ch.seen, ch.exposed
            else:
                continue
            lever_id = ch.lever_id
            option_id = ch.option_id
            hidden.append(lever_id)
            found_by: tuple[str, ...] = ()
            for o, chance in seen:
                if rand() < chance:
                    found_by += (o,)
            covert_acts.append((a, lever_id, option_id, found_by))
            if found_by:
                for o in found_by:
                    detections[o].append(
                        {"month": month, "actor": a, "lever": lever_id, "option": option_id}
                    )
                    news.append((month, "intel", ch.intel, (o,), ()))
                if exposed:
                    apply_effects(v, exposed)
        draft = drafts.get(a)
        orders.append(
            (
                a,
                lever_ids,
                tuple(options),
                tuple(hidden),
                tuple([(s["signal"], s["target"]) for s in draft["signals"]]) if draft else (),
            )
        )
    game._revealed_pending.append((month, tuple(orders), tuple(covert_acts)))


def _signals(m: _Month) -> None:
    """4. Signals: their effects, tension up by their escalation, public news; a signal
    that breaks the moratorium ends it."""
    if not m.signals:
        return
    game, rules, v = m.game, m.rules, m.v
    names = m.plan.names
    tk = rules.tension_key
    lo, hi = rules.bounds[tk]
    mk = rules.moratorium_key
    for a, sid, target in m.signals:
        sig = rules.signal_by_id[sid]
        fx = sig.effects.get((a, target or ""))
        if fx:
            apply_effects(v, fx)
        v[tk] = max(lo, min(hi, v[tk] + sig.escalation))
        to_whom = f", aimed at {names[target]}" if target else ""
        _news(
            game, "signal", f"{names[a]}: {sig.name}{to_whom}.", signal=sid, actor=a, target=target
        )
        if sig.breaks_moratorium and mk is not None and v[mk] >= 1:
            v[mk] = 0.0
            for effs in rules.moratorium_break.values():
                apply_effects(v, effs)
            _news(game, "moratorium", rules.moratorium_news)


def _talks_and_summits(m: _Month) -> None:
    """5. Talks and summits agreed this month: talks held or stood up, summits held."""
    game, rules, v = m.game, m.rules, m.v
    month = game.month
    names = m.plan.names
    stand_up = m.stand_up
    for ag in game.agreements:
        if ag["month"] != month or ag["status"] != "active":
            continue
        if ag["talks"]:
            parties = ag["parties"]
            pairs = [(p, q) for i, p in enumerate(parties) for q in parties[i + 1 :]]
            for p, q in pairs:
                away = [x for x in (p, q) if (q if x == p else p) in stand_up.get(x, [])]
                if away:
                    for x in away:
                        other = q if x == p else p
                        apply_effects(v, rules.talks_stood_up.get((x, other), ()))
                        _bump(v, f"stood_up.{x}")
                        _news(
                            game,
                            "talks",
                            f"{names[x]} stood up {names[other]} at working-level talks.",
                        )
                else:
                    apply_effects(v, rules.talks_held.get((p, q), ()))
                    apply_effects(v, rules.talks_held.get((q, p), ()))
                    _bump(v, f"talks.{p}")
                    _bump(v, f"talks.{q}")
                    _news(
                        game,
                        "talks",
                        f"Working-level talks between {names[p]} and {names[q]} went ahead.",
                    )
        if ag["summit"]:
            hold_summit(game, ag["parties"], bool(ag["commitments"]))


def _compliance(m: _Month) -> None:
    """6. Compliance with agreements in force: each term due this month is checked; an
    observed breach breaks the deal; parties that kept every term get ``deals.kept``."""
    game, rules, v = m.game, m.rules, m.v
    month = game.month
    policies = game.policy
    signals, stand_up, breakers = m.signals, m.stand_up, m.breakers
    for ag in game.agreements:
        if ag["status"] != "active":
            continue
        kept = set(ag["parties"])
        kept_months: list[int] = ag.get("kept_months") or []  # with sequenced terms only
        kept_before = tuple(kept_months) if kept_months else ()  # earlier months only
        for i, c in enumerate(ag["commitments"]):
            if not c["start"] <= month < c["start"] + c["months"]:
                continue
            after = c.get("after")
            if after and kept_before[after["term"]] < after["months"]:
                continue  # not due yet: the other side has not been seen keeping its part
            kind = c.get("kind")
            if kind is None:
                if not kept_months:  # the common case, inline: a kept lever term
                    lever_id = c["lever"]
                    now = policies[c["actor"]][lever_id]
                    if now in allowed_ids(rules, lever_id, c["option"], c["compare"]):
                        continue
                found = _lever_breach(game, ag, c)
            else:
                found = _BREACH[kind](game, ag, c, signals, stand_up)
            breach, compliance_seen = found
            if breach is None:
                if compliance_seen and kept_months:
                    kept_months[i] += 1
                continue
            breaker = c["actor"]
            kept.discard(breaker)
            ag["breaches"].append(breach)
            if breach["observed"]:
                partner = next((p for p in ag["parties"] if p != breaker), "")
                breakers.append((breaker, partner))
            if breach["observed"] and ag["status"] == "active":
                ag["status"] = "broken"
                _bump(v, "deals.broken")
                _bump(v, f"broken.{breaker}")
                apply_effects(v, rules.deal_breach[breaker])
                _breach_news(game, ag, breaker, breach)
        if ag["status"] == "active":
            described = (
                this_deal_read(rules, policies, ag)
                if kept and "kept" in rules.reads_this_deal
                else None
            )
            if described:  # the effects may read what this deal holds
                v.update(described)
            for p in ag["parties"]:
                if p in kept:
                    fx = rules.deal_kept[p]
                    if fx:
                        apply_effects(v, fx)
            if described:
                for key in described:
                    del v[key]
            if month + 1 >= ag["end"]:
                m.ending.append(ag)  # in force through its last month: expires at its close
    refresh_deal_flags(game)


def _security_council(m: _Month) -> None:
    """7. Security Council drafts: any P5 ``no`` vetoes one; otherwise it passes with at
    least one ``yes`` and moves its sector's UN level by one (pressure follows)."""
    game, rules, v = m.game, m.rules, m.v
    names = m.plan.names
    un_before = _un_levels(v, m.plan)
    for draft in game.unsc_drafts:
        if draft["status"] != "open":
            continue
        vetoes = [p for p in rules.p5 if draft["votes"].get(p) == "no"]
        yes = sum(1 for p in rules.p5 if draft["votes"].get(p) == "yes")
        sector = next(s for s in rules.sectors if s.id == draft["sector"])
        if vetoes:
            drafter = draft["drafter"]
            m.vetoers += [(p, drafter if drafter != p else "") for p in vetoes]
            draft["status"] = "vetoed"
            _bump(v, "unsc.vetoed")
            for p in vetoes:
                apply_effects(v, rules.unsc_vetoed.get((p, draft["drafter"]), ()))
            who = ", ".join(names[p] for p in vetoes)
            _news(
                game,
                "unsc",
                f"Security Council: a draft to {draft['direction']} sanctions on {sector.name.lower()} was vetoed by {who}.",
            )
        elif yes >= 1:
            draft["status"] = "passed"
            key = f"un.{sector.id}"
            step = 1.0 if draft["direction"] == "tighten" else -1.0
            lo, hi = rules.bounds[key]
            v[key] = max(lo, min(hi, v[key] + step))
            _bump(v, "unsc.passed")
            apply_effects(v, rules.unsc_passed[draft["drafter"]])
            _news(
                game,
                "unsc",
                f"Security Council: a resolution to {draft['direction']} sanctions on {sector.name.lower()} passed.",
            )
        else:
            draft["status"] = "lapsed"
    if _un_levels(v, m.plan) != un_before:
        recompute_pressure(game)


def _reactions(m: _Month) -> None:
    """8. Reactions to this month's acts, in scenario order (see docs/authoring.md).

    A reaction is set off at most once a month, by the first actor (in ``by`` order) whose
    act matches; ``triggered.ID`` counts the months it was set off and ``reacted.ID`` the
    times it fired (``times`` and ``within`` read that memory; ``when`` is read after).
    Pressure follows any UN level or sanctions lever a reaction moved.
    """
    rules = m.rules
    if not rules.reactions or not (m.signals or m.breakers or m.vetoers or m.moves):
        return  # nothing was done that any reaction watches
    game, v, plan = m.game, m.v, m.plan
    month = game.month
    signals, moves, breakers, vetoers = m.signals, m.moves, m.breakers, m.vetoers
    un_before = _un_levels(v, plan)
    moved_sanctions = False
    for r, by_signal in zip(rules.reactions, plan.reaction_signals, strict=True):
        # The first act (in the order acts are found) by an actor it listens to, aimed at
        # someone if the reaction names its target.
        acts: list[tuple[str, str]] = []
        if by_signal:
            acts += [(a, t or "") for a, sid, t in signals if sid in by_signal]
        if r.breach:
            acts += breakers
        if r.veto:
            acts += vetoers
        if r.lever:
            acts += [
                (a, "")
                for a, lid, opt in moves
                if lid == r.lever and (not r.options or opt in r.options)
            ]
        found = next(
            ((a, t) for a, t in acts if a in r.by and (t if r.targeted else True)),
            None,
        )
        if found is None:
            continue
        who, target = found
        pair = (who, target if r.targeted else "")
        count_key, month_key = f"triggered.{r.id}", f"triggered_month.{r.id}"
        before, last = v.get(count_key, 0.0), v.get(month_key)
        v[count_key] = before + 1.0
        v[month_key] = float(month)
        if (r.times == "first" and before) or (r.times == "repeat" and not before):
            continue
        if r.within is not None and (last is None or month - last > r.within):
            continue
        if not r.when[pair](v):
            continue
        if r.effects[pair]:
            apply_effects(v, r.effects[pair])
        set_values(v, r.sets[pair])
        for actor, lever, option in r.levers[who]:
            game.policy[actor][lever] = option
            moved_sanctions = moved_sanctions or lever in plan.sanction_levers
        if r.draft is not None:
            drafter, sector, direction = r.draft
            drafter = who if drafter == "self" else drafter
            if drafter in rules.p5:
                game.unsc_drafts.append(
                    {
                        "id": game._id(),
                        "month": month + 1,
                        "drafter": drafter,
                        "sector": sector,
                        "direction": direction,
                        "votes": {drafter: "yes"},
                        "status": "open",
                    }
                )
        _bump(v, f"reacted.{r.id}")
        _news(game, "reaction", r.news.format(actor=plan.names[who]), reaction=r.id)
    if moved_sanctions or _un_levels(v, plan) != un_before:
        recompute_pressure(game)


def _dynamics_and_drift(m: _Month) -> None:
    """9. The scenario's monthly dynamics, then drift in a month without escalation
    (never below the tension floor by drift alone: a ratchet)."""
    rules, v = m.rules, m.v
    for when, always, effects in m.plan.dynamics:
        if (when(v) if always is None else always) and effects:
            apply_effects(v, effects)
    if m.escalation <= 0:
        tk = rules.tension_key
        lo, hi = rules.bounds[tk]
        was = v[tk]
        x = max(lo, min(hi, was + rules.drift(v)))
        floor = rules.tension_floor
        if floor is not None and x < was:  # a ratchet: drift alone goes no lower
            x = max(x, min(was, floor(v)))
        v[tk] = x


def _events(m: _Month) -> None:
    """10. Events: scripted by month or condition, and random ones (pressure follows a
    UN level an event changed)."""
    game, v, plan = m.game, m.v, m.plan
    rng = game.rng
    fired = game.fired
    un_before = _un_levels(v, plan)
    for ev in plan.events.get(game.month, ()):
        if ev.once and ev.id in fired:
            continue
        if not ev.when(v):
            continue
        chance = ev.chance_const if ev.chance_const is not None else ev.chance(v)
        if chance < 1.0 and rng.random() >= chance:
            continue
        fire_event(game, ev)
    if _un_levels(v, plan) != un_before:
        recompute_pressure(game)


def _deadlines(m: _Month) -> None:
    """11. Deadlines judged this month: met or missed."""
    game, v = m.game, m.v
    for dl in m.rules.deadlines:
        if dl.month != game.month:
            continue
        met = dl.condition(v) != 0
        text, effects, sets = dl.met if met else dl.missed
        v[f"deadline.{dl.id}" if met else f"missed.{dl.id}"] = 1.0
        apply_effects(v, effects)
        set_values(v, sets)
        _news(game, "deadline", f"{dl.name} ({dl.date}): {text}", deadline=dl.id, met=met)


def _war(m: _Month) -> None:
    """12. War risk at the brink."""
    rules, v = m.rules, m.v
    if v[rules.tension_key] >= rules.war_threshold and m.game.rng.random() < rules.war_chance(v):
        v["war"] = 1.0
        _news(m.game, "war", rules.war_news)


def _close(m: _Month) -> None:
    """13. Close the month: agreements whose last month this was expire (one counts for
    everything judged in its last month: dynamics, events, deadlines), old proposals
    expire, the history gets a row, and the next month begins (or the game ends)."""
    game, rules, v = m.game, m.rules, m.v
    month = game.month
    if m.ending:
        for ag in m.ending:
            if ag["status"] == "active":
                ag["status"] = "expired"
        refresh_deal_flags(game)
    for pid in list(game.open_ids):
        prop = game.proposals[pid]
        if month + 1 - prop["month"] >= rules.negotiation.proposal_months:
            game.close_proposal(prop, "expired")
    game._snapshots_pending.append(m.plan.snapshot_row(v))
    game.drafts = {}
    game.ready = set()
    game.submitted = set()
    if v.get("war", 0.0) or month >= rules.turns:
        game.phase = "over"
        return
    game.month = month + 1
    v["month"] = float(game.month)
    game.phase = "negotiation"


# The steps of a month, in the order docs/rules.md gives them ("How a month resolves").
STEPS: tuple[Callable[[_Month], None], ...] = (
    _orders,
    _pressure,
    _covert,
    _signals,
    _talks_and_summits,
    _compliance,
    _security_council,
    _reactions,
    _dynamics_and_drift,
    _events,
    _deadlines,
    _war,
    _close,
)


def resolve_month(game: Game) -> None:
    """Resolve the current month and move on to the next (or end the game): each of
    :data:`STEPS` in turn."""
    month = _Month(game)
    for step in STEPS:
        step(month)
