"""The person's printable copy, made readable: parts with labelled rows, values in words.

A registered section may give ``readable(person)``: the parts of the copy it holds, built
with these helpers. Privacy calls it with the copy's language active and the hub's time
zone current, so labels go through gettext, choices show their labels, times show as local
dates in the language's formats (Kreyòl has its own, ``infohub/formats/``), country codes
as country names and booleans as yes or no. A section that gives none is shown from its
export by ``presenting.generic_parts``, with labels made from its keys.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from infohub.countries import country_name, is_country
from infohub.languages import language_name

EMPTY = "—"


@dataclass(frozen=True)
class Part:
    """A heading, its rows of (label, value) and the parts inside it."""

    heading: str
    rows: tuple[tuple[str, str], ...] = ()
    parts: tuple["Part", ...] = ()


@dataclass(frozen=True)
class Readable:
    """A value already in words (a country's name, a choice's label): shown as it is."""

    text: str


def part(
    heading: object, rows: Iterable[tuple[object, object]] = (), parts: Iterable[Part] = ()
) -> Part:
    """A part whose labels are made text and whose values are made readable."""
    return Part(
        text(heading),
        tuple((str(label), text(value)) for label, value in rows),
        tuple(parts),
    )


def text(value: Any) -> str:
    """A value in words: local dates and times, yes or no, numbers in the language's format."""
    if value is None or value in ("", [], ()):
        words = EMPTY
    elif isinstance(value, Readable):
        words = value.text
    elif isinstance(value, bool):
        words = _("Yes") if value else _("No")
    elif isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        words = date_format(local, "DATETIME_FORMAT")
    elif isinstance(value, dt.date):
        words = date_format(value, "DATE_FORMAT")
    elif isinstance(value, int | float | Decimal):
        words = number_format(value)
    elif isinstance(value, list | tuple | set | frozenset):
        words = ", ".join(text(item) for item in value)
    else:
        words = str(value)
    return words


def country(code: str | None) -> Readable | None:
    """A country code as the country's name; anything else as it is."""
    if not code:
        return None
    return Readable(country_name(code) if is_country(code) else code)


def language(code: str) -> Readable:
    return Readable(language_name(code))


def iso_date(value: str | None) -> dt.date | str | None:
    """A date kept as ISO text, as a date when it is one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def label(model: type[Model], name: str) -> str:
    """A model field's label: its verbose name, capitalised, in the active language."""
    return str(capfirst(getattr(model._meta.get_field(name), "verbose_name", name)))


def field(obj: Model, name: str) -> tuple[str, Any]:
    """A model field's row: its label, and its value (a choice by its label)."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if getattr(model_field, "choices", None) and value not in (None, ""):
        value = Readable(str(getattr(obj, f"get_{name}_display")()))
    return label(type(obj), name), value


def fields(obj: Model, *names: str) -> list[tuple[str, Any]]:
    return [field(obj, name) for name in names]
