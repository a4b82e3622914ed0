"""``view_for``: the single place where hidden information is filtered.

An actor sees public variables, its own private ones, and estimates (ranges) of the
rest marked ``estimated``; its own and public messages; proposals and agreements it is
party to; public news and its own intelligence; others' orders only after resolution,
covert ones only if it detected them; its own score and what each of its own objectives
(its dealt secret one included) adds to it, never another seat's. ``spectator`` sees only what is public;
``omniscient`` (the facilitator) sees everything.

A view's lists and dicts are its own, but the records in them (messages, proposals,
agreements, news, past months) are the game's, shared for speed (a server encodes a view
at once). Whoever may change what it is handed gets a read-only copy: a bot's context
freezes its view (:mod:`game.engine.readonly`, :class:`game.bots.base.Context`).
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from game.engine.scoring import final_outcome, objectives_of, score_of, scores
from game.scenario.compile import Rules, memo
from game.scenario.expr import names, parse

if TYPE_CHECKING:
    from game.engine.state import State

SPECTATOR = "spectator"
OMNISCIENT = "omniscient"
MIN_ESTIMATE_SPAN = 0.04
"""The narrowest an estimate's range may be, as a share of the variable's bounds: an
estimated value is never shown as a point, whatever the noise and intelligence."""


def _noise_row(game: State, viewer: str, month: int) -> dict[str, float]:
    """The viewer's fixed noise draws (0..1) for ``month``, one per variable: a pure
    function of (seed, viewer, month). One generator per viewer and month draws them
    all in the scenario's key order (seeding a generator from a string hashes it, the
    expensive part of an estimate, so it is done once per row). Memoised per game for
    the two months last asked per viewer (the current values and the month just
    resolved); older rows are cheap to draw again."""
    cache: dict[str, dict[int, dict[str, float]]]
    cache = game.__dict__.setdefault("_noise_cache", {})
    rows = cache.setdefault(viewer, {})
    row = rows.get(month)
    if row is None:
        if len(rows) >= 2:
            del rows[next(iter(rows))]
        draw = random.Random(f"{game.seed}|{viewer}|{month}").random
        row = rows[month] = {key: draw() for key in game.rules.keys}
    return row


def _estimate(game: State, viewer: str, key: str, month: int, value: float) -> dict[str, float]:
    """The range ``viewer`` is shown for an estimated ``key`` holding ``value`` in
    ``month`` (as in its view: see :func:`_estimate_entry`)."""
    row = _plan_by_key(game, viewer)[key]
    if isinstance(row, str):
        raise ValueError(f"{viewer!r} sees {key!r} exactly: it has no estimate")
    return _estimate_entry(row, value, _noise_row(game, viewer, month))


Row = tuple[str, float, float, float] | str
# This module's memos, per rules: viewer -> plan, viewer -> plan by key (filled as viewers
# come), and the getter of every value in the scenario's order.
_PLANS: Callable[[Rules], dict[str, tuple[Row, ...]]] = memo(lambda rules: {})
_PLANS_BY_KEY: Callable[[Rules], dict[str, dict[str, Row]]] = memo(lambda rules: {})


def _values_getter(rules: Rules) -> Callable[[dict[str, float]], tuple[float, ...]]:
    keys = rules.keys
    return itemgetter(*keys) if len(keys) != 1 else (lambda v: (v[keys[0]],))


_VALUES_GETTER = memo(_values_getter)


def _plan(game: State, viewer: str) -> tuple[tuple[str, float, float, float] | str, ...]:
    """What ``viewer`` sees of each variable, in the scenario's order (cached per rules):
    the key itself when seen exactly, ``(key, half-width, low bound, high bound)`` when
    estimated; hidden keys are left out."""
    rules = game.rules
    cache = _PLANS(rules)
    plan = cache.get(viewer)
    if plan is None:
        quality = rules.actors[viewer].intelligence if viewer in rules.actors else 0.0
        rows: list[tuple[str, float, float, float] | str] = []
        for key in rules.keys:
            vis, owner, noise = rules.visibility[key]
            if viewer == OMNISCIENT or vis == "public" or owner == viewer:
                rows.append(key)
            elif vis == "estimated":
                lo_b, hi_b = rules.bounds[key]
                rows.append((key, noise * (1.0 - 0.8 * quality), lo_b, hi_b))
        plan = cache[viewer] = tuple(rows)
    return plan


def visible_values(
    game: State, viewer: str, values: dict[str, float], month: int
) -> dict[str, Any]:
    """Filter one table of variable values for ``viewer``."""
    out: dict[str, Any] = {}
    noise = None
    for row in _plan(game, viewer):
        if isinstance(row, str):
            out[row] = round(values[row], 2)
            continue
        if noise is None:
            noise = _noise_row(game, viewer, month)
        out[row[0]] = _estimate_entry(row, values[row[0]], noise)
    return out


def _estimate_entry(
    row: tuple[str, float, float, float], value: float, noise: dict[str, float]
) -> dict[str, float]:
    """One estimated value as shown: a range around it, offset by the viewer's noise."""
    key, half, lo_b, hi_b = row
    # Never a point: a range at least MIN_ESTIMATE_SPAN of the bounds wide (and one
    # rounding step), kept whole inside the bounds (a window cut at a bound would
    # close on the value itself: a value at 0 showed as {0, 0}).
    span = hi_b - lo_b
    half = max(half, MIN_ESTIMATE_SPAN * span / 2.0, 0.1)
    if 2.0 * half >= span:
        return {"low": round(lo_b, 1), "high": round(hi_b, 1)}
    centre = value + (2.0 * noise[key] - 1.0) * half
    low = min(max(lo_b, centre - half), hi_b - 2.0 * half)
    low = round(low, 1)
    high = round(low + 2.0 * half, 1)
    return {"low": low, "high": high}


def _plan_by_key(game: State, viewer: str) -> dict[str, tuple[str, float, float, float] | str]:
    """:func:`_plan` as a lookup by key (hidden keys are absent)."""
    cache = _PLANS_BY_KEY(game.rules)
    found = cache.get(viewer)
    if found is None:
        found = cache[viewer] = {
            (r if isinstance(r, str) else r[0]): r for r in _plan(game, viewer)
        }
    return found


def _history(game: State, viewer: str) -> list[dict[str, Any]]:
    """``visible_values`` of every monthly snapshot (see :func:`_history_after`)."""
    return _history_after(game, viewer, 0)


def _history_after(game: State, viewer: str, start: int) -> list[dict[str, Any]]:
    """``visible_values`` of the monthly snapshots from the ``start``-th, memoised per game.

    A snapshot never changes once taken and its estimates depend only on (seed, viewer,
    key, month), so each row is computed once per viewer (the cache is checked by the
    snapshot's identity and shared by copies of the game, which hold the same snapshots).
    Rows are kept packed, as arrays of their numbers in the viewer's plan order (a
    tenth of the memory of the dicts, which a server keeps for every room and viewer)
    and unpacked when asked for.
    """
    cache: dict[tuple[str, int], tuple[dict[str, float], array[float]]]
    cache = game.__dict__.setdefault("_history_cache", {})
    plan = _plan(game, viewer)
    rows = []
    snapshots = game.snapshots
    for i in range(start, len(snapshots)):
        snap = snapshots[i]
        hit = cache.get((viewer, i))
        if hit is None or hit[0] is not snap:
            packed = _pack(plan, visible_values(game, viewer, snap, i))
            hit = cache[(viewer, i)] = (snap, packed)
        rows.append(_unpack(plan, hit[1]))
    return rows


def _pack(
    plan: tuple[tuple[str, float, float, float] | str, ...], row: dict[str, Any]
) -> array[float]:
    """A row of :func:`visible_values` as its numbers, in ``plan`` order (an estimate
    as its low and high)."""
    flat: list[float] = []
    for item in plan:
        if type(item) is str:
            flat.append(row[item])
        else:
            estimate = row[item[0]]
            flat.append(estimate["low"])
            flat.append(estimate["high"])
    return array("d", flat)


def _unpack(
    plan: tuple[tuple[str, float, float, float] | str, ...], packed: array[float]
) -> dict[str, Any]:
    """The row :func:`_pack` packed."""
    out: dict[str, Any] = {}
    numbers = iter(packed)
    for item in plan:
        if type(item) is str:
            out[item] = next(numbers)
        else:
            out[item[0]] = {"low": next(numbers), "high": next(numbers)}
    return out


def _current(game: State, viewer: str) -> dict[str, Any]:
    """``visible_values`` of the current values, memoised per viewer: unchanged while no
    value changes (most actions change none; the server views after each one), and
    within a month only the entries of values that changed are computed again."""
    rules = game.rules
    get = _VALUES_GETTER(rules)
    month = game.month
    now = get(game.v)
    cache: dict[str, tuple[int, tuple[float, ...], dict[str, Any]]]
    cache = game.__dict__.setdefault("_values_cache", {})
    hit = cache.get(viewer)
    if hit is None or hit[0] != month:
        out = visible_values(game, viewer, game.v, month)
    elif hit[1] == now:
        return dict(hit[2])
    else:
        out = dict(hit[2])
        keys = rules.keys
        shown = _plan_by_key(game, viewer)
        noise = None
        for i, (was, value) in enumerate(zip(hit[1], now, strict=True)):
            if was == value:
                continue
            row = shown.get(keys[i])
            if row is None:
                continue  # hidden from this viewer
            if isinstance(row, str):
                out[row] = round(value, 2)
            else:
                if noise is None:
                    noise = _noise_row(game, viewer, month)
                out[row[0]] = _estimate_entry(row, value, noise)
    cache[viewer] = (month, now, out)
    return dict(out)


def _sees_message(viewer: str, msg: dict[str, Any]) -> bool:
    return not msg["to"] or viewer == msg["from"] or viewer in msg["to"]


def view_keys(game: State, viewer: str) -> tuple[str, ...]:
    """The keys of ``viewer``'s view now, in order (see :func:`view_for`)."""
    keys: tuple[str, ...]
    if viewer in game.rules.actors:
        keys = _ACTOR_KEYS
    elif viewer == OMNISCIENT:
        keys = _OMNISCIENT_KEYS
    elif viewer == SPECTATOR:
        keys = _COMMON_KEYS
    else:
        raise ValueError(f"unknown viewer {viewer!r}: an actor id, 'spectator' or 'omniscient'")
    return keys + ("outcome",) if game.over else keys


def view_stamps(game: State, viewer: str) -> dict[str, int]:
    """Each key of ``viewer``'s view with a stamp that changes whenever the key's value
    may have changed (the length of the log when the part of the state it shows last
    changed; 0 for texts that never change). Equal stamps mean an equal value, so a
    caller holding an earlier view can ask :func:`view_for` for the changed keys only."""
    stamps = game.part_stamps(viewer)  # no "" part: fixed texts get 0
    return {k: stamps.get(KEY_PART[k], 0) for k in view_keys(game, viewer)}


def view_for(
    game: State,
    viewer: str,
    only: Iterable[str] | None = None,
    held: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The view of ``viewer`` (an actor id, ``spectator`` or ``omniscient``); with
    ``only``, just those of its keys (in the view's order). ``held`` maps keys of
    :data:`GROWS_ONLY` to how many of their items the caller already holds: those keys
    then give only the items after them."""
    keys = view_keys(game, viewer)
    if only is not None:
        wanted = set(only)
        keys = tuple(k for k in keys if k in wanted)
    build = _BUILD
    if not held:
        return {k: build[k](game, viewer) for k in keys}
    tails = _TAILS
    return {
        k: tails[k](game, viewer, held[k]) if k in held else build[k](game, viewer) for k in keys
    }


def _tension(game: State, viewer: str) -> dict[str, Any]:
    rules = game.rules
    tension = game.v[rules.tension_key]
    rung_id, rung_name = rules.rung_of(tension)
    return {"value": round(tension, 2), "rung": rung_id, "rung_name": rung_name}


def _messages(game: State, viewer: str) -> list[dict[str, Any]]:
    """The messages ``viewer`` sees. Messages are only appended, so the ones seen so far
    are memoised per viewer and only new messages are looked at (the memo is checked by
    the identity and length of the game's message list)."""
    messages = game.messages
    if viewer == OMNISCIENT:
        return list(messages)
    cache: dict[str, tuple[list[dict[str, Any]], int, list[dict[str, Any]]]]
    cache = game.__dict__.setdefault("_messages_cache", {})
    hit = cache.get(viewer)
    if hit is None or hit[0] is not messages or hit[1] > len(messages):
        hit = (messages, 0, [])
    seen = hit[2]
    if hit[1] < len(messages):
        new = messages[hit[1] :]
        if viewer in game.rules.actors:
            seen += [m for m in new if _sees_message(viewer, m)]
        else:
            seen += [m for m in new if not m["to"]]
        cache[viewer] = (messages, len(messages), seen)
    return list(seen)


def _proposals(game: State, viewer: str) -> list[dict[str, Any]]:
    """The proposals ``viewer`` is party to, oldest first. ``counter_to`` names a
    proposal the viewer was not party to as ``None``: it is others' business."""
    proposals = game.proposals
    if viewer == OMNISCIENT:
        return list(proposals.values())
    out = []
    for p in proposals.values():
        if viewer not in p["parties"]:
            continue
        old = p["counter_to"]
        if old is not None and viewer not in proposals[old]["parties"]:
            p = {**p, "counter_to": None}
        out.append(p)
    return out


def _news_for(game: State, viewer: str) -> list[dict[str, Any]]:
    omni = viewer == OMNISCIENT
    return [n for n in game.news if omni or not n["to"] or viewer in n["to"]]


def _policy(game: State, viewer: str) -> dict[str, Any]:
    if viewer == OMNISCIENT:
        return {a: dict(p) for a, p in game.policy.items()}
    return dict(game.policy[viewer])


def _secret_objectives(game: State, viewer: str) -> Any:
    if viewer == OMNISCIENT:
        return {a: list(s) for a, s in game.secret.items()}
    return list(game.secret.get(viewer, []))


def _detections(game: State, viewer: str) -> Any:
    if viewer == OMNISCIENT:
        return {a: list(d) for a, d in game.detections.items()}
    return list(game.detections[viewer])


def _scores(game: State, viewer: str) -> dict[str, float]:
    if viewer == OMNISCIENT:
        return scores(game)
    return {viewer: score_of(game, viewer)}


def _objective_reads(rules: Rules) -> dict[tuple[str, bool, str], tuple[str, ...]]:
    """(actor, secret, objective id) -> the names its score reads, as the scenario wrote
    them (``tension``, ``count.dprk.icbm_test``, ``deal.freeze``)."""
    model = rules.model
    out = {}
    for secret, table in ((False, model.objectives), (True, model.secret_objectives)):
        for actor, objs in table.items():
            for o in objs:
                out[(actor, secret, o.id)] = tuple(names(parse(str(o.score))))
    return out


_READS = memo(_objective_reads)
# (viewer, its dealt secret objectives) -> each objective's score function, name, secret
# flag, weight, the names it reads that the viewer may see, whether the viewer sees every
# value it reads exactly, and the weights' total.
_BREAKDOWN_PLANS: Callable[[Rules], dict[Any, Any]] = memo(lambda rules: {})

PUBLIC_NAMES = frozenset({"month", "months", "escalation", "war", "signal", "count"})
"""First parts of the derived names every seat can work out exactly from its view: the
month, and the signals every seat sent (each month's orders show every seat's signals
once the month is resolved; ``escalation`` sums them)."""
NEWS_NAMES = frozenset({"deadline", "missed", "unsc"})
"""First parts of the derived names told to everyone: deadlines met or missed (public
news) and Security Council drafts passed or vetoed (every seat sees the drafts)."""
OWN_NAMES = frozenset({"deals", "deal", "summits", "summits_failed", "talks", "stood_up", "broken"})
"""First parts of the derived names that count agreements, summits, talks and breaches:
seen exactly only when they end with the viewer's own id (``deals.us``,
``deal.freeze.us``: its own agreements, which its view shows); the totals (``deals``,
``deal.freeze``, ``deals.hollow``) count others' private agreements too."""


def sees_exactly(game: State, viewer: str, name: str) -> bool:
    """Whether ``viewer``'s view lets it know the value of ``name`` (a name an objective
    reads, as resolved: ``nuclear``, ``count.dprk.icbm_test``, ``deal.freeze``) exactly.

    A variable: when the view shows it as a number (public or its own), not as an
    estimate and not hidden. A derived name: when it is built only from what the view
    shows exactly (:data:`PUBLIC_NAMES`, :data:`NEWS_NAMES`, the viewer's own
    :data:`OWN_NAMES`, a lever choice of its own or on a lever that is never covert, an
    event whose news it reads); anything else (totals over others' agreements, reactions,
    others' choices that may be covert) is not."""
    rules = game.rules
    if name in rules.visibility:
        return type(_plan_by_key(game, viewer).get(name)) is str
    head, _, rest = name.partition(".")
    parts = rest.split(".") if rest else []
    if head == "initial":
        return sees_exactly(game, viewer, rest)
    if head in PUBLIC_NAMES or head in NEWS_NAMES:
        return True
    if head in OWN_NAMES:
        if not parts or parts[-1] != viewer:
            return False
        if head in ("summits", "summits_failed"):  # a scripted summit told to others only
            return all(
                not ev.intel_for or viewer in ev.intel_for
                for ev in rules.events
                if viewer in ev.summit
            )
        return True
    if head in ("chose", "level") and len(parts) >= 2:
        actor, lever = parts[0], rules.lever_by_id.get(parts[1])
        if actor == viewer:
            return True
        # sanctions enforced below the UN's level are covert, whatever the option says
        return (
            lever is not None and lever.sector is None and not any(o.covert for o in lever.options)
        )
    if head == "event" and len(parts) == 1:
        ev = next((e for e in rules.events if e.id == parts[0]), None)
        return ev is not None and (not ev.intel_for or viewer in ev.intel_for)
    return False


def _breakdown_plan(
    game: State, viewer: str
) -> list[tuple[Any, str, bool, float, tuple[str, ...], bool, float]]:
    key = (viewer, tuple(game.secret.get(viewer, ())))
    plans = _BREAKDOWN_PLANS(game.rules)
    plan = plans.get(key)
    if plan is None:
        reads = _READS(game.rules)
        bounds = game.rules.bounds
        seen = _plan_by_key(game, viewer)
        objs = objectives_of(game, viewer)
        total = sum(o.weight for o, _ in objs) or 1.0
        plan = plans[key] = []
        for o, secret in objs:
            names_read = reads.get((viewer, secret, o.id), ())
            plan.append(
                (
                    o.score,
                    o.name,
                    secret,
                    o.weight,
                    tuple(n for n in names_read if n in seen or n not in bounds),
                    all(sees_exactly(game, viewer, n) for n in names_read),
                    total,
                )
            )
    return plan


def _score_breakdown(game: State, viewer: str) -> dict[str, Any]:
    """The viewer's own objectives, its dealt secret ones included, in the scenario's
    order, the secret ones last (no ids: a name is what a player reads): ``objectives``,
    each with its ``name``, ``secret``, ``weight``, ``reads`` (the names its score reads
    that the viewer may see, to say why it moved: a variable hidden from it is not named)
    and ``exact``; and ``unseen_points``.

    An objective whose every read value the viewer sees exactly (:func:`sees_exactly`)
    is ``exact`` and gives the ``points`` it adds to the score now (as
    :func:`game.engine.scoring.breakdown` counts them). One that reads anything the
    viewer sees only as an estimate, or not at all, gives no points of its own: its
    points would tell the hidden value (the United States' "cap the arsenal" would tell
    North Korea's capability to the decimal). ``unseen_points`` is what those objectives
    add together, the score minus the exact objectives' points (``None`` when there are
    none): a number the viewer could work out from its score, so it tells nothing new
    (a war's cap, which ends the game, is in it too). Never another seat's: a seat's
    objectives and their progress are as private as its score."""
    v = game.v
    rows = []
    raw = exact_sum = 0.0
    unseen = False
    total = 1.0
    for score, name, secret, weight, reads, exact, total in _breakdown_plan(game, viewer):
        x = score(v)
        x = 0.0 if x < 0 else 1.0 if x > 1 else x
        raw += weight * x  # as score_of sums it
        row: dict[str, Any] = {
            "name": name,
            "secret": secret,
            "weight": weight,
            "exact": exact,
            "reads": list(reads),
        }
        if exact:
            row["points"] = points = round(100.0 * weight * x / total, 2)
            exact_sum += points
        else:
            unseen = True
        rows.append(row)
    lump = None
    if unseen:
        cap = game.rules.war_cap if v.get("war", 0.0) else 100.0
        score = round(min(cap, 100.0 * raw / total), 2)  # as score_of rounds it
        lump = round(score - exact_sum, 2)
    return {"objectives": rows, "unseen_points": lump}


def _in_order(game: State, actors: set[str]) -> list[str]:
    return sorted(actors, key=game.rules.actor_ids.index)


def _scenario(game: State, viewer: str) -> str:
    return game.rules.id


def _viewer(game: State, viewer: str) -> str:
    return viewer


def _month(game: State, viewer: str) -> int:
    return game.month


def _month_label(game: State, viewer: str) -> str:
    return game.month_label


def _months(game: State, viewer: str) -> list[str]:
    return list(game.rules.months)


def _phase(game: State, viewer: str) -> str:
    return game.phase


def _paused(game: State, viewer: str) -> bool:
    return game.paused


def _ready(game: State, viewer: str) -> list[str]:
    return sorted(game.ready, key=game.rules.actor_ids.index)


def _submitted(game: State, viewer: str) -> list[str]:
    return sorted(game.submitted, key=game.rules.actor_ids.index)


def _agreements(game: State, viewer: str) -> list[dict[str, Any]]:
    """The agreements ``viewer`` is party to. A breach nobody observed is shown only to
    the party that committed it: its partners did not see it."""
    if viewer == OMNISCIENT:
        return list(game.agreements)
    out = []
    for a in game.agreements:
        if viewer not in a["parties"]:
            continue
        if any(not b["observed"] and b["actor"] != viewer for b in a["breaches"]):
            a = {
                **a,
                "breaches": [b for b in a["breaches"] if b["observed"] or b["actor"] == viewer],
            }
        out.append(a)
    return out


def _unsc_drafts(game: State, viewer: str) -> list[dict[str, Any]]:
    return list(game.unsc_drafts)  # the list is the view's own (the drafts are shared)


def _briefings(game: State, viewer: str) -> dict[str, str]:
    rules = game.rules
    return {a: rules.actors[a].briefing.public for a in rules.actor_ids}


def _secret_briefing(game: State, viewer: str) -> str:
    return game.rules.actors[viewer].briefing.secret


def _secret_briefings(game: State, viewer: str) -> dict[str, str]:
    rules = game.rules
    return {a: rules.actors[a].briefing.secret for a in rules.actor_ids}


def _draft(game: State, viewer: str) -> dict[str, Any]:
    d = game.drafts.get(viewer)
    if d is None:
        return {"levers": {}, "signals": [], "stand_up": []}
    return {
        "levers": dict(d["levers"]),
        "signals": list(d["signals"]),
        "stand_up": list(d["stand_up"]),
    }


def _drafts(game: State, viewer: str) -> dict[str, Any]:
    return dict(game.drafts)


def _covert(game: State, viewer: str) -> list[Any]:
    return [r["covert"] for r in game.revealed]


def _outcome(game: State, viewer: str) -> dict[str, Any] | None:
    return final_outcome(game)


def _revealed(game: State, viewer: str) -> list[dict[str, Any]]:
    """Past months' orders: public levers, plus covert ones the viewer detected.

    A resolved month never changes, so each row is built once per viewer (memoised per
    game like the history, checked by the month record's identity). Rows share what is
    public: an actor's entry is copied only for a viewer who saw its covert orders."""
    cache: dict[tuple[str, int], tuple[dict[str, Any], dict[str, Any]]]
    cache = game.__dict__.setdefault("_orders_cache", {})
    out = []
    for i, r in enumerate(game.revealed):
        hit = cache.get((viewer, i))
        if hit is None or hit[0] is not r:
            public = cache.get(("", i))
            if public is None or public[0] is not r:
                public = cache[("", i)] = (r, _public_month(r))
            hit = cache[(viewer, i)] = (r, _revealed_month(r, public[1], viewer))
        out.append(hit[1])
    return out


def _public_month(r: dict[str, Any]) -> dict[str, Any]:
    orders = {
        a: {"levers": dict(o["levers"]), "signals": list(o["signals"])}
        for a, o in r["orders"].items()
    }
    return {"month": r["month"], "orders": orders}


def _revealed_month(r: dict[str, Any], public: dict[str, Any], viewer: str) -> dict[str, Any]:
    seen = [
        c
        for c in r["covert"]
        if viewer == OMNISCIENT or viewer == c["actor"] or viewer in c["detected_by"]
    ]
    if not seen:
        return public
    orders = dict(public["orders"])
    for c in seen:
        a = c["actor"]
        if orders[a] is public["orders"][a]:
            orders[a] = {"levers": dict(orders[a]["levers"]), "signals": orders[a]["signals"]}
        orders[a]["levers"][c["lever"]] = c["option"]
    return {"month": r["month"], "orders": orders}


# key -> (the part of the state it shows, see Game.stamps ("" for fixed texts); builder)
_KEYS: dict[str, tuple[str, Callable[[State, str], Any]]] = {
    "scenario": ("", _scenario),
    "viewer": ("", _viewer),
    "month": ("phase", _month),
    "month_label": ("phase", _month_label),
    "months": ("", _months),
    "phase": ("phase", _phase),
    "paused": ("phase", _paused),
    "tension": ("values", _tension),
    "variables": ("values", _current),
    "history": ("history", _history),
    "ready": ("ready", _ready),
    "submitted": ("ready", _submitted),
    "messages": ("messages", _messages),
    "proposals": ("proposals", _proposals),
    "agreements": ("agreements", _agreements),
    "unsc_drafts": ("unsc", _unsc_drafts),
    "news": ("news", _news_for),
    "orders": ("phase", _revealed),
    "briefings": ("", _briefings),
    "you": ("", _viewer),
    "secret_briefing": ("", _secret_briefing),
    "policy": ("phase", _policy),
    "draft": ("drafts", _draft),
    "drafts": ("drafts", _drafts),
    "secret_objectives": ("", _secret_objectives),
    "secret_briefings": ("", _secret_briefings),
    "detections": ("phase", _detections),
    "scores": ("values", _scores),
    "score_breakdown": ("values", _score_breakdown),
    "covert": ("phase", _covert),
    "outcome": ("phase", _outcome),
}
_TAILS: dict[str, Callable[[State, str, int], list[Any]]] = {"history": _history_after}
GROWS_ONLY = frozenset(_TAILS)
"""View keys that are lists only ever appended to: an item once in one never changes (a
month's row of values, once resolved, stays as it was). ``view_for(..., held=...)``
gives only their new items."""
KEY_PART: dict[str, str] = {k: part for k, (part, _) in _KEYS.items()}
"""Each view key and the part of the state it shows (see ``Game.stamps``)."""
_BUILD = {k: build for k, (_, build) in _KEYS.items()}
SAME_FOR_ALL = frozenset({
    "scenario", "month", "month_label", "months", "phase", "paused", "tension", "ready",
    "submitted", "unsc_drafts", "briefings", "outcome",
})  # fmt: skip
"""View keys whose value is the same for every viewer whose view has them (a server may
build and encode each once for all, while its part's stamp stays the same)."""
_COMMON_KEYS = (
    "scenario", "viewer", "month", "month_label", "months", "phase", "paused", "tension",
    "variables", "history", "ready", "submitted", "messages", "proposals", "agreements",
    "unsc_drafts", "news", "orders", "briefings",
)  # fmt: skip
_ACTOR_KEYS = _COMMON_KEYS + (
    "you", "secret_briefing", "policy", "draft", "secret_objectives", "detections", "scores",
    "score_breakdown",
)  # fmt: skip
_OMNISCIENT_KEYS = _COMMON_KEYS + (
    "policy", "drafts", "secret_objectives", "secret_briefings", "detections", "scores", "covert",
)  # fmt: skip
