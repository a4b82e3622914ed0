"""The balance probes compute what they say, on the small test scenario.

Each figure the probes print is recomputed here by playing the same seeded games by hand
(the same bots, the same seats), and the probe bots are checked against the game log:
the fixed-signal bot sends exactly its signal every month, the deal spammer signs empty
summits and the abstainer signs nothing. The console command is run as a user runs it.
"""

from __future__ import annotations

import statistics
import subprocess

import pytest

from game import load_scenario
from game.balance_probes import (
    PERSONAS,
    Interval,
    ProbeConfig,
    escalation_policies,
    prober_of,
    run_probes,
    verdict,
)
from game.bots import make_bot
from game.bots.probes import DealAbstainer, DealSpammer, FixedSignals
from game.bots.runner import play_game
from game.engine.scoring import on_par_scale
from tests.commands.conftest import MINI, ROOT, console_script, user_env

CFG = ProbeConfig(
    persona_games=4,
    planner_mix_games=0,
    escalation_games=2,
    escalation_planner_games=0,
    spam_games=2,
    random_games=4,
    planner_games=0,
)


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    return load_scenario(str(MINI))


@pytest.fixture(scope="module")
def report(rules):  # type: ignore[no-untyped-def]
    return run_probes(rules, CFG)


def test_interval_is_the_students_t_interval() -> None:
    xs = [10.0, 12.0, 14.0, 16.0]
    iv = Interval.of(xs)
    half = 3.182 * statistics.stdev(xs) / 2  # t(0.975, 3) * s / sqrt(4)
    assert iv.mean == 13.0
    assert iv.lo == pytest.approx(13.0 - half, abs=1e-3)
    assert iv.hi == pytest.approx(13.0 + half, abs=1e-3)


def test_role_table_is_the_mean_par_scaled_score_of_the_rotation(rules, report) -> None:  # type: ignore[no-untyped-def]
    scaled: dict[str, list[float]] = {a: [] for a in rules.actor_ids}
    tops: dict[str, int] = {a: 0 for a in rules.actor_ids}
    for g in range(CFG.persona_games):
        lineup = {a: PERSONAS[(g + j) % 3] for j, a in enumerate(rules.actor_ids)}
        game = play_game(rules, g, {a: make_bot(b, a, g) for a, b in lineup.items()}).game
        s = {
            a: on_par_scale(x, rules.par[a]) if a in rules.par else x
            for a, x in game.outcome()["scores"].items()
        }
        for a in s:
            scaled[a].append(s[a])
        for a in s:
            tops[a] += s[a] >= max(s.values())
    for a in rules.actor_ids:
        row = report.roles["personas"][a]
        assert row.scaled.mean == pytest.approx(statistics.fmean(scaled[a]), abs=1e-3)
        assert row.wins == tops[a]
        assert row.games == CFG.persona_games


def test_escalation_policies_and_the_fixed_signal_bot(rules, report) -> None:  # type: ignore[no-untyped-def]
    who = prober_of(rules)
    assert who == "beta"  # the only actor with escalating signals in the fixture
    policies = escalation_policies(rules, who)
    assert [p for _, p in policies] == [None, "missile_test", "icbm_test"]
    bots = {a: make_bot("dove", a, 0) for a in rules.actor_ids}
    bots[who] = FixedSignals(make_bot("reciprocator", who, 0), "missile_test")
    game = play_game(rules, 0, bots).game
    months = len(rules.months)
    assert game.v[f"count.{who}.missile_test"] == months
    cell = next(c for c in report.escalation if c.policy != "no tests" and c.mix == "all dove")
    tension = []
    for g in range(CFG.escalation_games):
        bots = {a: make_bot("dove", a, g) for a in rules.actor_ids}
        bots[who] = FixedSignals(make_bot("reciprocator", who, g), "missile_test")
        tension.append(play_game(rules, g, bots).game.v[rules.tension_key])
    assert cell.tension.mean == pytest.approx(statistics.fmean(tension), abs=1e-3)
    quiet = next(c for c in report.escalation if c.policy == "no tests" and c.mix == "all dove")
    assert cell.tension.mean > quiet.tension.mean  # testing raises tension in the fixture


def test_the_spammer_signs_empty_deals_and_the_abstainer_none(rules, report) -> None:  # type: ignore[no-untyped-def]
    a = rules.actor_ids[0]
    for wrap, some in ((DealSpammer, True), (DealAbstainer, False)):
        bots = {b: make_bot("dove", b, 0) for b in rules.actor_ids}
        bots[a] = wrap(make_bot("dove", a, 0))
        game = play_game(rules, 0, bots).game
        mine = [ag for ag in game.agreements if a in ag["parties"]]
        assert bool(mine) is some
        if some:
            assert any(not ag["commitments"] for ag in mine)
    row = next(s for s in report.spam if s.actor == a)
    assert row.spam_deals > row.none_deals == 0


def test_verdict_judges_each_figure(rules, report) -> None:  # type: ignore[no-untyped-def]
    checks = {c.name: c for c in verdict(rules, report)}
    for a in rules.actor_ids:
        row = report.roles["personas"][a]
        assert checks[f"role {a}"].ok == (40 <= row.scaled.mean <= 60)
    met, n = report.deadline_rate("personas", "cutoff")
    assert n == CFG.persona_games
    both = report.deadline_rate("personas", "cutoff")
    assert checks["deadline cutoff"].measured.startswith(f"met {both[0]}/{both[1]}")
    wars, n = report.war_rate("random")
    assert checks["war random"].ok == (0.05 <= wars / n <= 0.20)


def test_console_command_prints_the_tables() -> None:
    result = subprocess.run(
        [
            console_script(),
            "scenario",
            "balance",
            str(MINI),
            "--probes",
            "--games",
            "3",
            "--planner-games",
            "0",
            "--markdown",
        ],
        cwd=ROOT / "tests",
        env=user_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for title in (
        "Role balance: personas",
        "Escalation probes: beta",
        "Deal spam",
        "Deadlines met",
        "Games ending in war",
        "**Verdict**",
    ):
        assert title in out, out
    assert "| alpha |" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--planner-games", "-1"], "--planner-games must be 0 or more"),
        (["--games", "0"], "--games must be at least 1"),
    ],
)
def test_bad_probe_counts_get_one_clear_line(args: list[str], said: str) -> None:
    result = subprocess.run(
        [console_script(), "scenario", "balance", str(MINI), "--probes", *args],
        cwd=ROOT / "tests",
        env=user_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"sixparty: error: {said}"]
    assert "Traceback" not in result.stderr
