"""Par: each role's historical score, the scale where par is 50, and `sixparty scenario par`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game import Game, load_scenario
from game.commands.scenario import with_par
from game.engine.scoring import against_history, on_par_scale
from game.errors import ScenarioError

ROOT = Path(__file__).resolve().parents[2]
SIXPARTY = str(Path(sys.executable).with_name("sixparty"))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SIXPARTY, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.parametrize(
    ("raw", "par", "scaled"),
    [(0, 40, 0), (20, 40, 25), (40, 40, 50), (70, 40, 75), (100, 40, 100), (10, 0, 55)],
)
def test_the_par_scale_puts_par_at_50(raw: float, par: float, scaled: float) -> None:
    assert on_par_scale(raw, par) == pytest.approx(scaled)


def test_history_in_words() -> None:
    assert against_history(46.0, 45.0) == "beat history"
    assert against_history(45.2, 45.0) == "matched history"
    assert against_history(30.0, 45.0) == "fell short of history"


def test_every_shipped_scenario_states_a_par_for_every_role() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        rules = load_scenario(path)
        assert set(rules.par) == set(rules.actor_ids), path.name


def test_the_outcome_reports_raw_scores_and_the_par_scale(korea_rules) -> None:  # type: ignore[no-untyped-def]
    game = Game(korea_rules, seed=1)
    while not game.over:
        game.advance()
    out = game.outcome()
    assert out is not None
    for a in korea_rules.actor_ids:
        p = out["par"][a]
        assert p["raw"] == out["scores"][a]
        assert p["par"] == korea_rules.par[a]
        assert p["scaled"] == on_par_scale(p["raw"], p["par"])
        assert p["history"] in ("beat history", "matched history", "fell short of history")


def test_a_par_outside_0_100_or_for_an_unknown_actor_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    text = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text()
    path.write_text(with_par(text, {"alpha": 120.0, "zeta": 3.0}))
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert "par 120.0 is outside 0..100" in str(err.value)
    assert "unknown actor 'zeta'" in str(err.value)


def test_sixparty_scenario_par_measures_with_the_historical_bot_and_writes_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tutorial.yaml"
    # The file as an author has it before: no par yet (its scoring block kept).
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text()
    path.write_text(re.sub(r"\nscoring:\n  par: \{[^}]*\}\n", "\n", text))
    assert load_scenario(path).par == {}
    shown = run("scenario", "par", str(path), "--games", "4", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "(historical)" in shown.stdout and "--write" in shown.stdout
    assert load_scenario(path).par == {}  # nothing written without --write
    written = run("scenario", "par", str(path), "--games", "4", "--write", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    par = load_scenario(path).par
    assert set(par) == {"north", "south", "mediator"}
    printed = [float(line.split()[-3]) for line in written.stdout.splitlines()[1:4]]
    assert printed == list(par.values())  # what it printed is what it wrote
    assert path.read_text().count("\n  par: {") == 1
    # Measured again, the par line is replaced, not added.
    again = run("scenario", "par", str(path), "--games", "4", "--write", cwd=tmp_path)
    assert again.returncode == 0 and path.read_text().count("\n  par: {") == 1


def test_a_scenario_without_history_is_measured_by_the_built_in_bots(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "mini.yaml", path)
    out = run("scenario", "par", str(path), "--games", "2", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "(historical)" not in out.stdout.splitlines()[0]


def test_balance_reports_the_par_scale(tmp_path: Path) -> None:
    out = run(
        "scenario",
        "balance",
        "tutorial",
        "--games",
        "2",
        "--bots",
        "historical",
        "--json",
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    par = report["par"]["north"]
    assert set(par) == {"par", "mean_on_par_scale", "beat_history"}
    assert 0 <= par["beat_history"] <= 1


def test_with_par_refuses_a_one_line_scoring_block() -> None:
    with pytest.raises(ValueError, match="write its par by hand"):
        with_par("id: x\nscoring: {war_cap: 10}\n", {"a": 1.0})
