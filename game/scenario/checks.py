"""Errors the schema alone cannot see, on a validated scenario model.

>>> from game.scenario.loader import load_model
>>> model, where = load_model("korea-2019")
>>> errors(model, where)
[]
"""

from __future__ import annotations

from collections.abc import Callable

from game.scenario import model as m

Loc = tuple[int | str, ...]


def errors(model: m.Scenario, where: Callable[[Loc], str]) -> list[str]:
    """Every problem as ``file:line:col: path: message``: trade shares of a sanctions
    sector that add up to more than the whole trade."""
    out: list[str] = []
    if model.sanctions is not None:
        for si, sector in enumerate(model.sanctions.sectors):
            total = sum(sector.trade_share.values())
            if total > 1.0 + 1e-9:
                loc: Loc = ("sanctions", "sectors", si, "trade_share")
                shares = " + ".join(f"{k} {v:g}" for k, v in sector.trade_share.items())
                out.append(
                    f"{where(loc)}: sanctions.sectors.{si}.trade_share: the shares of sector "
                    f"'{sector.id}' add up to {total:.2f} ({shares}); they are parts of its "
                    "trade and must add up to 1 or less ('rest' is the rest of the world)"
                )
    return out
