"""Line charts written as inline SVG (no files, no network, no plotting library; text
stays text, crisp on a projector and on paper).

A chart is drawn from a spec made by :func:`game.report.series.charts`: at most four
lines of one unit, each with a colour *and* a dash pattern and marker (never colour
alone), shaded named bands (the tension rungs), an optional threshold, month labels on
the x axis, the unit on the y axis; the legend under it is HTML (:func:`legend`), so a
long name wraps instead of being cut. The margins are fixed for the longest tick label.
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import escape

BAND_FILLS = ("#f4f4f4", "#e3e3e3")
WIDTH_IN, HEIGHT_IN = 7.6, 2.9


def short_label(label: str) -> str:
    """A month label shortened for an axis or a narrow column: 'April 2019' -> 'Apr'."""
    word = label.split(" ")[0]
    return word if len(word) <= 5 else word[:3]


def _dashes(pattern: str) -> tuple[int, tuple[float, ...]] | str:
    if not pattern:
        return "solid"
    return (0, tuple(float(x) / 2 for x in pattern.split()))


def _ticks(lo: float, hi: float) -> list[float]:
    """Round y-axis ticks from ``lo`` to ``hi``: four to eight of them, a 1-2-5 step."""
    span = hi - lo
    step = 1.0
    for scale in (0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0):
        for base in (1.0, 2.0, 2.5, 5.0):
            step = base * scale
            if span / step <= 7:
                first = math.ceil(lo / step) * step
                return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]
    return [lo, hi]


def _num(x: float) -> str:
    return f"{round(x, 2):g}"


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "s":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if kind == "^":
        pts = f"{x:.1f},{y - 4:.1f} {x + 4:.1f},{y + 3:.1f} {x - 4:.1f},{y + 3:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "D":
        pts = f"{x:.1f},{y - 4:.1f} {x + 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x - 4:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'


def svg_chart(spec: dict[str, Any], labels: list[str], *, height: float = HEIGHT_IN) -> str:
    """The SVG markup of one chart; ``labels`` names the x positions (months).

    Written directly (no plotting library): a chart is a few dozen elements, and drawing
    them by hand takes a thousandth of the time a plotting library's figure does."""
    lo, hi = float(spec["min"]), float(spec["max"])
    if hi <= lo:
        hi = lo + 1
    n = max(len(labels), 1)
    w, h = WIDTH_IN * 72, height * 72  # points, as the page's CSS sizes the charts
    # the top margin holds half a tick label (the top tick's text is centred on its line)
    left, right, top, bottom = 0.6 * 72, w * 0.99, max(h * 0.03, 8.0), h - 0.3 * 72
    x_lo, x_hi = -0.3, (n - 0.7 if n > 1 else 0.3)

    def px(i: float) -> float:
        return left + (i - x_lo) / (x_hi - x_lo) * (right - left)

    def py(v: float) -> float:
        v = min(max(v, lo), hi)
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    title = escape(spec["title"])
    out = [
        f'<svg class="chart" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg"'
        f' width="{w:g}pt" height="{h:g}pt" viewBox="0 0 {w:g} {h:g}"'
        f' font-family="DejaVu Sans, sans-serif" font-size="9"><title>{title}</title>'
    ]
    for i, band in enumerate(spec.get("bands", [])):
        y0, y1 = py(float(band["to"])), py(float(band["from"]))
        out.append(
            f'<rect x="{left:.1f}" y="{y0:.1f}" width="{right - left:.1f}" height="{y1 - y0:.1f}"'
            f' fill="{BAND_FILLS[i % 2]}"/>'
            f'<text x="{left + 0.01 * (right - left):.1f}" y="{(y0 + y1) / 2 + 3:.1f}"'
            f' font-size="8" font-style="italic" fill="#444444">{escape(band["name"])}</text>'
        )
    for t in _ticks(lo, hi):
        y = py(t)
        out.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#bbbbbb"'
            f' stroke-width="0.6"/><text x="{left - 4:.1f}" y="{y + 3:.1f}"'
            f' text-anchor="end">{_num(t)}</text>'
        )
    out.append(
        f'<line x1="{left:.1f}" x2="{left:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" stroke="#000"'
        f' stroke-width="0.8"/><line x1="{left:.1f}" x2="{right:.1f}" y1="{bottom:.1f}"'
        f' y2="{bottom:.1f}" stroke="#000" stroke-width="0.8"/>'
    )
    for i, label in enumerate(labels):
        x = px(i)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom:.1f}" y2="{bottom + 3.5:.1f}"'
            f' stroke="#000" stroke-width="0.8"/><text x="{x:.1f}" y="{bottom + 13:.1f}"'
            f' text-anchor="middle">{escape(short_label(label))}</text>'
        )
    unit = escape(spec.get("unit", ""))
    mid = (top + bottom) / 2
    out.append(
        f'<text x="11" y="{mid:.1f}" text-anchor="middle" transform="rotate(-90 11 {mid:.1f})">'
        f"{unit}</text>"
    )
    threshold = spec.get("threshold")
    if threshold:
        y = py(float(threshold["value"]))
        out.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b00020"'
            f' stroke-width="1.6" stroke-dasharray="5 3"/><text x="{right:.1f}" y="{y - 3:.1f}"'
            f' text-anchor="end" font-size="8" font-weight="bold" fill="#b00020">'
            f"{escape(threshold['name'])}</text>"
        )
    for line in spec["lines"]:
        values = line["values"][:n]  # a value past the last label is off the chart
        if not values:
            continue
        colour = escape(line["colour"])
        pts = [(px(i), py(float(v))) for i, v in enumerate(values)]
        dash = line.get("dash", "")
        dashed = f' stroke-dasharray="{escape(dash)}"' if dash else ""
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"'
            f' stroke-linejoin="round"{dashed}/>'
        )
        marker = line.get("marker", "o")
        out.extend(_marker(marker, x, y, colour) for x, y in pts)
    out.append("</svg>")
    return "".join(out)


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
