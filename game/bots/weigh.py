"""Weighing a deal against no deal, by one actor's own lights: shared by the built-in bots.

A deal (a tabled proposal, or the terms of a message's intent) is worth to the actor
weighing it the sum of what each term does to it, measured from the scenario profile
(:mod:`game.bots.analysis`) and the scenario's objectives, never from actor or lever ids:

* a **lever term** moves its committer to the option it would pick within the term (the
  option itself for ``exactly``; for ``at_most``/``at_least`` its current option if that
  is allowed, else the allowed option best for it). What that move is worth to me comes
  from the profile. Another party's promise counts in full only if a breach would be
  *seen* (every option that breaks it is public, or the deal has inspections); otherwise
  it counts at the temper's ``trust_unseen``;
* a **moratorium** (``signals`` term) is worth the harm the worst signal it rules out
  would do, times the chance it would have been sent (:data:`SIGNAL_ODDS`); my own costs
  what those signals would have earned me, times the same chance;
* a **Security Council** term is worth a step of the committer's sanctions in that
  direction, by the profile, scaled by :data:`UNSC_SCALE`;
* **substance**: the ``deal.*`` flags the deal raises (``deal.freeze``, ``deal.relief``,
  ``deal.inspections``...) move objectives that read them (the US's "verified freeze",
  say); each actor's objectives are scored with and without them;
* a **summit** is worth the temper's ``summit_value``, less :data:`HOLLOW_SUMMIT` when
  nothing is signed at it;
* a term **sequenced** after another party's term (``after``) costs me only if that term
  is kept and seen kept: my cost is multiplied by that term's credence (and by
  :data:`SEQUENCED_COST`: paying second is safer than paying first).

The verdict (:attr:`Weighing.verdict`, with a :attr:`Weighing.reason` the words module
turns into a sentence) refuses, for every temper:

* ``covert``: a deal that commits me in writing to a covert option (sanctions-busting
  fuel, relabelled workers): covert acts are done, not signed;
* ``one_sided``: I change something and the others change nothing, yet they gain: a gift;
* ``unverified``: everything the others promise is unseen if broken (a freeze nobody
  inspects) while I pay something: I would be buying nothing; a temper that trusts
  unseen promises at less than half (hawks, reciprocators) refuses any deal in which part
  of what it buys is unseen (and counters with inspections);
* ``too_costly``: worth less than the temper's ``accept_margin``;
* ``lopsided``: the best-served other party gains far more than I do
  (more than ``fairness`` times my gain plus ``slack``).

:func:`counter` looks for a better version of a refused deal (add inspections, ask for
something back, drop a covert or costly term, sequence my terms after theirs) and
:func:`candidates` lists the deals an actor could propose to a partner, from the RL menu's
standard packages (:mod:`game.rl.packages`) plus a plain ask-and-give. The planner and any
other bot may call them with a :class:`Lens` of their own.

>>> from game import Game, load_scenario
>>> from game.bots.base import Context
>>> import random
>>> g = Game(load_scenario("korea-2019"), 1)
>>> lens = Lens.of(Context(g, "us", 0, random.Random(0)))
>>> freeze = {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze",
...           "compare": "at_most"}
>>> relief = {"actor": "us", "lever": "us_stance", "option": "step_by_step"}
>>> weigh(lens, {"commitments": [freeze, relief], "summit": True}).reason
'unverified'
>>> weigh(lens, {"commitments": [freeze, relief], "inspections": True}).verdict
'accept'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.bots.analysis import DOVE_WORDS, Profile, profile_of
from game.engine.substance import allowed, allowed_ids, changes, counts_as, forbidden_signals
from game.scenario.compile import memo

if TYPE_CHECKING:
    from game.bots.base import Context
    from game.scenario.compile import Rules

Term = dict[str, Any]


def _months_for(rules: Rules) -> int:
    # game.rl's package imports the tournament, which imports the bots: import late.
    from game.rl.packages import months_for as menu_months

    return menu_months(rules)


_MONTHS = memo(_months_for)


def months_for(rules: Rules) -> int:
    """How long a bot's deal terms last: :func:`game.rl.packages.months_for` (once per
    rules)."""
    return _MONTHS(rules)


SIGNAL_ODDS = 0.15
"""The chance, per deal, that a party would otherwise send the worst signal a moratorium
rules out (a moratorium is worth that share of the harm)."""
UNSC_SCALE = 0.5
"""A Security Council vote is worth this share of one step of the committer's sanctions."""
RELIEF_VALUE = 3.0
"""What a term that counts as ``relief`` is worth, at least, to the other parties: the
profile, measured in quiet games, cannot see what relief buys a sanctioned economy, so
relief is never weighed as a free gift."""
COUNTER_SLACK = 3.0
"""A counter may cost its proposer this many points (by the profile) against its own
proposal and still be worth offering."""
SEQUENCED_COST = 0.8
"""A cost of mine sequenced after another party's term (action for action) counts at this
share: I pay only once theirs is seen kept, so a phased deal beats the same deal paid up
front."""
HOLLOW_SUMMIT = 2.0
"""What a summit with nothing signed at it costs (Hanoi: prestige, trust and approval
lost, tension up), before a temper's taste for summits."""
ATTEND_VALUE = 0.2
"""Talks both sides turn up at: worth this much to each (trust, influence)."""


@dataclass(frozen=True)
class Temper:
    """How a character weighs deals and keeps them (see the module docstring)."""

    accept_margin: float = 0.0
    trust_unseen: float = 0.3
    fairness: float = 3.0
    slack: float = 3.0
    summit_value: float = 0.0
    keep_margin: float | None = None
    breach_fear: float = 10.0


NEUTRAL = Temper()
"""A plain temper."""
GUESS = Temper(accept_margin=-4.0, trust_unseen=1.0, fairness=99.0, slack=99.0)
"""How a bot guesses a partner would weigh a deal: by its profile gain, generously (it
cannot see the partner's temper or secret objectives): only a deal plainly against the
partner, or one that commits the partner to a covert act or gives nothing back, is
expected to fail."""


@dataclass
class Lens:
    """What the weigher knows: the rules, the profile, each actor's policy as it sees it,
    public values, and the deal flags already in force for it."""

    rules: Rules
    profile: Profile
    me: str
    month: int
    policy: Callable[[str], Mapping[str, str]]
    value: Callable[[str], float | None]
    flags: dict[str, float] = field(default_factory=dict)
    secret: tuple[str, ...] = ()
    seen_by: dict[str, Lens] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, ctx: Context, profile: Profile | None = None) -> Lens:
        """The lens of a bot's decision context (its own policy exact, others' as last
        seen, the flags of its agreements in force, its own secret objectives)."""
        rules = ctx.rules
        prof = profile or profile_of(rules)
        seen = ctx.last_orders()
        mine = ctx.policy
        cache: dict[str, Mapping[str, str]] = {ctx.actor: mine}

        def policy(actor: str) -> Mapping[str, str]:
            got = cache.get(actor)
            if got is None:
                known = seen.get(actor, {}).get("levers", {})
                got = cache[actor] = {
                    lv.id: known.get(lv.id, lv.default[actor]) for lv in rules.holder_levers[actor]
                }
            return got

        flags: dict[str, float] = {}
        for ag in ctx.agreements():
            if ag["inspections"]:
                flags["deal.inspections"] = 1.0
            for c in ag["commitments"]:
                for tag in c.get("counts_as", ()):
                    flags[f"deal.{tag}"] = flags[f"deal.{tag}.{c['actor']}"] = 1.0
        return cls(rules, prof, ctx.actor, ctx.month, policy, ctx.value, flags, ctx.secret())

    def as_seen_by(self, other: str) -> Lens:
        """The same knowledge, weighed for ``other`` (to guess whether it would accept)."""
        got = self.seen_by.get(other)
        if got is None:
            got = self.seen_by[other] = Lens(
                self.rules,
                self.profile,
                other,
                self.month,
                self.policy,
                self.value,
                self.flags,
            )
        return got


@dataclass
class Weighing:
    """What a deal is worth to one actor, and its verdict."""

    worth: float
    theirs: dict[str, float]
    gives: list[tuple[Term, float]]
    gets: list[tuple[Term, float]]
    unseen: list[Term]
    covert: list[Term]
    verdict: str  # "accept" or "reject"
    reason: str  # worth_it, covert, one_sided, unverified, too_costly, lopsided, nothing

    @property
    def accept(self) -> bool:
        """True when the verdict is to accept."""
        return self.verdict == "accept"


def _term(rules: Rules, month: int, c: Mapping[str, Any]) -> Term:
    """A term with the engine's defaults filled in."""
    kind = c.get("kind", "lever")
    out: Term = {"start": month, "months": months_for(rules), **c}
    if kind == "lever":
        out.setdefault("compare", "exactly")
    elif kind == "signals":
        out.setdefault("rung", None)
        out["signals"] = out.get("signals") or []
    return out


def picked(lens: Lens, c: Term) -> str:
    """The option a lever term's committer would pick within it."""
    rules = lens.rules
    now = lens.policy(c["actor"])[c["lever"]]
    if now in allowed_ids(rules, c["lever"], c["option"], c["compare"]):
        return now
    lever = rules.lever_by_id[c["lever"]]
    ok = allowed(lever, c["option"], c["compare"])
    prof = lens.profile
    who = c["actor"]
    return max(ok, key=lambda o: prof.delta[(who, lever.id, o.id)][who]).id


def seen_if_broken(lens: Lens, c: Term, inspections: bool) -> bool:
    """Whether a breach of the term would be seen: always for signals, votes and
    attendance; for a lever, when every option that breaks it is public (and, on a
    sanctions lever, not below the UN level), or with inspections."""
    if inspections or c.get("kind", "lever") != "lever":
        return True
    lever = lens.rules.lever_by_id[c["lever"]]
    ok = {o.id for o in allowed(lever, c["option"], c["compare"])}
    un = lens.value(f"un.{lever.sector}") if lever.sector is not None else None
    for o in lever.options:
        if o.id in ok:
            continue
        if o.covert or (un is not None and o.level < un):
            return False
    return True


def is_covert(lens: Lens, c: Term, pick: str | None = None) -> bool:
    """Whether the option a lever term's committer would pick is a secret act: a covert
    option (unless the scenario tags it as restraint, like a freeze, which is covert only
    because it cannot be seen), or sanctions enforcement below the UN level
    (sanctions-busting). ``pick``: that option, when the caller knows it."""
    lever = lens.rules.lever_by_id[c["lever"]]
    opt = lever.by_id[pick if pick is not None else picked(lens, c)]
    if opt.covert and not DOVE_WORDS.intersection(opt.tags):
        return True
    un = lens.value(f"un.{lever.sector}") if lever.sector is not None else None
    return un is not None and opt.level < un


def _lever_gain(lens: Lens, c: Term, to: str) -> float:
    who, lever = c["actor"], c["lever"]
    return lens.profile.gain(who, lever, picked(lens, c), lens.policy(who)[lever], to)


def _signals_gain(lens: Lens, c: Term, to: str) -> float:
    who = c["actor"]
    ruled = forbidden_signals(lens.rules, c)
    if not ruled:
        return 0.0
    delta = lens.profile.delta
    worst = max(-delta[(who, "signal", s)][to] for s in ruled)
    if to == who:  # what the sender loses: the best of them it can no longer send
        return -SIGNAL_ODDS * max(0.0, max(delta[(who, "signal", s)][to] for s in ruled))
    return SIGNAL_ODDS * max(0.0, worst)


def _unsc_gain(lens: Lens, c: Term, to: str) -> float:
    rules = lens.rules
    who = c["actor"]
    sectors = [s for s in rules.sectors if c.get("sector") in (None, s.id)]
    total = 0.0
    for s in sectors:
        lever = next((lv for lv in rules.holder_levers[who] if lv.sector == s.id), None)
        if lever is None:
            continue
        now = lens.policy(who)[lever.id]
        i = [o.id for o in lever.options].index(now)
        j = i + 1 if c.get("direction") == "tighten" else i - 1
        if 0 <= j < len(lever.options):
            total += lens.profile.gain(who, lever.id, lever.options[j].id, now, to)
    return UNSC_SCALE * total / max(1, len(sectors))


def term_gain(lens: Lens, c: Term, to: str) -> float:
    """Points ``to`` gains from ``c`` being kept (before credence and substance)."""
    kind = c.get("kind", "lever")
    if kind == "lever":
        return _lever_gain(lens, c, to)
    if kind == "signals":
        return _signals_gain(lens, c, to)
    if kind == "unsc":
        return _unsc_gain(lens, c, to)
    return ATTEND_VALUE if to != c["actor"] else 0.0


def _objective_points(lens: Lens, actor: str, v: dict[str, float]) -> float:
    rules = lens.rules
    objs = list(rules.objectives.get(actor, ()))
    if actor == lens.me and lens.secret:
        objs += [o for o in rules.secret_pool.get(actor, ()) if o.id in lens.secret]
    total = sum(o.weight for o in objs) or 1.0
    s = 0.0
    for o in objs:
        x = o.score(v)
        s += o.weight * (0.0 if x < 0 else 1.0 if x > 1 else x)
    return 100.0 * s / total


def substance_gain(
    lens: Lens,
    terms: list[Term],
    inspections: bool,
    to: str,
    tags_of: list[Any] | None = None,
) -> float:
    """Points ``to``'s objectives gain from the ``deal.*`` flags the deal raises (scored
    over the scenario's starting values, so nothing hidden is read). ``tags_of``: each
    term's ``counts_as`` tags, when the caller has them already."""
    rules = lens.rules
    if tags_of is None:
        policies = {a: dict(lens.policy(a)) for a in {c["actor"] for c in terms}}
        tags_of = [
            c["counts_as"] if c.get("counts_as") is not None else counts_as(rules, policies, c)
            for c in terms
        ]
    new: dict[str, float] = {}
    for c, tags in zip(terms, tags_of, strict=True):
        for tag in tags:
            new[f"deal.{tag}"] = new[f"deal.{tag}.{c['actor']}"] = 1.0
    if inspections and terms:
        new["deal.inspections"] = 1.0
    if not new:
        return 0.0
    # Objective points depend only on who (with the secret objectives counted, if its
    # own), the flags in force and the flags raised: memoized per rules, for every lens.
    memo = _POINTS(rules)
    secret = lens.secret if to == lens.me else ()
    held = frozenset(lens.flags.items())
    key = (to, secret, held, frozenset(new))
    after = memo.get(key)
    if after is None:
        after = memo[key] = _objective_points(lens, to, {**rules.initial, **lens.flags, **new})
    key = (to, secret, held, frozenset())
    before = memo.get(key)
    if before is None:
        before = memo[key] = _objective_points(lens, to, {**rules.initial, **lens.flags})
    return after - before


_POINTS: Callable[[Rules], dict[tuple[Any, ...], float]] = memo(lambda _rules: {})
"""Objective points by (actor, its secret objectives counted, flags in force, flags
raised), per rules: see :func:`substance_gain`."""


def weigh(lens: Lens, prop: Mapping[str, Any], temper: Temper = NEUTRAL) -> Weighing:
    """What ``prop`` (``commitments``, ``inspections``, ``summit``, ``talks``) is worth to
    ``lens.me``, and whether to accept it (see the module docstring)."""
    rules = lens.rules
    me = lens.me
    inspections = bool(prop.get("inspections"))
    terms = [_term(rules, lens.month, c) for c in prop.get("commitments", ())]
    named = {*prop.get("to", ()), *prop.get("parties", ())}
    proposer = prop.get("proposer") or prop.get("from")
    if proposer:
        named.add(proposer)
    others = sorted({c["actor"] for c in terms} | named)
    others = [a for a in others if a != me and a in rules.actors]
    policies = {a: dict(lens.policy(a)) for a in {c["actor"] for c in terms}}
    tags_of = [
        c["counts_as"] if c.get("counts_as") is not None else counts_as(rules, policies, c)
        for c in terms
    ]
    gain = lens.profile.gain
    credence: list[float] = []
    for c in terms:
        seen = seen_if_broken(lens, c, inspections)
        credence.append(1.0 if c["actor"] == me or seen else temper.trust_unseen)
    worth = 0.0
    theirs = {a: 0.0 for a in others}
    gives: list[tuple[Term, float]] = []
    gets: list[tuple[Term, float]] = []
    unseen: list[Term] = []
    covert: list[Term] = []
    for i, c in enumerate(terms):
        mine = c["actor"] == me
        lever_term = c.get("kind", "lever") == "lever"
        if lever_term:  # the committer's pick, once for every party's gain
            who, lid = c["actor"], c["lever"]
            pick, now = picked(lens, c), lens.policy(who)[lid]
            g = gain(who, lid, pick, now, me)
        else:
            g = term_gain(lens, c, me)
        moved = changes(rules, policies, c)
        if mine:
            after = c.get("after")
            if after is not None and 0 <= after.get("term", -1) < len(terms):
                g *= credence[after["term"]]
                if g < 0:  # paid only once theirs is seen kept: less risk than paying first
                    g *= SEQUENCED_COST
            if lever_term and is_covert(lens, c, pick):
                covert.append(c)
            if moved:
                gives.append((c, g))
        else:
            g *= credence[i]
            if moved:
                gets.append((c, g))
                if credence[i] < 1.0:
                    unseen.append(c)
        worth += g
        given = c.get("counts_as")  # an empty list given is read afresh, as before
        if given:
            relief = "relief" in given
        elif given is None:
            relief = "relief" in tags_of[i]
        else:
            relief = "relief" in counts_as(rules, policies, c)
        for a in others:
            ga = gain(who, lid, pick, now, a) if lever_term else term_gain(lens, c, a)
            if relief and a != c["actor"]:
                ga = max(ga, RELIEF_VALUE)
            theirs[a] += ga
    worth += substance_gain(lens, terms, inspections, me, tags_of)
    for a in others:
        theirs[a] += substance_gain(lens, terms, inspections, a, tags_of)
    if prop.get("summit"):
        worth += temper.summit_value - (HOLLOW_SUMMIT if not terms else 0.0)
    their_best = max(theirs.values(), default=0.0)
    reason = "worth_it"
    if covert:
        reason = "covert"
    elif gives and not gets and their_best > 0.5:
        reason = "one_sided"
    elif gives and gets and (len(unseen) == len(gets) or (unseen and temper.trust_unseen < 0.5)):
        reason = "unverified"
    elif not terms and not prop.get("summit") and not prop.get("talks"):
        reason = "nothing"
    elif worth < temper.accept_margin:
        reason = "too_costly"
    elif their_best > temper.fairness * max(worth, 0.0) + temper.slack:
        reason = "lopsided"
    verdict = "accept" if reason == "worth_it" else "reject"
    return Weighing(worth, theirs, gives, gets, unseen, covert, verdict, reason)


def _their_best_term(lens: Lens, them: str, exclude: list[Term]) -> Term | None:
    """The term of ``them`` most worth to me that a breach of would be seen: a lever
    option (public ones) or their moratorium."""
    rules = lens.rules
    m = months_for(rules)
    taken = {(c.get("lever"), c.get("kind", "lever")) for c in exclude if c["actor"] == them}
    best: Term | None = None
    best_gain = 0.5
    options: list[Term] = []
    for lv in rules.holder_levers[them]:
        if (lv.id, "lever") in taken:
            continue
        for o in lv.options:
            if not o.covert:
                options.append({"actor": them, "lever": lv.id, "option": o.id, "months": m})
    rungs = sorted({s.rung for s in rules.actor_signals[them] if s.breaks_moratorium})
    if rungs and (None, "signals") not in taken:
        options.append({"kind": "signals", "actor": them, "rung": rungs[0], "months": m})
    for c in options:
        t = _term(rules, lens.month, c)
        if not seen_if_broken(lens, t, False):
            continue
        g = term_gain(lens, t, lens.me)
        if g > best_gain:
            best, best_gain = c, g
    return best


def _uncovert(lens: Lens, c: Term) -> Term | None:
    """My covert lever term replaced by the nearest public option, or None."""
    lever = lens.rules.lever_by_id[c["lever"]]
    target = lever.by_id[c["option"]].level
    un = lens.value(f"un.{lever.sector}") if lever.sector is not None else None
    public = [o for o in lever.options if not o.covert and (un is None or o.level >= un)]
    if not public:
        return None
    best = min(public, key=lambda o: (abs(o.level - target), -o.level))
    return {**c, "option": best.id, "compare": "exactly"}


def counter(
    lens: Lens, prop: Mapping[str, Any], temper: Temper = NEUTRAL, partner_temper: Temper = GUESS
) -> dict[str, Any] | None:
    """A better version of ``prop`` for ``lens.me`` that its proposer might still accept:
    the ``propose`` fields (``commitments``, ``inspections``, ``summit``, ``talks``) and
    ``why`` (what changed: ``inspections``, ``ask``, ``uncovert``, ``drop``, ``sequence``),
    or None when no such change helps."""
    rules = lens.rules
    me = lens.me
    base = [dict(c) for c in prop.get("commitments", ())]
    for c in base:
        for k in ("counts_as", "text"):
            c.pop(k, None)
    others = sorted({c["actor"] for c in base if c["actor"] != me} | set(prop.get("to", ())))
    proposer = prop.get("proposer") or prop.get("from")
    if proposer and proposer != me and proposer not in others:
        others.append(proposer)
    others = [a for a in others if a != me]
    if not others:
        return None
    them = str(proposer) if proposer in others else others[0]
    flags = {
        "inspections": bool(prop.get("inspections")),
        "summit": bool(prop.get("summit")),
        "talks": bool(prop.get("talks")),
    }
    tries: list[tuple[str, list[Term], dict[str, bool]]] = []
    covert_ids = [
        i
        for i, c in enumerate(base)
        if c["actor"] == me
        and c.get("kind", "lever") == "lever"
        and is_covert(lens, _term(rules, lens.month, c))
    ]
    terms = list(base)
    if covert_ids:
        fixed = [_uncovert(lens, c) if i in covert_ids else c for i, c in enumerate(terms)]
        terms = [c for c in fixed if c is not None]
        tries.append(("uncovert", terms, flags))
    if not flags["inspections"]:
        tries.append(("inspections", terms, {**flags, "inspections": True}))
    ask = _their_best_term(lens, them, terms)
    if ask is not None:
        tries.append(("ask", [*terms, ask], flags))
        if not flags["inspections"]:
            tries.append(("ask", [*terms, ask], {**flags, "inspections": True}))
    mine = [i for i, c in enumerate(terms) if c["actor"] == me]
    theirs_idx = [i for i, c in enumerate(terms) if c["actor"] != me]
    if mine and theirs_idx:
        seq = [
            {**c, "after": {"term": theirs_idx[0], "months": 1}} if i in mine else c
            for i, c in enumerate(terms)
        ]
        tries.append(("sequence", seq, {**flags, "inspections": True}))
    if len(mine) > 1:
        worst = min(mine, key=lambda i: term_gain(lens, _term(rules, lens.month, terms[i]), me))
        kept = [c for i, c in enumerate(terms) if i != worst]
        tries.append(("drop", kept, flags))
    theirs = lens.as_seen_by(them)
    before = weigh(theirs, {**prop, "to": [me]}, partner_temper).worth
    for why, cand, fl in tries:
        fields = {"commitments": cand, **fl, "to": [them]}
        if not weigh(lens, fields, temper).accept:
            continue
        guess = weigh(theirs, {**fields, "to": [me]}, partner_temper)
        # The proposer wanted its own deal: a counter close to it may still suit it.
        if guess.accept or (
            guess.reason not in ("covert", "one_sided") and guess.worth >= before - COUNTER_SLACK
        ):
            return {**fields, "why": why}
    return None


def candidates(lens: Lens, them: str) -> list[dict[str, Any]]:
    """Deals ``lens.me`` could propose to ``them``: the standard packages the scenario can
    express for the pair (freeze for relief, action for action, dual suspension, joint
    enforcement, a summit, talks), each as ``propose`` fields with ``package`` naming it."""
    menu = _MENU(lens.rules)
    built = menu.get((lens.me, them))
    if built is None:
        from game.rl.packages import PACKAGES  # late: see months_for

        built = menu[(lens.me, them)] = []
        for pid, build in PACKAGES:
            fields = build(lens.rules, lens.me, them)
            if fields is not None:
                built.append({**fields, "to": [them], "package": pid})
    # Fresh copies: what a caller does with a deal must not change the menu.
    return [{**f, "commitments": [_copy_term(c) for c in f["commitments"]]} for f in built]


def _copy_term(c: Term) -> Term:
    """A term with its own lists and dicts (``after``, ``signals``)."""
    return {
        k: dict(v) if type(v) is dict else list(v) if type(v) is list else v for k, v in c.items()
    }


_MENU: Callable[[Rules], dict[tuple[str, str], list[dict[str, Any]]]] = memo(lambda _rules: {})
"""The standard packages per (proposer, partner), built once per rules: see
:func:`candidates`."""


def best_offer(
    lens: Lens,
    them: str,
    temper: Temper,
    partner_temper: Temper = GUESS,
    extra: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> tuple[dict[str, Any], Weighing] | None:
    """The candidate deal (see :func:`candidates`, plus ``extra``) worth most to me that I
    would accept and that ``them`` would, by my guess of its weighing, accept too."""
    best: tuple[dict[str, Any], Weighing] | None = None
    for fields in [*candidates(lens, them), *extra]:
        if not fields.get("commitments") and not fields.get("summit"):
            continue
        mine = weigh(lens, fields, temper)
        if not mine.accept or mine.worth <= 0.0:  # propose only what it gains from
            continue
        guess = weigh(lens.as_seen_by(them), {**fields, "to": [lens.me]}, partner_temper)
        if not guess.accept:
            continue
        if best is None or mine.worth > best[1].worth:
            best = (fields, mine)
    return best
