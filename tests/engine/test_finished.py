"""A finished game keeps its records packed, and gives them back unchanged on use;
``view_for``'s memos never show a stale value."""

from __future__ import annotations

import json

from game import Game
from game.bots import make_bot
from game.bots.runner import play_game
from game.scenario.compile import Rules


def _played(rules: Rules, seed: int = 3) -> Game:
    bots = {a: make_bot("random", a, seed) for a in rules.actor_ids}
    return play_game(rules, seed, bots).game


def _records(game: Game) -> str:
    return json.dumps(
        [
            game.log,
            game.messages,
            [game.proposals[k] for k in sorted(game.proposals)],
            game.agreements,
            game.unsc_drafts,
            game.detections,
            game.news,
            game.revealed,
        ],
        sort_keys=True,
    )


def test_a_finished_game_packs_its_records(mini_rules: Rules) -> None:
    game = _played(mini_rules)
    assert game.over and isinstance(game, Game)
    assert "_packed" in game.__dict__ and "log" not in game.__dict__
    assert game.log  # unpacked on first use; the game is a plain live Game again
    assert "_packed" not in game.__dict__ and type(game) is Game


def test_live_games_have_no_attribute_fallback() -> None:
    # A __getattr__ on Game would make every attribute access of a live game slower.
    assert "__getattr__" not in vars(Game)


class _NeverPacked(Game):
    """A game that keeps its records live after the end (what packing must reproduce)."""

    def _archive(self) -> None:
        pass


def test_packed_records_come_back_equal_with_the_same_hash(mini_rules: Rules) -> None:
    game = _played(mini_rules)
    live = _NeverPacked.replay(mini_rules, game.seed, game.log)
    assert "_packed" not in live.__dict__
    assert _records(game) == _records(live)
    assert game.state_hash() == live.state_hash()


def test_unpacked_records_keep_their_shared_objects(korea_rules: Rules) -> None:
    game = _played(korea_rules, seed=5)
    assert game.agreements, "seed 5 makes at least one deal"
    for ag in game.agreements:
        assert ag["commitments"] is game.proposals[ag["id"]]["commitments"]


def test_a_packed_game_copies(mini_rules: Rules) -> None:
    expected = _played(mini_rules).state_hash()
    packed = _played(mini_rules)
    clone = packed.copy()
    assert "_packed" not in clone.__dict__
    assert clone.state_hash() == expected == packed.state_hash()


def test_unknown_attributes_still_raise(mini_rules: Rules) -> None:
    game = _played(mini_rules)
    try:
        game.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_views_within_a_month_follow_every_change(mini: Game) -> None:
    actor = mini.rules.actor_ids[0]
    before = mini.view_for(actor)["variables"]
    key = next(k for k, (vis, _, _) in mini.rules.visibility.items() if vis == "public")
    lo, hi = mini.rules.bounds[key]
    mini.apply({"type": "inject", "actor": "facilitator", "news": "x", "effects": {key: 1.0}})
    after = mini.view_for(actor)["variables"]
    assert after[key] == round(min(hi, before[key] + 1.0), 2) != before[key] or before[key] == hi
    after[key] = "mutated"  # a caller changing its view does not change the next one
    assert mini.view_for(actor)["variables"][key] != "mutated"


def test_estimates_are_the_same_from_a_fresh_game(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=9)
    viewer = korea_rules.actor_ids[0]
    game.view_for(viewer)  # fills the memos
    twin = Game(korea_rules, seed=9)
    assert json.dumps(game.view_for(viewer)) == json.dumps(twin.view_for(viewer))


def test_a_copy_is_not_packed_when_it_ends(mini_rules: Rules) -> None:
    """Copies are a search's throwaway games: packing them at the end is wasted work."""
    game = Game(mini_rules, 3)
    clone = game.copy()
    while not clone.over:
        clone.advance()
    assert "_packed" not in clone.__dict__ and clone.log
    while not game.over:
        game.advance()
    assert "_packed" in game.__dict__ and game.state_hash() == clone.state_hash()
