"""The README's first section gives the two commands a newcomer needs, and CI runs the
test command exactly as written there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_section = text.split("\n## ")[1]
    return re.findall(r"```sh\n(.+?)\n```", first_section)


def test_the_first_section_has_a_play_and_a_test_command() -> None:
    play, test = readme_commands()[:2]
    assert play.startswith("python3 -m venv .venv") and "sixparty" in play
    assert test.startswith("python3 -m venv .venv") and "pytest" in test


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test = readme_commands()[1]
    assert f'TEST_COMMAND="{test}"' in ci
    assert 'bash -c "$TEST_COMMAND"' in ci
