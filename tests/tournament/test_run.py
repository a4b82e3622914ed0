"""Running tournaments: files, resume, crash and timeout isolation, dask, the CLI."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from game.bots import BOTS
from game.bots.base import Action, Bot, Context
from game.bots.random_bot import RandomBot
from game.cli import main
from game.errors import SixPartyError
from game.tournament import TournamentConfig, read_records, run_tournament
from game.tournament.executors import DaskExecutor, LocalExecutor

MINI = "tests/fixtures/mini.yaml"


class Dies(Bot):
    """Kills its whole process: the worst a bot can do."""

    name = "dies"

    def orders(self, ctx: Context) -> Action:
        os._exit(3)


class Sleeps(Bot):
    """Never answers."""

    name = "sleeps"

    def orders(self, ctx: Context) -> Action:
        time.sleep(60)
        return {}


def test_a_tournament_writes_games_csv_and_reports(tmp_path: Path) -> None:
    cfg = TournamentConfig(bots=["hawk", "dove", "random"], games=6, scenario=MINI, seed=1)
    records, stats = run_tournament(cfg, tmp_path, LocalExecutor(2))
    assert len(records) == 6 and all(r["status"] == "ok" for r in records)
    lines = (tmp_path / "games.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    for key in ("seed", "seating", "scores", "war", "agreements", "deadlines", "faults"):
        assert key in first
    assert len((tmp_path / "seats.csv").read_text().splitlines()) == 1 + 6 * 3
    md = (tmp_path / "report.md").read_text()
    assert "openskill" in md and "| hawk |" in md and "95% CI" in md
    assert "## Ladder steps: paired differences" in md and " − " in md  # each bot vs the next
    assert "data:image/png;base64," in (tmp_path / "report.html").read_text()
    # What the charts and tables hold is checked against replayed games in test_results.py.
    assert (tmp_path / "scores.png").read_bytes().startswith(b"\x89PNG")
    assert {s.seats for s in stats.values()} == {6}


def test_results_do_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    cfg = TournamentConfig(bots=["reciprocator", "random"], games=4, scenario=MINI, seed=9)
    one, _ = run_tournament(cfg, tmp_path / "one", LocalExecutor(1))
    two, _ = run_tournament(cfg, tmp_path / "two", LocalExecutor(2))
    key = {r["id"]: r["state_hash"] for r in one}
    assert key == {r["id"]: r["state_hash"] for r in two}


def test_crashes_and_timeouts_are_isolated_then_rerun_on_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(BOTS, "dies", Dies)
    monkeypatch.setitem(BOTS, "sleeps", Sleeps)
    cfg = TournamentConfig(bots=["dies", "sleeps", "random"], games=3, scenario=MINI, timeout=0.3)
    records, _ = run_tournament(cfg, tmp_path, LocalExecutor(2, timeout=0.3))
    # Orders come in actor order: whichever of the two misbehaving bots moves first decides.
    first = {
        r["id"]: next(
            b
            for a, b in sorted(r["seating"].items(), key=lambda kv: "abg".index(kv[0][0]))
            if b != "random"
        )
        for r in records
    }
    expected = {"dies": "crashed", "sleeps": "timeout"}
    assert {r["id"]: r["status"] for r in records} == {k: expected[b] for k, b in first.items()}
    # The bots get fixed; --resume plays the failed games again.
    monkeypatch.setitem(BOTS, "dies", RandomBot)
    monkeypatch.setitem(BOTS, "sleeps", RandomBot)
    records, stats = run_tournament(cfg, tmp_path, LocalExecutor(2, timeout=5), resume=True)
    latest = {r["id"]: r["status"] for r in read_records(tmp_path / "games.jsonl")}
    assert set(latest.values()) == {"ok"}
    assert sum(s.seats for s in stats.values()) == 9


def test_resume_continues_and_refuses_other_settings(tmp_path: Path) -> None:
    cfg = TournamentConfig(bots=["hawk", "random"], games=4, scenario=MINI, seed=2)
    run_tournament(cfg, tmp_path, LocalExecutor(1))
    path = tmp_path / "games.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:2]) + "\n" + lines[2][:15])  # killed mid-write
    calls: list[int] = []
    records, _ = run_tournament(
        cfg, tmp_path, LocalExecutor(1), resume=True, progress=lambda d, t, r: calls.append(d)
    )
    assert calls == [3, 4]
    assert len({r["id"] for r in records}) == 4
    with pytest.raises(SixPartyError, match="--resume"):
        run_tournament(cfg, tmp_path, LocalExecutor(1))
    other = TournamentConfig(bots=["dove", "random"], games=4, scenario=MINI, seed=2)
    with pytest.raises(SixPartyError, match="bots"):
        run_tournament(other, tmp_path, LocalExecutor(1), resume=True)


def test_dask_executor_on_a_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        cfg = TournamentConfig(bots=["hawk", "dove"], games=4, scenario=MINI, seed=5)
        records, stats = run_tournament(cfg, tmp_path, DaskExecutor(client))
    assert sorted(r["status"] for r in records) == ["ok"] * 4
    local, _ = run_tournament(cfg, tmp_path / "local", LocalExecutor(1))
    assert {r["id"]: r["state_hash"] for r in records} == {r["id"]: r["state_hash"] for r in local}


def test_cli_runs_a_tournament_and_rejects_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t"
    code = main(
        [
            "tournament",
            "--bots",
            "hawk,random",
            "--games",
            "2",
            "--scenario",
            MINI,
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    assert "report:" in capsys.readouterr().out
    assert (
        main(
            [
                "tournament",
                "--bots",
                "hawk,rnadom",
                "--games",
                "2",
                "--scenario",
                MINI,
                "--out",
                str(tmp_path / "x"),
                "--quiet",
            ]
        )
        == 2
    )
    assert "did you mean 'random'" in capsys.readouterr().err
    assert (
        main(
            [
                "tournament",
                "--mode",
                "candidate",
                "--candidate",
                "hawk",
                "--scenario",
                MINI,
                "--out",
                str(tmp_path / "y"),
                "--quiet",
            ]
        )
        == 2
    )
    assert "--baseline" in capsys.readouterr().err
