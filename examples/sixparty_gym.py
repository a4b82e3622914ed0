"""One seat of Six-Party as a single-agent Gymnasium environment; built-in bots play the rest.

The learner plays one actor (``role``) through the same menu, masks and observations as
the PettingZoo environments (:mod:`game.rl`); every other actor is a built-in bot
(:mod:`game.bots`, e.g. ``random`` or ``dove``) called exactly as the bot runner
(:func:`game.bots.runner.play_game`) calls it: each negotiation round every actor acts
once in scenario order, then everyone gives orders and the engine resolves the month.
The learner acts once per round (a Korea 2019 game is 9 months x 3 rounds = 27 steps).

Reward: the change in the learner's score each resolved month (so an episode's rewards
add up to its final score minus its starting score). ``action_masks()`` is the mask
MaskablePPO (sb3-contrib) asks for; an action the mask forbids is played as a pass.

Only Gymnasium and the game are needed here; ``train_rl.py`` adds sb3-contrib.
"""

from __future__ import annotations

import random
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from game.bots import make_bot
from game.bots.base import Bot, Context
from game.bots.runner import bot_rng, standing_orders
from game.errors import IllegalAction
from game.rl.match import Masks, Match
from game.rl.menu import Menu
from game.rl.observe import Layout, Observer
from game.tournament.play import rules_for


class SingleSeatEnv(gym.Env[np.ndarray, np.int64]):
    """``role`` is the learner; ``opponents`` (a bot name) plays every other actor."""

    metadata = {"render_modes": []}

    def __init__(
        self, scenario: str = "korea-2019", role: str = "dprk", opponents: str = "random"
    ) -> None:
        self.rules = rules = rules_for(scenario)
        if role not in rules.actor_ids:
            raise ValueError(f"unknown role {role!r}; actors: {', '.join(rules.actor_ids)}")
        self.role = role
        self.opponents = opponents
        self.rounds = rules.negotiation.rounds
        self.menu = Menu(rules)
        self._masks = Masks(self.menu)
        layout = Layout(rules)
        self._observer = Observer(layout)
        size = layout.size
        self.observation_space = spaces.Box(-1.0, 1.0, (size,), np.float32)
        self.action_space = spaces.Discrete(self.menu.size(role))
        self._seed_rng = random.Random(0)
        self.match: Match | None = None
        self.refusals = 0  # actions the mask forbade (played as a pass)
        self.bot_faults = 0  # bot moves the engine refused

    # -- the game loop ----------------------------------------------------------------
    def _bot_turn(self, actor: str) -> None:
        """Let the bot playing ``actor`` act in the current round, as the runner does."""
        match = self.match
        assert match is not None
        game = match.game
        bot, rng = self._bots[actor], self._rngs[actor]
        if game.phase == "negotiation":
            try:
                moves: Any = bot.negotiate(Context(game, actor, match.round, rng))
            except Exception:  # a bot's crash must not end the game (as in the runner)
                self.bot_faults += 1
                return
            for move in [] if moves is None else moves if isinstance(moves, list) else [moves]:
                try:
                    game.apply({**move, "actor": actor})
                except (IllegalAction, TypeError):
                    self.bot_faults += 1
            return
        if game.phase != "orders":
            return
        try:
            order = bot.orders(Context(game, actor, 0, rng))
            if order is not None:
                game.apply({"type": "orders", **order, "final": True, "actor": actor})
        except Exception:
            self.bot_faults += 1
        if game.phase == "orders" and actor not in game.submitted:
            game.apply(standing_orders(game, actor))

    def _run_bots(self, actors: list[str]) -> None:
        for actor in actors:
            assert self.match is not None
            if self.match.game.over:
                return
            self._bot_turn(actor)

    def _obs(self) -> np.ndarray:
        assert self.match is not None
        return self._observer.observe(self.match.game, self.role, self.match.round_frac)

    def action_masks(self) -> np.ndarray:
        """The learner's legal actions now (bool, as MaskablePPO expects)."""
        assert self.match is not None
        return self.match.mask(self.role).astype(bool)

    # -- Gymnasium API ----------------------------------------------------------------
    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[np.ndarray, dict[str, Any]]:
        """Start a game (``seed`` makes it, the bots included, reproducible)."""
        super().reset(seed=seed)
        if seed is not None:
            self._seed_rng = random.Random(seed)
        game_seed = self._seed_rng.randrange(2**31)
        self.match = Match(self.rules, game_seed, self.menu, self._masks, self.rounds)
        actors = list(self.rules.actor_ids)
        me = actors.index(self.role)
        self._before, self._after = actors[:me], actors[me + 1 :]
        self._bots: dict[str, Bot] = {
            a: make_bot(self.opponents, a, game_seed) for a in actors if a != self.role
        }
        self._rngs = {a: bot_rng(game_seed, i) for i, a in enumerate(actors)}
        self._last_score = self.match.game.scores()[self.role]
        self._run_bots(self._before)
        return self._obs(), {"action_mask": self.action_masks()}

    def step(self, action: Any) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        """Play the learner's action, then the bots until the learner's next turn."""
        match = self.match
        assert match is not None, "call reset() first"
        refused = match.play(self.role, int(action))
        if refused is not None:
            self.refusals += 1
        self._run_bots(self._after)
        reward = 0.0
        if match.end_round():
            score = match.game.scores()[self.role]
            reward, self._last_score = score - self._last_score, score
        done = match.game.over
        if not done:
            self._run_bots(self._before)
        info = {"score": match.game.scores()[self.role], "action_mask": self.action_masks()}
        if refused is not None:
            info["refused"] = refused
        return self._obs(), float(reward), done, False, info
