"""``dove``: engagement and concessions.

Prefers the most dovish option of each lever unless it costs its own objectives too
much; sends no escalating signals; every month offers a partner a deal with a
concession of its own and a summit; accepts deals that cost it little; always keeps its
commitments; votes to relax sanctions.
"""

from __future__ import annotations

from game.bots.persona import PersonaBot


class Dove(PersonaBot):
    """Engagement and concessions: dovish options, generous deals, summits, kept promises."""

    name = "dove"
    stance = -1.0
    weight = 0.3
    accept_margin = -2.0
    keep_margin = None
    give_limit = 3.0
    propose_every = 1
    summit_bias = 1.0
    signal_floor = 0.2
