"""The site's maps: the shared offline map (ascn.map) with each member city linked to its page."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ascn.map import points_for, render_svg
from ascn.models import Dataset
from ascn.site import links


@dataclass(frozen=True)
class SiteMap:
    """The inline SVG, and the member cities it cannot show (no location recorded)."""

    svg: Markup
    unlocated: list[dict[str, str]]


def city_map(ds: Dataset, year: int, root: str, title: str, country: str | None = None) -> SiteMap:
    """The member cities of `year` (of `country` only, if given), each linking to its page."""
    found = points_for(ds, year, href=lambda c: root + links.city(c.id))
    points = [p for p in found.points if country is None or p.country == country]
    svg = render_svg(points, title=title, highlight=[country] if country else ())
    unlocated = [
        {"name": c.name, "href": links.city(c.id)}
        for c in found.unlocated
        if country is None or c.country == country
    ]
    # Safe: ascn.map escapes every text and attribute value it writes.
    return SiteMap(Markup(svg), unlocated)  # noqa: S704
