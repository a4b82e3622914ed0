"""PettingZoo's own checks pass, and warn about nothing but agent names.

PettingZoo's checks mostly *warn*: an observation that is not a NumPy array, or
observations of different shapes, pass with a warning. So each check runs with warnings
recorded, and the only one allowed is the advice to name agents ``player_0``: agents
are named by actor id (``us``, ``dprk``) on purpose.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from types import ModuleType

import pytest
from pettingzoo.test import (
    api_test,
    max_cycles_test,
    parallel_api_test,
    parallel_seed_test,
    seed_test,
)

from game.rl import env, parallel_env
from tests.rl.helpers import KOREA, MINI

NAMING = "We recommend agents to be named"


def _checked(run: Callable[[], None]) -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        run()
    problems = [
        str(w.message)
        for w in seen
        if NAMING not in str(w.message) and not issubclass(w.category, DeprecationWarning)
    ]
    assert problems == []


@pytest.mark.parametrize("scenario", [MINI, KOREA])
def test_aec_api(scenario: str) -> None:
    _checked(lambda: api_test(env(scenario=scenario), num_cycles=400))


@pytest.mark.parametrize("scenario", [MINI, KOREA])
def test_parallel_api(scenario: str) -> None:
    _checked(lambda: parallel_api_test(parallel_env(scenario=scenario), num_cycles=400))


def test_seed() -> None:
    _checked(lambda: seed_test(lambda: env(scenario=KOREA), num_cycles=200))


def test_parallel_seed() -> None:
    _checked(lambda: parallel_seed_test(lambda: parallel_env(scenario=KOREA), num_cycles=200))


def test_max_cycles() -> None:
    mod = ModuleType("sixparty_mini")
    mod.env = lambda max_cycles: env(scenario=MINI, max_cycles=max_cycles)  # type: ignore[attr-defined]
    mod.parallel_env = lambda max_cycles: parallel_env(scenario=MINI, max_cycles=max_cycles)  # type: ignore[attr-defined]
    sys.modules.setdefault(mod.__name__, mod)
    _checked(lambda: max_cycles_test(mod))


def test_a_warning_would_fail_the_check() -> None:
    """The recorder above does catch PettingZoo's warnings (else the checks prove little)."""

    def warns() -> None:
        from pettingzoo.test.api_test import test_observation

        test_observation({"observation": 1}, None, "sixparty")

    with pytest.raises(AssertionError):
        _checked(warns)
