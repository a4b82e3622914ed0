"""`sixparty simulate`: a whole game headless, byte-identical for the same seed and bots."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.records import load_record

GOLDEN = Path(__file__).parent / "golden" / "korea-2019-seed7-historical.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_same_seed_and_bots_give_byte_identical_output() -> None:
    first = run("simulate", "--seed", "11", "--bots", "random")
    second = run("simulate", "--seed", "11", "--bots", "random")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "== April 2019 ==" in first.stdout and "== Final scores ==" in first.stdout
    other = run("simulate", "--seed", "12", "--bots", "random")
    assert other.stdout != first.stdout


def test_the_chronicle_matches_the_golden_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Regenerate after an intended rules change with:
    sixparty simulate --seed 7 --bots historical > tests/golden/korea-2019-seed7-historical.txt
    """
    assert main(["simulate", "--seed", "7", "--bots", "historical"]) == 0
    assert capsys.readouterr().out == GOLDEN.read_text(encoding="utf-8")


def test_json_output_and_saved_record_replay_to_the_same_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "game.json"
    assert (
        main(
            [
                "simulate",
                "--seed",
                "3",
                "--bots",
                "us=historical,dprk=random",
                "--json",
                "--save",
                str(record),
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["bots"]["dprk"] == "random" and out["bots"]["china"] == "random"
    assert set(out["outcome"]["scores"]) == {"us", "dprk", "china", "russia", "japan", "rok"}
    _, game, saved = load_record(record)
    assert game.state_hash() == out["state_hash"] == saved["state_hash"]
    assert game.over


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["simulate", "--scenario", "korea-2091"], "did you mean 'korea-2019'"),
        (["simulate", "--bots", "randum"], "did you mean 'random'"),
        (["simulate", "--bots", "uss=random"], "unknown actor 'uss'"),
        (["simulate", "--view", "mars"], "--view"),
    ],
)
def test_bad_arguments_get_a_clear_error_not_a_traceback(args: list[str], words: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
