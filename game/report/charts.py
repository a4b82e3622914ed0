"""Line charts as inline SVG (no files, no network, crisp on a projector and on paper).

A chart is drawn from a spec made by :func:`game.report.series.charts`: lines with a
colour *and* a dash pattern (never colour alone), shaded named bands (the tension
rungs), an optional threshold, month labels, and a label at the end of each line.
"""

from __future__ import annotations

from html import escape
from typing import Any

W, H = 960, 400
LEFT, RIGHT, TOP, BOTTOM = 56, 250, 18, 44
BAND_FILLS = ("#f4f4f4", "#e6e6e6")


def _nice_step(span: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span / step <= 6:
            return float(step)
    return span / 5


def short_label(label: str) -> str:
    """A month label shortened for an axis or a narrow column: 'April 2019' -> 'Apr'."""
    word = label.split(" ")[0]
    return word if len(word) <= 5 else word[:3]


def _spread(positions: list[tuple[float, int]], gap: float, lo: float, hi: float) -> list[float]:
    """End-label y positions pushed apart by at least ``gap``, kept inside [lo, hi]."""
    order = sorted(positions)
    ys = [y for y, _ in order]
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + gap)
    overflow = ys[-1] - hi if ys else 0
    if overflow > 0:
        ys = [y - overflow for y in ys]
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - gap)
    ys = [max(lo, y) for y in ys]
    out = [0.0] * len(positions)
    for (_, idx), y in zip(order, ys, strict=True):
        out[idx] = y
    return out


def svg_chart(spec: dict[str, Any], labels: list[str]) -> str:
    """The SVG markup of one chart; ``labels`` names the x positions (months)."""
    lo, hi = float(spec["min"]), float(spec["max"])
    if hi <= lo:
        hi = lo + 1
    n = max(len(labels), 1)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        v = min(max(v, lo), hi)
        return TOP + ph * (1 - (v - lo) / (hi - lo))

    title = escape(spec["title"])
    parts = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{title}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit">',
        f"<title>{title}</title>",
    ]
    for i, band in enumerate(spec.get("bands", [])):
        y1, y2 = y(band["to"]), y(band["from"])
        parts.append(
            f'<rect x="{LEFT}" y="{y1:.1f}" width="{pw}" height="{max(y2 - y1, 0):.1f}" '
            f'fill="{BAND_FILLS[i % 2]}"/>'
        )
        parts.append(
            f'<text x="{LEFT + 8}" y="{(y1 + y2) / 2 + 5:.1f}" font-size="15" fill="#444" '
            f'font-style="italic">{escape(band["name"])}</text>'
        )
    step = _nice_step(hi - lo)
    tick = lo - (lo % step) if lo % step else lo
    while tick <= hi + 1e-9:
        ty = y(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="#bbb" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{ty + 5:.1f}" font-size="15" text-anchor="end" '
            f'fill="#222">{tick:g}</text>'
        )
        tick += step
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{H - BOTTOM + 24}" font-size="15" text-anchor="middle" '
            f'fill="#222">{escape(short_label(label))}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + ph}" stroke="#222" stroke-width="1.5"/>'
        f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{TOP + ph}" y2="{TOP + ph}" '
        f'stroke="#222" stroke-width="1.5"/>'
    )
    threshold = spec.get("threshold")
    if threshold:
        ty = y(threshold["value"])
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#b00020" '
            f'stroke-width="2.5" stroke-dasharray="10 6"/>'
            f'<text x="{LEFT + pw - 6}" y="{ty - 7:.1f}" font-size="15" text-anchor="end" '
            f'fill="#b00020" font-weight="bold">{escape(threshold["name"])}</text>'
        )
    ends: list[tuple[float, int]] = []
    for k, line in enumerate(spec["lines"]):
        values = line["values"]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        dash = f' stroke-dasharray="{line["dash"]}"' if line.get("dash") else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{line["colour"]}" '
            f'stroke-width="{line.get("width", 3)}" stroke-linejoin="round"{dash}>'
            f"<title>{escape(line['name'])}</title></polyline>"
        )
        for i, v in enumerate(values):
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{line["colour"]}"/>'
            )
        if values:
            ends.append((y(values[-1]), k))
    if ends and len(spec["lines"]) <= 9:
        label_ys = _spread(ends, 18, TOP + 6, TOP + ph + 6)
        for (_, k), ly in zip(sorted(ends, key=lambda e: e[1]), label_ys, strict=True):
            line = spec["lines"][k]
            last = line["values"][-1]
            name = line["name"] if len(line["name"]) <= 20 else line["name"][:19] + "…"
            parts.append(
                f'<text x="{LEFT + pw + 10}" y="{ly + 5:.1f}" font-size="15" '
                f'fill="{_ink(line["colour"])}">{escape(name)} {round(last, 1):g}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _ink(colour: str) -> str:
    """A text colour readable on white: light palette colours are darkened."""
    try:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#000000"
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    if lum < 140:
        return colour
    k = 140 / lum
    return f"#{int(r * k):02x}{int(g * k):02x}{int(b * k):02x}"


def legend(spec: dict[str, Any]) -> str:
    """An HTML legend for a chart: a small sample of each line (colour and dash) and its name."""
    items = []
    for line in spec["lines"]:
        dash = f' stroke-dasharray="{line["dash"]}"' if line.get("dash") else ""
        items.append(
            '<li><svg width="44" height="14" aria-hidden="true">'
            f'<line x1="2" x2="42" y1="7" y2="7" stroke="{line["colour"]}" stroke-width="4"{dash}/>'
            f"</svg> {escape(line['name'])}</li>"
        )
    return f'<ul class="legend">{"".join(items)}</ul>'
