"""A record's status changes only through the state's methods, and only in the moves the
record allows (game/engine/records.py): a closed proposal takes no answer and closes no
second time; an agreement that ended does not end again; a decided draft takes no vote."""

from __future__ import annotations

import pytest

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.runner import play_game
from game.engine.records import AGREEMENT_MOVES, DRAFT_MOVES, PROPOSAL_MOVES

RULES = load_scenario("korea-2019")


def test_a_proposal_moves_once_from_open() -> None:
    game = Game(RULES, seed=1)
    game.apply({"type": "propose", "actor": "us", "to": ["dprk"], "summit": True})
    prop = game.proposals[game.open_ids[0]]
    game.apply({"type": "respond", "actor": "dprk", "proposal": prop["id"], "accept": False})
    assert prop["status"] == "rejected" and prop["responses"]["dprk"] == "reject"
    assert game.open_ids == []
    with pytest.raises(ValueError, match="cannot go from rejected to accepted"):
        game.close_proposal(prop, "accepted")
    with pytest.raises(ValueError, match="no answers"):
        game.answer(prop, "dprk", True)
    assert prop["status"] == "rejected"


def test_an_agreement_ends_once_and_a_decided_draft_takes_no_vote() -> None:
    game = Game(RULES, seed=1)
    game.apply({"type": "propose", "actor": "us", "to": ["dprk"], "summit": True})
    game.apply({"type": "respond", "actor": "dprk", "proposal": game.open_ids[0], "accept": True})
    agreement = game.agreements[-1]
    game.end_agreement(agreement, "broken")
    with pytest.raises(ValueError, match="cannot go from broken to expired"):
        game.end_agreement(agreement, "expired")
    game.apply(
        {"type": "unsc_draft", "actor": "us", "sector": "coal_minerals", "direction": "tighten"}
    )
    draft = game.unsc_drafts[-1]
    game.apply({"type": "unsc_vote", "actor": "china", "draft": draft["id"], "vote": "no"})
    assert draft["votes"] == {"us": "yes", "china": "no"}
    game.close_draft(draft, "vetoed")
    with pytest.raises(ValueError, match="no votes"):
        game.vote(draft, "russia", "yes")
    with pytest.raises(ValueError, match="cannot go from vetoed to passed"):
        game.close_draft(draft, "passed")


def test_every_status_a_rule_gives_is_a_move_the_record_allows() -> None:
    """The statuses the engine writes (all games of a few seeds) are reachable moves."""
    seen: dict[str, set[str]] = {"proposal": set(), "agreement": set(), "draft": set()}
    for seed in range(4):
        game = play_game(
            RULES, seed, {a: make_bot("random", a, seed) for a in RULES.actor_ids}
        ).game
        seen["proposal"] |= {p["status"] for p in game.proposals.values()}
        seen["agreement"] |= {a["status"] for a in game.agreements}
        seen["draft"] |= {d["status"] for d in game.unsc_drafts}
    assert seen["proposal"] <= {"open"} | PROPOSAL_MOVES["open"]
    assert seen["agreement"] <= {"active"} | AGREEMENT_MOVES["active"]
    assert seen["draft"] <= {"open"} | DRAFT_MOVES["open"]
    assert {"accepted", "rejected"} <= seen["proposal"]
