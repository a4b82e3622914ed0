"""The RL action menu: every index of an agent's ``Discrete`` action space and its meaning.

Built once per scenario from its rules (levers, signals, tags, the Security Council),
never from Korea-specific names, so any scenario gets a menu. An agent's menu is, in
this order (``SECTIONS``):

====================  =========  ==========================================================
section               phase      one entry per
====================  =========  ==========================================================
``pass``              both       index 0: do nothing this round (negotiation) or keep last
                                 month's policy and send no signal (orders). Always legal.
``term``              negot.     counterpart × a single commitment of one party (me or
                                 them), of each kind in ``TERM_KINDS``: a lever option
                                 (``exactly``), a test moratorium from a rung up;
                                 ``DEAL_MONTHS`` months
``package``           negot.     counterpart × a standard package (``PACKAGES``), where the
                                 scenario can express it
``accept``/``reject`` negot.     slot 0..``SLOTS``-1 of the open proposals awaiting my answer
``withdraw``          negot.     slot 0..``SLOTS``-1 of my own open proposals
``intent``            negot.     structured intent (``INTENTS``) × public or one other actor
``unsc_draft``        negot.     sector × tighten/relax (P5 members of a scenario with a
                                 Security Council only)
``unsc_vote``         negot.     slot 0..``UNSC_SLOTS``-1 of the open drafts I have not voted
                                 on × yes/no/abstain (P5 only)
``lever``             orders     one lever option: set that lever, keep the others
``signal``            orders     one signal × its addressee (when it takes one)
====================  =========  ==========================================================

Slots name proposals and drafts by their order (oldest first) in what the agent sees
now, so the same index keeps its meaning whatever the proposals' ids.

A new commitment kind the engine learns is one more entry in ``TERM_KINDS`` of
:mod:`game.rl.packages` (and, if it
belongs in a standard bargain, a line in a package builder of ``PACKAGES``): each gives
the engine's own term dicts, so the menu, the mask and ``python -m game.rl`` pick it up;
:meth:`game.rl.observe.Layout.put_terms` says how the observation shows it.

>>> from game.scenario.loader import load_scenario
>>> menu = Menu(load_scenario("tests/fixtures/mini.yaml"))
>>> menu.moves["beta"][0].text
"pass: do nothing this round (negotiation) / keep last month's policy (orders)"
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.rl.packages import PACKAGES, TERM_KINDS, fields_of, months_for
from game.scenario.compile import Rules

SLOTS = 3
"""How many proposals awaiting my answer (and own open proposals) the menu can name."""
UNSC_SLOTS = 2
"""How many open Security Council drafts the menu can name."""
INTENTS: tuple[tuple[str, str], ...] = (
    ("talk", "We are ready to talk."),
    ("restraint", "We will show restraint if you do."),
    ("relief", "Ease the pressure and we will answer in kind."),
    ("warning", "Pressure will be answered with pressure."),
    ("keep", "We keep the deals we sign."),
)
"""Structured intents: (id, the message text sent). An intent is an ordinary chat
message with this exact text, so humans and bots read it as words; the observation
recognises a message as an intent by its text."""
INTENT_BY_TEXT = {text: i for i, (_, text) in enumerate(INTENTS)}
VOTES = ("yes", "no", "abstain")
SECTIONS = (
    "pass", "term", "package", "accept", "reject", "withdraw", "intent", "unsc_draft",
    "unsc_vote", "lever", "signal",
)  # fmt: skip
NEGOTIATION_KINDS = frozenset(SECTIONS[1:9])
ORDER_KINDS = frozenset({"lever", "signal"})


@dataclass(frozen=True)
class Move:
    """One entry of an agent's menu.

    ``kind`` is a section of :data:`SECTIONS`; ``text`` says what it does in words;
    ``action`` is the engine action it sends (without ``actor``) for moves that do not
    name a slot; ``slot`` is the slot index of ``accept``/``reject``/``withdraw``/
    ``unsc_vote``; ``key`` is what the move is about (a ``(lever, option)`` for ``lever``,
    the package id for ``package``, ...).
    """

    kind: str
    text: str
    action: Mapping[str, Any] | None = None
    slot: int = -1
    key: tuple[str, ...] = ()


@dataclass
class Menu:
    """Every agent's menu for one scenario (see the module docstring)."""

    rules: Rules
    moves: dict[str, tuple[Move, ...]] = field(init=False)
    """agent -> its moves; the index in the tuple is the action."""
    sections: dict[str, dict[str, tuple[int, int]]] = field(init=False)
    """agent -> section -> (first index, end index)."""
    lever_index: dict[str, dict[tuple[str, str], int]] = field(init=False)
    """agent -> (lever, option) -> the index of its ``lever`` move."""
    binds: dict[str, dict[tuple[str, str], tuple[int, ...]]] = field(init=False)
    """agent -> (actor, lever) -> the indices of its proposals with a lever term on it
    (the ones an agreement in force can contradict)."""

    def __post_init__(self) -> None:
        rules = self.rules
        self.moves, self.sections, self.lever_index, self.binds = {}, {}, {}, {}
        for me in rules.actor_ids:
            moves: list[Move] = []
            bounds: dict[str, tuple[int, int]] = {}
            for section in SECTIONS:
                start = len(moves)
                moves.extend(_BUILDERS[section](rules, me))
                bounds[section] = (start, len(moves))
            self.moves[me] = tuple(moves)
            self.sections[me] = bounds
            self.lever_index[me] = {
                (m.key[0], m.key[1]): i for i, m in enumerate(moves) if m.kind == "lever"
            }
            binds: dict[tuple[str, str], list[int]] = {}
            for i, m in enumerate(moves):
                if m.kind in ("term", "package") and m.action is not None:
                    for c in m.action["commitments"]:
                        if "lever" in c:
                            binds.setdefault((c["actor"], c["lever"]), []).append(i)
            self.binds[me] = {pair: tuple(ix) for pair, ix in binds.items()}

    def size(self, agent: str) -> int:
        """How many actions ``agent`` has."""
        return len(self.moves[agent])

    def table(self, agent: str) -> list[tuple[int, str, str]]:
        """``(index, kind, text)`` for every action of ``agent``: the documentation."""
        return [(i, m.kind, m.text) for i, m in enumerate(self.moves[agent])]


def _name(rules: Rules, actor: str) -> str:
    return rules.actors[actor].name


def _pass(rules: Rules, me: str) -> list[Move]:
    return [
        Move(
            "pass",
            "pass: do nothing this round (negotiation) / keep last month's policy (orders)",
        )
    ]


def _propose(them: str, fields: dict[str, Any], text: str, kind: str, key: tuple[str, ...]) -> Move:
    return Move(kind, text, {"type": "propose", "to": [them], **fields}, key=key)


def _terms(rules: Rules, me: str) -> list[Move]:
    m = months_for(rules)
    out = []
    for them in rules.actor_ids:
        if them == me:
            continue
        for who in (me, them):
            who_text = "I commit" if who == me else "you commit"
            for _, build in TERM_KINDS:
                for term, key, words in build(rules, who, m):
                    text = f"propose to {_name(rules, them)}: {who_text} to {words} for {m} months"
                    fields = fields_of([term], "")
                    out.append(_propose(them, fields, text, "term", (them, who, *key)))
    return out


def _packages(rules: Rules, me: str) -> list[Move]:
    out = []
    for them in rules.actor_ids:
        if them == me:
            continue
        for pid, build in PACKAGES:
            fields = build(rules, me, them)
            if fields is None:
                continue
            parts = "; ".join(_term_text(rules, c) for c in fields["commitments"])
            text = f"propose to {_name(rules, them)}: {fields['text']}"
            if parts:
                text += f" ({parts})"
            if fields["inspections"]:
                text += " with inspections"
            out.append(_propose(them, fields, text, "package", (them, pid)))
    return out


_COMPARE = {"exactly": "=", "at_most": "at most", "at_least": "at least"}


def _term_text(rules: Rules, c: Mapping[str, Any]) -> str:
    actor = _name(rules, c["actor"])
    kind = c.get("kind", "lever")
    if kind == "signals":
        return f"{actor}: no signal at rung {c['rung']} or above"
    if kind == "unsc":
        how = "vote yes on" if c["vote"] == "yes" else "no veto of"
        return f"{actor}: {how} Council drafts to {c['direction']}"
    if kind == "attend":
        return f"{actor}: attend"
    lever = rules.lever_by_id[c["lever"]]
    option = lever.by_id[c["option"]].name
    after = f" (after term {c['after']['term'] + 1} is kept)" if "after" in c else ""
    return f"{actor}: {lever.name} {_COMPARE[c['compare']]} {option}{after}"


def _slots(kind: str, verb: str) -> Callable[[Rules, str], list[Move]]:
    def build(rules: Rules, me: str) -> list[Move]:
        return [Move(kind, f"{verb} (slot {j})", slot=j) for j in range(SLOTS)]

    return build


def _intents(rules: Rules, me: str) -> list[Move]:
    out = []
    targets: list[str | None] = [None, *(a for a in rules.actor_ids if a != me)]
    for iid, text in INTENTS:
        for to in targets:
            where = "to everyone" if to is None else f"to {_name(rules, to)}"
            action = {"type": "message", "to": [] if to is None else [to], "text": text}
            out.append(Move("intent", f"say {where}: {text!r}", action, key=(iid, to or "")))
    return out


def _unsc_draft(rules: Rules, me: str) -> list[Move]:
    if not rules.unsc or me not in rules.p5:
        return []
    return [
        Move(
            "unsc_draft",
            f"table a Security Council draft to {d} sanctions on {s.name}",
            {"type": "unsc_draft", "sector": s.id, "direction": d},
            key=(s.id, d),
        )
        for s in rules.sectors
        for d in ("tighten", "relax")
    ]


def _unsc_vote(rules: Rules, me: str) -> list[Move]:
    if not rules.unsc or me not in rules.p5:
        return []
    return [
        Move(
            "unsc_vote", f"vote {v} on the open Security Council draft (slot {j})", slot=j, key=(v,)
        )  # fmt: skip
        for j in range(UNSC_SLOTS)
        for v in VOTES
    ]


def _levers(rules: Rules, me: str) -> list[Move]:
    return [
        Move(
            "lever",
            f"orders: set {lv.name} to {o.name}",
            {"type": "orders", "final": True, "levers": {lv.id: o.id}, "signals": []},
            key=(lv.id, o.id),
        )
        for lv in rules.holder_levers[me]
        for o in lv.options
    ]


def _signals(rules: Rules, me: str) -> list[Move]:
    if not rules.max_signals:
        return []
    out = []
    for sig in rules.actor_signals[me]:
        targets: list[str | None] = (
            [a for a in rules.actor_ids if a != me] if sig.addressee else [None]
        )
        for t in targets:
            to = "" if t is None else f" at {_name(rules, t)}"
            action = {
                "type": "orders", "final": True, "levers": {},
                "signals": [{"signal": sig.id, "target": t}],
            }  # fmt: skip
            out.append(Move("signal", f"orders: keep policy, send {sig.name}{to}", action,
                            key=(sig.id, t or "")))  # fmt: skip
    return out


_BUILDERS: dict[str, Callable[[Rules, str], list[Move]]] = {
    "pass": _pass,
    "term": _terms,
    "package": _packages,
    "accept": _slots("accept", "accept the proposal awaiting my answer"),
    "reject": _slots("reject", "reject the proposal awaiting my answer"),
    "withdraw": _slots("withdraw", "withdraw my own open proposal"),
    "intent": _intents,
    "unsc_draft": _unsc_draft,
    "unsc_vote": _unsc_vote,
    "lever": _levers,
    "signal": _signals,
}
