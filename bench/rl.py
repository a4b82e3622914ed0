"""RL environment throughput beside PettingZoo's own ``connect_four_v3``, in one run.

    python bench/rl.py [--steps N] [--repeats R] [--scenario korea-2019]

Both environments are played the same way, on one core (the process is pinned to one
CPU where the system allows it): the AEC loop of PettingZoo's documentation, with a
uniformly random *legal* action each step (``action_space(agent).sample(mask)``: the
mask from ``infos`` for Six-Party, negotiation included, from the observation for
connect four), a reset after each game. The runs alternate (connect four, Six-Party,
connect four, ...) and the best of ``--repeats`` is reported for each, so that both see
the same machine. Rates are given per wall-clock second and per CPU second of this
process: on a machine shared with other work the wall-clock rate drops with the share
of the core the process gets, the CPU-time rate much less. Also printed: the Parallel
environment's agent-steps per second and how many games a run played.

Targets (issue 21): at least 5,000 AEC steps/s, and at least 0.4x connect four's rate.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pettingzoo.classic import connect_four_v3

from game.cli import positive_int, run_reporting_errors
from game.rl import env as sixparty_env
from game.rl import parallel_env as sixparty_parallel
from game.tournament.play import rules_for


def _mask(obs: Any, info: dict[str, Any]) -> Any:
    if isinstance(obs, dict) and "action_mask" in obs:
        return obs["action_mask"]
    return info["action_mask"]


def aec_rate(make: Callable[[], Any], steps: int, seed: int) -> tuple[float, float, int]:
    """AEC steps per wall-clock second and per CPU second over at least ``steps`` steps,
    and how many games ended."""
    e = make()
    e.reset(seed=seed)
    for agent in e.possible_agents:
        e.action_space(agent).seed(seed)
    done = games = 0
    start, cpu = time.perf_counter(), time.process_time()
    while done < steps:
        for agent in e.agent_iter():
            obs, _, term, trunc, info = e.last()
            action = None if term or trunc else e.action_space(agent).sample(_mask(obs, info))
            e.step(action)
            done += 1
        games += 1
        e.reset()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return done / wall, done / cpu, games


def parallel_rate(scenario: str, steps: int, seed: int) -> float:
    """Agent-steps per second of the Parallel environment (random legal actions)."""
    p = sixparty_parallel(scenario=scenario)
    _, infos = p.reset(seed=seed)
    for agent in p.possible_agents:
        p.action_space(agent).seed(seed)
    done = 0
    start = time.perf_counter()
    while done < steps:
        actions = {a: p.action_space(a).sample(infos[a]["action_mask"]) for a in p.agents}
        _, _, _, _, infos = p.step(actions)
        done += len(actions)
        if not p.agents:
            _, infos = p.reset()
    return done / (time.perf_counter() - start)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--steps", type=positive_int, default=20_000, help="AEC steps per run (20000)"
    )
    parser.add_argument(
        "--repeats", type=positive_int, default=3, help="alternating runs of each (3)"
    )
    parser.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (korea-2019)"
    )
    args = parser.parse_args()
    rules_for(args.scenario)  # a bad scenario: one line (run_reporting_errors), no run
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"

    def ours() -> Any:
        return sixparty_env(scenario=args.scenario)

    warm = min(2000, args.steps)
    aec_rate(connect_four_v3.env, warm, 0)  # warm-up: imports, caches
    aec_rate(ours, warm, 0)
    c4: list[tuple[float, float]] = []
    sp: list[tuple[float, float]] = []
    games = 0
    for r in range(args.repeats):
        c4.append(aec_rate(connect_four_v3.env, args.steps, r)[:2])
        wall, cpu, games = aec_rate(ours, args.steps, r)
        sp.append((wall, cpu))
    par = parallel_rate(args.scenario, args.steps, 0)
    print(f"cores used: {cores}; {args.repeats} alternating runs of {args.steps} AEC steps each")
    print(f"six-party {args.scenario}: {games} games per run, negotiation included")
    print("                                wall-clock   CPU time  (best of the runs)")
    for label, runs in (("connect_four_v3 AEC steps/s", c4), ("sixparty AEC steps/s", sp)):
        wall, cpu = max(w for w, _ in runs), max(c for _, c in runs)
        print(f"{label:30s}: {wall:9.0f}  {cpu:9.0f}   (wall runs: {_runs(runs)})")
    ratio_wall = max(w for w, _ in sp) / max(w for w, _ in c4)
    ratio_cpu = max(c for _, c in sp) / max(c for _, c in c4)
    print(f"{'ratio sixparty / connect four':30s}: {ratio_wall:8.2f}x  {ratio_cpu:8.2f}x")
    print("targets: sixparty >= 5000 steps/s on one core, ratio >= 0.4x")
    print(f"sixparty Parallel agent-steps/s (wall-clock): {par:8.0f}")


def _runs(rates: list[tuple[float, float]]) -> str:
    return ", ".join(f"{w:.0f}" for w, _ in rates)


if __name__ == "__main__":
    raise SystemExit(run_reporting_errors(f"bench/{Path(__file__).name}", main))
