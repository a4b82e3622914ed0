"""The debrief as one self-contained HTML document, rendered from :func:`debrief_data`
through the Jinja2 templates in ``game/report/templates`` (autoescaped: every text a
player typed is escaped by the engine, never by hand).

The page leads with a summary that prints on at most four A4 pages (scores against the
record, the year month by month, the turning points, the deals); the full record follows
as an appendix of collapsible parts (``<details>``), which print only when opened. No
external files, fonts, scripts or network: the charts are inline SVG (written by
:mod:`game.report.charts`) and
the stylesheet is inline. This module only prepares values for the templates; the
page's structure is in the templates.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from game.report.charts import legend, short_label, svg_chart
from game.report.style import CSS
from game.report.summary import summary

SECTIONS = (
    ("timeline", "Month by month"),
    ("charts", "Charts"),
    ("deals", "Deals made and broken"),
    ("knowledge", "What each team knew, and when"),
    ("messages", "The message archive"),
    ("objectives", "Objectives: how far each team got"),
    ("history", "The class's year and the real one"),
)
"""The appendix's parts, in order: (id, heading). The summary comes before them."""

SCOPE_LABELS = {"full": "Whole archive", "seat": "One seat's view", "observer": "Observer's view"}
STATUS_TAGS = {"broken": "broken", "active": "kept", "expired": "kept"}


def _g(value: Any) -> str:
    """A number as ``%g`` (``45.0`` -> ``45``)."""
    return f"{float(value):g}"


def _signed(value: float | None) -> str:
    """``+3.5``, ``−2`` (a real minus sign) or ``–`` for no value."""
    if value is None:
        return "–"
    v = round(float(value), 1)
    return f"+{v:g}" if v > 0 else f"−{-v:g}" if v < 0 else "0"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _flags(deal: dict[str, Any]) -> str:
    return ", ".join(f for f in ("inspections", "summit", "talks") if deal.get(f))


def _outside(x: dict[str, Any]) -> bool:
    """Whether the true value fell outside a team's estimated range."""
    true = round(float(x["true"]), 1)
    return bool(true < x["low"] or true > x["high"])


def _range(x: dict[str, Any]) -> str:
    """An estimated range as a team read it, short enough for a narrow column: whole
    numbers, widened outwards ('44.4', '50.2' -> '44–51'), unless it is narrower than 3
    (then to a tenth)."""
    low, high = float(x["low"]), float(x["high"])
    if high - low < 3:
        return f"{math.floor(low * 10) / 10:g}–{math.ceil(high * 10) / 10:g}"
    return f"{math.floor(low + 1e-9):g}–{math.ceil(high - 1e-9):g}"


def _shown_estimate(key: str) -> bool:
    return key.count(".") < 2 and not key.startswith("pressure.")


def _estimate_name(rows: list[dict[str, Any]], key: str) -> str:
    for r in rows:
        for x in r["estimates"]:
            if x["key"] == key:
                return str(x["name"])
    return key


def _history_row(a: dict[str, Any]) -> bool:
    return bool(a["real_levers"] or a["real_signals"] or a["class_signals"])


def _svg(spec: dict[str, Any], labels: list[str], height: float | None = None) -> Markup:
    """A chart's SVG (written by :func:`svg_chart`, which escapes its own text)."""
    if height is None:
        return Markup(svg_chart(spec, labels))
    return Markup(svg_chart(spec, labels, height=height))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates' environment: package templates, autoescaping, strict undefined."""
    env = Environment(
        loader=PackageLoader("game.report", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    env.filters.update(g=_g, short=short_label)
    env.tests.update(shown_estimate=_shown_estimate, history_row=_history_row)
    env.globals.update(
        count=_count,
        signed=_signed,
        flags_of=_flags,
        outside=_outside,
        span=_range,
        estimate_name=_estimate_name,
        svg=_svg,
        legend=legend,
        scope_labels=SCOPE_LABELS,
        status_tags=STATUS_TAGS,
        sections=SECTIONS,
    )
    return env


def _record_year(data: dict[str, Any]) -> str:
    months = data["scenario"].get("months") or []
    last = str(months[0]).split(" ")[-1] if months else ""
    return last if last.isdigit() else "history"


def render_debrief(data: dict[str, Any]) -> str:
    """The whole HTML document for a debrief's data."""
    s = summary(data)
    labels = [m["label"] for m in data["series"]["months"]]
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for k in data["knowledge"]:
        by_actor.setdefault(k["actor"], []).append(k)
    score_charts = [c for c in data["charts"] if c["id"].startswith("scores")]
    history = data.get("history_scores") or {}
    page = (
        environment()
        .get_template("debrief.html")
        .render(
            d=data,
            s=s,
            css=Markup(CSS),
            actors={a["id"]: a for a in data["actors"]},
            labels=labels,
            knowledge_by_actor=list(by_actor.items()),
            score_charts=score_charts if len(labels) >= 2 else [],
            history_on=bool(history.get("available")),
            par_on=any(row["par"] for row in s["scores"]),
            record_year=_record_year(data),
        )
    )
    return page + "\n"
