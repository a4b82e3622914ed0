"""Small contracts of the rules core that the mutation run found unchecked: the
facilitator's seat controls name real seats, a finished game's outcome names its month,
a player's draft starts empty, an empty expression error keeps its text, and a division
by a missing variable reads it as 0."""

from __future__ import annotations

import pytest

from game import Game, IllegalAction
from game.scenario.compile import Rules
from game.scenario.expr import ExprError, compile_text, parse


def test_the_facilitator_hands_a_real_seat_to_a_bot_and_no_other(mini: Game) -> None:
    mini.apply({"type": "seat", "actor": "facilitator", "seat": "beta", "bot": "random"})
    mini.apply({"type": "move", "actor": "facilitator", "player": "p1", "seat": "gamma"})
    assert [a["type"] for a in mini.log] == ["seat", "move"]
    with pytest.raises(IllegalAction, match="no seat 'delta'; seats: alpha, beta, gamma"):
        mini.apply({"type": "seat", "actor": "facilitator", "seat": "delta", "bot": None})
    assert len(mini.log) == 2


def test_the_outcome_names_the_month_the_game_ended(mini_rules: Rules) -> None:
    game = Game(mini_rules, seed=2)
    game.advance()
    game.apply({"type": "end", "actor": "facilitator"})
    outcome = game.outcome()
    assert outcome is not None and outcome["month"] == game.month == 1


def test_a_players_draft_starts_empty(mini: Game) -> None:
    assert mini.view_for("beta")["draft"] == {"levers": {}, "signals": [], "stand_up": []}


def test_an_empty_expression_error_keeps_the_text() -> None:
    with pytest.raises(ExprError) as err:
        parse("   ")
    assert (err.value.message, err.value.text, err.value.column) == (
        "empty expression",
        "   ",
        None,
    )


def test_a_missing_variable_divided_reads_as_zero() -> None:
    fn = compile_text("a / b", lambda name: name)
    assert fn({"b": 4.0}) == 0.0
    assert fn({"a": 2.0, "b": 4.0}) == 0.5
    assert fn({"a": 2.0}) == 0.0
