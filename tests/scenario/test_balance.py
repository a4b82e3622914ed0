"""`sixparty scenario balance`: bots play a scenario many times; the report summarises it."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from game.balance import Spread, default_bots, run_balance
from game.bots import BOTS, make_bot
from game.bots.runner import play_game
from game.cli import main
from game.errors import SixPartyError
from game.scenario.loader import load_scenario

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"


def test_spread_is_mean_sd_min_max() -> None:
    s = Spread.of([10.0, 20.0, 30.0])
    assert (s.n, s.mean, s.min, s.max) == (3, 20.0, 10.0, 30.0)
    assert s.sd == pytest.approx(statistics.stdev([10, 20, 30]))
    assert Spread.of([5.0]).sd == 0.0


def test_report_matches_the_games_it_played() -> None:
    rules = load_scenario(MINI)
    report = run_balance(rules, 6, ["random"], seed=3)
    assert report.games == 6
    expected: dict[str, list[float]] = {a: [] for a in rules.actor_ids}
    wars = 0
    for seed in range(3, 9):
        game = play_game(
            rules, seed, {a: make_bot("random", a, seed) for a in rules.actor_ids}
        ).game
        out = game.outcome()
        assert out is not None
        wars += out["war"]
        for a, s in out["scores"].items():
            expected[a].append(s)
    assert report.scores == expected
    assert report.wars == wars
    assert sum(report.deadlines["cutoff"].values()) == 6


def test_seats_rotate_between_bots() -> None:
    rules = load_scenario(MINI)
    report = run_balance(rules, 2, ["random", "historical"])
    assert {b for (_a, b) in report.bot_scores} == {"random", "historical"}
    assert len(report.bot_scores[("alpha", "random")]) == 1


def test_lever_use_finds_levers_a_bot_never_moves() -> None:
    rules = load_scenario(MINI)
    report = run_balance(rules, 2, ["historical"])
    unused = {(u.actor, u.lever) for u in report.unused("historical")}
    # The mini record only sets beta's programme to its default: nothing ever moves.
    assert ("alpha", "aid") in unused
    assert all(u.never_moved for u in report.unused("historical"))
    random_report = run_balance(rules, 12, ["random"])
    assert not any(u.never_moved for u in random_report.unused("random"))


def test_default_bots_prefer_the_planner() -> None:
    expected = (
        ["planner"]
        if "planner" in BOTS
        else [b for b in ("hawk", "dove", "reciprocator", "random") if b in BOTS]
    )
    assert default_bots() == expected


def test_unknown_bot_is_a_clear_error() -> None:
    with pytest.raises(SixPartyError, match="unknown bot 'randon' \\(did you mean 'random'\\?\\)"):
        run_balance(load_scenario(MINI), 1, ["randon"])


def test_cli_prints_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenario", "balance", str(MINI), "--games", "4", "--bots", "random"]) == 0
    out = capsys.readouterr().out
    assert "Scores over 4 games" in out
    for actor in ("alpha", "beta", "gamma"):
        assert actor in out
    assert "War:" in out and "Year-end cutoff" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["scenario", "balance", str(MINI), "--games", "3", "--bots", "random", "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["games"] == 3
    assert set(data["scores"]) == {"alpha", "beta", "gamma"}
    assert 0 <= data["war_rate"] <= 1
    assert sum(data["deadlines"]["cutoff"].values()) == 3
