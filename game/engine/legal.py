"""The action space of an actor at this moment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.game import Game


def legal_actions(game: Game, actor: str) -> dict[str, Any]:
    """What ``actor`` may do now (see :meth:`game.engine.game.Game.legal_actions`)."""
    rules = game.rules
    phase = game.phase
    space: dict[str, Any] = {"phase": phase, "month": game.month, "types": []}
    if phase == "over" or actor not in rules.actors:
        return space
    others = [a for a in rules.actor_ids if a != actor]
    space["partners"] = others
    types = ["message"]
    can_order = actor not in game.submitted
    if can_order:
        types.append("orders")
        space["levers"] = {lv.id: [o.id for o in lv.options] for lv in rules.holder_levers[actor]}
        space["signals"] = {
            s.id: (others if s.addressee else []) for s in rules.actor_signals[actor]
        }
        space["max_signals"] = rules.max_signals
        space["stand_up"] = sorted(
            {
                p
                for ag in game.agreements
                if ag["month"] == game.month and ag["talks"] and actor in ag["parties"]
                for p in ag["parties"]
                if p != actor
            },
            key=rules.actor_ids.index,
        )
    if phase == "negotiation":
        types.append("propose")
        respond = [
            p["id"]
            for p in game.proposals.values()
            if p["status"] == "open" and actor in p["parties"] and actor not in p["responses"]
        ]
        if respond:
            types.append("respond")
        withdraw = [
            p["id"]
            for p in game.proposals.values()
            if p["status"] == "open" and p["proposer"] == actor
        ]
        if withdraw:
            types.append("withdraw")
        space["respond"] = respond
        space["withdraw"] = withdraw
        space["commitment_levers"] = {
            a: {lv.id: [o.id for o in lv.options] for lv in rules.holder_levers[a]}
            for a in rules.actor_ids
        }
        if rules.unsc and actor in rules.p5:
            types.append("unsc_draft")
            space["unsc_sectors"] = [s.id for s in rules.sectors]
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
    space["types"] = types
    return space
