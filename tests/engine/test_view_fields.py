"""Every field of a view, for a player, a spectator and the facilitator, at a moment of
the scored mini scenario where each one has something to show (docs/rules.md, "Hidden
information"): who sees which keys, and the values of the plain ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import Game, load_scenario
from game.scenario.compile import Rules

SCORED = Path(__file__).resolve().parents[1] / "fixtures" / "scored.yaml"
MONTHS = ["January", "February", "March", "April", "May", "June"]
COMMON = [
    "scenario", "viewer", "month", "month_label", "months", "phase", "paused", "tension",
    "variables", "history", "ready", "submitted", "messages", "proposals", "agreements",
    "unsc_drafts", "news", "orders", "briefings",
]  # fmt: skip


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_scenario(SCORED)


@pytest.fixture
def game(rules: Rules) -> Game:
    """February's orders phase: a deal alpha-beta breached unseen by beta in January,
    a missile test at gamma, alpha paused the clock, gamma's orders drafted and final."""
    for seed in range(50):
        game = Game(rules, seed)
        terms = [{"actor": "beta", "lever": "program", "option": "freeze"}]
        game.apply({"type": "propose", "actor": "alpha", "to": ["beta"], "commitments": terms})
        game.apply(
            {"type": "respond", "actor": "beta", "proposal": game.open_ids[-1], "accept": True}
        )
        game.advance()
        test = [{"signal": "missile_test", "target": "gamma"}]
        game.apply({"type": "orders", "actor": "beta", "signals": test})
        game.advance()
        if game.agreements[0]["breaches"] and not game.agreements[0]["breaches"][0]["observed"]:
            break
    game.advance()
    game.apply({"type": "orders", "actor": "gamma", "levers": {"aid": "food"}})
    game.apply({"type": "orders", "actor": "alpha", "levers": {"aid": "food"}, "final": False})
    game.apply({"type": "pause", "actor": "facilitator"})
    return game


def test_a_players_view(game: Game) -> None:
    view = game.view_for("beta")
    assert list(view) == [
        *COMMON, "you", "secret_briefing", "policy", "draft", "secret_objectives",
        "detections", "scores", "score_breakdown",
    ]  # fmt: skip
    assert (view["scenario"], view["viewer"], view["you"]) == ("scored", "beta", "beta")
    assert (view["month"], view["month_label"], view["months"]) == (2, "February", MONTHS)
    assert (view["phase"], view["paused"]) == ("orders", True)
    assert view["tension"] == {"value": 38.0, "rung": "calm", "rung_name": "Calm"}
    assert (view["ready"], view["submitted"]) == ([], ["gamma"])
    assert view["secret_briefing"] == "Beta wants relief."
    assert view["briefings"] == {
        "alpha": "Alpha is strong.",
        "beta": "Beta is isolated.",
        "gamma": "Gamma trades.",
    }
    assert view["policy"] == {"program": "continue"}
    assert view["draft"] == {"levers": {}, "signals": [], "stand_up": []}
    assert view["secret_objectives"] == [] and view["detections"] == []
    assert view["scores"] == {"beta": game.scores()["beta"]}
    assert view["score_breakdown"] == {
        "objectives": [
            {
                "name": "Capability",
                "secret": False,
                "weight": 0.5,
                "exact": True,  # beta's own variable
                "reads": ["nukes"],
                "points": view["scores"]["beta"],  # its only objective
            }
        ],
        "unseen_points": None,
    }
    # beta sees its own unseen breach; alpha, its partner, does not
    assert len(view["agreements"][0]["breaches"]) == 1
    assert game.view_for("alpha")["agreements"][0]["breaches"] == []
    assert game.view_for("alpha")["draft"] == {
        "levers": {"aid": "food"},
        "signals": [],
        "stand_up": [],
    }
    assert game.view_for("gamma")["agreements"] == []
    assert game.view_for("gamma")["policy"] == {
        "aid": "none",
        "sanctions_coal": "lax",
        "sanctions_oil": "enforce",
    }  # orders take effect at resolution
    signal = [n for n in view["news"] if n["kind"] == "signal"]
    assert signal == [
        {
            "month": 1,
            "kind": "signal",
            "text": "Beta: Missile test, aimed at Gamma.",
            "to": [],
            "signal": "missile_test",
            "actor": "beta",
            "target": "gamma",
        }
    ]


def test_a_spectators_view(game: Game) -> None:
    view = game.view_for("spectator")
    assert list(view) == COMMON
    assert view["viewer"] == "spectator" and view["agreements"] == [] and view["proposals"] == []
    assert all(not n["to"] for n in view["news"])
    assert view["orders"][0]["orders"]["beta"] == {
        "levers": {},  # the programme is covert
        "signals": [{"signal": "missile_test", "target": "gamma"}],
    }


def test_the_facilitators_view(game: Game) -> None:
    view = game.view_for("omniscient")
    assert list(view) == [
        *COMMON, "policy", "drafts", "secret_objectives", "secret_briefings", "detections",
        "scores", "covert",
    ]  # fmt: skip
    assert view["policy"]["beta"] == {"program": "continue"}
    assert view["drafts"]["alpha"]["levers"] == {"aid": "food"}
    assert view["secret_briefings"] == {
        "alpha": "Alpha wants calm.",
        "beta": "Beta wants relief.",
        "gamma": "Gamma wants influence.",
    }
    assert view["scores"] == game.scores()
    assert view["secret_objectives"] == {"alpha": [], "beta": [], "gamma": []}
    assert len(view["covert"]) == 1  # one month resolved: its covert acts
    assert sorted((c["actor"], c["lever"], c["option"]) for c in view["covert"][0]) == [
        ("beta", "program", "continue"),
        ("gamma", "sanctions_coal", "lax"),  # below the UN level: covert
    ]
    assert len(view["agreements"][0]["breaches"]) == 1
    assert view["orders"][0]["orders"]["beta"]["levers"] == {"program": "continue"}
    assert len(view["news"]) == len(game.news)


def test_view_keys_name_the_keys_of_each_view_in_order(game: Game) -> None:
    for viewer in ("beta", "spectator", "omniscient"):
        assert game.view_keys(viewer) == tuple(game.view_for(viewer))


def test_tension_is_shown_to_two_places_with_its_rung(rules: Rules) -> None:
    game = Game(rules, 1)
    fx = {"tension": 10.456}
    game.apply({"type": "inject", "actor": "facilitator", "news": "x", "effects": fx})
    assert game.view_for("beta")["tension"] == {
        "value": 40.46,
        "rung": "crisis",
        "rung_name": "Crisis",
    }
    assert game.view_for("spectator")["variables"]["tension"] == 40.46


def test_a_message_is_recorded_with_its_month_sender_and_audience(rules: Rules) -> None:
    game = Game(rules, 1)
    game.advance()
    game.apply({"type": "message", "actor": "gamma", "to": ["beta", "alpha"], "text": "Hi."})
    game.apply({"type": "message", "actor": "beta", "to": [], "text": "All of you."})
    first, second = game.messages
    assert {k: v for k, v in first.items() if k != "id"} == {
        "month": 1,
        "from": "gamma",
        "to": ["alpha", "beta"],  # in the scenario's order
        "text": "Hi.",
    }
    assert (second["to"], second["id"]) == ([], 1)  # public: the public counter
    assert game.view_for("alpha")["messages"] == [first, second]
    assert game.view_for("spectator")["messages"] == [second]


def test_the_facilitators_inject_menu(rules: Rules) -> None:
    from game.engine.facilitation import menu

    offered = menu(Game(rules, 1))
    assert offered["injects"] == [
        {"id": "incident", "title": "Incident", "news": "A boat incident."}
    ]
    variables = {v["id"]: v for v in offered["variables"]}
    assert variables["tension"] == {"id": "tension", "name": "Tension", "min": 0.0, "max": 100.0}
    assert variables["moratorium"]["max"] == 1.0
    assert variables["economy"]["name"] == "Beta economy"
    assert [v["id"] for v in offered["variables"]] == list(rules.keys)
    unnamed = [v for v in offered["variables"] if v["id"] not in rules.var_names]
    assert all(v["name"] == v["id"] for v in unnamed)


def test_a_player_sees_the_secret_objectives_dealt_to_it(mini_rules: Rules) -> None:
    game = Game(mini_rules, 4)
    dealt = game.secret["beta"]
    assert len(dealt) == 1 and dealt[0] in ("prestige", "reserves")
    assert game.view_for("beta")["secret_objectives"] == dealt
    assert game.view_for("alpha")["secret_objectives"] == game.secret["alpha"] == []
    game.apply({"type": "end", "actor": "facilitator"})
    out = game.outcome()
    assert out is not None
    secret = [r["id"] for r in out["breakdown"]["beta"] if r["secret"]]
    assert secret == dealt  # and it counts in beta's score


def test_a_seat_sees_its_own_objectives_points_and_no_one_elses(mini_rules: Rules) -> None:
    """Each objective of the seat, its dealt secret one included, with what it adds to
    the score now; another seat's objectives (secret or not) are in no view of it."""
    from game.engine.scoring import breakdown

    game = Game(mini_rules, 4)
    assert game.secret["beta"], "beta is dealt a secret objective"
    game.advance()
    game.advance()
    for viewer in mini_rules.actor_ids:
        shown = game.view_for(viewer)["score_breakdown"]
        rows = shown["objectives"]
        own = breakdown(game, viewer)
        assert [(r["name"], r["secret"], r.get("points")) for r in rows] == [
            (r["name"], r["secret"], r["points"] if shown_exactly else None)
            for r, shown_exactly in zip(own, [x["exact"] for x in rows], strict=True)
        ]
        dealt = [r["id"] for r in own if r["secret"]]
        assert dealt == game.secret.get(viewer, [])
        exact = sum(r["points"] for r in rows if r["exact"])
        unseen = shown["unseen_points"] or 0.0
        assert exact + unseen == pytest.approx(game.scores()[viewer], abs=0.05)
        for other in mini_rules.actor_ids:
            if other == viewer:
                continue
            theirs = {(r["name"], r["secret"]) for r in breakdown(game, other)}
            assert not theirs & {(r["name"], r["secret"]) for r in rows}, (viewer, other)
            text = json.dumps(game.view_for(viewer))
            for r in breakdown(game, other):
                if r["secret"]:
                    assert f'"name": "{r["name"]}"' not in text, (viewer, other)
    for viewer in ("spectator", "omniscient"):
        assert "score_breakdown" not in game.view_for(viewer)


def test_objectives_reading_what_a_seat_only_estimates_give_no_points_of_their_own(
    korea_rules: Rules,
) -> None:
    """The United States sees North Korea's capability only as a range: "Cap the arsenal"
    (it reads it) is listed without points, while "No ICBM or nuclear test" (it counts
    public signals) and "The moratorium holds" (a public value) give theirs; the lump is
    the score minus the exact points, so everything adds up to the score. China's
    "Keep the buffer state alive" reads North Korea's private stability: lumped too;
    North Korea's own "A secure regime" reads the same value, its own: exact."""
    from game.engine.view import sees_exactly

    game = Game(korea_rules, 3)
    game.apply({"type": "orders", "actor": "dprk", "signals": [{"signal": "icbm_test"}]})
    game.advance()
    game.advance()
    assert sees_exactly(game, "us", "count.dprk.icbm_test") and sees_exactly(game, "us", "tension")
    assert not sees_exactly(game, "us", "nuclear") and not sees_exactly(game, "us", "deal.freeze")
    assert sees_exactly(game, "dprk", "nuclear") and sees_exactly(game, "us", "deals.us")
    assert not sees_exactly(game, "china", "stability") and not sees_exactly(game, "us", "deals")
    for viewer, lumped, exact in (
        ("us", "Cap the arsenal", "No ICBM or nuclear test"),
        ("china", "Keep the buffer state alive", "No nuclear test next door"),
        ("dprk", "Relief and a working economy", "A secure regime"),
    ):
        view = game.view_for(viewer)
        shown = view["score_breakdown"]
        rows = {r["name"]: r for r in shown["objectives"]}
        assert "points" not in rows[lumped] and rows[lumped]["exact"] is False
        assert rows[exact]["exact"] is True and rows[exact]["points"] >= 0
        exact_points = sum(r["points"] for r in rows.values() if r["exact"])
        assert shown["unseen_points"] == round(view["scores"][viewer] - exact_points, 2)


def test_a_view_with_held_items_is_the_viewers_view(game: Game) -> None:
    for viewer in ("beta", "gamma", "spectator"):
        full = game.view_for(viewer)
        assert game.view_for(viewer, held={"history": 0}) == full
        tail = game.view_for(viewer, held={"history": len(full["history"]) - 1})
        assert tail["history"] == full["history"][-1:]
        assert {k: v for k, v in tail.items() if k != "history"} == {
            k: v for k, v in full.items() if k != "history"
        }
