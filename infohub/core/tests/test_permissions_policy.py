"""Every response switches off the browser features no page uses; geolocation stays ours."""

import pytest
from django.test import Client

from infohub.core.security_headers import permissions_policy

pytestmark = pytest.mark.django_db

PATHS = (
    "/es/",  # a portal page
    "/es/services/",  # the page whose "Use my location" asks for the position
    "/no-such-page/",  # an error page
    "/accounts/login/",
    "/staff/",  # a redirect to sign in
    "/api/v1/articles",
    "/api/v1/me",  # an API error
    "/api/hsds/services",
    "/healthz",
)


def _features(header: str) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in header.split(","))


def test_it_sends_the_same_permissions_policy_on_every_kind_of_response() -> None:
    client = Client()
    headers = {path: client.get(path).get("Permissions-Policy") for path in PATHS}
    first = headers["/es/"]
    assert first
    assert headers == dict.fromkeys(PATHS, first)


def test_it_switches_off_camera_microphone_payment_and_usb_and_keeps_geolocation_ours() -> None:
    features = _features(Client().get("/es/")["Permissions-Policy"])
    for name in ("camera", "microphone", "payment", "usb"):
        assert features[name] == "()", name
    assert features["geolocation"] == "(self)"


def test_it_writes_the_header_in_the_structured_field_syntax() -> None:
    value = permissions_policy({"camera": [], "geolocation": ["self"]})
    assert value == "camera=(), geolocation=(self)"
