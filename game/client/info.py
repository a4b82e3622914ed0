"""The public description of a scenario that the client needs to label things.

The client holds no rules: it does not evaluate effects or expressions. It only needs
names and one-sentence explanations (levers, options, signals, sectors, deadlines,
rungs, variables) to label the view dicts. :func:`scenario_info` extracts them from
compiled rules as plain JSON-able data; a server sends the same dict to remote clients.
"""

from __future__ import annotations

from typing import Any

from game.scenario.compile import Rules


def scenario_info(rules: Rules) -> dict[str, Any]:
    """Names, colours and explanations of everything in ``rules`` (public only).

    >>> from game import load_scenario
    >>> info = scenario_info(load_scenario("tests/fixtures/mini.yaml"))
    >>> info["actors"][0]["id"], info["levers"]["aid"]["options"][1]["name"]
    ('alpha', 'Food aid')
    """
    levers = {
        lv.id: {
            "id": lv.id,
            "name": lv.name,
            "explain": lv.explain,
            "holders": list(lv.holders),
            "sector": lv.sector,
            "options": [
                {"id": o.id, "name": o.name, "explain": o.explain, "covert": o.covert}
                for o in lv.options
            ],
        }
        for lv in rules.levers
    }
    signals = {
        s.id: {
            "id": s.id,
            "name": s.name,
            "explain": s.explain,
            "actors": list(s.actors),
            "rung": s.rung,
            "escalation": s.escalation,
            "addressee": s.addressee,
            "breaks_moratorium": s.breaks_moratorium,
        }
        for s in rules.signals
    }
    model = rules.model
    return {
        "id": rules.id,
        "name": rules.name,
        "summary": model.summary,
        "months": list(rules.months),
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "colour": a.colour,
                "capital": a.capital,
                "p5": a.p5,
            }
            for a in (rules.actors[x] for x in rules.actor_ids)
        ],
        "variables": dict(rules.var_names),
        "display": display_forms(rules),
        "hidden": [k for k in rules.keys if _variable_of(rules, k).get("hidden")],
        "owners": {k: rules.visibility[k][1] for k in rules.keys},
        "visibility": {k: rules.visibility[k][0] for k in rules.keys},
        "tension": {
            "key": rules.tension_key,
            "rungs": [{"start": s, "id": i, "name": n} for s, i, n in rules.rungs],
            "war_threshold": rules.war_threshold,
        },
        "moratorium": rules.moratorium_key,
        "levers": levers,
        "signals": signals,
        "max_signals": rules.max_signals,
        "sanctions": {
            "target": rules.sanction_target,
            "enforcers": sorted(
                {h for s in rules.sectors for h in rules.lever_by_id[s.lever].holders},
                key=rules.actor_ids.index,
            ),
            "sectors": [
                {"id": s.id, "name": s.name, "weight": s.weight, "lever": s.lever}
                for s in rules.sectors
            ],
        },
        "deadlines": [
            {"id": d.id, "name": d.name, "month": d.month, "date": d.date, "explain": d.explain}
            for d in rules.deadlines
        ],
        "max_deal_months": rules.negotiation.max_deal_months,
        "max_message_chars": rules.negotiation.max_message_chars,
        "unsc": rules.unsc,
        "p5": [a for a in rules.actor_ids if rules.actors[a].p5],
        "objectives": {
            a: [
                {"id": o.id, "name": o.name, "explain": o.explain, "weight": o.weight}
                for o in rules.objectives.get(a, ())
            ]
            for a in rules.actor_ids
        },
        # names of the secret objectives a team may be dealt, to label the ids in its
        # own view (which objectives a team holds is in that team's view only)
        "secret_objectives": {
            a: {
                o.id: {"name": o.name, "explain": o.explain, "weight": o.weight}
                for o in rules.secret_pool.get(a, ())
            }
            for a in rules.actor_ids
        },
        "injects": {
            i: {"id": i, "name": e.name, "news": e.news} for i, e in sorted(rules.injects.items())
        },
    }


def _variable_of(rules: Rules, key: str) -> dict[str, Any]:
    """The scenario's declaration of the variable behind ``key`` ('prestige.us' ->
    prestige), as a dict; empty for the numbers the engine adds (pressures, UN levels)."""
    base = key.split(".")[0]
    for var in rules.model.variables:
        if var.id == base:
            return var.model_dump()
    return {}


def display_forms(rules: Rules) -> dict[str, list[tuple[float, str]]]:
    """key -> the words players read for its values, as (from value, words) pairs in
    increasing order; only for variables whose scenario gives a ``display``.

    >>> from game import load_scenario
    >>> display_forms(load_scenario("korea-2019"))["moratorium"]
    [(0.0, 'lapsed'), (1.0, 'in force')]
    """
    out = {}
    for k in rules.keys:
        forms = _variable_of(rules, k).get("display") or {}
        if forms:
            out[k] = sorted((float(v), str(w)) for v, w in forms.items())
    return out
