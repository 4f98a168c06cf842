"""Fixtures for the directory tests: the official HSDS examples and packages written on the fly."""

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest

from infohub.directory.hsds.imports import ImportResult, hsds_import
from infohub.directory.hsds.schema import datapackage
from infohub.directory.hsds.tables import EXTENSIONS, tables
from infohub.directory.models import ListingStatus

# The repository's parent folder holds the shared data, next to the repository.
SHARED_HSDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "external" / "hsds"


@pytest.fixture
def hsds_examples() -> Path:
    """The official HSDS 3.0 examples; missing, they skip the test, except in CI."""
    examples = SHARED_HSDS / "v3.0" / "examples"
    if not (examples / "service_full.json").is_file():
        reason = f"the official HSDS examples are not in {examples.resolve()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return examples


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


ORG, SHELTER_ORG = uid(1), uid(2)
PROGRAM = uid(10)
SERVICE, SHELTER_SERVICE = uid(20), uid(21)
OFFICE, SHELTER = uid(30), uid(31)
AT_OFFICE, SHELTER_STAY, OUTREACH_AT_SHELTER = uid(40), uid(41), uid(42)
OFFICE_PHONE, SHELTER_PHONE, OUTREACH_PHONE = uid(50), uid(51), uid(52)
SHELTER_CONTACT = uid(60)
TAXONOMY, TERM = uid(70), uid(71)

# Text that belongs to the confidential shelter and must never leave the directory.
SENTINELS = (
    "Calle Secreta 742",
    "+506 8888 7777",
    "+506 8888 6666",
    "Ana Oculta",
    "10.12345",
    "-85.54321",
    "Albergue Confidencial",
    SHELTER,
)


def sample_tables() -> dict[str, list[dict[str, str]]]:
    """A small directory touching every table and every kind of value."""
    return {
        "organization": [
            {
                "id": ORG,
                "name": "Red de Apoyo al Migrante",
                "description": "Orientación legal.",
                "website": "https://red.example.org",
                "year_incorporated": "1998",
            },
            {"id": SHELTER_ORG, "name": "Refuge House", "description": "A safe place to stay."},
        ],
        "organization_identifier": [
            {
                "id": uid(3),
                "organization_id": ORG,
                "identifier_type": "Cédula jurídica",
                "identifier": "3-002-123456",
            },
        ],
        "program": [
            {
                "id": PROGRAM,
                "organization_id": ORG,
                "name": "Acompañamiento",
                "description": "Programa de acompañamiento.",
            },
        ],
        "service": [
            {
                "id": SERVICE,
                "organization_id": ORG,
                "program_id": PROGRAM,
                "name": "Asesoría migratoria",
                "description": "Ayuda con trámites.",
                "status": "active",
                "minimum_age": "16",
                "maximum_age": "99.5",
                "assured_date": "2024-04-30",
                "last_modified": "2024-05-01T12:30:00.250Z",
                "url": "https://red.example.org/asesoria",
                "email": "asesoria@red.example.org",
            },
            {
                "id": SHELTER_SERVICE,
                "organization_id": SHELTER_ORG,
                "name": "Short stays",
                "status": "temporarily closed",
            },
        ],
        "location": [
            {
                "id": OFFICE,
                "location_type": "physical",
                "organization_id": ORG,
                "name": "Oficina central",
                "latitude": "9.9281",
                "longitude": "-84.0907",
            },
            {
                "id": SHELTER,
                "location_type": "physical",
                "organization_id": SHELTER_ORG,
                "name": "Albergue Confidencial",
                "latitude": "10.12345",
                "longitude": "-85.54321",
            },
        ],
        "service_at_location": [
            {"id": AT_OFFICE, "service_id": SERVICE, "location_id": OFFICE},
            {"id": SHELTER_STAY, "service_id": SHELTER_SERVICE, "location_id": SHELTER},
            {"id": OUTREACH_AT_SHELTER, "service_id": SERVICE, "location_id": SHELTER},
        ],
        "contact": [
            {"id": SHELTER_CONTACT, "location_id": SHELTER, "name": "Ana Oculta"},
            {"id": uid(61), "service_id": SERVICE, "name": "Mesa de ayuda", "title": "Recepción"},
        ],
        "phone": [
            {
                "id": OFFICE_PHONE,
                "service_id": SERVICE,
                "number": "+506 2222 0000",
                "extension": "12",
            },
            {
                "id": SHELTER_PHONE,
                "location_id": SHELTER,
                "service_id": SHELTER_SERVICE,
                "number": "+506 8888 7777",
            },
            {
                "id": OUTREACH_PHONE,
                "service_at_location_id": OUTREACH_AT_SHELTER,
                "number": "+506 8888 6666",
            },
        ],
        "schedule": [
            {
                "id": uid(80),
                "service_id": SERVICE,
                "opens_at": "08:00:00",
                "closes_at": "16:30:00",
                "freq": "WEEKLY",
                "byday": "MO,TU",
                "valid_from": "2024-01-01",
                "timezone": "-6",
                "description": "Lunes y martes.",
            },
        ],
        "language": [{"id": uid(81), "service_id": SERVICE, "name": "Español", "code": "es"}],
        "address": [
            {
                "id": uid(82),
                "location_id": OFFICE,
                "address_1": "Avenida Central 100",
                "city": "San José",
                "state_province": "San José",
                "postal_code": "10101",
                "country": "CR",
                "address_type": "physical",
            },
            {
                "id": uid(83),
                "location_id": SHELTER,
                "address_1": "Calle Secreta 742",
                "city": "Liberia",
                "state_province": "Guanacaste",
                "postal_code": "50101",
                "country": "CR",
                "address_type": "physical",
            },
        ],
        "accessibility": [{"id": uid(84), "location_id": SHELTER, "description": "Rampa."}],
        "funding": [{"id": uid(85), "organization_id": ORG, "source": "Donaciones."}],
        "service_area": [{"id": uid(86), "service_id": SERVICE, "name": "Gran Área Metropolitana"}],
        "required_document": [{"id": uid(87), "service_id": SERVICE, "document": "Pasaporte"}],
        "cost_option": [
            {
                "id": uid(88),
                "service_id": SERVICE,
                "amount": "12.5",
                "currency": "CRC",
                "option": "Consulta",
                "valid_to": "2025-12-31",
            },
        ],
        "taxonomy": [{"id": TAXONOMY, "name": "Temas", "description": "Temas de servicio."}],
        "taxonomy_term": [
            {
                "id": TERM,
                "taxonomy_id": TAXONOMY,
                "name": "Legal",
                "description": "Asesoría legal",
                "code": "legal",
            },
        ],
        "attribute": [
            {"id": uid(90), "link_id": SERVICE, "taxonomy_term_id": TERM, "link_entity": "service"},
            {
                "id": uid(91),
                "link_id": SHELTER,
                "taxonomy_term_id": TERM,
                "link_entity": "location",
            },
        ],
        "metadata": [
            {
                "id": uid(92),
                "resource_id": SHELTER,
                "resource_type": "address",
                "last_action_date": "2024-05-02",
                "last_action_type": "update",
                "field_name": "address_1",
                "previous_value": "Calle Secreta 740",
                "replacement_value": "Calle Secreta 742",
                "updated_by": "staff",
            },
        ],
        "meta_table_description": [{"id": uid(93), "name": "Directorio", "language": "es"}],
        "x_translations": [
            {
                "table": "service",
                "record_id": SERVICE,
                "field": "name",
                "language": "en",
                "text": "Immigration advice",
            },
            {
                "table": "service",
                "record_id": SERVICE,
                "field": "name",
                "language": "fr",
                "text": "Conseil en immigration",
            },
            {
                "table": "organization",
                "record_id": SHELTER_ORG,
                "field": "name",
                "language": "es",
                "text": "Casa Refugio",
            },
            {
                "table": "location",
                "record_id": SHELTER,
                "field": "name",
                "language": "en",
                "text": "Albergue Confidencial shelter",
            },
        ],
        "x_source_languages": [
            {"table": "organization", "record_id": SHELTER_ORG, "language": "en"},
            {"table": "service", "record_id": SHELTER_SERVICE, "language": "en"},
        ],
    }


def write_package(
    directory: Path,
    rows: dict[str, list[dict[str, Any]]],
    *,
    descriptor: dict[str, Any] | None = None,
) -> Path:
    """Write ``rows`` (by table name) as a tabular data package; returns the folder."""
    directory.mkdir(parents=True, exist_ok=True)
    specs = {**tables(), **EXTENSIONS}
    resources = []
    for name, table_rows in rows.items():
        spec = specs[name]
        with (directory / spec.path).open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow([column.name for column in spec.columns])
            for row in table_rows:
                writer.writerow([row.get(column.name, "") for column in spec.columns])
        official = [r for r in datapackage()["resources"] if r["name"] == name]
        resources.append(official[0] if official else {"name": name, "path": spec.path})
    content = descriptor or {"name": "test", "x_source_language": "es", "resources": resources}
    (directory / "datapackage.json").write_text(json.dumps(content), encoding="utf-8")
    return directory


def import_sample(directory: Path, **options: Any) -> ImportResult:
    options.setdefault("listing_status", ListingStatus.PUBLISHED)
    return hsds_import(path=write_package(directory, sample_tables()), **options)
