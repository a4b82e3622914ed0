"""Everything in the debrief as one JSON-able dict (the JSON export; the HTML and the CSV
files are rendered from it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.engine.view import OMNISCIENT
from game.report.deals import deals
from game.report.history import comparison, record_scores
from game.report.knowledge import knowledge
from game.report.messages import archive
from game.report.objectives import objectives, result
from game.report.privacy import audience, redact
from game.report.replay import Action, Replayed, replay_steps
from game.report.series import charts, series, switches
from game.report.timeline import facilitator_actions, timeline
from game.scenario.compile import Rules

FORMAT = "sixparty-debrief/1"


def debrief_data(
    rules: Rules,
    seed: int,
    log: Iterable[Action],
    *,
    scenario_ref: str = "",
    title: str | None = None,
    viewer: str = OMNISCIENT,
    opened: bool = False,
) -> dict[str, Any]:
    """Replay ``log`` and gather every section of the debrief, as ``viewer`` may read it.

    Keys: ``format``, ``title``, ``audience``, ``scenario``, ``seed``, ``actors``,
    ``result``, ``timeline``, ``facilitator``, ``series``, ``charts``, ``switches``,
    ``deals``, ``knowledge``, ``messages``, ``objectives``, ``history``,
    ``history_scores``. ``viewer``:
    ``omniscient`` (the facilitator: everything, the default), an actor id or
    ``spectator`` (only what that seat or an observer could see, unless ``opened``: the
    facilitator opened the archive to everyone); ``audience`` says which (see
    :mod:`game.report.privacy`). Raises :class:`~game.errors.SixPartyError` if the log
    does not replay.
    """
    run = replay_steps(rules, seed, list(log))
    data = _gather(run, rules, seed, scenario_ref, title)
    name = rules.actors[viewer].name if viewer in rules.actors else viewer
    if not opened:
        data = redact(data, run, viewer)
    return {"format": data.pop("format"), "audience": audience(viewer, name, opened), **data}


def _gather(
    run: Replayed, rules: Rules, seed: int, scenario_ref: str, title: str | None
) -> dict[str, Any]:
    """Every section of the debrief of a replayed game, whole."""
    months = timeline(run)
    data_series = series(run)
    return {
        "format": FORMAT,
        "title": title or f"Debrief — {rules.name}",
        "scenario": {
            "id": rules.id,
            "name": rules.name,
            "ref": scenario_ref,
            "summary": rules.model.summary,
            "months": list(rules.months),
            "tension_key": rules.tension_key,
            "rungs": [{"start": s, "id": i, "name": n} for s, i, n in rules.rungs],
            "war_threshold": rules.war_threshold,
            "sanctions": bool(rules.sectors),
        },
        "seed": int(seed),
        "actions": len(run.steps),
        "actors": [
            {"id": a, "name": rules.actors[a].name, "colour": rules.actors[a].colour}
            for a in rules.actor_ids
        ],
        "result": result(run),
        "timeline": months,
        "facilitator": facilitator_actions(run),
        "series": data_series,
        "charts": charts(run, data_series),
        "switches": switches(run, data_series),
        "deals": deals(run),
        "knowledge": knowledge(run),
        "messages": archive(run),
        "objectives": objectives(run),
        "history": comparison(run, months),
        "history_scores": record_scores(rules, seed, run.game.month, run.game.over),
    }
