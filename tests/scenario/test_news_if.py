"""Scripted news says what happened: an event's ``news_if`` sentences are printed only when
their condition holds as the event fires (Korea 2019's August drills say North Korea
fired missiles only when it did)."""

from __future__ import annotations

from pathlib import Path

from game import Game
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
LINE = "The North's warships were out again."


def tutorial_with_news_if(tmp_path: Path) -> Path:
    """The tutorial with a conditional sentence on its month-2 event."""
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    anchor = '  - id: lesson_two\n    name: "Lesson 2: signals"\n    month: 2\n'
    assert anchor in text
    extra = f'    news_if:\n      - {{when: "signal.north.naval_drill >= 1", news: "{LINE}"}}\n'
    path = tmp_path / "tutorial-news-if.yaml"
    path.write_text(text.replace(anchor, anchor + extra), encoding="utf-8")
    return path


def month_two_news(path: Path, drill: bool) -> str:
    """The text of the month-2 event after a game where the North drills (or not)."""
    game = Game(load_scenario(path), seed=1)
    for _month in range(2):
        game.advance()  # negotiation -> orders
        signals = [{"signal": "naval_drill", "target": "south"}] if drill else []
        game.apply({"type": "orders", "actor": "north", "levers": {}, "signals": signals})
        game.advance()  # orders -> resolution -> next month
    (item,) = [n for n in game.news if n.get("event") == "lesson_two"]
    return str(item["text"])


def test_a_news_sentence_is_printed_only_when_its_condition_holds(tmp_path: Path) -> None:
    path = tutorial_with_news_if(tmp_path)
    assert month_two_news(path, drill=True).endswith(LINE)
    quiet = month_two_news(path, drill=False)
    assert LINE not in quiet and quiet.startswith("Signals are public.")


def test_korea_2019_says_missiles_only_if_north_korea_fired() -> None:
    rules = load_scenario("korea-2019")
    (ev,) = [e for e in rules.model.events if e.id == "august_exercises_scaled"]
    assert "fires missiles" not in ev.news
    (line,) = ev.news_if
    assert "signal.dprk.srbm_test" in str(line.when) and "fires missiles" in line.news
