"""Reading the regional news files.

The format, as the files are written::

    20 November, 2020

    Title of the item

    First paragraph of the body.

    Second paragraph.

    13 November, 2020
    ...

Each item is a date line, then a title line, then body paragraphs, separated by
blank lines. Any number of blank lines may appear anywhere, including between the
title and the body: a new item starts only at a date line. Lines that follow one
another without a blank line belong to the same paragraph. Dates are English, as
``20 November, 2020`` or ``November 20, 2020``. A paragraph that is only
``Source: https://...`` gives the address of the item's original source and is not part
of the body.

The parser is pure: it takes text and returns items, or raises ``NewsFormatError``
naming the source, the line and the reason.
"""

import datetime
import re
from dataclasses import dataclass

from infohub.news.errors import NewsFormatError

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}

TITLE_MAX_LENGTH = 300

# Any line shaped like a date is a date line, so that a misspelt month or an impossible
# day is reported instead of silently becoming part of the previous item.
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+),?\s+(?P<year>\d{4})")
_MONTH_FIRST = re.compile(r"(?P<month>[^\W\d_]+)\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})")
_WHITESPACE = re.compile(r"\s+")

EXAMPLE_DATE = "20 November, 2020"
_SOURCE_LINE = re.compile(r"Source:\s*(https?://\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedNews:
    date: datetime.date
    title: str
    body: str  # paragraphs joined by a blank line ("\n\n"); may be empty
    line: int  # the line number of the item's date line
    source_url: str = ""  # the original source, from a "Source: https://..." paragraph


class _DateLineError(ValueError):
    pass


def _clean(line: str) -> str:
    """Collapse runs of whitespace, no-break spaces included, and trim the ends."""
    return _WHITESPACE.sub(" ", line).strip()


def _date_from_line(line: str) -> datetime.date | None:
    """The date of a date line; None for other lines; ``_DateLineError`` if impossible."""
    match = _DAY_FIRST.fullmatch(line) or _MONTH_FIRST.fullmatch(line)
    if match is None:
        return None
    month = MONTHS.get(match["month"].lower())
    if month is None:
        raise _DateLineError(f"unknown month {match['month']!r} in the date {line!r}")
    try:
        return datetime.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        raise _DateLineError(f"{line!r} is not a real date") from None


def _lines(text: str) -> list[str]:
    text = text.removeprefix("\ufeff")
    return [_clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def parse_news(text: str, *, source: str) -> list[ParsedNews]:
    """Return the items of one news file, in file order."""
    lines = _lines(text)
    items: list[ParsedNews] = []
    date: datetime.date | None = None
    date_line = 0
    title: str | None = None
    paragraphs: list[list[str]] = []
    previous_blank = True

    def finish() -> None:
        if date is None:
            return
        if title is None:
            raise NewsFormatError(source, date_line, "a date line with no title after it")
        texts = [" ".join(paragraph) for paragraph in paragraphs]
        sources = [m[1] for m in map(_SOURCE_LINE.fullmatch, texts) if m]
        body = "\n\n".join(t for t in texts if not _SOURCE_LINE.fullmatch(t))
        items.append(
            ParsedNews(
                date=date,
                title=title,
                body=body,
                line=date_line,
                source_url=sources[0] if sources else "",
            )
        )

    for number, line in enumerate(lines, start=1):
        if not line:
            previous_blank = True
            continue
        try:
            line_date = _date_from_line(line)
        except _DateLineError as error:
            raise NewsFormatError(source, number, str(error)) from None
        if line_date is not None:
            finish()
            date, date_line, title, paragraphs = line_date, number, None, []
        elif date is None:
            raise NewsFormatError(
                source,
                number,
                f"expected a date line such as {EXAMPLE_DATE!r} before any other text",
            )
        elif title is None:
            if len(line) > TITLE_MAX_LENGTH:
                raise NewsFormatError(
                    source, number, f"a title longer than {TITLE_MAX_LENGTH} characters"
                )
            title = line
        elif previous_blank or not paragraphs:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        previous_blank = False
    if date is None:
        raise NewsFormatError(source, 1, "the file is empty")
    finish()
    return items
