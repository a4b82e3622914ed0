"""Facts of Korea 2019 that are cheap to check, as a player or a teacher would notice them.

- Replaying 2019 as it happened (the historical bot in every seat) gives Panmunjom, the
  December China–Russia relief draft (vetoed by the United States), and Kim's year-end
  deadline missed, in every seed tried.
- A deal that only tightens sanctions does not meet Kim's deadline; relief does.
- Every secret objective can be moved by its holder: some lever option, signal or
  negotiation action of that actor changes a number the objective reads.
- The briefings agree on the record (Kim met Moon three times in 2018).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from game import Game, load_scenario
from game.bots import make_bot
from game.bots.runner import play_game
from game.scenario.compile import Rules
from game.scenario.expr import names, parse


@pytest.fixture(scope="module")
def korea() -> Rules:
    return load_scenario("korea-2019")


@pytest.fixture(scope="module")
def history(korea: Rules) -> list[Game]:
    return [
        play_game(korea, seed, {a: make_bot("historical", a, seed) for a in korea.actor_ids}).game
        for seed in range(4)
    ]


def test_the_historical_game_holds_panmunjom_in_every_seed(history: list[Game]) -> None:
    for game in history:
        assert game.v["event.dmz_meeting"] == 1
        assert game.v["summits.us"] >= 1 and game.v["summits.dprk"] >= 1
        assert any("Panmunjom" in n["text"] for n in game.news)


def test_the_historical_game_misses_kims_deadline_in_every_seed(history: list[Game]) -> None:
    for game in history:
        assert game.outcome()["deadlines"]["year_end"] is False  # type: ignore[index]
        assert game.v["moratorium"] == 0  # the "new path"
        assert not game.outcome()["war"]  # type: ignore[index]


def test_the_december_relief_draft_is_tabled_and_vetoed_in_every_seed(
    history: list[Game],
) -> None:
    for game in history:
        (draft,) = [d for d in game.unsc_drafts if d["direction"] == "relax"]
        assert (draft["month"], draft["drafter"], draft["sector"]) == (
            9,
            "china",
            "textiles_seafood",
        )
        assert draft["votes"]["russia"] == "yes" and draft["votes"]["us"] == "no"
        assert draft["status"] == "vetoed"
        assert game.v["un.textiles_seafood"] == 2  # nothing eased


def _december_with_deal(korea: Rules, term: dict[str, Any]) -> Game:
    game = Game(korea, seed=5)
    while game.month < korea.turns:
        game.advance()
        game.advance()
    parties = sorted({"us", term["actor"]} | ({"dprk"} if term["actor"] == "us" else set()))
    proposer, *others = parties
    game.apply({"type": "propose", "actor": proposer, "to": others, "commitments": [term]})
    pid = max(game.proposals)
    for who in others:
        game.apply({"type": "respond", "actor": who, "proposal": pid, "accept": True})
    game.advance()
    levers = {term["lever"]: term["option"]}
    game.apply({"type": "orders", "actor": term["actor"], "levers": levers})  # keeps it
    game.advance()
    assert game.over
    return game


def test_a_tightening_only_deal_does_not_meet_kims_deadline(korea: Rules) -> None:
    tighten = {"actor": "china", "lever": "sanctions_coal_minerals", "option": "maximum"}
    game = _december_with_deal(korea, tighten)
    assert game.agreements[-1]["commitments"][0]["counts_as"] == ["tightening"]
    assert game.outcome()["deadlines"]["year_end"] is False  # type: ignore[index]


def test_us_relief_in_a_deal_meets_kims_deadline(korea: Rules) -> None:
    relief = {"actor": "us", "lever": "sanctions_finance", "option": "lax", "compare": "at_most"}
    game = _december_with_deal(korea, relief)
    assert game.agreements[-1]["commitments"][0]["counts_as"] == ["relief"]
    assert game.outcome()["deadlines"]["year_end"] is True  # type: ignore[index]


def _writes(korea: Rules, actor: str) -> set[str]:
    """Variable paths the actor's own lever options and signals change (self resolved;
    ``target`` and ``*`` kept as wildcards)."""
    out: set[str] = set()
    model = korea.model
    for lever in model.levers:
        if actor in lever.holders:
            for opt in lever.options:
                for eff in (opt.effects, opt.costs, opt.exposed):
                    out |= {k.replace("self", actor) for k in eff}
    for sig in model.signals:
        if actor in sig.actors:
            out |= {k.replace("self", actor) for k in sig.effects}
    for dyn in model.dynamics:  # monthly rules driven by the actor's own choices
        for key, value in dyn.effects.items():
            read = names(parse(str(value)))
            if any(n.startswith((f"chose.{actor}.", f"level.{actor}.")) for n in read):
                out.add(key)
    return out


def _moved_by(korea: Rules, actor: str, name: str) -> bool:
    """True if something ``actor`` does changes ``name`` directly."""
    parts = name.split(".")
    if parts[0] in ("chose", "level", "count", "signal") and parts[1] == actor:
        return True  # its own choices
    if parts[0] in ("deal", "deals", "summits", "summits_failed", "talks"):
        return True  # proposals: any actor can propose deals, summits and talks
    if parts[0] == "un":
        return actor in korea.p5  # drafts and votes
    if parts[0] == "pressure":
        sanctions = korea.model.sanctions
        assert sanctions is not None
        return any(
            actor in (s.enforcers or sanctions.enforcers)
            and (len(parts) == 1 or s.id == parts[1])
            and any(x > 0 for a, x in s.trade_share.items() if a == actor)
            for s in sanctions.sectors
        )
    for w in _writes(korea, actor):
        pattern = "^" + re.escape(w).replace("target", "[a-z_]+").replace(r"\*", "[a-z_]+") + "$"
        if re.match(pattern, name):
            return True
    return False


def test_every_secret_objective_can_be_moved_by_its_holder(korea: Rules) -> None:
    assert korea.model.secret_objectives, "Korea 2019 deals secret objectives"
    for actor, objs in korea.model.secret_objectives.items():
        for obj in objs:
            read = names(parse(str(obj.score)))
            movable = [n for n in read if _moved_by(korea, actor, n)]
            assert movable, (
                f"{actor}'s secret objective '{obj.id}' reads {read}: none is {actor}'s to move"
            )


def test_the_wedge_is_north_koreas_to_drive(korea: Rules) -> None:
    # It used to read only what Seoul and Washington did to each other.
    (wedge,) = [o for o in korea.model.secret_objectives["dprk"] if o.id == "wedge"]
    assert names(parse(str(wedge.score))) == ["trust.rok.us"]
    assert "trust.rok.us" in _writes(korea, "dprk")


def test_the_north_korean_briefing_says_kim_met_moon_three_times(korea: Rules) -> None:
    text = korea.actors["dprk"].briefing.public
    assert "Moon of South Korea three times" in text
    assert "twice and" not in text.split("Moon")[1][:30]


BARGAINS: dict[str, tuple[list[str], dict[str, Any], set[str]]] = {
    # name: (parties, proposal fields, what the agreement counts as)
    "Hanoi big deal": (
        ["us", "dprk"],
        {
            "inspections": True,
            "commitments": [
                {"actor": "dprk", "lever": "nuclear_programme", "option": "dismantle", "months": 9},
                {
                    "actor": "us",
                    "lever": "sanctions_finance",
                    "option": "ignore",
                    "months": 6,
                    "after": {"term": 0, "months": 3},
                },
            ],
        },
        {"dismantle", "freeze", "relief"},
    ),
    "step by step": (
        ["us", "dprk"],
        {
            "inspections": True,
            "commitments": [
                {
                    "actor": "dprk",
                    "lever": "nuclear_programme",
                    "option": "freeze",
                    "compare": "at_most",
                },
                {
                    "actor": "us",
                    "lever": "us_stance",
                    "option": "step_by_step",
                    "after": {"term": 0, "months": 1},
                },
            ],
        },
        {"freeze", "relief"},
    ),
    "Yongbyon for partial relief": (
        ["us", "dprk", "china"],
        {
            "commitments": [
                {"actor": "dprk", "lever": "nuclear_programme", "option": "dismantle"},
                {
                    "actor": "china",
                    "lever": "sanctions_textiles_seafood",
                    "option": "ignore",
                    "compare": "at_most",
                },
            ],
        },
        {"dismantle", "freeze", "relief"},
    ),
    "freeze for freeze": (
        ["us", "dprk", "china"],
        {
            "commitments": [
                {"kind": "signals", "actor": "dprk", "rung": 2, "months": 6},
                {"actor": "us", "lever": "exercises", "option": "suspended", "months": 6},
            ],
        },
        {"moratorium", "suspension"},
    ),
    "Security Council votes": (
        ["russia", "us", "dprk"],
        {
            "commitments": [
                {
                    "kind": "unsc",
                    "actor": "us",
                    "sector": "overseas_labour",
                    "direction": "relax",
                    "vote": "no_veto",
                },
                {"kind": "signals", "actor": "dprk", "rung": 5},
            ],
        },
        {"relief", "moratorium"},
    ),
}


@pytest.mark.parametrize("name", list(BARGAINS))
def test_the_bargains_of_2019_can_be_offered_and_count_as_what_they_are(
    korea: Rules, name: str
) -> None:
    parties, fields, counts = BARGAINS[name]
    game = Game(korea, seed=2)
    proposer, *others = parties
    game.apply({"type": "propose", "actor": proposer, "to": others, **fields})
    pid = max(game.proposals)
    for who in others:
        game.apply({"type": "respond", "actor": who, "proposal": pid, "accept": True})
    ag = game.agreements[-1]
    assert ag["status"] == "active" and ag["hollow"] is False
    got = {tag for c in ag["commitments"] for tag in c["counts_as"]}
    assert got == counts, name
