"""`manage.py import_news`: every item of the regional files, once, or nothing at all."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from infohub.audit.models import AuditAction, AuditEvent
from infohub.news.errors import NewsFormatError, NewsImportError
from infohub.news.models import NewsItem
from infohub.news.services import news_import
from infohub.search.models import SearchChange, SearchDocumentKind

pytestmark = pytest.mark.django_db

GOOD = "5 May, 2022\n\nA good title\n\nA good body.\n"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_news", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, text: str, *, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline=newline)
    return path


def test_it_reads_every_item_of_the_regional_news_files(news_files: list[Path]) -> None:
    out, err = run(*map(str, news_files))
    assert NewsItem.objects.count() == 50
    assert out.splitlines()[-1] == "Read 50 items from 5 files: 50 created, 0 already present."
    assert err == ""
    pairs = {(item.date.isoformat(), item.title) for item in NewsItem.objects.all()}
    assert {
        (
            "2020-11-20",
            "Governments and local organizations will be able to receive training on "
            "migration information models with a free IOM course",
        ),
        (
            "2020-11-12",
            'INM RD and IOM deliver diplomas to first participants in the "Intercultural '
            'Mediation Diploma" held in Dajabón',
        ),
        (
            "2020-10-02",
            "Young people from Mexico and Central America train in the creation of digital "
            "content about migration",
        ),
        (
            "2021-08-26",
            "Mexico\u2019s Beta Group Works with Panama\u2019s Humanitarian Border Security Unit",
        ),
        ("2018-08-05", "Local Governments in Costa Rica open new Information Hubs for Migrants"),
        (
            "2022-08-11",
            "More than 160 communication professionals from six countries specialize in "
            "addressing migration",
        ),
        (
            "2022-05-09",
            "First ever workshop to support resilience-building for Haitian entrepreneurs "
            "in Dominica",
        ),
    } <= pairs
    assert {item.lang for item in NewsItem.objects.all()} == {"en"}


def test_it_keeps_the_paragraphs_of_a_body(news_files: list[Path]) -> None:
    run(*map(str, news_files))
    item = NewsItem.objects.get(title__startswith="IOM pilots innovative model")
    assert item.date == datetime.date(2018, 8, 5)
    assert item.paragraphs[0].startswith("The Migration Community Advisors are a pilot")
    assert item.paragraphs[1].startswith("These advisors are women who are leaders")
    assert len(item.paragraphs) == 2


def test_it_prints_a_progress_line_per_file(news_files: list[Path]) -> None:
    out, _err = run(*map(str, news_files))
    lines = out.splitlines()
    assert lines[:5] == [f"{path}: 10 items" for path in news_files]


def test_importing_again_duplicates_nothing(news_files: list[Path]) -> None:
    run(*map(str, news_files))
    before = set(NewsItem.objects.values_list("public_id", flat=True))
    out, _err = run(*map(str, news_files))
    assert out.splitlines()[-1] == "Read 50 items from 5 files: 0 created, 50 already present."
    assert set(NewsItem.objects.values_list("public_id", flat=True)) == before


def test_a_partly_new_file_adds_only_its_new_items(tmp_path: Path) -> None:
    first = write(tmp_path, "first.txt", GOOD)
    run(str(first))
    both = write(tmp_path, "both.txt", GOOD + "\n4 May, 2022\n\nAnother title\n\nBody.\n")
    out, _err = run(str(both))
    assert out.splitlines()[-1] == "Read 2 items from 1 file: 1 created, 1 already present."
    assert NewsItem.objects.count() == 2


def test_the_same_item_twice_in_one_import_is_created_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", GOOD)
    # Case and spacing of the title do not make a different item.
    twin = write(tmp_path, "b.txt", GOOD.replace("A good title", "A  GOOD title"))
    report = news_import(files=[path, twin])
    assert (report.read, report.created, report.already_present) == (2, 1, 1)


def test_each_created_item_is_audited_and_logged_for_search(tmp_path: Path) -> None:
    report = news_import(files=[write(tmp_path, "a.txt", GOOD)])
    assert report.created == 1
    item = NewsItem.objects.get()
    event = AuditEvent.objects.get(object_id=item.public_id)
    assert event.action == AuditAction.NEWS_CREATE
    assert event.actor is None
    assert event.request_id.startswith("cli:")
    assert SearchChange.objects.filter(
        kind=SearchDocumentKind.NEWS, object_id=item.public_id
    ).exists()


def test_countries_named_in_an_item_are_recorded(news_files: list[Path]) -> None:
    run(*map(str, news_files))
    item = NewsItem.objects.get(title__startswith="First ever workshop to support resilience")
    assert [country.code for country in item.countries] == ["DM"]
    item = NewsItem.objects.get(title__startswith="Mexico\u2019s Beta Group")
    assert [country.code for country in item.countries] == ["MX", "PA"]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "the file is empty"),
        ("A title\n\n5 May, 2022\n\nTitle\n\nBody.", 1, "expected a date line"),
        (GOOD + "\n4 May, 2022\n\n", 7, "a date line with no title"),
        ("31 February, 2020\n\nTitle\n\nBody.", 1, "is not a real date"),
    ],
    ids=["empty", "no-date-first", "date-without-title", "impossible-date"],
)
def test_a_malformed_file_stops_the_whole_import_with_its_name_and_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, "bad.txt", text)
    also_good = write(tmp_path, "also-good.txt", GOOD.replace("good", "fine"))
    with pytest.raises(CommandError) as caught:
        run(str(good), str(bad), str(also_good))
    message = str(caught.value)
    assert message.startswith(f"{bad}:{line}: ")
    assert reason in message
    assert message.endswith("Nothing was imported.")
    assert NewsItem.objects.count() == 0
    assert not AuditEvent.objects.filter(action=AuditAction.NEWS_CREATE).exists()
    assert not SearchChange.objects.exists()


def test_a_failing_import_exits_with_a_non_zero_status(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.txt", "not a date\n")
    with pytest.raises(CommandError) as caught:
        run(str(bad))
    assert caught.value.returncode != 0


def test_crlf_files_with_a_byte_order_mark_import_like_the_others(tmp_path: Path) -> None:
    windows = write(tmp_path, "windows.txt", "\ufeff" + GOOD, newline="\r\n")
    report = news_import(files=[windows])
    assert report.created == 1
    item = NewsItem.objects.get()
    assert (item.date, item.title, item.body) == (
        datetime.date(2022, 5, 5),
        "A good title",
        "A good body.",
    )
    assert news_import(files=[write(tmp_path, "unix.txt", GOOD)]).already_present == 1


def test_a_missing_file_is_reported_and_nothing_is_imported(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    with pytest.raises(CommandError, match=r"missing\.txt: cannot be read"):
        run(str(good), str(tmp_path / "missing.txt"))
    assert NewsItem.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("5 May, 2022\n\nDajabón\n\nBody.".encode("latin-1"))
    with pytest.raises(NewsFormatError) as caught:
        news_import(files=[path])
    assert (caught.value.line_number, caught.value.reason) == (3, "the file is not UTF-8 text")


def test_an_item_without_a_body_is_imported_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "short.txt", "5 May, 2022\n\nJust a title\n")
    out, err = run(str(path))
    assert NewsItem.objects.get().body == ""
    assert f"{path}:1: the item has no body" in err
    assert out.splitlines()[-1] == "Read 1 item from 1 file: 1 created, 0 already present."


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NewsImportError, match="'xx' is not an enabled language"):
        news_import(files=[write(tmp_path, "a.txt", GOOD)], lang="xx")


def test_the_language_option_sets_the_items_language(tmp_path: Path) -> None:
    run("--lang", "fr", str(write(tmp_path, "a.txt", GOOD)))
    assert NewsItem.objects.get().lang == "fr"
