"""The /api/v1/ OpenAPI document is valid and declares every error and constraint.

What the API answers is checked against the document by schemathesis
(test_openapi_schemathesis.py, ``make security``); these tests check the document
itself, quickly, in every run.
"""

import re
from typing import Any

import pytest
import schemathesis
from django.test import Client

from infohub.api.openapi import ERROR_REF, TEXT_PATTERN
from infohub.core.request_input import has_forbidden_characters

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document() -> dict[str, Any]:
    body: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return body


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_it_is_a_valid_openapi_document(document) -> None:
    schemathesis.openapi.from_dict(document).validate()


def test_every_operation_declares_the_errors_it_can_answer_in_the_one_shape(document) -> None:
    for path, method, operation in operations(document):
        expected = {"413", "422", "429"}
        if operation.get("security"):
            expected |= {"401", "403"}
        if "{" in path:
            expected.add("404")
        if "requestBody" in operation:
            expected |= {"400", "404", "409"}
        responses = operation["responses"]
        assert expected <= responses.keys(), (method, path)
        for status in expected:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": ERROR_REF}, (method, path, status)
        assert "Retry-After" in responses["429"]["headers"], (method, path)


def test_a_request_line_too_long_for_the_web_server_is_declared_without_a_body(
    document,
) -> None:
    for path, method, operation in operations(document):
        takes_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        assert ("414" in operation["responses"]) == takes_query, (method, path)
        if takes_query:
            assert "content" not in operation["responses"]["414"], (method, path)


def test_the_error_component_is_the_shape_the_handlers_answer(document) -> None:
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    assert error["properties"]["error"]["required"] == ["code", "message", "details"]


def test_an_endpoints_own_error_status_gets_the_error_shape(document) -> None:
    nearby = document["paths"]["/api/v1/services/nearby"]["get"]["responses"]["404"]
    assert nearby["description"] == "No taxonomy term has this id or code."
    assert nearby["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}


def test_paging_and_languages_are_declared_with_their_bounds(document) -> None:
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/api/v1/news"]["get"]["parameters"]
    }
    assert (parameters["limit"]["minimum"], parameters["limit"]["maximum"]) == (1, 100)
    assert (parameters["offset"]["minimum"], parameters["offset"]["maximum"]) == (0, 2_000_000_000)
    languages = parameters["lang"]["anyOf"][0]["enum"]
    assert set(languages) == {"es", "en", "fr", "ht"}


def test_free_text_and_property_names_exclude_the_refused_control_characters(document) -> None:
    person = document["components"]["schemas"]["PersonIn"]
    assert person["properties"]["family_names"]["pattern"] == TEXT_PATTERN
    assert person["additionalProperties"] is False
    assert person["propertyNames"] == {"pattern": TEXT_PATTERN}
    # The pattern refuses exactly what request_input refuses (but lone surrogates,
    # which no JSON Schema regex can name).
    for code in range(0x80):
        character = chr(code)
        matches = re.fullmatch(TEXT_PATTERN, character) is not None
        assert matches is not has_forbidden_characters(character), hex(code)
