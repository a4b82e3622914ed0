"""Checks on a client's text frame made before the protocol models parse it.

Two kinds of input are refused here, each with its own error code, and neither harms the
connection or the room:

* ``too_deep``: JSON nested deeper than :data:`MAX_DEPTH` arrays and objects. The depth
  is counted by a flat scan (strings skipped), so no parser recurses into such a frame.
* ``bad_number``: ``NaN``, ``Infinity``, ``-Infinity`` or a number too large for a
  double (``1e999``), anywhere in the frame. They are not JSON; a strict client cannot
  read a view that carried one, and nothing the server sends may be invalid JSON.

>>> check_frame('{"type": "ping"}') is None
True
>>> check_frame('{"type": "action", "request_id": 3, "action": {"effects": {"tension": NaN}}}')
('bad_number', "'NaN' at action.effects.tension is not a JSON number (NaN, Infinity and numbers beyond a double are refused)", 'action.effects.tension', 3)
>>> check_frame("[" * 40 + "]" * 40)[0]
'too_deep'
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects a client frame may have (the protocol's deepest
message, an action with commitments, has 4)."""

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(raw: str, limit: int = MAX_DEPTH) -> bool:
    """Whether ``raw`` nests arrays and objects deeper than ``limit`` (strings skipped).

    A flat scan: constant stack, linear time, whatever the frame holds."""
    if raw.count("[") + raw.count("{") <= limit:
        return False
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub("", raw)):
        if m.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class _Bad:
    """A number JSON has no word for, as found in a frame."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _float(text: str) -> float | _Bad:
    value = float(text)
    return value if math.isfinite(value) else _Bad(text)


def _find_bad(value: Any, path: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]] | None:
    """The first non-finite number in a parsed frame and its path (iterative)."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, _Bad):
            return item.text, where
        if isinstance(item, dict):
            stack.extend((v, (*where, str(k))) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((v, (*where, str(i))) for i, v in reversed(list(enumerate(item))))
    return None


def _request_id(data: Any) -> str | int | None:
    rid = data.get("request_id") if isinstance(data, dict) else None
    if isinstance(rid, bool) or not isinstance(rid, str | int):
        return None
    return rid


def check_frame(raw: str) -> tuple[str, str, str | None, str | int | None] | None:
    """``None`` for a frame the protocol models may parse; else ``(code, message,
    field, request_id)`` of the refusal (the request id when it could be read)."""
    if too_deep(raw):
        return (
            "too_deep",
            f"the frame nests arrays and objects more than {MAX_DEPTH} deep; refused unread",
            None,
            None,
        )
    try:
        data = json.loads(raw, parse_constant=_Bad, parse_float=_float)
    except (ValueError, RecursionError):
        return None  # not JSON: the protocol models say what is wrong (bad_json)
    found = _find_bad(data)
    if found is None:
        return None
    text, path = found
    field = ".".join(path) or None
    where = f" at {field}" if field else ""
    return (
        "bad_number",
        f"{text!r}{where} is not a JSON number (NaN, Infinity and numbers beyond a double "
        "are refused)",
        field,
        _request_id(data),
    )


def request_id_of(raw: str) -> str | int | None:
    """The ``request_id`` of a frame that failed validation, if it can be read safely."""
    if too_deep(raw):
        return None
    try:
        return _request_id(json.loads(raw))
    except (ValueError, RecursionError):
        return None
