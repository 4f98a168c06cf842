"""Public API: ``GET /api/v1/hub-directory``, no token needed: the active hubs as places."""

import uuid
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from infohub.core.api_params import LanguageCode
from infohub.directory.hsds.api.serializers import SCHEDULE, serialize
from infohub.directory.hubs.selectors import HubPlace, hub_places
from infohub.directory.nearby.api import AddressOut, _address_out

router = Router(tags=["hubs"])


class HubDirectoryParams(Schema):
    lang: LanguageCode = Field(
        default_factory=lambda: settings.LANGUAGE_CODE,
        description="The language of the texts, with the usual fallback.",
    )


class HubPlaceOut(Schema):
    id: uuid.UUID
    name: str
    country: str = Field(description="ISO 3166 alpha-2 code.")
    municipality: str
    address: AddressOut | None = Field(description="From the hub's place in the directory.")
    opening_hours: list[dict[str, Any]] = Field(
        description="HSDS 3.0 schedule objects of the hub's service at its place."
    )
    phone: str | None
    whatsapp: str | None = Field(description="In international form, e.g. +506 2222 0000.")
    languages: list[str] = Field(description="ISO 639-1 codes of the languages spoken.")


class HubDirectoryPage(Schema):
    items: list[HubPlaceOut]
    count: int


def hub_out(place: HubPlace, lang: str) -> HubPlaceOut:
    return HubPlaceOut(
        id=place.hub.public_id,
        name=place.hub.name,
        country=str(place.hub.country),
        municipality=place.hub.municipality,
        address=_address_out(place.address),
        opening_hours=serialize(SCHEDULE, list(place.schedules), lang),
        phone=place.phone or None,
        whatsapp=place.hub.whatsapp or None,
        languages=place.language_codes,
    )


@router.get("/hub-directory", response=HubDirectoryPage, auth=None, summary="Hub directory")
def hub_directory(request: HttpRequest, params: Query[HubDirectoryParams]) -> HubDirectoryPage:
    """The active hubs: where they are, when they are open, how to reach them."""
    items = [hub_out(place, params.lang) for place in hub_places(lang=params.lang)]
    return HubDirectoryPage(items=items, count=len(items))
