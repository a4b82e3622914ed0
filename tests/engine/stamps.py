"""The change-stamp contract, checked action by action (shared by the view tests on Korea
2019 and the small scripted game): a view key whose stamp did not move has not changed,
and neither have an actor's legal actions while its legal stamp stands still."""

from __future__ import annotations

import json
from typing import Any

from game import Game


def dump(value: Any) -> str:
    """A value as canonical JSON, so a later change to it in place cannot hide."""
    return json.dumps(value, sort_keys=True)


def assert_stamps_sound(game: Game, log: list[dict[str, Any]]) -> int:
    """Apply ``log`` to ``game``, checking after every action that each key of each view
    either has a new stamp or an equal value, and so do each actor's legal actions.
    Returns how many unchanged stamps were checked."""
    game.track_changes()
    viewers = [*game.rules.actor_ids, "spectator", "omniscient"]
    actors = game.rules.actor_ids
    before = {v: (game.view_stamps(v), dump(game.view_for(v))) for v in viewers}
    legal = {a: (game.legal_stamp(a), dump(game.legal_actions(a))) for a in actors}
    unchanged = 0
    for action in log:
        game.apply(action)
        for a in actors:
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
    return unchanged
