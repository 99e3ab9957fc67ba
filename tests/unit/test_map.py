"""The map: the shipped boundary asset, points of a year, and the SVG it renders."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ascn.load.loader import load
from ascn.map import MapPoint, load_boundaries, points_for, project, render_svg
from ascn.models import City, Dataset, Location
from ascn.reference import MEMBER_STATES

DATA = Path(__file__).resolve().parents[2] / "data"
SVG = "{http://www.w3.org/2000/svg}"
# Public coordinates (GeoNames) of cities, with the member state they lie in.
REAL = {
    "da-nang": ("VN", 16.0544, 108.2022),
    "jakarta": ("ID", -6.2146, 106.8451),
    "singapore": ("SG", 1.2897, 103.8501),
    "cebu-city": ("PH", 10.3167, 123.8907),
    "dili": ("TL", -8.5586, 125.5736),
    "vientiane": ("LA", 17.9667, 102.6),
}
INLAND = ["vientiane"]


def point(point_id: str, name: str = "", href: str | None = None) -> MapPoint:
    """A point at a real city's coordinates."""
    country, lat, lon = REAL[point_id]
    return MapPoint(point_id, name or point_id, country, lat, lon, href=href)


def parse(svg: str) -> ET.Element:
    """The SVG as an XML tree (fails the test when it is not well-formed)."""
    return ET.fromstring(svg)


def city_circles(tree: ET.Element) -> list[ET.Element]:
    """The circles that mark cities (not the small-state rings)."""
    return [c for c in tree.iter(f"{SVG}circle") if c.get("data-id")]


def path_bounds(d: str) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of every coordinate in path data."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def inside(x: float, y: float, ring: tuple[tuple[float, float], ...]) -> bool:
    """Ray casting: whether (x, y) lies inside the ring (lon/lat)."""
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def test_every_member_state_is_in_the_asset() -> None:
    """The asset holds each of the 11 member states, flagged as members, with rings."""
    members = {c.iso2: c for c in load_boundaries().countries if c.member}
    assert sorted(members) == sorted(MEMBER_STATES)
    assert all(c.rings and all(len(r) >= 4 for r in c.rings) for c in members.values())


def test_singapore_gets_a_ring_to_be_seen() -> None:
    """The only member state narrower than half a degree, Singapore, is ringed."""
    tree = parse(render_svg([], title="m"))
    rings = [c for c in tree.iter(f"{SVG}circle") if "map-small-state" in (c.get("class") or "")]
    assert [(c.get("data-iso2"), c.findtext(f"{SVG}title")) for c in rings] == [("SG", "Singapore")]


def test_neighbours_are_not_members() -> None:
    """Countries outside ASEAN in the asset are marked as non-members."""
    others = {c.iso2 for c in load_boundaries().countries if not c.member}
    assert others and not others & set(MEMBER_STATES)


def test_asset_names_its_origin_and_licence() -> None:
    """The asset says where it comes from and that it is public domain."""
    boundaries = load_boundaries()
    assert boundaries.source.startswith("Natural Earth 4.1.0")
    assert boundaries.licence == "public domain (Natural Earth)"


@pytest.mark.parametrize("city_id", sorted(REAL))
def test_point_lies_in_its_country_bounding_box(city_id: str) -> None:
    """The rendered circle of a real city lies inside its country's path bounds."""
    svg = parse(render_svg([point(city_id)], title="t"))
    country = REAL[city_id][0]
    path = next(p for p in svg.iter(f"{SVG}path") if p.get("data-iso2") == country)
    x0, y0, x1, y1 = path_bounds(path.get("d", ""))
    circle = next(c for c in city_circles(svg) if c.get("data-id") == city_id)
    assert x0 <= float(circle.get("cx", "nan")) <= x1
    assert y0 <= float(circle.get("cy", "nan")) <= y1


@pytest.mark.parametrize("city_id", INLAND)
def test_inland_city_lies_inside_its_country_outline(city_id: str) -> None:
    """An inland city falls inside one of its country's (simplified) rings."""
    country, lat, lon = REAL[city_id]
    boundary = next(c for c in load_boundaries().countries if c.iso2 == country)
    assert any(inside(lon, lat, ring) for ring in boundary.rings)


def test_every_located_city_in_data_lies_in_its_country_box() -> None:
    """Each city of data/ with a location lies in its member state's box (0.1 degree slack)."""
    boxes = {c.iso2: c.bounds() for c in load_boundaries().countries}
    outside = []
    for city in load(DATA).dataset.cities.values():
        if city.location is None:
            continue
        lon0, lat0, lon1, lat1 = boxes[city.country]
        lat, lon = city.location.lat, city.location.lon
        if not (lon0 - 0.1 <= lon <= lon1 + 0.1 and lat0 - 0.1 <= lat <= lat1 + 0.1):
            outside.append(city.id)
    assert outside == []


def test_projection_is_equirectangular_scaled() -> None:
    """x grows with longitude, y grows southwards, 10 units per degree of latitude."""
    x0, y0 = project(100.0, 10.0)
    x1, y1 = project(101.0, 9.0)
    assert (round(y1 - y0, 6), x1 > x0, round(x1 - x0, 2)) == (10.0, True, 9.96)


def test_hostile_names_are_escaped() -> None:
    """Names with markup, quotes and ampersands come out as text, not as elements."""
    name = "<script>alert(\"x\")</script> & 'Co'"
    svg = render_svg([point("da-nang", name)], title="A & <b>B</b>", label=True)
    tree = parse(svg)
    assert [e.tag for e in tree.iter() if e.tag in ("script", f"{SVG}script", f"{SVG}b")] == []
    assert city_circles(tree)[0].findtext(f"{SVG}title") == name
    assert next(tree.iter(f"{SVG}text")).text == name
    assert tree.findtext(f"{SVG}title") == "A & <b>B</b>"
    assert "<script" not in svg


def test_same_input_gives_identical_bytes() -> None:
    """Rendering twice gives byte-identical output."""
    points = [point(c, href=f"cities/{c}.html") for c in sorted(REAL)]
    first = render_svg(points, title="m", width=600, highlight={"VN", "dili"}, label=True)
    assert render_svg(points, title="m", width=600, highlight={"VN", "dili"}, label=True) == first


def test_links_are_relative_and_nothing_external() -> None:
    """Links are the points' relative hrefs; no other href, script or event handler."""
    svg = render_svg([point("dili", href="cities/dili.html")], title="m")
    tree = parse(svg)
    hrefs = [v for e in tree.iter() for k, v in e.attrib.items() if k.endswith("href")]
    handlers = [k for e in tree.iter() for k in e.attrib if k.lower().startswith("on")]
    assert (hrefs, handlers, "url(" in svg, "@import" in svg) == (
        ["cities/dili.html"],
        [],
        False,
        False,
    )


@pytest.mark.parametrize(
    "href", ["https://example.org/", "//example.org/x", "/cities/x.html", "javascript:alert(1)"]
)
def test_absolute_or_scripted_href_is_refused(href: str) -> None:
    """A point refuses a link that leaves the site or runs script."""
    with pytest.raises(ValueError, match="href must be relative"):
        point("dili", href=href)


def test_svg_is_accessible_image_without_links() -> None:
    """Without links the root is role=img with a title and a description of what it shows."""
    tree = parse(render_svg([point("dili"), point("jakarta")], title="Members 2025"))
    assert (tree.get("role"), tree.get("aria-label"), tree.findtext(f"{SVG}title")) == (
        "img",
        "Members 2025",
        "Members 2025",
    )
    assert tree.findtext(f"{SVG}desc") == (
        "Map of the 11 ASEAN member states with 2 cities. "
        "Boundaries: Natural Earth (public domain)."
    )


def test_highlight_marks_country_and_point() -> None:
    """Highlighted ids and ISO2 codes get the highlight class and a larger point."""
    tree = parse(render_svg([point("dili"), point("jakarta")], title="m", highlight={"TL", "dili"}))
    lit = sorted(
        e.get("data-iso2") or e.get("data-id") or ""
        for e in tree.iter()
        if "map-highlight" in (e.get("class") or "")
    )
    radii = {c.get("data-id"): c.get("r") for c in city_circles(tree)}
    assert (lit, radii) == (["TL", "dili"], {"dili": "6", "jakarta": "4"})


def test_width_sets_size_keeping_aspect() -> None:
    """A width gives width and height attributes in the viewBox's proportions."""
    tree = parse(render_svg([], title="m", width=500))
    _, _, w, h = (float(v) for v in tree.get("viewBox", "").split())
    assert (tree.get("width"), tree.get("height")) == ("500", str(round(500 * h / w)))


def city(city_id: str, joined: int, location: tuple[float, float] | None) -> City:
    """A city record with an optional (lat, lon)."""
    where = Location(lat=location[0], lon=location[1]) if location else None
    return City(id=city_id, name=city_id.title(), country="VN", joined=joined, location=where)


def test_points_for_year_skips_and_reports_unlocated_cities() -> None:
    """Members of the year with a location become points; members without are reported."""
    ds = Dataset(
        cities={
            "hue": city("hue", 2025, (16.46, 107.59)),
            "da-nang": city("da-nang", 2018, (16.05, 108.2)),
            "can-tho": city("can-tho", 2019, None),
            "vinh": city("vinh", 2026, (18.67, 105.68)),
        }
    )
    result = points_for(ds, 2025, href=lambda c: f"cities/{c.id}.html")
    assert result.points == (
        MapPoint("da-nang", "Da-Nang", "VN", 16.05, 108.2, "cities/da-nang.html", None),
        MapPoint("hue", "Hue", "VN", 16.46, 107.59, "cities/hue.html", "new-member"),
    )
    assert [c.id for c in result.unlocated] == ["can-tho"]
