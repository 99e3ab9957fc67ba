"""The network's map: an offline SVG of the ASEAN member states with city points.

Boundaries: Natural Earth 4.1.0 Admin 0 countries at 1:50m (public domain), from the npm
package world-atlas 2.0.2, simplified and clipped by `tools/build_map.py` into the shipped
`asean.json` (the 11 member states and the neighbours' parts inside the frame, in grey).
No tiles, no network, no scripts: `render_svg` returns one self-contained `<svg>`.

Public API: `MapPoint`, `PointsForYear`, `points_for(ds, year, href=None)`,
`render_svg(points, *, title, ...)`, `load_boundaries()`, `project(lon, lat)`.

May import: reference, problems, models, figures.
"""

from ascn.map.boundaries import Boundary, load_boundaries, project
from ascn.map.points import MapPoint, PointsForYear, points_for
from ascn.map.svg import render_svg

__all__ = [
    "Boundary",
    "MapPoint",
    "PointsForYear",
    "load_boundaries",
    "points_for",
    "project",
    "render_svg",
]
