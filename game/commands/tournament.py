"""``sixparty tournament``: AI-vs-AI games with role rotation, in parallel, with a report."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.errors import SixPartyError
from game.tournament.schedule import MODES

if TYPE_CHECKING:
    from game.tournament.executors import Executor
    from game.tournament.run import TournamentConfig
    from game.tournament.stats import BotStats


def register(sub: Any) -> None:
    """Add the ``tournament`` subcommand."""
    p = sub.add_parser(
        "tournament",
        help="play AI-vs-AI games with role rotation and write a statistical report",
        description=(
            "Play bots against each other on a scenario, every bot in every role with paired "
            "seeds, in parallel. Writes games.jsonl, seats.csv, report.md, report.html and "
            "charts to --out. See docs/tournaments.md."
        ),
    )
    p.add_argument("--bots", default="", help="comma-separated bot names, e.g. planner,hawk,dove")
    p.add_argument(
        "--games",
        type=int,
        default=100,
        help="games to play, rounded up to whole blocks (default 100)",
    )
    p.add_argument(
        "--scenario", default="korea-2019", help="scenario name or path (default korea-2019)"
    )
    p.add_argument("--seed", type=int, default=0, help="tournament seed (default 0)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="output folder, created if missing (default tournament-SCENARIO-seedS)",
    )
    p.add_argument("--mode", choices=MODES, default="rotation", help="seatings (default rotation)")
    p.add_argument("--candidate", help="candidate mode: the bot under test")
    p.add_argument("--baseline", help="candidate mode: the bot filling the other roles")
    p.add_argument("--resume", action="store_true", help="continue the tournament in --out")
    p.add_argument(
        "--timeout", type=float, default=None, help="seconds per game before it is stopped"
    )
    p.add_argument(
        "--budget", type=float, default=None, help="seconds per bot decision (faults beyond)"
    )
    p.add_argument("--dask", metavar="ADDRESS", help="run on a dask.distributed scheduler")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _positive(name: str, value: float | None) -> None:
    if value is not None and (not math.isfinite(value) or value <= 0):
        raise SixPartyError(f"--{name} must be a positive number of seconds")


def check(cfg: TournamentConfig, out: Path, resume: bool) -> None:
    """Refuse a tournament that cannot run before anything is made: the scenario, the
    bots and the number of games (through :func:`~game.tournament.run.plan`) and the
    output folder. No folder is created and no progress bar shown for a bad one."""
    from game.tournament.run import CONFIG_FILE, GAMES_FILE, plan

    plan(cfg)
    for folder in (out, *out.parents):
        if folder.exists():
            if not folder.is_dir():
                what = "--out" if folder == out else f"--out {out}:"
                raise SixPartyError(f"{what} {folder} is a file, not a folder for the report")
            break
    if not resume and any((out / name).exists() for name in (CONFIG_FILE, GAMES_FILE)):
        raise SixPartyError(
            f"{out} already holds a tournament; use --resume to continue it, or another --out"
        )


def run(args: argparse.Namespace) -> int:
    """Run the tournament and print the summary table."""
    from game.tournament.executors import DaskExecutor, LocalExecutor
    from game.tournament.run import TournamentConfig, run_tournament

    bots = [b.strip() for b in args.bots.split(",") if b.strip()]
    if args.mode != "candidate" and not bots:
        raise SixPartyError("--bots: give at least one bot, e.g. --bots planner,hawk,dove,random")
    if args.mode == "candidate" and not (args.candidate and args.baseline):
        raise SixPartyError("--mode candidate needs --candidate BOT and --baseline BOT")
    if args.jobs < 1:
        raise SixPartyError("--jobs must be at least 1")
    _positive("timeout", args.timeout)
    _positive("budget", args.budget)
    cfg = TournamentConfig(
        bots=bots,
        games=args.games,
        scenario=args.scenario,
        seed=args.seed,
        mode=args.mode,
        candidate=args.candidate,
        baseline=args.baseline,
        budget=args.budget,
        timeout=args.timeout,
    )
    out = args.out or f"tournament-{Path(args.scenario).stem}-seed{args.seed}"
    check(cfg, Path(out), args.resume)
    executor: Executor
    dask = None
    if args.dask:
        executor = dask = DaskExecutor(args.dask, args.timeout)
    else:
        executor = LocalExecutor(args.jobs, args.timeout)
    try:
        if args.quiet:
            records, stats = run_tournament(cfg, out, executor, resume=args.resume)
        else:
            records, stats = _with_progress(cfg, out, executor, args.resume)
    finally:
        if dask is not None:
            dask.close()
    print_tables(stats, records)
    print(f"report: {out}/report.md, {out}/report.html")
    return 0


def print_tables(stats: dict[str, BotStats], records: list[dict[str, Any]]) -> None:
    """The summary on the terminal: bots with the headline (within-role) interval and
    the plain one beside it, the ladder steps (paired differences), and the exploit
    table when probes played."""
    from game.tournament.report import exploit_gains
    from game.tournament.stats import paired_difference

    print(
        f"{'bot':26s} {'seats':>6s} {'mean':>7s} {'95% CI within roles':>19s} "
        f"{'plain 95% CI':>17s} {'win':>6s}"
    )
    print(f"{'':26s} {'':6s} {'':7s} {'(headline)':>19s}")
    ranked = sorted(stats.items(), key=lambda kv: -kv[1].score.mean)
    for b, s in ranked:
        w = s.within_roles
        within = "" if w is None else f"[{w.low:6.2f}, {w.high:6.2f}]"
        print(
            f"{b:26s} {s.seats:6d} {s.score.mean:7.2f} {within:>19s} "
            f"[{s.score.low:6.2f}, {s.score.high:6.2f}] {100 * s.win_rate:5.1f}%"
        )
    if len(ranked) > 1:
        print("\nladder steps (paired by block)   mean diff      95% CI   excludes 0")
        for (a, _), (b, _) in zip(ranked, ranked[1:], strict=False):
            d = paired_difference(records, a, b)
            label = f"{a} − {b}"
            if d.n < 2:  # no block where both sat in the same roles (candidate mode)
                print(f"{label:32s} {'–':>9s} (no paired blocks)")
                continue
            sep = "yes" if d.low > 0 or d.high < 0 else "no"
            print(f"{label:32s} {d.mean:+9.2f} [{d.low:6.2f}, {d.high:6.2f}]   {sep}")
    rows = exploit_gains(records)
    if rows:
        print("\nexploit gain over par (par scale, par = 50)")
        print(f"{'probe':26s} {'role':8s} {'games':>5s} {'mean':>6s} {'over par':>9s} "
              f"{'seat':>6s} {'over seat':>9s}   95% CI (paired by block)")  # fmt: skip
        for r in rows:
            ci = "" if math.isnan(r["low"]) else f"   [{r['low']:+.1f}, {r['high']:+.1f}]"
            print(
                f"{r['probe']:26s} {r['role']:8s} {r['games']:5d} {r['mean']:6.1f} "
                f"{r['gain']:+9.1f} {r['seat']:6.1f} {r['over_seat']:+9.1f}{ci}"
            )


def _with_progress(cfg: TournamentConfig, out: str, executor: Executor, resume: bool) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from game.tournament.run import run_tournament

    failed = 0
    with Progress(
        TextColumn("[bold]tournament"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task("games", total=None, note="")

        def progress(done: int, total: int, rec: dict[str, Any]) -> None:
            nonlocal failed
            if rec["status"] != "ok":
                failed += 1
            note = f"[red]{failed} failed" if failed else ""
            bar.update(task, completed=done, total=total, note=note)

        return run_tournament(cfg, out, executor, resume=resume, progress=progress)
