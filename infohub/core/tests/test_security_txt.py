"""``/.well-known/security.txt`` (RFC 9116) says whom to tell about a vulnerability."""

import datetime as dt

import pytest
import time_machine
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"


def _fields(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines())


@override_settings(
    INFOHUB_SECURITY_CONTACT="security@hub.example.org",
    INFOHUB_PUBLIC_URL="https://hub.example.org/",
)
def test_it_publishes_the_contact_expiry_languages_and_canonical_address_as_plain_text() -> None:
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, 30, tzinfo=dt.UTC), tick=False):
        response = Client().get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert _fields(response.content.decode()) == {
        "Contact": "mailto:security@hub.example.org",
        "Expires": "2027-06-05T10:30:00Z",
        "Preferred-Languages": "es, en, fr, ht",
        "Canonical": "https://hub.example.org/.well-known/security.txt",
    }


@override_settings(INFOHUB_SECURITY_CONTACT="https://hub.example.org/report")
def test_it_keeps_a_contact_that_is_already_a_uri() -> None:
    text = Client().get(URL).content.decode()
    assert _fields(text)["Contact"] == "https://hub.example.org/report"


@override_settings(INFOHUB_SECURITY_CONTACT="")
def test_it_has_no_file_without_a_contact() -> None:
    assert Client().get(URL).status_code == 404


@override_settings(INFOHUB_SECURITY_CONTACT="security@hub.example.org")
def test_it_answers_only_reads() -> None:
    assert Client().post(URL).status_code == 405
