"""The scenario library: every file loads, lints without errors and plays to the end."""

from __future__ import annotations

import pytest

from game.bots import make_bot
from game.bots.runner import play_game
from game.scenario.compile import compile_scenario
from game.scenario.lint import lint
from game.scenario.loader import SCENARIO_DIR, load_model, load_scenario

LIBRARY = ["korea-2019", "korea-2017", "six-party-2005", "tutorial", "river-treaty", "walkthrough"]
MINE = [name for name in LIBRARY if name != "korea-2019"]


def test_the_library_is_complete() -> None:
    assert {p.stem for p in SCENARIO_DIR.glob("*.yaml")} >= set(LIBRARY)


@pytest.mark.parametrize("name", LIBRARY)
@pytest.mark.parametrize("bot", ["random", "historical"])
def test_scenario_plays_to_the_end(name: str, bot: str) -> None:
    rules = load_scenario(name)
    for seed in (1, 2):
        bots = {a: make_bot(bot, a, seed) for a in rules.actor_ids}
        result = play_game(rules, seed, bots)
        outcome = result.game.outcome()
        assert outcome is not None
        assert result.faults == [], result.faults[:3]
        assert set(outcome["scores"]) == set(rules.actor_ids)
        assert all(0 <= s <= 100 for s in outcome["scores"].values())
        if not outcome["war"]:
            assert result.game.month == rules.turns


@pytest.mark.parametrize("name", MINE)
def test_library_scenario_files_are_lint_clean(name: str) -> None:
    model, where = load_model(name)
    own = str(SCENARIO_DIR / f"{name}.yaml")
    warnings = [w for w in lint(compile_scenario(model, where), where) if w.where.startswith(own)]
    assert warnings == [], [str(w) for w in warnings]


@pytest.mark.parametrize("name", LIBRARY)
def test_every_option_and_signal_has_a_one_line_explanation(name: str) -> None:
    model, _ = load_model(name)
    for lever in model.levers:
        for option in lever.options:
            assert option.explain.strip(), (lever.id, option.id)
            assert "\n" not in option.explain.strip(), (lever.id, option.id)
    for signal in model.signals:
        assert signal.explain.strip(), signal.id
    for actor in model.actors:
        assert actor.briefing.public.strip() and actor.briefing.secret.strip()


@pytest.mark.parametrize("name", LIBRARY)
def test_each_file_references_the_schema_on_its_first_line(name: str) -> None:
    first = (SCENARIO_DIR / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=../docs/scenario")
    target = first.split("$schema=", 1)[1]
    assert (SCENARIO_DIR / target).resolve().is_file()


def test_korea_2017_is_five_months_without_a_moratorium() -> None:
    rules = load_scenario("korea-2017")
    assert rules.months[0] == "August 2017" and rules.turns == 5
    assert rules.initial["moratorium"] == 0
    events = {e.id for e in rules.events}
    assert {"resolution_2371", "resolution_2375", "resolution_2397"} <= events


def test_korea_2017_resolution_2397_tightens_the_un_petroleum_level() -> None:
    rules = load_scenario("korea-2017")
    bots = {a: make_bot("historical", a, 0) for a in rules.actor_ids}
    game = play_game(rules, 0, bots).game
    if not game.v.get("war"):
        assert game.v["un.refined_petroleum"] == 3
        assert rules.initial["un.refined_petroleum"] == 0


def test_six_party_2005_has_the_joint_statement_and_banco_delta_asia() -> None:
    rules = load_scenario("six-party-2005")
    assert [d.id for d in rules.deadlines] == ["joint_statement", "implementation"]
    assert "banco_delta_asia" in {e.id for e in rules.events}
    assert all(rules.initial[f"un.{s.id}"] == 0 for s in rules.sectors)


def test_the_tutorial_is_three_turns() -> None:
    assert load_scenario("tutorial").turns == 3


def test_the_river_scenario_shares_nothing_with_korea() -> None:
    river = load_scenario("river-treaty")
    korea = load_scenario("korea-2019")
    assert not set(river.actor_ids) & set(korea.actor_ids)
    assert not set(river.lever_by_id) & set(korea.lever_by_id)
    assert river.sanction_target is None and river.moratorium_key is None
    assert len(river.deadlines) == 1


def test_variants_are_short_files() -> None:
    parent = (SCENARIO_DIR / "korea-2019.yaml").read_text(encoding="utf-8")
    for name in ("korea-2017", "six-party-2005"):
        text = (SCENARIO_DIR / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.count("\n") < parent.count("\n") / 3
        assert "extends: korea-2019" in text
