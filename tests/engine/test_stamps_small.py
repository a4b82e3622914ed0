"""The contract a server relies on to send only what changed (``view_stamps``,
``legal_stamp``): after every action, each key of each view, and each actor's legal
actions, either has a new stamp or an equal value. Checked on whole games of random
bots in the small scored scenario (tests/fixtures/scored.yaml) with the facilitator's
controls spliced in: every kind of action, in a second or two."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.runner import play_game
from game.scenario.compile import Rules
from tests.engine.stamps import assert_stamps_sound

SCORED = Path(__file__).resolve().parents[1] / "fixtures" / "scored.yaml"
F = "facilitator"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(SCORED)


def dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def script(rules: Rules, seed: int) -> list[dict[str, Any]]:
    bots = {a: make_bot("random", a, seed) for a in rules.actor_ids}
    log = list(play_game(rules, seed, bots).game.log)
    extra = [
        {"type": "announce", "actor": F, "text": "Talks resume."},
        {
            "type": "inject",
            "actor": F,
            "news": "A storm.",
            "effects": {"economy": -3, "tension": 2},
        },
        {"type": "inject", "actor": F, "event": "incident"},
        {"type": "seat", "actor": F, "seat": "beta", "bot": "random"},
        {"type": "lock", "actor": F, "locked": True},
        {"type": "extend", "actor": F, "seconds": 60},
    ]
    for i, action in enumerate(extra):  # none of them moves the phase or uses an id
        log.insert(3 + 4 * i, action)
    log.insert(40, {"type": "resume", "actor": F})
    log.insert(40, {"type": "pause", "actor": F})
    return log


@pytest.mark.parametrize("seed", [2, 5])
def test_a_key_whose_stamp_did_not_move_has_not_changed(rules: Rules, seed: int) -> None:
    game = Game(rules, seed)
    unchanged = assert_stamps_sound(game, script(rules, seed))
    assert game.over and unchanged > 1000
    kinds = {a["type"] for a in game.log}
    assert {"message", "propose", "orders", "ready", "inject", "announce", "pause", "seat"} <= kinds
