"""`lever-option-no-effect`: every lever option must do something for its holder; only the
status quo (the holder's default) may do nothing. The shipped scenarios stay clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.compile import compile_scenario
from game.scenario.lint import LintWarning, lint
from game.scenario.loader import load_model

BASE = (Path(__file__).parent / "broken" / "base.yaml").read_text(encoding="utf-8")
HARD = "      - {id: hard,"
CODE = "lever-option-no-effect"


def warnings_for(tmp_path: Path, text: str) -> list[LintWarning]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    model, where = load_model(path)
    return lint(compile_scenario(model, where), where)


def flagged(ws: list[LintWarning]) -> list[LintWarning]:
    return [w for w in ws if w.code == CODE]


def with_option(option: str, text: str = BASE) -> str:
    return text.replace(HARD, f"      - {option}\n{HARD}")


def test_an_option_that_does_what_the_status_quo_does(tmp_path: Path) -> None:
    text = with_option("{id: same, name: Same, explain: Help Beta again., effects: {economy: 2}}")
    ws = flagged(warnings_for(tmp_path, text))
    assert [w.path for w in ws] == ["levers.0.options.1.id"]
    assert ws[0].where.endswith("s.yaml:26:14")
    assert ws[0].message == (
        "option 'same' of lever 'policy' does nothing for alpha that the status quo 'soft' "
        "does not: give it an effect, or remove it"
    )


def test_zero_effects_count_as_none(tmp_path: Path) -> None:
    # The status quo does nothing (honest); an option whose only effects are zeros is a
    # real option with no effect. inert-option misses it: its effects map is not empty.
    text = BASE.replace("default: soft", "default: wait")
    text = with_option("{id: wait, name: Wait, explain: Do nothing yet.}", text)
    text = with_option("{id: token, name: Token, explain: A gesture., effects: {economy: 0}}", text)
    ws = warnings_for(tmp_path, text)
    assert [w.path for w in flagged(ws)] == ["levers.0.options.2.id"]
    assert "option 'token'" in flagged(ws)[0].message
    assert "'wait'" in flagged(ws)[0].message
    assert [w.code for w in ws if w.path == "levers.0.options.1.id"] == []  # the status quo


def test_each_holder_is_judged_against_its_own_status_quo(tmp_path: Path) -> None:
    text = BASE.replace("holders: [alpha]", "holders: [alpha, beta]").replace(
        "default: soft", "default: {alpha: soft, beta: hard}"
    )
    text = with_option(
        "{id: squeeze, name: Squeeze, explain: Squeeze Beta., effects: {tension: 2, economy: -3}}",
        text,
    )
    ws = flagged(warnings_for(tmp_path, text))
    assert len(ws) == 1
    assert "does nothing for beta that the status quo 'hard' does not" in ws[0].message


@pytest.mark.parametrize(
    "option",
    [
        # a different effect, a tag, secrecy: each is something the status quo is not
        "{id: more, name: More, explain: Help more., effects: {economy: 3}}",
        "{id: tagged, name: Tagged, explain: Help., effects: {economy: 2}, tags: [relief]}",
        "{id: quiet, name: Quiet, explain: Help quietly., effects: {economy: 2}, covert: true, "
        "detection: 0.1}",
    ],
)
def test_an_option_that_differs_is_not_flagged(tmp_path: Path, option: str) -> None:
    assert flagged(warnings_for(tmp_path, with_option(option))) == []


def test_an_option_an_expression_reads_by_name_is_not_flagged(tmp_path: Path) -> None:
    text = with_option("{id: same, name: Same, explain: Help., effects: {economy: 2}}")
    text = text.replace("score: 1 - tension / 100", "score: chose.alpha.policy.same")
    assert flagged(warnings_for(tmp_path, text)) == []


def sixparty(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("sixparty")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120)


def test_strict_lint_fails_on_a_planted_dead_option(tmp_path: Path) -> None:
    path = tmp_path / "dead.yaml"
    planted = with_option("{id: same, name: Same, explain: Help again., effects: {economy: 2}}")
    path.write_text(planted.replace("holders: [alpha]", "holders: [alpha, beta]"), "utf-8")
    done = sixparty("scenario", "lint", "--strict", str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{path}:26:14: levers.0.options.1.id: warning: option 'same'" in done.stdout
    assert f"[{CODE}]" in done.stdout


@pytest.mark.parametrize("scenario", ["korea-2019", "korea-2017", "six-party-2005", "tutorial"])
def test_every_option_of_the_shipped_scenarios_does_something(scenario: str) -> None:
    done = sixparty("scenario", "lint", scenario)
    assert done.returncode == 0, done.stderr
    assert f"[{CODE}]" not in done.stdout
    assert "[inert-option]" not in done.stdout
    assert "[inert-lever]" not in done.stdout
