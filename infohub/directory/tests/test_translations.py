"""Translations of HSDS text: the fallback chain of articles, and x_translations in packages."""

import uuid

import pytest

from infohub.directory.errors import HsdsImportError
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.models import (
    DirectoryTranslation,
    Organization,
    Service,
    TranslatableRecord,
)
from infohub.directory.selectors import text_for, translation_map
from infohub.directory.tests.conftest import (
    ORG,
    SERVICE,
    SHELTER_ORG,
    import_sample,
    sample_tables,
    uid,
    write_package,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(tmp_path):
    import_sample(tmp_path / "p")


def chosen(record: TranslatableRecord, field: str, lang: str) -> tuple[str, str, bool]:
    text = text_for(record=record, field=field, lang=lang)
    return text.text, text.lang, text.is_fallback


@pytest.mark.usefixtures("sample")
def test_text_falls_back_along_the_same_chain_as_articles():
    service = Service.objects.get(id=SERVICE)

    assert chosen(service, "name", "en") == ("Immigration advice", "en", False)
    assert chosen(service, "name", "es") == ("Asesoría migratoria", "es", False)
    # Haitian Creole falls back to French first.
    assert chosen(service, "name", "ht") == ("Conseil en immigration", "fr", True)
    assert chosen(service, "description", "fr") == ("Ayuda con trámites.", "es", True)
    assert chosen(service, "alternate_name", "fr") == ("", "es", True)


@pytest.mark.usefixtures("sample")
def test_the_hsds_text_stands_for_the_rows_source_language():
    organization = Organization.objects.get(id=SHELTER_ORG)

    assert organization.source_language == "en"
    assert chosen(organization, "name", "en") == ("Refuge House", "en", False)
    assert chosen(organization, "name", "es") == ("Casa Refugio", "es", False)
    assert chosen(organization, "name", "fr") == ("Casa Refugio", "es", True)
    assert Organization.objects.get(id=ORG).source_language == "es"


@pytest.mark.usefixtures("sample")
def test_the_translations_of_many_rows_are_read_in_one_query(django_assert_num_queries):
    services = list(Service.objects.order_by("id"))

    with django_assert_num_queries(1):
        translations = translation_map(table="service", record_ids=[s.id for s in services])
        names = [
            text_for(record=s, field="name", lang="fr", translations=translations[s.id]).text
            for s in services
        ]

    assert names == ["Conseil en immigration", "Short stays"]


@pytest.mark.usefixtures("sample")
def test_reimporting_a_changed_translation_updates_it(tmp_path):
    rows = {
        "x_translations": [
            {
                "table": "service",
                "record_id": SERVICE,
                "field": "name",
                "language": "en",
                "text": "Migration advice",
            },
        ]
    }

    result = hsds_import(path=write_package(tmp_path / "t", rows))

    assert result.counts["x_translations"]["updated"] == 1
    assert DirectoryTranslation.objects.get(record_id=SERVICE, lang="en").text == (
        "Migration advice"
    )


def test_translations_of_unknown_fields_languages_or_rows_are_refused(tmp_path):
    rows = sample_tables()
    rows["x_translations"] = [
        {"table": "service", "record_id": SERVICE, "field": "email", "language": "en", "text": "x"},
        {
            "table": "service",
            "record_id": SERVICE,
            "field": "name",
            "language": "de",
            "text": "Beratung",
        },
        {"table": "service", "record_id": uid(99), "field": "name", "language": "en", "text": "x"},
        {"table": "address", "record_id": uid(82), "field": "city", "language": "en", "text": "x"},
    ]
    rows["x_source_languages"] = [{"table": "service", "record_id": uid(98), "language": "en"}]

    with pytest.raises(HsdsImportError) as raised:
        hsds_import(path=write_package(tmp_path / "p", rows))

    assert [str(p) for p in raised.value.problems] == [
        "x_translations.csv line 2, field: service.email is not a translatable field; use one "
        "of name, alternate_name, description, interpretation_services, application_process, "
        "fees_description, accreditations, eligibility_description, alert",
        "x_translations.csv line 3, language: 'de' is not a content language (es, en, fr, ht)",
        f"x_translations.csv line 4, record_id: no service has the id {uuid.UUID(uid(99))}, "
        "neither in the package nor in the directory",
        "x_translations.csv line 5, table: 'address' is not a table with translatable text",
        "x_source_languages.csv line 2, record_id: no service with this id is in the package",
    ]
