"""Shared helpers of the RL tests: scenario paths and a random legal player."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

MINI = str(Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml")
KOREA = "korea-2019"


def random_steps(
    e: Any, seed: int, limit: int = 100_000
) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """Play ``e`` (an AEC env, already reset) with uniformly random legal actions; yield
    ``(agent, observation, info)`` before each live step."""
    rng = np.random.default_rng(seed)
    for agent in e.agent_iter(limit):
        obs, _, term, trunc, info = e.last()
        if term or trunc:
            e.step(None)
            continue
        yield agent, obs, info
        e.step(int(rng.choice(np.flatnonzero(info["action_mask"]))))
