"""Reads for the referral pages and the list endpoint, scoped to what the user may see.

Lists never hold a personal value: the referring hub sees case codes, the provider only
the service, the status and the dates. Shared fields are read one referral at a time,
through ``access.access_referral`` (audited) and ``sharing.shared_values``.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, CharField, F, IntegerField, QuerySet, Value, When

from infohub.accounts.models import Hub, Organisation, User
from infohub.counselling.access import CASE_ROLES, consultation_list_visible, hubs_where
from infohub.counselling.models import Consent, ConsentPurpose, Consultation, Person
from infohub.directory.hsds.tables import table_name
from infohub.directory.models import Location, Service, ServiceAtLocation
from infohub.directory.nearby.geometry import haversine_km
from infohub.directory.nearby.municipalities import municipality_list
from infohub.directory.nearby.places import (
    filtered,
    listed_service_at_locations,
    term_and_descendants,
    term_by_id_or_code,
)
from infohub.directory.selectors import text_for, translation_map
from infohub.referrals.access import provider_organisations, referral_list_visible
from infohub.referrals.models import Referral, ReferralStatus
from infohub.referrals.workflow import HUB, PROVIDER

SENT, INBOX = "sent", "inbox"


def referral_boxes(*, user: User) -> list[str]:
    """The lists the user has: referrals their hubs sent, their organisation's inbox."""
    boxes = []
    if hubs_where(user, CASE_ROLES).exists():
        boxes.append(SENT)
    if provider_organisations(user).exists():
        boxes.append(INBOX)
    return boxes


def referral_list_annotated(*, user: User) -> QuerySet[Referral]:
    """Visible referrals with the user's ``side`` and, for the referring hub only, ``case_code``."""
    hubs = hubs_where(user, CASE_ROLES)
    return (
        referral_list_visible(user=user)
        .annotate(
            side=Case(
                When(hub__in=hubs, then=Value(HUB)),
                default=Value(PROVIDER),
                output_field=CharField(),
            ),
            case_code=Case(
                When(hub__in=hubs, then=F("person__case_code")),
                default=None,
                output_field=CharField(),
            ),
        )
        .select_related("provider")
        .order_by("-created_at", "-pk")
    )


def referral_list_for_box(*, user: User, box: str, status: str = "") -> QuerySet[Referral]:
    """The sent list (of the user's hubs) or the inbox (of their provider organisations)."""
    rows = referral_list_annotated(user=user).select_related(
        "service_at_location__service", "service_at_location__location"
    )
    if box == SENT:
        rows = rows.filter(hub__in=hubs_where(user, CASE_ROLES))
    elif box == INBOX:
        rows = rows.filter(provider__in=provider_organisations(user))
    else:
        return rows.none()
    if status in ReferralStatus.values:
        rows = rows.filter(status=status)
    return rows


@dataclass(frozen=True)
class PlaceLabel:
    service: str
    place: str  # empty for a confidential place


def place_labels(
    places: Iterable[ServiceAtLocation | None], *, lang: str
) -> dict[uuid.UUID, PlaceLabel]:
    """Service and place names in ``lang`` (along its fallback chain), by service-at-location id.

    A confidential place's name is never shown.
    """
    rows = [p for p in places if p is not None]
    services = translation_map(table=table_name(Service), record_ids={p.service_id for p in rows})
    locations = translation_map(
        table=table_name(Location), record_ids={p.location_id for p in rows}
    )
    labels = {}
    for p in rows:
        service = text_for(
            record=p.service, field="name", lang=lang, translations=services[p.service_id]
        ).text
        place = ""
        if not p.location.confidential:
            place = text_for(
                record=p.location, field="name", lang=lang, translations=locations[p.location_id]
            ).text
        labels[p.id] = PlaceLabel(service=service, place=place)
    return labels


def referable_places() -> QuerySet[ServiceAtLocation]:
    """Listed services at public places whose organization is run by a provider organisation."""
    return (
        listed_service_at_locations()
        .filter(service__organization__provider_link__isnull=False)
        .select_related("service", "location", "service__organization__provider_link__organisation")
        .order_by("service__name", "location__name", "id")
    )


def person_consultations(*, user: User, person: Person) -> QuerySet[Consultation]:
    return consultation_list_visible(user=user).filter(person=person).order_by("-date", "-pk")


@dataclass(frozen=True)
class ReferralPermissions:
    """Provider organisations (by key) the person may be referred to, and on what ground."""

    consented: set[int]
    overridden: set[int]


def person_referral_permissions(*, person: Person) -> ReferralPermissions:
    """The person's active referral consents and overrides; an override is never consent."""
    consented: set[int] = set()
    overridden: set[int] = set()
    rows = Consent.objects.filter(
        person=person, purpose=ConsentPurpose.REFERRAL, withdrawn_at=None
    ).values_list("provider_id", "override_reason")
    for provider_id, override_reason in rows:
        if provider_id is not None:
            (overridden if override_reason else consented).add(provider_id)
    return ReferralPermissions(consented=consented, overridden=overridden - consented)


def referral_providers() -> QuerySet[Organisation]:
    """Provider organisations that receive referrals: those running a directory organization."""
    return Organisation.objects.filter(directory_links__isnull=False).distinct().order_by("name")


def _hub_origin(hub: Hub) -> tuple[float, float] | None:
    """Where the hub is: its own place in the directory, else its municipality's centre."""
    place = getattr(hub, "location", None)  # a hub may point to its place in the directory
    lat, lon = getattr(place, "latitude", None), getattr(place, "longitude", None)
    if lat is not None and lon is not None:
        return float(lat), float(lon)
    town = hub.municipality.strip().casefold()
    for municipality in municipality_list():
        if municipality.country == str(hub.country) and municipality.city.casefold() == town:
            return municipality.lat, municipality.lon
    return None


def referable_places_for(*, hub: Hub, category: str = "") -> QuerySet[ServiceAtLocation]:
    """The places a case of ``hub`` may be referred to, nearest to the hub first.

    With a ``category`` (a taxonomy term code, such as a screening action's), only the
    services tagged with it or a term below it; an unknown category lists nothing.
    """
    places = referable_places()
    if category:
        term = term_by_id_or_code(category)
        places = filtered(places, term_ids=term_and_descendants(term)) if term else places.none()
    origin = _hub_origin(hub)
    if origin is None:
        return places
    far = float("inf")
    distances = {
        pk: haversine_km(*origin, lat, lon) if lat is not None and lon is not None else far
        for pk, lat, lon in places.values_list("id", "location__latitude", "location__longitude")
    }
    nearest_first = sorted(distances, key=lambda pk: distances[pk])
    rank = Case(
        *(When(id=pk, then=Value(n)) for n, pk in enumerate(nearest_first)),
        default=Value(len(nearest_first)),
        output_field=IntegerField(),
    )
    return places.order_by(rank, "service__name", "location__name", "id")


def category_name(*, category: str, lang: str) -> str:
    """The category's name in ``lang`` along the fallback chain; the code when unknown."""
    term = term_by_id_or_code(category) if category else None
    return text_for(record=term, field="name", lang=lang).text if term else category
