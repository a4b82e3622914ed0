"""Answering message intents in words: the shared reply of bots without a persona's own.

The personas (:mod:`game.bots.persona`) answer an intent in character. Every other
built-in bot (``random``, ``planner``, ``historical``) answers through
:func:`answer_intents`: each intent sent to it this month gets one message back, in
words from :mod:`game.bots.words` and with an intent of its own, so a person talking
to any bot seat is answered. What it agrees to is the caller's ``agree`` (a coin for
``random``, :func:`game.bots.weigh.weigh` for the others); an offer or a request it
agrees to is also tabled as a proposal when the engine would take it.

It decides nothing else and reads only the bot's context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.bots import words
from game.bots.base import Action, Context

Agree = Callable[[dict[str, Any]], bool]
"""Whether to agree to a deal: the intent's terms as ``propose`` fields (``commitments``,
``inspections``, ``summit``, ``from``, ``to``)."""

MEET = ("We are ready to talk.", "Yes, let's meet.", "Talking is good. Name the day.")
"""Yes to meeting (an intent with a summit and no terms)."""
TABLED = ("We have tabled it as a proposal.", "The proposal is on the table now.")
"""Said after agreeing to terms: the bot tables them as a proposal."""
_NOTED = ("Noted.", "Understood.", "We hear you.")


def plain(terms: Any) -> list[dict[str, Any]]:
    """Terms as a proposal or an intent takes them (without the engine's derived fields;
    the months stay: a yes to terms from May is not a yes to them from April)."""
    return [{k: v for k, v in c.items() if k not in ("counts_as", "text")} for c in terms]


def say(to: str, text: str, kind: str | None = None, **intent: Any) -> Action:
    """A message to ``to``; with ``kind``, carrying an intent of that kind whose
    ``terms`` (none by default) are made :func:`plain` and whose other fields
    (``proposal``, ``inspections``, ``summit``) are ``intent``."""
    msg: Action = {"type": "message", "to": [to], "text": text}
    if kind is not None:
        terms = plain(intent.pop("terms", []))
        msg["intent"] = {"kind": kind, "terms": terms, **intent}
    return msg


def answer_intents(
    ctx: Context, persona: str, agree: Agree, taking: list[dict[str, Any]] | None = None
) -> list[Action]:
    """One reply to each intent sent to ``ctx.actor`` this month that it has not answered.

    ``persona`` picks the phrasing in :mod:`game.bots.words`; ``taking``: terms of
    proposals the bot accepts in the same decision (a tabled deal must not contradict
    them)."""
    out: list[Action] = []
    for m in ctx.pending_intents():
        out += answer(ctx, persona, m, agree, taking or [])
    return out


def answer(
    ctx: Context, persona: str, m: dict[str, Any], agree: Agree, taking: list[dict[str, Any]]
) -> list[Action]:
    """The reply to one message ``m`` with an intent (see :func:`answer_intents`)."""
    me, rules, rng = ctx.actor, ctx.rules, ctx.rng
    them = m["from"]
    it = m["intent"]
    kind = it["kind"]
    terms = plain(it.get("terms") or ())
    if kind == "warn":
        return [say(them, words.answer_warning(rules, rng, me, them, persona))]
    if kind == "promise":
        return [say(them, words.answer_promise(rules, rng, me, them, persona))]
    if kind == "reject" or (kind == "accept" and not terms):
        if kind == "accept":
            return [say(them, words.acknowledge(rules, rng, me, them))]
        return [say(them, rng.choice(_NOTED))]
    if not terms:  # an offer or request with nothing in it: a meeting
        return [say(them, rng.choice(MEET))]
    inspections = bool(it.get("inspections"))
    summit = bool(it.get("summit"))
    fields = {
        "commitments": terms,
        "inspections": inspections,
        "summit": summit,
        "from": them,
        "to": [me],
    }
    give = [c for c in terms if c["actor"] == me]
    get = [c for c in terms if c["actor"] != me]
    if not agree(fields):
        text = words.reject(rules, rng, me, them, persona, "too_costly", give, get)
        return [say(them, text, "reject", terms=terms)]
    text = words.accept(rules, rng, me, them, persona, give, get)
    out = [say(them, text, "accept", terms=terms, inspections=inspections, summit=summit)]
    parties = {c["actor"] for c in terms}
    if parties <= {me, them} and not ctx.proposal_problem(terms, taking):
        out[0]["text"] = f"{text} {rng.choice(TABLED)}"
        out.append(
            {
                "type": "propose",
                "to": [them],
                "commitments": terms,
                "inspections": inspections,
                "summit": summit,
                "talks": False,
                "text": out[0]["text"],
            }
        )
    return out
