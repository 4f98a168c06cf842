"""Distances on a spherical Earth, and the latitude/longitude box around a circle."""

import math
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

EARTH_RADIUS_KM = 6371.0088
# Widens the box a little, so rounding never leaves out a point on its edge.
MARGIN_DEGREES = 1e-6


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    # Longitude ranges: one, two when the circle crosses the antimeridian, none near a pole.
    lon_ranges: tuple[tuple[float, float], ...]

    def condition(self, prefix: str = "") -> Q:
        box = Q(**{f"{prefix}latitude__gte": self.min_lat, f"{prefix}latitude__lte": self.max_lat})
        if self.lon_ranges:
            box &= reduce(
                or_,
                (
                    Q(**{f"{prefix}longitude__gte": low, f"{prefix}longitude__lte": high})
                    for low, high in self.lon_ranges
                ),
            )
        return box


def bounding_box(lat: float, lon: float, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box that holds the circle (a spherical Earth)."""
    angle = radius_km / EARTH_RADIUS_KM  # radians
    dlat = math.degrees(angle) + MARGIN_DEGREES
    min_lat, max_lat = lat - dlat, lat + dlat
    # The widest longitude the circle reaches, at the latitude where it touches the box.
    ratio = math.sin(angle) / math.cos(math.radians(lat)) if abs(lat) < 90 else 2.0
    if min_lat <= -90 or max_lat >= 90 or angle >= math.pi / 2 or ratio >= 1:
        return BoundingBox(max(min_lat, -90.0), min(max_lat, 90.0), ())
    dlon = math.degrees(math.asin(ratio)) + MARGIN_DEGREES
    low, high = lon - dlon, lon + dlon
    ranges: tuple[tuple[float, float], ...]
    if low < -180:
        ranges = ((low + 360, 180.0), (-180.0, high))
    elif high > 180:
        ranges = ((low, 180.0), (-180.0, high - 360))
    else:
        ranges = ((low, high),)
    return BoundingBox(min_lat, max_lat, ranges)
