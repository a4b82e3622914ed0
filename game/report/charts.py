"""Line charts drawn with matplotlib as inline SVG (no files, no network; text stays text,
crisp on a projector and on paper).

A chart is drawn from a spec made by :func:`game.report.series.charts`: at most four
lines of one unit, each with a colour *and* a dash pattern and marker (never colour
alone), shaded named bands (the tension rungs), an optional threshold, month labels on
the x axis, the unit on the y axis; the legend under it is HTML (:func:`legend`), so a
long name wraps instead of being cut. The margins are fixed for the longest tick label.
"""

from __future__ import annotations

import io
import re
import threading
from typing import Any

from markupsafe import escape

BAND_FILLS = ("#f4f4f4", "#e3e3e3")
WIDTH_IN, HEIGHT_IN = 7.6, 2.9
_LOCK = threading.Lock()  # pyplot's state is global: one chart at a time


def short_label(label: str) -> str:
    """A month label shortened for an axis or a narrow column: 'April 2019' -> 'Apr'."""
    word = label.split(" ")[0]
    return word if len(word) <= 5 else word[:3]


def _dashes(pattern: str) -> tuple[int, tuple[float, ...]] | str:
    if not pattern:
        return "solid"
    return (0, tuple(float(x) / 2 for x in pattern.split()))


def svg_chart(spec: dict[str, Any], labels: list[str], *, height: float = HEIGHT_IN) -> str:
    """The SVG markup of one chart; ``labels`` names the x positions (months)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    lo, hi = float(spec["min"]), float(spec["max"])
    if hi <= lo:
        hi = lo + 1
    n = max(len(labels), 1)
    with (
        _LOCK,
        matplotlib.rc_context(
            {
                "svg.fonttype": "none",
                "svg.hashsalt": "sixparty",
                "font.family": "DejaVu Sans",
                "font.size": 9,
            }
        ),
    ):
        fig = Figure(figsize=(WIDTH_IN, height))
        ax = fig.add_subplot()
        for i, band in enumerate(spec.get("bands", [])):
            ax.axhspan(band["from"], band["to"], color=BAND_FILLS[i % 2], zorder=0, lw=0)
            ax.text(
                0.01,
                (band["from"] + band["to"]) / 2,
                band["name"],
                transform=ax.get_yaxis_transform(),
                va="center",
                ha="left",
                fontsize=8,
                fontstyle="italic",
                color="#444444",
                zorder=1,
            )
        threshold = spec.get("threshold")
        if threshold:
            ax.axhline(threshold["value"], color="#b00020", lw=1.6, ls=(0, (5, 3)), zorder=2)
            ax.text(
                0.99,
                threshold["value"],
                threshold["name"],
                transform=ax.get_yaxis_transform(),
                va="bottom",
                ha="right",
                fontsize=8,
                fontweight="bold",
                color="#b00020",
            )
        xs = list(range(n))
        for line in spec["lines"]:
            values = line["values"]
            ax.plot(
                xs[: len(values)],
                values,
                color=line["colour"],
                ls=_dashes(line.get("dash", "")),
                lw=2.0,
                marker=line.get("marker", "o"),
                ms=4,
                label=f"{line['name']} ({round(values[-1], 1):g})" if values else line["name"],
                zorder=3,
            )
        ax.set_ylim(lo, hi)
        ax.set_xlim(-0.3, n - 0.7 if n > 1 else 0.3)
        ax.set_xticks(xs, [short_label(lb) for lb in labels])
        ax.set_ylabel(spec.get("unit", ""))
        ax.grid(axis="y", color="#bbbbbb", lw=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        # Fixed margins sized for the longest tick label ('100', a month's three to five
        # letters) and the unit: one draw, nothing cut; the legend is HTML (see legend).
        fig.subplots_adjust(left=0.6 / WIDTH_IN, right=0.99, top=0.97, bottom=0.3 / height)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    title = escape(spec["title"])
    return svg.replace("<svg ", f'<svg class="chart" role="img" aria-label="{title}" ', 1).replace(
        ">", f"><title>{title}</title>", 1
    )


def legend(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The legend of a chart, for the template: each line's name with its last value, its
    colour and its dash as an SVG ``stroke-dasharray``. Empty for the tension track (one
    line, named by the caption, its rungs on the bands)."""
    if len(spec["lines"]) == 1 and spec.get("bands"):
        return []
    return [
        {
            "name": line["name"],
            "last": f"{round(line['values'][-1], 1):g}" if line["values"] else "",
            "colour": line["colour"],
            "dash": line.get("dash", ""),
            "marker": line.get("marker", "o"),
        }
        for line in spec["lines"]
    ]
