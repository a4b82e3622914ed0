"""A bad scenario, given to any command that takes one, is one clear line and exit 2.

Three bad scenarios: a file that is not UTF-8, a folder passed as a file, and a name
that is not in the library. Each command gets each one from an empty folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.conftest import Run, free_port, one_error

# Every command that takes a scenario, with SCENARIO where it goes.
COMMANDS = {
    "play": ["play", "--scenario", "SCENARIO"],
    "play --local": ["play", "--local", "--scenario", "SCENARIO"],
    "simulate": ["simulate", "--scenario", "SCENARIO"],
    "tournament": ["tournament", "--bots", "random", "--games", "1", "--scenario", "SCENARIO"],
    "briefing": ["briefing", "--scenario", "SCENARIO"],
    "serve": ["serve", "--db", ":memory:", "--port", "0", "--scenario", "SCENARIO"],
    "room create": ["room", "create", "--server", "ws://127.0.0.1:PORT", "--scenario", "SCENARIO"],
}
BAD = {
    "latin1.yaml": "latin1.yaml:1:10: not UTF-8 text (byte 0xe9)",
    "dir.yaml": "dir.yaml: is a folder, not a scenario file",
    "korea-2091": "unknown scenario 'korea-2091' (did you mean 'korea-2019'?)",
}


@pytest.fixture(autouse=True)
def bad_files(workdir: Path) -> None:
    (workdir / "latin1.yaml").write_bytes(b"name: caf\xe9\n")
    (workdir / "dir.yaml").mkdir()


# A name given to room create goes to the server, which checks it: that is tested against
# a real server in tests/server/test_room_command.py.
CASES = [
    (command, scenario)
    for command in COMMANDS
    for scenario in BAD
    if not (command == "room create" and scenario == "korea-2091")
]


@pytest.mark.parametrize(("command", "scenario"), CASES)
def test_a_bad_scenario_is_one_line(
    sixparty: Run, workdir: Path, command: str, scenario: str
) -> None:
    args = [
        scenario if a == "SCENARIO" else a.replace("PORT", str(free_port()))
        for a in COMMANDS[command]
    ]
    result = sixparty(*args)
    one_error(result, BAD[scenario])
    assert result.returncode == 2
    assert sorted(p.name for p in workdir.iterdir()) == ["dir.yaml", "latin1.yaml"]


@pytest.mark.parametrize("action", ["validate", "lint", "balance"])
@pytest.mark.parametrize("scenario", list(BAD))
def test_the_scenario_tools_name_the_error(sixparty: Run, action: str, scenario: str) -> None:
    """The authors' tools print each error as file:line:column (no ``sixparty: error:``
    prefix) and exit 1; validate and lint end with a count of the errors of each file."""
    result = sixparty("scenario", action, scenario)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(BAD[scenario])
    if action == "balance":
        assert len(lines) == 1, lines
    else:
        assert lines[1:] == [
            f"{scenario}: 1 error(s)" + ("; fix them before linting" if action == "lint" else "")
        ]


def test_a_file_name_that_is_a_library_name_gets_a_hint(sixparty: Run) -> None:
    one_error(
        sixparty("simulate", "--scenario", "korea-2019.yaml"),
        "korea-2019.yaml: no such scenario file (did you mean the scenario 'korea-2019'?)",
    )


def test_a_parent_that_is_not_utf8_is_named(sixparty: Run, workdir: Path) -> None:
    """The error points into the file that is not UTF-8, not the one that extends it."""
    (workdir / "sub").mkdir()
    (workdir / "sub" / "child.yaml").write_text(
        "extends: ../latin1.yaml\nid: child\n", encoding="utf-8"
    )
    result = sixparty("simulate", "--scenario", "sub/child.yaml")
    one_error(result, "latin1.yaml:1:10: not UTF-8 text (byte 0xe9)")
