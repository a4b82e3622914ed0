"""Loading scenario files: safe YAML, pydantic validation, errors with file:line:column.

>>> rules = load_scenario("korea-2019")   # a name in scenarios/, or a path
>>> rules.actor_ids[:2]
('us', 'dprk')
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from game.errors import ScenarioError
from game.resources import data_dir
from game.scenario.model import Scenario

SCENARIO_DIR = data_dir("scenarios")

Loc = tuple[int | str, ...]
Locator = Callable[[Loc], str]


def is_scenario_path(name_or_path: str | Path) -> bool:
    """True for a path (it ends in ``.yaml``/``.yml`` or has a folder in it), False for a
    name.

    A name (``korea-2019``) is looked up in the scenario library only, never in the
    current folder.

    >>> is_scenario_path("korea-2019"), is_scenario_path("my.yaml"), is_scenario_path("a/b")
    (False, True, True)
    """
    text = str(name_or_path)
    path = Path(text)
    return path.suffix.lower() in (".yaml", ".yml") or len(path.parts) != 1 or "/" in text


def find_scenario(name_or_path: str | Path) -> Path:
    """Return the file for a scenario name (``korea-2019``) or a path.

    Names are looked up in the scenario library, paths relative to the current folder.

    >>> find_scenario("korea-2019").name
    'korea-2019.yaml'
    """
    if not str(name_or_path).strip():
        raise ScenarioError(["no scenario given: expected a name like korea-2019 or a path"])
    path = Path(name_or_path)
    if is_scenario_path(name_or_path):
        if path.is_dir():
            raise ScenarioError([f"{path}: is a folder, not a scenario file"])
        if not path.is_file():
            named = (SCENARIO_DIR / f"{path.stem}.yaml").is_file()
            hint = f" (did you mean the scenario '{path.stem}'?)" if named else ""
            raise ScenarioError([f"{path}: no such scenario file{hint}"])
        return path
    candidate = SCENARIO_DIR / f"{name_or_path}.yaml"
    if candidate.is_file():
        return candidate
    known = sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))
    hint = suggest(str(name_or_path), known)
    raise ScenarioError(
        [f"unknown scenario '{name_or_path}'{hint}; known scenarios: {', '.join(known) or 'none'}"]
    )


def suggest(word: str, choices: Sequence[str]) -> str:
    """Return `` (did you mean 'x'?)`` for a close match among ``choices``, else ``''``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Positions:
    """Maps a field path (``actors.0.name``) to the line and column in the YAML text."""

    def __init__(self, root: yaml.Node | None, filename: str) -> None:
        self.root = root
        self.filename = filename

    def node(self, loc: Loc) -> tuple[yaml.Node | None, yaml.Node | None]:
        """Return (value node, key node) at ``loc``, stopping at the deepest node found."""
        node = self.root
        key_node: yaml.Node | None = None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                found = None
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                        found = (k, v)
                        break
                if found is None:
                    return node, key_node
                key_node, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return node, key_node
                key_node, node = None, node.value[part]
            else:
                return node, key_node
        return node, key_node

    def where(self, loc: Loc, at_key: bool = False) -> str:
        """``file:line:col`` of the value (or key) at ``loc``."""
        node, key_node = self.node(loc)
        target = key_node if (at_key and key_node is not None) else node
        if target is None:
            return f"{self.filename}:1:1"
        mark = target.start_mark
        # Nodes inherited through ``extends`` carry their own file's name.
        name = mark.name if mark.name and not mark.name.startswith("<") else self.filename
        return f"{name}:{mark.line + 1}:{mark.column + 1}"


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc) or "(top level)"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Best effort: the pydantic model class that holds the last element of ``loc``."""
    import typing

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            for f in current.model_fields.values():
                if f.alias == part:
                    field = f
            if field is None:
                return None
        ann: Any = field.annotation
        while True:
            origin = typing.get_origin(ann)
            args = typing.get_args(ann)
            if origin in (list, dict) and args:
                ann = args[-1]
                continue
            if args and origin is not None:
                models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
                if models:
                    ann = models[0]
                    continue
            break
        current = ann
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _describe(err: Any) -> str:
    kind = err["type"]
    msg = str(err["msg"])
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        return msg.replace("Input should be", "expected")
    return msg.replace("Input should be", "expected").replace(
        "String should", "expected a string to"
    )


def read_yaml(path: Path) -> tuple[Any, _Positions]:
    """Parse a YAML file safely; return the data and its position map.

    A file with ``extends:`` is merged over its parent first (see
    :mod:`game.scenario.inherit`); positions then point into whichever file each part
    came from.
    """
    from game.scenario.inherit import compose_scenario, construct

    root = compose_scenario(path, find_scenario)
    return construct(root), _Positions(root, str(path))


def validate_model(data: Any, positions: _Positions) -> Scenario:
    """Validate parsed YAML against the :class:`Scenario` model, with located errors."""
    if not isinstance(data, dict):
        raise ScenarioError([f"{positions.filename}:1:1: expected a mapping of scenario fields"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc: Loc = tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                holder = _model_at(Scenario, loc)
                names = []
                if holder is not None:
                    names = [f.alias or n for n, f in holder.model_fields.items()]
                hint = suggest(str(loc[-1]), names)
                problems.append(
                    f"{positions.where(loc, at_key=True)}: {_dotted(loc)}: unknown field "
                    f"'{loc[-1]}'{hint}"
                )
            else:
                problems.append(f"{positions.where(loc)}: {_dotted(loc)}: {_describe(err)}")
        raise ScenarioError(problems) from None


def load_model(name_or_path: str | Path) -> tuple[Scenario, Locator]:
    """Read and validate a scenario file; return the model and a locator for later errors."""
    path = find_scenario(name_or_path)
    data, positions = read_yaml(path)
    model = validate_model(data, positions)
    return model, positions.where


def load_scenario(name_or_path: str | Path) -> Any:
    """Load, validate and compile a scenario into engine :class:`~game.scenario.compile.Rules`."""
    from game.scenario.compile import compile_scenario

    model, where = load_model(name_or_path)
    return compile_scenario(model, where)
