"""Public API for nearby search: ``GET /api/v1/services/nearby``, no token needed.

Confidential locations are never part of a result (see ``nearby``'s module docstring).
"""

import uuid

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from infohub.core.api_params import LanguageCode
from infohub.directory.models import Address
from infohub.directory.nearby import (
    DEFAULT_RADIUS_KM,
    MAX_LIMIT,
    MAX_RADIUS_KM,
    Place,
    nearby,
    public_phones,
    spoken_languages,
    term_and_descendants,
    term_by_id_or_code,
    translations_of,
)
from infohub.directory.selectors import text_for

router = Router(tags=["services"])


class NearbyFilters(Schema):
    lat: float = Field(..., ge=-90, le=90, description="Latitude of the point, in degrees.")
    lon: float = Field(..., ge=-180, le=180, description="Longitude of the point, in degrees.")
    radius_km: float = Field(DEFAULT_RADIUS_KM, gt=0, le=MAX_RADIUS_KM)
    taxonomy_term: str | None = Field(
        None,
        max_length=200,
        description="A taxonomy term's id or code; its narrower terms match too.",
    )
    language: str | None = Field(
        None,
        min_length=2,
        max_length=12,
        description="Only services where this language is spoken (ISO 639 code, e.g. ht).",
    )
    lang: LanguageCode = Field(
        default_factory=lambda: settings.LANGUAGE_CODE,
        description="The language of the texts, with the usual fallback.",
    )
    open_now: bool = Field(False, description="Only places open now.")
    limit: int = Field(10, ge=1, le=MAX_LIMIT)


class AddressOut(Schema):
    address_1: str
    address_2: str
    city: str
    state_province: str
    postal_code: str
    country: str


class NearbyItemOut(Schema):
    service_id: uuid.UUID
    name: str
    lang: str = Field(description="The language of name; may differ from the one asked for.")
    fallback: bool
    organization: str
    status: str = Field(description="HSDS status: active or temporarily closed.")
    location_id: uuid.UUID
    location_name: str
    latitude: float
    longitude: float
    address: AddressOut | None
    distance_km: float = Field(description="Great-circle distance, rounded to 0.1 km.")
    open_now: bool | None = Field(description="null when the schedules do not say.")
    time_zone: str | None = Field(description="The place's IANA time zone, when known.")
    phones: list[str]
    languages: list[str] = Field(description="Codes of the languages spoken.")
    url: str = Field(description="The service's page on the portal.")


class NearbyPage(Schema):
    items: list[NearbyItemOut]
    count: int
    radius_km: float


def _address_out(address: Address | None) -> AddressOut | None:
    if address is None:
        return None
    return AddressOut(
        address_1=address.address_1,
        address_2=address.address_2,
        city=address.city,
        state_province=address.state_province,
        postal_code=address.postal_code,
        country=address.country,
    )


def service_page_path(service_id: uuid.UUID, lang: str) -> str:
    portal_languages = [code for code, _name in settings.LANGUAGES]
    with translation.override(lang if lang in portal_languages else settings.LANGUAGE_CODE):
        return reverse("directory:service-detail", kwargs={"service_id": service_id})


def items_out(places: list[Place], lang: str) -> list[NearbyItemOut]:
    service_ids = {p.service.id for p in places}
    phones_of_service, phones_of_place = public_phones(service_ids=service_ids, places=places)
    languages_of_service, languages_of_place = spoken_languages(
        service_ids=service_ids, location_ids={p.location.id for p in places}
    )
    records = [("service", p.service.id) for p in places]
    records += [("organization", p.service.organization_id) for p in places]
    records += [("location", p.location.id) for p in places]
    texts = translations_of(records)
    items = []
    for place in places:
        service, location = place.service, place.location
        name = text_for(
            record=service, field="name", lang=lang, translations=texts["service", service.id]
        )
        organization = text_for(
            record=service.organization,
            field="name",
            lang=lang,
            translations=texts["organization", service.organization_id],
        )
        location_name = text_for(
            record=location, field="name", lang=lang, translations=texts["location", location.id]
        )
        coordinates = place.coordinates
        if coordinates is None or place.distance_km is None:  # never for a search result
            continue
        phones = [
            *phones_of_place[place.service_at_location_id],
            *phones_of_service[service.id],
        ]
        languages = [*languages_of_place[location.id], *languages_of_service[service.id]]
        items.append(
            NearbyItemOut(
                service_id=service.id,
                name=name.text,
                lang=name.lang,
                fallback=name.is_fallback,
                organization=organization.text,
                status=service.status,
                location_id=location.id,
                location_name=location_name.text,
                latitude=coordinates[0],
                longitude=coordinates[1],
                address=_address_out(place.address),
                distance_km=round(place.distance_km, 1),
                open_now=place.open_now,
                time_zone=getattr(place.zone, "key", None),
                phones=list(dict.fromkeys(p.number for p in phones)),
                languages=list(dict.fromkeys(s.code for s in languages if s.code)),
                url=service_page_path(service.id, lang),
            )
        )
    return items


@router.get(
    "/services/nearby",
    response=NearbyPage,
    auth=None,
    summary="Services near a point",
    openapi_extra={"responses": {404: {"description": "No taxonomy term has this id or code."}}},
)
def services_nearby(request: HttpRequest, filters: Query[NearbyFilters]) -> NearbyPage:
    """Published services nearest to a point, with their distance and whether they are open now.

    Each service appears once, at its nearest public place. Confidential places are
    never included. Whether a place is open is worked out in its own time zone.
    """
    if filters.lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        languages = ", ".join(settings.INFOHUB_CONTENT_LANGUAGES)
        raise HttpError(422, _("lang must be one of %(languages)s.") % {"languages": languages})
    term_ids = None
    if filters.taxonomy_term:
        term = term_by_id_or_code(filters.taxonomy_term)
        if term is None:
            # A reference to something that does not exist, as an unknown id in a path.
            raise HttpError(404, _("taxonomy_term is not a known term id or code."))
        term_ids = term_and_descendants(term)
    places = nearby(
        lat=filters.lat,
        lon=filters.lon,
        radius_km=filters.radius_km,
        term_ids=term_ids,
        language=filters.language,
        open_now=filters.open_now,
        limit=filters.limit,
    )
    items = items_out(places, filters.lang)
    return NearbyPage(items=items, count=len(items), radius_km=filters.radius_km)
