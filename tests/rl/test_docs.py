"""docs/rl.md says what the code does: its table excerpt is what ``python -m game.rl``
prints, and its sizes are the environment's."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from game.rl import env

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "rl.md").read_text()


def _table(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "game.rl", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    return out.stdout


def test_the_excerpt_is_the_real_table() -> None:
    table = {line.split()[0]: line for line in _table("--agent", "dprk").splitlines()[1:]}
    excerpt = re.findall(r"^ *(\d+)  \w+ .*$", DOC, flags=re.M)
    assert len(excerpt) >= 6
    for line in re.findall(r"^ *\d+  \w+ .*$", DOC, flags=re.M):
        assert table[line.split()[0]] == line


def test_the_sizes_are_the_environment_s() -> None:
    raw = env(scenario="korea-2019").unwrapped
    assert f"({raw.layout.size}\nfor Korea 2019)" in DOC or f"({raw.layout.size} for Korea" in DOC
    assert f"{raw.action_space('us').n} for the United States" in DOC
    assert f"{raw.action_space('dprk').n} for North" in DOC
    ranges = {k: (s, e - 1) for k, (s, e) in raw.menu.sections["dprk"].items() if e > s}
    for section, (first, last) in ranges.items():
        if section != "pass":
            assert f"`{section}` {first}–{last}" in DOC, section


def test_the_command_refuses_a_bad_agent_in_one_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game.rl", "--agent", "nobody"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 2
    assert out.stderr.strip().startswith("error: no actor 'nobody'")
    assert "Traceback" not in out.stderr
    layout = _table("--layout")
    assert layout.startswith("observation: float32[")


def test_the_quick_start_runs_as_written() -> None:
    """The first code block of docs/rl.md plays an AEC and a Parallel game to the end."""
    code = re.search(r"```python\n(.*?)```", DOC, flags=re.S)
    assert code is not None
    scope: dict[str, object] = {}
    exec(compile(code.group(1), "docs/rl.md", "exec"), scope)  # noqa: S102
    assert scope["e"].unwrapped.game.over  # type: ignore[attr-defined]
    assert scope["p"].agents == []  # type: ignore[attr-defined]
    assert scope["p"].game.over  # type: ignore[attr-defined]
