"""The learning example (examples/): its one-seat wrapper plays by the masks, pays finite rewards.

Skipped unless the optional ``rl-train`` extra (sb3-contrib) is installed, so the default
suite and CI do not depend on torch. Runs a few hundred steps only.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sb3_contrib")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
sys.path.insert(0, str(EXAMPLES))

from sixparty_gym import SingleSeatEnv  # noqa: E402

from game.bots import make_bot  # noqa: E402
from game.bots.runner import play_game  # noqa: E402


def test_wrapper_respects_masks_and_pays_the_score_change() -> None:
    """Random masked play for 300+ steps: no refusal, finite rewards summing to the score."""
    env = SingleSeatEnv("korea-2019", "dprk", "random")
    rng = np.random.default_rng(0)
    steps = games = 0
    while steps < 300:
        obs, info = env.reset(seed=games)
        start = env.match.game.scores()["dprk"]  # type: ignore[union-attr]
        assert env.observation_space.contains(obs)
        total, done = 0.0, False
        while not done:
            mask = env.action_masks()
            assert mask.dtype == bool and mask.shape == (env.action_space.n,) and mask[0]
            assert (mask == info["action_mask"]).all()
            action = int(rng.choice(np.flatnonzero(mask)))
            obs, reward, done, trunc, info = env.step(action)
            assert "refused" not in info and not trunc
            assert math.isfinite(reward) and obs.dtype == np.float32
            total += reward
            steps += 1
        assert total == pytest.approx(info["score"] - start)
        games += 1
    assert env.refusals == 0 and env.bot_faults == 0
    # A forbidden action is refused (played as a pass) and counted, not raised.
    env.reset(seed=1)
    forbidden = int(np.flatnonzero(~env.action_masks())[0])
    _, reward, _, _, info = env.step(forbidden)
    assert "not legal now" in info["refused"] and env.refusals == 1


def test_wrapper_plays_the_same_game_as_the_bot_runner() -> None:
    """Passing every turn in the wrapper equals a bot that keeps its policy in the runner."""
    import random

    env = SingleSeatEnv("korea-2019", "dprk", "dove")
    env.reset(seed=5)
    done = False
    while not done:
        _, _, done, _, info = env.step(0)
    g = random.Random(5).randrange(2**31)
    rules = env.rules

    class Still:
        name = "still"

        def negotiate(self, ctx: object) -> list[dict[str, object]]:
            return []

        def orders(self, ctx: object) -> dict[str, object]:
            return {"levers": {}}

    bots = {a: make_bot("dove", a, g) for a in rules.actor_ids}
    bots["dprk"] = Still()  # type: ignore[assignment]
    ran = play_game(rules, g, bots).game
    assert ran.scores() == env.match.game.scores()  # type: ignore[union-attr]
    assert info["score"] == ran.scores()["dprk"]


def test_maskable_ppo_learns_a_few_steps() -> None:
    """sb3-contrib's MaskablePPO runs on the wrapper (its env checker included)."""
    from sb3_contrib import MaskablePPO
    from stable_baselines3.common.env_checker import check_env

    env = SingleSeatEnv("korea-2019", "us", "random")
    check_env(env, warn=False)
    model = MaskablePPO("MlpPolicy", env, n_steps=64, batch_size=32, n_epochs=1, seed=0)
    model.learn(total_timesteps=128)
    obs, _ = env.reset(seed=3)
    action, _ = model.predict(obs, action_masks=env.action_masks(), deterministic=True)
    assert env.action_masks()[int(action)]
