"""Where to apply for a pathway: the listed places of its directory services, nearest first."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from infohub.directory.nearby.geometry import haversine_km
from infohub.directory.nearby.places import listed_service_at_locations, load_places
from infohub.directory.presenting import address_text
from infohub.directory.selectors import text_for, translation_map
from infohub.pathways.models import Pathway


@dataclass(frozen=True)
class ApplyPlace:
    service_id: uuid.UUID
    name: str
    address: str
    distance_km: float | None

    @property
    def url_path(self) -> str:
        return f"services/{self.service_id}/"


def apply_places(
    pathways: Iterable[Pathway], *, lang: str, near: tuple[float, float] | None = None
) -> dict[int, list[ApplyPlace]]:
    """Per pathway pk, the public places where its services are listed, nearest first.

    Only published, listed services at places that are not confidential (the
    directory's own rule), so a pathway never reveals a confidential address.
    """
    wanted = {p.pk: {s.id for s in p.apply_at.all()} for p in pathways}
    service_ids = set().union(*wanted.values()) if wanted else set()
    rows = listed_service_at_locations().filter(service_id__in=service_ids)
    triples = list(rows.values_list("id", "service_id", "location_id").order_by("id"))
    places = load_places(triples, at=timezone.now())
    names = translation_map(table="service", record_ids=service_ids)
    shown: dict[uuid.UUID, list[ApplyPlace]] = {}
    for place in places.values():
        service = place.service
        name = text_for(record=service, field="name", lang=lang, translations=names[service.id])
        coordinates = place.coordinates
        distance = haversine_km(*near, *coordinates) if near and coordinates else None
        shown.setdefault(service.id, []).append(
            ApplyPlace(service.id, name.text, address_text(place.address), distance)
        )
    return {
        pk: sorted(
            (place for service_id in ids for place in shown.get(service_id, [])),
            key=lambda p: (p.distance_km is None, p.distance_km or 0.0, p.name),
        )
        for pk, ids in wanted.items()
    }
