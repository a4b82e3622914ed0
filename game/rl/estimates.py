"""The variables part of an RL observation, computed for a whole table at once.

:func:`game.engine.view.visible_values` is the rule: what a viewer sees of each variable
(exact, estimated or hidden) and how an estimate's range is drawn. It works key by key
in Python; for a learner that asks it for six viewers every month it is the largest
cost of an observation. :class:`Estimates` computes the same numbers with numpy, from
the view's own plan (``_plan``: who sees what, with what half-width) and noise draws
(``_noise_row``), repeating the view's arithmetic operation by operation, and Python's
``round`` exactly (:func:`round_like_python`).

Because it repeats the view's arithmetic, it checks itself: the first time it serves a
viewer it compares its answer with ``visible_values`` on the game's values and on
random tables within the bounds; on any difference it gives up for good and
:meth:`Estimates.table` calls ``visible_values`` itself. Observations are then right,
only slower; a test fails (``fast`` is false) so that the copy gets updated.

It must not change the game, and never shows a viewer more than ``visible_values``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from game.engine.view import MIN_ESTIMATE_SPAN, _noise_row, _plan, visible_values

if TYPE_CHECKING:
    from game.engine.game import Game


def round_like_python(x: np.ndarray, digits: int) -> np.ndarray:
    """``[round(a, digits) for a in x]`` as a float64 array, without a Python call per
    element where the answer is clear.

    Python rounds the exact binary value to the nearest decimal with ``digits`` digits
    and returns the double nearest that decimal. ``rint(x * 10**digits) / 10**digits``
    is the same double (the division is correctly rounded) unless ``x * 10**digits``
    lies so close to a half that the product's own rounding could tip it: those few
    elements are rounded by Python itself.
    """
    scale = 10.0**digits
    y = x * scale
    out: np.ndarray = np.rint(y) / scale
    near = np.abs(y - np.floor(y) - 0.5) < 1e-6
    if near.any():
        for i in np.flatnonzero(near).tolist():
            out[i] = round(float(x[i]), digits)
    return out


class _Plan:
    """One viewer's plan as arrays: which keys it sees exactly, which as estimates."""

    def __init__(self, game: Game, viewer: str, index: Mapping[str, int]) -> None:
        rows = _plan(game, viewer)
        self.exact = [r for r in rows if isinstance(r, str)]
        est = [r for r in rows if not isinstance(r, str)]
        self.est = [r[0] for r in est]
        self.exact_at = np.array([index[k] for k in self.exact], dtype=np.intp)
        self.est_at = np.array([index[k] for k in self.est], dtype=np.intp)
        half = np.array([r[1] for r in est], dtype=np.float64)
        self.lo_b = np.array([r[2] for r in est], dtype=np.float64)
        self.hi_b = np.array([r[3] for r in est], dtype=np.float64)
        span = self.hi_b - self.lo_b
        # the view's: half = max(half, MIN_ESTIMATE_SPAN * span / 2.0, 0.1)
        self.half = np.maximum(np.maximum(half, MIN_ESTIMATE_SPAN * span / 2.0), 0.1)
        self.wide = 2.0 * self.half >= span  # the whole bounds are shown
        self.wide_low = round_like_python(self.lo_b, 1)
        self.wide_high = round_like_python(self.hi_b, 1)


class Estimates:
    """What ``visible_values`` shows each viewer, as the middle of each range, for a
    whole table at once (see the module docstring)."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys
        self.index = {k: i for i, k in enumerate(keys)}
        self.fast = True
        self._plans: dict[str, _Plan] = {}
        self._noise: dict[tuple[int, str, int], np.ndarray] = {}

    def table(self, game: Game, viewer: str, values: np.ndarray) -> dict[str, Any] | np.ndarray:
        """The viewer's table now: an array of shown values (estimates as the middle of
        their range, hidden ones NaN) in ``keys`` order, or, once the fast path has been
        found wrong, ``visible_values`` itself (a dict, as the view gives it)."""
        if self.fast:
            plan = self._plans.get(viewer)
            if plan is None:
                plan = self._plans[viewer] = _Plan(game, viewer, self.index)
                if not self._agrees(game, viewer, values):
                    self.fast = False
            if self.fast:
                return self._compute(game, viewer, plan, values, game.month)
        return visible_values(game, viewer, game.v, game.month)

    def _noise_of(self, game: Game, viewer: str, plan: _Plan, month: int) -> np.ndarray:
        key = (game.seed, viewer, month)
        found = self._noise.get(key)
        if found is None:
            if len(self._noise) > 64:
                self._noise.clear()
            row = _noise_row(game, viewer, month)
            found = self._noise[key] = np.array([row[k] for k in plan.est], dtype=np.float64)
        return found

    def _compute(
        self, game: Game, viewer: str, plan: _Plan, values: np.ndarray, month: int
    ) -> np.ndarray:
        out = np.full(len(self.keys), np.nan)
        out[plan.exact_at] = round_like_python(values[plan.exact_at], 2)
        if plan.est:
            value = values[plan.est_at]
            half = plan.half
            noise = self._noise_of(game, viewer, plan, month)
            centre = value + (2.0 * noise - 1.0) * half
            low = np.minimum(np.maximum(plan.lo_b, centre - half), plan.hi_b - 2.0 * half)
            low = round_like_python(low, 1)
            high = round_like_python(low + 2.0 * half, 1)
            low = np.where(plan.wide, plan.wide_low, low)
            high = np.where(plan.wide, plan.wide_high, high)
            out[plan.est_at] = (low + high) / 2.0
        return out

    def _agrees(self, game: Game, viewer: str, values: np.ndarray) -> bool:
        """Whether the fast path gives what ``visible_values`` gives for ``viewer``: on
        ``values`` and on random tables within the bounds, this month and the last."""
        plan = self._plans[viewer]
        rng = random.Random(f"{game.seed}|{viewer}")
        bounds = game.rules.bounds
        tables = [dict(zip(self.keys, values.tolist(), strict=True))]
        for _ in range(8):
            tables.append({k: rng.uniform(bounds[k][0], bounds[k][1]) for k in self.keys})
        edges = {k: bounds[k][rng.randrange(2)] for k in self.keys}  # values at a bound
        tables.append(edges)
        for month in sorted({game.month, game.rules.turns}):
            for table in tables:
                seen = visible_values(game, viewer, table, month)
                got = self._compute(
                    game, viewer, plan, np.array([table[k] for k in self.keys]), month
                )
                if not _same(seen, got, self.index):
                    return False
        return True


def _same(seen: dict[str, Any], got: np.ndarray, index: Mapping[str, int]) -> bool:
    """Whether ``got`` (middles) matches the view's table ``seen`` exactly."""
    if int(np.count_nonzero(~np.isnan(got))) != len(seen):
        return False
    for key, x in seen.items():
        if isinstance(x, dict):
            x = (x["low"] + x["high"]) / 2.0
        if got[index[key]] != x:
            return False
    return True
