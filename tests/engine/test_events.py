"""Events (docs/rules.md step 9) on tests/fixtures/eventful.yaml: scripted by month, by
condition (once, or every month it holds), random with a chance read from the state,
values set, a summit held, and news that is private intelligence."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import Game, load_scenario
from game.scenario.compile import Rules

EVENTFUL = Path(__file__).resolve().parents[1] / "fixtures" / "eventful.yaml"
FROZEN = {"type": "orders", "actor": "beta", "levers": {"program": "freeze"}}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(EVENTFUL)


def resolve(game: Game, frozen: bool = True) -> None:
    game.advance()
    if frozen:
        game.apply(FROZEN)
    game.advance()


def fired_in(game: Game, month: int) -> list[str]:
    return [n["text"] for n in game.news if n["kind"] == "event" and n["month"] == month]


def test_scripted_and_conditional_events_fire_when_and_as_often_as_they_say(rules: Rules) -> None:
    game = Game(rules, 0)
    resolve(game)  # nukes 19, tension 26: nothing but maybe a storm
    assert "A bridge opens." not in fired_in(game, 1)
    assert "event.bridge" not in game.v
    resolve(game)
    assert "A bridge opens." in fired_in(game, 2) and game.v["event.bridge"] == 1
    game.apply(
        {
            "type": "inject",
            "actor": "facilitator",
            "news": "x",
            "effects": {"nukes": 10, "tension": 20},
        }
    )
    approval = game.v["approval.alpha"]
    resolve(game)  # nukes 28 > 23: the leak, once; tension 40 + 3: drills
    assert {"A leak.", "Drills."} <= set(fired_in(game, 3))
    assert game.v["approval.alpha"] == approval - 2 - 1  # drills; the crisis dynamic -1
    leak = next(n for n in game.news if n["text"] == "A leak.")
    assert leak["to"] == ["alpha"]  # intelligence for alpha alone
    assert [n["text"] for n in game.view_for("beta")["news"]].count("A leak.") == 0
    resolve(game)  # still over 23 and over 40: drills again, no second leak
    assert "A leak." not in fired_in(game, 4) and "Drills." in fired_in(game, 4)
    assert game.v["approval.alpha"] == approval - 6
    assert game.v["event.leak"] == 1


def test_an_event_sets_values_and_holds_a_summit_without_its_own_news(rules: Rules) -> None:
    game = Game(rules, 0)
    for _ in range(3):
        resolve(game)
    assert game.v["moratorium"] == 0  # March's deadline missed: set to 0
    cred = game.v["credibility.alpha"]
    resolve(game)  # April: the meeting
    assert "Leaders meet." in fired_in(game, 4)
    assert game.v["moratorium"] == 0.25  # set, not added
    assert game.v["summits"] == 1 and game.v["summits.alpha"] == game.v["summits.gamma"] == 1
    assert game.v["credibility.alpha"] == cred + 2  # summit effects, and a deal: no no_deal
    assert not [n for n in game.news if n["kind"] == "summit"]


def test_a_random_events_chance_is_read_from_the_state(rules: Rules) -> None:
    """Storm: chance economy / 200, about a quarter at the start (economy 50); never once
    the economy is at 0."""
    hits = 0
    seeds = range(300)
    for seed in seeds:
        game = Game(rules, seed)
        resolve(game)
        hits += "A storm hits." in fired_in(game, 1)
        assert game.v["reserves"] == pytest.approx(
            37.25 - game.v["pressure"] / 50 - ("A storm hits." in fired_in(game, 1))
        )
    assert 0.18 * len(seeds) <= hits <= 0.34 * len(seeds)
    for seed in range(30):
        game = Game(rules, seed)
        game.apply(
            {"type": "inject", "actor": "facilitator", "news": "x", "effects": {"economy": -100}}
        )
        resolve(game)
        assert "A storm hits." not in fired_in(game, 1)


def test_an_event_that_moves_a_un_level_moves_the_pressure_that_month(rules: Rules) -> None:
    game = Game(rules, 0)
    for _ in range(5):
        resolve(game)
    assert "The Council tightens oil." in fired_in(game, 5)
    assert game.v["un.oil"] == 3
    assert game.v["pressure.oil"] == pytest.approx(100 * (0.5 * 2 / 3 + 0.5 * 3 / 3))
    assert game.snapshots[5]["pressure.oil"] == pytest.approx(game.v["pressure.oil"])
