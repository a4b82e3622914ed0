"""Rewards, episode ends and determinism by seed, negotiation included."""

from __future__ import annotations

import numpy as np
import pytest

from game import Game
from game.rl import env, parallel_env
from tests.rl.helpers import KOREA, MINI, random_steps


@pytest.mark.parametrize("seed", [0, 5])
def test_rewards_come_at_month_ends_and_add_up_to_the_score_change(seed: int) -> None:
    e = env(scenario=KOREA)
    e.reset(seed=seed)
    raw = e.unwrapped
    start = raw.game.scores()
    total = dict.fromkeys(raw.possible_agents, 0.0)
    rng = np.random.default_rng(seed)
    nonzero_outside_orders = 0
    for agent in e.agent_iter():
        _, reward, term, trunc, info = e.last()
        total[agent] += reward
        if reward != 0 and info["phase"] == "negotiation" and raw.match.round != 0:
            nonzero_outside_orders += 1
        if term or trunc:
            e.step(None)
            continue
        e.step(int(rng.choice(np.flatnonzero(info["action_mask"]))))
    final = raw.game.outcome()["scores"]
    assert raw.game.over
    for a in total:
        assert total[a] == pytest.approx(final[a] - start[a], abs=1e-6)
    assert any(abs(total[a]) > 0.5 for a in total)  # the scores did move
    assert nonzero_outside_orders == 0  # rewards arrive when a month is resolved


def test_parallel_rewards_add_up_too() -> None:
    p = parallel_env(scenario=KOREA)
    obs, infos = p.reset(seed=9)
    start = p.game.scores()
    total = dict.fromkeys(p.possible_agents, 0.0)
    rng = np.random.default_rng(1)
    while p.agents:
        actions = {a: int(rng.choice(np.flatnonzero(infos[a]["action_mask"]))) for a in p.agents}
        obs, rewards, terms, truncs, infos = p.step(actions)
        for a, r in rewards.items():
            total[a] += r
    final = p.game.outcome()["scores"]
    for a in total:
        assert total[a] == pytest.approx(final[a] - start[a], abs=1e-6)


def _trace(seed: int, action_seed: int) -> tuple[list[bytes], str]:
    e = env(scenario=KOREA)
    e.reset(seed=seed)
    obs = [o.tobytes() for _, o, _ in random_steps(e, seed=action_seed)]
    return obs, e.unwrapped.game.state_hash()


def test_same_seed_same_game_negotiation_included() -> None:
    first, second = _trace(7, 3), _trace(7, 3)
    assert first == second
    other = _trace(8, 3)
    assert other[1] != first[1]  # another seed: another game


def test_the_log_replays_to_the_same_hash() -> None:
    """What the environment sent the engine is an ordinary game log."""
    e = env(scenario=KOREA)
    e.reset(seed=2)
    for _ in random_steps(e, seed=2):
        pass
    game = e.unwrapped.game
    assert any(a["type"] == "propose" for a in game.log)
    assert Game.replay(game.rules, game.seed, game.log).state_hash() == game.state_hash()


def test_max_cycles_truncates_after_that_many_rounds() -> None:
    e = env(scenario=MINI, max_cycles=4)
    e.reset(seed=1)
    steps = 0
    for _agent in e.agent_iter():
        _, _, term, trunc, _ = e.last()
        if term or trunc:
            assert trunc and not term
            e.step(None)
            continue
        steps += 1
        e.step(0)
    assert steps == 4 * 3


def test_negotiation_rounds_can_be_switched_off() -> None:
    e = env(scenario=MINI, negotiation_rounds=0)
    e.reset(seed=1)
    raw = e.unwrapped
    assert raw.game.phase == "orders"
    for _, _, info in random_steps(e, seed=1):
        assert info["phase"] == "orders"
    assert raw.game.over


def test_bad_settings_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="negotiation_rounds"):
        env(scenario=MINI, negotiation_rounds=-1)
    with pytest.raises(ValueError, match="max_cycles"):
        parallel_env(scenario=MINI, max_cycles=0)
    with pytest.raises(ValueError, match="render_mode"):
        env(scenario=MINI, render_mode="rgb")
