"""The shipped boundary asset and the map's projection.

Projection: equirectangular, x = lon * cos(5 degrees), y = -lat, times SCALE units per degree.
The member states lie between about 11 S and 29 N, so a plate carree centred near the equator
distorts little (east-west scale is off by at most 1/cos(29) = 1.14 at Myanmar's northern tip)
and needs no projection library; cos(5) keeps the region's aspect close to a globe's at its
centre of mass (most cities lie between 0 and 20 N).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

ASSET = "asean.json"
SCALE = 10.0  # SVG units per degree of latitude
X_FACTOR = math.cos(math.radians(5.0))

Ring = tuple[tuple[float, float], ...]  # (lon, lat) pairs


@dataclass(frozen=True)
class Boundary:
    """One country of the asset: its code, Natural Earth name, membership and rings."""

    iso2: str
    name: str
    member: bool
    rings: tuple[Ring, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """(lon_min, lat_min, lon_max, lat_max) over all rings."""
        lons = [lon for ring in self.rings for lon, _ in ring]
        lats = [lat for ring in self.rings for _, lat in ring]
        return min(lons), min(lats), max(lons), max(lats)


@dataclass(frozen=True)
class Boundaries:
    """The asset: countries (members first) and the frame (lon/lat box) the map shows."""

    countries: tuple[Boundary, ...]
    frame: tuple[float, float, float, float]
    source: str
    licence: str


@cache
def load_boundaries() -> Boundaries:
    """The shipped boundary asset (read once per process)."""
    text = resources.files("ascn.map").joinpath(ASSET).read_text(encoding="utf-8")
    raw = json.loads(text)
    countries = tuple(
        Boundary(
            iso2=c["iso2"],
            name=c["name"],
            member=c["member"],
            rings=tuple(tuple((lon, lat) for lon, lat in ring) for ring in c["rings"]),
        )
        for c in raw["countries"]
    )
    lon0, lat0, lon1, lat1 = raw["frame"]
    return Boundaries(countries, (lon0, lat0, lon1, lat1), raw["source"], raw["licence"])


def project(lon: float, lat: float) -> tuple[float, float]:
    """SVG user units of a WGS84 point (y grows southwards)."""
    return lon * X_FACTOR * SCALE, -lat * SCALE
