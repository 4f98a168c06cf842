"""Distances on the Earth without GIS: the haversine formula, and a box to narrow a query.

Coordinates are plain floats in the database (see Location), so the same code serves
SQLite and PostgreSQL: the box is a cheap range filter in SQL, the exact distance is
computed in Python for the rows inside it.
"""

import math
from dataclasses import dataclass

from infohub.directory.hsds_api.params import Point

# The mean radius of the Earth (IUGG).
EARTH_RADIUS_METRES = 6_371_008.8
# Widens the box a little, so rounding never leaves out a point at the very edge.
_MARGIN_DEGREES = 1e-6


@dataclass(frozen=True)
class Box:
    min_latitude: float
    max_latitude: float
    # None when the box reaches a pole or crosses the antimeridian: no longitude bound.
    min_longitude: float | None
    max_longitude: float | None


def distance_metres(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(centre: Point, metres: float) -> Box:
    """A latitude and longitude range holding every point within ``metres`` of ``centre``."""
    angle = metres / EARTH_RADIUS_METRES
    dlat = math.degrees(angle) + _MARGIN_DEGREES
    min_lat, max_lat = centre.latitude - dlat, centre.latitude + dlat
    if min_lat <= -90 or max_lat >= 90:
        return Box(max(min_lat, -90.0), min(max_lat, 90.0), None, None)
    ratio = math.sin(angle) / math.cos(math.radians(centre.latitude))
    if angle >= math.pi / 2 or ratio >= 1:
        return Box(min_lat, max_lat, None, None)
    dlon = math.degrees(math.asin(ratio)) + _MARGIN_DEGREES
    min_lon, max_lon = centre.longitude - dlon, centre.longitude + dlon
    if min_lon < -180 or max_lon > 180:
        return Box(min_lat, max_lat, None, None)
    return Box(min_lat, max_lat, min_lon, max_lon)
