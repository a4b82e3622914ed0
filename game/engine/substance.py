"""What a commitment counts as, and which commitments contradict each other.

A deal's substance is derived from what it commits to, with direction, never from the
mere presence of a lever in it:

- ``relief``: a sanctions commitment that holds its committer *below* its current
  enforcement in that sector (every option the commitment allows is lower);
- ``tightening``: one that holds it *above* its current enforcement;
- the scenario's own tags: a tag counts when *every* option the commitment allows carries
  it (``at_most freeze`` on a lever whose options below ``freeze`` are all tagged
  ``freeze`` counts as a freeze; ``at_least continue`` does not).

A commitment that changes nothing (``at_least`` the level already enforced, say) counts as
nothing: a hollow deal. Deadlines, objectives and effects read the ``deal.TAG`` and
``deal.TAG.ACTOR`` names these raise (see docs/rules.md).

Pure functions over compiled rules and plain dicts; nothing here changes a game.

>>> from game import load_scenario
>>> rules = load_scenario("korea-2019")
>>> policy = {"us": {"sanctions_coal_minerals": "maximum"}}
>>> c = {"actor": "us", "lever": "sanctions_coal_minerals", "option": "lax", "compare": "at_most"}
>>> counts_as(rules, policy, c)
('relief',)
>>> counts_as(rules, policy, {**c, "option": "maximum", "compare": "exactly"})
()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario.compile import DEAL_DERIVED, LeverRule, OptionRule, Rules, memo

if TYPE_CHECKING:
    from game.engine.state import State as Game  # the data the rules read

__all__ = [
    "DEAL_DERIVED",
    "acceptance_problem",
    "allowed",
    "allowed_ids",
    "changes",
    "contradiction",
    "contradicts",
    "counts_as",
    "counts_memo",
    "describe",
    "forbidden_signals",
    "in_force",
    "this_deal",
    "this_deal_read",
]


def allowed(lever: LeverRule, option: str, compare: str) -> tuple[OptionRule, ...]:
    """The options of ``lever`` a commitment to ``compare option`` allows."""
    promised = lever.by_id[option]
    if compare == "at_most":
        return tuple(o for o in lever.options if o.level <= promised.level)
    if compare == "at_least":
        return tuple(o for o in lever.options if o.level >= promised.level)
    return (promised,)


def _allowed_table(rules: Rules) -> dict[tuple[str, str, str], frozenset[str]]:
    """(lever, option, compare) -> the ids of :func:`allowed`, for every lever."""
    return {
        (lever.id, o.id, compare): frozenset(x.id for x in allowed(lever, o.id, compare))
        for lever in rules.levers
        for o in lever.options
        for compare in ("exactly", "at_most", "at_least")
    }


_allowed_memo = memo(_allowed_table)


def allowed_ids(rules: Rules, lever_id: str, option: str, compare: str) -> frozenset[str]:
    """The ids of :func:`allowed` (computed once per rules)."""
    return _allowed_memo(rules)[lever_id, option, compare]


def counts_as(
    rules: Rules, policy: dict[str, dict[str, str]], c: dict[str, Any]
) -> tuple[str, ...]:
    """What one term counts as, against the committer's policy now.

    Lever terms: see the module docstring. ``signals`` terms count as ``moratorium``;
    ``unsc`` terms as ``relief`` (on relax drafts) or ``tightening``; ``attend`` terms as
    ``attendance``.
    """
    kind = c.get("kind", "lever")
    if kind == "signals":
        return ("moratorium",)
    if kind == "unsc":
        return ("relief",) if c["direction"] == "relax" else ("tightening",)
    if kind == "attend":
        return ("attendance",)
    lever_id = c["lever"]
    # A pure function of (lever, option, compare, the actor's option now on a sanctions
    # lever): memoised per rules (random-bot games table thousands of terms).
    key = (lever_id, c["option"], c["compare"], policy[c["actor"]][lever_id])
    memo = counts_memo(rules)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _lever_counts_as(rules, c, key[3])
    return found


def _new_counts_memo(rules: Rules) -> dict[tuple[str, str, str, str], tuple[str, ...]]:
    """The memo of :func:`counts_as` for lever terms: (lever, option, compare, the actor's
    option now) -> what it counts as (filled as terms come up)."""
    return {}


counts_memo = memo(_new_counts_memo)


def _lever_counts_as(rules: Rules, c: dict[str, Any], now_id: str) -> tuple[str, ...]:
    lever = rules.lever_by_id[c["lever"]]
    options = allowed(lever, c["option"], c["compare"])
    out: list[str] = []
    if lever.sector is not None:
        now = lever.by_id[now_id].level
        if all(o.level < now for o in options):
            out.append("relief")
        elif all(o.level > now for o in options):
            out.append("tightening")
    tags = set(options[0].tags)
    for o in options[1:]:
        tags &= set(o.tags)
    out += [t for t in options[0].tags if t in tags and t not in out]
    return tuple(out)


def changes(rules: Rules, policy: dict[str, dict[str, str]], c: dict[str, Any]) -> bool:
    """Whether a term asks its actor for anything: a lever term that rules out the option
    it has now; every other kind (they rule out acts, votes, absence)."""
    if "lever" not in c:
        return True
    now = policy[c["actor"]][c["lever"]]
    return now not in allowed_ids(rules, c["lever"], c["option"], c["compare"])


def this_deal(
    rules: Rules, policy: dict[str, dict[str, str]], agreement: dict[str, Any]
) -> dict[str, float]:
    """The ``this_deal.*`` values of an agreement, which ``negotiation.deals.made`` and
    ``kept`` effects read: ``terms``, ``changes`` (terms that ask for something),
    ``hollow`` (1 if none does), ``inspections``, ``summit``, ``talks``, and 1 for each
    kind its terms count as (``this_deal.relief``, ``this_deal.freeze``, ...)."""
    terms = agreement["commitments"]
    n = agreement.get("changes")  # judged once, when the agreement was made
    if n is None:
        n = sum(1 for c in terms if changes(rules, policy, c))
    out = {
        "this_deal.terms": float(len(terms)),
        "this_deal.changes": float(n),
        "this_deal.hollow": 0.0 if n else 1.0,
        "this_deal.inspections": float(bool(agreement["inspections"])),
        "this_deal.summit": float(bool(agreement["summit"])),
        "this_deal.talks": float(bool(agreement["talks"])),
    }
    for c in terms:
        for tag in c["counts_as"]:
            out[f"this_deal.{tag}"] = 1.0
    return out


def this_deal_read(
    rules: Rules, policy: dict[str, dict[str, str]], agreement: dict[str, Any]
) -> dict[str, float]:
    """The ``this_deal.*`` values the scenario's expressions read (its
    ``this_deal_names``), each 0 when the deal has no such thing: what the engine sets
    while the deal's effects apply."""
    names = rules.this_deal_names
    if names <= _PLAIN:  # the usual case: no tag, so no need to build every value
        n = float(agreement["changes"])
        plain = {
            "this_deal.terms": float(len(agreement["commitments"])),
            "this_deal.changes": n,
            "this_deal.hollow": 0.0 if n else 1.0,
        }
        if names <= plain.keys():
            return {k: plain[k] for k in names}
    full = this_deal(rules, policy, agreement)
    return {k: full.get(k, 0.0) for k in names}


_PLAIN = frozenset(
    (
        "this_deal.terms",
        "this_deal.changes",
        "this_deal.hollow",
        "this_deal.inspections",
        "this_deal.summit",
        "this_deal.talks",
    )
)


def forbidden_signals(rules: Rules, c: dict[str, Any]) -> frozenset[str]:
    """The signal ids a ``signals`` term rules out for its actor."""
    rung, names = c["rung"], c["signals"]
    return frozenset(
        s.id
        for s in rules.actor_signals[c["actor"]]
        if (rung is not None and s.rung >= rung) or s.id in names
    )


def describe(rules: Rules, c: dict[str, Any]) -> str:
    """A term in words, e.g. ``United States: Sanctions: Coal at most Lax, months 2-4``."""
    last = c["start"] + c["months"] - 1
    span = f"month {c['start']}" if last == c["start"] else f"months {c['start']}-{last}"
    actor = rules.actors[c["actor"]].name
    after = c.get("after")
    if after:
        n = after["months"]
        span += f", once term {after['term'] + 1} has been kept {n} month{'s' if n != 1 else ''}"
    kind = c.get("kind", "lever")
    if kind == "signals":
        parts = []
        if c["rung"] is not None:
            parts.append(f"no signal at rung {c['rung']} or above")
        names = [rules.signal_by_id[x].name for x in c["signals"]]
        if names:
            parts.append("no " + ", ".join(names))
        return f"{actor}: {' and '.join(parts)} (a moratorium), {span}"
    if kind == "unsc":
        sector = next((x.name for x in rules.sectors if x.id == c["sector"]), "any sector")
        how = "vote yes on" if c["vote"] == "yes" else "not veto"
        return (
            f"{actor}: {how} Security Council drafts to {c['direction']} sanctions "
            f"({sector.lower() if c['sector'] else sector}), {span}"
        )
    if kind == "attend":
        return f"{actor}: attend the talks the deal sets"
    lever = rules.lever_by_id[c["lever"]]
    how = {"exactly": "", "at_most": "at most ", "at_least": "at least "}[c["compare"]]
    return f"{actor}: {lever.name} {how}{lever.by_id[c['option']].name}, {span}"


def contradicts(rules: Rules, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True if two commitments bind the same actor to incompatible terms on the same lever
    in overlapping months (no option satisfies both)."""
    if a["actor"] != b["actor"] or "lever" not in a or a.get("lever") != b.get("lever"):
        return False  # only lever terms can contradict: the others only rule things out
    if a["start"] >= b["start"] + b["months"] or b["start"] >= a["start"] + a["months"]:
        return False
    lever = a["lever"]
    return allowed_ids(rules, lever, a["option"], a["compare"]).isdisjoint(
        allowed_ids(rules, lever, b["option"], b["compare"])
    )


def contradiction(
    game: Game,
    term: dict[str, Any],
    earlier: list[dict[str, Any]],
    where: str,
    viewer: str,
    only_seen: bool = False,
    in_force: list[dict[str, Any]] | None = None,
) -> str | None:
    """Why ``term`` (at ``where``) cannot stand, or None: it contradicts one of ``earlier``
    (terms of the same proposal) or a term of an agreement in force binding the same actor.

    The sentence names both terms; an agreement ``viewer`` is not party to is not
    described (nor checked at all with ``only_seen``): the check must not reveal it.
    ``in_force``: the agreements in force, when the caller has them (see :func:`in_force`).
    """
    lever = term.get("lever")
    if lever is None:  # only lever terms can contradict
        return None
    rules = game.rules
    for j, other in enumerate(earlier):
        if contradicts(rules, term, other):
            return (
                f"{where} ({describe(rules, term)}) contradicts commitments.{j} "
                f"({describe(rules, other)}): no option keeps both"
            )
    actor = term["actor"]
    for ag in in_force if in_force is not None else game.agreements:
        if ag["status"] != "active" or actor not in ag["parties"]:
            continue
        seen = viewer in ag["parties"]
        if only_seen and not seen:
            continue
        for other in ag["commitments"]:
            if (
                other["actor"] == actor
                and other.get("lever") == lever
                and contradicts(rules, term, other)
            ):
                if seen:
                    return (
                        f"{where} ({describe(rules, term)}) contradicts agreement {ag['id']}'s "
                        f"term ({describe(rules, other)}), in force: no option keeps both"
                    )
                return (
                    f"{where} ({describe(rules, term)}) contradicts a commitment "
                    f"{rules.actors[actor].name} has made since, in force"
                )
    return None


def acceptance_problem(game: Game, actor: str, proposal: dict[str, Any]) -> str | None:
    """Why ``actor`` cannot accept ``proposal`` now, or None.

    Its own terms must not contradict its agreements in force; and the last acceptance,
    which makes the agreement, checks every term against the agreements in force (one
    made since the proposal was tabled may contradict it).
    """
    if not game.v.get("deals"):  # no agreement in force (the count refresh_deal_flags keeps)
        return None
    active = in_force(game)
    responses = proposal["responses"]
    last = all(responses.get(p) == "accept" for p in proposal["parties"] if p != actor)
    for i, c in enumerate(proposal["commitments"]):
        if last or c["actor"] == actor:
            problem = contradiction(game, c, [], f"commitments.{i}", actor, in_force=active)
            if problem:
                return problem
    return None


def in_force(game: Game) -> list[dict[str, Any]]:
    """The agreements in force now."""
    return [ag for ag in game.agreements if ag["status"] == "active"]
