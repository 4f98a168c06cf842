"""Malformed inputs: every problem is reported clearly, and nothing is imported."""

import json
import re
import zipfile
from pathlib import Path

import pytest

from infohub.directory.errors import DirectoryError, HsdsImportError
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.hsds.tables import tables
from infohub.directory.models import DirectoryImport, ListingStatus, Organization, Service
from infohub.directory.tests.conftest import ORG, SERVICE, sample_tables, uid, write_package

pytestmark = pytest.mark.django_db

SERVICE_JSON = {
    "id": SERVICE,
    "name": "Asesoría",
    "status": "active",
    "organization": {"id": ORG, "name": "Red", "description": "Orientación."},
    "phones": [{"id": uid(50), "number": "+506 2222 0000"}],
}


def nothing_imported() -> bool:
    return not DirectoryImport.objects.exists() and not any(
        t.model._default_manager.exists() for t in tables().values()
    )


def problems_of(path: Path, **options: object) -> list[str]:
    with pytest.raises(HsdsImportError) as raised:
        hsds_import(path=path, **options)  # type: ignore[arg-type]
    assert nothing_imported()
    return [str(problem) for problem in raised.value.problems]


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_file_that_is_not_json_is_reported_with_its_line(tmp_path):
    path = tmp_path / "services.json"
    path.write_text('{\n  "id": "x",\n  "name": oops\n}', encoding="utf-8")

    assert problems_of(path) == [
        "services.json line 3: is not valid JSON: Expecting value (column 11)"
    ]


def test_values_of_the_wrong_type_are_reported_at_their_json_pointer(tmp_path):
    document = {
        **SERVICE_JSON,
        "minimum_age": "twelve",
        "phones": [{"id": uid(50), "number": 22220000}],
    }

    assert problems_of(write_json(tmp_path / "s.json", document)) == [
        "s.json /, minimum_age: 'twelve' is not of type 'number'",
        "s.json /phones/0, number: 22220000 is not of type 'string'",
    ]


def test_missing_required_fields_are_reported_for_each_object(tmp_path):
    document = {key: value for key, value in SERVICE_JSON.items() if key != "status"}
    document["organization"] = {"id": ORG, "name": "Red"}

    assert problems_of(write_json(tmp_path / "s.json", document)) == [
        "s.json /, status: is required and missing",
        "s.json /organization, description: is required and missing",
    ]


def test_ids_that_are_not_uuids_are_reported_and_not_merged(tmp_path):
    document = {**SERVICE_JSON, "id": {"value": 1}, "phones": [{"id": "phone-1", "number": "1"}]}

    assert problems_of(write_json(tmp_path / "s.json", document)) == [
        "s.json /, id: {'value': 1} is not of type 'string'",
        "s.json /phones/0: its parent service at / has no valid id",
        "s.json /phones/0, id: 'phone-1' is not a 'uuid'",
    ]


def test_a_list_of_services_is_checked_item_by_item(tmp_path):
    second = {**SERVICE_JSON, "id": uid(22), "status": "open", "phones": []}

    assert problems_of(write_json(tmp_path / "s.json", [SERVICE_JSON, second])) == [
        "s.json /1, status: 'open' is not one of ['active', 'inactive', 'defunct', "
        "'temporarily closed']"
    ]


def test_the_same_object_with_different_values_in_one_file_is_reported(tmp_path):
    second = {**SERVICE_JSON, "id": uid(22), "organization": {"id": ORG, "name": "Otra"}}
    del second["phones"]
    path = write_json(tmp_path / "s.json", [SERVICE_JSON, second])

    assert problems_of(path) == [
        "s.json /1/organization, name: 'Red' at /0/organization but 'Otra' here: the same "
        "organization must have the same values everywhere"
    ]


def test_every_problem_of_a_package_is_listed_with_file_line_and_field(tmp_path):
    rows = sample_tables()
    rows["service"][0] = {**rows["service"][0], "minimum_age": "sixteen", "name": ""}
    rows["schedule"][0] = {**rows["schedule"][0], "opens_at": "8 am"}
    rows["cost_option"][0] = {**rows["cost_option"][0], "valid_to": "2025-02-30"}
    rows["location"][0] = {**rows["location"][0], "url": "javascript:alert(1)"}

    assert problems_of(write_package(tmp_path / "p", rows)) == [
        "services.csv line 2, minimum_age: 'sixteen' is not of type 'number'",
        "services.csv line 2, name: is required and missing",
        "locations.csv line 2, url: 'javascript:alert(1)' is not a 'uri'",
        "schedules.csv line 2, opens_at: '8 am' is not a time (HH:MM:SS)",
        "cost_options.csv line 2, valid_to: '2025-02-30' is not a date (YYYY-MM-DD)",
    ]


def test_a_repeated_id_in_a_table_is_reported_on_the_later_row(tmp_path):
    rows = sample_tables()
    rows["phone"].append({**rows["phone"][0], "number": "+506 1111 1111"})

    assert problems_of(write_package(tmp_path / "p", rows)) == [
        "phones.csv line 5, id: repeats the row at phones.csv line 2"
    ]


def test_a_csv_file_not_described_in_datapackage_json_is_an_unknown_file(tmp_path):
    package = write_package(tmp_path / "p", sample_tables())
    (package / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")

    assert problems_of(package) == ["notes.csv: is not described in datapackage.json; unknown file"]


def test_a_table_that_is_not_hsds_and_a_missing_file_are_reported(tmp_path):
    package = write_package(tmp_path / "p", {"organization": sample_tables()["organization"]})
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["resources"] += [
        {"name": "clients", "path": "clients.csv"},
        {"name": "service", "path": "services.csv"},
        {"name": "phone", "path": "../phones.csv"},
    ]
    (package / "datapackage.json").write_text(json.dumps(descriptor))

    assert problems_of(package) == [
        "datapackage.json /resources/1: clients is not an HSDS 3.0 table",
        "datapackage.json: lists services.csv, which the package lacks",
        "datapackage.json /resources/3: a resource needs a path to a file inside the package",
    ]


def test_an_unknown_column_stops_even_an_import_that_skips_invalid_rows(tmp_path):
    package = write_package(tmp_path / "p", sample_tables())
    text = (package / "services.csv").read_text(encoding="utf-8")
    (package / "services.csv").write_text(text.replace("alert,", "alerts,", 1), encoding="utf-8")

    assert problems_of(package, skip_invalid=True) == [
        "services.csv line 1: unknown column(s) for service: alerts"
    ]


def test_a_zip_package_imports_like_a_folder_even_inside_one_folder(tmp_path):
    package = write_package(tmp_path / "directorio", sample_tables())
    archive = tmp_path / "directorio.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in package.iterdir():
            zipped.write(file, f"directorio/{file.name}")

    result = hsds_import(path=archive)

    assert result.counts["service"]["created"] == 2
    assert DirectoryImport.objects.get().source_name == "directorio.zip"


def test_a_zip_without_datapackage_json_is_refused(tmp_path):
    archive = tmp_path / "services.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("services.csv", "id,name\n")

    with pytest.raises(DirectoryError, match=r"services\.zip holds no datapackage\.json"):
        hsds_import(path=archive)
    assert nothing_imported()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("services.csv", "id,name\n", "services.csv is not an HSDS data package"),
        ("broken.zip", "not a zip", "broken.zip is not a valid .zip file"),
        ("folder", None, "folder has no datapackage.json"),
        ("missing.json", False, "missing.json does not exist"),
    ],
)
def test_inputs_that_are_not_packages_or_json_are_refused(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        path.mkdir()
    elif content is not False:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(DirectoryError, match=re.escape(message)):
        hsds_import(path=path)
    assert nothing_imported()


def test_a_reference_to_a_row_already_in_the_directory_is_accepted(tmp_path):
    hsds_import(path=write_json(tmp_path / "s.json", SERVICE_JSON))
    rows = {
        "service": [{"id": uid(22), "organization_id": ORG, "name": "Otro", "status": "active"}]
    }

    hsds_import(path=write_package(tmp_path / "p", rows))

    assert Service.objects.filter(organization_id=ORG).count() == 2


def test_fields_an_input_does_not_give_are_left_as_they_are(tmp_path):
    hsds_import(path=write_package(tmp_path / "p", sample_tables()))
    partial = {"id": ORG, "name": "Red de Apoyo", "description": "Legal.", "tax_id": "3-1"}

    result = hsds_import(path=write_json(tmp_path / "o.json", partial))

    organization = Organization.objects.get(id=ORG)
    assert (organization.name, organization.tax_id) == ("Red de Apoyo", "3-1")
    assert organization.year_incorporated == 1998  # not in the JSON: kept
    assert organization.website == "https://red.example.org"  # not in the JSON: kept
    assert result.counts["organization"]["updated"] == 1


def test_an_import_never_changes_the_listing_status_of_an_existing_service(tmp_path):
    package = write_package(tmp_path / "p", sample_tables())
    hsds_import(path=package, listing_status=ListingStatus.PUBLISHED)
    Service.objects.filter(id=SERVICE).update(listing_status=ListingStatus.SUSPENDED, name="x")

    hsds_import(path=package)

    service = Service.objects.get(id=SERVICE)
    assert (service.name, service.listing_status) == ("Asesoría migratoria", "suspended")
