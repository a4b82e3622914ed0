"""``sixparty scenario``: validate scenario files and print the JSON Schema."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game.errors import ScenarioError


def register(sub: Any) -> None:
    """Add the ``scenario`` subcommand group."""
    p = sub.add_parser("scenario", help="tools for scenario authors: validate, schema")
    ssub = p.add_subparsers(dest="scenario_command", metavar="ACTION")
    v = ssub.add_parser(
        "validate", help="check a scenario file; print every error with file:line:column"
    )
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.set_defaults(func=validate)
    s = ssub.add_parser("schema", help="print the JSON Schema of scenario files")
    s.set_defaults(func=schema)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def validate(args: argparse.Namespace) -> int:
    """Validate each file; exit 0 with a summary, or 1 with every error."""
    from game.scenario.loader import load_scenario

    failed = 0
    for path in args.paths:
        try:
            rules = load_scenario(path)
        except ScenarioError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"{path}: {len(exc.problems)} error(s)", file=sys.stderr)
            continue
        n_opts = sum(len(lv.options) for lv in rules.levers)
        print(
            f"{path}: ok - '{rules.name}': {len(rules.actor_ids)} actors, {rules.turns} turns, "
            f"{len(rules.keys)} variables, {len(rules.levers)} levers ({n_opts} options), "
            f"{len(rules.signals)} signals, {len(rules.events)} events, {len(rules.deadlines)} deadlines"
        )
    return 1 if failed else 0


def schema_text() -> str:
    """The JSON Schema of scenario files, as committed under docs/."""
    from game.scenario.model import Scenario

    doc = Scenario.model_json_schema(by_alias=True)
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc["title"] = "Six-Party scenario"
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema."""
    print(schema_text(), end="")
    return 0
