"""The public hub directory page: where each hub is, when it is open, how to reach it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from infohub.countries import country_name
from infohub.directory.hubs.selectors import hub_places
from infohub.directory.presenting import language_name


@require_safe
def hub_directory(request: HttpRequest) -> HttpResponse:
    lang = translation.get_language()
    places = hub_places(lang=lang)
    rows = [
        {
            "place": place,
            "country": country_name(str(place.hub.country), lang),
            "languages": ", ".join(language_name(code) for code in place.language_codes),
        }
        for place in places
    ]
    return render(request, "directory/hubs.html", {"rows": rows})
