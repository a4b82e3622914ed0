"""Property tests: any sequence of legal actions keeps every variable in bounds, and
replaying the log always reproduces the state hash.

The driver draws every action from what :meth:`Game.legal_actions` offers at that moment
(plus the facilitator's controls, which are always open), so the engine must accept each
one: a refusal is a failure, not noise to skip. An engine that refused every action but
``advance`` would pass bounds and replay checks, so the driver counts what it applied.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import random
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import Game, IllegalAction
from game.engine.substance import acceptance_problem, contradiction
from game.scenario.compile import Rules

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LINES = ("We are ready to talk.", "Actions, not words.", "x" * 40)


def _pick(rng: random.Random, seq: Any) -> Any:
    return seq[rng.randrange(len(seq))]


def _orders(game: Game, space: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Orders from the action space: an option on some levers, signals, stand-ups."""
    levers = {lid: _pick(rng, opts) for lid, opts in space["levers"].items() if rng.random() < 0.8}
    signals = []
    sigs = sorted(space["signals"].items())
    for _ in range(rng.randint(0, space["max_signals"]) if sigs else 0):
        sid, targets = _pick(rng, sigs)
        signals.append({"signal": sid, "target": _pick(rng, targets) if targets else None})
    stand_up = [a for a in space["stand_up"] if rng.random() < 0.5]
    return {
        "type": "orders",
        "levers": levers,
        "signals": signals,
        "stand_up": stand_up,
        "final": space["phase"] == "orders" and rng.random() < 0.7,
    }


def _proposal(game: Game, space: dict[str, Any], actor: str, rng: random.Random) -> dict:
    """A proposal naming levers the parties hold, for as long as the rules allow."""
    other = _pick(rng, space["partners"])
    commitments = []
    for who in (actor, other):
        levers = sorted(space["commitment_levers"][who].items())
        if levers and rng.random() < 0.7:
            lid, opts = _pick(rng, levers)
            commitments.append(
                {
                    "actor": who,
                    "lever": lid,
                    "option": _pick(rng, opts),
                    "compare": _pick(rng, ("exactly", "at_most", "at_least")),
                    "start": game.month + rng.randint(0, 1),
                    "months": rng.randint(1, game.rules.negotiation.max_deal_months),
                }
            )
    # A term against the proposer's own deals in force would be refused (a contradiction).
    commitments = [
        c
        for i, c in enumerate(commitments)
        if contradiction(game, c, commitments[:i], "", actor, only_seen=True) is None
    ]
    summit = rng.random() < 0.2
    talks = rng.random() < 0.2 or not (commitments or summit)
    return {
        "type": "propose",
        "to": [other],
        "commitments": commitments,
        "inspections": rng.random() < 0.3,
        "summit": summit,
        "talks": talks,
        "text": _pick(rng, LINES),
    }


def _facilitator(game: Game, rng: random.Random) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.5:
        return {"type": "advance", "phase": game.phase, "month": game.month}
    if roll < 0.7 and game.rules.injects:
        return {"type": "inject", "event": _pick(rng, sorted(game.rules.injects))}
    if roll < 0.9:
        key = _pick(rng, game.rules.keys)
        return {"type": "inject", "news": "x", "effects": {key: rng.uniform(-500, 500)}}
    return {"type": "announce", "text": _pick(rng, LINES)}


def legal_action(game: Game, rng: random.Random) -> dict[str, Any]:
    """One action drawn only from what the rules allow now (None of it may be refused)."""
    if rng.random() < 0.03:
        return {**_facilitator(game, rng), "actor": "facilitator"}
    actor = _pick(rng, game.rules.actor_ids)
    space = game.legal_actions(actor)
    kind = _pick(rng, space["types"])
    if kind == "message":
        to = [] if rng.random() < 0.5 else [_pick(rng, space["partners"])]
        action: dict[str, Any] = {"type": "message", "to": to, "text": _pick(rng, LINES)}
    elif kind == "orders":
        action = _orders(game, space, rng)
    elif kind == "ready":
        action = {"type": "ready", "phase": space["phase"], "month": space["month"]}
    elif kind == "propose":
        action = _proposal(game, space, actor, rng)
    elif kind == "respond":
        pid = _pick(rng, space["respond"])
        accept = rng.random() < 0.6  # unless a term contradicts a deal in force
        accept = accept and acceptance_problem(game, actor, game.proposals[pid]) is None
        action = {"type": "respond", "proposal": pid, "accept": accept}
    elif kind == "withdraw":
        action = {"type": "withdraw", "proposal": _pick(rng, space["withdraw"])}
    elif kind == "unsc_draft":
        action = {
            "type": "unsc_draft",
            "sector": _pick(rng, space["unsc_sectors"]),
            "direction": _pick(rng, ("tighten", "relax")),
        }
    elif kind == "unsc_vote":
        action = {
            "type": "unsc_vote",
            "draft": _pick(rng, space["unsc_vote"]),
            "vote": _pick(rng, ("yes", "no", "abstain")),
        }
    else:
        raise AssertionError(f"legal_actions offers a type the driver does not know: {kind}")
    return {**action, "actor": actor}


def in_bounds(game: Game) -> list[str]:
    return [
        f"{k}={game.v[k]}" for k, (lo, hi) in game.rules.bounds.items() if not lo <= game.v[k] <= hi
    ]


# Refusals the driver cannot foresee from ``legal_actions``: a proposal's terms (when it
# is tabled or accepted) checked against the agreements in force; the action space lists
# levers and open proposals, not the terms of deals.
UNFORESEEABLE = {"contradiction"}
WHERE_UNFORESEEABLE = {"propose", "respond"}


def hash_of(state: dict[str, Any]) -> str:
    """:meth:`Game.state_hash` of a copy of :meth:`Game.state` (the same canonical JSON)."""
    text = json.dumps(state, sort_keys=True, separators=(",", ":"), default=sorted)
    return hashlib.sha256(text.encode()).hexdigest()


def play(rules: Rules, seed: int, steps: int, applied: Counter[str] | None = None) -> Game:
    """Play ``steps`` legal actions; every one must be accepted and keep the bounds, but
    for a proposal whose terms contradict a deal in force, which must change nothing."""
    game = Game(rules, seed)
    rng = random.Random(seed)
    for step in range(steps):
        if game.over:
            break
        action = legal_action(game, rng)
        before = pickle.dumps(game.state())  # a copy, hashed only if the action is refused
        log_length = len(game.log)
        try:
            game.apply(action)
        except IllegalAction as exc:
            if exc.code not in UNFORESEEABLE or action["type"] not in WHERE_UNFORESEEABLE:
                raise AssertionError(
                    f"step {step}: the engine refused an action its own legal_actions "
                    f"offered ({exc.code}: {exc}): {action}"
                ) from exc
            assert (game.state_hash(), len(game.log)) == (
                hash_of(pickle.loads(before)),
                log_length,
            ), "a refusal changed the game"
            if applied is not None:
                applied["refused:" + exc.code] += 1
            continue
        if applied is not None:
            applied[action["type"]] += 1
        assert in_bounds(game) == [], f"step {step}: {action}"
    assert hash_of(game.state()) == game.state_hash()  # copies are hashed as the engine does
    return game


@SETTINGS
@given(seed=st.integers(0, 10**6), steps=st.integers(1, 400))
def test_bounds_hold_and_replay_is_deterministic_mini(
    mini_rules: Rules, seed: int, steps: int
) -> None:
    game = play(mini_rules, seed, steps)
    replayed = Game.replay(mini_rules, seed, game.log)
    assert replayed.state_hash() == game.state_hash()
    assert in_bounds(replayed) == []


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), steps=st.integers(50, 600))
def test_bounds_hold_and_replay_is_deterministic_korea(
    korea_rules: Rules, seed: int, steps: int
) -> None:
    game = play(korea_rules, seed, steps)
    assert Game.replay(korea_rules, seed, game.log).state_hash() == game.state_hash()


def test_scores_are_always_between_0_and_100(korea_rules: Rules) -> None:
    applied: Counter[str] = Counter()
    for seed in range(20):
        game = play(korea_rules, seed, 800, applied)
        assert all(0 <= s <= 100 for s in game.scores().values())
    # The driver reached every kind of action, and games went on past their first month.
    for kind in ("message", "orders", "ready", "propose", "respond", "withdraw", "unsc_draft"):
        assert applied[kind] > 0, (kind, applied)
    assert applied["unsc_vote"] > 0, applied
    # Unforeseeable refusals stay rare: the driver's own choices are legal.
    refused = sum(n for kind, n in applied.items() if kind.startswith("refused:"))
    assert refused <= 0.02 * sum(applied.values()), applied


def test_legal_games_reach_the_end_and_make_agreements(korea_rules: Rules) -> None:
    """Legal play without the facilitator's ``advance`` still moves month by month to the
    end: players' own ``ready`` and final orders close every phase."""
    months = set()
    agreements = 0
    for seed in range(5):
        game = Game(korea_rules, seed)
        rng = random.Random(seed)
        for _ in range(20_000):
            if game.over:
                break
            action = legal_action(game, rng)
            if action["actor"] == "facilitator":
                continue
            try:
                game.apply(action)
            except IllegalAction as exc:
                assert exc.code in UNFORESEEABLE, exc
            months.add(game.month)
        assert game.over, f"seed {seed}: stuck in {game.phase} of month {game.month}"
        agreements += len(game.agreements)
    assert len(months) == korea_rules.turns
    assert agreements > 0
