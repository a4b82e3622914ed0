"""Every refusal of the rules, as a table: the action, and the code, field and sentence
the player is told (docs/rules.md: "``apply(action)`` ... raises ``IllegalAction`` with
``.code``, ``.field`` and a sentence; a refused action changes nothing").

Each case starts from a fresh game of the mini scenario (tests/fixtures/mini.yaml) in
January's negotiation phase, runs its set-up actions, then checks that the refused
action raises exactly that error and leaves the game as it was (same state hash, same
log)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, IllegalAction, load_scenario
from game.scenario.compile import Rules

F = "facilitator"
ADV = {"type": "advance", "actor": F}
# P stands for the id of the newest proposal (ids count per audience, see Game._id);
# drafts are public records, so the first draft of a fresh game is 1.
P = "<newest proposal>"
OFFER = {
    "type": "propose",
    "actor": "alpha",
    "to": ["beta"],
    "commitments": [{"actor": "alpha", "lever": "aid", "option": "food"}],
}
DRAFT = {"type": "unsc_draft", "actor": "alpha", "sector": "coal", "direction": "tighten"}


def _propose(*terms: dict[str, Any], **flags: Any) -> dict[str, Any]:
    return {
        "type": "propose",
        "actor": "alpha",
        "to": ["beta"],
        "commitments": list(terms),
        **flags,
    }


AID = {"actor": "alpha", "lever": "aid", "option": "food"}
FREEZE = {"actor": "beta", "lever": "program", "option": "freeze"}

# (id, set-up actions, refused action, code, field, message)
CASES: list[tuple[str, list[dict[str, Any]], dict[str, Any], str, str | None, str]] = [
    # --- who may act, and when
    (
        "unknown-type",
        [],
        {"type": "dance", "actor": "alpha"},
        "unknown_type",
        "type",
        "unknown action type 'dance'; expected one of ",
    ),
    (
        "unknown-actor",
        [],
        {"type": "ready", "actor": "delta"},
        "unknown_actor",
        "actor",
        "unknown actor 'delta'",
    ),
    (
        "not-facilitator",
        [],
        {"type": "end", "actor": "alpha"},
        "not_facilitator",
        "actor",
        "only the facilitator may end",
    ),
    (
        "over",
        [{"type": "end", "actor": F}],
        {"type": "ready", "actor": "alpha"},
        "game_over",
        "type",
        "the game is over",
    ),
    (
        "wrong-phase",
        [ADV],
        OFFER,
        "wrong_phase",
        "type",
        "'propose' belongs to the negotiation phase, but the game is in the orders phase of January",
    ),
    (
        "orders-after-resolution",
        [ADV, ADV, {"type": "end", "actor": F}],
        {"type": "orders", "actor": "beta"},
        "game_over",
        "type",
        "the game is over",
    ),
    (
        "stale-month",
        [],
        {**OFFER, "month": 2},
        "stale",
        "month",
        "this action is for month 2, but the game is in month 1 (January)",
    ),
    (
        "stale-orders",
        [ADV],
        {"type": "orders", "actor": "beta", "month": 3, "levers": {}},
        "stale",
        "month",
        "this action is for month 3, but the game is in month 1 (January)",
    ),
    (
        "stale-phase",
        [],
        {"type": "ready", "actor": "beta", "phase": "orders"},
        "stale",
        "phase",
        "this 'ready' is for the orders phase, but the game is in the negotiation phase of January",
    ),
    (
        "stale-advance",
        [],
        {**ADV, "month": 2},
        "stale",
        "month",
        "it is already month 1",
    ),
    (
        "advance-nowhere",
        [],
        {**ADV, "to": "summer"},
        "bad_field",
        "to",
        "'to' must be \"resolution\" (or left out)",
    ),
    # --- messages
    (
        "to-not-list",
        [],
        {"type": "message", "actor": "beta", "to": "alpha", "text": "hi"},
        "bad_field",
        "to",
        "'to' must be a list of actor ids",
    ),
    (
        "to-unknown",
        [],
        {"type": "message", "actor": "beta", "to": ["delta"], "text": "hi"},
        "unknown_actor",
        "to",
        "unknown actor 'delta' in 'to'",
    ),
    (
        "to-self",
        [],
        {"type": "message", "actor": "beta", "to": ["beta"], "text": "hi"},
        "bad_field",
        "to",
        "'to' must not include yourself",
    ),
    (
        "to-self-among-others",
        [],
        {"type": "message", "actor": "beta", "to": ["alpha", "beta"], "text": "hi"},
        "bad_field",
        "to",
        "'to' must not include yourself",
    ),
    (
        "text-not-str",
        [],
        {"type": "message", "actor": "beta", "to": [], "text": 5},
        "bad_field",
        "text",
        "'text' must be a string",
    ),
    (
        "text-blank",
        [],
        {"type": "message", "actor": "beta", "to": [], "text": "  "},
        "bad_field",
        "text",
        "'text' is empty",
    ),
    (
        "text-missing",
        [],
        {"type": "message", "actor": "beta", "to": []},
        "bad_field",
        "text",
        "'text' is empty",
    ),
    (
        "text-long",
        [],
        {"type": "message", "actor": "beta", "to": [], "text": "x" * 2001},
        "too_long",
        "text",
        "'text' is longer than 2000 characters",
    ),
    # --- proposals: their shape
    (
        "commitments-not-list",
        [],
        {**OFFER, "commitments": "aid"},
        "bad_field",
        "commitments",
        "'commitments' must be a list",
    ),
    (
        "term-not-object",
        [],
        _propose(5),
        "bad_field",
        "commitments.0",
        "'commitments.0' must be an object",
    ),
    (
        "term-unknown-actor",
        [],
        _propose({"actor": "delta", "lever": "aid", "option": "food"}),
        "unknown_actor",
        "commitments.0.actor",
        "unknown actor 'delta' in commitments.0",
    ),
    (
        "term-kind",
        [],
        _propose({**AID, "kind": "treaty"}),
        "bad_field",
        "commitments.0.kind",
        "'commitments.0.kind' must be one of lever, signals, unsc, attend",
    ),
    (
        "term-months-0",
        [],
        _propose({**AID, "months": 0}),
        "bad_field",
        "commitments.0.months",
        "'commitments.0.months' must be 1..12",
    ),
    (
        "term-months-13",
        [],
        _propose({**AID, "months": 13}),
        "bad_field",
        "commitments.0.months",
        "'commitments.0.months' must be 1..12",
    ),
    (
        "term-months-text",
        [],
        _propose({**AID, "months": "3"}),
        "bad_field",
        "commitments.0.months",
        "'commitments.0.months' must be 1..12",
    ),
    (
        "term-start-past",
        [ADV, ADV],
        _propose({**AID, "start": 1}),
        "bad_field",
        "commitments.0.start",
        "'commitments.0.start' must be this month or later",
    ),
    (
        "term-start-text",
        [],
        _propose({**AID, "start": "2"}),
        "bad_field",
        "commitments.0.start",
        "'commitments.0.start' must be this month or later",
    ),
    (
        "lever-unknown",
        [],
        _propose({"actor": "alpha", "lever": "moon", "option": "food"}),
        "unknown_lever",
        "commitments.0.lever",
        "unknown lever 'moon' in commitments.0",
    ),
    (
        "lever-not-held",
        [],
        _propose({"actor": "alpha", "lever": "program", "option": "freeze"}),
        "not_your_lever",
        "commitments.0.lever",
        "'alpha' does not hold lever 'program' (commitments.0)",
    ),
    (
        "lever-option",
        [],
        _propose({"actor": "alpha", "lever": "aid", "option": "gold"}),
        "unknown_option",
        "commitments.0.option",
        "lever 'aid' has no option 'gold' (commitments.0)",
    ),
    (
        "lever-compare",
        [],
        _propose({**AID, "compare": "less"}),
        "bad_field",
        "commitments.0.compare",
        "'commitments.0.compare' must be exactly, at_most or at_least",
    ),
    # --- what a client might send by mistake: never a traceback
    (
        "actor-not-text",
        [],
        {"type": "ready", "actor": ["alpha"]},
        "unknown_actor",
        "actor",
        "unknown actor ['alpha']",
    ),
    (
        "term-actor-not-text",
        [],
        _propose({**AID, "actor": ["alpha"]}),
        "unknown_actor",
        "commitments.0.actor",
        "unknown actor ['alpha'] in commitments.0",
    ),
    (
        "term-option-not-text",
        [],
        _propose({**AID, "option": ["food"]}),
        "unknown_option",
        "commitments.0.option",
        "lever 'aid' has no option ['food'] (commitments.0)",
    ),
    (
        "unsc-sector-not-text",
        [],
        _propose({"kind": "unsc", "actor": "alpha", "sector": ["coal"], "direction": "relax"}),
        "unknown_sector",
        "commitments.0.sector",
        "unknown sector ['coal'] in commitments.0",
    ),
    # --- sequencing
    (
        "after-shape",
        [],
        _propose(AID, {**FREEZE, "after": {"term": 0, "weeks": 2}}),
        "bad_field",
        "commitments.1.after",
        "'commitments.1.after' must be {term, months}",
    ),
    (
        "after-not-object",
        [],
        _propose(AID, {**FREEZE, "after": 0}),
        "bad_field",
        "commitments.1.after",
        "'commitments.1.after' must be {term, months}",
    ),
    (
        "after-itself",
        [],
        _propose(AID, {**FREEZE, "after": {"term": 1}}),
        "bad_field",
        "commitments.1.after.term",
        "'commitments.1.after.term' must be the index of another term of this proposal",
    ),
    (
        "after-out-of-range",
        [],
        _propose(AID, {**FREEZE, "after": {"term": 2}}),
        "bad_field",
        "commitments.1.after.term",
        "'commitments.1.after.term' must be the index of another term of this proposal",
    ),
    (
        "after-negative",
        [],
        _propose(AID, {**FREEZE, "after": {"term": -1}}),
        "bad_field",
        "commitments.1.after.term",
        "'commitments.1.after.term' must be the index of another term of this proposal",
    ),
    (
        "after-bool",
        [],
        _propose(AID, {**FREEZE, "after": {"term": False}}),
        "bad_field",
        "commitments.1.after.term",
        "'commitments.1.after.term' must be the index of another term of this proposal",
    ),
    (
        "after-own-term",
        [],
        _propose(FREEZE, {**FREEZE, "option": "freeze", "after": {"term": 0}}),
        "bad_field",
        "commitments.1.after.term",
        "'commitments.1.after.term' must be another party's term (action for action)",
    ),
    (
        "after-months-0",
        [],
        _propose(AID, {**FREEZE, "after": {"term": 0, "months": 0}}),
        "bad_field",
        "commitments.1.after.months",
        "'commitments.1.after.months' must be 1 or more",
    ),
    (
        "after-months-bool",
        [],
        _propose(AID, {**FREEZE, "after": {"term": 0, "months": True}}),
        "bad_field",
        "commitments.1.after.months",
        "'commitments.1.after.months' must be 1 or more",
    ),
    # --- moratorium terms
    (
        "rung-negative",
        [],
        _propose({"kind": "signals", "actor": "beta", "rung": -1}),
        "bad_field",
        "commitments.0.rung",
        "'commitments.0.rung' must be a rung number (0 or more)",
    ),
    (
        "rung-bool",
        [],
        _propose({"kind": "signals", "actor": "beta", "rung": True}),
        "bad_field",
        "commitments.0.rung",
        "'commitments.0.rung' must be a rung number (0 or more)",
    ),
    (
        "rung-text",
        [],
        _propose({"kind": "signals", "actor": "beta", "rung": "5"}),
        "bad_field",
        "commitments.0.rung",
        "'commitments.0.rung' must be a rung number (0 or more)",
    ),
    (
        "signals-not-list",
        [],
        _propose({"kind": "signals", "actor": "beta", "signals": "icbm_test"}),
        "bad_field",
        "commitments.0.signals",
        "'commitments.0.signals' must be a list of signal ids",
    ),
    (
        "signals-not-ids",
        [],
        _propose({"kind": "signals", "actor": "beta", "signals": [5]}),
        "bad_field",
        "commitments.0.signals",
        "'commitments.0.signals' must be a list of signal ids",
    ),
    (
        "signals-not-own",
        [],
        _propose({"kind": "signals", "actor": "alpha", "signals": ["icbm_test"]}),
        "not_your_signal",
        "commitments.0.signals",
        "'alpha' cannot send signal 'icbm_test' (commitments.0)",
    ),
    (
        "signals-hollow",
        [],
        _propose({"kind": "signals", "actor": "beta", "rung": 6}),
        "hollow_term",
        "commitments.0",
        "commitments.0 rules out no signal 'beta' can send: give a 'rung' it can reach "
        "or some 'signals'",
    ),
    (
        "signals-nothing",
        [],
        _propose({"kind": "signals", "actor": "beta"}),
        "hollow_term",
        "commitments.0",
        "commitments.0 rules out no signal 'beta' can send",
    ),
    # --- Security Council terms
    (
        "unsc-not-p5",
        [],
        _propose({"kind": "unsc", "actor": "beta", "direction": "relax"}),
        "not_p5",
        "commitments.0.actor",
        "'beta' has no Security Council vote (commitments.0)",
    ),
    (
        "unsc-sector",
        [],
        _propose({"kind": "unsc", "actor": "alpha", "sector": "rice", "direction": "relax"}),
        "unknown_sector",
        "commitments.0.sector",
        "unknown sector 'rice' in commitments.0",
    ),
    (
        "unsc-direction",
        [],
        _propose({"kind": "unsc", "actor": "alpha", "direction": "up"}),
        "bad_field",
        "commitments.0.direction",
        "'commitments.0.direction' must be tighten or relax",
    ),
    (
        "unsc-vote",
        [],
        _propose({"kind": "unsc", "actor": "alpha", "direction": "relax", "vote": "no"}),
        "bad_field",
        "commitments.0.vote",
        "'commitments.0.vote' must be yes or no_veto",
    ),
    # --- the proposal as a whole
    (
        "flag-not-bool",
        [],
        {**OFFER, "inspections": "yes"},
        "bad_field",
        "inspections",
        "'inspections' must be true or false",
    ),
    (
        "summit-not-bool",
        [],
        {**OFFER, "summit": 1},
        "bad_field",
        "summit",
        "'summit' must be true or false",
    ),
    (
        "attend-without-talks",
        [],
        _propose(AID, {"kind": "attend", "actor": "beta"}),
        "bad_field",
        "commitments.1.kind",
        "commitments.1: a promise to attend needs talks in the deal ('talks': true)",
    ),
    (
        "no-other-party",
        [],
        {"type": "propose", "actor": "alpha", "to": [], "summit": True},
        "bad_field",
        "to",
        "a proposal needs at least one other party in 'to'",
    ),
    (
        "own-terms-only",
        [],
        {"type": "propose", "actor": "alpha", "commitments": [AID]},
        "bad_field",
        "to",
        "a proposal needs at least one other party in 'to'",
    ),
    (
        "empty",
        [],
        {"type": "propose", "actor": "alpha", "to": ["beta"]},
        "empty_proposal",
        "commitments",
        "a proposal must commit someone to something, or propose a summit or talks",
    ),
    (
        "counter-unknown",
        [],
        {**OFFER, "counter_to": 99},
        "unknown_proposal",
        "counter_to",
        "no proposal 99 to counter",
    ),
    (
        "counter-not-party",
        [OFFER],
        {"type": "propose", "actor": "gamma", "to": ["alpha"], "summit": True, "counter_to": P},
        "unknown_proposal",
        "counter_to",
        "no proposal {P} to counter",
    ),
    (
        "counter-closed",
        [OFFER, {"type": "respond", "actor": "beta", "proposal": P, "accept": False}],
        {"type": "propose", "actor": "beta", "to": ["alpha"], "summit": True, "counter_to": P},
        "proposal_closed",
        "counter_to",
        "proposal {P} is already rejected",
    ),
    # --- responses and withdrawals
    (
        "respond-unknown",
        [],
        {"type": "respond", "actor": "beta", "proposal": 99, "accept": True},
        "unknown_proposal",
        "proposal",
        "no proposal 99",
    ),
    (
        "respond-not-party",
        [OFFER],
        {"type": "respond", "actor": "gamma", "proposal": P, "accept": True},
        "unknown_proposal",
        "proposal",
        "no proposal {P}",
    ),
    (
        "respond-not-bool",
        [OFFER],
        {"type": "respond", "actor": "beta", "proposal": P, "accept": "yes"},
        "bad_field",
        "accept",
        "'accept' must be true or false",
    ),
    (
        "respond-own",
        [OFFER],
        {"type": "respond", "actor": "alpha", "proposal": P, "accept": True},
        "own_proposal",
        "proposal",
        "you proposed it; withdraw it instead",
    ),
    (
        "respond-closed",
        [OFFER, {"type": "withdraw", "actor": "alpha", "proposal": P}],
        {"type": "respond", "actor": "beta", "proposal": P, "accept": True},
        "proposal_closed",
        "proposal",
        "proposal {P} is already withdrawn",
    ),
    (
        "respond-in-orders",
        [OFFER, ADV],
        {"type": "respond", "actor": "beta", "proposal": P, "accept": True},
        "wrong_phase",
        "type",
        "'respond' belongs to the negotiation phase, but the game is in the orders phase of January",
    ),
    (
        "withdraw-not-proposer",
        [OFFER],
        {"type": "withdraw", "actor": "beta", "proposal": P},
        "not_proposer",
        "proposal",
        "only alpha can withdraw proposal {P}",
    ),
    # --- the Security Council
    (
        "draft-not-p5",
        [],
        {**DRAFT, "actor": "beta"},
        "not_p5",
        "actor",
        "only permanent members of the Security Council table drafts",
    ),
    (
        "draft-sector",
        [],
        {**DRAFT, "sector": "rice"},
        "unknown_sector",
        "sector",
        "unknown sector 'rice'",
    ),
    (
        "draft-direction",
        [],
        {**DRAFT, "direction": "up"},
        "bad_field",
        "direction",
        "'direction' must be tighten or relax",
    ),
    (
        "vote-not-p5",
        [DRAFT],
        {"type": "unsc_vote", "actor": "beta", "draft": 1, "vote": "yes"},
        "not_p5",
        "actor",
        "only permanent members of the Security Council vote here",
    ),
    (
        "vote-unknown-draft",
        [DRAFT],
        {"type": "unsc_vote", "actor": "gamma", "draft": 99, "vote": "yes"},
        "unknown_draft",
        "draft",
        "no draft 99",
    ),
    (
        "vote-closed-draft",
        [DRAFT, ADV, ADV],
        {"type": "unsc_vote", "actor": "gamma", "draft": 1, "vote": "no"},
        "draft_closed",
        "draft",
        "draft 1 is already passed",
    ),
    (
        "vote-value",
        [DRAFT],
        {"type": "unsc_vote", "actor": "gamma", "draft": 1, "vote": "maybe"},
        "bad_field",
        "vote",
        "'vote' must be yes, no or abstain",
    ),
    # --- orders
    (
        "levers-not-object",
        [ADV],
        {"type": "orders", "actor": "beta", "levers": ["program"]},
        "bad_field",
        "levers",
        "'levers' must be an object of lever -> option",
    ),
    (
        "levers-unknown",
        [ADV],
        {"type": "orders", "actor": "beta", "levers": {"moon": "x"}},
        "unknown_lever",
        "levers.moon",
        "unknown lever 'moon'",
    ),
    (
        "levers-not-own",
        [ADV],
        {"type": "orders", "actor": "beta", "levers": {"aid": "food"}},
        "not_your_lever",
        "levers.aid",
        "lever 'aid' is not yours",
    ),
    (
        "levers-option",
        [ADV],
        {"type": "orders", "actor": "beta", "levers": {"program": "pause"}},
        "unknown_option",
        "levers.program",
        "lever 'program' has no option 'pause'",
    ),
    (
        "levers-unhashable",
        [ADV],
        {"type": "orders", "actor": "beta", "levers": {"program": ["freeze"]}},
        "unknown_option",
        "levers.program",
        "lever 'program' has no option ['freeze']",
    ),
    (
        "signals-not-list-orders",
        [ADV],
        {"type": "orders", "actor": "beta", "signals": {"signal": "statement"}},
        "bad_field",
        "signals",
        "'signals' must be a list",
    ),
    (
        "too-many-signals",
        [ADV],
        {
            "type": "orders",
            "actor": "beta",
            "signals": [{"signal": "statement"}, {"signal": "statement"}],
        },
        "too_many_signals",
        "signals",
        "at most 1 signal(s) a month",
    ),
    (
        "signal-unknown",
        [ADV],
        {"type": "orders", "actor": "beta", "signals": [{"signal": "parade"}]},
        "unknown_signal",
        "signals.0.signal",
        "unknown signal 'parade'",
    ),
    (
        "signal-not-dict",
        [ADV],
        {"type": "orders", "actor": "beta", "signals": ["statement"]},
        "unknown_signal",
        "signals.0.signal",
        "unknown signal None",
    ),
    (
        "signal-not-own",
        [ADV],
        {"type": "orders", "actor": "alpha", "signals": [{"signal": "icbm_test"}]},
        "not_your_signal",
        "signals.0.signal",
        "signal 'icbm_test' is not yours to send",
    ),
    (
        "signal-no-target",
        [ADV],
        {"type": "orders", "actor": "beta", "signals": [{"signal": "missile_test"}]},
        "bad_target",
        "signals.0.target",
        "signal 'missile_test' needs a target: another actor",
    ),
    (
        "signal-self-target",
        [ADV],
        {
            "type": "orders",
            "actor": "beta",
            "signals": [{"signal": "missile_test", "target": "beta"}],
        },
        "bad_target",
        "signals.0.target",
        "signal 'missile_test' needs a target: another actor",
    ),
    (
        "signal-takes-no-target",
        [ADV],
        {
            "type": "orders",
            "actor": "beta",
            "signals": [{"signal": "statement", "target": "alpha"}],
        },
        "bad_target",
        "signals.0.target",
        "signal 'statement' takes no target",
    ),
    (
        "final-not-bool",
        [ADV],
        {"type": "orders", "actor": "beta", "final": "yes"},
        "bad_field",
        "final",
        "'final' must be true or false",
    ),
    (
        "final-in-negotiation",
        [],
        {"type": "orders", "actor": "beta", "final": True},
        "wrong_phase",
        "final",
        "orders can only be made final in the orders phase",
    ),
    (
        "already-final",
        [ADV, {"type": "orders", "actor": "beta"}],
        {"type": "orders", "actor": "beta", "levers": {"program": "freeze"}},
        "already_submitted",
        "type",
        "your orders for this month are already final",
    ),
    (
        "stand-up-self",
        [ADV],
        {"type": "orders", "actor": "beta", "stand_up": ["beta"]},
        "bad_field",
        "stand_up",
        "'stand_up' must not include yourself",
    ),
    # --- the facilitator
    (
        "inject-unknown",
        [],
        {"type": "inject", "actor": F, "event": "flood"},
        "unknown_inject",
        "event",
        "unknown inject 'flood'; known: incident",
    ),
    (
        "inject-not-id",
        [],
        {"type": "inject", "actor": F, "event": 3},
        "unknown_inject",
        "event",
        "unknown inject 3; known: incident",
    ),
    (
        "inject-no-news",
        [],
        {"type": "inject", "actor": F, "effects": {"tension": 1}},
        "bad_field",
        "news",
        "'news' is empty",
    ),
    (
        "inject-effects-shape",
        [],
        {"type": "inject", "actor": F, "news": "Fog.", "effects": [["tension", 1]]},
        "bad_field",
        "effects",
        "'effects' must be an object of variable -> change",
    ),
    (
        "inject-unknown-variable",
        [],
        {"type": "inject", "actor": F, "news": "Fog.", "effects": {"mood": 1}},
        "unknown_variable",
        "effects.mood",
        "unknown variable 'mood'",
    ),
    (
        "inject-text-change",
        [],
        {"type": "inject", "actor": F, "news": "Fog.", "effects": {"tension": "5"}},
        "bad_field",
        "effects.tension",
        "change of 'tension' must be a number",
    ),
    (
        "inject-bool-change",
        [],
        {"type": "inject", "actor": F, "news": "Fog.", "effects": {"tension": True}},
        "bad_field",
        "effects.tension",
        "change of 'tension' must be a number",
    ),
    (
        "inject-infinite-change",
        [],
        {"type": "inject", "actor": F, "news": "Fog.", "effects": {"tension": float("inf")}},
        "bad_field",
        "effects.tension",
        "change of 'tension' must be a finite number, not inf",
    ),
    (
        "inject-nan-change",
        [],
        {"type": "inject", "actor": F, "news": "Fog.", "effects": {"tension": float("nan")}},
        "bad_field",
        "effects.tension",
        "change of 'tension' must be a finite number, not nan",
    ),
    (
        "announce-blank",
        [],
        {"type": "announce", "actor": F, "text": ""},
        "bad_field",
        "text",
        "'text' is empty",
    ),
    (
        "seat-unknown",
        [],
        {"type": "seat", "actor": F, "seat": "delta", "bot": None},
        "unknown_seat",
        "seat",
        "no seat 'delta'; seats: alpha, beta, gamma",
    ),
    (
        "seat-bad-bot",
        [],
        {"type": "seat", "actor": F, "seat": "beta", "bot": " "},
        "bad_field",
        "bot",
        "'bot' must be a bot's name or null",
    ),
    (
        "move-bad-player",
        [],
        {"type": "move", "actor": F, "player": "", "seat": "beta"},
        "bad_field",
        "player",
        "'player' must be a player id",
    ),
    (
        "lock-not-bool",
        [],
        {"type": "lock", "actor": F, "locked": "yes"},
        "bad_field",
        "locked",
        "'locked' must be true or false",
    ),
    (
        "extend-zero",
        [],
        {"type": "extend", "actor": F, "seconds": 0},
        "bad_field",
        "seconds",
        "'seconds' must be a whole number, not 0",
    ),
    (
        "extend-bool",
        [],
        {"type": "extend", "actor": F, "seconds": True},
        "bad_field",
        "seconds",
        "'seconds' must be a whole number, not 0",
    ),
    (
        "extend-too-far",
        [],
        {"type": "extend", "actor": F, "seconds": -86401},
        "bad_field",
        "seconds",
        "'seconds' must be within ±86400",
    ),
    (
        "start-twice",
        [{"type": "start", "actor": F}],
        {"type": "start", "actor": F},
        "already_started",
        "type",
        "the game has already started",
    ),
]


def _fill(action: dict[str, Any], game: Game) -> dict[str, Any]:
    """``action`` with P replaced by the id of the newest proposal."""
    newest = max(game.proposals, default=None)
    return {k: newest if v is P else v for k, v in action.items()}


@pytest.mark.parametrize(
    ("setup", "action", "code", "field", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_a_refused_action_says_what_and_where_and_changes_nothing(
    mini_rules: Rules,
    setup: list[dict[str, Any]],
    action: dict[str, Any],
    code: str,
    field: str | None,
    message: str,
) -> None:
    game = Game(mini_rules, seed=1)
    for step in setup:
        game.apply(_fill(step, game))
    before, log = game.state_hash(), len(game.log)
    with pytest.raises(IllegalAction) as refused:
        game.apply(_fill(action, game))
    assert (refused.value.code, refused.value.field) == (code, field)
    newest = max(game.proposals, default=None)
    assert str(refused.value).startswith(message.replace("{P}", str(newest))), str(refused.value)
    assert game.state_hash() == before and len(game.log) == log


@pytest.mark.parametrize(
    "action",
    [
        {"type": "extend", "actor": F, "seconds": 86400},
        {"type": "extend", "actor": F, "seconds": -86400},
        {"type": "lock", "actor": F, "locked": False},
        {"type": "seat", "actor": F, "seat": "gamma", "bot": None},
        {"type": "start", "actor": F},
        _propose({**AID, "months": 12}),
        _propose({"kind": "signals", "actor": "beta", "rung": 5}),
        _propose({"kind": "signals", "actor": "beta", "rung": 0}),
        {"type": "message", "actor": "beta", "to": [], "text": "x" * 2000},
        {"type": "message", "actor": "beta", "to": "public", "text": "hi"},
        {**DRAFT, "direction": "relax"},
    ],
    ids=lambda a: a["type"],
)
def test_the_limits_themselves_are_allowed(mini: Game, action: dict[str, Any]) -> None:
    mini.apply(action)
    assert mini.log[-1] is action


NO_COUNCIL = Path(__file__).resolve().parents[1] / "fixtures" / "no_council.yaml"


def test_without_a_security_council_drafts_and_council_terms_are_refused() -> None:
    game = Game(load_scenario(NO_COUNCIL), 1)
    with pytest.raises(IllegalAction) as err:
        game.apply(DRAFT)
    assert (err.value.code, err.value.field, str(err.value)) == (
        "no_unsc",
        "type",
        "this scenario has no Security Council",
    )
    with pytest.raises(IllegalAction) as err:
        game.apply(_propose({"kind": "unsc", "actor": "alpha", "direction": "relax"}))
    assert (err.value.code, err.value.field, str(err.value)) == (
        "no_unsc",
        "commitments.0.kind",
        "this scenario has no Security Council",
    )
    assert "unsc_draft" not in game.legal_actions("alpha")["types"]
    assert game.log == []
