"""Compiled rules are frozen; what a module derives from them lives in its own memo."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from pathlib import Path

import pytest

from game import Game, load_scenario
from game.engine.resolution import STEPS, resolve_month
from game.scenario.compile import Rules, memo

ROOT = Path(__file__).parents[2]


def test_rules_cannot_be_changed_or_given_a_cache(korea_rules: Rules) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        korea_rules.turns_left = 3  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        korea_rules.war_cap = 0.0  # type: ignore[misc]
    assert "cache" not in {f.name for f in dataclasses.fields(Rules)}
    # Playing fills the modules' memos, never the rules.
    before = dict(vars(korea_rules))
    game = Game(korea_rules, 1)
    for actor in korea_rules.actor_ids:
        game.view_for(actor)
        game.legal_actions(actor)
    game.advance()
    game.advance()
    assert game.month == 2
    assert vars(korea_rules) == before


def test_no_module_writes_a_shared_cache_on_the_rules() -> None:
    sources = [*ROOT.glob("game/**/*.py"), *ROOT.glob("server/**/*.py")]
    offenders = [
        str(p.relative_to(ROOT)) for p in sources if "rules.cache" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_a_memo_builds_once_per_rules_and_lets_them_go(tmp_path: Path) -> None:
    built: list[str] = []
    ids = memo(lambda rules: built.append(rules.id) or rules.actor_ids)
    one = load_scenario("tutorial")
    two = load_scenario("walkthrough")
    assert ids(one) is ids(one) and ids(two) == two.actor_ids and ids(one) == one.actor_ids
    assert built == [one.id, two.id]  # the second ids(one) after two: still built once
    path = tmp_path / "t.yaml"
    path.write_text((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    three = load_scenario(path)
    ids(three)
    ids(one)  # the memo's last-asked slot moves off three
    gone = weakref.ref(three)
    del three
    gc.collect()
    assert gone() is None  # a rules object no longer used is not kept alive by a memo


def test_the_month_is_its_steps_in_the_documented_order() -> None:
    names = [step.__name__.strip("_") for step in STEPS]
    assert names == [
        "orders",
        "pressure",
        "covert",
        "signals",
        "talks_and_summits",
        "compliance",
        "security_council",
        "reactions",
        "dynamics_and_drift",
        "events",
        "deadlines",
        "war",
        "close",
    ]
    rules_doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    section = rules_doc[rules_doc.index("## How a month resolves") :]
    for n, step in enumerate(STEPS, start=1):
        first_line = (step.__doc__ or "").strip().splitlines()[0]
        assert first_line.startswith(f"{n}. "), step.__name__
        assert f"\n{n}. " in section
    assert resolve_month.__doc__ and "STEPS" in resolve_month.__doc__
