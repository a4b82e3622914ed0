"""The whole-table estimates of the RL observation are the view's, exactly, or step aside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.rl import env
from game.rl import estimates as est
from game.rl.estimates import Estimates, round_like_python
from tests.rl.helpers import MINI

SCENARIOS = sorted(
    p.stem for p in (Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml")
)


def test_round_like_python_is_pythons_round() -> None:
    """The vectorised rounding gives Python's ``round`` exactly, halves included."""
    rng = np.random.default_rng(0)
    values = np.concatenate(
        [
            rng.uniform(-100, 100, 20_000),
            np.round(rng.uniform(-100, 100, 5_000), 3),  # many near-halves: x.xx5
            np.arange(-1000, 1000) / 20.0,  # exact halves at one decimal
            np.arange(-1000, 1000) / 200.0,  # exact halves at two decimals
            [0.15, 0.25, 0.35, 2.675, 1.005, -0.05, -0.04, 0.0, -0.0, 1e-12],
        ]
    )
    for digits in (1, 2):
        expected = np.array([round(float(x), digits) for x in values])
        got = round_like_python(values, digits)
        assert got.tolist() == expected.tolist()


@pytest.mark.parametrize("scenario", [MINI, *SCENARIOS])
def test_the_fast_path_holds_for_every_shipped_scenario(scenario: str) -> None:
    """The self-check passes for every viewer of every scenario: if the view's estimate
    rule changes, this fails (observations stay right, through visible_values, but slow)."""
    e = env(scenario=scenario)
    e.reset(seed=11)
    raw = e.unwrapped
    for agent in raw.possible_agents:
        raw.observe(agent)
    assert raw._observer.estimates.fast


def test_a_view_that_differs_turns_the_fast_path_off(monkeypatch: pytest.MonkeyPatch) -> None:
    e = env(scenario=MINI)
    e.reset(seed=2)
    game = e.unwrapped.game
    real = est.visible_values

    def shifted(game: Any, viewer: str, values: dict[str, float], month: int) -> dict[str, Any]:
        seen = real(game, viewer, values, month)
        return {
            k: {"low": x["low"] + 0.1, "high": x["high"] + 0.1} if isinstance(x, dict) else x
            for k, x in seen.items()
        }

    monkeypatch.setattr(est, "visible_values", shifted)
    table = Estimates(game.rules.keys)
    values = np.array([game.v[k] for k in game.rules.keys])
    shown = table.table(game, "alpha", values)
    assert table.fast is False
    assert shown == shifted(game, "alpha", game.v, game.month)  # the view's answer, as it is
