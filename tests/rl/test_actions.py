"""The action menu and its masks: each index does what its meaning says, the mask keeps
exactly what the engine accepts now, and an illegal index is refused, visibly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from game.rl import env, parallel_env
from game.rl.menu import SECTIONS, Menu
from game.rl.packages import PACKAGES
from tests.rl.helpers import KOREA, MINI, random_steps


def _index(raw, agent: str, kind: str, key: tuple[str, ...] | None = None, slot: int = -1) -> int:
    for i, m in enumerate(raw.menu.moves[agent]):
        if m.kind == kind and (key is None or m.key == key) and m.slot == slot:
            return i
    raise AssertionError(f"no {kind} {key} slot {slot} for {agent}")


def test_the_menu_follows_the_documented_section_order(korea_rules) -> None:
    menu = Menu(korea_rules)
    for agent, moves in menu.moves.items():
        kinds = [m.kind for m in moves]
        assert kinds[0] == "pass"
        order = [SECTIONS.index(k) for k in kinds]
        assert order == sorted(order)
        assert menu.size(agent) == len(moves)
    # negotiation is in the action space: proposals, answers, intents; orders too
    us = Counter(m.kind for m in menu.moves["us"])
    assert us["term"] > 0 and us["package"] > 0 and us["intent"] == 5 * 6
    assert us["accept"] == us["reject"] == us["withdraw"] == 3
    assert us["unsc_draft"] == 12 and us["unsc_vote"] == 6  # a P5 member
    assert Counter(m.kind for m in menu.moves["japan"])["unsc_draft"] == 0
    packages = {m.key[1] for m in menu.moves["dprk"] if m.kind == "package" and m.key[0] == "us"}
    assert packages == {
        "talks",
        "summit",
        "freeze_for_relief",
        "action_for_action",
        "dual_suspension",
    }
    assert {pid for pid, _ in PACKAGES} >= packages


def test_random_legal_play_is_never_refused_and_negotiates() -> None:
    """Every action the mask allows is accepted by the engine (zero refusals), and a
    random player reaches every kind of negotiation move."""
    e = env(scenario=KOREA)
    raw = e.unwrapped
    kinds: Counter[str] = Counter()
    for seed in range(6):
        e.reset(seed=seed)
        for agent, _, info in random_steps(e, seed=seed):
            assert "refused" not in info, info["refused"]
            log = len(raw.game.log)
            kinds[raw.match.game.phase] += 1
            mask = info["action_mask"]
            assert mask.dtype == np.int8 and mask.shape == (raw.menu.size(agent),)
            assert mask[0] == 1
        types = Counter(a["type"] for a in raw.game.log)
        assert types["propose"] > 0 and types["orders"] > 0 and log > 0
    e.reset(seed=0)
    moved: Counter[str] = Counter()
    rng = np.random.default_rng(0)
    for _ in range(30):  # answer whenever possible, so accept/reject/withdraw are played
        for agent in e.agent_iter(2000):
            _, _, term, trunc, info = e.last()
            if term or trunc:
                e.step(None)
                continue
            legal = np.flatnonzero(info["action_mask"])
            slots = [i for i in legal if raw.menu.moves[agent][i].slot >= 0]
            pick = int(rng.choice(slots if slots and rng.random() < 0.7 else legal))
            moved[raw.menu.moves[agent][pick].kind] += 1
            e.step(pick)
            assert "refused" not in e.unwrapped.infos.get(agent, {})
        e.reset()
    for kind in SECTIONS:
        assert moved[kind] > 0, kind


def test_the_mask_follows_the_phase_and_the_policy_in_force() -> None:
    e = env(scenario=MINI)
    e.reset(seed=1)
    raw = e.unwrapped
    moves = raw.menu.moves["beta"]
    e.step(0)  # alpha passes: beta to move, negotiation
    mask = e.infos["beta"]["action_mask"]
    allowed = {moves[i].kind for i in np.flatnonzero(mask)}
    assert allowed == {"pass", "term", "package", "intent"}  # nothing to answer yet
    for _ in range(2 + 3):  # beta and gamma pass; a second round of passes
        e.step(0)
    assert raw.game.phase == "orders" and e.agent_selection == "alpha"
    e.step(0)
    mask = e.infos["beta"]["action_mask"]
    assert {moves[i].kind for i in np.flatnonzero(mask)} == {"pass", "lever", "signal"}
    in_force = _index(raw, "beta", "lever", ("program", "continue"))
    other = _index(raw, "beta", "lever", ("program", "freeze"))
    assert mask[in_force] == 0 and mask[other] == 1


def test_a_term_proposes_it_and_an_accept_makes_the_agreement() -> None:
    e = env(scenario=MINI)
    e.reset(seed=1)
    raw = e.unwrapped
    game = raw.game
    term = _index(raw, "alpha", "term", ("beta", "beta", "program", "freeze"))
    e.step(term)
    prop = game.proposals[game.open_ids[-1]]
    assert prop["proposer"] == "alpha" and prop["parties"] == ["alpha", "beta"]
    assert prop["commitments"] == [
        {
            "actor": "beta",
            "lever": "program",
            "option": "freeze",
            "compare": "exactly",
            "start": 1,
            "months": 3,
            "counts_as": ["freeze"],
        }  # fmt: skip
    ]
    # beta now sees slot 0 filled, accepts it: an agreement in force
    accept = _index(raw, "beta", "accept", slot=0)
    assert e.infos["beta"]["action_mask"][accept] == 1
    assert e.infos["beta"]["action_mask"][_index(raw, "beta", "accept", slot=1)] == 0
    e.step(accept)
    assert game.agreements and game.agreements[-1]["parties"] == ["alpha", "beta"]
    agreements = raw.layout.section(raw.observe("beta"), "agreements")
    assert agreements[0] > 0  # one agreement in force, in beta's vector


def test_packages_and_intents_send_what_they_say(korea_rules) -> None:
    e = env(scenario=KOREA)
    e.reset(seed=3)
    raw = e.unwrapped
    game = raw.game
    deal = _index(raw, "us", "package", ("dprk", "freeze_for_relief"))
    e.step(deal)
    prop = game.proposals[game.open_ids[-1]]
    assert prop["inspections"] is True
    terms = {
        (c["actor"], c.get("lever"), c.get("option"), c.get("compare"), c.get("direction"))
        for c in prop["commitments"]
    }
    assert terms == {
        ("dprk", "nuclear_programme", "freeze", "at_most", None),
        ("us", "us_stance", "step_by_step", "at_least", None),
        ("us", None, None, None, "relax"),  # no veto of relief in the Council
    }
    assert [c.get("counts_as") for c in prop["commitments"]][-1] == ["relief"]
    # dual suspension: a test moratorium against suspended exercises, in the engine's terms
    e.step(0)  # dprk passes
    for _ in range(4):
        e.step(0)
    suspension = _index(raw, "us", "package", ("dprk", "dual_suspension"))
    e.step(suspension)
    prop = game.proposals[game.open_ids[-1]]
    kinds = [(c["actor"], c.get("kind", "lever"), c.get("rung")) for c in prop["commitments"]]
    assert kinds[0] == ("dprk", "signals", 5)  # no ICBM or nuclear test
    assert ("us", "lever", None) in kinds
    intent = _index(raw, "dprk", "intent", ("talk", "us"))
    e.step(intent)
    assert game.messages[-1]["from"] == "dprk" and game.messages[-1]["to"] == ["us"]
    assert game.messages[-1]["text"] == "We are ready to talk."
    talk = raw.layout.at["intents"] + raw.layout.actor_index["dprk"] * 5 + 0
    assert raw.observe("us")[talk] == 1.0 and raw.observe("china")[talk] == 0.0


@pytest.mark.parametrize("make", [env, parallel_env])
def test_an_illegal_action_is_refused_as_a_pass(make) -> None:
    e = make(scenario=MINI)
    raw = e.unwrapped
    if make is env:
        e.reset(seed=1)
        before = len(raw.game.log)
        lever = _index(raw, "alpha", "lever", ("aid", "food"))  # an order, in negotiation
        e.step(lever)
        assert len(raw.game.log) == before  # nothing was sent
        e.step(0)
        e.step(0)
        assert "not legal now" in e.infos["alpha"]["refused"]
        assert raw.game.policy["alpha"]["aid"] == "none"
    else:
        e.reset(seed=1)
        lever = _index(raw, "alpha", "lever", ("aid", "food"))
        _, _, _, _, infos = e.step({"alpha": lever, "beta": 0, "gamma": 0})
        assert "not legal now" in infos["alpha"]["refused"]
        assert "refused" not in infos["beta"]


def test_parallel_actions_that_went_stale_are_refused_not_raised() -> None:
    """In Parallel, beta rejects alpha's proposal while gamma accepts it in the same
    round: gamma's answer comes too late and is reported, not raised."""
    p = parallel_env(scenario=MINI)
    p.reset(seed=1)
    raw = p
    deal = next(
        i for i, m in enumerate(raw.menu.moves["alpha"])
        if m.kind == "package" and m.key == ("gamma", "talks")
    )  # fmt: skip
    p.step({"alpha": deal, "beta": 0, "gamma": 0})
    # a three-party proposal: alpha to gamma, then beta cannot see it; use gamma only
    accept = _index(raw, "gamma", "accept", slot=0)
    withdraw = _index(raw, "alpha", "withdraw", slot=0)
    _, _, _, _, infos = p.step({"alpha": withdraw, "beta": 0, "gamma": accept})
    assert "refused" in infos["gamma"] and "proposal" in infos["gamma"]["refused"]
    assert raw.game.agreements == []


def test_legal_agrees_with_the_mask_everywhere() -> None:
    """``Match.legal`` (what play checks) says exactly what the mask says."""
    e = env(scenario=KOREA)
    raw = e.unwrapped
    checked = 0
    for seed in range(2):
        e.reset(seed=seed)
        for agent, _, info in random_steps(e, seed=seed):
            mask = info["action_mask"]
            for i in range(len(mask)):
                assert raw.match.legal(agent, i) == bool(mask[i]), (agent, i)
            checked += 1
    assert checked > 200


def test_a_moratorium_term_reaches_the_addressee_vector() -> None:
    e = env(scenario=KOREA)
    e.reset(seed=3)
    raw = e.unwrapped
    layout = raw.layout
    e.step(_index(raw, "us", "package", ("dprk", "dual_suspension")))
    vec = raw.observe("dprk")
    block = layout.section(vec, "awaiting")[1 + layout.n + 3 :][: layout.t]
    rest = block[len(layout.pairs) :]
    assert rest[layout.actor_index["dprk"]] == pytest.approx(5 / layout.max_rung)
    assert rest[layout.actor_index["us"]] == pytest.approx(2 / layout.max_rung)  # no shows
    assert rest[layout.actor_index["china"]] == -1.0
    exercises = layout.pair_index["us", "exercises"]
    assert block[exercises] == 0.0  # suspended: the first option


SHIPPED = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("scenario", SHIPPED)
def test_every_shipped_scenario_plays_to_the_end_without_a_refusal(scenario: str) -> None:
    """Each scenario gets a menu, and random legal play (negotiation included) ends the
    game with no action refused and every observation in its space."""
    e = env(scenario=scenario)
    e.reset(seed=1)
    raw = e.unwrapped
    kinds: Counter[str] = Counter()
    for agent, obs, info in random_steps(e, seed=1):
        assert "refused" not in info, info["refused"]
        assert e.observation_space(agent).contains(obs)
        kinds[raw.game.phase] += 1
    assert raw.game.over
    assert kinds["negotiation"] > 0 and kinds["orders"] > 0
