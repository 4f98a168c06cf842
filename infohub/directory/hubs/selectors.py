"""The public hub directory: active hubs with what their directory place says."""

import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Q, QuerySet
from django.utils import timezone

from infohub.accounts.models import Hub
from infohub.directory.models import (
    Address,
    ListingStatus,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from infohub.directory.nearby import spoken_languages, translations_of
from infohub.directory.nearby.places import main_address, place_schedules
from infohub.directory.opening import Zone, is_open, zone_for_address
from infohub.directory.presenting import address_text, hours_texts, phone_items
from infohub.directory.selectors import text_for

OSM_ZOOM = 18


def hub_list_public() -> QuerySet[Hub]:
    """Active hubs, by country, municipality and name."""
    return (
        Hub.objects.filter(is_active=True)
        .select_related("location", "service")
        .order_by("country", "municipality", "name")
    )


@dataclass
class HubPlace:
    hub: Hub
    location: Location | None = None
    service: Service | None = None
    location_name: str = ""
    address: Address | None = None
    address_text: str = ""
    schedules: Sequence[Schedule] = ()
    hours: list[str] = field(default_factory=list)
    open_now: bool | None = None
    phones: list[dict[str, str]] = field(default_factory=list)
    language_codes: list[str] = field(default_factory=list)
    map_url: str = ""

    @property
    def phone(self) -> str:
        return self.phones[0]["number"] if self.phones else ""

    @property
    def whatsapp_url(self) -> str:
        """A wa.me link, for a number written in international form."""
        digits = re.sub(r"\D", "", self.hub.whatsapp)
        return f"https://wa.me/{digits}" if digits else ""


def map_url(location: Location) -> str:
    """A plain link to the place on OpenStreetMap (no map is embedded in any page)."""
    lat, lon = location.latitude, location.longitude
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return ""
    return (
        f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}"
        f"#map={OSM_ZOOM}/{lat:.5f}/{lon:.5f}"
    )


def _hub_zone(hub: Hub, address: Address | None) -> Zone | None:
    if address is not None:
        zone = zone_for_address(
            country=address.country, state_province=address.state_province, city=address.city
        )
        if zone is not None:
            return zone
    try:
        return ZoneInfo(hub.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _phone_order(phone: Phone, *, sal_id: uuid.UUID | None, location_id: uuid.UUID | None) -> int:
    if sal_id is not None and phone.service_at_location_id == sal_id:
        return 0
    return 1 if phone.location_id is not None and phone.location_id == location_id else 2


def _belongs(
    phone: Phone,
    *,
    sal_id: uuid.UUID | None,
    service_id: uuid.UUID | None,
    location_id: uuid.UUID | None,
) -> bool:
    """A phone of the hub's service at its place, of the place, or of the service anywhere."""
    if phone.service_at_location_id is not None:
        return phone.service_at_location_id == sal_id
    if phone.location_id is not None:
        return phone.location_id == location_id and phone.service_id in (None, service_id)
    return service_id is not None and phone.service_id == service_id


def hub_places(*, lang: str, at: dt.datetime | None = None) -> list[HubPlace]:
    """Every active hub with its address, hours, phones and languages, in a few queries."""
    at = at or timezone.now()
    hubs = list(hub_list_public())
    places = []
    for hub in hubs:
        location = hub.location if hub.location and not hub.location.confidential else None
        service = (
            hub.service
            if hub.service and hub.service.listing_status == ListingStatus.PUBLISHED
            else None
        )
        places.append(HubPlace(hub=hub, location=location, service=service))
    location_ids = {p.location.id for p in places if p.location}
    service_ids = {p.service.id for p in places if p.service}
    sal_ids = {
        (service_id, location_id): sal_id
        for sal_id, service_id, location_id in ServiceAtLocation.objects.filter(
            service_id__in=service_ids, location_id__in=location_ids
        ).values_list("id", "service_id", "location_id")
    }
    addresses: dict[uuid.UUID, list[Address]] = defaultdict(list)
    for address in Address.objects.filter(location_id__in=location_ids):
        if address.location_id is not None:
            addresses[address.location_id].append(address)
    schedules = list(
        Schedule.objects.filter(
            Q(service_at_location_id__in=sal_ids.values())
            | Q(service_id__in=service_ids)
            | Q(location_id__in=location_ids)
        ).order_by("id")
    )
    phones = list(
        Phone.objects.filter(
            Q(service_at_location_id__in=sal_ids.values())
            | Q(service_id__in=service_ids)
            | Q(location_id__in=location_ids),
            contact__isnull=True,
        ).order_by("number", "id")
    )
    languages_of_service, languages_of_location = spoken_languages(
        service_ids=service_ids, location_ids=location_ids
    )
    records: list[tuple[str, uuid.UUID]] = [("location", i) for i in location_ids]
    records += [("schedule", s.id) for s in schedules] + [("phone", p.id) for p in phones]
    texts = translations_of(records)
    for place in places:
        location_id = place.location.id if place.location else None
        service_id = place.service.id if place.service else None
        sal_id = sal_ids.get((service_id, location_id)) if service_id and location_id else None
        if place.location is not None:
            place.location_name = text_for(
                record=place.location,
                field="name",
                lang=lang,
                translations=texts["location", place.location.id],
            ).text
            place.address = main_address(addresses[place.location.id])
            place.address_text = address_text(place.address)
            place.map_url = map_url(place.location)
        place.schedules = _schedules_of(
            schedules, sal_id=sal_id, service_id=service_id, location_id=location_id
        )
        place.hours = hours_texts(place.schedules, lang, texts)
        place.open_now = is_open(
            place.schedules, at=at, place_zone=_hub_zone(place.hub, place.address)
        )
        own = [
            p
            for p in phones
            if _belongs(p, sal_id=sal_id, service_id=service_id, location_id=location_id)
        ]
        own.sort(key=lambda p: _phone_order(p, sal_id=sal_id, location_id=location_id))
        place.phones = phone_items(own, lang, texts)
        codes: dict[str, None] = {}
        spoken = [
            *(languages_of_service[service_id] if service_id else []),
            *(languages_of_location[location_id] if location_id else []),
        ]
        for language in spoken:
            code = (language.code or "").split("-")[0].lower()
            if code:
                codes[code] = None
        place.language_codes = list(codes)
    return places


def _schedules_of(
    schedules: list[Schedule],
    *,
    sal_id: uuid.UUID | None,
    service_id: uuid.UUID | None,
    location_id: uuid.UUID | None,
) -> Sequence[Schedule]:
    if service_id is not None and location_id is not None and sal_id is not None:
        return place_schedules(
            schedules, sal_id=sal_id, service_id=service_id, location_id=location_id
        )
    if location_id is not None:
        return [
            s
            for s in schedules
            if s.location_id == location_id
            and s.service_id is None
            and not s.service_at_location_id
        ]
    if service_id is not None:
        return [
            s
            for s in schedules
            if s.service_id == service_id and s.location_id is None and not s.service_at_location_id
        ]
    return []
