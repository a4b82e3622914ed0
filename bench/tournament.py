"""Tournament throughput: games per second with the persona bots, on one and two workers.

Target: 1,000 persona games in under 30 s on two cores, and at least 1.7x from one
worker to two.

    .venv/bin/python bench/tournament.py [--games 1000] [--scenario korea-2019]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
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
    args = ap.parse_args()
    cfg = TournamentConfig(bots=args.bots.split(","), games=args.games, scenario=args.scenario)
    _warm_up(cfg)  # the scenario profile is measured once, before the workers fork
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
