"""The stored shape of a consultation's languages, parsed strictly before a write."""

from typing import Annotated

import pycountry
from pydantic import AfterValidator, TypeAdapter

from infohub.core.json_schemas import STRICT_ADAPTER, parse
from infohub.core.json_schemas import register as register_schema
from infohub.counselling.errors import CounsellingError


def _iso_639_1(code: str) -> str:
    if len(code) != 2 or code != code.lower() or pycountry.languages.get(alpha_2=code) is None:
        raise ValueError(f"{code!r} is not an ISO 639-1 language code in lower case")
    return code


def _each_once(codes: list[str]) -> list[str]:
    if len(set(codes)) != len(codes):
        raise ValueError("a language is listed twice")
    return codes


# Consultation.languages: two-letter ISO 639-1 codes (es, ht), each once.
LANGUAGES = TypeAdapter(
    Annotated[list[Annotated[str, AfterValidator(_iso_639_1)]], AfterValidator(_each_once)],
    config=STRICT_ADAPTER,
)


def consultation_languages(value: object) -> list[str]:
    """The parsed codes; a CounsellingError naming every problem when they do not fit."""
    return parse(LANGUAGES, value, field="languages", error=CounsellingError)


def register() -> None:
    """Declare the app's JSON field to the registry (from ``AppConfig.ready``)."""
    register_schema("counselling.Consultation", "languages", LANGUAGES)
