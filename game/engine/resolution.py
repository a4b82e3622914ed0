"""Resolution of a month: deterministic given the seed and the orders.

Order of steps (each documented in docs/rules.md): orders take effect, sanctions
pressure, covert detection, signals and the moratorium, talks and summits, compliance
with agreements, Security Council votes, monthly dynamics, tension drift, events,
deadlines, war risk, news. All random draws come from the game's one seeded generator,
in this fixed order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario.compile import Effs, EventRule

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
    """Effective pressure per sector: each enforcer weighted by its share of the trade."""
    rules = game.rules
    if not rules.sectors:
        return
    v = game.v
    top = float(rules.sanction_levels - 1)
    total = 0.0
    weights = 0.0
    for sector in rules.sectors:
        p = 0.0
        for who, share in sector.shares.items():
            if who == "rest":
                level = v[f"un.{sector.id}"]
            else:
                level = rules.lever_by_id[sector.lever].by_id[game.policy[who][sector.lever]].level
            p += share * level / top
        p = max(0.0, min(100.0, 100.0 * p))
        v[f"pressure.{sector.id}"] = p
        total += sector.weight * p
        weights += sector.weight
    v["pressure"] = total / weights if weights else 0.0


def refresh_deal_flags(game: Game) -> None:
    """Recompute the deal.* and deals.* counters from agreements in force."""
    v = game.v
    rules = game.rules
    for key in [
        k
        for k in v
        if k.startswith("deal.")
        or (k.startswith("deals.") and k not in ("deals.made", "deals.broken"))
    ]:
        del v[key]
    active = [a for a in game.agreements if a["status"] == "active"]
    v["deals"] = float(len(active))
    for ag in active:
        for p in ag["parties"]:
            _bump(v, f"deals.{p}")
        if ag["inspections"]:
            v["deal.inspections"] = 1.0
        for c in ag["commitments"]:
            lever = rules.lever_by_id[c["lever"]]
            if lever.sector is not None:
                v["deal.sanctions"] = 1.0
            for tag in lever.by_id[c["option"]].tags:
                v[f"deal.{tag}"] = 1.0


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


def resolve_month(game: Game) -> None:
    """Resolve the current month and move on to the next (or end the game)."""
    rules = game.rules
    v = game.v
    rng = game.rng
    month = game.month
    actors = rules.actor_ids
    names = {a: rules.actors[a].name for a in actors}

    # 1. Orders take effect; missing levers keep last month's policy.
    for key in [k for k in v if k.startswith(("chose.", "level.", "signal."))]:
        del v[key]
    signals: list[tuple[str, str, str | None]] = []
    stand_up: dict[str, list[str]] = {}
    for a in actors:
        draft = game.drafts.get(a)
        if draft:
            game.policy[a].update(draft["levers"])
            signals += [(a, s["signal"], s["target"]) for s in draft["signals"]]
            stand_up[a] = list(draft["stand_up"])
        for lever in rules.holder_levers[a]:
            opt = game.policy[a][lever.id]
            v[f"chose.{a}.{lever.id}.{opt}"] = 1.0
            v[f"level.{a}.{lever.id}"] = lever.by_id[opt].level
    escalation = 0.0
    for a, sid, _target in signals:
        _bump(v, f"signal.{sid}")
        _bump(v, f"signal.{a}.{sid}")
        _bump(v, f"count.{sid}")
        _bump(v, f"count.{a}.{sid}")
        escalation += rules.signal_by_id[sid].escalation
    v["escalation"] = escalation

    acc: dict[str, float] = {}
    for a in actors:
        for lever in rules.holder_levers[a]:
            _add_deltas(acc, v, lever.by_id[game.policy[a][lever.id]].effects[a])
    _commit(game, acc)
    recompute_pressure(game)

    # 2. Covert acts and detection.
    revealed: dict[str, Any] = {"month": month, "orders": {}, "covert": []}
    for a in actors:
        public: dict[str, str] = {}
        for lever in rules.holder_levers[a]:
            opt = lever.by_id[game.policy[a][lever.id]]
            covert, chance, exposed = opt.covert, opt.detection, opt.exposed.get(a, ())
            if lever.sector is not None and opt.level < v[f"un.{lever.sector}"]:
                covert, chance, exposed = (
                    True,
                    rules.sanction_detection,
                    rules.sanction_exposed.get(a, ()),
                )
            if not covert:
                public[lever.id] = opt.id
                continue
            found_by = [
                o for o in actors if o != a and rng.random() < chance * rules.actors[o].intelligence
            ]
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
        revealed["orders"][a] = {"levers": public, "signals": [s for s in signals if s[0] == a]}
    revealed["orders"] = {
        a: {
            "levers": r["levers"],
            "signals": [{"signal": s[1], "target": s[2]} for s in r["signals"]],
        }
        for a, r in revealed["orders"].items()
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
    recompute_pressure(game)

    # 7. Monthly dynamics, then drift in a quiet month.
    for _name, when, effects in rules.dynamics:
        if when(v):
            apply_effects(game, effects)
    recompute_pressure(game)
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
    for prop in game.proposals.values():
        if (
            prop["status"] == "open"
            and month + 1 - prop["month"] >= rules.negotiation.proposal_months
        ):
            prop["status"] = "expired"
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
