"""The printable copy: each section's readable parts, or its export shown generically.

A section that gives ``readable`` is shown as it says. One that does not is walked from its
export: keys become labels ("created_at" → "Created at", translated when the catalogs hold
that text), ISO dates and times become local dates in the copy's language, booleans yes or
no, and nested values parts of their own, so a new app's data is never printed as raw JSON.
"""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext

from infohub.privacy.readable import EMPTY, Part, text

if TYPE_CHECKING:
    from infohub.counselling.models import Person
    from infohub.privacy.registry import SubjectDataSection


def _label(key: object) -> str:
    """A key as a label, translated when the catalogs happen to hold it ("Conversations")."""
    return gettext(str(key).replace("_", " ").strip().capitalize())


def _value(value: Any) -> Any:
    """An ISO date or time held as text, as a date or a time; anything else as it is."""
    if isinstance(value, str) and 10 <= len(value) <= 32 and value[:4].isdigit():
        for parse in (dt.datetime.fromisoformat, dt.date.fromisoformat):
            try:
                parsed: dt.date = parse(value)
            except ValueError:
                continue
            if isinstance(parsed, dt.datetime) and len(value) == 10:
                return parsed.date()
            return parsed
    return value


def _is_nested(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list | tuple) and any(isinstance(i, dict | list | tuple) for i in value)
    )


def _part(heading: str, value: Any) -> Part:
    if isinstance(value, dict):
        rows = [(_label(k), text(_value(v))) for k, v in value.items() if not _is_nested(v)]
        parts = [_part(_label(k), v) for k, v in value.items() if _is_nested(v)]
        if not rows and not parts:
            rows = [("", EMPTY)]
        return Part(heading, tuple(rows), tuple(parts))
    if isinstance(value, list | tuple) and _is_nested(value):
        items = [_part(f"{heading} {n}", item) for n, item in enumerate(value, start=1)]
        return Part(f"{heading} ({len(value)})", (), tuple(items))
    if isinstance(value, list | tuple):
        return Part(heading, tuple((str(n), text(_value(i))) for n, i in enumerate(value, 1)))
    return Part(heading, ((heading, text(_value(value))),))


def generic_parts(name: str, export: Any) -> list[Part]:
    """A section's export as labelled parts, for a section that gives nothing readable."""
    return [_part(_label(name), export)]


def printable_parts(
    person: "Person", registered: list["SubjectDataSection"], export: dict[str, Any]
) -> list[Part]:
    """Every section's parts, in the active language; from its export when it gives none."""
    parts: list[Part] = []
    for section in registered:
        readable: Callable[[Person], list[Part]] | None = section.readable
        if readable is not None:
            parts += readable(person)
        elif section.name in export:
            parts += generic_parts(section.name, export[section.name])
    return parts


def flatten(parts: list[Part], depth: int = 0) -> list[tuple[int, Part]]:
    """Parts with their depth, in reading order, for a template without recursion."""
    flat: list[tuple[int, Part]] = []
    for item in parts:
        flat.append((depth, item))
        flat += flatten(list(item.parts), depth + 1)
    return flat
