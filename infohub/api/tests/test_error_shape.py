"""Every API error has one JSON shape: {"error": {"code", "message", "details"}}."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

from infohub.accounts.services import api_token_create
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def assert_error_shape(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return dict(body["error"])


@pytest.fixture
def api(world: World) -> Client:
    _, raw = api_token_create(user=world.counsellor_a)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_401_without_or_with_a_bad_token() -> None:
    assert_error_shape(Client().get("/api/v1/me"), 401, "not_authenticated")
    bad = Client(HTTP_AUTHORIZATION="Bearer ihk_forged")
    assert_error_shape(bad.get("/api/v1/me"), 401, "not_authenticated")


def test_404_for_an_unknown_path_and_for_an_object_out_of_scope(api: Client, world: World) -> None:
    assert_error_shape(api.get("/api/v1/no-such-thing"), 404, "not_found")
    assert_error_shape(api.get(f"/api/v1/hubs/{world.hub_b.public_id}"), 404, "not_found")
    assert_error_shape(api.get("/api/v1/hubs/not-a-uuid"), 404, "not_found")


def test_405_for_a_wrong_method(api: Client) -> None:
    response = api.delete("/api/v1/hubs")
    assert_error_shape(response, 405, "method_not_allowed")
    assert response["Cache-Control"] == "no-store"
    assert "GET" in response["Allow"]


def test_422_names_the_field_without_echoing_the_value(api: Client) -> None:
    response = api.get("/api/v1/hubs?limit=not-a-number")
    error = assert_error_shape(response, 422, "validation_error")
    assert any("limit" in detail["loc"] for detail in error["details"])
    assert "not-a-number" not in response.content.decode()


def test_500_keeps_the_shape_and_gives_a_request_id_but_no_internals(api: Client) -> None:
    def database_down(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        raise OperationalError("connection to server at 10.1.2.3 failed")

    with connection.execute_wrapper(database_down):
        response = api.get("/api/v1/me", HTTP_X_REQUEST_ID="trace-000000001")
    error = assert_error_shape(response, 500, "server_error")
    assert error["details"] == {"request_id": "trace-000000001"}
    assert "10.1.2.3" not in response.content.decode()


def test_a_revoked_or_deactivated_owner_token_stops_working(world: World) -> None:
    _, raw = api_token_create(user=world.counsellor_b)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/me").status_code == 200
    world.counsellor_b.is_active = False
    world.counsellor_b.save()
    assert_error_shape(client.get("/api/v1/me"), 401, "not_authenticated")
