"""Every subcommand and every argument of the command line says what it is for."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from game.cli import build_parser
from tests.commands.conftest import Run


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ("sixparty",)
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, argparse.Action]]:
    """Every (command path, parser, argument) of the tree, subcommands included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from walk(sub, (*path, name))
        yield path, parser, action


def test_every_argument_of_every_subcommand_has_help() -> None:
    missing = [
        f"{' '.join(path)} {'/'.join(action.option_strings) or action.dest}"
        for path, _parser, action in walk(build_parser())
        if not action.help or action.help == argparse.SUPPRESS
    ]
    assert missing == []


def test_every_subcommand_has_a_summary_and_a_description() -> None:
    without = []
    for path, _parser, action in walk(build_parser()):
        if isinstance(action, argparse._SubParsersAction):
            summaries = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if not summaries.get(name) or not sub.description:
                    without.append(" ".join((*path, name)))
    assert without == []


def test_the_walk_sees_the_whole_tree() -> None:
    """The test above would pass on an empty tree: check that it reaches the leaves."""
    seen = {(" ".join(path), action.dest) for path, _p, action in walk(build_parser())}
    assert ("sixparty scenario validate", "paths") in seen
    assert ("sixparty room create", "timers") in seen
    assert ("sixparty tournament", "out") in seen


def test_validate_says_it_takes_a_name_or_a_path(sixparty: Run) -> None:
    result = sixparty("scenario", "validate", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "usage: sixparty scenario validate [-h] SCENARIO [SCENARIO ...]" in text
    assert "a scenario name (korea-2019) or a path to a YAML file" in text
