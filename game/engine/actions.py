"""Handlers of each action type: check legality, then change the game.

Each handler checks everything before it changes anything, so a refused action leaves
the game exactly as it was. Handlers take the game and the action dict.
"""

from __future__ import annotations

import math
from typing import Any

from game.engine.resolution import (
    apply_effects,
    fire_event,
    refresh_deal_flags,
    resolve_month,
)
from game.engine.state import Action, State
from game.engine.substance import (
    acceptance_problem,
    changes,
    contradiction,
    counts_as,
    counts_memo,
    describe,
    in_force,
    this_deal_read,
)
from game.engine.tables import tables as _tables
from game.errors import IllegalAction
from game.scenario.compile import Effect


def _actors_list(game: State, action: Action, field: str, me: str) -> list[str]:
    value = action.get(field)
    if value is None or value == "public" or (isinstance(value, list) and not value):
        return []
    actors = game.rules.actors
    if type(value) is list and len(value) == 1:  # fast path: one addressee, all fine
        a = value[0]
        if type(a) is str and a != me and a in actors:
            return [a]
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise IllegalAction(f"'{field}' must be a list of actor ids", "bad_field", field)
    for a in value:
        if a not in actors:
            raise IllegalAction(f"unknown actor '{a}' in '{field}'", "unknown_actor", field)
        if a == me:
            raise IllegalAction(f"'{field}' must not include yourself", "bad_field", field)
    return sorted(set(value), key=_tables(game.rules).rank.__getitem__)


def _text(game: State, action: Action, field: str = "text", required: bool = True) -> str:
    text = action.get(field, "")
    if not isinstance(text, str):
        raise IllegalAction(f"'{field}' must be a string", "bad_field", field)
    if required and (not text or text.isspace()):
        raise IllegalAction(f"'{field}' is empty", "bad_field", field)
    limit = game.rules.negotiation.max_message_chars
    if len(text) > limit:
        raise IllegalAction(f"'{field}' is longer than {limit} characters", "too_long", field)
    return text


def message(game: State, action: Action) -> None:
    """Send a chat message: ``to`` = [] for public, or a list of actors (private/group)."""
    if game.phase not in ("negotiation", "orders"):
        game.need("negotiation", action)
    me = action["actor"]
    to = _actors_list(game, action, "to", me)
    text = _text(game, action)
    raw = action.get("intent")
    intent = None if raw is None else _intent(game, raw, me)
    mid = game._id((me, *to) if to else ())
    msg = {"id": mid, "month": game.month, "from": me, "to": to, "text": text}
    if intent is not None:
        msg["intent"] = intent
    game.messages.append(msg)


INTENT_KINDS = ("offer", "request", "warn", "promise", "accept", "reject")
"""What a message's structured intent may say (see docs/protocol.md, "Intents")."""


def _intent(game: State, raw: Any, me: str) -> dict[str, Any]:
    """Check a message's intent: ``{kind, terms, proposal, inspections, summit}``. Terms
    are checked as a proposal's are (actor, lever, option, months), but nothing is
    agreed, so they are not checked against deals in force; the record lists every field."""
    if not isinstance(raw, dict):
        raise IllegalAction("'intent' must be an object", "bad_field", "intent")
    unknown = set(raw) - {"kind", "terms", "proposal", "inspections", "summit"}
    if unknown:
        field = f"intent.{sorted(unknown)[0]}"
        raise IllegalAction(f"unknown field '{field}'", "bad_field", field)
    kind = raw.get("kind")
    if kind not in INTENT_KINDS:
        raise IllegalAction(
            f"'intent.kind' must be one of {', '.join(INTENT_KINDS)}", "bad_field", "intent.kind"
        )
    proposal = raw.get("proposal")
    if proposal is not None:
        prop = game.proposals.get(proposal) if type(proposal) is int else None
        if prop is None or me not in prop["parties"]:
            raise IllegalAction(
                f"'intent.proposal' must be a proposal you are party to, not {proposal!r}",
                "bad_field",
                "intent.proposal",
            )
    flags = {}
    for f in ("inspections", "summit"):
        value = raw.get(f, False)
        if not isinstance(value, bool):
            raise IllegalAction(f"'intent.{f}' must be true or false", "bad_field", f"intent.{f}")
        flags[f] = value
    terms_raw = raw.get("terms", [])
    if not isinstance(terms_raw, list):
        raise IllegalAction("'intent.terms' must be a list", "bad_field", "intent.terms")
    terms: list[dict[str, Any]] = []
    for i in range(len(terms_raw)):
        term = _term(game, terms_raw, i, f"intent.terms.{i}")
        term["text"] = describe(game.rules, term)
        terms.append(term)
    return {"kind": kind, "terms": terms, "proposal": proposal, **flags}


def _term(game: State, raw: list[Any], i: int, where: str) -> dict[str, Any]:
    """Check term ``i`` of ``raw`` (a proposal's commitments or an intent's terms), the
    same for both: an object with a known ``actor``, a ``kind`` (default ``lever``) whose
    checker in :data:`_TERM_KINDS` checks the rest, ``months`` (1..the scenario's
    ``max_deal_months``, default 3), ``start`` (this month or later, the default) and
    ``after`` (see :func:`_after`). Returns the checked term, without words or tags."""
    c = raw[i]
    if not isinstance(c, dict):
        raise IllegalAction(f"'{where}' must be an object", "bad_field", where)
    rules = game.rules
    actor = c.get("actor")
    if not isinstance(actor, str) or actor not in rules.actors:
        raise IllegalAction(
            f"unknown actor {actor!r} in {where}", "unknown_actor", f"{where}.actor"
        )
    kind = c.get("kind", "lever")
    check = _TERM_KINDS.get(kind) if isinstance(kind, str) else None
    if check is None:
        raise IllegalAction(
            f"'{where}.kind' must be one of {', '.join(_TERM_KINDS)}",
            "bad_field",
            f"{where}.kind",
        )
    max_months = rules.negotiation.max_deal_months
    months, start = c.get("months", 3), c.get("start", game.month)
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= max_months:
        raise IllegalAction(
            f"'{where}.months' must be 1..{max_months}", "bad_field", f"{where}.months"
        )
    if not isinstance(start, int) or isinstance(start, bool) or start < game.month:
        raise IllegalAction(
            f"'{where}.start' must be this month or later", "bad_field", f"{where}.start"
        )
    term = check(game, c, where)
    term["start"], term["months"] = start, months
    if c.get("after") is not None:
        term["after"] = _after(c["after"], raw, i, actor, where)
    return term


def _commitments(game: State, action: Action) -> list[dict[str, Any]]:
    """The proposal's terms, checked, each with what it counts as (see
    :mod:`game.engine.substance`). A term's ``kind`` (default ``lever``) picks its
    checker in :data:`_TERM_KINDS`; ``start``, ``months`` and ``after`` are common."""
    raw = action.get("commitments", [])
    if not isinstance(raw, list):
        raise IllegalAction("'commitments' must be a list", "bad_field", "commitments")
    out: list[dict[str, Any]] = []
    rules = game.rules
    active: list[dict[str, Any]] | None = None  # the agreements in force, found once
    policy = game.policy
    memo = counts_memo(rules)
    for i in range(len(raw)):
        where = f"commitments.{i}"
        term = _term(game, raw, i, where)
        actor, kind, after = raw[i]["actor"], raw[i].get("kind", "lever"), term.get("after")
        if kind != "lever" or after is not None:  # words the clients can show as they are
            term["text"] = describe(rules, term)
        if active is None:  # (none in force: the count refresh_deal_flags keeps)
            active = in_force(game) if game.v.get("deals") else []
        if out or active:
            _check_contradictions(game, term, out, where, action["actor"], active)
        if kind == "lever":  # counts_as's memo, looked up here: the hot path of random play
            key = (term["lever"], term["option"], term["compare"], policy[actor][term["lever"]])
            found = memo.get(key)
            term["counts_as"] = list(found if found is not None else counts_as(rules, policy, term))
        else:
            term["counts_as"] = list(counts_as(rules, policy, term))
        out.append(term)
    return out


def _after(after: Any, raw: list[Any], i: int, actor: str, where: str) -> dict[str, int]:
    """Check a term's sequencing: ``{term: J, months: N}``, due once term J (another
    party's) has been kept, and seen kept, for N months."""
    field = f"{where}.after"
    if not isinstance(after, dict) or set(after) - {"term", "months"}:
        raise IllegalAction(f"'{field}' must be {{term, months}}", "bad_field", field)
    j, n = after.get("term"), after.get("months", 1)
    if not isinstance(j, int) or isinstance(j, bool) or not 0 <= j < len(raw) or j == i:
        raise IllegalAction(
            f"'{field}.term' must be the index of another term of this proposal",
            "bad_field",
            f"{field}.term",
        )
    other = raw[j]
    if not isinstance(other, dict) or other.get("actor") == actor:
        raise IllegalAction(
            f"'{field}.term' must be another party's term (action for action)",
            "bad_field",
            f"{field}.term",
        )
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise IllegalAction(f"'{field}.months' must be 1 or more", "bad_field", f"{field}.months")
    return {"term": j, "months": n}


def _lever_term(game: State, c: dict[str, Any], where: str) -> dict[str, Any]:
    """``{actor, lever, option, compare}``: set a lever to an option (or at most / at
    least its level)."""
    actor, lever_id, option = c["actor"], c.get("lever"), c.get("option")
    lever = game.rules.lever_by_id.get(lever_id) if isinstance(lever_id, str) else None
    if lever is None:
        raise IllegalAction(
            f"unknown lever {lever_id!r} in {where}", "unknown_lever", f"{where}.lever"
        )
    if actor not in lever.holders:
        raise IllegalAction(
            f"'{actor}' does not hold lever '{lever.id}' ({where})",
            "not_your_lever",
            f"{where}.lever",
        )
    if not isinstance(option, str) or option not in lever.by_id:
        raise IllegalAction(
            f"lever '{lever.id}' has no option {option!r} ({where})",
            "unknown_option",
            f"{where}.option",
        )
    compare = c.get("compare", "exactly")
    if compare not in ("exactly", "at_most", "at_least"):
        raise IllegalAction(
            f"'{where}.compare' must be exactly, at_most or at_least",
            "bad_field",
            f"{where}.compare",
        )
    return {"actor": actor, "lever": lever.id, "option": option, "compare": compare}


def _signals_term(game: State, c: dict[str, Any], where: str) -> dict[str, Any]:
    """``{kind: signals, actor, rung, signals}``: a moratorium: send no signal at or above
    ``rung``, nor any of ``signals``."""
    actor = c["actor"]
    own = {s.id: s for s in game.rules.actor_signals[actor]}
    rung, names = c.get("rung"), c.get("signals") or []
    if rung is not None and (not isinstance(rung, int) or isinstance(rung, bool) or rung < 0):
        raise IllegalAction(
            f"'{where}.rung' must be a rung number (0 or more)", "bad_field", f"{where}.rung"
        )
    if not isinstance(names, list) or not all(isinstance(x, str) for x in names):
        raise IllegalAction(
            f"'{where}.signals' must be a list of signal ids", "bad_field", f"{where}.signals"
        )
    for x in names:
        if x not in own:
            raise IllegalAction(
                f"'{actor}' cannot send signal {x!r} ({where})",
                "not_your_signal",
                f"{where}.signals",
            )
    if not any((rung is not None and s.rung >= rung) or s.id in names for s in own.values()):
        raise IllegalAction(
            f"{where} rules out no signal '{actor}' can send: give a 'rung' it can reach "
            "or some 'signals'",
            "hollow_term",
            where,
        )
    return {"kind": "signals", "actor": actor, "rung": rung, "signals": sorted(set(names))}


def _unsc_term(game: State, c: dict[str, Any], where: str) -> dict[str, Any]:
    """``{kind: unsc, actor, sector, direction, vote}``: on Security Council drafts to
    ``direction`` sanctions on ``sector`` (null: any sector), vote ``yes`` or do not veto
    (``no_veto``)."""
    rules = game.rules
    actor = c["actor"]
    if not rules.unsc:
        raise IllegalAction("this scenario has no Security Council", "no_unsc", f"{where}.kind")
    if actor not in rules.p5:
        raise IllegalAction(
            f"'{actor}' has no Security Council vote ({where})", "not_p5", f"{where}.actor"
        )
    sector = c.get("sector")
    if sector is not None and (not isinstance(sector, str) or sector not in _tables(rules).sectors):
        raise IllegalAction(
            f"unknown sector {sector!r} in {where}", "unknown_sector", f"{where}.sector"
        )
    direction, vote = c.get("direction"), c.get("vote") or "no_veto"
    if direction not in ("tighten", "relax"):
        raise IllegalAction(
            f"'{where}.direction' must be tighten or relax", "bad_field", f"{where}.direction"
        )
    if vote not in ("yes", "no_veto"):
        raise IllegalAction(f"'{where}.vote' must be yes or no_veto", "bad_field", f"{where}.vote")
    return {
        "kind": "unsc",
        "actor": actor,
        "sector": sector,
        "direction": direction,
        "vote": vote,
    }


def _attend_term(game: State, c: dict[str, Any], where: str) -> dict[str, Any]:
    """``{kind: attend, actor}``: turn up at the talks the deal sets (the proposal must
    have ``talks: true``); standing a partner up is then a breach."""
    return {"kind": "attend", "actor": c["actor"]}


# Each kind of term: its checker (which builds the term's record). Compliance with each
# is in game.engine.resolution (_BREACH), its words and substance in game.engine.substance.
_TERM_KINDS = {
    "lever": _lever_term,
    "signals": _signals_term,
    "unsc": _unsc_term,
    "attend": _attend_term,
}


def _check_contradictions(
    game: State,
    term: dict[str, Any],
    earlier: list[dict[str, Any]],
    where: str,
    me: str,
    active: list[dict[str, Any]],
) -> None:
    """Refuse ``term`` if it contradicts an earlier term of the same proposal, or a term of
    an agreement in force (``active``) that the proposer ``me`` is party to."""
    problem = contradiction(game, term, earlier, where, me, only_seen=True, in_force=active)
    if problem:
        raise IllegalAction(problem, "contradiction", where)


def propose(game: State, action: Action) -> None:
    """Table a structured proposal: commitments, inspections, summit, talks."""
    if game.phase != "negotiation" or "month" in action:
        game.need("negotiation", action)
    me = action["actor"]
    to = _actors_list(game, action, "to", me)
    commitments = _commitments(game, action)
    flags = {}
    for f in ("inspections", "summit", "talks"):
        value = action.get(f, False)
        if not isinstance(value, bool):
            raise IllegalAction(f"'{f}' must be true or false", "bad_field", f)
        flags[f] = value
    text = _text(game, action, required=False)
    for i, c in enumerate(commitments):
        if c.get("kind") == "attend" and not flags["talks"]:
            raise IllegalAction(
                f"commitments.{i}: a promise to attend needs talks in the deal ('talks': true)",
                "bad_field",
                f"commitments.{i}.kind",
            )
    parties = {me, *to, *(c["actor"] for c in commitments)}
    if len(parties) < 2:
        raise IllegalAction("a proposal needs at least one other party in 'to'", "bad_field", "to")
    if not commitments and not flags["summit"] and not flags["talks"]:
        raise IllegalAction(
            "a proposal must commit someone to something, or propose a summit or talks",
            "empty_proposal",
            "commitments",
        )
    counter = action.get("counter_to")
    if counter is not None:
        old = game.proposals.get(counter) if isinstance(counter, int) else None
        if old is None or me not in old["parties"]:  # others' proposals look like none
            raise IllegalAction(
                f"no proposal {counter!r} to counter", "unknown_proposal", "counter_to"
            )
        if old["status"] != "open":
            raise IllegalAction(
                f"proposal {counter} is already {old['status']}", "proposal_closed", "counter_to"
            )
        game.close_proposal(old, "countered")
    pid = game._id(parties)
    game.proposals[pid] = {
        "id": pid,
        "month": game.month,
        "proposer": me,
        "parties": sorted(parties, key=_tables(game.rules).rank.__getitem__),
        "commitments": commitments,
        **flags,
        "text": text,
        "counter_to": counter,
        "responses": {me: "accept"},
        "status": "open",
    }
    game.open_ids.append(pid)


def _open_proposal(game: State, action: Action) -> dict[str, Any]:
    """The open proposal ``action`` names, which its actor is party to. A proposal the
    actor is not party to is refused exactly like one that does not exist
    (``unknown_proposal``, same words): an error must not confirm others' private
    business."""
    pid = action.get("proposal")
    prop = game.proposals.get(pid) if isinstance(pid, int) else None
    if prop is None or action["actor"] not in prop["parties"]:
        raise IllegalAction(f"no proposal {pid!r}", "unknown_proposal", "proposal")
    if prop["status"] != "open":
        raise IllegalAction(
            f"proposal {pid} is already {prop['status']}", "proposal_closed", "proposal"
        )
    return prop


def respond(game: State, action: Action) -> None:
    """Accept or reject an open proposal you are party to; all accept -> an agreement."""
    if game.phase != "negotiation" or "month" in action:
        game.need("negotiation", action)
    me = action["actor"]
    prop = _open_proposal(game, action)
    accept = action.get("accept")
    if not isinstance(accept, bool):
        raise IllegalAction("'accept' must be true or false", "bad_field", "accept")
    if me in prop["responses"] and prop["responses"][me] == "accept" and me == prop["proposer"]:
        raise IllegalAction("you proposed it; withdraw it instead", "own_proposal", "proposal")
    if accept:
        problem = acceptance_problem(game, me, prop)
        if problem:
            raise IllegalAction(problem, "contradiction", "proposal")
    game.answer(prop, me, accept)
    if not accept:
        game.close_proposal(prop, "rejected")
        return
    responses = prop["responses"]
    if all(responses.get(p) == "accept" for p in prop["parties"]):
        game.close_proposal(prop, "accepted")
        _make_agreement(game, prop)


def _make_agreement(game: State, prop: dict[str, Any]) -> None:
    end = max((c["start"] + c["months"] for c in prop["commitments"]), default=game.month + 1)
    # What each term counts as is judged again now, against the policies in force today
    # (the same as when tabled unless a month has resolved since: then the terms are new
    # dicts; otherwise the proposal's list is shared, as records are).
    rules, policy = game.rules, game.policy
    commitments = prop["commitments"]
    if prop["month"] != game.month:  # policies change only when a month resolves
        now = [list(counts_as(rules, policy, c)) for c in commitments]
        if any(c["counts_as"] != x for c, x in zip(commitments, now, strict=True)):
            commitments = [{**c, "counts_as": x} for c, x in zip(commitments, now, strict=True)]
    agreement = {
        "id": prop["id"],
        "month": game.month,
        "parties": list(prop["parties"]),
        "commitments": commitments,
        "inspections": prop["inspections"],
        "summit": prop["summit"],
        "talks": prop["talks"],
        "text": prop["text"],
        "end": end,
        "status": "active",
        "breaches": [],
    }
    if any("after" in c for c in commitments):  # months each term was kept, and seen kept
        agreement["kept_months"] = [0] * len(commitments)
    n = sum(1 for c in commitments if changes(rules, policy, c))
    agreement["changes"] = n
    agreement["hollow"] = n == 0
    game.agreements.append(agreement)
    v = game.v
    v["deals.made"] = v.get("deals.made", 0.0) + 1
    described = this_deal_read(rules, policy, agreement) if "made" in rules.reads_this_deal else {}
    v.update(described)  # the made effects may read what this deal holds
    for p in agreement["parties"]:
        apply_effects(v, rules.deal_made[p])
    for key in described:
        del v[key]
    refresh_deal_flags(game)


def withdraw(game: State, action: Action) -> None:
    """Withdraw your own open proposal."""
    game.need("negotiation", action)
    prop = _open_proposal(game, action)
    if prop["proposer"] != action["actor"]:
        raise IllegalAction(
            f"only {prop['proposer']} can withdraw proposal {prop['id']}",
            "not_proposer",
            "proposal",
        )
    game.close_proposal(prop, "withdrawn")


def unsc_draft(game: State, action: Action) -> None:
    """A P5 member tables a Security Council draft to tighten or relax a sector."""
    game.need("negotiation", action)
    me = action["actor"]
    if not game.rules.unsc:
        raise IllegalAction("this scenario has no Security Council", "no_unsc", "type")
    if me not in game.rules.p5:
        raise IllegalAction(
            "only permanent members of the Security Council table drafts", "not_p5", "actor"
        )
    sector = action.get("sector")
    if not isinstance(sector, str) or sector not in _tables(game.rules).sectors:
        raise IllegalAction(f"unknown sector {sector!r}", "unknown_sector", "sector")
    direction = action.get("direction")
    if direction not in ("tighten", "relax"):
        raise IllegalAction("'direction' must be tighten or relax", "bad_field", "direction")
    did = game._id()  # drafts are public: the public counter
    game.unsc_drafts.append(
        {
            "id": did,
            "month": game.month,
            "drafter": me,
            "sector": sector,
            "direction": direction,
            "votes": {me: "yes"},
            "status": "open",
        }
    )


def unsc_vote(game: State, action: Action) -> None:
    """A P5 member votes yes, no (a veto) or abstain on an open draft."""
    game.need("negotiation", action)
    me = action["actor"]
    if me not in game.rules.p5:
        raise IllegalAction(
            "only permanent members of the Security Council vote here", "not_p5", "actor"
        )
    did = action.get("draft")
    draft = next((d for d in game.unsc_drafts if d["id"] == did), None)
    if draft is None:
        raise IllegalAction(f"no draft {did!r}", "unknown_draft", "draft")
    if draft["status"] != "open":
        raise IllegalAction(f"draft {did} is already {draft['status']}", "draft_closed", "draft")
    vote = action.get("vote")
    if vote not in ("yes", "no", "abstain"):
        raise IllegalAction("'vote' must be yes, no or abstain", "bad_field", "vote")
    game.vote(draft, me, vote)


def orders(game: State, action: Action) -> None:
    """Set levers and signals; in the negotiation phase a draft, in the orders phase final.

    ``levers``: lever -> option (missing levers keep last month's policy);
    ``signals``: a list of ``{"signal": id, "target": actor}``; ``stand_up``: talks
    partners you stay away from. ``final`` (default true in the orders phase).
    """
    if game.phase not in ("negotiation", "orders"):
        game.need("orders", action)
    game.guard_month(action)
    me = action["actor"]
    rules = game.rules
    levers = action.get("levers", {})
    if not isinstance(levers, dict):
        raise IllegalAction("'levers' must be an object of lever -> option", "bad_field", "levers")
    tables = _tables(rules)
    try:  # one C-level check: every (lever, option) pair is one of this actor's
        fine = levers.items() <= tables.own_pairs[me]
    except TypeError:  # an unhashable option: let the careful path say what is wrong
        fine = False
    if not fine:
        own = tables.own_levers[me]
        for lid, opt in levers.items():
            by_id = own.get(lid)
            if by_id is None or not isinstance(opt, str) or opt not in by_id:
                _lever_problem(game, me, levers)
    signals = action.get("signals", [])
    if not isinstance(signals, list):
        raise IllegalAction("'signals' must be a list", "bad_field", "signals")
    if len(signals) > rules.max_signals:
        raise IllegalAction(
            f"at most {rules.max_signals} signal(s) a month", "too_many_signals", "signals"
        )
    clean_signals = []
    for i, s in enumerate(signals):
        sid = s.get("signal") if isinstance(s, dict) else None
        sig = rules.signal_by_id.get(sid) if isinstance(sid, str) else None
        if sig is None:
            raise IllegalAction(f"unknown signal {sid!r}", "unknown_signal", f"signals.{i}.signal")
        if me not in sig.actors:
            raise IllegalAction(
                f"signal '{sid}' is not yours to send", "not_your_signal", f"signals.{i}.signal"
            )
        target = s.get("target")
        if sig.addressee:
            if target not in rules.actors or target == me:
                raise IllegalAction(
                    f"signal '{sid}' needs a target: another actor",
                    "bad_target",
                    f"signals.{i}.target",
                )
        elif target is not None:
            raise IllegalAction(
                f"signal '{sid}' takes no target", "bad_target", f"signals.{i}.target"
            )
        clean_signals.append({"signal": sid, "target": target})
    stand_up = _actors_list(game, action, "stand_up", me)
    final = action.get("final", game.phase == "orders")
    if not isinstance(final, bool):
        raise IllegalAction("'final' must be true or false", "bad_field", "final")
    if final and game.phase != "orders":
        raise IllegalAction(
            "orders can only be made final in the orders phase", "wrong_phase", "final"
        )
    if me in game.submitted:
        raise IllegalAction(
            "your orders for this month are already final", "already_submitted", "type"
        )
    draft = game.drafts.get(me)
    if draft is None:
        draft = game.drafts[me] = {"levers": {}, "signals": [], "stand_up": []}
    draft["levers"].update(levers)
    if "signals" in action:
        draft["signals"] = clean_signals
    if "stand_up" in action:
        draft["stand_up"] = stand_up
    if final:
        game.submitted.add(me)


def _lever_problem(game: State, me: str, levers: dict[Any, Any]) -> None:
    """Raise the error for the first bad entry of ``levers`` (the slow, careful path)."""
    for lid, opt in levers.items():
        lever = game.rules.lever_by_id.get(lid)
        if lever is None:
            raise IllegalAction(f"unknown lever {lid!r}", "unknown_lever", f"levers.{lid}")
        if me not in lever.holders:
            raise IllegalAction(f"lever '{lid}' is not yours", "not_your_lever", f"levers.{lid}")
        if not isinstance(opt, str) or opt not in lever.by_id:
            raise IllegalAction(
                f"lever '{lid}' has no option {opt!r}", "unknown_option", f"levers.{lid}"
            )


def ready(game: State, action: Action) -> None:
    """Say you are done with this phase (negotiation), or make your orders final (orders)."""
    me = action["actor"]
    game.guard_phase(action)
    if game.phase == "negotiation":
        if "month" in action:
            game.need("negotiation", action)
        game.ready.add(me)
    else:
        game.need("orders", action)
        game.submitted.add(me)


def enter_orders(game: State) -> None:
    """Negotiation is over: the orders phase begins, nobody ready or done yet."""
    game.phase = "orders"
    game.submitted = set()
    game.ready = set()


def end_phase_when_done(game: State) -> None:
    """Unless paused, end the phase everyone is done with: negotiation when every actor
    is ready, the month (resolution) when every actor's orders are final."""
    if game.paused:
        return
    n = len(game.rules.actor_ids)
    if game.phase == "negotiation" and len(game.ready) == n:
        enter_orders(game)
    if game.phase == "orders" and len(game.submitted) == n:
        resolve_month(game)


def end_phase(game: State, action: Action) -> None:
    """End the current phase now (the core of the facilitator's and the timers'
    ``advance``, :func:`game.engine.facilitation.advance`). Missing orders keep last
    month's policy."""
    game.guard_phase(action)
    month = action.get("month")
    if month is not None and month != game.month:
        raise IllegalAction(f"it is already month {game.month}", "stale", "month")
    if game.phase == "negotiation":
        game.ready = set(game.rules.actor_ids)
    elif game.phase == "orders":
        game.submitted = set(game.rules.actor_ids)
    was_paused = game.paused
    game.paused = False
    end_phase_when_done(game)
    game.paused = was_paused


def pause(game: State, action: Action) -> None:
    """Facilitator: hold phase changes (timers stop in the server)."""
    game.paused = True


def resume(game: State, action: Action) -> None:
    """Facilitator: let phases change again."""
    game.paused = False


def announce(game: State, action: Action) -> None:
    """Facilitator: broadcast an announcement to everyone."""
    text = _text(game, action)
    game.news.append({"month": game.month, "kind": "announcement", "text": text, "to": []})


def inject(game: State, action: Action) -> None:
    """Facilitator: fire a scenario inject by ``event`` id, or a custom one with ``news``."""
    eid = action.get("event")
    if eid is not None:
        ev = game.rules.injects.get(eid) if isinstance(eid, str) else None
        if ev is None:
            known = ", ".join(sorted(game.rules.injects)) or "none"
            raise IllegalAction(
                f"unknown inject {eid!r}; known: {known}", "unknown_inject", "event"
            )
        fire_event(game, ev)
        return
    text = _text(game, action, "news")
    effects = action.get("effects", {})
    if not isinstance(effects, dict):
        raise IllegalAction(
            "'effects' must be an object of variable -> change", "bad_field", "effects"
        )
    compiled = []
    for key, delta in effects.items():
        if key not in game.rules.bounds:
            raise IllegalAction(f"unknown variable {key!r}", "unknown_variable", f"effects.{key}")
        if not isinstance(delta, int | float) or isinstance(delta, bool):
            raise IllegalAction(
                f"change of {key!r} must be a number", "bad_field", f"effects.{key}"
            )
        if not math.isfinite(delta):
            raise IllegalAction(
                f"change of {key!r} must be a finite number, not {delta!r}",
                "bad_field",
                f"effects.{key}",
            )
        lo, hi = game.rules.bounds[key]
        compiled.append(Effect(key, lo, hi, float(delta), _const(float(delta))))
    apply_effects(game.v, tuple(compiled))
    game.news.append({"month": game.month, "kind": "inject", "text": text, "to": []})


def _const(value: float) -> Any:
    return lambda env: value


def end(game: State, action: Action) -> None:
    """Facilitator: end the game now; scores are taken as they stand."""
    game.phase = "over"
    game.news.append(
        {
            "month": game.month,
            "kind": "announcement",
            "text": "The facilitator ended the game.",
            "to": [],
        }
    )
