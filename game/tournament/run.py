"""Running a tournament: schedule the games, play them on an executor, append each
record to ``games.jsonl`` as it finishes, then write the report.

``--resume`` reads ``config.json`` and ``games.jsonl`` from the output folder, checks the
configuration is the same, and plays only games not yet finished (failed, timed-out and
crashed games are played again; the newest record of a game wins).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from game.bots import BOTS
from game.errors import SixPartyError
from game.scenario.loader import load_scenario, suggest
from game.tournament.executors import Executor, LocalExecutor
from game.tournament.report import write_report
from game.tournament.schedule import schedule
from game.tournament.stats import BotStats

GAMES_FILE = "games.jsonl"
CONFIG_FILE = "config.json"


@dataclass
class TournamentConfig:
    """What defines a tournament (saved as ``config.json``; must match to resume)."""

    bots: list[str]
    games: int
    scenario: str = "korea-2019"
    seed: int = 0
    mode: str = "rotation"
    candidate: str | None = None
    baseline: str | None = None
    budget: float | None = None
    timeout: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def key(self) -> dict[str, Any]:
        """The fields that decide which games are played (timeouts may change on resume)."""
        d = asdict(self)
        for k in ("timeout", "extra"):
            d.pop(k)
        return d


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """Records from a ``games.jsonl``; a torn last line (a kill mid-write) is skipped."""
    path = Path(path)
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(rec, dict) and "id" in rec and "status" in rec:
            out.append(rec)
    return out


def _check_bots(cfg: TournamentConfig) -> None:
    names = list(cfg.bots)
    if cfg.mode == "candidate":
        names = [n for n in (cfg.candidate, cfg.baseline) if n]
    for name in names:
        if name not in BOTS:
            raise SixPartyError(
                f"unknown bot '{name}'{suggest(name, list(BOTS))}; known bots: {', '.join(sorted(BOTS))}"
            )


def plan(cfg: TournamentConfig) -> list[dict[str, Any]]:
    """The full list of game specs of a tournament."""
    _check_bots(cfg)
    rules = load_scenario(cfg.scenario)
    specs = schedule(
        cfg.bots, rules.actor_ids, cfg.games, cfg.seed, cfg.mode, cfg.candidate, cfg.baseline
    )
    for s in specs:
        s["scenario"] = cfg.scenario
        s["budget"] = cfg.budget
        s["timeout"] = cfg.timeout
    return specs


def _warm_up(cfg: TournamentConfig) -> None:
    """Measure the scenario once before workers fork, so they share the profile."""
    from game.bots.analysis import profile_of
    from game.tournament.play import rules_for

    profile_of(rules_for(cfg.scenario))


def run_tournament(
    cfg: TournamentConfig,
    out: str | Path,
    executor: Executor | None = None,
    resume: bool = False,
    progress: Callable[[int, int, dict[str, Any]], None] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, BotStats]]:
    """Play (or finish) a tournament into ``out``; return all records and the stats.

    ``progress(done, total, record)`` is called after each game.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cfg_path, games_path = out / CONFIG_FILE, out / GAMES_FILE
    if cfg_path.exists() or games_path.exists():
        if not resume:
            raise SixPartyError(
                f"{out} already holds a tournament; use --resume to continue it, or another --out"
            )
        if cfg_path.exists():
            try:
                saved = json.loads(cfg_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise SixPartyError(f"{cfg_path}: unreadable ({exc})") from None
            mine = cfg.key()
            diff = [k for k in mine if saved.get(k) != mine[k]]
            if diff:
                raise SixPartyError(
                    f"--resume: {cfg_path} was made with different settings ({', '.join(diff)}: "
                    + ", ".join(f"{saved.get(k)!r} vs {mine[k]!r}" for k in diff)
                    + ")"
                )
    specs = plan(cfg)
    cfg_path.write_text(json.dumps(asdict(cfg), indent=1) + "\n", encoding="utf-8")
    records = read_records(games_path)
    done = {r["id"] for r in records if r["status"] == "ok"}
    todo = [s for s in specs if s["id"] not in done]
    total = len(specs)
    count = total - len(todo)
    _warm_up(cfg)
    executor = executor or LocalExecutor(1, cfg.timeout)
    with games_path.open("a", encoding="utf-8") as fh:

        def on_result(rec: dict[str, Any]) -> None:
            nonlocal count
            fh.write(json.dumps(rec, sort_keys=True) + "\n")
            fh.flush()
            records.append(rec)
            count += 1
            if progress is not None:
                progress(count, total, rec)

        executor.run(todo, on_result)
    wanted = {s["id"] for s in specs}
    records = [r for r in records if r["id"] in wanted]
    stats = write_report(out, asdict(cfg), records)
    return records, stats
