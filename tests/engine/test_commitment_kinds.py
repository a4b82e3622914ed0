"""Terms beyond levers (moratoria, Security Council votes, attendance) and sequencing."""

from __future__ import annotations

from typing import Any

import pytest

from game import Game, IllegalAction
from game.protocol.actions import parse_action, to_engine
from game.scenario.compile import Rules


def propose(game: Game, actor: str, to: list[str], *terms: dict[str, Any], **flags: Any) -> int:
    game.apply({"type": "propose", "actor": actor, "to": to, "commitments": list(terms), **flags})
    return game.open_ids[-1]


def agree(game: Game, actor: str, to: list[str], *terms: dict[str, Any], **flags: Any) -> dict:
    pid = propose(game, actor, to, *terms, **flags)
    for other in to:
        game.apply({"type": "respond", "actor": other, "proposal": pid, "accept": True})
    return game.agreements[-1]


def resolve(game: Game, orders: dict[str, dict[str, Any]] | None = None) -> None:
    """End the month with these orders (actor -> orders fields)."""
    game.advance()
    for actor, fields in (orders or {}).items():
        game.apply({"type": "orders", "actor": actor, **fields})
    game.advance()


MORATORIUM = {"kind": "signals", "actor": "dprk", "rung": 3, "months": 3}


def test_a_moratorium_term_counts_and_a_test_above_its_rung_breaks_it(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=2)
    ag = agree(game, "us", ["dprk"], MORATORIUM)
    assert ag["commitments"][0]["counts_as"] == ["moratorium"]
    assert "no signal at rung 3 or above (a moratorium)" in ag["commitments"][0]["text"]
    assert game.v["deal.moratorium.dprk"] == 1.0
    # A short-range test (rung 2) is inside the promise.
    resolve(game, {"dprk": {"signals": [{"signal": "srbm_test", "target": "us"}]}})
    assert ag["status"] == "active" and ag["breaches"] == []
    # A submarine-launched missile (rung 3) breaks it, in public.
    resolve(game, {"dprk": {"signals": [{"signal": "slbm_test", "target": None}]}})
    assert ag["status"] == "broken"
    assert ag["breaches"][0] == {
        "month": 2,
        "actor": "dprk",
        "kind": "signals",
        "signal": "slbm_test",
        "observed": True,
    }
    assert game.v["broken.dprk"] == 1.0
    assert game.v.get("deal.moratorium", 0.0) == 0.0


def test_moratorium_terms_are_checked(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=2)
    with pytest.raises(IllegalAction, match="rules out no signal") as err:
        propose(game, "us", ["dprk"], {**MORATORIUM, "rung": 9})
    assert err.value.code == "hollow_term"
    with pytest.raises(IllegalAction, match="cannot send signal 'icbm_test'"):
        propose(game, "dprk", ["us"], {"kind": "signals", "actor": "us", "signals": ["icbm_test"]})
    with pytest.raises(IllegalAction, match="kind' must be one of lever, signals, unsc, attend"):
        propose(game, "us", ["dprk"], {"kind": "vibes", "actor": "dprk"})
    # Named signals: no ICBM and no nuclear test ("dual suspension" side of North Korea).
    ag = agree(
        game,
        "china",
        ["dprk"],
        {"kind": "signals", "actor": "dprk", "signals": ["nuclear_test", "icbm_test"]},
    )
    assert ag["commitments"][0]["signals"] == ["icbm_test", "nuclear_test"]


def test_a_security_council_term_is_broken_by_a_veto(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=2)
    term = {
        "kind": "unsc",
        "actor": "china",
        "sector": "coal_minerals",
        "direction": "tighten",
        "vote": "no_veto",
    }
    ag = agree(game, "us", ["china"], term)
    assert ag["commitments"][0]["counts_as"] == ["tightening"]
    game.apply(
        {"type": "unsc_draft", "actor": "us", "sector": "coal_minerals", "direction": "tighten"}
    )
    draft = game.unsc_drafts[-1]["id"]
    game.apply({"type": "unsc_vote", "actor": "china", "draft": draft, "vote": "no"})
    resolve(game)
    assert ag["status"] == "broken"
    assert ag["breaches"][0]["kind"] == "unsc" and ag["breaches"][0]["vote"] == "no"
    with pytest.raises(IllegalAction, match="no Security Council vote"):
        propose(game, "us", ["japan"], {**term, "actor": "japan"})


def test_abstaining_breaks_a_promise_to_vote_yes_but_not_one_not_to_veto(
    korea_rules: Rules,
) -> None:
    game = Game(korea_rules, seed=2)
    base = {"kind": "unsc", "actor": "russia", "sector": None, "direction": "relax"}
    yes = agree(game, "china", ["russia"], {**base, "vote": "yes"}, months=1)
    no_veto = agree(game, "dprk", ["russia"], {**base, "months": 1})
    assert yes["commitments"][0]["counts_as"] == ["relief"]
    game.apply({"type": "unsc_draft", "actor": "china", "sector": "finance", "direction": "relax"})
    draft = game.unsc_drafts[-1]["id"]
    game.apply({"type": "unsc_vote", "actor": "russia", "draft": draft, "vote": "abstain"})
    resolve(game)
    assert yes["status"] == "broken"
    assert no_veto["breaches"] == [] and no_veto["status"] == "expired"


def test_an_attendance_term_is_broken_by_standing_the_partner_up(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=2)
    with pytest.raises(IllegalAction, match="needs talks in the deal"):
        propose(game, "us", ["dprk"], {"kind": "attend", "actor": "dprk"})
    ag = agree(game, "us", ["dprk"], {"kind": "attend", "actor": "dprk"}, talks=True)
    assert ag["commitments"][0]["counts_as"] == ["attendance"]
    resolve(game, {"dprk": {"stand_up": ["us"]}})
    assert ag["status"] == "broken"
    assert ag["breaches"][0]["kind"] == "attend"


FREEZE = {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze", "months": 6}
RELIEF = {
    "actor": "us",
    "lever": "sanctions_finance",
    "option": "lax",
    "compare": "at_most",
    "months": 6,
    "after": {"term": 0, "months": 2},
}


def test_action_for_action_relief_falls_due_after_the_freeze_is_seen_kept(
    korea_rules: Rules,
) -> None:
    game = Game(korea_rules, seed=2)
    ag = agree(game, "dprk", ["us"], FREEZE, RELIEF, inspections=True)
    assert "once term 1 has been kept 2 months" in str(ag["commitments"][1])
    keep = {"dprk": {"levers": {"nuclear_programme": "freeze"}}}
    resolve(game, keep)  # month 1: the freeze kept (inspectors see it); relief not due
    resolve(game, keep)  # month 2: kept again; the US still enforces in full
    assert ag["status"] == "active" and ag["breaches"] == []
    assert ag["kept_months"] == [2, 0]
    resolve(game, keep)  # month 3: relief is due, and the US has not eased
    assert ag["status"] == "broken"
    assert ag["breaches"][0]["actor"] == "us"


def test_relief_never_falls_due_on_a_freeze_nobody_can_see(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=2)
    ag = agree(game, "dprk", ["us"], FREEZE, RELIEF)  # no inspections: a covert freeze
    keep = {"dprk": {"levers": {"nuclear_programme": "freeze"}}}
    for _ in range(4):
        resolve(game, keep)
    assert ag["status"] == "active" and ag["breaches"] == []
    assert ag["kept_months"] == [0, 0]


def test_sequencing_must_point_at_another_partys_term(korea_rules: Rules) -> None:
    game = Game(korea_rules, seed=2)
    with pytest.raises(IllegalAction, match="another party's term"):
        propose(
            game,
            "dprk",
            ["us"],
            FREEZE,
            {**RELIEF, "actor": "dprk", "lever": "evasion", "option": "none"},
        )
    with pytest.raises(IllegalAction, match="index of another term"):
        propose(game, "dprk", ["us"], FREEZE, {**RELIEF, "after": {"term": 5}})


def test_the_protocol_carries_every_kind_of_term() -> None:
    action = parse_action(
        {
            "type": "propose",
            "to": ["us"],
            "talks": True,
            "commitments": [
                {"kind": "signals", "actor": "dprk", "rung": 5},
                {"kind": "unsc", "actor": "us", "direction": "relax", "vote": "yes"},
                {"kind": "attend", "actor": "us"},
                {"actor": "us", "lever": "exercises", "option": "suspended", "after": {"term": 0}},
            ],
        }
    )
    data = to_engine(action, "dprk")
    assert data["commitments"][0] == {
        "kind": "signals",
        "actor": "dprk",
        "rung": 5,
        "compare": "exactly",
        "months": 3,
    }
    assert data["commitments"][3]["after"] == {"term": 0, "months": 1}
