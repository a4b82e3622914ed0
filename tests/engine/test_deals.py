"""Deals as docs/rules.md describes them, on the scored mini scenario
(tests/fixtures/scored.yaml, no random events): what a deal costs and pays when made,
kept and broken, who hears of a breach and in what words, each kind of term's words,
when terms are due, when a deal expires; talks, summits and the Security Council's
votes, with their exact effects.

The mini rules: made and kept +1 credibility for each party; a seen breach -10
credibility and -10 trust with every other actor for the breaker; talks held +2 trust
each way, stood up -6 trust of the one left waiting; summits -3 tension and +2
credibility per leader per partner (-4 more without a deal); a passed resolution +2
credibility for its drafter, a veto -3 trust of the drafter in the vetoer."""

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


@pytest.fixture
def game(rules: Rules) -> Game:
    return Game(rules, seed=1)


def agree(game: Game, actor: str, to: list[str], *terms: dict[str, Any], **flags: Any) -> dict:
    game.apply({"type": "propose", "actor": actor, "to": to, "commitments": list(terms), **flags})
    pid = game.open_ids[-1]
    for other in to:
        game.apply({"type": "respond", "actor": other, "proposal": pid, "accept": True})
    return game.agreements[-1]


def resolve(game: Game, orders: dict[str, dict[str, Any]] | None = None) -> None:
    if game.phase == "negotiation":
        game.advance()
    for actor, fields in (orders or {}).items():
        game.apply({"type": "orders", "actor": actor, **fields})
    game.advance()


AID = {"actor": "alpha", "lever": "aid", "option": "food", "months": 2}
FREEZE = {"actor": "beta", "lever": "program", "option": "freeze", "months": 2}


def test_a_deal_made_kept_and_expired_pays_each_party(game: Game) -> None:
    ag = agree(game, "alpha", ["beta"], AID, FREEZE, text="Food for a freeze.")
    assert game.v["credibility.alpha"] == game.v["credibility.beta"] == 51  # made: +1
    assert game.v["credibility.gamma"] == 50
    assert (ag["month"], ag["end"], ag["status"], ag["parties"]) == (
        1,
        3,
        "active",
        ["alpha", "beta"],
    )
    assert (ag["changes"], ag["hollow"]) == (2, False)  # both terms ask for a change
    assert game.v["deals"] == 1 and game.v["deals.alpha"] == game.v["deals.beta"] == 1
    assert game.v["deal.freeze"] == game.v["deal.freeze.beta"] == 1
    assert game.v["deals.made"] == 1 and game.v["deals.hollow"] == 0
    kept = {"alpha": {"levers": {"aid": "food"}}, "beta": {"levers": {"program": "freeze"}}}
    resolve(game, kept)
    assert game.v["credibility.alpha"] == game.v["credibility.beta"] == 52  # kept: +1
    assert ag["status"] == "active"
    resolve(game)  # orders stand: kept again, and the deal's last month is over
    assert game.v["credibility.alpha"] == game.v["credibility.beta"] == 53
    assert ag["status"] == "expired" and ag["breaches"] == []
    assert game.v["deals"] == 0 and "deal.freeze" not in game.v and "deals.alpha" not in game.v
    assert game.scores()["gamma"] == 0.0


def test_a_seen_breach_costs_the_breaker_and_only_the_breaker(game: Game) -> None:
    ag = agree(game, "alpha", ["beta"], AID, FREEZE, inspections=True, text="Food for a freeze.")
    assert game.v["deal.inspections"] == 1
    resolve(game, {"alpha": {"levers": {"aid": "food"}}})  # beta's programme continues
    assert ag["status"] == "broken"
    assert ag["breaches"] == [
        {"month": 1, "actor": "beta", "lever": "program", "option": "continue", "observed": True}
    ]
    assert game.v["credibility.beta"] == 51 - 10
    assert game.v["credibility.alpha"] == 51  # a broken deal pays nobody for that month
    exposed = 5 if any(d["actor"] == "beta" for o in game.detections.values() for d in o) else 0
    assert game.v["trust.alpha.beta"] == max(0, 10 - 10 - exposed)
    assert game.v["trust.gamma.beta"] == 40 - 10 - exposed
    assert game.v["deals.broken"] == 1 and game.v["broken.beta"] == 1
    assert "broken.alpha" not in game.v
    assert game.v["deals"] == 0 and "deal.inspections" not in game.v
    news = [n for n in game.news if n["kind"] == "breach"]
    assert news[0] == {
        "month": 1,
        "kind": "breach",
        "text": "Beta broke its commitment under 'Food for a freeze.'.",
        "to": ["alpha", "beta"],
        "agreement": ag["id"],
    }
    # Outsiders learn who broke a commitment, not on what: the programme is covert.
    assert news[1] == {
        "month": 1,
        "kind": "breach",
        "text": "Beta was seen breaking a commitment.",
        "to": [],
        "actor": "beta",
    }
    gamma = [n["text"] for n in game.view_for("gamma")["news"] if n["kind"] == "breach"]
    assert gamma == ["Beta was seen breaking a commitment."]
    resolve(game)  # a broken deal is checked no more
    assert len(ag["breaches"]) == 1 and game.v["credibility.beta"] == 41


def test_a_public_breach_names_the_lever_to_outsiders_and_the_deal_id_without_text(
    game: Game,
) -> None:
    ag = agree(game, "beta", ["alpha"], AID)
    resolve(game)  # alpha gives nothing: its aid is public
    assert ag["status"] == "broken" and ag["breaches"][0]["observed"] is True
    texts = [n["text"] for n in game.news if n["kind"] == "breach"]
    assert texts == [
        f"Alpha broke its commitment under 'agreement {ag['id']}'.",
        "Alpha was seen breaking a commitment (Aid).",
    ]


def test_an_unseen_breach_is_known_to_the_breaker_alone(rules: Rules) -> None:
    """No inspections, and gamma's roll (0.5 x 0.5) fails: the deal stands, the breach is
    recorded unobserved, nobody pays, and the breaker gets no reward for that month."""
    for seed in range(60):
        game = Game(rules, seed)
        ag = agree(game, "gamma", ["beta"], FREEZE)
        resolve(game)
        if not ag["breaches"][0]["observed"]:
            break
    else:
        pytest.fail("gamma saw the breach in 60 seeds")
    assert ag["status"] == "active"
    assert game.v["credibility.beta"] == 51  # made +1, no kept reward, no penalty
    coal = any(d["actor"] == "gamma" for o in game.detections.values() for d in o)
    assert game.v["credibility.gamma"] == 52 - (4 if coal else 0)  # made +1, kept +1
    assert not [n for n in game.news if n["kind"] == "breach"]
    assert "broken.beta" not in game.v and "deals.broken" not in game.v


def test_each_kind_of_terms_words(game: Game) -> None:
    game.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["beta", "gamma"],
            "talks": True,
            "commitments": [
                {
                    "kind": "signals",
                    "actor": "beta",
                    "rung": 2,
                    "signals": ["statement"],
                    "start": 2,
                    "months": 1,
                },
                {"kind": "signals", "actor": "beta", "signals": ["icbm_test"]},
                {
                    "kind": "unsc",
                    "actor": "gamma",
                    "sector": "coal",
                    "direction": "relax",
                    "vote": "yes",
                },
                {"kind": "unsc", "actor": "alpha", "sector": None, "direction": "tighten"},
                {"kind": "attend", "actor": "gamma"},
                {**AID, "compare": "at_least", "after": {"term": 0, "months": 1}},
                {**FREEZE, "compare": "at_most", "after": {"term": 2, "months": 2}},
            ],
        }
    )
    terms = game.proposals[game.open_ids[-1]]["commitments"]
    assert [t.get("text") for t in terms] == [
        "Beta: no signal at rung 2 or above and no Statement (a moratorium), month 2",
        "Beta: no ICBM test (a moratorium), months 1-3",
        "Gamma: vote yes on Security Council drafts to relax sanctions (coal), months 1-3",
        "Alpha: not veto Security Council drafts to tighten sanctions (any sector), months 1-3",
        "Gamma: attend the talks the deal sets",
        "Alpha: Aid at least Food aid, months 1-2, once term 1 has been kept 1 month",
        "Beta: Nuclear programme at most Freeze, months 1-2, once term 3 has been kept 2 months",
    ]
    assert [t["counts_as"] for t in terms] == [
        ["moratorium"],
        ["moratorium"],
        ["relief"],
        ["tightening"],
        ["attendance"],
        [],
        ["freeze"],
    ]
    assert terms[0]["signals"] == ["statement"] and terms[0]["rung"] == 2
    assert terms[2]["sector"] == "coal" and terms[3]["sector"] is None
    assert terms[3]["vote"] == "no_veto"  # the default
    assert terms[5]["after"] == {"term": 0, "months": 1}
    assert (terms[0]["start"], terms[0]["months"]) == (2, 1)
    assert (terms[1]["start"], terms[1]["months"]) == (1, 3)  # defaults: now, 3 months


def test_a_lever_term_with_a_default_option_is_hollow_and_says_so(game: Game) -> None:
    ag = agree(game, "alpha", ["beta"], {"actor": "alpha", "lever": "aid", "option": "none"})
    assert (ag["changes"], ag["hollow"]) == (0, True)
    assert ag["commitments"][0]["counts_as"] == []
    assert game.v["deals.hollow"] == 1


def test_a_moratorium_is_broken_by_a_named_signal_in_public(game: Game) -> None:
    ag = agree(
        game, "alpha", ["beta"], {"kind": "signals", "actor": "beta", "signals": ["statement"]}
    )
    resolve(game, {"beta": {"signals": [{"signal": "missile_test", "target": "alpha"}]}})
    assert ag["status"] == "active"  # not named, and no rung given
    resolve(game, {"beta": {"signals": [{"signal": "statement"}]}})
    assert ag["status"] == "broken"
    assert ag["breaches"] == [
        {"month": 2, "actor": "beta", "kind": "signals", "signal": "statement", "observed": True}
    ]
    outsiders = [n["text"] for n in game.news if n["kind"] == "breach" and not n["to"]]
    assert outsiders == ["Beta was seen breaking a commitment (Statement)."]


def test_a_moratorium_rung_rules_out_that_rung_and_above(game: Game) -> None:
    ag = agree(
        game, "alpha", ["beta"], {"kind": "signals", "actor": "beta", "rung": 2, "months": 2}
    )
    resolve(game, {"beta": {"signals": [{"signal": "statement"}]}})  # rung 0
    assert ag["status"] == "active"
    resolve(game, {"beta": {"signals": [{"signal": "missile_test", "target": "gamma"}]}})  # rung 2
    assert ag["status"] == "broken" and ag["breaches"][0]["signal"] == "missile_test"


def test_a_term_that_starts_later_is_not_checked_before(game: Game) -> None:
    ag = agree(game, "alpha", ["beta"], {**FREEZE, "start": 2, "months": 1})
    assert ag["end"] == 3
    resolve(game)  # January: the programme continues, the term is not due yet
    assert ag["status"] == "active" and ag["breaches"] == []
    assert game.v["credibility.beta"] == 52  # made +1, kept (nothing due) +1
    resolve(game)  # February: due, and broken (seen only by a roll: no inspections)
    assert ag["breaches"] and ag["breaches"][0]["month"] == 2


def test_security_council_terms_judge_only_drafts_of_their_sector_and_direction(
    game: Game,
) -> None:
    yes_coal = agree(
        game,
        "alpha",
        ["gamma"],
        {"kind": "unsc", "actor": "gamma", "sector": "coal", "direction": "relax", "vote": "yes"},
    )
    # an oil draft and a coal tightening, which gamma vetoes: neither is coal relief
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "oil", "direction": "relax"})
    oil = game.unsc_drafts[-1]["id"]
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "coal", "direction": "tighten"})
    tighten = game.unsc_drafts[-1]["id"]
    game.apply({"type": "unsc_vote", "actor": "gamma", "draft": oil, "vote": "no"})
    game.apply({"type": "unsc_vote", "actor": "gamma", "draft": tighten, "vote": "no"})
    resolve(game)
    assert yes_coal["status"] == "active"
    assert [d["status"] for d in game.unsc_drafts] == ["vetoed", "vetoed"]
    assert game.v["unsc.vetoed"] == 2
    assert game.v["trust.alpha.gamma"] == 40 - 3 - 3  # vetoed: the drafter's trust, each time
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "coal", "direction": "relax"})
    relax = game.unsc_drafts[-1]["id"]
    game.apply({"type": "unsc_vote", "actor": "gamma", "draft": relax, "vote": "abstain"})
    resolve(game)
    assert yes_coal["status"] == "broken"
    assert yes_coal["breaches"] == [
        {
            "month": 2,
            "actor": "gamma",
            "kind": "unsc",
            "draft": relax,
            "vote": "abstain",
            "observed": True,
        }
    ]
    outsiders = [n["text"] for n in game.news if n["kind"] == "breach" and not n["to"]]
    assert outsiders == ["Gamma was seen breaking a commitment (a Security Council vote)."]
    assert game.unsc_drafts[-1]["status"] == "passed"  # the drafter's yes is enough


def test_a_passed_resolution_moves_the_un_level_one_step_and_the_pressure(game: Game) -> None:
    assert game.v["un.coal"] == 2
    game.apply({"type": "unsc_draft", "actor": "gamma", "sector": "coal", "direction": "relax"})
    resolve(game)
    assert game.unsc_drafts[0]["status"] == "passed"
    assert game.v["un.coal"] == 1 and game.v["unsc.passed"] == 1
    assert game.v["credibility.gamma"] == 52  # drafter +2
    assert game.v["pressure.coal"] == pytest.approx(100 * (0.7 / 3 + 0.1 + 0.2 / 3))
    news = [n["text"] for n in game.news if n["kind"] == "unsc"]
    assert news == ["Security Council: a resolution to relax sanctions on coal passed."]
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "oil", "direction": "tighten"})
    game.apply(
        {"type": "unsc_vote", "actor": "gamma", "draft": game.unsc_drafts[-1]["id"], "vote": "no"}
    )
    resolve(game)
    assert game.v["un.oil"] == 2
    assert [n["text"] for n in game.news if n["kind"] == "unsc"][-1] == (
        "Security Council: a draft to tighten sanctions on oil was vetoed by Gamma."
    )


def test_un_levels_stay_within_the_sanction_levels(game: Game) -> None:
    for _ in range(2):
        game.apply(
            {"type": "unsc_draft", "actor": "alpha", "sector": "oil", "direction": "tighten"}
        )
        resolve(game)
    assert game.v["un.oil"] == 3  # the top level: maximum
    assert game.v["pressure.oil"] == pytest.approx(100 * (0.5 * 2 / 3 + 0.5))
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "oil", "direction": "tighten"})
    resolve(game)
    assert game.v["un.oil"] == 3
    assert [d["status"] for d in game.unsc_drafts] == ["passed", "passed", "passed"]


def test_a_draft_nobody_backs_lapses() -> None:
    rules = load_scenario(SCORED)
    game = Game(rules, 1)
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "oil", "direction": "tighten"})
    game.apply({"type": "unsc_vote", "actor": "alpha", "draft": 1, "vote": "abstain"})
    resolve(game)
    assert game.unsc_drafts[0]["status"] == "lapsed" and game.v["un.oil"] == 2
    with pytest.raises(IllegalAction, match="already lapsed"):
        game.apply({"type": "unsc_vote", "actor": "gamma", "draft": 1, "vote": "yes"})


def test_talks_held_and_stood_up(game: Game) -> None:
    ag = agree(game, "alpha", ["beta", "gamma"], talks=True)
    resolve(game, {"gamma": {"stand_up": ["beta"]}, "beta": {"levers": {"program": "freeze"}}})
    v = game.v
    # alpha-beta and alpha-gamma held: +2 trust each way; gamma stood beta up: -6 for beta
    assert v["trust.alpha.beta"] == 12 and v["trust.beta.alpha"] == 42
    assert v["trust.alpha.gamma"] == 42 and v["trust.gamma.alpha"] == 42
    assert v["trust.beta.gamma"] == 40 - 6 and v["trust.gamma.beta"] == 40
    assert v["talks.alpha"] == 2 and v["talks.beta"] == 1 and v["talks.gamma"] == 1
    assert v["stood_up.gamma"] == 1 and "stood_up.beta" not in v
    texts = [n["text"] for n in game.news if n["kind"] == "talks"]
    assert texts == [
        "Working-level talks between Alpha and Beta went ahead.",
        "Working-level talks between Alpha and Gamma went ahead.",
        "Gamma stood up Beta at working-level talks.",
    ]
    assert ag["status"] == "expired"  # a deal without terms lasts its month
    resolve(game)
    assert v["talks.alpha"] == 2  # talks are held the month they are agreed only


def test_a_summit_without_a_deal_costs_each_leader(game: Game) -> None:
    agree(game, "alpha", ["beta"], summit=True)
    resolve(game)
    v = game.v
    # summit: credibility +2 each and tension -3 per leader; no deal: -4 each
    assert v["credibility.alpha"] == 50 + 1 + 2 - 4 + 1
    assert v["credibility.beta"] == 50 + 1 + 2 - 4 + 1
    assert v["tension"] == 30 - 3 - 3 - 4
    assert v["summits"] == 1 and v["summits.alpha"] == v["summits.beta"] == 1
    assert v["summits_failed.alpha"] == 1
    texts = [n["text"] for n in game.news if n["kind"] == "summit"]
    assert texts == ["Summit: the leaders of Alpha and Beta met but parted with no deal."]


def test_a_summit_with_a_deal(game: Game) -> None:
    agree(game, "alpha", ["beta"], {**FREEZE, "months": 1}, summit=True, inspections=True)
    resolve(game, {"beta": {"levers": {"program": "freeze"}}})
    v = game.v
    assert v["credibility.beta"] == 50 + 1 + 2 + 1
    assert "summits_failed.beta" not in v
    texts = [n["text"] for n in game.news if n["kind"] == "summit"]
    assert texts == ["Summit: the leaders of Alpha and Beta met and signed a deal."]


def test_an_open_proposal_expires_after_a_month(game: Game) -> None:
    game.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "summit": True})
    pid = game.open_ids[-1]
    assert game.proposals[pid]["status"] == "open"
    resolve(game)
    assert game.proposals[pid]["status"] == "expired" and game.open_ids == []
    with pytest.raises(IllegalAction, match="already expired"):
        game.apply({"type": "respond", "actor": "beta", "proposal": pid, "accept": True})


def test_a_counter_proposal_closes_the_one_it_answers(game: Game) -> None:
    game.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "summit": True})
    first = game.open_ids[-1]
    game.apply(
        {"type": "propose", "actor": "beta", "to": ["alpha"], "talks": True, "counter_to": first}
    )
    second = game.open_ids[-1]
    assert game.proposals[first]["status"] == "countered"
    assert game.proposals[second]["counter_to"] == first
    assert game.open_ids == [second]
    assert game.proposals[second]["responses"] == {"beta": "accept"}
    game.apply({"type": "respond", "actor": "alpha", "proposal": second, "accept": False})
    assert game.proposals[second]["status"] == "rejected" and game.agreements == []


READER = Path(__file__).resolve().parents[1] / "fixtures" / "deal_reader.yaml"


def test_deal_effects_read_what_the_deal_holds() -> None:
    """tests/fixtures/deal_reader.yaml copies this_deal.* into variables when a deal is
    made (once per party) and each month it is kept."""
    game = Game(load_scenario(READER), 1)
    agree(
        game,
        "alpha",
        ["beta"],
        FREEZE,  # asks beta to change: a freeze
        {"actor": "alpha", "lever": "aid", "option": "none"},  # what alpha does anyway
        {"kind": "signals", "actor": "beta", "rung": 5},  # a moratorium
        {"kind": "unsc", "actor": "alpha", "direction": "tighten"},  # tightening
        inspections=True,
        summit=True,
        text="Freeze.",
    )
    v = game.v
    assert (v["d_terms"], v["d_changes"], v["d_hollow"]) == (8, 6, 0)
    assert v["d_flags"] == 2 * (1 + 10)  # inspections, summit, no talks
    assert v["d_tags"] == 2 * (1 + 100 + 1000)  # freeze, moratorium, tightening; no relief
    assert not [k for k in v if k.startswith("this_deal.")]
    resolve(game, {"beta": {"levers": {"program": "freeze"}}})
    assert v["d_kept"] == 2 * (4 + 10)  # both kept every term
    assert not [k for k in v if k.startswith("this_deal.")]
    resolve(game, {"beta": {"levers": {"program": "continue"}}})  # seen: inspections
    assert v["d_kept"] == 28
    assert [n["text"] for n in game.news if n["kind"] == "breach"][0] == "Beta broke 'Freeze.'."


def test_a_hollow_deal_and_a_relief_deal_as_deal_effects_see_them() -> None:
    game = Game(load_scenario(READER), 1)
    agree(game, "alpha", ["beta"], {"actor": "alpha", "lever": "aid", "option": "none"}, talks=True)
    v = game.v
    assert (v["d_terms"], v["d_changes"], v["d_hollow"], v["d_flags"], v["d_tags"]) == (
        2,
        0,
        2,
        200,
        0,
    )
    relief = {"actor": "alpha", "lever": "sanctions_coal", "option": "lax", "compare": "at_most"}
    agree(game, "alpha", ["gamma"], relief)
    assert v["d_tags"] == 2 * 10 and v["d_changes"] == 2 and v["d_hollow"] == 2


def test_the_outcome_counts_deals_made_and_broken(game: Game) -> None:
    agree(game, "alpha", ["beta"], FREEZE, inspections=True)
    agree(game, "alpha", ["gamma"], AID)
    resolve(game, {"alpha": {"levers": {"aid": "food"}}})  # beta breaks, in plain sight
    game.apply({"type": "end", "actor": "facilitator"})
    out = game.outcome()
    assert out is not None and out["agreements"] == {"made": 2, "broken": 1}


def test_the_state_is_the_whole_game_as_plain_data(game: Game) -> None:
    agree(game, "alpha", ["beta"], AID)
    state = game.state()
    assert set(state) == {
        "scenario", "seed", "month", "phase", "values", "policy", "drafts", "ready",
        "submitted", "messages", "proposals", "agreements", "unsc_drafts", "news",
        "revealed", "detections", "fired", "secret", "rng",
    }  # fmt: skip
    assert (state["scenario"], state["seed"], state["month"], state["phase"]) == (
        "scored",
        1,
        1,
        "negotiation",
    )
    assert state["values"]["credibility.alpha"] == 51
    assert [p["status"] for p in state["proposals"]] == ["accepted"]
    assert state["agreements"][0]["parties"] == ["alpha", "beta"]
    assert state["policy"]["beta"]["program"] == "continue"


def test_a_sequenced_term_falls_due_once_the_other_side_was_seen_keeping_its_part(
    rules: Rules,
) -> None:
    freeze = {**FREEZE, "months": 4}
    aid = {**AID, "months": 4, "after": {"term": 0, "months": 2}}
    for gives_in_march in (False, True):
        game = Game(rules, 1)
        ag = agree(game, "alpha", ["beta"], freeze, aid)
        assert ag["kept_months"] == [0, 0]
        frozen = {"beta": {"levers": {"program": "freeze"}}}
        resolve(game, frozen)  # January: beta keeps its part; alpha's is not due
        assert ag["kept_months"] == [1, 0] and ag["status"] == "active"
        resolve(game)  # February: kept one month before this one: still not due
        assert ag["kept_months"] == [2, 0] and ag["breaches"] == []
        assert game.v["credibility.alpha"] == 53  # made, and kept (nothing due) twice
        march = {"alpha": {"levers": {"aid": "food"}}} if gives_in_march else {}
        resolve(game, march)  # March: two months seen kept before it: alpha's aid is due
        if gives_in_march:
            assert ag["kept_months"] == [3, 1] and ag["status"] == "active"
        else:
            assert ag["status"] == "broken"
            assert ag["breaches"] == [
                {"month": 3, "actor": "alpha", "lever": "aid", "option": "none", "observed": True}
            ]


def test_a_term_not_yet_due_does_not_stop_the_check_of_the_terms_after_it(rules: Rules) -> None:
    aid = {**AID, "months": 4, "after": {"term": 1, "months": 2}}
    freeze = {**FREEZE, "months": 4}
    game = Game(rules, 1)
    ag = agree(game, "alpha", ["beta"], aid, freeze, inspections=True)
    resolve(game)  # January: alpha's aid is not due; beta's freeze is, and is broken
    assert ag["status"] == "broken"
    assert ag["breaches"][0]["actor"] == "beta" and ag["breaches"][0]["month"] == 1
