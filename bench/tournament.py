"""Tournament throughput: games per second with the persona bots, on one and two workers,
and the planner's decision times.

Targets: 1,000 persona games in under 30 s on two cores, and at least 1.7x from one
worker to two; a planner decision (one ``negotiate`` or ``orders`` call) at most 150 ms
at the median and 1 s at the 99th percentile, in CPU time (``time.process_time``, which
other work on the machine does not inflate); a 600-game ladder with the planner
(planner, hawk, dove, reciprocator, random) in under 30 minutes on two workers.

    .venv/bin/python bench/tournament.py [--games 1000] [--scenario korea-2019]
        [--decision-games 3] [--ladder-games 10]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import statistics
import time
from pathlib import Path

from game.cli import positive_int, run_reporting_errors
from game.tournament.executors import LocalExecutor
from game.tournament.run import TournamentConfig, _warm_up, plan


def measure(cfg: TournamentConfig, jobs: int) -> tuple[float, int]:
    """Seconds to play every game of ``cfg`` on ``jobs`` workers, and failures."""
    specs = plan(cfg)
    failed = 0

    def on_result(rec: dict) -> None:
        nonlocal failed
        failed += rec["status"] != "ok"

    start = time.perf_counter()
    LocalExecutor(jobs).run(specs, on_result)
    return time.perf_counter() - start, failed


def _spin(n: int) -> int:
    """Pure-Python busy work, the same for every process."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_ceiling(n: int = 5_000_000) -> float:
    """The speed-up this machine gives right now to two CPU-bound processes over one
    (about 2.0 on two idle cores; less when other work shares them)."""
    start = time.perf_counter()
    _spin(n)
    _spin(n)
    one = time.perf_counter() - start
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    start = time.perf_counter()
    with ctx.Pool(2) as pool:
        pool.map(_spin, [n, n])
    return one / (time.perf_counter() - start)


LADDER = ["planner", "hawk", "dove", "reciprocator", "random"]


def decision_times(scenario: str, games: int) -> list[float]:
    """CPU seconds of every planner decision in ``games`` games, the planner in every
    other seat (alternating per game) and the built-in bots in the rest."""
    from game.bots import make_bot
    from game.bots.base import Bot, Context
    from game.bots.runner import play_game
    from game.tournament.play import rules_for

    rules = rules_for(scenario)
    times: list[float] = []

    class Timed(Bot):
        """Times the wrapped planner's decisions."""

        def __init__(self, inner: Bot) -> None:
            super().__init__(inner.actor, inner.seed)
            self.inner = inner
            self.name = inner.name

        def negotiate(self, ctx: Context) -> list[dict]:
            start = time.process_time()
            out = self.inner.negotiate(ctx)
            times.append(time.process_time() - start)
            return out

        def orders(self, ctx: Context) -> dict:
            start = time.process_time()
            out = self.inner.orders(ctx)
            times.append(time.process_time() - start)
            return out

    others = LADDER[1:]
    for g in range(games):
        bots: dict[str, Bot] = {}
        for i, actor in enumerate(rules.actor_ids):
            if i % 2 == g % 2:
                bots[actor] = Timed(make_bot("planner", actor, g + i))
            else:
                bots[actor] = make_bot(others[(g + i) % len(others)], actor, g + i)
        play_game(rules, 1000 + g, bots)
    return times


def ladder_cpu(scenario: str, games: int) -> float:
    """CPU seconds per game of the ladder's rotation (one process, no workers)."""
    from game.tournament.play import play_spec

    cfg = TournamentConfig(bots=LADDER, games=games, scenario=scenario, seed=7)
    specs = plan(cfg)
    start = time.process_time()
    for spec in specs:
        play_spec(spec)
    return (time.process_time() - start) / len(specs)


def percentile(xs: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``xs``, nearest rank."""
    ys = sorted(xs)
    return ys[min(len(ys) - 1, max(0, math.ceil(q * len(ys)) - 1))]


def main() -> None:
    """Print games per second on one worker and on two."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--games",
        type=positive_int,
        default=1000,
        help="games per run, rounded up to whole blocks (1000)",
    )
    ap.add_argument("--scenario", default="korea-2019", help="scenario name or path (korea-2019)")
    ap.add_argument(
        "--bots",
        default="hawk,dove,reciprocator",
        help="comma-separated bot names (hawk,dove,reciprocator)",
    )
    ap.add_argument(
        "--decision-games",
        type=int,
        default=3,
        help="games in which planner decisions are timed (3; 0 skips)",
    )
    ap.add_argument(
        "--ladder-games",
        type=int,
        default=10,
        help="ladder games timed to estimate a 600-game ladder (10; 0 skips)",
    )
    args = ap.parse_args()
    cfg = TournamentConfig(bots=args.bots.split(","), games=args.games, scenario=args.scenario)
    _warm_up(cfg)  # the scenario profile is measured once, before the workers fork
    if args.decision_games > 0:
        times = decision_times(args.scenario, args.decision_games)
        med, p99 = statistics.median(times), percentile(times, 0.99)
        print(
            f"planner decisions: {len(times)} in {args.decision_games} games, CPU time: "
            f"median {1000 * med:.0f} ms (target <= 150), p99 {1000 * p99:.0f} ms "
            f"(target <= 1000), max {1000 * max(times):.0f} ms"
        )
    if args.ladder_games > 0:
        per_game = ladder_cpu(args.scenario, args.ladder_games)
        print(
            f"ladder ({','.join(LADDER)}): {per_game:.2f} CPU s a game; 600 games on 2 "
            f"idle workers: {600 * per_game / 2 / 60:.1f} min (target < 30)"
        )
    results = {}
    for jobs in (1, 2):
        seconds, failed = measure(cfg, jobs)
        results[jobs] = seconds
        n = len(plan(cfg))
        print(
            f"{jobs} worker{'s' if jobs > 1 else ' '}: {n} games in {seconds:6.2f} s "
            f"= {n / seconds:7.1f} games/s  (failed: {failed})"
        )
    print(f"speed-up 1 -> 2 workers: {results[1] / results[2]:.2f}x (target >= 1.7x)")
    print(f"machine ceiling now (two busy-loop processes vs one): {machine_ceiling():.2f}x")
    print(f"1,000 games on 2 workers: {1000 * results[2] / len(plan(cfg)):.1f} s (target < 30 s)")


if __name__ == "__main__":
    raise SystemExit(run_reporting_errors(f"bench/{Path(__file__).name}", main))
