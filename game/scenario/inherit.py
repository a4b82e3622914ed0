"""Scenario inheritance: ``extends:`` merges a child file over its parent, on YAML nodes.

A variant is a short file::

    extends: korea-2019          # a scenario name, or a path relative to this file
    id: korea-2019-hawks
    name: Korea 2019, hawkish Washington
    levers:
      - id: us_stance            # same id: merged into the parent's lever
        default: hardline
      - id: inter_korean         # remove: true deletes the parent's item
        remove: true
    events:
      - id: new_event            # a new id is appended
        ...

The rules, applied recursively:

* **mappings** merge key by key: a key only in the child is added; a key in both is merged;
  a value ``{remove: true}`` deletes the parent's key;
* **lists whose items all have an** ``id`` (actors, variables, levers, options, signals,
  events, deadlines, objectives, ...) merge by id: a child item with a parent's id is
  merged into it (so only the changed fields need be written), a new id is appended at
  the end, and an item with ``remove: true`` deletes the parent's item;
* every **other list** (``months``, ``holders``, ``tags``, ...) and every **scalar** in the
  child replaces the parent's;
* ``replace: [events, history]`` (top level) lists dotted field paths that the child
  replaces wholesale instead of merging.

The merge is done on composed YAML nodes, before validation, so every node keeps the
position (file, line, column) it came from: an error in an inherited part points into
the parent file, an error in the override points into the child.
"""

from __future__ import annotations

import io
import os
import re
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from game.errors import ScenarioError

MAX_DEPTH = 8
"""Longest chain of ``extends`` followed before giving up."""

_TRUE = {"true", "yes", "on", "y"}
_BOOL_TAG = "tag:yaml.org,2002:bool"

Finder = Callable[[str, Path], Path]

_LIBYAML: Any = getattr(yaml, "CSafeLoader", None)
"""PyYAML's libyaml parser when it was built with it: the same nodes and marks as the
pure-Python one, five times faster. A file it refuses is parsed again by the pure-Python
parser, whose words (and position) every syntax error reports."""


def compose_file(path: Path) -> yaml.Node | None:
    """Compose a YAML file into a node tree whose marks carry the file's name.

    Raises :class:`ScenarioError` with file:line:column on a syntax error.
    """
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise ScenarioError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise ScenarioError(
            [
                f"{path}:{line}:{column}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                "save the file as UTF-8"
            ]
        ) from None
    if _LIBYAML is not None:
        stream = io.StringIO(text)
        stream.name = str(path)  # libyaml's marks carry the stream's name
        fast = _LIBYAML(stream)
        try:
            found: yaml.Node | None = fast.get_single_node()
            return found
        except Exception:  # the pure-Python parser below words the error
            pass
        finally:
            fast.dispose()
    loader = yaml.SafeLoader(text)
    loader.name = str(path)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(
            [f"{where}: YAML syntax error: {problem} ({plain_yaml_hint(str(problem))})"]
        ) from None
    finally:
        loader.dispose()


def plain_yaml_hint(problem: str) -> str:
    """A plain sentence beside PyYAML's own words for a syntax error.

    >>> plain_yaml_hint("found character '\\t' that cannot start any token")
    'in plain words: a tab is not allowed here; indent with spaces'
    """
    if "\\t" in problem or "\t" in problem:
        return "in plain words: a tab is not allowed here; indent with spaces"
    if "mapping values are not allowed" in problem:
        return (
            "in plain words: a ':' inside a value; put the value in quotes, or check "
            "that this key is indented under the right parent"
        )
    if "could not find expected ':'" in problem:
        return "in plain words: a key here has no ':' after it, or a line is wrapped"
    if "found unexpected end of stream" in problem:
        return "in plain words: a quote or bracket opened here is never closed"
    return (
        "in plain words: this line is probably indented differently from the lines "
        "around it; items of one list or mapping must start in the same column (use "
        "spaces), and a '- ' item must not sit where a 'key: value' is expected"
    )


def construct(node: yaml.Node | None) -> object:
    """Turn a (possibly merged) node tree into plain Python data, safely."""
    if node is None:
        return None
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def where(node: yaml.Node) -> str:
    """``file:line:col`` of a node."""
    mark = node.start_mark
    return f"{mark.name}:{mark.line + 1}:{mark.column + 1}"


def _get(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _is_remove(node: yaml.Node) -> bool:
    if not isinstance(node, yaml.MappingNode):
        return False
    found = _get(node, "remove")
    if found is None:
        return False
    value = found[1]
    return (
        isinstance(value, yaml.ScalarNode)
        and value.tag == _BOOL_TAG
        and value.value.lower() in _TRUE
    )


def _item_id(node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    found = _get(node, "id")
    if found is None or not isinstance(found[1], yaml.ScalarNode):
        return None
    return str(found[1].value)


def _key(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


class _Merger:
    """Merges a child node tree over a parent; collects problems with positions."""

    def __init__(self, replace: set[str]) -> None:
        self.replace = replace
        self.problems: list[str] = []

    def merge(self, parent: yaml.Node, child: yaml.Node, path: str) -> yaml.Node:
        if path in self.replace:
            return child
        if isinstance(parent, yaml.MappingNode) and isinstance(child, yaml.MappingNode):
            return self.mapping(parent, child, path)
        if isinstance(parent, yaml.SequenceNode) and isinstance(child, yaml.SequenceNode):
            items = [*parent.value, *child.value]
            if items and all(_item_id(i) is not None for i in items):
                return self.by_id(parent, child, path)
        return child

    def mapping(self, parent: yaml.MappingNode, child: yaml.MappingNode, path: str) -> yaml.Node:
        entries = list(parent.value)
        for k, v in child.value:
            name = _key(k)
            index = next(
                (i for i, (pk, _) in enumerate(entries) if name is not None and _key(pk) == name),
                None,
            )
            sub = f"{path}.{name}" if path else str(name)
            if _is_remove(v):
                if index is None:
                    self._missing(k, sub, [str(_key(pk)) for pk, _ in entries])
                else:
                    del entries[index]
            elif index is None:
                entries.append((k, v))
            else:
                pk, pv = entries[index]
                entries[index] = (pk, self.merge(pv, v, sub))
        return yaml.MappingNode(
            child.tag, entries, child.start_mark, child.end_mark, child.flow_style
        )

    def by_id(self, parent: yaml.SequenceNode, child: yaml.SequenceNode, path: str) -> yaml.Node:
        items = list(parent.value)
        for item in child.value:
            item_id = _item_id(item)
            index = next((i for i, p in enumerate(items) if _item_id(p) == item_id), None)
            if _is_remove(item):
                if index is None:
                    self._missing(item, f"{path}.{item_id}", [str(_item_id(p)) for p in items])
                else:
                    del items[index]
            elif index is None:
                self._new_item(item, path, str(item_id), [str(_item_id(p)) for p in parent.value])
                items.append(item)
            else:
                items[index] = self.merge(items[index], item, f"{path}.{item_id}")
        return yaml.SequenceNode(
            child.tag, items, child.start_mark, child.end_mark, child.flow_style
        )

    def _new_item(self, node: yaml.Node, path: str, item_id: str, known: list[str]) -> None:
        """A new id in a variant that lacks required fields is most likely a typo of a
        parent's id: say so once, instead of one "required field is missing" per field."""
        from game.scenario.loader import suggest

        holder = item_model(path)
        if holder is None or not isinstance(node, yaml.MappingNode):
            return
        given = {_key(k) for k, _ in node.value}
        missing = [
            f.alias or n
            for n, f in holder.model_fields.items()
            if f.is_required() and (f.alias or n) not in given
        ]
        if not missing:
            return
        kind = re.sub(r"(?<!^)(?=[A-Z])", " ", holder.__name__).lower()
        self.problems.append(
            f"{where(node)}: {path}.{item_id}: no {kind} '{item_id}' in the parent"
            f"{suggest(item_id, known)}; to add a new one, give {', '.join(missing)}"
        )

    def _missing(self, node: yaml.Node, path: str, known: list[str]) -> None:
        from game.scenario.loader import suggest

        name = path.rsplit(".", 1)[-1]
        self.problems.append(
            f"{where(node)}: {path}: cannot remove '{name}': the parent has no such item"
            f"{suggest(name, known)}"
        )


def item_model(path: str) -> type[BaseModel] | None:
    """The model class of the items of the list at a dotted merge path
    (``levers.border.options`` -> :class:`~game.scenario.model.Option`).

    >>> item_model("levers.border.options").__name__, item_model("objectives.us").__name__
    ('Option', 'Objective')
    """
    from game.scenario.model import Scenario

    ann: Any = Scenario
    for seg in [p for p in path.split(".") if p]:
        ann = _unwrap(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            field = ann.model_fields.get(seg) or next(
                (f for f in ann.model_fields.values() if f.alias == seg), None
            )
            if field is None:
                return None
            ann = field.annotation
        elif typing.get_origin(ann) in (list, dict):
            ann = typing.get_args(ann)[-1]  # seg is an item's id or a mapping key
        else:
            return None
    ann = _unwrap(ann)
    if typing.get_origin(ann) is list:
        ann = _unwrap(typing.get_args(ann)[0])
    return ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None


def _unwrap(ann: Any) -> Any:
    """``X | None`` -> ``X``."""
    args = [a for a in typing.get_args(ann) if a is not type(None)]
    if typing.get_origin(ann) in (types.UnionType, typing.Union) and len(args) == 1:
        return args[0]
    return ann


def _pop(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for i, (k, v) in enumerate(node.value):
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            del node.value[i]
            found: yaml.Node = v
            return found
    return None


def resolve_parent(ref: str, child: Path, find: Callable[[str], Path]) -> Path:
    """The file an ``extends:`` names: a path relative to the child's folder, or a name."""
    candidate = Path(os.path.normpath(child.parent / ref))
    if candidate.is_file():
        return candidate
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        raise ScenarioError([f"no such file '{ref}' (looked in {child.parent})"])
    return find(ref)


def compose_scenario(path: Path, find: Callable[[str], Path]) -> yaml.Node | None:
    """Compose a scenario file and, if it ``extends`` another, merge it over its parent.

    ``find`` turns a scenario name into a file (see :func:`~game.scenario.loader.find_scenario`).
    Raises :class:`ScenarioError` on a cycle, a missing parent or a bad ``remove``.
    """
    return _compose(path, find, [])


def _compose(path: Path, find: Callable[[str], Path], chain: list[Path]) -> yaml.Node | None:
    resolved = path.resolve()
    if resolved in chain:
        names = " -> ".join(str(p.name) for p in [*chain, resolved])
        raise ScenarioError([f"{path}: extends: circular inheritance ({names})"])
    if len(chain) >= MAX_DEPTH:
        raise ScenarioError([f"{path}: extends: more than {MAX_DEPTH} levels of inheritance"])
    node = compose_file(path)
    if not isinstance(node, yaml.MappingNode):
        return node
    found = _get(node, "extends")
    if found is None:
        return node
    ref_node = found[1]
    if not isinstance(ref_node, yaml.ScalarNode) or not ref_node.value:
        raise ScenarioError(
            [f"{where(ref_node)}: extends: expected a scenario name or a relative path"]
        )
    try:
        parent_path = resolve_parent(str(ref_node.value), path, find)
    except ScenarioError as exc:
        raise ScenarioError([f"{where(ref_node)}: extends: {exc.problems[-1]}"]) from None
    parent = _compose(parent_path, find, [*chain, resolved])
    if not isinstance(parent, yaml.MappingNode):
        raise ScenarioError([f"{where(ref_node)}: extends: '{parent_path}' is not a scenario"])
    replace_node = _get(node, "replace")
    replace: set[str] = set()
    if replace_node is not None:
        value = replace_node[1]
        if isinstance(value, yaml.SequenceNode):
            replace = {str(v.value) for v in value.value if isinstance(v, yaml.ScalarNode)}
    _pop(parent, "extends")
    _pop(parent, "replace")
    merger = _Merger(replace)
    merged = merger.mapping(parent, node, "")
    if merger.problems:
        raise ScenarioError(merger.problems)
    return merged
