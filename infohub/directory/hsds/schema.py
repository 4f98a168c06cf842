"""The bundled HSDS 3.0 schemas: loading them, and validators that never use the network.

The schema files refer to each other by file name (``"$ref": "phone.json"``); a
``referencing`` registry holding every file resolves those names locally.
"""

import functools
import json
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_3_0"
HSDS_VERSION = "3.0"

# An absolute URI: a scheme, a colon, no white space. Schemes that run code in a
# browser are refused, so a link taken from imported data is never a script.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")
_UNSAFE_SCHEMES = {"javascript", "vbscript", "data"}
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")

format_checker = FormatChecker(formats=("uuid", "email"))


@format_checker.checks("uri")
def is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_URI.fullmatch(value)) and value.split(":", 1)[0].lower() not in _UNSAFE_SCHEMES


@format_checker.checks("date-time")
def is_date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(_DATE_TIME.fullmatch(value))


@functools.cache
def object_schemas() -> dict[str, dict[str, Any]]:
    """Every HSDS object schema by its name ("service"), as published."""
    schemas = {}
    for path in sorted((SCHEMA_DIR / "schema").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[schema["name"]] = schema
    return schemas


@functools.cache
def datapackage() -> dict[str, Any]:
    """The HSDS tabular data package descriptor, as published."""
    descriptor: dict[str, Any] = json.loads(
        (SCHEMA_DIR / "datapackage.json").read_text(encoding="utf-8")
    )
    return descriptor


@functools.cache
def registry() -> Registry:
    resources = [
        (f"{name}.json", DRAFT202012.create_resource(schema))
        for name, schema in object_schemas().items()
    ]
    return Registry().with_resources(resources)


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for ``schema`` (an HSDS schema or one derived from it).

    The files declare no dialect; they are read as JSON Schema 2020-12.
    """
    return Draft202012Validator(schema, registry=registry(), format_checker=format_checker)
