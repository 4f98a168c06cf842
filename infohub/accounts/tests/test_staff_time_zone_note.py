"""Staff pages say, in their footer, which clock their times are in."""

from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from infohub.accounts.models import User
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def footer_of(user: User, *, language: str = "en", path: str = "/staff/") -> str:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)  # staff pages follow the browser's language
    sign_in(client, user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().split("<footer>", 1)[1].split("</footer>", 1)[0]


def test_it_names_the_time_zone_of_the_user_hubs_in_the_footer(world: World) -> None:
    assert "Times are in America/Costa_Rica time." in footer_of(world.counsellor_a)
    assert "Times are in America/Santo_Domingo time." in footer_of(
        world.counsellor_b, path="/staff/callbacks/"
    )


def test_it_names_the_server_zone_for_a_user_who_works_in_no_hub(world: World) -> None:
    assert "Times are in UTC time." in footer_of(world.provider_staff_a)


def test_it_says_it_in_the_page_language(world: World) -> None:
    spanish = footer_of(world.counsellor_a, language="es")
    creole = footer_of(world.counsellor_b, language="ht")
    assert "America/Costa_Rica" in spanish
    assert "America/Santo_Domingo" in creole
    assert "Times are in" not in spanish + creole


def test_it_says_nothing_about_time_before_sign_in(world: World) -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/accounts/login/").content.decode()
    assert "Times are in" not in page


def test_it_reads_the_zone_the_middleware_activated_without_a_query(world: World) -> None:
    request = RequestFactory().get("/staff/")
    request.user = world.counsellor_a
    page = engines["django"].from_string('{% extends "staff_base.html" %}')
    with (
        timezone.override(ZoneInfo("America/Costa_Rica")),
        CaptureQueriesContext(connection) as queries,
    ):
        html = page.render({}, request)
    assert "Times are in America/Costa_Rica time." in html
    assert [query["sql"] for query in queries] == []
