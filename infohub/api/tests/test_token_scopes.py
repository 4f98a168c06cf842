"""A token's scopes and expiry narrow what the API lets its owner do."""

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from infohub.accounts.services import api_token_create, api_token_revoke
from infohub.api.areas import API_PREFIX, ROUTE_AREAS
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def client(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def with_scopes(world: World, *scopes: str) -> Client:
    return client(api_token_create(user=world.counsellor_a, scopes=scopes)[1])


def record_consultation(api: Client) -> Any:
    body = {
        "date": timezone.localdate().isoformat(),
        "channel": "in_person",
        "migrant_status": "transit",
        "outcome": "informed",
    }
    return api.post("/api/v1/consultations", json.dumps(body), content_type="application/json")


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code


def test_a_read_only_token_is_refused_a_casework_write_with_403(world: World) -> None:
    for scopes in (("casework:read",), ("read",)):
        assert_error(record_consultation(with_scopes(world, *scopes)), 403, "forbidden")


def test_a_write_scoped_token_records_a_consultation(world: World) -> None:
    assert record_consultation(with_scopes(world, "casework:write")).status_code == 201


def test_a_read_scoped_token_reads_its_area(world: World) -> None:
    assert with_scopes(world, "casework:read").get("/api/v1/consultations").status_code == 200
    assert with_scopes(world, "read").get("/api/v1/people").status_code == 200


def test_a_token_without_the_routes_area_gets_403(world: World) -> None:
    api = with_scopes(world, "content:read", "directory:write")
    assert_error(api.get("/api/v1/consultations"), 403, "forbidden")
    assert_error(api.get("/api/v1/referrals"), 403, "forbidden")
    assert api.get(f"/api/v1/hubs/{world.hub_a.public_id}").status_code == 200
    casework = with_scopes(world, "casework:write")
    assert_error(casework.get("/api/v1/hubs"), 403, "forbidden")


def test_me_answers_any_valid_token(world: World) -> None:
    assert with_scopes(world, "content:read").get("/api/v1/me").status_code == 200


def test_the_role_defaults_let_a_counsellor_record_and_an_editor_not(world: World) -> None:
    counsellor = client(api_token_create(user=world.counsellor_a)[1])
    assert record_consultation(counsellor).status_code == 201
    editor = client(api_token_create(user=world.editor)[1])
    assert_error(editor.get("/api/v1/consultations"), 403, "forbidden")


def test_an_expired_or_revoked_token_gets_401(world: World) -> None:
    token, raw = api_token_create(user=world.counsellor_a, days=1)
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, seconds=1)):
        assert_error(client(raw).get("/api/v1/me"), 401, "not_authenticated")
    assert client(raw).get("/api/v1/me").status_code == 200
    api_token_revoke(token=token)
    assert_error(client(raw).get("/api/v1/me"), 401, "not_authenticated")


def test_public_endpoints_stay_public_whatever_the_token(world: World) -> None:
    for path in ("/api/v1/articles", "/api/v1/news", "/api/v1/pathways", "/api/v1/hub-directory"):
        assert Client().get(path).status_code == 200, path
        assert with_scopes(world, "casework:read").get(path).status_code == 200, path


def _api_routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += _api_routes(pattern.url_patterns, route)
        elif route.startswith(API_PREFIX):
            routes.append(route)
    return routes


def test_every_api_route_is_given_an_area_or_none() -> None:
    routes = _api_routes(get_resolver().url_patterns)
    assert routes
    unmapped = {r for r in routes if r.removeprefix(API_PREFIX).split("/")[0] not in ROUTE_AREAS}
    assert not unmapped
