"""Seatings: every bot plays every role, with seeds paired across a block."""

from __future__ import annotations

from collections import Counter

import pytest

from game.errors import SixPartyError
from game.tournament.schedule import schedule

ROLES = ("us", "dprk", "china", "russia", "japan", "rok")


def test_rotation_gives_every_bot_every_role_equally() -> None:
    bots = ["planner", "hawk", "dove", "reciprocator", "random"]
    specs = schedule(bots, ROLES, games=50, seed=3)
    assert len(specs) == 50
    counts = Counter((bot, role) for s in specs for role, bot in s["seating"].items())
    assert set(counts.values()) == {10}
    assert len(counts) == len(bots) * len(ROLES)


def test_seeds_are_paired_within_a_block_and_differ_between_blocks() -> None:
    specs = schedule(["a", "b", "c"], ROLES, games=9, seed=1)
    blocks: dict[int, set[int]] = {}
    for s in specs:
        blocks.setdefault(s["block"], set()).add(s["seed"])
    assert all(len(seeds) == 1 for seeds in blocks.values())
    assert len({next(iter(v)) for v in blocks.values()}) == 3


def test_games_round_up_to_whole_blocks_and_ids_are_stable() -> None:
    a = schedule(["a", "b", "c", "d"], ROLES, games=5, seed=2)
    b = schedule(["a", "b", "c", "d"], ROLES, games=5, seed=2)
    assert len(a) == 8
    assert a == b
    assert len({s["id"] for s in a}) == 8


def test_candidate_mode_rotates_the_candidate_over_every_role() -> None:
    specs = schedule([], ROLES, games=6, mode="candidate", candidate="planner", baseline="hawk")
    assert [next(r for r, b in s["seating"].items() if b == "planner") for s in specs] == list(
        ROLES
    )
    assert all(Counter(s["seating"].values()) == {"planner": 1, "hawk": 5} for s in specs)


def test_roundrobin_rotates_each_sampled_seating_over_the_roles() -> None:
    bots = ["a", "b", "c", "d", "e", "f", "g", "h"]
    specs = schedule(bots, ROLES, games=12, seed=4, mode="roundrobin")
    assert len(specs) == 12
    for block in (0, 1):
        games = [s for s in specs if s["block"] == block]
        players = set(games[0]["seating"].values())
        assert len(players) == 6
        for bot in players:
            assert {r for g in games for r, b in g["seating"].items() if b == bot} == set(ROLES)


def test_bad_settings_are_clear_errors() -> None:
    with pytest.raises(SixPartyError, match="mode"):
        schedule(["a"], ROLES, games=1, mode="swiss")
    with pytest.raises(SixPartyError, match="--candidate"):
        schedule([], ROLES, games=1, mode="candidate")
    with pytest.raises(SixPartyError, match="at least 1"):
        schedule(["a"], ROLES, games=0)
