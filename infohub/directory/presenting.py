"""What the directory's portal pages show: filter options, service and place views.

Shared by the pages of ``views.py`` and by other apps that show directory places
(pathways' places to apply), so that no app imports another app's views.
Confidential locations never reach these helpers: callers pass public places only.
"""

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.countries import country_name
from infohub.directory.models import (
    Address,
    CostOption,
    Language,
    Phone,
    Schedule,
    Service,
    TaxonomyTerm,
)
from infohub.directory.nearby import (
    Municipality,
    Place,
    Translations,
    current_cost_options,
    listed_service_at_locations,
    public_phones,
    spoken_languages,
    translations_of,
)
from infohub.directory.opening import hours_line
from infohub.directory.selectors import text_for, translation_map
from infohub.languages import LangText

STALE_DAYS_DEFAULT = 365


def language_name(code: str) -> str:
    names = dict(settings.LANGUAGES)
    return str(names.get(code) or LANG_INFO.get(code, {}).get("name_local", code))


# Filters offered by the search form.


def category_options(lang: str) -> list[dict[str, str]]:
    """Taxonomy terms given to listed services, by name in ``lang``."""
    terms = list(
        TaxonomyTerm.objects.filter(
            attributes__link_entity="service",
            attributes__link_id__in=listed_service_at_locations().values("service_id"),
        ).distinct()
    )
    texts = translation_map(table="taxonomy_term", record_ids=[t.id for t in terms])
    options = [
        {
            "value": term.code or str(term.id),
            "label": text_for(
                record=term, field="name", lang=lang, translations=texts[term.id]
            ).text,
        }
        for term in terms
    ]
    return sorted(options, key=lambda o: o["label"].casefold())


def language_options() -> list[dict[str, str]]:
    """Languages spoken by listed services or at their places, each named in itself."""
    rows = listed_service_at_locations()
    spoken = Language.objects.filter(
        service_id__in=rows.values("service_id"), location__isnull=True
    ) | Language.objects.filter(location_id__in=rows.values("location_id"))
    found: dict[str, str] = {}
    for code, name in spoken.exclude(code="").values_list("code", "name").order_by("code", "name"):
        key = code.split("-")[0].lower()
        if key not in found:
            found[key] = LANG_INFO.get(key, {}).get("name_local") or name or key
    return sorted(({"value": k, "label": v} for k, v in found.items()), key=lambda o: o["label"])


@dataclass(frozen=True)
class CountryGroup:
    country: str
    items: list[Municipality]


def municipality_groups(municipalities: list[Municipality]) -> list[CountryGroup]:
    by_country: dict[str, list[Municipality]] = {}
    for municipality in municipalities:
        by_country.setdefault(municipality.country, []).append(municipality)
    groups = [
        CountryGroup(
            country=country_name(code),
            items=sorted(items, key=lambda m: m.label.casefold()),
        )
        for code, items in by_country.items()
    ]
    return sorted(groups, key=lambda g: g.country.casefold())


# What a list item and a service page show.


@dataclass
class PlaceView:
    place: Place
    name: str
    address: str
    hours: list[str]
    phones: list[dict[str, str]]
    languages: str
    geo: str | None
    transportation: LangText | None = None
    distance_km: float | None = None


@dataclass
class ServiceView:
    service: Service
    url: str
    name: str
    name_lang: str
    organization: str
    cost: LangText
    languages: str
    phones: list[dict[str, str]]
    places: list[PlaceView] = field(default_factory=list)


def address_text(address: Address | None) -> str:
    if address is None:
        return ""
    parts = [address.address_1, address.address_2, address.city]
    if address.state_province and address.state_province != address.city:
        parts.append(address.state_province)
    return ", ".join(p for p in parts if p)


def tel_href(phone: Phone) -> str:
    number = re.sub(r"[^\d+]", "", phone.number)
    if phone.extension:
        number += f";ext={int(phone.extension)}"
    return f"tel:{number}"


def phone_items(phones: Iterable[Phone], lang: str, texts: Translations) -> list[dict[str, str]]:
    items, seen = [], set()
    for phone in phones:
        if phone.number in seen:
            continue
        seen.add(phone.number)
        description = text_for(
            record=phone, field="description", lang=lang, translations=texts["phone", phone.id]
        )
        items.append({"number": phone.number, "href": tel_href(phone), "note": description.text})
    return items


def languages_text(languages: Iterable[Language]) -> str:
    names: dict[str, None] = {}
    for language in languages:
        key = language.code.split("-")[0].lower()
        names[LANG_INFO.get(key, {}).get("name_local") or language.name or key] = None
    return ", ".join(names)


def cost_text(
    service: Service, options: list[CostOption], lang: str, texts: Translations
) -> LangText:
    """The costs in one line; written in another language when any of its words are."""
    parts, written_in = [], []
    for option in options:
        option_texts = texts["cost_option", option.id]
        label = text_for(record=option, field="option", lang=lang, translations=option_texts)
        if option.amount == 0:
            price = _("Free")
        elif option.amount is not None:
            price = f"{option.amount:g} {option.currency}".strip()
        else:
            described = text_for(
                record=option,
                field="amount_description",
                lang=lang,
                translations=option_texts,
            )
            price = described.text
            written_in += [described.lang] if described else []
        written_in += [label.lang] if label else []
        parts.append(f"{label.text}: {price}" if label and price else label.text or price)
    if not parts:
        return text_for(
            record=service,
            field="fees_description",
            lang=lang,
            translations=texts["service", service.id],
        )
    other = next((code for code in written_in if code != lang), lang)
    return LangText("; ".join(p for p in parts if p), other, lang)


def hours_texts(schedules: Iterable[Schedule], lang: str, texts: Translations) -> list[str]:
    lines = []
    for schedule in schedules:
        line = hours_line(schedule)
        note = text_for(
            record=schedule,
            field="description",
            lang=lang,
            translations=texts["schedule", schedule.id],
        ).text
        if line:
            lines.append(f"{line.days} {line.hours}" + (f" ({note})" if note else ""))
        elif note:
            lines.append(note)
    return lines


def build_views(
    places: list[Place], services: list[Service], lang: str
) -> dict[uuid.UUID, ServiceView]:
    """Service and place views for a page, in a fixed number of queries."""
    service_ids = {s.id for s in services}
    phones_of_service, phones_of_place = public_phones(service_ids=service_ids, places=places)
    languages_of_service, languages_of_place = spoken_languages(
        service_ids=service_ids, location_ids={p.location.id for p in places}
    )
    costs = current_cost_options(service_ids=service_ids, today=timezone.localdate())
    records: list[tuple[str, uuid.UUID]] = []
    for service in services:
        records += [("service", service.id), ("organization", service.organization_id)]
        records += [("cost_option", c.id) for c in costs[service.id]]
        records += [("phone", p.id) for p in phones_of_service[service.id]]
    for place in places:
        records.append(("location", place.location.id))
        records += [("schedule", s.id) for s in place.schedules]
        records += [("phone", p.id) for p in phones_of_place[place.service_at_location_id]]
    texts = translations_of(records)
    views = {}
    for service in services:
        name = text_for(
            record=service, field="name", lang=lang, translations=texts["service", service.id]
        )
        views[service.id] = ServiceView(
            service=service,
            url=reverse("directory:service-detail", kwargs={"service_id": service.id}),
            name=name.text,
            name_lang=name.lang,
            organization=text_for(
                record=service.organization,
                field="name",
                lang=lang,
                translations=texts["organization", service.organization_id],
            ).text,
            cost=cost_text(service, costs[service.id], lang, texts),
            languages=languages_text(languages_of_service[service.id]),
            phones=phone_items(phones_of_service[service.id], lang, texts),
        )
    for place in places:
        location = place.location
        location_texts = texts["location", location.id]
        coordinates = place.coordinates
        views[place.service.id].places.append(
            PlaceView(
                place=place,
                name=text_for(
                    record=location, field="name", lang=lang, translations=location_texts
                ).text,
                address=address_text(place.address),
                hours=hours_texts(place.schedules, lang, texts),
                phones=phone_items(phones_of_place[place.service_at_location_id], lang, texts),
                languages=languages_text(
                    [*languages_of_service[place.service.id], *languages_of_place[location.id]]
                ),
                geo=f"geo:{coordinates[0]:.5f},{coordinates[1]:.5f}" if coordinates else None,
                transportation=text_for(
                    record=location, field="transportation", lang=lang, translations=location_texts
                ),
                distance_km=place.distance_km,
            )
        )
    return views


# Freshness as the service page tells it.


def checked_on(service: Service) -> dt.date | None:
    """The latest date anyone checked the service: the hub's, or the source's (HSDS)."""
    dates = [d for d in (service.last_verified, service.assured_date) if d]
    return max(dates) if dates else None


def is_stale(service: Service, today: dt.date) -> bool:
    days = int(getattr(settings, "INFOHUB_LISTING_STALE_DAYS", STALE_DAYS_DEFAULT))
    checked = checked_on(service)
    return checked is None or (today - checked).days > days
