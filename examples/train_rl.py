"""Train a MaskablePPO agent for one Six-Party seat against built-in bots, within a time budget.

Needs the optional extra: ``pip install -e '.[rl-train]'`` (sb3-contrib, torch, matplotlib
for the curve). Example (the run reported in docs/rl.md)::

    python examples/train_rl.py --minutes 6 --role dprk --opponents random \\
        --games 200 --curve docs/rl-learning-curve.png

It trains until the budget runs out, then plays ``--games`` seeded games with the trained
policy (the action with the highest masked probability) and, on the same game seeds and
against the same opponents, each baseline bot in the same role through the bot runner;
it prints a table of final scores and writes the learning curve (the score of each
training game, a rolling mean, and the baselines' means).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sixparty_gym import SingleSeatEnv  # noqa: E402

from game.bots import make_bot  # noqa: E402
from game.bots.runner import play_game  # noqa: E402


def game_seed(seed: int) -> int:
    """The engine seed ``SingleSeatEnv.reset(seed=seed)`` plays."""
    import random

    return random.Random(seed).randrange(2**31)


def train(env: SingleSeatEnv, minutes: float, seed: int) -> tuple[Any, list[tuple[int, float]]]:
    """Train MaskablePPO until ``minutes`` have passed; return the model and the curve."""
    import torch
    from sb3_contrib import MaskablePPO
    from stable_baselines3.common.callbacks import BaseCallback

    torch.set_num_threads(1)
    curve: list[tuple[int, float]] = []  # (timestep, final score) of each training game

    class Budget(BaseCallback):
        def __init__(self) -> None:
            super().__init__()
            self.deadline = time.monotonic() + minutes * 60

        def _on_step(self) -> bool:
            for done, info in zip(self.locals["dones"], self.locals["infos"], strict=True):
                if done:
                    curve.append((self.num_timesteps, float(info["score"])))
            return time.monotonic() < self.deadline

    model = MaskablePPO(
        "MlpPolicy",
        env,
        n_steps=1024,
        batch_size=256,
        n_epochs=5,
        learning_rate=3e-4,
        gamma=1.0,
        ent_coef=0.01,
        policy_kwargs={"net_arch": [128, 128]},
        seed=seed,
        verbose=0,
    )
    model.learn(total_timesteps=10**9, callback=Budget())
    return model, curve


def evaluate_agent(model: Any, env: SingleSeatEnv, seeds: list[int]) -> list[float]:
    """Final scores of the trained policy (deterministic, masked) on ``seeds``."""
    scores = []
    for s in seeds:
        obs, info = env.reset(seed=s)
        done = False
        while not done:
            action, _ = model.predict(obs, action_masks=env.action_masks(), deterministic=True)
            obs, _, done, _, info = env.step(action)
        scores.append(float(info["score"]))
    return scores


def evaluate_bot(env: SingleSeatEnv, bot: str, seeds: list[int]) -> list[float]:
    """Final scores of built-in ``bot`` in the learner's role, same games and opponents."""
    rules, role = env.rules, env.role
    scores = []
    for s in seeds:
        g = game_seed(s)
        bots = {a: make_bot(bot if a == role else env.opponents, a, g) for a in rules.actor_ids}
        scores.append(play_game(rules, g, bots).game.scores()[role])
    return scores


def plot(
    curve: list[tuple[int, float]], baselines: dict[str, float], path: str, title: str
) -> None:
    """Write the learning curve PNG: training-game scores, rolling mean, baselines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = np.array([c[0] for c in curve])
    scores = np.array([c[1] for c in curve])
    window = max(1, min(200, len(scores) // 10))
    rolling = np.convolve(scores, np.ones(window) / window, mode="valid")
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.plot(steps, scores, ".", alpha=0.08, color="tab:blue", label="training game")
    ax.plot(steps[window - 1 :], rolling, color="tab:blue", label=f"rolling mean ({window})")
    colors = ["tab:red", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:gray"]
    for (name, mean), color in zip(baselines.items(), colors, strict=False):
        ax.axhline(mean, linestyle="--", color=color, label=f"{name} bot (eval mean)")
    ax.set_xlabel("learner steps (one per round, 27 per game)")
    ax.set_ylabel("final score (0..100)")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, train, evaluate, print the table, write the curve."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", default="korea-2019")
    p.add_argument("--role", default="dprk")
    p.add_argument("--opponents", default="random", help="built-in bot for the other seats")
    p.add_argument("--minutes", type=float, default=6.0, help="training budget (default 6)")
    p.add_argument("--games", type=int, default=200, help="evaluation games")
    p.add_argument("--baselines", default="random,hawk,reciprocator,dove,historical")
    p.add_argument("--curve", default="rl-learning-curve.png")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    if not 0 < a.minutes <= 60:
        p.error("--minutes must be in (0, 60]")
    try:
        import sb3_contrib  # noqa: F401
    except ImportError:
        p.error("needs the optional extra: pip install -e '.[rl-train]'")
    try:
        env = SingleSeatEnv(a.scenario, a.role, a.opponents)
    except (ValueError, OSError) as exc:
        p.error(str(exc))
    start = time.monotonic()
    model, curve = train(env, a.minutes, a.seed)
    trained = time.monotonic() - start
    steps = curve[-1][0] if curve else 0
    print(f"trained {trained / 60:.1f} min: {steps} steps, {len(curve)} games")
    seeds = list(range(10_000, 10_000 + a.games))  # not the training seeds' stream
    rows = {"MaskablePPO (trained)": evaluate_agent(model, env, seeds)}
    print(f"mask refusals during evaluation: {env.refusals}")
    for bot in a.baselines.split(","):
        rows[f"{bot} bot"] = evaluate_bot(env, bot, seeds)
    agent = rows["MaskablePPO (trained)"]
    print(
        f"\n{a.scenario}, role {a.role}, other seats: {a.opponents} bots; "
        f"{a.games} games, seeds {seeds[0]}..{seeds[-1]}\n"
    )
    print(
        "| player in the role | mean final score | std | agent wins / ties / losses (same game) |"
    )
    print("|---|---|---|---|")
    for name, sc in rows.items():
        wins = sum(x > y for x, y in zip(agent, sc, strict=True))
        ties = sum(x == y for x, y in zip(agent, sc, strict=True))
        cmp = "—" if sc is agent else f"{wins} / {ties} / {len(sc) - wins - ties}"
        print(f"| {name} | {statistics.mean(sc):.1f} | {statistics.pstdev(sc):.1f} | {cmp} |")
    baselines = {
        n.removesuffix(" bot"): statistics.mean(s) for n, s in rows.items() if s is not agent
    }
    title = f"MaskablePPO as {a.role} ({a.scenario}) vs {a.opponents} bots, {a.minutes:g} min of training"
    plot(curve, baselines, a.curve, title)
    print(f"\nlearning curve: {a.curve}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
