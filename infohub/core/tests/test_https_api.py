"""In production the APIs refuse plain HTTP in the error shape; pages are still redirected."""

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_https(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^api/"]
    settings.INFOHUB_API_HTTPS_ONLY = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize("path", ["/api/v1/articles", "/api/hsds/services", "/api/v1/people"])
def test_an_api_call_over_plain_http_is_refused_not_redirected(
    production_https: None, path: str
) -> None:
    response = Client(HTTP_AUTHORIZATION="Bearer ihk_whatever").get(path)
    assert response.status_code == 403
    assert json.loads(response.content)["error"]["code"] == "https_required"
    assert "Location" not in response


def test_the_same_call_over_https_is_answered(production_https: None) -> None:
    response = Client(HTTP_X_FORWARDED_PROTO="https").get("/api/v1/articles")
    assert response.status_code == 200


def test_pages_are_still_redirected_to_https(production_https: None) -> None:
    response = Client().get("/es/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_outside_production_the_api_answers_over_http() -> None:
    assert Client().get("/api/v1/articles").status_code == 200
