"""Per-scenario lookup tables the action handlers and the state's ids read (built once
per rules). Data only: this module imports nothing of the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.compile import memo

if TYPE_CHECKING:
    from game.scenario.compile import OptionRule, Rules, SignalRule


class Tables:
    """Per-scenario lookup tables for validating actions, built once per rules."""

    __slots__ = ("rank", "own_levers", "own_pairs", "own_signals", "sectors")

    def __init__(self, rules: Rules) -> None:
        # actor -> position in the scenario's order (for sorting actor lists)
        self.rank: dict[str, int] = {a: i for i, a in enumerate(rules.actor_ids)}
        # actor -> {lever id: {option id: option}} of the levers it holds
        self.own_levers: dict[str, dict[str, dict[str, OptionRule]]] = {
            a: {lv.id: lv.by_id for lv in rules.holder_levers[a]} for a in rules.actor_ids
        }
        # actor -> {(lever id, option id)} of the levers it holds
        self.own_pairs: dict[str, frozenset[tuple[str, str]]] = {
            a: frozenset((lid, oid) for lid, by_id in levers.items() for oid in by_id)
            for a, levers in self.own_levers.items()
        }
        # actor -> {signal id: signal} it may send
        self.own_signals: dict[str, dict[str, SignalRule]] = {
            a: {sig.id: sig for sig in rules.actor_signals[a]} for a in rules.actor_ids
        }
        self.sectors: frozenset[str] = frozenset(s.id for s in rules.sectors)


def tables(rules: Rules) -> Tables:
    """The lookup tables of ``rules`` (built on first use)."""
    return _tables(rules)


_tables = memo(Tables)
