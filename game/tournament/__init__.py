"""AI-vs-AI tournaments: seatings with role rotation, parallel executors with timeouts
and crash isolation, resumable results, statistics, ratings and reports.

>>> from game.tournament import TournamentConfig
>>> TournamentConfig(bots=["hawk", "dove"], games=10).mode
'rotation'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from game.tournament.schedule import MODES, schedule

if TYPE_CHECKING:
    from game.tournament.run import TournamentConfig, read_records, run_tournament
    from game.tournament.stats import bot_stats, openskill_ratings, summarise

# The games and the statistics are imported when one of their names is first asked for,
# so that the seatings (``MODES`` for ``sixparty --help``) come without them.
_HOME = {
    "TournamentConfig": "run",
    "read_records": "run",
    "run_tournament": "run",
    "bot_stats": "stats",
    "openskill_ratings": "stats",
    "summarise": "stats",
}

__all__ = [
    "MODES",
    "TournamentConfig",
    "bot_stats",
    "openskill_ratings",
    "read_records",
    "run_tournament",
    "schedule",
    "summarise",
]


def __getattr__(name: str) -> Any:
    """A name of ``__all__``, imported from its module on first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'game.tournament' has no attribute {name!r}")
    return getattr(importlib.import_module(f"game.tournament.{home}"), name)
