"""A message may carry an intent (docs/protocol.md, "Intents"): ``{kind, terms, proposal,
inspections, summit}``. The engine checks it as it checks a proposal's terms, refuses
what is malformed with the field that is wrong (changing nothing), records it whole, and
shows it only to the message's parties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, IllegalAction, load_scenario
from game.engine.actions import INTENT_KINDS

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml"
AID = {"actor": "alpha", "lever": "aid", "option": "food"}


@pytest.fixture
def game() -> Game:
    return Game(load_scenario(str(MINI)), 1)


def _say(intent: Any, to: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "message",
        "actor": "alpha",
        "to": to or ["beta"],
        "text": "hi",
        "intent": intent,
    }


def test_an_intent_is_recorded_whole_with_its_defaults(game: Game) -> None:
    game.apply(_say({"kind": "offer", "terms": [AID]}))
    sent = game.view_for("beta")["messages"][-1]
    assert sent["intent"] == {
        "kind": "offer",
        "terms": [
            {
                **AID,
                "compare": "exactly",
                "start": 1,
                "months": 3,
                "text": "Alpha: Aid Food aid, months 1-3",
            }
        ],
        "proposal": None,
        "inspections": False,
        "summit": False,
    }


def test_every_kind_is_accepted_and_flags_and_months_are_kept(game: Game) -> None:
    for kind in INTENT_KINDS:
        game.apply(
            _say({"kind": kind, "terms": [{**AID, "months": 12, "start": 2}], "summit": True})
        )
        intent = game.view_for("alpha")["messages"][-1]["intent"]
        assert intent["kind"] == kind and intent["summit"] is True
        assert intent["inspections"] is False
        assert (intent["terms"][0]["start"], intent["terms"][0]["months"]) == (2, 12)
    assert len(game.view_for("beta")["messages"]) == len(INTENT_KINDS)


def test_an_intent_may_name_a_proposal_its_sender_is_party_to(game: Game) -> None:
    game.apply({"type": "propose", "actor": "beta", "to": ["alpha"], "commitments": [AID]})
    pid = game.view_for("alpha")["proposals"][-1]["id"]
    game.apply(_say({"kind": "accept", "proposal": pid}))
    assert game.view_for("beta")["messages"][-1]["intent"]["proposal"] == pid


def test_the_intent_reaches_only_the_message_s_parties(game: Game) -> None:
    game.apply(_say({"kind": "warn", "terms": [AID]}))
    assert "intent" in game.view_for("alpha")["messages"][-1]
    assert "intent" in game.view_for("beta")["messages"][-1]
    assert game.view_for("gamma")["messages"] == []


BAD: list[tuple[str, Any, str, str, str]] = [
    ("not-an-object", ["offer"], "bad_field", "intent", "'intent' must be an object"),
    (
        "unknown-field",
        {"kind": "offer", "price": 3},
        "bad_field",
        "intent.price",
        "unknown field 'intent.price'",
    ),
    (
        "no-kind",
        {"terms": []},
        "bad_field",
        "intent.kind",
        "'intent.kind' must be one of offer, request, warn, promise, accept, reject",
    ),
    ("bad-kind", {"kind": "threaten"}, "bad_field", "intent.kind", "'intent.kind' must be one of"),
    (
        "unknown-proposal",
        {"kind": "accept", "proposal": 99},
        "bad_field",
        "intent.proposal",
        "'intent.proposal' must be a proposal you are party to, not 99",
    ),
    (
        "proposal-as-text",
        {"kind": "accept", "proposal": "1"},
        "bad_field",
        "intent.proposal",
        "not '1'",
    ),
    (
        "inspections-not-bool",
        {"kind": "offer", "inspections": 1},
        "bad_field",
        "intent.inspections",
        "'intent.inspections' must be true or false",
    ),
    (
        "summit-not-bool",
        {"kind": "offer", "summit": "yes"},
        "bad_field",
        "intent.summit",
        "'intent.summit' must be true or false",
    ),
    (
        "terms-not-list",
        {"kind": "offer", "terms": AID},
        "bad_field",
        "intent.terms",
        "'intent.terms' must be a list",
    ),
    (
        "term-not-object",
        {"kind": "offer", "terms": [AID, "aid"]},
        "bad_field",
        "intent.terms.1",
        "'intent.terms.1' must be an object",
    ),
    (
        "term-unknown-actor",
        {"kind": "offer", "terms": [{**AID, "actor": "delta"}]},
        "unknown_actor",
        "intent.terms.0.actor",
        "unknown actor 'delta' in intent.terms.0",
    ),
    (
        "term-bad-kind",
        {"kind": "offer", "terms": [{**AID, "kind": "vibes"}]},
        "bad_field",
        "intent.terms.0.kind",
        "'intent.terms.0.kind' must be one of lever",
    ),
    (
        "term-months-zero",
        {"kind": "offer", "terms": [{**AID, "months": 0}]},
        "bad_field",
        "intent.terms.0.months",
        "'intent.terms.0.months' must be 1..12",
    ),
    (
        "term-months-long",
        {"kind": "offer", "terms": [{**AID, "months": 13}]},
        "bad_field",
        "intent.terms.0.months",
        "must be 1..12",
    ),
    (
        "term-months-bool",
        {"kind": "offer", "terms": [{**AID, "months": True}]},
        "bad_field",
        "intent.terms.0.months",
        "must be 1..12",
    ),
    (
        "term-start-past",
        {"kind": "offer", "terms": [{**AID, "start": 0}]},
        "bad_field",
        "intent.terms.0.start",
        "'intent.terms.0.start' must be this month or later",
    ),
    (
        "term-start-text",
        {"kind": "offer", "terms": [{**AID, "start": "1"}]},
        "bad_field",
        "intent.terms.0.start",
        "must be this month or later",
    ),
]


@pytest.mark.parametrize(
    ("case", "intent", "code", "field", "message"), BAD, ids=[b[0] for b in BAD]
)
def test_a_malformed_intent_is_refused_with_its_field_and_changes_nothing(
    game: Game, case: str, intent: Any, code: str, field: str, message: str
) -> None:
    before = game.state_hash()
    with pytest.raises(IllegalAction) as refused:
        game.apply(_say(intent))
    assert (refused.value.code, refused.value.field) == (code, field), case
    assert message in str(refused.value), case
    assert game.state_hash() == before and game.view_for("beta")["messages"] == []


def test_an_intent_may_not_name_a_proposal_of_others(game: Game) -> None:
    game.apply(
        {
            "type": "propose",
            "actor": "beta",
            "to": ["gamma"],
            "commitments": [{"actor": "beta", "lever": "program", "option": "freeze"}],
        }
    )
    pid = game.view_for("gamma")["proposals"][-1]["id"]
    before = game.state_hash()
    with pytest.raises(IllegalAction) as refused:
        game.apply(_say({"kind": "accept", "proposal": pid}))
    assert refused.value.field == "intent.proposal"
    assert game.state_hash() == before
