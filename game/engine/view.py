"""``view_for``: the single place where hidden information is filtered.

An actor sees public variables, its own private ones, and estimates (ranges) of the
rest marked ``estimated``; its own and public messages; proposals and agreements it is
party to; public news and its own intelligence; others' orders only after resolution,
covert ones only if it detected them. ``spectator`` sees only what is public;
``omniscient`` (the facilitator) sees everything.
"""

from __future__ import annotations

import random
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from game.engine.scoring import score_of

if TYPE_CHECKING:
    from game.engine.game import Game

SPECTATOR = "spectator"
OMNISCIENT = "omniscient"


def _noise_row(game: Game, viewer: str, month: int) -> dict[str, float]:
    """The viewer's fixed noise draws (0..1) for ``month``, one per variable: a pure
    function of (seed, viewer, month), memoised per game. One generator per viewer and
    month draws them all in the scenario's key order (seeding a generator from a string
    hashes it, the expensive part of an estimate, so it is done once per row)."""
    cache: dict[tuple[str, int], dict[str, float]]
    cache = game.__dict__.setdefault("_noise_cache", {})
    row = cache.get((viewer, month))
    if row is None:
        draw = random.Random(f"{game.seed}|{viewer}|{month}").random
        row = cache[(viewer, month)] = {key: draw() for key in game.rules.keys}
    return row


def _noise(game: Game, viewer: str, key: str, month: int) -> float:
    """The viewer's fixed noise draw (0..1) for ``key`` in ``month`` (see
    :func:`_noise_row`)."""
    return _noise_row(game, viewer, month)[key]


def _estimate(game: Game, viewer: str, key: str, month: int, value: float) -> dict[str, float]:
    """A range that contains the true value, offset by noise the viewer cannot remove."""
    rules = game.rules
    _, _, noise = rules.visibility[key]
    quality = rules.actors[viewer].intelligence if viewer in rules.actors else 0.0
    half = noise * (1.0 - 0.8 * quality)
    lo_b, hi_b = rules.bounds[key]
    if half <= 0:
        return {"low": value, "high": value}
    centre = value + (2.0 * _noise(game, viewer, key, month) - 1.0) * half
    return {"low": round(max(lo_b, centre - half), 1), "high": round(min(hi_b, centre + half), 1)}


def _plan(game: Game, viewer: str) -> tuple[tuple[str, float, float, float] | str, ...]:
    """What ``viewer`` sees of each variable, in the scenario's order (cached per rules):
    the key itself when seen exactly, ``(key, half-width, low bound, high bound)`` when
    estimated; hidden keys are left out."""
    rules = game.rules
    cache: dict[str, tuple[tuple[str, float, float, float] | str, ...]] | None
    cache = rules.cache.get("view_plan")
    if cache is None:
        cache = rules.cache["view_plan"] = {}
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


def visible_values(game: Game, viewer: str, values: dict[str, float], month: int) -> dict[str, Any]:
    """Filter one table of variable values for ``viewer``."""
    out: dict[str, Any] = {}
    noise = None
    for row in _plan(game, viewer):
        if isinstance(row, str):
            out[row] = round(values[row], 2)
            continue
        key, half, lo_b, hi_b = row
        value = values[key]
        if half <= 0:
            out[key] = {"low": value, "high": value}
            continue
        if noise is None:
            noise = _noise_row(game, viewer, month)
        centre = value + (2.0 * noise[key] - 1.0) * half
        out[key] = {
            "low": round(max(lo_b, centre - half), 1),
            "high": round(min(hi_b, centre + half), 1),
        }
    return out


def _history(game: Game, viewer: str) -> list[dict[str, Any]]:
    """``visible_values`` of every monthly snapshot, memoised per game.

    A snapshot never changes once taken and its estimates depend only on (seed, viewer,
    key, month), so each row is computed once per viewer (the cache is checked by the
    snapshot's identity and shared by copies of the game, which hold the same snapshots).
    """
    cache: dict[tuple[str, int], tuple[dict[str, float], dict[str, Any]]]
    cache = game.__dict__.setdefault("_history_cache", {})
    rows = []
    for i, snap in enumerate(game.snapshots):
        hit = cache.get((viewer, i))
        if hit is None or hit[0] is not snap:
            hit = cache[(viewer, i)] = (snap, visible_values(game, viewer, snap, i))
        rows.append(hit[1])
    return rows


def _current(game: Game, viewer: str) -> dict[str, Any]:
    """``visible_values`` of the current values, memoised per viewer until a value or the
    month changes (most actions change no variable; the server views after each one)."""
    rules = game.rules
    get = rules.cache.get("view_values")
    if get is None:
        keys = rules.keys
        get = rules.cache["view_values"] = (
            itemgetter(*keys) if len(keys) != 1 else (lambda v: (v[keys[0]],))
        )
    now = (game.month, get(game.v))
    cache: dict[str, tuple[tuple[Any, ...], dict[str, Any]]]
    cache = game.__dict__.setdefault("_values_cache", {})
    hit = cache.get(viewer)
    if hit is None or hit[0] != now:
        hit = cache[viewer] = (now, visible_values(game, viewer, game.v, game.month))
    return dict(hit[1])


def _sees_message(viewer: str, msg: dict[str, Any]) -> bool:
    return not msg["to"] or viewer == msg["from"] or viewer in msg["to"]


def view_for(game: Game, viewer: str) -> dict[str, Any]:
    """The view of ``viewer`` (an actor id, ``spectator`` or ``omniscient``)."""
    rules = game.rules
    if viewer not in rules.actors and viewer not in (SPECTATOR, OMNISCIENT):
        raise ValueError(f"unknown viewer {viewer!r}: an actor id, 'spectator' or 'omniscient'")
    omni = viewer == OMNISCIENT
    is_actor = viewer in rules.actors
    tension = game.v[rules.tension_key]
    rung_id, rung_name = rules.rung_of(tension)
    view: dict[str, Any] = {
        "scenario": rules.id,
        "viewer": viewer,
        "month": game.month,
        "month_label": game.month_label,
        "months": list(rules.months),
        "phase": game.phase,
        "paused": game.paused,
        "tension": {"value": round(tension, 2), "rung": rung_id, "rung_name": rung_name},
        "variables": _current(game, viewer),
        "history": _history(game, viewer),
        "ready": sorted(game.ready, key=rules.actor_ids.index),
        "submitted": sorted(game.submitted, key=rules.actor_ids.index),
        "messages": [
            m
            for m in game.messages
            if omni or (is_actor and _sees_message(viewer, m)) or not m["to"]
        ],
        "proposals": [
            p
            for p in (game.proposals[k] for k in sorted(game.proposals))
            if omni or viewer in p["parties"]
        ],
        "agreements": [a for a in game.agreements if omni or viewer in a["parties"]],
        "unsc_drafts": game.unsc_drafts,
        "news": [n for n in game.news if omni or not n["to"] or viewer in n["to"]],
        "orders": _revealed(game, viewer),
        "briefings": {a: rules.actors[a].briefing.public for a in rules.actor_ids},
    }
    if is_actor:
        view["you"] = viewer
        view["secret_briefing"] = rules.actors[viewer].briefing.secret
        view["policy"] = dict(game.policy[viewer])
        view["draft"] = game.drafts.get(viewer, {"levers": {}, "signals": [], "stand_up": []})
        view["secret_objectives"] = list(game.secret.get(viewer, []))
        view["detections"] = list(game.detections[viewer])
        view["scores"] = {viewer: score_of(game, viewer)}
    if omni:
        view["policy"] = {a: dict(p) for a, p in game.policy.items()}
        view["drafts"] = game.drafts
        view["secret_objectives"] = game.secret
        view["secret_briefings"] = {a: rules.actors[a].briefing.secret for a in rules.actor_ids}
        view["detections"] = game.detections
        view["scores"] = game.scores()
        view["covert"] = [r["covert"] for r in game.revealed]
    if game.over:
        view["outcome"] = game.outcome()
    return view


def _revealed(game: Game, viewer: str) -> list[dict[str, Any]]:
    """Past months' orders: public levers, plus covert ones the viewer detected.

    A resolved month never changes, so each row is built once per viewer (memoised per
    game like the history, checked by the month record's identity)."""
    cache: dict[tuple[str, int], tuple[dict[str, Any], dict[str, Any]]]
    cache = game.__dict__.setdefault("_orders_cache", {})
    out = []
    for i, r in enumerate(game.revealed):
        hit = cache.get((viewer, i))
        if hit is None or hit[0] is not r:
            hit = cache[(viewer, i)] = (r, _revealed_month(r, viewer))
        out.append(hit[1])
    return out


def _revealed_month(r: dict[str, Any], viewer: str) -> dict[str, Any]:
    orders: dict[str, dict[str, Any]] = {
        a: {"levers": dict(o["levers"]), "signals": list(o["signals"])}
        for a, o in r["orders"].items()
    }
    for c in r["covert"]:
        if viewer == OMNISCIENT or viewer == c["actor"] or viewer in c["detected_by"]:
            orders[c["actor"]]["levers"][c["lever"]] = c["option"]
    return {"month": r["month"], "orders": orders}
