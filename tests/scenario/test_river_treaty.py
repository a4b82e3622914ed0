"""The Serin River crisis (scenarios/river-treaty.yaml): the rules its balance rests on.

docs/balance.md ("River treaty") prints the measured targets; these tests check the
mechanisms behind them on the engine itself: the rainy-season deadline is met by a deal
of substance with the reservoir under 60 and by nothing less, the filling cap and the
Bank's finance make the bots' freeze-for-relief bargain, shows of force cost whoever makes
them, and the balance command marks the targets the river cannot be judged on as not
applicable (no signal of its breaks a moratorium) rather than passed or missed.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from game import Game, load_scenario
from game.rl.packages import freeze_for_relief
from game.scenario.compile import Rules
from tests.commands.conftest import ROOT, console_script, user_env


@pytest.fixture(scope="module")
def river() -> Rules:
    return load_scenario("river-treaty")


def _deal(game: Game, parties: list[str], fields: dict[str, Any]) -> None:
    proposer, *others = parties
    game.apply({"type": "propose", "actor": proposer, "to": others, **fields})
    pid = max(game.proposals)
    for who in others:
        game.apply({"type": "respond", "actor": who, "proposal": pid, "accept": True})


def _rains(river: Rules, fills: list[str], deal: dict[str, Any] | None, month: int) -> Game:
    """A game in which Ardan fills at ``fills[m - 1]`` in month m, the Bank holds its money
    until ``deal`` (Ardan and the Bank) is signed in ``month``, then lends for irrigation;
    everything else at the scenario's defaults. Seed 2 has no drought (checked)."""
    game = Game(river, 2)
    while True:
        if game.month == month and deal is not None:
            _deal(game, ["ardan", "bank"], deal)
        game.advance()
        fill = fills[game.month - 1]
        game.apply({"type": "orders", "actor": "ardan", "levers": {"filling": fill}})
        if deal is not None and game.month >= month:
            lend = {"finance": "irrigation_loans"}
            game.apply({"type": "orders", "actor": "bank", "levers": lend})
        game.advance()
        if game.over:
            assert game.v.get("event.drought_forecast", 0) == 0
            return game


def test_the_filling_cap_for_the_banks_money_is_freeze_for_relief(river: Rules) -> None:
    fields = freeze_for_relief(river, "ardan", "bank")
    assert fields is not None
    game = Game(river, 1)
    _deal(game, ["ardan", "bank"], {k: v for k, v in fields.items() if k != "text"})
    ag = game.agreements[-1]
    assert ag["hollow"] is False
    kinds = {c["actor"]: c["counts_as"] for c in ag["commitments"]}
    assert kinds == {"ardan": ["freeze"], "bank": ["relief"]}


def test_the_rains_are_met_by_a_deal_of_substance_with_the_reservoir_under_60(
    river: Rules,
) -> None:
    fields = freeze_for_relief(river, "ardan", "bank")
    assert fields is not None
    treaty = {k: v for k, v in fields.items() if k != "text"}
    fast, steady = "fast", "steady"
    # Three months filling fast, then the cap for the Bank's money: 10 + 33 + 12 = 55.
    capped = _rains(river, [fast, fast, fast, steady, steady], treaty, month=4)
    assert [ag["status"] for ag in capped.agreements] == ["active"]
    assert capped.outcome()["deadlines"]["rainy_season"] is True  # type: ignore[index]
    # Four months fast, the cap only in July: 10 + 44 + 6 = 60, too full for the rains.
    late = _rains(river, [fast, fast, fast, fast, steady], treaty, month=5)
    assert [ag["status"] for ag in late.agreements] == ["active"]
    assert late.outcome()["deadlines"]["rainy_season"] is False  # type: ignore[index]
    # A summit that signs nothing is no treaty, however slow the filling.
    empty = _rains(river, [steady] * 5, {"commitments": [], "summit": True}, month=4)
    assert empty.agreements[-1]["hollow"] is True
    assert empty.outcome()["deadlines"]["rainy_season"] is False  # type: ignore[index]


def test_shows_of_force_cost_the_sender(river: Rules) -> None:
    def month_one(signal: str | None) -> Game:
        game = Game(river, 4)
        game.advance()
        sigs = [{"signal": signal, "target": "ardan"}] if signal else []
        game.apply({"type": "orders", "actor": "bank", "levers": {"finance": "irrigation_loans"}})
        game.apply({"type": "orders", "actor": "belmar", "levers": {}, "signals": sigs})
        game.advance()
        return game

    quiet, loud = month_one(None), month_one("troop_movement")
    assert loud.v["reacted.bank_pauses"] == 1 and quiet.v.get("reacted.bank_pauses", 0) == 0
    assert loud.v["funds"] == quiet.v["funds"] - 4
    assert loud.v["approval.belmar"] < quiet.v["approval.belmar"]


def test_the_balance_verdict_marks_what_the_river_cannot_be_judged_on() -> None:
    result = subprocess.run(
        [
            console_script(),
            "scenario",
            "balance",
            "river-treaty",
            "--probes",
            "--games",
            "3",
            "--planner-games",
            "0",
            "--json",
        ],
        cwd=ROOT / "tests",
        env=user_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    checks = {c["name"]: c for c in json.loads(result.stdout)["verdict"]}
    na = checks["moratorium-breaking never best"]
    assert na["applies"] is False and na["ok"] is True
    assert "breaks a moratorium" in na["measured"]
    # Everything else the river has is judged.
    for name in ("role ardan", "wins bank", "deadline rainy_season", "war random"):
        assert checks[name]["applies"] is True
    assert any(n.startswith("short-range coercion") for n in checks)
