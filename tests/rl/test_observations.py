"""Observations: NumPy arrays in their declared space, built only from what the agent may
know, equal to the vector derived from ``view_for`` on every state visited."""

from __future__ import annotations

import numpy as np
import pytest

from game.rl import env, parallel_env
from game.rl.observe import from_view
from tests.rl.helpers import KOREA, MINI, random_steps


@pytest.mark.parametrize("scenario", [MINI, KOREA])
def test_every_observation_is_a_float32_array_in_the_space(scenario: str) -> None:
    e = env(scenario=scenario)
    e.reset(seed=4)
    raw = e.unwrapped
    spaces = {a: e.observation_space(a) for a in raw.possible_agents}
    assert len({(s.shape, s.dtype) for s in spaces.values()}) == 1  # one size for all
    seen = 0
    for _ in range(3):
        for agent, obs, _ in random_steps(e, seed=seen):
            assert isinstance(obs, np.ndarray)
            assert obs.dtype == np.float32 and obs.shape == spaces[agent].shape
            assert spaces[agent].contains(obs), (agent, obs.min(), obs.max())
            assert not np.isnan(obs).any()
            seen += 1
        e.reset()
    assert seen > 50


def test_parallel_observations_are_in_the_space() -> None:
    p = parallel_env(scenario=KOREA)
    obs, infos = p.reset(seed=2)
    rng = np.random.default_rng(0)
    rounds = 0
    while p.agents:
        for a, o in obs.items():
            assert isinstance(o, np.ndarray) and p.observation_space(a).contains(o)
        actions = {a: int(rng.choice(np.flatnonzero(infos[a]["action_mask"]))) for a in p.agents}
        obs, _, _, _, infos = p.step(actions)
        rounds += 1
    assert rounds == 9 * 3  # nine months of two negotiation rounds and one orders round


@pytest.mark.parametrize(("scenario", "games"), [(MINI, 15), (KOREA, 8)])
def test_fast_observation_equals_the_one_derived_from_view_for(scenario: str, games: int) -> None:
    e = env(scenario=scenario)
    raw = e.unwrapped
    states = 0
    covered = {"awaiting": 0, "offers": 0, "agreements": 0, "intents": 0, "unsc": 0}
    allowed = {"unsc"} if scenario == MINI else set()  # the mini scenario has no Council
    for seed in range(games + 8):
        if seed >= games and all(n for name, n in covered.items() if name not in allowed):
            break  # at least `games` games, and more until every part was exercised
        e.reset(seed=seed)
        for agent, obs, _ in random_steps(e, seed=seed):
            game = raw.game
            frac = raw.match.round_frac
            for viewer in raw.possible_agents:  # every agent, not only the one to move
                fast = raw.observe(viewer) if viewer != agent else obs
                slow = from_view(raw.layout, game.view_for(viewer), frac)
                np.testing.assert_array_equal(fast, slow, err_msg=f"{viewer} seed {seed}")
                for name in covered:
                    part = raw.layout.section(slow, name)
                    template = raw.layout.section(raw.layout.template, name)
                    covered[name] += bool((part != template).any())
            states += 1
    assert states > 200
    # the states visited exercise every negotiation part of the vector
    missing = [name for name, n in covered.items() if n == 0]
    assert set(missing) <= allowed


def test_what_is_hidden_stays_hidden() -> None:
    """Beta's private reserves are -1 to others; a proposal between alpha and beta does
    not reach gamma's vector; beta's covert programme is unknown to those who did not
    detect it."""
    e = env(scenario=MINI)
    e.reset(seed=1)
    raw = e.unwrapped
    layout = raw.layout
    reserves = layout.key_index["reserves"]
    assert raw.observe("alpha")[reserves] == -1.0
    assert raw.observe("gamma")[reserves] == -1.0
    assert raw.observe("beta")[reserves] > 0.0
    # alpha proposes a summit to beta (a package): gamma sees nothing of it
    summit = next(
        i
        for i, m in enumerate(raw.menu.moves["alpha"])
        if m.kind == "package" and m.key == ("beta", "summit")
    )
    gamma_before = raw.observe("gamma")
    e.step(summit)
    gamma_after = raw.observe("gamma")
    np.testing.assert_array_equal(gamma_before, gamma_after)
    beta = raw.observe("beta")
    awaiting = layout.section(beta, "awaiting")
    assert awaiting[0] == 1.0  # present
    assert awaiting[1 + layout.actor_index["alpha"]] == 1.0  # from alpha
    assert awaiting[1 + layout.n + 1] == 1.0  # a summit
    offers = layout.section(beta, "offers")
    start = layout.actor_index["alpha"] * (6 + layout.d)
    assert list(offers[start : start + 6]) == [1.0, 1.0, 0.0, 0.0, 0.0, 1.0]  # open, this month


def test_the_option_in_force_and_revealed_orders() -> None:
    """An agent knows its own policy; others' levers only once revealed after resolution."""
    e = env(scenario=MINI, negotiation_rounds=0)
    e.reset(seed=1)
    raw = e.unwrapped
    layout = raw.layout
    known = layout.at["known"]
    aid_gamma = known + layout.pair_index["gamma", "aid"]
    food = next(i for i, m in enumerate(raw.menu.moves["gamma"]) if m.key == ("aid", "food"))
    assert raw.observe("alpha")[aid_gamma] == -1.0  # nothing revealed yet
    assert raw.observe("gamma")[aid_gamma] == 0.0  # its own: none (option 0 of 2)
    e.step(0)  # alpha keeps
    e.step(0)  # beta keeps
    e.step(food)  # gamma gives food aid; the month resolves
    assert raw.game.month == 2
    assert raw.observe("alpha")[aid_gamma] == 1.0  # food aid, now revealed
    assert raw.observe("gamma")[aid_gamma] == 1.0
