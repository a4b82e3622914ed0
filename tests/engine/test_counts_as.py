"""What a term counts as and which terms contradict (docs/rules.md, "What a deal counts
as, and terms that cannot stand together"), on the scored mini scenario.

Sanctions levels: ignore 0, lax 1, enforce 2, maximum 3. At the start gamma enforces
coal at lax and oil at enforce; alpha enforces both at maximum. Beta's programme:
freeze (tagged ``freeze``) or continue (beta continues)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, IllegalAction, load_scenario
from game.scenario.compile import Rules

SCORED = Path(__file__).resolve().parents[1] / "fixtures" / "scored.yaml"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(SCORED)


def table(game: Game, *terms: dict[str, Any], actor: str = "alpha", to: str = "beta") -> dict:
    game.apply({"type": "propose", "actor": actor, "to": [to], "commitments": list(terms)})
    return game.proposals[game.open_ids[-1]]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("actor", "lever", "compare", "option", "counts", "changes"),
    [
        ("gamma", "sanctions_coal", "at_most", "ignore", ["relief"], True),
        ("gamma", "sanctions_coal", "exactly", "ignore", ["relief"], True),
        ("gamma", "sanctions_coal", "at_most", "lax", [], False),  # lax is allowed: now
        ("gamma", "sanctions_coal", "exactly", "lax", [], False),
        ("gamma", "sanctions_coal", "at_least", "lax", [], False),
        ("gamma", "sanctions_coal", "at_least", "enforce", ["tightening"], True),
        ("gamma", "sanctions_coal", "exactly", "maximum", ["tightening"], True),
        ("gamma", "sanctions_oil", "at_most", "lax", ["relief"], True),
        ("gamma", "sanctions_oil", "at_least", "lax", [], False),
        ("alpha", "sanctions_coal", "at_most", "enforce", ["relief"], True),
        ("alpha", "sanctions_coal", "at_most", "maximum", [], False),
        ("alpha", "sanctions_coal", "at_least", "maximum", [], False),
        ("beta", "program", "exactly", "freeze", ["freeze"], True),
        ("beta", "program", "at_most", "freeze", ["freeze"], True),
        ("beta", "program", "at_least", "freeze", [], False),  # continue allowed too
        ("beta", "program", "exactly", "continue", [], False),
        ("gamma", "aid", "exactly", "food", [], True),  # no sanctions, no tag: a change only
    ],
)
def test_what_a_lever_term_counts_as_and_whether_it_asks_for_anything(
    rules: Rules, actor: str, lever: str, compare: str, option: str, counts: list, changes: bool
) -> None:
    game = Game(rules, 1)
    other = "alpha" if actor != "alpha" else "gamma"
    term = {"actor": actor, "lever": lever, "option": option, "compare": compare}
    prop = table(game, term, actor=other, to=actor)
    assert prop["commitments"][0]["counts_as"] == counts
    game.apply({"type": "respond", "actor": actor, "proposal": prop["id"], "accept": True})
    ag = game.agreements[-1]
    assert (ag["changes"], ag["hollow"]) == (int(changes), not changes)
    for tag in ("relief", "tightening", "freeze"):
        assert game.v.get(f"deal.{tag}", 0.0) == (1.0 if tag in counts else 0.0)
        assert game.v.get(f"deal.{tag}.{actor}", 0.0) == (1.0 if tag in counts else 0.0)


def test_what_a_term_counts_as_follows_the_policy_now(rules: Rules) -> None:
    """Tabled in January as relief (gamma at lax, promising ignore); once gamma ignores
    coal, the same term tabled again counts as nothing."""
    game = Game(rules, 1)
    term = {"actor": "gamma", "lever": "sanctions_coal", "option": "ignore"}
    assert table(game, term, actor="gamma")["commitments"][0]["counts_as"] == ["relief"]
    game.advance()
    game.apply({"type": "orders", "actor": "gamma", "levers": {"sanctions_coal": "ignore"}})
    game.advance()
    assert table(game, term)["commitments"][0]["counts_as"] == []


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        ({"option": "freeze"}, {"option": "continue"}, True),
        ({"option": "freeze"}, {"option": "continue", "start": 4}, False),  # 1-3 then 4-6
        ({"option": "freeze", "months": 4}, {"option": "continue", "start": 4}, True),
        (
            {"option": "freeze", "compare": "at_most"},
            {"option": "continue", "compare": "at_least"},
            True,
        ),
        (
            {"option": "freeze", "compare": "at_least"},
            {"option": "continue", "compare": "at_most"},
            False,
        ),
        ({"option": "freeze"}, {"option": "freeze", "compare": "at_most"}, False),
        ({"option": "continue", "start": 2}, {"option": "freeze", "months": 1}, False),  # 2-4, 1
        ({"option": "continue", "start": 2}, {"option": "freeze", "months": 2}, True),  # 2-4, 1-2
    ],
)
def test_terms_on_one_lever_contradict_when_no_option_keeps_both_in_shared_months(
    rules: Rules, first: dict[str, Any], second: dict[str, Any], clash: bool
) -> None:
    game = Game(rules, 1)
    a = {"actor": "beta", "lever": "program", **first}
    b = {"actor": "beta", "lever": "program", **second}
    if not clash:
        table(game, a, b)
        return
    with pytest.raises(IllegalAction) as err:
        table(game, a, b)
    assert (err.value.code, err.value.field) == ("contradiction", "commitments.1")
    assert str(err.value).startswith("commitments.1 (Beta: Nuclear programme ")
    assert ") contradicts commitments.0 (Beta: Nuclear programme " in str(err.value)
    assert str(err.value).endswith("): no option keeps both")


def test_other_actors_or_levers_never_contradict(rules: Rules) -> None:
    game = Game(rules, 1)
    table(
        game,
        {"actor": "alpha", "lever": "aid", "option": "food"},
        {"actor": "gamma", "lever": "aid", "option": "none"},
        {"actor": "alpha", "lever": "sanctions_coal", "option": "ignore"},
        {"kind": "signals", "actor": "beta", "rung": 0},
        {"actor": "beta", "lever": "program", "option": "continue"},
        to="gamma",
    )


def test_a_term_against_a_deal_in_force_names_it_to_its_parties_only(rules: Rules) -> None:
    game = Game(rules, 1)
    freeze = {"actor": "beta", "lever": "program", "option": "freeze"}
    prop = table(game, freeze)
    game.apply({"type": "respond", "actor": "beta", "proposal": prop["id"], "accept": True})
    ag = game.agreements[-1]
    cont = {"actor": "beta", "lever": "program", "option": "continue", "months": 1}
    with pytest.raises(IllegalAction) as err:
        table(game, cont, actor="beta", to="gamma")
    assert err.value.code == "contradiction" and err.value.field == "commitments.0"
    assert str(err.value) == (
        "commitments.0 (Beta: Nuclear programme Continue, month 1) contradicts agreement "
        f"{ag['id']}'s term (Beta: Nuclear programme Freeze, months 1-3), in force: no option "
        "keeps both"
    )
    # gamma, not party to that deal, may table it (nothing is revealed to it) ...
    prop = table(game, cont, actor="gamma", to="beta")
    # ... but beta cannot accept a term that breaks its own deal
    with pytest.raises(IllegalAction) as err:
        game.apply({"type": "respond", "actor": "beta", "proposal": prop["id"], "accept": True})
    assert err.value.code == "contradiction" and err.value.field == "proposal"
    assert f"contradicts agreement {ag['id']}'s term" in str(err.value)
    # after it expires, the same term stands
    game.advance()
    game.advance()
    game.advance()
    game.advance()
    game.advance()
    game.advance()
    assert ag["status"] != "active"
    table(game, {**cont, "start": game.month}, actor="beta", to="gamma")


def test_only_a_partys_own_terms_and_the_last_acceptance_meet_its_deals(rules: Rules) -> None:
    """Beta promised alpha a freeze. Gamma proposes to both a term where beta continues:
    alpha (bound by nothing in it) may accept first; beta may not accept a term that
    breaks its own deal; and once beta has answered otherwise, nothing is made."""
    game = Game(rules, 1)
    prop = table(game, {"actor": "beta", "lever": "program", "option": "freeze"})
    game.apply({"type": "respond", "actor": "beta", "proposal": prop["id"], "accept": True})
    game.apply(
        {
            "type": "propose",
            "actor": "gamma",
            "to": ["alpha", "beta"],
            "commitments": [
                {"actor": "gamma", "lever": "aid", "option": "food"},
                {"actor": "beta", "lever": "program", "option": "continue", "months": 1},
            ],
        }
    )
    pid = game.open_ids[-1]
    game.apply({"type": "respond", "actor": "alpha", "proposal": pid, "accept": True})
    assert game.proposals[pid]["responses"] == {"gamma": "accept", "alpha": "accept"}
    with pytest.raises(IllegalAction) as err:
        game.apply({"type": "respond", "actor": "beta", "proposal": pid, "accept": True})
    assert (err.value.code, err.value.field) == ("contradiction", "proposal")
    assert str(err.value).startswith("commitments.1 (Beta: Nuclear programme Continue, month 1)")
    assert len(game.agreements) == 1
