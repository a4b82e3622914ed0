"""The numbers of a month, worked out by hand (docs/rules.md, "How a month resolves" and
"Scores"), on tests/fixtures/scored.yaml: the mini scenario with a tension floor of 20,
drift -4, a war certain at tension 90, objectives that leave 0..1 both ways, a par for
every role and no secret objective dealt.

Start of the game: tension 30, economy 50, nukes 20, reserves 37.25; sanctions pressure
is coal 46.67, oil 66.67, overall 54.67 (see test_rules.py for that formula)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game import Game, load_scenario
from game.engine.scoring import against_history, on_par_scale
from game.scenario.compile import Rules

SCORED = Path(__file__).resolve().parents[1] / "fixtures" / "scored.yaml"
PRESSURE = 0.6 * 100 * (0.7 / 3 + 0.1 + 0.2 * 2 / 3) + 0.4 * 100 * (2 / 3)


@pytest.fixture(scope="module")
def scored() -> Rules:
    return load_scenario(SCORED)


def inject(game: Game, **effects: float) -> None:
    game.apply({"type": "inject", "actor": "facilitator", "news": "Set up.", "effects": effects})


def resolve(game: Game, orders: dict[str, dict[str, Any]] | None = None) -> None:
    """Play the current month: orders (drafts made final by the advance), then resolve."""
    for actor, order in (orders or {}).items():
        game.apply({"type": "orders", "actor": actor, **order})
    game.advance()
    game.advance()


def test_pressure_is_as_documented(scored: Rules) -> None:
    assert Game(scored, 1).v["pressure"] == pytest.approx(PRESSURE)


def test_orders_effects_are_summed_then_the_month_runs_in_order(scored: Rules) -> None:
    game = Game(scored, 1)
    resolve(game, {"alpha": {"levers": {"aid": "food"}}, "gamma": {"levers": {"aid": "food"}}})
    v = game.v
    # two food aids (+3 each), the bridge (+2), sanctions biting (-pressure / 25)
    assert v["economy"] == pytest.approx(50 + 3 + 3 + 2 - PRESSURE / 25)
    assert v["reserves"] == pytest.approx(37.25 - PRESSURE / 50)
    assert v["nukes"] == pytest.approx(22)  # the programme continues (+2)
    # each giver pays its own cost, the other actors nothing
    assert (v["approval.alpha"], v["approval.gamma"], v["approval.beta"]) == (49, 49, 60)
    assert v["tension"] == 26  # a quiet month: drift -4
    assert (game.month, game.phase) == (2, "negotiation")
    assert game.snapshots[1]["economy"] == pytest.approx(v["economy"])
    assert game.snapshots[0]["economy"] == 50


def test_effects_are_clamped_to_each_variables_bounds(scored: Rules) -> None:
    game = Game(scored, 1)
    inject(game, tension=500, economy=-500, moratorium=3)
    assert (game.v["tension"], game.v["economy"], game.v["moratorium"]) == (100, 0, 1)
    inject(game, tension=-500, moratorium=-0.5)
    assert (game.v["tension"], game.v["moratorium"]) == (0, 0.5)


def test_drift_alone_never_takes_tension_below_the_floor(scored: Rules) -> None:
    game = Game(scored, 1)
    inject(game, tension=-15)  # 15, below the floor already: drift takes it no lower
    resolve(game)
    assert game.v["tension"] == 15
    inject(game, tension=10)  # 25: drift -4 gives 21
    resolve(game)
    assert game.v["tension"] == 21
    resolve(game)  # 21: drift stops at the floor, 20; then March's deadline is missed: +10
    assert game.v["tension"] == 30
    assert game.snapshots[3]["tension"] == 30
    inject(game, tension=-8)  # 22: drift would make it 18, the floor holds it at 20
    resolve(game)
    assert game.v["tension"] == 20


def test_an_escalating_month_has_no_drift_and_escalation_clamps(scored: Rules) -> None:
    game = Game(scored, 1)
    test = [{"signal": "missile_test", "target": "alpha"}]
    resolve(game, {"beta": {"signals": test, "levers": {"program": "freeze"}}})
    assert game.v["tension"] == 38  # +8, no drift
    assert game.v["trust.alpha.beta"] == 5  # the addressee's trust in the sender: -5
    assert game.v["trust.gamma.beta"] == 40  # nobody else's
    assert game.v["nukes"] == 20  # -1 frozen programme, +1 test
    assert game.v["escalation"] == 8
    inject(game, tension=55)  # 93: an ICBM test (+20) takes it to 100, not 113
    resolve(game, {"beta": {"signals": [{"signal": "icbm_test"}]}})
    assert game.v["tension"] == 100 and game.v["escalation"] == 20 and game.over


def test_war_breaks_out_at_the_threshold_and_caps_every_score(scored: Rules) -> None:
    below = Game(scored, 1)
    inject(below, tension=63)  # 93, drifts to 89: under the threshold
    resolve(below)
    assert below.v["tension"] == 89 and not below.over
    game = Game(scored, 1)
    inject(game, tension=64)  # 94, drifts to 90: at the threshold, war is certain
    before = game.scores()
    assert before["beta"] == 50
    resolve(game)
    assert game.v["tension"] == 90 and game.over and game.month == 1
    assert [n["text"] for n in game.news if n["kind"] == "war"] == ["War broke out."]
    out = game.outcome()
    assert out is not None and out["war"] is True and out["month"] == 1
    nukes = 22 / 40 * 100  # beta's raw score, over the cap
    assert nukes > 15
    assert out["scores"] == {"alpha": 15.0, "beta": 15.0, "gamma": 0.0}


def test_scores_weigh_objectives_each_clamped_to_0_1(scored: Rules) -> None:
    game = Game(scored, 1)
    # alpha: brink -0.4 -> 0, growth 2 -> 1 (weight 3), calm 0.7: 100 * 3.7 / 5
    assert game.scores() == {"alpha": 74.0, "beta": 50.0, "gamma": 0.0}
    inject(game, tension=45)  # 75: brink 0.5, calm 0.25
    assert game.scores()["alpha"] == 75.0
    inject(game, economy=-40)  # 10: growth 0.4
    assert game.scores()["alpha"] == pytest.approx(100 * (0.5 + 3 * 0.4 + 0.25) / 5)
    game.apply({"type": "end", "actor": "facilitator"})
    out = game.outcome()
    assert out is not None
    rows = {r["id"]: r for r in out["breakdown"]["alpha"]}
    assert [r["id"] for r in out["breakdown"]["alpha"]] == ["brink", "growth", "calm"]
    assert rows["growth"] == {
        "id": "growth",
        "name": "Growth",
        "explain": "Over 1 while the economy is over 25.",
        "weight": 3.0,
        "secret": False,
        "progress": 0.4,
        "points": 24.0,
    }
    assert (rows["brink"]["progress"], rows["brink"]["points"]) == (0.5, 10.0)
    assert (rows["calm"]["progress"], rows["calm"]["points"]) == (0.25, 5.0)
    assert out["breakdown"]["gamma"][0]["progress"] == 0.0
    assert out["war"] is False
    assert out["agreements"] == {"made": 0, "broken": 0}
    assert out["deadlines"] == {"cutoff": None}  # the game ended before March


def test_the_outcome_puts_each_score_on_the_par_scale(scored: Rules) -> None:
    game = Game(scored, 1)
    game.apply({"type": "end", "actor": "facilitator"})
    out = game.outcome()
    assert out is not None
    assert out["par"] == {
        "alpha": {"raw": 74.0, "par": 74.0, "scaled": 50.0, "history": "matched history"},
        "beta": {"raw": 50.0, "par": 40.0, "scaled": 58.33, "history": "beat history"},
        "gamma": {"raw": 0.0, "par": 0.0, "scaled": 50.0, "history": "matched history"},
    }
    short = Game(scored, 1)
    inject(short, economy=-40)
    short.apply({"type": "end", "actor": "facilitator"})
    low = short.outcome()
    assert low is not None
    assert low["par"]["alpha"]["raw"] == 38.0
    assert low["par"]["alpha"]["scaled"] == round(50 * 38 / 74, 2)
    assert low["par"]["alpha"]["history"] == "fell short of history"


@pytest.mark.parametrize(
    ("raw", "par", "scaled"),
    [
        (0.0, 40.0, 0.0),
        (20.0, 40.0, 25.0),
        (40.0, 40.0, 50.0),
        (70.0, 40.0, 75.0),
        (100.0, 40.0, 100.0),
        (1.0, 3.0, 16.67),  # rounded to 2 places
        (0.0, 0.0, 50.0),  # a par of 0: 0 is par
        (50.0, 0.0, 75.0),
        (100.0, 100.0, 50.0),  # a par of 100: 100 is par
        (40.0, 100.0, 20.0),
    ],
)
def test_the_par_scale(raw: float, par: float, scaled: float) -> None:
    assert on_par_scale(raw, par) == scaled


@pytest.mark.parametrize(
    ("raw", "history"),
    [
        (40.5, "matched history"),
        (40.51, "beat history"),
        (39.5, "matched history"),
        (39.49, "fell short of history"),
        (40.0, "matched history"),
    ],
)
def test_history_in_words_within_half_a_point(raw: float, history: str) -> None:
    assert against_history(raw, 40.0) == history


def test_detection_odds_are_the_options_detection_times_intelligence() -> None:
    """Beta's covert programme (detection 0.5): alpha (intelligence 1.0) finds it half
    the time, gamma (0.5) a quarter of the time; beta (0.0) never finds gamma's lax coal
    enforcement (below the UN level: covert), which alpha finds half the time.

    Its own rules: what resolution builds once per rules is then built in this test."""
    scored = load_scenario(SCORED)
    seeds = range(400)
    found = {"alpha": 0, "gamma": 0, "beta": 0, "alpha_coal": 0}
    for seed in seeds:
        game = Game(scored, seed)
        resolve(game)
        for observer in ("alpha", "gamma", "beta"):
            acts = {(d["actor"], d["lever"]) for d in game.detections[observer]}
            found[observer] += ("beta", "program") in acts
            if observer == "alpha":
                found["alpha_coal"] += ("gamma", "sanctions_coal") in acts
            if observer == "beta":
                assert not acts
        exposed = bool(game.detections["alpha"] or game.detections["gamma"])
        seen_programme = any(
            d["actor"] == "beta" for o in ("alpha", "gamma") for d in game.detections[o]
        )
        # exposure of the programme costs beta 5 trust with every other actor, once
        assert game.v["trust.alpha.beta"] == (5 if seen_programme else 10)
        assert game.v["trust.gamma.beta"] == (35 if seen_programme else 40)
        assert exposed or game.v["credibility.gamma"] == 50
    n = len(seeds)
    assert 0.42 * n <= found["alpha"] <= 0.58 * n
    assert 0.18 * n <= found["gamma"] <= 0.32 * n
    assert 0.42 * n <= found["alpha_coal"] <= 0.58 * n


def test_a_detection_is_private_intelligence_and_exposure_costs_the_actor(scored: Rules) -> None:
    for seed in range(40):
        game = Game(scored, seed)
        resolve(game)
        alpha_saw = {(d["actor"], d["lever"]) for d in game.detections["alpha"]}
        if ("gamma", "sanctions_coal") in alpha_saw and ("beta", "program") in alpha_saw:
            break
    else:
        pytest.fail("alpha never found both covert acts in 40 seeds")
    assert {"month": 1, "actor": "beta", "lever": "program", "option": "continue"} in (
        game.detections["alpha"]
    )
    intel = [n for n in game.news if n["kind"] == "intel" and n["to"] == ["alpha"]]
    assert "Intelligence: Beta chose 'Continue' (Nuclear programme)." in [n["text"] for n in intel]
    assert "Intelligence: Gamma chose 'Lax' (Sanctions: Coal)." in [n["text"] for n in intel]
    assert all(n["to"] for n in game.news if n["kind"] == "intel")
    assert game.v["credibility.gamma"] == 46  # sanctions exposed: credibility.self -4
    # what beta sees of alpha's month: not gamma's covert coal choice (not beta's find)
    beta_view = game.view_for("beta")
    assert all(n["kind"] != "intel" for n in beta_view["news"])


def test_the_facilitators_news_reaches_everyone(scored: Rules) -> None:
    game = Game(scored, 1)
    inject(game, tension=5)
    game.apply({"type": "inject", "actor": "facilitator", "event": "incident"})
    game.apply({"type": "announce", "actor": "facilitator", "text": "Ten minutes left."})
    assert game.v["tension"] == 40  # +5 custom, +5 the scenario's inject
    game.apply({"type": "end", "actor": "facilitator"})
    assert [(n["kind"], n["text"], n["to"], n["month"]) for n in game.news] == [
        ("inject", "Set up.", [], 1),
        ("event", "A boat incident.", [], 1),
        ("announcement", "Ten minutes left.", [], 1),
        ("announcement", "The facilitator ended the game.", [], 1),
    ]
    assert [n["text"] for n in game.view_for("spectator")["news"]][0] == "Set up."


def test_two_signals_in_a_month_add_their_escalation() -> None:
    game = Game(load_scenario(SCORED.with_name("loud.yaml")), 1)
    game.advance()
    assert game.legal_actions("beta")["max_signals"] == 2
    signals = [{"signal": "missile_test", "target": "alpha"}, {"signal": "icbm_test"}]
    game.apply(
        {"type": "orders", "actor": "beta", "signals": signals, "levers": {"program": "freeze"}}
    )
    game.advance()
    assert game.v["escalation"] == 28
    assert game.v["tension"] == 30 + 8 + 20  # no drift
    assert game.v["nukes"] == 20 - 1 + 1 + 4
    assert (game.v["count.missile_test"], game.v["count.icbm_test"]) == (1, 1)
    assert (game.v["signal.beta.missile_test"], game.v["signal.beta.icbm_test"]) == (1, 1)
    assert game.v["moratorium"] == 0
    texts = [n["text"] for n in game.news if n["kind"] == "signal"]
    assert texts == ["Beta: Missile test, aimed at Alpha.", "Beta: ICBM test."]
    resolve(game)  # a quiet month: this month's signal.* entries are gone, counts stay
    assert "signal.beta.icbm_test" not in game.v and game.v["count.icbm_test"] == 1
    assert game.v["escalation"] == 0 and game.v["tension"] == 58 - 4
