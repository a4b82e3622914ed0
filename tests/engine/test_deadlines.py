"""Deadlines are judged in their own month, on that month's state, and the news of that
month says so (to every player). A deadline judged a month early or late fails here,
not only in the golden chronicle."""

from __future__ import annotations

import pytest

from game import Game
from game.scenario.compile import Rules


def resolve(game: Game, orders: dict[str, dict] | None = None) -> None:
    """Play the current month: optional orders, then resolve."""
    if game.phase == "negotiation":
        game.advance()
    for actor, order in (orders or {}).items():
        game.apply({"type": "orders", "actor": actor, **order})
    if game.phase == "orders":
        game.advance()


def deadline_news(game: Game, viewer: str | None = None) -> list[tuple[int, str, bool]]:
    """(month, deadline id, met) of each deadline item in the news (as ``viewer`` sees it)."""
    news = game.news if viewer is None else game.view_for(viewer)["news"]
    return [(n["month"], n["deadline"], n["met"]) for n in news if n["kind"] == "deadline"]


def test_the_mini_deadline_is_judged_in_its_month_and_not_before(mini: Game) -> None:
    (cutoff,) = mini.rules.deadlines
    assert cutoff.month == 3
    while mini.month < cutoff.month:
        resolve(mini)
        assert deadline_news(mini) == []
        assert "missed.cutoff" not in mini.v and "deadline.cutoff" not in mini.v
    assert mini.month == 3 and mini.phase == "negotiation"
    moratorium = mini.v["moratorium"]
    assert moratorium == 1
    resolve(mini)
    assert mini.over
    # Judged once, in March, and every player reads it in March's news.
    for viewer in [*mini.rules.actor_ids, "spectator"]:
        assert deadline_news(mini, viewer) == [(3, "cutoff", False)]
    (item,) = [n for n in mini.news if n["kind"] == "deadline"]
    assert item["text"] == "Year-end cutoff (31 March): Beta takes a new path."
    assert mini.v["missed.cutoff"] == 1 and mini.v["moratorium"] == 0


def _deal(game: Game, months: int) -> None:
    """Alpha and Beta agree now that Beta freezes its programme for ``months`` months."""
    game.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["beta"],
            "commitments": [
                {"actor": "beta", "lever": "program", "option": "freeze", "months": months}
            ],
        }
    )
    pid = game.open_ids[-1]  # the proposal just tabled
    game.apply({"type": "respond", "actor": "beta", "proposal": pid, "accept": True})
    assert game.agreements[-1]["status"] == "active"


FREEZE = {"beta": {"levers": {"program": "freeze"}}}


def test_a_deal_made_in_the_deadline_month_meets_it(mini: Game) -> None:
    """The condition is read on the deadline month's state: a deal agreed only in March
    counts, though there was none in February."""
    resolve(mini)
    resolve(mini)
    assert mini.month == 3 and deadline_news(mini) == []
    _deal(mini, months=2)
    resolve(mini, FREEZE)
    assert deadline_news(mini) == [(3, "cutoff", True)]
    assert [n["text"] for n in mini.news if n["kind"] == "deadline"] == [
        "Year-end cutoff (31 March): A deal holds."
    ]
    assert mini.v["deadline.cutoff"] == 1 and "missed.cutoff" not in mini.v
    assert mini.outcome()["deadlines"] == {"cutoff": True}


def test_a_deal_that_ran_out_before_the_deadline_month_does_not_meet_it(mini: Game) -> None:
    """A freeze that held in January and February only is no deal in March."""
    _deal(mini, months=2)
    resolve(mini, FREEZE)
    resolve(mini, FREEZE)
    assert mini.agreements[-1]["status"] == "expired"
    resolve(mini, FREEZE)
    assert deadline_news(mini) == [(3, "cutoff", False)]
    assert mini.outcome()["deadlines"] == {"cutoff": False}


def test_a_deal_whose_last_month_is_the_deadline_month_meets_it(mini: Game) -> None:
    """A freeze agreed for January to March is in force in March: the March deadline
    counts it, and it expires when March closes."""
    _deal(mini, months=3)
    resolve(mini, FREEZE)
    resolve(mini, FREEZE)
    assert mini.agreements[-1]["status"] == "active"
    resolve(mini, FREEZE)
    assert deadline_news(mini) == [(3, "cutoff", True)]
    assert mini.agreements[-1]["status"] == "expired"


def _korea_to_december(rules: Rules, stance: list[str]) -> Game:
    """Korea 2019 with the US stance of each month (April first); everyone else keeps
    their default policy."""
    game = Game(rules, seed=3)
    for month, option in enumerate(stance, start=1):
        assert game.month == month
        resolve(game, {"us": {"levers": {"us_stance": option}}})
        if month < rules.turns:
            assert deadline_news(game) == [], f"a deadline was judged in month {month}"
    assert game.over
    return game


@pytest.mark.parametrize(
    ("stance", "met"),
    [
        (["step_by_step"] * 9, True),
        (["big_deal"] * 8 + ["step_by_step"], False),
        (["step_by_step"] * 8 + ["big_deal"], False),
    ],
    ids=["standing-offer", "last-minute", "withdrawn"],
)
def test_kims_year_end_deadline_needs_an_offer_that_stood(
    korea_rules: Rules, stance: list[str], met: bool
) -> None:
    """Kim's deadline is met by an offer still on the table in December that has stood
    for months (Pyongyang trusting it); a December-only change of stance is not a change,
    and an offer withdrawn in December is no offer."""
    december = korea_rules.turns
    assert korea_rules.months[december - 1] == "December 2019"
    game = _korea_to_december(korea_rules, stance)
    judged = {d: (m, ok) for m, d, ok in deadline_news(game)}
    assert set(judged) == {dl.id for dl in korea_rules.deadlines}
    assert all(m == december for m, _ in judged.values())
    assert judged["year_end"] == (december, met)
    (item,) = [n for n in game.news if n.get("deadline") == "year_end"]
    assert item["text"].startswith("Kim's year-end deadline (31 December): ")
    assert ("new attitude" in item["text"]) == met
    assert ("new path" in item["text"]) == (not met)
    assert game.v["moratorium"] == (1 if met else 0)
    # Each player reads it in December's news.
    for viewer in korea_rules.actor_ids:
        assert "year_end" in [d for m, d, _ in deadline_news(game, viewer) if m == december]
