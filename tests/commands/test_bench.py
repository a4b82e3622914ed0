"""The README's benchmark commands work as written: ``python bench/X.py`` from the
repository's folder, with the Python the project is installed in.

Each runs once with small arguments (a few games, frames or rooms), so this checks that
they work and print their figures, not the figures themselves.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.commands.conftest import ROOT, user_env

# The smallest run of each that still prints its figures, and a line it prints.
TINY = {
    "engine.py": (["--games", "2"], "games/s with six random bots"),
    "server.py": (
        ["--rooms", "1", "--workers", "1", "--latency-seconds", "1", "--echo-seconds", "0.5"],
        "latency p99 (ms)",
    ),
    "render.py": (["--games", "1"], "us per render"),
    "client.py": (["--frames", "5"], "launch to first game frame"),
    "tournament.py": (
        ["--games", "6", "--bots", "random", "--decision-games", "1", "--ladder-games", "0"],
        "planner decisions:",
    ),
    "report.py": (["--repeat", "1", "--bots", "random"], "whole report (data + html + csv + json)"),
    "web.py": (["--repeat", "1"], "first load, in all"),
    "rl.py": (["--steps", "300", "--repeats", "1"], "ratio sixparty / connect four"),
}


def readme_benchmarks() -> list[str]:
    """The benchmark scripts the README names, in its order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (line,) = [line for line in text.splitlines() if "`bench/`" in line]
    follow = text[text.index(line) :].split("\n- ")[0]
    return re.findall(r"`(?:python bench/)?(\w+\.py)`", follow)


def bench(script: str, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """``python bench/SCRIPT ARGS`` from the repository's folder, as the README says."""
    return subprocess.run(
        [sys.executable, f"bench/{script}", *args],
        cwd=ROOT,
        env=user_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_each_benchmark_the_readme_names_exists_and_is_run_here() -> None:
    assert readme_benchmarks() == list(TINY)
    assert all((ROOT / "bench" / name).is_file() for name in TINY)


@pytest.mark.parametrize("script", list(TINY))
def test_a_benchmark_runs_as_written(script: str) -> None:
    args, figure = TINY[script]
    result = bench(script, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    assert figure in result.stdout, result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "bench").glob("*.py")))
def test_every_benchmark_argument_has_help(script: str) -> None:
    result = bench(script, "--help", timeout=60)
    assert result.returncode == 0, result.stderr
    options = result.stdout.split("options:")[1]
    # Each option's line ends with its help text, or its help is on the next line.
    lines = options.strip().splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("--"):
            continue
        words_after = re.sub(r"^--\S+( [A-Z_]+)?", "", stripped).strip()
        following = lines[i + 1] if i + 1 < len(lines) else ""
        assert words_after or following.startswith(" " * 10), f"{script}: {stripped}"


@pytest.mark.parametrize(
    "script", ["engine.py", "report.py", "tournament.py", "server.py", "rl.py"]
)
def test_a_bad_scenario_is_one_line(script: str) -> None:
    result = bench(script, "--scenario", "korea-2091", timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        f"bench/{script}: error: unknown scenario 'korea-2091' (did you mean 'korea-2019'?)"
    )
