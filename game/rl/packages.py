"""The bargains the RL menu offers: single commitments by kind, and standard packages.

Everything here is derived from the scenario's rules (levers and their tags and levels,
signals and their rungs, sanctions sectors, the Security Council), never from
Korea-specific names, and written as the engine's own ``propose`` fields and term dicts
(see ``game/engine/actions.py`` and docs/rules.md), so the engine checks them as it
checks anyone's.

* ``TERM_KINDS``: each kind of single commitment an actor can make (a lever option, a
  test moratorium from a rung up). A new kind the engine learns is one more entry.
* ``PACKAGES``: standard bargains between two actors (talks, summit, freeze for relief,
  action for action, dual suspension, joint enforcement), each only where the scenario
  can express it for that pair.

Pure functions; nothing here touches a game.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.scenario.compile import LeverRule, Rules

DEAL_MONTHS = 3
"""How long the commitments of a proposal from the menu last (capped by the scenario)."""


Package = Callable[[Rules, str, str], dict[str, Any] | None]
"""A standard package: (rules, me, counterpart) -> the ``propose`` fields
(``commitments``, ``inspections``, ``summit``, ``talks``, ``text``), or ``None`` when the
scenario cannot express it for these two actors."""


def _commit(actor: str, lever: str, option: str, compare: str, months: int) -> dict[str, Any]:
    return {"actor": actor, "lever": lever, "option": option, "compare": compare, "months": months}


def _moratorium(actor: str, rung: int, months: int) -> dict[str, Any]:
    return {"kind": "signals", "actor": actor, "rung": rung, "months": months}


def months_for(rules: Rules) -> int:
    """How long a menu commitment lasts in this scenario."""
    return max(1, min(DEAL_MONTHS, rules.negotiation.max_deal_months))


def _freeze(rules: Rules, actor: str) -> tuple[LeverRule, str] | None:
    """The actor's freeze: the least demanding option tagged ``freeze`` of its levers."""
    for lv in rules.holder_levers[actor]:
        tagged = [o for o in lv.options if "freeze" in o.tags]
        if tagged:
            return lv, max(tagged, key=lambda o: o.level).id
    return None


def _relief(rules: Rules, actor: str, months: int) -> list[dict[str, Any]]:
    """The actor's relief: at least its mildest ``relief``-tagged option on each lever that
    has one; without any, its sanctions enforcement at most the second-lowest level. A
    permanent member of a Security Council also promises not to veto relief."""
    out = []
    for lv in rules.holder_levers[actor]:
        tagged = [o for o in lv.options if "relief" in o.tags]
        if tagged:
            mildest = min(tagged, key=lambda o: o.level)
            out.append(_commit(actor, lv.id, mildest.id, "at_least", months))
    if not out:
        for lv in rules.holder_levers[actor]:
            if lv.sector is not None and len(lv.options) > 1:
                out.append(_commit(actor, lv.id, lv.options[1].id, "at_most", months))
    if out and rules.unsc and actor in rules.p5:
        out.append(
            {
                "kind": "unsc",
                "actor": actor,
                "sector": None,
                "direction": "relax",
                "vote": "no_veto",
                "months": months,
            }  # fmt: skip
        )
    return out


def _rungs(rules: Rules, actor: str) -> list[int]:
    """The rungs above 0 of the signals ``actor`` can send, lowest first."""
    return sorted({s.rung for s in rules.actor_signals[actor] if s.rung > 0})


def _suspension(rules: Rules, actor: str, months: int) -> list[dict[str, Any]]:
    """The actor's test moratorium: no signal at or above the lowest rung of its signals
    that break the scenario's moratorium (none: empty)."""
    breaking = [s.rung for s in rules.actor_signals[actor] if s.breaks_moratorium]
    return [_moratorium(actor, min(breaking), months)] if breaking else []


def _restraint(rules: Rules, actor: str, months: int) -> list[dict[str, Any]]:
    """The actor's restraint: on each of its levers that is a ladder (an option raises
    tension, and the lowest option raises it least), that lowest option; and no signal
    above rung 0 (shows of force)."""
    out = []
    tension = rules.tension_key
    for lv in rules.holder_levers[actor]:
        if lv.sector is not None:
            continue
        raise_by = []
        for o in lv.options:
            delta = 0.0
            for effect in o.effects.get(actor, ()):
                value = effect.const
                if effect.key == tension and value is not None:
                    delta += value
            raise_by.append((delta, o.level, o.id))
        least = min(raise_by)
        if max(d for d, _, _ in raise_by) > 0 and least[2] == lv.options[0].id:
            out.append(_commit(actor, lv.id, least[2], "exactly", months))
    rungs = _rungs(rules, actor)
    if out and rungs:
        out.append(_moratorium(actor, rungs[0], months))
    return out


def _two_sided(
    me: str,
    them: str,
    first: Callable[[str], list[dict[str, Any]]],
    second: Callable[[str], list[dict[str, Any]]],
) -> list[dict[str, Any]] | None:
    """``first`` of one party then ``second`` of the other, or None if either is empty.
    Tried with me first, then with them first."""
    for a, b in ((me, them), (them, me)):
        x = first(a)
        if x:
            y = second(b)
            if y:
                return x + y
    return None


def _freeze_terms(rules: Rules, actor: str, months: int) -> list[dict[str, Any]]:
    found = _freeze(rules, actor)
    if found is None:
        return []
    lever, option = found
    return [_commit(actor, lever.id, option, "at_most", months)]


def fields_of(terms: list[dict[str, Any]], text: str, **flags: bool) -> dict[str, Any]:
    """The ``propose`` fields of a proposal with ``terms`` (and ``flags``)."""
    return {
        "commitments": terms,
        "inspections": flags.get("inspections", False),
        "summit": flags.get("summit", False),
        "talks": flags.get("talks", False),
        "text": text,
    }


def freeze_for_relief(rules: Rules, me: str, them: str) -> dict[str, Any] | None:
    """One side freezes (at most its ``freeze`` option), the other gives relief; with
    inspections, so that the freeze can be checked."""
    m = months_for(rules)
    terms = _two_sided(
        me, them, lambda a: _freeze_terms(rules, a, m), lambda b: _relief(rules, b, m)
    )
    return None if terms is None else fields_of(terms, "Freeze for relief", inspections=True)


def action_for_action(rules: Rules, me: str, them: str) -> dict[str, Any] | None:
    """Freeze for relief in phases: the relief starts once the freeze has been kept, and
    seen kept, for a month (sequenced terms); with inspections."""
    m = months_for(rules)
    terms = _two_sided(
        me, them, lambda a: _freeze_terms(rules, a, m), lambda b: _relief(rules, b, m)
    )
    if terms is None:
        return None
    phased = [terms[0]] + [{**t, "after": {"term": 0, "months": 1}} for t in terms[1:]]
    return fields_of(phased, "Action for action", inspections=True)


def dual_suspension(rules: Rules, me: str, them: str) -> dict[str, Any] | None:
    """One side stops testing (a moratorium on the signals that break the scenario's
    moratorium), the other suspends what raises tension (see :func:`_restraint`)."""
    m = months_for(rules)
    terms = _two_sided(
        me, them, lambda a: _suspension(rules, a, m), lambda b: _restraint(rules, b, m)
    )
    return None if terms is None else fields_of(terms, "Dual suspension")


def joint_enforcement(rules: Rules, me: str, them: str) -> dict[str, Any] | None:
    """Both enforce sanctions: at least the second-highest level on every sector each
    holds (and permanent members vote for drafts that tighten)."""
    m = months_for(rules)
    terms: list[dict[str, Any]] = []
    for a in (me, them):
        mine = [
            _commit(a, lv.id, lv.options[-2].id, "at_least", m)
            for lv in rules.holder_levers[a]
            if lv.sector is not None and len(lv.options) > 1
        ]
        if not mine:
            return None
        if rules.unsc and a in rules.p5:
            mine.append(
                {
                    "kind": "unsc",
                    "actor": a,
                    "sector": None,
                    "direction": "tighten",
                    "vote": "yes",
                    "months": m,
                }  # fmt: skip
            )
        terms += mine
    return fields_of(terms, "Joint enforcement")


def summit(rules: Rules, me: str, them: str) -> dict[str, Any] | None:
    """A leaders' summit, nothing else."""
    return fields_of([], "Summit", summit=True)


def talks(rules: Rules, me: str, them: str) -> dict[str, Any] | None:
    """Working-level talks both sides promise to attend (standing up is a breach)."""
    attend = [{"kind": "attend", "actor": a} for a in (me, them)]
    return fields_of(attend, "Talks", talks=True)


PACKAGES: tuple[tuple[str, Package], ...] = (
    ("talks", talks),
    ("summit", summit),
    ("freeze_for_relief", freeze_for_relief),
    ("action_for_action", action_for_action),
    ("dual_suspension", dual_suspension),
    ("joint_enforcement", joint_enforcement),
)
"""The standard packages, in menu order: (id, builder)."""


TermBuilder = Callable[[Rules, str, int], list[tuple[dict[str, Any], tuple[str, ...], str]]]
"""One kind of single commitment: (rules, committer, months) -> ``(term, key, words)`` for
each term of that kind the committer can make (``words`` follow "I/you commit to")."""


def lever_terms(
    rules: Rules, who: str, months: int
) -> list[tuple[dict[str, Any], tuple[str, ...], str]]:
    """Every option of every lever ``who`` holds, ``exactly``."""
    return [
        (_commit(who, lv.id, o.id, "exactly", months), (lv.id, o.id), f"{lv.name} = {o.name}")
        for lv in rules.holder_levers[who]
        for o in lv.options
    ]


def moratorium_terms(
    rules: Rules, who: str, months: int
) -> list[tuple[dict[str, Any], tuple[str, ...], str]]:
    """No signal at or above each rung (above 0) of ``who``'s signals."""
    out: list[tuple[dict[str, Any], tuple[str, ...], str]] = []
    for rung in _rungs(rules, who):
        names = ", ".join(s.name for s in rules.actor_signals[who] if s.rung >= rung)
        out.append((_moratorium(who, rung, months), ("moratorium", str(rung)),
                    f"no signal at rung {rung} or above ({names})"))  # fmt: skip
    return out


TERM_KINDS: tuple[tuple[str, TermBuilder], ...] = (
    ("lever", lever_terms),
    ("signals", moratorium_terms),
)
"""The kinds of single commitment the ``term`` section offers, in menu order. A new
kind of commitment the engine learns is one more entry here (and, if it is a standard
bargain, one more package)."""
