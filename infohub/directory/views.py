"""Portal pages for the service directory: services near a place, and a service's page.

Both work without JavaScript: the search is a GET form with a list of municipalities.
A small script adds a "Use my location" button where the browser can locate the phone.
Confidential locations are never shown: not their address, coordinates, distance,
phones or hours (see ``nearby``).
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from infohub.directory.access import access_published_service
from infohub.directory.listings.selectors import service_feedback_summary
from infohub.directory.models import Service, ServiceAtLocation, ServiceStatus
from infohub.directory.nearby import (
    DEFAULT_RADIUS_KM,
    LISTED_STATUSES,
    Municipality,
    Place,
    load_places,
    municipality_list,
    nearby,
    term_and_descendants,
    term_by_id_or_code,
)
from infohub.directory.presenting import (
    build_views,
    category_options,
    checked_on,
    is_stale,
    language_name,
    language_options,
    municipality_groups,
)
from infohub.directory.selectors import text_for, translation_map

RESULTS = 20


# The search form, read from the query string.


def _coordinate(text: str, bound: float) -> float | None:
    try:
        value = round(float(text), 2)
    except ValueError:
        return None
    return value if -bound <= value <= bound else None


@dataclass
class SearchForm:
    municipality: str = ""
    lat: float | None = None
    lon: float | None = None
    category: str = ""
    language: str = ""
    open_now: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "SearchForm":
        lat = _coordinate(query.get("lat", ""), 90)
        lon = _coordinate(query.get("lon", ""), 180)
        located = lat is not None and lon is not None
        return cls(
            municipality=query.get("m", "")[:300],
            lat=lat if located else None,
            lon=lon if located else None,
            category=query.get("category", "")[:200],
            language=query.get("language", "")[:12],
            open_now=query.get("open") == "1",
        )


# Pages.


def _search(form: SearchForm, municipalities: list[Municipality]) -> dict[str, object] | None:
    """The search's origin and results, or None when the form names no place."""
    origin: str | None  # None: the visitor's own position
    if form.lat is not None and form.lon is not None:
        origin, lat, lon, radius = None, form.lat, form.lon, DEFAULT_RADIUS_KM
    else:
        chosen = next((m for m in municipalities if m.key == form.municipality), None)
        if chosen is None:
            return None
        origin, lat, lon = chosen.label, chosen.lat, chosen.lon
        radius = max(DEFAULT_RADIUS_KM, chosen.spread_km + 1)
    term_ids = None
    if form.category:
        term = term_by_id_or_code(form.category)
        term_ids = term_and_descendants(term) if term else set()
    places = nearby(
        lat=lat,
        lon=lon,
        radius_km=radius,
        term_ids=term_ids,
        language=form.language or None,
        open_now=form.open_now,
        limit=RESULTS,
    )
    lang = translation.get_language()
    views = build_views(places, [p.service for p in places], lang)
    results = [views[p.service.id] for p in places]
    return {"origin": origin, "radius_km": round(radius), "results": results}


@require_safe
def services(request: HttpRequest) -> HttpResponse:
    lang = translation.get_language()
    form = SearchForm.from_query(request.GET)
    municipalities = municipality_list()
    context = {
        "form": form,
        "municipalities": municipality_groups(municipalities),
        "categories": category_options(lang),
        "languages": language_options(),
        "search": _search(form, municipalities),
    }
    return render(request, "directory/services.html", context)


def _service_places(service: Service) -> tuple[list[Place], bool]:
    """The service's public places, and whether it also works at confidential ones."""
    rows = ServiceAtLocation.objects.filter(service=service).order_by("id")
    triples = []
    private = False
    for sal_id, location_id, confidential in rows.values_list(
        "id", "location_id", "location__confidential"
    ):
        if confidential:
            private = True
        else:
            triples.append((sal_id, service.id, location_id))
    places = load_places(triples, at=timezone.now())
    return [places[t[0]] for t in triples if t[0] in places], private


@require_safe
def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    lang = translation.get_language()
    service = access_published_service(service_id=service_id)
    places, private = _service_places(service)
    view = build_views(places, [service], lang)[service.id]
    texts = translation_map(table="service", record_ids=[service.id])[service.id]
    fields = ("description", "eligibility_description", "application_process", "alert")
    chosen = {f: text_for(record=service, field=f, lang=lang, translations=texts) for f in fields}
    content_lang = chosen["description"].lang if chosen["description"].text else view.name_lang
    today = timezone.localdate()
    context = {
        "view": view,
        "texts": {f: c.text for f, c in chosen.items()},
        "content_lang": content_lang,
        "fallback_from": language_name(lang) if content_lang != lang else None,
        "fallback_to": language_name(content_lang),
        "temporarily_closed": service.status == ServiceStatus.TEMPORARILY_CLOSED,
        "not_offered": service.status not in LISTED_STATUSES,
        "private_places": private,
        "checked_on": checked_on(service),
        "stale": is_stale(service, today),
        "website": service.url if service.url.startswith(("https://", "http://")) else "",
        "service": service,
        "feedback": service_feedback_summary(service),
    }
    return render(request, "directory/service_detail.html", context)
