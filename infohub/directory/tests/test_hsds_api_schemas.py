"""Every HSDS API response validates against the HSDS 3.0 schemas.

Objects are checked against the bundled object schemas, which refer to each other by
file name through a local registry; the compiled schemas (objects with the nestings
of the API's responses) are those plus the two nestings they add: an organization's
services and a service-at-location's service. When the shared copy of the
specification is present, responses are checked against its own compiled schemas
too, and no object may carry a property those schemas do not declare.
"""

import gzip
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from infohub.directory.hsds.schema import format_checker, validator
from infohub.directory.tests.conftest import SHARED_HSDS
from infohub.directory.tests.test_hsds_api import BASE, build_directory, every_public_path

pytestmark = pytest.mark.django_db

# components/schemas/Page of the HSDS OpenAPI, with every field required and nothing else.
PAGE = {
    "type": "object",
    "properties": {
        "total_items": {"type": "integer", "minimum": 0},
        "total_pages": {"type": "integer", "minimum": 0},
        "page_number": {"type": "integer", "minimum": 1},
        "size": {"type": "integer", "minimum": 0},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array"},
    },
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    "additionalProperties": False,
}
# The response of GET / in the HSDS OpenAPI.
ROOT = {
    "type": "object",
    "properties": {
        "version": {"type": "string"},
        "profile": {"type": "string", "format": "uri"},
        "openapi_url": {"type": "string", "format": "uri"},
    },
    "required": ["version", "openapi_url"],
}
ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {},
            },
            "required": ["code", "message", "details"],
            "additionalProperties": False,
        }
    },
    "required": ["error"],
    "additionalProperties": False,
}

SERVICE = {"$ref": "service.json"}
ORGANIZATION = {
    "allOf": [{"$ref": "organization.json"}],
    "properties": {"services": {"type": "array", "items": SERVICE}},
}
SERVICE_AT_LOCATION = {
    "allOf": [{"$ref": "service_at_location.json"}],
    "properties": {"service": SERVICE},
}
# What each kind of object is checked against: a bundled schema, and the official one.
KINDS: dict[str, tuple[dict[str, Any], str]] = {
    "service": (SERVICE, "compiled/service.json"),
    "service_list": (SERVICE, "compiled/service_list.json"),
    "organization": (ORGANIZATION, "compiled/organization.json"),
    "organization_list": ({"$ref": "organization.json"}, "compiled/organization_list.json"),
    "service_at_location": (SERVICE_AT_LOCATION, "compiled/service_at_location.json"),
    "service_at_location_list": (SERVICE_AT_LOCATION, "compiled/service_at_location_list.json"),
    "taxonomy": ({"$ref": "taxonomy.json"}, "taxonomy.json"),
    "taxonomy_term": ({"$ref": "taxonomy_term.json"}, "taxonomy_term.json"),
}


def kind_of(path: str) -> tuple[str, bool]:
    """The kind of object a path answers with, and whether it comes in a page."""
    parts = urlsplit(path)
    segments = [s for s in parts.path.split("/") if s]
    query = parts.query
    full = "full=true" in query or "full_service=true" in query
    if not segments:
        return "root", False
    collection, detail = segments[0], len(segments) > 1
    if collection == "services":
        return ("service" if detail or full else "service_list"), not detail
    if collection == "organizations":
        return ("organization" if detail or full else "organization_list"), not detail
    if collection == "service_at_locations":
        kind = "service_at_location" if detail or full else "service_at_location_list"
        return kind, not detail
    if collection == "taxonomies":
        return "taxonomy", not detail
    return "taxonomy_term", not detail


def official_schemas() -> tuple[dict[str, dict[str, Any]], Registry] | None:
    """The official schemas by path, and a registry of the object schemas for their
    references; None when they are not here."""
    folder = SHARED_HSDS / "v3.0" / "schema"
    if not (folder / "compiled").is_dir():
        reason = f"the official HSDS schemas are not in {folder.resolve()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        return None
    schemas = {}
    for _local, name in KINDS.values():
        path = folder / name
        gzipped = Path(f"{path}.gz")
        raw = gzip.decompress(gzipped.read_bytes()) if gzipped.is_file() else path.read_bytes()
        schemas[name] = json.loads(raw)
    registry: Registry = Registry().with_resources(
        (path.name, DRAFT202012.create_resource(json.loads(path.read_bytes())))
        for path in folder.glob("*.json")
        if path.name != "openapi.json"
    )
    return schemas, registry


def undeclared(instance: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Properties of ``instance`` that the (fully inlined) ``schema`` does not declare."""
    if isinstance(instance, list):
        items = schema.get("items", {})
        return [p for i, item in enumerate(instance) for p in undeclared(item, items, where)]
    if not isinstance(instance, dict) or "properties" not in schema:
        return []
    found = []
    for key, value in instance.items():
        if key not in schema["properties"]:
            found.append(f"{where}/{key}")
        else:
            found += undeclared(value, schema["properties"][key], f"{where}/{key}")
    return found


def problems(validator_: Draft202012Validator, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator_.iter_errors(instance)
    ]


@pytest.fixture
def directory(tmp_path, hsds_examples) -> None:
    build_directory(tmp_path, hsds_examples)


@pytest.mark.usefixtures("directory")
def test_every_response_of_every_endpoint_validates_against_the_hsds_schemas(client):
    official = official_schemas()
    checked = set()
    for path in every_public_path():
        for lang in ("es", "ht"):
            response = client.get(f"{BASE}{path}{'&' if '?' in path else '?'}lang={lang}")
            assert response.status_code == 200, path
            assert response["Content-Type"] == "application/json"
            body = response.json()
            kind, paged = kind_of(path)
            if kind == "root":
                checked.add(kind)
                assert problems(validator(ROOT), body) == [], path
                continue
            local, official_name = KINDS[kind]
            if paged:
                assert problems(validator(PAGE), body) == [], path
            items = body["contents"] if paged else [body]
            for item in items:
                checked.add(kind)
                assert problems(validator(local), item) == [], (path, item.get("id"))
                if official is not None:
                    schema = official[0][official_name]
                    official_validator = Draft202012Validator(
                        schema, registry=official[1], format_checker=format_checker
                    )
                    assert problems(official_validator, item) == [], (path, item.get("id"))
                    assert undeclared(item, schema) == [], (path, item.get("id"))
    assert checked == {"root", *KINDS}


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize(
    "path",
    [
        "/services/not-an-id",
        "/services?page=0",
        "/service_at_locations?proximity=1,2,3,4",
        "/nothing-here",
    ],
)
def test_errors_have_the_apis_one_error_shape(client, path):
    response = client.get(f"{BASE}{path}")

    assert response.status_code in (404, 422)
    assert problems(validator(ERROR), response.json()) == []
