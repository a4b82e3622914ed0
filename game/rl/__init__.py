"""Reinforcement learning: PettingZoo AEC and Parallel environments over the engine.

>>> from game.rl import env, parallel_env
"""

from game.rl.env import NAME, SixPartyAEC, env, parallel_env, raw_env

__all__ = ["NAME", "SixPartyAEC", "env", "parallel_env", "raw_env"]
