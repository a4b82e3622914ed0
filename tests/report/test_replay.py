"""Step-by-step replay: one row per month end, true to the engine's own records."""

from __future__ import annotations

from typing import Any

import pytest

from game import Game
from game.errors import SixPartyError
from game.report.replay import replay_steps
from game.scenario.compile import Rules


def test_one_row_per_resolved_month_plus_the_start(korea_rules: Rules, bot_game: Game) -> None:
    run = replay_steps(korea_rules, bot_game.seed, bot_game.log)
    assert [m.month for m in run.months] == list(range(korea_rules.turns + 1))
    assert run.months[0].label == "Start"
    assert run.months[-1].label == korea_rules.months[-1]
    assert not run.ended_early
    assert run.game.state_hash() == bot_game.state_hash()


def test_rows_hold_the_engine_snapshots_and_scores(korea_rules: Rules, bot_game: Game) -> None:
    run = replay_steps(korea_rules, bot_game.seed, bot_game.log)
    for row in run.months:
        assert row.values == pytest.approx(bot_game.snapshots[row.month])
    outcome = bot_game.outcome()
    assert outcome is not None
    assert run.months[-1].scores == outcome["scores"]
    assert run.months[0].scores == Game(korea_rules, bot_game.seed).scores()


def test_scores_are_as_if_the_game_ended_that_month(korea_rules: Rules, bot_game: Game) -> None:
    run = replay_steps(korea_rules, bot_game.seed, bot_game.log)
    # Replaying up to the end of month 3 and scoring there gives row 3's scores.
    g = Game(korea_rules, bot_game.seed)
    for action in bot_game.log:
        g.apply(action)
        if len(g.snapshots) == 4:
            break
    assert run.months[3].scores == g.scores()


def test_a_game_ended_by_the_facilitator_gets_a_partial_row(classroom: Game) -> None:
    run = replay_steps(classroom.rules, classroom.seed, classroom.log)
    assert run.ended_early
    last = run.months[-1]
    assert last.partial and last.month == 4
    assert last.label == "July 2019 (ended)"
    assert [m.month for m in run.months] == [0, 1, 2, 3, 4]


def test_steps_remember_month_and_phase(classroom: Game) -> None:
    run = replay_steps(classroom.rules, classroom.seed, classroom.log)
    assert len(run.steps) == len(classroom.log)
    orders = [s for s in run.steps if s.action["type"] == "orders"]
    assert [(s.month, s.phase) for s in orders] == [(1, "orders"), (2, "orders")]


def test_a_log_the_rules_refuse_names_the_entry(korea_rules: Rules) -> None:
    log: list[dict[str, Any]] = [
        {"type": "message", "actor": "us", "to": [], "text": "hi"},
        {"type": "orders", "actor": "us", "levers": {"no_such_lever": "x"}},
    ]
    with pytest.raises(SixPartyError, match=r"log entry 1 .*no_such_lever"):
        replay_steps(korea_rules, 1, log)
    with pytest.raises(SixPartyError, match="log entry 0: not an action"):
        replay_steps(korea_rules, 1, ["advance"])  # type: ignore[list-item]
