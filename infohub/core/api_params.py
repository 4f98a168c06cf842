"""Parameter types the API's routers share, each accepting exactly what its OpenAPI says.

A language is one of the enabled content languages; a country is an ISO 3166 alpha-2
code, in capitals or in small letters (read as capitals). The enums are in the schema,
so generated requests and the documented ones agree (schemathesis checks both ways).
A request body is a ``StrictInput``: a property it does not declare is refused with 422
rather than silently dropped, so a forged ``hub`` or ``status`` never looks accepted.
"""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.conf import settings
from django.utils import timezone
from django_countries import countries
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, JsonValue, WithJsonSchema
from pydantic.config import JsonDict

# A character any text may hold: all but the controls request_input refuses.
TEXT_CHARACTER = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# Text with at least one character that is not white space.
VISIBLE_TEXT = rf"^{TEXT_CHARACTER}*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f]{TEXT_CHARACTER}*$"


def _languages() -> list[str]:
    return list(settings.INFOHUB_CONTENT_LANGUAGES)


def _country_spellings() -> list[str]:
    codes = [country.code for country in countries]
    return [*codes, *(code.lower() for code in codes)]


def _language(value: str) -> str:
    if value not in _languages():
        raise ValueError(f"must be one of {', '.join(_languages())}")
    return value


def _country(value: str) -> str:
    if value not in _country_spellings():
        raise ValueError("expected an ISO 3166 alpha-2 country code such as CR")
    return value.upper()


def _enum_schema(values: list[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": values, "description": description}


# The enums alone, for a field whose endpoint checks the value itself (and says where).
LANGUAGE_ENUM = WithJsonSchema(_enum_schema(_languages(), "An enabled content language."))
COUNTRY_ENUM = WithJsonSchema(_enum_schema(_country_spellings(), "ISO 3166 alpha-2, e.g. CR."))


def _date_text(value: Any) -> Any:
    # Pydantic reads a number as a Unix time; the API's dates are ISO 8601 text only.
    if isinstance(value, int | float):
        raise ValueError("expected a date as text, YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_date_text)]


def _up_to(number: str) -> str:
    """A regex for the zero-padded numbers of ``number``'s width, up to it included."""
    parts = [number]
    for index, digit in enumerate(number):
        if digit != "0":
            below = "0" if digit == "1" else f"[0-{int(digit) - 1}]"
            parts.append(number[:index] + below + "[0-9]" * (len(number) - index - 1))
    return "(" + "|".join(parts) + ")"


def up_to_today(schema: JsonDict) -> None:
    """A ``json_schema_extra`` for a date that may not be after today (read late)."""
    today = timezone.localdate()
    year, month, day = f"{today.year:04d}", f"{today.month:02d}", f"{today.day:02d}"
    earlier = [f"{_up_to(f'{today.year - 1:04d}')}-[0-9]{{2}}-[0-9]{{2}}"] if today.year > 0 else []
    if today.month > 1:
        earlier.append(f"{year}-{_up_to(f'{today.month - 1:02d}')}-[0-9]{{2}}")
    schema["pattern"] = "^(" + "|".join([*earlier, f"{year}-{month}-{_up_to(day)}"]) + ")$"
    schema["description"] = "Today or earlier."


COUNTRY_OR_EMPTY = WithJsonSchema(
    {"type": "string", "enum": ["", *_country_spellings()], "description": "ISO 3166 alpha-2."}
)


def items_among(read: Callable[[], list[str]]) -> Callable[[JsonDict], None]:
    """A ``json_schema_extra`` for a list whose items must be among what ``read`` returns.

    Read when the document is built, so it lists the rows that exist then.
    """

    def extra(schema: JsonDict) -> None:
        values: list[JsonValue] = list(read())
        # An empty enum is not valid JSON Schema: with nothing to choose, the list is empty.
        schema["items"] = {"type": "string", "enum": values} if values else {}
        if not values:
            schema["maxItems"] = 0

    return extra


LanguageCode = Annotated[
    str,
    AfterValidator(_language),
    LANGUAGE_ENUM,
]
CountryCode = Annotated[
    str,
    AfterValidator(_country),
    COUNTRY_ENUM,
]


class StrictInput(Schema):
    """A request body that refuses properties it does not declare (422)."""

    model_config = ConfigDict(extra="forbid")
