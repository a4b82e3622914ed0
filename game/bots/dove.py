"""``dove``: engagement and concessions.

Prefers the most dovish option of each lever unless it costs its own objectives too
much; sends no escalating signals; every month offers a partner a deal with a
concession of its own and a summit; accepts deals that cost it little; always keeps its
commitments; votes to relax sanctions.
"""

from __future__ import annotations

from game.bots.persona import PersonaBot
from game.bots.weigh import Temper


class Dove(PersonaBot):
    """Engagement and concessions: dovish options, generous deals, summits, kept promises."""

    name = "dove"
    stance = -1.0
    weight = 0.3
    temper = Temper(
        accept_margin=-2.0,
        trust_unseen=0.6,
        fairness=6.0,
        slack=5.0,
        summit_value=1.5,
        keep_margin=8.0,
        breach_fear=30.0,
    )
    give_limit = 3.0
    propose_every = 1
    summit_bias = 1.0
    signal_floor = 0.2
