"""No `limit` or `offset` reaches the database unchecked, on every paginated endpoint.

The endpoints are read from the API's own OpenAPI document, so a new list endpoint is
walked without anyone adding it here. The document reads the database (the pathway
finder's questions), so each test walks the endpoints itself rather than through
parametrize, which runs before the database is open.
"""

from typing import Any

import pytest
from django.test import Client

from infohub.accounts.services import api_token_create
from infohub.api.api import api
from infohub.api.tests.test_error_shape import assert_error_shape
from infohub.core.pagination import MAX_OFFSET
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

BAD_PAGES = [
    "offset=99999999999999999999999",
    f"offset={MAX_OFFSET + 1}",
    "offset=-1",
    "offset=ten",
    "limit=99999999999999999999999",
    "limit=-1",
    "limit=0",
    "limit=ten",
]


def paginated_endpoints() -> list[tuple[str, bool]]:
    """Every GET under /api/v1/ that takes an offset, and whether it needs a token."""
    schema: dict[str, Any] = api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and any(p["name"] == "offset" for p in get.get("parameters", [])):
            found.append((path, bool(get.get("security"))))
    return found


def test_it_finds_the_paginated_endpoints_the_issue_names() -> None:
    paths = {path for path, _ in paginated_endpoints()}
    named = {"articles", "news", "pathways", "hubs", "consultations", "people", "referrals"}
    assert {f"/api/v1/{name}" for name in named} <= paths


def test_it_answers_422_in_the_error_shape_to_a_page_out_of_bounds(world: World) -> None:
    _, raw = api_token_create(user=world.counsellor_a)
    for path, needs_token in paginated_endpoints():
        clients = [Client()]
        if needs_token:
            clients.append(Client(HTTP_AUTHORIZATION=f"Bearer {raw}"))
        for client in clients:
            for query in BAD_PAGES:
                response = client.get(f"{path}?{query}")
                if needs_token and "HTTP_AUTHORIZATION" not in client.defaults:
                    assert_error_shape(response, 401, "not_authenticated")
                else:
                    error = assert_error_shape(response, 422, "validation_error")
                    assert error["details"][0]["loc"][-1] == query.split("=")[0], path


def test_it_answers_an_empty_page_past_the_end_up_to_the_largest_offset(world: World) -> None:
    _, raw = api_token_create(user=world.counsellor_a)
    for path, needs_token in paginated_endpoints():
        client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}") if needs_token else Client()
        response = client.get(f"{path}?offset={MAX_OFFSET}&limit=100")
        assert response.status_code == 200, path
        assert response.json()["items"] == [], path
