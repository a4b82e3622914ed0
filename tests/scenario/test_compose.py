"""Scenario files are composed by libyaml when PyYAML has it (five times faster): the node
trees it gives are the pure-Python parser's, with the same tags, values, file names, lines
and columns; a file it refuses is parsed again by the pure-Python parser, so a syntax
error is worded and placed as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from game import ScenarioError
from game.scenario.inherit import compose_file

ROOT = Path(__file__).resolve().parents[2]
# The test scenarios, the broken ones, a big file with non-ASCII text (columns count
# characters), and a variant that extends it.
FILES = sorted(
    [
        *(ROOT / "tests" / "fixtures").glob("*.yaml"),
        *(ROOT / "tests" / "scenario" / "broken").glob("*.yaml"),
        ROOT / "scenarios" / "korea-2019.yaml",
        ROOT / "docs" / "examples" / "walkthrough-tuned.yaml",
    ]
)


def shape(node: yaml.Node | None) -> Any:
    """Everything of a node tree the loader reads: kinds, tags, values and positions."""
    if node is None:
        return None
    where = tuple(
        (m.name, m.line, m.column) for m in (node.start_mark, node.end_mark)
    )  # fmt: skip
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, where)
    if isinstance(node, yaml.MappingNode):
        items = [(shape(k), shape(v)) for k, v in node.value]
        return ("mapping", node.tag, items, where, node.flow_style)
    return ("sequence", node.tag, [shape(n) for n in node.value], where, node.flow_style)


def pure_python(path: Path) -> yaml.Node | None:
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    loader.name = str(path)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    from game.scenario import inherit

    assert inherit._LIBYAML is getattr(yaml, "CSafeLoader", None)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_nodes_are_the_pure_python_parsers(path: Path) -> None:
    try:
        expected = shape(pure_python(path))
    except yaml.YAMLError:
        with pytest.raises(ScenarioError, match="YAML syntax error"):
            compose_file(path)
        return
    assert shape(compose_file(path)) == expected


def test_a_syntax_error_is_worded_by_the_pure_python_parser(tmp_path: Path) -> None:
    # libyaml says "found character that cannot start any token", without the tab.
    path = tmp_path / "tab.yaml"
    path.write_text("id: x\nactors:\n\t- id: a\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        compose_file(path)
    (problem,) = err.value.problems
    assert problem.startswith(f"{path}:3:1: YAML syntax error: found character '\\t'"), problem
    assert "a tab is not allowed here" in problem
