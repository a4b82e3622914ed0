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
    game.track_changes()
    viewers = [*rules.actor_ids, "spectator", "omniscient"]
    before = {v: (game.view_stamps(v), dump(game.view_for(v))) for v in viewers}
    legal = {a: (game.legal_stamp(a), dump(game.legal_actions(a))) for a in rules.actor_ids}
    unchanged = 0
    for action in script(rules, seed):
        game.apply(action)
        for a in rules.actor_ids:
            now = dump(game.legal_actions(a))
            if game.legal_stamp(a) == legal[a][0]:
                unchanged += 1
                assert now == legal[a][1], (action, a)
            legal[a] = (game.legal_stamp(a), now)
        for viewer in viewers:
            stamps, old = before[viewer]
            view = game.view_for(viewer)
            new = game.view_stamps(viewer)
            assert list(new) == list(view)
            old_view = json.loads(old)
            for key, stamp in new.items():
                if stamps.get(key) == stamp:
                    unchanged += 1
                    assert dump(view[key]) == dump(old_view[key]), (action, viewer, key)
            before[viewer] = (new, dump(view))
    assert game.over and unchanged > 1000
    kinds = {a["type"] for a in game.log}
    assert {"message", "propose", "orders", "ready", "inject", "announce", "pause", "seat"} <= kinds
