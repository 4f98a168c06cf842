"""Opening the printable summary without its post (a reload, a bookmark) explains itself."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

EXPLANATION = (
    "We do not keep your answers, so this summary cannot be shown again from this address."
)


def test_it_answers_a_get_with_how_to_make_the_summary_again() -> None:
    response = Client().get("/ht/pathways/summary/")
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("ht"):
        assert gettext(EXPLANATION) in html
    assert 'href="/ht/pathways/"' in html
    assert "no-store" in response.headers["Cache-Control"]


def test_it_answers_a_head_like_a_get() -> None:
    response = Client().head("/en/pathways/summary/")
    assert response.status_code == 200


def test_it_never_reads_answers_from_the_address() -> None:
    html = Client().get("/en/pathways/summary/?country=CR&a-in_country=yes").content.decode()
    assert EXPLANATION in html
    assert "Your answers" not in html


def test_it_still_makes_the_summary_from_a_post() -> None:
    response = Client().post("/en/pathways/summary/", {"country": "CR"})
    assert response.status_code == 200
    assert EXPLANATION not in response.content.decode()
