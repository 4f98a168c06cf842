"""Reading a provider's webhook body strictly: anything not its format is a ``BadPayloadError``."""

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest
from django.utils.dateparse import parse_datetime

from infohub.messaging.channels.base import BadPayloadError, Location


def request_json(request: HttpRequest) -> dict[str, Any]:
    """The request's body as a JSON object."""
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise BadPayloadError("The body is not JSON.") from None
    return as_object(body)


def as_object(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadPayloadError("Expected a JSON object.")
    return value


def as_list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise BadPayloadError("Expected a JSON array.")
    return value


def identifier(value: object) -> str:
    """An id or address: a non-empty string or an integer (Telegram's ids), as text."""
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise BadPayloadError("Expected an id.")
    return str(value)


def text(value: object) -> str:
    """A text field that may be absent."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadPayloadError("Expected a text.")
    return value


def location(latitude: object, longitude: object) -> Location:
    try:
        point = Location(latitude=float(str(latitude)), longitude=float(str(longitude)))
    except ValueError:
        raise BadPayloadError("Expected a latitude and a longitude.") from None
    if not (-90 <= point.latitude <= 90 and -180 <= point.longitude <= 180):
        raise BadPayloadError("Expected a latitude and a longitude.")
    return point


def unix_time(value: object) -> dt.datetime | None:
    """A Unix timestamp (a number or digits) as an aware time; None if absent."""
    if value is None or value == "":
        return None
    try:
        return dt.datetime.fromtimestamp(int(str(value)), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BadPayloadError("Expected a Unix timestamp.") from None


def iso_time(value: str) -> dt.datetime | None:
    """An ISO 8601 time as an aware one (UTC when it names no offset); None if absent."""
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise BadPayloadError("Expected an ISO 8601 time.")
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
