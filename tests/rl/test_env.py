"""The PettingZoo adapter passes PettingZoo's own API, parallel API and seed tests."""

from __future__ import annotations

import numpy as np
import pytest
from pettingzoo.test import api_test, parallel_api_test, seed_test

from game.rl import env, parallel_env

MINI = "tests/fixtures/mini.yaml"


def test_aec_api() -> None:
    api_test(env(scenario=MINI), num_cycles=60)


def test_parallel_api() -> None:
    parallel_api_test(parallel_env(scenario=MINI), num_cycles=60)


def test_seed() -> None:
    seed_test(lambda: env(scenario=MINI), num_cycles=30)


def test_action_zero_is_always_a_legal_noop() -> None:
    e = env(scenario=MINI)
    e.reset(seed=3)
    rng = np.random.default_rng(0)
    for _agent in e.agent_iter(200):
        obs, _, term, trunc, _ = e.last()
        assert obs["action_mask"][0] == 1
        if term or trunc:
            e.step(None)
            continue
        legal = np.flatnonzero(obs["action_mask"])
        e.step(int(rng.choice(legal)))


def test_rewards_add_up_to_the_score_change() -> None:
    e = env(scenario=MINI)
    e.reset(seed=5)
    raw = e.unwrapped
    start = raw.game.scores()
    total = {a: 0.0 for a in raw.possible_agents}
    for agent in e.agent_iter(200):
        _, reward, term, trunc, _ = e.last()
        total[agent] += reward
        e.step(None if term or trunc else 0)
    final = raw.game.outcome()["scores"]
    for a in total:
        assert total[a] == pytest.approx(final[a] - start[a], abs=1e-6)


def test_setting_a_lever_changes_the_policy() -> None:
    e = env(scenario=MINI)
    e.reset(seed=1)
    raw = e.unwrapped
    agent = e.agent_selection
    idx = next(
        i
        for i in range(e.action_space(agent).n)
        if raw.action_meaning(agent, i)[0] == "lever" and e.observe(agent)["action_mask"][i]
    )
    _, lever, option = raw.action_meaning(agent, idx)
    e.step(idx)
    for _ in raw.possible_agents[1:]:
        e.step(0)
    assert raw.game.policy[agent][lever] == option
