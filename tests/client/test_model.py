"""The client's model: channels, unread counts, words for proposals and deadlines."""

from __future__ import annotations

import time

from game import Game, load_scenario
from game.client.connection import Update
from game.client.info import scenario_info
from game.client.model import (
    ERROR_MIN,
    ERROR_SLOTS,
    ERROR_TTL,
    PUBLIC,
    ClientModel,
    channel_of,
    clock,
)

MINI = "tests/fixtures/mini.yaml"


def model_for(game: Game, actor: str) -> ClientModel:
    m = ClientModel()
    m.apply(Update("welcome", {"info": scenario_info(game.rules), "you": actor, "room": "x"}))
    m.apply(Update("view", {"view": game.view_for(actor), "legal": game.legal_actions(actor)}))
    return m


def test_messages_fall_into_public_pair_and_group_channels() -> None:
    assert channel_of({"from": "beta", "to": []}) == PUBLIC
    assert channel_of({"from": "beta", "to": ["alpha"]}) == "alpha+beta"
    assert channel_of({"from": "gamma", "to": ["beta", "alpha"]}) == "alpha+beta+gamma"


def test_unread_counts_drop_when_the_channel_is_read() -> None:
    game = Game(load_scenario(MINI), 1)
    game.apply({"type": "message", "actor": "beta", "to": ["alpha"], "text": "psst"})
    game.apply({"type": "message", "actor": "gamma", "to": [], "text": "hello all"})
    game.apply({"type": "message", "actor": "alpha", "to": [], "text": "mine"})
    m = model_for(game, "alpha")
    assert m.unread(PUBLIC) == 1  # your own message is never unread
    assert m.unread("alpha+beta") == 1
    assert m.channel_label("alpha+beta") == "Beta"
    assert m.channel_to("alpha+beta") == ["beta"]
    m.mark_read("alpha+beta")
    assert m.unread("alpha+beta") == 0
    assert m.unread(PUBLIC) == 1


def test_proposals_read_as_words_and_wait_for_an_answer() -> None:
    game = Game(load_scenario(MINI), 1)
    game.apply(
        {
            "type": "propose",
            "actor": "beta",
            "to": ["alpha"],
            "commitments": [{"actor": "beta", "lever": "program", "option": "freeze", "months": 2}],
            "inspections": True,
        }
    )
    m = model_for(game, "alpha")
    (p,) = m.awaiting_me()
    lines = m.proposal_lines(p)
    assert lines[0] == "Beta: Nuclear programme = Freeze, from January for 2 months"
    assert lines[1] == "With inspections"
    assert m.new_proposals() == 1


def test_deadline_countdown_and_estimates_are_ranges() -> None:
    game = Game(load_scenario(MINI), 1)
    m = model_for(game, "alpha")
    assert m.deadlines() == [("Year-end cutoff (31 March)", "2 months left")]
    assert isinstance(m.view["variables"]["economy"], dict)  # type: ignore[index]
    assert m.economy_key() == "economy"


def test_server_errors_are_kept_in_words() -> None:
    m = ClientModel()
    m.apply(Update("error", {"message": "lever 'aid' is not yours", "code": "not_your_lever"}))
    assert m.live_errors(now=m.errors[0].arrived) == ["lever 'aid' is not yours"]
    assert m.error_log == ["lever 'aid' is not yours"]


def test_an_error_goes_after_the_next_accepted_action_but_not_before_it_was_read() -> None:
    m = ClientModel()
    m.error("no proposal 999", now=100.0)
    assert m.live_errors(100.0) == ["no proposal 999"]
    m.apply(Update("ack", {"seq": 3}))
    assert m.live_errors(100.0 + ERROR_MIN / 2) == ["no proposal 999"], "shown long enough"
    assert m.live_errors(100.0 + ERROR_MIN) == []
    assert m.error_log == ["no proposal 999"]


def test_an_error_goes_by_itself_after_a_few_seconds() -> None:
    m = ClientModel()
    m.error("stale", now=10.0)
    assert m.live_errors(10.0) == ["stale"]
    assert m.live_errors(10.0 + ERROR_TTL - 0.1) == ["stale"]
    assert m.live_errors(10.0 + ERROR_TTL) == []


def test_a_burst_of_errors_waits_its_turn_instead_of_being_dropped() -> None:
    m = ClientModel()
    for i in range(ERROR_SLOTS + 2):
        m.error(f"error {i}", now=0.0)
    assert m.live_errors(0.0) == [f"error {i}" for i in range(ERROR_SLOTS)]
    later = m.live_errors(ERROR_TTL)  # the first ones expire, the waiting ones come up
    assert later == [f"error {i}" for i in range(ERROR_SLOTS, ERROR_SLOTS + 2)]
    m.dismiss_errors()
    assert m.live_errors(ERROR_TTL) == []


def test_a_countdown_reads_as_minutes_and_seconds_rounded_up() -> None:
    assert clock(0) == "0:00"
    assert clock(0.2) == "0:01"
    assert clock(61.2) == "1:02"
    assert clock(600) == "10:00"
    assert clock(3725) == "1:02:05"
    assert clock(-5) == "0:00"


def test_the_phase_timer_counts_down_from_what_the_server_sent() -> None:
    game = Game(load_scenario(MINI), 1)
    m = model_for(game, "alpha")
    assert m.time_left(time.monotonic()) is None, "no timer without 'remaining'"
    view = {"view": game.view_for("alpha"), "legal": game.legal_actions("alpha")}
    m.apply(Update("view", {**view, "remaining": 90.0}))
    sent = m.remaining_at
    assert m.time_left(sent) == 90.0
    assert m.time_left(sent + 30) == 60.0
    assert m.time_left(sent + 500) == 0.0
    m.apply(Update("view", {**view, "remaining": None}))
    assert m.time_left(sent + 1) is None, "paused or no timer"
