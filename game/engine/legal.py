"""The action space of an actor at this moment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.compile import Rules


def _static(rules: Rules, actor: str) -> dict[str, Any]:
    """The parts of an action space that never change in a game (cached; do not mutate)."""
    cache: dict[str, dict[str, Any]] | None = rules.cache.get("legal")
    if cache is None:
        cache = rules.cache["legal"] = {}
    found = cache.get(actor)
    if found is None:
        others = [a for a in rules.actor_ids if a != actor]
        found = {
            "partners": others,
            "sectors": [s.id for s in rules.sectors],
            "levers": {lv.id: [o.id for o in lv.options] for lv in rules.holder_levers[actor]},
            "signals": {s.id: (others if s.addressee else []) for s in rules.actor_signals[actor]},
            "commitment_levers": {
                a: {lv.id: [o.id for o in lv.options] for lv in rules.holder_levers[a]}
                for a in rules.actor_ids
            },
            "unsc": rules.unsc and actor in rules.p5,
        }
        cache[actor] = found
    return found


def legal_actions(game: Game, actor: str) -> dict[str, Any]:
    """What ``actor`` may do now (see :meth:`game.engine.game.Game.legal_actions`)."""
    rules = game.rules
    phase = game.phase
    month = game.month
    if phase == "over" or actor not in rules.actors:
        return {"phase": phase, "month": month, "types": []}
    static = _static(rules, actor)
    others = static["partners"]
    # Keys are inserted in a fixed order: phase, month, types, partners, then the rest.
    can_order = actor not in game.submitted
    if not can_order:
        types = ["message"]
        space: dict[str, Any] = {
            "phase": phase,
            "month": month,
            "types": types,
            "partners": others,
        }
    else:
        types = ["message", "orders"]
        space = {
            "phase": phase,
            "month": month,
            "types": types,
            "partners": others,
            "levers": static["levers"],
            "signals": static["signals"],
            "max_signals": rules.max_signals,
        }
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
                stand_up = [a for a in others if a in partners]
        space["stand_up"] = stand_up
    if phase == "negotiation":
        types.append("propose")
        respond: list[int] = []
        withdraw: list[int] = []
        proposals = game.proposals
        for i in game.open_ids:
            p = proposals[i]
            if p["proposer"] == actor:
                withdraw.append(i)
            if actor in p["parties"] and actor not in p["responses"]:
                respond.append(i)
        if respond:
            types.append("respond")
        if withdraw:
            types.append("withdraw")
        space["respond"] = respond
        space["withdraw"] = withdraw
        space["commitment_levers"] = static["commitment_levers"]
        if static["unsc"]:
            types.append("unsc_draft")
            space["unsc_sectors"] = static["sectors"]
            votes = [
                d["id"]
                for d in game.unsc_drafts
                if d["status"] == "open" and actor not in d["votes"]
            ]
            if votes:
                types.append("unsc_vote")
            space["unsc_vote"] = votes
        if actor not in game.ready:
            types.append("ready")
    elif phase == "orders" and can_order:
        types.append("ready")
    return space
