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
