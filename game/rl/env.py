"""PettingZoo environments over the Six-Party engine.

One agent per actor of the scenario. Each month every agent takes one action (AEC: in
scenario order; Parallel: all at once), then the month is resolved. Negotiation is not
part of this action space: every month's negotiation phase is skipped.

* **Actions**: ``Discrete(n)``. ``0`` keeps last month's policy and sends nothing (always
  legal). Then one action per (lever, option): set that lever to that option, keep the
  others. Then one per (signal, target): keep the policy and send that signal. The
  ``action_mask`` marks options already in force as illegal (they are the no-op).
  :meth:`SixPartyAEC.action_meaning` says what an index means.
* **Observations**: ``{"observation": Box(-1, 1), "action_mask": Box(0, 1, int8)}``. The
  vector is built from ``view_for(agent)`` only: every variable scaled to 0..1 by its
  bounds (estimated ones: the middle of the agent's range; hidden ones: -1), then the
  month (0..1), then one-hot of the agent's own lever options.
* **Rewards**: the change in the agent's score (0..100) each month, so an agent's rewards
  over a game add up to its final score minus its score at the start.

>>> from game.rl import env
>>> e = env(scenario="tests/fixtures/mini.yaml")
>>> e.reset(seed=1)
>>> e.agent_selection
'alpha'
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv
from pettingzoo.utils import AgentSelector, wrappers
from pettingzoo.utils.conversions import aec_to_parallel_wrapper

from game.engine.game import Game
from game.tournament.play import rules_for

NAME = "sixparty_v0"


class SixPartyAEC(AECEnv):  # type: ignore[misc]
    """The AEC (turn-by-turn) environment; see the module docstring."""

    metadata = {"render_modes": ["ansi", "human"], "name": NAME, "is_parallelizable": True}

    def __init__(self, scenario: str = "korea-2019", render_mode: str | None = None) -> None:
        super().__init__()
        modes = ("ansi", "human")
        if render_mode is not None and render_mode not in modes:
            raise ValueError(f"render_mode must be one of {modes}, not {render_mode!r}")
        self.render_mode = render_mode
        self.rules = rules_for(scenario)
        rules = self.rules
        self.possible_agents = list(rules.actor_ids)
        self._actions: dict[str, list[tuple[str, str, str | None]]] = {}
        self._option_slots: dict[str, list[tuple[str, str]]] = {}
        for a in self.possible_agents:
            table: list[tuple[str, str, str | None]] = [("keep", "", None)]
            slots = []
            for lv in rules.holder_levers[a]:
                for o in lv.options:
                    table.append(("lever", lv.id, o.id))
                    slots.append((lv.id, o.id))
            if rules.max_signals:
                for sig in rules.actor_signals[a]:
                    targets = [t for t in rules.actor_ids if t != a] if sig.addressee else [None]
                    for t in targets:
                        table.append(("signal", sig.id, t))
            self._actions[a] = table
            self._option_slots[a] = slots
        n_vars = len(rules.keys) + 1
        self._obs_spaces = {
            a: spaces.Dict(
                {
                    "observation": spaces.Box(
                        -1.0, 1.0, (n_vars + len(self._option_slots[a]),), np.float32
                    ),
                    "action_mask": spaces.Box(0, 1, (len(self._actions[a]),), np.int8),
                }
            )
            for a in self.possible_agents
        }
        self._act_spaces = {a: spaces.Discrete(len(self._actions[a])) for a in self.possible_agents}
        self._seed_rng = random.Random(0)
        self.game: Game | None = None

    # ------------------------------------------------------------------ spaces
    def observation_space(self, agent: str) -> spaces.Space[Any]:
        """The observation space of ``agent`` (the same object every call)."""
        return self._obs_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space[Any]:
        """The action space of ``agent`` (the same object every call)."""
        return self._act_spaces[agent]

    def action_meaning(self, agent: str, action: int) -> tuple[str, str, str | None]:
        """What action ``action`` of ``agent`` does: ``("keep", "", None)``,
        ``("lever", lever, option)`` or ``("signal", signal, target)``."""
        return self._actions[agent][action]

    # ------------------------------------------------------------------ episode
    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """Start a new game (``seed`` makes it reproducible)."""
        if seed is not None:
            self._seed_rng = random.Random(seed)
        game_seed = self._seed_rng.randrange(2**31)
        self.game = Game(self.rules, game_seed)
        self.game.advance()  # skip negotiation: straight to orders
        self.agents = list(self.possible_agents)
        self._last = self.game.scores()
        self.rewards = {a: 0.0 for a in self.agents}
        self._cumulative_rewards = {a: 0.0 for a in self.agents}
        self.terminations = {a: False for a in self.agents}
        self.truncations = {a: False for a in self.agents}
        self.infos = {a: {"month": self.game.month} for a in self.agents}
        self._selector = AgentSelector(self.agents)
        self.agent_selection = self._selector.reset()

    def _mask(self, agent: str) -> np.ndarray:
        assert self.game is not None
        policy = self.game.policy[agent]
        mask = np.ones(len(self._actions[agent]), dtype=np.int8)
        for i, (kind, key, value) in enumerate(self._actions[agent]):
            if kind == "lever" and policy[key] == value:
                mask[i] = 0
        return mask

    def observe(self, agent: str) -> dict[str, Any]:
        """The agent's observation, from ``view_for(agent)`` only."""
        assert self.game is not None
        rules = self.rules
        view = self.game.view_for(agent)
        seen = view["variables"]
        size = len(rules.keys) + 1 + len(self._option_slots[agent])
        vec = np.full(size, -1.0, dtype=np.float32)
        for i, key in enumerate(rules.keys):
            x = seen.get(key)
            if x is None:
                continue
            if isinstance(x, dict):
                x = (x["low"] + x["high"]) / 2.0
            lo, hi = rules.bounds[key]
            vec[i] = 0.0 if hi <= lo else min(1.0, max(0.0, (x - lo) / (hi - lo)))
        n = len(rules.keys)
        vec[n] = min(1.0, (self.game.month - 1) / max(1, rules.turns - 1))
        policy = view["policy"]
        for j, (lever, option) in enumerate(self._option_slots[agent]):
            vec[n + 1 + j] = 1.0 if policy.get(lever) == option else 0.0
        return {"observation": vec, "action_mask": self._mask(agent)}

    def step(self, action: int | None) -> None:
        """Take the current agent's action; resolve the month after the last agent."""
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        assert self.game is not None
        game = self.game
        self._cumulative_rewards[agent] = 0.0
        kind, key, value = self._actions[agent][int(action if action is not None else 0)]
        order: dict[str, Any] = {"type": "orders", "actor": agent, "final": True, "signals": []}
        order["levers"] = {key: value} if kind == "lever" else {}
        if kind == "signal":
            order["signals"] = [{"signal": key, "target": value}]
        game.apply(order)
        if self._selector.is_last():
            if game.phase == "orders":
                game.advance()
            now = game.scores()
            for a in self.agents:
                self.rewards[a] = now[a] - self._last[a]
                self.infos[a] = {"month": game.month}
            self._last = now
            if game.over:
                self.terminations = {a: True for a in self.agents}
            else:
                game.advance()  # skip the next negotiation phase
        else:
            self._clear_rewards()
        self.agent_selection = self._selector.next()
        self._accumulate_rewards()
        if self.render_mode == "human":
            self.render()

    def render(self) -> str | None:
        """A one-line summary of the month and scores (``ansi`` returns it)."""
        if self.render_mode is None or self.game is None:
            return None
        g = self.game
        text = f"{g.month_label} [{g.phase}] " + " ".join(
            f"{a}={s:.1f}" for a, s in g.scores().items()
        )
        if self.render_mode == "human":
            print(text)
            return None
        return text

    def close(self) -> None:
        """Nothing to release."""


def raw_env(scenario: str = "korea-2019", render_mode: str | None = None) -> SixPartyAEC:
    """The unwrapped AEC environment."""
    return SixPartyAEC(scenario, render_mode)


def env(scenario: str = "korea-2019", render_mode: str | None = None) -> AECEnv:
    """The AEC environment with PettingZoo's standard checks (like PettingZoo's own envs)."""
    e: AECEnv = raw_env(scenario, render_mode)
    e = wrappers.AssertOutOfBoundsWrapper(e)
    e = wrappers.OrderEnforcingWrapper(e)
    return e


def parallel_env(scenario: str = "korea-2019", render_mode: str | None = None) -> Any:
    """The Parallel environment: every agent acts at once each month."""
    return aec_to_parallel_wrapper(env(scenario, render_mode))
