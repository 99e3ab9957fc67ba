"""City points for the map: a small value type and the member cities of a year."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ascn.figures.progress import is_member
from ascn.models import City, Dataset

_CLASS_TOKEN = re.compile(r"[a-z][a-z0-9-]*")
NEW_MEMBER = "new-member"  # the group of cities that joined in the year shown


@dataclass(frozen=True)
class MapPoint:
    """A city on the map; `href` must be relative, `group` is one CSS class token."""

    id: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    href: str | None = None
    group: str | None = None

    def __post_init__(self) -> None:
        if self.href is not None and not is_relative(self.href):
            raise ValueError(f"map point {self.id!r}: href must be relative: {self.href!r}")
        if self.group is not None and not _CLASS_TOKEN.fullmatch(self.group):
            raise ValueError(f"map point {self.id!r}: group must be a class token: {self.group!r}")


def is_relative(href: str) -> bool:
    """A link that stays inside the site: no scheme, no host, not rooted at '/'."""
    parts = urlsplit(href.strip())
    return not parts.scheme and not parts.netloc and not href.strip().startswith(("/", "\\"))


@dataclass(frozen=True)
class PointsForYear:
    """The member cities of a year as points, and the members that have no location."""

    points: tuple[MapPoint, ...]
    unlocated: tuple[City, ...]


def points_for(ds: Dataset, year: int, href: Callable[[City], str] | None = None) -> PointsForYear:
    """Member cities in `year` with a location, sorted by id; cities new that year are grouped."""
    members = sorted((c for c in ds.cities.values() if is_member(c, year)), key=lambda c: c.id)
    points = tuple(
        MapPoint(
            id=c.id,
            name=c.name,
            country=c.country,
            lat=c.location.lat,
            lon=c.location.lon,
            href=href(c) if href else None,
            group=NEW_MEMBER if c.joined == year else None,
        )
        for c in members
        if c.location is not None
    )
    return PointsForYear(points, tuple(c for c in members if c.location is None))
