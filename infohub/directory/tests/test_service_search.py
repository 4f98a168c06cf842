"""Services are a search source: published ones are found in every language, others never."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from infohub.directory.hsds.imports import hsds_import
from infohub.directory.models import ListingStatus, Location, Service
from infohub.directory.services import location_confidential_set, service_listing_status_set
from infohub.directory.tests.conftest import uid, write_package
from infohub.search.documents import all_documents
from infohub.search.index import reset_search_index
from infohub.search.selectors import search

pytestmark = pytest.mark.django_db

ORG = uid(1)
CLINIC, WORKSHOP, REFUGE, OUTREACH = uid(20), uid(21), uid(22), uid(23)
PUBLIC_PLACE, HIDDEN_PLACE = uid(30), uid(31)

DESCRIPTIONS = {
    "es": "Vacunas gratuitas para niñas y niños migrantes, sin cita previa.",
    "en": "Free vaccines for migrant girls and boys, no appointment needed.",
    "fr": "Vaccins gratuits pour les filles et garçons migrants, sans rendez-vous.",
    "ht": "Vaksen gratis pou tifi ak tigason migran, san randevou.",
}


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    reset_search_index()
    yield
    reset_search_index()


def _translation(lang: str, field: str, text: str, record: str = CLINIC) -> dict[str, str]:
    return {"table": "service", "record_id": record, "field": field, "language": lang, "text": text}


def _rows() -> dict[str, list[dict[str, str]]]:
    def service(sid: str, name: str, description: str) -> dict[str, str]:
        return {
            "id": sid,
            "organization_id": ORG,
            "name": name,
            "description": description,
            "status": "active",
        }

    return {
        "organization": [{"id": ORG, "name": "Red de Salud", "description": "Salud."}],
        "service": [
            service(CLINIC, "Clínica de vacunación", DESCRIPTIONS["es"]),
            service(WORKSHOP, "Taller", "Talleres de costura y carpintería para adultos."),
            service(REFUGE, "Estancia", "Alojamiento temporal con acompañamiento psicosocial."),
            service(OUTREACH, "Brigada", "Brigadas de orientación jurídica itinerante."),
        ],
        "location": [
            {
                "id": PUBLIC_PLACE,
                "location_type": "physical",
                "organization_id": ORG,
                "name": "Oficina",
            },
            {
                "id": HIDDEN_PLACE,
                "location_type": "physical",
                "organization_id": ORG,
                "name": "Casa Escondida Palomar",
            },
        ],
        "service_at_location": [
            {"id": uid(40), "service_id": CLINIC, "location_id": PUBLIC_PLACE},
            {"id": uid(41), "service_id": REFUGE, "location_id": HIDDEN_PLACE},
            {"id": uid(42), "service_id": OUTREACH, "location_id": HIDDEN_PLACE},
            {"id": uid(43), "service_id": OUTREACH, "location_id": PUBLIC_PLACE},
        ],
        "x_translations": [
            *(
                _translation(lang, "description", text)
                for lang, text in DESCRIPTIONS.items()
                if lang != "es"
            ),
            _translation("en", "name", "Vaccination clinic"),
            _translation("fr", "name", "Clinique de vaccination"),
            _translation("ht", "name", "Klinik vaksinasyon"),
        ],
    }


def _import(tmp_path: Path) -> None:
    hsds_import(
        path=write_package(tmp_path / "package", _rows()), listing_status=ListingStatus.PUBLISHED
    )


def _found(query: str, lang: str) -> list[uuid.UUID]:
    return [r.id for r in search(query=query, lang=lang).results if r.kind == "service"]


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("es", "vacunas gratuitas"),
        ("en", "free vaccines"),
        ("fr", "vaccins gratuits"),
        ("ht", "vaksen gratis"),
    ],
)
def test_a_published_service_is_found_by_words_of_its_description_in_each_language(
    tmp_path, lang, query
):
    _import(tmp_path)

    results = [r for r in search(query=query, lang=lang).results if r.kind == "service"]

    assert [r.id for r in results] == [uuid.UUID(CLINIC)]
    assert results[0].lang == lang
    assert results[0].url == f"/{lang}/services/{CLINIC}/"
    assert "<mark>" in results[0].snippet


def test_an_unpublished_service_is_never_found_and_leaves_the_index_when_unlisted(tmp_path):
    _import(tmp_path)
    assert _found("talleres de costura", "es") == [uuid.UUID(WORKSHOP)]

    service = Service.objects.get(id=WORKSHOP)
    service_listing_status_set(service=service, status=ListingStatus.SUSPENDED, actor=None)

    assert _found("talleres de costura", "es") == []
    assert uuid.UUID(WORKSHOP) not in {d.object_id for d in all_documents()}


def test_a_draft_service_from_an_import_is_never_indexed(tmp_path):
    hsds_import(path=write_package(tmp_path / "p", _rows()), listing_status=ListingStatus.DRAFT)

    assert _found("vacunas gratuitas", "es") == []
    assert not [d for d in all_documents() if d.kind == "service"]


def test_a_service_offered_only_at_confidential_places_is_never_found(tmp_path):
    _import(tmp_path)
    assert _found("alojamiento temporal", "es") == [uuid.UUID(REFUGE)]

    hidden = Location.objects.get(id=HIDDEN_PLACE)
    location_confidential_set(location=hidden, confidential=True, actor=None)

    assert _found("alojamiento temporal", "es") == []
    # Offered at a public place too: still found, but no confidential place's text is indexed.
    assert _found("orientación jurídica itinerante", "es") == [uuid.UUID(OUTREACH)]
    assert _found("palomar", "es") == []
    assert uuid.UUID(REFUGE) not in {d.object_id for d in all_documents()}


def test_the_search_api_marks_service_results_with_their_kind(tmp_path, client):
    _import(tmp_path)

    response = client.get("/api/v1/search", {"q": "vaksen gratis", "lang": "ht"})

    assert response.status_code == 200
    kinds = {(r["kind"], r["id"]) for r in response.json()["results"]}
    assert ("service", CLINIC) in kinds


def test_the_portal_search_page_lists_a_service_with_its_label(tmp_path, client):
    _import(tmp_path)

    page = client.get("/ht/search/", {"q": "vaksen gratis"}).content.decode()

    assert f'href="/ht/services/{CLINIC}/"' in page
    assert "Klinik vaksinasyon" in page
    assert '<small lang="ht">Sèvis</small>' in page
    # The result is in the page's language: no "(HT)" marker of another language.
    assert "<small>(HT)</small>" not in page
