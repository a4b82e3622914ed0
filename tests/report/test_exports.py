"""The CSV and JSON exports."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from game import Game
from game.report import debrief_csv
from game.report.exports import debrief_csv_files, to_json
from game.scenario.compile import Rules


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_table_is_a_file(korea_rules: Rules, bot_game: Game) -> None:
    files = debrief_csv(korea_rules, bot_game.seed, bot_game.log)
    assert set(files) == {
        "timeline.csv",
        "series.csv",
        "deals.csv",
        "compliance.csv",
        "unsc.csv",
        "messages.csv",
        "objectives.csv",
        "knowledge.csv",
        "history.csv",
    }


def test_series_rows_are_months_times_series(korea_rules: Rules, bot_game: Game) -> None:
    rows = _rows(debrief_csv(korea_rules, bot_game.seed, bot_game.log)["series.csv"])
    months = korea_rules.turns + 1
    series = len(korea_rules.keys) + len(korea_rules.actor_ids)
    assert len(rows) == months * series
    final = {r["series"]: float(r["value"]) for r in rows if r["month"] == str(korea_rules.turns)}
    outcome = bot_game.outcome()
    assert outcome is not None
    for actor, score in outcome["scores"].items():
        assert final[f"score.{actor}"] == score
    assert final["economy"] == round(bot_game.snapshots[-1]["economy"], 2)


def test_messages_deals_and_knowledge(
    classroom_data: dict[str, Any], texts: dict[str, str]
) -> None:
    files = debrief_csv_files(classroom_data)
    messages = _rows(files["messages.csv"])
    assert [m["text"] for m in messages][1] == texts["private"]
    assert messages[1]["channel"] == "private" and messages[1]["to"] == "china"
    deals = _rows(files["deals.csv"])
    assert [(d["status"], d["agreement_status"]) for d in deals] == [
        ("accepted", "broken"),
        ("rejected", ""),
    ]
    compliance = _rows(files["compliance.csv"])
    assert [(c["month"], c["state"]) for c in compliance] == [("1", "kept"), ("2", "broken")]
    name = "US–DPRK: DPRK freeze (nuclear programme) with inspections, April"
    assert {c["name"] for c in compliance} == {name}
    assert name in [d["name"] for d in deals]
    knowledge = _rows(files["knowledge.csv"])
    estimates = sum(len(k["estimates"]) for k in classroom_data["knowledge"])
    intel = sum(len(k["intel"]) for k in classroom_data["knowledge"])
    assert len(knowledge) == estimates + intel
    us_economy = [r for r in knowledge if r["actor"] == "us" and r["variable"] == "economy"]
    assert len(us_economy) == len(classroom_data["series"]["months"])
    assert all(float(r["low"]) <= float(r["true"]) <= float(r["high"]) for r in us_economy)


def test_timeline_objectives_and_history(
    classroom_data: dict[str, Any], texts: dict[str, str]
) -> None:
    files = debrief_csv_files(classroom_data)
    timeline = _rows(files["timeline.csv"])
    fac = [r for r in timeline if r["source"] == "facilitator"]
    assert texts["custom"] in [r["text"] for r in fac]
    assert "pause" in [r["kind"] for r in fac]
    signals = [r for r in timeline if r["kind"] == "signal" and r["source"] == "orders"]
    assert [(r["month"], r["actor"], r["to"]) for r in signals] == [("2", "dprk", "japan")]
    objectives = _rows(files["objectives.csv"])
    n = sum(len(o["objectives"]) for o in classroom_data["objectives"])
    assert len(objectives) == n
    history = _rows(files["history.csv"])
    assert {r["match"] for r in history} <= {"0", "1", ""}
    assert any(r["match"] == "" for r in history)  # months not played


def test_json_export_round_trips(classroom_data: dict[str, Any]) -> None:
    text = to_json(classroom_data)
    assert json.loads(text) == classroom_data
