"""The action space of an actor at this moment."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.engine.readonly import frozen
from game.scenario.compile import memo

if TYPE_CHECKING:
    from game.engine.state import State
    from game.scenario.compile import Rules


# This module's memos: per rules, actor -> static parts; (actor, can_order, negotiation)
# -> template (filled as they are asked for).
_STATIC: Callable[[Rules], dict[str, dict[str, Any]]] = memo(lambda rules: {})
_TEMPLATES: Callable[[Rules], dict[tuple[str, bool, bool], dict[str, Any]]] = memo(lambda rules: {})


def _static(rules: Rules, actor: str) -> dict[str, Any]:
    """The parts of an action space that never change in a game (cached, shared by every
    action space handed out: so read-only, see :mod:`game.engine.readonly`)."""
    cache = _STATIC(rules)
    found = cache.get(actor)
    if found is None:
        others = [a for a in rules.actor_ids if a != actor]
        found = {
            "partners": frozen(others),
            "sectors": frozen([s.id for s in rules.sectors]),
            "levers": frozen(
                {lv.id: [o.id for o in lv.options] for lv in rules.holder_levers[actor]}
            ),
            "signals": frozen(
                {s.id: (others if s.addressee else []) for s in rules.actor_signals[actor]}
            ),
            "commitment_levers": frozen(
                {
                    a: {lv.id: [o.id for o in lv.options] for lv in rules.holder_levers[a]}
                    for a in rules.actor_ids
                }
            ),
            "unsc": rules.unsc and actor in rules.p5,
        }
        cache[actor] = found
    return found


def _template(rules: Rules, actor: str, can_order: bool, negotiation: bool) -> dict[str, Any]:
    """The action space's keys in their fixed order (phase, month, types, partners, then
    the rest), with the values that never change filled in (cached; copy before use)."""
    cache = _TEMPLATES(rules)
    key = (actor, can_order, negotiation)
    found = cache.get(key)
    if found is None:
        static = _static(rules, actor)
        found = {"phase": None, "month": None, "types": None, "partners": static["partners"]}
        if can_order:
            found["levers"] = static["levers"]
            found["signals"] = static["signals"]
            found["max_signals"] = rules.max_signals
            found["stand_up"] = None
        if negotiation:
            found["respond"] = None
            found["withdraw"] = None
            found["commitment_levers"] = static["commitment_levers"]
            if static["unsc"]:
                found["unsc_sectors"] = static["sectors"]
                found["unsc_vote"] = None
        cache[key] = found
    return found


def legal_actions(game: State, actor: str) -> dict[str, Any]:
    """What ``actor`` may do now (see :meth:`game.engine.game.Game.legal_actions`)."""
    rules = game.rules
    phase = game.phase
    month = game.month
    if phase == "over" or actor not in rules.actors:
        return {"phase": phase, "month": month, "types": []}
    can_order = actor not in game.submitted
    negotiation = phase == "negotiation"
    space = _template(rules, actor, can_order, negotiation).copy()
    space["phase"] = phase
    space["month"] = month
    if can_order:
        types = ["message", "orders"]
        stand_up: list[str] = []
        agreements = game.agreements
        if agreements and agreements[-1]["month"] == month:
            partners: set[str] = set()
            for ag in reversed(agreements):  # newest first; stop at last month's
                if ag["month"] != month:
                    break
                if ag["talks"] and actor in ag["parties"]:
                    partners.update(p for p in ag["parties"] if p != actor)
            if partners:
                stand_up = [a for a in space["partners"] if a in partners]
        space["stand_up"] = stand_up
    else:
        types = ["message"]
    space["types"] = types
    if negotiation:
        types.append("propose")
        respond = awaiting_answer(game, actor)
        withdraw = [i for i in game.open_ids if game.proposals[i]["proposer"] == actor]
        if respond:
            types.append("respond")
        if withdraw:
            types.append("withdraw")
        space["respond"] = respond
        space["withdraw"] = withdraw
        if "unsc_vote" in space:
            types.append("unsc_draft")
            votes = open_votes(game, actor)
            if votes:
                types.append("unsc_vote")
            space["unsc_vote"] = votes
        if actor not in game.ready:
            types.append("ready")
    elif phase == "orders" and can_order:
        types.append("ready")
    return space


def awaiting_answer(game: State, actor: str) -> list[int]:
    """Ids of the open proposals ``actor`` is party to and has not answered, oldest first."""
    proposals = game.proposals
    return [
        i
        for i in game.open_ids
        if actor in proposals[i]["parties"] and actor not in proposals[i]["responses"]
    ]


def open_votes(game: State, actor: str) -> list[int]:
    """Ids of the open Security Council drafts ``actor`` has not voted on yet."""
    return [d["id"] for d in game.unsc_drafts if d["status"] == "open" and actor not in d["votes"]]
