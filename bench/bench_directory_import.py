"""HSDS import at scale: a 100,000-service data package, against a plain bulk_create of its rows.

A synthetic tabular package (fixed seed) is written to a temporary folder: one
organization per 10 services, two locations per organization with an address each,
every service at one of its organization's locations, one phone per service. It is
imported with import_hsds's code path into a fresh temporary database (reading,
schema and reference checks, upsert, audit), timed by phase. As a same-run baseline,
the same CSV rows are read and written with a plain bulk_create, without any
validation, into another fresh database. Printed: rows, seconds and rows per second
of each, and their ratio. Timings are reported, never judged.

Size: the environment variable BENCH_DIRECTORY_SERVICES (default 100000), e.g.
`BENCH_DIRECTORY_SERVICES=20000 python bench/run.py directory_import`.
"""

import csv
import json
import os
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.support import temporary_database

SEED = 20261122
DEFAULT_SERVICES = 100_000
SERVICES_PER_ORGANIZATION = 10
LOCATIONS_PER_ORGANIZATION = 2
WORDS = [
    *("apoyo", "legal", "salud", "empleo", "vivienda", "educación", "asesoría", "migrante"),
    *("refugio", "documentos", "familia", "niñez", "idiomas", "trabajo", "orientación"),
    *("comunidad", "acompañamiento", "psicológico"),
]
STATUSES = ("active", "active", "active", "inactive", "temporarily closed")


def services_wanted() -> int:
    return int(os.environ.get("BENCH_DIRECTORY_SERVICES", DEFAULT_SERVICES))


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(services: int, rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """The package's rows by HSDS table name."""
    rows: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "organization",
            "location",
            "address",
            "service",
            "service_at_location",
            "phone",
        )
    }
    organizations = max(1, services // SERVICES_PER_ORGANIZATION)
    for o in range(organizations):
        organization = _id(rng)
        rows["organization"].append(
            {
                "id": organization,
                "name": f"Organización {o}",
                "description": _text(rng, 12),
                "website": f"https://org{o}.example.org",
                "year_incorporated": 1990 + o % 30,
            }
        )
        locations = []
        for n in range(LOCATIONS_PER_ORGANIZATION):
            location = _id(rng)
            locations.append(location)
            rows["location"].append(
                {
                    "id": location,
                    "location_type": "physical",
                    "organization_id": organization,
                    "name": f"Sede {o}-{n}",
                    "latitude": round(rng.uniform(8, 11), 6),
                    "longitude": round(rng.uniform(-86, -82), 6),
                }
            )
            rows["address"].append(
                {
                    "id": _id(rng),
                    "location_id": location,
                    "address_1": f"Calle {o} #{n}",
                    "city": "San José",
                    "state_province": "San José",
                    "postal_code": "10101",
                    "country": "CR",
                    "address_type": "physical",
                }
            )
        for s in range(SERVICES_PER_ORGANIZATION):
            if len(rows["service"]) == services:
                break
            service = _id(rng)
            rows["service"].append(
                {
                    "id": service,
                    "organization_id": organization,
                    "name": f"Servicio {o}-{s}",
                    "description": _text(rng, 30),
                    "status": rng.choice(STATUSES),
                    "email": f"s{o}-{s}@org{o}.example.org",
                    "minimum_age": rng.choice(("", 0, 12, 18)),
                    "assured_date": "2024-05-01",
                }
            )
            rows["service_at_location"].append(
                {"id": _id(rng), "service_id": service, "location_id": rng.choice(locations)}
            )
            rows["phone"].append(
                {
                    "id": _id(rng),
                    "service_id": service,
                    "number": f"+506 {rng.randrange(2000, 9999)} {rng.randrange(1000, 9999)}",
                }
            )
    return rows


def write_package(directory: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    from infohub.directory.hsds.tables import tables  # noqa: PLC0415 - needs Django set up

    resources = []
    for name, table_rows in rows.items():
        table = tables()[name]
        with (directory / table.path).open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow([c.name for c in table.columns])
            for row in table_rows:
                writer.writerow([row.get(c.name, "") for c in table.columns])
        resources.append({"name": name, "path": table.path})
    descriptor = {"name": "bench", "resources": resources}
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def timed_import(directory: Path) -> dict[str, float]:
    from django.conf import settings  # noqa: PLC0415 - needs Django set up

    from infohub.directory.hsds.imports import read_input  # noqa: PLC0415
    from infohub.directory.hsds.services import directory_import_save  # noqa: PLC0415
    from infohub.directory.hsds.validation import check_batch  # noqa: PLC0415
    from infohub.directory.models import ImportFormat, ListingStatus  # noqa: PLC0415

    def quiet(stage: str, done: int, total: int) -> None:
        pass

    started = time.perf_counter()
    batch = read_input(directory)
    read = time.perf_counter()
    checked = check_batch(
        batch, source_language=settings.LANGUAGE_CODE, skip_invalid=False, progress=quiet
    )
    if checked.problems:
        raise RuntimeError(f"the generated package has problems: {checked.problems[:5]}")
    checked_at = time.perf_counter()
    directory_import_save(
        rows={
            name: [r.row for r in records]
            for name, records in checked.valid.items()
            if not name.startswith("x_")
        },
        translations=[],
        skipped={},
        source_name=directory.name,
        source_format=ImportFormat.PACKAGE,
        source_language=settings.LANGUAGE_CODE,
        skip_invalid=False,
        listing_status=ListingStatus.PUBLISHED,
        actor=None,
        progress=quiet,
    )
    written = time.perf_counter()
    return {"read": read - started, "check": checked_at - read, "write": written - checked_at}


def timed_bulk_create(directory: Path) -> float:
    """Read the same CSV files and bulk_create their rows: no checks, no conversions."""
    from django.db import transaction  # noqa: PLC0415 - needs Django set up

    from infohub.directory.hsds.tables import tables  # noqa: PLC0415

    started = time.perf_counter()
    with transaction.atomic():
        for table in tables().values():
            path = directory / table.path
            if not path.exists():
                continue
            attnames = {c.name: c.attname for c in table.columns}
            with path.open(encoding="utf-8", newline="") as file:
                objects = [
                    table.model(**{attnames[k]: v for k, v in row.items() if v != ""})
                    for row in csv.DictReader(file)
                ]
            table.model._default_manager.bulk_create(objects, batch_size=1000)
    return time.perf_counter() - started


def main() -> int:
    import django  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infohub.settings")
    django.setup()
    services = services_wanted()
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder) / "package"
        directory.mkdir()
        started = time.perf_counter()
        rows = generate(services, rng)
        write_package(directory, rows)
        total = sum(len(r) for r in rows.values())
        counts = ", ".join(f"{len(r)} {name}" for name, r in rows.items())
        print(f"package: {total} rows ({counts}) written in {time.perf_counter() - started:.1f} s")
        del rows
        with temporary_database():
            phases = timed_import(directory)
        with temporary_database():
            baseline = timed_bulk_create(directory)
    took = sum(phases.values())
    print(
        f"import_hsds: {took:.1f} s, {total / took:,.0f} rows/s "
        f"(read {phases['read']:.1f} s, check {phases['check']:.1f} s, "
        f"write {phases['write']:.1f} s)"
    )
    print(f"bulk_create baseline: {baseline:.1f} s, {total / baseline:,.0f} rows/s")
    print(f"ratio: the import takes {took / baseline:.2f}x the time of a plain bulk_create")
    return 0
