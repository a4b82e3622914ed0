"""Games to report on: a classroom game scripted move by move (every feature of the
debrief, deterministic), and a Korea 2019 game played by the persona bots."""

from __future__ import annotations

from typing import Any

import pytest

from game import Game
from game.bots import make_bot
from game.bots.runner import play_game
from game.report import debrief_data
from game.scenario.compile import Rules

F = "facilitator"
PRIVATE = "Between us: we can look away on the bridge traffic if you keep quiet."
GROUP = "Trilateral line: no relief before a verified freeze."
PUBLIC = "The United States seeks a verified freeze, nothing less."
ANNOUNCE = "Ten minutes left in this round, then orders."
CUSTOM = "A fishing boat capsizes near the maritime border; both navies rush in."
REPLY = "Understood. Our trucks will keep moving."
DEAL_TEXT = "Freeze for a hearing"


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    """The texts the scripted class sends, to look for in the report."""
    return {
        "private": PRIVATE,
        "group": GROUP,
        "public": PUBLIC,
        "announce": ANNOUNCE,
        "custom": CUSTOM,
        "reply": REPLY,
        "deal": DEAL_TEXT,
    }


@pytest.fixture(scope="session")
def classroom(korea_rules: Rules) -> Game:
    """A scripted Korea 2019 class, ended by the facilitator in its fourth month.

    Month 1: public, private and group messages; an announcement; a pause; a custom
    inject; North Korea proposes a freeze with inspections and the US accepts; China
    rejects US talks; a Security Council draft vetoed by China. North Korea freezes.
    Month 2: a scenario inject; a private reply; North Korea goes back to its programme
    (a breach, observed thanks to the inspections) and fires a missile at Japan.
    Month 3 passes; in month 4 the facilitator ends the game.
    """
    g = Game(korea_rules, seed=11)
    g.apply({"type": "message", "actor": "us", "to": [], "text": PUBLIC})
    g.apply({"type": "message", "actor": "dprk", "to": ["china"], "text": PRIVATE})
    g.apply({"type": "message", "actor": "japan", "to": ["us", "rok"], "text": GROUP})
    g.apply({"type": "announce", "actor": F, "text": ANNOUNCE})
    g.apply({"type": "pause", "actor": F})
    g.apply({"type": "resume", "actor": F})
    g.apply(
        {
            "type": "propose",
            "actor": "dprk",
            "to": ["us"],
            "commitments": [
                {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze", "months": 3}
            ],
            "inspections": True,
            "text": DEAL_TEXT,
        }
    )
    deal = g.open_ids[-1]
    g.apply({"type": "respond", "actor": "us", "proposal": deal, "accept": True})
    g.apply({"type": "propose", "actor": "us", "to": ["china"], "talks": True, "text": "Talks?"})
    g.apply({"type": "respond", "actor": "china", "proposal": g.open_ids[-1], "accept": False})
    g.apply(
        {"type": "unsc_draft", "actor": "us", "sector": "coal_minerals", "direction": "tighten"}
    )
    g.apply({"type": "unsc_vote", "actor": "china", "draft": g.unsc_drafts[-1]["id"], "vote": "no"})
    g.apply({"type": "inject", "actor": F, "news": CUSTOM, "effects": {"tension": 7}})
    g.advance()
    g.apply(
        {
            "type": "orders",
            "actor": "dprk",
            "levers": {"nuclear_programme": "freeze"},
            "final": True,
        }
    )
    g.advance()
    g.apply({"type": "inject", "actor": F, "event": "cyber_heist"})
    g.apply({"type": "message", "actor": "china", "to": ["dprk"], "text": REPLY})
    g.advance()
    g.apply(
        {
            "type": "orders",
            "actor": "dprk",
            "levers": {"nuclear_programme": "continue"},
            "signals": [{"signal": "srbm_test", "target": "japan"}],
            "final": True,
        }
    )
    g.advance()
    g.advance()
    g.advance()
    g.apply({"type": "end", "actor": F})
    return g


@pytest.fixture(scope="session")
def classroom_data(korea_rules: Rules, classroom: Game) -> dict[str, Any]:
    """The debrief data of the scripted class."""
    return debrief_data(korea_rules, classroom.seed, classroom.log, scenario_ref="korea-2019")


PERSONAS = ("hawk", "dove", "reciprocator", "dove", "hawk", "reciprocator")


@pytest.fixture(scope="session")
def bot_game(korea_rules: Rules) -> Game:
    """A whole Korea 2019 game played by the persona bots (seed 3), with a private message
    and a facilitator announcement added in the second month."""
    bots = {a: make_bot(n, a, 3) for a, n in zip(korea_rules.actor_ids, PERSONAS, strict=True)}

    def on_month(g: Game) -> None:
        if g.month == 2 and g.phase == "negotiation":
            g.apply({"type": "message", "actor": "rok", "to": ["dprk"], "text": PRIVATE})
            g.apply({"type": "announce", "actor": F, "text": ANNOUNCE})

    return play_game(korea_rules, 3, bots, on_month=on_month).game


@pytest.fixture(scope="session")
def bot_data(korea_rules: Rules, bot_game: Game) -> dict[str, Any]:
    """The debrief data of the bot game."""
    return debrief_data(korea_rules, bot_game.seed, bot_game.log)
