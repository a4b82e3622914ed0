"""Statistics: means with CIs, wins with ties, and Plackett-Luce ratings with ties."""

from __future__ import annotations

import math

import pytest

from game.tournament.stats import (
    bot_stats,
    openskill_ratings,
    paired_difference,
    separated,
    stratified,
    summarise,
)


def _game(gid: str, seating: dict[str, str], scores: dict[str, float], **kw: object) -> dict:
    return {
        "id": gid,
        "block": 0,
        "seed": 1,
        "seating": seating,
        "scores": scores,
        "status": "ok",
        "war": False,
        "deals": {},
        "deadlines": {},
        "faults": [],
        **kw,
    }


def test_summary_mean_se_and_ci() -> None:
    s = summarise([1.0, 2.0, 3.0, 4.0])
    assert s.mean == 2.5
    assert s.se == pytest.approx(math.sqrt(5 / 3) / 2)
    assert s.low == pytest.approx(2.5 - 3.18 * s.se)
    assert s.high == pytest.approx(2.5 + 3.18 * s.se)
    big = summarise([float(i % 10) for i in range(1000)])
    assert big.high - big.mean == pytest.approx(1.96 * big.se)
    assert separated(summarise([10.0, 11.0] * 20), summarise([1.0, 2.0] * 20))
    assert not separated(summarise([1.0, 2.0] * 20), summarise([1.5, 2.5] * 20))


def test_a_tie_for_the_top_splits_the_win() -> None:
    games = [_game("g1", {"x": "a", "y": "b", "z": "c"}, {"x": 50, "y": 50, "z": 10})]
    stats = bot_stats(games)
    assert stats["a"].wins == stats["b"].wins == 0.5
    assert stats["c"].wins == 0.0


def test_ratings_treat_ties_as_ties() -> None:
    tied = [
        _game(f"g{i}", {"x": "a", "y": "b", "z": "c"}, {"x": 40, "y": 40, "z": 10})
        for i in range(5)
    ]
    r = openskill_ratings(tied)
    assert r["a"]["mu"] == pytest.approx(r["b"]["mu"])
    assert r["a"]["mu"] > r["c"]["mu"]
    all_tied = [_game("g", {"x": "a", "y": "b", "z": "c"}, {"x": 7, "y": 7, "z": 7})]
    r = openskill_ratings(all_tied)
    assert r["a"]["mu"] == pytest.approx(r["c"]["mu"])
    assert r["a"]["sigma"] < 25 / 3  # a tie is still information


def test_ratings_follow_results_and_copies_are_averaged() -> None:
    games = [
        _game(f"g{i}", {"x": "cand", "y": "base", "z": "base"}, {"x": 90, "y": 20, "z": 30})
        for i in range(10)
    ]
    r = openskill_ratings(games)
    assert r["cand"]["mu"] > 25 > r["base"]["mu"]


def test_failed_games_do_not_count_and_reruns_replace_them() -> None:
    ok = _game("g1", {"x": "a", "y": "b"}, {"x": 10, "y": 20})
    failed = {
        "id": "g2",
        "block": 0,
        "seed": 1,
        "seating": {"x": "a", "y": "b"},
        "status": "crashed",
        "error": "died",
    }
    rerun = _game("g2", {"x": "a", "y": "b"}, {"x": 30, "y": 0})
    assert bot_stats([ok, failed])["a"].seats == 1
    assert bot_stats([ok, failed, rerun])["a"].score.mean == 20


def test_paired_differences_remove_the_role_effect() -> None:
    # Two roles worth ~30 and ~90 points; "a" is 2 points better than "b" in each role,
    # with some noise per block. Per seat the spread of roles swamps the gap.
    records = []
    for block in range(40):
        noise = (block % 5) - 2.0
        for gid, seating in enumerate(({"x": "a", "y": "b"}, {"x": "b", "y": "a"})):
            scores = {
                r: (30.0 if r == "x" else 90.0) + noise + (2.0 if bot == "a" else 0.0)
                for r, bot in seating.items()
            }
            game = _game(f"b{block}-g{gid}", seating, scores)
            game["block"] = block
            records.append(game)
    # A block where the two bots did not sit in the same roles is not paired.
    odd = _game("odd", {"x": "a", "y": "a"}, {"x": 30.0, "y": 90.0})
    odd["block"] = 99
    records.append(odd)
    stats = bot_stats(records)
    assert not separated(stats["a"].score, stats["b"].score)
    d = paired_difference(records, "a", "b")
    assert d.n == 40
    assert d.mean == pytest.approx(2.0) and d.low > 0
    assert paired_difference(records, "b", "a").high < 0
    assert paired_difference(records, "a", "nobody").n == 0
    # Within roles, the role spread is left out too, and the 2 points show.
    assert separated(stats["a"].within_roles, stats["b"].within_roles)
    assert stats["a"].within_roles.mean == pytest.approx(stats["a"].score.mean, abs=0.1)


def test_the_stratified_interval_uses_the_spread_within_groups_only() -> None:
    low, high = [1.0, 2.0, 3.0, 4.0], [51.0, 52.0, 53.0, 54.0]
    s = stratified([low, high])
    assert s.mean == pytest.approx(27.5)
    assert s.se == pytest.approx(math.sqrt(2 * (5 / 3) / 4) / 2)
    assert s.high - s.mean == pytest.approx(2.45 * s.se)  # t on 6 degrees of freedom
    plain = summarise(low + high)
    assert plain.mean == pytest.approx(s.mean) and plain.se > 10 * s.se
    assert stratified([[1.0], [2.0, 3.0]]).high == math.inf
    assert math.isnan(stratified([]).mean)
