"""Security headers on public, staff and API responses."""

import pytest
from django.test import Client

from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def test_public_pages_carry_csp_without_inline_scripts_and_the_basic_headers() -> None:
    response = Client().get("/es/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_may_be_cached_but_staff_pages_may_not(world: World) -> None:
    assert "no-store" not in Client().get("/es/").get("Cache-Control", "")
    enrol_authenticator(world.counsellor_a)
    client = Client()
    sign_in(client, world.counsellor_a)
    for path in ("/staff/", f"/staff/hubs/{world.hub_a.public_id}/", "/es/"):
        assert client.get(path)["Cache-Control"] == "no-store", path


def test_sign_in_pages_and_api_responses_are_never_stored() -> None:
    assert Client().get("/accounts/login/")["Cache-Control"] == "no-store"
    assert Client().get("/api/v1/me")["Cache-Control"] == "no-store"


def test_every_response_has_a_request_id_and_a_safe_one_is_echoed() -> None:
    assert len(Client().get("/es/")["X-Request-ID"]) == 32
    echoed = Client().get("/es/", HTTP_X_REQUEST_ID="lb-1234567890")
    assert echoed["X-Request-ID"] == "lb-1234567890"
    injected = Client().get("/es/", HTTP_X_REQUEST_ID="x\nforged log line")
    assert injected["X-Request-ID"] != "x\nforged log line"
