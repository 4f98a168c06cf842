"""Municipalities: where a search can start without the visitor's position."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Min

from infohub.directory.models import Address, Location
from infohub.directory.nearby.geometry import haversine_km
from infohub.directory.nearby.places import listed_service_at_locations


@dataclass(frozen=True)
class Municipality:
    key: str
    country: str
    state_province: str
    city: str
    lat: float
    lon: float
    # Half the diagonal of the box around its places: a search from the centre this
    # wide reaches every one of them.
    spread_km: float

    @property
    def label(self) -> str:
        if not self.state_province or self.state_province == self.city:
            return self.city
        return f"{self.city}, {self.state_province}"


def municipality_key(country: str, state_province: str, city: str) -> str:
    return "|".join((country, state_province, city))


def municipality_list() -> list[Municipality]:
    """Cities with a listed service at a public place with coordinates, centred on those places.

    Confidential places count for nothing here, not even for a city's centre.
    """
    places = Location.objects.filter(
        confidential=False,
        latitude__gte=-90,
        latitude__lte=90,
        longitude__gte=-180,
        longitude__lte=180,
        id__in=listed_service_at_locations().values("location_id"),
    )
    rows = (
        Address.objects.filter(location__in=places)
        .exclude(city="")
        .values("country", "state_province", "city")
        .annotate(
            lat=Avg("location__latitude"),
            lon=Avg("location__longitude"),
            min_lat=Min("location__latitude"),
            max_lat=Max("location__latitude"),
            min_lon=Min("location__longitude"),
            max_lon=Max("location__longitude"),
            places=Count("location", distinct=True),
        )
        .order_by("country", "city", "state_province")
    )
    return [
        Municipality(
            key=municipality_key(r["country"], r["state_province"], r["city"]),
            country=r["country"],
            state_province=r["state_province"],
            city=r["city"],
            lat=r["lat"],
            lon=r["lon"],
            spread_km=haversine_km(r["min_lat"], r["min_lon"], r["max_lat"], r["max_lon"]) / 2,
        )
        for r in rows
    ]
