"""The action registry (game/engine/specs.py) is complete and consistent, and a new
action type is one spec (and its message model): accepted from the protocol to the
engine's log and replay, with nothing else to register."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest

from game import Game, load_scenario
from game.engine import actions, facilitation, specs
from game.engine.specs import PLAYER, SPECS, ActionSpec, spec_problem
from game.engine.state import FACILITATOR, Action, State
from game.errors import IllegalAction
from game.protocol import actions as protocol
from game.protocol.errors import ACTION_TYPES

RULES = load_scenario("korea-2019")


def test_every_spec_is_sound_and_has_a_model() -> None:
    assert len(SPECS) >= 19
    for kind, spec in SPECS.items():
        assert spec.type == kind
        assert spec_problem(spec) is None, kind
        assert kind in protocol.MODELS, f"{kind} has no message model"
    assert list(protocol.MODELS) == list(SPECS)  # the same order: the union's and schemas'
    assert protocol.registry_problems() == []


def test_the_sender_sets_come_from_the_specs() -> None:
    players = {t for t, s in SPECS.items() if s.sender == PLAYER}
    facilitators = {t for t, s in SPECS.items() if s.sender == FACILITATOR}
    assert protocol.PLAYER_ACTIONS == players
    assert protocol.FACILITATOR_ACTIONS == facilitators
    assert players.isdisjoint(facilitators)
    assert ACTION_TYPES == set(SPECS)
    assert {"message", "propose", "orders", "ready"} <= players
    assert {"advance", "pause", "seat", "move"} <= facilitators


def test_every_handler_in_the_engine_is_registered_once() -> None:
    """Every public function of the handler modules that takes (game, action) is a spec's
    handler, or the one helper the facilitator's advance builds on: nothing registered
    twice or overwritten (``advance`` once was)."""
    handlers = [s.handler for s in SPECS.values()]
    assert len(set(handlers)) == len(handlers)
    helpers = {actions.end_phase}
    for module in (actions, facilitation):
        for name, fn in vars(module).items():
            if (
                name.startswith("_")
                or not callable(fn)
                or getattr(fn, "__module__", "") != (module.__name__)
            ):
                continue
            params = list(getattr(fn, "__annotations__", {}))
            if params[:2] == ["game", "action"]:
                assert fn in handlers or fn in helpers, f"{module.__name__}.{name} has no spec"


def test_the_player_types_are_the_ones_legal_actions_offers() -> None:
    offered: set[str] = set()
    game = Game(RULES, seed=3)
    for actor in RULES.actor_ids:
        offered |= set(game.legal_actions(actor)["types"])
    assert offered <= protocol.PLAYER_ACTIONS
    assert {"message", "propose", "orders", "ready", "unsc_draft"} <= offered


def test_a_bad_spec_is_refused_with_its_reason() -> None:
    def noop(game: State, action: Action) -> None:
        return None

    with pytest.raises(ValueError, match="unknown parts \\['weather'\\]"):
        specs.register(ActionSpec("rain", noop, PLAYER, (("weather",), (), ())))
    with pytest.raises(ValueError, match="sender must be"):
        specs.register(ActionSpec("rain", noop, "teacher"))  # type: ignore[arg-type]
    assert "rain" not in SPECS


def test_a_spec_without_a_model_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def noop(game: State, action: Action) -> None:
        return None

    monkeypatch.setitem(SPECS, "rain", ActionSpec("rain", noop, PLAYER))
    assert protocol.registry_problems() == [
        "action spec 'rain' has no model in game.protocol.actions"
    ]


# ------------------------------------------------------------------ a new action, end to end
def wave(game: State, action: Action) -> None:
    """A player waves at everyone: a public message, checked first."""
    game.need("negotiation", action)
    text = action.get("text", "")
    if not isinstance(text, str) or len(text) > 20:
        raise IllegalAction("'text' must be a short string", "bad_field", "text")
    me = action["actor"]
    game.messages.append(
        {"id": game._id(), "month": game.month, "from": me, "to": [], "text": f"*waves* {text}"}
    )


class WaveAction(protocol.ActionModel):
    """Wave at everyone."""

    type: Literal["wave"]
    text: str = ""


@pytest.fixture
def waving() -> Iterator[None]:
    specs.register(ActionSpec("wave", wave, PLAYER, (("messages",), (), ())))
    protocol.register_model(WaveAction)
    try:
        yield
    finally:
        del SPECS["wave"]
        del protocol.MODELS["wave"]
        protocol._adapter.cache.clear()


def test_a_new_action_is_accepted_end_to_end(waving: None) -> None:
    assert protocol.sender_of("wave") == PLAYER
    parsed = protocol.parse_action({"type": "wave", "text": "hello"})
    assert isinstance(parsed, WaveAction)
    with pytest.raises(ValueError, match="text"):
        protocol.parse_action({"type": "wave", "text": 5})  # the model checks shapes
    game = Game(RULES, seed=5)
    game.track_changes()
    before = game.part_stamps("china")
    game.apply(protocol.to_engine(parsed, "us"))
    assert game.messages[-1]["text"] == "*waves* hello"
    assert game.log[-1] == {"type": "wave", "text": "hello", "actor": "us"}
    after = game.part_stamps("china")  # public: everyone's messages stamp moved
    assert after["messages"] > before["messages"] and after["values"] == before["values"]
    assert "*waves* hello" in [m["text"] for m in game.view_for("china")["messages"]]
    with pytest.raises(IllegalAction) as refused:  # the facilitator plays no seat
        game.apply({"type": "wave", "actor": FACILITATOR})
    assert refused.value.code == "unknown_actor"
    game.advance()
    with pytest.raises(IllegalAction) as late:  # its own rule: negotiation only
        game.apply({"type": "wave", "actor": "us"})
    assert late.value.code == "wrong_phase"
    assert Game.replay(RULES, 5, game.log).state_hash() == game.state_hash()


def test_without_its_spec_the_action_is_unknown() -> None:
    with pytest.raises(IllegalAction) as unknown:
        Game(RULES, seed=5).apply({"type": "wave", "actor": "us"})
    assert unknown.value.code == "unknown_type"
    with pytest.raises(ValueError):
        protocol.parse_action({"type": "wave"})
