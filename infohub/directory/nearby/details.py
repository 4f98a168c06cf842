"""What a reader sees about listed services: phones, languages, costs, translations."""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from infohub.directory.models import CostOption, DirectoryTranslation, Language, Phone
from infohub.directory.nearby.places import Place


def public_phones(
    *, service_ids: Iterable[uuid.UUID], places: Iterable[Place]
) -> tuple[dict[uuid.UUID, list[Phone]], dict[uuid.UUID, list[Phone]]]:
    """Phones of services (not tied to any place) and of public places, in one query.

    A phone that names a place must name a public one: a number that belongs to a
    confidential place is never shown, even when it also names the service. Phones
    reached only through a contact are not shown (the contact may be at such a place).
    Returns (by service id, by service-at-location id).
    """
    service_ids = set(service_ids)
    places = list(places)
    sal_ids = {p.service_at_location_id: p for p in places}
    location_ids = {p.location.id for p in places}
    rows = Phone.objects.filter(
        Q(service_id__in=service_ids)
        | Q(service_at_location_id__in=sal_ids)
        | Q(location_id__in=location_ids),
        contact__isnull=True,
    ).order_by("number", "id")
    by_service: dict[uuid.UUID, list[Phone]] = defaultdict(list)
    by_place: dict[uuid.UUID, list[Phone]] = defaultdict(list)
    for phone in rows:
        if phone.location_id is None and phone.service_at_location_id is None:
            if phone.service_id in service_ids:
                by_service[phone.service_id].append(phone)
            continue
        if phone.location_id is not None and phone.location_id not in location_ids:
            continue
        if phone.service_at_location_id is not None and phone.service_at_location_id not in sal_ids:
            continue
        for place in places:
            if _phone_belongs(phone, place):
                by_place[place.service_at_location_id].append(phone)
    return by_service, by_place


def _phone_belongs(phone: Phone, place: Place) -> bool:
    if phone.service_at_location_id is not None:
        return phone.service_at_location_id == place.service_at_location_id
    return phone.location_id == place.location.id and phone.service_id in (None, place.service.id)


def spoken_languages(
    *, service_ids: Iterable[uuid.UUID], location_ids: Iterable[uuid.UUID]
) -> tuple[dict[uuid.UUID, list[Language]], dict[uuid.UUID, list[Language]]]:
    """Languages spoken by services and at public places: (by service id, by location id)."""
    location_ids = set(location_ids)
    rows = Language.objects.filter(
        Q(service_id__in=set(service_ids), location__isnull=True)
        | Q(location_id__in=location_ids, location__confidential=False)
    ).order_by("code", "name", "id")
    by_service: dict[uuid.UUID, list[Language]] = defaultdict(list)
    by_location: dict[uuid.UUID, list[Language]] = defaultdict(list)
    for language in rows:
        if language.location_id is not None:
            by_location[language.location_id].append(language)
        elif language.service_id is not None:
            by_service[language.service_id].append(language)
    return by_service, by_location


def current_cost_options(
    *, service_ids: Iterable[uuid.UUID], today: dt.date
) -> dict[uuid.UUID, list[CostOption]]:
    rows = (
        CostOption.objects.filter(service_id__in=set(service_ids))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("amount", "id")
    )
    found: dict[uuid.UUID, list[CostOption]] = defaultdict(list)
    for option in rows:
        found[option.service_id].append(option)
    return found


# {(table, record id): {field: {lang: text}}}, for selectors.text_for.
Translations = dict[tuple[str, uuid.UUID], dict[str, dict[str, str]]]


def translations_of(records: Iterable[tuple[str, uuid.UUID]]) -> Translations:
    """The translations of rows of several tables, in one query."""
    wanted = set(records)
    found: Translations = defaultdict(lambda: defaultdict(dict))
    rows = DirectoryTranslation.objects.filter(record_id__in={r for _t, r in wanted})
    for table, record_id, field_name, lang, text in rows.values_list(
        "table", "record_id", "field", "lang", "text"
    ):
        if (table, record_id) in wanted:
            found[table, record_id][field_name][lang] = text
    return found
