"""Loading scenario files: every error names the file, line, column and field path."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import ScenarioError, load_scenario

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert old in text, "the fixture must contain the text to break"
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    return err.value.problems


def test_the_fixture_itself_is_valid() -> None:
    assert load_scenario(MINI).id == "mini"


def test_yaml_syntax_errors_have_a_line(tmp_path: Path) -> None:
    path = broken(tmp_path, "months: [January, February, March]", "months: [January, February")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:") and "YAML syntax error" in problem


def test_unknown_keys_suggest_the_right_one(tmp_path: Path) -> None:
    path = broken(
        tmp_path, "    p5: true\n    intelligence: 1.0", "    p5: true\n    inteligence: 1.0"
    )
    (problem,) = problems(path)
    line = line_of(path, "inteligence")
    assert problem.startswith(f"{path}:{line}:5: actors.0.inteligence: unknown field")
    assert "did you mean 'intelligence'?" in problem


def test_wrong_types_say_what_was_expected(tmp_path: Path) -> None:
    path = broken(tmp_path, "intelligence: 0.0", "intelligence: lots")
    (problem,) = problems(path)
    assert f":{line_of(path, 'intelligence: lots')}:" in problem
    assert "actors.1.intelligence" in problem and "number" in problem


def test_unknown_names_in_expressions_are_load_errors_with_a_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'score: "1 - tension / 100"', 'score: "1 - tensoin / 100"')
    (problem,) = problems(path)
    assert f":{line_of(path, 'tensoin')}:" in problem
    assert "objectives.alpha.1.score" in problem
    assert "did you mean 'tension'?" in problem


def test_unknown_options_and_levers_suggest_near_misses(tmp_path: Path) -> None:
    path = broken(tmp_path, "    default: continue", "    default: continu")
    assert any("did you mean 'continue'?" in p for p in problems(path))
    path = broken(tmp_path, "chance: 0.3", 'chance: "chose.beta.progam.freeze"')
    assert any("did you mean 'program'?" in p for p in problems(path))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = broken(tmp_path, 'score: "1 - tension / 100"', 'score: "1 - tensoin / 100"')
    text = path.read_text().replace("holders: [beta]", "holders: [betta]")
    path.write_text(text)
    found = problems(path)
    assert len(found) >= 2
    assert any("unknown holder 'betta'" in p and "did you mean 'beta'" in p for p in found)


def test_expressions_are_not_python(tmp_path: Path) -> None:
    path = broken(
        tmp_path, 'score: "1 - tension / 100"', "score: \"__import__('os').system('true')\""
    )
    assert problems(path)
