"""`sixparty scenario validate`: every error says file:line:column, the field, what was
expected and, for near-miss names, what the author probably meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main

BROKEN = Path(__file__).parent / "broken"

# file -> (line, column, field path, words the message must contain)
CASES: dict[str, tuple[int, int, str, str]] = {
    "unknown_field": (13, 5, "actors.1.color", "unknown field 'color' (did you mean 'colour'?)"),
    "missing_field": (11, 5, "actors.1.briefing", "required field is missing"),
    "bad_type": (12, 19, "actors.1.intelligence", "expected a valid number"),
    "unknown_holder": (
        22,
        14,
        "levers.0.holders",
        "unknown holder 'alpah' (did you mean 'alpha'?)",
    ),
    "unknown_variable": (
        26,
        88,
        "levers.0.options.1.effects.tensoin",
        "unknown name 'tensoin' (did you mean 'tension'?)",
    ),
    "unknown_default": (
        23,
        14,
        "levers.0.default",
        "unknown option 'sofft' (did you mean 'soft'?)",
    ),
    "bad_expression": (
        33,
        64,
        "objectives.alpha.0.score",
        "unexpected end of expression at column 14",
    ),
    "unknown_lever_in_expr": (
        34,
        60,
        "objectives.beta.0.score",
        "unknown lever 'polcy' at column 17 (did you mean 'policy'?)",
    ),
    "unknown_option_in_expr": (
        34,
        60,
        "objectives.beta.0.score",
        "lever 'policy' has no option 'sfot' at column 1 (did you mean 'soft'?)",
    ),
    "unknown_actor_objectives": (
        34,
        10,
        "objectives.betta",
        "unknown actor 'betta' (did you mean 'beta'?)",
    ),
    "duplicate_id": (17, 5, "variables.1", "duplicate id 'tension'"),
    "event_after_end": (31, 37, "events.0.month", "month 5 is after the last turn (2)"),
    "extends_bad_remove": (
        4,
        5,
        "events.strom",
        "cannot remove 'strom': the parent has no such item (did you mean 'storm'?)",
    ),
    "extends_bad_override": (5, 14, "levers.0.default", "unknown option 'medium'"),
    "extends_missing_parent": (1, 10, "extends", "no such file 'nowhere.yaml'"),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["scenario", "validate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_base_file_of_the_broken_set_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(BROKEN / "base.yaml"))
    assert code == 0, err
    assert "ok - 'Base': 2 actors, 2 turns" in out


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_is_reported_with_position_field_and_hint(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    line, col, field, words = CASES[name]
    path = BROKEN / f"{name}.yaml"
    code, out, err = run(capsys, str(path))
    assert code == 1
    assert out == ""
    expected = f"{path}:{line}:{col}: {field}: "
    matching = [row for row in err.splitlines() if row.startswith(expected)]
    assert matching, f"no error starting {expected!r} in:\n{err}"
    assert words in matching[0]


def test_every_broken_file_is_covered_by_a_case() -> None:
    files = {p.stem for p in BROKEN.glob("*.yaml")} - {"base"}
    assert files == set(CASES) | {"yaml_syntax"}


def test_yaml_syntax_error_gives_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "yaml_syntax.yaml"
    code, _out, err = run(capsys, str(path))
    assert code == 1
    assert err.startswith(f"{path}:13:4: YAML syntax error:")


def test_errors_in_an_inherited_part_point_into_the_parent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = tmp_path / "parent.yaml"
    parent.write_text((BROKEN / "unknown_holder.yaml").read_text(), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("extends: parent.yaml\nid: child\nname: Child\n", encoding="utf-8")
    code, _out, err = run(capsys, str(child))
    assert code == 1
    assert f"{parent}:22:14: levers.0.holders: unknown holder 'alpah'" in err


def test_several_files_report_each_and_fail_if_any_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, str(BROKEN / "base.yaml"), str(BROKEN / "bad_type.yaml"))
    assert code == 1
    assert "base.yaml: ok" in out
    assert "bad_type.yaml: 1 error(s)" in err


def test_unknown_scenario_name_suggests_a_known_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "korea-2091")
    assert code == 1
    assert "unknown scenario 'korea-2091' (did you mean 'korea-2019'?)" in err
