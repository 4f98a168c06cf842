"""import_hsds bounds what it reads: members of a .zip, bytes expanded, depth of JSON."""

import json
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings

from infohub.directory.errors import DirectoryError, HsdsImportError
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.hsds.limits import MAX_JSON_DEPTH, MAX_MEMBERS
from infohub.directory.hsds.tables import tables
from infohub.directory.models import DirectoryImport
from infohub.directory.tests.conftest import sample_tables, write_package

pytestmark = pytest.mark.django_db

LIMIT = 4 * 1024 * 1024


def nothing_imported() -> bool:
    return not DirectoryImport.objects.exists() and not any(
        t.model._default_manager.exists() for t in tables().values()
    )


def zipped(folder: Path, archive: Path, *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for file in folder.iterdir():
            data = (extra or {}).get(file.name, file.read_bytes())
            zipped.writestr(file.name, data)
    return archive


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


@override_settings(INFOHUB_HSDS_MAX_EXPANDED_BYTES=LIMIT)
def test_it_refuses_a_zip_bomb_naming_the_file_and_writing_nothing(tmp_path: Path) -> None:
    package = write_package(tmp_path / "bomb", sample_tables())
    services = (package / "services.csv").read_bytes()
    # Ten times the limit of blank lines: a valid CSV that deflates to almost nothing.
    bomb = zipped(
        package, tmp_path / "bomb.zip", extra={"services.csv": services + b"\n" * 10 * LIMIT}
    )
    assert bomb.stat().st_size < 100_000

    with pytest.raises(HsdsImportError) as raised:
        hsds_import(path=bomb)

    problems = [str(problem) for problem in raised.value.problems]
    assert any(
        problem.startswith("services.csv") and f"bomb.zip expands beyond {LIMIT} bytes" in problem
        for problem in problems
    )
    assert nothing_imported()


def test_it_refuses_a_zip_with_too_many_members(tmp_path: Path) -> None:
    package = write_package(tmp_path / "many", sample_tables())
    archive = zipped(package, tmp_path / "many.zip")
    with zipfile.ZipFile(archive, "a") as zipped_more:
        for number in range(MAX_MEMBERS):
            zipped_more.writestr(f"notes/{number}.txt", "")

    with pytest.raises(DirectoryError, match=rf"many\.zip holds more than {MAX_MEMBERS} files"):
        hsds_import(path=archive)
    assert nothing_imported()


def test_it_refuses_deeply_nested_json_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_text(deep_json(100_000), encoding="utf-8")

    with pytest.raises(HsdsImportError) as raised:
        hsds_import(path=path)

    assert [str(problem) for problem in raised.value.problems] == [
        f"services.json: services.json nests arrays and objects more than {MAX_JSON_DEPTH} "
        "levels deep; HSDS data never does."
    ]
    assert nothing_imported()


def test_it_refuses_a_deeply_nested_package_descriptor(tmp_path: Path) -> None:
    package = write_package(tmp_path / "deep", sample_tables())
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["x_note"] = json.loads(deep_json(MAX_JSON_DEPTH))
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")

    with pytest.raises(HsdsImportError) as raised:
        hsds_import(path=package)

    assert "nests arrays and objects more than" in str(raised.value.problems[0])
    assert nothing_imported()


def test_it_counts_brackets_inside_strings_as_text(tmp_path: Path) -> None:
    package = write_package(tmp_path / "text", sample_tables())
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["x_note"] = deep_json(1000) + '\\" ['
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")

    assert hsds_import(path=package).counts["service"]["created"] == 2
