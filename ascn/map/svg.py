"""The map as one self-contained SVG string: no scripts, no external references.

Text and attributes are escaped with `html.escape` (valid XML too). The output depends only on
the arguments and the shipped asset, with fixed number formatting, so it is byte-identical for
the same input. The root is `role="img"`; when points carry links it is `role="group"` instead,
because the children of an image are hidden from assistive technology and the links would be
unreachable by screen readers while still taking keyboard focus.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from html import escape

from ascn.map.boundaries import Boundary, load_boundaries, project
from ascn.map.points import MapPoint
from ascn.reference import MEMBER_STATES

PADDING = 0.6  # degrees around the member states
RADIUS = 4.0
RADIUS_HIGHLIGHT = 6.0
SMALL_STATE = 0.5  # degrees: a member state narrower than this also gets a ring to be seen
SMALL_STATE_RING = 9.0
# Scoped to .ascn-map so that several maps, or the page's own CSS, do not collide. Members
# differ from neighbours by lightness and outline, cities are dark discs with a white ring
# (new members hollow rings), so nothing relies on hue alone; print turns the sea white.
STYLE = """\
.ascn-map .map-sea{fill:#eef4f8}
.ascn-map .map-country{fill:#e4e4e4;stroke:#a6a6a6;stroke-width:.5px;\
vector-effect:non-scaling-stroke}
.ascn-map .map-member{fill:#fdfbf4;stroke:#4a5a68;stroke-width:.8px}
.ascn-map .map-country.map-highlight{fill:#f3d98b}
.ascn-map .map-small-state{fill:none;stroke:#4a5a68;stroke-width:1.2px;stroke-dasharray:3 2;\
vector-effect:non-scaling-stroke}
.ascn-map .map-city{fill:#1d3b57;stroke:#fff;stroke-width:1.2}
.ascn-map .map-city.new-member{fill:#fff;stroke:#1d3b57;stroke-width:1.8}
.ascn-map .map-city.map-highlight{fill:#b3261e;stroke:#fff;stroke-width:1.6}
.ascn-map a:focus .map-city,.ascn-map a:hover .map-city{stroke:#000;stroke-width:2.4}
.ascn-map .map-label{font:9px sans-serif;fill:#1b1b1b;stroke:#fff;stroke-width:2.4px;\
paint-order:stroke;stroke-linejoin:round}
@media print{.ascn-map .map-sea{fill:#fff}.ascn-map .map-member{fill:#f2f2f2}}"""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """Escaped for XML text and attribute values; characters XML cannot hold are dropped."""
    return escape(_NOT_XML.sub("", value), quote=True)


def num(value: float) -> str:
    """Fixed formatting, one decimal, no trailing zero, no negative zero."""
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if shown in ("-0", "") else shown


def view_box() -> tuple[float, float, float, float]:
    """(x, y, width, height) of the member states' bounds plus padding, in SVG units."""
    bounds = [c.bounds() for c in load_boundaries().countries if c.member]
    x0, y1 = project(min(b[0] for b in bounds) - PADDING, min(b[1] for b in bounds) - PADDING)
    x1, y0 = project(max(b[2] for b in bounds) + PADDING, max(b[3] for b in bounds) + PADDING)
    return round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1)


def path_data(country: Boundary) -> str:
    """The country's rings as path data, repeated points (after rounding) dropped."""
    parts = []
    for ring in country.rings:
        coords: list[str] = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            pair = f"{num(x)} {num(y)}"
            if not coords or coords[-1] != pair:
                coords.append(pair)
        parts.append("M" + " ".join(coords) + "Z")
    return "".join(parts)


def country_paths(highlight: Collection[str]) -> Iterable[str]:
    """One `<path>` per country, members named as ASEAN names them."""
    for country in load_boundaries().countries:
        classes = "map-country map-member" if country.member else "map-country"
        if country.iso2 in highlight:
            classes += " map-highlight"
        name = MEMBER_STATES.get(country.iso2, country.name) if country.member else country.name
        yield (
            f'<path class="{classes}" data-iso2="{country.iso2}" fill-rule="evenodd" '
            f'd="{path_data(country)}"><title>{text(name)}</title></path>'
        )


def small_state_rings() -> Iterable[str]:
    """A dashed ring around member states too small to see at the map's scale (Singapore)."""
    for country in load_boundaries().countries:
        lon0, lat0, lon1, lat1 = country.bounds()
        if country.member and max(lon1 - lon0, lat1 - lat0) < SMALL_STATE:
            x, y = project((lon0 + lon1) / 2, (lat0 + lat1) / 2)
            name = text(MEMBER_STATES[country.iso2])
            yield (
                f'<circle class="map-small-state" data-iso2="{country.iso2}" cx="{num(x)}" '
                f'cy="{num(y)}" r="{num(SMALL_STATE_RING)}"><title>{name}</title></circle>'
            )


def city_mark(point: MapPoint, highlight: Collection[str]) -> str:
    """A circle with the city's name as its title, inside a link when the point has one."""
    lit = point.id in highlight
    classes = " ".join(c for c in ("map-city", point.group, "map-highlight" if lit else None) if c)
    x, y = project(point.lon, point.lat)
    circle = (
        f'<circle class="{classes}" data-id="{text(point.id)}" cx="{num(x)}" cy="{num(y)}" '
        f'r="{num(RADIUS_HIGHLIGHT if lit else RADIUS)}"><title>{text(point.name)}</title></circle>'
    )
    if point.href is None:
        return circle
    return f'<a href="{text(point.href)}"><title>{text(point.name)}</title>{circle}</a>'


def city_label(point: MapPoint) -> str:
    """The city's name to the right of its point."""
    x, y = project(point.lon, point.lat)
    position = f'x="{num(x + RADIUS + 2)}" y="{num(y + 3)}"'
    return f'<text class="map-label" {position}>{text(point.name)}</text>'


def render_svg(
    points: Sequence[MapPoint],
    *,
    title: str,
    width: int | None = None,
    highlight: Collection[str] = (),
    label: bool = False,
) -> str:
    """The map with `points` drawn in order; `highlight` holds point ids and/or ISO2 codes."""
    # A set: every point is looked up in it (a list of 10,000 new cities made this quadratic,
    # 0.6 s at 10,000 cities).
    highlight = frozenset(highlight)
    x, y, w, h = view_box()
    size = f' width="{width}" height="{round(width * h / w)}"' if width else ""
    role = "group" if any(p.href for p in points) else "img"
    desc = (
        f"Map of the {len(MEMBER_STATES)} ASEAN member states with {len(points)} "
        f"{'city' if len(points) == 1 else 'cities'}. Boundaries: Natural Earth (public domain)."
    )
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ascn-map" role="{role}" '
        f'aria-label="{text(title)}" viewBox="{num(x)} {num(y)} {num(w)} {num(h)}"{size}>',
        f"<title>{text(title)}</title>",
        f"<desc>{text(desc)}</desc>",
        f"<style>{STYLE}</style>",
        f'<rect class="map-sea" x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"/>',
        '<g class="map-countries">',
        *country_paths(highlight),
        *small_state_rings(),
        '</g>\n<g class="map-cities">',
        *(city_mark(p, highlight) for p in points),
        "</g>",
    ]
    if label:
        lines += ['<g class="map-labels" aria-hidden="true">', *map(city_label, points), "</g>"]
    return "\n".join([*lines, "</svg>"]) + "\n"
