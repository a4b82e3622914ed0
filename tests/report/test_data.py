"""The debrief's content, section by section, checked against the game it reports on."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.runner import play_game
from game.report import debrief_data
from game.scenario.compile import Rules


def _month(data: dict[str, Any], month: int) -> dict[str, Any]:
    return next(t for t in data["timeline"] if t["month"] == month)


# ---------------------------------------------------------------------- timeline
def test_timeline_has_every_month_played(classroom_data: dict[str, Any]) -> None:
    assert [t["month"] for t in classroom_data["timeline"]] == [1, 2, 3, 4]
    assert classroom_data["timeline"][-1]["partial"]


def test_timeline_holds_all_the_news_of_each_month(
    bot_game: Game, bot_data: dict[str, Any]
) -> None:
    for t in bot_data["timeline"]:
        expected = [n["text"] for n in bot_game.news if n["month"] == t["month"]]
        assert [n["text"] for n in t["news"]] == expected


def test_facilitator_injects_and_announcements_are_marked(
    classroom_data: dict[str, Any], texts: dict[str, str]
) -> None:
    april = _month(classroom_data, 1)
    by_text = {n["text"]: n for n in april["news"]}
    assert by_text[texts["announce"]]["source"] == "facilitator"
    assert by_text[texts["custom"]]["source"] == "facilitator"
    # A scenario inject sent by the facilitator is an 'event' in the news, yet marked.
    may = _month(classroom_data, 2)
    heist = [n for n in may["news"] if n["source"] == "facilitator"]
    assert len(heist) == 1 and heist[0]["kind"] == "event"
    assert "hackers" in heist[0]["text"]
    # Scripted events stay chronicle.
    assert any(n["source"] == "chronicle" and n["kind"] == "event" for n in april["news"])
    controls = [f["type"] for f in classroom_data["facilitator"]]
    assert controls[:4] == ["announce", "pause", "resume", "inject"]
    assert controls[-1] == "end"
    inject = classroom_data["facilitator"][3]
    assert "tension +7" in inject["text"] and inject["phase"] == "negotiation"


def test_a_phase_the_timer_ended_is_told_apart_and_moves_name_the_student(
    mini_rules: Rules,
) -> None:
    fac = "facilitator"
    log = [
        {"type": "move", "actor": fac, "player": "p3", "seat": "beta", "name": "Ana"},
        {"type": "move", "actor": fac, "player": "p4", "seat": "gamma"},  # an older log
        {"type": "advance", "actor": fac, "phase": "negotiation", "month": 1, "by": "timer"},
        {"type": "advance", "actor": fac, "phase": "orders", "month": 1},
    ]
    rows = debrief_data(mini_rules, 1, log)["facilitator"]
    assert [(f["by"], f["text"]) for f in rows] == [
        ("facilitator", "Moved Ana to beta"),
        ("facilitator", "Moved player p4 to gamma"),
        ("timer", "Time ran out: the negotiation phase ended"),
        ("facilitator", "Ended the orders phase"),
    ]


def test_private_intelligence_is_marked_with_its_recipients(
    bot_game: Game, bot_data: dict[str, Any]
) -> None:
    intel = [n for t in bot_data["timeline"] for n in t["news"] if n["source"] == "intel"]
    expected = [n for n in bot_game.news if n["to"]]
    assert len(intel) == len(expected) > 0
    assert [n["to"] for n in intel] == [n["to"] for n in expected]


def test_orders_are_all_revealed_with_covert_ones(
    classroom: Game, classroom_data: dict[str, Any]
) -> None:
    may = _month(classroom_data, 2)
    dprk = next(o for o in may["orders"] if o["actor"] == "dprk")
    nuclear = next(x for x in dprk["levers"] if x["lever"] == "nuclear_programme")
    assert nuclear["option"] == "continue" and nuclear["changed"]
    assert nuclear["hidden"]  # a covert option, shown in the debrief
    covert = next(
        c
        for c in classroom.revealed[1]["covert"]
        if c["actor"] == "dprk" and c["lever"] == "nuclear_programme"
    )
    assert nuclear["detected_by"] == covert["detected_by"]
    assert dprk["signals"] == [
        {
            "signal": "srbm_test",
            "name": classroom.rules.signal_by_id["srbm_test"].name,
            "target": "japan",
            "target_name": "Japan",
        }
    ]
    april = _month(classroom_data, 1)
    april_dprk = next(o for o in april["orders"] if o["actor"] == "dprk")
    assert {x["lever"]: x["option"] for x in april_dprk["levers"]}["nuclear_programme"] == "freeze"


def test_timeline_tension_is_the_month_end_value(bot_game: Game, bot_data: dict[str, Any]) -> None:
    key = bot_game.rules.tension_key
    for t in bot_data["timeline"]:
        assert t["tension"] == pytest.approx(bot_game.snapshots[t["month"]][key], abs=0.01)
        assert t["rung_name"] == bot_game.rules.rung_of(bot_game.snapshots[t["month"]][key])[1]


# ---------------------------------------------------------------------- deals
def test_an_accepted_deal_kept_then_broken(
    classroom_data: dict[str, Any], texts: dict[str, str]
) -> None:
    deals = classroom_data["deals"]
    (ag,) = deals["agreements"]
    assert ag["text"] == texts["deal"] and ag["parties"] == ["us", "dprk"]
    assert ag["status"] == "broken" and ag["inspections"]
    assert [(c["month"], c["state"], c["breakers"]) for c in ag["compliance"]] == [
        (1, "kept", []),
        (2, "broken", ["dprk"]),
    ]
    assert "North Korea: Freeze" in ag["commitments"][0]["text"]
    assert deals["summary"] == {
        "proposals": 2,
        "agreements": 1,
        "broken": 1,
        "breached_unseen": 0,
    }


def test_every_proposal_with_who_accepted_and_rejected(classroom_data: dict[str, Any]) -> None:
    first, second = classroom_data["deals"]["proposals"]
    assert first["status"] == "accepted" and first["accepted_by"] == ["us", "dprk"]
    assert [a["actor"] for a in first["answers"]] == ["us"]
    assert second["status"] == "rejected" and second["rejected_by"] == ["china"]
    assert second["talks"] and not second["commitments"]


def test_security_council_drafts_and_votes(classroom_data: dict[str, Any]) -> None:
    (draft,) = classroom_data["deals"]["unsc"]
    assert draft["drafter"] == "us" and draft["status"] == "vetoed"
    assert draft["votes"] == {"us": "yes", "china": "no"}


def test_bot_game_deals_match_the_engine(bot_game: Game, bot_data: dict[str, Any]) -> None:
    assert len(bot_data["deals"]["proposals"]) == len(bot_game.proposals)
    assert [a["status"] for a in bot_data["deals"]["agreements"]] == [
        a["status"] for a in bot_game.agreements
    ]
    for ag, engine_ag in zip(bot_data["deals"]["agreements"], bot_game.agreements, strict=True):
        observed = [b["month"] for b in engine_ag["breaches"] if b["observed"]]
        broken = [c["month"] for c in ag["compliance"] if c["state"] == "broken"]
        assert broken == observed[:1]


# ---------------------------------------------------------------------- knowledge
def test_estimates_sit_beside_the_true_values(bot_game: Game, bot_data: dict[str, Any]) -> None:
    rules = bot_game.rules
    rows = [k for k in bot_data["knowledge"] if k["actor"] == "us" and k["month"] == 5]
    (row,) = rows
    economy = next(x for x in row["estimates"] if x["key"] == "economy")
    true = bot_game.snapshots[5]["economy"]
    assert economy["true"] == pytest.approx(true, abs=0.01)
    assert economy["low"] <= true <= economy["high"]
    # ... and it is what the US was shown: the engine's estimate for that month.
    assert economy["high"] - economy["low"] > 0
    # An actor does not "estimate" what it owns: North Korea sees its economy exactly.
    dprk = next(k for k in bot_data["knowledge"] if k["actor"] == "dprk" and k["month"] == 5)
    assert "economy" not in {x["key"] for x in dprk["estimates"]}
    assert len(bot_data["knowledge"]) == (rules.turns + 1) * len(rules.actor_ids)


def test_private_intelligence_per_team_and_month(bot_game: Game, bot_data: dict[str, Any]) -> None:
    for k in bot_data["knowledge"]:
        expected = [
            n["text"]
            for n in bot_game.news
            if n["month"] == k["month"] and k["actor"] in n["to"] and k["month"] > 0
        ]
        assert k["intel"] == expected


# ---------------------------------------------------------------------- messages
def test_archive_opens_every_channel_in_order(
    classroom_data: dict[str, Any], texts: dict[str, str]
) -> None:
    msgs = classroom_data["messages"]
    assert [m["text"] for m in msgs] == [
        texts["public"],
        texts["private"],
        texts["group"],
        texts["reply"],
    ]
    assert [m["channel"] for m in msgs] == ["public", "private", "group", "private"]
    assert [m["month"] for m in msgs] == [1, 1, 1, 2]
    assert all(m["phase"] == "negotiation" for m in msgs)
    assert msgs[1]["from"] == "dprk" and msgs[1]["to"] == ["china"]


# ---------------------------------------------------------------------- series, charts
def test_series_have_one_value_per_month_row(bot_game: Game, bot_data: dict[str, Any]) -> None:
    months = bot_data["series"]["months"]
    assert len(months) == bot_game.rules.turns + 1
    for v in bot_data["series"]["variables"]:
        assert len(v["values"]) == len(months)
    keys = [v["key"] for v in bot_data["series"]["variables"]]
    assert keys == list(bot_game.rules.keys)
    outcome = bot_game.outcome()
    assert outcome is not None
    assert {s["actor"]: s["values"][-1] for s in bot_data["series"]["scores"]} == outcome["scores"]


def test_charts_follow_what_the_scenario_declares(bot_data: dict[str, Any]) -> None:
    ids = [c["id"] for c in bot_data["charts"]]
    assert ids[0] == "tension" and ids[-2:] == ["scores", "scores-2"]
    assert "pressure" in ids and "indicators-dprk" in ids
    tension = bot_data["charts"][0]
    assert [b["name"] for b in tension["bands"]] == [
        "Calm",
        "Strained",
        "Crisis",
        "Confrontation",
        "Brink",
    ]
    scores = [line for c in bot_data["charts"][-2:] for line in c["lines"]]
    assert [line["colour"] for line in scores] == [a["colour"] for a in bot_data["actors"]]
    dprk = next(c for c in bot_data["charts"] if c["id"] == "indicators-dprk")
    assert "North Korean economy" in [line["name"] for line in dprk["lines"]]
    # Seven pressure lines become two charts of four and three (at most four a chart).
    pressure = [c for c in bot_data["charts"] if c["id"].startswith("pressure")]
    assert [len(c["lines"]) for c in pressure] == [4, 3]
    assert [s["key"] for s in bot_data["switches"]] == ["moratorium"]


def test_charts_for_another_scenario_use_its_own_names(mini_rules: Rules) -> None:
    bots = {a: make_bot("random", a, 2) for a in mini_rules.actor_ids}
    game = play_game(mini_rules, 2, bots).game
    data = debrief_data(mini_rules, 2, game.log)
    ids = [c["id"] for c in data["charts"]]
    assert ids == [
        "tension",
        "pressure",
        "indicators-beta",
        "actor-approval",
        "actor-credibility",
        "scores",
    ]
    no_sanctions = load_scenario("river-treaty")
    assert not no_sanctions.sectors
    bots = {a: make_bot("random", a, 2) for a in no_sanctions.actor_ids}
    game = play_game(no_sanctions, 2, bots).game
    data = debrief_data(no_sanctions, 2, game.log)
    assert "pressure" not in [c["id"] for c in data["charts"]]


# ---------------------------------------------------------------------- objectives
def test_objectives_add_up_to_each_score(bot_game: Game, bot_data: dict[str, Any]) -> None:
    outcome = bot_game.outcome()
    assert outcome is not None
    for o in bot_data["objectives"]:
        assert o["score"] == outcome["scores"][o["actor"]]
        assert sum(x["points"] for x in o["objectives"]) == pytest.approx(o["score"], abs=0.1)
        secret = [x["id"] for x in o["objectives"] if x["secret"]]
        assert secret == bot_game.secret[o["actor"]]
        public = [x["id"] for x in o["objectives"] if not x["secret"]]
        assert public == [x.id for x in bot_game.rules.objectives[o["actor"]]]


def test_result_of_an_ended_game(classroom_data: dict[str, Any]) -> None:
    r = classroom_data["result"]
    assert r["over"] and r["ended_early"] and not r["war"]
    assert r["deals_made"] == 1 and r["deals_broken"] == 1
    assert [d["met"] for d in r["deadlines"]] == [None, None]  # December never came


# ---------------------------------------------------------------------- history
def test_history_sits_beside_the_class_months(
    korea_rules: Rules, classroom_data: dict[str, Any]
) -> None:
    h = classroom_data["history"]
    assert h["available"]
    assert [m["month"] for m in h["months"]] == list(range(1, korea_rules.turns + 1))
    april = h["months"][0]
    assert april["history"] == korea_rules.model.history[0].text
    assert april["played"] and not h["months"][3]["played"]  # July was cut short
    dprk = next(a for a in april["actors"] if a["actor"] == "dprk")
    real = korea_rules.historical["dprk"][1]
    assert {x["lever"]: x["option"] for x in dprk["real_levers"]} == real.levers
    nuclear = next(x for x in dprk["real_levers"] if x["lever"] == "nuclear_programme")
    assert nuclear["class_option"] == "freeze" and nuclear["match"] is False
    assert dprk["real_note"] == real.note


def test_a_scenario_without_history_says_so() -> None:
    rules = load_scenario("walkthrough")
    bots = {a: make_bot("random", a, 1) for a in rules.actor_ids}
    game = play_game(rules, 1, bots).game
    data = debrief_data(rules, 1, game.log)
    assert data["history"] == {"available": False, "months": [], "match": {}}


# ---------------------------------------------------------------------- JSON
def test_the_data_round_trips_through_json(
    classroom_data: dict[str, Any], bot_data: dict[str, Any]
) -> None:
    for data in (classroom_data, bot_data):
        assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_an_empty_log_still_reports(korea_rules: Rules) -> None:
    data = debrief_data(korea_rules, 5, [])
    assert data["timeline"] == [] and data["messages"] == []
    assert [m["label"] for m in data["series"]["months"]] == ["Start"]
    assert not data["result"]["over"]


def test_a_game_in_play_reports_the_months_so_far(korea_rules: Rules, bot_game: Game) -> None:
    # Cut the bot game in the orders phase of its third month.
    g = Game(korea_rules, bot_game.seed)
    for action in bot_game.log:
        g.apply(action)
        if g.month == 3 and g.phase == "orders":
            break
    data = debrief_data(korea_rules, g.seed, g.log)
    assert [t["month"] for t in data["timeline"]] == [1, 2]
    assert data["result"]["over"] is False and data["result"]["phase"] == "orders"
    assert [m["month"] for m in data["series"]["months"]] == [0, 1, 2]
    assert {o["actor"]: o["score"] for o in data["objectives"]} == g.scores()
    assert [m["played"] for m in data["history"]["months"][:3]] == [True, True, False]
