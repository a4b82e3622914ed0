"""A bot that crashes, hangs or cheats costs its actor a turn, never the game."""

from __future__ import annotations

import time

from game.bots import make_bot
from game.bots.base import Action, Bot, Context
from game.bots.runner import play_game
from game.scenario.compile import Rules


class Crasher(Bot):
    name = "crasher"

    def negotiate(self, ctx: Context) -> list[Action]:
        raise RuntimeError("boom")

    def orders(self, ctx: Context) -> Action:
        raise RuntimeError("boom")


class Hanger(Bot):
    name = "hanger"

    def orders(self, ctx: Context) -> Action:
        while True:  # a bot stuck in a loop, even one that swallows exceptions
            try:
                time.sleep(0.01)
            except Exception:
                pass


class Cheater(Bot):
    name = "cheater"

    def orders(self, ctx: Context) -> Action:
        # Another actor's lever: illegal. The runner falls back to last month's policy.
        other = next(a for a in ctx.rules.actor_ids if a != self.actor)
        lever = ctx.rules.holder_levers[other][0]
        return {"levers": {lever.id: lever.options[-1].id}, "signals": []}


def _seat(rules: Rules, actor: str, bot: Bot) -> dict[str, Bot]:
    bots = {a: make_bot("random", a, 1) for a in rules.actor_ids}
    bots[actor] = bot
    return bots


def test_a_crashing_bot_is_recorded_and_keeps_its_policy(mini_rules: Rules) -> None:
    result = play_game(mini_rules, 4, _seat(mini_rules, "beta", Crasher("beta")))
    assert result.game.over
    kinds = {(f.actor, f.kind) for f in result.faults}
    assert kinds == {("beta", "error")}
    assert result.game.policy["beta"] == {
        lv.id: lv.default["beta"] for lv in mini_rules.holder_levers["beta"]
    }


def test_a_hanging_bot_is_interrupted_by_its_budget(mini_rules: Rules) -> None:
    start = time.perf_counter()
    result = play_game(mini_rules, 4, _seat(mini_rules, "alpha", Hanger("alpha")), budget=0.05)
    assert result.game.over
    timeouts = [f for f in result.faults if f.kind == "timeout"]
    assert len(timeouts) == mini_rules.turns
    assert all(f.actor == "alpha" and f.phase == "orders" for f in timeouts)
    assert time.perf_counter() - start < 5


def test_an_illegal_order_is_a_fault_and_the_game_goes_on(mini_rules: Rules) -> None:
    result = play_game(mini_rules, 2, _seat(mini_rules, "beta", Cheater("beta")))
    assert result.game.over
    illegal = [f for f in result.faults if f.kind == "illegal"]
    assert illegal and all(f.actor == "beta" for f in illegal)
    assert "not yours" in illegal[0].detail
