"""News and past orders are stored compactly but always read as the documented dicts."""

from __future__ import annotations

import random
from collections import Counter

from game import Game
from game.bots.base import Context
from game.bots.random_bot import RandomBot
from game.bots.runner import play_game
from game.scenario.compile import Rules


def played(rules: Rules, seed: int = 5) -> Game:
    return play_game(rules, seed, {a: RandomBot(a, seed) for a in rules.actor_ids}).game


def test_news_items_have_their_documented_shape(mini_rules: Rules) -> None:
    game = played(mini_rules)
    assert game.news, "a whole game makes news"
    for item in game.news:
        assert list(item)[:4] == ["month", "kind", "text", "to"]
        assert isinstance(item["to"], list)
        if item["kind"] == "summit":
            assert isinstance(item["parties"], list)


def test_past_orders_have_their_documented_shape(mini_rules: Rules) -> None:
    game = played(mini_rules)
    assert [r["month"] for r in game.revealed] == list(range(1, len(game.revealed) + 1))
    for month in game.revealed:
        assert set(month) == {"month", "orders", "covert"}
        assert list(month["orders"]) == list(mini_rules.actor_ids)
        for orders in month["orders"].values():
            assert isinstance(orders["levers"], dict) and isinstance(orders["signals"], list)
        for act in month["covert"]:
            assert set(act) == {"actor", "lever", "option", "detected_by"}
            assert isinstance(act["detected_by"], list)
            # A hidden choice is not among the public levers of that month.
            assert act["lever"] not in month["orders"][act["actor"]]["levers"]


def resolve_with_a_statement(game: Game) -> None:
    """Play the current month with beta making a statement (which makes news)."""
    if game.phase == "negotiation":
        game.advance()
    game.apply({"type": "orders", "actor": "beta", "signals": [{"signal": "statement"}]})
    game.advance()


def test_a_list_read_earlier_sees_later_news_once_read_again(mini: Game) -> None:
    held = mini.news
    mini.apply({"type": "announce", "actor": "facilitator", "text": "Hello."})
    resolve_with_a_statement(mini)
    assert mini.news is held
    assert held[0]["text"] == "Hello."
    assert any(n["kind"] == "signal" and n["actor"] == "beta" for n in held)


def test_copies_do_not_share_news_or_past_orders(mini: Game) -> None:
    mini.advance()
    clone = mini.copy()
    resolve_with_a_statement(mini)  # the original only
    assert len(mini.revealed) == 1 and clone.revealed == []
    assert any(n["kind"] == "signal" for n in mini.news)
    assert not any(n["kind"] == "signal" for n in clone.news)
    resolve_with_a_statement(clone)
    assert clone.revealed == mini.revealed and clone.news == mini.news
    assert clone.state_hash() == mini.state_hash()


def test_mutations_of_read_records_persist(mini: Game) -> None:
    resolve_with_a_statement(mini)
    mini.revealed[-1]["covert"] = []
    assert mini.revealed[-1]["covert"] == []


def test_the_random_bot_draws_every_option_and_signal(mini_rules: Rules) -> None:
    game = Game(mini_rules, 1)
    game.advance()
    bot = RandomBot("beta")
    rng = random.Random(3)
    options: Counter[str] = Counter()
    signals: Counter[str | None] = Counter()
    for _ in range(600):
        order = bot.orders(Context(game, "beta", 0, rng))
        options[order["levers"]["program"]] += 1
        signals[order["signals"][0]["signal"] if order["signals"] else None] += 1
    assert set(options) == {"freeze", "continue"}
    assert abs(options["freeze"] - options["continue"]) < 120
    assert set(signals) == {None, "statement", "missile_test", "icbm_test"}


def test_the_random_bot_proposes_answers_and_chats(mini_rules: Rules) -> None:
    game = played(mini_rules, seed=2)
    kinds = Counter(a["type"] for a in game.log)
    assert {"message", "propose", "respond", "orders", "ready"} <= set(kinds)
