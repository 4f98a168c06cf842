"""The import_hsds and export_hsds commands: English output, reports, progress, refusals."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from infohub.directory.models import Service
from infohub.directory.tests.conftest import SERVICE, sample_tables, uid, write_package

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def broken_package(tmp_path: Path) -> Path:
    rows = sample_tables()
    rows["service"][1] = {**rows["service"][1], "organization_id": uid(9)}
    return write_package(tmp_path / "p", rows)


def test_import_hsds_lists_every_problem_and_imports_nothing(tmp_path):
    with pytest.raises(CommandError) as raised:
        run("import_hsds", str(broken_package(tmp_path)))

    assert str(raised.value).splitlines() == [
        "Nothing was imported; 1 problem(s):",
        "  services.csv line 3, organization_id: no organization has the id "
        f"{uid(9)}, neither in organizations.csv nor in the directory",
    ]
    assert not Service.objects.exists()


def test_skip_invalid_prints_the_skipped_rows_as_csv_and_a_summary(tmp_path):
    out, _ = run("import_hsds", str(broken_package(tmp_path)), "--skip-invalid")

    report, summary = out.split("Imported: ")
    assert report.startswith("Skipped rows:\n")
    skipped = list(csv.DictReader(io.StringIO(report.removeprefix("Skipped rows:\n"))))
    assert [(row["file"], row["line"], row["field"]) for row in skipped] == [
        ("services.csv", "3", "organization_id"),
        ("service_at_location.csv", "3", "service_id"),
        ("phones.csv", "3", "service_id"),
        ("x_source_languages.csv", "3", "record_id"),
    ]
    assert "depends on the skipped service" in skipped[1]["reason"]
    assert "4 skipped" in summary
    assert Service.objects.get().id.hex == SERVICE.replace("-", "")


def test_skip_invalid_writes_the_report_to_a_json_file(tmp_path):
    report = tmp_path / "skipped.json"

    out, _ = run(
        "import_hsds", str(broken_package(tmp_path)), "--skip-invalid", "--report", str(report)
    )

    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [row["file"] for row in rows] == [
        "services.csv",
        "service_at_location.csv",
        "phones.csv",
        "x_source_languages.csv",
    ]
    assert set(rows[0]) == {"file", "line", "pointer", "table", "record_id", "field", "reason"}
    assert "Skipped rows" not in out


def test_a_failed_import_also_writes_its_problems_to_the_report(tmp_path):
    report = tmp_path / "problems.csv"

    with pytest.raises(CommandError):
        run("import_hsds", str(broken_package(tmp_path)), "--report", str(report))

    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [(row["file"], row["line"]) for row in rows] == [("services.csv", "3")]


def test_large_imports_show_progress_on_standard_error(tmp_path):
    _, err = run("import_hsds", str(write_package(tmp_path / "p", sample_tables())))

    assert "Checking [####################]" in err
    assert "rows" in err


def test_a_language_that_is_not_a_content_language_is_refused(tmp_path):
    with pytest.raises(CommandError, match="de is not a content language"):
        run("import_hsds", str(write_package(tmp_path / "p", sample_tables())), "--language", "de")


def test_export_hsds_refuses_a_folder_that_is_not_empty_without_force(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("keep me", encoding="utf-8")

    with pytest.raises(CommandError, match="is not empty"):
        run("export_hsds", str(tmp_path / "out"))
    out, _ = run("export_hsds", str(tmp_path / "out"), "--force")

    assert out.startswith("Exported 0 rows in 23 tables")
    assert (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8") == "keep me"
