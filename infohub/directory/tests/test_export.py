"""Exports: valid HSDS, a lossless round trip, and nothing that is not public."""

from pathlib import Path

import pytest

from infohub.directory.hsds.exports import hsds_export
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.hsds.readers import read_package
from infohub.directory.hsds.schema import validator
from infohub.directory.hsds.sources import FolderSource
from infohub.directory.hsds.tables import tables
from infohub.directory.models import DirectoryTranslation, ListingStatus, Location, Service
from infohub.directory.services import location_confidential_set, service_listing_status_set
from infohub.directory.tests.conftest import (
    OFFICE_PHONE,
    OUTREACH_AT_SHELTER,
    SENTINELS,
    SERVICE,
    SHELTER,
    SHELTER_ORG,
    import_sample,
    uid,
)

pytestmark = pytest.mark.django_db


def empty_the_directory() -> None:
    for table in reversed(tables().values()):
        table.model._default_manager.all().delete()
    DirectoryTranslation.objects.all().delete()


def files_of(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def csv_ids(directory: Path, name: str) -> set[str]:
    lines = (directory / name).read_text(encoding="utf-8").splitlines()[1:]
    return {line.split(",")[0] for line in lines}


def test_every_exported_row_passes_its_hsds_schema_and_every_reference_resolves(tmp_path):
    import_sample(tmp_path / "in")
    hsds_export(directory=tmp_path / "out")

    batch = read_package(FolderSource(tmp_path / "out"))
    assert batch.problems == []
    ids = {name: {r.values["id"] for r in records} for name, records in batch.records.items()}
    for name, records in batch.records.items():
        table = tables()[name]
        check = validator(table.row_schema)
        for record in records:
            assert list(check.iter_errors(record.values)) == [], (name, record.line)
            for column in table.foreign_keys:
                value = record.values.get(column.name)
                assert value is None or value in ids[column.references or ""], (name, column)
    assert sum(len(records) for records in batch.records.values()) > 20


def test_an_export_reimported_into_an_empty_directory_exports_identical_files(tmp_path):
    import_sample(tmp_path / "in")
    location_confidential_set(
        location=Location.objects.get(id=SHELTER), confidential=True, actor=None
    )
    first = hsds_export(directory=tmp_path / "first")

    empty_the_directory()
    hsds_import(path=tmp_path / "first", listing_status=ListingStatus.PUBLISHED)
    second = hsds_export(directory=tmp_path / "second")

    assert files_of(tmp_path / "second") == files_of(tmp_path / "first")
    assert first.rows == second.rows
    assert first.rows["x_translations"] == 3
    assert first.rows["x_source_languages"] == 2
    assert Location.objects.count() == 1


def test_a_confidential_locations_address_coordinates_phones_and_contacts_are_not_exported(
    tmp_path,
):
    import_sample(tmp_path / "in")
    shelter = Location.objects.get(id=SHELTER)
    location_confidential_set(location=shelter, confidential=True, actor=None)

    report = hsds_export(directory=tmp_path / "out")

    exported = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "out").iterdir())
    for sentinel in SENTINELS:
        assert sentinel not in exported
    # The rest is there: the service offered at the shelter too, without that place.
    assert SERVICE in csv_ids(tmp_path / "out", "services.csv")
    assert OUTREACH_AT_SHELTER not in csv_ids(tmp_path / "out", "service_at_location.csv")
    assert SHELTER_ORG in csv_ids(tmp_path / "out", "organizations.csv")
    assert report.left_out == {
        "location": 1,
        "service_at_location": 2,
        "contact": 1,
        "phone": 2,
        "address": 1,
        "accessibility": 1,
        "attribute": 1,
        "metadata": 1,
    }


def test_unpublished_services_are_left_out_with_the_rows_that_depend_on_them(tmp_path):
    import_sample(tmp_path / "in")
    service = Service.objects.get(id=SERVICE)
    service_listing_status_set(service=service, status=ListingStatus.DRAFT, actor=None)

    hsds_export(directory=tmp_path / "out")

    assert SERVICE not in csv_ids(tmp_path / "out", "services.csv")
    assert OFFICE_PHONE not in csv_ids(tmp_path / "out", "phones.csv")
    assert uid(90) not in csv_ids(tmp_path / "out", "attributes.csv")
    assert SERVICE not in (tmp_path / "out" / "x_translations.csv").read_text(encoding="utf-8")
    assert len(csv_ids(tmp_path / "out", "services.csv")) == 1
