"""Every count behind the tournament report, on records made by hand so each figure is
known: seats, wins, deals, wars, deadlines, faults, status counts, paired blocks, and
the specs a tournament plans."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.errors import SixPartyError
from game.tournament import TournamentConfig, run_tournament
from game.tournament.executors import LocalExecutor
from game.tournament.run import plan
from game.tournament.schedule import schedule
from game.tournament.stats import Summary, bot_stats, overall, paired_difference, stratified

MINI = "tests/fixtures/mini.yaml"


def _rec(gid: str, seating: dict[str, str], scores: dict[str, float], **kw: object) -> dict:
    return {"id": gid, "block": 0, "seed": 7, "seating": seating, "scores": scores, "status": "ok"}


RECORDS = [
    {
        **_rec("g1", {"x": "a", "y": "b", "z": "b"}, {"x": 60.0, "y": 40.0, "z": 20.0}),
        "war": True,
        "deals": {"x": 1, "y": 0, "z": 2},
        "agreements": {"made": 2},
        "deadlines": {"d1": True, "d2": False},
        "faults": [{"actor": "y", "bot": "b"}, {"actor": "z", "bot": "b"}, {"actor": "x"}],
    },
    {
        **_rec("g2", {"x": "b", "y": "a", "z": "a"}, {"x": 30.0, "y": 30.0, "z": 10.0}),
        "war": False,
        "deals": {"x": 0, "y": 0, "z": 0},
        "agreements": {"made": 1},
        "deadlines": {"d1": True, "d2": None},
        "faults": [],
    },
    {
        **_rec("g3", {"x": "a", "y": "b", "z": "b"}, {"x": 0.0, "y": 0.0, "z": 0.0}),
        "war": True,
        "agreements": {"made": 0},
    },
    {"id": "g4", "block": 0, "seed": 7, "seating": {"x": "a"}, "status": "crashed"},
]


def test_bot_counts() -> None:
    stats = bot_stats(RECORDS)
    a, b = stats["a"], stats["b"]
    assert (a.seats, b.seats) == (4, 5)
    assert (a.games, b.games) == (3, 3)
    # g1: a wins; g2: b and a tie (x, y) -> half each; g3: three-way tie of 0.
    assert a.wins == pytest.approx(1 + 0.5 + 1 / 3)
    assert b.wins == pytest.approx(0.5 + 2 / 3)
    assert a.win_rate == pytest.approx(a.wins / 4)
    assert (a.deal_seats, b.deal_seats) == (1, 1)
    assert a.deal_rate == pytest.approx(1 / 4)
    assert (a.war_games, b.war_games) == (2, 2)
    assert a.war_rate == pytest.approx(2 / 3)
    # Deadlines: g1 one met of two, g2 one met of one (None is not judged), g3 none.
    assert (a.deadlines_met, a.deadlines_total) == (2, 3)
    assert a.deadline_rate == pytest.approx(2 / 3)
    # Faults go to the bot named in the fault; a fault naming no bot goes to "?".
    assert (a.faults, b.faults) == (0, 2)
    assert a.score.mean == pytest.approx((60 + 30 + 10 + 0) / 4)
    assert set(a.by_role) == {"x", "y", "z"}
    assert a.by_role["x"].n == 2 and a.by_role["x"].mean == pytest.approx(30.0)
    assert b.by_role["y"].mean == pytest.approx(20.0)
    assert set(a.rating) == {"mu", "sigma", "ordinal", "low", "high"}
    assert a.rating["ordinal"] == pytest.approx(a.rating["mu"] - 3 * a.rating["sigma"])
    assert a.rating["mu"] > b.rating["mu"]
    assert a.within_roles is not None and a.within_roles.n == 4


def test_overall_counts() -> None:
    summary = overall([*RECORDS, {**RECORDS[3], "id": "g5", "status": "timeout"}])
    assert summary["games"] == 5
    assert summary["status"] == {"crashed": 1, "ok": 3, "timeout": 1}
    assert summary["war_rate"] == pytest.approx(2 / 3)
    assert summary["deal_rate"] == pytest.approx(2 / 3)
    assert summary["deadline_rate"] == pytest.approx(2 / 3)
    assert summary["faults"] == 3
    empty = overall([])
    assert empty["games"] == 0 and math.isnan(empty["war_rate"])


def test_a_rerun_replaces_the_failed_record() -> None:
    rerun = {**RECORDS[0], "id": "g4", "seating": {"x": "a", "y": "b", "z": "b"}}
    summary = overall([*RECORDS, rerun])
    assert summary["status"] == {"ok": 4}
    assert bot_stats([*RECORDS, rerun])["a"].games == 4


def test_paired_difference_pairs_by_block_or_else_by_seed() -> None:
    games = [
        {**_rec("p1", {"x": "a", "y": "b"}, {"x": 50.0, "y": 40.0}), "seed": 1},
        {**_rec("p2", {"x": "b", "y": "a"}, {"x": 45.0, "y": 35.0}), "seed": 1},
        {**_rec("p3", {"x": "a", "y": "b"}, {"x": 70.0, "y": 40.0}), "seed": 2},
        {**_rec("p4", {"x": "b", "y": "a"}, {"x": 50.0, "y": 40.0}), "seed": 2},
    ]
    for g in games:
        del g["block"]
    d = paired_difference(games, "a", "b")
    # seed 1: a (50 + 35) / 2 - b (40 + 45) / 2 = 0; seed 2: (70 + 40) / 2 - (40 + 50) / 2 = 10
    assert d.n == 2 and d.mean == pytest.approx(5.0)


def test_summaries_round_and_a_lone_group_gives_an_open_interval() -> None:
    s = Summary(3, 1.234567, 0.5, 0.25, -1.0, 2.0)
    assert s.as_dict() == {
        "n": 3,
        "mean": 1.2346,
        "sd": 0.5,
        "se": 0.25,
        "low": -1.0,
        "high": 2.0,
    }
    lone = stratified([[4.0, 6.0], [5.0]])
    assert lone.n == 3 and lone.mean == pytest.approx(5.0)
    assert math.isnan(lone.sd) and math.isnan(lone.se)
    assert (lone.low, lone.high) == (-math.inf, math.inf)
    none = stratified([[], []])
    assert none.n == 0 and math.isnan(none.mean) and math.isnan(none.sd)


def test_schedule_defaults_and_roundrobin_fills_every_role() -> None:
    roles = ("x", "y", "z")
    assert schedule(["a", "b"], roles, 4) == schedule(["a", "b"], roles, 4, seed=0)
    specs = schedule(["a", "b"], roles, 3, seed=5, mode="roundrobin")
    assert len(specs) == 3
    for spec in specs:
        assert set(spec["seating"]) == set(roles)
        assert set(spec["seating"].values()) <= {"a", "b"}
    with pytest.raises(SixPartyError, match="--candidate"):
        schedule([], roles, 3, mode="candidate", candidate="a")


def test_plan_carries_the_settings_into_every_game() -> None:
    cfg = TournamentConfig(
        bots=[],
        games=3,
        scenario=MINI,
        seed=3,
        mode="candidate",
        candidate="hawk",
        baseline="dove",
        budget=0.5,
        timeout=9.0,
    )
    specs = plan(cfg)
    assert len(specs) == 3
    for spec in specs:
        assert (spec["scenario"], spec["budget"], spec["timeout"]) == (MINI, 0.5, 9.0)
        assert sorted(spec["seating"].values()).count("hawk") == 1
    with pytest.raises(SixPartyError, match="unknown bot 'hawks'"):
        plan(
            TournamentConfig(
                bots=[],
                games=3,
                scenario=MINI,
                mode="candidate",
                candidate="hawks",
                baseline="dove",
            )
        )


def test_resume_names_an_unreadable_config(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{oops", encoding="utf-8")
    cfg = TournamentConfig(bots=["hawk"], games=1, scenario=MINI)
    with pytest.raises(SixPartyError, match=r"config\.json: unreadable \("):
        run_tournament(cfg, tmp_path, LocalExecutor(1), resume=True)


@pytest.mark.parametrize(
    ("mode", "bots"), [("rotation", ["a", "b", "c"]), ("roundrobin", ["a", "b"])]
)
def test_games_of_a_block_rotate_the_seating_as_documented(mode: str, bots: list[str]) -> None:
    """Game ``j`` of a block gives role ``i`` what game 0 gave role ``(i + j) mod n``."""
    roles = ("x", "y", "z")
    specs = schedule(bots, roles, 3, seed=2, mode=mode)
    first = specs[0]["seating"]
    for j, spec in enumerate(specs):
        assert spec["seating"] == {r: first[roles[(i + j) % 3]] for i, r in enumerate(roles)}
    with pytest.raises(SixPartyError, match="--candidate BOT and --baseline BOT"):
        schedule([], roles, 3, mode="candidate", baseline="a")
