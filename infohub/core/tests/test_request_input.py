"""NUL bytes and other control characters, and bodies over the limit, never reach a view."""

import json
import string
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infohub.accounts.services import api_token_create
from infohub.callbacks.models import CallbackRequest
from infohub.callbacks.tests.support import portal_form
from infohub.core.request_input import RequestInputMiddleware
from infohub.counselling.models import Consent, Person
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

FRENCH = "Le texte envoyé contient des caractères non autorisés"

forbidden_character = st.sampled_from(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\x7f"]
)
text_with_a_forbidden_character = st.builds(
    lambda before, bad, after: before + bad + after,
    st.text(alphabet=string.printable, max_size=20),
    forbidden_character,
    st.text(max_size=20, alphabet=st.characters(exclude_categories=["Cs"])),
)


def token_client(world: World) -> Client:
    _, raw = api_token_create(user=world.counsellor_a)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post_json(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def person_body(notice_version: str) -> dict[str, Any]:
    consent = {
        "purpose": "counselling_record",
        "notice_version": notice_version,
        "notice_language": "ht",
    }
    return {"legal_basis": "consent", "given_names": "Ana", "consents": [consent]}


def assert_refused_in_the_api(response: Any, loc: list[str]) -> None:
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "NUL" in error["message"]
    assert error["details"][0]["loc"] == loc


def test_it_refuses_nul_in_a_new_persons_notice_version(world: World) -> None:
    response = post_json(token_client(world), "/api/v1/people", person_body("2026\x00-01"))
    assert_refused_in_the_api(response, ["body", "consents", "0", "notice_version"])
    assert not Person.objects.exists()


def test_it_refuses_nul_in_a_consents_notice_version(world: World) -> None:
    person = make_person(world.counsellor_a)
    before = Consent.objects.count()
    body = {"purpose": "counselling_record", "notice_version": "\x00", "notice_language": "es"}
    response = post_json(token_client(world), f"/api/v1/people/{person.public_id}/consents", body)
    assert_refused_in_the_api(response, ["body", "notice_version"])
    assert Consent.objects.count() == before


def test_it_refuses_nul_in_the_query_of_public_and_token_endpoints(world: World) -> None:
    assert_refused_in_the_api(Client().get("/api/v1/articles?topic=%00"), ["query", "topic"])
    response = token_client(world).get("/api/v1/hubs?country=%00")
    assert_refused_in_the_api(response, ["query", "country"])


def test_it_keeps_tabs_and_line_breaks_in_text(world: World) -> None:
    response = Client().get("/api/v1/articles?topic=a%09b%0Ac%0D")
    assert response.status_code == 200


def test_it_answers_a_form_with_nul_with_a_400_page_in_the_readers_language(world: World) -> None:
    form = portal_form(world.hub_a, name_or_alias="Ana\x00")
    response = Client().post("/fr/callback/", form)
    assert response.status_code == 400
    assert FRENCH in response.content.decode()
    assert not CallbackRequest.objects.exists()


def test_it_answers_a_page_query_with_nul_with_a_400_page() -> None:
    response = Client().get("/es/search/?q=%00")
    assert response.status_code == 400
    assert '<html lang="es"' in response.content.decode()


def test_it_leaves_the_messaging_webhook_to_its_channel_kinds() -> None:
    seen: list[HttpRequest] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request)
        return HttpResponse("ok")

    request = RequestFactory().post("/channels/sms/abc/", {"Body": "hola\x00"})
    assert RequestInputMiddleware(view)(request).status_code == 200
    assert seen == [request]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048)
def test_it_answers_an_api_body_over_the_limit_with_413_naming_the_limit(world: World) -> None:
    body = person_body("2026-01") | {"given_names": "A" * 4000}
    response = post_json(token_client(world), "/api/v1/people", body)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "request_entity_too_large"
    assert "2048 bytes" in error["message"]
    assert error["details"] == {"limit_bytes": 2048}
    assert not Person.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048)
def test_it_answers_a_form_over_the_limit_with_a_413_page(world: World) -> None:
    form = portal_form(world.hub_a, name_or_alias="A" * 4000)
    response = Client().post("/en/callback/", form)
    assert response.status_code == 413
    assert "2048 bytes" in response.content.decode()
    assert not CallbackRequest.objects.exists()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=text_with_a_forbidden_character)
def test_no_form_or_endpoint_takes_control_characters(world: World, text: str) -> None:
    api = token_client(world)
    answers = [
        post_json(api, "/api/v1/people", person_body(text)).status_code,
        post_json(api, "/api/v1/consultations", {"notes": text}).status_code,
        Client().get("/api/v1/articles", {"topic": text}).status_code,
        Client().get("/api/v1/search", {"q": text}).status_code,
        Client().get("/en/search/", {"q": text}).status_code,
        Client().post("/en/callback/", portal_form(world.hub_a, name_or_alias=text)).status_code,
    ]
    assert answers == [422, 422, 422, 422, 400, 400]
    assert not Person.objects.exists()
    assert not CallbackRequest.objects.exists()
