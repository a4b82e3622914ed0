"""The engine's shortcuts give exactly what the plain code paths give."""

from __future__ import annotations

import random

import pytest

from game import Game
from game.bots.base import Context
from game.bots.random_bot import RandomBot, _negotiation_space
from game.bots.runner import play_game
from game.engine.resolution import apply_effects
from game.scenario.compile import Rules
from game.scenario.expr import compile_text, compile_value, constant_of


def _ident(name: str) -> str:
    return name


def test_constant_of_knows_constants_and_only_them() -> None:
    assert constant_of(compile_value(3, _ident)) == 3.0
    assert constant_of(compile_value(True, _ident)) == 1.0
    assert constant_of(compile_text("2 * 3 + 1", _ident)) == 7.0
    assert constant_of(compile_text("if 1 then 4 else x", _ident)) == 4.0
    assert constant_of(compile_text("x + 1", _ident)) is None
    assert constant_of(lambda env: 1.0) is None  # an unmarked closure is never trusted


def _plain_apply(game: Game, effs: tuple[tuple[object, ...], ...]) -> None:
    """The plain arithmetic: call every closure, look every bound up in the rules."""
    v = game.v
    deltas = [e[4](v) for e in effs]  # type: ignore[operator]
    for e, delta in zip(effs, deltas, strict=True):
        key = str(e[0])
        lo, hi = game.rules.bounds[key]
        v[key] = max(lo, min(hi, v[key] + delta))


def test_prepared_effects_match_the_plain_arithmetic(korea_rules: Rules) -> None:
    """Every effect carries its variable's own bounds and its constant, and the one apply
    gives what calling every closure and looking up every bound gives."""
    rng = random.Random(3)
    tables = [lv.by_id[o.id].effects for lv in korea_rules.levers for o in lv.options]
    tables += [effs for _n, _w, effs in korea_rules.dynamics]
    tables += [ev.effects for ev in korea_rules.events]
    tables += [korea_rules.deal_made, korea_rules.deal_kept, korea_rules.summit_effects]
    checked = 0
    for table in tables:
        for effs in table.values() if isinstance(table, dict) else [table]:
            if not effs:
                continue
            for e in effs:
                assert (e.lo, e.hi) == korea_rules.bounds[e.key]
                assert e.const == constant_of(e.fn)
            a = Game(korea_rules, 1)
            for key in korea_rules.keys:  # values away from the starting ones
                lo, hi = korea_rules.bounds[key]
                a.v[key] = rng.uniform(lo, hi)
            b = a.copy()
            _plain_apply(a, effs)
            apply_effects(b.v, effs)
            assert a.v == b.v
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("seed", [0, 3, 8])
def test_random_bot_space_matches_legal_actions(korea_rules: Rules, seed: int) -> None:
    """Where the random bot skips ``legal_actions`` it reads the very same values."""
    game = play_game(korea_rules, seed, {a: RandomBot(a, seed) for a in korea_rules.actor_ids}).game
    replay = Game(korea_rules, seed)
    compared = 0
    for action in game.log:
        if replay.phase == "negotiation":
            for actor in korea_rules.actor_ids:
                ctx = Context(replay, actor, 0, random.Random(0))
                space = _negotiation_space(ctx)
                legal = replay.legal_actions(actor)
                assert space["partners"] == legal["partners"]
                assert space["respond"] == legal["respond"]
                assert ("unsc_draft" in space["types"]) == ("unsc_draft" in legal["types"])
                assert space.get("unsc_vote", ()) == legal.get("unsc_vote", ())
                assert space.get("unsc_sectors") == legal.get("unsc_sectors")
                compared += 1
        replay.apply(action)
    assert compared > 100
    assert replay.state_hash() == game.state_hash()


def test_snapshots_are_kept_compact_and_read_as_dicts(korea_rules: Rules) -> None:
    game = play_game(korea_rules, 2, {a: RandomBot(a, 2) for a in korea_rules.actor_ids}).game
    snaps = game.snapshots
    assert len(snaps) == game.month + 1
    assert all(list(s) == list(korea_rules.keys) for s in snaps)
    assert snaps[-1] == {k: game.v[k] for k in korea_rules.keys}
    assert game.snapshots is snaps and game.snapshots[0] is snaps[0]  # read once, kept
    clone = game.copy()
    assert clone.snapshots == snaps and clone.snapshots[1] is snaps[1]
