"""HSDS values in their three forms: CSV cells, JSON values, and Python values for the models.

A CSV cell is text; it is first turned into the JSON value the schema describes
(numbers, booleans; an empty cell is an absent value) so that CSV rows and JSON
objects are validated by the same schemas. Valid JSON values then become Python values
for the database, and an export turns those back into cells that read the same.
"""

import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import Any

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?"
)
_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}
# Integers print without a decimal point as long as a float holds them exactly.
_EXACT_INTEGERS = 2**53


class BadValueError(ValueError):
    """A value that the schema accepts as a string but that is not the date or time it must be."""


def from_cell(kind: str, cell: str) -> Any:
    """The JSON value of a CSV cell, or the cell itself when it is not of the right type
    (the schema then reports it); None for an empty cell."""
    if cell == "":
        return None
    if kind == "number" and _NUMBER.fullmatch(cell):
        if "." in cell or "e" in cell or "E" in cell:
            return float(cell)
        return int(cell)
    if kind == "boolean":
        if cell in _TRUE:
            return True
        if cell in _FALSE:
            return False
    return cell


def _parse(
    pattern: re.Pattern[str], parse: Callable[[str], Any], what: str
) -> Callable[[Any], Any]:
    def parser(value: Any) -> Any:
        if isinstance(value, str) and pattern.fullmatch(value):
            try:
                return parse(value)
            except ValueError:
                pass
        raise BadValueError(f"{value!r} is not {what}")

    return parser


def _aware(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    # A time without an offset is taken to be UTC, so every stored time is aware.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


_TO_PYTHON: dict[str, Callable[[Any], Any]] = {
    "uuid": uuid.UUID,
    "number": float,
    "date": _parse(_DATE, dt.date.fromisoformat, "a date (YYYY-MM-DD)"),
    "time": _parse(_TIME, dt.time.fromisoformat, "a time (HH:MM:SS)"),
    "datetime": _parse(_DATE_TIME, _aware, "a date and time (ISO 8601)"),
}


def to_python(kind: str, value: Any) -> Any:
    """The model value of a JSON value that passed its schema.

    Raises BadValueError for dates and times, which the schemas leave unchecked.
    """
    if value is None:
        return None
    convert = _TO_PYTHON.get(kind)
    return convert(value) if convert else value


def _number_cell(value: Any) -> str:
    number = float(value)
    if number.is_integer() and abs(number) < _EXACT_INTEGERS:
        return str(int(number))
    return repr(number)


def _datetime_cell(value: dt.datetime) -> str:
    moment = value.astimezone(dt.UTC)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond % 1000 == 0 and moment.microsecond:
        text += f".{moment.microsecond // 1000:03d}"
    elif moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


_TO_CELL: dict[str, Callable[[Any], str]] = {
    "number": _number_cell,
    "boolean": lambda value: "true" if value else "false",
    "time": lambda value: str(value.isoformat()),
    "date": lambda value: str(value.isoformat()),
    "datetime": _datetime_cell,
}


def to_cell(kind: str, value: Any) -> str:
    """The CSV cell for a model value; reading it back gives the same value."""
    if value is None:
        return ""
    convert = _TO_CELL.get(kind)
    return convert(value) if convert else str(value)


def to_json(kind: str, value: Any) -> Any:
    """The JSON value for a model value (what validation of an export sees)."""
    if value is None:
        return None
    if kind == "number":
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < _EXACT_INTEGERS else number
    if kind == "boolean":
        return bool(value)
    return to_cell(kind, value)
