"""`sixparty scenario balance` judges the scenario against its targets and says which knob
of the file moves a missed figure; the knob it names really does, when the author turns
it by hand. Progress is shown and Ctrl-C stops early with the figures so far."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIXPARTY = str(Path(sys.executable).with_name("sixparty"))
WALK = (ROOT / "scenarios" / "walkthrough.yaml").read_text(encoding="utf-8")
# a deadline the bots' trade decides, instead of a deal
TRADE = WALK.replace("condition: deal.checks and deal.open", 'condition: "trade >= 45"')
QUICK = ["--bots", "random", "--probe-games", "0"]


def sixparty(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SIXPARTY, "scenario", *args], cwd=tmp, capture_output=True, text=True, timeout=300
    )


def test_verdict_names_a_knob_that_really_moves_the_figure(tmp_path: Path) -> None:
    assert TRADE != WALK
    (tmp_path / "bridge.yaml").write_text(TRADE, encoding="utf-8")
    r = sixparty(
        tmp_path,
        "balance",
        "bridge.yaml",
        "--games",
        "6",
        *QUICK,
        "--knobs",
        "6",
        "--knob-games",
        "6",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    (dl,) = [f for f in data["verdict"] if f["check"] == "deadline-rate"]
    met = data["deadlines"]["opening_day"].get("met", 0) / 6
    assert dl["value"] == met
    assert dl["ok"] == (0.2 <= met <= 0.8)
    assert not dl["ok"], dl  # random bots never push trade to 45 by August (6 seeds)
    assert dl["knobs"], "a trade effect should move it"
    # the condition's own threshold has its test below; this one turns a plain number
    best = next(k for k in dl["knobs"] if not k["path"].endswith(".condition"))

    # the figure after is closer to the 20-80% band than before
    def off(x: float) -> float:
        return max(0.2 - x, 0.0, x - 0.8)

    assert off(best["figure_after"]) < off(best["figure_before"])
    # turn that knob by hand, at the line:column the tool printed, and measure again
    file, line, col = re.fullmatch(r"(.*):(\d+):(\d+)", best["where"]).groups()  # type: ignore[union-attr]
    assert Path(file).name == "bridge.yaml"
    lines = TRADE.splitlines(keepends=True)
    row = lines[int(line) - 1]
    start = int(col) - 1
    number = re.match(r"-?[0-9.]+", row[start:])
    assert number and float(number.group()) == best["from"], (row, best)
    lines[int(line) - 1] = row[:start] + f"{best['to']:g}" + row[start + len(number.group()) :]
    (tmp_path / "turned.yaml").write_text("".join(lines), encoding="utf-8")
    again = sixparty(
        tmp_path, "balance", "turned.yaml", "--games", "6", *QUICK, "--knobs", "0", "--json"
    )
    assert again.returncode == 0, again.stderr
    after = json.loads(again.stdout)["deadlines"]["opening_day"].get("met", 0) / 6
    assert after == best["figure_after"]


def test_a_deadline_missed_because_of_its_threshold_gets_the_threshold_as_a_knob(
    tmp_path: Path,
) -> None:
    (tmp_path / "bridge.yaml").write_text(TRADE, encoding="utf-8")
    r = sixparty(
        tmp_path, "balance", "bridge.yaml", "--games", "6", *QUICK, "--knobs", "3", "--json"
    )
    assert r.returncode == 0, r.stderr
    (dl,) = [f for f in json.loads(r.stdout)["verdict"] if f["check"] == "deadline-rate"]
    assert not dl["ok"] and dl["value"] == 0.0, dl  # random bots never reach trade 45
    best = dl["knobs"][0]
    assert best["path"] == "deadlines.opening_day.condition", dl["knobs"]
    assert (best["from"], best["to"]) == (45, 22.5)  # lowered: the condition gets easier
    file, line, col = re.fullmatch(r"(.*):(\d+):(\d+)", best["where"]).groups()  # type: ignore[union-attr]
    assert Path(file).name == "bridge.yaml"
    lines = TRADE.splitlines(keepends=True)
    assert lines[int(line) - 1][int(col) - 1 :].startswith('"trade >= 45"')

    def off(x: float) -> float:
        return max(0.2 - x, 0.0, x - 0.8)

    assert off(best["figure_after"]) < off(best["figure_before"])
    # the human-readable verdict says the same
    plain = sixparty(tmp_path, "balance", "bridge.yaml", "--games", "6", *QUICK, "--knobs", "3")
    assert re.search(
        r"lowering the threshold in deadlines\.opening_day\.condition \(45(\.0)? -> 22\.5, "
        r"bridge\.yaml:\d+:\d+\) moves it from 0 to",
        plain.stdout,
    ), plain.stdout
    # the author lowers it by hand and measures again: the figure moves as promised
    (tmp_path / "easier.yaml").write_text(
        TRADE.replace('"trade >= 45"', '"trade >= 22.5"'), encoding="utf-8"
    )
    again = sixparty(
        tmp_path, "balance", "easier.yaml", "--games", "6", *QUICK, "--knobs", "0", "--json"
    )
    assert again.returncode == 0, again.stderr
    after = json.loads(again.stdout)["deadlines"]["opening_day"].get("met", 0) / 6
    assert after == best["figure_after"] > 0


def test_a_deadline_no_number_reaches_is_said_to_need_structure(tmp_path: Path) -> None:
    (tmp_path / "bridge.yaml").write_text(WALK, encoding="utf-8")
    r = sixparty(tmp_path, "balance", "bridge.yaml", "--games", "4", *QUICK, "--knobs", "2")
    assert r.returncode == 0, r.stderr
    assert re.search(r"MISSED deadline-rate opening_day: .* 0% ", r.stdout), r.stdout
    assert (
        "its condition (deal.checks and deal.open) reads deal, which no number of the file "
        "sets or compares against: the fix is in the structure, not a number"
    ) in r.stdout


def test_targets_come_from_the_balance_section(tmp_path: Path) -> None:
    text = TRADE + "balance:\n  deadline_met: [0, 1]\n  ignore: [win-rate, objective-never-moves]\n"
    (tmp_path / "lenient.yaml").write_text(text, encoding="utf-8")
    r = sixparty(tmp_path, "balance", "lenient.yaml", "--games", "4", *QUICK, "--knobs", "0")
    assert r.returncode == 0, r.stderr
    assert "Verdict against the balance targets" in r.stdout
    assert re.search(r"ok +deadline-rate opening_day: .*\(target 0-100%\)", r.stdout), r.stdout
    assert "win-rate" not in r.stdout
    assert "war-rate random" in r.stdout and "(target 5-20%)" in r.stdout
    # a misspelt target is a validation error with a did-you-mean
    bad = TRADE + "balance:\n  deadline_mett: [0, 1]\n"
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    r = sixparty(tmp_path, "validate", "bad.yaml")
    assert r.returncode == 1
    assert "unknown field 'deadline_mett' (did you mean 'deadline_met'?)" in r.stderr


def test_strict_exits_1_when_a_target_is_missed(tmp_path: Path) -> None:
    (tmp_path / "bridge.yaml").write_text(TRADE, encoding="utf-8")
    r = sixparty(
        tmp_path, "balance", "bridge.yaml", "--games", "2", *QUICK, "--knobs", "0", "--strict"
    )
    assert r.returncode == 1, r.stdout
    assert "MISSED" in r.stdout


def test_progress_and_ctrl_c_give_the_figures_so_far(tmp_path: Path) -> None:
    (tmp_path / "bridge.yaml").write_text(TRADE, encoding="utf-8")
    proc = subprocess.Popen(
        [SIXPARTY, "scenario", "balance", "bridge.yaml", "--games", "5000", *QUICK],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("balance: played 3/5000 games"):
            break
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    m = re.search(r"Stopped early \(Ctrl-C\): the figures below cover (\d+) of 5000 games", out)
    assert m, out
    n = int(m.group(1))
    assert 3 <= n < 5000
    assert f"Scores over {n} games" in out
    assert "Verdict against the balance targets" in out
