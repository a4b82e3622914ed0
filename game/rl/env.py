"""PettingZoo environments over the Six-Party engine, negotiation included.

One agent per actor of the scenario (agents are named by actor id: ``us``, ``dprk``,
...). A month is ``negotiation_rounds`` negotiation rounds (the scenario's
``negotiation.rounds`` unless given), then one orders round; in every round each agent
acts once: in scenario order in the AEC environment (:func:`env`), all at once in the
Parallel one (:func:`parallel_env`). The month is resolved after the orders round. A
*cycle* (``max_cycles``) is one round.

* **Actions**: ``Discrete(n)`` per agent, a menu built from the scenario
  (:mod:`game.rl.menu` has the table): ``0`` passes (in the orders round: keeps last
  month's policy); then proposals (one commitment of me or a counterpart to one lever
  option; standard packages: talks, summit, freeze for relief, dual suspension, joint
  enforcement), accept or reject the proposals awaiting my answer (by slot, oldest
  first), withdraw my own, structured intents (public or to one actor), Security
  Council drafts and votes (P5 only); then orders: set one lever to one option, or send
  one signal. ``e.unwrapped.action_meaning(agent, i)`` says what index ``i`` does, and
  ``e.unwrapped.action_table(agent)`` lists them all.
* **Action masks**: ``infos[agent]["action_mask"]`` (int8, 1 = legal now) keeps only
  what is legal in this phase and state: negotiation moves in negotiation rounds,
  orders in the orders round, only slots that name a proposal or draft, never the
  option already in force. In AEC the mask is that of the agent whose turn it is; in
  Parallel every live agent's, as the round starts. An action the mask forbids is
  played as a pass and ``infos[agent]["refused"]`` says why (in Parallel, an action can
  also be refused because another agent acted first, e.g. withdrew the proposal).
* **Observations**: a float32 NumPy vector in ``Box(-1, 1)``, the same size for every
  agent, built only from what the agent may know (see :mod:`game.rl.observe` for the
  layout): its view of the variables, the clock, its own and others' revealed orders,
  proposals awaiting its answer, agreements in force, others' recent offers and
  intents, open Security Council drafts.
* **Rewards**: the change in the agent's score (0..100) each resolved month, so an
  agent's rewards over a game add up to its final score minus its score at the start.

>>> from game.rl import env
>>> e = env(scenario="tests/fixtures/mini.yaml")
>>> e.reset(seed=1)
>>> e.agent_selection, e.unwrapped.action_meaning("alpha", 0).kind
('alpha', 'pass')
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv, ParallelEnv
from pettingzoo.utils import wrappers

from game.rl.match import Masks, Match, Slots
from game.rl.menu import Menu, Move
from game.rl.observe import Layout, Observer
from game.tournament.play import rules_for

NAME = "sixparty_v1"
_MODES = ("ansi", "human")


class _Common:
    """What both environments share: the scenario, menu, spaces and the current match."""

    metadata = {"render_modes": list(_MODES), "name": NAME, "is_parallelizable": True}

    def _setup(
        self,
        scenario: str,
        render_mode: str | None,
        negotiation_rounds: int | None,
        max_cycles: int | None,
    ) -> None:
        if render_mode is not None and render_mode not in _MODES:
            raise ValueError(f"render_mode must be one of {_MODES}, not {render_mode!r}")
        self.render_mode = render_mode
        self.rules = rules = rules_for(scenario)
        if negotiation_rounds is None:
            negotiation_rounds = rules.negotiation.rounds
        if not isinstance(negotiation_rounds, int) or negotiation_rounds < 0:
            raise ValueError(f"negotiation_rounds must be 0 or more, not {negotiation_rounds!r}")
        if max_cycles is not None and (not isinstance(max_cycles, int) or max_cycles < 1):
            raise ValueError(f"max_cycles must be 1 or more (or None), not {max_cycles!r}")
        self.negotiation_rounds = negotiation_rounds
        self.max_cycles = max_cycles
        self.menu = Menu(rules)
        self._masks = Masks(self.menu)
        self.layout = Layout(rules)
        self._observer = Observer(self.layout)
        self.possible_agents = list(rules.actor_ids)
        size = self.layout.size
        self._obs_spaces = {
            a: spaces.Box(-1.0, 1.0, (size,), np.float32) for a in self.possible_agents
        }
        self._act_spaces = {a: spaces.Discrete(self.menu.size(a)) for a in self.possible_agents}
        self._seed_rng = random.Random(0)
        self.match: Match | None = None

    def observation_space(self, agent: str) -> spaces.Space[Any]:
        """The observation space of ``agent`` (the same object every call)."""
        return self._obs_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space[Any]:
        """The action space of ``agent`` (the same object every call)."""
        return self._act_spaces[agent]

    def action_meaning(self, agent: str, action: int) -> Move:
        """What action ``action`` of ``agent`` does (``.kind``, ``.text``, ...)."""
        return self.menu.moves[agent][action]

    def action_table(self, agent: str) -> list[tuple[int, str, str]]:
        """``(index, kind, text)`` for every action of ``agent``."""
        return self.menu.table(agent)

    @property
    def game(self) -> Any:
        """The engine's ``Game`` being played (``None`` before the first reset)."""
        return None if self.match is None else self.match.game

    def _new_match(self, seed: int | None) -> Match:
        if seed is not None:
            self._seed_rng = random.Random(seed)
        game_seed = self._seed_rng.randrange(2**31)
        self.match = Match(self.rules, game_seed, self.menu, self._masks, self.negotiation_rounds)
        self._cycles = 0
        self._last_scores = self.match.game.scores()
        return self.match

    def _observe(self, agent: str) -> np.ndarray:
        assert self.match is not None, "call reset() first"
        return self._observer.observe(self.match.game, agent, self.match.round_frac)

    def _info(self, agent: str, slots: Slots | None = None) -> dict[str, Any]:
        match = self.match
        assert match is not None
        game = match.game
        return {
            "month": game.month,
            "phase": game.phase,
            "action_mask": match.mask(agent, slots),
        }

    def _month_rewards(self) -> dict[str, float]:
        assert self.match is not None
        now = self.match.game.scores()
        last = self._last_scores
        self._last_scores = now
        return {a: now[a] - last[a] for a in self.possible_agents}

    def _text(self) -> str:
        g = self.game
        return f"{g.month_label} [{g.phase}] " + " ".join(
            f"{a}={s:.1f}" for a, s in g.scores().items()
        )

    def render(self) -> str | None:
        """A one-line summary of the month and scores (``ansi`` returns it)."""
        if self.render_mode is None or self.match is None:
            return None
        if self.render_mode == "human":
            print(self._text())
            return None
        return self._text()

    def close(self) -> None:
        """Nothing to release."""


class SixPartyAEC(_Common, AECEnv):  # type: ignore[misc]
    """The AEC (turn-by-turn) environment; see the module docstring."""

    def __init__(
        self,
        scenario: str = "korea-2019",
        render_mode: str | None = None,
        negotiation_rounds: int | None = None,
        max_cycles: int | None = None,
    ) -> None:
        AECEnv.__init__(self)
        self._setup(scenario, render_mode, negotiation_rounds, max_cycles)

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        """Start a new game (``seed`` makes it reproducible)."""
        self._new_match(seed)
        self.agents = list(self.possible_agents)
        self.rewards = {a: 0.0 for a in self.agents}
        self._cumulative_rewards = {a: 0.0 for a in self.agents}
        self.terminations = {a: False for a in self.agents}
        self.truncations = {a: False for a in self.agents}
        self._refused: dict[str, str] = {}
        self._turn = 0
        self.agent_selection = self.agents[0]
        self.infos = {a: self._info(a) for a in self.agents}

    def observe(self, agent: str) -> np.ndarray:
        """The agent's observation vector (see :mod:`game.rl.observe`)."""
        return self._observe(agent)

    def step(self, action: int | None) -> None:
        """Take the current agent's action; close the round after the last agent."""
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        match = self.match
        assert match is not None
        self._cumulative_rewards[agent] = 0.0
        refused = match.play(agent, 0 if action is None else int(action))
        if refused is not None:
            self._refused[agent] = refused
        agents = self.agents
        turn = self._turn + 1
        if turn == len(agents):
            turn = 0
            resolved = match.end_round()
            self._cycles += 1
            if resolved:
                self.rewards = self._month_rewards()
            else:
                self._clear_rewards()
            if match.game.over:
                self.terminations = {a: True for a in agents}
            elif self.max_cycles is not None and self._cycles >= self.max_cycles:
                self.truncations = {a: True for a in agents}
        else:
            self._clear_rewards()
        self._turn = turn
        nxt = self.agent_selection = agents[turn]
        info = self._info(nxt)
        if nxt in self._refused:
            info["refused"] = self._refused.pop(nxt)
        self.infos[nxt] = info
        self._accumulate_rewards()
        if self.render_mode == "human":
            self.render()


class SixPartyParallel(_Common, ParallelEnv):  # type: ignore[misc]
    """The Parallel environment: in every round all agents act at once (applied in
    scenario order, each against what it saw when the round began)."""

    def __init__(
        self,
        scenario: str = "korea-2019",
        render_mode: str | None = None,
        negotiation_rounds: int | None = None,
        max_cycles: int | None = None,
    ) -> None:
        self._setup(scenario, render_mode, negotiation_rounds, max_cycles)
        self.agents: list[str] = []

    def _round_start(
        self, refused: dict[str, str] | None = None
    ) -> tuple[dict[str, np.ndarray], dict[str, dict[str, Any]]]:
        match = self.match
        assert match is not None
        self._slots = {a: match.slots(a) for a in self.possible_agents}
        obs = {a: self._observe(a) for a in self.possible_agents}
        infos = {a: self._info(a, self._slots[a]) for a in self.possible_agents}
        for a, why in (refused or {}).items():
            infos[a]["refused"] = why
        return obs, infos

    def reset(
        self, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, np.ndarray], dict[str, dict[str, Any]]]:
        """Start a new game; return every agent's observation and info."""
        self._new_match(seed)
        self.agents = list(self.possible_agents)
        return self._round_start()

    def step(self, actions: dict[str, Any]) -> tuple[
        dict[str, np.ndarray],
        dict[str, float],
        dict[str, bool],
        dict[str, bool],
        dict[str, dict[str, Any]],
    ]:  # fmt: skip
        """Play one round: every live agent's action (a missing one passes)."""
        match = self.match
        assert match is not None and self.agents, "call reset() first"
        refused = {}
        for a in self.agents:
            act = actions.get(a)
            why = match.play(a, 0 if act is None else int(act), self._slots[a])
            if why is not None:
                refused[a] = why
        resolved = match.end_round()
        self._cycles += 1
        rewards = self._month_rewards() if resolved else dict.fromkeys(self.agents, 0.0)
        over = match.game.over
        cut = not over and self.max_cycles is not None and self._cycles >= self.max_cycles
        terms = dict.fromkeys(self.agents, over)
        truncs = dict.fromkeys(self.agents, cut)
        obs, infos = self._round_start(refused)
        if over or cut:
            self.agents = []
        if self.render_mode == "human":
            self.render()
        return obs, rewards, terms, truncs, infos


def raw_env(
    scenario: str = "korea-2019",
    render_mode: str | None = None,
    negotiation_rounds: int | None = None,
    max_cycles: int | None = None,
) -> SixPartyAEC:
    """The unwrapped AEC environment."""
    return SixPartyAEC(scenario, render_mode, negotiation_rounds, max_cycles)


def env(
    scenario: str = "korea-2019",
    render_mode: str | None = None,
    negotiation_rounds: int | None = None,
    max_cycles: int | None = None,
) -> AECEnv:
    """The AEC environment with PettingZoo's standard checks (like PettingZoo's own envs)."""
    e: AECEnv = raw_env(scenario, render_mode, negotiation_rounds, max_cycles)
    e = wrappers.AssertOutOfBoundsWrapper(e)
    e = wrappers.OrderEnforcingWrapper(e)
    return e


def parallel_env(
    scenario: str = "korea-2019",
    render_mode: str | None = None,
    negotiation_rounds: int | None = None,
    max_cycles: int | None = None,
) -> SixPartyParallel:
    """The Parallel environment: every agent acts at once, round by round."""
    return SixPartyParallel(scenario, render_mode, negotiation_rounds, max_cycles)
