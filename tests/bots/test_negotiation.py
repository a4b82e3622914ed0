"""The personas negotiate: they weigh offers against no deal, refuse giveaways and say why,
accept fair packages, counter, keep or break promises in character, and answer intents.

Every test plays the engine itself (korea-2019): proposals and messages go through
``Game.apply`` and the bots' answers are applied back, so an illegal answer fails here.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.base import Context
from game.bots.runner import play_game
from game.scenario.compile import Rules

PERSONAS = ("hawk", "dove", "reciprocator")


@pytest.fixture(scope="module")
def korea() -> Rules:
    return load_scenario("korea-2019")


def _freeze(compare: str = "at_most") -> dict[str, Any]:
    return {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze", "compare": compare}


STEP = {"actor": "us", "lever": "us_stance", "option": "step_by_step"}
NO_ICBM = {"kind": "signals", "actor": "dprk", "rung": 5}


def _answer(game: Game, actor: str, bot_name: str, seed: int = 0) -> list[dict[str, Any]]:
    """The bot's negotiation moves, each applied to the game (so each must be legal)."""
    bot = make_bot(bot_name, actor, seed)
    moves = bot.negotiate(Context(game, actor, 1, random.Random(seed)))
    for move in moves:
        game.apply({**move, "actor": actor})
    return moves


def _proposal(game: Game, actor: str, to: list[str], **fields: Any) -> int:
    game.apply({"type": "propose", "actor": actor, "to": to, **fields})
    return max(game.proposals)


@pytest.mark.parametrize("persona", PERSONAS)
def test_us_rejects_an_uninspected_freeze_for_relief_and_summit_and_says_why(
    korea: Rules, persona: str
) -> None:
    """The issue's giveaway: an uninspected freeze for step by step plus a summit."""
    game = Game(korea, 1)
    pid = _proposal(game, "dprk", ["us"], commitments=[_freeze(), STEP], summit=True)
    moves = _answer(game, "us", persona)
    assert game.proposals[pid]["status"] != "accepted"
    assert not game.agreements
    said = [m for m in moves if m["type"] == "message" and m["to"] == ["dprk"]]
    assert said, moves
    text = said[0]["text"]
    assert "inspect" in text.lower(), text  # why: nobody could check the freeze
    assert said[0]["intent"]["kind"] == "reject"
    assert said[0]["intent"]["proposal"] == pid
    # The message as North Korea sees it: the intent travels with the words.
    seen = [m for m in game.view_for("dprk")["messages"] if m["from"] == "us"]
    assert seen[-1]["intent"]["kind"] == "reject"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_counter_to_an_uninspected_freeze_adds_inspections(korea: Rules, persona: str) -> None:
    game = Game(korea, 1)
    pid = _proposal(game, "dprk", ["us"], commitments=[_freeze(), STEP], summit=True)
    moves = _answer(game, "us", persona)
    counters = [m for m in moves if m["type"] == "propose"]
    assert counters, "a better deal exists (the same with inspectors): the bot offers it"
    assert counters[0]["counter_to"] == pid and counters[0]["inspections"] is True
    assert game.proposals[pid]["status"] == "countered"


@pytest.mark.parametrize("persona", PERSONAS)
def test_russia_will_not_sign_fuel_beyond_the_cap(korea: Rules, persona: str) -> None:
    game = Game(korea, 1)
    fuel = {"actor": "russia", "lever": "aid", "option": "fuel_beyond_cap"}
    keep = {"actor": "russia", "lever": "workers", "option": "keep"}
    pid = _proposal(game, "dprk", ["russia"], commitments=[fuel, keep, NO_ICBM])
    moves = _answer(game, "russia", persona)
    assert game.proposals[pid]["status"] != "accepted"
    text = next(m["text"] for m in moves if m["type"] == "message")
    assert "Fuel beyond the cap" in text or "writing" in text, text
    # Any counter it makes leaves the covert option out.
    for m in moves:
        if m["type"] == "propose":
            assert all(c.get("option") != "fuel_beyond_cap" for c in m["commitments"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_us_will_not_ignore_its_own_sanctions_for_a_freeze(korea: Rules, persona: str) -> None:
    """The issue's planner offer: an inspected freeze for the US secretly ignoring its
    financial and maritime sanctions (below the UN level: sanctions-busting)."""
    game = Game(korea, 1)
    terms = [
        _freeze(),
        {"actor": "us", "lever": "sanctions_finance", "option": "ignore"},
        {"actor": "us", "lever": "sanctions_maritime", "option": "ignore"},
    ]
    pid = _proposal(game, "dprk", ["us"], commitments=terms, inspections=True)
    _answer(game, "us", persona)
    assert game.proposals[pid]["status"] != "accepted"
    assert not game.agreements


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_one_sided_request_is_refused_as_a_gift(korea: Rules, persona: str) -> None:
    game = Game(korea, 1)
    pid = _proposal(game, "dprk", ["china"], commitments=[
        {"actor": "china", "lever": "aid", "option": "food_aid"},
        {"actor": "china", "lever": "sanctions_coal_minerals", "option": "enforce"},
    ])  # fmt: skip
    moves = _answer(game, "china", persona)
    assert game.proposals[pid]["status"] != "accepted"
    assert any(m["type"] == "message" for m in moves)


@pytest.mark.parametrize("persona", PERSONAS)
def test_accepts_a_fair_inspected_package(korea: Rules, persona: str) -> None:
    """An inspected freeze and an ICBM moratorium for step by step: every persona signs,
    and says so."""
    game = Game(korea, 1)
    pid = _proposal(game, "dprk", ["us"], commitments=[_freeze(), NO_ICBM, STEP], inspections=True)
    moves = _answer(game, "us", persona)
    assert game.proposals[pid]["status"] == "accepted"
    assert len(game.agreements) == 1
    said = next(m for m in moves if m["type"] == "message")
    assert said["intent"] == {"kind": "accept", "terms": [], "proposal": pid}
    assert said["text"]


def _deal_then_orders(rules: Rules, seed: int, inspections: bool, persona: str) -> str:
    """North Korea (``persona``) promised an ``exactly freeze`` to the US; its option."""
    game = Game(rules, seed)
    _proposal(game, "dprk", ["us"], commitments=[_freeze("exactly"), STEP], inspections=inspections)
    game.apply({"type": "respond", "actor": "us", "proposal": max(game.proposals), "accept": True})
    assert game.agreements and game.agreements[0]["status"] == "active"
    for a in rules.actor_ids:
        game.apply({"type": "ready", "actor": a})
    bot = make_bot(persona, "dprk", seed)
    order = bot.orders(Context(game, "dprk", 0, random.Random(seed)))
    return str(order["levers"]["nuclear_programme"])


def test_hawk_breaks_an_unchecked_freeze_and_mostly_keeps_an_inspected_one(
    korea: Rules,
) -> None:
    seeds = range(40)
    unchecked = sum(_deal_then_orders(korea, s, False, "hawk") != "freeze" for s in seeds)
    inspected = sum(_deal_then_orders(korea, s, True, "hawk") != "freeze" for s in seeds)
    assert unchecked >= 30, unchecked  # it pays, and a breach would likely go unseen
    assert inspected < unchecked - 10, (inspected, unchecked)  # inspections change this
    dove = sum(_deal_then_orders(korea, s, False, "dove") != "freeze" for s in seeds)
    assert dove <= 4, dove  # a dove rarely breaks its word


def test_words_vary_and_name_the_scenario(korea: Rules) -> None:
    """A whole game of personas: many different lines, in words from the scenario (actor,
    lever and option names), no internal ids, no raw numbers."""
    spec = ["hawk", "dove", "reciprocator", "hawk", "dove", "reciprocator"]
    bots = {a: make_bot(n, a, 5) for a, n in zip(korea.actor_ids, spec, strict=True)}
    game = play_game(korea, 5, bots).game
    texts = [m["text"] for m in game.messages]
    assert len(set(texts)) >= 60, len(set(texts))
    names = {a.name for a in korea.actors.values()}
    options = {o.name.strip('"') for lv in korea.levers for o in lv.options if len(o.name) > 4}
    signals = {s.name for sigs in korea.actor_signals.values() for s in sigs}
    naming = [t for t in set(texts) if any(n in t for n in names | options | signals)]
    assert len(naming) >= 30, len(naming)
    ids = {lv.id for lv in korea.levers if "_" in lv.id} | {
        o.id for lv in korea.levers for o in lv.options if "_" in o.id
    }
    none_is_a_name = any(o.name == "None" for lv in korea.levers for o in lv.options)
    for t in texts:
        assert not any(re.search(rf"\b{i}\b", t) for i in ids), t
        assert "{" not in t and "}" not in t and "[" not in t, t
        assert none_is_a_name or "None" not in t, t
    kinds = {m["intent"]["kind"] for m in game.messages if "intent" in m}
    assert {"accept", "reject", "warn"} <= kinds, kinds


@pytest.mark.parametrize("persona", PERSONAS)
def test_bots_answer_an_offer_intent_by_tabling_it(korea: Rules, persona: str) -> None:
    game = Game(korea, 1)
    intent = {"kind": "offer", "terms": [_freeze(), NO_ICBM, STEP], "inspections": True}
    game.apply({
        "type": "message", "actor": "dprk", "to": ["us"], "text": "A fair trade?", "intent": intent
    })  # fmt: skip
    moves = _answer(game, "us", persona)
    reply = next(m for m in moves if m["type"] == "message" and m["to"] == ["dprk"])
    assert reply["intent"]["kind"] == "accept"
    tabled = [p for p in game.proposals.values() if p["proposer"] == "us"]
    assert tabled and tabled[0]["parties"] == ["us", "dprk"] and tabled[0]["inspections"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_accepted_intent_keeps_the_months_offered(korea: Rules, persona: str) -> None:
    """A bot that says yes to terms starting next month says yes to those months, not
    to the same terms from now (its words and its tabled deal agree with the offer)."""
    game = Game(korea, 1)
    later = game.month + 1
    terms = [{**_freeze(), "start": later}, {**NO_ICBM, "start": later}, {**STEP, "start": later}]
    intent = {"kind": "offer", "terms": terms, "inspections": True}
    game.apply({
        "type": "message", "actor": "dprk", "to": ["us"], "text": "From next month?",
        "intent": intent,
    })  # fmt: skip
    moves = _answer(game, "us", persona)
    reply = next(m for m in moves if m["type"] == "message" and m["to"] == ["dprk"])
    assert reply["intent"]["kind"] == "accept"
    assert [t.get("start") for t in reply["intent"]["terms"]] == [later] * 3
    said = next(m for m in game.messages if m["from"] == "us" and "intent" in m)
    assert all(t["start"] == later for t in said["intent"]["terms"])
    tabled = next(p for p in game.proposals.values() if p["proposer"] == "us")
    assert all(c["start"] == later for c in tabled["commitments"])


def test_bots_answer_a_giveaway_intent_with_a_counter_offer(korea: Rules) -> None:
    game = Game(korea, 1)
    intent = {"kind": "request", "terms": [STEP], "summit": True}
    game.apply({
        "type": "message", "actor": "dprk", "to": ["us"], "text": "Change your stance.",
        "intent": intent,
    })  # fmt: skip
    moves = _answer(game, "us", "reciprocator")
    reply = next(m for m in moves if m["type"] == "message" and m["to"] == ["dprk"])
    assert reply["intent"]["kind"] in ("offer", "reject")
    if reply["intent"]["kind"] == "offer":  # asks for something back from North Korea
        assert any(t["actor"] == "dprk" for t in reply["intent"]["terms"])
    assert not game.agreements
    # Answered once: asked again in the same month, it says nothing more to that intent.
    again = make_bot("reciprocator", "us", 0).negotiate(Context(game, "us", 1, random.Random(1)))
    assert not [m for m in again if m["type"] == "message" and m["to"] == ["dprk"]]


def test_a_warning_gets_an_answer_and_a_dove_promises(korea: Rules) -> None:
    game = Game(korea, 1)
    warn = {"kind": "warn", "terms": [NO_ICBM]}
    game.apply({
        "type": "message", "actor": "us", "to": ["dprk"], "text": "Don't.", "intent": warn
    })  # fmt: skip
    moves = _answer(game, "dprk", "dove")
    reply = next(m for m in moves if m["type"] == "message" and m["to"] == ["us"])
    assert reply["intent"]["kind"] == "promise"
    assert "ICBM" in reply["text"]


def test_a_game_with_intents_replays_to_the_same_hash(korea: Rules) -> None:
    spec = ["hawk", "dove", "reciprocator", "hawk", "dove", "reciprocator"]
    bots = {a: make_bot(n, a, 7) for a, n in zip(korea.actor_ids, spec, strict=True)}
    game = play_game(korea, 7, bots).game
    assert sum(1 for a in game.log if a.get("intent")) >= 20
    assert Game.replay(korea, 7, game.log).state_hash() == game.state_hash()
    again = {a: make_bot(n, a, 7) for a, n in zip(korea.actor_ids, spec, strict=True)}
    assert play_game(korea, 7, again).game.state_hash() == game.state_hash()


BUILT_IN = ("random", "historical", "hawk", "dove", "reciprocator", "planner")
INTENTS = (
    {"kind": "offer", "terms": [_freeze(), NO_ICBM, STEP], "inspections": True},
    {"kind": "request", "terms": [STEP], "summit": True},
    {"kind": "warn", "terms": [NO_ICBM]},
    {"kind": "promise", "terms": [_freeze()]},
    {"kind": "accept", "terms": [STEP, _freeze()]},
    {"kind": "reject", "terms": [STEP]},
)


@pytest.mark.parametrize("bot", BUILT_IN)
def test_every_built_in_bot_answers_every_kind_of_intent_in_words(korea: Rules, bot: str) -> None:
    """Each intent sent to a bot gets one message back to its sender, in words (no
    placeholder left), every move legal; the answer's own intent, if any, is well formed."""
    for seed, intent in enumerate(INTENTS):
        game = Game(korea, 1 + seed)
        game.apply(
            {"type": "message", "actor": "dprk", "to": ["us"], "text": "Well?", "intent": intent}
        )
        moves = _answer(game, "us", bot, seed)  # each applied: an illegal move fails here
        replies = [m for m in moves if m["type"] == "message" and m["to"] == ["dprk"]]
        assert len(replies) >= 1, (bot, intent["kind"], moves)
        for r in replies:
            assert len(r["text"]) > 5 and "{" not in r["text"], r["text"]
        # Answered: nothing is pending for it any more.
        assert not Context(game, "us", 1, random.Random(0)).pending_intents()


def test_the_random_bot_answers_offers_both_ways_and_tables_what_it_accepts(
    korea: Rules,
) -> None:
    kinds = set()
    for seed in range(12):
        game = Game(korea, 1)
        intent = {"kind": "offer", "terms": [_freeze(), STEP], "inspections": True}
        game.apply({
            "type": "message", "actor": "dprk", "to": ["us"], "text": "Deal?", "intent": intent
        })  # fmt: skip
        moves = _answer(game, "us", "random", seed)
        reply = next(
            m for m in moves if m["type"] == "message" and m["to"] == ["dprk"] and "intent" in m
        )
        kind = reply["intent"]["kind"]
        kinds.add(kind)
        tabled = [p for p in game.proposals.values() if p["proposer"] == "us"]
        if kind == "accept":
            assert any(p["parties"] == ["us", "dprk"] and p["inspections"] for p in tabled)
    assert kinds == {"accept", "reject"}
