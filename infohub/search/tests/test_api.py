"""GET /api/v1/search: public, validated, results and answer in one JSON shape."""

from typing import Any

import pytest
from django.test import Client

from infohub.search.tests.conftest import Library

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"


def get(client: Client, **params: Any) -> Any:
    return client.get(URL, params)


def test_it_answers_without_a_token_with_results_and_an_answer(
    client: Client, library: Library
) -> None:
    response = get(client, q="¿Qué es un permiso de trabajo?", lang="es", limit=5)
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "¿Qué es un permiso de trabajo?"
    first = body["results"][0]
    assert set(first) == {"kind", "id", "lang", "title", "snippet", "url", "score"}
    assert (first["kind"], first["id"], first["lang"]) == (
        "article",
        str(library.work_permit.public_id),
        "es",
    )
    assert first["url"] == "/es/articles/work-permit/"
    assert "<mark>" in first["snippet"]
    assert body["answer"]["article_id"] == str(library.work_permit.public_id)
    assert set(body["answer"]) == {"text", "article_id", "lang"}


def test_no_answer_is_null(client: Client, library: Library) -> None:
    body = get(client, q="¿Cuánto cuesta un viaje a Marte?", lang="es").json()
    assert body["answer"] is None


def test_the_language_defaults_to_the_readers_preference(client: Client, library: Library) -> None:
    body = client.get(URL, {"q": "permis de travail"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert body["results"][0]["lang"] == "fr"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "visa", "lang": "de"}, "lang"),
        ({"q": "visa", "limit": 0}, "limit"),
        ({"q": "visa", "limit": 51}, "limit"),
        ({"q": "visa", "limit": "many"}, "limit"),
    ],
)
def test_invalid_parameters_get_422_in_the_standard_error_shape(
    client: Client, params: dict[str, Any], field: str
) -> None:
    response = get(client, **params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == "validation_error"
    assert any(field in detail["loc"] for detail in error["details"])
