"""Copies and finished games: ``copy()`` is independent in every record that can still
change, and a finished game (kept packed, see ``Game._archive``) reads back exactly as a
live copy that played the same last action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, load_scenario
from game.scenario.compile import Rules

SCORED = Path(__file__).resolve().parents[1] / "fixtures" / "scored.yaml"
VIEWERS = ("alpha", "beta", "gamma", "spectator", "omniscient")


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(SCORED)


def busy(rules: Rules) -> Game:
    """A game in February's orders phase with something of everything open or in force:
    a sequenced deal, an open proposal, an open draft with a vote, a draft of orders, a
    message, ready players."""
    game = Game(rules, 3)
    game.track_changes()
    terms = [
        {"actor": "beta", "lever": "program", "option": "freeze", "months": 4},
        {"actor": "alpha", "lever": "aid", "option": "food", "months": 4, "after": {"term": 0}},
    ]
    game.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "commitments": terms})
    game.apply({"type": "respond", "actor": "beta", "proposal": game.open_ids[-1], "accept": True})
    game.advance()
    game.apply({"type": "orders", "actor": "beta", "levers": {"program": "freeze"}})
    game.advance()
    game.apply({"type": "propose", "actor": "gamma", "to": ["beta"], "summit": True})
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "coal", "direction": "relax"})
    game.apply({"type": "message", "actor": "beta", "to": ["gamma"], "text": "Psst."})
    game.apply({"type": "orders", "actor": "gamma", "levers": {"aid": "food"}, "final": False})
    game.apply({"type": "ready", "actor": "alpha"})
    return game


def moves(game: Game) -> list[dict[str, Any]]:
    return [
        {"type": "respond", "actor": "beta", "proposal": game.open_ids[-1], "accept": True},
        {"type": "unsc_vote", "actor": "gamma", "draft": game.unsc_drafts[-1]["id"], "vote": "no"},
        {
            "type": "orders",
            "actor": "gamma",
            "levers": {"sanctions_coal": "ignore"},
            "final": False,
        },
        {"type": "message", "actor": "gamma", "to": ["beta"], "text": "Noted."},
        {"type": "ready", "actor": "beta"},
        {"type": "advance", "actor": "facilitator"},
        {"type": "orders", "actor": "beta", "levers": {"program": "continue"}},
        {"type": "orders", "actor": "alpha", "signals": [{"signal": "statement"}]},
        {"type": "advance", "actor": "facilitator"},
    ]


def test_a_copy_and_its_original_do_not_share_what_can_still_change(rules: Rules) -> None:
    game = busy(rules)
    before = game.state_hash()
    views = {v: game.view_for(v) for v in VIEWERS}
    stamps = {v: game.view_stamps(v) for v in VIEWERS if v in rules.actors}
    twin = game.copy()
    assert twin.state_hash() == before
    for action in moves(twin):
        twin.apply(action)
    assert twin.month == 3 and twin.state_hash() != before
    assert game.state_hash() == before  # the original did not move
    assert {v: game.view_for(v) for v in VIEWERS} == views
    assert {v: game.view_stamps(v) for v in stamps} == stamps
    # ... and it plays on exactly as its copy did
    for action in moves(game):
        game.apply(action)
    assert game.state_hash() == twin.state_hash()
    assert Game.replay(rules, 3, game.log).state_hash() == game.state_hash()


def test_a_finished_game_reads_back_as_the_live_copy_that_finished_alongside(
    rules: Rules,
) -> None:
    game = busy(rules)
    for action in moves(game):
        game.apply(action)
    twin = game.copy()  # copies are never packed
    for g in (game, twin):
        g.apply({"type": "end", "actor": "facilitator"})
    assert game.over and twin.over
    assert game.state() == twin.state() and game.state_hash() == twin.state_hash()
    assert game.outcome() == twin.outcome()
    for v in VIEWERS:
        assert game.view_for(v) == twin.view_for(v)
    assert game.log == twin.log
    again = game.copy()  # a copy of a finished game unpacks it
    assert again.state() == twin.state()
