"""Resolution of a month: deterministic given the seed and the orders.

Order of steps (each documented in docs/rules.md): orders take effect, sanctions
pressure, covert detection, signals and the moratorium, talks and summits, compliance
with agreements, Security Council votes, monthly dynamics, tension drift, events,
deadlines, war risk, news. All random draws come from the game's one seeded generator,
in this fixed order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario.compile import Effs, EventRule, LeverRule, OptionRule, Rules

if TYPE_CHECKING:
    from game.engine.game import Game


def apply_effects(game: Game, effects: Effs) -> None:
    """Evaluate every effect against the current values, then add them, clamped."""
    if not effects:
        return
    v = game.v
    bounds = game.rules.bounds
    deltas = [(key, fn(v)) for key, fn in effects]
    for key, delta in deltas:
        lo, hi = bounds[key]
        x = v[key] + delta
        v[key] = lo if x < lo else hi if x > hi else x


def _add_deltas(acc: dict[str, float], v: dict[str, float], effects: Effs) -> None:
    for key, fn in effects:
        acc[key] = acc.get(key, 0.0) + fn(v)


def _commit(game: Game, acc: dict[str, float]) -> None:
    v = game.v
    bounds = game.rules.bounds
    for key, delta in acc.items():
        lo, hi = bounds[key]
        x = v[key] + delta
        v[key] = lo if x < lo else hi if x > hi else x


def set_values(game: Game, effects: Effs) -> None:
    """Set variables to values (clamped)."""
    v = game.v
    values = [(key, fn(v)) for key, fn in effects]
    for key, x in values:
        lo, hi = game.rules.bounds[key]
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
    table = rules.cache.get("pressure")
    if table is None:
        top = float(rules.sanction_levels - 1)
        table = rules.cache["pressure"] = [
            (
                f"pressure.{sector.id}",
                f"un.{sector.id}",
                sector.weight,
                sector.shares.get("rest", 0.0) / top,
                [
                    (who, sector.lever, rules.lever_by_id[sector.lever].by_id, share / top)
                    for who, share in sector.shares.items()
                    if who != "rest"
                ],
            )
            for sector in rules.sectors
        ]
    v = game.v
    policy = game.policy
    total = 0.0
    weights = 0.0
    for key, un_key, weight, rest, enforcers in table:
        p = rest * v[un_key]
        for who, lever_id, by_id, share in enforcers:
            p += share * by_id[policy[who][lever_id]].level
        p = 100.0 * p
        p = 0.0 if p < 0.0 else 100.0 if p > 100.0 else p
        v[key] = p
        total += weight * p
        weights += weight
    v["pressure"] = total / weights if weights else 0.0


def _un_levels(game: Game) -> tuple[float, ...]:
    v = game.v
    return tuple(v[f"un.{s.id}"] for s in game.rules.sectors)


def refresh_deal_flags(game: Game) -> None:
    """Recompute the deal.* and deals.* counters from agreements in force."""
    v = game.v
    rules = game.rules
    for key in game.deal_keys:
        v.pop(key, None)
    game.deal_keys = []
    active = [a for a in game.agreements if a["status"] == "active"]
    v["deals"] = float(len(active))
    for ag in active:
        keys = [f"deals.{p}" for p in ag["parties"]]
        for key in keys:
            _bump(v, key)
        if ag["inspections"]:
            keys.append("deal.inspections")
        for c in ag["commitments"]:
            lever = rules.lever_by_id[c["lever"]]
            if lever.sector is not None:
                keys.append("deal.sanctions")
            keys += [f"deal.{tag}" for tag in lever.by_id[c["option"]].tags]
        for key in keys:
            if key.startswith("deal."):
                v[key] = 1.0
        game.deal_keys += keys


def fire_event(game: Game, ev: EventRule) -> None:
    """Apply an event's effects and publish its news (or private intelligence)."""
    apply_effects(game, ev.effects)
    set_values(game, ev.sets)
    game.fired.add(ev.id)
    game.v[f"event.{ev.id}"] = 1.0
    game.news.append(
        {
            "month": game.month,
            "kind": "event",
            "text": ev.news,
            "to": list(ev.intel_for),
            "event": ev.id,
        }
    )


def _news(game: Game, kind: str, text: str, to: list[str] | None = None, **extra: Any) -> None:
    game.news.append({"month": game.month, "kind": kind, "text": text, "to": to or [], **extra})


class _Plan:
    """Per-scenario lookup tables for resolution, built once and cached on the rules."""

    def __init__(self, rules: Rules) -> None:
        self.names = {a: rules.actors[a].name for a in rules.actor_ids}
        self.intel = {a: rules.actors[a].intelligence for a in rules.actor_ids}
        # actor -> [(lever, {option: chose-key}, level-key, UN key or None)]
        self.levers: dict[str, list[tuple[LeverRule, dict[str, str], str, str | None]]] = {
            a: [
                (
                    lv,
                    {o.id: f"chose.{a}.{lv.id}.{o.id}" for o in lv.options},
                    f"level.{a}.{lv.id}",
                    f"un.{lv.sector}" if lv.sector is not None else None,
                )
                for lv in rules.holder_levers[a]
            ]
            for a in rules.actor_ids
        }
        self.snapshot_keys = rules.keys
        # actor -> [(observer, intelligence)] of those who could detect its covert acts
        self.observers = {
            a: [(o, self.intel[o]) for o in rules.actor_ids if o != a and self.intel[o] > 0]
            for a in rules.actor_ids
        }


def _plan(rules: Rules) -> _Plan:
    plan = rules.cache.get("resolution")
    if plan is None:
        plan = rules.cache["resolution"] = _Plan(rules)
    return plan  # type: ignore[no-any-return]


def resolve_month(game: Game) -> None:
    """Resolve the current month and move on to the next (or end the game)."""
    rules = game.rules
    plan = _plan(rules)
    v = game.v
    rng = game.rng
    month = game.month
    actors = rules.actor_ids
    names = plan.names

    # 1. Orders take effect; missing levers keep last month's policy.
    for key in game.scratch_keys:
        v.pop(key, None)
    scratch: list[str] = []
    game.scratch_keys = scratch
    signals: list[tuple[str, str, str | None]] = []
    stand_up: dict[str, list[str]] = {}
    acc: dict[str, float] = {}
    chosen: dict[str, list[tuple[LeverRule, OptionRule, str | None]]] = {}
    for a in actors:
        policy = game.policy[a]
        draft = game.drafts.get(a)
        if draft:
            policy.update(draft["levers"])
            signals += [(a, s["signal"], s["target"]) for s in draft["signals"]]
            stand_up[a] = list(draft["stand_up"])
        mine = chosen[a] = []
        for lever, chose_keys, level_key, un_key in plan.levers[a]:
            opt = lever.by_id[policy[lever.id]]
            chose_key = chose_keys[opt.id]
            v[chose_key] = 1.0
            v[level_key] = opt.level
            scratch.append(chose_key)
            scratch.append(level_key)
            mine.append((lever, opt, un_key))
    escalation = 0.0
    for a, sid, _target in signals:
        keys = (f"signal.{sid}", f"signal.{a}.{sid}")
        scratch += keys
        for key in (*keys, f"count.{sid}", f"count.{a}.{sid}"):
            v[key] = v.get(key, 0.0) + 1.0
        escalation += rules.signal_by_id[sid].escalation
    v["escalation"] = escalation

    # Every option's effects are evaluated against the same start-of-month values.
    for a in actors:
        for _lever, opt, _un in chosen[a]:
            effects = opt.effects[a]
            if effects:
                for key, fn in effects:
                    acc[key] = acc.get(key, 0.0) + fn(v)
    _commit(game, acc)
    recompute_pressure(game)

    # 2. Covert acts and detection.
    revealed: dict[str, Any] = {"month": month, "orders": {}, "covert": []}
    for a in actors:
        public: dict[str, str] = {}
        for lever, opt, un_key in chosen[a]:
            covert = opt.covert
            if un_key is not None and opt.level < v[un_key]:
                covert, chance, exposed = (
                    True,
                    rules.sanction_detection,
                    rules.sanction_exposed.get(a, ()),
                )
            elif covert:
                chance, exposed = opt.detection, opt.exposed.get(a, ())
            if not covert:
                public[lever.id] = opt.id
                continue
            found_by = [o for o, q in plan.observers[a] if rng.random() < chance * q]
            revealed["covert"].append(
                {"actor": a, "lever": lever.id, "option": opt.id, "detected_by": found_by}
            )
            for o in found_by:
                game.detections[o].append(
                    {"month": month, "actor": a, "lever": lever.id, "option": opt.id}
                )
                _news(
                    game,
                    "intel",
                    f"Intelligence: {names[a]} chose '{opt.name}' ({lever.name}).",
                    [o],
                )
            if found_by:
                apply_effects(game, exposed)
        revealed["orders"][a] = {
            "levers": public,
            "signals": [{"signal": s[1], "target": s[2]} for s in signals if s[0] == a],
        }
    game.revealed.append(revealed)

    # 3. Signals and the moratorium.
    for a, sid, target in signals:
        sig = rules.signal_by_id[sid]
        apply_effects(game, sig.effects.get((a, target or ""), ()))
        tk = rules.tension_key
        lo, hi = rules.bounds[tk]
        v[tk] = max(lo, min(hi, v[tk] + sig.escalation))
        to_whom = f", aimed at {names[target]}" if target else ""
        _news(
            game, "signal", f"{names[a]}: {sig.name}{to_whom}.", signal=sid, actor=a, target=target
        )
        mk = rules.moratorium_key
        if sig.breaks_moratorium and mk is not None and v[mk] >= 1:
            v[mk] = 0.0
            for effs in rules.moratorium_break.values():
                apply_effects(game, effs)
            _news(game, "moratorium", rules.moratorium_news)

    # 4. Talks and summits agreed this month.
    for ag in game.agreements:
        if ag["month"] != month or ag["status"] != "active":
            continue
        pairs = [(p, q) for i, p in enumerate(ag["parties"]) for q in ag["parties"][i + 1 :]]
        if ag["talks"]:
            for p, q in pairs:
                away = [x for x in (p, q) if (q if x == p else p) in stand_up.get(x, [])]
                if away:
                    for x in away:
                        other = q if x == p else p
                        apply_effects(game, rules.talks_stood_up.get((x, other), ()))
                        _bump(v, f"stood_up.{x}")
                        _news(
                            game,
                            "talks",
                            f"{names[x]} stood up {names[other]} at working-level talks.",
                        )
                else:
                    apply_effects(game, rules.talks_held.get((p, q), ()))
                    apply_effects(game, rules.talks_held.get((q, p), ()))
                    _bump(v, f"talks.{p}")
                    _bump(v, f"talks.{q}")
                    _news(
                        game,
                        "talks",
                        f"Working-level talks between {names[p]} and {names[q]} went ahead.",
                    )
        if ag["summit"]:
            deal = bool(ag["commitments"])
            for p, q in pairs:
                for x, y in ((p, q), (q, p)):
                    apply_effects(game, rules.summit_effects.get((x, y), ()))
                    if not deal:
                        apply_effects(game, rules.summit_no_deal.get((x, y), ()))
                    _bump(v, f"summits.{x}")
                    if not deal:
                        _bump(v, f"summits_failed.{x}")
            _bump(v, "summits")
            leaders = " and ".join(names[p] for p in ag["parties"])
            outcome = "and signed a deal" if deal else "but parted with no deal"
            _news(
                game,
                "summit",
                f"Summit: the leaders of {leaders} met {outcome}.",
                parties=ag["parties"],
            )

    # 5. Compliance with agreements in force.
    for ag in game.agreements:
        if ag["status"] != "active":
            continue
        kept = set(ag["parties"])
        for c in ag["commitments"]:
            if not c["start"] <= month < c["start"] + c["months"]:
                continue
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
            if ok:
                continue
            breaker = c["actor"]
            kept.discard(breaker)
            visible = not chosen.covert or ag["inspections"]
            if (
                lever.sector is not None
                and chosen.level < v[f"un.{lever.sector}"]
                and not ag["inspections"]
            ):
                visible = False
            if not visible:
                chance = chosen.detection if chosen.covert else rules.sanction_detection
                visible = any(
                    rng.random() < chance * rules.actors[o].intelligence
                    for o in ag["parties"]
                    if o != breaker
                )
            breach = {
                "month": month,
                "actor": breaker,
                "lever": c["lever"],
                "option": chosen.id,
                "observed": visible,
            }
            ag["breaches"].append(breach)
            if visible and ag["status"] == "active":
                ag["status"] = "broken"
                _bump(v, "deals.broken")
                _bump(v, f"broken.{breaker}")
                apply_effects(game, rules.deal_breach[breaker])
                text = rules.breach_news.format(
                    actor=names[breaker], deal=ag["text"] or f"agreement {ag['id']}"
                )
                _news(game, "breach", text, agreement=ag["id"])
        if ag["status"] == "active":
            for p in ag["parties"]:
                if p in kept:
                    apply_effects(game, rules.deal_kept[p])
            if month + 1 >= ag["end"]:
                ag["status"] = "expired"
    refresh_deal_flags(game)

    # 6. Security Council drafts.
    un_before = _un_levels(game)
    for draft in game.unsc_drafts:
        if draft["status"] != "open":
            continue
        vetoes = [p for p in rules.p5 if draft["votes"].get(p) == "no"]
        yes = sum(1 for p in rules.p5 if draft["votes"].get(p) == "yes")
        sector = next(s for s in rules.sectors if s.id == draft["sector"])
        if vetoes:
            draft["status"] = "vetoed"
            _bump(v, "unsc.vetoed")
            for p in vetoes:
                apply_effects(game, rules.unsc_vetoed.get((p, draft["drafter"]), ()))
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
            apply_effects(game, rules.unsc_passed[draft["drafter"]])
            _news(
                game,
                "unsc",
                f"Security Council: a resolution to {draft['direction']} sanctions on {sector.name.lower()} passed.",
            )
        else:
            draft["status"] = "lapsed"
    if _un_levels(game) != un_before:
        recompute_pressure(game)

    # 7. Monthly dynamics, then drift in a quiet month.
    for _name, when, effects in rules.dynamics:
        if when(v):
            apply_effects(game, effects)
    if escalation <= 0:
        tk = rules.tension_key
        lo, hi = rules.bounds[tk]
        v[tk] = max(lo, min(hi, v[tk] + rules.drift(v)))

    # 8. Events: scripted by month or condition, and random ones.
    for ev in rules.events:
        if ev.once and ev.id in game.fired:
            continue
        if ev.month is not None and ev.month != month:
            continue
        if not ev.when(v):
            continue
        chance = ev.chance_const if ev.chance_const is not None else ev.chance(v)
        if chance < 1.0 and rng.random() >= chance:
            continue
        fire_event(game, ev)

    if _un_levels(game) != un_before:
        recompute_pressure(game)

    # 9. Deadlines.
    for dl in rules.deadlines:
        if dl.month != month:
            continue
        met = dl.condition(v) != 0
        text, effects, sets = dl.met if met else dl.missed
        v[f"deadline.{dl.id}" if met else f"missed.{dl.id}"] = 1.0
        apply_effects(game, effects)
        set_values(game, sets)
        _news(game, "deadline", f"{dl.name} ({dl.date}): {text}", deadline=dl.id, met=met)

    # 10. War risk at the brink.
    if v[rules.tension_key] >= rules.war_threshold and rng.random() < rules.war_chance(v):
        v["war"] = 1.0
        _news(game, "war", rules.war_news)

    # 11. Close the month.
    for pid in list(game.open_ids):
        prop = game.proposals[pid]
        if month + 1 - prop["month"] >= rules.negotiation.proposal_months:
            game.close_proposal(prop, "expired")
    game.snapshots.append({k: v[k] for k in rules.keys})
    game.drafts = {}
    game.ready = set()
    game.submitted = set()
    if v.get("war", 0.0) or month >= rules.turns:
        game.phase = "over"
        return
    game.month = month + 1
    v["month"] = float(game.month)
    game.phase = "negotiation"
