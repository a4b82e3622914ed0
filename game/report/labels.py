"""Human names for the ids a report shows: actors, levers, options, signals, variables."""

from __future__ import annotations

from typing import Any

from game.engine.game import FACILITATOR
from game.scenario.compile import Rules


def actor_name(rules: Rules, actor: str | None) -> str:
    """An actor's name ('United States'); the facilitator and unknown ids as given."""
    if actor is None:
        return ""
    if actor == FACILITATOR:
        return "Facilitator"
    a = rules.actors.get(actor)
    return a.name if a is not None else actor


def lever_name(rules: Rules, lever: str) -> str:
    """A lever's name, or its id if the scenario has no such lever."""
    lv = rules.lever_by_id.get(lever)
    return lv.name if lv is not None else lever


def option_name(rules: Rules, lever: str, option: str) -> str:
    """An option's name, or its id if unknown."""
    lv = rules.lever_by_id.get(lever)
    opt = lv.by_id.get(option) if lv is not None else None
    return opt.name if opt is not None else option


def signal_name(rules: Rules, signal: str) -> str:
    """A signal's name, or its id if unknown."""
    sig = rules.signal_by_id.get(signal)
    return sig.name if sig is not None else signal


def variable_name(rules: Rules, key: str) -> str:
    """A variable key's display name, with actor names: 'Approval at home (Japan)'."""
    parts = key.split(".")
    var = next((v for v in rules.model.variables if v.id == parts[0]), None)
    if var is not None and len(parts) == 2:
        return f"{var.name} ({actor_name(rules, parts[1])})"
    if var is not None and len(parts) == 3:
        who, whom = actor_name(rules, parts[1]), actor_name(rules, parts[2])
        return f"{var.name}: {who} in {whom}"
    return rules.var_names.get(key, key)


def commitment_text(rules: Rules, c: dict[str, Any]) -> str:
    """One commitment of a deal in words: 'North Korea: exactly Freeze (Nuclear programme)
    from May 2019 for 3 months'."""
    if "text" in c:  # a moratorium, a vote, attendance, a phased term: the engine's words
        return str(c.get("text", ""))
    compare = {"exactly": "", "at_most": "at most ", "at_least": "at least "}.get(
        str(c.get("compare", "exactly")), ""
    )
    start = int(c.get("start", 1))
    label = rules.months[start - 1] if 1 <= start <= rules.turns else f"month {start}"
    months = int(c.get("months", 1))
    return (
        f"{actor_name(rules, c['actor'])}: {compare}{option_name(rules, c['lever'], c['option'])}"
        f" ({lever_name(rules, c['lever'])}) from {label} for {months} month"
        f"{'' if months == 1 else 's'}"
    )


def month_label(rules: Rules, month: int) -> str:
    """The label of a month number (0: 'Start')."""
    if month <= 0:
        return "Start"
    return rules.months[month - 1] if month <= rules.turns else f"month {month}"


def short_actor(rules: Rules, actor: str) -> str:
    """A short name for a deal's title: an id of up to four letters in capitals
    ('US', 'DPRK', 'ROK'), else the actor's name ('China')."""
    return actor.upper() if len(actor) <= 4 else actor_name(rules, actor)


def _lower(text: str) -> str:
    """'Short-range missile test' -> 'short-range missile test'; 'ICBM test' unchanged."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _term_phrase(rules: Rules, c: dict[str, Any], deal: dict[str, Any]) -> str:
    """One commitment, short: 'DPRK freeze (nuclear programme)', 'DPRK moratorium (no ICBM
    test or higher)', 'China no veto on drafts to relax (coal and minerals)'; '' for
    turning up at the talks or summit the deal sets (the name says 'with talks')."""
    who = short_actor(rules, str(c.get("actor", "")))
    kind = c.get("kind", "lever")
    if kind == "attend":
        return "" if deal.get("talks") or deal.get("summit") else f"{who} attends talks"
    if kind == "signals":
        parts = []
        rung = c.get("rung")
        if rung is not None:
            own = sorted(rules.actor_signals.get(str(c["actor"]), ()), key=lambda s: s.rung)
            lowest = next((s for s in own if s.rung >= rung), None)
            parts.append(f"{_lower(lowest.name)} or higher" if lowest else f"rung {rung} or higher")
        parts += [_lower(signal_name(rules, x)) for x in c.get("signals", [])]
        return f"{who} moratorium (no {', '.join(parts)})"
    if kind == "unsc":
        sector = next((x.name for x in rules.sectors if x.id == c.get("sector")), "any sector")
        how = "yes" if c.get("vote") == "yes" else "no veto"
        return f"{who} {how} on drafts to {c.get('direction')} ({_lower(sector)})"
    if "lever" not in c or "option" not in c:
        text = str(c.get("text", "")).strip()
        return text[:60] + ("…" if len(text) > 60 else "")
    option = option_name(rules, c["lever"], c["option"])
    lever = lever_name(rules, c["lever"])
    return f"{who} {option[:1].lower() + option[1:]} ({lever[:1].lower() + lever[1:]})"


def deal_name(rules: Rules, deal: dict[str, Any]) -> str:
    """A deal named by its parties, content and month, for a class to recognise:
    'DPRK–US: DPRK freeze (nuclear programme) for US easing (sanctions: coal), May'.

    Two terms by two countries read 'A for B'; more terms are counted ('+2 more'); a
    deal without terms is named by what it set up (talks, a summit, inspections), and
    turning up at them is not repeated as a term."""
    parties = "–".join(short_actor(rules, a) for a in deal.get("parties", []))
    named = [(c, _term_phrase(rules, c, deal)) for c in deal.get("commitments", [])]
    named = [(c, t) for c, t in named if t]
    terms = [t for _, t in named]
    givers = {c.get("actor") for c, _ in named}
    if len(terms) == 2 and len(givers) == 2:
        content = f"{terms[0]} for {terms[1]}"
    elif len(terms) > 2:
        content = "; ".join(terms[:2]) + f" (+{len(terms) - 2} more)"
    else:
        content = "; ".join(terms)
    extras = [f for f in ("talks", "summit", "inspections") if deal.get(f)]
    if extras:
        content = (content + " with " if content else "") + " and ".join(extras)
    if not content:
        content = "an agreement"
    month = month_label(rules, int(deal.get("month", 0))).split(" ")[0]
    return f"{parties}: {content}, {month}"


def news_text(rules: Rules, agreements: list[dict[str, Any]], n: dict[str, Any]) -> str:
    """A news item's text with an agreement's bare number ('agreement 6', the engine's
    words for a deal without a title) replaced by its name (see :func:`deal_name`)."""
    text = str(n["text"])
    agreement = n.get("agreement")
    if agreement is None:
        return text
    ag = next((a for a in agreements if a["id"] == agreement), None)
    if ag is None:
        return text
    return text.replace(f"agreement {agreement}", deal_name(rules, ag))
