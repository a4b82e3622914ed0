"""``random``: uniform over legal actions, proposals and responses included."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.bots.answer import answer_intents
from game.bots.base import Action, Bot, Context
from game.engine.legal import awaiting_answer, open_votes
from game.scenario.compile import memo

if TYPE_CHECKING:
    from game.scenario.compile import Rules

# A uniform pick is ``seq[int(rng.random() * len(seq))]`` throughout: as uniform as
# ``rng.choice`` (to 2**-53) and several times cheaper, which matters in the benchmark.


class _Tables:
    """What the bot draws from, per scenario: levers and signals as plain tuples."""

    def __init__(self, rules: Rules) -> None:
        # actor -> ((lever id, option ids), ...) of the levers it holds
        self.levers: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
            a: tuple((lv.id, tuple(o.id for o in lv.options)) for lv in rules.holder_levers[a])
            for a in rules.actor_ids
        }
        # actor -> ((signal id, needs an addressee), ...) it may send
        self.signals = {
            a: tuple((s.id, s.addressee) for s in rules.actor_signals[a]) for a in rules.actor_ids
        }
        # actor -> the other actors
        self.others = {a: tuple(b for b in rules.actor_ids if b != a) for a in rules.actor_ids}
        self.others_list = {a: list(others) for a, others in self.others.items()}
        # actor -> whether it may table and vote on Security Council drafts
        self.unsc = {a: bool(rules.unsc and a in rules.p5) for a in rules.actor_ids}
        self.sectors = [s.id for s in rules.sectors]


def _tables_for(rules: Rules) -> _Tables:
    """The bot's tables for ``rules``, built once (the module's memo)."""
    return _TABLES(rules)


_TABLES = memo(_Tables)


def _negotiation_space(ctx: Context) -> dict[str, Any]:
    """The parts of ``ctx.legal`` that :meth:`RandomBot.negotiate` reads, without the rest.

    In the negotiation phase (the usual case) this builds only ``partners``, ``types``
    (as far as ``unsc_draft`` is concerned), ``respond``, ``unsc_sectors`` and
    ``unsc_vote``, with exactly the values and order :func:`game.engine.legal.legal_actions`
    gives them; in any other phase it is ``ctx.legal`` itself.
    """
    game = ctx._game
    actor = ctx.actor
    rules = ctx.rules
    if game.phase != "negotiation" or actor not in rules.actors:
        return ctx.legal
    tables = _tables_for(rules)
    space: dict[str, Any] = {
        "partners": tables.others_list[actor],
        "respond": awaiting_answer(game, actor),
    }
    if tables.unsc[actor]:
        space["types"] = ("unsc_draft",)
        space["unsc_sectors"] = tables.sectors
        space["unsc_vote"] = open_votes(game, actor)
    else:
        space["types"] = ()
    return space


class RandomBot(Bot):
    """Picks uniformly among legal choices: a baseline that exercises every rule."""

    name = "random"

    def negotiate(self, ctx: Context) -> list[Action]:
        """Maybe chat, maybe propose a random commitment, answer proposals and the
        intents sent to it at random (in words, :mod:`game.bots.answer`)."""
        rand = ctx.rng.random
        legal = _negotiation_space(ctx)
        out: list[Action] = []
        partners = legal["partners"]
        if rand() < 0.3:
            to = [] if rand() < 0.5 else [partners[int(rand() * len(partners))]]
            out.append({"type": "message", "to": to, "text": _LINES[int(rand() * len(_LINES))]})
        if rand() < 0.25:
            out.append(self._proposal(ctx, partners))
        taking: list[dict[str, Any]] = []  # terms of the proposals accepted here
        for pid in legal.get("respond", ()):
            accept = rand() < 0.5 and ctx.can_accept(pid, taking)
            if accept:
                taking += ctx._game.proposals[pid]["commitments"]
            out.append({"type": "respond", "proposal": pid, "accept": accept})
        if "unsc_draft" in legal["types"] and rand() < 0.05:
            sectors = legal["unsc_sectors"]
            out.append(
                {
                    "type": "unsc_draft",
                    "sector": sectors[int(rand() * len(sectors))],
                    "direction": _DIRECTIONS[int(rand() * 2)],
                }
            )
        for did in legal.get("unsc_vote", ()):
            out.append({"type": "unsc_vote", "draft": did, "vote": _VOTES[int(rand() * 3)]})
        if ctx.pending_intents():  # answers each, agreeing or not at random
            out += answer_intents(ctx, self.name, lambda _deal: rand() < 0.5, taking)
        return out

    def _proposal(self, ctx: Context, partners: list[str]) -> Action:
        rand = ctx.rng.random
        levers_of = _tables_for(ctx.rules).levers
        other = partners[int(rand() * len(partners))]
        commitments: list[dict[str, Any]] = []
        kind = rand()
        if kind < 0.7:
            for who in (ctx.actor, other):
                levers = levers_of[who]
                if levers and rand() < 0.7:
                    lever_id, options = levers[int(rand() * len(levers))]
                    commitments.append(
                        {
                            "actor": who,
                            "lever": lever_id,
                            "option": options[int(rand() * len(options))],
                            "months": 1 + int(rand() * 3),
                        }
                    )
        if commitments and ctx._game.v.get("deals"):  # no term against its deals in force
            commitments = [c for c in commitments if ctx.proposal_problem([c]) is None]
        summit = kind >= 0.7 and kind < 0.85
        talks = kind >= 0.85 or (not commitments and not summit)
        return {
            "type": "propose",
            "to": [other],
            "commitments": commitments,
            "inspections": rand() < 0.3,
            "summit": summit,
            "talks": talks,
            "text": "",
        }

    def orders(self, ctx: Context) -> Action:
        """A random option on every lever; a random signal a third of the time."""
        rand = ctx.rng.random
        tables = _tables_for(ctx.rules)
        levers = {
            lever_id: options[int(rand() * len(options))]
            for lever_id, options in tables.levers[self.actor]
        }
        signals = []
        sigs = tables.signals[self.actor]
        if sigs and ctx.rules.max_signals and rand() < 0.33:
            sig_id, addressee = sigs[int(rand() * len(sigs))]
            target = None
            if addressee:
                others = tables.others[self.actor]
                target = others[int(rand() * len(others))]
            signals.append({"signal": sig_id, "target": target})
        return {"levers": levers, "signals": signals}


_LINES = (
    "We are ready to talk.",
    "Our patience has limits.",
    "Let us find a way forward.",
    "Actions, not words.",
    "We will not be pressured.",
)
_DIRECTIONS = ("tighten", "relax")
_VOTES = ("yes", "no", "abstain")
