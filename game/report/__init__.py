"""The classroom debrief (HTML, CSV, JSON) and the printable briefings.

>>> from game import load_scenario
>>> rules = load_scenario("korea-2019")
>>> html = debrief_html(rules, 7, [])          # a game not yet started still reports
>>> html.startswith("<!DOCTYPE html>")
True

Every function replays the log from (rules, seed) step by step; nothing in the engine
is changed. The HTML is one self-contained file (inline CSS and SVG charts).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.report.briefing import briefing_html
from game.report.data import debrief_data
from game.report.exports import debrief_csv_files
from game.report.render import render_debrief
from game.scenario.compile import Rules

Action = dict[str, Any]


def debrief_html(
    rules: Rules,
    seed: int,
    log: list[dict[str, Any]],
    *,
    scenario_ref: str = "",
    title: str | None = None,
    viewer: str = "omniscient",
    opened: bool = False,
) -> str:
    """The debrief as one self-contained HTML document (to project and to print): the
    whole of it for ``omniscient`` (the facilitator), else what ``viewer`` (an actor id
    or ``spectator``) could see, unless ``opened`` (see :mod:`game.report.privacy`)."""
    return render_debrief(
        debrief_data(
            rules, seed, log, scenario_ref=scenario_ref, title=title, viewer=viewer, opened=opened
        )
    )


def debrief_csv(
    rules: Rules,
    seed: int,
    log: Iterable[Action],
    *,
    scenario_ref: str = "",
    title: str | None = None,
) -> dict[str, str]:
    """File name -> CSV text of every table of the debrief."""
    return debrief_csv_files(debrief_data(rules, seed, log, scenario_ref=scenario_ref, title=title))


__all__ = ["briefing_html", "debrief_csv", "debrief_data", "debrief_html", "render_debrief"]
