"""view_for is the one choke point for hidden information: nothing private leaks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game import Game
from game.bots import make_bot
from game.bots.runner import play_game
from game.engine.game import ID_BLOCK
from game.scenario.compile import Rules
from tests.engine.stamps import assert_stamps_sound


def dump(view: dict) -> str:
    return json.dumps(view, sort_keys=True)


def private_keys(rules: Rules, owner: str) -> list[str]:
    return [k for k, (vis, own, _) in rules.visibility.items() if own == owner and vis == "private"]


def test_an_actor_sees_its_own_private_values_and_estimates_of_others(mini: Game) -> None:
    beta = mini.view_for("beta")["variables"]
    alpha = mini.view_for("alpha")["variables"]
    assert beta["reserves"] == 37.25 and beta["economy"] == 50
    assert "reserves" not in alpha
    assert set(alpha["economy"]) == {"low", "high"}
    assert alpha["economy"]["low"] <= 50 <= alpha["economy"]["high"]
    assert alpha["tension"] == 30  # public


def test_better_intelligence_gives_narrower_estimates(mini: Game) -> None:
    good = mini.view_for("alpha")["variables"]["economy"]  # intelligence 1.0
    poor = mini.view_for("gamma")["variables"]["economy"]  # intelligence 0.5
    assert good["high"] - good["low"] < poor["high"] - poor["low"]


def test_spectators_see_only_public_values(mini: Game) -> None:
    view = mini.view_for("spectator")["variables"]
    for key, (vis, _, _) in mini.rules.visibility.items():
        if vis == "private":
            assert key not in view
        if vis == "public":
            assert view[key] == round(mini.v[key], 2)
    assert "secret_briefing" not in mini.view_for("spectator")


def test_omniscient_sees_the_true_values(mini: Game) -> None:
    view = mini.view_for("omniscient")
    assert view["variables"]["reserves"] == 37.25
    assert set(view["secret_briefings"]) == set(mini.rules.actor_ids)


def test_private_messages_and_proposals_reach_only_their_parties(mini: Game) -> None:
    mini.apply({"type": "message", "actor": "beta", "to": ["gamma"], "text": "Secret oil route"})
    mini.apply(
        {"type": "propose", "actor": "beta", "to": ["gamma"], "talks": True, "text": "Back channel"}
    )
    mini.apply({"type": "message", "actor": "alpha", "to": [], "text": "Hello all"})
    for viewer, sees in (("alpha", False), ("gamma", True), ("beta", True), ("spectator", False)):
        text = dump(mini.view_for(viewer))
        assert ("Secret oil route" in text) is sees
        assert ("Back channel" in text) is sees
        assert "Hello all" in text


def test_orders_are_secret_until_resolution_and_covert_ones_stay_secret(mini_rules: Rules) -> None:
    for seed in range(30):
        game = Game(mini_rules, seed)
        game.apply(
            {"type": "orders", "actor": "beta", "levers": {"program": "continue"}, "final": False}
        )
        assert "drafts" not in game.view_for("alpha")
        assert game.view_for("alpha")["orders"] == []
        game.advance()
        game.advance()
        detected = any(d["actor"] == "beta" for d in game.detections["alpha"])
        seen = game.view_for("alpha")["orders"][0]["orders"]["beta"]["levers"]
        assert ("program" in seen) is detected
        assert "program" not in game.view_for("spectator")["orders"][0]["orders"]["beta"]["levers"]
        if detected:
            return
    pytest.fail("alpha never detected the programme")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_private_value_of_one_actor_appears_in_anothers_view(
    korea_rules: Rules, seed: int
) -> None:
    """Mark every private value with a distinctive number and look for it everywhere."""
    rules = korea_rules
    bots = {a: make_bot("random", a, seed) for a in rules.actor_ids}
    months = []

    def mark(game: Game) -> None:
        if game.over:
            return
        months.append(game.month)
        for owner in rules.actor_ids:
            for i, key in enumerate(private_keys(rules, owner)):
                lo, hi = rules.bounds[key]
                game.v[key] = min(hi, max(lo, lo + 0.4321 + i * 0.0001))
            briefing = rules.actors[owner].briefing.secret
            for viewer in (*rules.actor_ids, "spectator"):
                if viewer == owner:
                    continue
                view = game.view_for(viewer)
                text = dump(view)
                for key in private_keys(rules, owner):
                    assert f'"{key}"' not in text, f"{viewer} sees {owner}'s private {key}"
                assert briefing not in text, f"{viewer} sees {owner}'s secret briefing"
                for msg in game.messages:
                    if msg["to"] and viewer not in msg["to"] and viewer != msg["from"]:
                        assert msg["text"] not in {
                            m["text"] for m in view["messages"] if m["id"] == msg["id"]
                        }
                for draft_owner in game.drafts:
                    if draft_owner != viewer:
                        assert "drafts" not in view
                for n in game.news:
                    if n["to"] and viewer not in n["to"]:
                        assert n not in view["news"]

    play_game(rules, seed, bots, on_month=mark)
    assert months, "the check ran in at least one month"


def test_the_leak_check_would_catch_a_leak(mini: Game) -> None:
    view = mini.view_for("alpha")
    view["variables"]["reserves"] = 1
    assert '"reserves"' in dump(view)


# ---------------------------------------------------------------------- view stamps
def _viewers(rules: Rules) -> list[str]:
    return [*rules.actor_ids, "spectator", "omniscient"]


def _bot_log(rules: Rules, seed: int) -> list[dict[str, Any]]:
    """The log of a whole game of six random bots."""
    bots = {a: make_bot("random", a, seed) for a in rules.actor_ids}
    return play_game(rules, seed, bots).game.log


def _with_facilitator(log: list[dict]) -> list[dict]:
    """A bot game's log with facilitator controls spliced in (they may change anything)."""
    out = list(log)
    out.insert(5, {"type": "announce", "actor": "facilitator", "text": "Talks resume."})
    out.insert(9, {"type": "pause", "actor": "facilitator"})
    out.insert(10, {"type": "resume", "actor": "facilitator"})
    return out


@pytest.mark.parametrize("seed", [1, 4])
def test_a_key_whose_stamp_did_not_move_has_not_changed(korea_rules: Rules, seed: int) -> None:
    """The contract a server relies on to skip unchanged keys: after every action of a
    whole game, each key of each view either has a new stamp or an equal value, and so
    do the legal actions."""
    log = _with_facilitator(_bot_log(korea_rules, seed))
    game = Game(korea_rules, seed)
    assert assert_stamps_sound(game, log) > 0
    assert game.over


def test_stamps_stay_sound_through_counters_withdrawals_and_private_deals(
    korea_rules: Rules,
) -> None:
    """What random bots never do: counter a proposal (which closes it for its own
    parties, not only the counter's), withdraw one, answer a private message."""
    game = Game(korea_rules, seed=2)

    def offer(actor: str, to: list[str], **extra: Any) -> dict[str, Any]:
        return {"type": "propose", "actor": actor, "to": to, "talks": True, **extra}

    def pid(*parties: str) -> int:  # the first proposal among these parties
        return sum(1 << korea_rules.actor_ids.index(a) for a in parties) * ID_BLOCK + 1

    first, deal, withdrawn, summit = (
        pid("us", "japan", "rok"), pid("rok", "china"), pid("dprk", "russia"), pid("japan", "us")
    )  # fmt: skip
    script = [
        offer("us", ["japan", "rok"]),
        offer("rok", ["china"], counter_to=first),  # closes the first: us and japan see it
        {"type": "message", "actor": "china", "to": ["rok"], "text": "Let us talk."},
        {"type": "respond", "actor": "china", "proposal": deal, "accept": True},  # a deal
        offer("dprk", ["russia"]),
        {"type": "withdraw", "actor": "dprk", "proposal": withdrawn},
        offer("japan", ["us"], summit=True),
        {"type": "respond", "actor": "us", "proposal": summit, "accept": False},
    ]
    assert assert_stamps_sound(game, script) > 0
    assert [game.proposals[p]["status"] for p in (first, deal, withdrawn, summit)] == [
        "countered", "accepted", "withdrawn", "rejected",
    ]  # fmt: skip


def test_a_message_moves_only_the_message_stamp(mini: Game) -> None:
    mini.track_changes()
    before = mini.view_stamps("alpha")
    mini.apply({"type": "message", "actor": "beta", "to": [], "text": "hello"})
    after = mini.view_stamps("alpha")
    assert [k for k in after if after[k] != before[k]] == ["messages"]


def test_untracked_every_action_moves_every_stamp(mini: Game) -> None:
    """Games only played or replayed skip the bookkeeping; their stamps stay sound."""
    from game.engine.view import KEY_PART

    hello = {"type": "message", "actor": "beta", "to": [], "text": "hello"}
    mini.apply(hello)
    before, legal = mini.view_stamps("alpha"), mini.legal_stamp("alpha")
    mini.apply(hello)
    after = mini.view_stamps("alpha")
    assert all(after[k] != before[k] for k in after if KEY_PART[k])
    assert all(a != b for a, b in zip(mini.legal_stamp("alpha"), legal, strict=True))


def _moved(game: Game, action: dict[str, Any]) -> dict[str, list[str]]:
    """The view keys of every viewer whose stamps ``action`` moved."""
    game.track_changes()
    viewers = _viewers(game.rules)
    before = {v: game.view_stamps(v) for v in viewers}
    game.apply(action)
    after = {v: game.view_stamps(v) for v in viewers}
    return {v: [k for k in after[v] if after[v][k] != before[v][k]] for v in viewers}


def test_a_private_message_moves_only_its_parties_stamps(korea_rules: Rules) -> None:
    korea = Game(korea_rules, seed=1)
    moved = _moved(korea, {"type": "message", "actor": "us", "to": ["japan"], "text": "hi"})
    assert moved["us"] == moved["japan"] == moved["omniscient"] == ["messages"]
    assert all(moved[v] == [] for v in ("dprk", "china", "russia", "rok", "spectator"))


def test_a_proposal_moves_only_its_parties_stamps_and_legal_stamps(korea_rules: Rules) -> None:
    korea = Game(korea_rules, seed=1)
    legal = {a: korea.legal_stamp(a) for a in korea.rules.actor_ids}
    offer = {"type": "propose", "actor": "us", "to": ["rok"], "talks": True}
    moved = _moved(korea, offer)
    assert moved["us"] == moved["rok"] == moved["omniscient"] == ["proposals"]
    assert all(moved[v] == [] for v in ("dprk", "china", "russia", "japan", "spectator"))
    changed = [a for a in korea.rules.actor_ids if korea.legal_stamp(a) != legal[a]]
    assert changed == ["us", "rok"]
    pid = korea.open_ids[-1]
    moved = _moved(korea, {"type": "respond", "actor": "rok", "proposal": pid, "accept": True})
    # an agreement: its parties see it; deals move values, which everyone sees
    assert moved["rok"] == [
        "tension", "variables", "proposals", "agreements", "scores", "score_breakdown",
    ]  # fmt: skip
    assert moved["china"] == ["tension", "variables", "scores", "score_breakdown"]
    assert moved["spectator"] == ["tension", "variables"]


def test_only_builds_just_the_keys_asked_for_in_view_order(mini: Game) -> None:
    whole = mini.view_for("alpha")
    part = mini.view_for("alpha", only=["scores", "messages", "nonsense"])
    assert list(part) == ["messages", "scores"]
    assert part == {k: whole[k] for k in part}


def test_memoised_current_values_equal_a_fresh_computation(korea_rules: Rules) -> None:
    """Within a month only changed values are recomputed; the result must not differ
    from filtering the whole table again, after any action."""
    from game.engine.view import visible_values

    log = _bot_log(korea_rules, 6)
    game = Game(korea_rules, 6)
    checked = 0
    for action in log[:-1]:
        game.apply(action)
        for viewer in _viewers(korea_rules):
            fresh = visible_values(game, viewer, game.v, game.month)
            shown = game.view_for(viewer, only=["variables"])["variables"]
            assert shown == fresh and list(shown) == list(fresh)
            checked += 1
    assert checked > 100


def test_keys_same_for_all_are_the_same_in_every_view(korea_rules: Rules) -> None:
    """``SAME_FOR_ALL`` lets a server encode these keys once for every viewer."""
    from game.engine.view import SAME_FOR_ALL

    log = _with_facilitator(_bot_log(korea_rules, 5))
    game = Game(korea_rules, 5)
    for action in [None, *log]:
        if action is not None:
            game.apply(action)
        views = [game.view_for(v) for v in _viewers(korea_rules)]
        for key in SAME_FOR_ALL:
            shown = {dump(view[key]) for view in views if key in view}
            assert len(shown) <= 1, (action, key)
    assert game.over and "outcome" in views[0]


def test_a_list_that_only_grows_is_given_after_the_items_held(korea_rules: Rules) -> None:
    """``held``: the caller keeps the first items of a ``GROWS_ONLY`` key and gets the rest."""
    from game.engine.view import GROWS_ONLY

    log = _bot_log(korea_rules, 3)
    game = Game(korea_rules, 3)
    for action in log[:120]:
        game.apply(action)
    assert GROWS_ONLY == {"history"} and len(game.snapshots) > 3
    for viewer in _viewers(korea_rules):
        whole = game.view_for(viewer)
        for n in (0, 2, len(whole["history"])):
            tail = game.view_for(viewer, only=["history", "month"], held={"history": n})
            assert tail == {"month": whole["month"], "history": whole["history"][n:]}


def test_memoised_messages_equal_a_fresh_filter_also_across_copies(korea_rules: Rules) -> None:
    """Each viewer's messages are memoised and extended; a copy of the game that goes its
    own way must not leak its messages into the original's views, nor the reverse."""
    log = _bot_log(korea_rules, 8)
    game = Game(korea_rules, 8)

    def fresh(g: Game, viewer: str) -> list[dict[str, Any]]:
        if viewer == "omniscient":
            return list(g.messages)
        return [m for m in g.messages if not m["to"] or viewer == m["from"] or viewer in m["to"]]

    for i, action in enumerate(log):
        game.apply(action)
        for viewer in _viewers(korea_rules):
            assert game.view_for(viewer, only=["messages"])["messages"] == fresh(game, viewer)
        if i == len(log) // 2:
            original = game.copy()
            original.view_for("rok")
            clone = original.copy()
            clone.apply({"type": "message", "actor": "us", "to": ["rok"], "text": "clone"})
            assert clone.view_for("rok")["messages"][-1]["text"] == "clone"
            original.apply({"type": "message", "actor": "japan", "to": [], "text": "mine"})
            shown = [m["text"] for m in original.view_for("rok")["messages"]]
            assert "clone" not in shown and shown[-1] == "mine"
            assert clone.view_for("rok")["messages"][-1]["text"] == "clone"
    assert any(m["to"] for m in game.messages)
