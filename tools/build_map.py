"""Build ascn/map/asean.json, the map's boundary asset, from Natural Earth via world-atlas.

Source: the npm package `world-atlas` 2.0.2 (https://github.com/topojson/world-atlas), file
`countries-50m.json`: Natural Earth 4.1.0 Admin 0 country boundaries at 1:50m as TopoJSON.
Licence: Natural Earth data is in the public domain (https://www.naturalearthdata.com/about/
terms-of-use/); world-atlas only repackages it (its ISC licence covers its build scripts).
1:50m is used because Singapore is absent at 1:110m.

What it does: decodes the TopoJSON arcs, simplifies each shared arc once with Douglas-Peucker
(so neighbouring countries keep a common border with no gaps or overlaps), assembles the rings
of the 11 member states and of the neighbours that reach into the frame, clips the neighbours
to the frame, drops islets too small to see, rounds to 0.01 degree (about 1 km) and writes
one country per line, sorted members first then by code.

Hand-written (stdlib only) because it runs once: shapely would simplify each country on its
own and open gaps along shared borders, and topojson's simplifier is a Node tool.

Rerun (the npm registry is the only download):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/build_map.py /tmp/package/countries-50m.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

SOURCE_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
OUT = Path(__file__).resolve().parent.parent / "ascn" / "map" / "asean.json"

# ISO 3166-1 numeric (world-atlas ids) -> alpha-2, member states first.
MEMBERS = {
    "096": "BN", "116": "KH", "360": "ID", "418": "LA", "458": "MY", "104": "MM",
    "608": "PH", "702": "SG", "764": "TH", "626": "TL", "704": "VN",
}  # fmt: skip
NEIGHBOURS = {
    "036": "AU", "050": "BD", "064": "BT", "156": "CN", "356": "IN", "598": "PG", "158": "TW",
    "344": "HK", "446": "MO", "524": "NP",
}  # fmt: skip
FRAME = (90.5, -12.0, 142.0, 29.5)  # lon_min, lat_min, lon_max, lat_max: members + margin
TOLERANCE = 0.02  # degrees: about 2 km, keeps the Philippine and Indonesian islands' shapes
MIN_EXTENT = 0.12  # degrees: islets smaller than this in both directions are dropped
Point = tuple[float, float]


def decode_arcs(topo: dict) -> list[list[Point]]:
    """The topology's arcs as absolute lon/lat points (TopoJSON delta-encodes quantized arcs)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance of p from segment a-b (from a when a == b, as on a closed arc)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    ex, ey = a[0] + t * dx - p[0], a[1] + t * dy - p[1]
    return (ex * ex + ey * ey) ** 0.5


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative; the end points are kept so arcs still meet."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def ring(arc_ids: list[int], arcs: list[list[Point]]) -> list[Point]:
    """One ring from its arcs; a negative id ~i means arc i reversed."""
    points: list[Point] = []
    for arc_id in arc_ids:
        arc = arcs[arc_id] if arc_id >= 0 else arcs[~arc_id][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict) -> Iterator[list[list[int]]]:
    """The polygons of a Polygon or MultiPolygon as lists of rings of arc ids."""
    if geometry["type"] == "Polygon":
        yield geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["arcs"]


def clip(points: list[Point], frame: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland-Hodgman clipping of a ring to the frame rectangle (for the neighbours)."""
    x0, y0, x1, y1 = frame
    edges = [(0, x0, 1), (0, x1, -1), (1, y0, 1), (1, y1, -1)]  # axis, limit, inside side
    for axis, limit, side in edges:
        inside = [(p[axis] - limit) * side >= 0 for p in points]
        out: list[Point] = []
        for i, p in enumerate(points):
            j = i - 1
            if inside[i] != inside[j]:
                q = points[j]
                t = (limit - q[axis]) / (p[axis] - q[axis])
                out.append((q[0] + t * (p[0] - q[0]), q[1] + t * (p[1] - q[1])))
            if inside[i]:
                out.append(p)
        points = out
        if not points:
            break
    return points


def visible(points: list[Point]) -> bool:
    """Whether a ring is big enough to draw at the map's scale."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return len(points) >= 4 and max(max(xs) - min(xs), max(ys) - min(ys)) >= MIN_EXTENT


def country_rings(geometry: dict, arcs: list[list[Point]], member: bool) -> list[list[Point]]:
    """The country's drawable rings; neighbours clipped to the frame; Singapore always kept."""
    rings = [ring(ids, arcs) for polygon in polygons(geometry) for ids in polygon]
    if not member:
        rings = [clip(r, FRAME) for r in rings]
    kept = [r for r in rings if visible(r)]
    if not kept and member:  # a member state smaller than an islet: keep its largest ring
        kept = [max(rings, key=len)]
    return [[(round(x, 2), round(y, 2)) for x, y in r] for r in kept]


def build(topo: dict) -> list[dict]:
    """The asset's country entries, members first, each sorted by code."""
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topo)]
    entries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        code = MEMBERS.get(number) or NEIGHBOURS.get(number)
        if code is None:
            continue
        rings = country_rings(geometry, arcs, member=number in MEMBERS)
        if rings:
            name = geometry["properties"]["name"]
            entries.append(
                {"iso2": code, "name": name, "member": number in MEMBERS, "rings": rings}
            )
    return sorted(entries, key=lambda e: (not e["member"], e["iso2"]))


def write(entries: list[dict], out: Path) -> None:
    """One country per line so that a rebuild gives a readable diff."""
    head = {
        "source": "Natural Earth 4.1.0 Admin 0 countries 1:50m, via npm world-atlas 2.0.2",
        "licence": "public domain (Natural Earth)",
        "frame": list(FRAME),
        "tolerance_degrees": TOLERANCE,
    }
    lines = [json.dumps(head, sort_keys=True)[:-1] + ',"countries":[']
    body = [json.dumps(e, separators=(",", ":"), ensure_ascii=False) for e in entries]
    lines.append(",\n".join(body))
    lines.append("]}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(source: str) -> None:
    raw = Path(source).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{source}: sha256 {digest} is not world-atlas 2.0.2's countries-50m.json")
    write(build(json.loads(raw)), OUT)
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
