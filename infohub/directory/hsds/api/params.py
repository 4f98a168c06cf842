"""Reading the HSDS API's query parameters; a bad value raises BadParameterError (a 422).

An empty value is the same as an absent one. Values are checked before any query
runs, so nothing a client sends can reach the database in a form it refuses (a NUL
character, a date out of range, an offset too large for SQL).
"""

import datetime as dt
import math
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation.trans_real import parse_accept_lang_header

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
MAX_TEXT = 200
# Half the Earth's circumference: no two points are farther apart.
MAX_RADIUS_METRES = 20_100_000

_WHOLE = re.compile(r"[0-9]{1,9}")
_DECIMAL = re.compile(r"[+-]?([0-9]{1,12}(\.[0-9]{0,15})?|\.[0-9]{1,15})")
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


class BadParameterError(Exception):
    """A query parameter with a value the API cannot use; the message says what it accepts."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Proximity:
    """Within ``metres`` of ``point``, or of the centroid of the postcode when no point is given."""

    metres: float
    point: Point | None


def _value(query: QueryDict, name: str) -> str | None:
    value = query.get(name)
    if value is None or value == "":
        return None
    if "\x00" in value:
        raise BadParameterError(name, "must not contain NUL characters")
    return value


def text(query: QueryDict, name: str) -> str | None:
    value = _value(query, name)
    if value is None:
        return None
    if len(value) > MAX_TEXT:
        raise BadParameterError(name, f"must be at most {MAX_TEXT} characters long")
    return value.strip() or None


def boolean(query: QueryDict, name: str) -> bool:
    value = _value(query, name)
    if value is None:
        return False
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise BadParameterError(name, "must be true or false")


def identifier(query: QueryDict, name: str) -> uuid.UUID | None:
    value = _value(query, name)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadParameterError(name, "must be a UUID") from None


def paging(query: QueryDict) -> Paging:
    return Paging(
        page=_whole(query, "page", default=1, maximum=999_999_999),
        per_page=_whole(query, "per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE),
    )


def _whole(query: QueryDict, name: str, *, default: int, maximum: int) -> int:
    value = _value(query, name)
    if value is None:
        return default
    if not _WHOLE.fullmatch(value) or not 1 <= int(value) <= maximum:
        raise BadParameterError(name, f"must be a whole number from 1 to {maximum}")
    return int(value)


def response_format(query: QueryDict) -> None:
    """Only ``json`` is served: ``ndjson`` streaming is not offered."""
    value = _value(query, "format")
    if value is not None and value.lower() != "json":
        raise BadParameterError("format", "must be json")


def modified_after(query: QueryDict) -> dt.datetime | None:
    """A date (midnight UTC) or a date and time; one without an offset is in UTC."""
    value = _value(query, "modified_after")
    if value is None:
        return None
    problem = BadParameterError(
        "modified_after", "must be a date (YYYY-MM-DD) or a date and time in ISO 8601"
    )
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is None:
                raise problem
            moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        # Years 1 and 9999 with an offset cannot be moved to UTC.
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise problem from None


def _decimal(value: str, name: str) -> float:
    if not _DECIMAL.fullmatch(value):
        raise BadParameterError(name, "must be decimal numbers")
    number = float(value)
    if not math.isfinite(number):
        raise BadParameterError(name, "must be decimal numbers")
    return number


def proximity(query: QueryDict, *, postcode: str | None) -> Proximity | None:
    """``metres`` (from the postcode's centroid) or ``latitude,longitude,metres``."""
    value = _value(query, "proximity")
    if value is None:
        return None
    parts = [part.strip() for part in value.split(",")]
    if len(parts) not in (1, 3):
        raise BadParameterError(
            "proximity", "must be a distance in metres, or latitude,longitude,metres"
        )
    numbers = [_decimal(part, "proximity") for part in parts]
    metres = numbers[-1]
    if not 0 < metres <= MAX_RADIUS_METRES:
        raise BadParameterError(
            "proximity", f"the distance must be more than 0 and at most {MAX_RADIUS_METRES} metres"
        )
    if len(numbers) == 1:
        if postcode is None:
            raise BadParameterError(
                "proximity", "a distance alone needs a postcode; or give latitude,longitude,metres"
            )
        return Proximity(metres=metres, point=None)
    latitude, longitude = numbers[0], numbers[1]
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise BadParameterError(
            "proximity", "the latitude must be within ±90 and the longitude within ±180"
        )
    return Proximity(metres=metres, point=Point(latitude=latitude, longitude=longitude))


def language(request: HttpRequest) -> str:
    """The content language: ``lang``, else the best of ``Accept-Language``, else the default."""
    languages = list(settings.INFOHUB_CONTENT_LANGUAGES)
    lang = _value(request.GET, "lang")
    if lang is not None:
        if lang not in languages:
            raise BadParameterError("lang", f"must be one of {', '.join(languages)}")
        return lang
    for code, quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if quality <= 0:
            continue
        for candidate in (code, code.split("-")[0]):
            if candidate in languages:
                return candidate
    return str(settings.LANGUAGE_CODE)
