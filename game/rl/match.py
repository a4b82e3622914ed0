"""One game as the RL environments play it: rounds, masks, slots and moves.

Shared by the AEC and the Parallel environments (:mod:`game.rl.env`). A month is
``rounds`` negotiation rounds (every agent acts once per round, in scenario order), then
one orders round (every agent acts once; the month is resolved after the last). Moves
come from :class:`game.rl.menu.Menu`; :meth:`Match.mask` says which are legal now and
:meth:`Match.play` applies one through ``Game.apply``, the engine's only way in. It holds
no rules of its own beyond which menu entry is legal when.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from game.engine.game import Game
from game.engine.legal import awaiting_answer, open_votes
from game.engine.substance import acceptance_problem, contradiction
from game.errors import IllegalAction
from game.rl.menu import NEGOTIATION_KINDS, SLOTS, UNSC_SLOTS, VOTES, Menu
from game.scenario.compile import Rules


class Slots(NamedTuple):
    """What an agent's slot moves name: proposal and draft ids, oldest first."""

    awaiting: tuple[int, ...]
    own: tuple[int, ...]
    votes: tuple[int, ...]


class Masks:
    """Per-agent mask templates (numpy int8), built once per menu."""

    def __init__(self, menu: Menu) -> None:
        self.negotiation: dict[str, np.ndarray] = {}
        self.orders: dict[str, np.ndarray] = {}
        self.dead: dict[str, np.ndarray] = {}
        for agent, moves in menu.moves.items():
            neg = np.zeros(len(moves), dtype=np.int8)
            orders = np.zeros(len(moves), dtype=np.int8)
            for i, m in enumerate(moves):
                if m.kind == "pass":
                    neg[i] = orders[i] = 1
                elif m.kind in NEGOTIATION_KINDS and m.slot < 0:
                    neg[i] = 1
                elif m.kind in ("lever", "signal"):
                    orders[i] = 1
            self.negotiation[agent] = neg
            self.orders[agent] = orders
            self.dead[agent] = np.zeros(len(moves), dtype=np.int8)


class Match:
    """A game being played by RL agents (see the module docstring)."""

    def __init__(self, rules: Rules, seed: int, menu: Menu, masks: Masks, rounds: int) -> None:
        self.rules = rules
        self.menu = menu
        self.rounds = rounds
        self.game = Game(rules, seed)
        self.round = 0  # the negotiation round of this month; == rounds: the orders round
        self._masks = masks
        self._slot_at = {
            a: {k: menu.sections[a][k][0] for k in ("accept", "reject", "withdraw", "unsc_vote")}
            for a in rules.actor_ids
        }
        self._slots_memo: tuple[tuple[str, int], Slots] = (("", -1), _NO_SLOTS)
        if rounds == 0:
            self.game.advance()

    @property
    def round_frac(self) -> float:
        """The negotiation round as 0..1 (1 in the orders round)."""
        return 1.0 if self.game.phase != "negotiation" else self.round / max(1, self.rounds)

    def slots(self, agent: str) -> Slots:
        """What ``agent``'s slot moves name now."""
        game = self.game
        if game.phase != "negotiation":
            return _NO_SLOTS
        stamp = (agent, len(game.log))  # every change to the game is a logged action
        if self._slots_memo[0] == stamp:
            return self._slots_memo[1]
        proposals = game.proposals
        own = tuple([i for i in game.open_ids if proposals[i]["proposer"] == agent][:SLOTS])
        votes = tuple(open_votes(game, agent)[:UNSC_SLOTS]) if game.unsc_drafts else ()
        found = Slots(tuple(awaiting_answer(game, agent)[:SLOTS]), own, votes)
        self._slots_memo = (stamp, found)
        return found

    def _contradicted(self, agent: str) -> set[int]:
        """``agent``'s proposals the engine would refuse now: a lever term of theirs
        contradicts a term of an agreement in force that ``agent`` is party to (the
        engine checks only those, so that a refusal reveals nothing)."""
        game = self.game
        bound = {
            (c["actor"], c["lever"])
            for ag in game.agreements
            if ag["status"] == "active" and agent in ag["parties"]
            for c in ag["commitments"]
            if "lever" in c
        }
        if not bound:
            return set()
        moves = self.menu.moves[agent]
        binds = self.menu.binds[agent]
        out = set()
        month = game.month
        for pair in bound:
            for i in binds.get(pair, ()):
                if i in out:
                    continue
                action = moves[i].action
                assert action is not None
                for c in action["commitments"]:
                    if "lever" in c and (c["actor"], c["lever"]) == pair:
                        term = {**c, "start": c.get("start", month)}
                        if contradiction(game, term, [], "", agent, only_seen=True):
                            out.add(i)
                            break
        return out

    def _can_accept(self, agent: str, pid: int) -> bool:
        """Whether the engine lets ``agent`` accept proposal ``pid`` now."""
        return acceptance_problem(self.game, agent, self.game.proposals[pid]) is None

    def mask(self, agent: str, slots: Slots | None = None) -> np.ndarray:
        """Which of ``agent``'s actions are legal now (1) or not (0): a fresh int8 array."""
        game = self.game
        phase = game.phase
        masks = self._masks
        if phase == "negotiation":
            mask = masks.negotiation[agent].copy()
            s = self.slots(agent) if slots is None else slots
            at = self._slot_at[agent]
            if game.agreements:
                for i in self._contradicted(agent):
                    mask[i] = 0
            if s.awaiting:
                n = len(s.awaiting)
                for j, pid in enumerate(s.awaiting):
                    mask[at["accept"] + j] = self._can_accept(agent, pid)
                mask[at["reject"] : at["reject"] + n] = 1
            if s.own:
                mask[at["withdraw"] : at["withdraw"] + len(s.own)] = 1
            if s.votes and self.menu.sections[agent]["unsc_vote"][1] > at["unsc_vote"]:
                mask[at["unsc_vote"] : at["unsc_vote"] + len(s.votes) * len(VOTES)] = 1
            return mask
        if phase == "orders" and agent not in game.submitted:
            mask = masks.orders[agent].copy()
            index = self.menu.lever_index[agent]
            for lever, option in game.policy[agent].items():
                mask[index[lever, option]] = 0  # the option in force: that is "pass"
            return mask
        return masks.dead[agent].copy()

    def legal(self, agent: str, action: int, slots: Slots | None = None) -> bool:
        """Whether ``agent``'s ``action`` is legal now: ``mask(agent, slots)[action]``,
        without building the whole mask."""
        game = self.game
        move = self.menu.moves[agent][action]
        kind = move.kind
        phase = game.phase
        if phase == "negotiation":
            if kind == "pass":
                return True
            if move.slot < 0:
                if kind not in NEGOTIATION_KINDS:
                    return False
                if game.agreements and (kind == "term" or kind == "package"):
                    return action not in self._contradicted(agent)
                return True
            s = self.slots(agent) if slots is None else slots
            if kind == "accept":
                j = move.slot
                return j < len(s.awaiting) and self._can_accept(agent, s.awaiting[j])
            if kind == "reject":
                return move.slot < len(s.awaiting)
            if kind == "withdraw":
                return move.slot < len(s.own)
            return move.slot < len(s.votes)  # unsc_vote
        if phase == "orders" and agent not in game.submitted:
            if kind == "lever":
                return game.policy[agent][move.key[0]] != move.key[1]
            return kind == "pass" or kind == "signal"
        return False

    def play(self, agent: str, action: int, slots: Slots | None = None) -> str | None:
        """Apply ``agent``'s ``action`` (with the slots it saw, or as they are now).

        An action that is not legal now (its mask entry is 0) is played as action 0, pass:
        the returned sentence says why it was not played; ``None`` when it was.
        """
        game = self.game
        moves = self.menu.moves[agent]
        refused = None
        if not 0 <= action < len(moves):
            refused = f"action {action} is outside 0..{len(moves) - 1}"
        elif not self.legal(agent, action, slots):
            refused = f"action {action} ({moves[action].text}) is not legal now"
        if refused is not None:
            action = 0
        move = moves[action]
        kind = move.kind
        try:
            if kind == "pass":
                if game.phase == "orders" and agent not in game.submitted:
                    game.apply({"type": "orders", "actor": agent, "final": True})
            elif move.action is not None:
                game.apply({**move.action, "actor": agent})
            else:
                s = self.slots(agent) if slots is None else slots
                j = move.slot
                if kind == "accept" or kind == "reject":
                    game.apply(
                        {
                            "type": "respond",
                            "actor": agent,
                            "proposal": s.awaiting[j],
                            "accept": kind == "accept",
                        }  # fmt: skip
                    )
                elif kind == "withdraw":
                    game.apply({"type": "withdraw", "actor": agent, "proposal": s.own[j]})
                elif kind == "unsc_vote":
                    game.apply(
                        {
                            "type": "unsc_vote",
                            "actor": agent,
                            "draft": s.votes[j],
                            "vote": move.key[0],
                        }  # fmt: skip
                    )
        except IllegalAction as exc:  # legal when seen, no longer (Parallel): a pass
            if game.phase == "orders" and agent not in game.submitted:
                game.apply({"type": "orders", "actor": agent, "final": True})
            return f"action {action} ({move.text}) was refused: {exc}"
        return refused

    def end_round(self) -> bool:
        """Close the round every agent has acted in; True when it resolved a month."""
        game = self.game
        if self.round < self.rounds:  # a negotiation round
            self.round += 1
            if self.round >= self.rounds:
                game.advance()  # everyone is done negotiating: the orders phase
            return False
        # The orders round: the engine resolved the month after the last final orders.
        self.round = 0
        if not game.over and self.rounds == 0:
            game.advance()
        return True


_NO_SLOTS = Slots((), (), ())
