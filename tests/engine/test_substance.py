"""What a deal counts as (substance with direction) and contradictory terms refused."""

from __future__ import annotations

from typing import Any

import pytest

from game import Game, IllegalAction
from game.scenario.compile import Rules


def finish_month(game: Game) -> None:
    """End negotiation and orders with whatever has been drafted."""
    if game.phase == "negotiation":
        game.advance()
    if game.phase == "orders":
        game.advance()


def deal(game: Game, proposer: str, other: str, *terms: dict[str, Any]) -> dict[str, Any]:
    """Propose ``terms`` and have ``other`` accept; return the agreement."""
    game.apply({"type": "propose", "actor": proposer, "to": [other], "commitments": list(terms)})
    pid = game.open_ids[-1]
    game.apply({"type": "respond", "actor": other, "proposal": pid, "accept": True})
    return game.agreements[-1]


def term(actor: str, lever: str, option: str, compare: str = "exactly", **more: Any) -> dict:
    return {"actor": actor, "lever": lever, "option": option, "compare": compare, **more}


def year_end(korea_rules: Rules, *terms: dict[str, Any]) -> Game:
    """Play Korea 2019 to its end with the US keeping the big deal and, in month 8, a
    US-Japan deal of ``terms``, kept by both."""
    game = Game(korea_rules, seed=3)
    while game.month < 8:
        finish_month(game)
    deal(game, "us", "japan", *terms)
    while not game.over:
        game.advance()
        for c in terms:
            game.apply({"type": "orders", "actor": c["actor"], "levers": {c["lever"]: c["option"]}})
        game.advance()
    return game


def test_a_tightening_only_deal_does_not_meet_a_deadline_that_asks_for_relief(
    korea_rules: Rules,
) -> None:
    # The loophole: a US-Japan deal that only tightens maritime interdiction (and a
    # commitment to hold the financial sanctions the US already enforces) used to count as "sanctions" and
    # meet Kim's year-end deadline.
    game = year_end(
        korea_rules,
        term("us", "sanctions_finance", "maximum", "at_least", start=8, months=3),
        term("japan", "sanctions_maritime", "maximum", start=8, months=3),
    )
    ag = game.agreements[-1]
    assert ag["status"] == "active"
    assert [c["counts_as"] for c in ag["commitments"]] == [[], []]  # a hollow deal
    assert game.v.get("deal.relief", 0.0) == 0.0
    assert game.outcome()["deadlines"]["year_end"] is False  # type: ignore[index]
    assert game.v["moratorium"] == 0.0  # the "new path"


def test_tightening_counts_as_tightening_not_relief(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=3)
    ag = deal(game, "us", "china", term("china", "sanctions_coal_minerals", "maximum"))
    assert ag["commitments"][0]["counts_as"] == ["tightening"]
    assert game.v["deal.tightening"] == 1.0 and game.v["deal.tightening.china"] == 1.0
    assert game.v.get("deal.relief", 0.0) == 0.0


def test_relief_below_current_enforcement_meets_the_year_end_deadline(korea_rules: Rules) -> None:
    game = year_end(
        korea_rules, term("us", "sanctions_finance", "lax", "at_most", start=8, months=3)
    )
    ag = game.agreements[-1]
    assert ag["commitments"][0]["counts_as"] == ["relief"]
    assert game.outcome()["deadlines"]["year_end"] is True  # type: ignore[index]


def test_a_scenario_tag_counts_only_when_every_allowed_option_carries_it(
    korea_rules: Rules,
) -> None:
    game = Game(korea_rules, seed=3)
    frozen = deal(game, "dprk", "us", term("dprk", "nuclear_programme", "freeze", "at_most"))
    assert frozen["commitments"][0]["counts_as"] == ["freeze"]  # dismantle or freeze
    assert game.v["deal.freeze"] == 1.0 and game.v["deal.freeze.dprk"] == 1.0
    loose = deal(
        game, "dprk", "china", term("dprk", "nuclear_programme", "continue", "at_most", months=1)
    )
    assert loose["commitments"][0]["counts_as"] == []  # "continue" is no freeze


def test_deal_sanctions_is_refused_with_a_hint(tmp_path: Any) -> None:
    from game import load_scenario
    from game.errors import ScenarioError

    text = (
        (__import__("pathlib").Path(__file__).parents[1] / "fixtures" / "mini.yaml")
        .read_text()
        .replace("deal.relief or deal.freeze", "deal.sanctions or deal.freeze")
    )
    path = tmp_path / "old.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError, match="say which: 'deal.relief' or 'deal.tightening'"):
        load_scenario(path)


def test_contradictory_terms_in_one_proposal_are_refused_naming_both(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=3)
    before = game.state_hash()
    with pytest.raises(IllegalAction) as err:
        game.apply(
            {
                "type": "propose",
                "actor": "us",
                "to": ["dprk"],
                "commitments": [
                    term("us", "sanctions_finance", "lax", "at_most", months=3),
                    term("us", "sanctions_finance", "enforce", start=3, months=2),
                ],
            }
        )
    assert err.value.code == "contradiction"
    assert err.value.field == "commitments.1"
    text = str(err.value)
    assert "at most Lax, months 1-3" in text and "Enforce, months 3-4" in text
    assert game.state_hash() == before
    # Compatible terms, or terms in months that do not overlap, are fine.
    game.apply(
        {
            "type": "propose",
            "actor": "us",
            "to": ["dprk"],
            "commitments": [
                term("us", "sanctions_finance", "enforce", "at_most", months=2),
                term("us", "sanctions_finance", "lax", "at_least", months=2),
                term("us", "sanctions_finance", "maximum", start=3, months=1),
            ],
        }
    )


def test_a_term_against_an_agreement_in_force_is_refused(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=3)
    deal(game, "us", "dprk", term("us", "sanctions_finance", "lax", "at_most", months=3))
    with pytest.raises(IllegalAction, match=r"contradicts agreement \d+'s term") as err:
        game.apply(
            {
                "type": "propose",
                "actor": "us",
                "to": ["japan"],
                "commitments": [term("us", "sanctions_finance", "maximum", start=2)],
            }
        )
    assert err.value.code == "contradiction"


def test_a_party_cannot_accept_a_term_that_contradicts_its_own_deal(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=3)
    deal(game, "us", "dprk", term("us", "sanctions_finance", "lax", "at_most", months=3))
    # Japan does not know of the US-DPRK deal: its proposal is tabled...
    game.apply(
        {
            "type": "propose",
            "actor": "japan",
            "to": ["us"],
            "commitments": [term("us", "sanctions_finance", "maximum")],
        }
    )
    pid = game.open_ids[-1]
    # ... and the US, bound by it, cannot accept it (it may still reject it).
    with pytest.raises(IllegalAction, match=r"contradicts agreement \d+'s term") as err:
        game.apply({"type": "respond", "actor": "us", "proposal": pid, "accept": True})
    assert err.value.field == "proposal"
    game.apply({"type": "respond", "actor": "us", "proposal": pid, "accept": False})
    assert game.proposals[pid]["status"] == "rejected"


def test_the_last_acceptance_does_not_reveal_a_deal_the_acceptor_is_not_party_to(
    korea_rules: Rules,
) -> None:
    game = Game(korea_rules, seed=3)
    # China proposes that the US hold textiles at maximum; the US accepts at once.
    game.apply(
        {
            "type": "propose",
            "actor": "china",
            "to": ["us", "japan"],
            "commitments": [term("us", "sanctions_finance", "maximum")],
        }
    )
    pid = game.open_ids[-1]
    game.apply({"type": "respond", "actor": "us", "proposal": pid, "accept": True})
    # Then the US makes a deal with the DPRK that contradicts it.
    deal(game, "us", "dprk", term("us", "sanctions_finance", "lax", "at_most"))
    with pytest.raises(IllegalAction) as err:
        game.apply({"type": "respond", "actor": "japan", "proposal": pid, "accept": True})
    assert "a commitment United States has made since" in str(err.value)
    assert "agreement" not in str(err.value)


def test_a_hollow_deal_does_not_calm_the_region_and_a_real_one_does(korea_rules: Rules) -> None:
    # Korea 2019 reads this_deal.hollow in negotiation.deals.made: a deal whose terms only
    # promise what their actors already do no longer cuts tension.
    hollow = Game(korea_rules, seed=3)
    before = hollow.v["tension"]
    ag = deal(hollow, "us", "japan", term("japan", "sanctions_maritime", "maximum"))
    assert ag["hollow"] is True and ag["changes"] == 0
    assert hollow.v["tension"] == before
    assert hollow.v["deals.hollow"] == 1.0
    real = Game(korea_rules, seed=3)
    ag = deal(real, "dprk", "us", term("dprk", "nuclear_programme", "freeze"))
    assert ag["hollow"] is False and ag["changes"] == 1
    assert real.v["tension"] == before - 2 * 2  # -2 for each of the two parties
    assert "this_deal.hollow" not in real.v  # only while the deal's effects are applied


def test_this_deal_is_readable_only_in_deal_effects(tmp_path: Any) -> None:
    from pathlib import Path

    from game import load_scenario
    from game.errors import ScenarioError

    text = (Path(__file__).parents[1] / "fixtures" / "mini.yaml").read_text()
    path = tmp_path / "bad.yaml"
    path.write_text(
        text.replace("condition: deal.relief or deal.freeze", "condition: this_deal.relief")
    )
    with pytest.raises(ScenarioError, match="can be read only in negotiation.deals.made"):
        load_scenario(path)
