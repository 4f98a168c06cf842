"""The counsellor shows the person the same notice the portal publishes, in their language."""

import pytest
from django.test import Client

from infohub.counselling.notice import CURRENT_NOTICE_VERSION
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def test_the_new_person_form_links_to_the_public_notice_in_every_language(world: World) -> None:
    enrol_authenticator(world.counsellor_a)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.counsellor_a)

    html = client.get("/staff/people/new/").content.decode()

    assert CURRENT_NOTICE_VERSION in html
    for code in ("es", "en", "fr", "ht"):
        assert f'href="/{code}/privacy/" hreflang="{code}"' in html
    assert CURRENT_NOTICE_VERSION in Client().get("/ht/privacy/").content.decode()
