"""Reinforcement learning: PettingZoo AEC and Parallel environments over the engine,
negotiation included (see :mod:`game.rl.env`, the menu in :mod:`game.rl.menu` and the
observation layout in :mod:`game.rl.observe`).

>>> from game.rl import env, parallel_env
"""

from game.rl.env import NAME, SixPartyAEC, SixPartyParallel, env, parallel_env, raw_env

__all__ = ["NAME", "SixPartyAEC", "SixPartyParallel", "env", "parallel_env", "raw_env"]
