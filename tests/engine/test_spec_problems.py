"""``spec_problem``: each way an action spec can be wrong, in the words the registry
refuses it with (game/engine/specs.py)."""

from __future__ import annotations

from typing import Any

import pytest

from game.engine.specs import FACILITATOR, PLAYER, SPECS, ActionSpec, senders, spec_problem
from game.engine.state import PARTS


def noop(game: Any, action: Any) -> None:
    return None


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        (ActionSpec("", noop, PLAYER), "its type must be a name (letters, digits, _)"),
        (ActionSpec("make-rain", noop, PLAYER), "its type must be a name (letters, digits, _)"),
        (ActionSpec("rain", "noop", PLAYER), "its handler is not callable"),  # type: ignore[arg-type]
        (
            ActionSpec("rain", noop, "teacher"),  # type: ignore[arg-type]
            "sender must be 'player' or 'facilitator', not 'teacher'",
        ),
        (
            ActionSpec("rain", noop, PLAYER, (("news",), ())),  # type: ignore[arg-type]
            "touches must be (public parts, private parts, audience)",
        ),
        (
            ActionSpec("rain", noop, PLAYER, (("news", "weather"), ("clouds",), ())),
            f"touches unknown parts ['clouds', 'weather']; parts: {', '.join(PARTS)}",
        ),
        (
            ActionSpec("rain", noop, PLAYER, "news"),  # type: ignore[arg-type]
            "touches must be a Touch, a function giving one, or None",
        ),
        (ActionSpec("rain", noop, PLAYER, (("news",), ("messages",), ("alpha",))), None),
        (ActionSpec("rain", noop, FACILITATOR, lambda game, action: ((), (), ())), None),
        (ActionSpec("rain", noop, FACILITATOR), None),
    ],
)
def test_what_is_wrong_with_a_spec(spec: ActionSpec, problem: str | None) -> None:
    assert spec_problem(spec) == problem


def test_every_registered_spec_is_sound_and_senders_split_them() -> None:
    assert all(spec_problem(s) is None for s in SPECS.values())
    players, facilitator = senders(PLAYER), senders(FACILITATOR)
    assert players == {
        "message", "propose", "respond", "withdraw", "unsc_draft", "unsc_vote", "orders", "ready",
    }  # fmt: skip
    assert facilitator == set(SPECS) - players
    assert {"advance", "inject", "end", "seat"} <= facilitator
