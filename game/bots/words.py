"""Plain-English lines for the bots: why they propose, accept, reject or counter, what
they warn against and what they promise.

Every sentence is built from the scenario's own vocabulary (actor names, lever and option
names, signal names, objective names, month names) and the bot's persona (``hawk``,
``dove``, ``reciprocator``; anything else speaks plainly), with several phrasings of each
part picked by the bot's seeded random generator, so the same seed gives the same words
and a game gives many different lines. Nothing here decides anything: the bots decide
(:mod:`game.bots.weigh`), this module only says it. Aimed at a reader of sixteen: short
sentences, no jargon, no internal ids.

>>> import random
>>> from game import load_scenario
>>> rules = load_scenario("korea-2019")
>>> term = {"actor": "dprk", "lever": "nuclear_programme", "option": "freeze",
...         "compare": "at_most"}
>>> term_words(rules, term, me="us", you="dprk")
'you keep your nuclear programme at Freeze or lower'
>>> line = reject(rules, random.Random(1), "us", "dprk", "hawk", "unverified", [term], [])
>>> "inspect" in line
True
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from game.engine.substance import forbidden_signals

if TYPE_CHECKING:
    from game.scenario.compile import Rules

Term = Mapping[str, Any]


def name(rules: Rules, actor: str) -> str:
    """An actor's display name."""
    return rules.actors[actor].name


def _who(rules: Rules, actor: str, me: str, you: str | None) -> tuple[str, str]:
    """Subject and possessive for an actor, from the speaker's side."""
    if actor == me:
        return "we", "our"
    if actor == you:
        return "you", "your"
    return name(rules, actor), "its"


def _verb(subject: str, plain: str, third: str) -> str:
    return plain if subject in ("we", "you") else third


def term_words(rules: Rules, c: Term, me: str, you: str | None = None) -> str:
    """One term as a short clause: 'you keep your nuclear programme at Freeze or lower'."""
    kind = c.get("kind", "lever")
    subject, poss = _who(rules, c["actor"], me, you)
    if kind == "signals":
        ruled = forbidden_signals(
            rules, {"actor": c["actor"], "rung": c.get("rung"), "signals": c.get("signals") or []}
        )
        names = [s.name for s in rules.actor_signals[c["actor"]] if s.id in ruled]
        listed = _listing([n if n[:1].isupper() and n[1:2].isupper() else n.lower() for n in names])
        return f"{subject} {_verb(subject, 'hold', 'holds')} off on any {listed}"
    if kind == "unsc":
        how = "vote for" if c.get("vote") == "yes" else "do not veto"
        if subject not in ("we", "you"):
            how = "votes for" if c.get("vote") == "yes" else "does not veto"
        what = "tighten" if c.get("direction") == "tighten" else "ease"
        return f"{subject} {how} Security Council plans to {what} sanctions"
    if kind == "attend":
        return f"{subject} {_verb(subject, 'turn', 'turns')} up to the talks"
    lever = rules.lever_by_id[c["lever"]]
    option = lever.by_id[c["option"]].name.strip('"').replace(" (covert)", "")
    compare = c.get("compare", "exactly")
    keep = _verb(subject, "keep", "keeps")
    what = lever_words(rules, c["lever"])
    if compare == "at_most":
        return f"{subject} {keep} {poss} {what} at {option} or lower"
    if compare == "at_least":
        return f"{subject} {keep} {poss} {what} at {option} or higher"
    return f"{subject} {_verb(subject, 'set', 'sets')} {poss} {what} to {option}"


def lever_words(rules: Rules, lever_id: str) -> str:
    """A lever's name as it reads after 'our': 'sanctions on coal and minerals',
    'abductee issue', 'North Korean workers'."""
    lever = rules.lever_by_id[lever_id]
    if lever.sector is not None:
        sector = next((s.name for s in rules.sectors if s.id == lever.sector), lever.name)
        return f"sanctions on {sector[0].lower() + sector[1:]}"
    text = lever.name
    if text.lower().startswith("the "):
        text = text[4:]
    first = text.split(" ", 1)[0]
    proper = {w for a in rules.actors.values() for w in a.name.split()}
    if first in proper or (len(first) > 1 and first[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def _listing(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return "of it"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


def terms_words(rules: Rules, terms: Sequence[Term], me: str, you: str | None) -> str:
    """Several terms joined: 'we do A and you do B'."""
    parts = [term_words(rules, c, me, you) for c in terms]
    if not parts:
        return "nothing"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def objective(rules: Rules, rng: random.Random, actor: str, whose: str = "our") -> str:
    """One of ``actor``'s public objectives, named: 'our aim "A verified freeze"'."""
    objs = list(rules.objectives.get(actor, ()))
    if not objs:
        return f"{whose} interests"
    o = rng.choice(objs)
    return f"{whose} aim “{o.name}”"


def month_name(rules: Rules, month: int) -> str:
    """The scenario's name for a month (1-based), or 'this month'."""
    if 1 <= month <= len(rules.months):
        return rules.months[month - 1]
    return "this month"


_OPEN: dict[str, tuple[str, ...]] = {
    "hawk": ("Let us be clear.", "No games.", "Here is where we stand.", "Listen carefully.", ""),
    "dove": (
        "Friends,",
        "We want this to work.",
        "Let's find a way together.",
        "In good faith:",
        "",
    ),
    "reciprocator": ("Fair is fair.", "We treat others as they treat us.", "Straight talk:", ""),
}
_CLOSE: dict[str, tuple[str, ...]] = {
    "hawk": ("The choice is yours.", "Don't test us.", "Our patience is not endless.", ""),
    "dove": ("We hope to hear from you soon.", "Our door stays open.", "Peace is worth it.", ""),
    "reciprocator": ("Keep your word and we keep ours.", "We will remember how this goes.", ""),
}


def _wrap(rng: random.Random, persona: str, body: str, them: str) -> str:
    opening = rng.choice(_OPEN.get(persona, ("",)))
    closing = rng.choice(_CLOSE.get(persona, ("",)))
    if opening.endswith(","):
        opening = f"{opening[:-1]} in {them},"
    if opening.endswith((",", ":")) and len(body) > 1 and body[1].islower():
        body = body[0].lower() + body[1:]
    parts = [p for p in (opening, body, closing) if p]
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def _sentence(s: str) -> str:
    s = s.strip()
    return s[0].upper() + s[1:] + ("" if s.endswith((".", "!", "?")) else ".")


_REASONS: dict[str, tuple[str, ...]] = {
    "one_sided": (
        "You ask that {give} and offer nothing back. That serves {their_obj} for free.",
        "This deal only goes one way: {give}, and you give up nothing.",
        "Why would we agree that {give} when you promise nothing in return?",
    ),
    "unverified": (
        "Without inspectors nobody could tell whether {get}. A promise we cannot check "
        "is worth nothing to us.",
        "We cannot see inside your borders. Unless inspectors can check that {get}, "
        "we would be paying for words.",
        "Trust, but verify: no inspections, no deal.",
    ),
    "covert": (
        "We will not sign a deal in which {give}: that is breaking sanctions in secret, and "
        "a signed deal is a paper trail.",
        "Some things are done, not written down. We will not put in writing that {give}.",
    ),
    "too_costly": (
        "It costs us too much: {give}, and what we get back does not make up for it.",
        "The price is too high. If {give}, we lose more than we gain.",
        "We looked hard at it, but {give} would cost us more than we get.",
    ),
    "too_costly_get": (
        "What you offer is not worth much to us, even if {get}.",
        "This does not help us enough to sign it.",
    ),
    "lopsided": (
        "You would gain far more from this than we would. Bring something that serves {obj}.",
        "This is lopsided: good for {their_obj}, not much for {obj}.",
    ),
    "nothing": (
        "There is nothing in this deal for anyone.",
        "This deal asks nothing and gives nothing.",
    ),
    "distrust": (
        "You broke your word to us before. Keep a promise first, then we talk.",
        "After what happened last time, we will not sign anything with you yet.",
    ),
    "contradiction": (
        "We already promised something else that this deal would break.",
        "This clashes with a deal we have already signed.",
    ),
}

_ACCEPT: tuple[str, ...] = (
    "Agreed. If {get}, that serves {obj}, and we can live with the rest.",
    "We accept. This is good for {obj}.",
    "Deal. {Get_cap}, and we keep our side.",
    "Yes. It is a fair trade for us: it moves us towards {obj}.",
)
_ACKNOWLEDGE: tuple[str, ...] = (
    "Good. {me} will keep its side.",
    "Thank you, {them}. Now let's both deliver.",
    "Glad we agree, {them}. We will hold to it.",
)

_COUNTER: dict[str, tuple[str, ...]] = {
    "inspections": (
        "We would sign the same deal with inspectors to check it.",
        "Add inspections and we have a deal.",
    ),
    "ask": (
        "We could agree if you also promise that {ask}.",
        "Make it a real trade: we go ahead if {ask} as well.",
    ),
    "uncovert": (
        "We can offer this openly instead: {give}.",
        "Here is what we can sign in the open: {give}.",
    ),
    "drop": ("Take out the part we cannot afford and we can talk.", "A smaller deal could work."),
    "sequence": (
        "Action for action: you move first, inspectors confirm it, then we follow.",
        "Step by step: once it is confirmed that {first}, we do our part.",
    ),
}

_PROPOSE: tuple[str, ...] = (
    "We propose this: {get}, and in return {give}. It serves {obj}, and {their_obj} too.",
    "Here is an offer for {month}: {give}, if {get}.",
    "Let's make a deal: {get}; in exchange, {give}.",
    "We are ready to move: {give}, as long as {get}.",
)
_PROPOSE_ASK: tuple[str, ...] = (
    "We expect this from you: {get}. Nothing less.",
    "Our demand is simple: {get}.",
    "You know what we want: {get}.",
)
_PROPOSE_MEET: tuple[str, ...] = (
    "Let's meet and talk face to face. Nothing is lost by talking.",
    "We invite you to talks this month.",
    "Our leaders should meet. Talking is better than shouting.",
)

_WARN: dict[str, tuple[str, ...]] = {
    "hawk": (
        "If {what}, we will answer, and you will not like it.",
        "Do not even think about it: if {what}, there will be a price.",
        "We are watching. If {what}, expect a firm response.",
    ),
    "dove": (
        "Please don't. If {what}, it sets everyone back, you too.",
        "We are worried: if {what}, the talks get much harder.",
    ),
    "reciprocator": (
        "If {what}, we will treat it as a hostile act and respond in kind.",
        "We will answer like for like: if {what}, we move too.",
    ),
}

_PROMISE: tuple[str, ...] = (
    "You have our word: {give}.",
    "We promise that {give}, for as long as the deal lasts.",
    "We will keep our side: {give}.",
)

_ANSWER_WARN: dict[str, tuple[str, ...]] = {
    "hawk": (
        "We do not take orders. We will do what our security needs.",
        "Threats do not work on us.",
        "Noted. Remember that we can answer too.",
    ),
    "dove": (
        "We hear your concern. We have no wish to make things worse.",
        "Understood. We want calm as much as you do.",
    ),
    "reciprocator": (
        "Understood. Keep your side calm and so will we.",
        "We will not move first. What you do next decides what we do.",
    ),
}
_ANSWER_PROMISE: tuple[str, ...] = (
    "Thank you, {them}. We will see whether you keep it.",
    "Good. Words are a start; {me} will judge by what you do.",
    "We note your promise, {them}, and we will remember it.",
)


def _slots(
    rules: Rules,
    rng: random.Random,
    me: str,
    them: str,
    give: Sequence[Term],
    get: Sequence[Term],
    month: int = 0,
) -> dict[str, str]:
    get_w = terms_words(rules, get, me, them)
    return {
        "me": name(rules, me),
        "them": name(rules, them),
        "give": terms_words(rules, give, me, them),
        "get": get_w,
        "Get_cap": get_w[:1].upper() + get_w[1:],
        "obj": objective(rules, rng, me, "our"),
        "their_obj": objective(rules, rng, them, "your"),
        "month": month_name(rules, month),
    }


def reject(
    rules: Rules,
    rng: random.Random,
    me: str,
    them: str,
    persona: str,
    reason: str,
    give: Sequence[Term],
    get: Sequence[Term],
) -> str:
    """Why ``me`` turns down a deal from ``them`` (``reason``: a :class:`Weighing` reason)."""
    slots = _slots(rules, rng, me, them, give, get)
    if reason in ("too_costly", "one_sided", "covert") and not give:
        reason = "too_costly_get" if get else "nothing"
    body = rng.choice(_REASONS.get(reason, _REASONS["too_costly"])).format(**slots)
    return _wrap(rng, persona, _sentence(body), slots["them"])


def acknowledge(rules: Rules, rng: random.Random, me: str, them: str) -> str:
    """A short reply when a partner accepts this bot's proposal."""
    return rng.choice(_ACKNOWLEDGE).format(me=name(rules, me), them=name(rules, them))


def accept(
    rules: Rules,
    rng: random.Random,
    me: str,
    them: str,
    persona: str,
    give: Sequence[Term],
    get: Sequence[Term],
) -> str:
    """Why ``me`` accepts a deal from ``them``."""
    slots = _slots(rules, rng, me, them, give, get)
    body = rng.choice(_ACCEPT if get else _ACCEPT[1:2]).format(**slots)
    return _wrap(rng, persona, _sentence(body), slots["them"])


def counter(
    rules: Rules,
    rng: random.Random,
    me: str,
    them: str,
    persona: str,
    why: str,
    terms: Sequence[Term],
) -> str:
    """What ``me``'s counter-proposal changes, in words."""
    give = [c for c in terms if c["actor"] == me]
    get = [c for c in terms if c["actor"] != me]
    slots = _slots(rules, rng, me, them, give, get)
    slots["ask"] = terms_words(rules, get[-1:], me, them)
    slots["first"] = terms_words(rules, get[:1], me, them)
    body = rng.choice(_COUNTER.get(why, _COUNTER["drop"])).format(**slots)
    return _sentence(body)


def propose(
    rules: Rules,
    rng: random.Random,
    me: str,
    them: str,
    persona: str,
    terms: Sequence[Term],
    month: int,
    summit: bool = False,
    inspections: bool = False,
) -> str:
    """Why ``me`` proposes a deal to ``them``."""
    give = [c for c in terms if c["actor"] == me]
    get = [c for c in terms if c["actor"] != me]
    slots = _slots(rules, rng, me, them, give, get, month)
    if give and get:
        body = rng.choice(_PROPOSE)
    elif get:
        body = rng.choice(_PROPOSE_ASK)
    elif give:
        body = rng.choice(_PROMISE)
    else:
        body = rng.choice(_PROPOSE_MEET)
    text = _sentence(body.format(**slots))
    if inspections and terms:
        text += " " + rng.choice(
            ("Inspectors will check both sides.", "With inspections, so nobody has to guess.")
        )
    if summit:
        text += " " + rng.choice(
            ("Our leaders can sign it at a summit.", "Let's seal it with a summit.")
        )
    return _wrap(rng, persona, text, slots["them"])


def warn(
    rules: Rules, rng: random.Random, me: str, them: str, persona: str, terms: Sequence[Term]
) -> str:
    """A warning to ``them`` against what ``terms`` describe (their acts)."""
    what = _undo(terms_words(rules, terms, me, them))
    slots = _slots(rules, rng, me, them, [], terms)
    slots["what"] = what
    lines = _WARN.get(persona, _WARN["reciprocator"])
    return _wrap(rng, persona, _sentence(rng.choice(lines).format(**slots)), slots["them"])


def _undo(clause: str) -> str:
    """'you hold off on any ICBM test' -> 'you break that and launch an ICBM test'."""
    if " hold off on any " in clause:
        who, what = clause.split(" hold off on any ", 1)
        return f"{who} go ahead with any {what}"
    if " holds off on any " in clause:
        who, what = clause.split(" holds off on any ", 1)
        return f"{who} goes ahead with any {what}"
    return clause


def promise(
    rules: Rules, rng: random.Random, me: str, them: str, persona: str, terms: Sequence[Term]
) -> str:
    """A promise of ``me``'s terms."""
    slots = _slots(rules, rng, me, them, terms, [])
    return _wrap(rng, persona, _sentence(rng.choice(_PROMISE).format(**slots)), slots["them"])


def answer_warning(rules: Rules, rng: random.Random, me: str, them: str, persona: str) -> str:
    """A reply to a warning."""
    lines = _ANSWER_WARN.get(persona, _ANSWER_WARN["reciprocator"])
    return _sentence(rng.choice(lines))


def answer_promise(rules: Rules, rng: random.Random, me: str, them: str, persona: str) -> str:
    """A reply to a promise."""
    return _sentence(rng.choice(_ANSWER_PROMISE).format(me=name(rules, me), them=name(rules, them)))
