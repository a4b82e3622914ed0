"""The class's year beside the real one: the scenario's ``history`` notes and ``historical``
moves next to what the class did each month, with how many lever choices matched.

Scenario-agnostic: a scenario without history gets ``available: False``.
"""

from __future__ import annotations

from typing import Any

from game.report.labels import actor_name, lever_name, option_name, signal_name
from game.report.replay import Replayed


def _signal_text(rules: Any, text: str) -> str:
    sid, _, target = text.partition(":")
    name = signal_name(rules, sid)
    return f"{name} → {actor_name(rules, target)}" if target else name


def comparison(run: Replayed, timeline: list[dict[str, Any]]) -> dict[str, Any]:
    """``{"available", "months": [{month, label, history, actors: [...], played}],
    "match": {actor: {"same", "of"}}}``."""
    rules = run.game.rules
    notes: dict[int, list[str]] = {}
    for note in rules.model.history:
        notes.setdefault(note.month, []).append(note.text)
    historical = rules.historical
    if not notes and not historical:
        return {"available": False, "months": [], "match": {}}
    played = {t["month"]: t for t in timeline if not t["partial"]}
    totals = {a: {"same": 0, "of": 0} for a in rules.actor_ids}
    months = []
    for month in range(1, rules.turns + 1):
        t = played.get(month)
        actors = []
        for a in rules.actor_ids:
            turn = historical.get(a, {}).get(month)
            ours = next((o for o in t["orders"] if o["actor"] == a), None) if t else None
            chosen = {x["lever"]: x["option"] for x in ours["levers"]} if ours else {}
            real_levers = []
            same = 0
            for lid, opt in turn.levers.items() if turn else ():
                match = chosen.get(lid) == opt if ours else None
                same += 1 if match else 0
                real_levers.append(
                    {
                        "lever": lid,
                        "lever_name": lever_name(rules, lid),
                        "option": opt,
                        "option_name": option_name(rules, lid, opt),
                        "class_option": chosen.get(lid),
                        "class_option_name": option_name(rules, lid, chosen[lid])
                        if lid in chosen
                        else None,
                        "match": match,
                    }
                )
            if ours and turn:
                totals[a]["same"] += same
                totals[a]["of"] += len(turn.levers)
            actors.append(
                {
                    "actor": a,
                    "name": actor_name(rules, a),
                    "real_levers": real_levers,
                    "real_signals": [_signal_text(rules, s) for s in turn.signals] if turn else [],
                    "real_note": turn.note if turn else "",
                    "class_signals": [
                        s["name"] + (f" → {s['target_name']}" if s["target"] else "")
                        for s in (ours["signals"] if ours else [])
                    ],
                }
            )
        months.append(
            {
                "month": month,
                "label": rules.months[month - 1],
                "history": " ".join(notes.get(month, [])),
                "played": t is not None,
                "class_tension": t["tension"] if t else None,
                "class_rung": t["rung_name"] if t else None,
                "class_news": [n["text"] for n in t["news"] if n["source"] == "chronicle"]
                if t
                else [],
                "actors": actors,
            }
        )
    return {"available": True, "months": months, "match": totals}


def record_scores(rules: Any, seed: int, month: int, over: bool) -> dict[str, Any]:
    """The scores of the year as it happened: the same scenario and seed played by the
    ``historical`` bot on every seat (the record's levers and signals, no deals), taken
    at the class's point in the game (``month``; the end if ``over``).

    ``{"available": False}`` for a scenario without a ``historical`` record; else
    ``{"available": True, "month", "scores": {actor: score}}``.
    """
    if not rules.historical:
        return {"available": False, "scores": {}}
    from game.bots import make_bot
    from game.bots.runner import play_game

    seen: dict[int, dict[str, float]] = {}

    def on_month(g: Any) -> None:
        seen[g.month] = dict(g.scores())

    bots = {a: make_bot("historical", a, seed) for a in rules.actor_ids}
    game = play_game(rules, seed, bots, on_month=on_month).game
    outcome = game.outcome()
    if over or month not in seen:
        scores = outcome["scores"] if outcome is not None else game.scores()
    else:
        scores = seen[month]
    return {"available": True, "month": month, "scores": scores}
