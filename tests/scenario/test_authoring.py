"""Authoring tools: `scenario new`, the committed JSON Schemas, the walk-through file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import Game
from game.cli import main
from game.commands.scenario import (
    SCHEMA_FILE,
    VARIANT_SCHEMA_FILE,
    schema_text,
    variant_schema_text,
)
from game.scenario.compile import compile_scenario
from game.scenario.lint import lint
from game.scenario.loader import SCENARIO_DIR, load_model, load_scenario

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"
GUIDE = Path(__file__).parents[2] / "docs" / "authoring.md"


def test_committed_schema_matches_the_model() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: sixparty scenario schema > docs/scenario.schema.json"
    )
    assert VARIANT_SCHEMA_FILE.read_text(encoding="utf-8") == variant_schema_text(), (
        "regenerate: sixparty scenario schema --variant > docs/scenario-variant.schema.json"
    )


def test_variant_schema_requires_only_extends_and_allows_remove() -> None:
    doc = json.loads(variant_schema_text())
    assert doc["required"] == ["extends"]
    assert "remove" in doc["$defs"]["Event"]["properties"]
    assert "required" not in doc["$defs"]["Event"]
    assert doc["$defs"]["Event"]["additionalProperties"] is False


def test_new_writes_a_valid_lint_clean_commented_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "border-crisis.yaml"
    assert main(["scenario", "new", "border-crisis", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "id: border_crisis" in text
    assert text.count("#") > 20  # commented
    model, where = load_model(out)
    assert lint(compile_scenario(model, where), where) == []
    assert "wrote" in capsys.readouterr().out


def test_new_refuses_to_overwrite_and_bad_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("keep me", encoding="utf-8")
    assert main(["scenario", "new", "x", "--out", str(out)]) == 2
    assert out.read_text() == "keep me"
    assert "already exists" in capsys.readouterr().err
    assert main(["scenario", "new", "Bad Name!", "--out", str(tmp_path / "y.yaml")]) == 2
    assert "lower-case" in capsys.readouterr().err


def test_new_in_scenarios_dir_points_at_the_committed_schema(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    main(["scenario", "new", "s", "--out", str(out)])
    ref = out.read_text().splitlines()[0].split("$schema=")[1]
    assert (
        Path(ref).resolve() == SCHEMA_FILE.resolve()
        or (out.parent / ref).resolve() == SCHEMA_FILE.resolve()
    )


def test_new_from_writes_a_short_variant_that_loads(tmp_path: Path) -> None:
    out = tmp_path / "variant.yaml"
    assert main(["scenario", "new", "my-variant", "--from", str(MINI), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "extends:" in text and "scenario-variant.schema.json" in text
    rules = load_scenario(out)
    parent = load_scenario(MINI)
    assert rules.id == "my_variant"
    assert rules.actor_ids == parent.actor_ids
    # The commented examples use the parent's real ids and work when uncommented.
    assert "#   - id: alpha" in text and "#   - id: program" in text
    body, _, examples = text.partition("# ---- Examples")
    uncommented = "\n".join(line[2:] for line in examples.splitlines()[1:] if line.startswith("# "))
    out.write_text(body + uncommented + "\n", encoding="utf-8")
    changed = load_scenario(out)
    assert "aid" not in changed.lever_by_id
    assert changed.lever_by_id["program"].default["beta"] == "continue"
    assert "new_event" in {e.id for e in changed.events}


def test_new_from_a_library_name_into_scenarios_uses_the_name(tmp_path: Path) -> None:
    out = SCENARIO_DIR / "zz-test-variant.yaml"
    try:
        assert (
            main(["scenario", "new", "zz-test-variant", "--from", "tutorial", "--out", str(out)])
            == 0
        )
        assert "\nextends: tutorial\n" in out.read_text(encoding="utf-8")
    finally:
        out.unlink(missing_ok=True)


def test_the_walkthrough_stays_valid_and_lint_clean() -> None:
    model, where = load_model("walkthrough")
    assert lint(compile_scenario(model, where), where) == []


def test_the_guide_shows_the_walkthrough_file_step_by_step() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    walk = (SCENARIO_DIR / "walkthrough.yaml").read_text(encoding="utf-8")
    steps = [line for line in walk.splitlines() if line.startswith("# Step ")]
    assert len(steps) >= 9
    for step in steps:
        assert step[2:] in guide, step
    for section in (
        "Concepts",
        "Walk-through",
        "Expressions",
        "Every field",
        "Variants",
        "Testing",
    ):
        assert f"## {section}" in guide


def test_the_guides_reaction_example_loads_and_fires(tmp_path: Path) -> None:
    """The Reactions section's YAML, as a korea-2019 variant, compiles; its aimed test
    costs the one aimed at some trust in North Korea."""
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide[guide.index("## Reactions") :]
    block = section[section.index("```yaml\n") + 8 : section.index("```\n", 8)]
    assert "trust.target.self" in block and "un.refined_petroleum" in block
    path = tmp_path / "variant.yaml"
    path.write_text("extends: korea-2019\nid: guide\nreplace: [reactions]\n" + block)
    rules = load_scenario(path)
    assert [r.id for r in rules.reactions] == ["snapback", "aimed_test"]
    game = Game(rules, seed=1)
    game.advance()
    test = {"signal": "srbm_test", "target": "china"}
    game.apply({"type": "orders", "actor": "dprk", "signals": [test]})
    game.advance()
    assert game.v["reacted.aimed_test"] == 1.0
    assert game.v["un.refined_petroleum"] == rules.initial["un.refined_petroleum"] + 1
