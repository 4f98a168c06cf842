"""A signed-in user without admin rights gets a clear refusal at the admin, not a loop."""

import pytest
from django.test import Client

from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def test_it_answers_403_with_a_link_home_to_a_signed_in_counsellor(world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    client = Client()
    sign_in(client, world.counsellor_a)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert b'href="/staff/"' in response.content


def test_it_still_sends_an_anonymous_visitor_to_the_sign_in_page(world: World) -> None:
    response = Client().get("/admin/")
    assert response.status_code == 302
    response = Client().get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_it_lets_an_administrator_in(world: World) -> None:
    enrol_authenticator(world.admin)
    client = Client()
    sign_in(client, world.admin)
    assert client.get("/admin/").status_code == 200
