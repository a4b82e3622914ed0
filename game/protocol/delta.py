"""Applying a ``view_delta`` to the view it was made from (for clients).

>>> view = {"type": "view", "request_id": None, "room": "K7QX2M", "seq": 4, "version": 9,
...         "viewer": "us", "view": {"month": 1, "messages": [{"text": "hi"}]},
...         "legal": {"types": ["ready"]}, "deadline": None, "remaining": None,
...         "state_hash": None, "started": True, "paused_remaining": None}
>>> delta = {"type": "view_delta", "request_id": None, "room": "K7QX2M", "seq": 5,
...          "version": 12, "base_version": 9, "viewer": "us", "view": {},
...          "append": {"messages": [{"text": "ho"}]}, "removed": [], "legal": None,
...          "deadline": None, "remaining": None, "state_hash": None, "started": True,
...          "paused_remaining": None}
>>> new = apply_delta(view, delta)
>>> new["version"], [m["text"] for m in new["view"]["messages"]], new["legal"]
(12, ['hi', 'ho'], {'types': ['ready']})
"""

from __future__ import annotations

from typing import Any

from game.errors import SixPartyError

Message = dict[str, Any]

_FIELDS = ("room", "seq", "version", "deadline", "remaining", "state_hash", "started")


class DeltaMismatch(SixPartyError):
    """A ``view_delta`` was made from another view than the one held: ask for a ``sync``."""


def applies_to(view: Message | None, delta: Message) -> bool:
    """True when ``delta`` was made from ``view`` (same viewer, same version)."""
    return (
        view is not None
        and delta.get("base_version") == view.get("version")
        and delta.get("viewer") == view.get("viewer")
    )


def apply_delta(view: Message, delta: Message) -> Message:
    """The full ``view`` message that ``delta`` makes of ``view``: a new dict, ``view``
    and its lists are left as they were (unchanged values are shared).

    Raises :class:`DeltaMismatch` when ``delta`` was made from another view.
    """
    if not applies_to(view, delta):
        raise DeltaMismatch(
            f"view_delta from version {delta.get('base_version')} of "
            f"{delta.get('viewer')!r} cannot apply to version {view.get('version')} of "
            f"{view.get('viewer')!r}: ask for a full view (sync)"
        )
    body = dict(view["view"])
    body.update(delta.get("view") or {})
    for key, items in (delta.get("append") or {}).items():
        body[key] = [*body.get(key, []), *items]
    for key in delta.get("removed") or []:
        body.pop(key, None)
    out = dict(view)
    for key in _FIELDS:
        out[key] = delta.get(key)
    out["paused_remaining"] = delta.get("paused_remaining")
    out["type"] = "view"
    out["request_id"] = None
    out["view"] = body
    if delta.get("legal") is not None:
        out["legal"] = delta["legal"]
    return out
