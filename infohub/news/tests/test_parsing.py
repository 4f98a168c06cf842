"""Reading the format of the regional news files, and refusing what does not follow it."""

import datetime
from pathlib import Path

import pytest

from infohub.news.errors import NewsFormatError
from infohub.news.parsing import parse_news

TWO_ITEMS = (
    "20 November, 2020\n"
    "\n"
    "First title\n"
    "\n"
    "First paragraph.\n"
    "\n"
    "Second paragraph.\n"
    "\n"
    "13 November, 2020\n"
    "\n"
    "Second title\n"
    "\n"
    "Only paragraph."
)


@pytest.mark.parametrize("index", range(5))
def test_it_reads_every_item_of_each_regional_news_file(news_files: list[Path], index: int) -> None:
    path = news_files[index]
    text = path.read_text(encoding="utf-8")
    items = parse_news(text, source=path.name)
    date_lines = [line for line in text.splitlines() if line[:1].isdigit() and "," in line]
    assert len(items) == len(date_lines) == 10
    for item in items:
        assert item.title
        assert item.body
        assert "\u00a0" not in item.title + item.body
        assert item.body == item.body.strip()


def test_it_reads_dates_titles_and_paragraphs() -> None:
    items = parse_news(TWO_ITEMS, source="two.txt")
    assert [(i.date, i.title, i.body, i.line) for i in items] == [
        (
            datetime.date(2020, 11, 20),
            "First title",
            "First paragraph.\n\nSecond paragraph.",
            1,
        ),
        (datetime.date(2020, 11, 13), "Second title", "Only paragraph.", 9),
    ]


def test_extra_blank_lines_between_title_and_body_do_not_start_a_new_item() -> None:
    text = "2 October, 2020\n\nA title\n\n\n\nThe body.\n\n\n\n\n1 October, 2020\nB title\nB body."
    items = parse_news(text, source="gaps.txt")
    assert [(i.title, i.body) for i in items] == [("A title", "The body."), ("B title", "B body.")]


def test_lines_without_a_blank_between_them_form_one_paragraph() -> None:
    text = "2 October, 2020\nTitle\nThe first line\nof a paragraph.\n\nAnother one."
    (item,) = parse_news(text, source="wrapped.txt")
    assert item.body == "The first line of a paragraph.\n\nAnother one."


def test_it_tolerates_crlf_a_byte_order_mark_and_trailing_spaces() -> None:
    text = "\ufeff" + TWO_ITEMS.replace("\n", "\r\n").replace("First title", "First title \u00a0 ")
    assert parse_news(text, source="windows.txt") == parse_news(TWO_ITEMS, source="unix.txt")


def test_it_tolerates_the_month_first_date_form() -> None:
    (item,) = parse_news("November 20, 2020\n\nTitle\n\nBody.", source="us.txt")
    assert item.date == datetime.date(2020, 11, 20)


def test_an_item_without_a_body_is_read_with_an_empty_body() -> None:
    items = parse_news("3 May, 2022\n\nNo body here\n\n2 May, 2022\n\nTitle\n\nBody.", source="x")
    assert [(i.title, i.body) for i in items] == [("No body here", ""), ("Title", "Body.")]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "the file is empty"),
        ("\n \n\t\n", 1, "the file is empty"),
        ("\n\nA title first\n\n20 November, 2020\n\nTitle\n\nBody.", 3, "expected a date line"),
        ("20 November, 2020\n\n\n", 1, "a date line with no title"),
        (TWO_ITEMS + "\n\n12 November, 2020\n", 15, "a date line with no title"),
        ("20 November, 2020\n\n19 November, 2020\n\nTitle\n\nBody.", 1, "no title"),
        ("31 February, 2020\n\nTitle\n\nBody.", 1, "'31 February, 2020' is not a real date"),
        (TWO_ITEMS + "\n\n12 Novembre, 2020\n\nTitle", 15, "unknown month 'Novembre'"),
        ("20 November, 2020\n\n" + "x" * 301 + "\n\nBody.", 3, "a title longer than 300"),
    ],
    ids=[
        "empty",
        "blank",
        "no-date-first",
        "date-without-title",
        "last-date-without-title",
        "date-followed-by-date",
        "impossible-date",
        "unknown-month",
        "title-too-long",
    ],
)
def test_it_refuses_malformed_text_naming_the_file_and_line(
    text: str, line: int, reason: str
) -> None:
    with pytest.raises(NewsFormatError) as caught:
        parse_news(text, source="bad.txt")
    assert caught.value.source == "bad.txt"
    assert caught.value.line_number == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"bad.txt:{line}: ")
