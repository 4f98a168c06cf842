"""Client addresses behind our proxies: forged X-Forwarded-For entries are ignored."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings

from infohub.core.client_ip import client_ip
from infohub.testing.personas import PASSWORD, World


def request_from(remote: str, forwarded: str | None = None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@override_settings(INFOHUB_TRUSTED_PROXY_COUNT=0)
def test_without_proxies_the_header_is_ignored() -> None:
    assert client_ip(request_from("198.51.100.4", "203.0.113.9")) == "198.51.100.4"


@override_settings(INFOHUB_TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("1.1.1.1, 203.0.113.9", "203.0.113.9"),  # the client forged the first entry
        ("", "10.0.0.2"),  # did not come through the proxy
        ("not-an-ip", "10.0.0.2"),
    ],
)
def test_one_proxy_trusts_only_the_entry_it_appended(forwarded: str, expected: str) -> None:
    assert client_ip(request_from("10.0.0.2", forwarded)) == expected


@override_settings(INFOHUB_TRUSTED_PROXY_COUNT=2)
def test_two_proxies_count_two_hops_from_the_right() -> None:
    request = request_from("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2")
    assert client_ip(request) == "203.0.113.9"


@pytest.mark.django_db
@override_settings(INFOHUB_TRUSTED_PROXY_COUNT=1)
def test_lockout_follows_the_real_client_not_the_proxy(world: World) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            "/accounts/login/",
            {"username": world.counsellor_a.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    colleague_elsewhere = Client().post(
        "/accounts/login/",
        {"username": world.counsellor_a.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert colleague_elsewhere.status_code == 302
