"""Read-only containers: what a bot is handed of the game cannot write back into it.

:func:`frozen` copies a structure of dicts and lists into :class:`ReadOnlyDict` and
:class:`ReadOnlyList`: subclasses of ``dict`` and ``list``, so they compare equal to,
encode to JSON like, and pass ``isinstance`` checks as the plain ones, but every method
that would change them raises ``TypeError`` saying so. ``copy.copy`` / ``copy.deepcopy``
(and ``dict(x)`` / ``list(x)``) give plain, changeable copies.

>>> view = frozen({"proposals": [{"id": 1, "parties": ["us", "dprk"]}]})
>>> view["proposals"][0]["parties"].append("china")
Traceback (most recent call last):
...
TypeError: read-only: a bot's view of the game cannot be changed (copy it first)
>>> view == {"proposals": [{"id": 1, "parties": ["us", "dprk"]}]}
True

Data only: this module imports nothing of the engine.
"""

from __future__ import annotations

import copy
from typing import Any, NoReturn

_WHY = "read-only: a bot's view of the game cannot be changed (copy it first)"


def _refuse(self: object, *args: object, **kwargs: object) -> NoReturn:
    raise TypeError(_WHY)


class ReadOnlyDict(dict[Any, Any]):
    """A ``dict`` that cannot be changed (see the module's docstring)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def copy(self) -> dict[Any, Any]:
        """A plain, changeable shallow copy."""
        return dict(self)

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyDict, (dict(self),))


class ReadOnlyList(list[Any]):
    """A ``list`` that cannot be changed (see the module's docstring)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = remove = pop = clear = sort = reverse = _refuse

    def copy(self) -> list[Any]:
        """A plain, changeable shallow copy."""
        return list(self)

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(x, memo) for x in self]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyList, (list(self),))


def frozen(value: Any) -> Any:
    """A read-only copy of ``value``: dicts and lists (at any depth) become
    :class:`ReadOnlyDict` and :class:`ReadOnlyList`, sets ``frozenset``; read-only
    containers already frozen, and everything else (numbers, strings, tuples of them),
    are shared."""
    kind = type(value)
    if kind is dict:
        return ReadOnlyDict({k: frozen(v) for k, v in value.items()})
    if kind is list:
        return ReadOnlyList([frozen(x) for x in value])
    if kind is set:
        return frozenset(value)
    if kind is tuple:
        return tuple(frozen(x) for x in value)
    return value
