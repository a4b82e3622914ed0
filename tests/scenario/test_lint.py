"""`sixparty scenario lint`: warnings a careful author wants, each with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario.compile import compile_scenario
from game.scenario.lint import LintWarning, lint
from game.scenario.loader import load_model

BASE = (Path(__file__).parent / "broken" / "base.yaml").read_text(encoding="utf-8")


def warnings_for(tmp_path: Path, text: str) -> list[LintWarning]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    model, where = load_model(path)
    return lint(compile_scenario(model, where), where)


def codes(ws: list[LintWarning]) -> list[tuple[str, str]]:
    return [(w.code, w.path) for w in ws]


def test_the_base_scenario_only_warns_about_the_actor_without_levers(tmp_path: Path) -> None:
    ws = warnings_for(tmp_path, BASE)
    assert codes(ws) == [("actor-without-levers", "actors.1.id")]
    assert ws[0].where.endswith("s.yaml:11:9")
    assert "'beta' holds no lever" in ws[0].message


def test_a_variable_nothing_changes(tmp_path: Path) -> None:
    text = BASE.replace(
        "variables:\n",
        "variables:\n  - {id: prestige, name: Prestige, explain: Face., initial: 5}\n",
    )
    ws = warnings_for(tmp_path, text)
    assert ("unchanged-variable", "variables.0.id") in codes(ws)
    assert any("variable 'prestige'" in w.message for w in ws)


def test_an_effect_of_zero_does_not_count_as_a_change(tmp_path: Path) -> None:
    text = BASE.replace(
        "variables:\n",
        "variables:\n  - {id: prestige, name: Prestige, explain: Face., initial: 5}\n",
    ).replace("effects: {economy: -1}", "effects: {economy: -1, prestige: 0}")
    assert ("unchanged-variable", "variables.0.id") in codes(warnings_for(tmp_path, text))


def test_an_option_with_no_effect(tmp_path: Path) -> None:
    text = BASE.replace(
        "      - {id: hard,",
        "      - {id: wait, name: Wait, explain: Do nothing.}\n      - {id: hard,",
    )
    ws = warnings_for(tmp_path, text)
    assert ("inert-option", "levers.0.options.1.id") in codes(ws)
    inert = [w for w in ws if w.code == "inert-option"]
    assert inert[0].where.endswith("s.yaml:26:14")
    assert "option 'wait' of lever 'policy' has no effect" in inert[0].message


def test_an_option_read_by_an_expression_or_tagged_is_not_inert(tmp_path: Path) -> None:
    read = BASE.replace(
        "      - {id: hard,",
        "      - {id: wait, name: Wait, explain: Do nothing.}\n      - {id: hard,",
    ).replace("score: economy / 100", 'score: "economy / 100 - chose.alpha.policy.wait"')
    assert "inert-option" not in [c for c, _ in codes(warnings_for(tmp_path, read))]
    tagged = BASE.replace(
        "      - {id: hard,",
        "      - {id: wait, name: Wait, explain: Do nothing., tags: [pause]}\n      - {id: hard,",
    )
    assert "inert-option" not in [c for c, _ in codes(warnings_for(tmp_path, tagged))]


def test_a_lever_whose_options_all_do_nothing(tmp_path: Path) -> None:
    text = BASE.replace("effects: {economy: 2}}", "}").replace(
        "effects: {economy: -3, tension: 2}}", "}"
    )
    assert ("inert-lever", "levers.0.id") in codes(warnings_for(tmp_path, text))


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ("month: 2, news: A storm.", "events.0.chance"),
        ("month: 2, chance: 0, news: A storm.", "events.0.chance"),
        ("month: 2, when: false, news: A storm.", "events.0.when"),
        ("month: 2, when: initial.tension > 50, news: A storm.", "events.0.when"),
        ("month: 2, when: 'months > 5', news: A storm.", "events.0.when"),
    ],
)
def test_an_event_that_can_never_fire(tmp_path: Path, change: str, path: str) -> None:
    text = BASE.replace("month: 2, news: A storm.", change)
    found = [p for c, p in codes(warnings_for(tmp_path, text)) if c == "event-never-fires"]
    if change == "month: 2, news: A storm.":
        assert found == []  # the unchanged event is fine
    else:
        assert found == [path]


def test_an_event_on_a_changing_name_can_fire(tmp_path: Path) -> None:
    text = BASE.replace("month: 2, news: A storm.", "when: tension > 50, news: A storm.")
    assert "event-never-fires" not in [c for c, _ in codes(warnings_for(tmp_path, text))]


def test_an_objective_that_cannot_move(tmp_path: Path) -> None:
    const = BASE.replace("score: economy / 100", "score: 0.5")
    ws = warnings_for(tmp_path, const)
    assert ("objective-cannot-move", "objectives.beta.0.score") in codes(ws)
    static = BASE.replace("score: economy / 100", "score: initial.economy / 100")
    ws = warnings_for(tmp_path, static)
    assert ("objective-cannot-move", "objectives.beta.0.score") in codes(ws)
    assert any("initial.economy" in w.message for w in ws)


def test_a_deadline_decided_in_advance(tmp_path: Path) -> None:
    text = BASE + (
        "deadlines:\n"
        "  - id: cutoff\n    name: Cutoff\n    month: 2\n    date: June\n"
        "    explain: Beta wants relief.\n    condition: initial.economy > 60\n"
        "    met: {news: Met.}\n    missed: {news: Missed.}\n"
    )
    assert ("deadline-decided", "deadlines.0.condition") in codes(warnings_for(tmp_path, text))


def test_text_left_empty(tmp_path: Path) -> None:
    text = BASE.replace("explain: Alpha's policy.", "explain: ''")
    ws = warnings_for(tmp_path, text)
    assert ("empty-text", "levers.0.explain") in codes(ws)
    blank = BASE.replace("{public: Beta is small.,", "{public: '  ',")
    assert ("empty-text", "actors.1.briefing.public") in codes(warnings_for(tmp_path, blank))


def test_cli_prints_warnings_and_exits_0_or_1_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert main(["scenario", "lint", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:11:9: actors.1.id: warning: actor 'beta' holds no lever" in out
    assert "1 warning(s)" in out
    assert main(["scenario", "lint", "--strict", str(path)]) == 1


def test_cli_reports_errors_instead_of_linting(capsys: pytest.CaptureFixture[str]) -> None:
    broken = Path(__file__).parent / "broken" / "bad_type.yaml"
    assert main(["scenario", "lint", str(broken)]) == 1
    assert "fix them before linting" in capsys.readouterr().err


def test_strict_passes_a_clean_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(BASE.replace("holders: [alpha]", "holders: [alpha, beta]"), encoding="utf-8")
    assert main(["scenario", "lint", "--strict", str(path)]) == 0
    assert "0 warning(s)" in capsys.readouterr().out


def test_a_reaction_nobody_can_set_off(tmp_path: Path) -> None:
    text = BASE.replace(
        "events:\n",
        "reactions:\n"
        "  - {id: moved, name: Moved, trigger: {lever: policy, by: [beta]}, news: x}\n"
        "  - {id: fine, name: Fine, trigger: {lever: policy, options: [hard]}, news: y}\n"
        "  - {id: never, name: Never, trigger: {lever: policy}, when: false, news: z}\n"
        "events:\n",
    )
    ws = warnings_for(tmp_path, text)
    found = [p for c, p in codes(ws) if c == "reaction-never-fires"]
    assert found == ["reactions.0.trigger", "reactions.2.when"]
    assert any("reaction 'moved' can never be set off" in w.message for w in ws)


def test_a_moratorium_read_in_a_scenario_without_signals(tmp_path: Path) -> None:
    text = BASE.replace("score: 1 - tension / 100", "score: deal.moratorium")
    assert ("term-cannot-bind", "signals") in codes(warnings_for(tmp_path, text))


def test_a_reaction_that_names_its_target_but_is_never_aimed(tmp_path: Path) -> None:
    text = BASE.replace(
        "variables:\n",
        "variables:\n  - {id: trust, name: Trust, explain: Trust., scope: pair, initial: 50}\n",
    ).replace(
        "events:\n",
        "reactions:\n"
        "  - {id: aimed, name: Aimed, trigger: {lever: policy}, news: x,"
        " effects: {trust.target.self: -1}}\n"
        "  - {id: plain, name: Plain, trigger: {lever: policy}, news: y, effects: {economy: 1}}\n"
        "  - {id: broken, name: Broken, trigger: {breach: true}, news: z,"
        " when: 'trust.target.self >= 0', effects: {trust.target.self: -5}}\n"
        "events:\n",
    )
    ws = warnings_for(tmp_path, text)
    never = [(w.path, w.message) for w in ws if "names 'target'" in w.message]
    assert [p for p, _ in never] == ["reactions.0.trigger"]  # a breach has a target
    assert never[0][1].startswith("reaction 'aimed' names 'target'")
    assert all(w.code == "reaction-never-fires" for w in ws if "names 'target'" in w.message)


def test_commitments_no_actor_can_break(tmp_path: Path) -> None:
    tagged = BASE.replace(
        "effects: {economy: 2}}", "effects: {economy: 2}, tags: [restraint, mild]}"
    ).replace("effects: {economy: -3, tension: 2}}", "effects: {economy: -3}, tags: [restraint]}")
    one = tagged.replace(
        "tension:\n  rungs",
        "  - id: flag\n    name: Flag\n    explain: A flag.\n    holders: [beta]\n"
        "    default: up\n    options:\n"
        "      - {id: up, name: Up, explain: Up., effects: {tension: 1}}\n"
        "tension:\n  rungs",
    )
    ws = warnings_for(tmp_path, one)
    found = [
        (p, w.message) for (c, p), w in zip(codes(ws), ws, strict=True) if c == "term-never-broken"
    ]
    assert [p for p, _ in found] == ["levers.1.options", "levers.0.options"]
    assert "lever 'flag' can never be broken" in found[0][1]
    assert "counts as 'restraint' can never be broken" in found[1][1]
    # 'mild' is on one option only: a 'mild' term is broken by playing 'hard'.
    assert not any("'mild'" in msg for _, msg in found)
    # Tagging only one option makes the term breakable: no warning.
    ws = warnings_for(tmp_path, BASE)
    assert not [c for c, _ in codes(ws) if c == "term-never-broken"]
