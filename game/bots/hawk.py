"""``hawk``: pressure and coercion.

Prefers the most hawkish option of each lever (measured from the scenario: effect on
tension, sanctions pressure and others' trust, sanctions level, option tags) unless it
costs its own objectives too much; sends escalating signals at its least trusted rival;
demands concessions without offering any; accepts only deals that pay it; keeps its
commitments only while they are cheap; votes to tighten sanctions.
"""

from __future__ import annotations

from game.bots.persona import PersonaBot
from game.bots.weigh import Temper


class Hawk(PersonaBot):
    """Pressure and coercion: hawkish options, demands, cheap commitments only."""

    name = "hawk"
    stance = 1.0
    weight = 0.15  # its temper counts less than its interest: pressure that pays
    temper = Temper(
        accept_margin=1.0,
        trust_unseen=0.1,
        fairness=1.5,
        slack=2.0,
        summit_value=-1.0,
        keep_margin=2.0,
        breach_fear=6.0,
    )
    warn_rate = 0.5
    give_limit = 0.0
    propose_every = 2
    summit_bias = -1.0
    signal_floor = 0.05
    draft_rate = 0.15
