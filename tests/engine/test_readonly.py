"""What a bot is handed cannot write back into the game: its view, the records its
context lists and the shared parts of its legal actions are read-only copies. A bot
that tries to change all of them changes nothing: the game it played in is the game the
same bots play without the vandalism, and its replay has the same state hash."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest

from game import Game, load_scenario
from game.bots.base import Context
from game.bots.random_bot import RandomBot
from game.bots.runner import play_game
from game.engine.readonly import ReadOnlyDict, ReadOnlyList, frozen

RULES = load_scenario("korea-2019")


class Vandal(RandomBot):
    """Plays like ``random``, but first tries to change everything its context hands it."""

    name = "vandal"

    def __init__(self, actor: str, seed: int = 0) -> None:
        super().__init__(actor, seed)
        self.tries = self.refused = 0
        self.seen: set[str] = set()

    def negotiate(self, ctx: Context) -> list[dict[str, Any]]:
        self.attack(ctx)
        return super().negotiate(ctx)

    def orders(self, ctx: Context) -> dict[str, Any]:
        self.attack(ctx)
        return super().orders(ctx)

    def attack(self, ctx: Context) -> None:
        legal = ctx.legal
        shared = [
            legal[k] for k in ("partners", "levers", "signals", "commitment_levers") if k in legal
        ]
        records = {
            "proposals": ctx.open_proposals() + list(ctx.view["proposals"]),
            "agreements": ctx.agreements(active_only=False),
            "unsc_drafts": ctx.unsc_drafts(open_only=False),
        }
        self.seen |= {k for k, v in records.items() if v}
        # (the lists of records are the bot's own; the records in them are the game's)
        for target in [ctx.view, *shared, *(r for rows in records.values() for r in rows)]:
            self.smash(target)

    def smash(self, value: Any) -> None:
        """Try every way of changing ``value`` and what it holds."""
        if isinstance(value, dict):
            for inner in list(value.values()):
                self.smash(inner)
            key = next(iter(value), "x")
            for attempt in (
                lambda: value.__setitem__(key, "vandalised"),
                lambda: value.pop(key),
                lambda: value.update(status="accepted"),
                value.clear,
            ):
                self.attempt(attempt)
        elif isinstance(value, list):
            for inner in list(value):
                self.smash(inner)
            for attempt in (
                lambda: value.append("vandalised"),
                lambda: value.__setitem__(0, "vandalised") if value else value.append(0),
                value.reverse,
                value.clear,
            ):
                self.attempt(attempt)

    def attempt(self, change: Any) -> None:
        self.tries += 1
        try:
            change()
        except TypeError:
            self.refused += 1


@pytest.mark.parametrize("seed", [1, 4])
def test_a_bot_that_changes_what_it_received_changes_nothing(seed: int) -> None:
    vandals = {a: Vandal(a, seed) for a in ("us", "dprk", "china")}
    bots = {a: vandals.get(a) or RandomBot(a, seed) for a in RULES.actor_ids}
    played = play_game(RULES, seed, bots).game
    assert all(v.tries > 1000 and v.refused == v.tries for v in vandals.values())
    assert set.union(*(v.seen for v in vandals.values())) >= {"proposals", "agreements"}
    calm = play_game(RULES, seed, {a: RandomBot(a, seed) for a in RULES.actor_ids}).game
    assert played.log == calm.log
    assert played.state_hash() == calm.state_hash()
    assert Game.replay(RULES, seed, played.log).state_hash() == played.state_hash()


def test_the_raw_view_is_the_games_own_which_is_why_bots_get_a_frozen_one() -> None:
    """``Game.view_for`` shares the game's records with its caller (the server encodes
    them at once: copying would cost every push). A bot's context freezes them."""
    game = Game(RULES, seed=2)
    game.apply({"type": "propose", "actor": "us", "to": ["dprk"], "summit": True})
    pid = game.open_ids[0]
    before = game.state_hash()
    raw = game.view_for("us")["proposals"][0]
    assert raw is game.proposals[pid]
    bot_view = Context(game, "us", 0, __import__("random").Random(0)).view
    with pytest.raises(TypeError, match="read-only"):
        bot_view["proposals"][0]["responses"]["dprk"] = "accept"
    with pytest.raises(TypeError, match="read-only"):
        bot_view["proposals"][0]["parties"].append("china")
    assert game.state_hash() == before
    assert bot_view == game.view_for("us")  # equal to the view, just not the same objects


def test_frozen_copies_read_like_the_originals() -> None:
    original = {"a": [1, {"b": [2, 3]}], "c": {"d": "e"}, "s": {1}}
    view = frozen(original)
    assert view == {**original, "s": frozenset({1})}
    assert isinstance(view, dict) and isinstance(view["a"], list)
    assert type(view["a"][1]) is ReadOnlyDict and type(view["a"][1]["b"]) is ReadOnlyList
    assert json.dumps(view["a"]) == json.dumps(original["a"])
    assert pickle.loads(pickle.dumps(view)) == view
    mine = copy.deepcopy(view)  # a bot's own copy it may change
    mine["a"][1]["b"].append(4)
    assert view["a"][1]["b"] == [2, 3] and original["a"][1]["b"] == [2, 3]
    assert frozen(view) is view  # already read-only: shared
