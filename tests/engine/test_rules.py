"""Each rule of resolution, one at a time, on the mini scenario."""

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


def test_a_signal_raises_tension_and_a_moratorium_breaker_ends_it(mini: Game) -> None:
    start = mini.v["tension"]
    cred = mini.v["credibility.beta"]
    resolve(mini, {"beta": {"signals": [{"signal": "icbm_test"}]}})
    leak = 3 if "leak" in mini.fired else 0  # the leak event adds 3 when capability passes 25
    assert mini.v["tension"] == pytest.approx(start + 20 + leak)  # no drift in a loud month
    assert mini.v["moratorium"] == 0
    assert mini.v["credibility.beta"] < cred
    assert mini.v["count.icbm_test"] == 1
    assert any(n["kind"] == "moratorium" for n in mini.news)


def test_a_short_range_test_stays_inside_the_moratorium(mini: Game) -> None:
    resolve(mini, {"beta": {"signals": [{"signal": "missile_test", "target": "alpha"}]}})
    assert mini.v["moratorium"] == 1
    assert mini.v["trust.alpha.beta"] == pytest.approx(10 - 5)


def test_tension_drifts_back_in_a_quiet_month(mini: Game) -> None:
    start = mini.v["tension"]
    resolve(mini)
    assert mini.v["tension"] == pytest.approx(start - 2)


def test_sanctions_pressure_weights_each_enforcer_by_trade_share(mini: Game) -> None:
    # coal: gamma 0.7 at lax(1/3), alpha 0.1 at max(3/3), rest 0.2 at UN level 2/3
    coal = 100 * (0.7 * 1 / 3 + 0.1 * 1 + 0.2 * 2 / 3)
    oil = 100 * (0.5 * 2 / 3 + 0.5 * 2 / 3)
    assert mini.v["pressure.coal"] == pytest.approx(coal)
    assert mini.v["pressure"] == pytest.approx(0.6 * coal + 0.4 * oil)
    resolve(mini, {"gamma": {"levers": {"sanctions_coal": "maximum"}}})
    assert mini.v["pressure.coal"] == pytest.approx(100 * (0.7 + 0.1 + 0.2 * 2 / 3))


def test_china_like_enforcers_matter_more_than_small_ones(mini: Game) -> None:
    a = mini.copy()
    b = mini.copy()
    resolve(a, {"gamma": {"levers": {"sanctions_coal": "ignore"}}})
    resolve(b, {"alpha": {"levers": {"sanctions_coal": "ignore"}}})
    assert a.v["pressure.coal"] < b.v["pressure.coal"]


def test_covert_choices_are_found_only_by_good_intelligence(mini_rules: Rules) -> None:
    found = {"alpha": 0, "beta": 0}
    for seed in range(40):
        game = Game(mini_rules, seed)
        resolve(game, {"beta": {"levers": {"program": "continue"}}})
        for d in ("alpha", "gamma"):
            for det in game.detections[d]:
                if det["actor"] == "beta":
                    found["alpha" if d == "alpha" else "beta"] += 1
    # alpha: intelligence 1.0, detection 0.5 -> about half; beta cannot detect at all (0.0).
    assert 10 <= found["alpha"] <= 30


def test_detected_covert_choices_are_exposed(mini_rules: Rules) -> None:
    for seed in range(30):
        game = Game(mini_rules, seed)
        trust = game.v["trust.alpha.beta"]
        resolve(game, {"beta": {"levers": {"program": "continue"}}})
        if any(d["actor"] == "beta" for d in game.detections["alpha"]):
            assert game.v["trust.alpha.beta"] < trust
            return
    pytest.fail("alpha never detected the covert programme in 30 seeds")


def test_a_broken_deal_costs_credibility_only_when_observed(mini_rules: Rules) -> None:
    # Same breach with and without inspections: the freeze is covert-breakable.
    outcomes = {}
    for inspections in (True, False):
        game = Game(mini_rules, 3)
        game.apply(
            {
                "type": "propose",
                "actor": "alpha",
                "to": ["beta"],
                "inspections": inspections,
                "commitments": [
                    {"actor": "beta", "lever": "program", "option": "freeze", "months": 2}
                ],
            }
        )
        game.apply(
            {"type": "respond", "actor": "beta", "proposal": [*game.proposals][0], "accept": True}
        )
        assert game.agreements and game.v["deal.freeze"] == 1
        resolve(game, {"beta": {"levers": {"program": "continue"}}})
        outcomes[inspections] = (
            game.agreements[0]["status"],
            game.agreements[0]["breaches"][0]["observed"],
        )
    assert outcomes[True] == ("broken", True)
    assert outcomes[False][0] in ("active", "broken")
    assert outcomes[False][0] == ("broken" if outcomes[False][1] else "active")


def test_a_kept_deal_is_rewarded_and_expires(mini: Game) -> None:
    mini.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["beta"],
            "commitments": [{"actor": "beta", "lever": "program", "option": "freeze", "months": 1}],
        }
    )
    mini.apply(
        {"type": "respond", "actor": "beta", "proposal": [*mini.proposals][0], "accept": True}
    )
    cred = mini.v["credibility.beta"]
    resolve(mini, {"beta": {"levers": {"program": "freeze"}}})
    assert mini.v["credibility.beta"] == pytest.approx(cred + 1)
    assert mini.agreements[0]["status"] == "expired"
    assert mini.v["deals"] == 0


def test_a_summit_without_a_deal_costs_like_hanoi(mini_rules: Rules) -> None:
    results = {}
    for deal in (True, False):
        game = Game(mini_rules, 2)
        commitments = [{"actor": "beta", "lever": "program", "option": "freeze"}] if deal else []
        game.apply(
            {
                "type": "propose",
                "actor": "alpha",
                "to": ["beta"],
                "summit": True,
                "commitments": commitments,
            }
        )
        game.apply(
            {"type": "respond", "actor": "beta", "proposal": [*game.proposals][0], "accept": True}
        )
        resolve(game, {"beta": {"levers": {"program": "freeze"}}})
        results[deal] = game.v["credibility.alpha"]
        assert game.v["summits.beta"] == 1
    assert results[False] < results[True]


def test_either_side_can_stand_the_other_up(mini: Game) -> None:
    mini.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "talks": True})
    mini.apply(
        {"type": "respond", "actor": "beta", "proposal": [*mini.proposals][0], "accept": True}
    )
    trust = mini.v["trust.alpha.beta"]
    resolve(mini, {"beta": {"stand_up": ["alpha"]}})
    assert mini.v["trust.alpha.beta"] == pytest.approx(trust - 6)
    assert mini.v["stood_up.beta"] == 1 and mini.v.get("talks.beta", 0) == 0


def test_a_p5_veto_kills_a_security_council_draft(mini_rules: Rules) -> None:
    game = Game(mini_rules, 1)
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "coal", "direction": "tighten"})
    game.apply({"type": "unsc_vote", "actor": "gamma", "draft": 1, "vote": "no"})
    resolve(game)
    assert game.unsc_drafts[0]["status"] == "vetoed" and game.v["un.coal"] == 2
    game = Game(mini_rules, 1)
    game.apply({"type": "unsc_draft", "actor": "alpha", "sector": "coal", "direction": "tighten"})
    game.apply({"type": "unsc_vote", "actor": "gamma", "draft": 1, "vote": "abstain"})
    resolve(game)
    assert game.unsc_drafts[0]["status"] == "passed" and game.v["un.coal"] == 3


def test_events_fire_by_month_by_condition_and_at_random(mini_rules: Rules) -> None:
    game = Game(mini_rules, 1)
    resolve(game)
    assert "bridge" in game.fired and "leak" not in game.fired
    resolve(game, {"beta": {"signals": [{"signal": "icbm_test"}]}})
    assert "leak" in game.fired  # nukes > 25 now
    leak = next(n for n in game.news if n.get("event") == "leak")
    assert leak["to"] == ["alpha"]  # private intelligence
    storms = sum(
        1 for seed in range(60) for n in _played(mini_rules, seed).news if n.get("event") == "storm"
    )
    assert 20 < storms < 90  # chance 0.3 a month over 3 months x 60 games


def _played(rules: Rules, seed: int) -> Game:
    game = Game(rules, seed)
    while not game.over:
        resolve(game)
    return game


def test_a_missed_deadline_has_consequences(mini: Game) -> None:
    while not mini.over:
        resolve(mini)
    assert mini.v["missed.cutoff"] == 1 and mini.v["moratorium"] == 0
    assert mini.outcome()["deadlines"] == {"cutoff": False}


def test_a_met_deadline(mini: Game) -> None:
    mini.apply(
        {
            "type": "propose",
            "actor": "alpha",
            "to": ["beta"],
            "commitments": [{"actor": "beta", "lever": "program", "option": "freeze", "months": 6}],
        }
    )
    mini.apply(
        {"type": "respond", "actor": "beta", "proposal": [*mini.proposals][0], "accept": True}
    )
    while not mini.over:
        resolve(mini, {"beta": {"levers": {"program": "freeze"}}} if mini.phase != "over" else None)
    assert mini.outcome()["deadlines"] == {"cutoff": True}


def test_war_at_the_brink_ends_the_game_and_caps_every_score(mini_rules: Rules) -> None:
    for seed in range(50):
        game = Game(mini_rules, seed)
        game.v["tension"] = 100.0
        resolve(game, {"beta": {"signals": [{"signal": "icbm_test"}]}})
        if game.over:
            out = game.outcome()
            assert out["war"] and game.month == 1
            assert all(s <= mini_rules.war_cap for s in out["scores"].values())
            return
    pytest.fail("no war in 50 tries at tension 100 with chance 0.75")


def test_scores_are_weighted_objectives_between_0_and_100(mini: Game) -> None:
    scores = mini.scores()
    assert set(scores) == {"alpha", "beta", "gamma"}
    # alpha: no ICBM (weight 2, met) + calm (1 - 0.3) -> (2 + 0.7) / 3
    assert scores["alpha"] == pytest.approx(100 * 2.7 / 3, abs=0.01)
    assert all(0 <= s <= 100 for s in scores.values())


def test_secret_objectives_are_dealt_from_the_pool_by_seed(mini_rules: Rules) -> None:
    dealt = {tuple(Game(mini_rules, s).secret["beta"]) for s in range(20)}
    assert dealt == {("prestige",), ("reserves",)}
    assert Game(mini_rules, 4).secret == Game(mini_rules, 4).secret
    assert Game(mini_rules, 4).secret["alpha"] == []
