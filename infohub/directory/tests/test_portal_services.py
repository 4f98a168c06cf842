"""Services near me and service pages: a plain GET form, small pages, never a confidential place."""

import gzip
import re
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

from infohub.audit.models import AuditEvent
from infohub.demo.directory import (
    CONFIDENTIAL_SENTINELS,
    MUNICIPALITIES,
    SHELTER_LOCATION,
    SHELTER_SERVICE,
    demo_service_ids,
    load_demo_directory,
    service_id,
)
from infohub.directory.models import (
    DirectoryTranslation,
    ListingStatus,
    Location,
    Service,
    TaxonomyTerm,
)
from infohub.directory.services import service_listing_status_set

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "fr", "ht"]
BUDGET_BYTES = 14 * 1024
TAPACHULA = "MX|Chiapas|Tapachula"


@pytest.fixture(autouse=True)
def demo() -> None:
    load_demo_directory()


def page(path: str, **params: str) -> str:
    response = Client().get(f"{path}?{urlencode(params)}" if params else path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def result_links(html: str) -> list[str]:
    results = html.split('<ol class="services">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<li><a href="(/[a-z]{2}/services/[0-9a-f-]+/)"', results)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_form_works_without_script_and_lists_places_categories_and_languages(lang):
    html = page(f"/{lang}/services/")

    assert f'<html lang="{lang}">' in html
    assert 'method="get"' in html
    assert f'<option value="{TAPACHULA}">Tapachula, Chiapas</option>' in html
    assert '<option value="legal-aid">' in html
    assert '<option value="ht" lang="ht">Kreyòl ayisyen</option>' in html
    assert '<ol class="services">' not in html
    # One external script from the site itself: no inline code, nothing third-party.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/directory/near-me.js" defer>'
    ]
    assert " style=" not in html


def test_category_names_are_translated():
    assert '<option value="legal-aid">Èd legal</option>' in page("/ht/services/")
    assert '<option value="legal-aid">Legal aid</option>' in page("/en/services/")


def test_choosing_a_municipality_and_a_category_lists_the_nearest_first_with_what_to_know():
    html = page("/es/services/", m=TAPACHULA, category="legal-aid")

    links = result_links(html)
    assert links[0] == f"/es/services/{service_id('mx-tapachula', 'legal-aid')}/"
    assert "Tapachula, Chiapas" in html.split("<h2>", 1)[1]
    item = html.split('<ol class="services">', 1)[1].split("</li>", 1)[0]
    assert re.search(r"<small>\d+,\d km</small>", item)  # Spanish decimal comma
    assert "08:30\u201316:30" in item
    assert "Kreyòl ayisyen" in item
    assert re.search(r'href="geo:-?\d+\.\d{5},-?\d+\.\d{5}"', item)
    assert 'href="tel:+52962000' in item


def test_every_category_only_lists_services_in_it():
    for term in TaxonomyTerm.objects.all():
        html = page("/en/services/", m=TAPACHULA, category=term.code)
        for link in result_links(html):
            service = Service.objects.get(id=link.rstrip("/").rsplit("/", 1)[1])
            assert term.attributes.filter(link_id=service.id).exists()


def test_a_shared_position_is_searched_around_and_rounded():
    html = page("/en/services/", lat="19.548123", lon="-71.708987", category="shelter")

    assert "Near your location" in html
    assert 'name="lat" value="19.55"' in html
    assert result_links(html)[0] == f"/en/services/{service_id('do-dajabon', 'shelter')}/"


def test_the_language_spoken_filter_and_nothing_found():
    html = page("/fr/services/", m="CR|San José|San José", language="ht")

    assert result_links(html) == []
    assert "50 km" in html


def test_unknown_values_show_the_form_again():
    html = page("/es/services/", m="XX|Nowhere|Nowhere", lat="200", lon="5", category="nope")

    assert '<ol class="services">' not in html
    assert "<form" in html


def test_the_service_page_shows_hours_languages_cost_map_link_phone_and_date():
    html = page(f"/fr/services/{service_id('mx-tapachula', 'legal-aid')}/")

    assert "<h1>Conseil juridique gratuit, Tapachula (demo)</h1>" in html
    assert "Red Jurídica Migrante (demo)" in html
    assert "08:30\u201316:30" in html
    assert "Kreyòl ayisyen" in html
    assert "MXN" not in html  # free, so no price
    assert re.search(r'href="geo:14\.\d{5},-92\.\d{5}"', html)
    assert 'href="tel:+529620000' in html
    assert 'class="notice"' not in html


def test_a_missing_translation_is_said_on_the_page():
    html = page(f"/ht/services/{service_id('gt-guatemala', 'consular')}/")

    assert '<article class="service" lang="fr">' in html
    assert 'class="notice"' in html
    assert "Passeports" in html


def test_a_listing_not_checked_for_a_long_time_says_so():
    stale = page(f"/en/services/{service_id('gt-esquipulas', 'child-protection')}/")
    fresh = page(f"/en/services/{service_id('gt-guatemala', 'legal-aid')}/")

    assert "Not verified since" in stale
    assert "Not verified since" not in fresh
    assert "Information checked on" in fresh
    with override_settings(INFOHUB_LISTING_STALE_DAYS=1):
        now_stale = page(f"/en/services/{service_id('gt-guatemala', 'legal-aid')}/")
    assert "Not verified since" in now_stale


def test_a_temporarily_closed_service_says_so():
    html = page(f"/en/services/{service_id('ht-ouanaminthe', 'legal-aid')}/")

    assert "temporarily closed" in html


def test_a_service_at_a_confidential_place_is_shown_without_the_place():
    html = page(f"/en/services/{SHELTER_SERVICE}/")

    assert "Safe house for trafficking survivors" in html
    assert "not listed, to protect the people it helps" in html
    assert 'href="tel:+529620000099"' in html  # the service's own line
    assert "geo:" not in html
    for sentinel in CONFIDENTIAL_SENTINELS:
        assert sentinel not in html


def test_unpublished_and_unknown_services_are_not_found():
    service = Service.objects.get(id=service_id("cr-upala", "shelter"))
    service_listing_status_set(service=service, status=ListingStatus.DRAFT, actor=None)

    assert Client().get(f"/en/services/{service.id}/").status_code == 404
    assert Client().get("/en/services/00000000-0000-4000-8000-000000000000/").status_code == 404
    assert Client().get("/en/services/not-a-uuid/").status_code == 404


def test_no_public_page_ever_holds_the_confidential_shelter():
    """Every search (each municipality, each category, everywhere) and every service page."""
    searches: list[dict[str, str]] = [{}] + [
        {"m": f"{m.country}|{m.state_province}|{m.city}"} for m in MUNICIPALITIES
    ]
    categories = ["", *TaxonomyTerm.objects.values_list("code", flat=True)]
    pages = [
        f"/es/services/?{urlencode({**s, 'category': c})}" for s in searches for c in categories
    ]
    pages += [f"/{lang}/services/{sid}/" for lang in LANGUAGES for sid in demo_service_ids()]
    pages += ["/en/services/?lat=14.9&lon=-92.25", "/en/services/?lat=14.9&lon=-92.25&open=1"]
    for path in pages:
        html = page(path)
        for sentinel in CONFIDENTIAL_SENTINELS:
            assert sentinel not in html, (sentinel, path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_full_results_page_and_a_service_page_fit_in_14_kb_gzipped(lang):
    assets = b""
    for asset in ("portal/portal.css", "directory/near-me.js"):
        with open(str(finders.find(asset)), "rb") as file:
            assets += file.read()
    full = Client().get(f"/{lang}/services/", {"m": TAPACHULA}).content
    detail = Client().get(f"/{lang}/services/{service_id('mx-cdmx', 'consular')}/").content

    assert len(result_links(full.decode())) >= 8
    for html in (full, detail):
        total = len(gzip.compress(html)) + len(gzip.compress(assets))
        assert total <= BUDGET_BYTES, f"{total} bytes gzipped"


@pytest.mark.parametrize(
    "path",
    [
        "/es/services/",
        f"/es/services/?m={TAPACHULA}",
        f"/ht/services/?m={TAPACHULA}&category=legal-aid&language=ht&open=1",
        f"/fr/services/{service_id('mx-cdmx', 'consular')}/",
    ],
)
def test_pages_use_a_bounded_number_of_queries(path, django_assert_max_num_queries):
    with django_assert_max_num_queries(18):
        assert Client().get(path).status_code == 200


def test_every_link_stays_on_the_site_or_opens_a_phone_app():
    html = page("/es/services/", m=TAPACHULA) + page(
        f"/es/services/{service_id('mx-tapachula', 'health')}/"
    )
    urls = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    external = [
        u
        for u in urls
        if (u != "data:," and not u.startswith(("/", "geo:", "tel:"))) or u.startswith("//")
    ]
    assert external == []


def test_the_demo_directory_loads_once_marked_as_demo_in_four_languages():
    events = AuditEvent.objects.count()

    assert load_demo_directory() == 0
    assert AuditEvent.objects.count() == events
    services = Service.objects.filter(id__in=demo_service_ids())
    assert services.count() == len(demo_service_ids()) >= 30
    assert all(s.name.endswith("(demo)") for s in services)
    assert {s.listing_status for s in services} == {ListingStatus.PUBLISHED}
    names = DirectoryTranslation.objects.filter(table="service", field="name")
    for lang in ("en", "fr", "ht"):
        assert names.filter(lang=lang).count() == services.count()
    assert len({m.country for m in MUNICIPALITIES}) == 5
    assert Location.objects.get(id=SHELTER_LOCATION).confidential
