"""Inheritance: a variant `extends` a parent and overrides, adds or removes items."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import load_model, load_scenario

BASE = Path(__file__).parent / "broken" / "base.yaml"


def variant(tmp_path: Path, text: str, name: str = "child.yaml") -> Path:
    (tmp_path / "base.yaml").write_text(BASE.read_text(), encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_variant_with_only_an_id_inherits_everything(tmp_path: Path) -> None:
    rules = load_scenario(variant(tmp_path, "extends: base.yaml\nid: child\n"))
    parent = load_scenario(BASE)
    assert rules.id == "child"
    assert rules.name == parent.name
    assert rules.actor_ids == parent.actor_ids
    assert [lv.id for lv in rules.levers] == [lv.id for lv in parent.levers]


def test_items_with_the_same_id_merge_field_by_field(tmp_path: Path) -> None:
    model, _ = load_model(
        variant(
            tmp_path,
            """extends: base.yaml
id: child
levers:
  - id: policy
    default: hard
    options:
      - id: hard
        explain: Squeeze harder.
        effects: {economy: -6}
""",
        )
    )
    lever = model.levers[0]
    assert lever.default == "hard"
    assert lever.name == "Policy"  # inherited
    hard = lever.options[1]
    assert hard.explain == "Squeeze harder."
    assert hard.name == "Hard"
    assert hard.effects == {"economy": -6, "tension": 2}  # mappings merge key by key
    assert [o.id for o in lever.options] == ["soft", "hard"]


def test_new_ids_are_appended_and_remove_deletes(tmp_path: Path) -> None:
    model, _ = load_model(
        variant(
            tmp_path,
            """extends: base.yaml
id: child
events:
  - {id: storm, remove: true}
  - {id: flood, name: Flood, month: 1, news: A flood., effects: {economy: -2}}
actors:
  - id: gamma
    name: Gamma
    colour: "#009E73"
    briefing: {public: Gamma watches., secret: Gamma wants trade.}
objectives:
  gamma: [{id: calm, name: Calm, explain: Calm., score: 1 - tension / 100}]
""",
        )
    )
    assert [e.id for e in model.events] == ["flood"]
    assert [a.id for a in model.actors] == ["alpha", "beta", "gamma"]
    assert set(model.objectives) == {"alpha", "beta", "gamma"}


def test_plain_lists_and_scalars_replace(tmp_path: Path) -> None:
    rules = load_scenario(
        variant(
            tmp_path,
            "extends: base.yaml\nid: child\nmonths: [M1, M2]\nlevers: [{id: policy, holders: [beta]}]\n",
        )
    )
    assert rules.months == ("M1", "M2")
    assert rules.lever_by_id["policy"].holders == ("beta",)


def test_remove_a_mapping_key(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        """extends: base.yaml
id: child
actors:
  - {id: beta, remove: true}
  - id: gamma
    name: Gamma
    colour: "#009E73"
    briefing: {public: Gamma watches., secret: Gamma wants trade.}
variables: [{id: economy, owner: gamma}]
objectives:
  beta: {remove: true}
  gamma: [{id: growth, name: Growth, explain: Grow., score: economy / 100}]
""",
    )
    rules = load_scenario(path)
    assert rules.actor_ids == ("alpha", "gamma")
    assert set(rules.objectives) == {"alpha", "gamma"}


def test_removing_an_actor_still_referenced_is_reported_in_the_parent(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        """extends: base.yaml
id: child
actors:
  - {id: beta, remove: true}
  - id: gamma
    name: Gamma
    colour: "#009E73"
    briefing: {public: Gamma watches., secret: Gamma wants trade.}
objectives:
  beta: {remove: true}
  gamma: [{id: calm, name: Calm, explain: Calm., score: 1 - tension / 100}]
""",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert any(
        p.startswith(f"{tmp_path / 'base.yaml'}:17:") and "'beta'" in p for p in info.value.problems
    ), info.value.problems


def test_replace_takes_a_field_whole(tmp_path: Path) -> None:
    model, _ = load_model(
        variant(
            tmp_path,
            """extends: base.yaml
id: child
replace: [levers.policy.options]
levers:
  - id: policy
    default: only
    options: [{id: only, name: Only, explain: The only way.}]
""",
        )
    )
    assert [o.id for o in model.levers[0].options] == ["only"]


def test_a_chain_of_variants(tmp_path: Path) -> None:
    variant(tmp_path, "extends: base.yaml\nid: middle\nmonths: [May, June, July]\n", "middle.yaml")
    path = variant(tmp_path, "extends: middle.yaml\nid: leaf\nname: Leaf\n", "leaf.yaml")
    rules = load_scenario(path)
    assert (rules.id, rules.name, rules.turns) == ("leaf", "Leaf", 3)


def test_circular_inheritance_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nid: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nid: b\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="circular inheritance"):
        load_model(tmp_path / "a.yaml")


def test_extends_by_scenario_name(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text("extends: korea-2019\nid: korea_variant\nname: Variant\n", encoding="utf-8")
    rules = load_scenario(path)
    assert rules.id == "korea_variant"
    assert rules.actor_ids == load_scenario("korea-2019").actor_ids


def test_errors_in_the_child_point_into_the_child(tmp_path: Path) -> None:
    path = variant(
        tmp_path, "extends: base.yaml\nid: child\nactors:\n  - id: beta\n    p5: maybe\n"
    )
    with pytest.raises(ScenarioError) as info:
        load_model(path)
    assert info.value.problems[0].startswith(f"{path}:5:9: actors.1.p5:")


def test_remove_outside_a_variant_is_an_unknown_field(tmp_path: Path) -> None:
    text = BASE.read_text().replace("  - {id: storm,", "  - {remove: true, id: storm,")
    path = tmp_path / "plain.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match="unknown field 'remove'"):
        load_model(path)
