"""AI-vs-AI tournaments: seatings with role rotation, parallel executors with timeouts
and crash isolation, resumable results, statistics, ratings and reports.

>>> from game.tournament import TournamentConfig
>>> TournamentConfig(bots=["hawk", "dove"], games=10).mode
'rotation'
"""

from game.tournament.run import TournamentConfig, read_records, run_tournament
from game.tournament.schedule import MODES, schedule
from game.tournament.stats import bot_stats, openskill_ratings, summarise

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
