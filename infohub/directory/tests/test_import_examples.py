"""The official HSDS 3.0 examples: JSON ones import; the CSV package's broken references show."""

import shutil
import uuid

import pytest

from infohub.audit.models import AuditAction, AuditEvent
from infohub.directory.errors import HsdsImportError
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.hsds.tables import tables
from infohub.directory.models import DirectoryImport, Phone, Service

pytestmark = pytest.mark.django_db

SERVICE = uuid.UUID("ac148810-d857-441c-9679-408f346de14b")
PHONE = uuid.UUID("1554f2e2-a373-45db-a3fa-9fc48a61c15e")
# What the official CSV package gets wrong: ids that no row of the referenced table has.
BROKEN_REFERENCES = [
    ("locations.csv", 2, "organization_id", "985e4a42-bd9f-4edc-911d-0243a4640aca"),
    ("contacts.csv", 2, "organization_id", "ae67a707-5893-4225-b0b1-320ab9cb596b"),
    ("contacts.csv", 2, "service_at_location_id", "93eaf18d-1cd2-4ec7-bffb-3c9172ee5070"),
    ("taxonomy_terms.csv", 2, "taxonomy_id", "07ff6aee-a219-438c-b694-d2fcb6c5373b"),
]
# The rows skipped for depending on those, and on what.
DEPENDENTS = {
    ("service_at_location.csv", "location_id"),
    ("phones.csv", "location_id"),
    ("phones.csv", "contact_id"),
    ("phones.csv", "service_at_location_id"),
    ("schedules.csv", "location_id"),
    ("schedules.csv", "service_at_location_id"),
    ("languages.csv", "location_id"),
    ("languages.csv", "phone_id"),
    ("addresses.csv", "location_id"),
    ("accessibility.csv", "location_id"),
    ("attributes.csv", "taxonomy_term_id"),
}


def row_counts() -> dict[str, int]:
    return {name: t.model._default_manager.count() for name, t in tables().items()}


def test_the_official_service_full_example_imports_a_row_in_every_table_it_nests(hsds_examples):
    hsds_import(path=hsds_examples / "service_full.json")

    counts = row_counts()
    assert counts.pop("meta_table_description") == 0  # service_full has none
    assert set(counts.values()) == {1}
    service = Service.objects.get()
    assert (service.id, service.name, service.minimum_age) == (SERVICE, "Community Counselling", 12)
    assert service.last_modified is not None
    assert service.last_modified.isoformat() == "2023-03-15T10:30:45.123000+00:00"


def test_a_row_nested_in_many_places_keeps_every_link_it_is_given(hsds_examples):
    hsds_import(path=hsds_examples / "service_full.json")

    phone = Phone.objects.get(id=PHONE)
    assert phone.service_id == SERVICE
    assert phone.organization_id == uuid.UUID("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
    assert phone.location_id == uuid.UUID("3a19ff88-4620-4d17-9830-ac1d859eb5d5")
    assert phone.contact_id == uuid.UUID("1e7efce3-639b-4880-940c-b95cd30cdb50")
    assert phone.service_at_location_id == uuid.UUID("e94c9f38-1e8f-4564-91d4-d53501ab1765")


@pytest.mark.parametrize(
    "example",
    ["organization_full", "service_at_location_full", "service_list", "location", "taxonomy_term"],
)
def test_the_other_official_json_examples_import_the_same_rows(hsds_examples, example):
    hsds_import(path=hsds_examples / "service_full.json")
    before = row_counts()

    result = hsds_import(path=hsds_examples / f"{example}.json")

    assert row_counts() == before
    assert sum(c["created"] for c in result.counts.values()) == 0


def test_the_official_csv_package_is_refused_with_its_broken_references_and_nothing_imported(
    hsds_examples,
):
    with pytest.raises(HsdsImportError) as raised:
        hsds_import(path=hsds_examples / "csv")

    problems = raised.value.problems
    assert [(p.file, p.line, p.field) for p in problems] == [b[:3] for b in BROKEN_REFERENCES]
    assert all(b[3] in p.reason for p, b in zip(problems, BROKEN_REFERENCES, strict=True))
    assert str(raised.value.problems[0]) == (
        "locations.csv line 2, organization_id: no organization has the id "
        "985e4a42-bd9f-4edc-911d-0243a4640aca, neither in organizations.csv nor in the directory"
    )
    assert set(row_counts().values()) == {0}
    assert not DirectoryImport.objects.exists()


def test_with_skip_invalid_the_official_csv_package_imports_the_rest_and_reports_skipped_rows(
    hsds_examples,
):
    result = hsds_import(path=hsds_examples / "csv", skip_invalid=True)

    own = [(p.file, p.line, p.field) for p in result.skipped if "depends on" not in p.reason]
    assert own == [b[:3] for b in BROKEN_REFERENCES]
    dependents = {(p.file, p.field) for p in result.skipped if "depends on" in p.reason}
    assert dependents == DEPENDENTS
    assert all(p.line == 2 for p in result.skipped)
    assert (
        "phones.csv line 2, contact_id: depends on the skipped contact "
        "1e7efce3-639b-4880-940c-b95cd30cdb50 (contacts.csv line 2)"
    ) in [str(p) for p in result.skipped]
    counts = row_counts()
    skipped_tables = {
        "location",
        "contact",
        "taxonomy_term",
        "service_at_location",
        "phone",
        "schedule",
        "language",
        "address",
        "accessibility",
        "attribute",
    }
    assert {name for name, n in counts.items() if n == 0} == skipped_tables
    assert {n for name, n in counts.items() if name not in skipped_tables} == {1}
    record = DirectoryImport.objects.get()
    assert record.counts["location"] == {"created": 0, "updated": 0, "unchanged": 0, "skipped": 1}
    assert record.skip_invalid


def test_importing_the_same_data_again_updates_rather_than_duplicates(hsds_examples, tmp_path):
    package = shutil.copytree(hsds_examples / "csv", tmp_path / "csv")
    hsds_import(path=package, skip_invalid=True)
    hsds_import(path=hsds_examples / "service_full.json")
    before = row_counts()

    again = hsds_import(path=hsds_examples / "service_full.json")
    hsds_import(path=package, skip_invalid=True)

    assert row_counts() == before
    assert {c["created"] + c["updated"] for c in again.counts.values()} == {0}


def test_each_import_run_is_one_record_with_one_audit_row(hsds_examples):
    hsds_import(path=hsds_examples / "service_full.json")
    hsds_import(path=hsds_examples / "service_full.json")

    records = list(DirectoryImport.objects.order_by("created_at", "id"))
    assert len(records) == 2
    assert records[0].counts["service"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
    }
    assert records[1].counts["service"]["unchanged"] == 1
    assert records[0].source_name == "service_full.json"
    events = AuditEvent.objects.filter(action=AuditAction.DIRECTORY_IMPORT)
    assert sorted(e.object_id for e in events) == sorted(r.public_id for r in records)
    assert AuditEvent.objects.count() == 2


def test_a_dry_run_checks_and_counts_but_saves_nothing(hsds_examples):
    result = hsds_import(path=hsds_examples / "service_full.json", dry_run=True)

    assert result.record is None
    assert result.counts["service"]["created"] == 1
    assert set(row_counts().values()) == {0}
    assert not AuditEvent.objects.exists()
